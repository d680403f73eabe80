//! Describe and YAML panes, built locally from the snapshot (no round trip to the cluster): the
//! slim object plus the events that involve it.

use super::columns::{Item, node_status};
use super::format;
use super::state::State;
use atl_core::k8s::{ContainerState, Meta};

/// Title and object JSON of an item, for the YAML pane.
fn object_json(it: &Item<'_>) -> Option<(String, serde_json::Value)> {
    let to = |kind: &str, m: &Meta, v: serde_json::Result<serde_json::Value>| {
        v.ok().map(|v| {
            (
                format!(
                    "{kind} {}/{}",
                    m.namespace.as_deref().unwrap_or("_"),
                    m.name
                ),
                v,
            )
        })
    };
    match it {
        Item::Pod(_, o) => to("pod", &o.meta, serde_json::to_value(o)),
        Item::Node(_, o) => to("node", &o.meta, serde_json::to_value(o)),
        Item::Deployment(_, o) => to("deployment", &o.meta, serde_json::to_value(o)),
        Item::StatefulSet(_, o) => to("statefulset", &o.meta, serde_json::to_value(o)),
        Item::DaemonSet(_, o) => to("daemonset", &o.meta, serde_json::to_value(o)),
        Item::Job(_, o) => to("job", &o.meta, serde_json::to_value(o)),
        Item::Event(_, o) => to("event", &o.meta, serde_json::to_value(o)),
        _ => None,
    }
}

/// `(title, lines)` of the YAML pane.
pub fn yaml(it: &Item<'_>) -> Option<(String, Vec<String>)> {
    let (title, v) = object_json(it)?;
    let text = serde_yaml::to_string(&v).unwrap_or_else(|e| format!("cannot render YAML: {e}"));
    Some((
        format!("yaml {title}"),
        text.lines().map(str::to_string).collect(),
    ))
}

fn meta_lines(out: &mut Vec<String>, cluster: &str, m: &Meta, state: &State) {
    out.push(format!("Name:         {}", m.name));
    if let Some(ns) = &m.namespace {
        out.push(format!("Namespace:    {ns}"));
    }
    out.push(format!("Cluster:      {cluster}"));
    out.push(format!(
        "Created:      {} ({} ago)",
        m.created_at
            .map(|t| t.to_rfc3339())
            .unwrap_or_else(|| "-".into()),
        format::age(state.now, m.created_at)
    ));
    if let Some(o) = &m.owner {
        out.push(format!("Controlled By: {}/{}", o.kind, o.name));
    }
    if !m.labels.is_empty() {
        out.push("Labels:".into());
        out.extend(m.labels.iter().map(|(k, v)| format!("  {k}={v}")));
    }
}

