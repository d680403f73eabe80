//! Authentication, roles, tokens and audit over real HTTP.
#![allow(clippy::unwrap_used)]

mod common;

use common::TestMaster;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn wrong_password_is_401_and_audited_without_the_password() {
    let m = TestMaster::start().await;
    let v = m
        .expect(
            Method::POST,
            "/api/v1/login",
            None,
            Some(json!({"username": "admin", "password": "not-the-password-xyz"})),
            StatusCode::UNAUTHORIZED,
        )
        .await;
    assert_eq!(v["error"]["code"], "unauthorized");
    // Unknown user: same answer (no user enumeration).
    let v2 = m
        .expect(
            Method::POST,
            "/api/v1/login",
            None,
            Some(json!({"username": "ghost", "password": "x"})),
            StatusCode::UNAUTHORIZED,
        )
        .await;
    assert_eq!(v["error"]["message"], v2["error"]["message"]);

    let audit = m.audit().await;
    let rec = audit
        .iter()
        .find(|a| a["action"] == "POST /api/v1/login" && a["actor"] == "admin")
        .expect("failed login audited");
    assert_eq!(rec["result"], "denied");
    assert_eq!(rec["status"], 401);
    assert!(rec["peer"].as_str().unwrap().starts_with("127.0.0.1:"));
    let detail = rec["detail"].as_str().unwrap();
    assert!(
        detail.contains("***") && !detail.contains("not-the-password-xyz"),
        "{detail}"
    );

    // Right password works.
    let token = m.login("admin", &m.admin_password).await;
    m.get("/api/v1/me", &token, StatusCode::OK).await;
}

#[tokio::test]
async fn revoked_token_fails_on_the_next_request() {
    let m = TestMaster::start().await;
    let admin = m.admin_token.clone();
    let created = m
        .post(
            "/api/v1/tokens",
            &admin,
            json!({"name": "ci", "role": "viewer"}),
            StatusCode::CREATED,
        )
        .await;
    let token = created["token"].as_str().unwrap().to_string();
    let id = created["info"]["id"].as_str().unwrap().to_string();
    let me = m.get("/api/v1/me", &token, StatusCode::OK).await;
    assert_eq!(me["role"], "viewer", "token role caps the admin's role");
    m.delete(&format!("/api/v1/tokens/{id}"), &admin, StatusCode::OK)
        .await;
    let v = m.get("/api/v1/me", &token, StatusCode::UNAUTHORIZED).await;
    assert!(v["error"]["message"].as_str().unwrap().contains("revoked"));

    // Logout revokes the session too.
    let session = m.login("admin", &m.admin_password).await;
    m.expect(
        Method::POST,
        "/api/v1/logout",
        Some(&session),
        None,
        StatusCode::OK,
    )
    .await;
    m.get("/api/v1/me", &session, StatusCode::UNAUTHORIZED)
        .await;
}

#[tokio::test]
async fn role_changes_apply_on_the_next_request_and_tokens_cannot_exceed_creator() {
    let m = TestMaster::start().await;
    let admin = m.admin_token.clone();
    let op = m.user_with_role("olga", "operator").await;
    // Operator may not mint an admin token.
    let v = m
        .post(
            "/api/v1/tokens",
            &op,
            json!({"name": "x", "role": "admin"}),
            StatusCode::FORBIDDEN,
        )
        .await;
    assert_eq!(v["error"]["code"], "forbidden");
    let op_api = m
        .post(
            "/api/v1/tokens",
            &op,
            json!({"name": "x", "role": "operator"}),
            StatusCode::CREATED,
        )
        .await["token"]
        .as_str()
        .unwrap()
        .to_string();
    // Viewer cannot manage users.
    m.get("/api/v1/users", &op, StatusCode::FORBIDDEN).await;

    // Demote olga to viewer: her existing session and API token drop to viewer immediately.
    let users = m.get("/api/v1/users", &admin, StatusCode::OK).await;
    let id = users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "olga")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    m.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        json!({"role": "viewer"}),
        StatusCode::OK,
    )
    .await;
    let me = m.get("/api/v1/me", &op_api, StatusCode::OK).await;
    assert_eq!(me["role"], "viewer");
    m.post(
        "/api/v1/tokens",
        &op,
        json!({"name": "y", "role": "operator"}),
        StatusCode::FORBIDDEN,
    )
    .await;

    // Disabling her kills all her tokens on the next request.
    m.patch(
        &format!("/api/v1/users/{id}"),
        &admin,
        json!({"disabled": true}),
        StatusCode::OK,
    )
    .await;
    m.get("/api/v1/me", &op_api, StatusCode::UNAUTHORIZED).await;
    m.get("/api/v1/me", &op, StatusCode::UNAUTHORIZED).await;

    // The 403s were audited.
    let audit = m.audit().await;
    assert!(
        audit.iter().any(|a| a["actor"] == "olga"
            && a["status"] == 403
            && a["action"] == "GET /api/v1/users")
    );
}

