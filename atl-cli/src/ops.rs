//! Typed operations the client asks an agent to run. Nothing here is ever a shell string: each
//! field is data the agent passes to the Kubernetes API.
//!
//! TODO(merge main): map onto `atl_core::command` once it lands; the wire shape is decided there.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkloadKind {
    Deployment,
    StatefulSet,
    DaemonSet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    RestartPod { namespace: String, name: String },
    RolloutRestart { kind: WorkloadKind, namespace: String, name: String },
    RolloutStatus { kind: WorkloadKind, namespace: String, name: String },
    RolloutHistory { kind: WorkloadKind, namespace: String, name: String },
    Scale { kind: WorkloadKind, namespace: String, name: String, replicas: u32 },
    Cordon { node: String },
    Uncordon { node: String },
    Drain { node: String, ignore_daemonsets: bool, delete_emptydir_data: bool, force: bool },
    DeletePod { namespace: String, name: String },
    Logs {
        namespace: String,
        pod: String,
        container: Option<String>,
        tail: Option<i64>,
        since_seconds: Option<u64>,
        previous: bool,
    },
    Get {
        kind: String,
        /// None = all namespaces.
        namespace: Option<String>,
        name: Option<String>,
        label_selector: Option<String>,
        field_selector: Option<String>,
    },
    Describe { kind: String, namespace: Option<String>, name: String },
    Events { namespace: Option<String>, for_object: Option<String> },
    Top { kind: String, namespace: Option<String>, name: Option<String> },
}

impl Operation {
    /// Operations that change the cluster (need the operator role, are audited as mutations).
    pub fn is_mutating(&self) -> bool {
        matches!(
            self,
            Operation::RestartPod { .. }
                | Operation::RolloutRestart { .. }
                | Operation::Scale { .. }
                | Operation::Cordon { .. }
                | Operation::Uncordon { .. }
                | Operation::Drain { .. }
                | Operation::DeletePod { .. }
        )
    }
}
