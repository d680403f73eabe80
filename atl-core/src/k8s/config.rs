use super::common::Meta;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A ConfigMap: keys and value sizes, never the values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConfigMap {
    /// Identity and labels.
    pub meta: Meta,
    /// Keys of data and binaryData with the size of each value in bytes, sorted by key.
    #[serde(default)]
    pub keys: Vec<KeySize>,
}

/// A key and the size of its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KeySize {
    /// Key.
    pub key: String,
    /// Value size in bytes.
    pub size_bytes: u64,
}

/// A Secret: type and keys only. Values never leave the cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Secret {
    /// Identity and labels.
    pub meta: Meta,
    /// Secret type, e.g. Opaque, kubernetes.io/tls.
    #[serde(rename = "type")]
    pub type_: String,
    /// Keys of data, sorted.
    #[serde(default)]
    pub keys: Vec<String>,
}

/// A Namespace.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Namespace {
    /// Identity and labels.
    pub meta: Meta,
    /// Active or Terminating.
    pub phase: String,
}

/// A ServiceAccount.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ServiceAccount {
    /// Identity and labels.
    pub meta: Meta,
    /// Names of referenced secrets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<String>,
    /// Names of image pull secrets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_pull_secrets: Vec<String>,
    /// automountServiceAccountToken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automount_token: Option<bool>,
}

/// A ResourceQuota: hard limits and usage, as Kubernetes quantity strings per resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResourceQuota {
    /// Identity and labels.
    pub meta: Meta,
    /// status.hard.
    #[serde(default)]
    pub hard: BTreeMap<String, String>,
    /// status.used.
    #[serde(default)]
    pub used: BTreeMap<String, String>,
    /// spec.scopes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<String>,
}

/// A LimitRange.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LimitRange {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.limits.
    #[serde(default)]
    pub items: Vec<LimitRangeItem>,
}

/// One limit of a LimitRange (quantity strings per resource).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LimitRangeItem {
    /// Container, Pod or PersistentVolumeClaim.
    #[serde(rename = "type")]
    pub type_: String,
    /// default (limits).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub default: BTreeMap<String, String>,
    /// defaultRequest.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub default_request: BTreeMap<String, String>,
    /// max.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub max: BTreeMap<String, String>,
    /// min.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub min: BTreeMap<String, String>,
}
