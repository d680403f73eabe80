//! The `atl` binary's contract with scripts: exit codes, messages and plain piped output.
#![allow(clippy::unwrap_used)]

mod common;

use common::{Tmux, atl, closed_port};
use predicates::prelude::*;

#[test]
fn usage_errors_exit_2() {
    let d = tempfile::tempdir().unwrap();
    atl(d.path()).assert().code(2);
    atl(d.path())
        .arg("get")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("KIND"));
    atl(d.path())
        .args(["-o", "bogus", "clusters"])
        .assert()
        .code(2);
    atl(d.path())
        .args(["--timeout", "soon", "clusters"])
        .assert()
        .code(2);
    atl(d.path())
        .args(["exec", "scale", "deploy", "web"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--replicas"));
}

#[test]
fn help_and_version_exit_0() {
    let d = tempfile::tempdir().unwrap();
    atl(d.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("atl "));
    atl(d.path())
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("exec"));
}

#[test]
fn unreachable_master_has_its_own_code_and_a_hint() {
    let d = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    atl(d.path())
        .args(["--master", &url, "--timeout", "5s", "clusters"])
        .assert()
        .code(69)
        .stderr(
            predicate::str::contains("cannot reach the master at")
                .and(predicate::str::contains(&url)),
        )
        .stderr(predicate::str::contains("atl check"));
    // The same through the environment and for `check`.
    atl(d.path())
        .env("ATL_MASTER", &url)
        .arg("check")
        .assert()
        .code(69)
        .stdout(predicate::str::contains("[FAIL]"));
}

#[test]
fn no_master_configured_is_a_config_error() {
    let d = tempfile::tempdir().unwrap();
    atl(d.path())
        .args(["get", "pods"])
        .assert()
        .code(78)
        .stderr(predicate::str::contains("atl login URL"));
    atl(d.path())
        .args(["--master", "ftp://x", "clusters"])
        .assert()
        .code(78);
    atl(d.path())
        .args(["--context", "nope", "clusters"])
        .assert()
        .code(78)
        .stderr(predicate::str::contains("nope"));
}

#[test]
fn secrets_are_refused_before_any_request() {
    let d = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    atl(d.path())
        .args(["--master", &url, "get", "secrets"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("secrets"));
    atl(d.path())
        .args(["--master", &url, "get", "widgets"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown resource kind"));
}

#[test]
fn passthrough_refusals_exit_2_and_say_what_is_allowed() {
    let d = tempfile::tempdir().unwrap();
    // A closed port: a refusal must happen before any network traffic, so it never gets there.
    let url = format!("http://127.0.0.1:{}", closed_port());
    let base = [
        "--master",
        url.as_str(),
        "--cluster",
        "a",
        "exec",
        "kubectl",
        "--",
    ];
    for bad in [
        vec!["get", "pods", "--server=https://evil:6443"],
        vec!["get", "pods", "-s", "https://evil"],
        vec!["--kubeconfig", "/tmp/k", "get", "pods"],
        vec!["get", "pods", "--as=system:admin"],
        vec!["get", "pods", "--token", "x"],
    ] {
        atl(d.path())
            .args(base)
            .args(&bad)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("refused").and(predicate::str::contains("--cluster")));
    }
    atl(d.path())
        .args(base)
        .args(["delete", "pod", "x"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("not allowed")
                .and(predicate::str::contains("rollout restart")),
        );
    atl(d.path())
        .args(base)
        .args([
            "exec",
            "-it",
            "web",
            "--",
            "sh",
            "-c",
            "rm -rf /; $(reboot)",
        ])
        .assert()
        .code(2);
}

#[test]
fn operations_need_exactly_one_cluster() {
    let d = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    for clusters in [vec![], vec!["--cluster", "a,b"], vec!["--cluster", "all"]] {
        atl(d.path())
            .args(["--master", &url])
            .args(&clusters)
            .args(["exec", "cordon", "node-1"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("exactly one"));
    }
}

#[test]
fn contexts_missing_and_piped_output_is_plain() {
    let d = tempfile::tempdir().unwrap();
    atl(d.path())
        .args(["context", "use", "ghost"])
        .assert()
        .code(3);
    atl(d.path())
        .args(["context", "delete", "ghost"])
        .assert()
        .code(3);
    atl(d.path()).args(["context", "current"]).assert().code(78);
    std::fs::write(
        d.path().join("config.yaml"),
        "current_context: prod\ncontexts:\n  prod: {master: 'http://127.0.0.1:1'}\n  dev: {master: 'http://127.0.0.1:2'}\n",
    )
    .unwrap();
    let out = atl(d.path())
        .args(["context", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(
        text.lines()
            .any(|l| l.starts_with('*') && l.contains("prod")),
        "{text}"
    );
    atl(d.path())
        .args(["context", "list", "--no-headers"])
        .assert()
        .stdout(predicate::str::contains("CURRENT").not());
    atl(d.path())
        .args(["context", "list", "-o", "name"])
        .assert()
        .stdout("dev\nprod\n");
    atl(d.path())
        .args(["context", "use", "dev"])
        .assert()
        .success();
    atl(d.path())
        .args(["context", "current"])
        .assert()
        .stdout("dev\n");
    let json = atl(d.path())
        .args(["context", "list", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn login_without_a_tty_needs_password_stdin() {
    let d = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}", closed_port());
    atl(d.path())
        .args(["login", &url, "--password-stdin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--username"));
    atl(d.path())
        .args(["login", &url, "-u", "alice"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--password-stdin"));
}

#[test]
fn top_needs_a_terminal() {
    let d = tempfile::tempdir().unwrap();
    atl(d.path())
        .args(["top", "--demo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("interactive terminal"));
}

/// `atl top --demo` in a real terminal (tmux): it draws, and `q` quits with 0.
#[test]
fn top_demo_runs_in_a_terminal_and_quits() {
    let d = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::new(d.path()) else {
        return;
    };
    let rc = d.path().join("rc");
    let script = format!(
        "ATL_CONFIG_DIR='{}' '{}' top --demo; echo $? > '{}'; sleep 5",
        d.path().display(),
        assert_cmd::cargo::cargo_bin("atl").display(),
        rc.display()
    );
    tmux.session("top", 120, 30, &script);
    let mut drawn = false;
    for _ in 0..200 {
        let screen = tmux.screen("top");
        if screen.contains("atl top") {
            drawn = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    tmux.run(&["send-keys", "-t", "top", "q"]);
    let mut code = None;
    for _ in 0..200 {
        if let Ok(s) = std::fs::read_to_string(&rc) {
            code = Some(s.trim().to_string());
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(tmux);
    assert!(drawn, "the dashboard never appeared");
    assert_eq!(code.as_deref(), Some("0"));
}
