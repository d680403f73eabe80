//! HTTP listeners: the user API (gateway), the agent API, and the loopback metrics endpoint.

pub mod agent;
pub mod clusters;
pub mod commands;
pub mod error;
pub mod guard;
pub mod incidents;
pub mod misc;
pub mod resources;
pub mod routes;
pub mod throttle;
pub mod users;
pub mod watch;

use std::sync::Arc;

use atl_core::ClusterSnapshot;
use atl_core::aiops::{ClusterRisk, IncidentDetail, IncidentInfo, IncidentStats, Topology};
use atl_core::api::{
    Ack, AuditEntry, ClusterInfo, CommandPoll, CommandRecord, CreateClusterRequest,
    CreateCommandRequest, CreateTokenRequest, CreateUserRequest, CreatedCluster, CreatedToken,
    Health, HeartbeatRequest, ListResponse, LoginRequest, LoginResponse, ResourceItem, Role,
    SeriesPoint, TokenInfo, UpdateUserRequest, UserInfo,
};
use atl_core::command::CommandResult;
use axum::Router;
use axum::http::Method;

use crate::auth::TokenHasher;
use crate::config::Config;
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::store::Store;
use routes::{Access, ApiRouter, RouteDoc, schema};

/// Everything a handler needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub store: Store,
    pub hasher: TokenHasher,
    pub hub: Arc<Hub>,
    pub aiops: Arc<crate::aiops::Aiops>,
    pub metrics: Arc<Metrics>,
    pub openapi: Arc<String>,
    pub login_throttle: Arc<throttle::LoginThrottle>,
    /// Turns true when the master shuts down; long-lived streams end on it so a graceful
    /// shutdown does not wait for clients that never disconnect.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

const V: Access = Access::User(Role::Viewer);
const O: Access = Access::User(Role::Operator);
const A: Access = Access::User(Role::Admin);

