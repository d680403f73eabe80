//! Restart on the same data dir; OpenAPI completeness; metrics on its own loopback listener.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestMaster;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn restart_keeps_users_tokens_clusters_commands_and_audit() {
    let mut m = TestMaster::start().await;
    let admin = m.admin_token.clone();
    let agent = m.cluster("keep").await;
    m.user_with_role("uma", "operator").await;
    let api = m
        .post(
            "/api/v1/tokens",
            &admin,
            json!({"name": "ci", "role": "operator"}),
            StatusCode::CREATED,
        )
        .await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let cmd = m
        .post(
            "/api/v1/commands",
            &api,
            json!({"cluster": "keep", "action": {"action": "uncordon", "node": "n1"}}),
            StatusCode::CREATED,
        )
        .await;
    let id = cmd["id"].as_str().unwrap().to_string();
    let audit_before = m.audit().await.len();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [
            "master.db",
            "master.db-wal",
            "server-secret",
            "dev-credentials.yaml",
        ] {
            let mode = std::fs::metadata(m.dir.path().join(f))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "{f} must not be readable by group/others");
        }
    }

    m.restart().await;

    // Tokens (API token and the dev admin token) still work; the user, cluster, command and
    // audit records are all there.
    let me = m.get("/api/v1/me", &api, StatusCode::OK).await;
    assert_eq!(me["username"], "admin");
    let users = m.get("/api/v1/users", &admin, StatusCode::OK).await;
    assert!(
        users["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["username"] == "uma" && u["role"] == "operator")
    );
    m.login("uma", "uma-password-123").await;
    let c = m.get("/api/v1/clusters/keep", &admin, StatusCode::OK).await;
    assert_eq!(c["status"], "offline", "no agent contact since restart");
    let rec = m.command_record(&id, &admin).await;
    assert_eq!(rec["state"], "pending");
    // The agent token survives too, and the pending command is still delivered.
    let poll: serde_json::Value = m
        .agent_call(Method::GET, "/agent/v1/commands", Some(&agent))
        .await
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(poll["command"]["id"], id.as_str());
    let audit_after = m.audit().await;
    assert!(
        audit_after.len() > audit_before,
        "old records kept, new ones appended"
    );
    assert!(
        audit_after
            .iter()
            .any(|a| a["action"] == "POST /api/v1/clusters" && a["target"] == "cluster/keep")
    );
}

#[tokio::test]
async fn openapi_lists_every_route_and_every_route_is_guarded() {
    let m = TestMaster::start().await;
    let doc = m
        .expect(
            Method::GET,
            "/api/v1/openapi.json",
            None,
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let tables = [
        atl_master::http::gateway_routes(),
        atl_master::http::agent_routes(),
    ];
    let mut n = 0;
    for t in &tables {
        for d in &t.docs {
            let op = &paths[d.path][d.method.as_str().to_ascii_lowercase()];
            assert!(
                op.is_object(),
                "{} {} missing from OpenAPI",
                d.method,
                d.path
            );
            n += 1;
        }
    }
    assert!(n >= 30, "expected the full route set, got {n}");
    // Every route answers on its listener (not the 404 fallback): without credentials a
    // protected route says 401, a public one does not 404.
    for (base, t) in [(&m.gateway, &tables[0]), (&m.agent, &tables[1])] {
        for d in &t.docs {
            let path = d
                .path
                .replace("{id}", "x")
                .replace("{kind}", "pods")
                .replace("{name}", "x");
            let r = m
                .client
                .request(d.method.clone(), format!("{base}{path}"))
                .send()
                .await
                .unwrap();
            match d.access {
                atl_master::http::routes::Access::Public => {
                    assert_ne!(r.status(), StatusCode::NOT_FOUND, "{} {path}", d.method)
                }
                _ => assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{} {path}", d.method),
            }
        }
    }
    // Schemas are referenced from components.
    assert!(doc["components"]["schemas"]["ClusterSnapshot"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

#[tokio::test]
async fn metrics_answer_only_on_their_own_loopback_listener() {
    let m = TestMaster::start().await;
    let addr = m.master().metrics_addr;
    assert!(addr.ip().is_loopback());
    // Produce a counter.
    m.expect(
        Method::GET,
        "/api/v1/clusters",
        None,
        None,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let text = m
        .client
        .get(format!("http://{addr}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        text.contains("atl_http_requests_total{listener=\"gateway\",class=\"4xx\"}"),
        "{text}"
    );
    assert!(text.contains("atl_auth_failures_total"));
    assert_eq!(
        m.call(Method::GET, "/metrics", None, None).await.status(),
        StatusCode::NOT_FOUND
    );
    let r = m
        .client
        .get(format!("{}/metrics", m.agent))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    m.expect(Method::GET, "/healthz", None, None, StatusCode::OK)
        .await;
    let ready = m
        .expect(Method::GET, "/readyz", None, None, StatusCode::OK)
        .await;
    assert_eq!(ready["status"], "ready");
}
