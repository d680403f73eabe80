//! Health, readiness, OpenAPI, audit log, metrics.

use atl_core::api::{AuditEntry, Health, ListResponse};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::store::audit::{self, AuditQuery};

pub async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
    })
}

/// Ready when the database answers.
pub async fn readyz(State(app): State<AppState>) -> Result<Json<Health>, ApiError> {
    app.store
        .call(|c| Ok(c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))?))
        .await
        .map_err(|e| ApiError::Unavailable(format!("database not ready: {e}")))?;
    Ok(Json(Health {
        status: "ready".into(),
    }))
}

pub async fn openapi(State(app): State<AppState>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        app.openapi.as_ref().clone(),
    )
}

pub async fn metrics(State(app): State<AppState>) -> impl IntoResponse {
    app.metrics.set("atl_up", &[], 1.0);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.metrics.render(),
    )
}

#[derive(Debug, Deserialize)]
pub struct AuditParams {
    #[serde(alias = "user")]
    pub actor: Option<String>,
    pub action: Option<String>,
    pub result: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<usize>,
    #[serde(rename = "continue")]
    pub continue_token: Option<String>,
}

pub async fn audit_log(
    State(app): State<AppState>,
    Query(q): Query<AuditParams>,
) -> Result<Json<ListResponse<AuditEntry>>, ApiError> {
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let before_id = super::error::seq_cursor(q.continue_token.as_deref())?;
    let query = AuditQuery {
        actor: q.actor,
        action_contains: q.action,
        result: q.result,
        since: q.since,
        before_id,
        limit,
    };
    let items = app.store.call(move |c| audit::list(c, &query)).await?;
    let continue_token = (items.len() == limit)
        .then(|| items.last().map(|e| e.id.to_string()))
        .flatten();
    Ok(Json(ListResponse {
        items,
        continue_token,
    }))
}
