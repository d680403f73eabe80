//! A master restarted on the same SQLite file continues the engine's open incidents: a fault that
//! persists across the restart updates the same incident, and one that ended while the master
//! was down recovers and resolves it; neither opens a second incident.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use atl_core::ClusterSnapshot;
use atl_core::synth::{SynthSpec, generate};
use common::TestMaster;
use reqwest::{Method, StatusCode};
use serde_json::Value;

const ROOT: &str = "prod/_/node/node-0000";

/// Snapshots 30 s apart for the steps in `steps`; node-0000 under memory pressure in `pressure`.
fn series(steps: std::ops::Range<i64>, pressure: std::ops::Range<i64>) -> Vec<ClusterSnapshot> {
    let base = generate(&SynthSpec::with_pods("prod", 20, 3));
    steps
        .map(|i| {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i * 30);
            s.resources.nodes[0].pressure.memory = pressure.contains(&i);
            s
        })
        .collect()
}

async fn get(m: &TestMaster, path: &str) -> Value {
    m.expect(
        Method::GET,
        path,
        Some(&m.admin_token),
        None,
        StatusCode::OK,
    )
    .await
}

/// Push `snaps` one by one (each after the engine processed the previous one, so none is dropped
/// from the mailbox) and wait for the last.
async fn feed(m: &TestMaster, token: &str, snaps: &[ClusterSnapshot]) {
    for s in snaps {
        let resp = m
            .agent_call(Method::POST, "/agent/v1/snapshot", Some(token))
            .await
            .json(s)
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            let v = get(m, "/api/v1/risk?cluster=prod").await;
            if let Some(t) = v["items"][0]["at"].as_str()
                && t.parse::<chrono::DateTime<chrono::Utc>>().unwrap() >= s.taken_at
            {
                break;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "engine stalled: {v}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

async fn incidents(m: &TestMaster) -> Vec<Value> {
    get(m, "/api/v1/incidents?cluster=prod").await["items"]
        .as_array()
        .unwrap()
        .clone()
}

/// Start a master, feed 15 minutes of node pressure (the incident is confirmed), restart it;
/// returns the master, the agent token, the incident id and its detail before the restart.
async fn incident_then_restart() -> (TestMaster, String, String, Value) {
    let mut m = TestMaster::start().await;
    let token = m.cluster("prod").await;
    feed(&m, &token, &series(0..30, 2..1000)).await;
    let items = incidents(&m).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["state"], "incident");
    let id = items[0]["id"].as_str().unwrap().to_string();
    let before = get(&m, &format!("/api/v1/incidents/{id}")).await;
    m.restart().await;
    (m, token, id, before)
}

fn timeline(detail: &Value) -> Vec<Value> {
    detail["timeline"].as_array().unwrap().clone()
}

fn kinds(detail: &Value) -> Vec<String> {
    timeline(detail)
        .iter()
        .map(|t| t["kind"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_fault_persisting_across_a_restart_updates_the_same_incident() {
    let (m, token, id, before) = incident_then_restart().await;
    // Ten more minutes of pressure after the restart, then the node recovers.
    feed(&m, &token, &series(30..50, 0..1000)).await;
    let items = incidents(&m).await;
    assert_eq!(items.len(), 1, "one incident, not two: {items:?}");
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(
        items[0]["state"], "incident",
        "still confirmed while the fault lasts"
    );
    // Cluster risk is in the entities' unit (0–1) and at least the riskiest entity's.
    let risk = &get(&m, "/api/v1/risk?cluster=prod").await["items"][0];
    let (cluster, top) = (
        risk["risk"].as_f64().unwrap(),
        risk["entities"][0]["r_final"].as_f64().unwrap(),
    );
    assert!(top > 0.5 && cluster >= top && cluster <= 1.0, "{risk}");
    assert_eq!(risk["open_incidents"], 1);

    feed(&m, &token, &series(50..75, 0..0)).await;
    let after = get(&m, &format!("/api/v1/incidents/{id}")).await;
    assert_eq!(after["state"], "recovery", "{after}");
    assert_eq!(after["root_cause"], ROOT);
    let (old, new) = (timeline(&before), timeline(&after));
    assert!(new.len() > old.len(), "{new:?}");
    assert_eq!(new[..old.len()], old[..], "the timeline continues");
    assert!(kinds(&after)[old.len()..].contains(&"recovery_started".to_string()));
    assert_eq!(incidents(&m).await.len(), 1);
}

#[tokio::test]
async fn a_fault_that_ended_while_down_resolves_the_stored_incident() {
    let (m, token, id, before) = incident_then_restart().await;
    // Back 15 minutes later, healthy: recovery after 10 min, stable after 30 more.
    feed(&m, &token, &series(60..150, 0..0)).await;
    let items = incidents(&m).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["id"], id.as_str());
    assert_eq!(items[0]["state"], "resolved");
    assert!(items[0]["resolved_at"].is_string());
    assert_eq!(items[0]["severity"], before["severity"]);
    let after = get(&m, &format!("/api/v1/incidents/{id}")).await;
    assert!(kinds(&after).contains(&"recovery_started".to_string()));
    let stats = get(&m, "/api/v1/incidents/stats").await;
    assert_eq!(stats["total"], 1);
    assert_eq!(stats["open"], 0);
    let risk = get(&m, "/api/v1/risk?cluster=prod").await;
    assert_eq!(risk["items"][0]["open_incidents"], 0);
}