/// The gateway's route table.
pub fn gateway_routes() -> ApiRouter {
    use Method as M;
    ApiRouter::default()
        .add(RouteDoc::new(M::GET, "/healthz", Access::Public, "liveness").resp(schema::<Health>), misc::healthz)
        .add(RouteDoc::new(M::GET, "/readyz", Access::Public, "readiness (database reachable)").resp(schema::<Health>), misc::readyz)
        .add(RouteDoc::new(M::GET, "/api/v1/openapi.json", Access::Public, "this document"), misc::openapi)
        .add(
            RouteDoc::new(M::POST, "/api/v1/login", Access::Public, "log in; returns a session token")
                .req(schema::<LoginRequest>)
                .resp(schema::<LoginResponse>),
            users::login,
        )
        .add(RouteDoc::new(M::POST, "/api/v1/logout", V, "revoke the presented session token"), users::logout)
        .add(RouteDoc::new(M::GET, "/api/v1/me", V, "the caller, with the token's effective role").resp(schema::<UserInfo>), users::me)
        .add(RouteDoc::new(M::GET, "/api/v1/users", A, "list users").resp(schema::<ListResponse<UserInfo>>), users::list_users)
        .add(
            RouteDoc::new(M::POST, "/api/v1/users", A, "create a user")
                .req(schema::<CreateUserRequest>)
                .resp(schema::<UserInfo>),
            users::create_user,
        )
        .add(RouteDoc::new(M::GET, "/api/v1/users/{id}", A, "get a user").resp(schema::<UserInfo>), users::get_user)
        .add(
            RouteDoc::new(M::PATCH, "/api/v1/users/{id}", A, "change password, role or disabled; sessions are revoked on password change or disable")
                .req(schema::<UpdateUserRequest>)
                .resp(schema::<UserInfo>),
            users::update_user,
        )
        .add(RouteDoc::new(M::DELETE, "/api/v1/users/{id}", A, "delete a user and their tokens"), users::delete_user)
        .add(
            RouteDoc::new(M::GET, "/api/v1/tokens", V, "list your API tokens (admins: ?all=true for everyone's)")
                .query(&[("all", "admins: list every user's API tokens")])
                .resp(schema::<ListResponse<TokenInfo>>),
            users::list_tokens,
        )
        .add(
            RouteDoc::new(M::POST, "/api/v1/tokens", V, "create an API token with a role no higher than yours; the value is shown once")
                .req(schema::<CreateTokenRequest>)
                .resp(schema::<CreatedToken>),
            users::create_token,
        )
        .add(RouteDoc::new(M::DELETE, "/api/v1/tokens/{id}", V, "revoke a token (your own; admins: any)"), users::revoke_token)
        .add(RouteDoc::new(M::GET, "/api/v1/clusters", V, "list clusters with status").resp(schema::<ListResponse<ClusterInfo>>), clusters::list)
        .add(
            RouteDoc::new(M::POST, "/api/v1/clusters", A, "register a cluster; the agent token is shown once")
                .req(schema::<CreateClusterRequest>)
                .resp(schema::<CreatedCluster>),
            clusters::create,
        )
        .add(RouteDoc::new(M::GET, "/api/v1/clusters/{id}", V, "one cluster with status").resp(schema::<ClusterInfo>), clusters::get)
        .add(RouteDoc::new(M::DELETE, "/api/v1/clusters/{id}", A, "delete a cluster, its agent token and its commands"), clusters::delete)
        .add(
            RouteDoc::new(M::GET, "/api/v1/clusters/{id}/telemetry", V, "telemetry of the latest snapshot: node usage, ingress/mesh/APM SLIs, per-minute SLI series")
                .resp(schema::<atl_core::telemetry::Telemetry>),
            resources::telemetry,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/clusters/{id}/series", V, "per-minute derived series of the last hour")
                .resp(schema::<ListResponse<SeriesPoint>>),
            resources::series,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/resources/{kind}", V, "list objects of a kind across one or all clusters (secrets: operator)")
                .query(resources::RESOURCE_QUERY)
                .resp(schema::<ListResponse<ResourceItem>>),
            resources::list,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/resources/{kind}/{name}", V, "one object by name (409 when ambiguous: add cluster= and namespace=)")
                .query(&[("cluster", "cluster id"), ("namespace", "namespace")])
                .resp(schema::<ResourceItem>),
            resources::get,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/events", V, "Kubernetes events across one or all clusters")
                .query(&[
                    ("cluster", "one cluster id; absent = all"),
                    ("namespace", "one namespace"),
                    ("type", "Normal or Warning"),
                    ("fieldSelector", "metadata.name, metadata.namespace"),
                    ("limit", "page size"),
                    ("continue", "cursor"),
                ])
                .resp(schema::<ListResponse<ResourceItem>>),
            resources::events,
        )
        .add(
            RouteDoc::new(M::POST, "/api/v1/commands", O, "queue a command for a cluster's agent (operator+; audited)")
                .req(schema::<CreateCommandRequest>)
                .resp(schema::<CommandRecord>),
            commands::create,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/commands", V, "command history, newest first")
                .query(&[
                    ("cluster", "cluster id"),
                    ("state", "pending | running | succeeded | failed | timed_out"),
                    ("limit", "1-500, default 50"),
                    ("continue", "cursor"),
                ])
                .resp(schema::<ListResponse<CommandRecord>>),
            commands::list,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/commands/{id}", V, "one command with its result (withheld below the action's role)")
                .resp(schema::<CommandRecord>),
            commands::get,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/incidents", V, "AIOps incidents, newest first")
                .query(incidents::LIST_QUERY)
                .resp(schema::<ListResponse<IncidentInfo>>),
            incidents::list,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/incidents/stats", V, "incident statistics: MTTR, MTTD, recurrence rate, by severity and state, top root causes")
                .query(&[("cluster", "one cluster id; absent = all"), ("since", "RFC 3339 time: incidents started at or after it")])
                .resp(schema::<IncidentStats>),
            incidents::stats,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/incidents/{id}", V, "one incident with entities, ranked root-cause candidates (evidence, paths) and timeline")
                .resp(schema::<IncidentDetail>),
            incidents::get,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/risk", V, "cluster risk after the latest processed snapshot, with entities by risk and their contributing metrics")
                .query(&[("cluster", "one cluster id; absent = all")])
                .resp(schema::<ListResponse<ClusterRisk>>),
            incidents::risk,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/topology", V, "dependency graph (ingress → service → pod → node) with each node's risk")
                .query(&[("cluster", "one cluster id; absent = all"), ("namespace", "objects of one namespace and what they depend on")])
                .resp(schema::<Topology>),
            incidents::topology,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/watch", V, "SSE stream: cluster_status, command and incident_* events (created, escalated, state_changed, updated, resolved)"),
            watch::watch,
        )
        .add(
            RouteDoc::new(M::GET, "/api/v1/audit", A, "audit log, newest first")
                .query(&[
                    ("actor", "exact actor (alias: user)"),
                    ("action", "substring of `METHOD /route`"),
                    ("result", "ok | denied | failed | error"),
                    ("since", "RFC 3339 time"),
                    ("limit", "1-1000, default 100"),
                    ("continue", "cursor from the previous page"),
                ])
                .resp(schema::<ListResponse<AuditEntry>>),
            misc::audit_log,
        )
}

/// The agent API's route table.
pub fn agent_routes() -> ApiRouter {
    use Method as M;
    ApiRouter::default()
        .add(
            RouteDoc::new(M::GET, "/healthz", Access::Public, "liveness").resp(schema::<Health>),
            misc::healthz,
        )
        .add(
            RouteDoc::new(
                M::POST,
                "/agent/v1/heartbeat",
                Access::Agent,
                "agent heartbeat for the token's cluster",
            )
            .req(schema::<HeartbeatRequest>)
            .resp(schema::<Ack>),
            agent::heartbeat,
        )
        .add(
            RouteDoc::new(
                M::POST,
                "/agent/v1/snapshot",
                Access::Agent,
                "push the cluster's snapshot (Content-Encoding zstd, gzip or none)",
            )
            .req(schema::<ClusterSnapshot>)
            .resp(schema::<Ack>),
            agent::snapshot,
        )
        .add(
            RouteDoc::new(
                M::GET,
                "/agent/v1/commands",
                Access::Agent,
                "long-poll the next command of the token's cluster",
            )
            .query(&[(
                "wait",
                "seconds to hold the poll (capped by the server's poll timeout)",
            )])
            .resp(schema::<CommandPoll>),
            agent::poll_commands,
        )
        .add(
            RouteDoc::new(
                M::POST,
                "/agent/v1/result",
                Access::Agent,
                "report a command's result (idempotent by command id)",
            )
            .req(schema::<CommandResult>)
            .resp(schema::<Ack>),
            agent::result,
        )
}

/// Attach the guard and state to a route table.
pub fn finish_router(api: ApiRouter, app: AppState, listener: &'static str) -> Router {
    let gs = guard::GuardState {
        routes: Arc::new(api.index()),
        app: app.clone(),
        listener,
    };
    api.router
        .route_layer(axum::middleware::from_fn_with_state(gs, guard::guard))
        // The guard (and the snapshot handler) enforce per-route limits with JSON errors;
        // axum's blanket 2 MB default would cut command results short with a text answer.
        .layer(axum::extract::DefaultBodyLimit::disable())
        .fallback(|| async {
            error::ApiError::NotFound("no such route; see /api/v1/openapi.json".into())
        })
        .with_state(app)
}

/// The OpenAPI document of both listeners.
pub fn openapi_document() -> String {
    let g = gateway_routes();
    let a = agent_routes();
    routes::openapi("atl-master", &[("gateway", &g.docs), ("agent", &a.docs)]).to_string()
}

/// Router of the metrics listener.
pub fn metrics_router(app: AppState) -> Router {
    Router::new()
        .route("/metrics", axum::routing::get(misc::metrics))
        .with_state(app)
}
