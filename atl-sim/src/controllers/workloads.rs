//! Workload controllers: Deployment → ReplicaSet → Pod, StatefulSet, DaemonSet and Job, with their
//! status fields as the real controllers report them.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetStatus, Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet,
    ReplicaSetSpec, ReplicaSetStatus, StatefulSet, StatefulSetStatus,
};
use k8s_openapi::api::batch::v1::{Job, JobCondition, JobStatus};
use k8s_openapi::api::core::v1::{
    Node, PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimStatus,
    PersistentVolumeClaimVolumeSource, PersistentVolumeSpec, PersistentVolumeStatus, Pod,
    PodTemplateSpec, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, Time};

use super::pods;
use crate::kinds::SimKind;
use crate::rng::hash_str;
use crate::state::{EventTarget, SimState, controller_ref, controller_uid, ts};
use crate::store::ObjKey;

const REVISION: &str = "deployment.kubernetes.io/revision";
const HASH_LABEL: &str = "pod-template-hash";

/// The pod-template-hash of a template (stable across runs; same alphabet as Kubernetes).
pub fn template_hash(t: &PodTemplateSpec) -> String {
    let h = hash_str(&serde_json::to_string(t).unwrap_or_default());
    let alphabet = b"bcdfghjklmnpqrstvwxz2456789";
    (0..10)
        .map(|i| alphabet[((h >> (i * 6)) % 27) as usize] as char)
        .collect()
}

/// What controllers need to know about a pod (cheap to copy, unlike the pod).
#[derive(Debug, Clone)]
struct PodInfo {
    name: String,
    node: Option<String>,
    active: bool,
    ready: bool,
    succeeded: bool,
    created_ms: i64,
}

impl PodInfo {
    fn of(p: &Pod) -> Self {
        Self {
            name: name(p),
            node: p.spec.as_ref().and_then(|s| s.node_name.clone()),
            active: pods::is_active(p),
            ready: pods::is_ready(p),
            succeeded: pods::phase(p) == "Succeeded",
            created_ms: p
                .metadata
                .creation_timestamp
                .as_ref()
                .map_or(0, |t| t.0.as_millisecond()),
        }
    }
}

/// Pods of a namespace grouped by their controller's uid.
fn pods_by_owner(state: &SimState, ns: &str) -> BTreeMap<String, Vec<PodInfo>> {
    let mut out: BTreeMap<String, Vec<PodInfo>> = BTreeMap::new();
    for p in state.store.list::<Pod>(Some(ns)) {
        if let Some(uid) = controller_uid(&p.metadata) {
            out.entry(uid.to_owned()).or_default().push(PodInfo::of(p));
        }
    }
    out
}

fn uid<K: SimKind>(o: &K) -> String {
    o.metadata().uid.clone().unwrap_or_default()
}

fn name<K: SimKind>(o: &K) -> String {
    o.metadata().name.clone().unwrap_or_default()
}

/// Runs every workload controller over the given namespaces.
pub fn run(state: &mut SimState, namespaces: &BTreeSet<String>, nodes_changed: bool) {
    for ns in namespaces {
        deployments(state, ns);
        replica_sets(state, ns);
        stateful_sets(state, ns);
        jobs(state, ns);
    }
    let ds_namespaces: BTreeSet<String> = if nodes_changed {
        state
            .store
            .list::<DaemonSet>(None)
            .filter_map(|d| d.metadata.namespace.clone())
            .collect()
    } else {
        namespaces.clone()
    };
    for ns in &ds_namespaces {
        daemon_sets(state, ns);
    }
}

