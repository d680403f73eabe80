//! Incident grouping (SPEC §6 M5): entities that share a root cause become one incident, not
//! one per pod.
#![allow(clippy::unwrap_used)]

use atl_core::ClusterSnapshot;
use atl_core::k8s::{Condition, ConditionStatus, ContainerState};
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::incident::{Incident, Role};
use atl_master::engine::model::{
    Edge, EdgeKind, EntityKind, EntityObservation, Observation, Signal,
};
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

/// A node fault that starts while deployment 0's first three replicas crash-loop.
#[derive(Clone, Copy)]
enum NodeFault {
    NotReady,
    MemoryPressure,
}

/// Pods on node `n` (a NotReady node's pods lose readiness too).
fn pods_on(s: &ClusterSnapshot, n: usize) -> Vec<usize> {
    let name = s.resources.nodes[n].meta.name.as_str();
    (0..s.resources.pods.len())
        .filter(|&p| s.resources.pods[p].node.as_deref() == Some(name))
        .collect()
}

fn fail_node(s: &mut ClusterSnapshot, n: usize, fault: NodeFault) {
    if matches!(fault, NodeFault::NotReady) {
        for p in pods_on(s, n) {
            let pod = &mut s.resources.pods[p];
            pod.containers[0].ready = false;
            pod.ready_containers = 0;
        }
    }
    let node = &mut s.resources.nodes[n];
    match fault {
        NodeFault::NotReady => {
            node.ready = ConditionStatus::False;
            node.conditions = vec![Condition {
                type_: "Ready".into(),
                status: ConditionStatus::False,
                reason: Some("KubeletNotReady".into()),
                message: None,
                last_transition: None,
            }];
        }
        NodeFault::MemoryPressure => node.pressure.memory = true,
    }
}

fn node_index(s: &ClusterSnapshot, name: &str) -> usize {
    s.resources
        .nodes
        .iter()
        .position(|x| x.meta.name == name)
        .unwrap()
}

fn deployment_key(s: &ClusterSnapshot, d: usize) -> String {
    let dep = &s.resources.deployments[d];
    format!(
        "prod/{}/deployment/{}",
        dep.meta.namespace_str(),
        dep.meta.name
    )
}

/// Pods of deployment 0 (`0..5`): 0..3 crash-loop from step 4, pod `late` too from step
/// `late_at`; node `n` fails from step `fail_at`. Returns the incidents, in creation order.
fn crash_loop_then_node_fault(
    b: &ClusterSnapshot,
    n: usize,
    fault: NodeFault,
    fail_at: i64,
    late: Option<(usize, i64)>,
) -> Vec<Incident> {
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            for p in 0..3 {
                crash(&mut s, p, ((i - 4) / 4) as u32 + 1);
            }
            s.resources.deployments[0].ready = 2;
        }
        if let Some((p, at)) = late
            && i >= at
        {
            crash(&mut s, p, ((i - at) / 4) as u32 + 1);
            s.resources.deployments[0].ready = 1;
        }
        if i >= fail_at {
            fail_node(&mut s, n, fault);
        }
        s
    });
    created
        .iter()
        .map(|id| incidents.iter().find(|i| &i.id == id).unwrap().clone())
        .collect()
}

fn assert_crash_loop_incident(b: &ClusterSnapshot, inc: &Incident, pods: &[usize], node: &str) {
    let workload = deployment_key(b, 0);
    assert_eq!(
        inc.root_cause.as_deref(),
        Some(workload.as_str()),
        "{:#?}",
        inc.candidates
    );
    for &p in pods {
        assert_eq!(
            role_of(inc, &pod_key(b, p)),
            Some(Role::Affected),
            "pod {p}"
        );
    }
    assert_eq!(role_of(inc, node), None, "{:#?}", inc.entities);
}

