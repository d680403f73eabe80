//! Agent API (`/agent/v1`): heartbeat, snapshot push, command long-poll, results. Every handler
//! acts only for the cluster of the presented agent token.

use std::io::Read;
use std::time::Instant;

use atl_core::ClusterSnapshot;
use atl_core::api::{Ack, CommandPoll, HeartbeatRequest};
use atl_core::command::{CommandResult, CommandState};
use axum::body::{Body, Bytes, to_bytes};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::{Extension, Json};
use serde::Deserialize;

use super::AppState;
use super::commands::{publish_record, record_of};
use super::error::{ApiError, decode_json};
use super::guard::{AgentIdentity, AuditNote};
use super::users::noted;
use crate::store::commands::{self, RecordOutcome};
use axum::response::Response;

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
    Ok(Json(ack(true)))
}

fn ack(stored: bool) -> Ack {
    Ack {
        status: "ok".into(),
        stored,
    }
}

/// Content encodings accepted for snapshots.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Encoding {
    Identity,
    Zstd,
    Gzip,
}

pub fn content_encoding(headers: &HeaderMap) -> Result<Encoding, ApiError> {
    let Some(v) = headers.get(header::CONTENT_ENCODING) else {
        return Ok(Encoding::Identity);
    };
    let v = v
        .to_str()
        .map_err(|_| ApiError::UnsupportedEncoding("Content-Encoding is not ASCII".into()))?
        .trim()
        .to_ascii_lowercase();
    match v.as_str() {
        "" | "identity" => Ok(Encoding::Identity),
        "zstd" => Ok(Encoding::Zstd),
        "gzip" | "x-gzip" => Ok(Encoding::Gzip),
        other => Err(ApiError::UnsupportedEncoding(format!(
            "Content-Encoding {other:?} is not supported: send zstd (preferred), gzip or none"
        ))),
    }
}

/// Decompress with a hard cap on the output size: a small body that inflates past `max` is
/// refused without ever holding more than `max + 1` bytes.
pub fn decompress(enc: Encoding, body: &[u8], max: usize) -> Result<Vec<u8>, ApiError> {
    let too_big = || {
        ApiError::PayloadTooLarge(format!(
            "decompressed snapshot exceeds the limit of {max} bytes (decompression-bomb guard); send a smaller snapshot or raise ATL_SNAPSHOT_MAX_DECOMPRESSED_BYTES"
        ))
    };
    if enc == Encoding::Identity {
        return if body.len() > max {
            Err(too_big())
        } else {
            Ok(body.to_vec())
        };
    }
    let mut out = Vec::with_capacity(body.len().saturating_mul(4).min(max));
    let limit = (max as u64).saturating_add(1);
    let res = match enc {
        Encoding::Zstd => {
            zstd::stream::read::Decoder::new(body).and_then(|d| d.take(limit).read_to_end(&mut out))
        }
        Encoding::Gzip => flate2::read::MultiGzDecoder::new(body)
            .take(limit)
            .read_to_end(&mut out),
        Encoding::Identity => Ok(0),
    };
    res.map_err(|e| {
        ApiError::BadRequest(format!(
            "body is not valid {} data: {e}",
            if enc == Encoding::Zstd {
                "zstd"
            } else {
                "gzip"
            }
        ))
    })?;
    if out.len() > max {
        return Err(too_big());
    }
    Ok(out)
}

/// Decode and validate a snapshot body (blocking; CPU-bound).
pub fn decode_snapshot(
    enc: Encoding,
    body: &[u8],
    max: usize,
) -> Result<ClusterSnapshot, ApiError> {
    let raw = decompress(enc, body, max)?;
    let snap: ClusterSnapshot = decode_json(&raw, "ClusterSnapshot")?;
    snap.validate()
        .map_err(|e| ApiError::InvalidJson(format!("snapshot is invalid: {e}")))?;
    Ok(snap)
}

