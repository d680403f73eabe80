//! Per-minute ring buffers of the last hour per node, SLI and APM service (namespace and name).
//!
//! Pure: time comes only from the `now` passed in, so tests drive it minute by minute. A slot
//! holds the newest value computed for its minute (a minute is recomputed by every collection
//! while it is inside the query window, and later computations have seen more samples).
//! An entity with no point left inside the hour is evicted, so churn (pods, nodes, services that
//! come and go) cannot grow memory without bound.

use super::apm::ApmMinute;
use super::service_key::{ServiceKey, namespace_field};
use super::sli::SliMinute;
use atl_core::Timestamp;
use atl_core::telemetry::{
    ApmPoint, ApmSeries, NodeMetrics, NodePoint, Series, SliPoint, SliSeries, SliSource,
};
use std::collections::BTreeMap;

/// Minutes kept per entity.
pub const MINUTES: usize = 60;

#[derive(Debug, Clone)]
struct Ring<T> {
    slots: Vec<Option<(i64, T)>>,
}

impl<T: Clone> Ring<T> {
    fn new() -> Self {
        Self {
            slots: vec![None; MINUTES],
        }
    }

    fn put(&mut self, minute: i64, value: T) {
        let slot = minute.rem_euclid(MINUTES as i64) as usize;
        self.slots[slot] = Some((minute, value));
    }

    /// Points of the hour ending at `now_minute`, oldest first.
    fn points(&self, now_minute: i64) -> Vec<(i64, T)> {
        let mut pts: Vec<(i64, T)> = self
            .slots
            .iter()
            .flatten()
            .filter(|(m, _)| in_horizon(*m, now_minute))
            .cloned()
            .collect();
        pts.sort_by_key(|(m, _)| *m);
        pts
    }

    fn is_live(&self, now_minute: i64) -> bool {
        self.slots
            .iter()
            .flatten()
            .any(|(m, _)| in_horizon(*m, now_minute))
    }
}

fn in_horizon(minute: i64, now_minute: i64) -> bool {
    minute <= now_minute && minute > now_minute - MINUTES as i64
}

fn minute_start(minute: i64) -> Option<Timestamp> {
    Timestamp::from_timestamp(minute.checked_mul(60)?, 0)
}

#[derive(Debug, Clone, Copy)]
struct NodeSample {
    cpu: f64,
    memory: f64,
    disk: f64,
}

#[derive(Debug, Clone)]
struct SliSample {
    good: u64,
    total: u64,
    buckets: Vec<u64>,
    p95: f64,
    p99: f64,
}

#[derive(Debug, Clone, Copy)]
struct ApmSample {
    rps: f64,
    error_ratio: f64,
    p99: f64,
}

/// What one collection hands to the concentrator.
#[derive(Debug, Clone, Copy, Default)]
pub struct MinuteInput<'a> {
    /// Node metrics as of now (stored under the current minute).
    pub nodes: &'a [NodeMetrics],
    /// Per-minute SLI counts.
    pub slis: &'a [SliMinute],
    /// Per-minute APM values.
    pub apm: &'a [ApmMinute],
}

/// The rings of all entities.
#[derive(Debug, Default)]
pub struct Concentrator {
    nodes: BTreeMap<String, Ring<NodeSample>>,
    slis: BTreeMap<(SliSource, String), Ring<SliSample>>,
    apm: BTreeMap<ServiceKey, Ring<ApmSample>>,
}

/// Minute index of a time.
pub fn minute_index(t: Timestamp) -> i64 {
    t.timestamp().div_euclid(60)
}