fn deployments(state: &mut SimState, ns: &str) {
    let deps: Vec<Deployment> = state.store.list::<Deployment>(Some(ns)).cloned().collect();
    for dep in deps {
        let Some(spec) = dep.spec.clone() else {
            continue;
        };
        let dep_uid = uid(&dep);
        let dep_name = name(&dep);
        let mut rss: Vec<ReplicaSet> = state
            .store
            .list::<ReplicaSet>(Some(ns))
            .filter(|r| controller_uid(&r.metadata) == Some(dep_uid.as_str()))
            .cloned()
            .collect();
        let desired = spec.replicas.unwrap_or(1);
        let hash = template_hash(&spec.template);
        let revision = |r: &ReplicaSet| {
            r.metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get(REVISION))
                .and_then(|v| v.parse::<i64>().ok())
                .unwrap_or(0)
        };
        let max_rev = rss.iter().map(revision).max().unwrap_or(0);
        let target = EventTarget::of(&dep);
        let new_pos = rss.iter().position(|r| {
            r.metadata.labels.as_ref().and_then(|l| l.get(HASH_LABEL)) == Some(&hash)
        });
        let mut new_rs = match new_pos {
            Some(i) => rss.remove(i),
            None => {
                if spec.paused == Some(true) {
                    continue;
                }
                let rs_name = format!("{dep_name}-{hash}");
                let mut template = spec.template.clone();
                let tm = template.metadata.get_or_insert_with(Default::default);
                tm.labels
                    .get_or_insert_with(Default::default)
                    .insert(HASH_LABEL.into(), hash.clone());
                let mut selector: LabelSelector = spec.selector.clone();
                selector
                    .match_labels
                    .get_or_insert_with(Default::default)
                    .insert(HASH_LABEL.into(), hash.clone());
                let rs = ReplicaSet {
                    metadata: ObjectMeta {
                        name: Some(rs_name.clone()),
                        namespace: Some(ns.to_owned()),
                        labels: tm.labels.clone(),
                        annotations: Some(
                            [
                                (REVISION.to_owned(), (max_rev + 1).to_string()),
                                (
                                    "deployment.kubernetes.io/desired-replicas".to_owned(),
                                    desired.to_string(),
                                ),
                            ]
                            .into(),
                        ),
                        owner_references: Some(vec![controller_ref(&dep)]),
                        ..ObjectMeta::default()
                    },
                    spec: Some(ReplicaSetSpec {
                        replicas: Some(0),
                        selector,
                        template: Some(template),
                        min_ready_seconds: spec.min_ready_seconds,
                    }),
                    status: Some(ReplicaSetStatus::default()),
                };
                if state.create(rs).is_err() {
                    continue;
                }
                match state.store.get::<ReplicaSet>(ns, &rs_name) {
                    Some(r) => r.clone(),
                    None => continue,
                }
            }
        };
        // A rollback to an older template makes that ReplicaSet the newest revision again.
        if revision(&new_rs) < max_rev {
            new_rs
                .metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert(REVISION.into(), (max_rev + 1).to_string());
        }
        scale_rs(state, &mut new_rs, desired, &target);
        let new_available = new_rs
            .status
            .as_ref()
            .and_then(|s| s.available_replicas)
            .unwrap_or(0);
        // Old ReplicaSets give way as the new one becomes available (never below what is still needed).
        let mut allowed_old = (desired - new_available).max(0);
        rss.sort_by_key(|r| std::cmp::Reverse(revision(r)));
        for mut old in rss {
            let cur = old.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0);
            let keep = cur.min(allowed_old);
            allowed_old -= keep;
            scale_rs(state, &mut old, keep, &target);
        }
    }
}

fn scale_rs(state: &mut SimState, rs: &mut ReplicaSet, to: i32, about: &EventTarget) {
    let cur = rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0);
    if cur != to {
        let verb = if to > cur { "up" } else { "down" };
        let msg = format!("Scaled {verb} replica set {} from {cur} to {to}", name(rs));
        state.event(
            about,
            false,
            "ScalingReplicaSet",
            &msg,
            "deployment-controller",
        );
        if let Some(s) = rs.spec.as_mut() {
            s.replicas = Some(to);
        }
        rs.metadata
            .annotations
            .get_or_insert_with(Default::default)
            .insert(
                "deployment.kubernetes.io/desired-replicas".into(),
                to.to_string(),
            );
    }
    rs.metadata.resource_version = None;
    state.store.put_if_changed(rs.clone());
}

