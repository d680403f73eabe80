//! Read-only operations: get / list / describe of any snapshot kind through the dynamic API,
//! events of an object, top, rollout status and history. Output is stripped of managedFields and
//! last-applied annotations, and literal env values are redacted unless the agent runs with
//! `--include-env-values`. Secrets are refused before any request is made.

use super::exec::{ExecError, ExecResult, kind_name};
use crate::collect::metrics::{list_metrics, metrics_resource};
use crate::convert::{ConvertOptions, NodeMetrics, PodMetrics, ToSlim};
use atl_core::command::{CommandOutput, InvalidAction, RolloutKind};
use atl_core::k8s::{LAST_APPLIED_ANNOTATION, Rollout, RolloutPhase};
use atl_core::kind::ResourceKind;
use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::core::v1 as core;
use kube::Api;
use kube::api::{ApiResource, DynamicObject, ListParams};
use kube::core::GroupVersionKind;
use serde_json::Value;

/// Most objects a list returns (paged by 500).
pub const MAX_LIST_ITEMS: usize = 5000;

const REDACTED: &str =
    "<redacted: literal env values are shown only when the agent runs with --include-env-values>";

fn api_resource(kind: ResourceKind) -> ApiResource {
    let i = kind.info();
    ApiResource::from_gvk_with_plural(&GroupVersionKind::gvk(i.group, i.version, i.name), i.plural)
}

fn dynamic_api(
    c: &kube::Client,
    kind: ResourceKind,
    namespace: Option<&str>,
) -> Api<DynamicObject> {
    let ar = api_resource(kind);
    match namespace.filter(|n| !n.is_empty() && kind.namespaced()) {
        Some(ns) => Api::namespaced_with(c.clone(), ns, &ar),
        None => Api::all_with(c.clone(), &ar),
    }
}

fn refuse_secrets(kind: ResourceKind) -> Result<(), ExecError> {
    if kind == ResourceKind::Secret {
        return Err(InvalidAction::Secret.into());
    }
    Ok(())
}

/// Removes what never leaves the agent: managedFields, the last-applied annotation, and
/// (unless allowed) literal env values anywhere in the object.
pub(crate) fn sanitize(v: &mut Value, include_env_values: bool) {
    if let Some(meta) = v.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("managedFields");
        if let Some(a) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
            a.remove(LAST_APPLIED_ANNOTATION);
        }
    }
    if !include_env_values {
        redact_env(v);
    }
}

fn redact_env(v: &mut Value) {
    match v {
        Value::Object(o) => {
            if let Some(Value::Array(env)) = o.get_mut("env") {
                for e in env.iter_mut().filter_map(Value::as_object_mut) {
                    if e.contains_key("value") {
                        e.insert("value".into(), Value::String(REDACTED.into()));
                    }
                }
            }
            o.values_mut().for_each(redact_env);
        }
        Value::Array(a) => a.iter_mut().for_each(redact_env),
        _ => {}
    }
}

fn to_json(o: &DynamicObject, include_env_values: bool) -> Value {
    let mut v = serde_json::to_value(o).unwrap_or(Value::Null);
    sanitize(&mut v, include_env_values);
    v
}

fn what(kind: ResourceKind, namespace: Option<&str>, name: &str) -> String {
    match namespace {
        Some(ns) if kind.namespaced() => format!("get {} {ns}/{name}", kind.key_name()),
        _ => format!("get {} {name}", kind.key_name()),
    }
}

pub(crate) async fn get(
    c: &kube::Client,
    kind: ResourceKind,
    namespace: Option<&str>,
    name: &str,
    include_env_values: bool,
) -> ExecResult {
    refuse_secrets(kind)?;
    let o = dynamic_api(c, kind, namespace)
        .get(name)
        .await
        .map_err(|e| ExecError::kube(what(kind, namespace, name), e))?;
    Ok(CommandOutput::Json(to_json(&o, include_env_values)))
}

