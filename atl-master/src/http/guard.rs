//! The guard in front of every route: authenticates by the route's [`Access`] rule, enforces the
//! minimum role, limits and buffers mutating bodies, and writes the audit record of every
//! mutating request and every refusal.

use std::net::SocketAddr;
use std::sync::Arc;

use atl_core::api::Role;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::AppState;
use super::error::ApiError;
use super::routes::{Access, RouteIndex};
use crate::auth::{AGENT_TOKEN_PREFIX, USER_TOKEN_PREFIX};
use crate::store::{audit::NewAudit, clusters, tokens};

/// An authenticated user, as seen on this request (role already capped by the token's role).
#[derive(Debug, Clone)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    pub token_id: String,
}

impl Principal {
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role >= role {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "this needs role {role}; your effective role is {}",
                self.role
            )))
        }
    }
}

/// An authenticated agent: it may act only for this cluster.
#[derive(Debug, Clone)]
pub struct AgentIdentity {
    pub cluster: String,
}

/// What a handler tells the audit record (set as a response extension).
#[derive(Debug, Clone, Default)]
pub struct AuditNote {
    pub actor: Option<String>,
    pub target: Option<String>,
    pub detail: Option<String>,
}

/// Shared by the guard middleware of one listener.
#[derive(Clone)]
pub struct GuardState {
    pub app: AppState,
    pub routes: Arc<RouteIndex>,
    /// `gateway` or `agent`, for metrics.
    pub listener: &'static str,
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

pub async fn authenticate_user(app: &AppState, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let Some(token) = bearer(headers) else {
        return Err(ApiError::Unauthorized(
            "missing bearer token: send `Authorization: Bearer <token>` (get one with POST /api/v1/login)".into(),
        ));
    };
    if token.starts_with(AGENT_TOKEN_PREFIX) {
        return Err(ApiError::Unauthorized(
            "agent tokens cannot use the user API; use a user or API token".into(),
        ));
    }
    if !token.starts_with(USER_TOKEN_PREFIX) {
        return Err(ApiError::Unauthorized("malformed token".into()));
    }
    let hash = app.hasher.hash(token);
    let owner = app
        .store
        .call(move |c| tokens::lookup(c, &hash))
        .await?
        .ok_or_else(|| ApiError::Unauthorized("unknown token; log in again".into()))?;
    if owner.revoked {
        return Err(ApiError::Unauthorized("token has been revoked".into()));
    }
    if owner.expires_at.is_some_and(|t| t <= Utc::now()) {
        return Err(ApiError::Unauthorized(
            "token has expired; log in again".into(),
        ));
    }
    if owner.user_disabled {
        return Err(ApiError::Unauthorized(format!(
            "user {} is disabled",
            owner.username
        )));
    }
    Ok(Principal {
        user_id: owner.user_id,
        username: owner.username,
        role: owner.token_role.min(owner.user_role),
        token_id: owner.token_id,
    })
}

async fn authenticate_agent(
    app: &AppState,
    headers: &HeaderMap,
) -> Result<AgentIdentity, ApiError> {
    let token = bearer(headers)
        .filter(|t| t.starts_with(AGENT_TOKEN_PREFIX))
        .ok_or_else(|| {
            ApiError::Unauthorized(
                "missing or malformed agent token: send `Authorization: Bearer atla_…` (the token shown when the cluster was created)".into(),
            )
        })?;
    let hash = app.hasher.hash(token);
    let cluster = app
        .store
        .call(move |c| clusters::by_agent_token(c, &hash))
        .await?
        .ok_or_else(|| ApiError::Unauthorized("unknown agent token".into()))?;
    Ok(AgentIdentity { cluster })
}

/// Keys whose values are masked in audited bodies (matched case-insensitively as substrings).
const SECRET_KEYS: &[&str] = &[
    "password",
    "token",
    "secret",
    "key",
    "authorization",
    "credential",
];

/// Replace the values of secret-looking keys, recursively.
pub fn mask_secrets(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                let lk = k.to_ascii_lowercase();
                if SECRET_KEYS.iter().any(|s| lk.contains(s)) {
                    *val = serde_json::Value::String("***".into());
                } else {
                    mask_secrets(val);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(mask_secrets),
        _ => {}
    }
}

const AUDIT_DETAIL_MAX: usize = 2000;

fn audit_detail(body: &[u8]) -> Option<String> {
    if body.is_empty() {
        return None;
    }
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut v) => {
            mask_secrets(&mut v);
            v.to_string()
        }
        // Never store raw non-JSON bodies: they could hold anything.
        Err(_) => format!("<{} bytes, not JSON>", body.len()),
    };
    Some(truncate(text, AUDIT_DETAIL_MAX))
}

pub fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

fn result_word(status: StatusCode) -> &'static str {
    if status.is_success() {
        "ok"
    } else if status == StatusCode::UNAUTHORIZED
        || status == StatusCode::FORBIDDEN
        || status == StatusCode::TOO_MANY_REQUESTS
    {
        "denied"
    } else if status.is_client_error() {
        "failed"
    } else {
        "error"
    }
}