impl Concentrator {
    /// An empty concentrator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Stores one collection's values and evicts entities with nothing left in the hour.
    pub fn ingest(&mut self, now: Timestamp, input: MinuteInput<'_>) {
        let now_minute = minute_index(now);
        for n in input.nodes {
            let sample = NodeSample {
                cpu: n.cpu_usage,
                memory: n.memory_usage(),
                disk: n.disk_usage(),
            };
            self.nodes
                .entry(n.node.clone())
                .or_insert_with(Ring::new)
                .put(now_minute, sample);
        }
        for s in input
            .slis
            .iter()
            .filter(|s| in_horizon(s.minute, now_minute))
        {
            let sample = SliSample {
                good: s.good,
                total: s.total,
                buckets: s.latency_buckets.clone(),
                p95: s.p95_ms,
                p99: s.p99_ms,
            };
            self.slis
                .entry((s.source, s.name.clone()))
                .or_insert_with(Ring::new)
                .put(s.minute, sample);
        }
        for a in input
            .apm
            .iter()
            .filter(|a| in_horizon(a.minute, now_minute))
        {
            let sample = ApmSample {
                rps: a.rps,
                error_ratio: a.error_ratio,
                p99: a.p99_ms,
            };
            self.apm
                .entry((a.namespace.clone(), a.service.clone()))
                .or_insert_with(Ring::new)
                .put(a.minute, sample);
        }
        self.nodes.retain(|_, r| r.is_live(now_minute));
        self.slis.retain(|_, r| r.is_live(now_minute));
        self.apm.retain(|_, r| r.is_live(now_minute));
    }

