//! The `atl-sim` binary: scenario file in, kubeconfig out, kubectl works against it.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn binary_serves_a_scenario_file() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("tiny.yaml");
    std::fs::write(
        &scenario,
        "name: tiny\nseed: 5\nnodes: 2\nnamespaces: 1\ndeployments_per_namespace: 2\nreplicas: [2, 2]\nstatefulsets_per_namespace: 0\nfaults:\n  - {at: 0s, fault: crash_loop, target: shop/api}\n",
    )
    .unwrap();
    let kc = dir.path().join("out/kubeconfig");
    let mut child = Command::new(env!("CARGO_BIN_EXE_atl-sim"))
        .args([
            "--scenario",
            scenario.to_str().unwrap(),
            "--kubeconfig-out",
            kc.to_str().unwrap(),
            "--speed",
            "50",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    // Keep the pipe open for the whole test: the simulator prints more lines after the URL,
    // and a closed pipe would end it with a broken-pipe error.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut first).unwrap();
    assert!(first.contains("http://127.0.0.1:"), "{first}");
    let kubectl = |args: &[&str]| {
        Command::new("kubectl")
            .env("HOME", dir.path())
            .env_remove("KUBECONFIG")
            .args([
                "--kubeconfig",
                kc.to_str().unwrap(),
                "--cache-dir",
                dir.path().join("cache").to_str().unwrap(),
            ])
            .args(args)
            .output()
            .unwrap()
    };
    let out = kubectl(&["get", "deploy", "-n", "shop", "--no-headers"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, ["api", "frontend"]);
}

#[test]
fn bad_scenario_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_atl-sim"))
        .args([
            "--scenario",
            "no-such-scenario",
            "--kubeconfig-out",
            dir.path().join("kc").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("neither a built-in scenario"), "{err}");
}
