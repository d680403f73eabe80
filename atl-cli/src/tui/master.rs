//! A [`DataSource`] backed by the master's user API: cluster status from `/api/v1/clusters`,
//! each cluster's objects from `/api/v1/resources/{kind}` (re-fetched only when the master holds
//! a newer snapshot), and operations through `/api/v1/commands`. The master's event stream
//! (`/api/v1/watch`) triggers a fetch as soon as an incident or a cluster's status changes; a
//! periodic round is the fallback and picks up new snapshots. All HTTP runs on background tasks;
//! `poll` only drains what has arrived, so the UI never waits on the network.

use super::action::{DataEvent, Effect};
use super::live::{self, Backoff, Poke};
use super::model::{
    AgentState, Candidate, ClusterStatus, ConnectionState, IncidentView, Level, SloView,
    TimelineEntry,
};
use super::source::{DataSource, heuristic_risk, slos_from_snapshot};
use crate::api::{self, CommandRequest, CommandView};
use crate::client::Client;
use atl_core::aiops;
use atl_core::command::{CommandOutput, Outcome};
use atl_core::{ClusterSnapshot, ResourceKind, Timestamp};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::time::Instant;

/// Objects asked for per page.
const PAGE: &str = "5000";
/// Longest wait for an operation's result before reporting it as timed out.
const COMMAND_WAIT: Duration = Duration::from_secs(120);
/// Events of one burst (an incident opened and updated by the same snapshot) share one fetch.
const COALESCE: Duration = Duration::from_millis(150);

/// How often the master source fetches and how it retries.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// The periodic round (new snapshots have no event of their own).
    pub refresh: Duration,
    /// Retry delays while the master cannot be reached.
    pub backoff: Backoff,
    /// Failed rounds in a row after which the header says offline instead of reconnecting.
    pub offline_after: u32,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            refresh: Duration::from_secs(5),
            backoff: Backoff {
                base: Duration::from_secs(2),
                max: Duration::from_secs(30),
            },
            offline_after: 3,
        }
    }
}

/// The master as a data source. Dropping it stops its background tasks.
pub struct MasterSource {
    events: UnboundedReceiver<DataEvent>,
    effects: UnboundedSender<Effect>,
    ready: Arc<Notify>,
    tasks: [tokio::task::JoinHandle<()>; 3],
}

impl MasterSource {
    /// Starts fetching on the current tokio runtime, every `every` and on every relevant event.
    pub fn spawn(client: Client, every: Duration) -> Self {
        Self::spawn_with(
            client,
            Timing {
                refresh: every,
                ..Timing::default()
            },
        )
    }

    /// [`MasterSource::spawn`] with explicit retry timing.
    pub fn spawn_with(client: Client, timing: Timing) -> Self {
        let (tx, mut fetched) = unbounded_channel();
        let (out, events) = unbounded_channel();
        let (effects, fx_rx) = unbounded_channel();
        let (poke_tx, pokes) = unbounded_channel();
        let ready = Arc::new(Notify::new());
        let stream = tokio::spawn(live::follow(client.clone(), poke_tx, timing.backoff));
        let fetch = tokio::spawn(fetch_loop(client, timing, tx, fx_rx, pokes));
        // Passes the fetch loop's events on and wakes the pump, so a snapshot is drawn when it
        // arrives rather than on the pump's next tick.
        let wake = ready.clone();
        let forward = tokio::spawn(async move {
            while let Some(ev) = fetched.recv().await {
                if out.send(ev).is_err() {
                    return;
                }
                wake.notify_one();
            }
        });
        MasterSource {
            events,
            effects,
            ready,
            tasks: [stream, fetch, forward],
        }
    }
}

impl Drop for MasterSource {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
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

    fn ready(&self) -> Option<Arc<Notify>> {
        Some(self.ready.clone())
    }
}

/// What the fetch loop remembers between rounds.
#[derive(Default)]
struct Fetched {
    /// Per cluster: the snapshot time last fetched and its heuristic risk.
    seen: HashMap<String, (Timestamp, f64)>,
    /// The last cluster list sent: unchanged lists are not re-sent (each one re-indexes the UI).
    clusters: Vec<ClusterStatus>,
    incidents: IncidentCache,
    /// Per cluster: the SLOs of its latest telemetry.
    slos: BTreeMap<String, Vec<SloView>>,
}

