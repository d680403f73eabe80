//! Outages on loopback (issue #4): the real `atl-agent` binary watches atl-sim, reads telemetry
//! from chdb behind `tools/chdb_front`, and pushes to a real master (`Master::start`, in this
//! process so the test can read what it received from its hub). ClickHouse is stopped for 30 s and,
//! overlapping, the master for 30 s; both come back on the same port with the same data.
//!
//! Timeline (seconds): 0 ClickHouse killed · 5 master stopped, a ConfigMap created in the
//! simulator · 30 ClickHouse restarted · 35 master restarted.
//! Checked: the agent process stays alive; while ClickHouse is away snapshots still arrive with
//! every resource and the telemetry sources marked failed; its stderr names both outages and says
//! it retries; after the master's return the ConfigMap made during the outage arrives within one
//! interval plus the backoff cap (+ slack for a loaded machine), with telemetry resumed; its RSS
//! stays within 1.5× the pre-outage value plus slack.
//!
//! The master runs in-process because `CARGO_BIN_EXE_*` only names this package's binaries; its
//! listeners and SQLite database are closed on shutdown and reopened on the same ports and files,
//! which is what the agent sees of a restarted master process. Without the chdb venv
//! (`tools/chdb_front/setup.sh`, or `ATL_CHDB_VENV`) the master outage still runs and the
//! ClickHouse part is skipped with a message.
#![allow(clippy::unwrap_used)]

use atl_core::ClusterSnapshot;
use atl_master::{Config, Master};
use atl_sim::{Scenario, SimCluster, SimServer, kubeconfig};
use k8s_openapi::api::core::v1 as core;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod support;
use support::chdb::{self, Front, FrontOptions};

const CLUSTER: &str = "outage";
/// The agent's `--interval`; its push backoff is capped at the same value.
const INTERVAL: Duration = Duration::from_secs(1);
const OUTAGE: Duration = Duration::from_secs(30);
/// Allowance for a busy 2-core CI machine on top of interval + backoff cap.
const SLACK: Duration = Duration::from_secs(3);

fn master_config(data: &Path, gateway: SocketAddr, agent: SocketAddr) -> Config {
    let mut c = Config::for_test(data);
    c.gateway_addr = gateway;
    c.agent_addr = agent;
    c
}

fn vm_rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// The agent process with its stderr collected line by line.
struct AgentProc {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
}

