//! `Agent::start`: the whole agent as a library (used by `main`, `atl demo` and tests).

use crate::collect::{CollectOptions, Collector, Stores};
use crate::commands::{self, Executor};
use crate::convert::{ConvertOptions, DEFAULT_SIDECARS};
use crate::master::{MasterClient, MasterError};
use crate::push::{self, PushStats};
use crate::snapshot::SnapshotBuilder;
use crate::source::TelemetrySource;
use atl_core::ClusterSnapshot;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// Where the Kubernetes client comes from.
#[derive(Clone)]
pub enum KubeSource {
    /// kubeconfig file and/or context; both `None` = in-cluster config when in a pod, else the
    /// default kubeconfig (`KUBECONFIG`, `~/.kube/config`).
    Config {
        kubeconfig: Option<PathBuf>,
        context: Option<String>,
    },
    /// A ready client (tests, `atl demo`).
    Client(kube::Client),
}

/// Agent settings.
#[derive(Clone)]
pub struct AgentConfig {
    pub cluster_id: String,
    /// Base URL of the master's agent API, e.g. `http://master:8081`.
    pub master_url: String,
    /// The cluster's agent token.
    pub token: String,
    pub kube: KubeSource,
    /// Snapshot interval.
    pub interval: Duration,
    /// Restrict collection (and nothing else) to these namespaces; empty = cluster-wide.
    pub namespaces: Vec<String>,
    /// Keep literal env values in snapshots and command output.
    pub include_env_values: bool,
    /// Container names treated as mesh sidecars.
    pub sidecars: Vec<String>,
    /// The telemetry part, when a source is configured.
    pub telemetry: Option<Arc<dyn TelemetrySource>>,
    /// Execute commands from the master.
    pub commands: bool,
    /// How long each command long-poll asks the master to hold.
    pub poll_wait: Duration,
    /// Server-side watch timeout (shorter in tests so watches cycle quickly).
    pub watch_timeout_secs: Option<u32>,
    /// Clock for `taken_at`; the wall clock when `None` (see `SnapshotBuilder::clock`).
    pub clock: Option<crate::snapshot::Clock>,
}

impl AgentConfig {
    /// Defaults for everything but identity and endpoints.
    pub fn new(cluster_id: &str, master_url: &str, token: &str, kube: KubeSource) -> Self {
        AgentConfig {
            cluster_id: cluster_id.to_string(),
            master_url: master_url.to_string(),
            token: token.to_string(),
            kube,
            interval: Duration::from_secs(10),
            namespaces: Vec::new(),
            include_env_values: false,
            sidecars: DEFAULT_SIDECARS.iter().map(|s| s.to_string()).collect(),
            telemetry: None,
            commands: true,
            poll_wait: Duration::from_secs(30),
            watch_timeout_secs: None,
            clock: None,
        }
    }
}

/// The agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error(
        "cannot load the Kubernetes configuration: {0}; pass --kubeconfig/--context, or run in a pod with a service account"
    )]
    KubeConfig(String),
    #[error("cannot create the Kubernetes client: {0}")]
    KubeClient(String),
    #[error("cluster id {0:?} is invalid: use 1-63 characters of a-z, 0-9, '-', '_' or '.'")]
    ClusterId(String),
    #[error("the agent token is empty: pass --token or set ATL_AGENT_TOKEN")]
    NoToken,
    #[error(transparent)]
    Master(#[from] MasterError),
}

/// Builds a Kubernetes client from a [`KubeSource`].
pub async fn kube_client(src: &KubeSource) -> Result<kube::Client, AgentError> {
    use kube::config::{KubeConfigOptions, Kubeconfig};
    let cfg = match src {
        KubeSource::Client(c) => return Ok(c.clone()),
        KubeSource::Config {
            kubeconfig: None,
            context: None,
        } => kube::Config::infer()
            .await
            .map_err(|e| AgentError::KubeConfig(e.to_string()))?,
        KubeSource::Config {
            kubeconfig,
            context,
        } => {
            let opts = KubeConfigOptions {
                context: context.clone(),
                ..Default::default()
            };
            match kubeconfig {
                Some(path) => {
                    let kc = Kubeconfig::read_from(path)
                        .map_err(|e| AgentError::KubeConfig(format!("{}: {e}", path.display())))?;
                    kube::Config::from_custom_kubeconfig(kc, &opts).await
                }
                None => kube::Config::from_kubeconfig(&opts).await,
            }
            .map_err(|e| AgentError::KubeConfig(e.to_string()))?
        }
    };
    kube::Client::try_from(cfg).map_err(|e| AgentError::KubeClient(e.to_string()))
}

