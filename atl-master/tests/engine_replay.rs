//! End-to-end engine runs over synthetic snapshot streams, through the
//! library and through `atl-master replay`.
#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::process::Command;

use atl_core::ClusterSnapshot;
use atl_core::k8s::{ContainerState, Termination};
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::EngineConfig;
use atl_master::engine::replay::replay;
use serde_json::Value;

const STEP_SECS: i64 = 30;

fn base() -> ClusterSnapshot {
    generate(&SynthSpec::with_pods("prod", 40, 7))
}

/// `steps` snapshots every 30 s with a little deterministic usage noise; pod 0
/// crash-loops during `fault` (step range).
fn stream(steps: i64, fault: std::ops::Range<i64>) -> Vec<ClusterSnapshot> {
    let base = base();
    let t0 = base.taken_at;
    (0..steps)
        .map(|i| {
            let mut s = base.clone();
            s.taken_at = t0 + chrono::Duration::seconds(i * STEP_SECS);
            for (n, p) in s.resources.pods.iter_mut().enumerate() {
                if let Some(u) = p.usage.as_mut()
                    && let Some(c) = u.cpu_millicores.as_mut()
                {
                    *c *= 1.0 + 0.05 * ((i as f64) * 0.7 + n as f64).sin();
                }
            }
            let pod = &mut s.resources.pods[0];
            if fault.contains(&i) {
                let restarts = ((i - fault.start) / 3) as u32 + 1;
                let c = &mut pod.containers[0];
                c.ready = false;
                c.state = Some(ContainerState::Waiting {
                    reason: Some("CrashLoopBackOff".into()),
                    message: None,
                });
                c.restart_count = restarts;
                pod.restarts = restarts;
                pod.ready_containers = 0;
            } else if i >= fault.end && !fault.is_empty() {
                let c = &mut pod.containers[0];
                c.restart_count = ((fault.end - fault.start) / 3) as u32 + 1;
                pod.restarts = c.restart_count;
                c.last_termination = Some(Termination {
                    reason: Some("Error".into()),
                    exit_code: 1,
                    message: None,
                    finished_at: Some(t0 + chrono::Duration::seconds(fault.end * STEP_SECS)),
                });
            }
            s
        })
        .collect()
}

fn ndjson(snaps: &[ClusterSnapshot]) -> String {
    snaps
        .iter()
        .map(|s| serde_json::to_string(s).unwrap() + "\n")
        .collect()
}

fn run(input: &str) -> Vec<Value> {
    let mut out = Vec::new();
    replay(
        EngineConfig::default(),
        &mut input.as_bytes(),
        &mut out,
        false,
    )
    .unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn crashloop_becomes_one_incident_with_the_pod_as_root_cause() {
    // 100 min: fault from minute 10 to minute 25.
    let snaps = stream(200, 20..50);
    let pod_key = format!(
        "prod/{}/pod/{}",
        snaps[0].resources.pods[0].meta.namespace_str(),
        snaps[0].resources.pods[0].meta.name
    );
    let lines = run(&ndjson(&snaps));
    let transitions: Vec<(String, String, String)> = lines
        .iter()
        .filter(|l| l["type"] == "transition")
        .map(|l| {
            (
                l["entity"].as_str().unwrap().to_string(),
                l["from"].as_str().unwrap().to_string(),
                l["to"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let pod: Vec<(&str, &str)> = transitions
        .iter()
        .filter(|t| t.0 == pod_key)
        .map(|t| (t.1.as_str(), t.2.as_str()))
        .collect();
    assert_eq!(
        pod,
        vec![
            ("healthy", "warning"),
            ("warning", "incident"),
            ("incident", "recovery"),
            ("recovery", "stable")
        ],
        "{transitions:?}"
    );
    let created: Vec<&Value> = lines
        .iter()
        .filter(|l| l["type"] == "incident" && l["action"] == "created")
        .collect();
    assert_eq!(created.len(), 1, "one incident, not one per entity");
    let resolved = lines
        .iter()
        .find(|l| l["type"] == "incident" && l["action"] == "resolved")
        .unwrap();
    let inc = &resolved["incident"];
    assert_eq!(inc["root_cause"], pod_key.as_str());
    assert_eq!(inc["state"], "resolved");
    assert!(inc["peak_risk"].as_f64().unwrap() > 0.5);
    assert_ne!(inc["severity"], "low");
    assert!(
        inc["candidates"][0]["evidence"][0]["text"]
            .as_str()
            .unwrap()
            .contains("CrashLoopBackOff in container")
    );
    let kinds: Vec<&str> = inc["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    for k in [
        "anomaly_detected",
        "state_change",
        "root_cause_identified",
        "recovery_started",
    ] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["incidents_open"], 0);
}

#[test]
fn steady_cluster_raises_nothing() {
    let lines = run(&ndjson(&stream(150, 0..0)));
    let summary = lines.last().unwrap();
    assert_eq!(summary["transitions"], 0, "{lines:?}");
    assert_eq!(summary["incidents_created"], 0);
}

#[test]
fn replay_binary_is_deterministic_and_matches_the_library() {
    let input = ndjson(&stream(120, 20..60));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snaps.ndjson");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let bin = || {
        let out = Command::new(env!("CARGO_BIN_EXE_atl-master"))
            .arg("replay")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let first = bin();
    assert_eq!(first, bin());
    let mut lib = Vec::new();
    replay(
        EngineConfig::default(),
        &mut input.as_bytes(),
        &mut lib,
        false,
    )
    .unwrap();
    assert_eq!(first, lib);
    assert!(
        String::from_utf8(first)
            .unwrap()
            .contains("\"type\":\"transition\"")
    );
}

#[test]
fn replay_rejects_garbage_with_the_line_number() {
    let mut out = Vec::new();
    let err = replay(
        EngineConfig::default(),
        &mut "\n{\"nope\": 1}\n".as_bytes(),
        &mut out,
        false,
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("line 2"), "{err:#}");
}
