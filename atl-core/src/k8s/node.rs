use super::common::{Condition, ConditionStatus, Meta, Resources, is_false};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Node {
    /// Identity and labels.
    pub meta: Meta,
    /// Roles from `node-role.kubernetes.io/*` labels, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Status of the Ready condition (Unknown when absent).
    pub ready: ConditionStatus,
    /// spec.unschedulable (cordoned).
    #[serde(default, skip_serializing_if = "is_false")]
    pub unschedulable: bool,
    /// Pressure conditions that are True.
    #[serde(default)]
    pub pressure: NodePressure,
    /// All conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// status.capacity.
    #[serde(default)]
    pub capacity: NodeResources,
    /// status.allocatable.
    #[serde(default)]
    pub allocatable: NodeResources,
    /// First InternalIP (IPv4 preferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal_ip: Option<String>,
    /// First ExternalIP (IPv4 preferred).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_ip: Option<String>,
    /// nodeInfo.
    #[serde(default)]
    pub info: NodeInfo,
    /// Taints as `key=value:Effect`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<String>,
    /// Current usage from metrics.k8s.io.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Resources>,
    /// Pods scheduled on this node (any phase), derived from the pod list.
    #[serde(default)]
    pub pod_count: u32,
}

/// Pressure conditions of a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodePressure {
    /// MemoryPressure is True.
    #[serde(default, skip_serializing_if = "is_false")]
    pub memory: bool,
    /// DiskPressure is True.
    #[serde(default, skip_serializing_if = "is_false")]
    pub disk: bool,
    /// PIDPressure is True.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pid: bool,
    /// NetworkUnavailable is True.
    #[serde(default, skip_serializing_if = "is_false")]
    pub network_unavailable: bool,
}

/// Capacity or allocatable resources of a node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeResources {
    /// CPU in millicores.
    #[serde(default)]
    pub cpu_millicores: f64,
    /// Memory in bytes.
    #[serde(default)]
    pub memory_bytes: u64,
    /// Pod slots.
    #[serde(default)]
    pub pods: u32,
    /// Ephemeral storage in bytes.
    #[serde(default)]
    pub ephemeral_storage_bytes: u64,
}

/// status.nodeInfo, reduced.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeInfo {
    /// Kubelet version.
    #[serde(default)]
    pub kubelet_version: String,
    /// OS image.
    #[serde(default)]
    pub os_image: String,
    /// Kernel version.
    #[serde(default)]
    pub kernel_version: String,
    /// Container runtime version.
    #[serde(default)]
    pub container_runtime: String,
    /// CPU architecture.
    #[serde(default)]
    pub architecture: String,
}
