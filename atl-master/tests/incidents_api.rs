//! The AIOps engine inside a real master: snapshots pushed through the agent API become stored
//! incidents, readable by a viewer, streamed on the watch stream and kept across a restart.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use atl_core::ClusterSnapshot;
use atl_core::synth::{SynthSpec, generate};
use common::{TestMaster, next_event};
use reqwest::{Method, StatusCode};
use serde_json::Value;

const ROOT: &str = "prod/_/node/node-0000";

/// `steps` snapshots 30 s apart; node-0000 under memory pressure for the steps in `pressure`.
fn series(cluster: &str, steps: i64, pressure: std::ops::Range<i64>) -> Vec<ClusterSnapshot> {
    let base = generate(&SynthSpec::with_pods(cluster, 20, 3));
    (0..steps)
        .map(|i| {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i * 30);
            s.resources.nodes[0].pressure.memory = pressure.contains(&i);
            s
        })
        .collect()
}

async fn push_all(m: &TestMaster, token: &str, snaps: &[ClusterSnapshot]) {
    for s in snaps {
        let resp = m
            .agent_call(Method::POST, "/agent/v1/snapshot", Some(token))
            .await
            .json(s)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
    }
}

async fn get(m: &TestMaster, token: &str, path: &str) -> Value {
    m.get(path, token, StatusCode::OK).await
}

