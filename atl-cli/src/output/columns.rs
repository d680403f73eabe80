//! Kind names and kubectl-like columns for each kind.
//!
//! Objects are read as JSON with Kubernetes field paths (metadata.name, status.phase, ...), which
//! is what the master returns for resources; unknown kinds fall back to NAME and AGE.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::age::age_of;
use super::table::{Cell, Table, Tone};

/// A resource as returned by the master, tagged with the cluster it came from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub cluster: String,
    pub object: Value,
}

/// (canonical plural, singular used in `-o name`, aliases)
const KINDS: &[(&str, &str, &[&str])] = &[
    ("pods", "pod", &["po", "pod"]),
    ("deployments", "deployment", &["deploy", "deployment"]),
    ("statefulsets", "statefulset", &["sts", "statefulset"]),
    ("daemonsets", "daemonset", &["ds", "daemonset"]),
    ("replicasets", "replicaset", &["rs", "replicaset"]),
    ("services", "service", &["svc", "service"]),
    ("nodes", "node", &["no", "node"]),
    ("namespaces", "namespace", &["ns", "namespace"]),
    ("events", "event", &["ev", "event"]),
    ("ingresses", "ingress", &["ing", "ingress"]),
    ("configmaps", "configmap", &["cm", "configmap"]),
    ("persistentvolumeclaims", "persistentvolumeclaim", &["pvc", "persistentvolumeclaim"]),
    ("persistentvolumes", "persistentvolume", &["pv", "persistentvolume"]),
    ("jobs", "job", &["job"]),
    ("cronjobs", "cronjob", &["cj", "cronjob"]),
    ("horizontalpodautoscalers", "horizontalpodautoscaler", &["hpa", "horizontalpodautoscaler"]),
    ("endpoints", "endpoints", &["ep"]),
    ("serviceaccounts", "serviceaccount", &["sa", "serviceaccount"]),
    ("poddisruptionbudgets", "poddisruptionbudget", &["pdb", "poddisruptionbudget"]),
];

/// Canonical plural for a user-typed kind (case-insensitive; `Deployment.apps` style group
/// suffixes are dropped). Unknown kinds are passed through lower-cased for the master to resolve.
pub fn canonical_kind(kind: &str) -> String {
    let k = kind.to_ascii_lowercase();
    let k = k.split('.').next().unwrap_or_default().to_string();
    KINDS
        .iter()
        .find(|(plural, _, aliases)| *plural == k || aliases.contains(&k.as_str()))
        .map_or(k, |(plural, _, _)| (*plural).to_string())
}

pub fn singular(kind: &str) -> String {
    KINDS
        .iter()
        .find(|(plural, _, _)| *plural == kind)
        .map_or_else(|| kind.trim_end_matches('s').to_string(), |(_, s, _)| (*s).to_string())
}

pub fn field<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |cur, key| cur.get(key))
}

