//! Where the dashboard's data comes from. A [`DataSource`] is polled by [`pump`], a task of its
//! own that forwards [`DataEvent`]s to the UI task over a channel and hands it the UI's
//! [`Effect`]s, so the UI loop never waits on a source.
//!
//! [`InMemorySource`] serves atl-core snapshots held in memory (tests, benches, `atl demo` without
//! a master) and carries out operations on them, so restart / scale / cordon visibly change the
//! next snapshot. The master-backed source (HTTP + SSE) implements the same trait.

use super::action::{DataEvent, Effect};
use super::columns::pod_ok;
use super::model::{
    AgentState, Candidate, ClusterStatus, ConnectionState, IncidentView, Level, SloView,
    TimelineEntry,
};
use atl_core::command::{Action as Op, Outcome, ScaleKind};
use atl_core::k8s::RESTARTED_AT_ANNOTATION;
use atl_core::telemetry::{SliPoint, SliSeries, SliSource};
use atl_core::{ClusterSnapshot, Timestamp};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::sync::mpsc::{Receiver, Sender};

/// A source of dashboard data. Implementations must not block for long in either method: slow
/// work (network) belongs in their own tasks, with `poll` returning what has arrived.
pub trait DataSource: Send {
    /// Events since the previous call; the first call returns everything known.
    fn poll(&mut self, now: Timestamp) -> Vec<DataEvent>;
    /// Starts an operation; its [`DataEvent::CommandDone`] comes from a later `poll`.
    fn execute(&mut self, effect: Effect);
    /// Signalled when events are waiting, for sources fed by background tasks: the pump polls
    /// at once instead of on its next tick (which cost up to a tick on every update).
    fn ready(&self) -> Option<Arc<Notify>> {
        None
    }
}