/// The middleware (installed with `route_layer`, so `MatchedPath` is known).
pub async fn guard(State(gs): State<GuardState>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let uri_path = req.uri().path().to_string();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.to_string())
        .unwrap_or_else(|| "unknown".into());
    let Some(pattern) = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
    else {
        return ApiError::NotFound(format!("no route for {uri_path}")).into_response();
    };
    let Some(doc) = gs.routes.get(&(method.clone(), pattern.as_str())).cloned() else {
        return ApiError::NotFound(format!("no route for {method} {uri_path}")).into_response();
    };
    let action = format!("{method} {pattern}");
    let app = gs.app.clone();

    // Authenticate.
    let mut actor = "anonymous".to_string();
    let mut role = None;
    let (mut parts, body) = req.into_parts();
    let auth: Result<(), ApiError> = match doc.access {
        Access::Public => Ok(()),
        Access::User(min) => match authenticate_user(&app, &parts.headers).await {
            Ok(p) => {
                actor = p.username.clone();
                role = Some(p.role);
                let allowed = p.require(min);
                parts.extensions.insert(p);
                allowed
            }
            Err(e) => Err(e),
        },
        Access::Agent => match authenticate_agent(&app, &parts.headers).await {
            Ok(a) => {
                actor = format!("agent:{}", a.cluster);
                parts.extensions.insert(a);
                Ok(())
            }
            Err(e) => Err(e),
        },
    };

    // Buffer mutating bodies (bounded) so they can be audited. The snapshot route reads its own
    // (much larger, compressed) body and is audited only on refusal.
    let streams_own_body = doc.path.ends_with("/snapshot");
    // Agent results carry command output (logs): bigger limit, and never copied into the audit.
    let (limit, keep_detail) = match doc.access {
        Access::Agent => (app.config.result_max_bytes, false),
        _ => (app.config.api_max_bytes, true),
    };
    let (body, detail) = if doc.mutating() && !streams_own_body && auth.is_ok() {
        match to_bytes(body, limit).await {
            Ok(bytes) => {
                let d = if keep_detail {
                    audit_detail(&bytes)
                } else {
                    None
                };
                (Body::from(bytes), d)
            }
            Err(_) => {
                let err = ApiError::PayloadTooLarge(format!("request body exceeds {limit} bytes"));
                return finish(
                    &gs,
                    &doc,
                    &action,
                    actor,
                    role,
                    peer,
                    uri_path,
                    None,
                    err.into_response(),
                )
                .await;
            }
        }
    } else {
        (body, None)
    };

    let response = match auth {
        Err(e) => {
            app.metrics
                .inc("atl_auth_failures_total", &[("listener", gs.listener)]);
            e.into_response()
        }
        Ok(()) => next.run(Request::from_parts(parts, body)).await,
    };
    finish(
        &gs, &doc, &action, actor, role, peer, uri_path, detail, response,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    gs: &GuardState,
    doc: &super::routes::RouteDoc,
    action: &str,
    actor: String,
    role: Option<Role>,
    peer: String,
    path: String,
    detail: Option<String>,
    response: Response,
) -> Response {
    let status = response.status();
    gs.app.metrics.inc(
        "atl_http_requests_total",
        &[("listener", gs.listener), ("class", status_class(status))],
    );
    let refused = matches!(
        status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::TOO_MANY_REQUESTS
    );
    // Agents' routine pushes are counted in metrics, not audited; their refusals and failures
    // are. Every mutating user request is audited.
    let audit = match doc.access {
        Access::Agent => !status.is_success() || doc.path.ends_with("/result"),
        _ => doc.mutating() || refused,
    };
    if audit {
        let note = response
            .extensions()
            .get::<AuditNote>()
            .cloned()
            .unwrap_or_default();
        let record = NewAudit {
            actor: note.actor.unwrap_or(actor),
            role,
            peer,
            action: action.to_string(),
            target: note.target.unwrap_or(path),
            result: result_word(status).into(),
            status: status.as_u16(),
            detail: note.detail.or(detail),
        };
        let write = gs
            .app
            .store
            .call(move |c| crate::store::audit::append(c, &record))
            .await;
        if let Err(e) = write {
            // The action already happened; failing the response now would mislead the caller.
            tracing::error!(error = %e, "cannot write audit record");
            gs.app.metrics.inc("atl_audit_write_errors_total", &[]);
        }
    }
    response
}

fn status_class(s: StatusCode) -> &'static str {
    match s.as_u16() {
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn masks_nested_secret_fields() {
        let mut v = serde_json::json!({
            "username": "ann", "password": "p", "nested": {"apiKey": "k", "list": [{"token": "t"}]},
            "client_secret": "s"
        });
        mask_secrets(&mut v);
        assert_eq!(v["username"], "ann");
        assert_eq!(v["password"], "***");
        assert_eq!(v["nested"]["apiKey"], "***");
        assert_eq!(v["nested"]["list"][0]["token"], "***");
        assert_eq!(v["client_secret"], "***");
    }

    #[test]
    fn non_json_bodies_are_not_stored() {
        assert_eq!(audit_detail(b"password=x").unwrap(), "<10 bytes, not JSON>");
    }
}
