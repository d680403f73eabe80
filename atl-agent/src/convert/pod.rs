use super::meta::{conditions, convert_meta, non_empty, opt_time};
use super::{ConvertOptions, ToSlim, u32_of};
use atl_core::k8s::{
    Container, ContainerPort, ContainerState, EnvSource, EnvVar, Pod, PodPhase, Probe, Resources,
    Termination,
};
use atl_core::quantity;
use k8s_openapi::api::core::v1 as k;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;

impl ToSlim for k::Pod {
    type Slim = Pod;

    fn to_slim(&self, opts: &ConvertOptions) -> Pod {
        let meta = convert_meta(&self.metadata);
        let empty_spec = k::PodSpec::default();
        let spec = self.spec.as_ref().unwrap_or(&empty_spec);
        let empty_status = k::PodStatus::default();
        let status = self.status.as_ref().unwrap_or(&empty_status);
        let statuses = status.container_statuses.as_deref().unwrap_or_default();
        let init_statuses = status
            .init_container_statuses
            .as_deref()
            .unwrap_or_default();

        let containers: Vec<Container> = spec
            .containers
            .iter()
            .map(|c| container(c, statuses.iter().find(|s| s.name == c.name), opts))
            .collect();
        let init_containers: Vec<Container> = spec
            .init_containers
            .iter()
            .flatten()
            .map(|c| container(c, init_statuses.iter().find(|s| s.name == c.name), opts))
            .collect();

        let phase = PodPhase::from_k8s(status.phase.as_deref().unwrap_or("Pending"));
        let (reason, message) = pod_status_reason(self, opts);
        // Numerator and denominator both come from the spec's regular containers (the original
        // mixed the status list with the spec list).
        let ready_containers = containers.iter().filter(|c| c.ready).count();
        let last_termination = containers
            .iter()
            .filter_map(|c| c.last_termination.as_ref())
            .chain(containers.iter().filter_map(|c| match &c.state {
                Some(ContainerState::Terminated(t)) if t.exit_code != 0 => Some(t),
                _ => None,
            }))
            .max_by_key(|t| t.finished_at)
            .cloned();

        Pod {
            meta,
            node: non_empty(spec.node_name.as_ref()),
            phase,
            reason,
            message,
            ready_containers: u32::try_from(ready_containers).unwrap_or(u32::MAX),
            total_containers: u32::try_from(containers.len()).unwrap_or(u32::MAX),
            restarts: containers.iter().map(|c| c.restart_count).sum(),
            last_termination,
            ip: non_empty(status.pod_ip.as_ref()),
            host_ip: non_empty(status.host_ip.as_ref()),
            qos_class: non_empty(status.qos_class.as_ref()),
            service_account: non_empty(
                spec.service_account_name
                    .as_ref()
                    .or(spec.service_account.as_ref()),
            ),
            priority_class: non_empty(spec.priority_class_name.as_ref()),
            started_at: opt_time(status.start_time.as_ref()),
            conditions: conditions(status.conditions.as_ref()),
            containers,
            init_containers,
            usage: None,
        }
    }
}

