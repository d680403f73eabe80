//! `atl incidents --watch` end to end: the real binary follows a real master that the real agent
//! feeds from atl-sim running a fault scenario; then the master goes away and the watch gives up
//! with the unreachable exit code.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use atl_cli::demo::{DemoOptions, DemoStack};
use serde_json::Value;

/// A small cluster whose `shop/checkout` starts crash-looping 90 simulated seconds in, so that
/// the engine's state machine (2 simulated minutes above the warning threshold) opens an incident
/// about 7 s after start at 30× speed — late enough for the watch to be subscribed first (the
/// stream has no replay).
const SCENARIO: &str = r"
name: watch-test
seed: 3
nodes: 2
namespaces: 1
deployments_per_namespace: 3
replicas: [2, 2]
statefulsets_per_namespace: 0
jobs_per_namespace: 0
cronjobs_per_namespace: 0
faults:
  - at: 90
    fault: crash_loop
    target: shop/checkout
";

#[test]
fn incidents_watch_streams_transitions_then_exits_69_without_the_master() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("scenario.yaml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    // The stack gets a runtime of its own, so the test can stop the master the hard way (an open
    // SSE stream holds a graceful shutdown).
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let opts = DemoOptions {
        scenario: scenario.display().to_string(),
        speed: 30.0,
        interval: Duration::from_secs(1),
        ..DemoOptions::default()
    };
    let stack = rt.block_on(DemoStack::start(&opts)).unwrap();

    let cfg = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("atl"))
        .args([
            "--master",
            &stack.master_url,
            "--token",
            &stack.token,
            "--timeout",
            "3s",
            "incidents",
            "--watch",
            "-o",
            "json",
        ])
        .env("ATL_CONFIG_DIR", cfg.path())
        .env_remove("ATL_MASTER")
        .env_remove("ATL_TOKEN")
        .env_remove("ATL_CONTEXT")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Lines arrive through a channel so that a missing line fails the test instead of hanging it.
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut stderr = child.stderr.take().unwrap();
    let stderr_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });

    let mut lines: Vec<Value> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(120);
    let opened = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = rx
            .recv_timeout(left)
            .unwrap_or_else(|e| panic!("no `opened` transition within 120 s ({e}); got {lines:?}"));
        let v: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("not one JSON object per line ({e}): {line}"));
        assert!(
            matches!(v["type"].as_str(), Some("ADDED" | "MODIFIED")),
            "{line}"
        );
        assert!(v["object"]["id"].is_string(), "{line}");
        assert!(v["transition"].is_string(), "{line}");
        lines.push(v.clone());
        if v["transition"] == "opened" {
            break v;
        }
    };
    assert_eq!(opened["type"], "ADDED");
    assert_eq!(opened["object"]["cluster"], "demo");
    // The incident is about the crash-looping workload: its root cause or summary names it.
    let about = format!(
        "{} {}",
        opened["object"]["root_cause"].as_str().unwrap_or_default(),
        opened["object"]["summary"].as_str().unwrap_or_default()
    );
    assert!(about.contains("checkout"), "{opened}");

    // The master goes away (the whole stack's runtime stops and its sockets close): the watch
    // reconnects with back-off for --timeout, then exits 69 instead of 0.
    let stopped = Instant::now();
    rt.shutdown_background();
    drop(stack);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if stopped.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("atl incidents --watch did not exit after the master went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let waited = stopped.elapsed();
    let err = stderr_reader.join().unwrap();
    assert_eq!(status.code(), Some(69), "stderr: {err}");
    assert!(
        waited >= Duration::from_secs(3),
        "gave up after {waited:?}, before --timeout"
    );
    assert!(err.contains("retrying in"), "no reconnect attempt: {err}");
    // Every line printed until the end was a whole JSON object.
    while let Ok(line) = rx.try_recv() {
        let v: Value = serde_json::from_str(&line).unwrap();
        assert!(v["object"].is_object(), "{line}");
    }
}
