//! End to end on loopback: atl-sim (Kubernetes API) → the real agent → the real master
//! (`Master::start`) → the master's user API. Snapshots pushed by the agent show up as resources,
//! and a command created through the user API runs in the simulated cluster and reports back.
#![allow(clippy::unwrap_used)]

use atl_agent::{Agent, AgentConfig, KubeSource};
use atl_master::{Config, Master};
use atl_sim::{Scenario, SimCluster, SimServer, kubeconfig};
use k8s_openapi::api::apps::v1 as apps;
use serde_json::{Value, json};
use std::time::Duration;

struct Api {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Api {
    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

async fn eventually<T>(what: &str, mut f: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(v) = f().await {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_pushes_to_master_and_runs_its_commands() {
    atl_agent::master::install_crypto_provider();
    // Simulated cluster.
    let mut scenario = Scenario::builtin("steady").unwrap();
    scenario.start_time = Some("2026-03-01T12:00:00Z".into());
    let cluster = SimCluster::from_scenario(&scenario).unwrap();
    let (sim_addr, sim_server) = SimServer::start(cluster.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("kubeconfig");
    kubeconfig::write(&kc, &format!("http://{sim_addr}")).unwrap();

    // Master with a registered cluster.
    let master = Master::start(Config::for_test(&dir.path().join("master")))
        .await
        .unwrap();
    let api = Api {
        http: reqwest::Client::new(),
        base: format!("http://{}", master.gateway_addr),
        token: master.dev_credentials.as_ref().unwrap().admin_token.clone(),
    };
    let (code, created) = api
        .call(
            reqwest::Method::POST,
            "/api/v1/clusters",
            Some(json!({"id": "e2e"})),
        )
        .await;
    assert_eq!(code, 201, "{created}");
    let agent_token = created["agent_token"].as_str().unwrap().to_string();

    // Agent.
    let mut cfg = AgentConfig::new(
        "e2e",
        &format!("http://{}", master.agent_addr),
        &agent_token,
        KubeSource::Config {
            kubeconfig: Some(kc.clone()),
            context: None,
        },
    );
    cfg.interval = Duration::from_millis(500);
    cfg.poll_wait = Duration::from_secs(2);
    let agent = Agent::start(cfg).await.unwrap();

    // The snapshot reaches the master's user API.
    let sim_deps = cluster.list::<apps::Deployment>(None);
    let items = eventually("deployments in the user API", async || {
        let (code, v) = api
            .call(
                reqwest::Method::GET,
                "/api/v1/resources/deployments?cluster=e2e",
                None,
            )
            .await;
        let items = v["items"].as_array().cloned().unwrap_or_default();
        (code == 200 && items.len() == sim_deps.len()).then_some(items)
    })
    .await;
    assert!(items.iter().all(|i| i["cluster"] == "e2e"));
    let (_, clusters) = api
        .call(reqwest::Method::GET, "/api/v1/clusters", None)
        .await;
    let me = clusters["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "e2e")
        .unwrap()
        .clone();
    assert_eq!(me["status"], "online", "{me}");

    // A scale command through the user API changes the simulated cluster.
    let d = &sim_deps[0];
    let (ns, name) = (
        d.metadata.namespace.clone().unwrap(),
        d.metadata.name.clone().unwrap(),
    );
    let (code, cmd) = api
        .call(
            reqwest::Method::POST,
            "/api/v1/commands",
            Some(json!({"cluster_id": "e2e", "action": {"action": "scale", "kind": "deployment", "namespace": ns, "name": name, "replicas": 4}})),
        )
        .await;
    assert_eq!(code, 201, "{cmd}");
    let id = cmd["id"].as_str().unwrap().to_string();
    let record = eventually("command result", async || {
        let (_, v) = api
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/commands/{id}"),
                None,
            )
            .await;
        (v["state"] == "succeeded" || v["state"] == "failed").then_some(v)
    })
    .await;
    assert_eq!(record["state"], "succeeded", "{record}");
    assert_eq!(
        cluster
            .get::<apps::Deployment>(&ns, &name)
            .unwrap()
            .spec
            .unwrap()
            .replicas,
        Some(4)
    );
    // And the next snapshot shows it.
    eventually("scaled deployment in the user API", async || {
        let (_, v) = api
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/resources/deployments/{name}?cluster=e2e&namespace={ns}"),
                None,
            )
            .await;
        (v["object"]["replicas"] == 4).then_some(())
    })
    .await;

    agent.shutdown();
    master.shutdown().await;
    sim_server.stop();
}