/// Creates or deletes pods so `owned` has `desired` active pods; returns the active pods.
fn converge<F>(
    state: &mut SimState,
    (ns, owner, component): (&str, &EventTarget, &str),
    owned: &[PodInfo],
    desired: i32,
    mut make: F,
) -> Vec<PodInfo>
where
    F: FnMut(&mut SimState) -> Option<Pod>,
{
    let mut active: Vec<PodInfo> = owned.iter().filter(|p| p.active).cloned().collect();
    let n = active.len() as i32;
    if n < desired {
        for _ in n..desired {
            if let Some(p) = make(state) {
                let key = ObjKey::of(&p);
                if state.create(p).is_ok()
                    && let Some(p) = state.store.get::<Pod>(&key.namespace, &key.name)
                {
                    active.push(PodInfo::of(p));
                    let msg = format!("Created pod: {}", key.name);
                    state.event(owner, false, "SuccessfulCreate", &msg, component);
                }
            }
        }
    } else if n > desired {
        // Delete the least useful first: unscheduled, then not ready, then the newest.
        active.sort_by_key(|p| {
            (
                p.node.is_some(),
                p.ready,
                std::cmp::Reverse(p.created_ms),
                p.name.clone(),
            )
        });
        let victims: Vec<PodInfo> = active.drain(..(n - desired) as usize).collect();
        for v in victims {
            if pods::delete(state, ns, &v.name, None).is_ok() {
                let msg = format!("Deleted pod: {}", v.name);
                state.event(owner, false, "SuccessfulDelete", &msg, component);
            }
        }
    }
    active
}

fn ready_counts(pods_: &[PodInfo]) -> (i32, i32) {
    let ready = pods_.iter().filter(|p| p.ready).count() as i32;
    (pods_.len() as i32, ready)
}

fn replica_sets(state: &mut SimState, ns: &str) {
    let owned = pods_by_owner(state, ns);
    let rss: Vec<ReplicaSet> = state.store.list::<ReplicaSet>(Some(ns)).cloned().collect();
    for mut rs in rss {
        let Some(spec) = rs.spec.clone() else {
            continue;
        };
        let Some(template) = spec.template.clone() else {
            continue;
        };
        let rs_name = name(&rs);
        let owner = controller_ref(&rs);
        let mine = owned.get(&uid(&rs)).cloned().unwrap_or_default();
        let about = EventTarget::of(&rs);
        let ctx = (ns, &about, "replicaset-controller");
        let active = converge(state, ctx, &mine, spec.replicas.unwrap_or(1), |st| {
            let pod_name = format!("{rs_name}-{}", st.rng.suffix(5));
            Some(pods::from_template(
                &template,
                ns,
                &pod_name,
                owner.clone(),
                &[],
            ))
        });
        let (replicas, ready) = ready_counts(&active);
        rs.status = Some(ReplicaSetStatus {
            replicas,
            fully_labeled_replicas: Some(replicas),
            ready_replicas: Some(ready),
            available_replicas: Some(ready),
            observed_generation: rs.metadata.generation,
            ..rs.status.clone().unwrap_or_default()
        });
        rs.metadata.resource_version = None;
        state.store.put_if_changed(rs);
    }
    deployment_status(state, ns);
}

fn deployment_status(state: &mut SimState, ns: &str) {
    let deps: Vec<Deployment> = state.store.list::<Deployment>(Some(ns)).cloned().collect();
    for mut dep in deps {
        let dep_uid = uid(&dep);
        let Some(spec) = dep.spec.clone() else {
            continue;
        };
        let hash = template_hash(&spec.template);
        let desired = spec.replicas.unwrap_or(1);
        let (mut replicas, mut ready, mut updated) = (0, 0, 0);
        let mut new_rs_name = String::new();
        for rs in state
            .store
            .list::<ReplicaSet>(Some(ns))
            .filter(|r| controller_uid(&r.metadata) == Some(dep_uid.as_str()))
        {
            let st = rs.status.clone().unwrap_or_default();
            replicas += st.replicas;
            ready += st.ready_replicas.unwrap_or(0);
            if rs.metadata.labels.as_ref().and_then(|l| l.get(HASH_LABEL)) == Some(&hash) {
                updated += st.replicas;
                new_rs_name = name(rs);
            }
        }
        let max_unavailable = desired / 4;
        let available_ok = ready >= desired - max_unavailable;
        let complete = updated == desired && replicas == desired && ready == desired;
        let now = state.now();
        let old = dep.status.clone().unwrap_or_default();
        let cond = |type_: &str, status: bool, reason: &str, message: String| {
            let s = if status { "True" } else { "False" };
            let prev = old.conditions.iter().flatten().find(|c| c.type_ == type_);
            let changed = prev.is_none_or(|p| p.status != s || p.reason.as_deref() != Some(reason));
            DeploymentCondition {
                type_: type_.into(),
                status: s.into(),
                reason: Some(reason.into()),
                message: Some(message),
                last_update_time: if changed {
                    Some(now.clone())
                } else {
                    prev.and_then(|p| p.last_update_time.clone())
                },
                last_transition_time: if prev.is_none_or(|p| p.status != s) {
                    Some(now.clone())
                } else {
                    prev.and_then(|p| p.last_transition_time.clone())
                },
            }
        };
        let conditions = vec![
            cond(
                "Available",
                available_ok,
                if available_ok {
                    "MinimumReplicasAvailable"
                } else {
                    "MinimumReplicasUnavailable"
                },
                if available_ok {
                    "Deployment has minimum availability.".into()
                } else {
                    "Deployment does not have minimum availability.".into()
                },
            ),
            cond(
                "Progressing",
                true,
                if complete {
                    "NewReplicaSetAvailable"
                } else {
                    "ReplicaSetUpdated"
                },
                if complete {
                    format!("ReplicaSet \"{new_rs_name}\" has successfully progressed.")
                } else {
                    format!("ReplicaSet \"{new_rs_name}\" is progressing.")
                },
            ),
        ];
        dep.status = Some(DeploymentStatus {
            observed_generation: dep.metadata.generation,
            replicas: Some(replicas),
            updated_replicas: Some(updated),
            ready_replicas: Some(ready),
            available_replicas: Some(ready),
            unavailable_replicas: Some((desired - ready).max(0)),
            conditions: Some(conditions),
            collision_count: None,
            terminating_replicas: None,
        });
        let rev = state
            .store
            .get::<ReplicaSet>(ns, &new_rs_name)
            .and_then(|r| r.metadata.annotations.as_ref()?.get(REVISION).cloned());
        if let Some(rev) = rev {
            dep.metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert(REVISION.into(), rev);
        }
        dep.metadata.resource_version = None;
        state.store.put_if_changed(dep);
    }
}

