//! The engine's input: one [`Observation`] per snapshot, independent of the
//! snapshot model (only `observe.rs` knows `ClusterSnapshot`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Entity kinds of the dependency graph, in propagation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Node,
    Pod,
    Service,
    Ingress,
    /// A Deployment, StatefulSet, DaemonSet or other pod owner. Not a graph node: it appears
    /// only as the root cause of an incident grouping its pods.
    Workload,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Node => "node",
            Self::Pod => "pod",
            Self::Service => "service",
            Self::Ingress => "ingress",
            Self::Workload => "workload",
        }
    }

    /// Propagation layer: dependencies are computed before their dependants.
    pub fn layer(self) -> u8 {
        self as u8
    }
}

/// Relation of a dependency edge (`from` depends on `to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    RunsOn,
    Selects,
    RoutesTo,
    Calls,
    /// Pod → its workload (`cluster/namespace/deployment/name`). The workload is not an entity,
    /// so the graph drops the edge; incidents use it to group a workload's pods.
    OwnedBy,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RunsOn => "runs_on",
            Self::Selects => "selects",
            Self::RoutesTo => "routes_to",
            Self::Calls => "calls",
            Self::OwnedBy => "owned_by",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
}

/// A numeric sample; counters are turned into increases before baselining.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Sample {
    Gauge(f64),
    Counter(f64),
}

/// A deterministic-channel finding (a rule that fired).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// Metric name of the rule, e.g. `container_anomaly`.
    pub metric: String,
    pub score: f64,
    pub value: f64,
    /// Rule text, e.g. `OOMKilled in container api`.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityObservation {
    /// `cluster/namespace/kind/name`.
    pub key: String,
    pub kind: EntityKind,
    #[serde(default)]
    pub metrics: BTreeMap<String, Sample>,
    #[serde(default)]
    pub signals: Vec<Signal>,
}

/// Everything the engine needs from one snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub cluster: String,
    /// Snapshot time (Unix milliseconds): the engine's only clock.
    pub at_ms: i64,
    pub entities: Vec<EntityObservation>,
    #[serde(default)]
    pub edges: Vec<Edge>,
    /// Highest SLO burn rate (ratio of error ratio to error budget), when known.
    #[serde(default)]
    pub slo_burn: Option<f64>,
}

/// `cluster/namespace/kind/name` with `_` for cluster-scoped objects.
pub fn entity_key(cluster: &str, namespace: Option<&str>, kind: EntityKind, name: &str) -> String {
    let ns = match namespace {
        Some(ns) if !ns.is_empty() => ns,
        _ => "_",
    };
    format!("{cluster}/{ns}/{}/{name}", kind.as_str())
}

/// `cluster/namespace/kind/name` of a pod owner, with the owner's kind in lower case
/// (`prod/shop/deployment/api`).
pub fn workload_key(cluster: &str, namespace: &str, owner_kind: &str, name: &str) -> String {
    format!(
        "{cluster}/{namespace}/{}/{name}",
        owner_kind.to_ascii_lowercase()
    )
}
