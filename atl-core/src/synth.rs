//! Deterministic synthetic snapshots for tests and benchmarks: N nodes, pods, services, with a
//! seed. The same spec gives byte-identical JSON forever (own PRNG, no external RNG crate).

use crate::k8s::*;
use crate::snapshot::{AgentInfo, ClusterSnapshot, CollectionStatus};
use crate::telemetry::{ApmService, IngressSli, Latency, NodeMetrics, Telemetry};
use crate::{ResourceKind, Timestamp};
use std::collections::BTreeMap;

/// splitmix64: tiny, fast, and stable across versions.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, n).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Short lowercase alphanumeric suffix, like Kubernetes generated names.
    pub fn suffix(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..len)
            .map(|_| ALPHABET[self.below(ALPHABET.len() as u64) as usize] as char)
            .collect()
    }
}

/// Shape of a synthetic cluster.
#[derive(Debug, Clone)]
pub struct SynthSpec {
    pub cluster_id: String,
    pub seed: u64,
    pub nodes: usize,
    pub namespaces: usize,
    pub pods: usize,
    /// Pods per deployment (and per service).
    pub pods_per_deployment: usize,
    /// Fraction of pods in CrashLoopBackOff, [0,1].
    pub crashloop_ratio: f64,
    /// Add a telemetry part.
    pub telemetry: bool,
    pub taken_at: Timestamp,
}

impl SynthSpec {
    /// A cluster of `pods` pods with proportional nodes and namespaces.
    pub fn with_pods(cluster_id: &str, pods: usize, seed: u64) -> Self {
        SynthSpec {
            cluster_id: cluster_id.to_string(),
            seed,
            nodes: (pods / 30).max(1),
            namespaces: (pods / 500).clamp(1, 200),
            pods,
            pods_per_deployment: 5,
            crashloop_ratio: 0.0,
            telemetry: false,
            taken_at: chrono::DateTime::from_timestamp(1_767_225_600, 0).unwrap_or_default(),
        }
    }
}

const APPS: [&str; 12] = [
    "api",
    "web",
    "cart",
    "checkout",
    "payment",
    "catalog",
    "search",
    "auth",
    "orders",
    "mailer",
    "inventory",
    "gateway",
];

