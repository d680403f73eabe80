//! Deterministic cluster generator: builds the objects a scenario describes, then lets the
//! controllers run through the warm-up period so the cluster looks like it has been up a while.

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, StatefulSet, StatefulSetSpec,
};
use k8s_openapi::api::batch::v1::{
    CronJob, CronJobSpec, CronJobStatus, Job, JobSpec, JobTemplateSpec,
};
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapKeySelector, Container, ContainerPort, DaemonEndpoint, EnvVar,
    EnvVarSource, HTTPGetAction, LimitRange, LimitRangeItem, LimitRangeSpec, Namespace,
    NamespaceSpec, NamespaceStatus, Node, NodeAddress, NodeCondition, NodeDaemonEndpoints,
    NodeSpec, NodeStatus, NodeSystemInfo, PersistentVolumeClaim, PersistentVolumeClaimSpec,
    PodSpec, PodTemplateSpec, Probe, ResourceQuota, ResourceQuotaSpec, ResourceQuotaStatus,
    ResourceRequirements, Secret, Service, ServiceAccount, ServicePort, ServiceSpec, Toleration,
    VolumeResourceRequirements,
};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer,
    NetworkPolicySpec, ServiceBackendPort,
};
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    FieldsV1, LabelSelector, ManagedFieldsEntry, ObjectMeta, Time,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::controllers;
use crate::kinds::SimKind;
use crate::state::{SimState, ts};

/// Application namespace names, in order; beyond the list: `team-N`.
pub const NAMESPACE_NAMES: &[&str] = &[
    "shop",
    "payments",
    "identity",
    "search",
    "media",
    "analytics",
    "messaging",
    "inventory",
    "shipping",
    "reviews",
];

/// Deployment names per namespace, in order; beyond the list: `svc-N`.
pub const DEPLOYMENT_NAMES: &[&str] = &[
    "frontend", "api", "checkout", "cart", "catalog", "worker", "search", "auth", "notifier",
    "reports",
];

/// Name of the i-th (0-based) application namespace.
pub fn namespace_name(i: u32) -> String {
    NAMESPACE_NAMES
        .get(i as usize)
        .map_or_else(|| format!("team-{}", i + 1), |s| (*s).to_owned())
}

/// Name of the i-th (0-based) deployment of a namespace.
pub fn deployment_name(i: u32) -> String {
    DEPLOYMENT_NAMES
        .get(i as usize)
        .map_or_else(|| format!("svc-{}", i + 1), |s| (*s).to_owned())
}

fn meta(ns: Option<&str>, name: &str, labels: &[(&str, &str)]) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_owned()),
        namespace: ns.map(str::to_owned),
        labels: (!labels.is_empty()).then(|| {
            labels
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        }),
        ..ObjectMeta::default()
    }
}

