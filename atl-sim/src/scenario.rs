//! Scenario files: cluster size, seed and a timeline of faults (YAML or JSON).

use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::SimError;

/// A scenario: what cluster to generate and what goes wrong when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Name shown in logs.
    pub name: String,
    /// PRNG seed; the same seed and scenario give the same cluster.
    pub seed: u64,
    /// Simulated wall-clock time of the scenario start (RFC 3339). Unset: the real time at start-up.
    pub start_time: Option<String>,
    /// How long the cluster has been running at scenario start (pods' age), in seconds.
    #[serde(deserialize_with = "de_duration")]
    pub warmup_seconds: u64,
    /// Worker nodes.
    pub nodes: u32,
    /// Allocatable CPU per node in millicores.
    pub node_cpu_millis: u64,
    /// Allocatable memory per node in MiB.
    pub node_memory_mib: u64,
    /// Max pods per node.
    pub max_pods_per_node: u32,
    /// Application namespaces (besides default, kube-system and monitoring).
    pub namespaces: u32,
    /// Deployments per application namespace.
    pub deployments_per_namespace: u32,
    /// Inclusive range of replicas per deployment.
    pub replicas: [u32; 2],
    /// StatefulSets per application namespace (each with a PVC per replica and a PDB).
    pub statefulsets_per_namespace: u32,
    /// Completed Jobs per application namespace.
    pub jobs_per_namespace: u32,
    /// CronJobs per application namespace.
    pub cronjobs_per_namespace: u32,
    /// System workloads: coredns, metrics-server, kube-proxy and node-exporter daemonsets.
    pub system_workloads: bool,
    /// Capacity of the watch change log (older resourceVersions get 410 Gone).
    pub change_log_capacity: usize,
    /// Faults on the timeline.
    pub faults: Vec<FaultSpec>,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            name: "custom".into(),
            seed: 1,
            start_time: None,
            warmup_seconds: 3 * 3600,
            nodes: 3,
            node_cpu_millis: 8000,
            node_memory_mib: 32768,
            max_pods_per_node: 110,
            namespaces: 2,
            deployments_per_namespace: 3,
            replicas: [1, 3],
            statefulsets_per_namespace: 1,
            jobs_per_namespace: 1,
            cronjobs_per_namespace: 1,
            system_workloads: true,
            change_log_capacity: 10_000,
            faults: Vec::new(),
        }
    }
}

/// One fault on the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Seconds after scenario start ("90s", "5m", "1h" or a number of seconds).
    #[serde(deserialize_with = "de_duration")]
    pub at: u64,
    /// How long it lasts (unset: until the end).
    #[serde(default, rename = "for", deserialize_with = "de_opt_duration")]
    pub duration: Option<u64>,
    /// What happens.
    pub fault: FaultKind,
    /// `namespace/deployment` for workload and service faults, a node name for node faults.
    pub target: String,
    /// Strength: latency factor, error ratio (0–1), or extra CPU millicores for a noisy neighbour.
    #[serde(default)]
    pub value: Option<f64>,
}

/// Kinds of faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Containers exit with an error shortly after each start (CrashLoopBackOff).
    CrashLoop,
    /// Containers are killed for exceeding their memory limit (OOMKilled, exit 137).
    OomKill,
    /// The deployment is rolled out with an image that cannot be pulled.
    ImagePull,
    /// New containers reference a missing ConfigMap key (CreateContainerConfigError).
    ConfigError,
    /// Readiness probes fail (Unhealthy events, pod not ready).
    ProbeFailure,
    /// The node stops reporting (Ready=Unknown).
    NodeNotReady,
    /// MemoryPressure=True on the node.
    MemoryPressure,
    /// DiskPressure=True on the node.
    DiskPressure,
    /// PIDPressure=True on the node.
    PidPressure,
    /// The service's latency is multiplied by `value` (default 5).
    Latency,
    /// The service fails a `value` share of requests (default 0.2).
    ErrorRate,
    /// A pod of the target deployment burns `value` extra millicores on its node (default 4000).
    NoisyNeighbour,
}

impl FaultKind {
    /// Whether the target is a node (otherwise `namespace/deployment`).
    pub fn targets_node(self) -> bool {
        matches!(
            self,
            FaultKind::NodeNotReady
                | FaultKind::MemoryPressure
                | FaultKind::DiskPressure
                | FaultKind::PidPressure
        )
    }
}

/// Parses "90s", "5m", "2h", "1d", "1m30s" or a plain number of seconds.
pub fn parse_duration(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    let mut total = 0u64;
    let mut num = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            num.push(ch);
            continue;
        }
        let n: u64 = num.parse().ok()?;
        num.clear();
        total += n * match ch {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            _ => return None,
        };
    }
    num.is_empty().then_some(total)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DurationRepr {
    Secs(u64),
    Text(String),
}

