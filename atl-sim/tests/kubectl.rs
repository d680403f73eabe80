//! The real kubectl against the simulator over HTTP on loopback.
#![allow(clippy::unwrap_used)]

mod support;

use std::time::Duration;

use atl_sim::controllers::pods;
use atl_sim::{FaultKind, FaultSpec};
use k8s_openapi::api::apps::v1::ReplicaSet;
use k8s_openapi::api::core::v1::{Node, Pod};
use support::{Sim, eventually, scenario};

fn app_pods(sim: &Sim, ns: &str, app: &str) -> Vec<Pod> {
    sim.cluster
        .list::<Pod>(Some(ns))
        .into_iter()
        .filter(|p| {
            p.metadata
                .labels
                .as_ref()
                .unwrap()
                .get("app")
                .map(String::as_str)
                == Some(app)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_tables_json_events_logs_and_top() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let out = sim.ok(&["get", "pods", "-A"]);
    let header: Vec<&str> = out.lines().next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"]
    );
    assert_eq!(out.lines().count() - 1, sim.cluster.list::<Pod>(None).len());
    assert!(out.contains("Running") && out.contains("1/1") && out.contains("Completed"));

    let wide = sim.ok(&["get", "pods", "-n", "shop", "-o", "wide"]);
    assert!(wide.lines().next().unwrap().contains("NODE"));
    assert!(wide.contains("node-"));

    let json: serde_json::Value =
        serde_json::from_str(&sim.ok(&["get", "deploy", "-n", "shop", "-o", "json"])).unwrap();
    let mut names: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["metadata"]["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["api", "cart", "checkout", "frontend"]);
    assert!(
        json["items"][0]["status"]["readyReplicas"]
            .as_i64()
            .unwrap()
            >= 1
    );

    let nodes = sim.ok(&["get", "nodes"]);
    assert!(
        nodes.lines().next().unwrap().starts_with("NAME")
            && nodes.contains("Ready")
            && nodes.contains("v1.35.0")
    );

    let pod = app_pods(&sim, "shop", "frontend")[0]
        .metadata
        .name
        .clone()
        .unwrap();
    let logs = sim.ok(&["logs", "-n", "shop", &pod, "--tail=5"]);
    assert_eq!(logs.lines().count(), 5, "{logs}");
    let (ok, _, err) = sim.kubectl(&["logs", "-n", "shop", &pod, "-p"]);
    assert!(
        !ok && err.contains("previous terminated container"),
        "{err}"
    );

    // Events of the warm-up have expired (1 h TTL); a new pod gets fresh ones.
    sim.ok(&["scale", "deploy/cart", "-n", "shop", "--replicas=4"]);
    sim.cluster.tick(Duration::from_secs(10));
    let fresh = app_pods(&sim, "shop", "cart")
        .into_iter()
        .max_by_key(|p| p.metadata.creation_timestamp.clone().unwrap().0)
        .unwrap()
        .metadata
        .name
        .unwrap();
    let events = sim.ok(&[
        "get",
        "events",
        "-n",
        "shop",
        "--field-selector",
        &format!("involvedObject.name={fresh}"),
    ]);
    for reason in ["Scheduled", "Pulled", "Created", "Started"] {
        assert!(events.contains(reason), "{reason} missing: {events}");
    }
    assert!(
        events.lines().skip(1).all(|l| l.contains(&fresh)),
        "{events}"
    );

    assert_eq!(sim.ok(&["auth", "can-i", "delete", "pods"]).trim(), "yes");
    let (ok, _, err) = sim.kubectl(&["get", "pod", "no-such-pod", "-n", "shop"]);
    assert!(
        !ok && err.contains("NotFound") && err.contains("no-such-pod"),
        "{err}"
    );

    let top = sim.ok(&["top", "node"]);
    assert!(
        top.contains("CPU(cores)") && top.contains("node-1"),
        "{top}"
    );
    let top = sim.ok(&["top", "pod", "-n", "shop"]);
    assert!(top.contains(&pod), "{top}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scale_restart_and_delete() {
    let sim = Sim::start(scenario(|_| {}), 100.0).await;
    sim.ok(&["scale", "deploy/frontend", "-n", "shop", "--replicas=5"]);
    let active = |sim: &Sim| {
        app_pods(sim, "shop", "frontend")
            .into_iter()
            .filter(pods::is_active)
            .count()
    };
    assert_eq!(active(&sim), 5);
    eventually(Duration::from_secs(10), "5 ready frontend pods", || {
        app_pods(&sim, "shop", "frontend")
            .iter()
            .filter(|p| pods::is_ready(p))
            .count()
            == 5
    })
    .await;
    let listed = sim.ok(&[
        "get",
        "pods",
        "-n",
        "shop",
        "-l",
        "app=frontend",
        "--no-headers",
    ]);
    assert_eq!(
        listed.lines().filter(|l| l.contains("Running")).count(),
        5,
        "{listed}"
    );

    let created = sim.ok(&[
        "get",
        "events",
        "-n",
        "shop",
        "--field-selector",
        "reason=SuccessfulCreate",
    ]);
    assert!(
        created.contains("replicaset/frontend-") && created.contains("Created pod: frontend-"),
        "{created}"
    );
    let scaled = sim.ok(&[
        "get",
        "events",
        "-n",
        "shop",
        "--field-selector",
        "involvedObject.kind=Deployment,reason=ScalingReplicaSet",
    ]);
    assert!(
        scaled.contains("Scaled up replica set frontend-"),
        "{scaled}"
    );

    let old: Vec<String> = app_pods(&sim, "shop", "api")
        .iter()
        .map(|p| p.metadata.name.clone().unwrap())
        .collect();
    sim.ok(&["rollout", "restart", "deploy/api", "-n", "shop"]);
    let rs_count = || {
        sim.cluster
            .list::<ReplicaSet>(Some("shop"))
            .iter()
            .filter(|r| r.metadata.name.as_deref().unwrap().starts_with("api-"))
            .count()
    };
    assert_eq!(rs_count(), 2);
    eventually(Duration::from_secs(15), "old api pods replaced", || {
        let now: Vec<Pod> = app_pods(&sim, "shop", "api");
        now.len() == old.len()
            && now
                .iter()
                .all(|p| !old.contains(p.metadata.name.as_ref().unwrap()) && pods::is_ready(p))
    })
    .await;
    sim.ok(&[
        "rollout",
        "status",
        "deploy/api",
        "-n",
        "shop",
        "--timeout=10s",
    ]);

    // JSON patch and a cascading delete of a whole deployment.
    sim.ok(&[
        "patch",
        "deploy/checkout",
        "-n",
        "shop",
        "--type=json",
        "-p",
        r#"[{"op":"add","path":"/metadata/labels/team","value":"pay"}]"#,
    ]);
    assert!(
        sim.ok(&[
            "get", "deploy", "-n", "shop", "-l", "team=pay", "-o", "name"
        ])
        .contains("checkout")
    );
    sim.ok(&["delete", "deploy/checkout", "-n", "shop"]);
    eventually(
        Duration::from_secs(10),
        "checkout replicasets and pods garbage-collected",
        || {
            app_pods(&sim, "shop", "checkout").is_empty()
                && !sim
                    .cluster
                    .list::<ReplicaSet>(Some("shop"))
                    .iter()
                    .any(|r| r.metadata.name.as_deref().unwrap().starts_with("checkout-"))
        },
    )
    .await;

    let victim = app_pods(&sim, "shop", "cart")[0]
        .metadata
        .name
        .clone()
        .unwrap();
    let before = app_pods(&sim, "shop", "cart").len();
    sim.ok(&["delete", "pod", &victim, "-n", "shop"]);
    assert!(sim.cluster.get::<Pod>("shop", &victim).is_none());
    eventually(
        Duration::from_secs(10),
        "replacement cart pod ready",
        || {
            let now = app_pods(&sim, "shop", "cart");
            now.len() == before && now.iter().all(pods::is_ready)
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cordon_uncordon_and_drain() {
    let sim = Sim::start(scenario(|s| s.statefulsets_per_namespace = 0), 200.0).await;
    sim.ok(&["cordon", "node-1"]);
    let unschedulable = |sim: &Sim| {
        sim.cluster
            .get::<Node>("", "node-1")
            .unwrap()
            .spec
            .unwrap()
            .unschedulable
            == Some(true)
    };
    assert!(unschedulable(&sim));
    assert!(
        sim.ok(&["get", "node", "node-1"])
            .contains("Ready,SchedulingDisabled")
    );
    sim.ok(&["uncordon", "node-1"]);
    assert!(!unschedulable(&sim));

    let out = sim.ok(&["drain", "node-2", "--ignore-daemonsets", "--timeout=30s"]);
    assert!(out.contains("drained"), "{out}");
    let left: Vec<Pod> = sim
        .cluster
        .list::<Pod>(None)
        .into_iter()
        .filter(|p| {
            p.spec.as_ref().unwrap().node_name.as_deref() == Some("node-2") && pods::is_active(p)
        })
        .collect();
    assert!(
        left.iter()
            .all(|p| p.metadata.owner_references.as_ref().unwrap()[0].kind == "DaemonSet"),
        "non-daemonset pods left on node-2"
    );
    assert!(unschedulable_node(&sim, "node-2"));
}

fn unschedulable_node(sim: &Sim, n: &str) -> bool {
    sim.cluster
        .get::<Node>("", n)
        .unwrap()
        .spec
        .unwrap()
        .unschedulable
        == Some(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drain_respects_disruption_budget_and_previous_logs() {
    let crash = FaultSpec {
        at: 0,
        duration: None,
        fault: FaultKind::CrashLoop,
        target: "shop/checkout".into(),
        value: None,
    };
    let sim = Sim::start(scenario(|s| s.faults = vec![crash]), 0.0).await;
    sim.cluster.tick(Duration::from_secs(120));
    // db-0 is protected by a PDB with minAvailable 1.
    let db = sim.cluster.get::<Pod>("shop", "db-0").unwrap();
    let node = db.spec.unwrap().node_name.unwrap();
    let (ok, out, err) = sim.kubectl(&["drain", &node, "--ignore-daemonsets", "--timeout=2s"]);
    assert!(!ok, "drain should fail: {out}");
    assert!(err.contains("disruption budget"), "{err}");
    assert!(
        sim.cluster
            .get::<Pod>("shop", "db-0")
            .is_some_and(|p| p.metadata.deletion_timestamp.is_none())
    );

    let crashing = app_pods(&sim, "shop", "checkout")[0]
        .metadata
        .name
        .clone()
        .unwrap();
    let get = sim.ok(&["get", "pod", &crashing, "-n", "shop"]);
    assert!(
        get.contains("CrashLoopBackOff") || get.contains("Error"),
        "{get}"
    );
    let prev = sim.ok(&["logs", "-p", &crashing, "-n", "shop"]);
    assert!(prev.contains("level=fatal"), "{prev}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_watch_prints_changes() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let mut child = std::process::Command::new("kubectl")
        .env("HOME", sim.dir.path())
        .env_remove("KUBECONFIG")
        .arg("--kubeconfig")
        .arg(&sim.kubeconfig)
        .arg("--cache-dir")
        .arg(sim.dir.path().join("cache"))
        .args(["get", "pods", "-n", "shop", "-w", "--output-watch-events"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let victim = app_pods(&sim, "shop", "frontend")[0]
        .metadata
        .name
        .clone()
        .unwrap();
    // Wait until kubectl has printed the initial list, then delete a pod.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    sim.cluster
        .write(|s| pods::delete(s, "shop", &victim, Some(0)).unwrap());
    tokio::time::sleep(Duration::from_millis(1000)).await;
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("DELETED") && l.contains(&victim)),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("ADDED") && l.contains("Running")),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_follow_streams_new_lines() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let pod = app_pods(&sim, "shop", "frontend")[0]
        .metadata
        .name
        .clone()
        .unwrap();
    let child = std::process::Command::new("kubectl")
        .env("HOME", sim.dir.path())
        .env_remove("KUBECONFIG")
        .arg("--kubeconfig")
        .arg(&sim.kubeconfig)
        .arg("--cache-dir")
        .arg(sim.dir.path().join("cache"))
        .args(["logs", "-f", "--timestamps", "--tail=2", "-n", "shop", &pod])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1200)).await;
    // 60 simulated seconds = 12 more lines; then the pod goes away and the stream ends.
    sim.cluster.tick(Duration::from_secs(60));
    tokio::time::sleep(Duration::from_millis(1200)).await;
    sim.cluster
        .write(|s| pods::delete(s, "shop", &pod, Some(0)).unwrap());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.lines().count(), 14, "{text}");
    let stamps: Vec<&str> = text.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert!(
        stamps.windows(2).all(|w| w[0] < w[1]),
        "each line once, in order: {text}"
    );
}