/// `(title, lines)` of the describe pane.
pub fn describe(state: &State, it: &Item<'_>) -> Option<(String, Vec<String>)> {
    let (title, _) = object_json(it)?;
    let mut out = Vec::new();
    let (cluster, meta, kind) = match it {
        Item::Pod(c, p) => {
            meta_lines(&mut out, c, &p.meta, state);
            out.push(format!(
                "Node:         {}",
                p.node.as_deref().unwrap_or("<none>")
            ));
            out.push(format!("Status:       {}", p.status_text()));
            if let Some(m) = &p.message {
                out.push(format!("Message:      {m}"));
            }
            out.push(format!("IP:           {}", p.ip.as_deref().unwrap_or("-")));
            out.push(format!(
                "QoS Class:    {}",
                p.qos_class.as_deref().unwrap_or("-")
            ));
            out.push(format!(
                "Ready:        {}  Restarts: {}",
                p.ready_text(),
                p.restarts
            ));
            out.push("Containers:".into());
            for c in &p.containers {
                out.push(format!("  {}:", c.name));
                out.push(format!("    Image:     {}", c.image));
                let st = match &c.state {
                    Some(ContainerState::Running { .. }) => "Running".to_string(),
                    Some(ContainerState::Waiting { reason, .. }) => {
                        format!("Waiting ({})", reason.as_deref().unwrap_or("-"))
                    }
                    Some(ContainerState::Terminated(t)) => {
                        format!(
                            "Terminated ({}, exit {})",
                            t.reason.as_deref().unwrap_or("-"),
                            t.exit_code
                        )
                    }
                    None => "-".into(),
                };
                out.push(format!("    State:     {st}"));
                if let Some(t) = &c.last_termination {
                    out.push(format!(
                        "    Last:      {} (exit {})",
                        t.reason.as_deref().unwrap_or("-"),
                        t.exit_code
                    ));
                }
                out.push(format!(
                    "    Ready:     {}  Restarts: {}",
                    c.ready, c.restart_count
                ));
                out.push(format!(
                    "    Requests:  cpu {} mem {}   Limits: cpu {} mem {}",
                    format::cpu(c.requests.cpu_millicores),
                    format::bytes(c.requests.memory_bytes),
                    format::cpu(c.limits.cpu_millicores),
                    format::bytes(c.limits.memory_bytes)
                ));
            }
            (*c, &p.meta, "Pod")
        }
        Item::Node(c, n) => {
            meta_lines(&mut out, c, &n.meta, state);
            out.push(format!("Status:       {}", node_status(n)));
            out.push(format!("Roles:        {}", n.roles.join(",")));
            out.push(format!(
                "Internal IP:  {}",
                n.internal_ip.as_deref().unwrap_or("-")
            ));
            out.push(format!("Kubelet:      {}", n.info.kubelet_version));
            out.push(format!(
                "Allocatable:  cpu {} mem {} pods {}",
                format::cpu(Some(n.allocatable.cpu_millicores)),
                format::bytes(Some(n.allocatable.memory_bytes)),
                n.allocatable.pods
            ));
            out.push(format!(
                "Usage:        cpu {} mem {}",
                format::cpu(n.usage.and_then(|u| u.cpu_millicores)),
                format::bytes(n.usage.and_then(|u| u.memory_bytes))
            ));
            out.push(format!("Pods:         {}", n.pod_count));
            if !n.taints.is_empty() {
                out.push(format!("Taints:       {}", n.taints.join(", ")));
            }
            (*c, &n.meta, "Node")
        }
        Item::Deployment(c, d) => {
            meta_lines(&mut out, c, &d.meta, state);
            out.push(format!("Selector:     {}", d.selector.to_text()));
            out.push(format!(
                "Replicas:     {} desired | {} updated | {} ready | {} available | {} unavailable",
                d.replicas, d.updated, d.ready, d.available, d.unavailable
            ));
            out.push(format!(
                "Strategy:     {}",
                d.strategy.as_deref().unwrap_or("-")
            ));
            out.push(format!(
                "Rollout:      {:?} {}",
                d.rollout.phase,
                d.rollout.message.as_deref().unwrap_or("")
            ));
            for c in &d.template.containers {
                out.push(format!("  Container {}: {}", c.name, c.image));
            }
            (*c, &d.meta, "Deployment")
        }
        Item::StatefulSet(c, d) => {
            meta_lines(&mut out, c, &d.meta, state);
            out.push(format!(
                "Replicas:     {} desired | {} ready | {} updated",
                d.replicas, d.ready, d.updated
            ));
            (*c, &d.meta, "StatefulSet")
        }
        Item::DaemonSet(c, d) => {
            meta_lines(&mut out, c, &d.meta, state);
            out.push(format!(
                "Scheduled:    {} desired | {} current | {} ready",
                d.desired, d.current, d.ready
            ));
            (*c, &d.meta, "DaemonSet")
        }
        Item::Job(c, j) => {
            meta_lines(&mut out, c, &j.meta, state);
            out.push(format!(
                "Pods:         {} active | {} succeeded | {} failed",
                j.active, j.succeeded, j.failed
            ));
            (*c, &j.meta, "Job")
        }
        Item::Event(c, e) => {
            meta_lines(&mut out, c, &e.meta, state);
            out.push(format!("Type:         {}", e.type_));
            out.push(format!("Reason:       {}", e.reason));
            out.push(format!(
                "Object:       {}/{}",
                e.involved.kind, e.involved.name
            ));
            out.push(format!("Message:      {}", e.message));
            return Some((format!("describe {title}"), out));
        }
        _ => return None,
    };
    // Events about this object, newest first, as `kubectl describe` ends with them.
    let events: Vec<String> = state
        .cluster(cluster)
        .and_then(|c| c.snapshot.as_ref())
        .map(|s| {
            let mut ev: Vec<_> = s
                .resources
                .events
                .iter()
                .filter(|e| {
                    e.involved.kind == kind
                        && e.involved.name == meta.name
                        && e.involved.namespace == meta.namespace
                })
                .collect();
            ev.sort_by_key(|e| std::cmp::Reverse(e.last_seen.or(e.first_seen)));
            ev.iter()
                .map(|e| {
                    format!(
                        "  {:<8} {:<18} {:>5}  {}",
                        e.type_,
                        e.reason,
                        format::age(state.now, e.last_seen.or(e.first_seen)),
                        e.message
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.push("Events:".into());
    if events.is_empty() {
        out.push("  <none>".into());
    } else {
        out.extend(events);
    }
    Some((format!("describe {title}"), out))
}
