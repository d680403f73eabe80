//! The telemetry model: per-service request rate, latency and error multipliers and per-node and
//! per-pod resource usage, derived deterministically from the cluster and the active faults. The
//! metrics API serves it; the telemetry writer (later) turns it into OTel rows.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod, Service};

use crate::controllers::pods;
use crate::quantity;
use crate::rng::hash_str;
use crate::scenario::FaultKind;
use crate::select::LabelSel;
use crate::state::SimState;

/// Request-level health of one service.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ServiceTelemetry {
    /// Requests per second at normal load.
    pub base_rps: f64,
    /// Median latency in milliseconds at normal load.
    pub base_latency_ms: f64,
    /// Multiplier on latency from faults and overloaded nodes (1 = normal).
    pub latency_factor: f64,
    /// Share of failing requests in [0, 1].
    pub error_rate: f64,
    /// Ready backends.
    pub ready_backends: u32,
    /// All backends (pods the selector matches).
    pub backends: u32,
}

/// Resource usage of a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PodUsage {
    /// CPU in millicores.
    pub cpu_millis: u64,
    /// Memory working set in bytes.
    pub memory_bytes: u64,
}

/// Load of a node.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NodeLoad {
    /// CPU used in millicores (pods + system + noisy neighbours).
    pub cpu_millis: u64,
    /// Memory used in bytes.
    pub memory_bytes: u64,
    /// Allocatable CPU.
    pub cpu_capacity_millis: u64,
    /// Allocatable memory.
    pub memory_capacity_bytes: u64,
    /// Ready condition is True.
    pub ready: bool,
    /// Pressure conditions that are True ("MemoryPressure", …).
    pub pressure: Vec<String>,
}

/// The whole model at one simulated instant.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct TelemetryModel {
    /// Simulated time (ms since the epoch).
    pub at_ms: i64,
    /// Per service, keyed by `namespace/name`.
    pub services: BTreeMap<String, ServiceTelemetry>,
    /// Per running pod, keyed by `namespace/name`.
    pub pods: BTreeMap<String, PodUsage>,
    /// Per node.
    pub nodes: BTreeMap<String, NodeLoad>,
}

/// A slow deterministic wave in [0.8, 1.2] so usage moves over time.
fn wave(seed: u64, t_ms: i64) -> f64 {
    let phase = (seed % 1000) as f64 / 1000.0 * std::f64::consts::TAU;
    1.0 + 0.2 * ((t_ms as f64 / 600_000.0) + phase).sin()
}

fn fault_value(state: &SimState, kind: FaultKind, target: &str) -> Option<f64> {
    state
        .faults
        .iter()
        .find(|a| a.active && a.spec.fault == kind && a.spec.target == target)
        .map(|a| {
            a.spec.value.unwrap_or(match kind {
                FaultKind::Latency => 5.0,
                FaultKind::ErrorRate => 0.2,
                _ => 4000.0,
            })
        })
}

