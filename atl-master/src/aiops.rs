//! The AIOps engine inside the master. One task owns the [`Engine`]; the snapshot ingest path
//! hands it each accepted snapshot through a bounded per-cluster mailbox and never waits for it.
//! The task writes incident changes to SQLite, publishes them on the watch stream, and keeps the
//! latest risk of every cluster for `/api/v1/risk` and `/api/v1/topology`.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, RwLock};

use atl_core::ClusterSnapshot;
use atl_core::aiops::{
    Candidate, ClusterRisk, EntityRisk, IncidentChange, IncidentDetail, IncidentEntity,
    IncidentInfo, PathStep, TimelineEntry,
};
use atl_core::api::WatchEvent;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::{Notify, watch};

use crate::engine::incident::Incident;
use crate::engine::pipeline::IncidentAction;
use crate::engine::{Engine, EngineConfig, Output, rootcause};
use crate::http::AppState;
use crate::store::incidents::{self, Previous, severity_rank};

/// Snapshots waiting per cluster; beyond this the oldest pending one is dropped (newest wins),
/// so a slow engine costs accuracy, never ingest latency or memory.
pub const MAILBOX_PER_CLUSTER: usize = 4;

/// Shared handle: the mailbox the ingest path fills and the risk the engine last computed.
pub struct Aiops {
    config: EngineConfig,
    mailbox: Mutex<HashMap<String, VecDeque<Arc<ClusterSnapshot>>>>,
    bell: Notify,
    risk: RwLock<HashMap<String, Arc<ClusterRisk>>>,
}

