//! Command lifecycle over real HTTP: create → long-poll once → result twice (stored once) →
//! visible to the user, streamed on SSE, audited; and role gates.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::{TestMaster, next_event};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[tokio::test]
async fn command_lifecycle_end_to_end() {
    let m = TestMaster::start().await;
    let agent = m.cluster("prod").await;
    let viewer = m.user_with_role("vera", "viewer").await;
    let op = m.user_with_role("otto", "operator").await;

    // Viewer cannot create: 403, audited.
    let v = m
        .post("/api/v1/commands", &viewer, json!({"cluster": "prod", "action": {"action": "restart_pod", "namespace": "shop", "name": "api-1"}}), StatusCode::FORBIDDEN)
        .await;
    assert_eq!(v["error"]["code"], "forbidden");

    // Open the SSE stream (as the viewer: sees the command, not the logs).
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
    let initial = next_event(&mut sse, &mut buf, |n, v| {
        n == "cluster_status" && v["cluster"] == "prod"
    })
    .await;
    assert_eq!(initial["status"], "offline");

    // An agent waiting in a long-poll is woken by the new command.
    let poll = {
        let client = m.client.clone();
        let url = format!("{}/agent/v1/commands", m.agent);
        let agent = agent.clone();
        tokio::spawn(async move {
            client
                .get(url)
                .bearer_auth(agent)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        })
    };
    tokio::time::sleep(Duration::from_millis(200)).await;
    let created = m
        .post("/api/v1/commands", &op, json!({"cluster": "prod", "action": {"action": "logs", "namespace": "shop", "pod": "api-1", "tail_lines": 10}}), StatusCode::CREATED)
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["state"], "pending");
    assert_eq!(created["requested_by"], "otto");
    let got = tokio::time::timeout(Duration::from_secs(5), poll)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got["command"]["id"], id.as_str());

    // Delivered once: the next poll (short timeout in tests) finds nothing.
    let again: Value = m
        .agent_call(Method::GET, "/agent/v1/commands?wait=0", Some(&agent))
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(again["command"].is_null(), "{again}");
    let rec = m.command_record(&id, &op).await;
    assert_eq!(rec["state"], "running");

    // Result reported twice: stored once.
    let result = json!({
        "command_id": id, "outcome": "succeeded",
        "output": {"type": "text", "data": "line one\nsecret-ish log line\n"},
        "started_at": "2026-11-26T07:00:00Z", "duration_ms": 12
    });
    let r1: Value = m
        .agent_call(Method::POST, "/agent/v1/result", Some(&agent))
        .await
        .json(&result)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r1["stored"], true);
    let mut second = result.clone();
    second["output"]["data"] = json!("a different replay");
    let r2 = m
        .agent_call(Method::POST, "/agent/v1/result", Some(&agent))
        .await
        .json(&second)
        .send()
        .await
        .unwrap();
    assert_eq!(r2.status(), StatusCode::OK);
    assert_eq!(r2.json::<Value>().await.unwrap()["stored"], false);

    // Operator sees the first result; the viewer sees that it finished but not the logs.
    let rec = m.command_record(&id, &op).await;
    assert_eq!(rec["state"], "succeeded");
    assert_eq!(
        rec["result"]["output"]["data"],
        "line one\nsecret-ish log line\n"
    );
    let rec_v = m.command_record(&id, &viewer).await;
    assert_eq!(rec_v["state"], "succeeded");
    assert!(rec_v["result"].is_null());
    assert_eq!(rec_v["result_withheld"], true);
    let list = m
        .get("/api/v1/commands?cluster=prod", &viewer, StatusCode::OK)
        .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    assert!(list["items"][0]["result"].is_null());

    // SSE: the finished command arrives, redacted for the viewer.
    let ev = next_event(&mut sse, &mut buf, |n, v| {
        n == "command" && v["record"]["state"] == "succeeded"
    })
    .await;
    assert_eq!(ev["record"]["id"], id.as_str());
    assert_eq!(ev["record"]["result_withheld"], true);
    assert!(!buf.contains("secret-ish"));

    // Audit: viewer's refusal, operator's create, the agent's result (without the output).
    let audit = m.audit().await;
    assert!(audit.iter().any(|a| a["actor"] == "vera"
        && a["action"] == "POST /api/v1/commands"
        && a["result"] == "denied"));
    assert!(audit.iter().any(|a| a["actor"] == "otto"
        && a["action"] == "POST /api/v1/commands"
        && a["status"] == 201
        && a["target"].as_str().unwrap().contains(&id)));
    let results: Vec<&Value> = audit
        .iter()
        .filter(|a| a["action"] == "POST /agent/v1/result")
        .collect();
    assert_eq!(results.len(), 2);
    assert!(results.iter().all(
        |a| a["actor"] == "agent:prod" && !a["detail"].as_str().unwrap().contains("secret-ish")
    ));
    assert!(
        results
            .iter()
            .any(|a| a["detail"].as_str().unwrap().contains("stored=false"))
    );
}