pub async fn snapshot(
    State(app): State<AppState>,
    Extension(agent): Extension<AgentIdentity>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Ack>, ApiError> {
    let started = Instant::now();
    let result = ingest(&app, &agent, &headers, body).await;
    let outcome = match &result {
        Ok(()) => "accepted",
        Err(e) => e.code(),
    };
    app.metrics
        .inc("atl_snapshots_total", &[("result", outcome)]);
    app.metrics.add(
        "atl_snapshot_ingest_micros_total",
        &[],
        started.elapsed().as_micros() as u64,
    );
    result.map(|()| Json(ack(true)))
}

async fn ingest(
    app: &AppState,
    agent: &AgentIdentity,
    headers: &HeaderMap,
    body: Body,
) -> Result<(), ApiError> {
    let enc = content_encoding(headers)?;
    let max_body = app.config.snapshot_max_bytes;
    let bytes = to_bytes(body, max_body).await.map_err(|_| {
        ApiError::PayloadTooLarge(format!(
            "snapshot body exceeds the limit of {max_body} bytes as sent; compress it with zstd or raise ATL_SNAPSHOT_MAX_BYTES"
        ))
    })?;
    app.metrics
        .add("atl_snapshot_bytes_total", &[], bytes.len() as u64);
    let max = app.config.snapshot_max_decompressed_bytes;
    let snap = tokio::task::spawn_blocking(move || decode_snapshot(enc, &bytes, max))
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))??;
    if snap.cluster_id != agent.cluster {
        return Err(ApiError::Forbidden(format!(
            "this agent token belongs to cluster {:?} and cannot push a snapshot for cluster {:?}",
            agent.cluster, snap.cluster_id
        )));
    }
    let snap = app.hub.ingest(snap);
    if app.aiops.submit(snap) {
        app.metrics.inc("atl_engine_snapshots_dropped_total", &[]);
    }
    Ok(())
}

/// `?wait=N`: hold at most N seconds (capped by the configured poll timeout; 0 = just look).
#[derive(Debug, Deserialize)]
pub struct PollParams {
    pub wait: Option<u64>,
}

/// Long-poll: answer with the oldest pending command of the token's cluster (marking it running,
/// so it is delivered once), or with `null` after the poll timeout.
pub async fn poll_commands(
    State(app): State<AppState>,
    Extension(agent): Extension<AgentIdentity>,
    Query(q): Query<PollParams>,
) -> Result<Json<CommandPoll>, ApiError> {
    let bell = app.hub.command_bell(&agent.cluster);
    let max = app.config.command_poll_timeout;
    let hold = q.wait.map_or(max, |w| Duration::from_secs(w).min(max));
    let deadline = tokio::time::Instant::now() + hold;
    loop {
        // Register for a wake-up before looking, so a command queued in between is not missed.
        let notified = bell.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        let cluster = agent.cluster.clone();
        if let Some(row) = app
            .store
            .call(move |c| commands::take_next(c, &cluster))
            .await?
        {
            let record = record_of(&row)?;
            let cmd = record.command.clone();
            publish_record(&app, record);
            app.metrics.inc("atl_commands_delivered_total", &[]);
            return Ok(Json(CommandPoll { command: Some(cmd) }));
        }
        tokio::select! {
            _ = &mut notified => continue,
            _ = tokio::time::sleep_until(deadline) => return Ok(Json(CommandPoll { command: None })),
        }
    }
}

/// Store a command result once; a repeated report is acknowledged with `stored: false`.
pub async fn result(
    State(app): State<AppState>,
    Extension(agent): Extension<AgentIdentity>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let res: CommandResult = decode_json(&body, "CommandResult")?;
    let state = CommandState::from(res.outcome);
    let state_name = serde_json::to_value(state)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| "failed".into());
    let json = serde_json::to_string(&res).map_err(|e| ApiError::Internal(e.to_string()))?;
    let cluster = agent.cluster.clone();
    let id = res.command_id.clone();
    let outcome = app
        .store
        .call(move |c| commands::record_result(c, &cluster, &id, &state_name, &json))
        .await
        .map_err(|e| match e {
            crate::store::StoreError::NotFound(_) => ApiError::NotFound(format!(
                "command {} is not a command of cluster {}",
                res.command_id, agent.cluster
            )),
            other => other.into(),
        })?;
    let stored = match outcome {
        RecordOutcome::Stored(row) => {
            app.metrics.inc("atl_command_results_total", &[]);
            publish_record(&app, record_of(&row)?);
            true
        }
        RecordOutcome::Duplicate(_) => false,
    };
    // The audit gets the outcome, never the output (it may hold logs).
    Ok(noted(
        Json(ack(stored)),
        AuditNote {
            target: Some(format!("command/{}", res.command_id)),
            detail: Some(format!(
                "outcome={:?} stored={stored}{}",
                res.outcome,
                res.error
                    .as_deref()
                    .map(|e| format!(" error={e}"))
                    .unwrap_or_default()
            )),
            ..Default::default()
        },
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn bombs_are_cut_at_the_limit() {
        let big = vec![b' '; 10 << 20];
        let z = zstd::encode_all(&big[..], 19).unwrap();
        assert!(z.len() < 10_000);
        let e = decompress(Encoding::Zstd, &z, 1 << 20).unwrap_err();
        assert!(matches!(e, ApiError::PayloadTooLarge(_)));
        assert_eq!(
            decompress(Encoding::Zstd, &z, 11 << 20).unwrap().len(),
            10 << 20
        );
    }

    #[test]
    fn garbage_is_a_clear_400() {
        let e = decompress(Encoding::Gzip, b"not gzip", 100).unwrap_err();
        assert!(e.to_string().contains("gzip"), "{e}");
    }
}
