//! `meta.k8s.io/v1` Table responses (what `kubectl get` prints), computed from the objects the way
//! the API server's printers do.

use serde_json::{Value, json};

use crate::kinds::Kind;

/// kubectl's human-readable duration ("45s", "3m20s", "5h", "12d").
pub fn human_duration(secs: i64) -> String {
    if secs < 0 {
        return "<invalid>".into();
    }
    let (m, h) = (secs / 60, secs / 3600);
    match secs {
        s if s < 120 => format!("{s}s"),
        s if m < 10 => {
            if s % 60 == 0 {
                format!("{m}m")
            } else {
                format!("{m}m{}s", s % 60)
            }
        }
        _ if m < 180 => format!("{m}m"),
        _ if h < 8 => {
            if m % 60 == 0 {
                format!("{h}h")
            } else {
                format!("{h}h{}m", m % 60)
            }
        }
        _ if h < 48 => format!("{h}h"),
        _ if h < 192 => {
            if h % 24 == 0 {
                format!("{}d", h / 24)
            } else {
                format!("{}d{}h", h / 24, h % 24)
            }
        }
        _ if h < 24 * 365 * 2 => format!("{}d", h / 24),
        _ => format!("{}y", h / 24 / 365),
    }
}

fn s<'a>(v: &'a Value, path: &str) -> &'a str {
    v.pointer(path).and_then(Value::as_str).unwrap_or("")
}

fn i(v: &Value, path: &str) -> i64 {
    v.pointer(path).and_then(Value::as_i64).unwrap_or(0)
}

fn age(v: &Value, path: &str, now_ms: i64) -> String {
    match s(v, path).parse::<k8s_openapi::jiff::Timestamp>() {
        Ok(t) => human_duration((now_ms - t.as_millisecond()) / 1000),
        Err(_) => "<unknown>".into(),
    }
}

fn or_none(x: &str) -> String {
    if x.is_empty() {
        "<none>".into()
    } else {
        x.to_owned()
    }
}

/// The STATUS column of a pod, as kubectl computes it.
pub fn pod_status(p: &Value) -> String {
    let mut reason = s(p, "/status/phase").to_owned();
    if !s(p, "/status/reason").is_empty() {
        reason = s(p, "/status/reason").to_owned();
    }
    let empty = Vec::new();
    let statuses = p
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let mut has_running = false;
    for c in statuses.iter().rev() {
        let w = s(c, "/state/waiting/reason");
        let t = s(c, "/state/terminated/reason");
        if !w.is_empty() {
            reason = w.to_owned();
        } else if !t.is_empty() {
            reason = t.to_owned();
        } else if c.pointer("/state/terminated").is_some() {
            reason = format!("ExitCode:{}", i(c, "/state/terminated/exitCode"));
        } else if c.get("ready").and_then(Value::as_bool) == Some(true)
            && c.pointer("/state/running").is_some()
        {
            has_running = true;
        }
    }
    if reason == "Completed" && has_running {
        reason = "Running".into();
    }
    if p.pointer("/metadata/deletionTimestamp").is_some() {
        reason = "Terminating".into();
    }
    if reason.is_empty() {
        "Pending".into()
    } else {
        reason
    }
}

fn pod_row(p: &Value, now_ms: i64) -> Vec<Value> {
    let empty = Vec::new();
    let statuses = p
        .pointer("/status/containerStatuses")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let total = p
        .pointer("/spec/containers")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let ready = statuses
        .iter()
        .filter(|c| c.get("ready").and_then(Value::as_bool) == Some(true))
        .count();
    let restarts: i64 = statuses.iter().map(|c| i(c, "/restartCount")).sum();
    let last = statuses
        .iter()
        .filter_map(|c| {
            s(c, "/lastState/terminated/finishedAt")
                .parse::<k8s_openapi::jiff::Timestamp>()
                .ok()
        })
        .max();
    let restarts_cell = match last {
        Some(t) if restarts > 0 => format!(
            "{restarts} ({} ago)",
            human_duration((now_ms - t.as_millisecond()) / 1000)
        ),
        _ => restarts.to_string(),
    };
    vec![
        json!(s(p, "/metadata/name")),
        json!(format!("{ready}/{total}")),
        json!(pod_status(p)),
        json!(restarts_cell),
        json!(age(p, "/metadata/creationTimestamp", now_ms)),
        json!(or_none(s(p, "/status/podIP"))),
        json!(or_none(s(p, "/spec/nodeName"))),
        json!("<none>"),
        json!("<none>"),
    ]
}

