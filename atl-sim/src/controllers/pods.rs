//! Pod helpers shared by controllers and the API: creation from templates, readiness, deletion
//! with grace periods, and PDB-checked eviction.

use std::collections::{BTreeMap, HashMap};

use k8s_openapi::api::core::v1::{Pod, PodCondition, PodSpec, PodStatus, PodTemplateSpec};
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::api_error::ApiError;
use crate::select::{LabelSel, Requirement};
use crate::state::{Due, EventTarget, SimState, ts};
use crate::store::ObjKey;

/// Default grace period of generated pods, as in Kubernetes.
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// Builds a pod from a controller's template.
pub fn from_template(
    template: &PodTemplateSpec,
    namespace: &str,
    name: &str,
    owner: OwnerReference,
    extra_labels: &[(&str, &str)],
) -> Pod {
    let tm = template.metadata.clone().unwrap_or_default();
    let mut labels = tm.labels.unwrap_or_default();
    for (k, v) in extra_labels {
        labels.insert((*k).to_owned(), (*v).to_owned());
    }
    let mut spec: PodSpec = template.spec.clone().unwrap_or_default();
    spec.restart_policy.get_or_insert_with(|| "Always".into());
    spec.scheduler_name
        .get_or_insert_with(|| "default-scheduler".into());
    spec.termination_grace_period_seconds
        .get_or_insert(DEFAULT_GRACE_SECONDS);
    spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    spec.service_account_name
        .get_or_insert_with(|| "default".into());
    let qos = qos_class(&spec);
    Pod {
        metadata: ObjectMeta {
            name: Some(name.to_owned()),
            namespace: Some(namespace.to_owned()),
            labels: Some(labels),
            annotations: tm.annotations,
            owner_references: Some(vec![owner]),
            ..ObjectMeta::default()
        },
        spec: Some(spec),
        status: Some(PodStatus {
            phase: Some("Pending".into()),
            qos_class: Some(qos.into()),
            ..PodStatus::default()
        }),
    }
}

fn qos_class(spec: &PodSpec) -> &'static str {
    let mut any = false;
    let mut guaranteed = true;
    for c in &spec.containers {
        let r = c.resources.clone().unwrap_or_default();
        let req = r.requests.unwrap_or_default();
        let lim = r.limits.unwrap_or_default();
        any |= !req.is_empty() || !lim.is_empty();
        guaranteed &= ["cpu", "memory"]
            .iter()
            .all(|k| lim.contains_key(*k) && req.get(*k).is_none_or(|q| Some(q) == lim.get(*k)));
    }
    match (any, guaranteed) {
        (false, _) => "BestEffort",
        (true, true) => "Guaranteed",
        (true, false) => "Burstable",
    }
}

/// Whether the pod's Ready condition is True.
pub fn is_ready(pod: &Pod) -> bool {
    condition(pod, "Ready").is_some_and(|c| c.status == "True")
}

/// Whether the pod counts toward its controller's replicas (not terminating, not finished).
pub fn is_active(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_none() && !matches!(phase(pod), "Succeeded" | "Failed")
}

/// The pod phase ("" if unset).
pub fn phase(pod: &Pod) -> &str {
    pod.status
        .as_ref()
        .and_then(|s| s.phase.as_deref())
        .unwrap_or("")
}

/// A pod condition by type.
pub fn condition<'a>(pod: &'a Pod, type_: &str) -> Option<&'a PodCondition> {
    pod.status
        .as_ref()?
        .conditions
        .as_ref()?
        .iter()
        .find(|c| c.type_ == type_)
}

