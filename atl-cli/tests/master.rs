//! End-to-end: the real `atl` binary against a real atl-master (port 0, temp SQLite).
#![allow(clippy::unwrap_used)]

mod common;

use atl_master::{Config, Master, RunningMaster};
use common::atl;
use predicates::prelude::*;
use serde_json::{Value, json};

/// A master running on its own runtime for the duration of a test.
struct TestMaster {
    rt: tokio::runtime::Runtime,
    master: Option<RunningMaster>,
    _dir: tempfile::TempDir,
    url: String,
    admin_password: String,
    admin_token: String,
}

impl TestMaster {
    fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let master = rt
            .block_on(Master::start(Config::for_test(dir.path())))
            .unwrap();
        let dev = master.dev_credentials.clone().unwrap();
        TestMaster {
            url: format!("http://{}", master.gateway_addr),
            rt,
            master: Some(master),
            _dir: dir,
            admin_password: dev.admin_password,
            admin_token: dev.admin_token,
        }
    }

    /// A direct API call, to set up state the CLI does not create itself.
    fn api(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.url);
        let token = self.admin_token.clone();
        self.rt.block_on(async move {
            let mut rb = reqwest::Client::new()
                .request(method, url)
                .bearer_auth(token);
            if let Some(b) = body {
                rb = rb.json(&b);
            }
            let resp = rb.send().await.unwrap();
            assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
            resp.json().await.unwrap_or(Value::Null)
        })
    }

    fn user(&self, name: &str, role: &str) -> String {
        let pw = format!("{name}-password-123");
        self.api(
            reqwest::Method::POST,
            "/api/v1/users",
            Some(json!({"username": name, "password": pw, "role": role})),
        );
        pw
    }
}

impl Drop for TestMaster {
    fn drop(&mut self) {
        if let Some(m) = self.master.take() {
            self.rt.block_on(m.shutdown());
        }
    }
}

#[test]
fn login_context_round_trip_and_check() {
    let m = TestMaster::start();
    let cfg = tempfile::tempdir().unwrap();
    atl(cfg.path())
        .args([
            "login",
            &m.url,
            "--username",
            "admin",
            "--password-stdin",
            "--name",
            "lab",
        ])
        .write_stdin(format!("{}\n", m.admin_password))
        .assert()
        .success()
        .stderr(predicate::str::contains("as admin (role admin)"));
    // The token is stored apart from the config, private to the user.
    let creds = cfg.path().join("credentials.yaml");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&creds).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert!(
        !std::fs::read_to_string(cfg.path().join("config.yaml"))
            .unwrap()
            .contains("atl_")
    );
    atl(cfg.path())
        .args(["context", "current"])
        .assert()
        .stdout("lab\n");
    atl(cfg.path())
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "[ok]   token valid: user admin, role admin, context lab",
        ));

    // Wrong password: the master says 401, which is the permission code with a hint.
    atl(cfg.path())
        .args(["login", &m.url, "-u", "admin", "--password-stdin"])
        .write_stdin("not-the-password\n")
        .assert()
        .code(77)
        .stderr(predicate::str::contains("atl login"));

    // Token login stores a second context; deleting it removes its token.
    atl(cfg.path())
        .args(["login", &m.url, "--token", &m.admin_token, "--name", "ci"])
        .assert()
        .success();
    atl(cfg.path())
        .args(["context", "list", "-o", "name"])
        .assert()
        .stdout("ci\nlab\n");
    atl(cfg.path())
        .args(["context", "delete", "ci"])
        .assert()
        .success();
    assert!(
        !std::fs::read_to_string(&creds)
            .unwrap()
            .contains(&m.admin_token)
    );
    atl(cfg.path())
        .args(["--context", "lab", "users", "list", "-o", "name"])
        .assert()
        .success()
        .stdout("user/admin\n");
}

#[test]
fn clusters_users_tokens_and_audit() {
    let m = TestMaster::start();
    m.api(
        reqwest::Method::POST,
        "/api/v1/clusters",
        Some(json!({"id": "prod-eu", "description": "Frankfurt"})),
    );
    m.api(
        reqwest::Method::POST,
        "/api/v1/clusters",
        Some(json!({"id": "prod-us"})),
    );
    let cfg = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut c = atl(cfg.path());
        c.args(["--master", &m.url, "--token", &m.admin_token])
            .args(args);
        c
    };
    let out = run(&["clusters"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        !text.contains('\x1b'),
        "piped output must be plain: {text:?}"
    );
    assert!(text.starts_with("NAME"), "{text}");
    assert!(
        text.contains("prod-eu") && text.contains("offline") && text.contains("Frankfurt"),
        "{text}"
    );
    let v: Value = serde_json::from_slice(
        &run(&["clusters", "-o", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    run(&["clusters", "-o", "name"])
        .assert()
        .stdout("cluster/prod-eu\ncluster/prod-us\n");
    // Offline clusters make `check` fail with "condition not met".
    run(&["check"])
        .assert()
        .code(4)
        .stdout(predicate::str::contains("offline: prod-eu, prod-us"));

    run(&["users", "create", "bob", "--role", "operator"])
        .write_stdin("bob-password-123\n")
        .assert()
        .success();
    run(&["users", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("bob").and(predicate::str::contains("operator")));
    run(&["users", "set-role", "bob", "viewer"])
        .assert()
        .success();
    run(&["users", "delete", "ghost"]).assert().code(3);

    let token = run(&["tokens", "create", "ci", "--role", "viewer", "--ttl", "1d"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let token = String::from_utf8(token).unwrap().trim().to_string();
    assert!(!token.is_empty());
    run(&["tokens", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ci"));
    // The CI token works and carries the viewer role: admin-only listing is refused with 77.
    atl(cfg.path())
        .args(["--master", &m.url, "--token", &token, "clusters"])
        .assert()
        .success();
    atl(cfg.path())
        .args(["--master", &m.url, "--token", &token, "users", "list"])
        .assert()
        .code(77)
        .stderr(predicate::str::contains("permission denied"));
    atl(cfg.path())
        .args(["--master", &m.url, "--token", "atl_bogus", "clusters"])
        .assert()
        .code(77);

    let audit = run(&["audit", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let audit: Value = serde_json::from_slice(&audit).unwrap();
    let actions: Vec<String> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        actions.iter().any(|a| a.contains("POST /api/v1/users")),
        "{actions:?}"
    );
}

#[test]
fn viewer_login_cannot_manage_users() {
    let m = TestMaster::start();
    let pw = m.user("vera", "viewer");
    let cfg = tempfile::tempdir().unwrap();
    atl(cfg.path())
        .args(["login", &m.url, "-u", "vera", "--password-stdin"])
        .write_stdin(pw)
        .assert()
        .success();
    atl(cfg.path())
        .args(["users", "create", "eve"])
        .write_stdin("eve-password-123\n")
        .assert()
        .code(77);
    atl(cfg.path())
        .args(["check", "-o", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("role viewer"));
}
