//! The fault timeline: activation and recovery, and which faults affect a pod or node.

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{
    ConfigMapKeySelector, EnvVar, EnvVarSource, Node, NodeCondition, Pod, Taint,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::kubelet::BAD_IMAGE_MARKER;
use crate::scenario::FaultKind;
use crate::state::{Due, EventTarget, SimState, ts};
use crate::store::ObjKey;

/// Env var the config-error fault injects (referencing a ConfigMap that does not exist).
const CONFIG_FAULT_ENV: &str = "FEATURE_FLAGS";

/// Faults that change how a pod's containers behave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PodFaults {
    /// Exits with an error after each start.
    pub crash: bool,
    /// Killed for memory after a while.
    pub oom: bool,
    /// Readiness probe fails.
    pub probe: bool,
}

/// Whether `namespace/workload` names the workload this pod belongs to (pods carry `app=<workload>`).
fn targets_pod(target: &str, pod: &Pod) -> bool {
    let Some((ns, app)) = target.split_once('/') else {
        return false;
    };
    pod.metadata.namespace.as_deref() == Some(ns)
        && pod
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("app"))
            .map(String::as_str)
            == Some(app)
}

/// Active faults affecting a pod.
pub fn pod_faults(state: &SimState, pod: &Pod) -> PodFaults {
    let mut f = PodFaults::default();
    for a in state
        .faults
        .iter()
        .filter(|a| a.active && targets_pod(&a.spec.target, pod))
    {
        match a.spec.fault {
            FaultKind::CrashLoop => f.crash = true,
            FaultKind::OomKill => f.oom = true,
            FaultKind::ProbeFailure => f.probe = true,
            _ => {}
        }
    }
    f
}

/// Whether a node's Ready condition is True.
pub fn node_ready(state: &SimState, node: &str) -> bool {
    state
        .store
        .get::<Node>("", node)
        .and_then(|n| {
            n.status
                .as_ref()?
                .conditions
                .as_ref()?
                .iter()
                .find(|c| c.type_ == "Ready")
                .map(|c| c.status == "True")
        })
        .unwrap_or(false)
}

/// Simulated time (ms) of the next fault start or end, if any.
pub fn next_change_at(state: &SimState) -> Option<i64> {
    state
        .faults
        .iter()
        .filter(|a| !a.done)
        .filter_map(|a| {
            if a.active {
                a.spec
                    .duration
                    .map(|d| state.start_ms + ((a.spec.at + d) * 1000) as i64)
            } else {
                Some(state.start_ms + (a.spec.at * 1000) as i64)
            }
        })
        .min()
}

/// Starts and ends faults whose time has come.
pub fn advance(state: &mut SimState) {
    for i in 0..state.faults.len() {
        let a = &state.faults[i];
        let start = state.start_ms + (a.spec.at * 1000) as i64;
        let end = a.spec.duration.map(|d| start + (d * 1000) as i64);
        if !a.active && !a.done && state.now_ms >= start {
            state.faults[i].active = true;
            tracing::info!(fault = ?state.faults[i].spec.fault, target = %state.faults[i].spec.target, "fault starts");
            toggle(state, i, true);
        }
        let a = &state.faults[i];
        if a.active && end.is_some_and(|e| state.now_ms >= e) {
            state.faults[i].active = false;
            state.faults[i].done = true;
            tracing::info!(fault = ?state.faults[i].spec.fault, target = %state.faults[i].spec.target, "fault ends");
            toggle(state, i, false);
        }
    }
}

fn toggle(state: &mut SimState, i: usize, on: bool) {
    let spec = state.faults[i].spec.clone();
    match spec.fault {
        FaultKind::CrashLoop | FaultKind::OomKill | FaultKind::ProbeFailure => {
            resync_pods(state, |p| targets_pod(&spec.target, p))
        }
        FaultKind::ImagePull | FaultKind::ConfigError => {
            edit_deployment(state, i, &spec.target, spec.fault, on);
        }
        FaultKind::NodeNotReady
        | FaultKind::MemoryPressure
        | FaultKind::DiskPressure
        | FaultKind::PidPressure => {
            node_condition(state, &spec.target, spec.fault, on);
            let node = spec.target.clone();
            resync_pods(state, |p| {
                p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node.as_str())
            });
        }
        // Telemetry-only faults: read by the telemetry model while active.
        FaultKind::Latency | FaultKind::ErrorRate | FaultKind::NoisyNeighbour => {}
    }
}

fn resync_pods(state: &mut SimState, pick: impl Fn(&Pod) -> bool) {
    let keys: Vec<ObjKey> = state
        .store
        .kind::<Pod>()
        .iter()
        .filter(|(_, p)| pick(p))
        .map(|(k, _)| k.clone())
        .collect();
    for k in keys {
        let pending = state.timers.get(&k);
        // A pending start/crash/remove keeps its time; the resync happens when it fires.
        if pending.is_none() || pending.is_some_and(|(_, d)| d == Due::Resync) {
            let at = state.now_ms + state.jitter(2000);
            state.timers.set(k, at, Due::Resync);
        }
    }
}

