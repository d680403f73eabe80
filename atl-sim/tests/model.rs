//! The generated cluster and its dynamics, through the library API (no HTTP).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use atl_sim::controllers::pods;
use atl_sim::{FaultKind, FaultSpec, Scenario, SimCluster};
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::{Event, Node, Pod};
use k8s_openapi::api::discovery::v1::EndpointSlice;

fn small(faults: Vec<FaultSpec>) -> Scenario {
    Scenario {
        start_time: Some("2026-03-01T12:00:00Z".into()),
        faults,
        ..Scenario::builtin("steady").unwrap()
    }
}

#[test]
fn steady_cluster_is_running_and_consistent() {
    let c = SimCluster::from_scenario(&small(vec![])).unwrap();
    let pods_ = c.list::<Pod>(None);
    assert!(pods_.len() > 30, "{} pods", pods_.len());
    let not_ok: Vec<_> = pods_
        .iter()
        .filter(|p| !(pods::is_ready(p) || pods::phase(p) == "Succeeded"))
        .map(|p| p.metadata.name.clone())
        .collect();
    assert!(not_ok.is_empty(), "pods not ready: {not_ok:?}");
    for d in c.list::<Deployment>(None) {
        let st = d.status.unwrap();
        assert_eq!(
            st.ready_replicas,
            d.spec.unwrap().replicas,
            "{:?}",
            d.metadata.name
        );
    }
    // Every service with pods has an endpoint slice listing each ready pod.
    let slices = c.list::<EndpointSlice>(Some("shop"));
    let frontend = slices
        .iter()
        .find(|s| s.metadata.name.as_deref().unwrap().starts_with("frontend-"))
        .unwrap();
    let fe_pods = pods_
        .iter()
        .filter(|p| {
            p.metadata.namespace.as_deref() == Some("shop")
                && p.metadata
                    .labels
                    .as_ref()
                    .unwrap()
                    .get("app")
                    .map(String::as_str)
                    == Some("frontend")
        })
        .count();
    assert_eq!(frontend.endpoints.len(), fe_pods);
    // Pods are spread over every node.
    for n in c.list::<Node>(None) {
        let name = n.metadata.name.unwrap();
        assert!(
            pods_
                .iter()
                .any(|p| p.spec.as_ref().unwrap().node_name.as_deref() == Some(name.as_str()))
        );
    }
    // Quotas account for the namespace's pods.
    let rq = c
        .get::<k8s_openapi::api::core::v1::ResourceQuota>("shop", "compute-quota")
        .unwrap();
    let used = rq.status.unwrap().used.unwrap();
    let shop_pods = pods_
        .iter()
        .filter(|p| p.metadata.namespace.as_deref() == Some("shop") && pods::is_active(p))
        .count();
    assert_eq!(used["pods"].0, shop_pods.to_string());
    assert!(used["requests.cpu"].0.ends_with('m'));
    // An idle cluster does not churn resourceVersions.
    let rv = c.resource_version();
    c.tick(Duration::from_secs(5));
    assert_eq!(c.resource_version(), rv);
}

#[test]
fn same_seed_same_cluster() {
    let a = SimCluster::from_scenario(&small(vec![])).unwrap();
    let b = SimCluster::from_scenario(&small(vec![])).unwrap();
    let ja = serde_json::to_string(&a.snapshot_json()).unwrap();
    let jb = serde_json::to_string(&b.snapshot_json()).unwrap();
    assert_eq!(ja, jb);
    let other = SimCluster::from_scenario(&Scenario {
        seed: 99,
        ..small(vec![])
    })
    .unwrap();
    assert_ne!(ja, serde_json::to_string(&other.snapshot_json()).unwrap());
}

fn fault(at: u64, fault: FaultKind, target: &str) -> FaultSpec {
    FaultSpec {
        at,
        duration: Some(600),
        fault,
        target: target.into(),
        value: None,
    }
}

fn app_pods(c: &SimCluster, ns: &str, app: &str) -> Vec<Pod> {
    c.list::<Pod>(Some(ns))
        .into_iter()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .unwrap()
                .get("app")
                .map(String::as_str)
                == Some(app)
                && pods::is_active(p)
        })
        .collect()
}