async fn fetch_loop(
    client: Client,
    timing: Timing,
    tx: UnboundedSender<DataEvent>,
    mut effects: UnboundedReceiver<Effect>,
    mut pokes: UnboundedReceiver<Poke>,
) {
    let mut fetched = Fetched::default();
    let mut failures: u32 = 0;
    let mut connected = false;
    let mut pokes_open = true;
    let mut next = Instant::now();
    loop {
        tokio::select! {
            fx = effects.recv() => match fx {
                Some(fx) => {
                    tokio::spawn(run_command(client.clone(), fx, tx.clone()));
                }
                None => return,
            },
            poke = pokes.recv(), if pokes_open => match poke {
                // A change, or the stream is back (so may the master be): fetch now. A broken
                // stream while connected is checked at once; while already retrying it changes
                // nothing, so the countdown in the header stays true.
                Some(Poke::Changed) => next = next.min(Instant::now() + COALESCE),
                Some(Poke::Lost) if connected => next = next.min(Instant::now()),
                Some(Poke::Lost) => {}
                None => pokes_open = false,
            },
            () = tokio::time::sleep_until(next) => {
                let state = match refresh(&client, &tx, &mut fetched).await {
                    // Connected is said once per connection, not every round.
                    Ok(()) if connected => {
                        next = Instant::now() + timing.refresh;
                        continue;
                    }
                    Ok(()) => {
                        failures = 0;
                        connected = true;
                        next = Instant::now() + timing.refresh;
                        ConnectionState::Connected
                    }
                    Err(RefreshError::Closed) => return,
                    Err(RefreshError::Master(reason)) => {
                        connected = false;
                        failures = failures.saturating_add(1);
                        let delay = timing.backoff.delay(failures);
                        next = Instant::now() + delay;
                        let retry_at = chrono::Utc::now()
                            + chrono::Duration::from_std(delay).unwrap_or_default();
                        if failures >= timing.offline_after {
                            ConnectionState::Offline { reason, retry_at: Some(retry_at) }
                        } else {
                            ConnectionState::Reconnecting { retry_at, attempt: failures }
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

/// Why a round did not complete.
enum RefreshError {
    /// The master could not be asked (unreachable, refused the token, answered 5xx).
    Master(String),
    /// The dashboard went away.
    Closed,
}

/// One round: cluster list, then the objects of clusters whose snapshot changed.
async fn refresh(
    client: &Client,
    tx: &UnboundedSender<DataEvent>,
    fetched: &mut Fetched,
) -> Result<(), RefreshError> {
    // The header has one line: the error without its hint.
    let master = |e: crate::error::CliError| {
        let text = e.to_string();
        RefreshError::Master(text.lines().next().unwrap_or_default().to_string())
    };
    let (items, _) = api::list_page(
        client
            .get::<Value>(api::CLUSTERS, &[])
            .await
            .map_err(master)?,
    );
    let infos: Vec<atl_core::api::ClusterInfo> = items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect();
    let seen = &mut fetched.seen;
    seen.retain(|id, _| infos.iter().any(|i| i.id == *id));
    let mut fresh = Vec::new();
    for info in &infos {
        let Some(taken) = info.last_snapshot else {
            continue;
        };
        if seen.get(&info.id).is_some_and(|(t, _)| *t == taken) {
            continue;
        }
        let mut snap = fetch_snapshot(client, &info.id, taken)
            .await
            .map_err(master)?;
        // Telemetry is optional (an agent without ClickHouse sends none): absent, not an error.
        snap.telemetry = client
            .get::<atl_core::telemetry::Telemetry>(&api::cluster_telemetry(&info.id), &[])
            .await
            .ok();
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
    let closed = |_| RefreshError::Closed;
    if fetched.clusters != statuses {
        fetched.clusters = statuses.clone();
        tx.send(DataEvent::Clusters(statuses)).map_err(closed)?;
    }
    let slos_before = fetched.slos.len();
    fetched
        .slos
        .retain(|id, _| infos.iter().any(|i| i.id == *id));
    let slos_changed = !fresh.is_empty() || fetched.slos.len() != slos_before;
    for snap in fresh {
        fetched
            .slos
            .insert(snap.cluster_id.clone(), slos_from_snapshot(&snap));
        tx.send(DataEvent::Snapshot(Arc::new(snap)))
            .map_err(closed)?;
    }
    if slos_changed {
        let all = fetched.slos.values().flatten().cloned().collect();
        tx.send(DataEvent::Slos(all)).map_err(closed)?;
    }
    // Incidents are optional: an older master without the engine's routes answers 404.
    if let Some(list) = fetch_incidents(client, &mut fetched.incidents).await {
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

/// Rebuilds a cluster's snapshot from the master's resource listings, every kind at once. Only
/// the kinds the dashboard shows are fetched.
async fn fetch_snapshot(
    client: &Client,
    cluster: &str,
    taken: Timestamp,
) -> Result<ClusterSnapshot, crate::error::CliError> {
    use ResourceKind as K;
    let mut snap = ClusterSnapshot::new(cluster, taken);
    let r = &mut snap.resources;
    (
        r.pods,
        r.nodes,
        r.deployments,
        r.stateful_sets,
        r.daemon_sets,
        r.jobs,
        r.services,
        r.ingresses,
        r.events,
        r.namespaces,
    ) = tokio::try_join!(
        fetch_kind(client, cluster, K::Pod),
        fetch_kind(client, cluster, K::Node),
        fetch_kind(client, cluster, K::Deployment),
        fetch_kind(client, cluster, K::StatefulSet),
        fetch_kind(client, cluster, K::DaemonSet),
        fetch_kind(client, cluster, K::Job),
        fetch_kind(client, cluster, K::Service),
        fetch_kind(client, cluster, K::Ingress),
        fetch_kind(client, cluster, K::Event),
        fetch_kind(client, cluster, K::Namespace),
    )?;
    Ok(snap)
}

/// A page of `/api/v1/resources/{kind}` decoded straight into the slim type.
#[derive(serde::Deserialize)]
struct Page<T> {
    items: Vec<PageItem<T>>,
    #[serde(default, rename = "continue")]
    next: Option<String>,
}

#[derive(serde::Deserialize)]
struct PageItem<T> {
    object: T,
}

/// Every object of one kind in `cluster`, page by page. A page normally decodes straight into
/// the slim type (no JSON tree in between); one that does not is fetched again loosely and its
/// odd objects skipped, so one object this client cannot read never hides a cluster.
async fn fetch_kind<T: serde::de::DeserializeOwned>(
    client: &Client,
    cluster: &str,
    kind: ResourceKind,
) -> Result<Vec<T>, crate::error::CliError> {
    let path = api::resources(kind.plural());
    let mut out = Vec::new();
    let mut cont: Option<String> = None;
    loop {
        let mut q = vec![
            ("cluster", cluster.to_string()),
            ("limit", PAGE.to_string()),
        ];
        if let Some(c) = &cont {
            q.push(("continue", c.clone()));
        }
        let next = match client.get::<Page<T>>(&path, &q).await {
            Ok(page) => {
                out.extend(page.items.into_iter().map(|i| i.object));
                page.next
            }
            // Only an answer that did not decode is asked again; a transport or HTTP error is
            // the round's error, not a reason for a second request.
            Err(crate::error::CliError::Other(_)) => {
                let (items, next) = api::list_page(client.get::<Value>(&path, &q).await?);
                out.extend(items.into_iter().filter_map(|item| {
                    let object = match item {
                        Value::Object(mut m) if m.contains_key("object") => {
                            m.remove("object").unwrap_or(Value::Null)
                        }
                        other => other,
                    };
                    serde_json::from_value(object).ok()
                }));
                next
            }
            Err(e) => return Err(e),
        };
        match next.filter(|n| !n.is_empty()) {
            Some(n) if cont.as_deref() != Some(n.as_str()) => cont = Some(n),
            _ => return Ok(out),
        }
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