#[tokio::test]
async fn missing_or_agent_tokens_cannot_use_the_user_api() {
    let m = TestMaster::start().await;
    let agent_token = m.cluster("alpha").await;
    let v = m
        .expect(
            Method::GET,
            "/api/v1/clusters",
            None,
            None,
            StatusCode::UNAUTHORIZED,
        )
        .await;
    assert!(v["error"]["message"].as_str().unwrap().contains("Bearer"));
    let v = m
        .get("/api/v1/clusters", &agent_token, StatusCode::UNAUTHORIZED)
        .await;
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("agent tokens")
    );
    m.get("/api/v1/clusters", "atl_forged", StatusCode::UNAUTHORIZED)
        .await;
}

#[tokio::test]
async fn user_crud_and_last_admin_guard() {
    let m = TestMaster::start().await;
    let admin = m.admin_token.clone();
    let v = m
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "bob", "password": "short", "role": "viewer"}),
            StatusCode::BAD_REQUEST,
        )
        .await;
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("12 characters")
    );
    let bob = m
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "bob", "password": "long-enough-pw", "role": "viewer"}),
            StatusCode::CREATED,
        )
        .await;
    m.post(
        "/api/v1/users",
        &admin,
        json!({"username": "bob", "password": "long-enough-pw", "role": "viewer"}),
        StatusCode::CONFLICT,
    )
    .await;
    let v = m
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "x", "password": "long-enough-pw", "role": "root"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert!(
        v["error"]["message"].as_str().unwrap().contains("role"),
        "{v}"
    );
    let me = m.get("/api/v1/me", &admin, StatusCode::OK).await;
    let my_id = me["id"].as_i64().unwrap();
    m.patch(
        &format!("/api/v1/users/{my_id}"),
        &admin,
        json!({"role": "viewer"}),
        StatusCode::CONFLICT,
    )
    .await;
    m.delete(
        &format!("/api/v1/users/{my_id}"),
        &admin,
        StatusCode::CONFLICT,
    )
    .await;
    let bob_id = bob["id"].as_i64().unwrap();
    m.delete(&format!("/api/v1/users/{bob_id}"), &admin, StatusCode::OK)
        .await;
    m.get(
        &format!("/api/v1/users/{bob_id}"),
        &admin,
        StatusCode::NOT_FOUND,
    )
    .await;
    // Audit of the create carries the masked password.
    let audit = m.audit().await;
    let rec = audit
        .iter()
        .find(|a| a["action"] == "POST /api/v1/users" && a["status"] == 201)
        .unwrap();
    assert!(!rec["detail"].as_str().unwrap().contains("long-enough-pw"));
    assert_eq!(rec["target"], "user/bob");
}

#[tokio::test]
async fn repeated_failed_logins_are_throttled_and_audited() {
    let m = TestMaster::start().await;
    for _ in 0..10 {
        m.expect(
            Method::POST,
            "/api/v1/login",
            None,
            Some(json!({"username": "admin", "password": "guess-guess-guess"})),
            StatusCode::UNAUTHORIZED,
        )
        .await;
    }
    // Even the right password is refused for now, from this peer, for this user.
    let v = m
        .expect(
            Method::POST,
            "/api/v1/login",
            None,
            Some(json!({"username": "admin", "password": m.admin_password})),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    assert!(v["error"]["message"].as_str().unwrap().contains("retry in"));
    // The API token is unaffected.
    m.get("/api/v1/me", &m.admin_token.clone(), StatusCode::OK)
        .await;
    let audit = m.audit().await;
    assert!(audit.iter().any(|a| a["action"] == "POST /api/v1/login"
        && a["status"] == 429
        && a["result"] == "denied"));
}
