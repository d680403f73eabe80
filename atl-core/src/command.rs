//! Remote operations: what a user asks the master to have an agent do in a cluster, and what came
//! back. Typed, never a stringly-typed map, so a malformed request fails at the edge.

use crate::Timestamp;
use crate::kind::ResourceKind;
use crate::role::Role;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Default time an agent has to finish a command once it received it.
pub const DEFAULT_DEADLINE_SECS: u32 = 60;
/// Upper bound for `tail_lines` of a logs command.
pub const MAX_LOG_LINES: u32 = 10_000;

/// Workloads that support `rollout restart`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RolloutKind {
    Deployment,
    StatefulSet,
    DaemonSet,
}

/// Workloads with a scale subresource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScaleKind {
    Deployment,
    StatefulSet,
}

/// One operation. Secrets are never read by any of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Delete a pod so that its controller recreates it.
    RestartPod { namespace: String, name: String },
    /// `kubectl rollout restart`: set the restartedAt template annotation.
    RolloutRestart {
        kind: RolloutKind,
        namespace: String,
        name: String,
    },
    /// Set replicas through the scale subresource.
    Scale {
        kind: ScaleKind,
        namespace: String,
        name: String,
        replicas: u32,
    },
    /// Mark a node unschedulable.
    Cordon { node: String },
    /// Mark a node schedulable.
    Uncordon { node: String },
    /// Cordon, then evict every pod (PDBs respected; DaemonSet pods skipped when asked).
    Drain {
        node: String,
        #[serde(default)]
        ignore_daemonsets: bool,
        #[serde(default)]
        delete_emptydir_data: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grace_period_secs: Option<u32>,
    },
    /// Delete a pod.
    DeletePod {
        namespace: String,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grace_period_secs: Option<u32>,
    },
    /// Container logs.
    Logs {
        namespace: String,
        pod: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        container: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tail_lines: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since_secs: Option<u64>,
        #[serde(default)]
        previous: bool,
    },
    /// Get one object as JSON (managedFields stripped).
    Get {
        kind: ResourceKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
        name: String,
    },
    /// List objects as JSON.
    List {
        kind: ResourceKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label_selector: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field_selector: Option<String>,
    },
    /// Describe an object: the object plus its events, as text.
    Describe {
        kind: ResourceKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
        name: String,
    },
    /// Events of one object (or of a namespace when `name` is absent).
    Events {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<ResourceKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// `kubectl top nodes|pods`.
    Top {
        /// Pods when true, nodes otherwise.
        pods: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        namespace: Option<String>,
    },
    /// `kubectl rollout status`.
    RolloutStatus {
        kind: RolloutKind,
        namespace: String,
        name: String,
    },
    /// `kubectl rollout history`.
    RolloutHistory {
        kind: RolloutKind,
        namespace: String,
        name: String,
    },
}

/// The action tried to touch Secrets, or names something empty.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InvalidAction {
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("reading Secrets through atl is not allowed: secret values never leave the cluster")]
    Secret,
    #[error("{kind} is cluster-scoped: drop the namespace")]
    ClusterScoped { kind: ResourceKind },
    #[error("{kind} is namespaced: give a namespace with -n")]
    NeedsNamespace { kind: ResourceKind },
    #[error("tail_lines {0} is above the limit of {MAX_LOG_LINES}")]
    TooManyLines(u32),
}

