//! Simulated kubelet: container start, image pulls, config errors, crashes, OOM kills, probes and
//! pod termination, each driven by per-pod timers on the simulated clock.

use k8s_openapi::api::core::v1::{
    ConfigMap, ContainerState, ContainerStateRunning, ContainerStateTerminated,
    ContainerStateWaiting, ContainerStatus, Node, Pod, PodIP, PodStatus, Secret,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::faults::{self, PodFaults};
use super::pods::{self, set_condition};
use crate::state::{Due, EventTarget, SimState, ts};
use crate::store::ObjKey;

/// Marker in an image reference that makes the pull fail (used by the image-pull fault, and by
/// anyone who creates a pod with such an image).
pub const BAD_IMAGE_MARKER: &str = "does-not-exist";

/// Longest container restart back-off, as in the kubelet.
const MAX_BACKOFF_S: i64 = 300;

fn backoff_s(n: u32) -> i64 {
    (10i64 << n.saturating_sub(1).min(5)).min(MAX_BACKOFF_S)
}

/// Called when the scheduler binds a pod: assigns IPs, shows ContainerCreating, starts soon.
pub fn on_bound(state: &mut SimState, key: &ObjKey) {
    let Some(mut pod) = state.store.get::<Pod>(&key.namespace, &key.name).cloned() else {
        return;
    };
    let node_name = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.clone())
        .unwrap_or_default();
    let node_ip = state.store.get::<Node>("", &node_name).and_then(|n| {
        n.status
            .as_ref()?
            .addresses
            .as_ref()?
            .first()
            .map(|a| a.address.clone())
    });
    let host_network = pod
        .spec
        .as_ref()
        .and_then(|s| s.host_network)
        .unwrap_or(false);
    let pod_ip = if host_network {
        node_ip.clone()
    } else {
        Some(next_pod_ip(state, &node_name))
    };
    let now = state.now_ms;
    let status = pod.status.get_or_insert_with(PodStatus::default);
    status.host_ip.clone_from(&node_ip);
    status.pod_ip.clone_from(&pod_ip);
    status.pod_ips = pod_ip.clone().map(|ip| vec![PodIP { ip }]);
    status.start_time = Some(Time(ts(now)));
    status.container_statuses = Some(
        pod.spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .map(|c| ContainerStatus {
                name: c.name.clone(),
                image: c.image.clone().unwrap_or_default(),
                image_id: String::new(),
                ready: false,
                started: Some(false),
                restart_count: 0,
                state: Some(waiting("ContainerCreating", None)),
                ..ContainerStatus::default()
            })
            .collect(),
    );
    set_condition(&mut pod, now, "PodScheduled", true, None, None);
    set_condition(&mut pod, now, "Initialized", true, None, None);
    set_condition(
        &mut pod,
        now,
        "Ready",
        false,
        Some("ContainersNotReady"),
        Some("containers with unready status: [app]"),
    );
    set_condition(
        &mut pod,
        now,
        "ContainersReady",
        false,
        Some("ContainersNotReady"),
        None,
    );
    state.store.put(pod);
    let at = now + 1000 + state.jitter(2000);
    state.timers.set(key.clone(), at, Due::Start);
}

fn next_pod_ip(state: &mut SimState, node: &str) -> String {
    let node_idx = node
        .rsplit('-')
        .next()
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(0);
    let n = state.ip_counter.entry(node.to_owned()).or_insert(1);
    *n += 1;
    let host = *n;
    format!(
        "10.{}.{}.{}",
        64 + node_idx / 256 % 64,
        node_idx % 256,
        host % 254 + 1
    )
}

fn waiting(reason: &str, message: Option<String>) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting {
            reason: Some(reason.to_owned()),
            message,
        }),
        ..ContainerState::default()
    }
}

