//! Derived objects and status: EndpointSlices of services, PDB status, the cordon taint on nodes.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{Node, Pod, ResourceQuota, ResourceQuotaStatus, Service, Taint};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetStatus};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{Condition, ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::pods;
use crate::quantity;
use crate::rng::hash_str;
use crate::select::LabelSel;
use crate::state::SimState;

const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";

/// Updates endpoint slices and PDB status in the given namespaces.
pub fn run(state: &mut SimState, namespaces: &BTreeSet<String>, nodes_changed: bool) {
    if nodes_changed {
        cordon_taints(state);
    }
    for ns in namespaces {
        endpoint_slices(state, ns);
        pdbs(state, ns);
        quotas(state, ns);
    }
}

/// Fills `status.used` of ResourceQuotas from the active pods' requests and limits.
fn quotas(state: &mut SimState, ns: &str) {
    let list: Vec<ResourceQuota> = state
        .store
        .list::<ResourceQuota>(Some(ns))
        .cloned()
        .collect();
    if list.is_empty() {
        return;
    }
    let (mut cpu, mut mem, mut cpu_lim, mut mem_lim, mut count) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for p in state
        .store
        .list::<Pod>(Some(ns))
        .filter(|p| pods::is_active(p))
    {
        count += 1;
        for c in p.spec.iter().flat_map(|s| s.containers.iter()) {
            let r = c.resources.clone().unwrap_or_default();
            let get =
                |m: &Option<BTreeMap<String, Quantity>>, k: &str, f: fn(&str) -> Option<u64>| {
                    m.as_ref()
                        .and_then(|m| m.get(k))
                        .and_then(|q| f(&q.0))
                        .unwrap_or(0)
                };
            cpu += get(&r.requests, "cpu", quantity::cpu_millis);
            mem += get(&r.requests, "memory", quantity::bytes);
            cpu_lim += get(&r.limits, "cpu", quantity::cpu_millis);
            mem_lim += get(&r.limits, "memory", quantity::bytes);
        }
    }
    for mut rq in list {
        let hard = rq
            .spec
            .as_ref()
            .and_then(|s| s.hard.clone())
            .unwrap_or_default();
        let used: BTreeMap<String, Quantity> = hard
            .keys()
            .filter_map(|k| {
                let v = match k.as_str() {
                    "requests.cpu" | "cpu" => format!("{cpu}m"),
                    "requests.memory" | "memory" => mem.to_string(),
                    "limits.cpu" => format!("{cpu_lim}m"),
                    "limits.memory" => mem_lim.to_string(),
                    "pods" => count.to_string(),
                    _ => return None,
                };
                Some((k.clone(), Quantity(v)))
            })
            .collect();
        rq.status = Some(ResourceQuotaStatus {
            hard: Some(hard),
            used: Some(used),
        });
        rq.metadata.resource_version = None;
        state.store.put_if_changed(rq);
    }
}

fn endpoint(ns: &str, p: &Pod) -> Option<Endpoint> {
    let ip = p.status.as_ref()?.pod_ip.clone()?;
    let terminating = p.metadata.deletion_timestamp.is_some();
    let ready = pods::is_ready(p) && !terminating;
    Some(Endpoint {
        addresses: vec![ip],
        conditions: Some(EndpointConditions {
            ready: Some(ready),
            serving: Some(pods::is_ready(p)),
            terminating: Some(terminating),
        }),
        node_name: p.spec.as_ref().and_then(|s| s.node_name.clone()),
        target_ref: Some(k8s_openapi::api::core::v1::ObjectReference {
            kind: Some("Pod".into()),
            namespace: Some(ns.to_owned()),
            name: p.metadata.name.clone(),
            uid: p.metadata.uid.clone(),
            ..Default::default()
        }),
        ..Endpoint::default()
    })
}

/// The name of a service's (single) EndpointSlice.
pub fn slice_name(service: &str) -> String {
    let alphabet = b"bcdfghjklmnpqrstvwxz2456789";
    let h = hash_str(service);
    let suffix: String = (0..5)
        .map(|i| alphabet[((h >> (i * 8)) % 27) as usize] as char)
        .collect();
    format!("{service}-{suffix}")
}