pub(crate) async fn list(
    c: &kube::Client,
    kind: ResourceKind,
    namespace: Option<&str>,
    labels: Option<&str>,
    fields: Option<&str>,
    include_env_values: bool,
) -> ExecResult {
    refuse_secrets(kind)?;
    let api = dynamic_api(c, kind, namespace);
    let mut lp = ListParams::default().limit(500);
    if let Some(l) = labels {
        lp = lp.labels(l);
    }
    if let Some(f) = fields {
        lp = lp.fields(f);
    }
    let mut items = Vec::new();
    let mut truncated = false;
    loop {
        let page = api
            .list(&lp)
            .await
            .map_err(|e| ExecError::kube(format!("list {}", kind.plural()), e))?;
        items.extend(page.items.iter().map(|o| to_json(o, include_env_values)));
        match page.metadata.continue_.filter(|c| !c.is_empty()) {
            Some(next) if items.len() < MAX_LIST_ITEMS => lp = lp.continue_token(&next),
            Some(_) => {
                truncated = true;
                break;
            }
            None => break,
        }
    }
    items.truncate(MAX_LIST_ITEMS);
    Ok(CommandOutput::Json(serde_json::json!({
        "apiVersion": "v1",
        "kind": format!("{}List", kind.name()),
        "items": items,
        "truncated": truncated,
    })))
}

async fn event_list(
    c: &kube::Client,
    kind: Option<ResourceKind>,
    namespace: Option<&str>,
    name: Option<&str>,
) -> Result<Vec<atl_core::k8s::Event>, ExecError> {
    let mut sel = Vec::new();
    if let Some(k) = kind {
        refuse_secrets(k)?;
        sel.push(format!("involvedObject.kind={}", k.name()));
    }
    if let Some(n) = name {
        sel.push(format!("involvedObject.name={n}"));
    }
    let api: Api<core::Event> = match namespace.filter(|n| !n.is_empty()) {
        Some(ns) => Api::namespaced(c.clone(), ns),
        None => Api::all(c.clone()),
    };
    let mut lp = ListParams::default();
    if !sel.is_empty() {
        lp = lp.fields(&sel.join(","));
    }
    let opts = ConvertOptions::default();
    let mut events: Vec<atl_core::k8s::Event> = api
        .list(&lp)
        .await
        .map_err(|e| ExecError::kube("list events", e))?
        .items
        .iter()
        .map(|e| e.to_slim(&opts))
        // Guard against servers that ignore field selectors.
        .filter(|e| kind.is_none_or(|k| e.involved.kind == k.name()))
        .filter(|e| name.is_none_or(|n| e.involved.name == n))
        .collect();
    events.sort_by_key(|e| e.last_seen);
    Ok(events)
}

pub(crate) async fn events(
    c: &kube::Client,
    kind: Option<ResourceKind>,
    namespace: Option<&str>,
    name: Option<&str>,
) -> ExecResult {
    let events = event_list(c, kind, namespace, name).await?;
    Ok(CommandOutput::Json(
        serde_json::to_value(events).unwrap_or(Value::Null),
    ))
}

