//! The AIOps part of the user API: incidents, risk and topology as the master serves them
//! (`/api/v1/incidents`, `/api/v1/risk`, `/api/v1/topology`) and streams them (`/api/v1/watch`).
//! States and severities are the engine's snake_case names, kept as strings so a client built
//! against an older master still reads a newer one.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Timestamp;

/// One incident as listed: everything but entities, candidates and timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IncidentInfo {
    pub id: String,
    pub cluster: String,
    /// warning | incident | recovery | resolved
    pub state: String,
    /// low | medium | high | critical; tracks the peak, never lowered.
    pub severity: String,
    /// Entity key (`cluster/namespace/kind/name`) of the top-ranked root cause.
    pub root_cause: Option<String>,
    pub peak_risk: f64,
    pub started_at: Timestamp,
    pub resolved_at: Option<Timestamp>,
    /// When the incident first reached the `incident` state (confirmation).
    pub confirmed_at: Option<Timestamp>,
    pub updated_at: Timestamp,
    pub duration_secs: i64,
    pub recurrence: u32,
    pub summary: String,
}

/// A metric or rule that fired on an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    pub metric: String,
    pub score: f64,
    pub value: f64,
    /// Baseline the value was compared with (0 for rules).
    pub baseline: f64,
    /// σ for statistical findings, `score × 10` for rules.
    pub deviation: f64,
    /// Evidence or rule text.
    pub text: String,
    /// From a rule (deterministic channel) rather than a baseline.
    pub deterministic: bool,
}

/// One step of a propagation path with the share of risk it carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PathStep {
    pub from: String,
    pub to: String,
    pub edge: String,
    pub contribution: f64,
}

/// A ranked root-cause candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Candidate {
    pub entity: String,
    pub score: f64,
    pub r_local: f64,
    pub r_final: f64,
    pub evidence: Vec<Evidence>,
    /// From the affected entity to the candidate.
    pub path: Vec<PathStep>,
}

/// An entity of an incident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IncidentEntity {
    pub entity: String,
    /// node | pod | service | ingress | workload (a pod owner, only as a root cause)
    pub kind: String,
    /// root_cause | affected | symptom
    pub role: String,
    pub r_local: f64,
    pub r_final: f64,
    /// The entity's state-machine state; absent for a root cause that is not itself a member.
    pub state: Option<String>,
}

/// One timeline entry, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TimelineEntry {
    pub at: Timestamp,
    /// anomaly_detected | state_change | metric_spike | root_cause_identified | recovery_started |
    /// recurrence
    pub kind: String,
    pub entity: String,
    pub detail: String,
}

/// `GET /api/v1/incidents/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IncidentDetail {
    #[serde(flatten)]
    pub info: IncidentInfo,
    pub entities: Vec<IncidentEntity>,
    pub candidates: Vec<Candidate>,
    pub timeline: Vec<TimelineEntry>,
}

/// A count per key (severity, state, root cause).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Count {
    pub key: String,
    pub count: u64,
}

/// `GET /api/v1/incidents/stats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IncidentStats {
    pub total: u64,
    pub open: u64,
    /// Mean start → resolve of resolved incidents, seconds.
    pub mttr_secs: Option<f64>,
    /// Mean start → confirmation (first `incident` state), seconds.
    pub mttd_secs: Option<f64>,
    /// Share of incidents that recurred at least once, 0–1.
    pub recurrence_rate: f64,
    pub by_severity: BTreeMap<String, u64>,
    pub by_state: BTreeMap<String, u64>,
    /// Most frequent root causes, most frequent first (repeated incidents per entity).
    pub top_root_causes: Vec<Count>,
}

/// Risk of one entity, with the metrics that contribute to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityRisk {
    pub entity: String,
    pub kind: String,
    pub r_local: f64,
    pub r_final: f64,
    /// healthy | low | medium | high | critical
    pub level: String,
    pub findings: Vec<Evidence>,
}

/// `GET /api/v1/risk` item: a cluster's risk after its latest processed snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ClusterRisk {
    pub cluster: String,
    /// 0–1, the same unit as entity risk.
    pub risk: f64,
    /// healthy | low | warning | critical
    pub level: String,
    pub top_entity: Option<String>,
    /// Snapshot time the risk was computed at.
    pub at: Timestamp,
    pub open_incidents: u64,
    /// Entities with some risk, highest first.
    pub entities: Vec<EntityRisk>,
}

/// A node of the dependency graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TopologyNode {
    /// Entity key.
    pub id: String,
    pub cluster: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
    pub risk: f64,
    pub level: String,
}

/// A dependency edge: `from` depends on `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TopologyEdge {
    pub from: String,
    pub to: String,
    /// runs_on | selects | routes_to | calls
    pub kind: String,
}

/// `GET /api/v1/topology`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
pub struct Topology {
    pub clusters: Vec<String>,
    pub nodes: Vec<TopologyNode>,
    pub edges: Vec<TopologyEdge>,
}

/// Payload of the `incident_*` watch events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IncidentChange {
    pub incident: IncidentInfo,
    /// The state before this change (state changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_state: Option<String>,
    /// The severity before this change (escalations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_severity: Option<String>,
}
