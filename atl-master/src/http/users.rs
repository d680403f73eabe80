//! Login, users (admin) and API tokens.

use atl_core::api::{
    CreateTokenRequest, CreateUserRequest, CreatedToken, ListResponse, LoginRequest, LoginResponse,
    Role, TokenInfo, UpdateUserRequest, UserInfo,
};
use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::Utc;
use serde::Deserialize;

use super::AppState;
use super::error::{ApiError, decode_json};
use super::guard::{AuditNote, Principal};
use crate::auth::{self, USER_TOKEN_PREFIX};
use crate::store::{tokens, users};

/// Attach an audit note to a response.
pub fn noted(resp: impl IntoResponse, note: AuditNote) -> Response {
    let mut r = resp.into_response();
    r.extensions_mut().insert(note);
    r
}

pub async fn login(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    let req: LoginRequest = match decode_json(&body, "login request {username, password}") {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let actor = req.username.clone();
    let note = AuditNote {
        actor: Some(actor.clone()),
        target: Some(format!("user/{actor}")),
        detail: None,
    };
    let ip = peer.ip();
    if let Err(wait) = app.login_throttle.check(ip, &actor) {
        let e = ApiError::TooManyRequests(format!(
            "too many failed logins for {actor} from {ip}; retry in {wait} s"
        ));
        return noted(e, note);
    }
    match do_login(&app, req).await {
        Ok(resp) => {
            app.login_throttle.succeeded(ip, &actor);
            noted(Json(resp), note)
        }
        Err(e) => {
            if matches!(e, ApiError::Unauthorized(_)) {
                app.metrics.inc("atl_login_failures_total", &[]);
                app.login_throttle.failed(ip, &actor);
            }
            noted(e, note)
        }
    }
}

async fn do_login(app: &AppState, req: LoginRequest) -> Result<LoginResponse, ApiError> {
    let username = req.username.clone();
    let row = app
        .store
        .call(move |c| users::by_username(c, &username))
        .await?;
    let hash = row
        .as_ref()
        .map(|r| r.password_hash.clone())
        .unwrap_or_else(|| auth::dummy_hash().to_string());
    let password = req.password;
    // argon2 is deliberately slow: keep it off the async workers.
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let invalid = || ApiError::Unauthorized("invalid username or password".into());
    let user = match row {
        Some(r) if ok => r.info,
        _ => return Err(invalid()),
    };
    if user.disabled {
        return Err(invalid());
    }
    let token = auth::new_token(USER_TOKEN_PREFIX);
    let hash = app.hasher.hash(&token);
    let expires_at = Utc::now()
        + chrono::Duration::from_std(app.config.session_ttl)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
    let uid = user.id;
    let role = user.role;
    app.store
        .call(move |c| {
            tokens::insert(
                c,
                &tokens::NewToken {
                    id: &uuid::Uuid::new_v4().to_string(),
                    user_id: uid,
                    kind: "session",
                    name: "login",
                    role,
                    hash: &hash,
                    expires_at: Some(expires_at),
                },
            )
        })
        .await?;
    Ok(LoginResponse {
        token,
        expires_at,
        user,
    })
}

pub async fn logout(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let id = p.token_id.clone();
    app.store.call(move |c| tokens::revoke(c, &id)).await?;
    Ok(Json(serde_json::json!({"status": "logged out"})))
}

pub async fn me(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<UserInfo>, ApiError> {
    let id = p.user_id;
    let mut u = app
        .store
        .call(move |c| users::get(c, id))
        .await?
        .ok_or_else(|| ApiError::NotFound("user".into()))?
        .info;
    // Show the effective role of this token, which may be lower than the user's.
    u.role = p.role;
    Ok(Json(u))
}

fn check_username(name: &str) -> Result<(), ApiError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '@'));
    if ok {
        Ok(())
    } else {
        Err(ApiError::BadRequest(
            "username must be 1-64 characters of letters, digits, '-', '_', '.', '@'".into(),
        ))
    }
}

pub async fn list_users(
    State(app): State<AppState>,
) -> Result<Json<ListResponse<UserInfo>>, ApiError> {
    let items = app.store.call(|c| users::list(c)).await?;
    Ok(Json(ListResponse {
        items,
        continue_token: None,
    }))
}

pub async fn create_user(State(app): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    let req: CreateUserRequest = decode_json(&body, "user {username, password, role}")?;
    check_username(&req.username)?;
    auth::check_password_policy(&req.password).map_err(ApiError::BadRequest)?;
    let hash = hash_blocking(req.password).await?;
    let target = format!("user/{}", req.username);
    let user = app
        .store
        .call(move |c| users::create(c, &req.username, &hash, req.role))
        .await?;
    Ok(noted(
        (axum::http::StatusCode::CREATED, Json(user)),
        AuditNote {
            target: Some(target),
            ..Default::default()
        },
    ))
}