/// kubectl's STATUS column reason for a pod (its `printPod` rules), with sidecars yielding to
/// business containers: `Init:…` while init containers block, else the first business container's
/// waiting or terminated reason (CrashLoopBackOff also on Running pods), else a sidecar's, else the
/// pod-level reason (Evicted), else `Terminating` while deleting. `None` when healthy.
pub fn pod_status_reason(pod: &k::Pod, opts: &ConvertOptions) -> (Option<String>, Option<String>) {
    let Some(status) = pod.status.as_ref() else {
        return deleting(pod, None, None);
    };
    let pod_reason = non_empty(status.reason.as_ref());
    let pod_message = non_empty(status.message.as_ref());
    let init_specs = pod
        .spec
        .as_ref()
        .and_then(|s| s.init_containers.as_ref())
        .map(Vec::len)
        .unwrap_or(0);

    // Init containers run in order; the first that has not completed explains the pod.
    for (i, s) in status.init_container_statuses.iter().flatten().enumerate() {
        let state = s.state.as_ref();
        if let Some(t) = state.and_then(|st| st.terminated.as_ref()) {
            if t.exit_code == 0 {
                continue;
            }
            let r = match non_empty(t.reason.as_ref()) {
                Some(r) => format!("Init:{r}"),
                None if t.signal.unwrap_or(0) != 0 => {
                    format!("Init:Signal:{}", t.signal.unwrap_or(0))
                }
                None => format!("Init:ExitCode:{}", t.exit_code),
            };
            return (Some(r), non_empty(t.message.as_ref()));
        }
        if let Some(w) = state.and_then(|st| st.waiting.as_ref())
            && let Some(r) = non_empty(w.reason.as_ref()).filter(|r| r != "PodInitializing")
        {
            return (Some(format!("Init:{r}")), non_empty(w.message.as_ref()));
        }
        // Running, or waiting to start: restartable (sidecar-style) init containers that run
        // do not block.
        let running = state.is_some_and(|st| st.running.is_some());
        if !(running && s.started == Some(true)) {
            return (Some(format!("Init:{i}/{init_specs}")), None);
        }
    }

    let mut business: Option<(String, Option<String>)> = None;
    let mut sidecar: Option<(String, Option<String>)> = None;
    for s in status.container_statuses.iter().flatten() {
        let Some(st) = s.state.as_ref() else { continue };
        let found = if let Some(w) = st.waiting.as_ref() {
            non_empty(w.reason.as_ref()).map(|r| (r, non_empty(w.message.as_ref())))
        } else if let Some(t) = st.terminated.as_ref() {
            let r = match non_empty(t.reason.as_ref()) {
                Some(r) => r,
                None if t.signal.unwrap_or(0) != 0 => format!("Signal:{}", t.signal.unwrap_or(0)),
                None => format!("ExitCode:{}", t.exit_code),
            };
            Some((r, non_empty(t.message.as_ref())))
        } else {
            None
        };
        let Some(found) = found else { continue };
        let slot = if opts.is_sidecar(&s.name) {
            &mut sidecar
        } else {
            &mut business
        };
        if slot.is_none() {
            *slot = Some(found);
        }
    }
    let phase = status.phase.as_deref().unwrap_or("");
    let from_containers = business.or(sidecar).filter(|(r, _)| {
        // A finished pod whose containers all completed is healthy.
        !(r == "Completed" && phase == "Succeeded")
    });
    match from_containers {
        Some((r, m)) => deleting(pod, Some(r), m),
        None => deleting(pod, pod_reason, pod_message),
    }
}

fn deleting(
    pod: &k::Pod,
    reason: Option<String>,
    message: Option<String>,
) -> (Option<String>, Option<String>) {
    if pod.metadata.deletion_timestamp.is_some() {
        if reason.as_deref() == Some("NodeLost") {
            return (Some("Unknown".into()), message);
        }
        return (Some("Terminating".into()), None);
    }
    (reason, message)
}

fn termination(t: &k::ContainerStateTerminated) -> Termination {
    Termination {
        reason: non_empty(t.reason.as_ref()),
        exit_code: t.exit_code,
        message: non_empty(t.message.as_ref()),
        finished_at: opt_time(t.finished_at.as_ref()),
    }
}

fn state(s: &k::ContainerState) -> Option<ContainerState> {
    if let Some(r) = &s.running {
        Some(ContainerState::Running {
            started_at: opt_time(r.started_at.as_ref()),
        })
    } else if let Some(w) = &s.waiting {
        Some(ContainerState::Waiting {
            reason: non_empty(w.reason.as_ref()),
            message: non_empty(w.message.as_ref()),
        })
    } else {
        s.terminated
            .as_ref()
            .map(|t| ContainerState::Terminated(termination(t)))
    }
}

pub(crate) fn resources(q: Option<&BTreeMap<String, Quantity>>) -> Resources {
    let Some(q) = q else {
        return Resources::default();
    };
    Resources {
        cpu_millicores: q
            .get("cpu")
            .and_then(|v| quantity::cpu_millicores(&v.0).ok()),
        memory_bytes: q.get("memory").and_then(|v| quantity::bytes(&v.0).ok()),
    }
}

