//! metrics.k8s.io objects, deserialised as plain serde structs (k8s-openapi does not ship them).

use atl_core::k8s::Resources;
use atl_core::quantity;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `cpu` and `memory` usage quantities.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UsageQuantities(pub BTreeMap<String, String>);

impl UsageQuantities {
    pub fn resources(&self) -> Resources {
        Resources {
            cpu_millicores: self
                .0
                .get("cpu")
                .and_then(|v| quantity::cpu_millicores(v).ok()),
            memory_bytes: self.0.get("memory").and_then(|v| quantity::bytes(v).ok()),
        }
    }
}

/// Name (and namespace) of a metrics object.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MetricsMeta {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub namespace: Option<String>,
}

/// `metrics.k8s.io/v1beta1` NodeMetrics.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NodeMetrics {
    pub metadata: MetricsMeta,
    #[serde(default)]
    pub usage: UsageQuantities,
}

/// One container of a PodMetrics.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ContainerMetrics {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub usage: UsageQuantities,
}

/// `metrics.k8s.io/v1beta1` PodMetrics.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PodMetrics {
    pub metadata: MetricsMeta,
    #[serde(default)]
    pub containers: Vec<ContainerMetrics>,
}

impl PodMetrics {
    /// Sum of container usage.
    pub fn usage(&self) -> Resources {
        self.containers
            .iter()
            .map(|c| c.usage.resources())
            .fold(Resources::default(), |acc, r| Resources {
                cpu_millicores: add(acc.cpu_millicores, r.cpu_millicores),
                memory_bytes: match (acc.memory_bytes, r.memory_bytes) {
                    (None, None) => None,
                    (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
                },
            })
    }
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    }
}

/// A metrics list response (`NodeMetricsList`, `PodMetricsList`).
#[derive(Debug, Clone, Deserialize)]
pub struct MetricsList<T> {
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
}
