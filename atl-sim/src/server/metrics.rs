//! `metrics.k8s.io/v1beta1` NodeMetrics and PodMetrics from the telemetry model (`kubectl top`).

use k8s_openapi::api::core::v1::{Node, Pod};
use serde_json::{Value, json};

use crate::api_error::ApiError;
use crate::quantity::{fmt_bytes, fmt_cpu};
use crate::select::LabelSel;
use crate::state::{SimState, ts};
use crate::telemetry;

const API_VERSION: &str = "metrics.k8s.io/v1beta1";

/// Serves a metrics path: `rest` is what follows `/apis/metrics.k8s.io/v1beta1/`.
pub fn serve(state: &SimState, rest: &[&str], labels: &LabelSel) -> Result<Value, ApiError> {
    let model = telemetry::model(state);
    let now = ts(state.now_ms).to_string();
    let window_start = ts(state.now_ms - 15_000).to_string();
    let node_item = |n: &Node| -> Option<Value> {
        let name = n.metadata.name.clone()?;
        let load = model.nodes.get(&name)?;
        if !load.ready {
            return None;
        }
        Some(json!({
            "kind": "NodeMetrics", "apiVersion": API_VERSION,
            "metadata": {"name": name, "labels": n.metadata.labels, "creationTimestamp": now},
            "timestamp": window_start, "window": "15s",
            "usage": {"cpu": fmt_cpu(load.cpu_millis), "memory": fmt_bytes(load.memory_bytes)}
        }))
    };
    let pod_item = |p: &Pod| -> Option<Value> {
        let ns = p.metadata.namespace.clone()?;
        let name = p.metadata.name.clone()?;
        let usage = model.pods.get(&format!("{ns}/{name}"))?;
        let containers: Vec<String> = p
            .spec
            .iter()
            .flat_map(|s| s.containers.iter().map(|c| c.name.clone()))
            .collect();
        let n = containers.len().max(1) as u64;
        let cs: Vec<Value> = containers
            .iter()
            .map(|c| json!({"name": c, "usage": {"cpu": fmt_cpu(usage.cpu_millis / n), "memory": fmt_bytes(usage.memory_bytes / n)}}))
            .collect();
        Some(json!({
            "kind": "PodMetrics", "apiVersion": API_VERSION,
            "metadata": {"name": name, "namespace": ns, "labels": p.metadata.labels, "creationTimestamp": now},
            "timestamp": window_start, "window": "15s", "containers": cs
        }))
    };
    let list = |kind: &str, items: Vec<Value>| json!({"kind": kind, "apiVersion": API_VERSION, "metadata": {}, "items": items});
    match rest {
        ["nodes"] => Ok(list(
            "NodeMetricsList",
            state
                .store
                .list::<Node>(None)
                .filter(|n| labels.matches(n.metadata.labels.as_ref()))
                .filter_map(node_item)
                .collect(),
        )),
        ["nodes", name] => state
            .store
            .get::<Node>("", name)
            .and_then(node_item)
            .ok_or_else(|| ApiError::not_found("nodes.metrics.k8s.io", name)),
        ["pods"] | ["namespaces", _, "pods"] => {
            let ns = match rest {
                ["namespaces", ns, _] => Some(*ns),
                _ => None,
            };
            Ok(list(
                "PodMetricsList",
                state
                    .store
                    .list::<Pod>(ns)
                    .filter(|p| labels.matches(p.metadata.labels.as_ref()))
                    .filter_map(pod_item)
                    .collect(),
            ))
        }
        ["namespaces", ns, "pods", name] => state
            .store
            .get::<Pod>(ns, name)
            .and_then(pod_item)
            .ok_or_else(|| ApiError::not_found("pods.metrics.k8s.io", name)),
        _ => Err(ApiError::no_route(&rest.join("/"))),
    }
}
