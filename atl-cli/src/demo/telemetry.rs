//! The simulator's telemetry model as the agent's telemetry part: what an OTel collector writing
//! into ClickHouse would give the agent, without ClickHouse. Keeps its own per-minute SLI counts
//! so burn rates and sparklines have an hour of series, like the agent's concentrator.

use std::collections::BTreeMap;
use std::sync::Mutex;

use atl_agent::source::TelemetrySource;
use atl_core::telemetry::{
    ApmService, Latency, MeshSli, NodeMetrics, Series, SliPoint, SliSeries, SliSource, Telemetry,
};
use atl_sim::{SimCluster, TelemetryModel};
use futures::future::BoxFuture;

/// Minutes of series kept, like the concentrator.
const MINUTES: usize = 60;

/// Minute start (ms since the epoch) → (good, total) requests.
type MinuteCounts = BTreeMap<i64, (u64, u64)>;

/// Telemetry read from a running [`SimCluster`].
pub struct SimTelemetry {
    cluster: SimCluster,
    /// Per SLI name: minute start (ms) → (good, total).
    minutes: Mutex<BTreeMap<String, MinuteCounts>>,
    /// Simulated time of the previous call, to turn rates into counts.
    last_ms: Mutex<Option<i64>>,
}

impl SimTelemetry {
    pub fn new(cluster: SimCluster) -> Self {
        SimTelemetry {
            cluster,
            minutes: Mutex::new(BTreeMap::new()),
            last_ms: Mutex::new(None),
        }
    }

    fn build(&self, model: &TelemetryModel) -> Telemetry {
        let window_ms = {
            let mut last = self.last_ms.lock().unwrap_or_else(|p| p.into_inner());
            let w = last.map_or(10_000, |l| (model.at_ms - l).clamp(1_000, 60_000));
            *last = Some(model.at_ms);
            w
        };
        let window_secs = window_ms as f64 / 1000.0;
        let nodes = model
            .nodes
            .iter()
            .map(|(name, n)| NodeMetrics {
                node: name.clone(),
                cpu_usage: ratio(n.cpu_millis as f64, n.cpu_capacity_millis as f64),
                cores: (n.cpu_capacity_millis / 1000).max(1) as u32,
                memory_total_bytes: n.memory_capacity_bytes,
                memory_available_bytes: n.memory_capacity_bytes.saturating_sub(n.memory_bytes),
                psi_memory_some: if n.pressure.iter().any(|p| p == "MemoryPressure") {
                    0.3
                } else {
                    0.0
                },
                ..Default::default()
            })
            .collect();
        let mut mesh = Vec::new();
        let mut apm = Vec::new();
        let minute = model.at_ms - model.at_ms.rem_euclid(60_000);
        let mut minutes = self.minutes.lock().unwrap_or_else(|p| p.into_inner());
        for (key, s) in &model.services {
            let (namespace, name) = key.split_once('/').unwrap_or(("default", key.as_str()));
            // A service without ready backends answers nothing but errors at the ingress.
            let error = if s.backends > 0 && s.ready_backends == 0 {
                1.0
            } else {
                s.error_rate.clamp(0.0, 1.0)
            };
            let p50 = s.base_latency_ms * s.latency_factor.max(0.0);
            let latency = Latency {
                p50_ms: p50,
                p90_ms: p50 * 1.8,
                p95_ms: p50 * 2.2,
                p99_ms: p50 * 3.5,
            };
            let total = (s.base_rps * window_secs).round() as u64;
            let errors = (total as f64 * error).round() as u64;
            mesh.push(MeshSli {
                namespace: namespace.to_string(),
                workload: name.to_string(),
                rps: s.base_rps,
                success_ratio: 1.0 - error,
                latency,
                mtls_ratio: 1.0,
                total_requests: total,
                error_requests: errors,
            });
            apm.push(ApmService {
                service: name.to_string(),
                namespace: Some(namespace.to_string()),
                rps: s.base_rps,
                error_ratio: error,
                p50_ms: latency.p50_ms,
                p99_ms: latency.p99_ms,
                self_time_ms: latency.p50_ms * 0.6,
                self_time_ratio: 0.6,
                top_operations: vec![],
            });
            let series = minutes.entry(format!("{namespace}/{name}")).or_default();
            let slot = series.entry(minute).or_insert((0, 0));
            slot.0 += total - errors;
            slot.1 += total;
            while series.len() > MINUTES {
                series.pop_first();
            }
        }
        // Services that disappeared are evicted, like the concentrator does.
        minutes.retain(|k, _| model.services.contains_key(k));
        let slis = minutes
            .iter()
            .map(|(name, pts)| SliSeries {
                source: SliSource::Mesh,
                name: name.clone(),
                points: pts
                    .iter()
                    .filter_map(|(m, (good, total))| {
                        Some(SliPoint {
                            minute: chrono::DateTime::from_timestamp_millis(*m)?,
                            good: *good,
                            total: *total,
                            latency_buckets: vec![],
                            p95_ms: 0.0,
                            p99_ms: 0.0,
                        })
                    })
                    .collect(),
            })
            .collect();
        Telemetry {
            window_secs: window_secs.round() as u32,
            nodes,
            mesh,
            apm,
            series: Series {
                slis,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b <= 0.0 {
        0.0
    } else {
        (a / b).clamp(0.0, 1.0)
    }
}

impl TelemetrySource for SimTelemetry {
    fn telemetry(&self) -> BoxFuture<'_, Option<Telemetry>> {
        Box::pin(async move {
            let model = self.cluster.telemetry();
            Some(self.build(&model))
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn faults_show_in_the_telemetry() {
        let scenario = atl_sim::Scenario::from_yaml(
            "seed: 3\nnodes: 2\nfaults:\n  - {at: 0, for: 30m, fault: error_rate, target: shop/checkout, value: 0.5}\n",
        )
        .unwrap();
        let cluster = SimCluster::from_scenario(&scenario).unwrap();
        cluster.tick(std::time::Duration::from_secs(30));
        let src = SimTelemetry::new(cluster.clone());
        let t = src.build(&cluster.telemetry());
        let bad = t
            .mesh
            .iter()
            .find(|m| m.namespace == "shop" && m.workload == "checkout")
            .unwrap();
        assert!((bad.success_ratio - 0.5).abs() < 1e-9, "{bad:?}");
        let other = t.mesh.iter().find(|m| m.workload != "checkout").unwrap();
        assert!(other.success_ratio > 0.99);
        assert!(!t.nodes.is_empty() && t.nodes.iter().all(|n| (0.0..=1.0).contains(&n.cpu_usage)));
        let s = t
            .series
            .slis
            .iter()
            .find(|s| s.name == "shop/checkout")
            .unwrap();
        assert_eq!(s.points.len(), 1);
        assert!(s.points[0].total >= s.points[0].good);
    }
}
