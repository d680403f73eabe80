//! Who calls whom, and which pods serve each service: the part of the cluster the telemetry
//! writer needs beyond the telemetry model.
//!
//! The call graph is fixed by name (the generator's deployment names), so scenario files get a
//! believable shop-like dependency graph without describing one: `frontend → api → catalog → db`
//! and so on, inside each application namespace. Edges only exist where both ends were generated.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, StatefulSet};
use k8s_openapi::api::core::v1::{Pod, Service};
use k8s_openapi::api::networking::v1::Ingress;

use crate::controllers::pods;
use crate::select::LabelSel;
use crate::state::SimState;

/// Calls between the generator's service names (caller, callee).
const CALLS: &[(&str, &str)] = &[
    ("frontend", "api"),
    ("frontend", "auth"),
    ("frontend", "search"),
    ("api", "checkout"),
    ("api", "cart"),
    ("api", "catalog"),
    ("api", "auth"),
    ("api", "reports"),
    ("checkout", "cart"),
    ("checkout", "notifier"),
    ("checkout", "db"),
    ("cart", "db"),
    ("catalog", "db"),
    ("search", "catalog"),
    ("worker", "db"),
    ("reports", "db"),
];

/// Namespaces whose services are not meshed and not traced (cluster infrastructure).
const UNMESHED: &[&str] = &["kube-system", "kube-public", "kube-node-lease", "default"];

/// A serving pod.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    /// Pod name.
    pub pod: String,
    /// Pod IP ("" when it has none yet).
    pub ip: String,
    /// Node name.
    pub node: String,
}

/// A service as the writer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceInfo {
    /// Namespace.
    pub namespace: String,
    /// Service name (also service.name in traces and logs).
    pub name: String,
    /// Linkerd's workload label (`deployment`, `statefulset`, `daemonset`), "" when unknown.
    pub workload_kind: &'static str,
    /// Ready pods, by name.
    pub ready: Vec<Backend>,
    /// Whether an Ingress routes to it (Traefik sees its traffic).
    pub ingress: bool,
    /// Whether it is in the mesh and traced.
    pub meshed: bool,
}

impl ServiceInfo {
    /// `namespace/name`, the telemetry model's key.
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

/// The services (keyed `namespace/name`) and calls (caller key → callee keys) of the cluster.
#[derive(Debug, Clone, Default)]
pub struct Topology {
    /// Services by key.
    pub services: BTreeMap<String, ServiceInfo>,
    /// Callee keys per caller key.
    pub calls: BTreeMap<String, Vec<String>>,
}

fn workload_kind(state: &SimState, ns: &str, name: &str) -> &'static str {
    if state.store.get::<Deployment>(ns, name).is_some() {
        "deployment"
    } else if state.store.get::<StatefulSet>(ns, name).is_some() {
        "statefulset"
    } else if state.store.get::<DaemonSet>(ns, name).is_some() {
        "daemonset"
    } else {
        ""
    }
}

impl Topology {
    /// Reads the topology from the state.
    pub fn of(state: &SimState) -> Self {
        let mut ingress_backends = BTreeSet::new();
        for (key, ing) in state.store.kind::<Ingress>().iter() {
            let rules = ing.spec.iter().flat_map(|s| s.rules.iter().flatten());
            for r in rules {
                for p in r.http.iter().flat_map(|h| h.paths.iter()) {
                    if let Some(svc) = &p.backend.service {
                        ingress_backends.insert(format!("{}/{}", key.namespace, svc.name));
                    }
                }
            }
        }
        let mut services = BTreeMap::new();
        for (key, svc) in state.store.kind::<Service>().iter() {
            let Some(sel) = svc
                .spec
                .as_ref()
                .and_then(|s| s.selector.as_ref())
                .map(LabelSel::from_map)
            else {
                continue;
            };
            let ready = state
                .store
                .list::<Pod>(Some(&key.namespace))
                .filter(|p| sel.matches(pods::labels(p)) && pods::is_ready(p))
                .map(|p| Backend {
                    pod: p.metadata.name.clone().unwrap_or_default(),
                    ip: p
                        .status
                        .as_ref()
                        .and_then(|s| s.pod_ip.clone())
                        .unwrap_or_default(),
                    node: p
                        .spec
                        .as_ref()
                        .and_then(|s| s.node_name.clone())
                        .unwrap_or_default(),
                })
                .collect();
            let info = ServiceInfo {
                namespace: key.namespace.clone(),
                name: key.name.clone(),
                workload_kind: workload_kind(state, &key.namespace, &key.name),
                ready,
                ingress: ingress_backends.contains(&format!("{}/{}", key.namespace, key.name)),
                meshed: !UNMESHED.contains(&key.namespace.as_str()),
            };
            services.insert(info.key(), info);
        }
        let mut calls: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in services.values().filter(|s| s.meshed) {
            let callees = CALLS
                .iter()
                .filter(|(caller, _)| *caller == s.name)
                .map(|(_, callee)| format!("{}/{callee}", s.namespace))
                .filter(|k| services.contains_key(k))
                .collect::<Vec<_>>();
            if !callees.is_empty() {
                calls.insert(s.key(), callees);
            }
        }
        Self { services, calls }
    }

    /// Callers of a service, in key order.
    pub fn callers(&self, callee: &str) -> Vec<&str> {
        self.calls
            .iter()
            .filter(|(_, cs)| cs.iter().any(|c| c == callee))
            .map(|(k, _)| k.as_str())
            .collect()
    }

    /// Meshed services with every caller before its callees (the call graph has no cycles).
    pub fn call_order(&self) -> Vec<&str> {
        let mut order: Vec<&str> = Vec::new();
        let mut placed: BTreeSet<&str> = BTreeSet::new();
        let meshed: Vec<&str> = self
            .services
            .iter()
            .filter(|(_, s)| s.meshed)
            .map(|(k, _)| k.as_str())
            .collect();
        while order.len() < meshed.len() {
            let before = order.len();
            for &k in &meshed {
                if !placed.contains(k) && self.callers(k).iter().all(|c| placed.contains(c)) {
                    placed.insert(k);
                    order.push(k);
                }
            }
            if order.len() == before {
                break;
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::CALLS;

    #[test]
    fn the_call_graph_has_no_cycles() {
        // Every caller appears before its callees in the listed name order.
        let rank = |n: &str| {
            [
                "frontend", "api", "checkout", "search", "catalog", "cart", "auth", "reports",
                "notifier", "worker", "db",
            ]
            .iter()
            .position(|x| *x == n)
        };
        for (a, b) in CALLS {
            assert!(rank(a) < rank(b), "{a} → {b}");
        }
    }
}
