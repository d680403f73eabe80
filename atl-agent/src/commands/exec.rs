//! Executes typed actions through the Kubernetes API. Never a shell, never a Secret read.

use super::{drain, read};
use atl_core::command::{Action, CommandOutput, InvalidAction, RolloutKind, ScaleKind};
use atl_core::k8s::RESTARTED_AT_ANNOTATION;
use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::core::v1 as core;
use kube::Api;
use kube::api::{DeleteParams, LogParams, Patch, PatchParams};

/// Upper bound of log output returned to the master.
pub const MAX_LOG_BYTES: i64 = 4 * 1024 * 1024;

/// Why an action failed.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    #[error("invalid command: {0}")]
    Invalid(#[from] InvalidAction),
    #[error(
        "{what}: the agent's identity is not allowed to do this ({message}); grant it in the agent's RBAC role (see docs/agent.md)"
    )]
    Forbidden { what: String, message: String },
    #[error("{what}: not found ({message})")]
    NotFound { what: String, message: String },
    #[error("{what}: the Kubernetes API answered {code}: {message}")]
    Api {
        what: String,
        code: u16,
        message: String,
    },
    #[error("{what}: cannot reach the Kubernetes API: {message}")]
    Transport { what: String, message: String },
    #[error("{0}")]
    Refused(String),
}

impl ExecError {
    pub(crate) fn kube(what: impl Into<String>, e: kube::Error) -> Self {
        let what = what.into();
        match e {
            kube::Error::Api(s) => match s.code {
                401 | 403 => ExecError::Forbidden {
                    what,
                    message: s.message,
                },
                404 => ExecError::NotFound {
                    what,
                    message: s.message,
                },
                code => ExecError::Api {
                    what,
                    code,
                    message: s.message,
                },
            },
            other => ExecError::Transport {
                what,
                message: other.to_string(),
            },
        }
    }
}

pub(crate) type ExecResult = Result<CommandOutput, ExecError>;

/// Executes actions with one Kubernetes client.
#[derive(Clone)]
pub struct Executor {
    pub(crate) client: kube::Client,
    /// Show literal env values in get/list/describe output (`--include-env-values`).
    pub(crate) include_env_values: bool,
}

fn text(s: impl Into<String>) -> ExecResult {
    Ok(CommandOutput::Text(s.into()))
}

impl Executor {
    pub fn new(client: kube::Client, include_env_values: bool) -> Self {
        Executor {
            client,
            include_env_values,
        }
    }

