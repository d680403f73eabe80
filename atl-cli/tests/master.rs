//! End-to-end: the real `atl` binary against a real atl-master (port 0, temp SQLite).
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::{Arc, Mutex};

use atl_core::ClusterSnapshot;
use atl_core::api::CommandPoll;
use atl_core::command::{Action, Command, CommandOutput, CommandResult, Outcome, ScaleKind};
use atl_core::k8s::{self, ConditionStatus};
use atl_master::{Config, Master, RunningMaster};
use common::{Tmux, atl};
use predicates::prelude::*;
use serde_json::{Value, json};

/// A master running on its own runtime for the duration of a test.
struct TestMaster {
    rt: tokio::runtime::Runtime,
    /// Set when the test killed the master; Drop then has nothing to stop.
    killed: bool,
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
            killed: false,
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

    /// Registers a cluster and returns its agent token.
    fn cluster(&self, id: &str) -> String {
        let v = self.api(
            reqwest::Method::POST,
            "/api/v1/clusters",
            Some(json!({"id": id})),
        );
        v["agent_token"].as_str().unwrap().to_string()
    }

    fn agent_url(&self) -> String {
        format!("http://{}", self.master.as_ref().unwrap().agent_addr)
    }

    /// Pushes a snapshot the way an agent does (uncompressed JSON).
    fn push(&self, agent_token: &str, snap: &ClusterSnapshot) {
        let url = format!("{}/agent/v1/snapshot", self.agent_url());
        let token = agent_token.to_string();
        let body = serde_json::to_vec(snap).unwrap();
        self.rt.block_on(async move {
            let resp = reqwest::Client::new()
                .post(url)
                .bearer_auth(token)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
        });
    }