fn node_row(n: &Value, now_ms: i64) -> Vec<Value> {
    let empty = Vec::new();
    let conds = n
        .pointer("/status/conditions")
        .and_then(Value::as_array)
        .unwrap_or(&empty);
    let ready = conds
        .iter()
        .find(|c| s(c, "/type") == "Ready")
        .map(|c| s(c, "/status"))
        .unwrap_or("");
    let mut status = match ready {
        "True" => "Ready".to_owned(),
        "" | "Unknown" if conds.is_empty() => "Unknown".to_owned(),
        _ => "NotReady".to_owned(),
    };
    if n.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push_str(",SchedulingDisabled");
    }
    let roles: Vec<String> = n
        .pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|l| {
            l.keys()
                .filter_map(|k| {
                    k.strip_prefix("node-role.kubernetes.io/")
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    let addr = |t: &str| {
        n.pointer("/status/addresses")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find(|x| s(x, "/type") == t))
            .map(|x| s(x, "/address").to_owned())
            .unwrap_or_else(|| "<none>".into())
    };
    vec![
        json!(s(n, "/metadata/name")),
        json!(status),
        json!(if roles.is_empty() {
            "<none>".to_owned()
        } else {
            roles.join(",")
        }),
        json!(age(n, "/metadata/creationTimestamp", now_ms)),
        json!(s(n, "/status/nodeInfo/kubeletVersion")),
        json!(addr("InternalIP")),
        json!(addr("ExternalIP")),
        json!(s(n, "/status/nodeInfo/osImage")),
        json!(s(n, "/status/nodeInfo/kernelVersion")),
        json!(s(n, "/status/nodeInfo/containerRuntimeVersion")),
    ]
}

fn images(v: &Value, path: &str, field: &str) -> String {
    v.pointer(path)
        .and_then(Value::as_array)
        .map(|cs| {
            cs.iter()
                .map(|c| s(c, field).to_owned())
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
}

fn selector_text(v: &Value, path: &str) -> String {
    v.pointer(path)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, x)| format!("{k}={}", x.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join(",")
        })
        .filter(|x| !x.is_empty())
        .unwrap_or_else(|| "<none>".into())
}

type Columns = &'static [(&'static str, &'static str, i64)];

fn columns(kind: Kind) -> Columns {
    match kind {
        Kind::Pod => &[
            ("Name", "string", 0),
            ("Ready", "string", 0),
            ("Status", "string", 0),
            ("Restarts", "string", 0),
            ("Age", "string", 0),
            ("IP", "string", 1),
            ("Node", "string", 1),
            ("Nominated Node", "string", 1),
            ("Readiness Gates", "string", 1),
        ],
        Kind::Node => &[
            ("Name", "string", 0),
            ("Status", "string", 0),
            ("Roles", "string", 0),
            ("Age", "string", 0),
            ("Version", "string", 0),
            ("Internal-IP", "string", 1),
            ("External-IP", "string", 1),
            ("OS-Image", "string", 1),
            ("Kernel-Version", "string", 1),
            ("Container-Runtime", "string", 1),
        ],
        Kind::Deployment => &[
            ("Name", "string", 0),
            ("Ready", "string", 0),
            ("Up-to-date", "integer", 0),
            ("Available", "integer", 0),
            ("Age", "string", 0),
            ("Containers", "string", 1),
            ("Images", "string", 1),
            ("Selector", "string", 1),
        ],
        Kind::ReplicaSet => &[
            ("Name", "string", 0),
            ("Desired", "integer", 0),
            ("Current", "integer", 0),
            ("Ready", "integer", 0),
            ("Age", "string", 0),
        ],
        Kind::StatefulSet => &[
            ("Name", "string", 0),
            ("Ready", "string", 0),
            ("Age", "string", 0),
        ],
        Kind::DaemonSet => &[
            ("Name", "string", 0),
            ("Desired", "integer", 0),
            ("Current", "integer", 0),
            ("Ready", "integer", 0),
            ("Up-to-date", "integer", 0),
            ("Available", "integer", 0),
            ("Age", "string", 0),
        ],
        Kind::Service => &[
            ("Name", "string", 0),
            ("Type", "string", 0),
            ("Cluster-IP", "string", 0),
            ("External-IP", "string", 0),
            ("Port(s)", "string", 0),
            ("Age", "string", 0),
            ("Selector", "string", 1),
        ],
        Kind::Event => &[
            ("Last Seen", "string", 0),
            ("Type", "string", 0),
            ("Reason", "string", 0),
            ("Object", "string", 0),
            ("Message", "string", 0),
        ],
        Kind::Namespace => &[
            ("Name", "string", 0),
            ("Status", "string", 0),
            ("Age", "string", 0),
        ],
        Kind::Job => &[
            ("Name", "string", 0),
            ("Status", "string", 0),
            ("Completions", "string", 0),
            ("Age", "string", 0),
        ],
        Kind::PodDisruptionBudget => &[
            ("Name", "string", 0),
            ("Min Available", "string", 0),
            ("Max Unavailable", "string", 0),
            ("Allowed Disruptions", "integer", 0),
            ("Age", "string", 0),
        ],
        Kind::PersistentVolumeClaim => &[
            ("Name", "string", 0),
            ("Status", "string", 0),
            ("Volume", "string", 0),
            ("Capacity", "string", 0),
            ("Access Modes", "string", 0),
            ("StorageClass", "string", 0),
            ("Age", "string", 0),
        ],
        _ => &[("Name", "string", 0), ("Age", "string", 0)],
    }
}

fn int_or_str(v: &Value, path: &str) -> String {
    match v.pointer(path) {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(x)) => x.clone(),
        _ => "N/A".into(),
    }
}