/// Wait until the engine has processed the snapshot taken at `at` for `cluster`.
async fn wait_processed(m: &TestMaster, token: &str, cluster: &str, at: &ClusterSnapshot) {
    let want = at.taken_at;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let v = get(m, token, &format!("/api/v1/risk?cluster={cluster}")).await;
        if let Some(t) = v["items"][0]["at"].as_str()
            && t.parse::<chrono::DateTime<chrono::Utc>>().unwrap() >= want
        {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "engine did not process {cluster}: {v}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn node_pressure_becomes_a_stored_streamed_incident() {
    let mut m = TestMaster::start().await;
    let prod = m.cluster("prod").await;
    let calm = m.cluster("calm").await;
    let viewer = m.user_with_role("vera", "viewer").await;

    let resp = m
        .client
        .get(format!("{}/api/v1/watch", m.gateway))
        .bearer_auth(&viewer)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let mut sse = resp.bytes_stream();
    let mut buf = String::new();

    // 12 simulated minutes, memory pressure on node-0000 from the second minute on; and a
    // steady cluster alongside.
    let hot = series("prod", 25, 2..25);
    let steady = series("calm", 25, 0..0);
    push_all(&m, &calm, &steady).await;
    push_all(&m, &prod, &hot).await;

    let created = next_event(&mut sse, &mut buf, |n, v| {
        n == "incident_created" && v["incident"]["cluster"] == "prod"
    })
    .await;
    assert_eq!(created["type"], "incident_created");
    assert_eq!(created["incident"]["root_cause"], ROOT);
    let escalated = next_event(&mut sse, &mut buf, |n, v| {
        (n == "incident_state_changed" || n == "incident_escalated")
            && v["incident"]["state"] == "incident"
    })
    .await;
    assert_eq!(escalated["incident"]["id"], created["incident"]["id"]);

    wait_processed(&m, &viewer, "prod", &hot[24]).await;
    wait_processed(&m, &viewer, "calm", &steady[24]).await;

    // Listed for a viewer, with the right root cause; the steady cluster has none.
    let list = get(&m, &viewer, "/api/v1/incidents").await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{list}");
    let inc = &items[0];
    assert_eq!(inc["cluster"], "prod");
    assert_eq!(inc["root_cause"], ROOT);
    assert_eq!(inc["state"], "incident");
    assert!(inc["confirmed_at"].is_string());
    let none = get(&m, &viewer, "/api/v1/incidents?cluster=calm").await;
    assert!(none["items"].as_array().unwrap().is_empty());
    let filtered = get(&m, &viewer, "/api/v1/incidents?state=resolved").await;
    assert!(filtered["items"].as_array().unwrap().is_empty());
    let open = get(&m, &viewer, "/api/v1/incidents?state=open&cluster=prod").await;
    assert_eq!(open["items"].as_array().unwrap().len(), 1);
    let bad = m
        .get(
            "/api/v1/incidents?severity=huge",
            &viewer,
            StatusCode::BAD_REQUEST,
        )
        .await;
    assert!(
        bad["error"]["message"]
            .as_str()
            .unwrap()
            .contains("critical")
    );

    // Detail: entities with roles, candidates with evidence, a timeline.
    let id = inc["id"].as_str().unwrap().to_string();
    let detail = get(&m, &viewer, &format!("/api/v1/incidents/{id}")).await;
    let entities = detail["entities"].as_array().unwrap();
    assert!(
        entities
            .iter()
            .any(|e| e["entity"] == ROOT && e["role"] == "root_cause")
    );
    assert!(entities.iter().filter(|e| e["kind"] == "pod").count() >= 5);
    let top = &detail["candidates"][0];
    assert_eq!(top["entity"], ROOT);
    assert!(
        top["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("MemoryPressure"),
        "{top}"
    );
    let kinds: Vec<&str> = detail["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"anomaly_detected"), "{kinds:?}");
    assert!(kinds.contains(&"root_cause_identified"), "{kinds:?}");
    assert!(kinds.contains(&"state_change"), "{kinds:?}");

    // Stats, risk and topology.
    let stats = get(&m, &viewer, "/api/v1/incidents/stats").await;
    assert_eq!(stats["total"], 1);
    assert_eq!(stats["open"], 1);
    assert_eq!(stats["by_state"]["incident"], 1);
    assert_eq!(stats["top_root_causes"][0]["key"], ROOT);
    assert!(stats["mttd_secs"].as_f64().unwrap() >= 300.0, "{stats}");
    let risk = get(&m, &viewer, "/api/v1/risk?cluster=prod").await;
    assert_eq!(risk["items"][0]["top_entity"], ROOT, "{risk}");
    assert!(risk["items"][0]["risk"].as_f64().unwrap() > 0.0);
    assert_eq!(risk["items"][0]["open_incidents"], 1);
    let calm_risk = get(&m, &viewer, "/api/v1/risk?cluster=calm").await;
    assert!(
        calm_risk["items"][0]["entities"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let topo = get(&m, &viewer, "/api/v1/topology?cluster=prod").await;
    let node = topo["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == ROOT)
        .unwrap();
    assert!(node["risk"].as_f64().unwrap() > 0.0);
    assert!(
        topo["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["to"] == ROOT && e["kind"] == "runs_on")
    );
    m.get(
        "/api/v1/topology?cluster=nope",
        &viewer,
        StatusCode::NOT_FOUND,
    )
    .await;
    m.expect(
        Method::GET,
        "/api/v1/incidents",
        None,
        None,
        StatusCode::UNAUTHORIZED,
    )
    .await;

    // A restart on the same data dir keeps the incident and its detail (an open SSE stream
    // would hold the graceful shutdown).
    drop(sse);
    m.restart().await;
    let admin = m.admin_token.clone();
    let after = get(&m, &admin, &format!("/api/v1/incidents/{id}")).await;
    assert_eq!(after["root_cause"], ROOT);
    assert_eq!(after["timeline"], detail["timeline"]);
    let list = get(&m, &admin, "/api/v1/incidents?cluster=prod").await;
    assert_eq!(list["items"][0]["id"], id.as_str());
}

#[tokio::test]
async fn paging_walks_newest_first() {
    let m = TestMaster::start().await;
    let admin = m.admin_token.clone();
    // Two separate episodes on one cluster: pressure, a long quiet spell, pressure again.
    let token = m.cluster("prod").await;
    let mut snaps = series("prod", 120, 2..14);
    for s in snaps.iter_mut().skip(100) {
        s.resources.nodes[0].pressure.memory = true;
    }
    push_all(&m, &token, &snaps).await;
    wait_processed(&m, &admin, "prod", &snaps[119]).await;
    let all = get(&m, &admin, "/api/v1/incidents").await;
    let all = all["items"].as_array().unwrap();
    assert!(all.len() >= 2, "{all:?}");
    let first = get(&m, &admin, "/api/v1/incidents?limit=1").await;
    assert_eq!(first["items"][0]["id"], all[0]["id"]);
    let cont = first["continue"].as_str().unwrap();
    let second = get(
        &m,
        &admin,
        &format!("/api/v1/incidents?limit=1&continue={cont}"),
    )
    .await;
    assert_eq!(second["items"][0]["id"], all[1]["id"]);
    assert!(
        all[0]["started_at"].as_str().unwrap() > all[1]["started_at"].as_str().unwrap(),
        "newest first"
    );
}
