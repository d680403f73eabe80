use super::meta::{conditions, convert_meta, non_empty, opt_time, selector};
use super::pod::resources;
use super::{ConvertOptions, ToSlim, u32_of};
use atl_core::k8s::{
    Condition, ConditionStatus, CronJob, DaemonSet, Deployment, Job, PodTemplate, ReplicaSet,
    Rollout, RolloutPhase, StatefulSet, TemplateContainer,
};
use k8s_openapi::api::apps::v1 as apps;
use k8s_openapi::api::batch::v1 as batch;
use k8s_openapi::api::core::v1 as core;

pub(crate) fn template(t: Option<&core::PodTemplateSpec>) -> PodTemplate {
    let Some(t) = t else {
        return PodTemplate::default();
    };
    let meta = t.metadata.as_ref().map(convert_meta).unwrap_or_default();
    PodTemplate {
        labels: meta.labels,
        annotations: meta.annotations,
        containers: t
            .spec
            .as_ref()
            .map(|s| s.containers.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|c| TemplateContainer {
                name: c.name.clone(),
                image: c.image.clone().unwrap_or_default(),
                requests: resources(c.resources.as_ref().and_then(|r| r.requests.as_ref())),
                limits: resources(c.resources.as_ref().and_then(|r| r.limits.as_ref())),
            })
            .collect(),
    }
}

fn rollout(phase: RolloutPhase, message: impl Into<Option<String>>) -> Rollout {
    Rollout {
        phase,
        message: message.into(),
    }
}

fn condition<'a>(cs: &'a [Condition], t: &str) -> Option<&'a Condition> {
    cs.iter().find(|c| c.type_ == t)
}

/// Rollout phase of a Deployment, decided by looking conditions up by type (never by their
/// order, unlike the original) and by replica counts, in the order `kubectl rollout status`
/// reports progress.
pub(crate) fn deployment_rollout(
    d: &Deployment,
    generation_seen: bool,
    status_replicas: u32,
) -> Rollout {
    if d.paused {
        return rollout(RolloutPhase::Paused, "rollout is paused".to_string());
    }
    let progressing = condition(&d.conditions, "Progressing");
    if let Some(c) = progressing.filter(|c| c.reason.as_deref() == Some("ProgressDeadlineExceeded"))
    {
        return rollout(RolloutPhase::Failed, c.message.clone());
    }
    if let Some(c) =
        condition(&d.conditions, "ReplicaFailure").filter(|c| c.status == ConditionStatus::True)
    {
        return rollout(RolloutPhase::Failed, c.message.clone());
    }
    if !generation_seen {
        return rollout(
            RolloutPhase::Progressing,
            "waiting for the new spec to be observed".to_string(),
        );
    }
    if d.updated < d.replicas {
        return rollout(
            RolloutPhase::Progressing,
            format!("{} of {} new replicas updated", d.updated, d.replicas),
        );
    }
    if status_replicas > d.updated {
        return rollout(
            RolloutPhase::Progressing,
            format!(
                "{} old replicas pending termination",
                status_replicas - d.updated
            ),
        );
    }
    if d.available < d.updated {
        // The new replicas exist but are not available: still rolling if the controller says it
        // progresses, otherwise degraded (e.g. crash-looping pods after the rollout finished).
        let still_rolling = progressing.is_some_and(|c| {
            c.status == ConditionStatus::True
                && c.reason.as_deref() != Some("NewReplicaSetAvailable")
        });
        let phase = if still_rolling {
            RolloutPhase::Progressing
        } else {
            RolloutPhase::Degraded
        };
        return rollout(
            phase,
            format!(
                "{} of {} updated replicas available",
                d.available, d.updated
            ),
        );
    }
    rollout(RolloutPhase::Complete, None)
}

/// Rollout of a StatefulSet or DaemonSet from counts: updating, then unready replicas.
fn set_rollout(desired: u32, updated: u32, ready: u32, revision_pending: bool) -> Rollout {
    if revision_pending || updated < desired {
        return rollout(
            RolloutPhase::Progressing,
            format!("{updated} of {desired} replicas updated"),
        );
    }
    if ready < desired {
        return rollout(
            RolloutPhase::Degraded,
            format!("{ready} of {desired} replicas ready"),
        );
    }
    rollout(RolloutPhase::Complete, None)
}

impl ToSlim for apps::Deployment {
    type Slim = Deployment;