/// Computes the model from the state.
pub fn model(state: &SimState) -> TelemetryModel {
    let now = state.now_ms;
    let mut out = TelemetryModel {
        at_ms: now,
        ..TelemetryModel::default()
    };
    for (key, pod) in state.store.kind::<Pod>().iter() {
        let running = pod
            .status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .is_some_and(|cs| {
                cs.iter()
                    .any(|c| c.state.as_ref().is_some_and(|s| s.running.is_some()))
            });
        if !running || pod.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let seed = hash_str(&format!("{}/{}", key.namespace, key.name));
        let (mut cpu_req, mut mem_req, mut mem_lim) = (0u64, 0u64, 0u64);
        for c in pod.spec.iter().flat_map(|s| s.containers.iter()) {
            let r = c.resources.clone().unwrap_or_default();
            let get = |m: &Option<
                BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>,
            >,
                       k: &str| {
                m.as_ref().and_then(|m| m.get(k)).map(|q| q.0.clone())
            };
            cpu_req += get(&r.requests, "cpu")
                .and_then(|q| quantity::cpu_millis(&q))
                .unwrap_or(100);
            mem_req += get(&r.requests, "memory")
                .and_then(|q| quantity::bytes(&q))
                .unwrap_or(128 << 20);
            mem_lim += get(&r.limits, "memory")
                .and_then(|q| quantity::bytes(&q))
                .unwrap_or(256 << 20);
        }
        let base = 0.3 + (seed % 50) as f64 / 100.0;
        let mut cpu = (cpu_req as f64 * base * wave(seed, now)) as u64;
        let mut mem = (mem_req as f64 * (60 + (seed >> 8) % 30) as f64 / 100.0) as u64;
        mem = mem.max(mem_req / 2);
        let app = pod
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("app"))
            .cloned()
            .unwrap_or_default();
        let target = format!("{}/{app}", key.namespace);
        if pods::is_active(pod) && crate::controllers::faults::pod_faults(state, pod).oom {
            mem = mem_lim * 97 / 100;
        }
        if let Some(extra) = fault_value(state, FaultKind::NoisyNeighbour, &target) {
            cpu += extra as u64;
        }
        out.pods.insert(
            format!("{}/{}", key.namespace, key.name),
            PodUsage {
                cpu_millis: cpu.max(1),
                memory_bytes: mem,
            },
        );
    }
    for node in state.store.list::<Node>(None) {
        let name = node.metadata.name.clone().unwrap_or_default();
        let alloc = node
            .status
            .as_ref()
            .and_then(|s| s.allocatable.clone())
            .unwrap_or_default();
        let conds = node
            .status
            .as_ref()
            .and_then(|s| s.conditions.clone())
            .unwrap_or_default();
        out.nodes.insert(
            name,
            NodeLoad {
                cpu_millis: 250,
                memory_bytes: 900 << 20,
                cpu_capacity_millis: alloc
                    .get("cpu")
                    .and_then(|q| quantity::cpu_millis(&q.0))
                    .unwrap_or(0),
                memory_capacity_bytes: alloc
                    .get("memory")
                    .and_then(|q| quantity::bytes(&q.0))
                    .unwrap_or(0),
                ready: conds
                    .iter()
                    .any(|c| c.type_ == "Ready" && c.status == "True"),
                pressure: conds
                    .iter()
                    .filter(|c| c.type_.ends_with("Pressure") && c.status == "True")
                    .map(|c| c.type_.clone())
                    .collect(),
            },
        );
    }
    for (key, usage) in &out.pods {
        let (ns, name) = key.split_once('/').unwrap_or_default();
        let node = state
            .store
            .get::<Pod>(ns, name)
            .and_then(|p| p.spec.as_ref()?.node_name.clone());
        if let Some(n) = node.and_then(|n| out.nodes.get_mut(&n)) {
            n.cpu_millis += usage.cpu_millis;
            n.memory_bytes += usage.memory_bytes;
        }
    }
    // A node under memory pressure is, by definition, nearly out of memory.
    for n in out.nodes.values_mut() {
        if n.pressure.iter().any(|p| p == "MemoryPressure") {
            n.memory_bytes = n.memory_bytes.max(n.memory_capacity_bytes / 100 * 95);
        }
    }
    for (key, svc) in state.store.kind::<Service>().iter() {
        let Some(sel) = svc
            .spec
            .as_ref()
            .and_then(|s| s.selector.as_ref())
            .map(LabelSel::from_map)
        else {
            continue;
        };
        let seed = hash_str(&format!("{}/{}", key.namespace, key.name));
        let target = format!("{}/{}", key.namespace, key.name);
        let (mut backends, mut ready, mut overload) = (0u32, 0u32, 1.0f64);
        for p in state
            .store
            .list::<Pod>(Some(&key.namespace))
            .filter(|p| sel.matches(pods::labels(p)))
        {
            backends += 1;
            if pods::is_ready(p) {
                ready += 1;
            }
            let node = p
                .spec
                .as_ref()
                .and_then(|s| s.node_name.as_ref())
                .and_then(|n| out.nodes.get(n));
            if let Some(n) = node
                && n.cpu_capacity_millis > 0
            {
                let util = n.cpu_millis as f64 / n.cpu_capacity_millis as f64;
                if util > 0.85 {
                    overload = overload.max(1.0 + (util - 0.85) * 10.0);
                }
            }
        }
        let mut error_rate = fault_value(state, FaultKind::ErrorRate, &target).unwrap_or(0.0);
        if backends > 0 && ready == 0 {
            error_rate = 1.0;
        }
        out.services.insert(
            target.clone(),
            ServiceTelemetry {
                base_rps: 5.0 + (seed % 200) as f64,
                base_latency_ms: 5.0 + ((seed >> 16) % 80) as f64,
                latency_factor: fault_value(state, FaultKind::Latency, &target).unwrap_or(1.0)
                    * overload,
                error_rate: error_rate.clamp(0.0, 1.0),
                ready_backends: ready,
                backends,
            },
        );
    }
    out
}
