//! Conversion of the real `kubectl get -o yaml` dumps in `$ATL_SHARED_DIR/fixtures/k8s/kdash/`.
#![allow(clippy::unwrap_used)]

use super::{ConvertOptions, NodeMetrics, ToSlim};
use atl_core::k8s::{ConditionStatus, LAST_APPLIED_ANNOTATION, PodPhase};
use k8s_openapi::api::{
    apps::v1 as apps, batch::v1 as batch, core::v1 as core, networking::v1 as net,
};
use serde::de::DeserializeOwned;
use std::path::PathBuf;

fn dir() -> Option<PathBuf> {
    match std::env::var_os("ATL_SHARED_DIR") {
        Some(d) => Some(PathBuf::from(d).join("fixtures/k8s/kdash")),
        None => {
            println!("skipped: ATL_SHARED_DIR not set");
            None
        }
    }
}

#[derive(serde::Deserialize)]
struct List<T> {
    items: Vec<T>,
}

/// Items of a `kind: List` dump.
fn items<T: DeserializeOwned>(file: &str) -> Option<Vec<T>> {
    let text = std::fs::read_to_string(dir()?.join(file)).unwrap();
    let list: List<T> = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    Some(list.items)
}

fn slim<T: ToSlim + DeserializeOwned>(file: &str) -> Option<Vec<T::Slim>> {
    let opts = ConvertOptions::default();
    Some(items::<T>(file)?.iter().map(|o| o.to_slim(&opts)).collect())
}

#[test]
fn pods_keep_crashloop_oom_and_no_env_literals() {
    let Some(raw) = items::<core::Pod>("pods.yaml") else {
        return;
    };
    let opts = ConvertOptions::default();
    let pods: Vec<_> = raw.iter().map(|p| p.to_slim(&opts)).collect();
    assert_eq!(pods.len(), raw.len());
    assert!(pods.len() > 10);
    let crash = pods
        .iter()
        .find(|p| p.meta.name == "cartservice-67b89ffc69-s5qp8")
        .unwrap();
    assert_eq!(crash.phase, PodPhase::Running);
    assert_eq!(crash.reason.as_deref(), Some("CrashLoopBackOff"));
    assert_eq!(crash.restarts, 896);
    assert_eq!(crash.ready_text(), "0/1");
    let lt = crash.last_termination.as_ref().unwrap();
    assert_eq!(lt.exit_code, 139);
    assert_eq!(
        lt.finished_at.unwrap().to_rfc3339(),
        "2021-04-30T16:21:27+00:00"
    );
    let killed = pods
        .iter()
        .find(|p| {
            p.last_termination
                .as_ref()
                .is_some_and(|t| t.exit_code == 137)
        })
        .unwrap();
    assert_eq!(killed.reason, None, "running again and ready: healthy now");
    assert_eq!(killed.meta.owner.as_ref().unwrap().kind, "ReplicaSet");
    // Literal env values in the dump (PORT=9555 …) never reach the snapshot.
    let json = serde_json::to_string(&pods).unwrap();
    assert!(json.contains("\"PORT\""));
    assert!(!json.contains("\"9555\""), "env literal leaked");
    assert!(!json.contains("managedFields"));
}

#[test]
fn nodes_report_pressure_and_metrics_parse() {
    let Some(nodes) = slim::<core::Node>("nodes.yaml") else {
        return;
    };
    assert!(!nodes.is_empty());
    assert!(nodes.iter().any(|n| n.pressure.disk));
    for n in &nodes {
        assert!(
            n.capacity.cpu_millicores > 0.0 && n.capacity.memory_bytes > 0 && n.capacity.pods > 0
        );
        assert_ne!(n.ready, ConditionStatus::Unknown);
        assert!(n.internal_ip.is_some());
        assert!(!n.info.kubelet_version.is_empty());
    }
    let text = std::fs::read_to_string(dir().unwrap().join("node_metrics.yaml")).unwrap();
    let list: super::metrics::MetricsList<NodeMetrics> = serde_json::from_str(&text).unwrap();
    let usage = list.items[0].usage.resources();
    assert!((usage.cpu_millicores.unwrap() - 162.953844).abs() < 1e-6);
    assert_eq!(usage.memory_bytes, Some(582_980 * 1024));
}