    fn to_slim(&self, _opts: &ConvertOptions) -> Deployment {
        let spec = self.spec.as_ref();
        let st = self.status.clone().unwrap_or_default();
        let mut d = Deployment {
            meta: convert_meta(&self.metadata),
            replicas: spec.map(|s| u32_of(s.replicas.or(Some(1)))).unwrap_or(1),
            updated: u32_of(st.updated_replicas),
            ready: u32_of(st.ready_replicas),
            available: u32_of(st.available_replicas),
            unavailable: u32_of(st.unavailable_replicas),
            strategy: spec
                .and_then(|s| s.strategy.as_ref())
                .and_then(|s| non_empty(s.type_.as_ref())),
            paused: spec.and_then(|s| s.paused).unwrap_or(false),
            selector: selector(spec.map(|s| &s.selector)),
            template: template(spec.map(|s| &s.template)),
            conditions: deployment_conditions(st.conditions.as_ref()),
            rollout: Rollout::default(),
        };
        let generation_seen = match (self.metadata.generation, st.observed_generation) {
            (Some(g), Some(o)) => o >= g,
            _ => true,
        };
        d.rollout = deployment_rollout(&d, generation_seen, u32_of(st.replicas));
        d
    }
}

fn deployment_conditions(cs: Option<&Vec<apps::DeploymentCondition>>) -> Vec<Condition> {
    conditions(cs)
}

impl ToSlim for apps::StatefulSet {
    type Slim = StatefulSet;

    fn to_slim(&self, _opts: &ConvertOptions) -> StatefulSet {
        let spec = self.spec.as_ref();
        let st = self.status.clone().unwrap_or_default();
        let replicas = spec.map(|s| u32_of(s.replicas.or(Some(1)))).unwrap_or(1);
        let revision_pending = match (&st.current_revision, &st.update_revision) {
            (Some(c), Some(u)) => c != u,
            _ => false,
        };
        let updated = u32_of(st.updated_replicas);
        let ready = u32_of(st.ready_replicas);
        StatefulSet {
            meta: convert_meta(&self.metadata),
            replicas,
            ready,
            current: u32_of(st.current_replicas),
            updated,
            available: u32_of(st.available_replicas),
            service_name: spec.and_then(|s| non_empty(s.service_name.as_ref())),
            selector: selector(spec.map(|s| &s.selector)),
            template: template(spec.map(|s| &s.template)),
            revision_pending,
            rollout: set_rollout(replicas, updated, ready, revision_pending),
        }
    }
}

impl ToSlim for apps::DaemonSet {
    type Slim = DaemonSet;

    fn to_slim(&self, _opts: &ConvertOptions) -> DaemonSet {
        let spec = self.spec.as_ref();
        let st = self.status.clone().unwrap_or_default();
        let desired = u32_of(Some(st.desired_number_scheduled));
        let updated = u32_of(st.updated_number_scheduled);
        let ready = u32_of(Some(st.number_ready));
        let mut rollout = set_rollout(desired, updated, ready, false);
        if rollout.phase == RolloutPhase::Complete && st.number_misscheduled > 0 {
            rollout = Rollout {
                phase: RolloutPhase::Degraded,
                message: Some(format!("{} pods misscheduled", st.number_misscheduled)),
            };
        }
        DaemonSet {
            meta: convert_meta(&self.metadata),
            desired,
            current: u32_of(Some(st.current_number_scheduled)),
            ready,
            updated,
            available: u32_of(st.number_available),
            unavailable: u32_of(st.number_unavailable),
            misscheduled: u32_of(Some(st.number_misscheduled)),
            selector: selector(spec.map(|s| &s.selector)),
            template: template(spec.map(|s| &s.template)),
            rollout,
        }
    }
}

impl ToSlim for apps::ReplicaSet {
    type Slim = ReplicaSet;

    fn to_slim(&self, _opts: &ConvertOptions) -> ReplicaSet {
        let st = self.status.as_ref();
        let meta = convert_meta(&self.metadata);
        ReplicaSet {
            replicas: u32_of(self.spec.as_ref().and_then(|s| s.replicas)),
            ready: u32_of(st.and_then(|s| s.ready_replicas)),
            available: u32_of(st.and_then(|s| s.available_replicas)),
            selector: selector(self.spec.as_ref().map(|s| &s.selector)),
            revision: meta
                .annotations
                .get("deployment.kubernetes.io/revision")
                .cloned(),
            meta,
        }
    }
}

impl ToSlim for batch::Job {
    type Slim = Job;

    fn to_slim(&self, _opts: &ConvertOptions) -> Job {
        let spec = self.spec.as_ref();
        let st = self.status.as_ref();
        let opt = |v: Option<i32>| v.and_then(|n| u32::try_from(n).ok());
        Job {
            meta: convert_meta(&self.metadata),
            active: u32_of(st.and_then(|s| s.active)),
            succeeded: u32_of(st.and_then(|s| s.succeeded)),
            failed: u32_of(st.and_then(|s| s.failed)),
            completions: opt(spec.and_then(|s| s.completions)),
            parallelism: opt(spec.and_then(|s| s.parallelism)),
            backoff_limit: opt(spec.and_then(|s| s.backoff_limit)),
            started_at: opt_time(st.and_then(|s| s.start_time.as_ref())),
            completed_at: opt_time(st.and_then(|s| s.completion_time.as_ref())),
            conditions: conditions(st.and_then(|s| s.conditions.as_ref())),
        }
    }
}

