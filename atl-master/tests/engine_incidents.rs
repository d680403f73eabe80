//! Incident grouping and cluster isolation, through the library engine.
#![allow(clippy::unwrap_used)]

use atl_core::ClusterSnapshot;
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::pipeline::IncidentAction;
use atl_master::engine::{Engine, EngineConfig};

fn snapshots(cluster: &str, steps: i64, pressure: std::ops::Range<i64>) -> Vec<ClusterSnapshot> {
    let base = generate(&SynthSpec::with_pods(cluster, 20, 3));
    (0..steps)
        .map(|i| {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i * 30);
            s.resources.nodes[0].pressure.memory = pressure.contains(&i);
            s
        })
        .collect()
}

#[test]
fn node_pressure_makes_one_incident_with_the_node_as_root_cause() {
    let mut engine = Engine::new(EngineConfig::default());
    let mut created = Vec::new();
    let mut last = None;
    for s in snapshots("prod", 60, 4..60) {
        let out = engine.process_snapshot(&s);
        for e in out.incidents {
            if e.action == IncidentAction::Created {
                created.push(e.incident.id.clone());
            }
            last = Some(e.incident);
        }
    }
    assert_eq!(
        created.len(),
        1,
        "pods under the node join the node's incident"
    );
    let inc = last.unwrap();
    assert_eq!(inc.root_cause.as_deref(), Some("prod/_/node/node-0000"));
    let pods = inc
        .entities
        .iter()
        .filter(|e| e.entity.contains("/pod/"))
        .count();
    assert!(pods >= 10, "{} pods grouped", pods);
    assert!(
        inc.candidates[0].evidence[0]
            .text
            .contains("MemoryPressure"),
        "{:?}",
        inc.candidates[0].evidence
    );
    assert_eq!(format!("{:?}", inc.state), "Incident");
}

#[test]
fn clusters_do_not_share_state() {
    let mut engine = Engine::new(EngineConfig::default());
    let a = snapshots("a", 40, 4..40);
    let b = snapshots("b", 40, 0..0);
    let mut transitions = Vec::new();
    for (sa, sb) in a.iter().zip(&b) {
        transitions.extend(engine.process_snapshot(sa).transitions);
        let out_b = engine.process_snapshot(sb);
        assert!(out_b.transitions.is_empty() && out_b.risks.is_empty());
    }
    assert!(!transitions.is_empty());
    assert!(
        transitions
            .iter()
            .all(|t| t.cluster == "a" && t.entity.starts_with("a/"))
    );
    assert!(engine.open_incidents("b").is_empty());
    assert_eq!(engine.open_incidents("a").len(), 1);
}

#[test]
fn older_snapshot_is_ignored() {
    let mut engine = Engine::new(EngineConfig::default());
    let s = snapshots("prod", 3, 0..0);
    assert!(engine.process_snapshot(&s[2]).accepted);
    assert!(!engine.process_snapshot(&s[0]).accepted);
}