/// Sets a pod condition, keeping lastTransitionTime when the status does not change.
pub fn set_condition(
    pod: &mut Pod,
    now_ms: i64,
    type_: &str,
    status: bool,
    reason: Option<&str>,
    message: Option<&str>,
) {
    let status_s = if status { "True" } else { "False" };
    let conds = pod
        .status
        .get_or_insert_with(PodStatus::default)
        .conditions
        .get_or_insert_with(Vec::new);
    let new = PodCondition {
        type_: type_.to_owned(),
        status: status_s.to_owned(),
        reason: reason.map(str::to_owned),
        message: message.map(str::to_owned),
        last_transition_time: Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::Time(ts(
            now_ms,
        ))),
        last_probe_time: None,
        observed_generation: None,
    };
    match conds.iter_mut().find(|c| c.type_ == type_) {
        Some(c) if c.status == status_s => {
            c.reason = new.reason;
            c.message = new.message;
        }
        Some(c) => *c = new,
        None => conds.push(new),
    }
}

/// Labels of a pod.
pub fn labels(pod: &Pod) -> Option<&BTreeMap<String, String>> {
    pod.metadata.labels.as_ref()
}

/// Deletes a pod. With a grace period and a node it turns Terminating and is removed when the
/// grace period ends; otherwise it is removed at once. Returns the pod as it is after the call.
pub fn delete(
    state: &mut SimState,
    namespace: &str,
    name: &str,
    grace: Option<i64>,
) -> Result<Pod, ApiError> {
    let mut pod = state
        .store
        .get::<Pod>(namespace, name)
        .cloned()
        .ok_or_else(|| ApiError::not_found("pods", name))?;
    let key = ObjKey::new(namespace, name);
    let grace = grace
        .or_else(|| {
            pod.spec
                .as_ref()
                .and_then(|s| s.termination_grace_period_seconds)
        })
        .unwrap_or(DEFAULT_GRACE_SECONDS)
        .max(0);
    let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
    let finished = matches!(phase(&pod), "Succeeded" | "Failed");
    if grace == 0 || node.is_none() || finished {
        remove(state, &key);
        return Ok(pod);
    }
    if pod.metadata.deletion_timestamp.is_some() {
        return Ok(pod);
    }
    pod.metadata.deletion_timestamp = Some(state.now());
    pod.metadata.deletion_grace_period_seconds = Some(grace);
    let now = state.now_ms;
    set_condition(&mut pod, now, "Ready", false, None, None);
    set_condition(&mut pod, now, "ContainersReady", false, None, None);
    for st in pod
        .status
        .iter_mut()
        .flat_map(|s| s.container_statuses.iter_mut().flatten())
    {
        st.ready = false;
    }
    for c in pod.spec.iter().flat_map(|s| s.containers.iter()) {
        let target = EventTarget::of(&pod)
            .on_host(node.clone())
            .field(format!("spec.containers{{{}}}", c.name));
        state.event(
            &target,
            false,
            "Killing",
            &format!("Stopping container {}", c.name),
            "kubelet",
        );
    }
    state.store.put(pod.clone());
    state.timers.set(key, now + grace * 1000, Due::Remove);
    Ok(pod)
}

/// Removes a pod from the store and forgets its runtime state.
pub fn remove(state: &mut SimState, key: &ObjKey) {
    state.timers.cancel(key);
    state.unscheduled.remove(key);
    state.attempts.remove(key);
    state.store.remove::<Pod>(&key.namespace, &key.name);
}

/// Disruption budget arithmetic for one PDB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Budget {
    /// Pods the selector matches (not terminating).
    pub expected: i32,
    /// Of those, ready.
    pub healthy: i32,
    /// Ready pods the budget wants.
    pub desired: i32,
    /// How many may be disrupted now.
    pub allowed: i32,
}

/// Computes the budget of a PDB from the current pods.
pub fn budget(state: &SimState, pdb: &PodDisruptionBudget) -> Budget {
    let ns = pdb.metadata.namespace.as_deref().unwrap_or("");
    budget_in(&LabelIndex::new(state, ns), pdb)
}