impl ToSlim for batch::CronJob {
    type Slim = CronJob;

    fn to_slim(&self, _opts: &ConvertOptions) -> CronJob {
        let spec = self.spec.as_ref();
        let st = self.status.as_ref();
        CronJob {
            meta: convert_meta(&self.metadata),
            schedule: spec.map(|s| s.schedule.clone()).unwrap_or_default(),
            suspend: spec.and_then(|s| s.suspend).unwrap_or(false),
            concurrency_policy: spec.and_then(|s| non_empty(s.concurrency_policy.as_ref())),
            active_jobs: st
                .and_then(|s| s.active.as_ref())
                .map(|a| u32::try_from(a.len()).unwrap_or(u32::MAX))
                .unwrap_or(0),
            last_schedule: opt_time(st.and_then(|s| s.last_schedule_time.as_ref())),
            last_success: opt_time(st.and_then(|s| s.last_successful_time.as_ref())),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn cond(t: &str, s: ConditionStatus, reason: &str) -> Condition {
        Condition {
            type_: t.into(),
            status: s,
            reason: Some(reason.into()),
            message: Some(format!("{t} {reason}")),
            last_transition: None,
        }
    }

    fn dep(replicas: u32, updated: u32, available: u32, conds: Vec<Condition>) -> Deployment {
        Deployment {
            replicas,
            updated,
            available,
            ready: available,
            conditions: conds,
            ..Default::default()
        }
    }

    #[test]
    fn deployment_rollout_is_independent_of_condition_order() {
        let conds = vec![
            cond(
                "Available",
                ConditionStatus::True,
                "MinimumReplicasAvailable",
            ),
            cond(
                "Progressing",
                ConditionStatus::False,
                "ProgressDeadlineExceeded",
            ),
        ];
        let mut rev = conds.clone();
        rev.reverse();
        let a = deployment_rollout(&dep(3, 1, 2, conds), true, 3);
        let b = deployment_rollout(&dep(3, 1, 2, rev), true, 3);
        assert_eq!(a, b);
        assert_eq!(a.phase, RolloutPhase::Failed);
    }

    #[test]
    fn deployment_rollout_phases() {
        let prog = cond("Progressing", ConditionStatus::True, "ReplicaSetUpdated");
        let done = cond(
            "Progressing",
            ConditionStatus::True,
            "NewReplicaSetAvailable",
        );
        assert_eq!(
            deployment_rollout(&dep(3, 3, 3, vec![done.clone()]), true, 3).phase,
            RolloutPhase::Complete
        );
        assert_eq!(
            deployment_rollout(&dep(3, 1, 3, vec![prog.clone()]), true, 4).phase,
            RolloutPhase::Progressing
        );
        assert_eq!(
            deployment_rollout(&dep(3, 3, 3, vec![prog.clone()]), true, 4).phase,
            RolloutPhase::Progressing
        );
        assert_eq!(
            deployment_rollout(&dep(3, 3, 1, vec![prog]), true, 3).phase,
            RolloutPhase::Progressing
        );
        let degraded = deployment_rollout(&dep(3, 3, 1, vec![done]), true, 3);
        assert_eq!(degraded.phase, RolloutPhase::Degraded);
        assert_eq!(
            degraded.message.as_deref(),
            Some("1 of 3 updated replicas available")
        );
        assert_eq!(
            deployment_rollout(&dep(3, 3, 3, vec![]), false, 3).phase,
            RolloutPhase::Progressing
        );
        let mut paused = dep(3, 1, 1, vec![]);
        paused.paused = true;
        assert_eq!(
            deployment_rollout(&paused, true, 3).phase,
            RolloutPhase::Paused
        );
    }

    #[test]
    fn set_rollout_phases() {
        assert_eq!(set_rollout(3, 3, 3, false).phase, RolloutPhase::Complete);
        assert_eq!(set_rollout(3, 1, 3, true).phase, RolloutPhase::Progressing);
        assert_eq!(set_rollout(3, 3, 0, false).phase, RolloutPhase::Degraded);
    }

    #[test]
    fn replicaset_without_replicas_does_not_panic() {
        let rs = apps::ReplicaSet::default();
        assert_eq!(rs.to_slim(&ConvertOptions::default()).replicas, 0);
    }
}
