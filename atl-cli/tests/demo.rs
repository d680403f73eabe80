//! End to end: the demo stack (atl-sim + real agent + real master in-process) driven by the real
//! `atl` binary, with the real kubectl as the witness of what happened in the simulated cluster.
#![allow(clippy::unwrap_used)]

mod common;

use common::Tmux;

use std::process::Command as StdCommand;
use std::time::{Duration, Instant};

use atl_cli::demo::{DemoOptions, DemoStack};

fn kubectl_available() -> bool {
    StdCommand::new("kubectl")
        .arg("version")
        .arg("--client")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the blocking `atl` binary off the async runtime.
async fn atl(
    stack_url: &str,
    token: &str,
    cfg: &std::path::Path,
    args: &[&str],
) -> std::process::Output {
    let mut cmd = common::atl(cfg);
    cmd.env("ATL_MASTER", stack_url)
        .env("ATL_TOKEN", token)
        .args(args);
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_stack_serves_the_simulated_cluster_and_runs_operations() {
    let opts = DemoOptions {
        interval: Duration::from_secs(1),
        scenario: "steady".into(),
        ..DemoOptions::default()
    };
    let stack = DemoStack::start(&opts).await.unwrap();
    let cfg = tempfile::tempdir().unwrap();

    // The agent's first snapshot reaches the master and the pods list through the user API.
    let deadline = Instant::now() + Duration::from_secs(30);
    let pods = loop {
        let out = atl(
            &stack.master_url,
            &stack.token,
            cfg.path(),
            &["get", "pods", "-A", "-o", "json"],
        )
        .await;
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let items = v
                .get("items")
                .and_then(|i| i.as_array())
                .cloned()
                .unwrap_or_default();
            if !items.is_empty() {
                break items;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no pods arrived: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    };
    let sim_pods = stack.cluster.list::<k8s_openapi::api::core::v1::Pod>(None);
    assert!(
        pods.len() >= sim_pods.len() / 2,
        "master has {} pods, simulator {}",
        pods.len(),
        sim_pods.len()
    );

    if !kubectl_available() {
        eprintln!("skipped the kubectl part: kubectl not found");
        stack.stop().await;
        return;
    }
    // Pick a running pod of a deployment and restart it through master → agent → Kubernetes API.
    let pod = pods
        .iter()
        .filter_map(|i| i.get("object"))
        .find(|p| {
            p.pointer("/meta/owner/kind").and_then(|k| k.as_str()) == Some("ReplicaSet")
                && p.get("phase").and_then(|s| s.as_str()) == Some("Running")
        })
        .unwrap();
    let name = pod
        .pointer("/meta/name")
        .and_then(|n| n.as_str())
        .unwrap()
        .to_string();
    let ns = pod
        .pointer("/meta/namespace")
        .and_then(|n| n.as_str())
        .unwrap()
        .to_string();
    let out = atl(
        &stack.master_url,
        &stack.token,
        cfg.path(),
        &[
            "exec",
            "restart",
            "pod",
            &name,
            "-n",
            &ns,
            "--cluster",
            "demo",
        ],
    )
    .await;
    assert!(
        out.status.success(),
        "restart failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // kubectl, as a peer client of the simulator, sees the pod gone or terminating.
    let home = tempfile::tempdir().unwrap();
    let kc = stack.kubeconfig.clone();
    let k = tokio::task::spawn_blocking(move || {
        StdCommand::new("kubectl")
            .env("HOME", home.path())
            .args([
                "--kubeconfig",
                kc.to_str().unwrap(),
                "get",
                "pod",
                &name,
                "-n",
                &ns,
                "-o",
                "json",
                "--ignore-not-found",
            ])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(k.status.success(), "{}", String::from_utf8_lossy(&k.stderr));
    let text = String::from_utf8_lossy(&k.stdout);
    assert!(
        text.trim().is_empty() || text.contains("deletionTimestamp"),
        "pod was not deleted: {text}"
    );

    // An operation on a pod that does not exist fails in the cluster: remote-failure exit code.
    let out = atl(
        &stack.master_url,
        &stack.token,
        cfg.path(),
        &[
            "exec",
            "restart",
            "pod",
            "no-such-pod",
            "-n",
            "default",
            "--cluster",
            "demo",
        ],
    )
    .await;
    assert_eq!(
        out.status.code(),
        Some(5),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stack.stop().await;
}

#[test]
fn demo_without_a_terminal_asks_for_headless() {
    let cfg = tempfile::tempdir().unwrap();
    let out = common::atl(cfg.path()).arg("demo").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--headless"));
}

/// kubectl against the simulator's kubeconfig, with a private HOME (no cache, no config leaks).
fn kubectl(kubeconfig: &std::path::Path, home: &std::path::Path, args: &[&str]) -> String {
    let out = StdCommand::new("kubectl")
        .env("HOME", home)
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "kubectl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `atl demo` in a real terminal (tmux), on the built-in `demo` scenario at 30× speed (its
/// crash-loop of `shop/checkout` starts 2 s in and opens an incident a few seconds later): the
/// pods view lists the simulated pods, `/` filters, `r` + confirm restarts the selected pod (the
/// real kubectl sees it replaced), `:incidents` shows the incident the fault raised with its root
/// cause, a 40×10 terminal does not break it, and `q` stops the whole stack with exit code 0.
#[test]
fn demo_dashboard_in_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::new(d.path()) else {
        return;
    };
    let rc = d.path().join("rc");
    let data = d.path().join("data");
    let screen = || tmux.screen("demo");
    let wait_for = |what: &str, f: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let s = screen();
            if f(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let script = format!(
        "ATL_CONFIG_DIR='{}' '{}' demo --scenario demo --speed 30 --interval 1s --data-dir '{}'; \
         echo $? > '{}'; sleep 5",
        d.path().display(),
        assert_cmd::cargo::cargo_bin("atl").display(),
        data.display(),
        rc.display()
    );
    tmux.session("demo", 120, 30, &script);

    wait_for("the dashboard", &|s| {
        s.contains("atl top") && s.contains("online")
    });
    tmux.run(&["send-keys", "-t", "demo", "2"]);
    wait_for("simulated pods", &|s| {
        s.contains("Running") && s.contains("checkout-")
    });
    tmux.run(&["send-keys", "-t", "demo", "/", "frontend", "Enter"]);
    let filtered = wait_for("the filter to apply", &|s| {
        let rows: Vec<&str> = s
            .lines()
            .filter(|l| l.starts_with("demo ") && l.contains("Running"))
            .collect();
        !rows.is_empty() && rows.iter().all(|l| l.contains("frontend"))
    });
    assert!(!filtered.contains("checkout-"), "{filtered}");

    // Restart the selected pod; the confirmation names it.
    tmux.run(&["send-keys", "-t", "demo", "r"]);
    let confirm = wait_for("the restart confirmation", &|s| s.contains("Restart pod"));
    let target = regex::Regex::new(r"Restart pod (\S+)/(\S+) on demo\?")
        .unwrap()
        .captures(&confirm)
        .unwrap_or_else(|| panic!("no pod in the confirmation:\n{confirm}"));
    let (ns, pod) = (target[1].to_string(), target[2].to_string());
    assert!(pod.starts_with("frontend-"), "{confirm}");
    let kubeconfig = data.join("kubeconfig");
    let home = tempfile::tempdir().unwrap();
    let kubectl_ok = kubectl_available();
    let pod_names = || -> Vec<String> {
        kubectl(
            &kubeconfig,
            home.path(),
            &["get", "pods", "-n", &ns, "-o", "name"],
        )
        .lines()
        .map(str::to_string)
        .collect()
    };
    let before = if kubectl_ok { pod_names() } else { Vec::new() };
    tmux.run(&["send-keys", "-t", "demo", "y"]);
    wait_for("the restart result", &|s| s.contains(": done"));
    if kubectl_ok {
        // The real kubectl, as a peer client of the simulator: the pod is gone (or terminating)
        // and its ReplicaSet (same name prefix) made a new one.
        let rs_prefix = format!("pod/{}-", pod.rsplit_once('-').unwrap().0);
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let old = kubectl(
                &kubeconfig,
                home.path(),
                &[
                    "get",
                    "pod",
                    &pod,
                    "-n",
                    &ns,
                    "-o",
                    "json",
                    "--ignore-not-found",
                ],
            );
            let names = pod_names();
            let gone = old.trim().is_empty() || old.contains("deletionTimestamp");
            let replaced = names
                .iter()
                .any(|n| n.starts_with(&rs_prefix) && !before.contains(n));
            if gone && replaced {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "pod {ns}/{pod} not replaced; kubectl sees:\n{names:?}\n{old}"
            );
            std::thread::sleep(Duration::from_millis(300));
        }
    } else {
        eprintln!("skipped the kubectl check: kubectl not found");
    }

    // The incident the crash-looping checkout raised, with its root cause.
    tmux.run(&[
        "send-keys",
        "-t",
        "demo",
        "Escape",
        ":",
        "incidents",
        "Enter",
    ]);
    let incidents = wait_for("the scenario's incident", &|s| {
        s.contains("ROOT CAUSE")
            && s.lines()
                .any(|l| l.starts_with("inc-") && l.contains("shop/deployment/checkout"))
    });
    assert!(incidents.contains("incidents @"), "{incidents}");

    tmux.run(&["resize-window", "-t", "demo", "-x", "40", "-y", "10"]);
    std::thread::sleep(Duration::from_millis(500));
    let small = screen();
    assert!(!small.trim().is_empty(), "nothing drawn at 40×10");
    tmux.run(&["resize-window", "-t", "demo", "-x", "120", "-y", "30"]);
    wait_for("the dashboard after resizing", &|s| s.contains("atl top"));

    tmux.run(&["send-keys", "-t", "demo", "Escape", "q"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    let code = loop {
        if let Ok(s) = std::fs::read_to_string(&rc) {
            break Some(s.trim().to_string());
        }
        if Instant::now() > deadline {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let last = screen();
    drop(tmux);
    assert_eq!(code.as_deref(), Some("0"), "screen:\n{last}");
}
