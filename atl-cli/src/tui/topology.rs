//! The topology tree (Ingress → Service → Pod → Node per cluster), flattened to the lines that
//! are visible under the current expansion. Risk comes from the master's per-entity risk when it
//! sent one, else from what the snapshot itself shows (not-ready pods, unready backends, node
//! conditions), so the tree is coloured even without the engine.

use super::columns::pod_ok;
use super::state::{ClusterEntry, State};
use atl_core::k8s::{ConditionStatus, Node, Pod, Service};
use std::collections::HashMap;

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeLine {
    pub depth: u8,
    /// Entity key text; also the expansion id.
    pub id: String,
    pub kind: &'static str,
    pub label: String,
    pub risk: f64,
    pub expandable: bool,
    pub expanded: bool,
}

/// The flattened tree for the clusters and namespace in scope.
pub fn build(state: &State) -> Vec<TreeLine> {
    let mut out = Vec::new();
    for (_, entry) in state.clusters_in_scope() {
        let id = entry.status.id.clone();
        let expanded = state.expanded.contains(&id);
        out.push(TreeLine {
            depth: 0,
            kind: "cluster",
            label: format!("{id} ({})", entry.status.state.as_str()),
            risk: entry.status.risk,
            expandable: entry.snapshot.is_some(),
            expanded,
            id,
        });
        if expanded {
            cluster_children(state, entry, &mut out);
        }
    }
    out
}

fn key(cluster: &str, ns: Option<&str>, kind: &str, name: &str) -> String {
    format!("{cluster}/{}/{kind}/{name}", ns.unwrap_or("_"))
}

fn cluster_children(state: &State, entry: &ClusterEntry, out: &mut Vec<TreeLine>) {
    let Some(snap) = &entry.snapshot else { return };
    let r = &snap.resources;
    let c = entry.status.id.as_str();
    let services: HashMap<(&str, &str), &Service> = r
        .services
        .iter()
        .map(|s| ((s.meta.namespace_str(), s.meta.name.as_str()), s))
        .collect();
    // Pods and nodes are looked up only when something is expanded down to them.
    let mut lookup: Option<Lookup> = None;
    let mut routed: std::collections::HashSet<(&str, &str)> = Default::default();

    let mut ingresses: Vec<_> = r
        .ingresses
        .iter()
        .filter(|i| state.ns_in_scope(i.meta.namespace.as_deref()))
        .map(|i| {
            let ns = i.meta.namespace_str();
            let backends: Vec<&Service> = i
                .backend_services()
                .into_iter()
                .filter_map(|s| services.get(&(ns, s)).copied())
                .collect();
            let id = key(c, Some(ns), "ingress", &i.meta.name);
            let own = entry.risk.get(&id).copied().unwrap_or(0.0);
            let risk = backends
                .iter()
                .map(|s| service_risk(entry, c, s))
                .fold(own, f64::max);
            (i, id, risk, backends)
        })
        .collect();
    ingresses.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));

    for (ing, id, risk, backends) in ingresses {
        for s in &backends {
            routed.insert((s.meta.namespace_str(), s.meta.name.as_str()));
        }
        let expanded = state.expanded.contains(&id);
        let hosts: Vec<&str> = ing.rules.iter().filter_map(|r| r.host.as_deref()).collect();
        out.push(TreeLine {
            depth: 1,
            kind: "ingress",
            label: format!(
                "{}/{} {}",
                ing.meta.namespace_str(),
                ing.meta.name,
                if hosts.is_empty() {
                    "*".to_string()
                } else {
                    hosts.join(",")
                }
            ),
            risk,
            expandable: !backends.is_empty(),
            expanded,
            id,
        });
        if expanded {
            for s in backends {
                service_line(state, entry, s, 2, &mut lookup, out);
            }
        }
    }
    // Services that no ingress routes to still belong in the tree, after the routed ones.
    let mut rest: Vec<&Service> = r
        .services
        .iter()
        .filter(|s| state.ns_in_scope(s.meta.namespace.as_deref()))
        .filter(|s| !routed.contains(&(s.meta.namespace_str(), s.meta.name.as_str())))
        .collect();
    rest.sort_by(|a, b| service_risk(entry, c, b).total_cmp(&service_risk(entry, c, a)));
    for s in rest {
        service_line(state, entry, s, 1, &mut lookup, out);
    }
}