async fn hash_blocking(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .map_err(|e| ApiError::Internal(e.to_string()))
}

pub async fn get_user(
    State(app): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Json<UserInfo>, ApiError> {
    app.store
        .call(move |c| users::get(c, id))
        .await?
        .map(|u| Json(u.info))
        .ok_or_else(|| ApiError::NotFound(format!("user {id} not found")))
}

pub async fn update_user(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<UserInfo>, ApiError> {
    let req: UpdateUserRequest = decode_json(&body, "user update {password?, role?, disabled?}")?;
    let demotes_self = id == p.user_id
        && (req.role.is_some_and(|r| r < Role::Admin) || req.disabled == Some(true));
    if demotes_self {
        let others = app
            .store
            .call(move |c| users::other_active_admins(c, id))
            .await?;
        if others == 0 {
            return Err(ApiError::Conflict(
                "refusing to demote or disable the last enabled admin".into(),
            ));
        }
    }
    let hash = match req.password {
        Some(pw) => {
            auth::check_password_policy(&pw).map_err(ApiError::BadRequest)?;
            Some(hash_blocking(pw).await?)
        }
        None => None,
    };
    let revoke_sessions = hash.is_some() || req.disabled == Some(true);
    let user = app
        .store
        .call(move |c| {
            let tx = c.transaction()?;
            let u = users::update(&tx, id, hash.as_deref(), req.role, req.disabled)?;
            if revoke_sessions {
                tokens::revoke_sessions_of(&tx, id)?;
            }
            tx.commit()?;
            Ok(u)
        })
        .await?;
    Ok(Json(user))
}

pub async fn delete_user(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    if id == p.user_id {
        return Err(ApiError::Conflict("you cannot delete yourself".into()));
    }
    app.store.call(move |c| users::delete(c, id)).await?;
    Ok(Json(serde_json::json!({"status": "deleted"})))
}

#[derive(Debug, Deserialize)]
pub struct TokenListQuery {
    /// Admins: list everyone's API tokens.
    #[serde(default)]
    pub all: bool,
}

pub async fn list_tokens(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<TokenListQuery>,
) -> Result<Json<ListResponse<TokenInfo>>, ApiError> {
    let scope = if q.all {
        p.require(Role::Admin)?;
        None
    } else {
        Some(p.user_id)
    };
    let items = app.store.call(move |c| tokens::list(c, scope)).await?;
    Ok(Json(ListResponse {
        items,
        continue_token: None,
    }))
}

pub async fn create_token(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: CreateTokenRequest = decode_json(&body, "token request {name, role, ttl_secs?}")?;
    if req.role > p.role {
        return Err(ApiError::Forbidden(format!(
            "a token cannot have a higher role ({}) than its creator's ({})",
            req.role, p.role
        )));
    }
    if req.name.trim().is_empty() || req.name.len() > 100 {
        return Err(ApiError::BadRequest(
            "token name must be 1-100 characters".into(),
        ));
    }
    let expires_at = match req.ttl_secs {
        Some(s) => Some(
            Utc::now()
                + chrono::Duration::try_seconds(s as i64)
                    .ok_or_else(|| ApiError::BadRequest("ttl_secs is too large".into()))?,
        ),
        None => None,
    };
    let token = auth::new_token(USER_TOKEN_PREFIX);
    let hash = app.hasher.hash(&token);
    let uid = p.user_id;
    let info = app
        .store
        .call(move |c| {
            tokens::insert(
                c,
                &tokens::NewToken {
                    id: &uuid::Uuid::new_v4().to_string(),
                    user_id: uid,
                    kind: "api",
                    name: &req.name,
                    role: req.role,
                    hash: &hash,
                    expires_at,
                },
            )
        })
        .await?;
    let target = format!("token/{}", info.id);
    Ok(noted(
        (
            axum::http::StatusCode::CREATED,
            Json(CreatedToken { token, info }),
        ),
        AuditNote {
            target: Some(target),
            ..Default::default()
        },
    ))
}

pub async fn revoke_token(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let tid = id.clone();
    let owner = app.store.call(move |c| tokens::owner_of(c, &tid)).await?;
    match owner {
        // Hide others' token ids from non-admins: same answer as for a missing token.
        Some(o) if o == p.user_id || p.role == Role::Admin => {}
        _ => return Err(ApiError::NotFound(format!("token {id} not found"))),
    }
    app.store.call(move |c| tokens::revoke(c, &id)).await?;
    Ok(Json(serde_json::json!({"status": "revoked"})))
}
