//! The hub: in-memory state per cluster — latest snapshot, agent liveness, and a bounded
//! per-minute history of derived series. Status transitions are published on a broadcast
//! channel for the SSE stream.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use atl_core::api::{ClusterStatus, WatchEvent};
use chrono::{DateTime, Utc};
use tokio::sync::broadcast;

/// Liveness and data of one cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterState {
    pub last_heartbeat: Option<DateTime<Utc>>,
    pub last_snapshot: Option<DateTime<Utc>>,
    pub agent_version: Option<String>,
    /// Status last published on the event channel.
    pub published: Option<ClusterStatus>,
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
}

impl Hub {
    pub fn new(liveness: Liveness) -> Arc<Self> {
        let (events, _) = broadcast::channel(1024);
        Arc::new(Self {
            clusters: RwLock::new(HashMap::new()),
            events,
            liveness,
        })
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

    fn transition(&self, cluster: &str, st: &mut ClusterState, now: DateTime<Utc>) -> Option<WatchEvent> {
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
    }

    pub fn status_of(&self, cluster: &str) -> ClusterStatus {
        let seen = self.state(cluster).and_then(|s| s.last_seen());
        self.liveness.status(seen, Utc::now())
    }
}

/// Bounded ring of per-minute points.
#[derive(Debug, Clone, Default)]
pub struct Ring<T> {
    pub points: VecDeque<T>,
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
        assert_eq!(l.status(Some(now - chrono::Duration::seconds(10)), now), ClusterStatus::Online);
        assert_eq!(l.status(Some(now - chrono::Duration::seconds(60)), now), ClusterStatus::Stale);
        assert_eq!(l.status(Some(now - chrono::Duration::seconds(600)), now), ClusterStatus::Offline);
    }

    #[test]
    fn heartbeat_publishes_online_once() {
        let hub = Hub::new(Liveness {
            stale_after: Duration::from_secs(45),
            offline_after: Duration::from_secs(120),
        });
        let mut rx = hub.subscribe();
        hub.heartbeat("a", Some("1.0".into()));
        hub.heartbeat("a", None);
        match rx.try_recv() {
            Ok(WatchEvent::ClusterStatus { cluster, status, .. }) => {
                assert_eq!(cluster, "a");
                assert_eq!(status, ClusterStatus::Online);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(rx.try_recv().is_err(), "second heartbeat changes nothing");
        assert_eq!(hub.state("a").and_then(|s| s.agent_version), Some("1.0".into()));
    }
}