impl Aiops {
    pub fn new(config: EngineConfig) -> Arc<Self> {
        Arc::new(Self {
            config,
            mailbox: Mutex::default(),
            bell: Notify::new(),
            risk: RwLock::default(),
        })
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Queue a snapshot for the engine without waiting; returns true when an older pending
    /// snapshot of the same cluster was dropped to make room.
    pub fn submit(&self, snap: Arc<ClusterSnapshot>) -> bool {
        let dropped = {
            let mut m = self.mailbox.lock().unwrap_or_else(|p| p.into_inner());
            let q = m.entry(snap.cluster_id.clone()).or_default();
            let full = q.len() >= MAILBOX_PER_CLUSTER;
            if full {
                q.pop_front();
            }
            q.push_back(snap);
            full
        };
        self.bell.notify_one();
        dropped
    }

    fn take_pending(&self) -> Vec<Arc<ClusterSnapshot>> {
        let mut m = self.mailbox.lock().unwrap_or_else(|p| p.into_inner());
        m.drain().flat_map(|(_, q)| q).collect()
    }

    /// The latest risk of one cluster.
    pub fn risk(&self, cluster: &str) -> Option<Arc<ClusterRisk>> {
        self.risk
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(cluster)
            .cloned()
    }

    /// The latest risk of every cluster, ordered by cluster id.
    pub fn risks(&self) -> Vec<Arc<ClusterRisk>> {
        let map = self.risk.read().unwrap_or_else(|p| p.into_inner());
        let mut v: Vec<_> = map.values().cloned().collect();
        v.sort_by(|a, b| a.cluster.cmp(&b.cluster));
        v
    }

    pub fn forget(&self, cluster: &str) {
        self.risk
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .remove(cluster);
    }
}

/// The engine task: runs until `stop`.
pub async fn run(app: AppState, mut stop: watch::Receiver<bool>) {
    let aiops = app.aiops.clone();
    // Built from the store before the first snapshot, and again after an engine failure.
    let mut engine: Option<Engine> = None;
    loop {
        tokio::select! {
            _ = aiops.bell.notified() => {}
            _ = stop.wait_for(|v| *v) => return,
        }
        let mut pending = aiops.take_pending();
        if pending.is_empty() {
            continue;
        }
        // Oldest first across clusters, so each cluster's snapshots stay in order.
        pending.sort_by_key(|s| s.taken_at);
        let mut eng = match engine.take() {
            Some(e) => e,
            None => restored_engine(&app).await,
        };
        // The engine is CPU-bound: run it off the async workers.
        let res = tokio::task::spawn_blocking(move || {
            let outs: Vec<(Output, usize)> = pending
                .iter()
                .map(|s| {
                    let out = eng.process_snapshot(s);
                    let open = eng.open_incidents(&s.cluster_id).len();
                    (out, open)
                })
                .collect();
            (eng, outs)
        })
        .await;
        let outs = match res {
            Ok((eng, outs)) => {
                engine = Some(eng);
                outs
            }
            Err(e) => {
                // A panic in the engine loses its state, not the master: start afresh.
                tracing::error!(error = %e, "AIOps engine failed; restarting it from the stored incidents");
                app.metrics.inc("atl_engine_restarts_total", &[]);
                continue;
            }
        };
        for (out, open) in outs {
            apply(&app, out, open).await;
        }
    }
}

/// Persist and publish one output, and remember the cluster's risk.
async fn apply(app: &AppState, out: Output, open: usize) {
    if !out.accepted {
        app.metrics
            .inc("atl_engine_snapshots_total", &[("result", "out_of_order")]);
        return;
    }
    app.metrics
        .inc("atl_engine_snapshots_total", &[("result", "processed")]);
    let risk = cluster_risk(&out, open);
    app.aiops
        .risk
        .write()
        .unwrap_or_else(|p| p.into_inner())
        .insert(out.cluster.clone(), Arc::new(risk));
    for ev in out.incidents {
        let action = ev.action;
        let detail = incident_detail(&ev.incident, ms(out.at_ms));
        let stored = detail.clone();
        match app.store.call(move |c| incidents::upsert(c, &stored)).await {
            Ok(previous) => {
                app.metrics.inc(
                    "atl_incident_changes_total",
                    &[("action", name_of(&action).as_str())],
                );
                app.hub
                    .publish(watch_event(action, detail.info, previous.as_ref()));
            }
            Err(e) => {
                tracing::error!(incident = %ev.incident.id, error = %e, "cannot store incident")
            }
        }
    }
}

/// The watch event of an engine change, given what was stored before.
pub fn watch_event(
    action: IncidentAction,
    info: IncidentInfo,
    previous: Option<&Previous>,
) -> WatchEvent {
    let previous_state = previous
        .filter(|p| p.state != info.state)
        .map(|p| p.state.clone());
    let previous_severity = previous
        .filter(|p| severity_rank(&info.severity) > severity_rank(&p.severity))
        .map(|p| p.severity.clone());
    let escalated = previous_severity.is_some();
    let state_changed = previous_state.is_some();
    let change = Box::new(IncidentChange {
        incident: info,
        previous_state,
        previous_severity,
    });
    match action {
        IncidentAction::Created if previous.is_none() => WatchEvent::IncidentCreated(change),
        IncidentAction::Resolved => WatchEvent::IncidentResolved(change),
        _ if escalated => WatchEvent::IncidentEscalated(change),
        _ if state_changed => WatchEvent::IncidentStateChanged(change),
        _ => WatchEvent::IncidentUpdated(change),
    }
}

fn ms(at_ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(at_ms).unwrap_or_default()
}

/// The snake_case name serde gives an engine enum.
fn name_of<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn candidate(c: &rootcause::Candidate) -> Candidate {
    Candidate {
        entity: c.entity.clone(),
        score: c.score,
        r_local: c.r_local,
        r_final: c.r_final,
        evidence: c.evidence.clone(),
        path: c
            .path
            .iter()
            .map(|p| PathStep {
                from: p.from.clone(),
                to: p.to.clone(),
                edge: p.edge.clone(),
                contribution: p.contribution,
            })
            .collect(),
    }
}

/// The API form of an engine incident, as of snapshot time `at`.
pub fn incident_detail(i: &Incident, at: DateTime<Utc>) -> IncidentDetail {
    let state = name_of(&i.state);
    IncidentDetail {
        info: IncidentInfo {
            id: i.id.clone(),
            cluster: i.cluster.clone(),
            confirmed_at: (state == "incident").then_some(at),
            state,
            severity: i.severity.as_str().to_string(),
            root_cause: i.root_cause.clone(),
            peak_risk: i.peak_risk,
            started_at: ms(i.started_at_ms),
            resolved_at: i.resolved_at_ms.map(ms),
            updated_at: at,
            duration_secs: i.duration_secs,
            recurrence: i.recurrence,
            summary: i.summary.clone(),
        },
        entities: i
            .entities
            .iter()
            .map(|e| IncidentEntity {
                entity: e.entity.clone(),
                kind: e.kind.as_str().to_string(),
                role: name_of(&e.role),
                r_local: e.r_local,
                r_final: e.r_final,
                state: e.state.map(|s| s.as_str().to_string()),
            })
            .collect(),
        candidates: i.candidates.iter().map(candidate).collect(),
        timeline: i
            .timeline
            .iter()
            .map(|t| TimelineEntry {
                at: ms(t.at_ms),
                kind: name_of(&t.kind),
                entity: t.entity.clone(),
                detail: t.detail.clone(),
            })
            .collect(),
    }
}

/// Parses the snake_case name serde gives an engine enum.
fn parse_name<T: DeserializeOwned>(what: &str, name: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| format!("unknown {what} {name:?}"))
}

