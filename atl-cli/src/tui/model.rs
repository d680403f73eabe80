//! View models the dashboard shows besides raw snapshots: cluster status, connection state,
//! incidents and SLOs. They are deliberately small and owned by the TUI so that the master's real
//! types (engine incidents, SLO reports) can be adapted to them in one place.

use atl_core::Timestamp;

/// Where the live data comes from and whether it is flowing (vector-top's `ConnectionStatus`).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ConnectionState {
    /// Before the first answer.
    #[default]
    Connecting,
    /// Data is flowing.
    Connected,
    /// Lost; the next attempt is at `retry_at`.
    Reconnecting { retry_at: Timestamp, attempt: u32 },
    /// Not reachable for several attempts (or started without a master); `reason` says why,
    /// `retry_at` when the next attempt is, if any.
    Offline {
        reason: String,
        retry_at: Option<Timestamp>,
    },
}

/// Risk level from a risk score in [0,1], with the engine's thresholds (SPEC §6 M3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Healthy,
    Low,
    Medium,
    High,
    Critical,
}

impl Level {
    pub fn from_risk(r: f64) -> Level {
        match r {
            r if r >= 0.8 => Level::Critical,
            r if r >= 0.6 => Level::High,
            r if r >= 0.4 => Level::Medium,
            r if r >= 0.2 => Level::Low,
            _ => Level::Healthy,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Healthy => "healthy",
            Level::Low => "low",
            Level::Medium => "medium",
            Level::High => "high",
            Level::Critical => "critical",
        }
    }
}

/// Whether a cluster's agent is heard from (the master's online / stale / offline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentState {
    /// Heard from within the stale threshold.
    Online,
    /// Late: last heard from between the stale and offline thresholds.
    Stale,
    /// Not heard from within the offline threshold, or never.
    Offline,
}

impl AgentState {
    pub fn as_str(self) -> &'static str {
        match self {
            AgentState::Online => "online",
            AgentState::Stale => "stale",
            AgentState::Offline => "offline",
        }
    }
}

/// What the master knows about one cluster besides its snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterStatus {
    pub id: String,
    /// Whether the agent is heard from; the last snapshot stays visible either way.
    pub state: AgentState,
    /// Cluster risk in [0,1].
    pub risk: f64,
    /// Agent version, when known.
    pub agent_version: Option<String>,
    /// Last snapshot or heartbeat.
    pub last_seen: Option<Timestamp>,
}

impl ClusterStatus {
    pub fn online(id: impl Into<String>) -> Self {
        ClusterStatus {
            id: id.into(),
            state: AgentState::Online,
            risk: 0.0,
            agent_version: None,
            last_seen: None,
        }
    }
}

/// One ranked root-cause candidate of an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Entity key text, e.g. `prod/shop/pod/api-1`.
    pub entity: String,
    /// Score in [0,1].
    pub score: f64,
    /// Evidence lines: fired metrics, rule texts, propagation path.
    pub evidence: Vec<String>,
}

/// One entry of an incident's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub at: Timestamp,
    /// anomaly_detected, state_change, metric_spike, root_cause_identified, recovery_started, …
    pub kind: String,
    pub text: String,
}

/// An incident as the dashboard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct IncidentView {
    pub id: String,
    pub cluster: String,
    /// warning, incident, recovery, stable, closed.
    pub state: String,
    pub severity: Level,
    pub summary: String,
    /// Entity key of the top-ranked root cause.
    pub root_cause: Option<String>,
    /// Ranked, best first (at most 5).
    pub candidates: Vec<Candidate>,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
    pub started_at: Timestamp,
    pub resolved_at: Option<Timestamp>,
    pub peak_risk: f64,
}

impl IncidentView {
    /// Still needs attention (not resolved).
    pub fn is_open(&self) -> bool {
        self.resolved_at.is_none() && !matches!(self.state.as_str(), "stable" | "closed")
    }
}

/// One SLO with its recent history.
#[derive(Debug, Clone, PartialEq)]
pub struct SloView {
    /// Ingress host/route or mesh workload.
    pub name: String,
    pub cluster: String,
    /// Availability target in (0,1), e.g. 0.999.
    pub target: f64,
    /// Window of the target in days.
    pub window_days: u32,
    /// Measured availability over the window, in [0,1].
    pub availability: f64,
    /// Error budget left as a share of the whole budget (negative when overspent).
    pub budget_remaining: f64,
    /// Burn rate over the last hour (1.0 spends the budget exactly over the window).
    pub burn_rate_1h: f64,
    /// p99 latency now (ms).
    pub p99_ms: f64,
    /// Latency target (ms), when one is set.
    pub latency_target_ms: Option<f64>,
    /// Success ratio per minute, oldest first (sparkline).
    pub series: Vec<f64>,
}