/// A running agent. Dropping it (or [`AgentHandle::shutdown`]) stops every loop.
pub struct AgentHandle {
    collector: Collector,
    builder: SnapshotBuilder,
    stats: Arc<PushStats>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for AgentHandle {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

impl AgentHandle {
    /// Builds a snapshot now from the current stores (what the next push would send).
    pub async fn snapshot(&self) -> ClusterSnapshot {
        self.builder.build().await
    }

    pub fn stores(&self) -> &Arc<Stores> {
        self.collector.stores()
    }

    pub fn stats(&self) -> &Arc<PushStats> {
        &self.stats
    }

    /// Waits until every kind finished its first list or failed.
    pub async fn wait_settled(&self, timeout: Duration) -> bool {
        self.collector.wait_settled(timeout).await
    }

    pub fn shutdown(self) {
        drop(self);
    }
}

/// The agent entry point.
pub struct Agent;

impl Agent {
    /// Starts collection, the push and heartbeat loops and (if enabled) the command loop.
    /// Must be called inside a tokio runtime. Connection problems after start never stop it.
    pub async fn start(cfg: AgentConfig) -> Result<AgentHandle, AgentError> {
        if !atl_core::snapshot::valid_cluster_id(&cfg.cluster_id) {
            return Err(AgentError::ClusterId(cfg.cluster_id));
        }
        if cfg.token.trim().is_empty() {
            return Err(AgentError::NoToken);
        }
        let master = MasterClient::new(&cfg.master_url, &cfg.token, &cfg.cluster_id)?;
        let client = kube_client(&cfg.kube).await?;
        let kubernetes_version = match client.apiserver_version().await {
            Ok(v) => Some(v.git_version),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the Kubernetes version; continuing");
                None
            }
        };
        let convert = ConvertOptions {
            include_env_values: cfg.include_env_values,
            sidecars: cfg.sidecars.clone(),
        };
        let collector = Collector::start(
            client.clone(),
            CollectOptions {
                namespaces: cfg.namespaces.clone(),
                convert,
                metrics_every: cfg.interval,
                watch_timeout_secs: cfg.watch_timeout_secs,
            },
        );
        let mut capabilities = vec!["watch".to_string()];
        if cfg.commands {
            capabilities.extend(["ops".to_string(), "logs".to_string()]);
        }
        let builder = SnapshotBuilder {
            cluster_id: cfg.cluster_id.clone(),
            stores: collector.stores().clone(),
            telemetry: cfg.telemetry.clone(),
            namespaces: cfg.namespaces.clone(),
            kubernetes_version,
            capabilities,
            clock: cfg.clock.clone(),
        };
        let stats = Arc::new(PushStats::default());
        let mut tasks = Vec::new();
        // The first snapshot waits (bounded) for the initial lists, so the master does not see
        // an empty cluster right after the agent starts.
        let first = {
            let (b, m, s, i) = (builder.clone(), master.clone(), stats.clone(), cfg.interval);
            let stores = collector.stores().clone();
            async move {
                let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
                while !Collector::stores_settled(&stores) && tokio::time::Instant::now() < deadline
                {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                push::run_snapshots(m, b, i, s).await;
            }
        };
        tasks.push(tokio::spawn(first));
        tasks.push(tokio::spawn(push::run_heartbeats(
            master.clone(),
            cfg.interval,
            stats.clone(),
        )));
        if cfg.commands {
            tasks.push(tokio::spawn(commands::run(
                master,
                Executor::new(client, cfg.include_env_values),
                cfg.cluster_id.clone(),
                cfg.poll_wait,
            )));
        }
        tracing::info!(cluster = %cfg.cluster_id, master = %cfg.master_url, "agent started");
        Ok(AgentHandle {
            collector,
            builder,
            stats,
            tasks,
        })
    }
}
