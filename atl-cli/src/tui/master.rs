//! A [`DataSource`] backed by the master's user API: cluster status from `/api/v1/clusters`,
//! each cluster's objects from `/api/v1/resources/{kind}` (re-fetched only when the master holds
//! a newer snapshot), and operations through `/api/v1/commands`. All HTTP runs on a background
//! task; `poll` only drains what has arrived, so the UI never waits on the network.

use super::action::{DataEvent, Effect};
use super::model::{
    AgentState, Candidate, ClusterStatus, ConnectionState, IncidentView, Level, TimelineEntry,
};
use super::source::{DataSource, heuristic_risk};
use crate::api::{self, CommandRequest, CommandView};
use crate::client::Client;
use atl_core::aiops;
use atl_core::command::{CommandOutput, Outcome};
use atl_core::{ClusterSnapshot, ResourceKind, Timestamp};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// Kinds the dashboard shows; the others are not fetched.
const KINDS: [ResourceKind; 10] = [
    ResourceKind::Pod,
    ResourceKind::Node,
    ResourceKind::Deployment,
    ResourceKind::StatefulSet,
    ResourceKind::DaemonSet,
    ResourceKind::Job,
    ResourceKind::Service,
    ResourceKind::Ingress,
    ResourceKind::Event,
    ResourceKind::Namespace,
];

/// Objects asked for per page.
const PAGE: &str = "5000";
/// Longest wait for an operation's result before reporting it as timed out.
const COMMAND_WAIT: Duration = Duration::from_secs(120);

/// The master as a data source. Dropping it stops its background task.
pub struct MasterSource {
    events: UnboundedReceiver<DataEvent>,
    effects: UnboundedSender<Effect>,
    task: tokio::task::JoinHandle<()>,
}

impl MasterSource {
    /// Starts fetching on the current tokio runtime, every `every`.
    pub fn spawn(client: Client, every: Duration) -> Self {
        let (tx, events) = unbounded_channel();
        let (effects, fx_rx) = unbounded_channel();
        let task = tokio::spawn(fetch_loop(client, every, tx, fx_rx));
        MasterSource {
            events,
            effects,
            task,
        }
    }
}

impl Drop for MasterSource {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl DataSource for MasterSource {
    fn poll(&mut self, _now: Timestamp) -> Vec<DataEvent> {
        let mut out = Vec::new();
        while let Ok(ev) = self.events.try_recv() {
            out.push(ev);
        }
        out
    }

