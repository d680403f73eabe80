//! TARGETS A4: a fault-free day opens no incident. 24 simulated hours, one snapshot per minute,
//! of a small cluster shaped like atl-sim's `steady` scenario (4 nodes, 3 namespaces, 4
//! deployments each), with a daily load cycle and per-minute noise on every usage and telemetry
//! figure the engine baselines, through the whole engine (`Engine::process_snapshot`).
#![allow(clippy::unwrap_used)]

use std::f64::consts::TAU;

use atl_core::ClusterSnapshot;
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::{Engine, EngineConfig};

const MINUTES_PER_DAY: i64 = 24 * 60;

/// Deterministic noise in [-1, 1], roughly bell-shaped (mean of three uniforms).
fn noise(minute: i64, series: usize) -> f64 {
    let mut x = (minute as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((series as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9));
    let mut sum = 0.0;
    for _ in 0..3 {
        x ^= x >> 31;
        x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 29;
        sum += (x >> 11) as f64 / (1u64 << 53) as f64;
    }
    (sum / 3.0) * 2.0 - 1.0
}

/// The day's load: 1 at the quietest hour, 1.6 at the busiest.
fn daily(minute: i64) -> f64 {
    1.3 - 0.3 * (TAU * minute as f64 / MINUTES_PER_DAY as f64).cos()
}

/// The cluster at `minute`: usage and telemetry follow the daily cycle, ±5–10 % noise.
fn at(base: &ClusterSnapshot, minute: i64) -> ClusterSnapshot {
    let mut s = base.clone();
    s.taken_at = base.taken_at + chrono::Duration::minutes(minute);
    let load = daily(minute);
    let jitter = |series: usize, amp: f64| 1.0 + amp * noise(minute, series);
    for (n, p) in s.resources.pods.iter_mut().enumerate() {
        if let Some(u) = p.usage.as_mut() {
            if let Some(c) = u.cpu_millicores.as_mut() {
                *c *= load * jitter(n, 0.1);
            }
            if let Some(m) = u.memory_bytes.as_mut() {
                *m = (*m as f64 * jitter(10_000 + n, 0.03)) as u64;
            }
        }
    }
    for (n, node) in s.resources.nodes.iter_mut().enumerate() {
        if let Some(u) = node.usage.as_mut()
            && let Some(c) = u.cpu_millicores.as_mut()
        {
            *c *= load * jitter(20_000 + n, 0.05);
        }
    }
    if let Some(t) = s.telemetry.as_mut() {
        for (n, m) in t.nodes.iter_mut().enumerate() {
            m.cpu_usage = (m.cpu_usage * load * jitter(30_000 + n, 0.05)).min(1.0);
        }
        for (n, i) in t.ingress.iter_mut().enumerate() {
            i.rps *= load * jitter(40_000 + n, 0.05);
            let errors = (1.0 - i.success_ratio) * jitter(41_000 + n, 0.5);
            i.success_ratio = 1.0 - errors;
            i.latency.p99_ms *= jitter(42_000 + n, 0.1);
        }
        for (n, a) in t.apm.iter_mut().enumerate() {
            a.rps *= load * jitter(50_000 + n, 0.05);
            a.error_ratio *= jitter(51_000 + n, 0.5);
            a.p99_ms *= jitter(52_000 + n, 0.1);
            a.p50_ms *= jitter(53_000 + n, 0.05);
            a.self_time_ms = a.p50_ms * 0.6;
        }
    }
    s
}

fn steady_base() -> ClusterSnapshot {
    generate(&SynthSpec {
        nodes: 4,
        namespaces: 3,
        pods_per_deployment: 3,
        telemetry: true,
        ..SynthSpec::with_pods("steady", 36, 42)
    })
}

#[test]
fn a_steady_day_opens_no_incident() {
    let base = steady_base();
    assert!(base.telemetry.is_some() && base.resources.deployments.len() == 12);
    let mut engine = Engine::new(EngineConfig::default());
    let (mut transitions, mut incidents, mut max_cluster_risk) = (Vec::new(), 0, 0.0f64);
    for minute in 0..MINUTES_PER_DAY {
        let out = engine.process_snapshot(&at(&base, minute));
        assert!(out.accepted);
        max_cluster_risk = max_cluster_risk.max(out.cluster_risk);
        transitions.extend(
            out.transitions
                .into_iter()
                .map(|t| (minute, t.entity, t.from, t.to)),
        );
        incidents += out.incidents.len();
    }
    assert_eq!(incidents, 0, "transitions: {transitions:?}");
    assert!(engine.open_incidents("steady").is_empty());
    eprintln!(
        "A4: {MINUTES_PER_DAY} snapshots, {} transitions, 0 incidents, max cluster risk {max_cluster_risk:.2}",
        transitions.len()
    );
}

/// The same day with a fault in it does raise an incident, so the steady result above is not
/// an engine that never fires.
#[test]
fn the_same_day_with_a_node_failure_opens_an_incident() {
    let base = steady_base();
    let mut engine = Engine::new(EngineConfig::default());
    let mut created = 0;
    for minute in 0..180 {
        let mut s = at(&base, minute);
        if minute >= 120 {
            s.resources.nodes[0].pressure.memory = true;
        }
        created += engine
            .process_snapshot(&s)
            .incidents
            .iter()
            .filter(|e| format!("{:?}", e.action) == "Created")
            .count();
    }
    assert_eq!(created, 1);
}
