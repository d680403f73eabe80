//! M3 risk: local risk from both channels, temporal weight, propagation along
//! the dependency graph, cluster risk.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::graph::Graph;
use crate::engine::model::{EdgeKind, EntityKind};

/// Which channel(s) a metric feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Statistical,
    Deterministic,
    Both,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskConfig {
    /// breadthBoost(n) for n = 1, 2, ≥3 deterministic findings.
    pub breadth_boost: [f64; 3],
    pub temporal_floor: f64,
    pub temporal_tau_secs: f64,
    /// α of `R_final = max(R_w, α·R_w + (1−α)·mean(R_final(deps)))`.
    pub self_weight: f64,
    pub unknown_metric_weight: f64,
    /// `kind/metric` → (weight, channel).
    pub weights: BTreeMap<String, (f64, Channel)>,
    /// Entity levels: critical, high, medium, low lower bounds.
    pub levels: [f64; 4],
    /// Cluster risk mix: max entity risk, SLO burn, anomaly growth.
    pub cluster_weights: [f64; 3],
    /// SLO burn rates giving a burn factor of 1.0 and 0.5.
    pub slo_burn_full: f64,
    pub slo_burn_half: f64,
    /// Cluster levels: critical, warning, low lower bounds (0–1, like entity risk).
    pub cluster_levels: [f64; 3],
}

impl Default for RiskConfig {
    fn default() -> Self {
        use Channel::{Both as B, Deterministic as D, Statistical as S};
        let table: &[(&str, &str, f64, Channel)] = &[
            ("service", "error_rate", 0.10, S),
            ("service", "latency_p99", 0.05, S),
            ("service", "request_rate", 0.05, S),
            ("service", "apm_error_rate", 0.15, S),
            ("service", "apm_p99_latency", 0.10, S),
            ("service", "apm_rps", 0.05, S),
            ("service", "self_time_ms", 0.10, S),
            ("service", "log_error_count", 0.05, S),
            ("service", "log_warn_count", 0.05, S),
            ("service", "log_lines_per_request", 0.05, S),
            ("service", "apm_high_error_rate", 0.20, D),
            ("service", "apm_high_p99_latency", 0.15, D),
            ("service", "log_error_spike", 0.10, D),
            ("pod", "restart_count", 0.20, B),
            ("pod", "not_ready_containers", 0.20, B),
            ("pod", "cpu_vs_request", 0.10, S),
            ("pod", "memory_vs_limit", 0.10, S),
            ("pod", "container_anomaly", 0.25, D),
            ("pod", "critical_event", 0.15, D),
            ("pod", "deployment_impact", 0.25, D),
            ("node", "cpu_usage", 0.20, S),
            ("node", "memory_usage", 0.20, S),
            ("node", "memory_pressure", 0.10, D),
            ("node", "disk_pressure", 0.05, D),
            ("node", "pid_pressure", 0.05, D),
            ("node", "disk_usage", 0.15, S),
            ("node", "psi_cpu", 0.10, S),
            ("node", "psi_memory", 0.10, S),
            ("node", "psi_io", 0.05, S),
            ("ingress", "error_rate", 0.50, S),
            ("ingress", "latency_p99", 0.50, S),
        ];
        Self {
            breadth_boost: [0.70, 0.85, 1.0],
            temporal_floor: 0.7,
            temporal_tau_secs: 300.0,
            self_weight: 0.6,
            unknown_metric_weight: 0.1,
            weights: table
                .iter()
                .map(|(k, m, w, c)| (format!("{k}/{m}"), (*w, *c)))
                .collect(),
            levels: [0.8, 0.6, 0.4, 0.2],
            cluster_weights: [0.5, 0.3, 0.2],
            slo_burn_full: 2.0,
            slo_burn_half: 1.0,
            cluster_levels: [0.8, 0.5, 0.2],
        }
    }
}

impl RiskConfig {
    pub fn weight(&self, kind: EntityKind, metric: &str) -> (f64, Channel) {
        self.weights
            .get(&format!("{}/{metric}", kind.as_str()))
            .copied()
            .unwrap_or((self.unknown_metric_weight, Channel::Statistical))
    }

    pub fn breadth(&self, n: usize) -> f64 {
        match n {
            0 => 0.0,
            1 => self.breadth_boost[0],
            2 => self.breadth_boost[1],
            _ => self.breadth_boost[2],
        }
    }

    /// `0.7 + 0.3·(1 − e^(−Δt/τ))`, growing with persistence.
    pub fn temporal_weight(&self, since_first_anomaly_s: f64) -> f64 {
        if since_first_anomaly_s <= 0.0 {
            return self.temporal_floor;
        }
        self.temporal_floor
            + (1.0 - self.temporal_floor)
                * (1.0 - (-since_first_anomaly_s / self.temporal_tau_secs).exp())
    }