    fn execute(&mut self, effect: Effect) {
        // A closed channel means the task ended; the UI learns it from the connection state.
        let _ = self.effects.send(effect);
    }
}

async fn fetch_loop(
    client: Client,
    every: Duration,
    tx: UnboundedSender<DataEvent>,
    mut effects: UnboundedReceiver<Effect>,
) {
    let mut seen: HashMap<String, (Timestamp, f64)> = HashMap::new();
    // The last cluster list sent: unchanged lists are not re-sent (each one re-indexes the UI).
    let mut last: Vec<ClusterStatus> = Vec::new();
    let mut incidents = IncidentCache::new();
    let mut attempt: u32 = 0;
    let mut connected = false;
    let mut next = tokio::time::Instant::now();
    loop {
        tokio::select! {
            fx = effects.recv() => match fx {
                Some(fx) => {
                    tokio::spawn(run_command(client.clone(), fx, tx.clone()));
                }
                None => return,
            },
            _ = tokio::time::sleep_until(next) => {
                let state = match refresh(&client, &tx, &mut seen, &mut last, &mut incidents).await {
                    // Connected is said once per connection, not every round.
                    Ok(()) if attempt == 0 && connected => {
                        next = tokio::time::Instant::now() + every;
                        continue;
                    }
                    Ok(()) => {
                        attempt = 0;
                        connected = true;
                        next = tokio::time::Instant::now() + every;
                        ConnectionState::Connected
                    }
                    Err(e) => {
                        connected = false;
                        attempt = attempt.saturating_add(1);
                        // 2 s, 4 s, 8 s … capped at 30 s.
                        let delay = Duration::from_secs(1u64 << attempt.min(5)).min(Duration::from_secs(30));
                        next = tokio::time::Instant::now() + delay;
                        if attempt > 8 {
                            ConnectionState::Offline { reason: e }
                        } else {
                            ConnectionState::Reconnecting {
                                retry_at: chrono::Utc::now()
                                    + chrono::Duration::from_std(delay).unwrap_or_default(),
                                attempt,
                            }
                        }
                    }
                };
                if tx.send(DataEvent::Connection(state)).is_err() {
                    return;
                }
            }
        }
    }
}

/// One round: cluster list, then the objects of clusters whose snapshot changed.
async fn refresh(
    client: &Client,
    tx: &UnboundedSender<DataEvent>,
    seen: &mut HashMap<String, (Timestamp, f64)>,
    last: &mut Vec<ClusterStatus>,
    incidents: &mut IncidentCache,
) -> Result<(), String> {
    let (items, _) = api::list_page(
        client
            .get::<Value>(api::CLUSTERS, &[])
            .await
            .map_err(|e| e.to_string())?,
    );
    let infos: Vec<atl_core::api::ClusterInfo> = items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    seen.retain(|id, _| infos.iter().any(|i| i.id == *id));
    let mut fresh = Vec::new();
    for info in &infos {
        let Some(taken) = info.last_snapshot else {
            continue;
        };
        if seen.get(&info.id).is_some_and(|(t, _)| *t == taken) {
            continue;
        }
        let snap = fetch_snapshot(client, &info.id, taken).await?;
        seen.insert(info.id.clone(), (taken, heuristic_risk(&snap)));
        fresh.push(snap);
    }
    // The engine's cluster risk (0–1, like entity risk); a master without the engine falls back to
    // the snapshot's own share of unhealthy pods.
    let engine_risk: HashMap<String, f64> = match client.get::<Value>(api::RISK, &[]).await {
        Ok(v) => api::list_page(v)
            .0
            .into_iter()
            .filter_map(|i| serde_json::from_value::<aiops::ClusterRisk>(i).ok())
            .map(|r| (r.cluster, r.risk.clamp(0.0, 1.0)))
            .collect(),
        Err(_) => HashMap::new(),
    };
    let statuses: Vec<ClusterStatus> = infos
        .iter()
        .map(|i| ClusterStatus {
            id: i.id.clone(),
            state: match i.status {
                atl_core::api::ClusterStatus::Online => AgentState::Online,
                atl_core::api::ClusterStatus::Stale => AgentState::Stale,
                atl_core::api::ClusterStatus::Offline => AgentState::Offline,
            },
            risk: engine_risk
                .get(&i.id)
                .copied()
                .unwrap_or_else(|| seen.get(&i.id).map_or(0.0, |(_, r)| *r)),
            agent_version: i.agent_version.clone(),
            last_seen: i.last_snapshot.or(i.last_heartbeat),
        })
        .collect();
    let closed = |_| "dashboard closed".to_string();
    if *last != statuses {
        *last = statuses.clone();
        tx.send(DataEvent::Clusters(statuses)).map_err(closed)?;
    }
    for snap in fresh {
        tx.send(DataEvent::Snapshot(Arc::new(snap)))
            .map_err(closed)?;
    }
    // Incidents are optional: an older master without the engine's routes answers 404.
    if let Some(list) = fetch_incidents(client, incidents).await {
        tx.send(DataEvent::Incidents(list)).map_err(closed)?;
    }
    Ok(())
}

/// How many of the newest incidents the dashboard shows (details are fetched for each).
const INCIDENT_LIMIT: usize = 50;

/// Incident views by id with the `updated_at` they were built from, so a refresh fetches the
/// detail (candidates, timeline) only of incidents that changed.
type IncidentCache = HashMap<String, (Timestamp, IncidentView)>;

/// The newest incidents with their candidates and timelines, as the dashboard shows them.
async fn fetch_incidents(client: &Client, cache: &mut IncidentCache) -> Option<Vec<IncidentView>> {
    let limit = INCIDENT_LIMIT.to_string();
    let page = client
        .get::<Value>(api::INCIDENTS, &[("limit", limit)])
        .await
        .ok()?;
    let (items, _) = api::list_page(page);
    let mut out = Vec::new();
    for item in items {
        let Ok(info) = serde_json::from_value::<aiops::IncidentInfo>(item) else {
            continue;
        };
        if let Some((at, view)) = cache.get(&info.id)
            && *at == info.updated_at
        {
            out.push(view.clone());
            continue;
        }
        let path = format!("{}/{}", api::INCIDENTS, info.id);
        let detail = client.get::<aiops::IncidentDetail>(&path, &[]).await.ok();
        let (id, updated, complete) = (info.id.clone(), info.updated_at, detail.is_some());
        let view = incident_view(info, detail);
        // A failed detail fetch is retried on the next refresh, not cached.
        if complete {
            cache.insert(id, (updated, view.clone()));
        }
        out.push(view);
    }
    cache.retain(|id, _| out.iter().any(|v| v.id == *id));
    Some(out)
}

fn incident_view(info: aiops::IncidentInfo, detail: Option<aiops::IncidentDetail>) -> IncidentView {
    let (candidates, timeline) = match detail {
        Some(d) => (
            d.candidates
                .into_iter()
                .map(|c| Candidate {
                    entity: c.entity,
                    score: c.score,
                    evidence: c
                        .evidence
                        .into_iter()
                        .map(|e| e.text)
                        .chain(c.path.into_iter().map(|p| {
                            format!(
                                "{} -[{}]-> {} ({:.2})",
                                p.from, p.edge, p.to, p.contribution
                            )
                        }))
                        .collect(),
                })
                .collect(),
            d.timeline
                .into_iter()
                .map(|t| TimelineEntry {
                    at: t.at,
                    kind: t.kind,
                    text: t.detail,
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    IncidentView {
        severity: severity_level(&info.severity, info.peak_risk),
        id: info.id,
        cluster: info.cluster,
        state: info.state,
        summary: info.summary,
        root_cause: info.root_cause,
        candidates,
        timeline,
        started_at: info.started_at,
        resolved_at: info.resolved_at,
        peak_risk: info.peak_risk,
    }
}

fn severity_level(severity: &str, peak: f64) -> Level {
    match severity {
        "critical" => Level::Critical,
        "high" => Level::High,
        "medium" => Level::Medium,
        "low" => Level::Low,
        _ => Level::from_risk(peak),
    }
}

/// Rebuilds a cluster's snapshot from the master's resource listings.
async fn fetch_snapshot(
    client: &Client,
    cluster: &str,
    taken: Timestamp,
) -> Result<ClusterSnapshot, String> {
    let mut snap = ClusterSnapshot::new(cluster, taken);
    for kind in KINDS {
        let path = api::resources(kind.plural());
        let mut cont: Option<String> = None;
        loop {
            let mut q = vec![
                ("cluster", cluster.to_string()),
                ("limit", PAGE.to_string()),
            ];
            if let Some(c) = &cont {
                q.push(("continue", c.clone()));
            }
            let page = client
                .get::<Value>(&path, &q)
                .await
                .map_err(|e| e.to_string())?;
            let (items, next) = api::list_page(page);
            for item in items {
                let object = match item {
                    Value::Object(mut m) if m.contains_key("object") => {
                        m.remove("object").unwrap_or(Value::Null)
                    }
                    other => other,
                };
                add_object(&mut snap, kind, object);
            }
            match next {
                Some(n) if cont.as_deref() != Some(n.as_str()) => cont = Some(n),
                _ => break,
            }
        }
    }
    Ok(snap)
}

/// Adds one slim object to the snapshot; objects that do not decode are skipped, so one odd
/// object never hides a cluster.
fn add_object(snap: &mut ClusterSnapshot, kind: ResourceKind, v: Value) {
    fn push<T: serde::de::DeserializeOwned>(list: &mut Vec<T>, v: Value) {
        if let Ok(o) = serde_json::from_value(v) {
            list.push(o);
        }
    }
    let r = &mut snap.resources;
    match kind {
        ResourceKind::Pod => push(&mut r.pods, v),
        ResourceKind::Node => push(&mut r.nodes, v),
        ResourceKind::Deployment => push(&mut r.deployments, v),
        ResourceKind::StatefulSet => push(&mut r.stateful_sets, v),
        ResourceKind::DaemonSet => push(&mut r.daemon_sets, v),
        ResourceKind::Job => push(&mut r.jobs, v),
        ResourceKind::Service => push(&mut r.services, v),
        ResourceKind::Ingress => push(&mut r.ingresses, v),
        ResourceKind::Event => push(&mut r.events, v),
        ResourceKind::Namespace => push(&mut r.namespaces, v),
        _ => {}
    }
}

/// Submits one operation and reports its end.
async fn run_command(client: Client, effect: Effect, tx: UnboundedSender<DataEvent>) {
    let Effect::Run {
        id,
        cluster,
        action,
    } = effect;
    let done = |outcome, message: String, output: Option<String>| DataEvent::CommandDone {
        id,
        outcome,
        message,
        output,
    };
    let req = CommandRequest {
        cluster: &cluster,
        action: &action,
        deadline_secs: None,
    };
    let ev = match client.post::<_, Value>(api::COMMANDS, &req).await {
        Err(e) => done(Outcome::Failed, e.to_string(), None),
        Ok(v) => {
            let mut view = CommandView(v);
            let path = format!("{}/{}", api::COMMANDS, view.id());
            let deadline = tokio::time::Instant::now() + COMMAND_WAIT;
            let mut delay = Duration::from_millis(100);
            while !view.is_final() && tokio::time::Instant::now() < deadline {
                tokio::time::sleep(delay).await;
                delay = (delay * 2).min(Duration::from_secs(1));
                match client.get::<Value>(&path, &[]).await {
                    Ok(v) => view = CommandView(v),
                    Err(e) => {
                        let _ = tx.send(done(Outcome::Failed, e.to_string(), None));
                        return;
                    }
                }
            }
            let output = view.output().map(|o| match o {
                CommandOutput::Text(t) => t,
                CommandOutput::Json(j) => serde_json::to_string_pretty(&j).unwrap_or_default(),
            });
            match view.state().as_str() {
                "succeeded" => done(Outcome::Succeeded, String::new(), output),
                "timed_out" => done(Outcome::TimedOut, view.error().unwrap_or_default(), None),
                s if !view.is_final() => done(
                    Outcome::TimedOut,
                    format!(
                        "still {s} after {}s; check `atl audit`",
                        COMMAND_WAIT.as_secs()
                    ),
                    None,
                ),
                _ => done(
                    Outcome::Failed,
                    view.error()
                        .unwrap_or_else(|| "the agent reported a failure".into()),
                    None,
                ),
            }
        }
    };
    let _ = tx.send(ev);
}