fn stateful_sets(state: &mut SimState, ns: &str) {
    let owned = pods_by_owner(state, ns);
    let sets: Vec<StatefulSet> = state.store.list::<StatefulSet>(Some(ns)).cloned().collect();
    for mut sts in sets {
        let Some(spec) = sts.spec.clone() else {
            continue;
        };
        let sts_name = name(&sts);
        let desired = spec.replicas.unwrap_or(1);
        let mine = owned.get(&uid(&sts)).cloned().unwrap_or_default();
        let owner = controller_ref(&sts);
        let hash = template_hash(&spec.template);
        for ordinal in 0..desired {
            let pod_name = format!("{sts_name}-{ordinal}");
            if state.store.get::<Pod>(ns, &pod_name).is_some() {
                continue;
            }
            let mut template = spec.template.clone();
            for claim in spec.volume_claim_templates.iter().flatten() {
                let claim_tmpl = claim.metadata.name.clone().unwrap_or_default();
                let claim_name = format!("{claim_tmpl}-{pod_name}");
                ensure_claim(state, ns, &claim_name, claim);
                template
                    .spec
                    .get_or_insert_with(Default::default)
                    .volumes
                    .get_or_insert_with(Vec::new)
                    .push(Volume {
                        name: claim_tmpl,
                        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                            claim_name,
                            read_only: None,
                        }),
                        ..Volume::default()
                    });
            }
            let mut pod = pods::from_template(
                &template,
                ns,
                &pod_name,
                owner.clone(),
                &[
                    ("statefulset.kubernetes.io/pod-name", &pod_name),
                    ("apps.kubernetes.io/pod-index", &ordinal.to_string()),
                    ("controller-revision-hash", &format!("{sts_name}-{hash}")),
                ],
            );
            pod.spec.get_or_insert_with(Default::default).hostname = Some(pod_name.clone());
            if state.create(pod).is_ok() {
                let msg = format!("create Pod {pod_name} in StatefulSet {sts_name} successful");
                state.event(
                    &EventTarget::of(&sts),
                    false,
                    "SuccessfulCreate",
                    &msg,
                    "statefulset-controller",
                );
            }
        }
        for p in &mine {
            let ordinal = p
                .name
                .rsplit('-')
                .next()
                .and_then(|o| o.parse::<i32>().ok())
                .unwrap_or(0);
            if ordinal >= desired && p.active {
                let _ = pods::delete(state, ns, &p.name, None);
            }
        }
        let active = active_owned(state, ns, &uid(&sts));
        let (replicas, ready) = ready_counts(&active);
        sts.status = Some(StatefulSetStatus {
            replicas,
            ready_replicas: Some(ready),
            available_replicas: Some(ready),
            current_replicas: Some(replicas),
            updated_replicas: Some(replicas),
            current_revision: Some(format!("{sts_name}-{hash}")),
            update_revision: Some(format!("{sts_name}-{hash}")),
            observed_generation: sts.metadata.generation,
            ..StatefulSetStatus::default()
        });
        sts.metadata.resource_version = None;
        state.store.put_if_changed(sts);
    }
}

