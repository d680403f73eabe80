//! Agent API (`/agent/v1`): heartbeat, snapshot push, command long-poll, results. Every handler
//! acts only for the cluster of the presented agent token.

use atl_core::api::{Ack, HeartbeatRequest};
use axum::body::Bytes;
use axum::extract::State;
use axum::{Extension, Json};

use super::AppState;
use super::error::{ApiError, decode_json};
use super::guard::AgentIdentity;

pub async fn heartbeat(
    State(app): State<AppState>,
    Extension(agent): Extension<AgentIdentity>,
    body: Bytes,
) -> Result<Json<Ack>, ApiError> {
    let req: HeartbeatRequest = if body.is_empty() {
        HeartbeatRequest::default()
    } else {
        decode_json(&body, "heartbeat {agent_version?}")?
    };
    app.hub.heartbeat(&agent.cluster, req.agent_version);
    app.metrics.inc("atl_agent_heartbeats_total", &[]);
    Ok(Json(Ack {
        status: "ok".into(),
        stored: true,
    }))
}
