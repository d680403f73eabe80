//! The hub: in-memory state per cluster — latest snapshot, agent liveness, and a bounded
//! per-minute history of derived series. Status transitions are published on a broadcast
//! channel for the SSE stream.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use atl_core::ClusterSnapshot;
use atl_core::api::{ClusterStatus, SeriesPoint, WatchEvent};
use atl_core::k8s::{ConditionStatus, PodPhase};
use chrono::{DateTime, DurationRound, Utc};
use tokio::sync::{Notify, broadcast};

/// Liveness and data of one cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterState {
    pub last_heartbeat: Option<DateTime<Utc>>,
    pub last_snapshot: Option<DateTime<Utc>>,
    pub agent_version: Option<String>,
    /// Status last published on the event channel.
    pub published: Option<ClusterStatus>,
    /// The latest accepted snapshot.
    pub snapshot: Option<Arc<ClusterSnapshot>>,
    /// Per-minute derived series, oldest first, at most `history_minutes` points.
    pub history: Ring<SeriesPoint>,
}

impl ClusterState {
    fn last_seen(&self) -> Option<DateTime<Utc>> {
        self.last_heartbeat.max(self.last_snapshot)
    }
}

/// Thresholds for liveness.
#[derive(Debug, Clone, Copy)]
pub struct Liveness {
    pub stale_after: Duration,
    pub offline_after: Duration,
}

impl Liveness {
    pub fn status(&self, last_seen: Option<DateTime<Utc>>, now: DateTime<Utc>) -> ClusterStatus {
        let Some(seen) = last_seen else {
            return ClusterStatus::Offline;
        };
        let age = (now - seen).to_std().unwrap_or_default();
        if age < self.stale_after {
            ClusterStatus::Online
        } else if age < self.offline_after {
            ClusterStatus::Stale
        } else {
            ClusterStatus::Offline
        }
    }
}

pub struct Hub {
    clusters: RwLock<HashMap<String, ClusterState>>,
    events: broadcast::Sender<WatchEvent>,
    liveness: Liveness,
    history_minutes: usize,
    /// Wakes agents long-polling for a cluster's commands.
    command_bells: std::sync::Mutex<HashMap<String, Arc<Notify>>>,
}

impl Hub {
    pub fn new(liveness: Liveness, history_minutes: usize) -> Arc<Self> {
        let (events, _) = broadcast::channel(1024);
        Arc::new(Self {
            clusters: RwLock::new(HashMap::new()),
            events,
            liveness,
            history_minutes,
            command_bells: std::sync::Mutex::new(HashMap::new()),
        })
    }

    /// Replace the cluster's snapshot (already validated and authorised) and update its series;
    /// returns the stored snapshot (shared, for the AIOps engine).
    pub fn ingest(&self, snapshot: ClusterSnapshot) -> Arc<ClusterSnapshot> {
        let now = Utc::now();
        let point = derive_point(&snapshot, now);
        let cluster = snapshot.cluster_id.clone();
        let version = snapshot.agent.version.clone();
        let snapshot = Arc::new(snapshot);
        let stored = snapshot.clone();
        let cap = self.history_minutes;
        self.update(&cluster, move |s| {
            s.last_snapshot = Some(now);
            if !version.is_empty() {
                s.agent_version = Some(version);
            }
            s.snapshot = Some(snapshot);
            match s.history.points.back_mut() {
                Some(last) if last.minute == point.minute => *last = point,
                _ => s.history.push(point, cap),
            }
        });
        stored
    }

    /// The latest snapshot of one cluster.
    pub fn snapshot(&self, cluster: &str) -> Option<Arc<ClusterSnapshot>> {
        self.clusters
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(cluster)
            .and_then(|s| s.snapshot.clone())
    }

    /// Latest snapshots of all clusters, ordered by cluster id.
    pub fn snapshots(&self) -> Vec<Arc<ClusterSnapshot>> {
        let map = self.clusters.read().unwrap_or_else(|p| p.into_inner());
        let mut v: Vec<_> = map.values().filter_map(|s| s.snapshot.clone()).collect();
        v.sort_by(|a, b| a.cluster_id.cmp(&b.cluster_id));
        v
    }