#[test]
fn workloads_convert() {
    let Some(deps) = slim::<apps::Deployment>("deployments.yaml") else {
        return;
    };
    assert!(!deps.is_empty());
    for d in &deps {
        assert!(!d.template.containers.is_empty(), "{}", d.meta.name);
        assert!(!d.selector.match_labels.is_empty() || !d.selector.match_expressions.is_empty());
    }
    let rs = slim::<apps::ReplicaSet>("replicasets.yaml").unwrap();
    assert!(
        rs.iter()
            .any(|r| r.revision.is_some() && r.meta.owner.is_some())
    );
    assert!(!slim::<apps::StatefulSet>("stfs.yaml").unwrap().is_empty());
    assert!(
        !slim::<apps::DaemonSet>("daemonsets.yaml")
            .unwrap()
            .is_empty()
    );
    let jobs = slim::<batch::Job>("jobs.yaml").unwrap();
    assert!(
        jobs.iter()
            .any(|j| j.completed_at.is_some() || j.failed > 0 || j.active > 0)
    );
    let cron = slim::<batch::CronJob>("cronjobs.yaml").unwrap();
    assert!(cron.iter().all(|c| !c.schedule.is_empty()));
    let json = serde_json::to_string(&cron).unwrap();
    assert!(!json.contains(LAST_APPLIED_ANNOTATION));
}

#[test]
fn network_storage_config_and_events_convert() {
    let Some(svcs) = slim::<core::Service>("svcs.yaml") else {
        return;
    };
    assert!(svcs.iter().all(|s| !s.type_.is_empty()));
    assert!(svcs.iter().any(|s| !s.ports.is_empty()));
    let ing = slim::<net::Ingress>("ingress.yaml").unwrap();
    assert!(ing.iter().any(|i| !i.backend_services().is_empty()));
    assert!(
        !serde_json::to_string(&ing)
            .unwrap()
            .contains(LAST_APPLIED_ANNOTATION)
    );
    let np = slim::<net::NetworkPolicy>("network_policy.yaml").unwrap();
    assert!(!np.is_empty());
    let pvs = slim::<core::PersistentVolume>("pvs.yaml").unwrap();
    assert!(
        pvs.iter()
            .any(|p| p.capacity_bytes > 0 && p.claim.is_some())
    );
    let pvcs = slim::<core::PersistentVolumeClaim>("pvcs.yaml").unwrap();
    assert!(pvcs.iter().any(|p| p.requested_bytes > 0));
    let ns = slim::<core::Namespace>("ns.yaml").unwrap();
    assert!(
        ns.iter()
            .any(|n| n.meta.name == "kube-system" && n.phase == "Active")
    );
    let sas = slim::<core::ServiceAccount>("serviceaccounts.yaml").unwrap();
    assert!(sas.len() > 10);
    let cms = slim::<core::ConfigMap>("cm.yaml").unwrap();
    assert!(
        cms.iter()
            .any(|c| c.keys.iter().any(|k| k.size_bytes > 100))
    );
    assert!(
        !serde_json::to_string(&cms)
            .unwrap()
            .contains("BEGIN CERTIFICATE")
    );
    let events = slim::<core::Event>("events.yaml").unwrap();
    let sched = events
        .iter()
        .find(|e| e.reason == "FailedScheduling")
        .unwrap();
    assert!(sched.is_critical());
    assert!(
        events.iter().all(|e| e.last_seen.is_some()),
        "eventTime-only events keep a time"
    );
}

#[test]
fn secrets_carry_keys_never_values() {
    let Some(raw) = items::<core::Secret>("secrets.yaml") else {
        return;
    };
    let opts = ConvertOptions::default();
    let secrets: Vec<_> = raw.iter().map(|s| s.to_slim(&opts)).collect();
    let json = serde_json::to_string(&secrets).unwrap();
    for s in &raw {
        for v in s.data.iter().flat_map(|d| d.values()) {
            // Short values (e.g. the namespace name) also appear as metadata; check real secrets.
            let text = String::from_utf8_lossy(&v.0);
            if text.len() > 16 {
                assert!(!json.contains(&text[..16]), "secret value leaked");
            }
        }
    }
    assert!(
        secrets
            .iter()
            .any(|s| s.keys.contains(&"token".to_string()))
    );
    assert!(
        secrets
            .iter()
            .all(|s| s.type_.starts_with("kubernetes.io/") || s.type_ == "Opaque")
    );
}
