//! User side of commands: create (operator+), get, list. Results are withheld from callers whose
//! role is below the action's required role (e.g. logs for viewers).

use atl_core::api::{CommandRecord, CreateCommandRequest, ListResponse, Role, WatchEvent};
use atl_core::command::{Command, CommandResult, CommandState, DEFAULT_DEADLINE_SECS};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use chrono::Utc;
use serde::Deserialize;

use super::AppState;
use super::error::{ApiError, decode_json};
use super::guard::{AuditNote, Principal};
use super::users::noted;
use crate::store::commands::{self, CommandRow, NewCommand};
use crate::store::{StoreError, clusters};

const MAX_DEADLINE_SECS: u32 = 3600;

fn parse_state(s: &str) -> Result<CommandState, ApiError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|_| ApiError::Internal(format!("unknown command state {s:?} in database")))
}

/// The full record of a stored command (result included).
pub fn record_of(row: &CommandRow) -> Result<CommandRecord, ApiError> {
    let command: Command = serde_json::from_str(&row.spec)
        .map_err(|e| ApiError::Internal(format!("stored command {} is corrupt: {e}", row.id)))?;
    let result: Option<CommandResult> = row
        .result
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| ApiError::Internal(format!("stored result of {} is corrupt: {e}", row.id)))?;
    Ok(CommandRecord {
        command,
        state: parse_state(&row.status)?,
        delivered_at: row.delivered_at,
        finished_at: row.finished_at,
        result,
        result_withheld: false,
    })
}

/// Withhold the result from a role that may not run this action.
pub fn redact_for(mut record: CommandRecord, role: Role) -> CommandRecord {
    if role < record.command.action.required_role() && record.result.is_some() {
        record.result = None;
        record.result_withheld = true;
    }
    record
}

pub fn publish_record(app: &AppState, record: CommandRecord) {
    app.hub.publish(WatchEvent::Command {
        record: Box::new(record),
    });
}

pub async fn create(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let req: CreateCommandRequest =
        decode_json(&body, "command {cluster, action, deadline_secs?}")?;
    // Creating commands is for operators and admins, whatever the action; `required_role` of
    // the action can only raise that.
    let needed = req.action.required_role().max(Role::Operator);
    let target = format!("cluster/{}/{}", req.cluster_id, req.action.target());
    if let Err(e) = p.require(needed) {
        return Ok(noted(
            e,
            AuditNote {
                target: Some(target),
                ..Default::default()
            },
        ));
    }
    req.action
        .validate()
        .map_err(|e| ApiError::BadRequest(format!("invalid action: {e}")))?;
    let deadline = req.deadline_secs.unwrap_or(DEFAULT_DEADLINE_SECS);
    if deadline == 0 || deadline > MAX_DEADLINE_SECS {
        return Err(ApiError::BadRequest(format!(
            "deadline_secs must be between 1 and {MAX_DEADLINE_SECS}"
        )));
    }
    let cmd = Command {
        id: uuid::Uuid::new_v4().to_string(),
        cluster_id: req.cluster_id.clone(),
        action: req.action,
        requested_by: p.username.clone(),
        created_at: Utc::now(),
        deadline_secs: deadline,
    };
    let spec = serde_json::to_string(&cmd).map_err(|e| ApiError::Internal(e.to_string()))?;
    let c2 = cmd.clone();
    let row = app
        .store
        .call(move |c| {
            if clusters::get(c, &c2.cluster_id)?.is_none() {
                return Err(StoreError::NotFound(format!("cluster {}", c2.cluster_id)));
            }
            commands::insert(
                c,
                &NewCommand {
                    id: &c2.id,
                    cluster_id: &c2.cluster_id,
                    action: c2.action.name(),
                    spec: &spec,
                    min_role: c2.action.required_role(),
                    created_by: &c2.requested_by,
                    created_at: c2.created_at,
                },
            )
        })
        .await?;
    app.hub.command_bell(&cmd.cluster_id).notify_waiters();
    app.metrics.inc(
        "atl_commands_created_total",
        &[("action", cmd.action.name())],
    );
    let record = record_of(&row)?;
    publish_record(&app, record.clone());
    Ok(noted(
        (axum::http::StatusCode::CREATED, Json(record)),
        AuditNote {
            target: Some(format!("command/{} {target}", cmd.id)),
            ..Default::default()
        },
    ))
}

pub async fn get(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<Json<CommandRecord>, ApiError> {
    let key = id.clone();
    let row = app
        .store
        .call(move |c| commands::get(c, &key))
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("command {id} not found")))?;
    Ok(Json(redact_for(record_of(&row)?, p.role)))
}

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub cluster: Option<String>,
    pub state: Option<String>,
    pub limit: Option<usize>,
    #[serde(rename = "continue")]
    pub continue_token: Option<String>,
}

pub async fn list(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ListParams>,
) -> Result<Json<ListResponse<CommandRecord>>, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    let before = super::error::seq_cursor(q.continue_token.as_deref())?;
    if let Some(s) = &q.state {
        parse_state(s).map_err(|_| {
            ApiError::BadRequest(format!(
                "unknown state {s:?}: use pending, running, succeeded, failed or timed_out"
            ))
        })?;
    }
    let rows = app
        .store
        .call(move |c| commands::list(c, q.cluster.as_deref(), q.state.as_deref(), before, limit))
        .await?;
    let continue_token = (rows.len() == limit)
        .then(|| rows.last().map(|r| r.seq.to_string()))
        .flatten();
    let items = rows
        .iter()
        .map(|r| record_of(r).map(|rec| redact_for(rec, p.role)))
        .collect::<Result<_, _>>()?;
    Ok(Json(ListResponse {
        items,
        continue_token,
    }))
}