pub(crate) async fn describe(
    c: &kube::Client,
    kind: ResourceKind,
    namespace: Option<&str>,
    name: &str,
    include_env_values: bool,
) -> ExecResult {
    refuse_secrets(kind)?;
    let o = dynamic_api(c, kind, namespace)
        .get(name)
        .await
        .map_err(|e| ExecError::kube(what(kind, namespace, name), e))?;
    let v = to_json(&o, include_env_values);
    let mut out = String::new();
    let line =
        |out: &mut String, k: &str, v: &str| out.push_str(&format!("{:<13}{v}\n", format!("{k}:")));
    line(&mut out, "Name", name);
    if let Some(ns) = namespace.filter(|_| kind.namespaced()) {
        line(&mut out, "Namespace", ns);
    }
    line(&mut out, "Kind", kind.name());
    let pairs = |m: Option<&Value>| {
        let Some(Value::Object(m)) = m else {
            return "<none>".to_string();
        };
        if m.is_empty() {
            return "<none>".into();
        }
        m.iter()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    line(&mut out, "Labels", &pairs(v.pointer("/metadata/labels")));
    line(
        &mut out,
        "Annotations",
        &pairs(v.pointer("/metadata/annotations")),
    );
    if let Some(t) = v
        .pointer("/metadata/creationTimestamp")
        .and_then(Value::as_str)
    {
        line(&mut out, "Created", t);
    }
    for section in ["spec", "status", "data"] {
        if let Some(s) = v.get(section) {
            out.push_str(&format!(
                "{}{}:\n{}\n",
                section[..1].to_uppercase(),
                &section[1..],
                serde_json::to_string_pretty(s).unwrap_or_default()
            ));
        }
    }
    let events = event_list(
        c,
        Some(kind),
        namespace.filter(|_| kind.namespaced()),
        Some(name),
    )
    .await
    .unwrap_or_default();
    out.push_str("Events:\n");
    if events.is_empty() {
        out.push_str("  <none>\n");
    }
    for e in events {
        let at = e.last_seen.map(|t| t.to_rfc3339()).unwrap_or_default();
        out.push_str(&format!(
            "  {:<8} {:<20} {:<26} x{:<4} {}\n",
            e.type_, e.reason, at, e.count, e.message
        ));
    }
    Ok(CommandOutput::Text(out))
}

pub(crate) async fn top(c: &kube::Client, pods: bool, namespace: Option<&str>) -> ExecResult {
    let row = |name: String, ns: Option<String>, r: atl_core::k8s::Resources| {
        serde_json::json!({
            "name": name,
            "namespace": ns,
            "cpu_millicores": r.cpu_millicores,
            "memory_bytes": r.memory_bytes,
        })
    };
    let mut rows: Vec<Value> = if pods {
        let ar = metrics_resource("PodMetrics", "pods");
        let ns = namespace.filter(|n| !n.is_empty());
        list_metrics::<PodMetrics>(c, &ar, ns)
            .await
            .map_err(|e| {
                ExecError::kube("top pods (metrics.k8s.io; is metrics-server installed?)", e)
            })?
            .into_iter()
            .map(|p| {
                let u = p.usage();
                row(p.metadata.name, p.metadata.namespace, u)
            })
            .collect()
    } else {
        let ar = metrics_resource("NodeMetrics", "nodes");
        list_metrics::<NodeMetrics>(c, &ar, None)
            .await
            .map_err(|e| {
                ExecError::kube(
                    "top nodes (metrics.k8s.io; is metrics-server installed?)",
                    e,
                )
            })?
            .into_iter()
            .map(|n| row(n.metadata.name, None, n.usage.resources()))
            .collect()
    };
    rows.sort_by(|a, b| {
        let cpu = |v: &Value| v["cpu_millicores"].as_f64().unwrap_or(0.0);
        cpu(b).total_cmp(&cpu(a))
    });
    Ok(CommandOutput::Json(Value::Array(rows)))
}

async fn rollout_of(
    c: &kube::Client,
    kind: RolloutKind,
    ns: &str,
    name: &str,
) -> Result<Rollout, ExecError> {
    let opts = ConvertOptions::default();
    let w = format!("rollout status {} {ns}/{name}", kind_name(kind));
    Ok(match kind {
        RolloutKind::Deployment => {
            Api::<apps::Deployment>::namespaced(c.clone(), ns)
                .get(name)
                .await
                .map_err(|e| ExecError::kube(w, e))?
                .to_slim(&opts)
                .rollout
        }
        RolloutKind::StatefulSet => {
            Api::<apps::StatefulSet>::namespaced(c.clone(), ns)
                .get(name)
                .await
                .map_err(|e| ExecError::kube(w, e))?
                .to_slim(&opts)
                .rollout
        }
        RolloutKind::DaemonSet => {
            Api::<apps::DaemonSet>::namespaced(c.clone(), ns)
                .get(name)
                .await
                .map_err(|e| ExecError::kube(w, e))?
                .to_slim(&opts)
                .rollout
        }
    })
}

/// One look at the rollout (no waiting), worded like `kubectl rollout status`; a failed rollout
/// (progress deadline exceeded) fails the command, as kubectl exits non-zero.
pub(crate) async fn rollout_status(
    c: &kube::Client,
    kind: RolloutKind,
    ns: &str,
    name: &str,
) -> ExecResult {
    let r = rollout_of(c, kind, ns, name).await?;
    let k = kind_name(kind);
    let msg = r.message.clone().unwrap_or_default();
    match r.phase {
        RolloutPhase::Complete => Ok(CommandOutput::Text(format!(
            "{k} \"{name}\" successfully rolled out\n"
        ))),
        RolloutPhase::Failed => Err(ExecError::Refused(format!(
            "{k} \"{name}\" rollout failed: {msg}"
        ))),
        RolloutPhase::Paused => Ok(CommandOutput::Text(format!(
            "{k} \"{name}\" rollout is paused\n"
        ))),
        RolloutPhase::Progressing | RolloutPhase::Degraded => Ok(CommandOutput::Text(format!(
            "Waiting for {k} \"{name}\" rollout to finish: {msg}\n"
        ))),
    }
}

pub(crate) async fn rollout_history(
    c: &kube::Client,
    kind: RolloutKind,
    ns: &str,
    name: &str,
) -> ExecResult {
    let owned_by =
        |refs: &Option<Vec<k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference>>| {
            refs.iter()
                .flatten()
                .any(|o| o.controller == Some(true) && o.name == name)
        };
    let cause = |a: &Option<std::collections::BTreeMap<String, String>>| {
        a.as_ref()
            .and_then(|a| a.get("kubernetes.io/change-cause").cloned())
            .unwrap_or_else(|| "<none>".into())
    };
    let mut revs: Vec<(i64, String)> = match kind {
        RolloutKind::Deployment => Api::<apps::ReplicaSet>::namespaced(c.clone(), ns)
            .list(&ListParams::default())
            .await
            .map_err(|e| ExecError::kube(format!("list replicasets in {ns}"), e))?
            .items
            .into_iter()
            .filter(|rs| owned_by(&rs.metadata.owner_references))
            .filter_map(|rs| {
                let rev = rs
                    .metadata
                    .annotations
                    .as_ref()?
                    .get("deployment.kubernetes.io/revision")?
                    .parse()
                    .ok()?;
                Some((rev, cause(&rs.metadata.annotations)))
            })
            .collect(),
        RolloutKind::StatefulSet | RolloutKind::DaemonSet => {
            Api::<apps::ControllerRevision>::namespaced(c.clone(), ns)
                .list(&ListParams::default())
                .await
                .map_err(|e| ExecError::kube(format!("list controllerrevisions in {ns}"), e))?
                .items
                .into_iter()
                .filter(|r| owned_by(&r.metadata.owner_references))
                .map(|r| (r.revision, cause(&r.metadata.annotations)))
                .collect()
        }
    };
    revs.sort();
    let mut out = format!("{}.apps/{name}\nREVISION  CHANGE-CAUSE\n", kind_name(kind));
    for (rev, cause) in revs {
        out.push_str(&format!("{rev:<9} {cause}\n"));
    }
    Ok(CommandOutput::Text(out))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn sanitize_strips_managed_fields_last_applied_and_env_literals() {
        let mut v = serde_json::json!({
            "metadata": {"name": "p", "managedFields": [{}], "annotations": {LAST_APPLIED_ANNOTATION: "{}", "keep": "1"}},
            "spec": {"template": {"spec": {"containers": [{"name": "c", "env": [
                {"name": "PASSWORD", "value": "hunter2"},
                {"name": "FROM", "valueFrom": {"secretKeyRef": {"name": "s", "key": "k"}}}
            ]}]}}}
        });
        let mut allowed = v.clone();
        sanitize(&mut v, false);
        let s = v.to_string();
        assert!(!s.contains("managedFields") && !s.contains(LAST_APPLIED_ANNOTATION));
        assert!(!s.contains("hunter2") && s.contains("secretKeyRef") && s.contains("keep"));
        sanitize(&mut allowed, true);
        assert!(allowed.to_string().contains("hunter2"));
    }
}
