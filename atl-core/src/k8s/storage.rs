use super::common::Meta;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A PersistentVolume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersistentVolume {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.capacity.storage in bytes.
    #[serde(default)]
    pub capacity_bytes: u64,
    /// Available, Bound, Released, Failed.
    pub phase: String,
    /// storageClassName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// accessModes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    /// persistentVolumeReclaimPolicy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reclaim_policy: Option<String>,
    /// Volume source kind: CSI, HostPath, NFS, Local, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Bound claim as `namespace/name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
}

/// A PersistentVolumeClaim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PersistentVolumeClaim {
    /// Identity and labels.
    pub meta: Meta,
    /// Pending, Bound, Lost.
    pub phase: String,
    /// spec.volumeName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// storageClassName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_class: Option<String>,
    /// accessModes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_modes: Vec<String>,
    /// spec.resources.requests.storage in bytes.
    #[serde(default)]
    pub requested_bytes: u64,
    /// status.capacity.storage in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_bytes: Option<u64>,
}
