//! `drain`: cordon, then evict every pod through policy/v1 Eviction so PodDisruptionBudgets are
//! respected (a 429 means "not now": retried until the command's deadline).

use super::exec::{ExecError, ExecResult};
use atl_core::command::CommandOutput;
use k8s_openapi::api::core::v1 as core;
use kube::Api;
use kube::api::{DeleteParams, EvictParams, ListParams};
use std::time::Duration;

const MIRROR_ANNOTATION: &str = "kubernetes.io/config.mirror";
const PDB_RETRY: Duration = Duration::from_secs(2);
const GONE_POLL: Duration = Duration::from_millis(300);

#[derive(Debug, Clone, Copy, Default)]
pub struct DrainOptions {
    pub ignore_daemonsets: bool,
    pub delete_emptydir_data: bool,
    pub grace_period_secs: Option<u32>,
}

fn key(p: &core::Pod) -> String {
    format!(
        "{}/{}",
        p.metadata.namespace.as_deref().unwrap_or(""),
        p.metadata.name.as_deref().unwrap_or("")
    )
}

/// Which pods to evict, which to skip, and which block the drain (as kubectl decides).
fn plan(pods: Vec<core::Pod>, o: DrainOptions) -> (Vec<core::Pod>, Vec<String>, Vec<String>) {
    let (mut evict, mut skipped, mut blockers) = (Vec::new(), Vec::new(), Vec::new());
    for p in pods {
        let k = key(&p);
        if p.metadata
            .annotations
            .as_ref()
            .is_some_and(|a| a.contains_key(MIRROR_ANNOTATION))
        {
            skipped.push(format!("{k} (static pod)"));
            continue;
        }
        let controller = p
            .metadata
            .owner_references
            .iter()
            .flatten()
            .find(|o| o.controller == Some(true));
        let finished = matches!(
            p.status.as_ref().and_then(|s| s.phase.as_deref()),
            Some("Succeeded" | "Failed")
        );
        if controller.is_some_and(|c| c.kind == "DaemonSet") {
            if o.ignore_daemonsets {
                skipped.push(format!("{k} (DaemonSet)"));
            } else {
                blockers.push(format!(
                    "{k} is managed by a DaemonSet (set ignore_daemonsets)"
                ));
            }
            continue;
        }
        if controller.is_none() && !finished {
            blockers.push(format!(
                "{k} has no controller and would be lost; delete it yourself first"
            ));
            continue;
        }
        let empty_dir = p
            .spec
            .as_ref()
            .and_then(|s| s.volumes.as_ref())
            .is_some_and(|v| v.iter().any(|v| v.empty_dir.is_some()));
        if empty_dir && !o.delete_emptydir_data && !finished {
            blockers.push(format!(
                "{k} uses emptyDir data that eviction deletes (set delete_emptydir_data)"
            ));
            continue;
        }
        evict.push(p);
    }
    (evict, skipped, blockers)
}

async fn evict_one(
    client: &kube::Client,
    pod: &core::Pod,
    grace: Option<u32>,
) -> Result<(), ExecError> {
    let ns = pod.metadata.namespace.clone().unwrap_or_default();
    let name = pod.metadata.name.clone().unwrap_or_default();
    let api = Api::<core::Pod>::namespaced(client.clone(), &ns);
    let ep = EvictParams {
        delete_options: Some(DeleteParams {
            grace_period_seconds: grace,
            ..Default::default()
        }),
        ..Default::default()
    };
    loop {
        match api.evict(&name, &ep).await {
            Ok(_) => break,
            Err(kube::Error::Api(s)) if s.code == 404 => return Ok(()),
            // A PodDisruptionBudget forbids the eviction right now; the budget may allow it
            // once other pods are ready again.
            Err(kube::Error::Api(s)) if s.code == 429 => {
                tracing::debug!(pod = %key(pod), "eviction blocked by a disruption budget; retrying");
                tokio::time::sleep(PDB_RETRY).await;
            }
            Err(e) => return Err(ExecError::kube(format!("evict pod {ns}/{name}"), e)),
        }
    }
    // Wait until the pod is gone (or replaced by a new one of the same name).
    let uid = pod.metadata.uid.clone();
    loop {
        match api.get_opt(&name).await {
            Ok(None) => return Ok(()),
            Ok(Some(p)) if p.metadata.uid != uid => return Ok(()),
            Ok(Some(_)) => tokio::time::sleep(GONE_POLL).await,
            Err(e) => return Err(ExecError::kube(format!("wait for pod {ns}/{name}"), e)),
        }
    }
}