fn row(kind: Kind, o: &Value, now_ms: i64) -> Vec<Value> {
    let name = json!(s(o, "/metadata/name"));
    let age_ = json!(age(o, "/metadata/creationTimestamp", now_ms));
    match kind {
        Kind::Pod => pod_row(o, now_ms),
        Kind::Node => node_row(o, now_ms),
        Kind::Deployment => vec![
            name,
            json!(format!(
                "{}/{}",
                i(o, "/status/readyReplicas"),
                o.pointer("/spec/replicas")
                    .and_then(Value::as_i64)
                    .unwrap_or(1)
            )),
            json!(i(o, "/status/updatedReplicas")),
            json!(i(o, "/status/availableReplicas")),
            age_,
            json!(images(o, "/spec/template/spec/containers", "/name")),
            json!(images(o, "/spec/template/spec/containers", "/image")),
            json!(selector_text(o, "/spec/selector/matchLabels")),
        ],
        Kind::ReplicaSet => vec![
            name,
            json!(i(o, "/spec/replicas")),
            json!(i(o, "/status/replicas")),
            json!(i(o, "/status/readyReplicas")),
            age_,
        ],
        Kind::StatefulSet => vec![
            name,
            json!(format!(
                "{}/{}",
                i(o, "/status/readyReplicas"),
                i(o, "/spec/replicas")
            )),
            age_,
        ],
        Kind::DaemonSet => vec![
            name,
            json!(i(o, "/status/desiredNumberScheduled")),
            json!(i(o, "/status/currentNumberScheduled")),
            json!(i(o, "/status/numberReady")),
            json!(i(o, "/status/updatedNumberScheduled")),
            json!(i(o, "/status/numberAvailable")),
            age_,
        ],
        Kind::Service => {
            let ports = o
                .pointer("/spec/ports")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            format!(
                                "{}/{}",
                                i(p, "/port"),
                                if s(p, "/protocol").is_empty() {
                                    "TCP"
                                } else {
                                    s(p, "/protocol")
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            vec![
                name,
                json!(s(o, "/spec/type")),
                json!(or_none(s(o, "/spec/clusterIP"))),
                json!("<none>"),
                json!(ports),
                age_,
                json!(selector_text(o, "/spec/selector")),
            ]
        }
        Kind::Event => vec![
            json!(age(o, "/lastTimestamp", now_ms)),
            json!(s(o, "/type")),
            json!(s(o, "/reason")),
            json!(format!(
                "{}/{}",
                s(o, "/involvedObject/kind").to_lowercase(),
                s(o, "/involvedObject/name")
            )),
            json!(s(o, "/message")),
        ],
        Kind::Namespace => vec![name, json!(s(o, "/status/phase")), age_],
        Kind::Job => {
            let done = i(o, "/status/succeeded")
                >= o.pointer("/spec/completions")
                    .and_then(Value::as_i64)
                    .unwrap_or(1);
            vec![
                name,
                json!(if done { "Complete" } else { "Running" }),
                json!(format!(
                    "{}/{}",
                    i(o, "/status/succeeded"),
                    o.pointer("/spec/completions")
                        .and_then(Value::as_i64)
                        .unwrap_or(1)
                )),
                age_,
            ]
        }
        Kind::PodDisruptionBudget => vec![
            name,
            json!(int_or_str(o, "/spec/minAvailable")),
            json!(int_or_str(o, "/spec/maxUnavailable")),
            json!(i(o, "/status/disruptionsAllowed")),
            age_,
        ],
        Kind::PersistentVolumeClaim => vec![
            name,
            json!(s(o, "/status/phase")),
            json!(s(o, "/spec/volumeName")),
            json!(s(o, "/status/capacity/storage")),
            json!(
                o.pointer("/spec/accessModes")
                    .and_then(Value::as_array)
                    .map(|a| a
                        .iter()
                        .map(|m| match m.as_str() {
                            Some("ReadWriteOnce") => "RWO",
                            Some("ReadOnlyMany") => "ROX",
                            Some("ReadWriteMany") => "RWX",
                            _ => "RWOP",
                        })
                        .collect::<Vec<_>>()
                        .join(","))
                    .unwrap_or_default()
            ),
            json!(s(o, "/spec/storageClassName")),
            age_,
        ],
        _ => vec![name, age_],
    }
}

/// Builds the Table for a list (or a single object) of `kind`.
pub fn table(
    kind: Kind,
    items: &[Value],
    resource_version: u64,
    continue_token: Option<&str>,
    now_ms: i64,
) -> Value {
    let cols: Vec<Value> = columns(kind)
        .iter()
        .map(|(n, t, p)| {
            json!({"name": n, "type": t, "format": if *n == "Name" { "name" } else { "" }, "description": "", "priority": p})
        })
        .collect();
    let rows: Vec<Value> = items
        .iter()
        .map(|o| {
            json!({
                "cells": row(kind, o, now_ms),
                "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o.get("metadata").cloned().unwrap_or(Value::Null)}
            })
        })
        .collect();
    let mut meta = json!({"resourceVersion": resource_version.to_string()});
    if let Some(c) = continue_token {
        meta["continue"] = json!(c);
    }
    json!({"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": meta, "columnDefinitions": cols, "rows": rows})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_like_kubectl() {
        assert_eq!(human_duration(45), "45s");
        assert_eq!(human_duration(200), "3m20s");
        assert_eq!(human_duration(3600 * 5), "5h");
        assert_eq!(human_duration(3600 * 5 + 600), "5h10m");
        assert_eq!(human_duration(86400 * 3 + 3600), "3d1h");
        assert_eq!(human_duration(86400 * 30), "30d");
    }

    #[test]
    fn pod_status_column() {
        let p = json!({"status": {"phase": "Running", "containerStatuses": [{"ready": false, "state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}});
        assert_eq!(pod_status(&p), "CrashLoopBackOff");
        let p = json!({"metadata": {"deletionTimestamp": "x"}, "status": {"phase": "Running"}});
        assert_eq!(pod_status(&p), "Terminating");
    }
}