fn first_status(p: &Pod) -> k8s_openapi::api::core::v1::ContainerStatus {
    p.status
        .as_ref()
        .unwrap()
        .container_statuses
        .as_ref()
        .unwrap()[0]
        .clone()
}

#[test]
fn crash_loop_and_oom_faults() {
    let c = SimCluster::from_scenario(&small(vec![
        fault(10, FaultKind::CrashLoop, "shop/checkout"),
        fault(10, FaultKind::OomKill, "shop/cart"),
    ]))
    .unwrap();
    c.tick(Duration::from_secs(200));
    for p in app_pods(&c, "shop", "checkout") {
        let st = first_status(&p);
        assert!(st.restart_count >= 3, "restarts {}", st.restart_count);
        let last = st.last_state.unwrap().terminated.unwrap();
        assert_eq!(last.reason.as_deref(), Some("Error"));
        assert!(!pods::is_ready(&p));
    }
    for p in app_pods(&c, "shop", "cart") {
        let last = first_status(&p).last_state.unwrap().terminated.unwrap();
        assert_eq!(
            (last.reason.as_deref(), last.exit_code),
            (Some("OOMKilled"), 137)
        );
    }
    let events = c.list::<Event>(Some("shop"));
    assert!(
        events
            .iter()
            .any(|e| e.reason.as_deref() == Some("BackOff"))
    );
    // After the faults end the pods recover.
    c.tick(Duration::from_secs(1200));
    for p in app_pods(&c, "shop", "checkout") {
        assert!(
            pods::is_ready(&p),
            "{:?} not ready after recovery",
            p.metadata.name
        );
    }
}

#[test]
fn image_pull_fault_rolls_out_and_back() {
    let c = SimCluster::from_scenario(&small(vec![fault(10, FaultKind::ImagePull, "shop/api")]))
        .unwrap();
    let before = app_pods(&c, "shop", "api").len();
    c.tick(Duration::from_secs(120));
    let pods_ = app_pods(&c, "shop", "api");
    let waiting: Vec<String> = pods_
        .iter()
        .filter_map(|p| {
            first_status(p)
                .state
                .unwrap()
                .waiting
                .and_then(|w| w.reason)
        })
        .collect();
    assert!(
        waiting
            .iter()
            .any(|r| r == "ImagePullBackOff" || r == "ErrImagePull"),
        "{waiting:?}"
    );
    // The old pods keep serving.
    assert_eq!(pods_.iter().filter(|p| pods::is_ready(p)).count(), before);
    assert_eq!(
        c.list::<ReplicaSet>(Some("shop"))
            .iter()
            .filter(|r| r.metadata.name.as_deref().unwrap().starts_with("api-"))
            .count(),
        2
    );
    c.tick(Duration::from_secs(700));
    let pods_ = app_pods(&c, "shop", "api");
    assert_eq!(pods_.iter().filter(|p| pods::is_ready(p)).count(), before);
    assert_eq!(pods_.len(), before);
}

#[test]
fn node_not_ready_and_telemetry() {
    let c = SimCluster::from_scenario(&small(vec![
        fault(5, FaultKind::NodeNotReady, "node-2"),
        fault(5, FaultKind::Latency, "shop/cart"),
    ]))
    .unwrap();
    c.tick(Duration::from_secs(30));
    let n = c.get::<Node>("", "node-2").unwrap();
    let ready = n
        .status
        .unwrap()
        .conditions
        .unwrap()
        .into_iter()
        .find(|c| c.type_ == "Ready")
        .unwrap();
    assert_eq!(ready.status, "Unknown");
    let on_node: Vec<Pod> = c
        .list::<Pod>(None)
        .into_iter()
        .filter(|p| {
            p.spec.as_ref().unwrap().node_name.as_deref() == Some("node-2") && pods::is_active(p)
        })
        .collect();
    assert!(!on_node.is_empty());
    assert!(on_node.iter().all(|p| !pods::is_ready(p)));
    let t = c.telemetry();
    assert_eq!(t.services["shop/cart"].latency_factor, 5.0);
    assert!(!t.nodes["node-2"].ready);
    assert!(t.nodes["node-1"].cpu_millis > 250);
}