impl Action {
    /// Short stable name, used in audit records and metrics.
    pub fn name(&self) -> &'static str {
        match self {
            Action::RestartPod { .. } => "restart_pod",
            Action::RolloutRestart { .. } => "rollout_restart",
            Action::Scale { .. } => "scale",
            Action::Cordon { .. } => "cordon",
            Action::Uncordon { .. } => "uncordon",
            Action::Drain { .. } => "drain",
            Action::DeletePod { .. } => "delete_pod",
            Action::Logs { .. } => "logs",
            Action::Get { .. } => "get",
            Action::List { .. } => "list",
            Action::Describe { .. } => "describe",
            Action::Events { .. } => "events",
            Action::Top { .. } => "top",
            Action::RolloutStatus { .. } => "rollout_status",
            Action::RolloutHistory { .. } => "rollout_history",
        }
    }

    /// Whether it changes the cluster.
    pub fn is_mutating(&self) -> bool {
        matches!(
            self,
            Action::RestartPod { .. }
                | Action::RolloutRestart { .. }
                | Action::Scale { .. }
                | Action::Cordon { .. }
                | Action::Uncordon { .. }
                | Action::Drain { .. }
                | Action::DeletePod { .. }
        )
    }

    /// The lowest role allowed to run it. Logs need operator: they can hold sensitive data, and
    /// their results are visible only to roles that may run them.
    pub fn required_role(&self) -> Role {
        if self.is_mutating() || matches!(self, Action::Logs { .. }) {
            Role::Operator
        } else {
            Role::Viewer
        }
    }

    /// `kind/namespace/name`-style target for audit records.
    pub fn target(&self) -> String {
        let ns_name = |ns: &str, n: &str| format!("{ns}/{n}");
        match self {
            Action::RestartPod { namespace, name }
            | Action::DeletePod {
                namespace, name, ..
            } => {
                format!("pod/{}", ns_name(namespace, name))
            }
            Action::RolloutRestart {
                kind,
                namespace,
                name,
            }
            | Action::RolloutStatus {
                kind,
                namespace,
                name,
            }
            | Action::RolloutHistory {
                kind,
                namespace,
                name,
            } => {
                format!("{}/{}", rollout_kind_name(*kind), ns_name(namespace, name))
            }
            Action::Scale {
                kind,
                namespace,
                name,
                ..
            } => {
                let k = match kind {
                    ScaleKind::Deployment => "deployment",
                    ScaleKind::StatefulSet => "statefulset",
                };
                format!("{k}/{}", ns_name(namespace, name))
            }
            Action::Cordon { node } | Action::Uncordon { node } | Action::Drain { node, .. } => {
                format!("node/{node}")
            }
            Action::Logs { namespace, pod, .. } => format!("pod/{}", ns_name(namespace, pod)),
            Action::Get {
                kind,
                namespace,
                name,
            }
            | Action::Describe {
                kind,
                namespace,
                name,
            } => {
                format!(
                    "{}/{}",
                    kind.key_name(),
                    ns_name(namespace.as_deref().unwrap_or("_"), name)
                )
            }
            Action::List {
                kind, namespace, ..
            } => {
                format!(
                    "{}/{}",
                    kind.key_name(),
                    namespace.as_deref().unwrap_or("*")
                )
            }
            Action::Events {
                kind,
                namespace,
                name,
            } => format!(
                "events/{}/{}/{}",
                kind.map(|k| k.key_name()).unwrap_or_else(|| "*".into()),
                namespace.as_deref().unwrap_or("*"),
                name.as_deref().unwrap_or("*")
            ),
            Action::Top { pods, namespace } => {
                format!(
                    "top/{}/{}",
                    if *pods { "pods" } else { "nodes" },
                    namespace.as_deref().unwrap_or("*")
                )
            }
        }
    }

    /// Rejects actions that can never be valid, before they are queued.
    pub fn validate(&self) -> Result<(), InvalidAction> {
        fn non_empty(v: &str, what: &'static str) -> Result<(), InvalidAction> {
            if v.trim().is_empty() {
                Err(InvalidAction::Empty(what))
            } else {
                Ok(())
            }
        }
        fn scoped(kind: ResourceKind, ns: &Option<String>) -> Result<(), InvalidAction> {
            if kind == ResourceKind::Secret {
                return Err(InvalidAction::Secret);
            }
            match (kind.namespaced(), ns.as_deref().filter(|n| !n.is_empty())) {
                (false, Some(_)) => Err(InvalidAction::ClusterScoped { kind }),
                _ => Ok(()),
            }
        }
        match self {
            Action::RestartPod { namespace, name }
            | Action::DeletePod {
                namespace, name, ..
            } => {
                non_empty(namespace, "namespace")?;
                non_empty(name, "name")
            }
            Action::RolloutRestart {
                namespace, name, ..
            }
            | Action::Scale {
                namespace, name, ..
            }
            | Action::RolloutStatus {
                namespace, name, ..
            }
            | Action::RolloutHistory {
                namespace, name, ..
            } => {
                non_empty(namespace, "namespace")?;
                non_empty(name, "name")
            }
            Action::Cordon { node } | Action::Uncordon { node } | Action::Drain { node, .. } => {
                non_empty(node, "node")
            }
            Action::Logs {
                namespace,
                pod,
                tail_lines,
                ..
            } => {
                non_empty(namespace, "namespace")?;
                non_empty(pod, "pod")?;
                match tail_lines {
                    Some(n) if *n > MAX_LOG_LINES => Err(InvalidAction::TooManyLines(*n)),
                    _ => Ok(()),
                }
            }
            Action::Get {
                kind,
                namespace,
                name,
            }
            | Action::Describe {
                kind,
                namespace,
                name,
            } => {
                scoped(*kind, namespace)?;
                if kind.namespaced() && namespace.as_deref().is_none_or(str::is_empty) {
                    return Err(InvalidAction::NeedsNamespace { kind: *kind });
                }
                non_empty(name, "name")
            }
            Action::List {
                kind, namespace, ..
            } => scoped(*kind, namespace),
            Action::Events { kind, .. } => match kind {
                Some(ResourceKind::Secret) => Err(InvalidAction::Secret),
                _ => Ok(()),
            },
            Action::Top { .. } => Ok(()),
        }
    }
}

