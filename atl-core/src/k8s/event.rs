use super::common::Meta;
use crate::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Warning reasons that the AIOps engine treats as critical.
pub const CRITICAL_REASONS: [&str; 11] = [
    "Failed",
    "FailedScheduling",
    "FailedMount",
    "FailedAttachVolume",
    "OOMKilled",
    "OOMKilling",
    "BackOff",
    "CrashLoopBackOff",
    "Unhealthy",
    "NodeNotReady",
    "Evicted",
];

/// A Kubernetes event (core/v1 or events.k8s.io, normalised).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Identity of the event object.
    pub meta: Meta,
    /// Normal or Warning.
    #[serde(rename = "type")]
    pub type_: String,
    /// Reason, e.g. BackOff, OOMKilling, FailedScheduling.
    pub reason: String,
    /// Message.
    #[serde(default)]
    pub message: String,
    /// Reporting component (kubelet, default-scheduler, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The object the event is about.
    pub involved: ObjectRef,
    /// How many times it happened.
    #[serde(default)]
    pub count: u32,
    /// First occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<Timestamp>,
    /// Last occurrence (eventTime for events.k8s.io events without lastTimestamp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Timestamp>,
}

impl Event {
    pub fn is_warning(&self) -> bool {
        self.type_ == "Warning"
    }
    pub fn is_critical(&self) -> bool {
        self.is_warning() && CRITICAL_REASONS.contains(&self.reason.as_str())
    }
}

/// Reference to an object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ObjectRef {
    /// Kind, e.g. Pod.
    pub kind: String,
    /// Namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Name.
    pub name: String,
    /// UID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}