#[tokio::test]
async fn invalid_commands_are_refused_before_queueing() {
    let m = TestMaster::start().await;
    m.cluster("prod").await;
    let op = m.user_with_role("otto", "operator").await;
    let cases = [
        (
            json!({"cluster": "prod", "action": {"action": "get", "kind": "secret", "namespace": "a", "name": "db"}}),
            StatusCode::BAD_REQUEST,
            "Secrets",
        ),
        (
            json!({"cluster": "prod", "action": {"action": "scale", "kind": "deployment", "namespace": "a", "name": "b"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "replicas",
        ),
        (
            json!({"cluster": "nope", "action": {"action": "cordon", "node": "n"}}),
            StatusCode::NOT_FOUND,
            "nope",
        ),
        (
            json!({"cluster": "prod", "action": {"action": "cordon", "node": "n"}, "deadline_secs": 0}),
            StatusCode::BAD_REQUEST,
            "deadline",
        ),
    ];
    for (body, status, needle) in cases {
        let v = m.post("/api/v1/commands", &op, body.clone(), status).await;
        assert!(
            v["error"]["message"].as_str().unwrap().contains(needle),
            "{body}: {v}"
        );
    }
    let list = m.get("/api/v1/commands", &op, StatusCode::OK).await;
    assert!(list["items"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn large_results_are_accepted_up_to_the_result_limit() {
    let m = TestMaster::start().await;
    let agent = m.cluster("prod").await;
    let op = m.user_with_role("otto", "operator").await;
    let created = m
        .post("/api/v1/commands", &op, json!({"cluster_id": "prod", "action": {"action": "logs", "namespace": "a", "pod": "p", "tail_lines": 10000}}), StatusCode::CREATED)
        .await;
    let id = created["id"].as_str().unwrap().to_string();
    let poll: Value = m
        .agent_call(Method::GET, "/agent/v1/commands?wait=1", Some(&agent))
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(poll["command"]["id"], id.as_str());
    let logs = "x".repeat(100) + "\n";
    let big = logs.repeat(30_000); // 3 MB, above axum's 2 MB default
    let result = json!({"command_id": id, "outcome": "succeeded", "output": {"type": "text", "data": big},
        "started_at": "2026-11-26T07:00:00Z", "duration_ms": 5});
    assert_eq!(m.report_result(&agent, &result).await, StatusCode::OK);
    let rec = m.command_record(&id, &op).await;
    assert_eq!(
        rec["result"]["output"]["data"].as_str().unwrap().len(),
        big.len()
    );
    // Over the 16 MiB result limit: a JSON 413.
    let huge = json!({"command_id": id, "outcome": "succeeded", "output": {"type": "text", "data": "y".repeat(17 << 20)},
        "started_at": "2026-11-26T07:00:00Z", "duration_ms": 5});
    let r = m
        .agent_call(Method::POST, "/agent/v1/result", Some(&agent))
        .await
        .json(&huge)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let v: Value = r.json().await.unwrap();
    assert_eq!(v["error"]["code"], "payload_too_large");
}
