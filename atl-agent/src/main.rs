//! `atl-agent`: the cluster agent binary.
#![forbid(unsafe_code)]

use anyhow::{Context, Result};
use atl_agent::source::TelemetrySource;
use atl_agent::telemetry::{ClickHouseConfig, ClickHouseTelemetry};
use atl_agent::{Agent, AgentConfig, KubeSource, check};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// atl cluster agent: watches Kubernetes, pushes snapshots to the atl master, runs its commands.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    #[command(flatten)]
    kube: KubeArgs,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print which kinds and verbs this identity may use (SelfSubjectAccessReview); exit 1 when
    /// an essential one (list/watch pods) is denied.
    Check,
}

#[derive(Args)]
struct KubeArgs {
    /// kubeconfig file (default: in-cluster config in a pod, else KUBECONFIG / ~/.kube/config).
    #[arg(long, global = true)]
    kubeconfig: Option<PathBuf>,
    /// kubeconfig context.
    #[arg(long, global = true)]
    context: Option<String>,
    /// Restrict collection to these namespaces (comma-separated), for identities without
    /// cluster-wide rights.
    #[arg(long, value_delimiter = ',', global = true)]
    namespaces: Vec<String>,
}

#[derive(Args)]
struct RunArgs {
    /// This cluster's id, as registered on the master.
    #[arg(long, env = "ATL_CLUSTER_ID")]
    cluster_id: Option<String>,
    /// Master agent API base URL, e.g. http://atl-master:8081.
    #[arg(long, env = "ATL_MASTER")]
    master: Option<String>,
    /// The cluster's agent token (prefer the environment variable: flags show in `ps`).
    #[arg(long, env = "ATL_AGENT_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// ClickHouse HTTP URL holding the OpenTelemetry tables (telemetry part of snapshots).
    #[arg(long, env = "ATL_CLICKHOUSE_URL")]
    clickhouse_url: Option<String>,
    /// ClickHouse database of the OpenTelemetry tables.
    #[arg(long, env = "ATL_CLICKHOUSE_DATABASE", default_value = "otel")]
    clickhouse_database: String,
    /// ClickHouse user.
    #[arg(long, env = "ATL_CLICKHOUSE_USER")]
    clickhouse_user: Option<String>,
    /// ClickHouse password (environment only, so it never shows in `ps`).
    #[arg(skip = std::env::var("ATL_CLICKHOUSE_PASSWORD").ok())]
    clickhouse_password: Option<String>,
    /// Snapshot interval, in seconds.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    interval: u64,
    /// Keep literal container env values in snapshots and command output (off: they may hold
    /// credentials).
    #[arg(long)]
    include_env_values: bool,
    /// Container names treated as mesh sidecars (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "linkerd-proxy,linkerd-init,istio-proxy,istio-init"
    )]
    sidecars: Vec<String>,
    /// Do not execute commands from the master (read-only agent).
    #[arg(long)]
    no_commands: bool,
}

fn kube_source(k: &KubeArgs) -> KubeSource {
    KubeSource::Config {
        kubeconfig: k.kubeconfig.clone(),
        context: k.context.clone(),
    }
}

/// The telemetry source for `--clickhouse-url`: the OpenTelemetry exporter tables in ClickHouse.
fn telemetry_source(r: &RunArgs) -> Result<Option<Arc<dyn TelemetrySource>>> {
    let Some(url) = r.clickhouse_url.as_deref() else {
        return Ok(None);
    };
    let mut cfg = ClickHouseConfig::new(url);
    cfg.database = r.clickhouse_database.clone();
    cfg.user = r.clickhouse_user.clone();
    cfg.password = r.clickhouse_password.clone();
    let reader =
        ClickHouseTelemetry::new(cfg).context("--clickhouse-url / --clickhouse-database")?;
    Ok(Some(Arc::new(reader)))
}

async fn run_check(k: &KubeArgs) -> Result<bool> {
    let client = atl_agent::agent::kube_client(&kube_source(k)).await?;
    let results = check::check(&client, check::needs(&k.namespaces))
        .await
        .context(
            "SelfSubjectAccessReview failed; is the API server reachable and the kubeconfig valid?",
        )?;
    print!("{}", check::render(&results));
    let ok = check::essentials_ok(&results);
    if !ok {
        eprintln!(
            "essential permissions are missing: grant list and watch on pods (see docs/agent.md)"
        );
    }
    Ok(ok)
}

async fn run_agent(cli: Cli) -> Result<()> {
    let r = cli.run;
    let telemetry = telemetry_source(&r)?;
    let cluster_id = r
        .cluster_id
        .context("--cluster-id is required (or ATL_CLUSTER_ID)")?;
    let master = r
        .master
        .context("--master is required (or ATL_MASTER), e.g. http://atl-master:8081")?;
    let token = r
        .token
        .context("the agent token is required: set ATL_AGENT_TOKEN (or --token)")?;
    let mut cfg = AgentConfig::new(&cluster_id, &master, &token, kube_source(&cli.kube));
    cfg.interval = Duration::from_secs(r.interval);
    cfg.namespaces = cli.kube.namespaces.clone();
    cfg.include_env_values = r.include_env_values;
    cfg.sidecars = r.sidecars;
    cfg.commands = !r.no_commands;
    cfg.telemetry = telemetry;
    let agent = Agent::start(cfg)
        .await
        .context("the agent could not start")?;
    shutdown_signal().await;
    tracing::info!("shutting down");
    agent.shutdown();
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = ctrl_c => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => {
                let _ = ctrl_c.await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// One thread runs everything: the agent waits on the network almost all the time, and every
/// extra worker thread gets its own malloc arena that keeps the startup lists' and snapshots'
/// freed memory (~12 MiB RSS at 2k pods, more on nodes with many cores; TARGETS P3).
fn main() -> Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?
        .block_on(run())
}

async fn run() -> Result<()> {
    // Logs go to stderr (stdout is for `check`'s report); colours only on a terminal, so log
    // files and `kubectl logs` stay plain text.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("ATL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    atl_agent::master::install_crypto_provider();
    let cli = Cli::parse();
    match cli.command {
        Some(Cmd::Check) => {
            if !run_check(&cli.kube).await? {
                std::process::exit(1);
            }
            Ok(())
        }
        None => run_agent(cli).await,
    }
}