fn q(s: impl Into<String>) -> Quantity {
    Quantity(s.into())
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Marks an object as created by `kubectl apply`: the last-applied annotation and a managedFields
/// entry, both of which the agent must strip.
fn kubectl_applied<K: SimKind>(mut obj: K) -> K {
    let mut applied = crate::store::to_value(&obj);
    if let Some(m) = applied.as_object_mut() {
        m.remove("status");
    }
    let meta = obj.metadata_mut();
    meta.annotations
        .get_or_insert_with(Default::default)
        .insert(
            "kubectl.kubernetes.io/last-applied-configuration".into(),
            format!("{applied}\n"),
        );
    meta.managed_fields = Some(vec![ManagedFieldsEntry {
        manager: Some("kubectl-client-side-apply".into()),
        operation: Some("Update".into()),
        api_version: Some(<K as k8s_openapi::Resource>::API_VERSION.into()),
        fields_type: Some("FieldsV1".into()),
        fields_v1: Some(FieldsV1(serde_json::json!({
            "f:metadata": {"f:annotations": {".": {}, "f:kubectl.kubernetes.io/last-applied-configuration": {}}, "f:labels": {}},
            "f:spec": {}
        }))),
        subresource: None,
        time: None,
    }]);
    obj
}

fn add<K: SimKind>(state: &mut SimState, obj: K) {
    if let Err(e) = state.create(obj) {
        tracing::warn!(error = %e, "generator could not create an object");
    }
}

/// Fills an empty state with the scenario's cluster and runs the warm-up.
pub fn generate(state: &mut SimState) {
    state.store.set_recording(false);
    let sc = state.scenario.clone();
    for ns in [
        "default",
        "kube-system",
        "kube-public",
        "kube-node-lease",
        "monitoring",
    ] {
        namespace(state, ns);
    }
    for i in 1..=sc.nodes {
        node(state, i);
    }
    if sc.system_workloads {
        system_workloads(state);
    }
    for n in 0..sc.namespaces {
        let ns = namespace_name(n);
        namespace(state, &ns);
        app_namespace(state, &ns);
    }
    controllers::reconcile(state);
    let warmup = (sc.warmup_seconds * 1000) as i64;
    controllers::tick(state, warmup);
    state.gc_events();
    state.store.set_recording(true);
}

fn namespace(state: &mut SimState, name: &str) {
    add(
        state,
        Namespace {
            metadata: meta(None, name, &[("kubernetes.io/metadata.name", name)]),
            spec: Some(NamespaceSpec {
                finalizers: Some(vec!["kubernetes".into()]),
            }),
            status: Some(NamespaceStatus {
                phase: Some("Active".into()),
                conditions: None,
            }),
        },
    );
    add(
        state,
        ServiceAccount {
            metadata: meta(Some(name), "default", &[]),
            ..ServiceAccount::default()
        },
    );
    add(
        state,
        ConfigMap {
            metadata: meta(Some(name), "kube-root-ca.crt", &[]),
            data: Some(map(&[(
                "ca.crt",
                "-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n",
            )])),
            ..ConfigMap::default()
        },
    );
}

fn node(state: &mut SimState, i: u32) {
    let sc = &state.scenario;
    let name = format!("node-{i}");
    let zone = ["a", "b", "c"][(i as usize - 1) % 3];
    let cpu = sc.node_cpu_millis;
    let mem_mib = sc.node_memory_mib;
    let pods = sc.max_pods_per_node;
    let now = state.now();
    let capacity: BTreeMap<String, Quantity> = [
        ("cpu".to_owned(), q(format!("{}", cpu / 1000))),
        ("memory".to_owned(), q(format!("{}Ki", mem_mib * 1024))),
        ("pods".to_owned(), q(pods.to_string())),
        ("ephemeral-storage".to_owned(), q("104857600Ki")),
    ]
    .into();
    let mut allocatable = capacity.clone();
    allocatable.insert("cpu".into(), q(format!("{}m", cpu - 100)));
    allocatable.insert("memory".into(), q(format!("{}Ki", (mem_mib - 512) * 1024)));
    let cond = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
        type_: type_.into(),
        status: status.into(),
        reason: Some(reason.into()),
        message: Some(message.into()),
        last_heartbeat_time: Some(now.clone()),
        last_transition_time: Some(now.clone()),
    };
    let ip = format!("10.0.{}.{}", i / 250, i % 250 + 4);
    let node = Node {
        metadata: meta(
            None,
            &name,
            &[
                ("kubernetes.io/hostname", &name),
                ("kubernetes.io/os", "linux"),
                ("kubernetes.io/arch", "amd64"),
                ("node.kubernetes.io/instance-type", "sim.standard-8"),
                ("topology.kubernetes.io/zone", &format!("sim-{zone}")),
                ("topology.kubernetes.io/region", "sim"),
            ],
        ),
        spec: Some(NodeSpec {
            pod_cidr: Some(format!("10.{}.{}.0/24", 64 + i / 256 % 64, i % 256)),
            provider_id: Some(format!("sim://{name}")),
            ..NodeSpec::default()
        }),
        status: Some(NodeStatus {
            capacity: Some(capacity),
            allocatable: Some(allocatable),
            conditions: Some(vec![
                cond(
                    "MemoryPressure",
                    "False",
                    "KubeletHasSufficientMemory",
                    "kubelet has sufficient memory available",
                ),
                cond(
                    "DiskPressure",
                    "False",
                    "KubeletHasNoDiskPressure",
                    "kubelet has no disk pressure",
                ),
                cond(
                    "PIDPressure",
                    "False",
                    "KubeletHasSufficientPID",
                    "kubelet has sufficient PID available",
                ),
                cond(
                    "Ready",
                    "True",
                    "KubeletReady",
                    "kubelet is posting ready status",
                ),
            ]),
            addresses: Some(vec![
                NodeAddress {
                    type_: "InternalIP".into(),
                    address: ip,
                },
                NodeAddress {
                    type_: "Hostname".into(),
                    address: name.clone(),
                },
            ]),
            daemon_endpoints: Some(NodeDaemonEndpoints {
                kubelet_endpoint: Some(DaemonEndpoint { port: 10250 }),
            }),
            node_info: Some(NodeSystemInfo {
                architecture: "amd64".into(),
                boot_id: state.rng.uuid(),
                container_runtime_version: "containerd://2.1.4".into(),
                kernel_version: "6.8.0-85-generic".into(),
                kube_proxy_version: String::new(),
                kubelet_version: "v1.35.0".into(),
                machine_id: format!("{:032x}", state.rng.next_u64()),
                operating_system: "linux".into(),
                os_image: "Ubuntu 24.04.3 LTS".into(),
                system_uuid: state.rng.uuid(),
                swap: None,
            }),
            ..NodeStatus::default()
        }),
    };
    add(state, node);
}

