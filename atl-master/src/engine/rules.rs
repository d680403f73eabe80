//! The deterministic channel: Kubernetes and telemetry facts that are
//! anomalous by definition, scored by a fixed table (reference §2 B1–B5).

use serde::{Deserialize, Serialize};

use atl_core::k8s::{ContainerState, Event, Node, Pod};
use atl_core::telemetry::{ApmService, LogStats};

use crate::engine::model::Signal;

/// Scores and windows of every deterministic rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RulesConfig {
    pub oom_killed: f64,
    pub crash_loop: f64,
    pub config_error: f64,
    pub recent_crash: f64,
    pub image_pull: f64,
    pub not_ready: f64,
    /// A container that terminated this long ago (or less) counts as a recent crash.
    pub recent_crash_secs: i64,
    pub critical_event: f64,
    pub critical_event_secs: i64,
    /// (unavailable share, score), highest share first.
    pub workload_unavailable: [(f64, f64); 2],
    pub memory_pressure: f64,
    pub disk_pressure: f64,
    pub pid_pressure: f64,
    /// Node Ready condition False (or Unknown once reported: the kubelet stopped posting).
    pub node_not_ready: f64,
    /// APM error ratio above this fires; tiers (ratio, score), highest first.
    pub apm_error_ratio: f64,
    pub apm_error_tiers: [(f64, f64); 3],
    pub apm_p99_ms: f64,
    pub apm_p99_tiers: [(f64, f64); 3],
    /// ERROR log lines per telemetry window above this fire.
    pub log_errors: f64,
    pub log_error_tiers: [(f64, f64); 3],
}

impl Default for RulesConfig {
    fn default() -> Self {
        Self {
            oom_killed: 0.95,
            crash_loop: 0.90,
            config_error: 0.80,
            recent_crash: 0.75,
            image_pull: 0.70,
            not_ready: 0.60,
            recent_crash_secs: 600,
            critical_event: 0.85,
            critical_event_secs: 300,
            workload_unavailable: [(0.75, 0.95), (0.50, 0.80)],
            memory_pressure: 0.85,
            disk_pressure: 0.80,
            pid_pressure: 0.75,
            node_not_ready: 0.90,
            apm_error_ratio: 0.15,
            apm_error_tiers: [(0.50, 0.95), (0.30, 0.85), (0.0, 0.75)],
            apm_p99_ms: 5000.0,
            apm_p99_tiers: [(10_000.0, 0.90), (7000.0, 0.80), (0.0, 0.75)],
            log_errors: 500.0,
            log_error_tiers: [(2000.0, 0.90), (1000.0, 0.80), (0.0, 0.75)],
        }
    }
}

fn tier(tiers: &[(f64, f64)], value: f64) -> f64 {
    tiers
        .iter()
        .find(|(at, _)| value >= *at)
        .map_or(0.0, |(_, s)| *s)
}

