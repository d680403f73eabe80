//! The real agent against atl-sim's Kubernetes API over HTTP on loopback: the snapshot built from
//! watches matches the simulator's objects, a forbidden kind is reported while the rest carries
//! on, `--namespaces` restricts collection, and commands change the simulated cluster.
#![allow(clippy::unwrap_used)]

use atl_agent::agent::kube_client;
use atl_agent::commands::Executor;
use atl_agent::{Agent, AgentConfig, AgentHandle, KubeSource};
use atl_core::command::{Action, CommandOutput, RolloutKind, ScaleKind};
use atl_core::snapshot::CollectionStatus;
use atl_core::{ClusterSnapshot, ResourceKind};
use atl_sim::{Scenario, SimCluster, SimServer, SimServerHandle, kubeconfig};
use k8s_openapi::api::{apps::v1 as apps, core::v1 as core};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

struct Sim {
    cluster: SimCluster,
    url: String,
    kubeconfig: PathBuf,
    _dir: tempfile::TempDir,
    server: Option<SimServerHandle>,
}

impl Drop for Sim {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            s.stop();
        }
    }
}

async fn sim() -> Sim {
    let mut s = Scenario::builtin("steady").unwrap();
    s.start_time = Some("2026-03-01T12:00:00Z".into());
    let cluster = SimCluster::from_scenario(&s).unwrap();
    let (addr, server) = SimServer::start(cluster.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    let url = format!("http://{addr}");
    kubeconfig::write(&kc, &url).unwrap();
    Sim {
        cluster,
        url,
        kubeconfig: kc,
        _dir: dir,
        server: Some(server),
    }
}

fn kube_src(kc: &std::path::Path) -> KubeSource {
    KubeSource::Config {
        kubeconfig: Some(kc.to_path_buf()),
        context: None,
    }
}

/// An agent whose master is unreachable: these tests look at what it collects and executes.
async fn agent(src: KubeSource, namespaces: Vec<String>) -> AgentHandle {
    let mut cfg = AgentConfig::new("sim-test", "http://127.0.0.1:9", "token", src);
    cfg.namespaces = namespaces;
    cfg.commands = false;
    cfg.watch_timeout_secs = Some(5);
    let a = Agent::start(cfg).await.unwrap();
    assert!(
        a.wait_settled(Duration::from_secs(20)).await,
        "initial lists did not finish"
    );
    a
}

fn names<T>(v: &[T], f: impl Fn(&T) -> String) -> BTreeSet<String> {
    v.iter().map(f).collect()
}

fn key(m: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> String {
    format!(
        "{}/{}",
        m.namespace.as_deref().unwrap_or(""),
        m.name.as_deref().unwrap_or("")
    )
}

fn skey(m: &atl_core::k8s::Meta) -> String {
    format!("{}/{}", m.namespace_str(), m.name)
}

async fn eventually(what: &str, mut f: impl AsyncFnMut() -> bool) {
    for _ in 0..150 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn snapshot_from_watches_matches_the_simulator() {
    let sim = sim().await;
    let a = agent(kube_src(&sim.kubeconfig), vec![]).await;
    // metrics.k8s.io is polled right after start; give it a moment.
    eventually("pod usage", async || {
        a.snapshot()
            .await
            .resources
            .pods
            .iter()
            .any(|p| p.usage.is_some())
    })
    .await;
    let snap: ClusterSnapshot = a.snapshot().await;
    snap.validate().unwrap();
    for (kind, status) in &snap.collection {
        assert_eq!(status, &CollectionStatus::Ok, "{kind}");
    }
    let c = &sim.cluster;
    let r = &snap.resources;
    assert!(!r.pods.is_empty() && !r.nodes.is_empty());
    assert_eq!(
        names(&r.pods, |p| skey(&p.meta)),
        names(&c.list::<core::Pod>(None), |p| key(&p.metadata))
    );
    assert_eq!(
        names(&r.nodes, |p| skey(&p.meta)),
        names(&c.list::<core::Node>(None), |p| key(&p.metadata))
    );
    assert_eq!(
        names(&r.deployments, |p| skey(&p.meta)),
        names(&c.list::<apps::Deployment>(None), |p| key(&p.metadata))
    );
    assert_eq!(
        names(&r.services, |p| skey(&p.meta)),
        names(&c.list::<core::Service>(None), |p| key(&p.metadata))
    );
    assert_eq!(
        names(&r.namespaces, |p| skey(&p.meta)),
        names(&c.list::<core::Namespace>(None), |p| key(&p.metadata))
    );
    assert_eq!(r.secrets.len(), c.list::<core::Secret>(None).len());
    assert_eq!(r.events.len(), c.list::<core::Event>(None).len());
    // Derived fields: node pod counts, service backends, deployment replicas.
    for n in &r.nodes {
        let on_node = r
            .pods
            .iter()
            .filter(|p| p.node.as_deref() == Some(n.meta.name.as_str()))
            .count();
        assert_eq!(n.pod_count as usize, on_node);
    }
    assert!(
        r.nodes.iter().any(|n| n.usage.is_some()),
        "node usage merged"
    );
    assert!(
        r.services.iter().any(|s| s.ready_backends() > 0),
        "EndpointSlices reduced to backends"
    );
    for d in &r.deployments {
        let sim_d = c
            .get::<apps::Deployment>(d.meta.namespace_str(), &d.meta.name)
            .unwrap();
        assert_eq!(Some(d.replicas as i32), sim_d.spec.unwrap().replicas);
    }
    let json = serde_json::to_string(&snap).unwrap();
    assert!(!json.contains("managedFields"));
    assert!(snap.agent.capabilities.contains(&"metrics".to_string()));
}

#[tokio::test]
async fn namespaces_flag_restricts_collection() {
    let sim = sim().await;
    let ns: Vec<String> = sim
        .cluster
        .list::<core::Pod>(None)
        .iter()
        .filter_map(|p| p.metadata.namespace.clone())
        .take(1)
        .collect();
    let a = agent(kube_src(&sim.kubeconfig), ns.clone()).await;
    let snap = a.snapshot().await;
    assert!(!snap.resources.pods.is_empty());
    assert!(
        snap.resources
            .pods
            .iter()
            .all(|p| p.meta.namespace.as_deref() == Some(ns[0].as_str()))
    );
    assert_eq!(snap.agent.namespaces, ns);
    assert_eq!(
        snap.resources.pods.len(),
        sim.cluster.list::<core::Pod>(Some(&ns[0])).len()
    );
}

/// A reverse proxy in front of the simulator that answers 403 for one resource path, as an API
/// server does when RBAC denies it.
async fn forbidding_proxy(upstream: String, forbidden: &'static str) -> String {
    use axum::body::Body;
    use axum::extract::Request;
    use axum::response::Response;
    atl_agent::master::install_crypto_provider();
    let http = reqwest::Client::new();
    let handler = move |req: Request| {
        let (http, upstream) = (http.clone(), upstream.clone());
        async move {
            let path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            if req.uri().path().contains(forbidden) {
                let body = serde_json::json!({"kind": "Status", "apiVersion": "v1", "status": "Failure",
                    "message": format!("{forbidden} is forbidden: User \"agent\" cannot list resource"),
                    "reason": "Forbidden", "code": 403});
                return Response::builder()
                    .status(403)
                    .header("content-type", "application/json")
                    .body(Body::from(body.to_string()))
                    .unwrap();
            }
            let method = reqwest::Method::from_bytes(req.method().as_str().as_bytes()).unwrap();
            let mut fwd = http.request(method, format!("{upstream}{path}"));
            for (k, v) in req.headers() {
                if k != "host" {
                    fwd = fwd.header(k.as_str(), v.as_bytes());
                }
            }
            let body = axum::body::to_bytes(req.into_body(), usize::MAX)
                .await
                .unwrap();
            let resp = fwd.body(body).send().await.unwrap();
            let mut out = Response::builder().status(resp.status().as_u16());
            for (k, v) in resp.headers() {
                out = out.header(k.as_str(), v.as_bytes());
            }
            out.body(Body::from_stream(resp.bytes_stream())).unwrap()
        }
    };
    let app = axum::Router::new().fallback(handler);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn forbidden_kind_is_reported_and_the_rest_continues() {
    let sim = sim().await;
    let proxy = forbidding_proxy(sim.url.clone(), "/cronjobs").await;
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    kubeconfig::write(&kc, &proxy).unwrap();
    let a = agent(kube_src(&kc), vec![]).await;
    let snap = a.snapshot().await;
    match &snap.collection[&ResourceKind::CronJob] {
        CollectionStatus::Forbidden { message } => {
            assert!(message.contains("forbidden"), "{message}")
        }
        other => panic!("expected forbidden, got {other:?}"),
    }
    assert!(snap.resources.cron_jobs.is_empty());
    assert_eq!(snap.collection[&ResourceKind::Pod], CollectionStatus::Ok);
    assert_eq!(
        snap.resources.pods.len(),
        sim.cluster.list::<core::Pod>(None).len()
    );
    assert_eq!(snap.collection[&ResourceKind::Job], CollectionStatus::Ok);
}

async fn run(exec: &Executor, action: Action) -> CommandOutput {
    exec.execute(&action)
        .await
        .unwrap_or_else(|e| panic!("{}: {e}", action.name()))
}

#[tokio::test]
async fn commands_change_the_simulated_cluster() {
    let sim = sim().await;
    let client = kube_client(&kube_src(&sim.kubeconfig)).await.unwrap();
    let exec = Executor::new(client.clone(), false);
    let a = agent(KubeSource::Client(client), vec![]).await;
    let c = &sim.cluster;

    // scale: the deployment's spec changes in the cluster and the watch sees it.
    let dep = c.list::<apps::Deployment>(None).into_iter().next().unwrap();
    let (ns, name) = (
        dep.metadata.namespace.clone().unwrap(),
        dep.metadata.name.clone().unwrap(),
    );
    run(
        &exec,
        Action::Scale {
            kind: ScaleKind::Deployment,
            namespace: ns.clone(),
            name: name.clone(),
            replicas: 5,
        },
    )
    .await;
    assert_eq!(
        c.get::<apps::Deployment>(&ns, &name)
            .unwrap()
            .spec
            .unwrap()
            .replicas,
        Some(5)
    );
    eventually("watch sees the new replica count", async || {
        a.snapshot()
            .await
            .resources
            .deployments
            .iter()
            .any(|d| d.meta.name == name && d.replicas == 5)
    })
    .await;

    // rollout restart: the template annotation is set.
    run(
        &exec,
        Action::RolloutRestart {
            kind: RolloutKind::Deployment,
            namespace: ns.clone(),
            name: name.clone(),
        },
    )
    .await;
    let tmpl = c
        .get::<apps::Deployment>(&ns, &name)
        .unwrap()
        .spec
        .unwrap()
        .template
        .metadata
        .unwrap();
    assert!(
        tmpl.annotations
            .unwrap()
            .contains_key(atl_core::k8s::RESTARTED_AT_ANNOTATION)
    );

    // restart pod: the pod is deleted (its controller recreates another).
    let pod = c
        .list::<core::Pod>(Some(&ns))
        .into_iter()
        .find(|p| {
            p.metadata.owner_references.is_some()
                && p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running")
        })
        .unwrap();
    let pod_name = pod.metadata.name.clone().unwrap();
    let logs = run(
        &exec,
        Action::Logs {
            namespace: ns.clone(),
            pod: pod_name.clone(),
            container: None,
            tail_lines: Some(5),
            since_secs: None,
            previous: false,
        },
    )
    .await;
    assert!(matches!(logs, CommandOutput::Text(_)));
    run(
        &exec,
        Action::RestartPod {
            namespace: ns.clone(),
            name: pod_name.clone(),
        },
    )
    .await;
    eventually("old pod terminating or gone", async || {
        c.get::<core::Pod>(&ns, &pod_name).is_none_or(|p| {
            p.metadata.uid != pod.metadata.uid || p.metadata.deletion_timestamp.is_some()
        })
    })
    .await;

    // get / list / describe / events / top / rollout status through the API.
    let CommandOutput::Json(got) = run(
        &exec,
        Action::Get {
            kind: ResourceKind::Deployment,
            namespace: Some(ns.clone()),
            name: name.clone(),
        },
    )
    .await
    else {
        panic!()
    };
    assert_eq!(got["metadata"]["name"], name.as_str());
    assert!(got["metadata"].get("managedFields").is_none());
    let CommandOutput::Json(list) = run(
        &exec,
        Action::List {
            kind: ResourceKind::Pod,
            namespace: Some(ns.clone()),
            label_selector: None,
            field_selector: None,
        },
    )
    .await
    else {
        panic!()
    };
    assert!(!list["items"].as_array().unwrap().is_empty());
    let CommandOutput::Text(desc) = run(
        &exec,
        Action::Describe {
            kind: ResourceKind::Deployment,
            namespace: Some(ns.clone()),
            name: name.clone(),
        },
    )
    .await
    else {
        panic!()
    };
    assert!(desc.contains(&name) && desc.contains("Events:"));
    run(
        &exec,
        Action::Events {
            kind: None,
            namespace: Some(ns.clone()),
            name: None,
        },
    )
    .await;
    let CommandOutput::Json(top) = run(
        &exec,
        Action::Top {
            pods: false,
            namespace: None,
        },
    )
    .await
    else {
        panic!()
    };
    assert!(!top.as_array().unwrap().is_empty());
    run(
        &exec,
        Action::RolloutStatus {
            kind: RolloutKind::Deployment,
            namespace: ns.clone(),
            name: name.clone(),
        },
    )
    .await;
    let secret = exec
        .execute(&Action::Get {
            kind: ResourceKind::Secret,
            namespace: Some(ns.clone()),
            name: "x".into(),
        })
        .await;
    assert!(secret.is_err(), "Secrets are refused");

    // cordon / uncordon / drain a node; the simulated kubelet runs so evicted pods terminate.
    let clock = c.spawn_clock(30.0);
    let node = c
        .list::<core::Node>(None)
        .into_iter()
        .next()
        .unwrap()
        .metadata
        .name
        .unwrap();
    run(&exec, Action::Cordon { node: node.clone() }).await;
    assert_eq!(
        c.get::<core::Node>("", &node)
            .unwrap()
            .spec
            .unwrap()
            .unschedulable,
        Some(true)
    );
    run(&exec, Action::Uncordon { node: node.clone() }).await;
    assert_ne!(
        c.get::<core::Node>("", &node)
            .unwrap()
            .spec
            .unwrap()
            .unschedulable,
        Some(true)
    );
    clock.abort();
}

fn pods_on(c: &SimCluster, node: &str) -> Vec<core::Pod> {
    c.list::<core::Pod>(None)
        .into_iter()
        .filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(node))
        .filter(|p| {
            !p.metadata
                .owner_references
                .iter()
                .flatten()
                .any(|o| o.kind == "DaemonSet")
        })
        .collect()
}

#[tokio::test]
async fn drain_respects_disruption_budgets_then_empties_the_node() {
    use atl_agent::commands::execute;
    use atl_core::command::{Command, Outcome};
    use k8s_openapi::api::policy::v1::PodDisruptionBudget;
    let sim = sim().await;
    let c = &sim.cluster;
    let client = kube_client(&kube_src(&sim.kubeconfig)).await.unwrap();
    let exec = Executor::new(client.clone(), false);
    let clock = c.spawn_clock(30.0);
    let pdbs = c.list::<PodDisruptionBudget>(None);
    // A node that hosts a pod a disruption budget protects (a single-replica database).
    let protected = c
        .list::<core::Pod>(None)
        .into_iter()
        .find(|p| {
            p.metadata
                .name
                .as_deref()
                .is_some_and(|n| n.ends_with("db-0"))
        })
        .unwrap();
    let node = protected.spec.unwrap().node_name.unwrap();
    assert!(!pdbs.is_empty());
    let drain = Action::Drain {
        node: node.clone(),
        ignore_daemonsets: true,
        delete_emptydir_data: true,
        grace_period_secs: Some(0),
    };
    let cmd = Command {
        id: "d1".into(),
        cluster_id: "sim-test".into(),
        action: drain.clone(),
        requested_by: "test".into(),
        created_at: chrono::Utc::now(),
        deadline_secs: 3,
    };
    let r = execute(&exec, &cmd).await;
    assert_eq!(r.outcome, Outcome::TimedOut, "{r:?}");
    assert!(
        pods_on(c, &node)
            .iter()
            .any(|p| p.metadata.name == protected.metadata.name),
        "the budget kept the protected pod"
    );
    // Without budgets the same drain empties the node.
    let pdb_api: kube::Api<PodDisruptionBudget> = kube::Api::all(client.clone());
    for p in pdb_api.list(&Default::default()).await.unwrap() {
        let ns = p.metadata.namespace.unwrap();
        kube::Api::<PodDisruptionBudget>::namespaced(client.clone(), &ns)
            .delete(&p.metadata.name.unwrap(), &Default::default())
            .await
            .unwrap();
    }
    let out = tokio::time::timeout(Duration::from_secs(30), exec.execute(&drain))
        .await
        .unwrap()
        .unwrap();
    let CommandOutput::Json(out) = out else {
        panic!()
    };
    assert!(!out["evicted"].as_array().unwrap().is_empty());
    assert_eq!(
        c.get::<core::Node>("", &node)
            .unwrap()
            .spec
            .unwrap()
            .unschedulable,
        Some(true)
    );
    let left: Vec<_> = pods_on(c, &node)
        .into_iter()
        .map(|p| p.metadata.name)
        .collect();
    assert!(left.is_empty(), "pods left on the drained node: {left:?}");
    clock.abort();
}