/// Builds the snapshot described by `spec`.
pub fn generate(spec: &SynthSpec) -> ClusterSnapshot {
    let mut rng = Rng::new(spec.seed);
    let t0 = spec.taken_at - chrono::Duration::days(3);
    let mut snap = ClusterSnapshot::new(spec.cluster_id.clone(), spec.taken_at);
    snap.agent = AgentInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        capabilities: vec!["ops".into()],
        kubernetes_version: Some("v1.33.1".into()),
        namespaces: vec![],
    };
    for k in ResourceKind::ALL {
        snap.collection.insert(k, CollectionStatus::Ok);
    }
    let r = &mut snap.resources;

    for i in 0..spec.nodes.max(1) {
        let name = format!("node-{i:04}");
        let mut labels = BTreeMap::new();
        labels.insert("kubernetes.io/hostname".to_string(), name.clone());
        labels.insert(
            "topology.kubernetes.io/zone".to_string(),
            format!("zone-{}", i % 3),
        );
        let cap = NodeResources {
            cpu_millicores: 16_000.0,
            memory_bytes: 64 << 30,
            pods: 110,
            ephemeral_storage_bytes: 200 << 30,
        };
        r.nodes.push(Node {
            meta: Meta {
                labels,
                created_at: Some(t0),
                uid: uid(&mut rng),
                ..Meta::cluster_scoped(name)
            },
            roles: vec!["worker".into()],
            ready: ConditionStatus::True,
            capacity: cap,
            allocatable: cap,
            internal_ip: Some(format!("10.0.{}.{}", i / 250, i % 250 + 1)),
            info: NodeInfo {
                kubelet_version: "v1.33.1".into(),
                os_image: "Debian GNU/Linux 12".into(),
                kernel_version: "6.1.0".into(),
                container_runtime: "containerd://1.7.24".into(),
                architecture: "amd64".into(),
            },
            usage: Some(Resources {
                cpu_millicores: Some(1000.0 + rng.below(8000) as f64),
                memory_bytes: Some((8u64 << 30) + rng.below(32 << 30)),
            }),
            ..Default::default()
        });
    }

    let namespaces: Vec<String> = (0..spec.namespaces.max(1))
        .map(|i| format!("ns-{i:03}"))
        .collect();
    for ns in &namespaces {
        r.namespaces.push(Namespace {
            meta: Meta {
                created_at: Some(t0),
                ..Meta::cluster_scoped(ns.clone())
            },
            phase: "Active".into(),
        });
    }

    let per = spec.pods_per_deployment.max(1);
    let deployments = spec.pods.div_ceil(per);
    let mut pods_left = spec.pods;
    for d in 0..deployments {
        let ns = namespaces[d % namespaces.len()].clone();
        let app = format!("{}-{}", APPS[d % APPS.len()], d / APPS.len());
        let replicas = per.min(pods_left) as u32;
        pods_left -= replicas as usize;
        let labels: BTreeMap<String, String> = [("app".to_string(), app.clone())].into();
        let rs_hash = rng.suffix(10);
        let rs_name = format!("{app}-{rs_hash}");
        let requests = Resources {
            cpu_millicores: Some(100.0),
            memory_bytes: Some(128 << 20),
        };
        let limits = Resources {
            cpu_millicores: Some(500.0),
            memory_bytes: Some(256 << 20),
        };
        let image = format!("registry.local/{}:1.{}.0", APPS[d % APPS.len()], d % 7);
        let mut ready_count = 0;
        for p in 0..replicas {
            let name = format!("{rs_name}-{}", rng.suffix(5));
            let node = r.nodes[rng.below(r.nodes.len() as u64) as usize]
                .meta
                .name
                .clone();
            let crash = rng.unit() < spec.crashloop_ratio;
            let restarts = if crash {
                3 + rng.below(20) as u32
            } else {
                rng.below(100).saturating_sub(95) as u32
            };
            let container = Container {
                name: APPS[d % APPS.len()].into(),
                image: image.clone(),
                ready: !crash,
                state: Some(if crash {
                    ContainerState::Waiting {
                        reason: Some("CrashLoopBackOff".into()),
                        message: Some("back-off 5m0s restarting failed container".into()),
                    }
                } else {
                    ContainerState::Running {
                        started_at: Some(t0),
                    }
                }),
                restart_count: restarts,
                last_termination: crash.then(|| Termination {
                    reason: Some("Error".into()),
                    exit_code: 1,
                    message: None,
                    finished_at: Some(spec.taken_at - chrono::Duration::seconds(30)),
                }),
                requests,
                limits,
                ports: vec![ContainerPort {
                    name: Some("http".into()),
                    port: 8080,
                    protocol: "TCP".into(),
                }],
                ..Default::default()
            };
            if !crash {
                ready_count += 1;
            }
            let mut pod_labels = labels.clone();
            pod_labels.insert("pod-template-hash".into(), rs_hash.clone());
            r.pods.push(Pod {
                meta: Meta {
                    labels: pod_labels,
                    uid: uid(&mut rng),
                    created_at: Some(t0 + chrono::Duration::seconds(p as i64)),
                    owner: Some(OwnerRef {
                        kind: "ReplicaSet".into(),
                        name: rs_name.clone(),
                    }),
                    ..Meta::namespaced(name, ns.clone())
                },
                node: Some(node),
                phase: PodPhase::Running,
                reason: crash.then(|| "CrashLoopBackOff".to_string()),
                ready_containers: u32::from(!crash),
                total_containers: 1,
                restarts,
                last_termination: container.last_termination.clone(),
                ip: Some(format!(
                    "10.{}.{}.{}",
                    100 + (r.pods.len() >> 16) % 100,
                    (r.pods.len() >> 8) & 255,
                    r.pods.len() & 255
                )),
                qos_class: Some("Burstable".into()),
                service_account: Some("default".into()),
                started_at: Some(t0),
                containers: vec![container],
                usage: Some(Resources {
                    cpu_millicores: Some(5.0 + rng.below(300) as f64),
                    memory_bytes: Some((32 << 20) + rng.below(200 << 20)),
                }),
                ..Default::default()
            });
        }
        let template = PodTemplate {
            labels: labels.clone(),
            annotations: BTreeMap::new(),
            containers: vec![TemplateContainer {
                name: APPS[d % APPS.len()].into(),
                image,
                requests,
                limits,
            }],
        };
        r.replica_sets.push(ReplicaSet {
            meta: Meta {
                labels: labels.clone(),
                created_at: Some(t0),
                owner: Some(OwnerRef {
                    kind: "Deployment".into(),
                    name: app.clone(),
                }),
                ..Meta::namespaced(rs_name, ns.clone())
            },
            replicas,
            ready: ready_count,
            available: ready_count,
            selector: Selector {
                match_labels: labels.clone(),
                match_expressions: vec![],
            },
            revision: Some("1".into()),
        });
        r.deployments.push(Deployment {
            meta: Meta {
                labels: labels.clone(),
                created_at: Some(t0),
                uid: uid(&mut rng),
                ..Meta::namespaced(app.clone(), ns.clone())
            },
            replicas,
            updated: replicas,
            ready: ready_count,
            available: ready_count,
            unavailable: replicas - ready_count,
            strategy: Some("RollingUpdate".into()),
            selector: Selector {
                match_labels: labels.clone(),
                match_expressions: vec![],
            },
            template,
            rollout: Rollout {
                phase: if ready_count == replicas {
                    RolloutPhase::Complete
                } else {
                    RolloutPhase::Degraded
                },
                message: None,
            },
            ..Default::default()
        });
        let first_pod = r.pods.len() - replicas as usize;
        let backends = r.pods[first_pod..]
            .iter()
            .map(|p| Backend {
                pod: Some(p.meta.name.clone()),
                ip: p.ip.clone().unwrap_or_default(),
                node: p.node.clone(),
                ready: p.ready_containers == p.total_containers,
            })
            .collect();
        r.services.push(Service {
            meta: Meta {
                created_at: Some(t0),
                ..Meta::namespaced(app.clone(), ns.clone())
            },
            type_: "ClusterIP".into(),
            cluster_ip: Some(format!("10.96.{}.{}", d / 250, d % 250 + 1)),
            ports: vec![ServicePort {
                name: Some("http".into()),
                protocol: "TCP".into(),
                port: 80,
                target_port: Some("http".into()),
                node_port: None,
            }],
            selector: labels,
            backends,
            ..Default::default()
        });
        if d % 10 == 0 {
            r.ingresses.push(Ingress {
                meta: Meta {
                    created_at: Some(t0),
                    ..Meta::namespaced(app.clone(), ns.clone())
                },
                class: Some("traefik".into()),
                rules: vec![IngressRule {
                    host: Some(format!("{app}.example.test")),
                    paths: vec![IngressPath {
                        path: "/".into(),
                        path_type: Some("Prefix".into()),
                        backend: IngressBackend {
                            service: app.clone(),
                            port: Some("80".into()),
                        },
                    }],
                }],
                ..Default::default()
            });
        }
    }

    if spec.telemetry {
        snap.telemetry = Some(synth_telemetry(&snap, &mut rng));
    }
    snap
}