    /// Number of entities held (nodes + SLIs + APM services).
    pub fn len(&self) -> usize {
        self.nodes.len() + self.slis.len() + self.apm.len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The series of the hour ending at `now`, entities ordered by (namespace and) name, points
    /// oldest first.
    pub fn series(&self, now: Timestamp) -> Series {
        let now_minute = minute_index(now);
        let nodes = self
            .nodes
            .iter()
            .map(|(node, ring)| atl_core::telemetry::NodeSeries {
                node: node.clone(),
                points: ring
                    .points(now_minute)
                    .into_iter()
                    .filter_map(|(m, s)| {
                        Some(NodePoint {
                            minute: minute_start(m)?,
                            cpu_usage: s.cpu,
                            memory_usage: s.memory,
                            disk_usage: s.disk,
                        })
                    })
                    .collect(),
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        let slis = self
            .slis
            .iter()
            .map(|((source, name), ring)| SliSeries {
                source: *source,
                name: name.clone(),
                points: ring
                    .points(now_minute)
                    .into_iter()
                    .filter_map(|(m, s)| {
                        Some(SliPoint {
                            minute: minute_start(m)?,
                            good: s.good,
                            total: s.total,
                            latency_buckets: s.buckets,
                            p95_ms: s.p95,
                            p99_ms: s.p99,
                        })
                    })
                    .collect(),
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        let apm = self
            .apm
            .iter()
            .map(|((namespace, service), ring)| ApmSeries {
                service: service.clone(),
                namespace: namespace_field(namespace),
                points: ring
                    .points(now_minute)
                    .into_iter()
                    .filter_map(|(m, s)| {
                        Some(ApmPoint {
                            minute: minute_start(m)?,
                            rps: s.rps,
                            error_ratio: s.error_ratio,
                            p99_ms: s.p99,
                        })
                    })
                    .collect(),
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        Series { nodes, slis, apm }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn at(minute: i64, sec: i64) -> Timestamp {
        Timestamp::from_timestamp(minute * 60 + sec, 0).unwrap()
    }

    fn sli(name: &str, minute: i64, good: u64, total: u64) -> SliMinute {
        SliMinute {
            source: SliSource::Ingress,
            name: name.into(),
            minute,
            good,
            total,
            latency_buckets: vec![],
            p95_ms: 0.0,
            p99_ms: 0.0,
        }
    }

    fn node(name: &str, cpu: f64, mem_total: u64, mem_avail: u64) -> NodeMetrics {
        NodeMetrics {
            node: name.into(),
            cpu_usage: cpu,
            memory_total_bytes: mem_total,
            memory_available_bytes: mem_avail,
            ..Default::default()
        }
    }

    #[test]
    fn newest_value_of_a_minute_wins_and_points_are_ordered() {
        let mut c = Concentrator::new();
        let base = 29_000_000;
        // First collection at base+2 sees minutes base+1 (complete) and base+2 (partial).
        let first = [sli("web", base + 1, 90, 100), sli("web", base + 2, 10, 12)];
        c.ingest(
            at(base + 2, 20),
            MinuteInput {
                slis: &first,
                ..Default::default()
            },
        );
        // Ten seconds later minute base+2 has more requests.
        let second = [sli("web", base + 2, 25, 30)];
        c.ingest(
            at(base + 2, 30),
            MinuteInput {
                slis: &second,
                ..Default::default()
            },
        );
        let s = c.series(at(base + 2, 30));
        let pts = &s.slis[0].points;
        assert_eq!(pts.len(), 2);
        assert_eq!((pts[0].good, pts[0].total), (90, 100));
        assert_eq!((pts[1].good, pts[1].total), (25, 30));
        assert_eq!(pts[0].minute, at(base + 1, 0));
    }

    #[test]
    fn ring_keeps_sixty_minutes_and_overwrites_the_oldest_slot() {
        let mut c = Concentrator::new();
        let base = 29_000_000;
        for m in 0..70 {
            let n = [node("n1", m as f64 / 100.0, 1000, 250)];
            c.ingest(
                at(base + m, 5),
                MinuteInput {
                    nodes: &n,
                    ..Default::default()
                },
            );
        }
        let s = c.series(at(base + 69, 5));
        let pts = &s.nodes[0].points;
        assert_eq!(pts.len(), 60);
        assert_eq!(pts[0].minute, at(base + 10, 0));
        assert!((pts[0].cpu_usage - 0.10).abs() < 1e-12);
        assert!((pts[59].cpu_usage - 0.69).abs() < 1e-12);
        // (1000 - 250) / 1000.
        assert!((pts[59].memory_usage - 0.75).abs() < 1e-12);
    }

    #[test]
    fn entities_that_disappear_are_evicted_after_the_hour() {
        let mut c = Concentrator::new();
        let base = 29_000_000;
        let n = [node("gone", 0.5, 1, 1), node("stays", 0.5, 1, 1)];
        c.ingest(
            at(base, 0),
            MinuteInput {
                nodes: &n,
                ..Default::default()
            },
        );
        let stays = [node("stays", 0.4, 1, 1)];
        c.ingest(
            at(base + 59, 0),
            MinuteInput {
                nodes: &stays,
                ..Default::default()
            },
        );
        // 59 minutes later "gone" still has its minute inside the hour.
        assert_eq!(c.len(), 2);
        c.ingest(
            at(base + 60, 0),
            MinuteInput {
                nodes: &stays,
                ..Default::default()
            },
        );
        assert_eq!(c.len(), 1);
        let s = c.series(at(base + 60, 0));
        assert_eq!(s.nodes[0].node, "stays");
        assert_eq!(s.nodes[0].points.len(), 2);
    }

    #[test]
    fn minutes_outside_the_hour_are_ignored() {
        let mut c = Concentrator::new();
        let base = 29_000_000;
        let input = [sli("old", base - 60, 1, 1), sli("future", base + 1, 1, 1)];
        c.ingest(
            at(base, 0),
            MinuteInput {
                slis: &input,
                ..Default::default()
            },
        );
        assert!(c.is_empty());
    }

    #[test]
    fn apm_points_follow_their_minutes() {
        let mut c = Concentrator::new();
        let base = 29_000_000;
        let minute = |namespace: &str, rps: f64| ApmMinute {
            service: "api".into(),
            namespace: namespace.into(),
            minute: base - 1,
            rps,
            error_ratio: 0.1,
            p99_ms: 120.0,
        };
        // Two services named api in two namespaces, and one without a namespace.
        let a = [
            minute("shop", 2.5),
            minute("payments", 7.0),
            minute("", 1.0),
        ];
        c.ingest(
            at(base, 10),
            MinuteInput {
                apm: &a,
                ..Default::default()
            },
        );
        let s = c.series(at(base, 10));
        let got: Vec<(Option<&str>, &str, f64)> = s
            .apm
            .iter()
            .map(|x| (x.namespace.as_deref(), x.service.as_str(), x.points[0].rps))
            .collect();
        assert_eq!(
            got,
            vec![
                (None, "api", 1.0),
                (Some("payments"), "api", 7.0),
                (Some("shop"), "api", 2.5)
            ]
        );
        assert_eq!(s.apm[0].points[0].minute, at(base - 1, 0));
    }
}