fn int_or_string(p: &IntOrString) -> String {
    match p {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn probe(p: &k::Probe) -> Probe {
    let (kind, port, path) = if let Some(h) = &p.http_get {
        ("http_get", Some(int_or_string(&h.port)), h.path.clone())
    } else if let Some(t) = &p.tcp_socket {
        ("tcp_socket", Some(int_or_string(&t.port)), None)
    } else if let Some(g) = &p.grpc {
        ("grpc", Some(g.port.to_string()), None)
    } else {
        ("exec", None, None)
    };
    Probe {
        kind: kind.into(),
        port,
        path,
        period_secs: u32_of(p.period_seconds.or(Some(10))),
        failure_threshold: u32_of(p.failure_threshold.or(Some(3))),
    }
}

fn env_var(e: &k::EnvVar, opts: &ConvertOptions) -> EnvVar {
    let from = e.value_from.as_ref();
    let source = if let Some(r) = from.and_then(|f| f.config_map_key_ref.as_ref()) {
        EnvSource::ConfigMap {
            name: r.name.clone(),
            key: r.key.clone(),
        }
    } else if let Some(r) = from.and_then(|f| f.secret_key_ref.as_ref()) {
        EnvSource::Secret {
            name: r.name.clone(),
            key: r.key.clone(),
        }
    } else if let Some(r) = from.and_then(|f| f.field_ref.as_ref()) {
        EnvSource::Field {
            path: r.field_path.clone(),
        }
    } else if let Some(r) = from.and_then(|f| f.resource_field_ref.as_ref()) {
        EnvSource::Resource {
            resource: r.resource.clone(),
        }
    } else {
        EnvSource::Literal {
            value: if opts.include_env_values {
                e.value.clone()
            } else {
                None
            },
        }
    };
    EnvVar {
        name: e.name.clone(),
        source,
    }
}

fn container(c: &k::Container, s: Option<&k::ContainerStatus>, opts: &ConvertOptions) -> Container {
    let res = c.resources.as_ref();
    Container {
        name: c.name.clone(),
        image: s
            .map(|s| s.image.clone())
            .filter(|i| !i.is_empty())
            .or_else(|| c.image.clone())
            .unwrap_or_default(),
        ready: s.is_some_and(|s| s.ready),
        state: s.and_then(|s| s.state.as_ref()).and_then(state),
        restart_count: s.map(|s| u32_of(Some(s.restart_count))).unwrap_or(0),
        last_termination: s
            .and_then(|s| s.last_state.as_ref())
            .and_then(|l| l.terminated.as_ref())
            .map(termination),
        requests: resources(res.and_then(|r| r.requests.as_ref())),
        limits: resources(res.and_then(|r| r.limits.as_ref())),
        ports: c
            .ports
            .iter()
            .flatten()
            .filter_map(|p| {
                Some(ContainerPort {
                    name: non_empty(p.name.as_ref()),
                    port: u16::try_from(p.container_port).ok()?,
                    protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                })
            })
            .collect(),
        liveness: c.liveness_probe.as_ref().map(probe),
        readiness: c.readiness_probe.as_ref().map(probe),
        env: c.env.iter().flatten().map(|e| env_var(e, opts)).collect(),
        sidecar: opts.is_sidecar(&c.name),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

    fn ts(s: &str) -> Time {
        Time(s.parse().unwrap())
    }

    fn status(name: &str, state: k::ContainerState, ready: bool) -> k::ContainerStatus {
        k::ContainerStatus {
            name: name.into(),
            image: format!("{name}:1"),
            ready,
            state: Some(state),
            ..Default::default()
        }
    }

    fn waiting(reason: &str) -> k::ContainerState {
        k::ContainerState {
            waiting: Some(k::ContainerStateWaiting {
                reason: Some(reason.into()),
                message: Some(format!("{reason} message")),
            }),
            ..Default::default()
        }
    }

    fn running() -> k::ContainerState {
        k::ContainerState {
            running: Some(k::ContainerStateRunning {
                started_at: Some(ts("2026-01-01T00:00:00Z")),
            }),
            ..Default::default()
        }
    }

    fn pod(containers: &[&str], statuses: Vec<k::ContainerStatus>, phase: &str) -> k::Pod {
        k::Pod {
            metadata: ObjectMeta {
                name: Some("p".into()),
                namespace: Some("ns".into()),
                ..Default::default()
            },
            spec: Some(k::PodSpec {
                containers: containers
                    .iter()
                    .map(|n| k::Container {
                        name: n.to_string(),
                        image: Some(format!("{n}:spec")),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            }),
            status: Some(k::PodStatus {
                phase: Some(phase.into()),
                container_statuses: Some(statuses),
                ..Default::default()
            }),
        }
    }

    #[test]
    fn crashloop_on_running_pod_is_the_pod_reason() {
        let mut st = status("app", waiting("CrashLoopBackOff"), false);
        st.restart_count = 7;
        st.last_state = Some(k::ContainerState {
            terminated: Some(k::ContainerStateTerminated {
                exit_code: 137,
                reason: Some("OOMKilled".into()),
                finished_at: Some(ts("2026-01-01T00:05:00Z")),
                ..Default::default()
            }),
            ..Default::default()
        });
        let p = pod(&["app"], vec![st], "Running").to_slim(&ConvertOptions::default());
        assert_eq!(p.phase, PodPhase::Running);
        assert_eq!(p.reason.as_deref(), Some("CrashLoopBackOff"));
        assert_eq!(p.status_text(), "CrashLoopBackOff");
        assert_eq!(p.restarts, 7);
        let lt = p.last_termination.clone().unwrap();
        assert_eq!(lt.reason.as_deref(), Some("OOMKilled"));
        assert_eq!(lt.exit_code, 137);
        assert_eq!(
            lt.finished_at.unwrap().to_rfc3339(),
            "2026-01-01T00:05:00+00:00"
        );
        assert_eq!(p.ready_text(), "0/1");
    }

    #[test]
    fn sidecar_reasons_yield_to_business_containers() {
        let statuses = vec![
            status("istio-proxy", waiting("ImagePullBackOff"), false),
            status("app", waiting("CreateContainerConfigError"), false),
        ];
        let p =
            pod(&["istio-proxy", "app"], statuses, "Pending").to_slim(&ConvertOptions::default());
        assert_eq!(p.reason.as_deref(), Some("CreateContainerConfigError"));
        assert!(p.containers[0].sidecar);
        // With a custom sidecar list the istio container counts as business and comes first.
        let opts = ConvertOptions {
            sidecars: vec!["other".into()],
            ..Default::default()
        };
        let statuses = vec![
            status("istio-proxy", waiting("ImagePullBackOff"), false),
            status("app", waiting("CreateContainerConfigError"), false),
        ];
        let p = pod(&["istio-proxy", "app"], statuses, "Pending").to_slim(&opts);
        assert_eq!(p.reason.as_deref(), Some("ImagePullBackOff"));
        // Sidecar reason used when no business container has one.
        let statuses = vec![
            status("linkerd-proxy", waiting("CrashLoopBackOff"), false),
            status("app", running(), true),
        ];
        let p =
            pod(&["linkerd-proxy", "app"], statuses, "Running").to_slim(&ConvertOptions::default());
        assert_eq!(p.reason.as_deref(), Some("CrashLoopBackOff"));
    }

    #[test]
    fn healthy_evicted_terminating_and_init() {
        let healthy = pod(&["app"], vec![status("app", running(), true)], "Running");
        let p = healthy.to_slim(&ConvertOptions::default());
        assert_eq!(p.reason, None);
        assert_eq!(p.ready_text(), "1/1");
        assert_eq!(p.image_of_first(), "app:1");

        let mut evicted = pod(&["app"], vec![], "Failed");
        let st = evicted.status.as_mut().unwrap();
        st.reason = Some("Evicted".into());
        st.message = Some("The node was low on resource: memory.".into());
        let p = evicted.to_slim(&ConvertOptions::default());
        assert_eq!(p.reason.as_deref(), Some("Evicted"));
        assert!(p.message.unwrap().contains("low on resource"));

        let mut del = healthy.clone();
        del.metadata.deletion_timestamp = Some(ts("2026-01-01T00:00:00Z"));
        assert_eq!(
            del.to_slim(&ConvertOptions::default()).reason.as_deref(),
            Some("Terminating")
        );

        let mut init = pod(
            &["app"],
            vec![status("app", waiting("PodInitializing"), false)],
            "Pending",
        );
        init.spec.as_mut().unwrap().init_containers = Some(vec![k::Container {
            name: "migrate".into(),
            ..Default::default()
        }]);
        init.status.as_mut().unwrap().init_container_statuses =
            Some(vec![status("migrate", waiting("CrashLoopBackOff"), false)]);
        assert_eq!(
            init.to_slim(&ConvertOptions::default()).reason.as_deref(),
            Some("Init:CrashLoopBackOff")
        );
    }

    #[test]
    fn env_literals_hidden_unless_asked_and_named_probe_ports_kept() {
        let mut p = pod(&["app"], vec![], "Running");
        let c = &mut p.spec.as_mut().unwrap().containers[0];
        c.env = Some(vec![
            k::EnvVar {
                name: "PASSWORD".into(),
                value: Some("hunter2".into()),
                ..Default::default()
            },
            k::EnvVar {
                name: "DB".into(),
                value_from: Some(k::EnvVarSource {
                    secret_key_ref: Some(k::SecretKeySelector {
                        name: "db".into(),
                        key: "url".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
        ]);
        c.liveness_probe = Some(k::Probe {
            http_get: Some(k::HTTPGetAction {
                port: IntOrString::String("http-metrics".into()),
                path: Some("/healthz".into()),
                ..Default::default()
            }),
            ..Default::default()
        });
        let slim = p.to_slim(&ConvertOptions::default());
        let json = serde_json::to_string(&slim).unwrap();
        assert!(!json.contains("hunter2"), "{json}");
        let live = slim.containers[0].liveness.as_ref().unwrap();
        assert_eq!(live.port.as_deref(), Some("http-metrics"));
        assert_eq!(live.kind, "http_get");
        assert_eq!(
            slim.containers[0].env[1].source,
            EnvSource::Secret {
                name: "db".into(),
                key: "url".into()
            }
        );
        let opts = ConvertOptions {
            include_env_values: true,
            ..Default::default()
        };
        let json = serde_json::to_string(&p.to_slim(&opts)).unwrap();
        assert!(json.contains("hunter2"));
    }

    trait FirstImage {
        fn image_of_first(&self) -> &str;
    }
    impl FirstImage for Pod {
        fn image_of_first(&self) -> &str {
            &self.containers[0].image
        }
    }
}