impl AgentProc {
    fn start(master: SocketAddr, token: &str, kubeconfig: &Path, clickhouse: Option<u16>) -> Self {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_atl-agent"));
        cmd.args(["--cluster-id", CLUSTER, "--master"])
            .arg(format!("http://{master}"))
            .args(["--interval", &INTERVAL.as_secs().to_string()])
            .arg("--kubeconfig")
            .arg(kubeconfig)
            .env("ATL_AGENT_TOKEN", token)
            .env("ATL_LOG", "info")
            .env_remove("ATL_CLICKHOUSE_URL")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(port) = clickhouse {
            cmd.arg("--clickhouse-url")
                .arg(format!("http://127.0.0.1:{port}"));
        }
        let mut child = cmd.spawn().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stderr, sink) = (child.stderr.take().unwrap(), log.clone());
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push(line);
            }
        });
        AgentProc { child, log }
    }

    fn assert_alive(&mut self, when: &str) {
        assert!(
            self.child.try_wait().unwrap().is_none(),
            "the agent exited {when}; its log:\n{}",
            self.log.lock().unwrap().join("\n")
        );
    }

    fn log_since(&self, from: usize) -> Vec<String> {
        self.log.lock().unwrap()[from..].to_vec()
    }

    fn log_len(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

impl Drop for AgentProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls the master's hub until `ok` accepts its latest snapshot of the cluster.
async fn snapshot_where(
    hub: &atl_master::hub::Hub,
    what: &str,
    within: Duration,
    agent: &mut AgentProc,
    ok: impl Fn(&ClusterSnapshot) -> bool,
) -> (Arc<ClusterSnapshot>, Duration) {
    let t0 = Instant::now();
    loop {
        if let Some(s) = hub.snapshot(CLUSTER)
            && ok(&s)
        {
            return (s, t0.elapsed());
        }
        agent.assert_alive(&format!("while waiting for {what}"));
        assert!(
            t0.elapsed() < within,
            "no snapshot with {what} within {within:?}; agent log:\n{}",
            agent.log_since(0).join("\n")
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn telemetry_ok(s: &ClusterSnapshot) -> bool {
    s.telemetry
        .as_ref()
        .is_some_and(|t| !t.sources.is_empty() && t.sources.iter().all(|p| p.ok))
}

fn telemetry_down(s: &ClusterSnapshot) -> bool {
    s.telemetry
        .as_ref()
        .is_some_and(|t| !t.sources.is_empty() && t.sources.iter().all(|p| !p.ok))
}

fn has_config_map(s: &ClusterSnapshot, name: &str) -> bool {
    s.resources.config_maps.iter().any(|c| c.meta.name == name)
}

/// Sleeps until `until`, sampling the agent's RSS (max kept) and checking it stays alive.
async fn ride_out(agent: &mut AgentProc, until: Instant, max_rss: &mut u64) {
    while Instant::now() < until {
        agent.assert_alive("during the outage");
        *max_rss = (*max_rss).max(vm_rss_kib(agent.child.id()));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_rides_out_master_and_clickhouse_outages() {
    atl_agent::master::install_crypto_provider();
    let dir = tempfile::tempdir().unwrap();
    let mut scenario = Scenario::builtin("steady").unwrap();
    scenario.start_time = Some("2026-03-01T12:00:00Z".into());
    let sim = SimCluster::from_scenario(&scenario).unwrap();
    let (sim_addr, _sim_server) = SimServer::start(sim.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let kc = dir.path().join("kubeconfig");
    kubeconfig::write(&kc, &format!("http://{sim_addr}")).unwrap();
    let sim_pods = sim.list::<core::Pod>(None).len();

    let python = chdb::python();
    if python.is_none() {
        eprintln!("ClickHouse outage {}", chdb::SKIPPED);
    }
    let ch_data = dir.path().join("chdb");
    // The exporter tables in `otel`, kept in a directory so the restarted front serves them.
    let front_on = |python: &Path, port| {
        let opts = FrontOptions {
            port,
            init_schema: true,
            database: Some("otel"),
            data_dir: Some(&ch_data),
        };
        Front::start(python, opts)
    };
    let mut front = python.as_deref().map(|p| front_on(p, 0));
    let ch_port = front.as_ref().map(|f| f.port);

    let master_data = dir.path().join("master");
    let local: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let master = Master::start(master_config(&master_data, local, local))
        .await
        .unwrap();
    let (gateway, agent_addr) = (master.gateway_addr, master.agent_addr);
    let admin = master.dev_credentials.as_ref().unwrap().admin_token.clone();
    let created: serde_json::Value = reqwest::Client::new()
        .post(format!("http://{gateway}/api/v1/clusters"))
        .bearer_auth(&admin)
        .json(&serde_json::json!({ "id": CLUSTER }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = created["agent_token"].as_str().unwrap().to_string();

    let mut agent = AgentProc::start(agent_addr, &token, &kc, ch_port);
    let expect_telemetry = ch_port.is_some();
    snapshot_where(
        &master.state.hub,
        "every pod (and telemetry when ClickHouse runs)",
        Duration::from_secs(60),
        &mut agent,
        |s| s.resources.pods.len() == sim_pods && (!expect_telemetry || telemetry_ok(s)),
    )
    .await;
    // A few intervals of steady state before the baseline memory reading.
    tokio::time::sleep(3 * INTERVAL).await;
    let baseline_rss = vm_rss_kib(agent.child.id());
    assert!(baseline_rss > 0);
    let mut max_rss = baseline_rss;

    // t=0: ClickHouse goes away; snapshots keep coming with the sources marked failed.
    let t0 = Instant::now();
    let log_mark = agent.log_len();
    if let Some(f) = front.take() {
        drop(f); // stops ClickHouse
        let killed_at = chrono::Utc::now();
        let (s, _) = snapshot_where(
            &master.state.hub,
            "telemetry marked unavailable",
            INTERVAL * 2 + SLACK,
            &mut agent,
            |s| s.taken_at > killed_at && telemetry_down(s),
        )
        .await;
        assert_eq!(s.resources.pods.len(), sim_pods, "resources still complete");
        let t = s.telemetry.as_ref().unwrap();
        assert!(
            t.sources.iter().all(|p| p.error.is_some()),
            "each failed source says why: {:?}",
            t.sources
        );
    }

    // t=5: the master stops; a change happens in the cluster meanwhile.
    ride_out(&mut agent, t0 + Duration::from_secs(5), &mut max_rss).await;
    master.shutdown().await;
    let master_down = Instant::now();
    let made_during_outage = "made-during-outage";
    sim.write(|s| {
        s.create(core::ConfigMap {
            metadata: kube::api::ObjectMeta {
                name: Some(made_during_outage.into()),
                namespace: Some("default".into()),
                ..Default::default()
            },
            ..Default::default()
        })
    })
    .unwrap();

    // t=30: ClickHouse returns on the same port with the same data.
    ride_out(&mut agent, t0 + OUTAGE, &mut max_rss).await;
    if let (Some(python), Some(port)) = (python.as_deref(), ch_port) {
        front = Some(front_on(python, port));
    }

    // t=35: the master returns on the same ports with the same database.
    ride_out(&mut agent, master_down + OUTAGE, &mut max_rss).await;
    let master = Master::start(master_config(&master_data, gateway, agent_addr))
        .await
        .unwrap();
    let (s, took) = snapshot_where(
        &master.state.hub,
        "the ConfigMap made during the outage",
        INTERVAL * 2 + SLACK,
        &mut agent,
        |s| has_config_map(s, made_during_outage),
    )
    .await;
    eprintln!("first snapshot {took:?} after the master's return");
    assert_eq!(s.resources.pods.len(), sim_pods);
    if expect_telemetry {
        snapshot_where(
            &master.state.hub,
            "telemetry resumed",
            INTERVAL * 2 + SLACK,
            &mut agent,
            telemetry_ok,
        )
        .await;
    }
    agent.assert_alive("after the outages");

    let log = agent.log_since(log_mark).join("\n");
    eprintln!("agent log from the first outage on:\n{log}");
    assert!(
        log.contains("master unreachable") && log.contains("retrying"),
        "the log says the master is unreachable and that the agent retries:\n{log}"
    );
    assert!(
        log.contains("master reachable again"),
        "the log says when the master is back:\n{log}"
    );
    if expect_telemetry {
        assert!(
            log.contains("ClickHouse unreachable") && log.contains("ClickHouse reachable again"),
            "the log names the ClickHouse outage and its end:\n{log}"
        );
        assert_eq!(
            log.matches("ClickHouse unreachable").count(),
            1,
            "one warning per outage, not one per snapshot:\n{log}"
        );
    }
    assert!(
        !log.contains("ERROR"),
        "outages are warnings, not errors:\n{log}"
    );

    let slack_kib = 8 * 1024;
    assert!(
        max_rss <= baseline_rss * 3 / 2 + slack_kib,
        "agent RSS grew from {baseline_rss} KiB to {max_rss} KiB during the outages"
    );
    eprintln!("agent RSS: {baseline_rss} KiB before, at most {max_rss} KiB during the outages");

    drop(agent);
    if let Some(f) = front {
        drop(f);
    }
    master.shutdown().await;
}