/// The engine form of a stored incident (the reverse of [`incident_detail`]), so the engine can
/// continue it after a restart.
pub fn engine_incident(d: &IncidentDetail) -> Result<Incident, String> {
    use crate::engine::incident as e;
    let i = &d.info;
    let entities = d
        .entities
        .iter()
        .map(|m| {
            Ok(e::IncidentEntity {
                entity: m.entity.clone(),
                kind: parse_name("entity kind", &m.kind)?,
                role: parse_name("role", &m.role)?,
                r_local: m.r_local,
                r_final: m.r_final,
                state: m
                    .state
                    .as_deref()
                    .map(|s| parse_name("entity state", s))
                    .transpose()?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    let timeline = d
        .timeline
        .iter()
        .map(|t| {
            Ok(e::TimelineEntry {
                at_ms: t.at.timestamp_millis(),
                kind: parse_name("timeline kind", &t.kind)?,
                entity: t.entity.clone(),
                detail: t.detail.clone(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    // Candidates, evidence and path steps have the same fields in both forms.
    let candidates = serde_json::to_value(&d.candidates)
        .and_then(serde_json::from_value)
        .map_err(|err| format!("candidates: {err}"))?;
    Ok(Incident {
        id: i.id.clone(),
        cluster: i.cluster.clone(),
        state: parse_name("incident state", &i.state)?,
        severity: parse_name("severity", &i.severity)?,
        root_cause: i.root_cause.clone(),
        candidates,
        // The stored ranking explains the worst moment so far.
        candidates_risk: i.peak_risk,
        peak_risk: i.peak_risk,
        started_at_ms: i.started_at.timestamp_millis(),
        resolved_at_ms: i.resolved_at.map(|t| t.timestamp_millis()),
        duration_secs: i.duration_secs,
        recurrence: i.recurrence,
        summary: i.summary.clone(),
        entities,
        timeline,
    })
}

/// A new engine continuing the open incidents stored by a previous run. An unreadable incident
/// is logged and left as stored (the engine then opens a new one if its fault persists).
async fn restored_engine(app: &AppState) -> Engine {
    let mut engine = Engine::new(app.aiops.config.clone());
    let details = match app.store.call(|c| incidents::open_details(c)).await {
        Ok(d) => d,
        Err(e) => {
            tracing::error!(error = %e, "cannot load open incidents; the engine starts without them");
            return engine;
        }
    };
    let open: Vec<Incident> = details
        .iter()
        .filter_map(|d| match engine_incident(d) {
            Ok(i) => Some(i),
            Err(e) => {
                tracing::warn!(incident = %d.info.id, error = %e, "stored incident not continued");
                None
            }
        })
        .collect();
    if !open.is_empty() {
        tracing::info!(incidents = open.len(), "continuing open incidents");
    }
    engine.restore(open);
    engine
}

fn cluster_risk(out: &Output, open: usize) -> ClusterRisk {
    let mut entities: Vec<EntityRisk> = out
        .risks
        .iter()
        .map(|r| EntityRisk {
            entity: r.entity.clone(),
            kind: r.kind.as_str().to_string(),
            r_local: r.r_local,
            r_final: r.r_final,
            level: name_of(&r.level),
            findings: r.findings.clone(),
        })
        .collect();
    entities.sort_by(|a, b| {
        b.r_final
            .total_cmp(&a.r_final)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    ClusterRisk {
        cluster: out.cluster.clone(),
        risk: out.cluster_risk,
        level: name_of(&out.cluster_level),
        top_entity: entities.first().map(|e| e.entity.clone()),
        at: ms(out.at_ms),
        open_incidents: open as u64,
        entities,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::synth::{SynthSpec, generate};

    #[test]
    fn mailbox_keeps_the_newest_per_cluster() {
        let a = Aiops::new(EngineConfig::default());
        let base = generate(&SynthSpec::with_pods("c1", 5, 1));
        let mut dropped = 0;
        for i in 0..(MAILBOX_PER_CLUSTER as i64 + 3) {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i);
            dropped += usize::from(a.submit(Arc::new(s)));
        }
        let mut other = base.clone();
        other.cluster_id = "c2".into();
        assert!(!a.submit(Arc::new(other)));
        assert_eq!(dropped, 3);
        let pending = a.take_pending();
        assert_eq!(pending.len(), MAILBOX_PER_CLUSTER + 1);
        let newest = pending
            .iter()
            .filter(|s| s.cluster_id == "c1")
            .map(|s| s.taken_at)
            .max()
            .unwrap();
        assert_eq!(newest, base.taken_at + chrono::Duration::seconds(6));
        assert!(
            pending
                .iter()
                .filter(|s| s.cluster_id == "c1")
                .all(|s| s.taken_at >= base.taken_at + chrono::Duration::seconds(3))
        );
        assert!(a.take_pending().is_empty());
    }

    #[test]
    fn stored_incidents_convert_back_to_the_engine_form() {
        use crate::engine::model::EntityKind;
        use crate::engine::state::EntityState;
        let mut engine = Engine::new(EngineConfig::default());
        let base = generate(&SynthSpec::with_pods("c1", 10, 2));
        let mut last = None;
        for i in 0..30 {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i * 30);
            s.resources.nodes[0].pressure.memory = i >= 2;
            for ev in engine.process_snapshot(&s).incidents {
                last = Some(ev.incident);
            }
        }
        let inc = last.unwrap();
        assert!(!inc.candidates.is_empty() && !inc.timeline.is_empty());
        assert!(inc.entities.iter().any(|e| e.kind == EntityKind::Node));
        assert!(
            inc.entities
                .iter()
                .any(|e| e.state == Some(EntityState::Incident))
        );
        let back = engine_incident(&incident_detail(&inc, ms(inc.started_at_ms))).unwrap();
        assert_eq!(
            back,
            Incident {
                candidates_risk: inc.peak_risk,
                ..inc.clone()
            }
        );

        let mut bad = incident_detail(&inc, ms(0));
        bad.entities[0].kind = "galaxy".into();
        assert!(engine_incident(&bad).unwrap_err().contains("galaxy"));
    }

    #[test]
    fn watch_events_name_the_transition() {
        let info = |state: &str, severity: &str| IncidentInfo {
            id: "i".into(),
            cluster: "c".into(),
            state: state.into(),
            severity: severity.into(),
            root_cause: None,
            peak_risk: 0.5,
            started_at: Utc::now(),
            resolved_at: None,
            confirmed_at: None,
            updated_at: Utc::now(),
            duration_secs: 0,
            recurrence: 0,
            summary: String::new(),
        };
        let prev = Previous {
            state: "warning".into(),
            severity: "medium".into(),
        };
        let kind = |ev: WatchEvent| {
            serde_json::to_value(ev).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(
            kind(watch_event(
                IncidentAction::Created,
                info("warning", "low"),
                None
            )),
            "incident_created"
        );
        assert_eq!(
            kind(watch_event(
                IncidentAction::Updated,
                info("incident", "high"),
                Some(&prev)
            )),
            "incident_escalated"
        );
        assert_eq!(
            kind(watch_event(
                IncidentAction::Updated,
                info("incident", "medium"),
                Some(&prev)
            )),
            "incident_state_changed"
        );
        assert_eq!(
            kind(watch_event(
                IncidentAction::Updated,
                info("warning", "medium"),
                Some(&prev)
            )),
            "incident_updated"
        );
        assert_eq!(
            kind(watch_event(
                IncidentAction::Resolved,
                info("resolved", "medium"),
                Some(&prev)
            )),
            "incident_resolved"
        );
    }
}