/// The node's own incident: rooted at the node, with the node's pods that lost readiness with it
/// (pods under a pressured node may join it too); the `crashing` pods stay out of it.
fn assert_node_incident(
    b: &ClusterSnapshot,
    inc: &Incident,
    n: usize,
    fault: NodeFault,
    crashing: &[usize],
) {
    let node = format!("prod/_/node/{}", b.resources.nodes[n].meta.name);
    assert_eq!(
        inc.root_cause.as_deref(),
        Some(node.as_str()),
        "{:#?}",
        inc.candidates
    );
    assert_eq!(role_of(inc, &node), Some(Role::RootCause));
    assert!(
        inc.entities
            .iter()
            .any(|e| e.entity == node && e.state.is_some())
    );
    for p in pods_on(b, n) {
        let role = role_of(inc, &pod_key(b, p));
        if crashing.contains(&p) {
            assert_eq!(role, None, "crashing pod {p}");
        } else if matches!(fault, NodeFault::NotReady) {
            assert_eq!(role, Some(Role::Affected), "pod {p}");
        } else {
            assert!(matches!(role, None | Some(Role::Affected)), "pod {p}");
        }
    }
}

#[test]
fn an_unrelated_node_failing_during_a_crash_loop_gets_its_own_incident() {
    let b = generate(&SynthSpec {
        nodes: 6,
        ..SynthSpec::with_pods("prod", 15, 11)
    });
    // A node hosting none of deployment 0's replicas.
    let hosts: Vec<&str> = (0..5)
        .filter_map(|p| b.resources.pods[p].node.as_deref())
        .collect();
    let n = (0..b.resources.nodes.len())
        .find(|&n| !hosts.contains(&b.resources.nodes[n].meta.name.as_str()))
        .unwrap();
    let node = format!("prod/_/node/{}", b.resources.nodes[n].meta.name);
    for fault in [NodeFault::NotReady, NodeFault::MemoryPressure] {
        // Pod 3 of the crashing deployment starts crash-looping after the node failed.
        let incidents = crash_loop_then_node_fault(&b, n, fault, 12, Some((3, 20)));
        assert_eq!(incidents.len(), 2, "{incidents:#?}");
        assert_crash_loop_incident(&b, &incidents[0], &[0, 1, 2, 3], &node);
        assert_node_incident(&b, &incidents[1], n, fault, &[0, 1, 2, 3]);
    }
}

#[test]
fn a_later_fault_of_a_node_under_a_crashing_replica_gets_its_own_incident() {
    let b = base();
    let n = node_index(&b, b.resources.pods[0].node.as_deref().unwrap());
    let node = format!("prod/_/node/{}", b.resources.nodes[n].meta.name);
    for fault in [NodeFault::NotReady, NodeFault::MemoryPressure] {
        // Eight minutes into the crash loop the node under pod 0 fails on its own; it neither
        // joins the crash loop's incident nor takes over its root cause.
        let incidents = crash_loop_then_node_fault(&b, n, fault, 20, None);
        assert_eq!(incidents.len(), 2, "{incidents:#?}");
        assert_crash_loop_incident(&b, &incidents[0], &[0, 1, 2], &node);
        assert_node_incident(&b, &incidents[1], n, fault, &[0, 1, 2]);
    }
}

#[test]
fn a_node_failing_under_one_crashing_pod_keeps_to_its_own_incident() {
    let b = base();
    let n = node_index(&b, b.resources.pods[0].node.as_deref().unwrap());
    let node = format!("prod/_/node/{}", b.resources.nodes[n].meta.name);
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            crash(&mut s, 0, ((i - 4) / 4) as u32 + 1);
        }
        if i >= 12 {
            fail_node(&mut s, n, NodeFault::NotReady);
        }
        s
    });
    assert_eq!(created.len(), 2, "{incidents:#?}");
    let of = |id: &String| incidents.iter().find(|i| &i.id == id).unwrap();
    // The node's incident holds the node as root cause; the pod's stays explained by the pod.
    assert_eq!(
        of(&created[0]).root_cause,
        Some(pod_key(&b, 0)),
        "{:#?}",
        of(&created[0]).candidates
    );
    assert_eq!(role_of(of(&created[0]), &node), None);
    assert_node_incident(&b, of(&created[1]), n, NodeFault::NotReady, &[0]);
}

