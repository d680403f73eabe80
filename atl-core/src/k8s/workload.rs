use super::common::{Condition, Meta, Resources, Selector, is_false, is_zero};
use crate::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Annotation `kubectl rollout restart` sets on the pod template.
pub const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";

/// A pod template reduced to what identifies a rollout.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PodTemplate {
    /// Template labels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    /// Template annotations (restartedAt lives here).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<String, String>,
    /// Containers: name, image, requests and limits.
    #[serde(default)]
    pub containers: Vec<TemplateContainer>,
}

/// A container of a pod template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TemplateContainer {
    /// Container name.
    pub name: String,
    /// Image.
    pub image: String,
    /// Requests.
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub requests: Resources,
    /// Limits.
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub limits: Resources,
}

/// Rollout state derived from replica counts and conditions, independent of condition order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Rollout {
    /// Complete, Progressing, Degraded, Failed or Paused.
    pub phase: RolloutPhase,
    /// Explanation, e.g. `2 of 5 updated replicas available`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Phase of a rollout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RolloutPhase {
    #[default]
    Complete,
    Progressing,
    Degraded,
    Failed,
    Paused,
}

/// A Deployment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Deployment {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.replicas (desired; 1 when unset).
    pub replicas: u32,
    /// status.updatedReplicas.
    #[serde(default)]
    pub updated: u32,
    /// status.readyReplicas.
    #[serde(default)]
    pub ready: u32,
    /// status.availableReplicas.
    #[serde(default)]
    pub available: u32,
    /// status.unavailableReplicas.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unavailable: u32,
    /// spec.strategy.type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    /// spec.paused.
    #[serde(default, skip_serializing_if = "is_false")]
    pub paused: bool,
    /// spec.selector.
    #[serde(default)]
    pub selector: Selector,
    /// spec.template.
    #[serde(default)]
    pub template: PodTemplate,
    /// Status conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Derived rollout state.
    #[serde(default)]
    pub rollout: Rollout,
}

/// A StatefulSet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatefulSet {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.replicas (1 when unset).
    pub replicas: u32,
    /// status.readyReplicas.
    #[serde(default)]
    pub ready: u32,
    /// status.currentReplicas.
    #[serde(default)]
    pub current: u32,
    /// status.updatedReplicas.
    #[serde(default)]
    pub updated: u32,
    /// status.availableReplicas.
    #[serde(default)]
    pub available: u32,
    /// spec.serviceName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    /// spec.selector.
    #[serde(default)]
    pub selector: Selector,
    /// spec.template.
    #[serde(default)]
    pub template: PodTemplate,
    /// status.currentRevision ≠ updateRevision while a rollout is under way.
    #[serde(default, skip_serializing_if = "is_false")]
    pub revision_pending: bool,
    /// Derived rollout state.
    #[serde(default)]
    pub rollout: Rollout,
}

/// A DaemonSet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DaemonSet {
    /// Identity and labels.
    pub meta: Meta,
    /// status.desiredNumberScheduled.
    pub desired: u32,
    /// status.currentNumberScheduled.
    #[serde(default)]
    pub current: u32,
    /// status.numberReady.
    #[serde(default)]
    pub ready: u32,
    /// status.updatedNumberScheduled.
    #[serde(default)]
    pub updated: u32,
    /// status.numberAvailable.
    #[serde(default)]
    pub available: u32,
    /// status.numberUnavailable.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unavailable: u32,
    /// status.numberMisscheduled.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub misscheduled: u32,
    /// spec.selector.
    #[serde(default)]
    pub selector: Selector,
    /// spec.template.
    #[serde(default)]
    pub template: PodTemplate,
    /// Derived rollout state.
    #[serde(default)]
    pub rollout: Rollout,
}

/// A ReplicaSet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReplicaSet {
    /// Identity, labels and owning Deployment.
    pub meta: Meta,
    /// spec.replicas (0 when unset, never a crash as in the original).
    pub replicas: u32,
    /// status.readyReplicas.
    #[serde(default)]
    pub ready: u32,
    /// status.availableReplicas.
    #[serde(default)]
    pub available: u32,
    /// spec.selector.
    #[serde(default)]
    pub selector: Selector,
    /// `deployment.kubernetes.io/revision` annotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
}

/// A Job.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Job {
    /// Identity, labels and owning CronJob.
    pub meta: Meta,
    /// status.active.
    #[serde(default)]
    pub active: u32,
    /// status.succeeded.
    #[serde(default)]
    pub succeeded: u32,
    /// status.failed.
    #[serde(default)]
    pub failed: u32,
    /// spec.completions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completions: Option<u32>,
    /// spec.parallelism.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parallelism: Option<u32>,
    /// spec.backoffLimit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_limit: Option<u32>,
    /// status.startTime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Timestamp>,
    /// status.completionTime (the job completed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Timestamp>,
    /// Status conditions (Complete, Failed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
}

/// A CronJob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CronJob {
    /// Identity and labels.
    pub meta: Meta,
    /// spec.schedule.
    pub schedule: String,
    /// spec.suspend.
    #[serde(default, skip_serializing_if = "is_false")]
    pub suspend: bool,
    /// spec.concurrencyPolicy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub concurrency_policy: Option<String>,
    /// Number of running jobs (status.active).
    #[serde(default)]
    pub active_jobs: u32,
    /// status.lastScheduleTime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_schedule: Option<Timestamp>,
    /// status.lastSuccessfulTime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<Timestamp>,
}
