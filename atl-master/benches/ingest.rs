//! P1: master ingest of one steady-state snapshot — zstd decode + JSON decode + validation + hub
//! update (+ AIOps engine evaluation) — beside parsing the same pods as typed Kubernetes JSON
//! (`k8s-openapi` `List<Pod>`, the shape `kubectl get pods -A -o json` returns), built from the
//! same synthetic pods.
//!
//! Run: `cargo bench -p atl-master --bench ingest` (add `-- --quick` for a short run).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use atl_core::ClusterSnapshot;
use atl_core::k8s::Pod;
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::pipeline::{Engine, EngineConfig};
use atl_master::http::agent::{Encoding, decode_snapshot};
use atl_master::hub::{Hub, Liveness};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};

/// The pod as the API server returns it: full metadata (managedFields included, as
/// `kubectl get -o json` shows it), spec and status.
fn k8s_pod(p: &Pod, i: usize) -> Value {
    let ns = p.meta.namespace.clone().unwrap_or_default();
    let created = p
        .meta
        .created_at
        .map(|t| t.to_rfc3339())
        .unwrap_or_else(|| "2026-01-01T00:00:00Z".into());
    let app = p
        .meta
        .labels
        .get("app")
        .cloned()
        .unwrap_or_else(|| "app".into());
    let owner = p.meta.owner.as_ref().map(|o| {
        json!([{"apiVersion": "apps/v1", "kind": o.kind, "name": o.name, "uid": format!("0000-{i}"), "controller": true, "blockOwnerDeletion": true}])
    });
    let ready = p.ready_containers > 0;
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": p.meta.name,
            "namespace": ns,
            "uid": if p.meta.uid.is_empty() { format!("uid-{i}") } else { p.meta.uid.clone() },
            "resourceVersion": format!("{}", 100000 + i),
            "creationTimestamp": created,
            "generateName": format!("{app}-"),
            "labels": p.meta.labels,
            "annotations": {"kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z"},
            "ownerReferences": owner,
            "managedFields": [{
                "manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1", "time": created,
                "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:generateName": {}, "f:labels": {".": {}, "f:app": {}, "f:pod-template-hash": {}},
                    "f:ownerReferences": {".": {}, "k:{\"uid\":\"x\"}": {}}},
                    "f:spec": {"f:containers": {"k:{\"name\":\"main\"}": {".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {},
                        "f:ports": {".": {}, "k:{\"containerPort\":8080,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}, "f:protocol": {}}},
                        "f:resources": {".": {}, "f:limits": {".": {}, "f:memory": {}}, "f:requests": {".": {}, "f:cpu": {}, "f:memory": {}}}}}}}
            }, {
                "manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": created, "fieldsType": "FieldsV1", "subresource": "status",
                "fieldsV1": {"f:status": {"f:conditions": {"k:{\"type\":\"Ready\"}": {".": {}, "f:lastProbeTime": {}, "f:lastTransitionTime": {}, "f:status": {}, "f:type": {}}},
                    "f:containerStatuses": {}, "f:hostIP": {}, "f:phase": {}, "f:podIP": {}, "f:podIPs": {}, "f:startTime": {}}}
            }]
        },
        "spec": {
            "containers": [{
                "name": "main",
                "image": format!("registry.example/{app}:1.2.3"),
                "imagePullPolicy": "IfNotPresent",
                "ports": [{"containerPort": 8080, "protocol": "TCP", "name": "http"}],
                "env": [{"name": "LOG_LEVEL", "value": "info"}, {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}}],
                "resources": {"limits": {"memory": "512Mi"}, "requests": {"cpu": "100m", "memory": "256Mi"}},
                "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
                "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
                "volumeMounts": [{"name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}],
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
            }],
            "volumes": [{"name": "kube-api-access", "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}],
            "nodeName": p.node,
            "serviceAccountName": p.service_account.clone().unwrap_or_else(|| "default".into()),
            "restartPolicy": "Always",
            "dnsPolicy": "ClusterFirst",
            "schedulerName": "default-scheduler",
            "terminationGracePeriodSeconds": 30,
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "tolerations": [
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
            ]
        },
        "status": {
            "phase": p.phase.as_str(),
            "conditions": [
                {"type": "PodReadyToStartContainers", "status": "True", "lastTransitionTime": created},
                {"type": "Initialized", "status": "True", "lastTransitionTime": created},
                {"type": "Ready", "status": if ready { "True" } else { "False" }, "lastTransitionTime": created},
                {"type": "ContainersReady", "status": if ready { "True" } else { "False" }, "lastTransitionTime": created},
                {"type": "PodScheduled", "status": "True", "lastTransitionTime": created}
            ],
            "hostIP": p.host_ip.clone().unwrap_or_else(|| "10.0.0.1".into()),
            "hostIPs": [{"ip": p.host_ip.clone().unwrap_or_else(|| "10.0.0.1".into())}],
            "podIP": p.ip.clone().unwrap_or_else(|| "10.1.0.1".into()),
            "podIPs": [{"ip": p.ip.clone().unwrap_or_else(|| "10.1.0.1".into())}],
            "startTime": created,
            "qosClass": p.qos_class.clone().unwrap_or_else(|| "Burstable".into()),
            "containerStatuses": [{
                "name": "main", "ready": ready, "started": ready, "restartCount": p.restarts,
                "image": format!("registry.example/{app}:1.2.3"),
                "imageID": format!("registry.example/{app}@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
                "containerID": format!("containerd://{:064x}", i),
                "state": {"running": {"startedAt": created}},
                "lastState": {}
            }]
        }
    })
}

fn k8s_list_json(snap: &ClusterSnapshot) -> Vec<u8> {
    let items: Vec<Value> = snap
        .resources
        .pods
        .iter()
        .enumerate()
        .map(|(i, p)| k8s_pod(p, i))
        .collect();
    serde_json::to_vec(&json!({"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": ""}, "items": items})).unwrap()
}

