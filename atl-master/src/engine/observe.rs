//! Adapter: `ClusterSnapshot` → [`Observation`] (entities, metrics,
//! deterministic signals and dependency edges). The only engine module that
//! knows the snapshot model.

use std::collections::{BTreeMap, HashMap};

use atl_core::ClusterSnapshot;
use atl_core::k8s::{ConditionStatus, Event, Meta, PodPhase};

use crate::engine::model::{
    Edge, EdgeKind, EntityKind, EntityObservation, Observation, Sample, Signal, entity_key,
    workload_key,
};
use crate::engine::rules::{self, RulesConfig};

struct Builder<'a> {
    cluster: &'a str,
    entities: BTreeMap<String, EntityObservation>,
    edges: Vec<Edge>,
}

impl Builder<'_> {
    fn key(&self, ns: Option<&str>, kind: EntityKind, name: &str) -> String {
        entity_key(self.cluster, ns, kind, name)
    }

    fn entity(&mut self, key: &str, kind: EntityKind) -> &mut EntityObservation {
        self.entities
            .entry(key.to_string())
            .or_insert_with(|| EntityObservation {
                key: key.to_string(),
                kind,
                metrics: BTreeMap::new(),
                signals: Vec::new(),
            })
    }

    fn insert(&mut self, e: EntityObservation) {
        self.entities.insert(e.key.clone(), e);
    }

    fn gauge(&mut self, key: &str, kind: EntityKind, metric: &str, value: f64) {
        if value.is_finite() {
            self.entity(key, kind)
                .metrics
                .insert(metric.to_string(), Sample::Gauge(value));
        }
    }

    fn edge(&mut self, from: String, to: String, kind: EdgeKind) {
        self.edges.push(Edge { from, to, kind });
    }
}

fn owner_of(meta: &Meta) -> Option<(&str, &str)> {
    meta.owner
        .as_ref()
        .map(|o| (o.kind.as_str(), o.name.as_str()))
}

