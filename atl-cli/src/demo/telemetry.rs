//! The simulator's telemetry model as the agent's telemetry part: what an OTel collector writing
//! into ClickHouse would give the agent, without ClickHouse. Per-minute series go through the
//! agent's own concentrator, so burn rates and sparklines have an hour of history.

use std::collections::BTreeMap;
use std::sync::Mutex;

use atl_agent::source::TelemetrySource;
use atl_agent::telemetry::concentrator::{Concentrator, MinuteInput, minute_index};
use atl_agent::telemetry::sli::SliMinute;
use atl_core::telemetry::{ApmService, Latency, MeshSli, NodeMetrics, SliSource, Telemetry};
use atl_sim::{SimCluster, TelemetryModel};
use futures::future::BoxFuture;

/// Per SLI name: (minute index, good, total) of the minute being filled.
type CurrentMinute = BTreeMap<String, (i64, u64, u64)>;

/// Telemetry read from a running [`SimCluster`].
pub struct SimTelemetry {
    cluster: SimCluster,
    /// Requests counted so far in the current minute, per SLI.
    current: Mutex<CurrentMinute>,
    concentrator: Mutex<Concentrator>,
    /// Simulated time of the previous call, to turn rates into counts.
    last_ms: Mutex<Option<i64>>,
}

impl SimTelemetry {
    pub fn new(cluster: SimCluster) -> Self {
        SimTelemetry {
            cluster,
            current: Mutex::new(BTreeMap::new()),
            concentrator: Mutex::new(Concentrator::new()),
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
        let nodes: Vec<NodeMetrics> = model
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
        let now = chrono::DateTime::from_timestamp_millis(model.at_ms).unwrap_or_default();
        let minute = minute_index(now);
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        // Services that disappeared stop counting; the concentrator evicts their series.
        current.retain(|k, _| model.services.contains_key(k));
        let mut slis = Vec::new();
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
            // The concentrator stores whole minutes, so count this minute's requests here.
            let slot = current.entry(key.clone()).or_insert((minute, 0, 0));
            if slot.0 != minute {
                *slot = (minute, 0, 0);
            }
            slot.1 += total - errors;
            slot.2 += total;
            slis.push(SliMinute {
                source: SliSource::Mesh,
                name: format!("{namespace}/{name}"),
                minute,
                good: slot.1,
                total: slot.2,
                latency_buckets: vec![],
                p95_ms: latency.p95_ms,
                p99_ms: latency.p99_ms,
            });
        }
        let series = {
            let mut c = self.concentrator.lock().unwrap_or_else(|p| p.into_inner());
            c.ingest(
                now,
                MinuteInput {
                    nodes: &nodes,
                    slis: &slis,
                    apm: &[],
                },
            );
            c.series(now)
        };
        Telemetry {
            window_secs: window_secs.round() as u32,
            nodes,
            mesh,
            apm,
            series,
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