/// Computes the budget of a PDB from an index of its namespace's pods.
pub fn budget_in(index: &LabelIndex<'_>, pdb: &PodDisruptionBudget) -> Budget {
    let spec = pdb.spec.clone().unwrap_or_default();
    let Some(sel) = spec.selector.as_ref().map(LabelSel::from_object) else {
        return Budget::default();
    };
    let pods: Vec<&Pod> = index.select(&sel).filter(|p| is_active(p)).collect();
    let expected = pods.len() as i32;
    let healthy = pods.iter().filter(|p| is_ready(p)).count() as i32;
    let resolve = |v: &IntOrString| match v {
        IntOrString::Int(i) => *i,
        IntOrString::String(s) => {
            let pct: i32 = s.trim_end_matches('%').parse().unwrap_or(0);
            (expected * pct + 99) / 100
        }
    };
    let desired = match (&spec.min_available, &spec.max_unavailable) {
        (Some(min), _) => resolve(min),
        (None, Some(max)) => (expected - resolve(max)).max(0),
        (None, None) => 0,
    };
    Budget {
        expected,
        healthy,
        desired,
        allowed: (healthy - desired).max(0),
    }
}

/// Evicts a pod unless a disruption budget forbids it (429 like the API server).
pub fn evict(
    state: &mut SimState,
    namespace: &str,
    name: &str,
    grace: Option<i64>,
) -> Result<(), ApiError> {
    let pod = state
        .store
        .get::<Pod>(namespace, name)
        .cloned()
        .ok_or_else(|| ApiError::not_found("pods", name))?;
    if pod.metadata.deletion_timestamp.is_none() && is_ready(&pod) {
        let pdbs: Vec<PodDisruptionBudget> = state
            .store
            .list::<PodDisruptionBudget>(Some(namespace))
            .filter(|pdb| {
                pdb.spec
                    .as_ref()
                    .and_then(|s| s.selector.as_ref())
                    .is_some_and(|sel| LabelSel::from_object(sel).matches(labels(&pod)))
            })
            .cloned()
            .collect();
        if pdbs.len() > 1 {
            return Err(ApiError {
                code: 500,
                reason: "InternalError",
                message: "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.".into(),
                details: None,
            });
        }
        if let Some(pdb) = pdbs.first()
            && budget(state, pdb).allowed < 1
        {
            return Err(ApiError::too_many_requests(format!(
                "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget {} needs {} healthy pods and has {} currently",
                pdb.metadata.name.as_deref().unwrap_or(""),
                budget(state, pdb).desired,
                budget(state, pdb).healthy
            )));
        }
    }
    delete(state, namespace, name, grace).map(|_| ())
}

/// The pods of one namespace indexed by label pair, so that matching many selectors (services,
/// budgets) does not scan every pod for each of them.
#[derive(Debug)]
pub struct LabelIndex<'a> {
    all: Vec<&'a Pod>,
    by_label: HashMap<(&'a str, &'a str), Vec<&'a Pod>>,
}

impl<'a> LabelIndex<'a> {
    /// Indexes the pods of `namespace`.
    pub fn new(state: &'a SimState, namespace: &str) -> Self {
        let mut by_label: HashMap<(&'a str, &'a str), Vec<&'a Pod>> = HashMap::new();
        let all: Vec<&'a Pod> = state.store.list::<Pod>(Some(namespace)).collect();
        for p in &all {
            for (k, v) in p.metadata.labels.iter().flatten() {
                by_label
                    .entry((k.as_str(), v.as_str()))
                    .or_default()
                    .push(p);
            }
        }
        Self { all, by_label }
    }

    /// Pods the selector matches, in name order.
    pub fn select<'s>(&'s self, sel: &'s LabelSel) -> impl Iterator<Item = &'a Pod> + 's {
        let first_eq = sel.0.iter().find_map(|r| match r {
            Requirement::Eq(k, v) => Some((k.as_str(), v.as_str())),
            _ => None,
        });
        let candidates: &[&'a Pod] = match first_eq {
            Some(kv) => self.by_label.get(&kv).map_or(&[], Vec::as_slice),
            None => &self.all,
        };
        candidates
            .iter()
            .copied()
            .filter(move |p| sel.matches(labels(p)))
    }
}