/// Runs a fired timer.
pub fn fire(state: &mut SimState, key: &ObjKey, due: Due) {
    if due == Due::Remove {
        pods::remove(state, key);
        return;
    }
    let Some(pod) = state.store.get::<Pod>(&key.namespace, &key.name).cloned() else {
        return;
    };
    if pod.metadata.deletion_timestamp.is_some()
        || pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .is_none()
    {
        return;
    }
    match due {
        Due::Start => start(state, key, pod),
        Due::Crash => crash(state, key, pod),
        Due::Resync => resync(state, key, pod),
        Due::Complete => complete(state, pod),
        Due::Remove => {}
    }
}

fn target(pod: &Pod, container: &str) -> EventTarget {
    EventTarget::of(pod)
        .on_host(pod.spec.as_ref().and_then(|s| s.node_name.clone()))
        .field(format!("spec.containers{{{container}}}"))
}

/// The first reference of the container to a missing ConfigMap/Secret key, as the kubelet reports it.
fn missing_config(state: &SimState, pod: &Pod, container: usize) -> Option<String> {
    let ns = pod.metadata.namespace.as_deref().unwrap_or("");
    let c = pod.spec.as_ref()?.containers.get(container)?;
    for env in c.env.iter().flatten() {
        let Some(from) = &env.value_from else {
            continue;
        };
        if let Some(r) = &from.config_map_key_ref {
            match state.store.get::<ConfigMap>(ns, &r.name) {
                None if r.optional != Some(true) => {
                    return Some(format!("configmap \"{}\" not found", r.name));
                }
                Some(cm)
                    if !cm.data.as_ref().is_some_and(|d| d.contains_key(&r.key))
                        && r.optional != Some(true) =>
                {
                    return Some(format!(
                        "couldn't find key {} in ConfigMap {}/{}",
                        r.key, ns, r.name
                    ));
                }
                _ => {}
            }
        }
        if let Some(r) = &from.secret_key_ref
            && state.store.get::<Secret>(ns, &r.name).is_none()
            && r.optional != Some(true)
        {
            return Some(format!("secret \"{}\" not found", r.name));
        }
    }
    None
}

fn start(state: &mut SimState, key: &ObjKey, mut pod: Pod) {
    let now = state.now_ms;
    let faults = faults::pod_faults(state, &pod);
    let containers = pod
        .spec
        .as_ref()
        .map(|s| s.containers.clone())
        .unwrap_or_default();
    let mut blocked = false;
    let mut statuses = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.clone())
        .unwrap_or_default();
    for (i, c) in containers.iter().enumerate() {
        let Some(st) = statuses.get_mut(i) else {
            continue;
        };
        if st.state.as_ref().is_some_and(|s| s.running.is_some()) {
            continue;
        }
        let image = c.image.clone().unwrap_or_default();
        let t = target(&pod, &c.name);
        if image.contains(BAD_IMAGE_MARKER) {
            blocked = true;
            let attempt = state.attempts.entry(key.clone()).or_insert(0);
            *attempt += 1;
            let attempt = *attempt;
            if attempt == 1 || attempt.is_multiple_of(2) {
                let msg = format!(
                    "Failed to pull image \"{image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": not found"
                );
                state.event(&t, true, "Failed", &msg, "kubelet");
                state.event(&t, true, "Failed", "Error: ErrImagePull", "kubelet");
                st.state = Some(waiting("ErrImagePull", Some(msg)));
            } else {
                let msg = format!("Back-off pulling image \"{image}\"");
                state.event(&t, false, "BackOff", &msg, "kubelet");
                state.event(&t, true, "Failed", "Error: ImagePullBackOff", "kubelet");
                st.state = Some(waiting("ImagePullBackOff", Some(msg)));
            }
            let at = now + backoff_s(attempt) * 1000;
            state.timers.set(key.clone(), at, Due::Start);
            continue;
        }
        if let Some(msg) = missing_config(state, &pod, i) {
            blocked = true;
            state.event(&t, true, "Failed", &format!("Error: {msg}"), "kubelet");
            st.state = Some(waiting("CreateContainerConfigError", Some(msg)));
            state.timers.set(key.clone(), now + 10_000, Due::Start);
            continue;
        }
        if st.restart_count == 0 && st.last_state.is_none() {
            state.event(
                &t,
                false,
                "Pulled",
                &format!("Container image \"{image}\" already present on machine"),
                "kubelet",
            );
        }
        state.event(
            &t,
            false,
            "Created",
            &format!("Created container: {}", c.name),
            "kubelet",
        );
        state.event(
            &t,
            false,
            "Started",
            &format!("Started container {}", c.name),
            "kubelet",
        );
        st.state = Some(ContainerState {
            running: Some(ContainerStateRunning {
                started_at: Some(Time(ts(now))),
            }),
            ..ContainerState::default()
        });
        st.started = Some(true);
        st.image_id = format!(
            "{}@sha256:{:064x}",
            image.split(':').next().unwrap_or(""),
            crate::rng::hash_str(&image)
        );
        st.container_id = Some(format!("containerd://{:064x}", state.rng.next_u64()));
    }
    let ever_ran = statuses
        .iter()
        .any(|s| s.restart_count > 0 || s.state.as_ref().is_some_and(|x| x.running.is_some()));
    if let Some(s) = pod.status.as_mut() {
        s.container_statuses = Some(statuses);
        if ever_ran {
            s.phase = Some("Running".into());
        }
    }
    if !blocked {
        state.attempts.remove(key);
        schedule_fault_timer(state, key, &pod, faults, now);
    }
    apply_readiness(state, &mut pod, faults);
    state.store.put(pod);
}