fn de_duration<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    match DurationRepr::deserialize(d)? {
        DurationRepr::Secs(n) => Ok(n),
        DurationRepr::Text(t) => parse_duration(&t).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid duration {t:?}: use e.g. 90s, 5m, 1h30m or seconds"
            ))
        }),
    }
}

fn de_opt_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    de_duration(d).map(Some)
}

impl Scenario {
    /// A built-in scenario by name: `steady`, `demo`, `scale-10k`, `scale-100k`.
    pub fn builtin(name: &str) -> Option<Scenario> {
        let base = Scenario {
            name: name.to_owned(),
            ..Scenario::default()
        };
        Some(match name {
            "steady" => Scenario {
                seed: 42,
                nodes: 4,
                namespaces: 3,
                deployments_per_namespace: 4,
                ..base
            },
            "demo" => Scenario {
                seed: 7,
                nodes: 5,
                namespaces: 3,
                deployments_per_namespace: 6,
                replicas: [2, 3],
                faults: demo_faults(),
                ..base
            },
            "scale-10k" => Scenario {
                seed: 10_000,
                nodes: 100,
                namespaces: 50,
                deployments_per_namespace: 40,
                replicas: [3, 7],
                statefulsets_per_namespace: 1,
                jobs_per_namespace: 2,
                cronjobs_per_namespace: 1,
                change_log_capacity: 100_000,
                node_cpu_millis: 64_000,
                node_memory_mib: 262_144,
                ..base
            },
            "scale-100k" => Scenario {
                seed: 100_000,
                nodes: 1000,
                namespaces: 200,
                deployments_per_namespace: 100,
                replicas: [3, 7],
                statefulsets_per_namespace: 1,
                jobs_per_namespace: 2,
                cronjobs_per_namespace: 1,
                change_log_capacity: 200_000,
                node_cpu_millis: 64_000,
                node_memory_mib: 262_144,
                ..base
            },
            _ => return None,
        })
    }

    /// Names accepted by [`Scenario::builtin`].
    pub const BUILTINS: &'static [&'static str] = &["steady", "demo", "scale-10k", "scale-100k"];

    /// Parses a scenario from YAML (JSON is valid YAML).
    pub fn from_yaml(text: &str) -> Result<Scenario, SimError> {
        serde_yaml::from_str(text).map_err(|e| SimError::Scenario(e.to_string()))
    }

    /// Loads a built-in by name, or else a YAML/JSON file.
    pub fn load(name_or_path: &str) -> Result<Scenario, SimError> {
        if let Some(s) = Scenario::builtin(name_or_path) {
            return Ok(s);
        }
        let path = Path::new(name_or_path);
        let text = std::fs::read_to_string(path).map_err(|e| {
            SimError::Scenario(format!(
                "{name_or_path:?} is neither a built-in scenario ({}) nor a readable file: {e}",
                Scenario::BUILTINS.join(", ")
            ))
        })?;
        Scenario::from_yaml(&text)
    }
}

fn demo_faults() -> Vec<FaultSpec> {
    let f =
        |at: u64, duration: u64, fault: FaultKind, target: &str, value: Option<f64>| FaultSpec {
            at,
            duration: Some(duration),
            fault,
            target: target.to_owned(),
            value,
        };
    vec![
        // Long enough for the engine's default state machine (2 min to warning, 5 more to an
        // incident) to raise incidents, then recover.
        f(60, 720, FaultKind::CrashLoop, "shop/checkout", None),
        f(180, 600, FaultKind::Latency, "shop/cart", Some(6.0)),
        f(240, 600, FaultKind::OomKill, "payments/worker", None),
        f(420, 540, FaultKind::MemoryPressure, "node-3", None),
        f(540, 360, FaultKind::ImagePull, "identity/api", None),
        f(720, 300, FaultKind::ErrorRate, "payments/api", Some(0.3)),
        f(840, 240, FaultKind::NodeNotReady, "node-5", None),
        f(
            960,
            180,
            FaultKind::NoisyNeighbour,
            "identity/frontend",
            Some(6000.0),
        ),
    ]
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Some(90));
        assert_eq!(parse_duration("1h30m"), Some(5400));
        assert_eq!(parse_duration("42"), Some(42));
        assert_eq!(parse_duration("5x"), None);
        assert_eq!(parse_duration("5m3"), None);
    }

    #[test]
    fn yaml_round_trip() {
        let s = Scenario::from_yaml(
            "seed: 3\nnodes: 2\nfaults:\n  - {at: 2m, for: 5m, fault: crash_loop, target: shop/checkout}\n  - {at: 30, fault: latency, target: shop/cart, value: 4}\n",
        )
        .unwrap();
        assert_eq!(s.seed, 3);
        assert_eq!(s.faults[0].at, 120);
        assert_eq!(s.faults[0].duration, Some(300));
        assert_eq!(s.faults[1].value, Some(4.0));
        assert!(Scenario::from_yaml("bogus: 1").is_err());
        for b in Scenario::BUILTINS {
            assert!(Scenario::builtin(b).is_some());
        }
    }
}