fn ensure_claim(
    state: &mut SimState,
    ns: &str,
    claim_name: &str,
    template: &PersistentVolumeClaim,
) {
    if state
        .store
        .get::<PersistentVolumeClaim>(ns, claim_name)
        .is_some()
    {
        return;
    }
    let pv_name = format!("pvc-{}", state.rng.uuid());
    let spec = template.spec.clone().unwrap_or_default();
    let capacity = spec
        .resources
        .as_ref()
        .and_then(|r| r.requests.clone())
        .unwrap_or_default();
    let mut claim = PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(claim_name.to_owned()),
            namespace: Some(ns.to_owned()),
            labels: template.metadata.labels.clone(),
            annotations: Some(
                [(
                    "pv.kubernetes.io/bind-completed".to_owned(),
                    "yes".to_owned(),
                )]
                .into(),
            ),
            ..ObjectMeta::default()
        },
        spec: Some(spec.clone()),
        status: Some(PersistentVolumeClaimStatus {
            phase: Some("Bound".into()),
            access_modes: spec.access_modes.clone(),
            capacity: Some(capacity.clone()),
            ..PersistentVolumeClaimStatus::default()
        }),
    };
    if let Some(s) = claim.spec.as_mut() {
        s.volume_name = Some(pv_name.clone());
        s.storage_class_name
            .get_or_insert_with(|| "standard".into());
    }
    let Ok(claim_key) = state.create(claim) else {
        return;
    };
    let claim_uid = state
        .store
        .get::<PersistentVolumeClaim>(&claim_key.namespace, &claim_key.name)
        .and_then(|c| c.metadata.uid.clone());
    let pv = PersistentVolume {
        metadata: ObjectMeta {
            name: Some(pv_name),
            ..ObjectMeta::default()
        },
        spec: Some(PersistentVolumeSpec {
            capacity: Some(capacity),
            access_modes: spec.access_modes,
            persistent_volume_reclaim_policy: Some("Delete".into()),
            storage_class_name: Some("standard".into()),
            volume_mode: Some("Filesystem".into()),
            claim_ref: Some(k8s_openapi::api::core::v1::ObjectReference {
                kind: Some("PersistentVolumeClaim".into()),
                namespace: Some(ns.to_owned()),
                name: Some(claim_name.to_owned()),
                uid: claim_uid,
                api_version: Some("v1".into()),
                ..Default::default()
            }),
            host_path: Some(k8s_openapi::api::core::v1::HostPathVolumeSource {
                path: format!("/var/lib/sim-volumes/{ns}/{claim_name}"),
                type_: None,
            }),
            ..PersistentVolumeSpec::default()
        }),
        status: Some(PersistentVolumeStatus {
            phase: Some("Bound".into()),
            ..PersistentVolumeStatus::default()
        }),
    };
    let _ = state.create(pv);
}