/// A service whose errors show first, and the crash-looping pod behind it found minutes later.
fn symptom_then_cause(i: i64) -> Observation {
    let entity = |key: &str, kind, signal: Option<(&str, f64, &str)>| EntityObservation {
        key: key.into(),
        kind,
        metrics: Default::default(),
        signals: signal
            .map(|(metric, score, text)| Signal {
                metric: metric.into(),
                score,
                value: 1.0,
                text: text.into(),
            })
            .into_iter()
            .collect(),
    };
    let edge = |from: &str, to: &str, kind| Edge {
        from: from.into(),
        to: to.into(),
        kind,
    };
    // The errors ease off before the crash loop is seen: the incident's ranking from its worst
    // moment stays, so only joining below the symptom brings the pod in.
    let errors = (i >= 2).then_some((
        "apm_high_error_rate",
        if i < 10 { 0.95 } else { 0.6 },
        "error ratio 30%",
    ));
    let crash = (i >= 14).then_some((
        "container_anomaly",
        0.95,
        "CrashLoopBackOff in container api",
    ));
    Observation {
        cluster: "c".into(),
        at_ms: 1_700_000_000_000 + i * STEP_SECS * 1000,
        entities: vec![
            entity("c/shop/service/api", EntityKind::Service, errors),
            entity("c/shop/pod/api-1", EntityKind::Pod, crash),
            entity("c/shop/pod/api-2", EntityKind::Pod, None),
            entity("c/_/node/n1", EntityKind::Node, None),
        ],
        edges: vec![
            edge("c/shop/service/api", "c/shop/pod/api-1", EdgeKind::Selects),
            edge("c/shop/service/api", "c/shop/pod/api-2", EdgeKind::Selects),
            edge("c/shop/pod/api-1", "c/_/node/n1", EdgeKind::RunsOn),
            edge("c/shop/pod/api-2", "c/_/node/n1", EdgeKind::RunsOn),
            edge(
                "c/shop/pod/api-1",
                "c/shop/deployment/api",
                EdgeKind::OwnedBy,
            ),
            edge(
                "c/shop/pod/api-2",
                "c/shop/deployment/api",
                EdgeKind::OwnedBy,
            ),
        ],
        slo_burn: None,
    }
}

#[test]
fn a_cause_found_later_below_a_symptom_joins_its_incident_and_explains_it() {
    let mut engine = Engine::new(EngineConfig::default());
    let mut created = Vec::new();
    let mut latest = None;
    for i in 0..40 {
        for ev in engine.process(&symptom_then_cause(i)).incidents {
            if ev.action == IncidentAction::Created {
                created.push(ev.incident.id.clone());
            }
            latest = Some(ev.incident);
        }
    }
    assert_eq!(created.len(), 1, "{created:?}");
    let inc = latest.unwrap();
    assert_eq!(
        inc.root_cause.as_deref(),
        Some("c/shop/pod/api-1"),
        "{:#?}",
        inc.candidates
    );
    assert_eq!(role_of(&inc, "c/shop/service/api"), Some(Role::Symptom));
    assert!(
        inc.entities
            .iter()
            .any(|e| e.entity == "c/shop/pod/api-1" && e.state.is_some())
    );
}

#[test]
fn a_node_pressured_as_a_pod_on_it_starts_crashing_keeps_the_node_as_root_cause() {
    let b = base();
    let n = node_index(&b, b.resources.pods[0].node.as_deref().unwrap());
    let node = format!("prod/_/node/{}", b.resources.nodes[n].meta.name);
    // The node's pressure and pod 0's crash loop start together: the pod joins the node's
    // incident (it runs there) but, depending on the node, never becomes its root cause.
    let (created, incidents) = run(40, |i| {
        let mut s = b.clone();
        s.taken_at = b.taken_at + chrono::Duration::seconds(i * STEP_SECS);
        if i >= 4 {
            crash(&mut s, 0, ((i - 4) / 4) as u32 + 1);
            fail_node(&mut s, n, NodeFault::MemoryPressure);
        }
        s
    });
    let roots: Vec<Option<&str>> = incidents.iter().map(|i| i.root_cause.as_deref()).collect();
    assert_eq!(created.len(), 1, "{roots:?}");
    assert_eq!(roots, vec![Some(node.as_str())]);
    assert_eq!(
        role_of(&incidents[0], &pod_key(&b, 0)),
        Some(Role::Affected)
    );
}