fn edit_deployment(state: &mut SimState, i: usize, target: &str, fault: FaultKind, on: bool) {
    let Some((ns, name)) = target.split_once('/') else {
        return;
    };
    let Some(mut dep) = state.store.get::<Deployment>(ns, name).cloned() else {
        tracing::warn!(%target, "fault target deployment not found");
        return;
    };
    let Some(c) = dep
        .spec
        .as_mut()
        .and_then(|s| s.template.spec.as_mut())
        .and_then(|s| s.containers.first_mut())
    else {
        return;
    };
    match (fault, on) {
        (FaultKind::ImagePull, true) => {
            let image = c.image.clone().unwrap_or_default();
            let base = image.rsplit_once(':').map_or(image.as_str(), |(b, _)| b);
            c.image = Some(format!("{base}:{BAD_IMAGE_MARKER}"));
            state.faults[i].saved = Some(image);
        }
        (FaultKind::ImagePull, false) => {
            if let Some(image) = state.faults[i].saved.take() {
                c.image = Some(image);
            }
        }
        (_, true) => c.env.get_or_insert_with(Vec::new).push(EnvVar {
            name: CONFIG_FAULT_ENV.into(),
            value: None,
            value_from: Some(EnvVarSource {
                config_map_key_ref: Some(ConfigMapKeySelector {
                    name: format!("{name}-feature-flags"),
                    key: "flags".into(),
                    optional: Some(false),
                }),
                ..EnvVarSource::default()
            }),
        }),
        (_, false) => {
            if let Some(env) = c.env.as_mut() {
                env.retain(|e| e.name != CONFIG_FAULT_ENV);
            }
        }
    }
    dep.metadata.generation = Some(dep.metadata.generation.unwrap_or(1) + 1);
    state.store.put(dep);
}

fn node_condition(state: &mut SimState, name: &str, fault: FaultKind, on: bool) {
    let Some(mut node) = state.store.get::<Node>("", name).cloned() else {
        tracing::warn!(node = %name, "fault target node not found");
        return;
    };
    let now = state.now();
    let (cond, taint, on_reason, off_reason, on_msg, off_msg) = match fault {
        FaultKind::MemoryPressure => (
            "MemoryPressure",
            "node.kubernetes.io/memory-pressure",
            "KubeletHasInsufficientMemory",
            "KubeletHasSufficientMemory",
            "kubelet has insufficient memory available",
            "kubelet has sufficient memory available",
        ),
        FaultKind::DiskPressure => (
            "DiskPressure",
            "node.kubernetes.io/disk-pressure",
            "KubeletHasDiskPressure",
            "KubeletHasNoDiskPressure",
            "kubelet has disk pressure",
            "kubelet has no disk pressure",
        ),
        FaultKind::PidPressure => (
            "PIDPressure",
            "node.kubernetes.io/pid-pressure",
            "KubeletHasInsufficientPID",
            "KubeletHasSufficientPID",
            "kubelet has insufficient PID available",
            "kubelet has sufficient PID available",
        ),
        _ => (
            "Ready",
            "node.kubernetes.io/unreachable",
            "NodeStatusUnknown",
            "KubeletReady",
            "Kubelet stopped posting node status.",
            "kubelet is posting ready status",
        ),
    };
    let status = match (cond, on) {
        ("Ready", true) => "Unknown",
        ("Ready", false) | (_, true) => "True",
        (_, false) => "False",
    };
    let conds = node
        .status
        .get_or_insert_with(Default::default)
        .conditions
        .get_or_insert_with(Vec::new);
    let c = NodeCondition {
        type_: cond.into(),
        status: status.into(),
        reason: Some(if on { on_reason } else { off_reason }.into()),
        message: Some(if on { on_msg } else { off_msg }.into()),
        last_heartbeat_time: Some(now.clone()),
        last_transition_time: Some(now),
    };
    match conds.iter_mut().find(|x| x.type_ == cond) {
        Some(x) => *x = c,
        None => conds.push(c),
    }
    let taints = node
        .spec
        .get_or_insert_with(Default::default)
        .taints
        .get_or_insert_with(Vec::new);
    taints.retain(|t| t.key != taint);
    if on {
        let effects: &[&str] = if cond == "Ready" {
            &["NoSchedule", "NoExecute"]
        } else {
            &["NoSchedule"]
        };
        for e in effects {
            taints.push(Taint {
                key: taint.into(),
                effect: (*e).into(),
                time_added: (*e == "NoExecute").then(|| Time(ts(state.now_ms))),
                value: None,
            });
        }
    }
    let target = EventTarget::of(&node).on_host(Some(name.to_owned()));
    let (reason, component) = match (cond, on) {
        ("Ready", true) => ("NodeNotReady", "node-controller"),
        ("Ready", false) => ("NodeReady", "kubelet"),
        ("MemoryPressure", true) => ("NodeHasInsufficientMemory", "kubelet"),
        ("MemoryPressure", false) => ("NodeHasSufficientMemory", "kubelet"),
        ("DiskPressure", true) => ("NodeHasDiskPressure", "kubelet"),
        ("DiskPressure", false) => ("NodeHasNoDiskPressure", "kubelet"),
        (_, true) => ("NodeHasInsufficientPID", "kubelet"),
        (_, false) => ("NodeHasSufficientPID", "kubelet"),
    };
    let message = format!("Node {name} status is now: {reason}");
    state.event(&target, on, reason, &message, component);
    state.store.put(node);
}