fn container(name: &str, image: &str, cpu_m: u64, mem_mi: u64, port: i32) -> Container {
    Container {
        name: name.into(),
        image: Some(image.into()),
        image_pull_policy: Some("IfNotPresent".into()),
        ports: Some(vec![ContainerPort {
            container_port: port,
            name: Some("http".into()),
            protocol: Some("TCP".into()),
            ..ContainerPort::default()
        }]),
        resources: Some(ResourceRequirements {
            requests: Some(
                [
                    ("cpu".to_owned(), q(format!("{cpu_m}m"))),
                    ("memory".to_owned(), q(format!("{mem_mi}Mi"))),
                ]
                .into(),
            ),
            limits: Some(
                [
                    ("cpu".to_owned(), q(format!("{}m", cpu_m * 2))),
                    ("memory".to_owned(), q(format!("{}Mi", mem_mi * 2))),
                ]
                .into(),
            ),
            claims: None,
        }),
        readiness_probe: Some(Probe {
            http_get: Some(HTTPGetAction {
                path: Some("/healthz".into()),
                port: IntOrString::Int(port),
                ..HTTPGetAction::default()
            }),
            period_seconds: Some(10),
            ..Probe::default()
        }),
        termination_message_path: Some("/dev/termination-log".into()),
        termination_message_policy: Some("File".into()),
        ..Container::default()
    }
}

fn template(labels: &[(&str, &str)], containers: Vec<Container>) -> PodTemplateSpec {
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some(map(labels)),
            ..ObjectMeta::default()
        }),
        spec: Some(PodSpec {
            containers,
            restart_policy: Some("Always".into()),
            termination_grace_period_seconds: Some(30),
            dns_policy: Some("ClusterFirst".into()),
            scheduler_name: Some("default-scheduler".into()),
            service_account_name: Some("default".into()),
            ..PodSpec::default()
        }),
    }
}

fn selector(labels: &[(&str, &str)]) -> LabelSelector {
    LabelSelector {
        match_labels: Some(map(labels)),
        match_expressions: None,
    }
}

fn deployment(ns: &str, name: &str, replicas: i32, tmpl: PodTemplateSpec) -> Deployment {
    Deployment {
        metadata: meta(
            Some(ns),
            name,
            &[("app", name), ("app.kubernetes.io/name", name)],
        ),
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            selector: selector(&[("app", name)]),
            template: tmpl,
            revision_history_limit: Some(10),
            progress_deadline_seconds: Some(600),
            ..DeploymentSpec::default()
        }),
        status: None,
    }
}

