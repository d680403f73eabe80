//! Cluster registry: list with liveness, create (returns the agent token once), delete.

use atl_core::api::{ClusterInfo, CreateClusterRequest, CreatedCluster, ListResponse};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::{Extension, Json};
use chrono::Utc;

use super::AppState;
use super::error::{ApiError, decode_json};
use super::guard::{AuditNote, Principal};
use super::users::noted;
use crate::auth::{self, AGENT_TOKEN_PREFIX};
use crate::store::clusters::{self, ClusterRow};

pub fn cluster_info(app: &AppState, row: ClusterRow) -> ClusterInfo {
    let now = Utc::now();
    let st = app.hub.state(&row.id).unwrap_or_default();
    ClusterInfo {
        status: app.hub.status_of(&row.id),
        last_heartbeat: st.last_heartbeat,
        last_snapshot: st.last_snapshot,
        snapshot_age_secs: st
            .last_snapshot
            .map(|t| (now - t).num_milliseconds().max(0) as f64 / 1000.0),
        agent_version: st.agent_version,
        id: row.id,
        description: row.description,
        created_at: row.created_at,
    }
}

/// Cluster ids appear in entity keys (`cluster/ns/kind/name`) and URLs: keep them DNS-label-like.
pub fn check_cluster_id(id: &str) -> Result<(), ApiError> {
    if atl_core::snapshot::valid_cluster_id(id) {
        Ok(())
    } else {
        Err(ApiError::BadRequest(format!(
            "invalid cluster id {id:?}: use 1-63 characters of a-z, 0-9, '-', '_' or '.'"
        )))
    }
}

pub async fn list(
    State(app): State<AppState>,
) -> Result<Json<ListResponse<ClusterInfo>>, ApiError> {
    let rows = app.store.call(|c| clusters::list(c)).await?;
    let items = rows.into_iter().map(|r| cluster_info(&app, r)).collect();
    Ok(Json(ListResponse {
        items,
        continue_token: None,
    }))
}

pub async fn get(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ClusterInfo>, ApiError> {
    let key = id.clone();
    let row = app
        .store
        .call(move |c| clusters::get(c, &key))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("cluster {id} not found")))?;
    Ok(Json(cluster_info(&app, row)))
}

pub async fn create(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: CreateClusterRequest = decode_json(&body, "cluster {id, description?}")?;
    check_cluster_id(&req.id)?;
    let token = auth::new_token(AGENT_TOKEN_PREFIX);
    let hash = app.hasher.hash(&token);
    let by = p.username.clone();
    let row = app
        .store
        .call(move |c| clusters::create(c, &req.id, &req.description, &by, &hash))
        .await?;
    let target = format!("cluster/{}", row.id);
    let info = cluster_info(&app, row);
    Ok(noted(
        (
            axum::http::StatusCode::CREATED,
            Json(CreatedCluster {
                cluster: info,
                agent_token: token,
            }),
        ),
        AuditNote {
            target: Some(target),
            ..Default::default()
        },
    ))
}

pub async fn delete(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let key = id.clone();
    app.store.call(move |c| clusters::delete(c, &key)).await?;
    app.hub.remove(&id);
    app.aiops.forget(&id);
    Ok(Json(serde_json::json!({"status": "deleted"})))
}