fn endpoint_slices(state: &mut SimState, ns: &str) {
    let services: Vec<Service> = state.store.list::<Service>(Some(ns)).cloned().collect();
    let computed: Vec<(Service, Vec<Endpoint>)> = {
        let index = pods::LabelIndex::new(state, ns);
        services
            .into_iter()
            .filter_map(|svc| {
                let selector = svc
                    .spec
                    .as_ref()
                    .and_then(|s| s.selector.clone())
                    .filter(|s| !s.is_empty())?;
                let sel = LabelSel::from_map(&selector);
                let endpoints = index.select(&sel).filter_map(|p| endpoint(ns, p)).collect();
                Some((svc, endpoints))
            })
            .collect()
    };
    for (svc, endpoints) in computed {
        let svc_name = svc.metadata.name.clone().unwrap_or_default();
        let ports = svc
            .spec
            .as_ref()
            .and_then(|s| s.ports.clone())
            .unwrap_or_default();
        let name = slice_name(&svc_name);
        let mut slice = state
            .store
            .get::<EndpointSlice>(ns, &name)
            .cloned()
            .unwrap_or_else(|| EndpointSlice {
                metadata: ObjectMeta {
                    name: Some(name.clone()),
                    namespace: Some(ns.to_owned()),
                    labels: Some(
                        [
                            ("kubernetes.io/service-name".to_owned(), svc_name.clone()),
                            (
                                "endpointslice.kubernetes.io/managed-by".to_owned(),
                                "endpointslice-controller.k8s.io".to_owned(),
                            ),
                        ]
                        .into(),
                    ),
                    owner_references: Some(vec![OwnerReference {
                        api_version: "v1".into(),
                        kind: "Service".into(),
                        name: svc_name.clone(),
                        uid: svc.metadata.uid.clone().unwrap_or_default(),
                        controller: Some(true),
                        block_owner_deletion: Some(true),
                    }]),
                    ..ObjectMeta::default()
                },
                address_type: "IPv4".into(),
                ..EndpointSlice::default()
            });
        slice.endpoints = endpoints;
        slice.ports = Some(
            ports
                .iter()
                .map(|p| EndpointPort {
                    name: p.name.clone(),
                    port: Some(match &p.target_port {
                        Some(IntOrString::Int(i)) => *i,
                        _ => p.port,
                    }),
                    protocol: p.protocol.clone(),
                    app_protocol: None,
                })
                .collect(),
        );
        if slice.metadata.uid.is_none() {
            let _ = state.create(slice);
        } else {
            slice.metadata.resource_version = None;
            state.store.put_if_changed(slice);
        }
    }
}

fn pdbs(state: &mut SimState, ns: &str) {
    let list: Vec<PodDisruptionBudget> = state
        .store
        .list::<PodDisruptionBudget>(Some(ns))
        .cloned()
        .collect();
    let budgets: Vec<pods::Budget> = {
        let index = pods::LabelIndex::new(state, ns);
        list.iter()
            .map(|pdb| pods::budget_in(&index, pdb))
            .collect()
    };
    for (mut pdb, b) in list.into_iter().zip(budgets) {
        let old = pdb.status.clone().unwrap_or_default();
        let allowed = b.allowed > 0;
        let prev = old
            .conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == "DisruptionAllowed");
        let status_s = if allowed { "True" } else { "False" };
        let transition = match prev {
            Some(p) if p.status == status_s => p.last_transition_time.clone(),
            _ => state.now(),
        };
        pdb.status = Some(PodDisruptionBudgetStatus {
            current_healthy: b.healthy,
            desired_healthy: b.desired,
            disruptions_allowed: b.allowed,
            expected_pods: b.expected,
            observed_generation: pdb.metadata.generation,
            conditions: Some(vec![Condition {
                type_: "DisruptionAllowed".into(),
                status: status_s.into(),
                reason: if allowed {
                    "SufficientPods"
                } else {
                    "InsufficientPods"
                }
                .into(),
                message: String::new(),
                last_transition_time: transition,
                observed_generation: pdb.metadata.generation,
            }]),
            disrupted_pods: None,
        });
        pdb.metadata.resource_version = None;
        state.store.put_if_changed(pdb);
    }
}

/// Keeps the `node.kubernetes.io/unschedulable` taint in line with `spec.unschedulable`, as the
/// node lifecycle controller does.
fn cordon_taints(state: &mut SimState) {
    let nodes: Vec<Node> = state.store.list::<Node>(None).cloned().collect();
    for mut node in nodes {
        let spec = node.spec.get_or_insert_with(Default::default);
        let cordoned = spec.unschedulable == Some(true);
        let has = spec
            .taints
            .iter()
            .flatten()
            .any(|t| t.key == UNSCHEDULABLE_TAINT);
        if cordoned == has {
            continue;
        }
        let taints = spec.taints.get_or_insert_with(Vec::new);
        taints.retain(|t| t.key != UNSCHEDULABLE_TAINT);
        if cordoned {
            taints.push(Taint {
                key: UNSCHEDULABLE_TAINT.into(),
                effect: "NoSchedule".into(),
                time_added: Some(state.now()),
                value: None,
            });
        }
        if taints.is_empty() {
            spec.taints = None;
        }
        state.store.put(node);
    }
}