fn service(state: &mut SimState, ns: &str, name: &str, port: i32) -> Service {
    state.service_ip_counter += 1;
    let n = state.service_ip_counter;
    let ip = format!("10.96.{}.{}", n / 250, n % 250 + 2);
    Service {
        metadata: meta(Some(ns), name, &[("app", name)]),
        spec: Some(ServiceSpec {
            selector: Some(map(&[("app", name)])),
            ports: Some(vec![ServicePort {
                name: Some("http".into()),
                port: 80,
                target_port: Some(IntOrString::Int(port)),
                protocol: Some("TCP".into()),
                ..ServicePort::default()
            }]),
            cluster_ip: Some(ip.clone()),
            cluster_ips: Some(vec![ip]),
            type_: Some("ClusterIP".into()),
            session_affinity: Some("None".into()),
            ip_families: Some(vec!["IPv4".into()]),
            ip_family_policy: Some("SingleStack".into()),
            internal_traffic_policy: Some("Cluster".into()),
            ..ServiceSpec::default()
        }),
        status: None,
    }
}

fn daemon_set(ns: &str, name: &str, image: &str, host_network: bool) -> DaemonSet {
    let mut t = template(&[("app", name)], vec![container(name, image, 50, 64, 9100)]);
    if let Some(s) = t.spec.as_mut() {
        s.tolerations = Some(vec![Toleration {
            operator: Some("Exists".into()),
            ..Toleration::default()
        }]);
        s.host_network = Some(host_network);
        s.priority_class_name = Some("system-node-critical".into());
    }
    DaemonSet {
        metadata: meta(Some(ns), name, &[("app", name)]),
        spec: Some(DaemonSetSpec {
            selector: selector(&[("app", name)]),
            template: t,
            ..DaemonSetSpec::default()
        }),
        status: None,
    }
}

fn system_workloads(state: &mut SimState) {
    let mut dns = template(
        &[("app", "coredns"), ("k8s-app", "kube-dns")],
        vec![container(
            "coredns",
            "registry.k8s.io/coredns/coredns:v1.12.1",
            100,
            70,
            53,
        )],
    );
    if let Some(s) = dns.spec.as_mut() {
        s.priority_class_name = Some("system-cluster-critical".into());
    }
    add(state, deployment("kube-system", "coredns", 2, dns));
    let svc = service(state, "kube-system", "coredns", 53);
    add(state, svc);
    add(
        state,
        deployment(
            "kube-system",
            "metrics-server",
            1,
            template(
                &[("app", "metrics-server")],
                vec![container(
                    "metrics-server",
                    "registry.k8s.io/metrics-server/metrics-server:v0.8.0",
                    100,
                    200,
                    10250,
                )],
            ),
        ),
    );
    add(
        state,
        daemon_set(
            "kube-system",
            "kube-proxy",
            "registry.k8s.io/kube-proxy:v1.35.0",
            true,
        ),
    );
    add(
        state,
        daemon_set(
            "monitoring",
            "node-exporter",
            "quay.io/prometheus/node-exporter:v1.9.1",
            true,
        ),
    );
}

