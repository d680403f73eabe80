//! Kubernetes API objects (k8s-openapi) → the slim structs of `atl_core::k8s`.
//!
//! Conversion happens once, on arrival from a watch, so full API objects (with managedFields,
//! last-applied annotations, Secret values, env literals) are never kept in memory.

mod config;
mod event;
mod meta;
mod metrics;
mod network;
mod node;
mod pod;
mod storage;
mod workload;

pub use meta::{convert_meta, selector, time};
pub use metrics::{MetricsList, NodeMetrics, PodMetrics, UsageQuantities};
pub use network::{SliceBackends, service_backends};
pub use pod::pod_status_reason;

/// Container names treated as mesh sidecars unless configured otherwise.
pub const DEFAULT_SIDECARS: [&str; 4] =
    ["linkerd-proxy", "linkerd-init", "istio-proxy", "istio-init"];

/// What the conversion keeps and how it classifies containers.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// Keep literal container env values (`--include-env-values`); off by default.
    pub include_env_values: bool,
    /// Container names that are mesh sidecars; their reasons yield to business containers.
    pub sidecars: Vec<String>,
}

impl Default for ConvertOptions {
    fn default() -> Self {
        ConvertOptions {
            include_env_values: false,
            sidecars: DEFAULT_SIDECARS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl ConvertOptions {
    pub fn is_sidecar(&self, container: &str) -> bool {
        self.sidecars.iter().any(|s| s == container)
    }
}

/// A Kubernetes object that becomes one slim snapshot object.
pub trait ToSlim {
    /// The slim struct it becomes.
    type Slim: Clone + Send + Sync + 'static;
    fn to_slim(&self, opts: &ConvertOptions) -> Self::Slim;
}

/// Converts a non-negative Kubernetes integer, treating negatives (never valid) as 0.
pub(crate) fn u32_of(v: Option<i32>) -> u32 {
    v.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

#[cfg(test)]
pub(crate) mod fixtures;
