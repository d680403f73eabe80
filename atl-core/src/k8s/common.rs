use crate::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}
pub(crate) fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Annotation that is dropped on arrival: it repeats the whole object, secrets included.
pub const LAST_APPLIED_ANNOTATION: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Identity and labels shared by every object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// Object name.
    pub name: String,
    /// Namespace; absent for cluster-scoped objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Kubernetes UID.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uid: String,
    /// Labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Annotations, without last-applied-configuration.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// metadata.creationTimestamp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<Timestamp>,
    /// The controlling owner (the ownerReference with controller=true, else the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<OwnerRef>,
    /// metadata.deletionTimestamp: the object is terminating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleting_since: Option<Timestamp>,
}

impl Meta {
    pub fn namespaced(name: impl Into<String>, namespace: impl Into<String>) -> Self {
        Meta {
            name: name.into(),
            namespace: Some(namespace.into()),
            ..Default::default()
        }
    }
    pub fn cluster_scoped(name: impl Into<String>) -> Self {
        Meta {
            name: name.into(),
            ..Default::default()
        }
    }
    pub fn namespace_str(&self) -> &str {
        self.namespace.as_deref().unwrap_or("")
    }
}

/// Owner of an object (kind and name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct OwnerRef {
    /// Owner kind, e.g. `ReplicaSet`.
    pub kind: String,
    /// Owner name.
    pub name: String,
}

/// A status condition (Ready, Available, MemoryPressure, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Condition {
    /// Condition type.
    #[serde(rename = "type")]
    pub type_: String,
    /// `True`, `False` or `Unknown`.
    pub status: ConditionStatus,
    /// Machine-readable reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When the status last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_transition: Option<Timestamp>,
}

/// Tri-state condition status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub enum ConditionStatus {
    True,
    False,
    #[default]
    Unknown,
}

impl ConditionStatus {
    pub fn from_k8s(s: &str) -> Self {
        match s {
            "True" => ConditionStatus::True,
            "False" => ConditionStatus::False,
            _ => ConditionStatus::Unknown,
        }
    }
}

/// CPU and memory as numbers (requests, limits, capacity or usage).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Resources {
    /// CPU in millicores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_millicores: Option<f64>,
    /// Memory in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_bytes: Option<u64>,
}

impl Resources {
    pub fn is_empty(&self) -> bool {
        self.cpu_millicores.is_none() && self.memory_bytes.is_none()
    }
}

/// `matchLabels` plus `matchExpressions` of a label selector.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Selector {
    /// matchLabels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<String, String>,
    /// matchExpressions as `key op (values)` text, e.g. `env in (prod,stage)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<String>,
}

impl Selector {
    /// kubectl-style selector text, deterministic (sorted keys, then expressions).
    pub fn to_text(&self) -> String {
        let mut parts: Vec<String> = self
            .match_labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        parts.extend(self.match_expressions.iter().cloned());
        parts.join(",")
    }

    /// Whether the labels satisfy this selector. An empty selector matches everything, as in
    /// Kubernetes workloads; Services with no selector are handled by their callers.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let labels_ok = self
            .match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v));
        labels_ok
            && self
                .match_expressions
                .iter()
                .all(|e| crate::selector::LabelSelector::parse(e).is_ok_and(|s| s.matches(labels)))
    }
}