/// Container finding with its reason and score.
fn classify_container(
    cfg: &RulesConfig,
    c: &atl_core::k8s::Container,
    now_s: i64,
) -> Option<(f64, String)> {
    let reason = |r: &str| -> Option<f64> {
        match r {
            "OOMKilled" => Some(cfg.oom_killed),
            "CrashLoopBackOff" => Some(cfg.crash_loop),
            "CreateContainerConfigError" | "CreateContainerError" | "RunContainerError" => {
                Some(cfg.config_error)
            }
            "ImagePullBackOff" | "ErrImagePull" | "InvalidImageName" => Some(cfg.image_pull),
            _ => None,
        }
    };
    match &c.state {
        Some(ContainerState::Waiting {
            reason: Some(r), ..
        }) => reason(r).map(|s| (s, r.clone())),
        Some(ContainerState::Terminated(t)) if t.reason.as_deref() == Some("OOMKilled") => {
            Some((cfg.oom_killed, "OOMKilled".into()))
        }
        Some(ContainerState::Running { .. }) => {
            let recent = c.restart_count > 0
                && c.last_termination.as_ref().is_some_and(|t| {
                    t.reason.as_deref().is_some_and(|r| !r.is_empty())
                        && t.finished_at.is_some_and(|f| {
                            let age = now_s - f.timestamp();
                            (0..=cfg.recent_crash_secs).contains(&age)
                        })
                });
            if recent {
                let oom = c
                    .last_termination
                    .as_ref()
                    .is_some_and(|t| t.reason.as_deref() == Some("OOMKilled"));
                Some(if oom {
                    (cfg.oom_killed, "OOMKilled".into())
                } else {
                    (cfg.recent_crash, "RecentCrash".into())
                })
            } else if !c.ready {
                Some((cfg.not_ready, "NotReady".into()))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `container_anomaly`: the worst container of the pod.
pub fn container_anomaly(cfg: &RulesConfig, pod: &Pod, now_s: i64) -> Option<Signal> {
    pod.containers
        .iter()
        .filter_map(|c| classify_container(cfg, c, now_s).map(|(s, r)| (s, r, &c.name)))
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.2.cmp(a.2)))
        .map(|(score, reason, name)| Signal {
            metric: "container_anomaly".into(),
            score,
            value: score,
            text: format!("{reason} in container {name}"),
        })
}

/// `critical_event`: a critical Warning event about the pod within the window.
pub fn critical_event(cfg: &RulesConfig, events: &[&Event], now_s: i64) -> Option<Signal> {
    events
        .iter()
        .filter(|e| e.is_critical())
        .filter_map(|e| {
            let at = e.last_seen.or(e.first_seen)?.timestamp();
            let age = now_s - at;
            (0..=cfg.critical_event_secs)
                .contains(&age)
                .then_some((at, *e))
        })
        .max_by_key(|(at, e)| (*at, e.reason.clone()))
        .map(|(_, e)| Signal {
            metric: "critical_event".into(),
            score: cfg.critical_event,
            value: cfg.critical_event,
            text: format!("event {}: {}", e.reason, e.message),
        })
}

/// `deployment_impact`: the pod is not ready and its workload is mostly unavailable.
pub fn workload_impact(
    cfg: &RulesConfig,
    pod: &Pod,
    workload: &str,
    replicas: u32,
    ready: u32,
) -> Option<Signal> {
    if replicas == 0 || pod.ready_containers >= pod.total_containers {
        return None;
    }
    let share = f64::from(replicas.saturating_sub(ready)) / f64::from(replicas);
    let score = tier(&cfg.workload_unavailable, share);
    (score > 0.0).then(|| Signal {
        metric: "deployment_impact".into(),
        score,
        value: share,
        text: format!(
            "{workload}: {} of {replicas} replicas unavailable",
            replicas.saturating_sub(ready)
        ),
    })
}

/// Node pressure conditions.
pub fn node_pressure(cfg: &RulesConfig, node: &Node) -> Vec<Signal> {
    let p = &node.pressure;
    [
        (
            p.memory,
            "memory_pressure",
            cfg.memory_pressure,
            "MemoryPressure",
        ),
        (p.disk, "disk_pressure", cfg.disk_pressure, "DiskPressure"),
        (p.pid, "pid_pressure", cfg.pid_pressure, "PIDPressure"),
    ]
    .into_iter()
    .filter(|(on, ..)| *on)
    .map(|(_, metric, score, cond)| Signal {
        metric: metric.into(),
        score,
        value: 1.0,
        text: format!("node condition {cond}"),
    })
    .collect()
}

/// APM error-ratio and p99 thresholds.
pub fn apm(cfg: &RulesConfig, s: &ApmService) -> Vec<Signal> {
    let mut out = Vec::new();
    if s.error_ratio > cfg.apm_error_ratio {
        out.push(Signal {
            metric: "apm_high_error_rate".into(),
            score: tier(&cfg.apm_error_tiers, s.error_ratio),
            value: s.error_ratio,
            text: format!(
                "error ratio {:.1}% above {:.0}%",
                s.error_ratio * 100.0,
                cfg.apm_error_ratio * 100.0
            ),
        });
    }
    if s.p99_ms > cfg.apm_p99_ms {
        out.push(Signal {
            metric: "apm_high_p99_latency".into(),
            score: tier(&cfg.apm_p99_tiers, s.p99_ms),
            value: s.p99_ms,
            text: format!("p99 {:.0} ms above {:.0} ms", s.p99_ms, cfg.apm_p99_ms),
        });
    }
    out
}

/// ERROR log volume of a service.
pub fn log_errors(cfg: &RulesConfig, l: &LogStats) -> Option<Signal> {
    let n = l.error as f64;
    (n > cfg.log_errors).then(|| Signal {
        metric: "log_error_spike".into(),
        score: tier(&cfg.log_error_tiers, n),
        value: n,
        text: format!("{} ERROR log lines above {}", l.error, cfg.log_errors),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::k8s::{Container, Termination};
    use chrono::{TimeZone, Utc};

    fn pod_with(c: Container) -> Pod {
        Pod {
            total_containers: 1,
            ready_containers: u32::from(c.ready),
            containers: vec![c],
            ..Default::default()
        }
    }

    fn waiting(reason: &str) -> Container {
        Container {
            name: "api".into(),
            state: Some(ContainerState::Waiting {
                reason: Some(reason.into()),
                message: None,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn container_table_scores() {
        let cfg = RulesConfig::default();
        for (reason, score) in [
            ("CrashLoopBackOff", 0.90),
            ("OOMKilled", 0.95),
            ("ImagePullBackOff", 0.70),
            ("ErrImagePull", 0.70),
            ("CreateContainerConfigError", 0.80),
        ] {
            let s = container_anomaly(&cfg, &pod_with(waiting(reason)), 0).unwrap();
            assert_eq!(s.score, score, "{reason}");
            assert_eq!(s.text, format!("{reason} in container api"));
        }
        assert!(container_anomaly(&cfg, &pod_with(waiting("ContainerCreating")), 0).is_none());
    }

    #[test]
    fn recent_and_old_crashes() {
        let cfg = RulesConfig::default();
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        let crashed = |mins: i64, reason: &str| Container {
            name: "api".into(),
            ready: true,
            restart_count: 1,
            state: Some(ContainerState::Running { started_at: None }),
            last_termination: Some(Termination {
                reason: Some(reason.into()),
                finished_at: Some(now - chrono::Duration::minutes(mins)),
                ..Default::default()
            }),
            ..Default::default()
        };
        let n = now.timestamp();
        let s = container_anomaly(&cfg, &pod_with(crashed(2, "Error")), n).unwrap();
        assert_eq!(s.score, 0.75);
        let s = container_anomaly(&cfg, &pod_with(crashed(2, "OOMKilled")), n).unwrap();
        assert_eq!(s.score, 0.95);
        assert!(container_anomaly(&cfg, &pod_with(crashed(60, "Error")), n).is_none());
        let mut not_ready = crashed(60, "Error");
        not_ready.ready = false;
        assert_eq!(
            container_anomaly(&cfg, &pod_with(not_ready), n)
                .unwrap()
                .score,
            0.60
        );
    }

    #[test]
    fn workload_impact_thresholds() {
        let cfg = RulesConfig::default();
        let pod = pod_with(waiting("CrashLoopBackOff"));
        assert_eq!(workload_impact(&cfg, &pod, "d", 4, 1).unwrap().score, 0.95);
        assert_eq!(workload_impact(&cfg, &pod, "d", 4, 2).unwrap().score, 0.80);
        assert!(workload_impact(&cfg, &pod, "d", 4, 3).is_none());
    }

    #[test]
    fn apm_boundaries() {
        let cfg = RulesConfig::default();
        let svc = |e: f64, p: f64| ApmService {
            error_ratio: e,
            p99_ms: p,
            ..Default::default()
        };
        assert!(apm(&cfg, &svc(0.14, 5000.0)).is_empty());
        assert_eq!(apm(&cfg, &svc(0.16, 5001.0)).len(), 2);
        assert_eq!(apm(&cfg, &svc(0.6, 100.0))[0].score, 0.95);
    }
}