    /// The bell agents of `cluster` wait on for new commands.
    pub fn command_bell(&self, cluster: &str) -> Arc<Notify> {
        self.command_bells
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(cluster.to_string())
            .or_default()
            .clone()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<WatchEvent> {
        self.events.subscribe()
    }

    pub fn publish(&self, ev: WatchEvent) {
        // No subscribers is fine.
        let _ = self.events.send(ev);
    }

    pub fn liveness(&self) -> Liveness {
        self.liveness
    }

    /// Record a heartbeat.
    pub fn heartbeat(&self, cluster: &str, agent_version: Option<String>) {
        let now = Utc::now();
        self.update(cluster, |s| {
            s.last_heartbeat = Some(now);
            if agent_version.is_some() {
                s.agent_version = agent_version;
            }
        });
    }

    /// Apply `f` to a cluster's state (creating it) and publish a status change if any.
    pub(crate) fn update(&self, cluster: &str, f: impl FnOnce(&mut ClusterState)) {
        let now = Utc::now();
        let event = {
            let mut map = self.clusters.write().unwrap_or_else(|p| p.into_inner());
            let st = map.entry(cluster.to_string()).or_default();
            f(st);
            self.transition(cluster, st, now)
        };
        if let Some(ev) = event {
            self.publish(ev);
        }
    }

    fn transition(
        &self,
        cluster: &str,
        st: &mut ClusterState,
        now: DateTime<Utc>,
    ) -> Option<WatchEvent> {
        let status = self.liveness.status(st.last_seen(), now);
        if st.published == Some(status) {
            return None;
        }
        let previous = st.published.replace(status);
        Some(WatchEvent::ClusterStatus {
            cluster: cluster.to_string(),
            status,
            previous,
            at: now,
        })
    }

    /// Re-evaluate every cluster's status (called periodically) and publish changes.
    pub fn tick(&self) {
        let now = Utc::now();
        let events: Vec<WatchEvent> = {
            let mut map = self.clusters.write().unwrap_or_else(|p| p.into_inner());
            map.iter_mut()
                .filter_map(|(id, st)| self.transition(id, st, now))
                .collect()
        };
        for ev in events {
            self.publish(ev);
        }
    }

    pub fn state(&self, cluster: &str) -> Option<ClusterState> {
        self.clusters
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .get(cluster)
            .cloned()
    }

    pub fn remove(&self, cluster: &str) {
        self.clusters
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .remove(cluster);
        self.command_bells
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(cluster);
    }

    pub fn status_of(&self, cluster: &str) -> ClusterStatus {
        let seen = self.state(cluster).and_then(|s| s.last_seen());
        self.liveness.status(seen, Utc::now())
    }
}

/// The derived series point of a snapshot, for the minute containing `now`.
pub fn derive_point(s: &ClusterSnapshot, now: DateTime<Utc>) -> SeriesPoint {
    let minute = now
        .duration_trunc(chrono::Duration::minutes(1))
        .unwrap_or(now);
    let r = &s.resources;
    let count = |phase: PodPhase| r.pods.iter().filter(|p| p.phase == phase).count() as u64;
    SeriesPoint {
        minute,
        pods_total: r.pods.len() as u64,
        pods_running: count(PodPhase::Running),
        pods_pending: count(PodPhase::Pending),
        pods_failed: count(PodPhase::Failed),
        pods_unhealthy: r.pods.iter().filter(|p| p.reason.is_some()).count() as u64,
        restarts_total: r.pods.iter().map(|p| u64::from(p.restarts)).sum(),
        nodes_total: r.nodes.len() as u64,
        nodes_ready: r
            .nodes
            .iter()
            .filter(|n| n.ready == ConditionStatus::True)
            .count() as u64,
        warning_events: r.events.iter().filter(|e| e.is_warning()).count() as u64,
    }
}

/// Bounded ring of per-minute points.
#[derive(Debug, Clone)]
pub struct Ring<T> {
    pub points: VecDeque<T>,
}

impl<T> Default for Ring<T> {
    fn default() -> Self {
        Self {
            points: VecDeque::new(),
        }
    }
}

impl<T> Ring<T> {
    pub fn push(&mut self, v: T, cap: usize) {
        while self.points.len() >= cap.max(1) {
            self.points.pop_front();
        }
        self.points.push_back(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_thresholds() {
        let l = Liveness {
            stale_after: Duration::from_secs(45),
            offline_after: Duration::from_secs(120),
        };
        let now = Utc::now();
        assert_eq!(l.status(None, now), ClusterStatus::Offline);
        assert_eq!(
            l.status(Some(now - chrono::Duration::seconds(10)), now),
            ClusterStatus::Online
        );
        assert_eq!(
            l.status(Some(now - chrono::Duration::seconds(60)), now),
            ClusterStatus::Stale
        );
        assert_eq!(
            l.status(Some(now - chrono::Duration::seconds(600)), now),
            ClusterStatus::Offline
        );
    }

    #[test]
    fn heartbeat_publishes_online_once() {
        let hub = Hub::new(
            Liveness {
                stale_after: Duration::from_secs(45),
                offline_after: Duration::from_secs(120),
            },
            60,
        );
        let mut rx = hub.subscribe();
        hub.heartbeat("a", Some("1.0".into()));
        hub.heartbeat("a", None);
        match rx.try_recv() {
            Ok(WatchEvent::ClusterStatus {
                cluster, status, ..
            }) => {
                assert_eq!(cluster, "a");
                assert_eq!(status, ClusterStatus::Online);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(rx.try_recv().is_err(), "second heartbeat changes nothing");
        assert_eq!(
            hub.state("a").and_then(|s| s.agent_version),
            Some("1.0".into())
        );
    }
}

#[cfg(test)]
mod ingest_tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::synth::{SynthSpec, generate};

    #[test]
    fn ingest_keeps_latest_and_one_point_per_minute() {
        let hub = Hub::new(
            Liveness {
                stale_after: Duration::from_secs(45),
                offline_after: Duration::from_secs(120),
            },
            3,
        );
        let snap = generate(&SynthSpec::with_pods("c1", 50, 7));
        let running = snap
            .resources
            .pods
            .iter()
            .filter(|p| p.phase == PodPhase::Running)
            .count() as u64;
        hub.ingest(snap.clone());
        hub.ingest(snap);
        let st = hub.state("c1").unwrap();
        assert_eq!(st.history.points.len(), 1, "same minute replaces");
        assert_eq!(st.history.points[0].pods_total, 50);
        assert_eq!(st.history.points[0].pods_running, running);
        assert_eq!(hub.status_of("c1"), ClusterStatus::Online);
        let mut ring = Ring::default();
        for i in 0..5 {
            ring.push(i, 3);
        }
        assert_eq!(
            ring.points.iter().copied().collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
    }
}
