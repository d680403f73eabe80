//! M5 incidents: the in-memory model and its transitions. Persistence lives
//! with the store; everything here is plain data, serialisable as is.

use serde::{Deserialize, Serialize};

use crate::engine::model::EntityKind;
use crate::engine::rootcause::Candidate;
use crate::engine::state::EntityState;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IncidentConfig {
    /// An entity entering warning joins an open incident whose root cause explains its own cause
    /// and that started at most this long ago.
    pub group_window_secs: i64,
    /// Timeline entries kept per incident (the oldest are dropped beyond it).
    pub max_timeline: usize,
    /// Severity lower bounds on the peak risk: critical, high, medium.
    pub severity: [f64; 3],
    /// A new ranking replaces the incident's root cause only when its top candidate scores this
    /// many times the current root cause's score (near-ties keep the cause found first).
    pub root_cause_switch: f64,
    /// A candidate whose anomaly began more than this long after the incident's first member's
    /// is a later, separate fault: it does not become the root cause of an incident explained by
    /// a pod, workload or node (it opens its own incident instead).
    pub cause_grace_secs: i64,
}

impl Default for IncidentConfig {
    fn default() -> Self {
        Self {
            group_window_secs: 600,
            max_timeline: 200,
            severity: [0.8, 0.6, 0.4],
            root_cause_switch: 1.2,
            cause_grace_secs: 120,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    pub fn from_risk(cfg: &IncidentConfig, r: f64) -> Self {
        let [c, h, m] = cfg.severity;
        if r >= c {
            Self::Critical
        } else if r >= h {
            Self::High
        } else if r >= m {
            Self::Medium
        } else {
            Self::Low
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentState {
    Warning,
    Incident,
    Recovery,
    Resolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    RootCause,
    Affected,
    Symptom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentEntity {
    pub entity: String,
    pub kind: EntityKind,
    pub role: Role,
    pub r_local: f64,
    pub r_final: f64,
    /// State-machine state; `None` for a root cause that is not itself a member.
    pub state: Option<EntityState>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimelineKind {
    AnomalyDetected,
    StateChange,
    MetricSpike,
    RootCauseIdentified,
    RecoveryStarted,
    Recurrence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at_ms: i64,
    pub kind: TimelineKind,
    pub entity: String,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: String,
    pub cluster: String,
    pub state: IncidentState,
    /// From the peak risk; never lowered, never blanked.
    pub severity: Severity,
    pub root_cause: Option<String>,
    pub candidates: Vec<Candidate>,
    /// Highest member risk the candidates were ranked at: the ranking that
    /// explains the worst moment is kept through recovery.
    pub candidates_risk: f64,
    pub peak_risk: f64,
    pub started_at_ms: i64,
    pub resolved_at_ms: Option<i64>,
    pub duration_secs: i64,
    pub recurrence: u32,
    pub summary: String,
    pub entities: Vec<IncidentEntity>,
    pub timeline: Vec<TimelineEntry>,
}

impl Incident {
    pub fn new(id: String, cluster: &str, at_ms: i64) -> Self {
        Self {
            id,
            cluster: cluster.to_string(),
            state: IncidentState::Warning,
            severity: Severity::Low,
            root_cause: None,
            candidates: Vec::new(),
            candidates_risk: 0.0,
            peak_risk: 0.0,
            started_at_ms: at_ms,
            resolved_at_ms: None,
            duration_secs: 0,
            recurrence: 0,
            summary: String::new(),
            entities: Vec::new(),
            timeline: Vec::new(),
        }
    }

    pub fn push(
        &mut self,
        cfg: &IncidentConfig,
        at_ms: i64,
        kind: TimelineKind,
        entity: &str,
        detail: String,
    ) {
        self.timeline.push(TimelineEntry {
            at_ms,
            kind,
            entity: entity.to_string(),
            detail,
        });
        if self.timeline.len() > cfg.max_timeline {
            // Keep the opening entry: it explains how the incident began.
            self.timeline.remove(1);
        }
    }

    pub fn member(&mut self, entity: &str) -> Option<&mut IncidentEntity> {
        self.entities.iter_mut().find(|e| e.entity == entity)
    }

    /// Members still tracked by the state machine.
    pub fn open_members(&self) -> impl Iterator<Item = &IncidentEntity> {
        self.entities.iter().filter(|e| {
            e.state
                .is_some_and(|s| !matches!(s, EntityState::Healthy | EntityState::Stable))
        })
    }

    /// The incident's state from its members' states (worst first).
    pub fn derive_state(&self) -> IncidentState {
        let states: Vec<EntityState> = self.open_members().filter_map(|e| e.state).collect();
        if states.contains(&EntityState::Incident) {
            IncidentState::Incident
        } else if states.contains(&EntityState::Warning) {
            IncidentState::Warning
        } else if states.contains(&EntityState::Recovery) {
            IncidentState::Recovery
        } else {
            IncidentState::Resolved
        }
    }

    /// Role of a member given the current root cause.
    pub fn assign_roles(&mut self) {
        let rc = self.root_cause.clone();
        for e in &mut self.entities {
            e.role = if rc.as_deref() == Some(e.entity.as_str()) {
                Role::RootCause
            } else if matches!(e.kind, EntityKind::Ingress | EntityKind::Service) {
                Role::Symptom
            } else {
                Role::Affected
            };
        }
    }

    pub fn update_summary(&mut self) {
        let members = self.entities.iter().filter(|e| e.state.is_some()).count();
        let cause = match (&self.root_cause, self.candidates.first()) {
            (Some(rc), Some(c)) => {
                let why = c
                    .evidence
                    .first()
                    .map(|f| format!(": {}", f.text))
                    .unwrap_or_default();
                format!("root cause {rc}{why}")
            }
            _ => "root cause not identified".to_string(),
        };
        self.summary = format!(
            "{members} entit{} affected, peak risk {:.2} ({}); {cause}",
            if members == 1 { "y" } else { "ies" },
            self.peak_risk,
            self.severity.as_str()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_tracks_risk_bands() {
        let c = IncidentConfig::default();
        assert_eq!(Severity::from_risk(&c, 0.3), Severity::Low);
        assert_eq!(Severity::from_risk(&c, 0.5), Severity::Medium);
        assert_eq!(Severity::from_risk(&c, 0.7), Severity::High);
        assert_eq!(Severity::from_risk(&c, 0.95), Severity::Critical);
    }

    #[test]
    fn timeline_is_bounded_and_keeps_its_opening() {
        let cfg = IncidentConfig {
            max_timeline: 3,
            ..Default::default()
        };
        let mut i = Incident::new("inc".into(), "c", 0);
        for t in 0..10 {
            i.push(&cfg, t, TimelineKind::MetricSpike, "e", format!("{t}"));
        }
        let at: Vec<i64> = i.timeline.iter().map(|e| e.at_ms).collect();
        assert_eq!(at, vec![0, 8, 9]);
    }
}