fn text(v: &Value, path: &str) -> Option<String> {
    match field(v, path)? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn int(v: &Value, path: &str) -> i64 {
    field(v, path).and_then(Value::as_i64).unwrap_or(0)
}

fn or_none(s: Option<String>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or_else(|| "<none>".into())
}

pub fn name_of(v: &Value) -> String {
    text(v, "metadata.name").unwrap_or_default()
}

pub fn namespace_of(v: &Value) -> String {
    text(v, "metadata.namespace").unwrap_or_default()
}

fn age(v: &Value, now: DateTime<Utc>) -> String {
    age_of(field(v, "metadata.creationTimestamp").and_then(Value::as_str), now)
}

pub fn status_tone(status: &str) -> Tone {
    match status {
        "Running" | "Ready" | "Succeeded" | "Completed" | "Active" | "Bound" | "online" | "Online" => Tone::Good,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Terminating" | "Unknown" | "stale" => Tone::Warn,
        s if s.starts_with("Ready,") || s.starts_with("Init:") => Tone::Warn,
        _ => Tone::Bad,
    }
}

/// Pod STATUS as kubectl computes it: a waiting/terminated container reason beats the phase,
/// and a deletion timestamp shows as Terminating.
fn pod_status(p: &Value) -> String {
    if field(p, "metadata.deletionTimestamp").is_some_and(|v| !v.is_null()) {
        return "Terminating".into();
    }
    let mut status = text(p, "status.reason").or_else(|| text(p, "status.phase")).unwrap_or_else(|| "Unknown".into());
    if let Some(cs) = field(p, "status.containerStatuses").and_then(Value::as_array) {
        for c in cs {
            let reason = text(c, "state.waiting.reason")
                .or_else(|| text(c, "state.terminated.reason"))
                .filter(|r| !r.is_empty());
            if let Some(r) = reason {
                status = r;
            }
        }
    }
    status
}

fn pod_ready(p: &Value) -> String {
    let statuses = field(p, "status.containerStatuses").and_then(Value::as_array);
    let total = field(p, "spec.containers")
        .and_then(Value::as_array)
        .map(Vec::len)
        .or_else(|| statuses.map(Vec::len))
        .unwrap_or(0);
    let ready = statuses.map_or(0, |s| s.iter().filter(|c| c.get("ready").and_then(Value::as_bool) == Some(true)).count());
    format!("{ready}/{total}")
}

fn pod_restarts(p: &Value) -> i64 {
    field(p, "status.containerStatuses")
        .and_then(Value::as_array)
        .map_or(0, |cs| cs.iter().map(|c| int(c, "restartCount")).sum())
}

fn node_status(n: &Value) -> String {
    let ready = field(n, "status.conditions").and_then(Value::as_array).and_then(|cs| {
        cs.iter().find(|c| c.get("type").and_then(Value::as_str) == Some("Ready"))
    });
    let mut s = match ready.and_then(|c| c.get("status")).and_then(Value::as_str) {
        Some("True") => "Ready".to_string(),
        Some("False") => "NotReady".to_string(),
        _ => "Unknown".to_string(),
    };
    if field(n, "spec.unschedulable").and_then(Value::as_bool) == Some(true) {
        s.push_str(",SchedulingDisabled");
    }
    s
}

fn node_roles(n: &Value) -> String {
    let mut roles: Vec<&str> = field(n, "metadata.labels")
        .and_then(Value::as_object)
        .map(|l| l.keys().filter_map(|k| k.strip_prefix("node-role.kubernetes.io/")).collect())
        .unwrap_or_default();
    roles.sort_unstable();
    if roles.is_empty() { "<none>".into() } else { roles.join(",") }
}

fn node_internal_ip(n: &Value) -> Option<String> {
    field(n, "status.addresses")?
        .as_array()?
        .iter()
        .find(|a| a.get("type").and_then(Value::as_str) == Some("InternalIP"))
        .and_then(|a| text(a, "address"))
}

fn service_ports(s: &Value) -> String {
    let ports = field(s, "spec.ports").and_then(Value::as_array).map(|ps| {
        ps.iter()
            .map(|p| {
                let port = int(p, "port");
                let proto = text(p, "protocol").unwrap_or_else(|| "TCP".into());
                match field(p, "nodePort").and_then(Value::as_i64) {
                    Some(np) => format!("{port}:{np}/{proto}"),
                    None => format!("{port}/{proto}"),
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    });
    or_none(ports)
}

fn external_ip(s: &Value) -> String {
    let lb = field(s, "status.loadBalancer.ingress").and_then(Value::as_array).map(|is| {
        is.iter().filter_map(|i| text(i, "ip").or_else(|| text(i, "hostname"))).collect::<Vec<_>>().join(",")
    });
    let ext = field(s, "spec.externalIPs")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","));
    or_none(lb.filter(|s| !s.is_empty()).or(ext))
}

fn images(w: &Value) -> (String, String) {
    let cs = field(w, "spec.template.spec.containers").and_then(Value::as_array);
    let names = cs.map(|c| c.iter().filter_map(|c| text(c, "name")).collect::<Vec<_>>().join(","));
    let imgs = cs.map(|c| c.iter().filter_map(|c| text(c, "image")).collect::<Vec<_>>().join(","));
    (or_none(names), or_none(imgs))
}

fn event_object(e: &Value) -> String {
    let kind = text(e, "involvedObject.kind").unwrap_or_default().to_ascii_lowercase();
    let name = text(e, "involvedObject.name").unwrap_or_default();
    format!("{kind}/{name}")
}

fn event_last_seen(e: &Value, now: DateTime<Utc>) -> String {
    let ts = ["lastTimestamp", "eventTime", "metadata.creationTimestamp"]
        .iter()
        .find_map(|p| field(e, p).and_then(Value::as_str));
    age_of(ts, now)
}

/// Builds the table for `kind` (canonical plural). Adds NAMESPACE when `all_namespaces`, and
/// CLUSTER first when the items span more than one cluster.
pub fn resource_table(kind: &str, items: &[Item], wide: bool, all_namespaces: bool, now: DateTime<Utc>) -> Table {
    let (headers, wide_headers): (&[&str], &[&str]) = match kind {
        "pods" => (&["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &["IP", "NODE"]),
        "deployments" => (&["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], &["CONTAINERS", "IMAGES"]),
        "statefulsets" => (&["NAME", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        "daemonsets" => (&["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], &["CONTAINERS", "IMAGES"]),
        "replicasets" => (&["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        "nodes" => (&["NAME", "STATUS", "ROLES", "AGE", "VERSION"], &["INTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"]),
        "services" => (&["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], &["SELECTOR"]),
        "namespaces" => (&["NAME", "STATUS", "AGE"], &[]),
        "events" => (&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &[]),
        _ => (&["NAME", "AGE"], &[]),
    };
    let mut t = Table::new(headers.iter().copied());
    if wide {
        t.headers.extend(wide_headers.iter().map(|h| (*h).to_string()));
    }
    for it in items {
        let o = &it.object;
        let mut row: Vec<Cell> = match kind {
            "pods" => {
                let status = pod_status(o);
                let tone = status_tone(&status);
                vec![name_of(o).into(), pod_ready(o).into(), Cell::toned(status, tone), pod_restarts(o).to_string().into(), age(o, now).into()]
            }
            "deployments" => vec![
                name_of(o).into(),
                format!("{}/{}", int(o, "status.readyReplicas"), int(o, "spec.replicas")).into(),
                int(o, "status.updatedReplicas").to_string().into(),
                int(o, "status.availableReplicas").to_string().into(),
                age(o, now).into(),
            ],
            "statefulsets" => vec![
                name_of(o).into(),
                format!("{}/{}", int(o, "status.readyReplicas"), int(o, "spec.replicas")).into(),
                age(o, now).into(),
            ],
            "daemonsets" => {
                let mut r: Vec<Cell> = vec![name_of(o).into()];
                for p in ["desiredNumberScheduled", "currentNumberScheduled", "numberReady", "updatedNumberScheduled", "numberAvailable"] {
                    r.push(int(o, &format!("status.{p}")).to_string().into());
                }
                r.push(age(o, now).into());
                r
            }
            "replicasets" => vec![
                name_of(o).into(),
                int(o, "spec.replicas").to_string().into(),
                int(o, "status.replicas").to_string().into(),
                int(o, "status.readyReplicas").to_string().into(),
                age(o, now).into(),
            ],
            "nodes" => {
                let status = node_status(o);
                let tone = status_tone(&status);
                vec![
                    name_of(o).into(),
                    Cell::toned(status, tone),
                    node_roles(o).into(),
                    age(o, now).into(),
                    or_none(text(o, "status.nodeInfo.kubeletVersion")).into(),
                ]
            }
            "services" => vec![
                name_of(o).into(),
                text(o, "spec.type").unwrap_or_else(|| "ClusterIP".into()).into(),
                or_none(text(o, "spec.clusterIP")).into(),
                external_ip(o).into(),
                service_ports(o).into(),
                age(o, now).into(),
            ],
            "namespaces" => {
                let status = text(o, "status.phase").unwrap_or_else(|| "Active".into());
                let tone = status_tone(&status);
                vec![name_of(o).into(), Cell::toned(status, tone), age(o, now).into()]
            }
            "events" => {
                let ty = text(o, "type").unwrap_or_default();
                let tone = if ty == "Warning" { Tone::Warn } else { Tone::Plain };
                vec![
                    event_last_seen(o, now).into(),
                    Cell::toned(ty, tone),
                    text(o, "reason").unwrap_or_default().into(),
                    event_object(o).into(),
                    text(o, "message").unwrap_or_default().into(),
                ]
            }
            _ => vec![name_of(o).into(), age(o, now).into()],
        };
        if wide {
            match kind {
                "pods" => {
                    row.push(or_none(text(o, "status.podIP")).into());
                    row.push(or_none(text(o, "spec.nodeName")).into());
                }
                "deployments" | "statefulsets" | "daemonsets" | "replicasets" => {
                    let (c, i) = images(o);
                    row.push(c.into());
                    row.push(i.into());
                }
                "nodes" => {
                    row.push(or_none(node_internal_ip(o)).into());
                    for p in ["osImage", "kernelVersion", "containerRuntimeVersion"] {
                        row.push(or_none(text(o, &format!("status.nodeInfo.{p}"))).into());
                    }
                }
                "services" => {
                    let sel = field(o, "spec.selector").and_then(Value::as_object).map(|m| {
                        m.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())).collect::<Vec<_>>().join(",")
                    });
                    row.push(or_none(sel).into());
                }
                _ => {}
            }
        }
        t.push(row);
    }
    if all_namespaces && kind != "nodes" && kind != "namespaces" && kind != "persistentvolumes" {
        let ns = items.iter().map(|i| namespace_of(&i.object)).collect();
        t.insert_column(0, "NAMESPACE", ns);
    }
    add_cluster_column(&mut t, items.iter().map(|i| i.cluster.as_str()));
    t
}

/// Inserts CLUSTER as the first column when the rows come from more than one cluster.
pub fn add_cluster_column<'a>(t: &mut Table, clusters: impl Iterator<Item = &'a str> + Clone) {
    let mut distinct: Vec<&str> = clusters.clone().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        t.insert_column(0, "CLUSTER", clusters.map(str::to_string).collect());
    }
}

/// `-o name` lines: `pod/web-0`, or `CLUSTER/pod/web-0` when several clusters are involved.
pub fn names(kind: &str, items: &[Item]) -> Vec<String> {
    let multi = items.windows(2).any(|w| w[0].cluster != w[1].cluster);
    let s = singular(kind);
    items
        .iter()
        .map(|i| {
            let n = name_of(&i.object);
            if multi { format!("{}/{s}/{n}", i.cluster) } else { format!("{s}/{n}") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn pod(cluster: &str, name: &str) -> Item {
        let created = (Utc::now() - chrono::TimeDelta::seconds(300)).to_rfc3339();
        Item {
            cluster: cluster.into(),
            object: json!({
                "metadata": {"name": name, "namespace": "default", "creationTimestamp": created},
                "spec": {"nodeName": "node-a", "containers": [{"name": "app"}, {"name": "side"}]},
                "status": {"phase": "Running", "podIP": "10.0.0.7", "containerStatuses": [
                    {"name": "app", "ready": true, "restartCount": 2, "state": {"running": {}}},
                    {"name": "side", "ready": false, "restartCount": 1, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}
                ]}
            }),
        }
    }

    #[test]
    fn kinds_resolve_aliases() {
        assert_eq!(canonical_kind("po"), "pods");
        assert_eq!(canonical_kind("Deployment.apps"), "deployments");
        assert_eq!(canonical_kind("sts"), "statefulsets");
        assert_eq!(canonical_kind("widgets"), "widgets");
        assert_eq!(singular("pods"), "pod");
    }

    #[test]
    fn pod_columns_like_kubectl() {
        let t = resource_table("pods", &[pod("a", "web-0")], true, false, Utc::now());
        assert_eq!(t.headers, ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"]);
        let r: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(r, ["web-0", "1/2", "CrashLoopBackOff", "3", "5m", "10.0.0.7", "node-a"]);
    }

    #[test]
    fn cluster_column_only_for_many_clusters() {
        let one = resource_table("pods", &[pod("a", "x"), pod("a", "y")], false, true, Utc::now());
        assert_eq!(one.headers[0], "NAMESPACE");
        let two = resource_table("pods", &[pod("a", "x"), pod("b", "y")], false, true, Utc::now());
        assert_eq!(&two.headers[..3], ["CLUSTER", "NAMESPACE", "NAME"]);
        assert_eq!(two.rows[1][0].text, "b");
        assert_eq!(names("pods", &[pod("a", "x"), pod("b", "y")]), ["a/pod/x", "b/pod/y"]);
        assert_eq!(names("pods", &[pod("a", "x")]), ["pod/x"]);
    }

    #[test]
    fn node_status_and_roles() {
        let n = Item {
            cluster: "a".into(),
            object: json!({"metadata": {"name": "n1", "labels": {"node-role.kubernetes.io/control-plane": ""}},
                "spec": {"unschedulable": true},
                "status": {"conditions": [{"type": "Ready", "status": "True"}], "nodeInfo": {"kubeletVersion": "v1.31.0"}}}),
        };
        let t = resource_table("nodes", &[n], false, false, Utc::now());
        let r: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(r, ["n1", "Ready,SchedulingDisabled", "control-plane", "<unknown>", "v1.31.0"]);
    }
}