    /// A fake agent for `cluster`: long-polls commands, records them and answers with `reply`.
    fn fake_agent(
        &self,
        agent_token: &str,
        reply: impl Fn(&Command) -> (Outcome, Option<CommandOutput>, Option<String>) + Send + 'static,
    ) -> Arc<Mutex<Vec<Command>>> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (url, token, log) = (self.agent_url(), agent_token.to_string(), seen.clone());
        self.rt.spawn(async move {
            let http = reqwest::Client::new();
            loop {
                let Ok(resp) = http
                    .get(format!("{url}/agent/v1/commands"))
                    .bearer_auth(&token)
                    .send()
                    .await
                else {
                    return;
                };
                let Ok(poll) = resp.json::<CommandPoll>().await else {
                    return;
                };
                let Some(cmd) = poll.command else { continue };
                let (outcome, output, error) = reply(&cmd);
                log.lock().unwrap().push(cmd.clone());
                let result = CommandResult {
                    command_id: cmd.id.clone(),
                    outcome,
                    output,
                    error,
                    started_at: chrono::Utc::now(),
                    duration_ms: 1,
                };
                let _ = http
                    .post(format!("{url}/agent/v1/result"))
                    .bearer_auth(&token)
                    .json(&result)
                    .send()
                    .await;
            }
        });
        seen
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
        if self.killed {
            return;
        }
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

fn pod(name: &str, ns: &str, app: &str, ready: bool) -> k8s::Pod {
    let mut meta = k8s::Meta::namespaced(name, ns);
    meta.labels.insert("app".into(), app.into());
    meta.created_at = Some(chrono::Utc::now() - chrono::TimeDelta::seconds(3 * 60 + 5));
    k8s::Pod {
        meta,
        node: Some("node-1".into()),
        phase: k8s::PodPhase::Running,
        reason: (!ready).then(|| "CrashLoopBackOff".to_string()),
        ready_containers: u32::from(ready),
        total_containers: 1,
        restarts: if ready { 0 } else { 7 },
        ip: Some("10.1.0.9".into()),
        ..Default::default()
    }
}

fn snapshot(cluster: &str, pods: Vec<k8s::Pod>) -> ClusterSnapshot {
    let mut snap = ClusterSnapshot::new(cluster, chrono::Utc::now());
    snap.resources.pods = pods;
    let mut ev = k8s::Event {
        meta: k8s::Meta::namespaced("db-0.1", "shop"),
        type_: "Warning".into(),
        reason: "BackOff".into(),
        message: "Back-off restarting failed container".into(),
        count: 7,
        last_seen: Some(chrono::Utc::now()),
        ..Default::default()
    };
    ev.involved.kind = "Pod".into();
    ev.involved.name = "db-0".into();
    ev.involved.namespace = Some("shop".into());
    snap.resources.events = vec![ev];
    snap.resources.nodes = vec![k8s::Node {
        meta: k8s::Meta::cluster_scoped("node-1"),
        ready: ConditionStatus::True,
        info: k8s::NodeInfo {
            kubelet_version: "v1.33.1".into(),
            ..Default::default()
        },
        ..Default::default()
    }];
    snap
}

#[test]
fn get_pods_across_two_clusters() {
    let m = TestMaster::start();
    let (ta, tb) = (m.cluster("alpha"), m.cluster("beta"));
    m.push(
        &ta,
        &snapshot(
            "alpha",
            vec![
                pod("web-0", "shop", "web", true),
                pod("db-0", "shop", "db", false),
            ],
        ),
    );
    m.push(
        &tb,
        &snapshot(
            "beta",
            vec![
                pod("web-0", "shop", "web", true),
                pod("job-1", "batch", "job", true),
            ],
        ),
    );
    let cfg = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut c = atl(cfg.path());
        c.args(["--master", &m.url, "--token", &m.admin_token])
            .args(args);
        c
    };
    let out = run(&["get", "pods", "-A"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(!text.contains('\x1b'), "{text:?}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "CLUSTER",
            "NAMESPACE",
            "NAME",
            "READY",
            "STATUS",
            "RESTARTS",
            "AGE"
        ]
    );
    assert_eq!(lines.len(), 5, "{text}");
    // Pages of one object each give the same listing: every continue cursor is followed.
    let paged = run(&["get", "pods", "-A", "--chunk-size", "1"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(paged).unwrap(), text);
    let db: Vec<&str> = lines
        .iter()
        .find(|l| l.contains("db-0"))
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(
        db,
        [
            "alpha",
            "shop",
            "db-0",
            "0/1",
            "CrashLoopBackOff",
            "7",
            "3m5s"
        ]
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("beta") && l.contains("job-1"))
    );

    // One cluster: no CLUSTER column; the default namespace scope applies without -A.
    let one = run(&[
        "--cluster",
        "alpha",
        "-n",
        "shop",
        "get",
        "pods",
        "-o",
        "wide",
    ])
    .assert()
    .success()
    .get_output()
    .stdout
    .clone();
    let one = String::from_utf8(one).unwrap();
    assert!(one.starts_with("NAME "), "{one}");
    assert!(
        one.contains("10.1.0.9") && one.contains("node-1") && !one.contains("beta"),
        "{one}"
    );
    run(&["get", "pods"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "No resources found in namespace default",
        ));
    // Several clusters by comma list, names, selectors, JSON.
    run(&[
        "--cluster",
        "alpha,beta",
        "-A",
        "get",
        "pods",
        "-l",
        "app=web",
        "-o",
        "name",
    ])
    .assert()
    .success()
    .stdout("alpha/pod/web-0\nbeta/pod/web-0\n");
    let json = run(&["-A", "get", "po", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 4);
    assert_eq!(v["items"][0]["cluster"], "alpha");
    assert!(v["items"][0]["object"]["meta"]["name"].is_string());
    run(&[
        "--cluster",
        "beta",
        "-n",
        "batch",
        "get",
        "pod",
        "job-1",
        "-o",
        "yaml",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("cluster: beta"));
    run(&["-n", "shop", "get", "pods", "nope"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("pods \"nope\""));
    run(&["get", "nodes", "--no-headers"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("node-1   Ready").and(predicate::str::contains("NAME").not()),
        );
    // describe: the object and its events; events across clusters; engine views not served yet.
    run(&[
        "--cluster",
        "alpha",
        "-n",
        "shop",
        "describe",
        "pod",
        "db-0",
    ])
    .assert()
    .success()
    .stdout(predicate::str::contains("Cluster:  alpha").and(predicate::str::contains("BackOff")));
    run(&["-A", "events", "--warnings"])
        .assert()
        .success()
        .stdout(predicate::str::contains("pod/db-0"));
    // The master serves the AIOps views (the engine runs inside it).
    for view in ["incidents", "risk", "topology"] {
        run(&[view]).assert().success();
    }
    // Every read subcommand in every output format: piped output is plain, json and yaml parse,
    // json is the same when asked twice of the same state, name lists one name per line.
    let reads: [&[&str]; 12] = [
        &["clusters"],
        &["-A", "get", "pods"],
        &["get", "nodes"],
        &["-A", "get", "deploy"],
        &["-A", "events"],
        &["incidents"],
        &["risk"],
        &["topology"],
        &["audit"],
        &["users", "list"],
        &["tokens", "list"],
        &["context", "list"],
    ];
    for args in reads {
        for format in ["table", "wide", "json", "yaml", "name"] {
            let out = run(args).args(["-o", format]).output().unwrap();
            let (stdout, stderr) = (
                String::from_utf8(out.stdout).unwrap(),
                String::from_utf8_lossy(&out.stderr).to_string(),
            );
            let what = format!("atl {} -o {format}", args.join(" "));
            assert!(out.status.success(), "{what}: {stderr}");
            assert!(
                !stdout.contains('\x1b'),
                "{what} printed escapes: {stdout:?}"
            );
            match format {
                "json" => {
                    // Ages move with the clock; everything else must be the same when asked
                    // twice of the same state.
                    let settled = |text: &str| {
                        let v: Value = serde_json::from_str(text)
                            .unwrap_or_else(|e| panic!("{what}: {e}: {text}"));
                        v.to_string()
                            .split(',')
                            .filter(|f| !f.contains("_age_secs"))
                            .collect::<Vec<_>>()
                            .join(",")
                    };
                    let first = settled(&stdout);
                    let again = run(args).args(["-o", "json"]).output().unwrap();
                    // The audit log grows with every call (reads of it are audited too).
                    if !matches!(args, ["audit"]) {
                        let again = String::from_utf8(again.stdout).unwrap();
                        assert_eq!(settled(&again), first, "{what} not stable");
                    }
                }
                "yaml" => {
                    serde_yaml::from_str::<serde_yaml::Value>(&stdout)
                        .unwrap_or_else(|e| panic!("{what}: {e}: {stdout}"));
                }
                "name" => assert!(
                    stdout
                        .lines()
                        .all(|l| !l.trim().is_empty() && !l.contains("  ")),
                    "{what}: {stdout}"
                ),
                _ => {}
            }
        }
    }
    run(&["--cluster", "gamma", "get", "pods"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "cluster `gamma` is not registered",
        ));
}

#[test]
fn exec_lifecycle_with_an_agent() {
    let m = TestMaster::start();
    let token = m.cluster("alpha");
    m.cluster("idle");
    let seen = m.fake_agent(&token, |cmd| match &cmd.action {
        Action::Logs { .. } => (
            Outcome::Succeeded,
            Some(CommandOutput::Text("line 1\nline 2\n".into())),
            None,
        ),
        Action::DeletePod { name, .. } if name == "ghost" => (
            Outcome::Failed,
            None,
            Some("pods \"ghost\" not found".into()),
        ),
        _ => (Outcome::Succeeded, None, None),
    });
    let cfg = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut c = atl(cfg.path());
        c.args([
            "--master",
            &m.url,
            "--token",
            &m.admin_token,
            "--timeout",
            "20s",
        ])
        .args(args);
        c
    };
    run(&[
        "--cluster",
        "alpha",
        "-n",
        "shop",
        "exec",
        "scale",
        "deploy",
        "web",
        "--replicas",
        "3",
    ])
    .assert()
    .success()
    .stderr(predicate::str::contains("ok (command"));
    run(&[
        "--cluster",
        "alpha",
        "-n",
        "shop",
        "logs",
        "web-0",
        "--tail",
        "2",
    ])
    .assert()
    .success()
    .stdout("line 1\nline 2\n");
    run(&[
        "--cluster",
        "alpha",
        "-n",
        "shop",
        "exec",
        "delete",
        "pod",
        "ghost",
    ])
    .assert()
    .code(5)
    .stderr(predicate::str::contains(
        "remote operation failed: pods \"ghost\" not found",
    ));
    // The passthrough reaches the agent as the same typed action.
    run(&[
        "--cluster",
        "alpha",
        "exec",
        "kubectl",
        "--",
        "scale",
        "statefulset/db",
        "--replicas=0",
        "-n",
        "data",
    ])
    .assert()
    .success();
    let actions: Vec<Action> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|c| c.action.clone())
        .collect();
    assert_eq!(
        actions[0],
        Action::Scale {
            kind: ScaleKind::Deployment,
            namespace: "shop".into(),
            name: "web".into(),
            replicas: 3
        }
    );
    assert!(matches!(&actions[1], Action::Logs { pod, tail_lines: Some(2), .. } if pod == "web-0"));
    assert_eq!(
        actions[3],
        Action::Scale {
            kind: ScaleKind::StatefulSet,
            namespace: "data".into(),
            name: "db".into(),
            replicas: 0
        }
    );
    assert!(seen.lock().unwrap().iter().all(|c| c.cluster_id == "alpha"));

    // --no-wait prints the id at once; a cluster with no agent never answers: condition not met.
    let id = run(&["--cluster", "idle", "exec", "cordon", "node-1", "--no-wait"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(id).unwrap().trim().is_empty());
    let mut slow = atl(cfg.path());
    slow.args([
        "--master",
        &m.url,
        "--token",
        &m.admin_token,
        "--timeout",
        "1s",
        "--cluster",
        "idle",
        "exec",
        "uncordon",
        "node-1",
    ]);
    slow.assert()
        .code(4)
        .stderr(predicate::str::contains("still pending"));

    // A viewer may not run operations: permission denied, nothing reaches the agent.
    let pw = m.user("vic", "viewer");
    let vcfg = tempfile::tempdir().unwrap();
    atl(vcfg.path())
        .args(["login", &m.url, "-u", "vic", "--password-stdin"])
        .write_stdin(pw)
        .assert()
        .success();
    let before = seen.lock().unwrap().len();
    atl(vcfg.path())
        .args(["--cluster", "alpha", "exec", "restart", "deploy", "web"])
        .assert()
        .code(77)
        .stderr(predicate::str::contains("permission denied"));
    assert_eq!(seen.lock().unwrap().len(), before);
}

#[test]
fn clusters_watch_streams_ndjson_and_fails_when_the_master_goes_away() {
    use std::io::{BufRead, BufReader};
    let mut m = TestMaster::start();
    let token = m.cluster("alpha");
    let cfg = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("atl"))
        .args([
            "--master",
            &m.url,
            "--token",
            &m.admin_token,
            "--timeout",
            "2s",
            "clusters",
            "--watch",
        ])
        .env("ATL_CONFIG_DIR", cfg.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Lines arrive through a channel so that a missing line fails the test instead of hanging it.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let next = || -> Value {
        let line = rx.recv_timeout(std::time::Duration::from_secs(20));
        serde_json::from_str(&line.unwrap_or_else(|e| panic!("no watch event: {e}"))).unwrap()
    };
    let first = next();
    assert_eq!(
        (first["type"].as_str(), first["object"]["cluster"].as_str()),
        (Some("ADDED"), Some("alpha"))
    );
    assert_eq!(first["object"]["status"], "offline");
    m.push(&token, &snapshot("alpha", vec![]));
    let second = next();
    assert_eq!(
        (second["type"].as_str(), second["object"]["status"].as_str()),
        (Some("MODIFIED"), Some("online"))
    );
    // The master dies (its runtime stops, sockets close): the watch retries for --timeout, then
    // exits with the unreachable code instead of 0. (A graceful shutdown would wait for the open
    // SSE stream.)
    let rt = std::mem::replace(
        &mut m.rt,
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap(),
    );
    m.killed = true;
    std::mem::forget(m.master.take());
    rt.shutdown_background();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("atl clusters --watch did not exit after the master went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(69));
}

/// The interactive login in a real terminal (tmux): user name echoed, password not.
#[test]
fn login_prompts_on_a_tty_without_echoing_the_password() {
    let cfg = tempfile::tempdir().unwrap();
    let Some(tmux) = Tmux::new(cfg.path()) else {
        return;
    };
    let m = TestMaster::start();
    let pw = m.user("tina", "operator");
    let rc_file = cfg.path().join("rc");
    let script = format!(
        "ATL_CONFIG_DIR='{}' '{}' login '{}' --name tty; echo $? > '{}'; sleep 5",
        cfg.path().display(),
        assert_cmd::cargo::cargo_bin("atl").display(),
        m.url,
        rc_file.display()
    );
    tmux.session("login", 100, 10, &script);
    let wait_for = |needle: &str| {
        for _ in 0..200 {
            let screen = tmux.screen("login");
            if screen.contains(needle) {
                return screen;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("`{needle}` never appeared on the terminal");
    };
    wait_for("Username:");
    tmux.run(&["send-keys", "-t", "login", "tina", "Enter"]);
    wait_for("Password:");
    tmux.run(&["send-keys", "-t", "login", "-l", &pw]);
    tmux.run(&["send-keys", "-t", "login", "Enter"]);
    let screen = wait_for("Logged in");
    // The message is printed before the process exits and the shell writes its exit code.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let rc = loop {
        match std::fs::read_to_string(&rc_file) {
            Ok(s) if s.ends_with('\n') => break s,
            _ if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => panic!("no exit code from atl login: {other:?}"),
        }
    };
    drop(tmux);
    assert!(screen.contains("tina") && !screen.contains(&pw), "{screen}");
    assert_eq!(rc.trim(), "0");
    atl(cfg.path())
        .args(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("user tina, role operator"));
}

/// `atl clusters create|delete`: the printed agent token is the one the master accepts from the
/// agent; a viewer may not register clusters; deleting an unknown cluster is "not found".
#[test]
fn clusters_create_and_delete() {
    let m = TestMaster::start();
    let admin = tempfile::tempdir().unwrap();
    let as_admin = |args: &[&str]| {
        let mut c = atl(admin.path());
        c.args(["--master", &m.url, "--token", &m.admin_token])
            .args(args);
        c
    };
    let out = as_admin(&["clusters", "create", "edge-1", "--description", "lab rack"])
        .assert()
        .success()
        .stderr(predicate::str::contains("shown only once"))
        .get_output()
        .stdout
        .clone();
    let token = String::from_utf8(out).unwrap().trim().to_string();
    assert!(!token.is_empty() && !token.contains(char::is_whitespace));
    // The token works on the agent API.
    m.push(&token, &snapshot("edge-1", vec![]));
    let listed = as_admin(&["clusters", "-o", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&listed).unwrap();
    let edge = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "edge-1")
        .unwrap();
    assert_eq!(edge["description"], "lab rack");
    assert_eq!(edge["status"], "online");
    // Taken ids are refused.
    as_admin(&["clusters", "create", "edge-1"])
        .assert()
        .failure();

    let pw = m.user("val", "viewer");
    let viewer = tempfile::tempdir().unwrap();
    atl(viewer.path())
        .args(["login", &m.url, "-u", "val", "--password-stdin"])
        .write_stdin(pw)
        .assert()
        .success();
    atl(viewer.path())
        .args(["clusters", "create", "sneaky"])
        .assert()
        .code(77);

    as_admin(&["clusters", "delete", "edge-1"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Deleted cluster edge-1"));
    as_admin(&["clusters", "-o", "name"])
        .assert()
        .success()
        .stdout(predicate::str::contains("edge-1").not());
    as_admin(&["clusters", "delete", "edge-1"]).assert().code(3);
}
