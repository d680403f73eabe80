//! Adapter: `ClusterSnapshot` → [`Observation`] (entities, metrics,
//! deterministic signals and dependency edges). The only engine module that
//! knows the snapshot model.

use std::collections::{BTreeMap, HashMap};

use atl_core::ClusterSnapshot;
use atl_core::k8s::{Event, Meta, PodPhase};

use crate::engine::model::{
    Edge, EdgeKind, EntityKind, EntityObservation, Observation, Sample, entity_key,
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
        let signals = rules::node_pressure(rules_cfg, n);
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
        b.entity(&key, EntityKind::Pod).metrics.insert(
            "restart_count".into(),
            Sample::Counter(f64::from(p.restarts)),
        );
        b.gauge(
            &key,
            EntityKind::Pod,
            "not_ready_containers",
            f64::from(p.total_containers.saturating_sub(p.ready_containers)),
        );
        if let Some(u) = &p.usage {
            let (req, lim) = (p.requests(), p.limits());
            if let (Some(c), Some(r)) = (u.cpu_millicores, req.cpu_millicores)
                && r > 0.0
            {
                b.gauge(&key, EntityKind::Pod, "cpu_vs_request", c / r);
            }
            if let (Some(m), Some(l)) = (u.memory_bytes, lim.memory_bytes)
                && l > 0
            {
                b.gauge(
                    &key,
                    EntityKind::Pod,
                    "memory_vs_limit",
                    m as f64 / l as f64,
                );
            }
        }
        let mut signals = Vec::new();
        signals.extend(rules::container_anomaly(rules_cfg, p, now_s));
        if let Some(evs) = pod_events.get(&(ns, p.meta.name.as_str())) {
            signals.extend(rules::critical_event(rules_cfg, evs, now_s));
        }
        let workload = match owner_of(&p.meta) {
            Some(("ReplicaSet", rs)) => rs_owner.get(&(ns, rs)).copied(),
            other => other,
        };
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
        b.entity(&key, EntityKind::Pod).signals.extend(signals);
        if let Some(node) = &p.node {
            let node_key = b.key(None, EntityKind::Node, node);
            if b.entities.contains_key(&node_key) {
                b.edge(key.clone(), node_key, EdgeKind::RunsOn);
            }
        }
    }

    // Services and what they select.
    let mut service_by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for s in &res.services {
        let ns = s.meta.namespace_str();
        service_by_name.entry(&s.meta.name).or_default().push(ns);
        let key = b.key(Some(ns), EntityKind::Service, &s.meta.name);
        b.entity(&key, EntityKind::Service);
        let mut targets: Vec<String> = if s.selector.is_empty() {
            s.backends
                .iter()
                .filter_map(|be| be.pod.as_deref())
                .map(|pod| b.key(Some(ns), EntityKind::Pod, pod))
                .collect()
        } else {
            res.pods
                .iter()
                .filter(|p| {
                    p.meta.namespace_str() == ns && selector_within(&s.selector, &p.meta.labels)
                })
                .map(|p| b.key(Some(ns), EntityKind::Pod, &p.meta.name))
                .collect()
        };
        targets.retain(|t| b.entities.contains_key(t));
        for t in targets {
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
            let svcs = res
                .services
                .iter()
                .filter(|s| s.meta.namespace_str() == ns && selector_within(&s.selector, labels))
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
        let mut apm_ns: HashMap<&str, Option<&str>> = HashMap::new();
        for s in &t.apm {
            apm_ns.insert(&s.service, s.namespace.as_deref());
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
        for e in &t.apm_edges {
            let from = service_key(
                &b,
                apm_ns.get(e.caller.as_str()).copied().flatten(),
                &e.caller,
            );
            let to = service_key(
                &b,
                apm_ns.get(e.callee.as_str()).copied().flatten(),
                &e.callee,
            );
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