fn app_namespace(state: &mut SimState, ns: &str) {
    let sc = state.scenario.clone();
    add(
        state,
        ResourceQuota {
            metadata: meta(Some(ns), "compute-quota", &[]),
            spec: Some(ResourceQuotaSpec {
                hard: Some(
                    [
                        ("requests.cpu".to_owned(), q("200")),
                        ("requests.memory".to_owned(), q("400Gi")),
                        ("pods".to_owned(), q("2000")),
                    ]
                    .into(),
                ),
                ..ResourceQuotaSpec::default()
            }),
            status: Some(ResourceQuotaStatus {
                hard: Some(
                    [
                        ("requests.cpu".to_owned(), q("200")),
                        ("requests.memory".to_owned(), q("400Gi")),
                        ("pods".to_owned(), q("2000")),
                    ]
                    .into(),
                ),
                used: None,
            }),
        },
    );
    add(
        state,
        LimitRange {
            metadata: meta(Some(ns), "default-limits", &[]),
            spec: Some(LimitRangeSpec {
                limits: vec![LimitRangeItem {
                    type_: "Container".into(),
                    default: Some(
                        [
                            ("cpu".to_owned(), q("500m")),
                            ("memory".to_owned(), q("512Mi")),
                        ]
                        .into(),
                    ),
                    default_request: Some(
                        [
                            ("cpu".to_owned(), q("100m")),
                            ("memory".to_owned(), q("128Mi")),
                        ]
                        .into(),
                    ),
                    ..LimitRangeItem::default()
                }],
            }),
        },
    );
    add(
        state,
        NetworkPolicy {
            metadata: meta(Some(ns), "default-deny-ingress", &[]),
            spec: Some(NetworkPolicySpec {
                pod_selector: Some(LabelSelector::default()),
                policy_types: Some(vec!["Ingress".into()]),
                ..NetworkPolicySpec::default()
            }),
        },
    );
    add(
        state,
        NetworkPolicy {
            metadata: meta(Some(ns), "allow-same-namespace", &[]),
            spec: Some(NetworkPolicySpec {
                pod_selector: Some(LabelSelector::default()),
                ingress: Some(vec![NetworkPolicyIngressRule {
                    from: Some(vec![NetworkPolicyPeer {
                        pod_selector: Some(LabelSelector::default()),
                        ..NetworkPolicyPeer::default()
                    }]),
                    ports: None,
                }]),
                policy_types: Some(vec!["Ingress".into()]),
                ..NetworkPolicySpec::default()
            }),
        },
    );
    add(
        state,
        ServiceAccount {
            metadata: meta(Some(ns), "app", &[]),
            ..ServiceAccount::default()
        },
    );
    for d in 0..sc.deployments_per_namespace {
        let name = deployment_name(d);
        let replicas = state
            .rng
            .range(u64::from(sc.replicas[0]), u64::from(sc.replicas[1]))
            as i32;
        let version = format!("1.{}.{}", state.rng.range(0, 9), state.rng.range(0, 20));
        let cpu = 50 * state.rng.range(1, 6);
        let mem = 64 * state.rng.range(1, 8);
        let mut c = container(
            "app",
            &format!("registry.sim.example/{ns}/{name}:{version}"),
            cpu,
            mem,
            8080,
        );
        c.env = Some(vec![
            EnvVar {
                name: "LOG_LEVEL".into(),
                value_from: Some(EnvVarSource {
                    config_map_key_ref: Some(ConfigMapKeySelector {
                        name: format!("{name}-config"),
                        key: "log_level".into(),
                        optional: None,
                    }),
                    ..EnvVarSource::default()
                }),
                value: None,
            },
            EnvVar {
                name: "SERVICE_NAME".into(),
                value: Some(name.clone()),
                value_from: None,
            },
        ]);
        add(
            state,
            ConfigMap {
                metadata: meta(Some(ns), &format!("{name}-config"), &[("app", &name)]),
                data: Some(map(&[
                    ("log_level", "info"),
                    ("app.yaml", &format!("service: {name}\nport: 8080\n")),
                ])),
                ..ConfigMap::default()
            },
        );
        let secret: Vec<u8> = (0..24)
            .map(|_| b'a' + (state.rng.next_u64() % 26) as u8)
            .collect();
        add(
            state,
            Secret {
                metadata: meta(Some(ns), &format!("{name}-credentials"), &[("app", &name)]),
                type_: Some("Opaque".into()),
                data: Some([("password".to_owned(), ByteString(secret))].into()),
                ..Secret::default()
            },
        );
        let mut t = template(
            &[("app", &name), ("app.kubernetes.io/name", &name)],
            vec![c],
        );
        if let Some(s) = t.spec.as_mut() {
            s.service_account_name = Some("app".into());
        }
        add(state, kubectl_applied(deployment(ns, &name, replicas, t)));
        let svc = service(state, ns, &name, 8080);
        add(state, kubectl_applied(svc));
        if replicas >= 2 {
            add(
                state,
                PodDisruptionBudget {
                    metadata: meta(Some(ns), &name, &[("app", &name)]),
                    spec: Some(PodDisruptionBudgetSpec {
                        max_unavailable: Some(IntOrString::Int(1)),
                        selector: Some(selector(&[("app", &name)])),
                        ..PodDisruptionBudgetSpec::default()
                    }),
                    status: None,
                },
            );
        }
        if d == 0 {
            add(state, ingress(ns, &name));
        }
    }
    for s in 0..sc.statefulsets_per_namespace {
        let name = if s == 0 {
            "db".to_owned()
        } else {
            format!("db-{s}")
        };
        stateful_set(state, ns, &name);
    }
    for j in 0..sc.jobs_per_namespace {
        let name = format!("migrate-{}", j + 1);
        let t = template(
            &[("app", &name)],
            vec![container(
                "migrate",
                &format!("registry.sim.example/{ns}/migrate:1.0.{j}"),
                50,
                64,
                8080,
            )],
        );
        add(
            state,
            Job {
                metadata: meta(Some(ns), &name, &[("app", &name)]),
                spec: Some(JobSpec {
                    completions: Some(1),
                    parallelism: Some(1),
                    backoff_limit: Some(6),
                    template: t,
                    ..JobSpec::default()
                }),
                status: None,
            },
        );
    }
    for c in 0..sc.cronjobs_per_namespace {
        let name = if c == 0 {
            "nightly-report".to_owned()
        } else {
            format!("report-{c}")
        };
        let t = template(
            &[("app", &name)],
            vec![container(
                "report",
                &format!("registry.sim.example/{ns}/report:2.1.0"),
                50,
                64,
                8080,
            )],
        );
        let last = Time(ts(state.now_ms - 3600 * 1000));
        add(
            state,
            CronJob {
                metadata: meta(Some(ns), &name, &[("app", &name)]),
                spec: Some(CronJobSpec {
                    schedule: "0 2 * * *".into(),
                    concurrency_policy: Some("Forbid".into()),
                    job_template: JobTemplateSpec {
                        metadata: None,
                        spec: Some(JobSpec {
                            template: t,
                            ..JobSpec::default()
                        }),
                    },
                    successful_jobs_history_limit: Some(3),
                    failed_jobs_history_limit: Some(1),
                    ..CronJobSpec::default()
                }),
                status: Some(CronJobStatus {
                    last_schedule_time: Some(last.clone()),
                    last_successful_time: Some(last),
                    active: None,
                }),
            },
        );
    }
}