pub(crate) async fn drain(client: &kube::Client, node: &str, o: DrainOptions) -> ExecResult {
    Api::<core::Node>::all(client.clone())
        .cordon(node)
        .await
        .map_err(|e| ExecError::kube(format!("cordon node {node}"), e))?;
    let lp = ListParams::default().fields(&format!("spec.nodeName={node}"));
    let pods: Vec<core::Pod> = Api::<core::Pod>::all(client.clone())
        .list(&lp)
        .await
        .map_err(|e| ExecError::kube(format!("list pods of node {node}"), e))?
        .items
        .into_iter()
        // Guard against servers that ignore the field selector.
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
        .collect();
    let (evict, skipped, blockers) = plan(pods, o);
    if !blockers.is_empty() {
        return Err(ExecError::Refused(format!(
            "node {node} is cordoned but not drained: {}",
            blockers.join("; ")
        )));
    }
    let results = futures::future::join_all(
        evict
            .iter()
            .map(|p| evict_one(client, p, o.grace_period_secs)),
    )
    .await;
    let mut evicted = Vec::new();
    let mut failed = Vec::new();
    for (p, r) in evict.iter().zip(results) {
        match r {
            Ok(()) => evicted.push(key(p)),
            Err(e) => failed.push(e.to_string()),
        }
    }
    if !failed.is_empty() {
        return Err(ExecError::Refused(format!(
            "node {node}: {} pods evicted, {} failed: {}",
            evicted.len(),
            failed.len(),
            failed.join("; ")
        )));
    }
    Ok(CommandOutput::Json(serde_json::json!({
        "node": node,
        "cordoned": true,
        "evicted": evicted,
        "skipped": skipped,
    })))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

    fn pod(name: &str, owner: Option<&str>, empty_dir: bool) -> core::Pod {
        core::Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                namespace: Some("ns".into()),
                owner_references: owner.map(|k| {
                    vec![OwnerReference {
                        kind: k.into(),
                        name: "o".into(),
                        controller: Some(true),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            },
            spec: Some(core::PodSpec {
                volumes: empty_dir.then(|| {
                    vec![core::Volume {
                        name: "tmp".into(),
                        empty_dir: Some(Default::default()),
                        ..Default::default()
                    }]
                }),
                ..Default::default()
            }),
            status: None,
        }
    }

    #[test]
    fn plan_follows_kubectl_rules() {
        let pods = || {
            vec![
                pod("web", Some("ReplicaSet"), false),
                pod("agent", Some("DaemonSet"), false),
                pod("cache", Some("ReplicaSet"), true),
            ]
        };
        let (evict, _, blockers) = plan(pods(), DrainOptions::default());
        assert_eq!(evict.len(), 1);
        assert_eq!(blockers.len(), 2);
        let all = DrainOptions {
            ignore_daemonsets: true,
            delete_emptydir_data: true,
            grace_period_secs: None,
        };
        let (evict, skipped, blockers) = plan(pods(), all);
        assert_eq!((evict.len(), skipped.len(), blockers.len()), (2, 1, 0));
        let (_, _, blockers) = plan(vec![pod("bare", None, false)], all);
        assert!(blockers[0].contains("no controller"));
    }
}