    pub fn level(&self, r: f64) -> RiskLevel {
        let [c, h, m, l] = self.levels;
        if r >= c {
            RiskLevel::Critical
        } else if r >= h {
            RiskLevel::High
        } else if r >= m {
            RiskLevel::Medium
        } else if r >= l {
            RiskLevel::Low
        } else {
            RiskLevel::Healthy
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Healthy,
    Low,
    Medium,
    High,
    Critical,
}

/// One anomalous metric of an entity: the API's evidence type, so the engine's findings reach
/// incidents and candidates without a conversion.
pub use atl_core::aiops::Evidence as Finding;

/// Local risk: `min(1, max(Σ wᵢ·scoreᵢ, max det score × breadthBoost(n)))`.
pub fn local_risk(cfg: &RiskConfig, kind: EntityKind, findings: &[Finding]) -> f64 {
    let mut ch1 = 0.0;
    let mut ch2_max: f64 = 0.0;
    let mut ch2_n = 0;
    for f in findings {
        let (w, channel) = cfg.weight(kind, &f.metric);
        let channel = match (channel, f.deterministic) {
            // A rule under a name the table calls statistical still counts as a rule.
            (Channel::Statistical, true) => Channel::Deterministic,
            (c, _) => c,
        };
        if matches!(channel, Channel::Statistical | Channel::Both) {
            ch1 += w * f.score;
        }
        if matches!(channel, Channel::Deterministic | Channel::Both) {
            ch2_max = ch2_max.max(f.score);
            ch2_n += 1;
        }
    }
    (ch1.max(ch2_max * cfg.breadth(ch2_n))).min(1.0)
}

/// A propagation contribution `from` (a dependency) → `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub from: String,
    pub to: String,
    pub edge: EdgeKind,
    /// `(1−α)·R_final(dep)/|deps|`: what this dependency adds to `to`'s mix.
    pub contribution: f64,
}

/// R_final for every graph node from R_weighted (indexed by node id).
pub fn propagate(
    cfg: &RiskConfig,
    graph: &Graph,
    weighted: &[f64],
) -> (Vec<f64>, Vec<Contribution>) {
    let mut fin = vec![0.0; graph.len()];
    let mut contributions = Vec::new();
    let a = cfg.self_weight;
    for v in graph.propagation_order() {
        let rw = weighted[v as usize];
        let deps = graph.deps(v);
        if deps.is_empty() {
            fin[v as usize] = rw.min(1.0);
            continue;
        }
        let n = deps.len() as f64;
        let mean = deps.iter().map(|(d, _)| fin[*d as usize]).sum::<f64>() / n;
        fin[v as usize] = rw.max(a * rw + (1.0 - a) * mean).min(1.0);
        for &(d, kind) in deps {
            let r = fin[d as usize];
            if r > 0.0 {
                contributions.push(Contribution {
                    from: graph.node(d).key.clone(),
                    to: graph.node(v).key.clone(),
                    edge: kind,
                    contribution: (1.0 - a) * r / n,
                });
            }
        }
    }
    (fin, contributions)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClusterLevel {
    Healthy,
    Low,
    Warning,
    Critical,
}

/// Cluster risk 0–1 (like entity risk): the largest entity risk, raised by SLO burn and by growth
/// of the anomalous set, so that every level is reachable.
pub fn cluster_risk(
    cfg: &RiskConfig,
    max_entity: f64,
    slo_burn: Option<f64>,
    growth: f64,
) -> (f64, ClusterLevel) {
    let burn = match slo_burn {
        Some(b) if b >= cfg.slo_burn_full => 1.0,
        Some(b) if b >= cfg.slo_burn_half => 0.5,
        _ => 0.0,
    };
    let growth_factor = if growth > 0.0 {
        1.0 / (1.0 + (-2.0 * (growth - 0.5)).exp())
    } else {
        0.0
    };
    let [wm, ws, wg] = cfg.cluster_weights;
    let mix = wm * max_entity + ws * burn + wg * growth_factor;
    let risk = max_entity.max(mix).min(1.0);
    let [c, w, l] = cfg.cluster_levels;
    let level = if risk >= c {
        ClusterLevel::Critical
    } else if risk >= w {
        ClusterLevel::Warning
    } else if risk >= l {
        ClusterLevel::Low
    } else {
        ClusterLevel::Healthy
    };
    (risk, level)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::engine::model::{Edge, EntityObservation, Observation};

    fn f(metric: &str, score: f64, det: bool) -> Finding {
        Finding {
            metric: metric.into(),
            score,
            value: 0.0,
            baseline: 0.0,
            deviation: 0.0,
            text: String::new(),
            deterministic: det,
        }
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    #[test]
    fn breadth_boost_values() {
        let c = RiskConfig::default();
        let v: Vec<f64> = (0..5).map(|n| c.breadth(n)).collect();
        assert_eq!(v, vec![0.0, 0.7, 0.85, 1.0, 1.0]);
    }

    #[test]
    fn upstream_local_risk_examples() {
        let c = RiskConfig::default();
        close(
            local_risk(&c, EntityKind::Pod, &[f("restart_count", 0.8, false)]),
            0.56,
        );
        close(
            local_risk(&c, EntityKind::Pod, &[f("container_anomaly", 0.9, true)]),
            0.63,
        );
        let two = [
            f("container_anomaly", 0.9, true),
            f("critical_event", 0.85, true),
        ];
        close(local_risk(&c, EntityKind::Pod, &two), 0.765);
        let three = [
            f("container_anomaly", 0.9, true),
            f("critical_event", 0.85, true),
            f("deployment_impact", 0.8, true),
        ];
        close(local_risk(&c, EntityKind::Pod, &three), 0.90);
        let node = [f("cpu_usage", 0.85, false), f("memory_usage", 0.70, false)];
        close(local_risk(&c, EntityKind::Node, &node), 0.31);
        let ing = [f("error_rate", 0.9, false), f("latency_p99", 0.8, false)];
        close(local_risk(&c, EntityKind::Ingress, &ing), 0.85);
        close(
            local_risk(&c, EntityKind::Service, &[f("mystery", 1.0, false)]),
            0.1,
        );
    }

    #[test]
    fn temporal_weight_grows_with_persistence() {
        let c = RiskConfig::default();
        close(c.temporal_weight(0.0), 0.7);
        close(
            c.temporal_weight(600.0),
            0.7 + 0.3 * (1.0 - (-2.0f64).exp()),
        );
    }

    #[test]
    fn simple_chain_propagation() {
        let obs = Observation {
            cluster: "c".into(),
            at_ms: 0,
            entities: vec![
                EntityObservation {
                    key: "c/_/node/n".into(),
                    kind: EntityKind::Node,
                    metrics: Default::default(),
                    signals: vec![],
                },
                EntityObservation {
                    key: "c/ns/pod/p".into(),
                    kind: EntityKind::Pod,
                    metrics: Default::default(),
                    signals: vec![],
                },
            ],
            edges: vec![Edge {
                from: "c/ns/pod/p".into(),
                to: "c/_/node/n".into(),
                kind: EdgeKind::RunsOn,
            }],
            slo_burn: None,
        };
        let g = Graph::build(&obs, &[]);
        let mut w = vec![0.0; 2];
        w[g.id("c/_/node/n").unwrap() as usize] = 0.8;
        w[g.id("c/ns/pod/p").unwrap() as usize] = 0.3;
        let (fin, paths) = propagate(&RiskConfig::default(), &g, &w);
        close(fin[g.id("c/_/node/n").unwrap() as usize], 0.8);
        close(fin[g.id("c/ns/pod/p").unwrap() as usize], 0.50);
        assert_eq!(paths.len(), 1);
        close(paths[0].contribution, 0.32);
    }

    #[test]
    fn levels_and_cluster_risk_reach_every_level() {
        let c = RiskConfig::default();
        assert_eq!(c.level(0.1), RiskLevel::Healthy);
        assert_eq!(c.level(0.2), RiskLevel::Low);
        assert_eq!(c.level(0.4), RiskLevel::Medium);
        assert_eq!(c.level(0.6), RiskLevel::High);
        assert_eq!(c.level(0.8), RiskLevel::Critical);
        assert_eq!(cluster_risk(&c, 0.0, None, 0.0).1, ClusterLevel::Healthy);
        assert_eq!(cluster_risk(&c, 0.3, None, 0.0).1, ClusterLevel::Low);
        assert_eq!(cluster_risk(&c, 0.6, None, 0.0).1, ClusterLevel::Warning);
        assert_eq!(cluster_risk(&c, 0.9, None, 0.0).1, ClusterLevel::Critical);
        // SLO burn and growth lift a moderate entity risk.
        let (r, l) = cluster_risk(&c, 0.4, Some(2.5), 1.0);
        assert!(r > 0.6 && r <= 1.0 && l == ClusterLevel::Warning, "{r}");
    }
}