struct Lookup<'a> {
    pods: HashMap<(&'a str, &'a str), &'a Pod>,
    nodes: HashMap<&'a str, &'a Node>,
}

fn lookup<'a>(entry: &'a ClusterEntry) -> Lookup<'a> {
    let (pods, nodes) = match &entry.snapshot {
        Some(s) => (
            s.resources
                .pods
                .iter()
                .map(|p| ((p.meta.namespace_str(), p.meta.name.as_str()), p))
                .collect(),
            s.resources
                .nodes
                .iter()
                .map(|n| (n.meta.name.as_str(), n))
                .collect(),
        ),
        None => Default::default(),
    };
    Lookup { pods, nodes }
}

fn service_risk(entry: &ClusterEntry, c: &str, s: &Service) -> f64 {
    let id = key(c, s.meta.namespace.as_deref(), "service", &s.meta.name);
    if let Some(r) = entry.risk.get(&id) {
        return *r;
    }
    let total = s.backends.len();
    let ready = s.ready_backends();
    match (total, ready) {
        (0, _) => 0.0,
        (_, 0) => 0.9,
        (t, r) if r < t => 0.3 + 0.4 * (t - r) as f64 / t as f64,
        _ => 0.0,
    }
}

fn pod_risk(entry: &ClusterEntry, id: &str, p: &Pod) -> f64 {
    if let Some(r) = entry.risk.get(id) {
        return *r;
    }
    match p.reason.as_deref() {
        Some("OOMKilled") => 0.95,
        Some("CrashLoopBackOff") => 0.9,
        Some(_) => 0.7,
        None if !pod_ok(p) => 0.6,
        None => 0.0,
    }
}

fn node_risk(entry: &ClusterEntry, id: &str, n: &Node) -> f64 {
    if let Some(r) = entry.risk.get(id) {
        return *r;
    }
    let p = n.pressure;
    if n.ready != ConditionStatus::True {
        0.9
    } else if p.memory || p.disk || p.pid {
        0.8
    } else {
        0.0
    }
}

fn service_line<'a>(
    state: &State,
    entry: &'a ClusterEntry,
    s: &Service,
    depth: u8,
    lk: &mut Option<Lookup<'a>>,
    out: &mut Vec<TreeLine>,
) {
    let c = entry.status.id.as_str();
    let ns = s.meta.namespace.as_deref();
    let id = key(c, ns, "service", &s.meta.name);
    let expanded = state.expanded.contains(&id);
    out.push(TreeLine {
        depth,
        kind: "service",
        label: format!(
            "{}/{} {}/{} ready",
            s.meta.namespace_str(),
            s.meta.name,
            s.ready_backends(),
            s.backends.len()
        ),
        risk: service_risk(entry, c, s),
        expandable: !s.backends.is_empty(),
        expanded,
        id,
    });
    if !expanded {
        return;
    }
    let lk = lk.get_or_insert_with(|| lookup(entry));
    for b in &s.backends {
        let Some(pod) = b
            .pod
            .as_deref()
            .and_then(|n| lk.pods.get(&(ns.unwrap_or(""), n)))
        else {
            continue;
        };
        let pid = key(c, ns, "pod", &pod.meta.name);
        let pexp = state.expanded.contains(&pid);
        out.push(TreeLine {
            depth: depth + 1,
            kind: "pod",
            label: format!(
                "{} {} {} restarts",
                pod.meta.name,
                pod.status_text(),
                pod.restarts
            ),
            risk: pod_risk(entry, &pid, pod),
            expandable: pod.node.is_some(),
            expanded: pexp,
            id: pid,
        });
        if pexp && let Some(node) = pod.node.as_deref().and_then(|n| lk.nodes.get(n)) {
            let nid = key(c, None, "node", &node.meta.name);
            out.push(TreeLine {
                depth: depth + 2,
                kind: "node",
                label: format!("{} {}", node.meta.name, super::columns::node_status(node)),
                risk: node_risk(entry, &nid, node),
                expandable: false,
                expanded: false,
                id: nid,
            });
        }
    }
}
