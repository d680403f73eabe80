//! Types of the master's user API (`/api/v1`) and agent API (`/agent/v1`), shared by atl-master
//! and the atl CLI. Field names are the JSON names; times are RFC 3339 UTC.

use crate::command::{Action, Command, CommandResult, CommandState};
use crate::kind::ResourceKind;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// API version prefix of the user API.
pub const USER_API_PREFIX: &str = "/api/v1";
/// API version prefix of the agent API.
pub const AGENT_API_PREFIX: &str = "/agent/v1";

pub use crate::role::Role;

/// Every error body of both APIs: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A machine-readable code (`unauthorized`, `forbidden`, `not_found`, `bad_request`,
/// `payload_too_large`, `unsupported_encoding`, `invalid_json`, `conflict`, `internal`) and a
/// message for humans that says what was wrong and what to do.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

/// `POST /api/v1/login`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Answer to a successful login: an opaque bearer token.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: DateTime<Utc>,
    pub user: UserInfo,
}

/// A user as the API shows it (never the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UserInfo {
    pub id: i64,
    pub username: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
}

/// `POST /api/v1/users` (admin).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CreateUserRequest {
    pub username: String,
    pub password: String,
    pub role: Role,
}

/// `PATCH /api/v1/users/{id}` (admin). Absent fields are left unchanged.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct UpdateUserRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

/// `POST /api/v1/tokens`: an API token for CI, with a role no higher than the creator's.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CreateTokenRequest {
    pub name: String,
    pub role: Role,
    /// Lifetime in seconds; absent = no expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl_secs: Option<u64>,
}

/// A token as listed (never its value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TokenInfo {
    pub id: String,
    pub name: String,
    /// `api` or `session`.
    pub kind: String,
    pub role: Role,
    pub owner: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Answer to token creation: the only time the token value is shown.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CreatedToken {
    pub token: String,
    pub info: TokenInfo,
}

/// Connection state of a cluster's agent, from heartbeat and snapshot age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClusterStatus {
    /// Heard from within the stale threshold.
    Online,
    /// Last heard from between the stale and offline thresholds.
    Stale,
    /// Not heard from within the offline threshold, or never.
    Offline,
}

/// `GET /api/v1/clusters` item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClusterInfo {
    pub id: String,
    pub description: String,
    pub status: ClusterStatus,
    pub created_at: DateTime<Utc>,
    pub last_heartbeat: Option<DateTime<Utc>>,
    /// When the master received the latest snapshot.
    pub last_snapshot: Option<DateTime<Utc>>,
    /// Seconds since the latest snapshot was received.
    pub snapshot_age_secs: Option<f64>,
    pub agent_version: Option<String>,
}

/// `POST /api/v1/clusters` (admin).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CreateClusterRequest {
    /// Cluster id: 1–63 of `[a-z0-9-]`, starting with a letter or digit.
    pub id: String,
    #[serde(default)]
    pub description: String,
}

/// Answer to cluster creation: the agent token is shown only here.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CreatedCluster {
    pub cluster: ClusterInfo,
    pub agent_token: String,
}

/// A page of a list: `continue` is an opaque cursor for the next page, absent on the last one.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    #[serde(rename = "continue", default, skip_serializing_if = "Option::is_none")]
    pub continue_token: Option<String>,
}

/// One audit record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Username, `agent:<cluster>`, or `anonymous`.
    pub actor: String,
    pub role: Option<Role>,
    /// Peer socket address as seen by the master (proxy headers are not trusted).
    pub peer: String,
    /// `METHOD /route/pattern`, e.g. `POST /api/v1/commands`.
    pub action: String,
    /// The concrete path or object acted on.
    pub target: String,
    /// `ok`, `denied`, `failed` or `error`.
    pub result: String,
    pub status: u16,
    /// Request body with secret-looking fields masked, or a short note.
    pub detail: Option<String>,
}

/// `POST /agent/v1/heartbeat` body (optional; an empty body is accepted).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct HeartbeatRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_version: Option<String>,
}

/// Generic acknowledgement of agent pushes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Ack {
    pub status: String,
    /// For results: false when the command already had a result (idempotent re-report).
    #[serde(default = "yes")]
    pub stored: bool,
}

fn yes() -> bool {
    true
}

/// `/healthz` and `/readyz` body.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Health {
    pub status: String,
}

/// `POST /api/v1/commands` (operator or above).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCommandRequest {
    /// Target cluster id (`cluster` is accepted too).
    #[serde(alias = "cluster")]
    pub cluster_id: String,
    /// What to do.
    pub action: Action,
    /// Seconds the agent has once it received the command (default
    /// `atl_core::command::DEFAULT_DEADLINE_SECS`, at most 3600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_secs: Option<u32>,
}

/// A command as the user API shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CommandRecord {
    /// The command's fields (`id`, `cluster_id`, `action`, ...) at the top level.
    #[serde(flatten)]
    pub command: Command,
    pub state: CommandState,
    /// When the agent took it.
    pub delivered_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    /// The agent's report. Absent until finished, and withheld (`result_withheld`) from callers
    /// whose role may not run this action (e.g. logs for viewers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<CommandResult>,
    #[serde(default)]
    pub result_withheld: bool,
}

/// Answer to the agent's long-poll `GET /agent/v1/commands`: `command` is null when the poll
/// timed out with nothing to do.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct CommandPoll {
    pub command: Option<Command>,
}

/// One object of a resource listing, with the cluster it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResourceItem {
    pub cluster: String,
    pub kind: ResourceKind,
    /// The slim object as the snapshot carries it (see the snapshot JSON Schema).
    pub object: serde_json::Value,
}

/// Per-minute derived series point of a cluster (hub history).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SeriesPoint {
    /// Start of the minute (master clock).
    pub minute: DateTime<Utc>,
    pub pods_total: u64,
    pub pods_running: u64,
    pub pods_pending: u64,
    pub pods_failed: u64,
    /// Pods whose `reason` is set (CrashLoopBackOff, OOMKilled, ...).
    pub pods_unhealthy: u64,
    /// Sum of container restarts over all pods.
    pub restarts_total: u64,
    pub nodes_total: u64,
    pub nodes_ready: u64,
    pub warning_events: u64,
}

/// One event of the `/api/v1/watch` SSE stream (the SSE `event:` name is the `type`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WatchEvent {
    /// A cluster's agent status changed.
    ClusterStatus {
        cluster: String,
        status: ClusterStatus,
        previous: Option<ClusterStatus>,
        at: DateTime<Utc>,
    },
    /// A command changed state (delivered, finished). The result is withheld from callers whose
    /// role may not run the action.
    Command { record: Box<CommandRecord> },
    /// The AIOps engine opened an incident.
    IncidentCreated(Box<crate::aiops::IncidentChange>),
    /// An incident's severity rose (it tracks the peak risk).
    IncidentEscalated(Box<crate::aiops::IncidentChange>),
    /// An incident's state changed (warning, incident, recovery), other than resolution.
    IncidentStateChanged(Box<crate::aiops::IncidentChange>),
    /// Entities, root cause or timeline of an incident changed.
    IncidentUpdated(Box<crate::aiops::IncidentChange>),
    /// An incident was resolved.
    IncidentResolved(Box<crate::aiops::IncidentChange>),
}