/// After a (re)start: arrange the crash, completion or probe timer the pod's situation calls for.
fn schedule_fault_timer(
    state: &mut SimState,
    key: &ObjKey,
    pod: &Pod,
    faults: PodFaults,
    now: i64,
) {
    if faults.crash {
        let at = now + 2000 + state.jitter(6000);
        state.timers.set(key.clone(), at, Due::Crash);
    } else if faults.oom {
        let at = now + 15_000 + state.jitter(30_000);
        state.timers.set(key.clone(), at, Due::Crash);
    } else if pod.spec.as_ref().and_then(|s| s.restart_policy.as_deref()) == Some("Never") {
        let at = now + 20_000 + state.jitter(40_000);
        state.timers.set(key.clone(), at, Due::Complete);
    } else if faults.probe {
        let at = now + 10_000;
        state.timers.set(key.clone(), at, Due::Resync);
    }
}

fn apply_readiness(state: &mut SimState, pod: &mut Pod, faults: PodFaults) {
    let now = state.now_ms;
    let node_ready = pod
        .spec
        .as_ref()
        .and_then(|s| s.node_name.as_deref())
        .is_some_and(|n| faults::node_ready(state, n));
    let mut all_running = true;
    let mut unready = Vec::new();
    if let Some(statuses) = pod
        .status
        .as_mut()
        .and_then(|s| s.container_statuses.as_mut())
    {
        for st in statuses.iter_mut() {
            let running = st.state.as_ref().is_some_and(|s| s.running.is_some());
            all_running &= running;
            st.ready = running && !faults.probe && node_ready;
            if !st.ready {
                unready.push(st.name.clone());
            }
        }
    }
    let ready = unready.is_empty() && all_running;
    let msg = format!("containers with unready status: [{}]", unready.join(" "));
    let (reason, message) = if ready {
        (None, None)
    } else if !node_ready {
        (Some("NodeNotReady"), None)
    } else {
        (Some("ContainersNotReady"), Some(msg.as_str()))
    };
    set_condition(pod, now, "ContainersReady", ready, reason, message);
    set_condition(pod, now, "Ready", ready, reason, message);
}