fn daemon_sets(state: &mut SimState, ns: &str) {
    let owned = pods_by_owner(state, ns);
    let nodes: Vec<String> = state
        .store
        .list::<Node>(None)
        .filter_map(|n| n.metadata.name.clone())
        .collect();
    let sets: Vec<DaemonSet> = state.store.list::<DaemonSet>(Some(ns)).cloned().collect();
    for mut ds in sets {
        let Some(spec) = ds.spec.clone() else {
            continue;
        };
        let ds_name = name(&ds);
        let owner = controller_ref(&ds);
        let mine: Vec<PodInfo> = owned.get(&uid(&ds)).cloned().unwrap_or_default();
        let mut by_node: BTreeMap<String, Vec<&PodInfo>> = BTreeMap::new();
        for p in mine.iter().filter(|p| p.active) {
            if let Some(n) = p.node.clone() {
                by_node.entry(n).or_default().push(p);
            }
        }
        for node in &nodes {
            if by_node.contains_key(node) {
                continue;
            }
            let pod_name = format!("{ds_name}-{}", state.rng.suffix(5));
            let mut pod = pods::from_template(&spec.template, ns, &pod_name, owner.clone(), &[]);
            pod.spec.get_or_insert_with(Default::default).node_name = Some(node.clone());
            if state.create(pod).is_ok() {
                let msg = format!("Created pod: {pod_name}");
                state.event(
                    &EventTarget::of(&ds),
                    false,
                    "SuccessfulCreate",
                    &msg,
                    "daemonset-controller",
                );
            }
        }
        for (node, ps) in &by_node {
            if !nodes.contains(node) {
                for p in ps {
                    let _ = pods::delete(state, ns, &p.name, Some(0));
                }
            }
        }
        let active = active_owned(state, ns, &uid(&ds));
        let (scheduled, ready) = ready_counts(&active);
        let n = nodes.len() as i32;
        ds.status = Some(DaemonSetStatus {
            desired_number_scheduled: n,
            current_number_scheduled: scheduled,
            number_ready: ready,
            number_available: Some(ready),
            number_unavailable: Some((n - ready).max(0)),
            updated_number_scheduled: Some(scheduled),
            number_misscheduled: 0,
            observed_generation: ds.metadata.generation,
            ..DaemonSetStatus::default()
        });
        ds.metadata.resource_version = None;
        state.store.put_if_changed(ds);
    }
}

fn jobs(state: &mut SimState, ns: &str) {
    let owned = pods_by_owner(state, ns);
    let jobs: Vec<Job> = state.store.list::<Job>(Some(ns)).cloned().collect();
    for mut job in jobs {
        let Some(spec) = job.spec.clone() else {
            continue;
        };
        let job_name = name(&job);
        let mine = owned.get(&uid(&job)).cloned().unwrap_or_default();
        let succeeded = mine.iter().filter(|p| p.succeeded).count() as i32;
        let completions = spec.completions.unwrap_or(1);
        let owner = controller_ref(&job);
        let remaining = (completions - succeeded)
            .max(0)
            .min(spec.parallelism.unwrap_or(1));
        let job_uid = uid(&job);
        let about = EventTarget::of(&job);
        let ctx = (ns, &about, "job-controller");
        let active = converge(state, ctx, &mine, remaining, |st| {
            let pod_name = format!("{job_name}-{}", st.rng.suffix(5));
            let mut t = spec.template.clone();
            t.spec.get_or_insert_with(Default::default).restart_policy = Some("Never".into());
            Some(pods::from_template(
                &t,
                ns,
                &pod_name,
                owner.clone(),
                &[
                    ("batch.kubernetes.io/controller-uid", &job_uid),
                    ("job-name", &job_name),
                ],
            ))
        });
        let old = job.status.clone().unwrap_or_default();
        let done = succeeded >= completions;
        if done && old.completion_time.is_none() {
            state.event(
                &EventTarget::of(&job),
                false,
                "Completed",
                "Job completed",
                "job-controller",
            );
        }
        let now_t = Time(ts(state.now_ms));
        job.status = Some(JobStatus {
            active: Some(active.len() as i32).filter(|n| *n > 0),
            succeeded: Some(succeeded).filter(|n| *n > 0),
            start_time: old.start_time.clone().or_else(|| Some(now_t.clone())),
            completion_time: if done {
                old.completion_time.clone().or_else(|| Some(now_t.clone()))
            } else {
                None
            },
            conditions: if done {
                old.conditions.clone().or_else(|| {
                    Some(
                        ["SuccessCriteriaMet", "Complete"]
                            .iter()
                            .map(|t| JobCondition {
                                type_: (*t).into(),
                                status: "True".into(),
                                last_probe_time: Some(now_t.clone()),
                                last_transition_time: Some(now_t.clone()),
                                ..JobCondition::default()
                            })
                            .collect(),
                    )
                })
            } else {
                None
            },
            ready: Some(active.iter().filter(|p| p.ready).count() as i32),
            terminating: Some(0),
            ..JobStatus::default()
        });
        job.metadata.resource_version = None;
        state.store.put_if_changed(job);
    }
}

/// Active pods of one controller, read after the controller acted.
fn active_owned(state: &SimState, ns: &str, owner_uid: &str) -> Vec<PodInfo> {
    state
        .store
        .list::<Pod>(Some(ns))
        .filter(|p| controller_uid(&p.metadata) == Some(owner_uid) && pods::is_active(p))
        .map(PodInfo::of)
        .collect()
}