fn ingress(ns: &str, svc: &str) -> Ingress {
    Ingress {
        metadata: meta(Some(ns), svc, &[("app", svc)]),
        spec: Some(IngressSpec {
            ingress_class_name: Some("traefik".into()),
            rules: Some(vec![IngressRule {
                host: Some(format!("{ns}.sim.example")),
                http: Some(HTTPIngressRuleValue {
                    paths: vec![HTTPIngressPath {
                        path: Some("/".into()),
                        path_type: "Prefix".into(),
                        backend: IngressBackend {
                            service: Some(IngressServiceBackend {
                                name: svc.into(),
                                port: Some(ServiceBackendPort {
                                    number: Some(80),
                                    name: None,
                                }),
                            }),
                            resource: None,
                        },
                    }],
                }),
            }]),
            ..IngressSpec::default()
        }),
        status: None,
    }
}

fn stateful_set(state: &mut SimState, ns: &str, name: &str) {
    let t = template(
        &[("app", name)],
        vec![container(
            "postgres",
            "docker.io/library/postgres:17.6",
            250,
            512,
            5432,
        )],
    );
    let claim = PersistentVolumeClaim {
        metadata: meta(None, "data", &[("app", name)]),
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec!["ReadWriteOnce".into()]),
            resources: Some(VolumeResourceRequirements {
                requests: Some([("storage".to_owned(), q("10Gi"))].into()),
                limits: None,
            }),
            storage_class_name: Some("standard".into()),
            volume_mode: Some("Filesystem".into()),
            ..PersistentVolumeClaimSpec::default()
        }),
        status: None,
    };
    add(
        state,
        StatefulSet {
            metadata: meta(Some(ns), name, &[("app", name)]),
            spec: Some(StatefulSetSpec {
                replicas: Some(1),
                selector: selector(&[("app", name)]),
                service_name: Some(name.into()),
                template: t,
                volume_claim_templates: Some(vec![claim]),
                pod_management_policy: Some("OrderedReady".into()),
                ..StatefulSetSpec::default()
            }),
            status: None,
        },
    );
    let svc = service(state, ns, name, 5432);
    add(state, svc);
    add(
        state,
        PodDisruptionBudget {
            metadata: meta(Some(ns), name, &[("app", name)]),
            spec: Some(PodDisruptionBudgetSpec {
                min_available: Some(IntOrString::Int(1)),
                selector: Some(selector(&[("app", name)])),
                ..PodDisruptionBudgetSpec::default()
            }),
            status: None,
        },
    );
}
