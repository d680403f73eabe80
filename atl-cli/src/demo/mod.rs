//! `atl demo`: a master, a simulated cluster and an agent in one process, then `atl top` on it.
//!
//! The stack runs on its own multi-threaded runtime in a background thread, so the dashboard's
//! event loop never competes with the simulator, the agent or the master for a thread.

mod telemetry;

pub use telemetry::SimTelemetry;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, anyhow};
use atl_agent::{Agent, AgentConfig, AgentHandle, KubeSource};
use atl_master::{Config, Master, RunningMaster};
use atl_sim::{Scenario, SimCluster, SimServer, SimServerHandle};

/// What `atl demo` starts.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Built-in scenario name or a scenario file.
    pub scenario: String,
    /// Simulated seconds per real second.
    pub speed: f64,
    /// Cluster id the agent reports.
    pub cluster: String,
    /// Snapshot interval of the agent (real time).
    pub interval: Duration,
    /// Keep the master's data (and the simulator's kubeconfig) here instead of a temporary
    /// directory.
    pub data_dir: Option<PathBuf>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            scenario: "demo".into(),
            speed: 1.0,
            cluster: "demo".into(),
            interval: Duration::from_secs(5),
            data_dir: None,
        }
    }
}

/// A running demo stack.
pub struct DemoStack {
    /// User API, e.g. `http://127.0.0.1:PORT`.
    pub master_url: String,
    /// Admin API token for `atl --master … --token …`.
    pub token: String,
    /// The simulator's Kubernetes API.
    pub kube_url: String,
    /// kubeconfig for the simulator (use it with the real kubectl).
    pub kubeconfig: PathBuf,
    pub cluster: SimCluster,
    master: Option<RunningMaster>,
    agent: Option<AgentHandle>,
    sim: Option<SimServerHandle>,
    clock: tokio::task::JoinHandle<()>,
    _tmp: Option<tempfile::TempDir>,
}

impl DemoStack {
    /// Starts simulator, master and agent, and registers the cluster with the master.
    pub async fn start(opts: &DemoOptions) -> anyhow::Result<DemoStack> {
        crate::client::install_crypto();
        let scenario = Scenario::load(&opts.scenario)
            .map_err(|e| anyhow!("cannot load scenario {:?}: {e}", opts.scenario))?;
        if !(opts.speed.is_finite() && opts.speed > 0.0) {
            return Err(anyhow!(
                "--speed must be a positive number, got {}",
                opts.speed
            ));
        }
        let tmp = tempfile::Builder::new()
            .prefix("atl-demo-")
            .tempdir()
            .context("cannot create a temporary directory")?;
        let data_dir = opts
            .data_dir
            .clone()
            .unwrap_or_else(|| tmp.path().join("master"));
        std::fs::create_dir_all(&data_dir)
            .with_context(|| format!("cannot create the data directory {}", data_dir.display()))?;

        let cluster = SimCluster::from_scenario(&scenario)
            .map_err(|e| anyhow!("cannot build the simulated cluster: {e}"))?;
        let clock = cluster.spawn_clock(opts.speed);
        let loopback: SocketAddr = ([127, 0, 0, 1], 0).into();
        let (_, sim) = SimServer::start(cluster.clone(), loopback)
            .await
            .map_err(|e| anyhow!("cannot start the simulated Kubernetes API: {e}"))?;
        // With --data-dir the kubeconfig lands beside the master's data, where scripts (and the
        // real kubectl) can find it; otherwise it goes away with the stack.
        let kubeconfig = opts
            .data_dir
            .as_deref()
            .unwrap_or(tmp.path())
            .join("kubeconfig");
        sim.write_kubeconfig(&kubeconfig)
            .map_err(|e| anyhow!("cannot write the kubeconfig: {e}"))?;

        let mut config = Config::for_test(&data_dir);
        config.log_level = "error".into();
        let master = Master::start(config)
            .await
            .context("cannot start the master")?;
        let token = master
            .dev_credentials
            .as_ref()
            .map(|d| d.admin_token.clone())
            .ok_or_else(|| anyhow!("the master started without dev credentials"))?;
        let master_url = format!("http://{}", master.gateway_addr);
        let agent_token = register_cluster(&master_url, &token, &opts.cluster).await?;

        let mut agent_cfg = AgentConfig::new(
            &opts.cluster,
            &format!("http://{}", master.agent_addr),
            &agent_token,
            KubeSource::Config {
                kubeconfig: Some(kubeconfig.clone()),
                context: None,
            },
        );
        agent_cfg.interval = opts.interval;
        agent_cfg.poll_wait = Duration::from_secs(2);
        agent_cfg.telemetry = Some(Arc::new(SimTelemetry::new(cluster.clone())));
        // The engine's durations follow the simulated clock, so --speed also speeds up detection.
        let sim_clock = cluster.clone();
        agent_cfg.clock = Some(Arc::new(move || {
            chrono::DateTime::from_timestamp_millis(sim_clock.now().as_millisecond())
                .unwrap_or_else(chrono::Utc::now)
        }));
        let agent = Agent::start(agent_cfg)
            .await
            .map_err(|e| anyhow!("cannot start the agent: {e}"))?;

        Ok(DemoStack {
            master_url,
            token,
            kube_url: sim.url(),
            kubeconfig,
            cluster,
            master: Some(master),
            agent: Some(agent),
            sim: Some(sim),
            clock,
            _tmp: Some(tmp),
        })
    }

    /// Stops agent, master and simulator.
    pub async fn stop(mut self) {
        if let Some(a) = self.agent.take() {
            a.shutdown();
        }
        if let Some(m) = self.master.take() {
            m.shutdown().await;
        }
        if let Some(s) = self.sim.take() {
            s.stop();
        }
        self.clock.abort();
    }
}

/// Creates the cluster on the master and returns its agent token.
async fn register_cluster(master_url: &str, token: &str, cluster: &str) -> anyhow::Result<String> {
    let client =
        crate::client::Client::new(master_url, Some(token.to_string()), Duration::from_secs(10))
            .map_err(|e| anyhow!("{e}"))?;
    let body = serde_json::json!({ "id": cluster, "description": "atl demo (simulated)" });
    let out: serde_json::Value = client
        .post("/api/v1/clusters", &body)
        .await
        .map_err(|e| anyhow!("cannot register cluster {cluster:?} with the master: {e}"))?;
    out.get("agent_token")
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .ok_or_else(|| anyhow!("the master did not return an agent token for {cluster:?}"))
}
