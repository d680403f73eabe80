//! Agent API: per-cluster isolation, snapshot ingest with zstd and gzip, limits and bad input.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;

use atl_core::synth::{SynthSpec, generate};
use common::TestMaster;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn snapshot_json(cluster: &str, pods: usize, seed: u64) -> Vec<u8> {
    serde_json::to_vec(&generate(&SynthSpec::with_pods(cluster, pods, seed))).unwrap()
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

async fn push(
    m: &TestMaster,
    token: &str,
    body: Vec<u8>,
    encoding: Option<&str>,
) -> (StatusCode, Value) {
    let mut req = m
        .agent_call(Method::POST, "/agent/v1/snapshot", Some(token))
        .await
        .body(body);
    if let Some(e) = encoding {
        req = req.header("content-encoding", e);
    }
    let resp = req.send().await.unwrap();
    let status = resp.status();
    (status, resp.json().await.unwrap_or(Value::Null))
}

async fn pods(m: &TestMaster, query: &str) -> Vec<Value> {
    let v = m
        .get(
            &format!("/api/v1/resources/pods{query}"),
            &m.admin_token.clone(),
            StatusCode::OK,
        )
        .await;
    v["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn agent_tokens_are_confined_to_their_cluster() {
    let m = TestMaster::start().await;
    let a = m.cluster("alpha").await;
    let _b = m.cluster("beta").await;

    // Missing and bad tokens: 401.
    let r = m
        .agent_call(Method::POST, "/agent/v1/heartbeat", None)
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = m
        .agent_call(Method::POST, "/agent/v1/heartbeat", Some("atla_bogus"))
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // A user token is not an agent token.
    let r = m
        .agent_call(Method::GET, "/agent/v1/commands", Some(&m.admin_token))
        .await
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // A's token pushing B's snapshot: 403, nothing stored.
    let (status, body) = push(
        &m,
        &a,
        zstd::encode_all(&snapshot_json("beta", 5, 1)[..], 3).unwrap(),
        Some("zstd"),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("\"alpha\"")
    );
    assert!(pods(&m, "?cluster=beta").await.is_empty());

    // A's agent cannot take B's commands: queue one for beta, poll with A's token.
    let op = m.user_with_role("opal", "operator").await;
    let cmd = m
        .post(
            "/api/v1/commands",
            &op,
            json!({"cluster": "beta", "action": {"action": "cordon", "node": "n1"}}),
            StatusCode::CREATED,
        )
        .await;
    let id = cmd["id"].as_str().unwrap().to_string();
    let poll: Value = m
        .agent_call(Method::GET, "/agent/v1/commands", Some(&a))
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        poll["command"].is_null(),
        "alpha must not receive beta's command: {poll}"
    );
    // ... nor report a result for it.
    let result = json!({"command_id": id, "outcome": "succeeded", "started_at": "2026-01-01T00:00:00Z", "duration_ms": 1});
    assert_eq!(m.report_result(&a, &result).await, StatusCode::NOT_FOUND);
    let rec = m.command_record(&id, &op).await;
    assert_eq!(rec["state"], "pending");

    // Refusals are audited with the agent identity.
    let audit = m.audit().await;
    assert!(audit.iter().any(|e| e["actor"] == "agent:alpha"
        && e["action"] == "POST /agent/v1/snapshot"
        && e["status"] == 403));
    assert!(audit.iter().any(|e| e["actor"] == "agent:alpha"
        && e["action"] == "POST /agent/v1/result"
        && e["status"] == 404));
    assert!(audit.iter().any(|e| e["actor"] == "anonymous"
        && e["action"] == "POST /agent/v1/heartbeat"
        && e["status"] == 401));
}

#[tokio::test]
async fn snapshots_in_zstd_and_gzip_come_back_filtered() {
    let m = TestMaster::start().await;
    let a = m.cluster("alpha").await;
    let b = m.cluster("beta").await;
    let sa = snapshot_json("alpha", 60, 11);
    let sb = snapshot_json("beta", 40, 12);
    let (s1, v1) = push(&m, &a, zstd::encode_all(&sa[..], 3).unwrap(), Some("zstd")).await;
    assert_eq!(s1, StatusCode::OK, "{v1}");
    let (s2, v2) = push(&m, &b, gzip(&sb), Some("gzip")).await;
    assert_eq!(s2, StatusCode::OK, "{v2}");

    let snap_a = generate(&SynthSpec::with_pods("alpha", 60, 11));
    let snap_b = generate(&SynthSpec::with_pods("beta", 40, 12));
    assert_eq!(pods(&m, "?cluster=alpha&limit=5000").await.len(), 60);
    assert_eq!(
        pods(&m, "?limit=5000").await.len(),
        100,
        "across both clusters"
    );

    // Namespace filter, one cluster.
    let ns = snap_a.resources.pods[0].meta.namespace.clone().unwrap();
    let expect_ns = snap_a
        .resources
        .pods
        .iter()
        .filter(|p| p.meta.namespace.as_deref() == Some(&ns))
        .count();
    let got = pods(&m, &format!("?cluster=alpha&namespace={ns}&limit=5000")).await;
    assert_eq!(got.len(), expect_ns);
    assert!(
        got.iter()
            .all(|p| p["object"]["meta"]["namespace"] == ns.as_str() && p["cluster"] == "alpha")
    );

    // Label selector across both clusters.
    let (k, v) = snap_a.resources.pods[0]
        .meta
        .labels
        .iter()
        .next()
        .map(|(k, v)| (k.clone(), v.clone()))
        .unwrap();
    let expect = snap_a
        .resources
        .pods
        .iter()
        .chain(snap_b.resources.pods.iter())
        .filter(|p| p.meta.labels.get(&k) == Some(&v))
        .count();
    let sel = format!(
        "?labelSelector={}&limit=5000",
        urlencode(&format!("{k}={v}"))
    );
    let got = pods(&m, &sel).await;
    assert_eq!(got.len(), expect);
    assert!(expect > 0);
    let expect_not = 100 - expect;
    assert_eq!(
        pods(
            &m,
            &format!(
                "?labelSelector={}&limit=5000",
                urlencode(&format!("{k}!={v}"))
            )
        )
        .await
        .len(),
        expect_not
    );
    let in_sel = format!("{k} in ({v},nope)");
    assert_eq!(
        pods(
            &m,
            &format!("?labelSelector={}&limit=5000", urlencode(&in_sel))
        )
        .await
        .len(),
        expect
    );

    // Field selector on pods.
    let node = snap_b.resources.pods[0].node.clone().unwrap();
    let expect_node = snap_b
        .resources
        .pods
        .iter()
        .filter(|p| p.node.as_deref() == Some(&node))
        .count();
    assert_eq!(
        pods(
            &m,
            &format!("?cluster=beta&fieldSelector=spec.nodeName%3D{node}")
        )
        .await
        .len(),
        expect_node
    );
    let v = m
        .get(
            "/api/v1/resources/pods?fieldSelector=spec.bogus%3Dx",
            &m.admin_token.clone(),
            StatusCode::BAD_REQUEST,
        )
        .await;
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("spec.bogus")
    );

    // Paging covers everything exactly once, in order.
    let mut seen = Vec::new();
    let mut cont: Option<String> = None;
    loop {
        let q = match &cont {
            Some(c) => format!("/api/v1/resources/pods?limit=7&continue={c}"),
            None => "/api/v1/resources/pods?limit=7".to_string(),
        };
        let page = m.get(&q, &m.admin_token.clone(), StatusCode::OK).await;
        for it in page["items"].as_array().unwrap() {
            seen.push(format!(
                "{}/{}/{}",
                it["cluster"], it["object"]["meta"]["namespace"], it["object"]["meta"]["name"]
            ));
        }
        match page["continue"].as_str() {
            Some(c) => cont = Some(c.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 100);
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 100);

    // Detail by name; cluster list shows status and agent version; series has a point.
    let p0 = &snap_a.resources.pods[0];
    let one = m
        .get(
            &format!(
                "/api/v1/resources/pod/{}?cluster=alpha&namespace={}",
                p0.meta.name, ns
            ),
            &m.admin_token.clone(),
            StatusCode::OK,
        )
        .await;
    assert_eq!(one["object"]["meta"]["name"], p0.meta.name.as_str());
    let clusters = m
        .get("/api/v1/clusters", &m.admin_token.clone(), StatusCode::OK)
        .await;
    let alpha = clusters["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "alpha")
        .unwrap()
        .clone();
    assert_eq!(alpha["status"], "online");
    assert_eq!(alpha["agent_version"], snap_a.agent.version.as_str());
    assert!(alpha["snapshot_age_secs"].as_f64().unwrap() < 60.0);
    let series = m
        .get(
            "/api/v1/clusters/alpha/series",
            &m.admin_token.clone(),
            StatusCode::OK,
        )
        .await;
    assert_eq!(series["items"][0]["pods_total"], 60);
}

/// (name, body, content-encoding, expected status, text the message must contain)
type Case = (
    &'static str,
    Vec<u8>,
    Option<&'static str>,
    StatusCode,
    &'static str,
);

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn bad_snapshots_get_a_clear_4xx_and_change_nothing() {
    let m = TestMaster::start_with(|c| {
        c.snapshot_max_bytes = 256 * 1024;
        c.snapshot_max_decompressed_bytes = 4 << 20;
    })
    .await;
    let a = m.cluster("alpha").await;
    let good = snapshot_json("alpha", 10, 3);
    let (s, _) = push(&m, &a, good.clone(), None).await;
    assert_eq!(s, StatusCode::OK);
    let before = pods(&m, "?cluster=alpha").await;
    assert_eq!(before.len(), 10);

    let cases: Vec<Case> = vec![
        (
            "malformed JSON",
            b"{\"protocol\": 1, ".to_vec(),
            None,
            StatusCode::BAD_REQUEST,
            "not valid JSON",
        ),
        (
            "wrong schema",
            br#"{"protocol":1,"cluster_id":"alpha","taken_at":"x"}"#.to_vec(),
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            "taken_at",
        ),
        (
            "unknown field",
            {
                let mut v: Value = serde_json::from_slice(&good).unwrap();
                v["surprise"] = json!(1);
                serde_json::to_vec(&v).unwrap()
            },
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            "surprise",
        ),
        (
            "invalid UTF-8",
            b"{\"protocol\":1,\"cluster_id\":\"\xff\xfe\"}".to_vec(),
            None,
            StatusCode::BAD_REQUEST,
            "JSON",
        ),
        (
            "body over limit",
            vec![b' '; 300 * 1024],
            None,
            StatusCode::PAYLOAD_TOO_LARGE,
            "limit",
        ),
        (
            "decompression bomb",
            zstd::encode_all(&vec![b' '; 16 << 20][..], 19).unwrap(),
            Some("zstd"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "decompression-bomb",
        ),
        (
            "gzip bomb",
            gzip(&vec![b' '; 16 << 20]),
            Some("gzip"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "decompression-bomb",
        ),
        (
            "not zstd",
            b"hello".to_vec(),
            Some("zstd"),
            StatusCode::BAD_REQUEST,
            "zstd",
        ),
        (
            "unknown encoding",
            good.clone(),
            Some("br"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "zstd",
        ),
        (
            "wrong protocol",
            {
                let mut v: Value = serde_json::from_slice(&good).unwrap();
                v["protocol"] = json!(99);
                serde_json::to_vec(&v).unwrap()
            },
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            "protocol",
        ),
        ("empty", Vec::new(), None, StatusCode::BAD_REQUEST, "empty"),
    ];
    for (name, body, enc, want, needle) in cases {
        let (status, v) = push(&m, &a, body, enc).await;
        assert_eq!(status, want, "{name}: {v}");
        let msg = v["error"]["message"].as_str().unwrap_or_default();
        assert!(
            msg.contains(needle),
            "{name}: message {msg:?} should mention {needle:?}"
        );
        assert_eq!(
            pods(&m, "?cluster=alpha").await,
            before,
            "{name}: state unchanged"
        );
    }
}