fn rollout_kind_name(k: RolloutKind) -> &'static str {
    match k {
        RolloutKind::Deployment => "deployment",
        RolloutKind::StatefulSet => "statefulset",
        RolloutKind::DaemonSet => "daemonset",
    }
}

/// A command as queued by the master and delivered to the agent of `cluster_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Command {
    /// Unique id; the agent executes each id at most once.
    pub id: String,
    /// Target cluster.
    pub cluster_id: String,
    /// What to do.
    pub action: Action,
    /// Who asked (user name or token name).
    pub requested_by: String,
    /// When it was created (master clock).
    pub created_at: Timestamp,
    /// Seconds the agent has to finish once it received it.
    pub deadline_secs: u32,
}

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Done in the cluster.
    Succeeded,
    /// The cluster refused or the operation failed; `error` says why.
    Failed,
    /// The deadline passed before it finished.
    TimedOut,
}

/// What the agent reports for a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CommandResult {
    /// The command's id.
    pub command_id: String,
    /// How it ended.
    pub outcome: Outcome,
    /// Output: text (logs, describe) or JSON (get, list, top).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<CommandOutput>,
    /// Error message when not succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When execution started (agent clock).
    pub started_at: Timestamp,
    /// Execution time in milliseconds.
    pub duration_ms: u64,
}

/// Output of a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum CommandOutput {
    /// Plain text.
    Text(String),
    /// JSON document.
    Json(serde_json::Value),
}

/// Lifecycle of a command on the master.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommandState {
    /// Queued, not yet taken by the agent.
    Pending,
    /// Delivered to the agent.
    Running,
    /// Finished successfully.
    Succeeded,
    /// Finished with an error.
    Failed,
    /// Deadline passed.
    TimedOut,
}

impl CommandState {
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CommandState::Succeeded | CommandState::Failed | CommandState::TimedOut
        )
    }
}

impl From<Outcome> for CommandState {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Succeeded => CommandState::Succeeded,
            Outcome::Failed => CommandState::Failed,
            Outcome::TimedOut => CommandState::TimedOut,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_serialise_tagged_and_round_trip() {
        let a = Action::Scale {
            kind: ScaleKind::Deployment,
            namespace: "shop".into(),
            name: "api".into(),
            replicas: 3,
        };
        let j = serde_json::to_value(&a).unwrap_or_default();
        assert_eq!(j["action"], "scale");
        assert_eq!(j["replicas"], 3);
        let back: Action = serde_json::from_value(j).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, a);
    }

    #[test]
    fn scale_without_replicas_is_rejected() {
        let r: Result<Action, _> = serde_json::from_str(
            r#"{"action":"scale","kind":"deployment","namespace":"a","name":"b"}"#,
        );
        assert!(
            r.is_err(),
            "replicas is required (the original defaulted it to 0)"
        );
    }

    #[test]
    fn roles_and_mutation() {
        let logs = Action::Logs {
            namespace: "a".into(),
            pod: "p".into(),
            container: None,
            tail_lines: None,
            since_secs: None,
            previous: false,
        };
        assert_eq!(logs.required_role(), Role::Operator);
        assert!(!logs.is_mutating());
        let get = Action::Get {
            kind: ResourceKind::Pod,
            namespace: Some("a".into()),
            name: "p".into(),
        };
        assert_eq!(get.required_role(), Role::Viewer);
        assert!(Action::Cordon { node: "n".into() }.is_mutating());
    }

    #[test]
    fn secrets_and_bad_scopes_are_refused() {
        let s = Action::Get {
            kind: ResourceKind::Secret,
            namespace: Some("a".into()),
            name: "db".into(),
        };
        assert_eq!(s.validate(), Err(InvalidAction::Secret));
        let n = Action::Get {
            kind: ResourceKind::Node,
            namespace: Some("a".into()),
            name: "n1".into(),
        };
        assert!(matches!(
            n.validate(),
            Err(InvalidAction::ClusterScoped { .. })
        ));
        let p = Action::Get {
            kind: ResourceKind::Pod,
            namespace: None,
            name: "p".into(),
        };
        assert!(matches!(
            p.validate(),
            Err(InvalidAction::NeedsNamespace { .. })
        ));
        assert!(Action::Cordon { node: " ".into() }.validate().is_err());
    }
}