fn crash(state: &mut SimState, key: &ObjKey, mut pod: Pod) {
    let faults = faults::pod_faults(state, &pod);
    if !faults.crash && !faults.oom {
        return;
    }
    let now = state.now_ms;
    let pod_desc = format!(
        "{}_{}({})",
        pod.metadata.name.as_deref().unwrap_or(""),
        pod.metadata.namespace.as_deref().unwrap_or(""),
        pod.metadata.uid.as_deref().unwrap_or("")
    );
    let Some(st) = pod
        .status
        .as_mut()
        .and_then(|s| s.container_statuses.as_mut())
        .and_then(|v| v.first_mut())
    else {
        return;
    };
    let Some(running) = st.state.as_ref().and_then(|s| s.running.clone()) else {
        return;
    };
    let (code, reason) = if faults.oom {
        (137, "OOMKilled")
    } else {
        (1, "Error")
    };
    st.last_state = Some(ContainerState {
        terminated: Some(ContainerStateTerminated {
            exit_code: code,
            reason: Some(reason.into()),
            started_at: running.started_at,
            finished_at: Some(Time(ts(now))),
            container_id: st.container_id.clone(),
            ..ContainerStateTerminated::default()
        }),
        ..ContainerState::default()
    });
    st.restart_count += 1;
    let backoff = backoff_s(st.restart_count.max(1) as u32);
    let name = st.name.clone();
    st.state = Some(waiting(
        "CrashLoopBackOff",
        Some(format!(
            "back-off {backoff}s restarting failed container={name} pod={pod_desc}"
        )),
    ));
    st.ready = false;
    st.started = Some(false);
    let t = target(&pod, &name);
    if faults.oom {
        let node = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.clone())
            .unwrap_or_default();
        if let Some(n) = state.store.get::<Node>("", &node).cloned() {
            let msg = format!(
                "Memory cgroup out of memory: Killed process {} ({name})",
                1000 + state.rng.range(0, 30000)
            );
            state.event(
                &EventTarget::of(&n).on_host(Some(node)),
                true,
                "OOMKilling",
                &msg,
                "kernel-monitor",
            );
        }
    }
    state.event(
        &t,
        true,
        "BackOff",
        &format!("Back-off restarting failed container {name} in pod {pod_desc}"),
        "kubelet",
    );
    apply_readiness(state, &mut pod, faults);
    state.store.put(pod);
    state
        .timers
        .set(key.clone(), now + backoff * 1000, Due::Start);
}

fn resync(state: &mut SimState, key: &ObjKey, mut pod: Pod) {
    let faults = faults::pod_faults(state, &pod);
    let now = state.now_ms;
    let running = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|v| v.first())
        .is_some_and(|c| c.state.as_ref().is_some_and(|s| s.running.is_some()));
    if running {
        if faults.probe {
            let name = pod
                .spec
                .as_ref()
                .and_then(|s| s.containers.first())
                .map(|c| c.name.clone())
                .unwrap_or_default();
            state.event(
                &target(&pod, &name),
                true,
                "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 503",
                "kubelet",
            );
        }
        if state.timers.get(key).is_none() {
            schedule_fault_timer(state, key, &pod, faults, now);
        }
    } else if state.timers.get(key).is_none() && pods::phase(&pod) != "Succeeded" {
        state.timers.set(key.clone(), now, Due::Start);
    }
    apply_readiness(state, &mut pod, faults);
    state.store.put_if_changed(pod);
}

fn complete(state: &mut SimState, mut pod: Pod) {
    let now = state.now_ms;
    if let Some(s) = pod.status.as_mut() {
        s.phase = Some("Succeeded".into());
        for st in s.container_statuses.iter_mut().flatten() {
            let started = st
                .state
                .as_ref()
                .and_then(|x| x.running.as_ref())
                .and_then(|r| r.started_at.clone());
            st.state = Some(ContainerState {
                terminated: Some(ContainerStateTerminated {
                    exit_code: 0,
                    reason: Some("Completed".into()),
                    started_at: started,
                    finished_at: Some(Time(ts(now))),
                    container_id: st.container_id.clone(),
                    ..ContainerStateTerminated::default()
                }),
                ..ContainerState::default()
            });
            st.ready = false;
            st.started = Some(false);
        }
    }
    set_condition(&mut pod, now, "Ready", false, Some("PodCompleted"), None);
    set_condition(
        &mut pod,
        now,
        "ContainersReady",
        false,
        Some("PodCompleted"),
        None,
    );
    state.store.put(pod);
}