fn uid(rng: &mut Rng) -> String {
    let (a, b) = (rng.next_u64(), rng.next_u64());
    format!(
        "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        b >> 52,
        b & 0xffff_ffff_ffff
    )
}

fn synth_telemetry(snap: &ClusterSnapshot, rng: &mut Rng) -> Telemetry {
    let r = &snap.resources;
    let nodes = r
        .nodes
        .iter()
        .map(|n| NodeMetrics {
            node: n.meta.name.clone(),
            cpu_usage: 0.1 + rng.unit() * 0.5,
            cores: 16,
            memory_total_bytes: 64 << 30,
            memory_available_bytes: (16 << 30) + rng.below(32 << 30),
            disk_total_bytes: 200 << 30,
            disk_free_bytes: (50 << 30) + rng.below(100 << 30),
            ..Default::default()
        })
        .collect();
    let latency = |rng: &mut Rng| {
        let p50 = 5.0 + rng.unit() * 20.0;
        Latency {
            p50_ms: p50,
            p90_ms: p50 * 2.0,
            p95_ms: p50 * 3.0,
            p99_ms: p50 * 5.0,
        }
    };
    let ingress = r
        .ingresses
        .iter()
        .map(|i| {
            let total = 1000 + rng.below(10_000);
            let errors = rng.below(total / 100 + 1);
            IngressSli {
                service: format!("{}-{}-80@kubernetes", i.meta.namespace_str(), i.meta.name),
                namespace: i.meta.namespace.clone(),
                backend: Some(i.meta.name.clone()),
                host: i.rules.first().and_then(|r| r.host.clone()),
                rps: total as f64 / 60.0,
                success_ratio: 1.0 - errors as f64 / total as f64,
                latency: latency(rng),
                total_requests: total,
                error_requests: errors,
                ..Default::default()
            }
        })
        .collect();
    let apm = r
        .deployments
        .iter()
        .map(|d| {
            let l = latency(rng);
            ApmService {
                service: d.meta.name.clone(),
                namespace: d.meta.namespace.clone(),
                rps: 1.0 + rng.unit() * 100.0,
                error_ratio: rng.unit() * 0.01,
                p50_ms: l.p50_ms,
                p99_ms: l.p99_ms,
                self_time_ms: l.p50_ms * 0.6,
                self_time_ratio: 0.6,
                top_operations: vec![],
            }
        })
        .collect();
    Telemetry {
        window_secs: 60,
        nodes,
        ingress,
        apm,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_spec_same_bytes() {
        let mut spec = SynthSpec::with_pods("c1", 500, 42);
        spec.telemetry = true;
        spec.crashloop_ratio = 0.05;
        let a = serde_json::to_string(&generate(&spec)).unwrap_or_default();
        let b = serde_json::to_string(&generate(&spec)).unwrap_or_default();
        assert_eq!(a, b);
        spec.seed = 43;
        assert_ne!(
            a,
            serde_json::to_string(&generate(&spec)).unwrap_or_default()
        );
    }

    #[test]
    fn sizes_match_the_spec_and_validate() {
        let s = generate(&SynthSpec::with_pods("c1", 1003, 1));
        assert_eq!(s.resources.pods.len(), 1003);
        assert_eq!(s.resources.deployments.len(), 201);
        assert_eq!(s.resources.services.len(), 201);
        assert!(s.validate().is_ok());
        let names: std::collections::BTreeSet<_> =
            s.resources.pods.iter().map(|p| &p.meta.name).collect();
        assert_eq!(names.len(), 1003, "pod names are unique");
    }
}
