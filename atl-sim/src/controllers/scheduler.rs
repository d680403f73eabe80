//! Simulated scheduler: binds pending pods to ready, schedulable nodes with room, least-loaded first.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod, PodSpec, Taint, Toleration};

use super::kubelet;
use super::pods::{self, set_condition};
use crate::quantity;
use crate::state::{EventTarget, SimState};
use crate::store::ObjKey;

/// Unschedulable pods are retried this often even when nothing changed.
const RETRY_MS: i64 = 30_000;

#[derive(Default, Clone, Copy)]
struct Usage {
    cpu: u64,
    mem: u64,
    pods: u64,
}

fn requests(spec: &PodSpec) -> (u64, u64) {
    spec.containers.iter().fold((0, 0), |(cpu, mem), c| {
        let req = c.resources.as_ref().and_then(|r| r.requests.as_ref());
        let get = |k: &str| req.and_then(|r| r.get(k)).map(|q| q.0.clone());
        (
            cpu + get("cpu")
                .and_then(|q| quantity::cpu_millis(&q))
                .unwrap_or(0),
            mem + get("memory").and_then(|q| quantity::bytes(&q)).unwrap_or(0),
        )
    })
}

fn tolerates(tolerations: &[Toleration], key: &str, effect: &str) -> bool {
    tolerations.iter().any(|t| {
        let key_ok = t.key.as_deref().is_none_or(|k| k.is_empty() || k == key)
            && (t.key.is_some() || t.operator.as_deref() == Some("Exists"));
        let effect_ok = t
            .effect
            .as_deref()
            .is_none_or(|e| e.is_empty() || e == effect);
        key_ok && effect_ok
    })
}

/// What the scheduler needs to know about a node, read once per run.
struct NodeFit {
    name: String,
    cpu: u64,
    mem: u64,
    pods: u64,
    unschedulable: bool,
    taints: Vec<Taint>,
}

impl NodeFit {
    fn of(node: &Node) -> Self {
        let alloc = node.status.as_ref().and_then(|s| s.allocatable.as_ref());
        let get = |k: &str, f: fn(&str) -> Option<u64>| {
            alloc
                .and_then(|a| a.get(k))
                .and_then(|q| f(&q.0))
                .unwrap_or(0)
        };
        let spec = node.spec.clone().unwrap_or_default();
        Self {
            name: node.metadata.name.clone().unwrap_or_default(),
            cpu: get("cpu", quantity::cpu_millis),
            mem: get("memory", quantity::bytes),
            pods: get("pods", |q| q.parse().ok()),
            unschedulable: spec.unschedulable == Some(true),
            taints: spec.taints.unwrap_or_default(),
        }
    }
}

fn node_usage(state: &SimState) -> BTreeMap<String, Usage> {
    let mut usage: BTreeMap<String, Usage> = BTreeMap::new();
    for p in state.store.list::<Pod>(None).filter(|p| pods::is_active(p)) {
        if let Some(spec) = &p.spec
            && let Some(n) = &spec.node_name
        {
            let (cpu, mem) = requests(spec);
            let u = usage.entry(n.clone()).or_default();
            u.cpu += cpu;
            u.mem += mem;
            u.pods += 1;
        }
    }
    usage
}

/// Binds what can be bound. `nodes_changed` forces a retry of pods that failed before.
pub fn run(state: &mut SimState, nodes_changed: bool) {
    if state.unscheduled.is_empty() {
        return;
    }
    let retry = nodes_changed || state.now_ms - state.last_schedule_retry_ms >= RETRY_MS;
    if retry {
        state.last_schedule_retry_ms = state.now_ms;
    }
    let nodes: Vec<NodeFit> = state.store.list::<Node>(None).map(NodeFit::of).collect();
    let keys: Vec<ObjKey> = state.unscheduled.iter().cloned().collect();
    let mut usage: Option<BTreeMap<String, Usage>> = None;
    for key in keys {
        let Some(mut pod) = state.store.get::<Pod>(&key.namespace, &key.name).cloned() else {
            state.unscheduled.remove(&key);
            continue;
        };
        if pod.metadata.deletion_timestamp.is_some() {
            state.unscheduled.remove(&key);
            continue;
        }
        let tried = pods::condition(&pod, "PodScheduled").is_some_and(|c| c.status == "False");
        if tried && !retry {
            continue;
        }
        let spec = pod.spec.clone().unwrap_or_default();
        if spec.node_name.is_some() {
            state.unscheduled.remove(&key);
            kubelet::on_bound(state, &key);
            continue;
        }
        let (cpu, mem) = requests(&spec);
        let usage = usage.get_or_insert_with(|| node_usage(state));
        let tolerations = spec.tolerations.clone().unwrap_or_default();
        let mut reasons: BTreeMap<&'static str, u32> = BTreeMap::new();
        let mut best: Option<(u64, &NodeFit)> = None;
        for node in &nodes {
            let u = usage.get(&node.name).copied().unwrap_or_default();
            let reason = if node.unschedulable
                && !tolerates(
                    &tolerations,
                    "node.kubernetes.io/unschedulable",
                    "NoSchedule",
                ) {
                Some("node(s) were unschedulable")
            } else if node.taints.iter().any(|t| {
                (t.effect == "NoSchedule" || t.effect == "NoExecute")
                    && !tolerates(&tolerations, &t.key, &t.effect)
            }) {
                Some("node(s) had untolerated taint(s)")
            } else if u.pods + 1 > node.pods {
                Some("Too many pods")
            } else if u.cpu + cpu > node.cpu {
                Some("Insufficient cpu")
            } else if u.mem + mem > node.mem {
                Some("Insufficient memory")
            } else {
                None
            };
            match reason {
                Some(r) => *reasons.entry(r).or_default() += 1,
                None => {
                    let score = (u.cpu + cpu) * 1_000_000 / node.cpu.max(1);
                    if best.is_none_or(|(s, _)| score < s) {
                        best = Some((score, node));
                    }
                }
            }
        }
        match best {
            Some((_, node)) => {
                let node_name = node.name.clone();
                let u = usage.entry(node_name.clone()).or_default();
                u.cpu += cpu;
                u.mem += mem;
                u.pods += 1;
                pod.spec.get_or_insert_with(Default::default).node_name = Some(node_name.clone());
                state.store.put(pod.clone());
                state.unscheduled.remove(&key);
                let msg = format!(
                    "Successfully assigned {}/{} to {node_name}",
                    key.namespace, key.name
                );
                state.event(
                    &EventTarget::of(&pod),
                    false,
                    "Scheduled",
                    &msg,
                    "default-scheduler",
                );
                kubelet::on_bound(state, &key);
            }
            None => {
                let detail: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
                let msg = format!(
                    "0/{} nodes are available: {}. preemption: 0/{} nodes are available: {} Preemption is not helpful for scheduling.",
                    nodes.len(),
                    detail.join(", "),
                    nodes.len(),
                    nodes.len()
                );
                let now = state.now_ms;
                set_condition(
                    &mut pod,
                    now,
                    "PodScheduled",
                    false,
                    Some("Unschedulable"),
                    Some(&msg),
                );
                state.store.put_if_changed(pod.clone());
                state.event(
                    &EventTarget::of(&pod),
                    true,
                    "FailedScheduling",
                    &msg,
                    "default-scheduler",
                );
            }
        }
    }
}
