//! M4 per-entity state machine. Timers run on snapshot time only.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityState {
    Healthy,
    Warning,
    Incident,
    Recovery,
    Stable,
}

impl EntityState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Warning => "warning",
            Self::Incident => "incident",
            Self::Recovery => "recovery",
            Self::Stable => "stable",
        }
    }
}

/// Every threshold and duration of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StateConfig {
    /// healthy → warning when R_final > this …
    pub warning_above: f64,
    /// … for this long.
    pub warning_secs: i64,
    /// warning → healthy when R_final < this for `healthy_secs`.
    pub healthy_below: f64,
    pub healthy_secs: i64,
    /// warning → incident when R_final > this for `incident_secs`.
    pub incident_above: f64,
    pub incident_secs: i64,
    /// incident → recovery when R_final < this for `recovery_secs`.
    pub recovery_below: f64,
    pub recovery_secs: i64,
    /// recovery → warning (recurrence) as soon as R_final > this.
    pub recurrence_above: f64,
    /// recovery → stable after this long without recurrence.
    pub stable_secs: i64,
    /// Entities not evaluated for this long are closed.
    pub stale_secs: i64,
}

impl Default for StateConfig {
    fn default() -> Self {
        Self {
            warning_above: 0.2,
            warning_secs: 120,
            healthy_below: 0.15,
            healthy_secs: 300,
            incident_above: 0.5,
            incident_secs: 300,
            recovery_below: 0.15,
            recovery_secs: 600,
            recurrence_above: 0.2,
            stable_secs: 1800,
            stale_secs: 1800,
        }
    }
}

/// State of one entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub state: EntityState,
    /// The transition whose condition currently holds, and since when (ms).
    pending: Option<(EntityState, i64)>,
    pub last_r: f64,
    pub last_evaluated_ms: i64,
    pub recurrence: u32,
}

impl Default for Entry {
    fn default() -> Self {
        Self {
            state: EntityState::Healthy,
            pending: None,
            last_r: 0.0,
            last_evaluated_ms: 0,
            recurrence: 0,
        }
    }
}

/// A state change of one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub from: EntityState,
    pub to: EntityState,
    /// recovery → warning.
    pub recurrence: bool,
}

impl Entry {
    /// An entry continued from stored state (after a restart), with no timer running.
    pub fn restored(state: EntityState, last_r: f64, last_evaluated_ms: i64) -> Self {
        Self {
            state,
            pending: None,
            last_r,
            last_evaluated_ms,
            recurrence: 0,
        }
    }

    /// Whether a healthy entry with nothing pending can be dropped.
    pub fn is_idle(&self) -> bool {
        self.state == EntityState::Healthy && self.pending.is_none()
    }

    /// Evaluates R_final at `now_ms`; returns the transition that fired, if any.
    pub fn evaluate(&mut self, cfg: &StateConfig, r: f64, now_ms: i64) -> Option<Change> {
        use EntityState::*;
        self.last_r = r;
        self.last_evaluated_ms = now_ms;
        // The candidate transition whose condition holds now, with its minimum duration.
        let candidate = match self.state {
            Healthy if r > cfg.warning_above => Some((Warning, cfg.warning_secs)),
            Warning if r > cfg.incident_above => Some((Incident, cfg.incident_secs)),
            Warning if r < cfg.healthy_below => Some((Healthy, cfg.healthy_secs)),
            Incident if r < cfg.recovery_below => Some((Recovery, cfg.recovery_secs)),
            Recovery if r > cfg.recurrence_above => Some((Warning, 0)),
            Recovery => Some((Stable, cfg.stable_secs)),
            _ => None,
        };
        let Some((to, min_secs)) = candidate else {
            self.pending = None;
            return None;
        };
        // A timer belongs to one transition: switching condition restarts it.
        let since = match self.pending {
            Some((t, since)) if t == to => since,
            _ => now_ms,
        };
        self.pending = Some((to, since));
        if now_ms - since < min_secs * 1000 {
            return None;
        }
        let change = Change {
            from: self.state,
            to,
            recurrence: self.state == Recovery && to == Warning,
        };
        if change.recurrence {
            self.recurrence += 1;
        }
        self.state = to;
        self.pending = None;
        Some(change)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use EntityState::*;

    const MIN: i64 = 60_000;

    /// Feeds `r` every 10 s from `start` for `mins` minutes; returns the changes.
    fn run(e: &mut Entry, r: f64, start: i64, mins: i64) -> Vec<(i64, Change)> {
        let cfg = StateConfig::default();
        (0..=(mins * 6))
            .filter_map(|i| {
                let t = start + i * 10_000;
                e.evaluate(&cfg, r, t).map(|c| (t, c))
            })
            .collect()
    }

    #[test]
    fn healthy_to_warning_after_two_minutes() {
        let mut e = Entry::default();
        let ch = run(&mut e, 0.3, 0, 3);
        assert_eq!(ch.len(), 1);
        assert_eq!(ch[0].0, 2 * MIN);
        assert_eq!(ch[0].1.to, Warning);
    }

    #[test]
    fn full_lifecycle_with_recurrence() {
        let mut e = Entry::default();
        run(&mut e, 0.6, 0, 3);
        assert_eq!(e.state, Warning);
        let ch = run(&mut e, 0.6, 3 * MIN, 6);
        assert_eq!(ch[0].1.to, Incident);
        let ch = run(&mut e, 0.1, 10 * MIN, 11);
        assert_eq!(ch[0].1.to, Recovery);
        let ch = run(&mut e, 0.3, 22 * MIN, 0);
        assert_eq!(
            ch[0].1,
            Change {
                from: Recovery,
                to: Warning,
                recurrence: true
            }
        );
        assert_eq!(e.recurrence, 1);
    }

    #[test]
    fn recovery_becomes_stable_while_still_evaluated() {
        let mut e = Entry {
            state: Recovery,
            ..Default::default()
        };
        let ch = run(&mut e, 0.05, 0, 31);
        assert_eq!(ch.len(), 1);
        assert_eq!(ch[0].0, 30 * MIN);
        assert_eq!(ch[0].1.to, Stable);
    }

    #[test]
    fn interrupted_condition_restarts_the_timer() {
        let mut e = Entry::default();
        assert!(run(&mut e, 0.3, 0, 1).is_empty());
        run(&mut e, 0.0, MIN + 10_000, 0);
        assert!(run(&mut e, 0.3, MIN + 20_000, 1).is_empty());
        assert_eq!(e.state, Healthy);
    }

    #[test]
    fn warning_returns_to_healthy_and_moderate_risk_stays_warning() {
        let mut e = Entry::default();
        run(&mut e, 0.3, 0, 3);
        assert!(run(&mut e, 0.3, 3 * MIN, 10).is_empty());
        let ch = run(&mut e, 0.1, 14 * MIN, 6);
        assert_eq!(ch[0].1.to, Healthy);
    }
}