    /// Runs one action to completion (the caller bounds it with the command's deadline).
    pub async fn execute(&self, action: &Action) -> ExecResult {
        action.validate()?;
        let c = self.client.clone();
        let env = self.include_env_values;
        match action {
            Action::RestartPod { namespace, name } => self.restart_pod(namespace, name).await,
            Action::DeletePod {
                namespace,
                name,
                grace_period_secs,
            } => {
                let dp = DeleteParams {
                    grace_period_seconds: *grace_period_secs,
                    ..Default::default()
                };
                Api::<core::Pod>::namespaced(c, namespace)
                    .delete(name, &dp)
                    .await
                    .map_err(|e| ExecError::kube(format!("delete pod {namespace}/{name}"), e))?;
                text(format!("pod {namespace}/{name} deleted"))
            }
            Action::RolloutRestart {
                kind,
                namespace,
                name,
            } => {
                let what = format!("rollout restart {} {namespace}/{name}", kind_name(*kind));
                // kubectl's annotation (kube-rs's own helper writes a different key).
                let patch = Patch::Merge(serde_json::json!({"spec": {"template": {"metadata": {
                    "annotations": { RESTARTED_AT_ANNOTATION: chrono::Utc::now().to_rfc3339() }
                }}}}));
                let pp = PatchParams::default();
                let r = match kind {
                    RolloutKind::Deployment => Api::<apps::Deployment>::namespaced(c, namespace)
                        .patch(name, &pp, &patch)
                        .await
                        .map(|_| ()),
                    RolloutKind::StatefulSet => Api::<apps::StatefulSet>::namespaced(c, namespace)
                        .patch(name, &pp, &patch)
                        .await
                        .map(|_| ()),
                    RolloutKind::DaemonSet => Api::<apps::DaemonSet>::namespaced(c, namespace)
                        .patch(name, &pp, &patch)
                        .await
                        .map(|_| ()),
                };
                r.map_err(|e| ExecError::kube(what, e))?;
                text(format!("{} {namespace}/{name} restarted", kind_name(*kind)))
            }
            Action::Scale {
                kind,
                namespace,
                name,
                replicas,
            } => {
                let patch = Patch::Merge(serde_json::json!({ "spec": { "replicas": replicas } }));
                let pp = PatchParams::default();
                let (k, r) = match kind {
                    ScaleKind::Deployment => (
                        "deployment",
                        Api::<apps::Deployment>::namespaced(c, namespace)
                            .patch_scale(name, &pp, &patch)
                            .await,
                    ),
                    ScaleKind::StatefulSet => (
                        "statefulset",
                        Api::<apps::StatefulSet>::namespaced(c, namespace)
                            .patch_scale(name, &pp, &patch)
                            .await,
                    ),
                };
                r.map_err(|e| ExecError::kube(format!("scale {k} {namespace}/{name}"), e))?;
                text(format!("{k} {namespace}/{name} scaled to {replicas}"))
            }
            Action::Cordon { node } => {
                Api::<core::Node>::all(c)
                    .cordon(node)
                    .await
                    .map_err(|e| ExecError::kube(format!("cordon node {node}"), e))?;
                text(format!("node {node} cordoned"))
            }
            Action::Uncordon { node } => {
                Api::<core::Node>::all(c)
                    .uncordon(node)
                    .await
                    .map_err(|e| ExecError::kube(format!("uncordon node {node}"), e))?;
                text(format!("node {node} uncordoned"))
            }
            Action::Drain {
                node,
                ignore_daemonsets,
                delete_emptydir_data,
                grace_period_secs,
            } => {
                drain::drain(
                    &c,
                    node,
                    drain::DrainOptions {
                        ignore_daemonsets: *ignore_daemonsets,
                        delete_emptydir_data: *delete_emptydir_data,
                        grace_period_secs: *grace_period_secs,
                    },
                )
                .await
            }
            Action::Logs {
                namespace,
                pod,
                container,
                tail_lines,
                since_secs,
                previous,
            } => {
                let lp = LogParams {
                    container: container.clone(),
                    tail_lines: tail_lines.map(i64::from),
                    since_seconds: since_secs.and_then(|s| i64::try_from(s).ok()),
                    previous: *previous,
                    limit_bytes: Some(MAX_LOG_BYTES),
                    ..Default::default()
                };
                let logs = Api::<core::Pod>::namespaced(c, namespace)
                    .logs(pod, &lp)
                    .await
                    .map_err(|e| ExecError::kube(format!("logs of pod {namespace}/{pod}"), e))?;
                text(logs)
            }
            Action::Get {
                kind,
                namespace,
                name,
            } => read::get(&c, *kind, namespace.as_deref(), name, env).await,
            Action::List {
                kind,
                namespace,
                label_selector,
                field_selector,
            } => {
                read::list(
                    &c,
                    *kind,
                    namespace.as_deref(),
                    label_selector.as_deref(),
                    field_selector.as_deref(),
                    env,
                )
                .await
            }
            Action::Describe {
                kind,
                namespace,
                name,
            } => read::describe(&c, *kind, namespace.as_deref(), name, env).await,
            Action::Events {
                kind,
                namespace,
                name,
            } => read::events(&c, *kind, namespace.as_deref(), name.as_deref()).await,
            Action::Top { pods, namespace } => read::top(&c, *pods, namespace.as_deref()).await,
            Action::RolloutStatus {
                kind,
                namespace,
                name,
            } => read::rollout_status(&c, *kind, namespace, name).await,
            Action::RolloutHistory {
                kind,
                namespace,
                name,
            } => read::rollout_history(&c, *kind, namespace, name).await,
        }
    }

    /// Deletes a pod so its controller recreates it; refuses pods nobody would recreate.
    async fn restart_pod(&self, namespace: &str, name: &str) -> ExecResult {
        let api = Api::<core::Pod>::namespaced(self.client.clone(), namespace);
        let what = format!("restart pod {namespace}/{name}");
        let pod = api
            .get(name)
            .await
            .map_err(|e| ExecError::kube(what.clone(), e))?;
        let controlled = pod
            .metadata
            .owner_references
            .iter()
            .flatten()
            .any(|o| o.controller == Some(true));
        if !controlled {
            return Err(ExecError::Refused(format!(
                "{what}: the pod has no controller, so deleting it would not restart it; use delete_pod if you mean to remove it"
            )));
        }
        api.delete(name, &DeleteParams::default())
            .await
            .map_err(|e| ExecError::kube(what, e))?;
        text(format!(
            "pod {namespace}/{name} deleted; its controller creates a replacement"
        ))
    }
}

pub(crate) fn kind_name(k: RolloutKind) -> &'static str {
    match k {
        RolloutKind::Deployment => "deployment",
        RolloutKind::StatefulSet => "statefulset",
        RolloutKind::DaemonSet => "daemonset",
    }
}