/// Runs `source` until the UI goes away: polls it every `every`, forwards its events, and feeds it
/// the UI's effects. Returns when either channel is closed.
pub async fn pump<S: DataSource>(
    mut source: S,
    events: Sender<DataEvent>,
    mut effects: Receiver<Effect>,
    every: Duration,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let ready = source.ready();
    let woken = || async {
        match &ready {
            Some(n) => n.notified().await,
            None => std::future::pending().await,
        }
    };
    loop {
        tokio::select! {
            _ = woken() => tick.reset_immediately(),
            fx = effects.recv() => match fx {
                Some(fx) => {
                    source.execute(fx);
                    // Results show up promptly instead of on the next tick.
                    tick.reset_immediately();
                }
                None => return,
            },
            _ = tick.tick() => {
                for ev in source.poll(chrono::Utc::now()) {
                    if events.send(ev).await.is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// Snapshots, incidents and SLOs held in memory.
#[derive(Debug, Default)]
pub struct InMemorySource {
    snapshots: BTreeMap<String, ClusterSnapshot>,
    offline: BTreeSet<String>,
    incidents: Vec<IncidentView>,
    slos: Option<Vec<SloView>>,
    dirty: BTreeSet<String>,
    meta_dirty: bool,
    started: bool,
    results: Vec<DataEvent>,
}

impl InMemorySource {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces a cluster's snapshot.
    pub fn insert(&mut self, snap: ClusterSnapshot) {
        self.dirty.insert(snap.cluster_id.clone());
        self.snapshots.insert(snap.cluster_id.clone(), snap);
        self.meta_dirty = true;
    }

    /// Marks a cluster's agent as gone (its last snapshot stays visible).
    pub fn set_offline(&mut self, cluster: &str, offline: bool) {
        if offline {
            self.offline.insert(cluster.to_string());
        } else {
            self.offline.remove(cluster);
        }
        self.meta_dirty = true;
    }

    pub fn set_incidents(&mut self, incidents: Vec<IncidentView>) {
        self.incidents = incidents;
        self.meta_dirty = true;
    }

    /// Overrides the SLOs derived from the snapshots' telemetry.
    pub fn set_slos(&mut self, slos: Vec<SloView>) {
        self.slos = Some(slos);
        self.meta_dirty = true;
    }

    pub fn snapshot(&self, cluster: &str) -> Option<&ClusterSnapshot> {
        self.snapshots.get(cluster)
    }

    /// Three synthetic clusters with crash-looping pods, telemetry, SLO series and the
    /// incidents the crash loops explain: the `atl demo` data without a master.
    pub fn demo() -> Self {
        use atl_core::synth::{SynthSpec, generate};
        let mut s = InMemorySource::new();
        for (id, pods, crash, seed) in [
            ("prod", 3000, 0.01, 1),
            ("staging", 400, 0.03, 2),
            ("edge", 120, 0.0, 3),
        ] {
            let mut spec = SynthSpec::with_pods(id, pods, seed);
            spec.crashloop_ratio = crash;
            spec.telemetry = true;
            spec.taken_at = chrono::Utc::now();
            let mut snap = generate(&spec);
            enrich(&mut snap, seed);
            s.incidents.extend(incidents_from_crashloops(&snap));
            s.insert(snap);
        }
        s.set_offline("edge", true);
        s
    }

    fn status(&self, snap: &ClusterSnapshot) -> ClusterStatus {
        ClusterStatus {
            id: snap.cluster_id.clone(),
            state: if self.offline.contains(&snap.cluster_id) {
                AgentState::Offline
            } else {
                AgentState::Online
            },
            risk: heuristic_risk(snap),
            agent_version: Some(snap.agent.version.clone()),
            last_seen: Some(snap.taken_at),
        }
    }

    fn apply(&mut self, cluster: &str, op: &Op) -> Result<String, String> {
        let snap = self
            .snapshots
            .get_mut(cluster)
            .ok_or_else(|| format!("cluster {cluster} is not known"))?;
        let at = snap.taken_at;
        let r = &mut snap.resources;
        let pod_pos = |pods: &[atl_core::k8s::Pod], ns: &str, name: &str| {
            pods.iter()
                .position(|p| p.meta.name == name && p.meta.namespace_str() == ns)
                .ok_or_else(|| format!("pod {ns}/{name} not found"))
        };
        match op {
            Op::RestartPod { namespace, name } => {
                let i = pod_pos(&r.pods, namespace, name)?;
                let old = r.pods.remove(i);
                let mut fresh = old.clone();
                // The controller recreates the pod under a new generated name.
                let base = old
                    .meta
                    .name
                    .rsplit_once('-')
                    .map_or(old.meta.name.as_str(), |(b, _)| b);
                fresh.meta.name = format!(
                    "{base}-r{}",
                    at.timestamp_subsec_micros() % 100_000 + r.pods.len() as u32
                );
                fresh.meta.created_at = Some(at);
                fresh.restarts = 0;
                fresh.reason = None;
                fresh.message = None;
                fresh.ready_containers = fresh.total_containers;
                for c in &mut fresh.containers {
                    c.restart_count = 0;
                    c.ready = true;
                    c.state = Some(atl_core::k8s::ContainerState::Running {
                        started_at: Some(at),
                    });
                }
                r.pods.insert(i, fresh);
                Ok(format!(
                    "pod {namespace}/{name} deleted; its controller recreated it"
                ))
            }
            Op::DeletePod {
                namespace, name, ..
            } => {
                let i = pod_pos(&r.pods, namespace, name)?;
                r.pods.remove(i);
                Ok(format!("pod {namespace}/{name} deleted"))
            }
            Op::Scale {
                kind,
                namespace,
                name,
                replicas,
            } => {
                let found = match kind {
                    ScaleKind::Deployment => r
                        .deployments
                        .iter_mut()
                        .find(|d| d.meta.name == *name && d.meta.namespace_str() == namespace)
                        .map(|d| d.replicas = *replicas),
                    ScaleKind::StatefulSet => r
                        .stateful_sets
                        .iter_mut()
                        .find(|d| d.meta.name == *name && d.meta.namespace_str() == namespace)
                        .map(|d| d.replicas = *replicas),
                };
                found.ok_or_else(|| format!("{namespace}/{name} not found"))?;
                Ok(format!("scaled {namespace}/{name} to {replicas}"))
            }
            Op::RolloutRestart {
                namespace, name, ..
            } => {
                let d = r
                    .deployments
                    .iter_mut()
                    .find(|d| d.meta.name == *name && d.meta.namespace_str() == namespace)
                    .ok_or_else(|| format!("{namespace}/{name} not found"))?;
                d.template
                    .annotations
                    .insert(RESTARTED_AT_ANNOTATION.to_string(), at.to_rfc3339());
                Ok(format!("rollout of {namespace}/{name} restarted"))
            }
            Op::Cordon { node } | Op::Uncordon { node } => {
                let n = r
                    .nodes
                    .iter_mut()
                    .find(|n| n.meta.name == *node)
                    .ok_or_else(|| format!("node {node} not found"))?;
                n.unschedulable = matches!(op, Op::Cordon { .. });
                Ok(format!(
                    "node {node} {}",
                    if n.unschedulable {
                        "cordoned"
                    } else {
                        "uncordoned"
                    }
                ))
            }
            other => Err(format!(
                "{} is not supported by the in-memory source",
                other.name()
            )),
        }
    }

    fn logs(&self, cluster: &str, op: &Op) -> Result<String, String> {
        let Op::Logs {
            namespace,
            pod,
            tail_lines,
            ..
        } = op
        else {
            return Err("not a logs request".into());
        };
        let snap = self.snapshots.get(cluster).ok_or("cluster not known")?;
        let p = snap
            .resources
            .pods
            .iter()
            .find(|p| p.meta.name == *pod && p.meta.namespace_str() == namespace)
            .ok_or_else(|| format!("pod {namespace}/{pod} not found"))?;
        // The in-memory source has no container output; it reports what it knows about the pod.
        let n = tail_lines.unwrap_or(20).min(20);
        let mut out: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    "{} [in-memory] {} line {}",
                    snap.taken_at.format("%H:%M:%S"),
                    p.meta.name,
                    i + 1
                )
            })
            .collect();
        if let Some(reason) = &p.reason {
            out.push(format!(
                "{} [in-memory] container is {reason}",
                snap.taken_at.format("%H:%M:%S")
            ));
        }
        Ok(out.join("\n"))
    }
}

impl DataSource for InMemorySource {
    fn poll(&mut self, _now: Timestamp) -> Vec<DataEvent> {
        let mut out = Vec::new();
        if !self.started {
            self.started = true;
            out.push(DataEvent::Connection(ConnectionState::Connected));
            self.meta_dirty = true;
        }
        if self.meta_dirty {
            let statuses = self.snapshots.values().map(|s| self.status(s)).collect();
            out.push(DataEvent::Clusters(statuses));
        }
        for id in std::mem::take(&mut self.dirty) {
            if let Some(s) = self.snapshots.get(&id) {
                out.push(DataEvent::Snapshot(Arc::new(s.clone())));
            }
        }
        if self.meta_dirty {
            out.push(DataEvent::Incidents(self.incidents.clone()));
            let slos = self.slos.clone().unwrap_or_else(|| {
                self.snapshots
                    .values()
                    .flat_map(slos_from_snapshot)
                    .collect()
            });
            out.push(DataEvent::Slos(slos));
            self.meta_dirty = false;
        }
        out.append(&mut self.results);
        out
    }

    fn execute(&mut self, effect: Effect) {
        let Effect::Run {
            id,
            cluster,
            action,
        } = effect;
        let done = |outcome, message: String, output| DataEvent::CommandDone {
            id,
            outcome,
            message,
            output,
        };
        let ev = if let Op::Logs { .. } = action {
            match self.logs(&cluster, &action) {
                Ok(text) => done(Outcome::Succeeded, String::new(), Some(text)),
                Err(e) => done(Outcome::Failed, e, None),
            }
        } else if self.offline.contains(&cluster) {
            done(
                Outcome::TimedOut,
                format!("agent of {cluster} is offline"),
                None,
            )
        } else {
            match self.apply(&cluster, &action) {
                Ok(msg) => {
                    self.dirty.insert(cluster);
                    self.meta_dirty = true;
                    done(Outcome::Succeeded, msg, None)
                }
                Err(e) => done(Outcome::Failed, e, None),
            }
        };
        self.results.push(ev);
    }
}

/// A stand-in for the engine's cluster risk: the share of unhealthy pods, scaled so that 10 %
/// crash-looping is critical. The master's risk replaces it when connected.
pub fn heuristic_risk(snap: &ClusterSnapshot) -> f64 {
    let pods = &snap.resources.pods;
    if pods.is_empty() {
        return 0.0;
    }
    let bad = pods.iter().filter(|p| !pod_ok(p)).count() as f64 / pods.len() as f64;
    (bad * 8.0).min(1.0)
}

/// SLOs (target 99.9 % over 30 days) from a snapshot's per-minute SLI series.
pub fn slos_from_snapshot(snap: &ClusterSnapshot) -> Vec<SloView> {
    const TARGET: f64 = 0.999;
    let Some(t) = &snap.telemetry else {
        return Vec::new();
    };
    t.series
        .slis
        .iter()
        .map(|s| {
            let series: Vec<f64> = s
                .points
                .iter()
                .map(|p| {
                    if p.total == 0 {
                        1.0
                    } else {
                        p.good as f64 / p.total as f64
                    }
                })
                .collect();
            let (good, total) = s
                .points
                .iter()
                .fold((0u64, 0u64), |(g, t), p| (g + p.good, t + p.total));
            let availability = if total == 0 {
                1.0
            } else {
                good as f64 / total as f64
            };
            let budget = 1.0 - TARGET;
            SloView {
                name: s.name.clone(),
                cluster: snap.cluster_id.clone(),
                target: TARGET,
                window_days: 30,
                availability,
                budget_remaining: 1.0 - (1.0 - availability) / budget,
                burn_rate_1h: (1.0 - availability) / budget,
                p99_ms: s.points.last().map(|p| p.p99_ms).unwrap_or(0.0),
                latency_target_ms: Some(500.0),
                series,
            }
        })
        .collect()
}

/// Makes a synthetic snapshot look lived-in: per-node pod counts, one node under memory pressure
/// and one cordoned, BackOff events for crash-looping pods, and an hour of SLI series.
pub fn enrich(snap: &mut ClusterSnapshot, seed: u64) {
    let r = &mut snap.resources;
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for p in &r.pods {
        if let Some(n) = &p.node {
            *counts.entry(n.clone()).or_default() += 1;
        }
    }
    for n in &mut r.nodes {
        n.pod_count = counts.get(&n.meta.name).copied().unwrap_or(0);
    }
    if r.nodes.len() > 3 {
        r.nodes[1].pressure.memory = true;
        r.nodes[2].unschedulable = true;
    }
    let at = snap.taken_at;
    let events: Vec<atl_core::k8s::Event> = r
        .pods
        .iter()
        .filter(|p| p.reason.is_some())
        .take(50)
        .enumerate()
        .map(|(i, p)| atl_core::k8s::Event {
            meta: atl_core::k8s::Meta {
                uid: format!("ev-{i}"),
                ..atl_core::k8s::Meta::namespaced(
                    format!("{}.{i:x}", p.meta.name),
                    p.meta.namespace_str(),
                )
            },
            type_: "Warning".into(),
            reason: "BackOff".into(),
            message: "Back-off restarting failed container".into(),
            source: Some("kubelet".into()),
            involved: atl_core::k8s::ObjectRef {
                kind: "Pod".into(),
                namespace: p.meta.namespace.clone(),
                name: p.meta.name.clone(),
                uid: None,
            },
            count: p.restarts,
            first_seen: Some(at - chrono::Duration::minutes(30)),
            last_seen: Some(at - chrono::Duration::seconds(20 * i as i64 + 10)),
        })
        .collect();
    r.events.extend(events);
    add_sli_series(snap, seed);
}

/// Adds an hour of per-minute SLI points to every ingress SLI of a snapshot's telemetry, with a
/// dip in some of them, deterministically from `seed`.
pub fn add_sli_series(snap: &mut ClusterSnapshot, seed: u64) {
    let taken = snap.taken_at;
    let Some(t) = snap.telemetry.as_mut() else {
        return;
    };
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as f64 / (1u64 << 31) as f64
    };
    t.series.slis = t
        .ingress
        .iter()
        .enumerate()
        .map(|(i, sli)| {
            let dip = i % 3 == 0;
            SliSeries {
                source: SliSource::Ingress,
                name: sli.service.clone(),
                points: (0..60)
                    .map(|m| {
                        let total = 600 + (next() * 200.0) as u64;
                        let bad_share = if dip && (40..50).contains(&m) {
                            0.02 + next() * 0.03
                        } else {
                            next() * 0.0008
                        };
                        let good = total - (total as f64 * bad_share).round() as u64;
                        SliPoint {
                            minute: taken - chrono::Duration::minutes(60 - m),
                            good,
                            total,
                            latency_buckets: vec![],
                            p95_ms: 40.0 + next() * 20.0,
                            p99_ms: 90.0
                                + next() * 60.0
                                + if dip && (40..50).contains(&m) {
                                    400.0
                                } else {
                                    0.0
                                },
                        }
                    })
                    .collect(),
            }
        })
        .collect();
}

/// One incident per crash-looping deployment, shaped like the engine's (for demo and tests).
pub fn incidents_from_crashloops(snap: &ClusterSnapshot) -> Vec<IncidentView> {
    let c = &snap.cluster_id;
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in snap
        .resources
        .pods
        .iter()
        .filter(|p| p.reason.as_deref() == Some("CrashLoopBackOff"))
    {
        let app = p
            .meta
            .labels
            .get("app")
            .cloned()
            .unwrap_or_else(|| p.meta.name.clone());
        let ns = p.meta.namespace_str();
        if !seen.insert((ns.to_string(), app.clone())) || out.len() >= 5 {
            continue;
        }
        let t0 = snap.taken_at - chrono::Duration::minutes(9);
        let pod_key = format!("{c}/{ns}/pod/{}", p.meta.name);
        let svc_key = format!("{c}/{ns}/service/{app}");
        let node_key = format!("{c}/_/node/{}", p.node.as_deref().unwrap_or("unknown"));
        let entry = |m: i64, kind: &str, text: String| TimelineEntry {
            at: t0 + chrono::Duration::minutes(m),
            kind: kind.to_string(),
            text,
        };
        out.push(IncidentView {
            id: format!("inc-{c}-{}", out.len() + 1),
            cluster: c.clone(),
            state: "incident".into(),
            severity: Level::Critical,
            summary: format!("{app} in {ns} is crash-looping; service {app} lost ready backends"),
            root_cause: Some(pod_key.clone()),
            candidates: vec![
                Candidate {
                    entity: pod_key.clone(),
                    score: 0.91,
                    evidence: vec![
                        format!(
                            "CrashLoopBackOff in container {} (rule score 0.90)",
                            p.containers.first().map_or("-", |c| c.name.as_str())
                        ),
                        format!("restarts +{} in 10 min (baseline 0, 5.1σ)", p.restarts),
                    ],
                },
                Candidate {
                    entity: svc_key.clone(),
                    score: 0.55,
                    evidence: vec![format!("{pod_key} → {svc_key}: 0.4 × 0.91 propagated")],
                },
                Candidate {
                    entity: node_key,
                    score: 0.12,
                    evidence: vec![
                        "no pressure conditions; other pods on the node are healthy".into(),
                    ],
                },
            ],
            timeline: vec![
                entry(
                    0,
                    "anomaly_detected",
                    format!("{pod_key} restart count rising"),
                ),
                entry(
                    2,
                    "state_change",
                    "healthy → warning (risk 0.62 for 2 min)".into(),
                ),
                entry(
                    5,
                    "root_cause_identified",
                    format!("{pod_key} (score 0.91)"),
                ),
                entry(
                    7,
                    "state_change",
                    "warning → incident (risk 0.91 for 5 min)".into(),
                ),
            ],
            started_at: t0,
            resolved_at: None,
            peak_risk: 0.91,
        });
    }
    out
}