fn hub() -> std::sync::Arc<Hub> {
    Hub::new(
        Liveness {
            stale_after: Duration::from_secs(45),
            offline_after: Duration::from_secs(120),
        },
        60,
    )
}

fn bench(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("ATL_BENCH_PODS")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let mut g = c.benchmark_group("p1_ingest");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    g.warm_up_time(Duration::from_secs(1));
    for &pods in &sizes {
        let snap = generate(&SynthSpec::with_pods("bench", pods, 42));
        let json_bytes = serde_json::to_vec(&snap).unwrap();
        let wire = zstd::encode_all(&json_bytes[..], 3).unwrap();
        eprintln!(
            "pods={pods}: snapshot json {} B ({:.0} B/pod), zstd {} B ({:.1} B/pod)",
            json_bytes.len(),
            json_bytes.len() as f64 / pods as f64,
            wire.len(),
            wire.len() as f64 / pods as f64
        );
        g.throughput(Throughput::Elements(pods as u64));
        // The JSON decode alone, to show where the ingest time goes.
        g.bench_with_input(
            BenchmarkId::new("atl_json_decode_only", pods),
            &json_bytes,
            |b, j| b.iter(|| serde_json::from_slice::<ClusterSnapshot>(j).unwrap()),
        );
        let h = hub();
        g.bench_with_input(
            BenchmarkId::new("atl_decode_hub", pods),
            &wire,
            |b, wire| {
                b.iter(|| {
                    let s = decode_snapshot(Encoding::Zstd, wire, 1 << 31).unwrap();
                    h.ingest(s);
                })
            },
        );
        let mut engine = Engine::new(EngineConfig::default());
        engine.process_snapshot(&snap);
        let h2 = hub();
        g.bench_with_input(
            BenchmarkId::new("atl_decode_hub_engine", pods),
            &wire,
            |b, wire| {
                b.iter(|| {
                    let s = decode_snapshot(Encoding::Zstd, wire, 1 << 31).unwrap();
                    engine.process_snapshot(&s);
                    h2.ingest(s);
                })
            },
        );
        // The typed Kubernetes reference (skipped at sizes where it would need GBs of RAM).
        if pods
            <= std::env::var("ATL_BENCH_K8S_MAX")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(10_000)
        {
            let k8s = k8s_list_json(&snap);
            eprintln!(
                "pods={pods}: k8s List<Pod> json {} B ({:.0} B/pod)",
                k8s.len(),
                k8s.len() as f64 / pods as f64
            );
            g.bench_with_input(
                BenchmarkId::new("k8s_openapi_list_pod_parse", pods),
                &k8s,
                |b, k8s| {
                    b.iter(|| {
                        let l: k8s_openapi::List<k8s_openapi::api::core::v1::Pod> =
                            serde_json::from_slice(k8s).unwrap();
                        assert_eq!(l.items.len(), pods);
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
