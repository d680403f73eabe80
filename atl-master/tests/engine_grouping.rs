//! Incident grouping (SPEC §6 M5): entities that share a root cause become one incident, not
//! one per pod.
#![allow(clippy::unwrap_used)]

use atl_core::ClusterSnapshot;
use atl_core::k8s::{Condition, ConditionStatus, ContainerState};
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::incident::{Incident, Role};
use atl_master::engine::pipeline::IncidentAction;
use atl_master::engine::{Engine, EngineConfig};

const STEP_SECS: i64 = 30;

fn base() -> ClusterSnapshot {
    generate(&SynthSpec {
        nodes: 3,
        ..SynthSpec::with_pods("prod", 15, 11)
    })
}

fn pod_key(s: &ClusterSnapshot, i: usize) -> String {
    let p = &s.resources.pods[i];
    format!("prod/{}/pod/{}", p.meta.namespace_str(), p.meta.name)
}

fn crash(s: &mut ClusterSnapshot, i: usize, restarts: u32) {
    let pod = &mut s.resources.pods[i];
    let c = &mut pod.containers[0];
    c.ready = false;
    c.state = Some(ContainerState::Waiting {
        reason: Some("CrashLoopBackOff".into()),
        message: None,
    });
    c.restart_count = restarts;
    pod.restarts = restarts;
    pod.ready_containers = 0;
}

/// Runs the engine over `steps` snapshots made by `at(step)`; returns the ids of created
/// incidents and the latest state of each.
fn run(steps: i64, at: impl Fn(i64) -> ClusterSnapshot) -> (Vec<String>, Vec<Incident>) {
    let mut engine = Engine::new(EngineConfig::default());
    let mut created = Vec::new();
    let mut latest = std::collections::BTreeMap::new();
    for i in 0..steps {
        for ev in engine.process_snapshot(&at(i)).incidents {
            if ev.action == IncidentAction::Created {
                created.push(ev.incident.id.clone());
            }
            latest.insert(ev.incident.id.clone(), ev.incident);
        }
    }
    (created, latest.into_values().collect())
}

fn role_of(inc: &Incident, entity: &str) -> Option<Role> {
    inc.entities
        .iter()
        .find(|e| e.entity == entity)
        .map(|e| e.role)
}

#[test]
fn crash_looping_pods_of_one_deployment_make_one_incident_rooted_at_the_deployment() {
    let b = base();
    // Pods 0..5 are deployment 0's replicas; three of them crash-loop from minute 2.
    let deployment = b.resources.deployments[0].meta.name.clone();
    let ns = b.resources.deployments[0].meta.namespace_str().to_string();
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            for p in 0..3 {
                crash(&mut s, p, ((i - 4) / 4) as u32 + 1);
            }
            s.resources.deployments[0].ready = 2;
        }
        s
    });
    assert_eq!(
        created.len(),
        1,
        "one incident, not one per pod: {created:?}"
    );
    let inc = &incidents[0];
    let workload = format!("prod/{ns}/deployment/{deployment}");
    assert_eq!(
        inc.root_cause.as_deref(),
        Some(workload.as_str()),
        "{inc:#?}"
    );
    assert_eq!(role_of(inc, &workload), Some(Role::RootCause));
    for p in 0..3 {
        assert_eq!(
            role_of(inc, &pod_key(&b, p)),
            Some(Role::Affected),
            "pod {p}"
        );
    }
    assert!(inc.entities.len() >= 4, "{:?}", inc.entities);
    let top = &inc.candidates[0];
    assert_eq!(top.entity, workload);
    assert!(
        top.evidence
            .iter()
            .any(|f| f.text.contains("CrashLoopBackOff")),
        "{:?}",
        top.evidence
    );
    assert!(inc.summary.contains(&workload), "{}", inc.summary);
    assert_eq!(format!("{:?}", inc.state), "Incident");
}

#[test]
fn one_crash_looping_pod_stays_its_own_root_cause() {
    let b = base();
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            crash(&mut s, 0, ((i - 4) / 4) as u32 + 1);
        }
        s
    });
    assert_eq!(created.len(), 1);
    assert_eq!(incidents[0].root_cause, Some(pod_key(&b, 0)));
}

#[test]
fn a_not_ready_node_and_its_pods_make_one_incident_rooted_at_the_node() {
    let b = base();
    let node = b.resources.nodes[1].meta.name.clone();
    let on_node: Vec<usize> = (0..b.resources.pods.len())
        .filter(|&p| b.resources.pods[p].node.as_deref() == Some(node.as_str()))
        .collect();
    assert!(on_node.len() >= 2, "synthetic cluster puts pods on node 1");
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            let n = &mut s.resources.nodes[1];
            n.ready = ConditionStatus::Unknown;
            n.conditions = vec![Condition {
                type_: "Ready".into(),
                status: ConditionStatus::Unknown,
                reason: Some("NodeStatusUnknown".into()),
                message: None,
                last_transition: None,
            }];
            for &p in &on_node {
                let pod = &mut s.resources.pods[p];
                pod.containers[0].ready = false;
                pod.ready_containers = 0;
            }
        }
        s
    });
    assert_eq!(created.len(), 1, "{created:?}");
    let inc = &incidents[0];
    let node_key = format!("prod/_/node/{node}");
    assert_eq!(
        inc.root_cause.as_deref(),
        Some(node_key.as_str()),
        "{inc:#?}"
    );
    assert_eq!(role_of(inc, &node_key), Some(Role::RootCause));
    for &p in &on_node {
        assert_eq!(
            role_of(inc, &pod_key(&b, p)),
            Some(Role::Affected),
            "pod {p}"
        );
    }
    assert!(
        inc.candidates[0]
            .evidence
            .iter()
            .any(|f| f.text.contains("Ready=Unknown"))
    );
}

#[test]
fn a_later_node_failure_under_crashing_replicas_does_not_take_over_the_root_cause() {
    let b = base();
    let deployment = b.resources.deployments[0].meta.name.clone();
    let ns = b.resources.deployments[0].meta.namespace_str().to_string();
    let node = b.resources.pods[0].node.clone().unwrap();
    let n = b
        .resources
        .nodes
        .iter()
        .position(|x| x.meta.name == node)
        .unwrap();
    let (_, incidents) = run(60, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            for p in 0..3 {
                crash(&mut s, p, ((i - 4) / 4) as u32 + 1);
            }
            s.resources.deployments[0].ready = 2;
        }
        // Eight minutes into the crash loop, the node under pod 0 stops reporting.
        if i >= 20 {
            s.resources.nodes[n].ready = ConditionStatus::False;
        }
        s
    });
    let workload = format!("prod/{ns}/deployment/{deployment}");
    let inc = incidents
        .iter()
        .find(|i| i.entities.iter().any(|e| e.entity == pod_key(&b, 0)))
        .unwrap();
    assert_eq!(
        inc.root_cause.as_deref(),
        Some(workload.as_str()),
        "{:#?}",
        inc.candidates
    );
}
