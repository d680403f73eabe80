use super::common::{Condition, Meta, Resources, is_false, is_zero};
use crate::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A pod, with the derived fields a monitoring view needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Pod {
    /// Identity, labels, owner.
    pub meta: Meta,
    /// spec.nodeName; absent while unscheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// status.phase.
    pub phase: PodPhase,
    /// Why the pod is not healthy, as kubectl's STATUS column shows it: a container's waiting or
    /// terminated reason (CrashLoopBackOff, OOMKilled, ImagePullBackOff, …) — also for Running pods
    /// — else a pod-level reason (Evicted), else `Terminating` while deleting. Absent when healthy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Message belonging to `reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Number of regular containers whose ready flag is true (the x of READY x/y).
    pub ready_containers: u32,
    /// Number of regular containers in the spec (the y of READY x/y).
    pub total_containers: u32,
    /// Sum of restartCount over regular containers (init containers excluded).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restarts: u32,
    /// Most recent container termination (reason, exit code, time), for "recent crash" rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_termination: Option<Termination>,
    /// status.podIP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// status.hostIP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_ip: Option<String>,
    /// status.qosClass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qos_class: Option<String>,
    /// spec.serviceAccountName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
    /// spec.priorityClassName.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_class: Option<String>,
    /// status.startTime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_at: Option<Timestamp>,
    /// Pod conditions (PodScheduled, Initialized, ContainersReady, Ready).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Regular containers, spec merged with status.
    #[serde(default)]
    pub containers: Vec<Container>,
    /// Init containers, spec merged with status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub init_containers: Vec<Container>,
    /// Current usage from metrics.k8s.io (sum over containers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Resources>,
}

impl Pod {
    /// kubectl's READY column.
    pub fn ready_text(&self) -> String {
        format!("{}/{}", self.ready_containers, self.total_containers)
    }

    /// kubectl's STATUS column: the reason when there is one, else the phase.
    pub fn status_text(&self) -> &str {
        self.reason.as_deref().unwrap_or(self.phase.as_str())
    }

    /// Sum of container requests.
    pub fn requests(&self) -> Resources {
        sum_resources(self.containers.iter().map(|c| &c.requests))
    }

    /// Sum of container limits.
    pub fn limits(&self) -> Resources {
        sum_resources(self.containers.iter().map(|c| &c.limits))
    }
}

fn sum_resources<'a>(it: impl Iterator<Item = &'a Resources>) -> Resources {
    it.fold(Resources::default(), |acc, r| Resources {
        cpu_millicores: match (acc.cpu_millicores, r.cpu_millicores) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        },
        memory_bytes: match (acc.memory_bytes, r.memory_bytes) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        },
    })
}

/// status.phase of a pod.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash, Serialize, Deserialize, JsonSchema)]
pub enum PodPhase {
    #[default]
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown,
}

impl PodPhase {
    pub fn as_str(self) -> &'static str {
        match self {
            PodPhase::Pending => "Pending",
            PodPhase::Running => "Running",
            PodPhase::Succeeded => "Succeeded",
            PodPhase::Failed => "Failed",
            PodPhase::Unknown => "Unknown",
        }
    }
    pub fn from_k8s(s: &str) -> Self {
        match s {
            "Pending" => PodPhase::Pending,
            "Running" => PodPhase::Running,
            "Succeeded" => PodPhase::Succeeded,
            "Failed" => PodPhase::Failed,
            _ => PodPhase::Unknown,
        }
    }
}

/// One container, spec merged with its status.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Container {
    /// Container name.
    pub name: String,
    /// Image running (status.image), else the spec image.
    pub image: String,
    /// status.ready.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ready: bool,
    /// Current state; absent before the kubelet reported status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ContainerState>,
    /// status.restartCount.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub restart_count: u32,
    /// lastState.terminated: why the previous run ended (kept for OOMKilled and crash rules).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_termination: Option<Termination>,
    /// Requests (CPU millicores, memory bytes).
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub requests: Resources,
    /// Limits (CPU millicores, memory bytes).
    #[serde(default, skip_serializing_if = "Resources::is_empty")]
    pub limits: Resources,
    /// Declared ports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<ContainerPort>,
    /// Liveness probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub liveness: Option<Probe>,
    /// Readiness probe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readiness: Option<Probe>,
    /// Environment variables: names and sources; literal values only with --include-env-values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// True for mesh sidecars (linkerd-proxy, istio-proxy, … configurable on the agent).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sidecar: bool,
}

/// Container state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ContainerState {
    /// Running since `started_at`.
    Running {
        /// When the container started.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        started_at: Option<Timestamp>,
    },
    /// Waiting, e.g. CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError.
    Waiting {
        /// Why it waits.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// Details.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message: Option<String>,
    },
    /// Terminated.
    Terminated(Termination),
}

/// How a container run ended.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Termination {
    /// Reason, e.g. OOMKilled, Error, Completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Exit code (137 for OOMKilled).
    #[serde(default)]
    pub exit_code: i32,
    /// Message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// When it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<Timestamp>,
}

/// A declared container port; named ports keep their name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ContainerPort {
    /// Port name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// containerPort.
    pub port: u16,
    /// TCP, UDP or SCTP.
    #[serde(default = "tcp")]
    pub protocol: String,
}

fn tcp() -> String {
    "TCP".into()
}

/// A probe, reduced to how it checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Probe {
    /// `http_get`, `tcp_socket`, `grpc` or `exec`.
    pub kind: String,
    /// Port number or the port's name (named ports are kept, unlike the original system).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// HTTP path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// periodSeconds.
    #[serde(default)]
    pub period_secs: u32,
    /// failureThreshold.
    #[serde(default)]
    pub failure_threshold: u32,
}

/// An environment variable: where its value comes from. Literal values are carried only when
/// the agent is started with `--include-env-values`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EnvVar {
    /// Variable name.
    pub name: String,
    /// Value source.
    pub source: EnvSource,
}

/// Source of an env value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum EnvSource {
    /// A literal; `value` present only with --include-env-values.
    Literal {
        /// The literal value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<String>,
    },
    /// configMapKeyRef.
    ConfigMap {
        /// ConfigMap name.
        name: String,
        /// Key in it.
        key: String,
    },
    /// secretKeyRef (the name and key, never the value).
    Secret {
        /// Secret name.
        name: String,
        /// Key in it.
        key: String,
    },
    /// fieldRef.
    Field {
        /// fieldPath.
        path: String,
    },
    /// resourceFieldRef.
    Resource {
        /// Resource, e.g. limits.cpu.
        resource: String,
    },
}