fn waiting_reasons(c: &SimCluster, ns: &str, app: &str) -> Vec<String> {
    app_pods(c, ns, app)
        .iter()
        .filter_map(|p| {
            first_status(p)
                .state
                .and_then(|s| s.waiting)
                .and_then(|w| w.reason)
        })
        .collect()
}

fn node_condition(c: &SimCluster, node: &str, type_: &str) -> String {
    c.get::<Node>("", node)
        .unwrap()
        .status
        .unwrap()
        .conditions
        .unwrap()
        .into_iter()
        .find(|x| x.type_ == type_)
        .unwrap()
        .status
}

#[test]
fn demo_timeline_faults_then_recovery() {
    let mut s = Scenario::builtin("demo").unwrap();
    s.start_time = Some("2026-03-01T12:00:00Z".into());
    let c = SimCluster::from_scenario(&s).unwrap();
    c.tick(Duration::from_secs(150));
    assert!(
        waiting_reasons(&c, "shop", "checkout")
            .iter()
            .any(|r| r == "CrashLoopBackOff")
    );
    c.tick(Duration::from_secs(150)); // 5 min
    let oom = app_pods(&c, "payments", "worker").iter().any(|p| {
        first_status(p)
            .last_state
            .and_then(|l| l.terminated)
            .and_then(|t| t.reason)
            .as_deref()
            == Some("OOMKilled")
    });
    assert!(oom, "payments/worker OOMKilled by 5 min");
    assert_eq!(c.telemetry().services["shop/cart"].latency_factor, 6.0);
    c.tick(Duration::from_secs(180)); // 8 min
    assert_eq!(node_condition(&c, "node-3", "MemoryPressure"), "True");
    c.tick(Duration::from_secs(120)); // 10 min
    assert!(
        waiting_reasons(&c, "identity", "api")
            .iter()
            .any(|r| r == "ImagePullBackOff" || r == "ErrImagePull")
    );
    c.tick(Duration::from_secs(300)); // 15 min
    assert_eq!(node_condition(&c, "node-5", "Ready"), "Unknown");
    c.tick(Duration::from_secs(600)); // 25 min: every fault is over
    assert_eq!(node_condition(&c, "node-5", "Ready"), "True");
    assert_eq!(node_condition(&c, "node-3", "MemoryPressure"), "False");
    for d in c.list::<Deployment>(None) {
        let want = d.spec.as_ref().unwrap().replicas;
        assert_eq!(
            d.status.unwrap().ready_replicas,
            want,
            "{:?} not recovered",
            d.metadata.name
        );
    }
    let t = c.telemetry();
    assert!(
        t.services
            .values()
            .all(|s| s.latency_factor < 2.0 && s.error_rate == 0.0)
    );
    let warnings: Vec<String> = c
        .list::<Event>(None)
        .into_iter()
        .filter(|e| e.type_.as_deref() == Some("Warning"))
        .filter_map(|e| e.reason)
        .collect();
    for r in ["BackOff", "Failed", "OOMKilling"] {
        assert!(
            warnings.iter().any(|w| w == r),
            "no {r} event in {warnings:?}"
        );
    }
}

#[test]
fn faults_must_name_generated_objects() {
    let err = SimCluster::from_scenario(&small(vec![fault(5, FaultKind::CrashLoop, "shop/nope")]))
        .unwrap_err();
    assert!(err.to_string().contains("shop/nope"), "{err}");
    let err = SimCluster::from_scenario(&small(vec![fault(5, FaultKind::NodeNotReady, "node-99")]))
        .unwrap_err();
    assert!(err.to_string().contains("node-99"), "{err}");
    // A statefulset can crash too.
    assert!(
        SimCluster::from_scenario(&small(vec![fault(5, FaultKind::CrashLoop, "shop/db")])).is_ok()
    );
}