fn selector_within(selector: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    !selector.is_empty() && selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

/// A node whose Ready condition is False, or Unknown after having been reported (the kubelet
/// stopped posting status): everything scheduled on it is unreachable.
fn node_not_ready(cfg: &RulesConfig, n: &atl_core::k8s::Node) -> Option<Signal> {
    let reported = n.conditions.iter().any(|c| c.type_ == "Ready");
    let down = match n.ready {
        ConditionStatus::False => true,
        ConditionStatus::Unknown => reported,
        ConditionStatus::True => false,
    };
    down.then(|| Signal {
        metric: "node_not_ready".into(),
        score: cfg.node_not_ready,
        value: 1.0,
        text: format!("node condition Ready={:?}", n.ready),
    })
}

/// Builds the engine's observation of one snapshot.
pub fn observe(snap: &ClusterSnapshot, rules_cfg: &RulesConfig) -> Observation {
    let now_s = snap.taken_at.timestamp();
    let res = &snap.resources;
    let mut b = Builder {
        cluster: &snap.cluster_id,
        entities: BTreeMap::new(),
        edges: Vec::new(),
    };

    // Nodes.
    for n in &res.nodes {
        let key = b.key(None, EntityKind::Node, &n.meta.name);
        b.entity(&key, EntityKind::Node);
        if let Some(u) = &n.usage {
            if let Some(cpu) = u.cpu_millicores
                && n.allocatable.cpu_millicores > 0.0
            {
                b.gauge(
                    &key,
                    EntityKind::Node,
                    "cpu_usage",
                    cpu / n.allocatable.cpu_millicores,
                );
            }
            if let Some(mem) = u.memory_bytes
                && n.allocatable.memory_bytes > 0
            {
                b.gauge(
                    &key,
                    EntityKind::Node,
                    "memory_usage",
                    mem as f64 / n.allocatable.memory_bytes as f64,
                );
            }
        }
        let mut signals = rules::node_pressure(rules_cfg, n);
        signals.extend(node_not_ready(rules_cfg, n));
        b.entity(&key, EntityKind::Node).signals.extend(signals);
    }

    // Workload availability, reached from pods through their owners.
    let mut workloads: HashMap<(&str, &str, &str), (u32, u32)> = HashMap::new();
    for d in &res.deployments {
        workloads.insert(
            (d.meta.namespace_str(), "Deployment", &d.meta.name),
            (d.replicas, d.ready),
        );
    }
    for s in &res.stateful_sets {
        workloads.insert(
            (s.meta.namespace_str(), "StatefulSet", &s.meta.name),
            (s.replicas, s.ready),
        );
    }
    let rs_owner: HashMap<(&str, &str), (&str, &str)> = res
        .replica_sets
        .iter()
        .filter_map(|rs| {
            owner_of(&rs.meta).map(|o| ((rs.meta.namespace_str(), rs.meta.name.as_str()), o))
        })
        .collect();
    let mut pod_events: HashMap<(&str, &str), Vec<&Event>> = HashMap::new();
    for e in &res.events {
        if e.involved.kind == "Pod" {
            pod_events
                .entry((
                    e.involved.namespace.as_deref().unwrap_or(""),
                    e.involved.name.as_str(),
                ))
                .or_default()
                .push(e);
        }
    }

    // Pods.
    for p in &res.pods {
        if p.phase == PodPhase::Succeeded {
            continue;
        }
        let ns = p.meta.namespace_str();
        let key = b.key(Some(ns), EntityKind::Pod, &p.meta.name);
        let mut metrics = BTreeMap::new();
        metrics.insert(
            "restart_count".to_string(),
            Sample::Counter(f64::from(p.restarts)),
        );
        metrics.insert(
            "not_ready_containers".to_string(),
            Sample::Gauge(f64::from(
                p.total_containers.saturating_sub(p.ready_containers),
            )),
        );
        if let Some(u) = &p.usage {
            let (req, lim) = (p.requests(), p.limits());
            if let (Some(c), Some(r)) = (u.cpu_millicores, req.cpu_millicores)
                && r > 0.0
            {
                metrics.insert("cpu_vs_request".to_string(), Sample::Gauge(c / r));
            }
            if let (Some(m), Some(l)) = (u.memory_bytes, lim.memory_bytes)
                && l > 0
            {
                metrics.insert(
                    "memory_vs_limit".to_string(),
                    Sample::Gauge(m as f64 / l as f64),
                );
            }
        }
        let mut signals = Vec::new();
        signals.extend(rules::container_anomaly(rules_cfg, p, now_s));
        if let Some(evs) = pod_events.get(&(ns, p.meta.name.as_str())) {
            signals.extend(rules::critical_event(rules_cfg, evs, now_s));
        }
        let workload = match owner_of(&p.meta) {
            // A bare ReplicaSet is its own workload.
            Some(("ReplicaSet", rs)) => rs_owner
                .get(&(ns, rs))
                .copied()
                .or(Some(("ReplicaSet", rs))),
            other => other,
        };
        if let Some((kind, name)) = workload {
            let owner = workload_key(b.cluster, ns, kind, name);
            b.edge(key.clone(), owner, EdgeKind::OwnedBy);
        }
        if let Some((kind, name)) = workload
            && let Some(&(replicas, ready)) = workloads.get(&(ns, kind, name))
        {
            signals.extend(rules::workload_impact(
                rules_cfg,
                p,
                &format!("{kind}/{name}"),
                replicas,
                ready,
            ));
        }
        if let Some(node) = &p.node {
            let node_key = b.key(None, EntityKind::Node, node);
            b.edge(key.clone(), node_key, EdgeKind::RunsOn);
        }
        b.insert(EntityObservation {
            key,
            kind: EntityKind::Pod,
            metrics,
            signals,
        });
    }

    // Services and what they select, through a (namespace, label) index of pods.
    // Only label keys some selector of the namespace uses are indexed.
    let selector_keys: std::collections::HashSet<(&str, &str)> = res
        .services
        .iter()
        .flat_map(|s| {
            s.selector
                .keys()
                .map(|k| (s.meta.namespace_str(), k.as_str()))
        })
        .collect();
    let mut pod_index: HashMap<(&str, &str, &str), Vec<&str>> = HashMap::new();
    for p in res.pods.iter().filter(|p| p.phase != PodPhase::Succeeded) {
        let ns = p.meta.namespace_str();
        for (k, v) in &p.meta.labels {
            if !selector_keys.contains(&(ns, k.as_str())) {
                continue;
            }
            pod_index
                .entry((p.meta.namespace_str(), k.as_str(), v.as_str()))
                .or_default()
                .push(p.meta.name.as_str());
        }
    }
    let pod_labels: HashMap<(&str, &str), &BTreeMap<String, String>> = res
        .pods
        .iter()
        .map(|p| {
            (
                (p.meta.namespace_str(), p.meta.name.as_str()),
                &p.meta.labels,
            )
        })
        .collect();
    let mut service_by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut services_in_ns: HashMap<&str, Vec<&atl_core::k8s::Service>> = HashMap::new();
    for s in &res.services {
        let ns = s.meta.namespace_str();
        service_by_name.entry(&s.meta.name).or_default().push(ns);
        services_in_ns.entry(ns).or_default().push(s);
        let key = b.key(Some(ns), EntityKind::Service, &s.meta.name);
        b.entity(&key, EntityKind::Service);
        let pods: Vec<&str> = if s.selector.is_empty() {
            s.backends
                .iter()
                .filter_map(|be| be.pod.as_deref())
                .collect()
        } else {
            // The rarest selector label gives the fewest candidates to check.
            let rarest = s
                .selector
                .iter()
                .map(|(k, v)| {
                    pod_index
                        .get(&(ns, k.as_str(), v.as_str()))
                        .map_or(&[][..], Vec::as_slice)
                })
                .min_by_key(|c| c.len())
                .unwrap_or(&[]);
            rarest
                .iter()
                .copied()
                .filter(|pod| {
                    pod_labels
                        .get(&(ns, *pod))
                        .is_some_and(|l| selector_within(&s.selector, l))
                })
                .collect()
        };
        for pod in pods {
            // Edges to objects absent from the snapshot are dropped by the graph.
            let t = b.key(Some(ns), EntityKind::Pod, pod);
            b.edge(key.clone(), t, EdgeKind::Selects);
        }
    }
    let service_key = |b: &Builder, ns: Option<&str>, name: &str| -> Option<String> {
        let candidates = service_by_name.get(name)?;
        let ns = match ns {
            Some(ns) if candidates.contains(&ns) => ns,
            Some(_) => return None,
            None if candidates.len() == 1 => candidates[0],
            None => return None,
        };
        Some(b.key(Some(ns), EntityKind::Service, name))
    };

    // Ingresses.
    let mut ingress_by_backend: HashMap<(String, String), Vec<String>> = HashMap::new();
    for ing in &res.ingresses {
        let ns = ing.meta.namespace_str();
        let key = b.key(Some(ns), EntityKind::Ingress, &ing.meta.name);
        b.entity(&key, EntityKind::Ingress);
        for svc in ing.backend_services() {
            ingress_by_backend
                .entry((ns.to_string(), svc.to_string()))
                .or_default()
                .push(key.clone());
            let skey = b.key(Some(ns), EntityKind::Service, svc);
            if b.entities.contains_key(&skey) {
                b.edge(key.clone(), skey, EdgeKind::RoutesTo);
            }
        }
    }

    // Telemetry.
    if let Some(t) = &snap.telemetry {
        for m in &t.nodes {
            let key = b.key(None, EntityKind::Node, &m.node);
            if !b.entities.contains_key(&key) {
                continue;
            }
            for (metric, v) in [
                ("cpu_usage", m.cpu_usage),
                ("memory_usage", m.memory_usage()),
                ("disk_usage", m.disk_usage()),
                ("psi_cpu", m.psi_cpu_some),
                ("psi_memory", m.psi_memory_some),
                ("psi_io", m.psi_io_some),
            ] {
                b.gauge(&key, EntityKind::Node, metric, v);
            }
        }
        for sli in &t.ingress {
            let (Some(ns), Some(backend)) = (&sli.namespace, &sli.backend) else {
                continue;
            };
            let keys = ingress_by_backend
                .get(&(ns.clone(), backend.clone()))
                .cloned()
                .unwrap_or_default();
            for key in keys {
                b.gauge(
                    &key,
                    EntityKind::Ingress,
                    "error_rate",
                    1.0 - sli.success_ratio,
                );
                b.gauge(&key, EntityKind::Ingress, "latency_p99", sli.latency.p99_ms);
            }
        }
        // Mesh workloads map to the services selecting their pods' template labels.
        let mut workload_services: HashMap<(&str, &str), Vec<String>> = HashMap::new();
        let templates = res
            .deployments
            .iter()
            .map(|d| (&d.meta, &d.template.labels))
            .chain(
                res.stateful_sets
                    .iter()
                    .map(|s| (&s.meta, &s.template.labels)),
            )
            .chain(
                res.daemon_sets
                    .iter()
                    .map(|d| (&d.meta, &d.template.labels)),
            );
        for (meta, labels) in templates {
            let ns = meta.namespace_str();
            let svcs = services_in_ns
                .get(ns)
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|s| selector_within(&s.selector, labels))
                .map(|s| b.key(Some(ns), EntityKind::Service, &s.meta.name))
                .collect();
            workload_services.insert((ns, meta.name.as_str()), svcs);
        }
        for m in &t.mesh {
            for key in workload_services
                .get(&(m.namespace.as_str(), m.workload.as_str()))
                .cloned()
                .unwrap_or_default()
            {
                b.gauge(
                    &key,
                    EntityKind::Service,
                    "error_rate",
                    1.0 - m.success_ratio,
                );
                b.gauge(&key, EntityKind::Service, "latency_p99", m.latency.p99_ms);
                b.gauge(&key, EntityKind::Service, "request_rate", m.rps);
            }
        }
        for e in &t.mesh_edges {
            let from = workload_services.get(&(e.src_namespace.as_str(), e.src_workload.as_str()));
            let to = workload_services.get(&(e.dst_namespace.as_str(), e.dst_workload.as_str()));
            if let (Some(from), Some(to)) = (from.cloned(), to.cloned()) {
                for f in &from {
                    for t in &to {
                        b.edge(f.clone(), t.clone(), EdgeKind::Calls);
                    }
                }
            }
        }
        // Edges name their ends' namespaces; for older snapshots whose edges do not, a service
        // name traced in one namespace only stands for that namespace.
        let mut apm_ns: HashMap<&str, Option<&str>> = HashMap::new();
        for s in &t.apm {
            let ns = s.namespace.as_deref();
            apm_ns
                .entry(&s.service)
                .and_modify(|seen| *seen = seen.filter(|&seen| Some(seen) == ns))
                .or_insert(ns);
            let Some(key) = service_key(&b, s.namespace.as_deref(), &s.service) else {
                continue;
            };
            b.gauge(&key, EntityKind::Service, "apm_error_rate", s.error_ratio);
            b.gauge(&key, EntityKind::Service, "apm_p99_latency", s.p99_ms);
            b.gauge(&key, EntityKind::Service, "apm_rps", s.rps);
            b.gauge(&key, EntityKind::Service, "self_time_ms", s.self_time_ms);
            let signals = rules::apm(rules_cfg, s);
            b.entity(&key, EntityKind::Service).signals.extend(signals);
        }
        let traced_ns = |name: &str| apm_ns.get(name).copied().flatten();
        for e in &t.apm_edges {
            let caller_ns = e.caller_namespace.as_deref();
            let callee_ns = e.callee_namespace.as_deref();
            let from = service_key(&b, caller_ns.or_else(|| traced_ns(&e.caller)), &e.caller);
            let to = service_key(&b, callee_ns.or_else(|| traced_ns(&e.callee)), &e.callee);
            if let (Some(from), Some(to)) = (from, to) {
                b.edge(from, to, EdgeKind::Calls);
            }
        }
        for l in &t.logs {
            let Some(key) = service_key(&b, l.namespace.as_deref(), &l.service) else {
                continue;
            };
            b.gauge(&key, EntityKind::Service, "log_error_count", l.error as f64);
            b.gauge(&key, EntityKind::Service, "log_warn_count", l.warn as f64);
            if let Some(lpr) = l.lines_per_request {
                b.gauge(&key, EntityKind::Service, "log_lines_per_request", lpr);
            }
            let signal = rules::log_errors(rules_cfg, l);
            b.entity(&key, EntityKind::Service).signals.extend(signal);
        }
    }

    Observation {
        cluster: snap.cluster_id.clone(),
        at_ms: snap.taken_at.timestamp_millis(),
        entities: b.entities.into_values().collect(),
        edges: b.edges,
        slo_burn: None,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::k8s::{
        Ingress, IngressBackend, IngressPath, IngressRule, Node, OwnerRef, Pod, Service,
    };
    use atl_core::telemetry::{ApmEdge, ApmService, MeshEdge, Telemetry};

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn pod(name: &str, app: &str, node: &str) -> Pod {
        Pod {
            meta: Meta {
                labels: labels(&[("app", app)]),
                ..Meta::namespaced(name, "default")
            },
            node: Some(node.into()),
            phase: PodPhase::Running,
            total_containers: 1,
            ready_containers: 1,
            ..Default::default()
        }
    }

    fn service(name: &str, app: &str) -> Service {
        Service {
            meta: Meta::namespaced(name, "default"),
            selector: labels(&[("app", app)]),
            ..Default::default()
        }
    }

    fn snapshot() -> ClusterSnapshot {
        let mut s = ClusterSnapshot::new("c1", chrono::DateTime::from_timestamp(0, 0).unwrap());
        let r = &mut s.resources;
        r.nodes.push(Node {
            meta: Meta::cluster_scoped("worker-1"),
            ..Default::default()
        });
        r.pods.push(pod("api-pod-1", "api", "worker-1"));
        r.pods.push(pod("other-pod", "other", "worker-1"));
        r.pods.push(pod("front-1", "front", "worker-1"));
        r.services.push(service("api-svc", "api"));
        r.services.push(service("frontend", "front"));
        r.services.push(Service {
            meta: Meta::namespaced("empty", "default"),
            ..Default::default()
        });
        r.ingresses.push(Ingress {
            meta: Meta::namespaced("my-ingress", "default"),
            rules: vec![IngressRule {
                host: Some("shop.example".into()),
                paths: vec![IngressPath {
                    path: "/".into(),
                    path_type: None,
                    backend: IngressBackend {
                        service: "api-svc".into(),
                        port: None,
                    },
                }],
            }],
            ..Default::default()
        });
        s
    }

    fn edges(o: &Observation, kind: EdgeKind) -> Vec<(String, String)> {
        o.edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| (e.from.clone(), e.to.clone()))
            .collect()
    }

    #[test]
    fn kubernetes_edges_use_cluster_scoped_keys() {
        let o = observe(&snapshot(), &RulesConfig::default());
        assert!(edges(&o, EdgeKind::RunsOn).contains(&(
            "c1/default/pod/api-pod-1".into(),
            "c1/_/node/worker-1".into()
        )));
        let selects = edges(&o, EdgeKind::Selects);
        assert!(selects.contains(&(
            "c1/default/service/api-svc".into(),
            "c1/default/pod/api-pod-1".into()
        )));
        assert!(!selects.iter().any(|(_, p)| p.ends_with("other-pod")));
        assert!(!selects.iter().any(|(s, _)| s.ends_with("/empty")));
        assert_eq!(
            edges(&o, EdgeKind::RoutesTo),
            vec![(
                "c1/default/ingress/my-ingress".to_string(),
                "c1/default/service/api-svc".to_string()
            )]
        );
        assert!(edges(&o, EdgeKind::Calls).is_empty());
    }

    #[test]
    fn mesh_and_trace_edges_become_calls() {
        let mut s = snapshot();
        s.resources.deployments.push(atl_core::k8s::Deployment {
            meta: Meta::namespaced("front", "default"),
            template: atl_core::k8s::PodTemplate {
                labels: labels(&[("app", "front")]),
                ..Default::default()
            },
            ..Default::default()
        });
        s.resources.deployments.push(atl_core::k8s::Deployment {
            meta: Meta::namespaced("api", "default"),
            template: atl_core::k8s::PodTemplate {
                labels: labels(&[("app", "api")]),
                ..Default::default()
            },
            ..Default::default()
        });
        s.telemetry = Some(Telemetry {
            mesh_edges: vec![MeshEdge {
                src_namespace: "default".into(),
                src_workload: "front".into(),
                dst_namespace: "default".into(),
                dst_workload: "api".into(),
                rps: 1.0,
                success_ratio: 1.0,
                latency: Default::default(),
            }],
            apm: vec![ApmService {
                service: "api-svc".into(),
                namespace: Some("default".into()),
                error_ratio: 0.2,
                ..Default::default()
            }],
            apm_edges: vec![ApmEdge {
                caller: "frontend".into(),
                callee: "api-svc".into(),
                rps: 1.0,
                p99_ms: 1.0,
                ..Default::default()
            }],
            ..Default::default()
        });
        let o = observe(&s, &RulesConfig::default());
        let calls = edges(&o, EdgeKind::Calls);
        let want = (
            "c1/default/service/frontend".to_string(),
            "c1/default/service/api-svc".to_string(),
        );
        assert_eq!(calls.iter().filter(|c| **c == want).count(), 2, "{calls:?}");
        let g = crate::engine::graph::Graph::build(&o, &[]);
        let front = g.id(&want.0).unwrap();
        assert_eq!(
            g.deps(front)
                .iter()
                .filter(|(_, k)| *k == EdgeKind::Calls)
                .count(),
            1
        );
        let api = o.entities.iter().find(|e| e.key == want.1).unwrap();
        assert_eq!(api.signals[0].metric, "apm_high_error_rate");
        assert_eq!(api.metrics["apm_error_rate"], Sample::Gauge(0.2));
    }

    #[test]
    fn same_named_traced_services_of_two_namespaces_stay_apart() {
        let mut s = snapshot();
        for ns in ["shop", "payments"] {
            s.resources.services.push(Service {
                meta: Meta::namespaced("api", ns),
                ..Default::default()
            });
        }
        let apm = |ns: &str, error_ratio: f64| ApmService {
            service: "api".into(),
            namespace: Some(ns.into()),
            error_ratio,
            ..Default::default()
        };
        s.telemetry = Some(Telemetry {
            apm: vec![apm("shop", 0.01), apm("payments", 0.3)],
            apm_edges: vec![ApmEdge {
                caller: "api".into(),
                caller_namespace: Some("shop".into()),
                callee: "api".into(),
                callee_namespace: Some("payments".into()),
                rps: 1.0,
                ..Default::default()
            }],
            ..Default::default()
        });
        let o = observe(&s, &RulesConfig::default());
        let error_rate = |key: &str| {
            let e = o.entities.iter().find(|e| e.key == key).unwrap();
            e.metrics["apm_error_rate"]
        };
        assert_eq!(error_rate("c1/shop/service/api"), Sample::Gauge(0.01));
        assert_eq!(error_rate("c1/payments/service/api"), Sample::Gauge(0.3));
        assert_eq!(
            edges(&o, EdgeKind::Calls),
            vec![(
                "c1/shop/service/api".to_string(),
                "c1/payments/service/api".to_string()
            )]
        );

        // An older snapshot: edges without namespaces, the name traced in two namespaces.
        let t = s.telemetry.as_mut().unwrap();
        t.apm_edges[0].caller_namespace = None;
        t.apm_edges[0].callee_namespace = None;
        let o = observe(&s, &RulesConfig::default());
        assert!(edges(&o, EdgeKind::Calls).is_empty());
    }

    #[test]
    fn pod_metrics_and_workload_impact() {
        let mut s = snapshot();
        let p = &mut s.resources.pods[0];
        p.restarts = 5;
        p.ready_containers = 0;
        p.meta.owner = Some(OwnerRef {
            kind: "ReplicaSet".into(),
            name: "api-rs".into(),
        });
        s.resources.replica_sets.push(atl_core::k8s::ReplicaSet {
            meta: Meta {
                owner: Some(OwnerRef {
                    kind: "Deployment".into(),
                    name: "api".into(),
                }),
                ..Meta::namespaced("api-rs", "default")
            },
            ..Default::default()
        });
        s.resources.deployments.push(atl_core::k8s::Deployment {
            meta: Meta::namespaced("api", "default"),
            replicas: 4,
            ready: 1,
            ..Default::default()
        });
        let o = observe(&s, &RulesConfig::default());
        let e = o
            .entities
            .iter()
            .find(|e| e.key == "c1/default/pod/api-pod-1")
            .unwrap();
        assert_eq!(e.metrics["restart_count"], Sample::Counter(5.0));
        assert_eq!(e.metrics["not_ready_containers"], Sample::Gauge(1.0));
        let impact = e
            .signals
            .iter()
            .find(|s| s.metric == "deployment_impact")
            .unwrap();
        assert_eq!(impact.score, 0.95);
        assert!(impact.text.contains("Deployment/api: 3 of 4"));
        assert_eq!(
            edges(&o, EdgeKind::OwnedBy),
            vec![(
                "c1/default/pod/api-pod-1".to_string(),
                "c1/default/deployment/api".to_string()
            )]
        );
        // The workload is no entity: the graph drops the edge.
        let g = crate::engine::graph::Graph::build(&o, &[]);
        assert!(g.id("c1/default/deployment/api").is_none());
    }

    #[test]
    fn node_not_ready_fires_once_the_condition_was_reported() {
        let cfg = RulesConfig::default();
        let mut n = Node {
            meta: Meta::cluster_scoped("n1"),
            ..Default::default()
        };
        // Unknown without any reported condition: nothing known, nothing fired.
        assert!(node_not_ready(&cfg, &n).is_none());
        n.ready = ConditionStatus::False;
        assert_eq!(node_not_ready(&cfg, &n).unwrap().score, 0.90);
        n.ready = ConditionStatus::Unknown;
        n.conditions.push(atl_core::k8s::Condition {
            type_: "Ready".into(),
            status: ConditionStatus::Unknown,
            reason: None,
            message: None,
            last_transition: None,
        });
        assert!(node_not_ready(&cfg, &n).unwrap().text.contains("Unknown"));
        n.ready = ConditionStatus::True;
        assert!(node_not_ready(&cfg, &n).is_none());
    }
}
