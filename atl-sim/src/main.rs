//! `atl-sim`: run a simulated Kubernetes cluster on loopback until Ctrl-C.
#![forbid(unsafe_code)]

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::Context;
use atl_sim::otel::{OtelConfig, OtelSampler, OtelWriter, spawn_clock_with_telemetry};
use atl_sim::{Scenario, SimCluster, SimServer};
use clap::Parser;

/// Simulated Kubernetes cluster serving the Kubernetes API on loopback.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Built-in scenario (steady, demo, scale-10k, scale-100k) or a YAML/JSON scenario file.
    #[arg(long, default_value = "demo")]
    scenario: String,
    /// Where to write a kubeconfig pointing at the simulator.
    #[arg(long)]
    kubeconfig_out: PathBuf,
    /// Port to listen on (0 = any free port).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on. Loopback by default; the API has no authentication.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Simulated seconds per real second (0 freezes the clock).
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Overrides the scenario's seed.
    #[arg(long)]
    seed: Option<u64>,
    /// Also write the cluster's telemetry (node, ingress and mesh metrics, traces, logs) into
    /// ClickHouse in the OTel exporter's tables, through its HTTP interface (e.g.
    /// http://127.0.0.1:8123). The tables are created when missing.
    #[arg(long)]
    clickhouse_url: Option<String>,
    /// Database for the telemetry tables.
    #[arg(long, default_value = "otel")]
    clickhouse_database: String,
    /// ClickHouse user.
    #[arg(long, env = "ATL_SIM_CLICKHOUSE_USER")]
    clickhouse_user: Option<String>,
    /// ClickHouse password (from the environment only, so it stays out of process listings).
    #[arg(skip = std::env::var("ATL_SIM_CLICKHOUSE_PASSWORD").ok())]
    clickhouse_password: Option<String>,
    /// Share of requests written as traces (and request logs).
    #[arg(long, default_value_t = 0.01)]
    trace_sample_ratio: f64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    anyhow::ensure!(
        args.speed.is_finite() && args.speed >= 0.0,
        "--speed must be a non-negative number, got {}",
        args.speed
    );
    anyhow::ensure!(
        (0.0..=1.0).contains(&args.trace_sample_ratio),
        "--trace-sample-ratio must be between 0 and 1, got {}",
        args.trace_sample_ratio
    );
    let writer = match &args.clickhouse_url {
        Some(url) => Some(
            OtelWriter::new(url, &args.clickhouse_database)
                .context("setting up the ClickHouse telemetry writer")?
                .with_credentials(
                    args.clickhouse_user.clone(),
                    args.clickhouse_password.clone(),
                ),
        ),
        None => None,
    };
    let mut scenario = Scenario::load(&args.scenario).context("loading the scenario")?;
    if let Some(seed) = args.seed {
        scenario.seed = seed;
    }
    let started = std::time::Instant::now();
    let cluster = tokio::task::spawn_blocking(move || SimCluster::from_scenario(&scenario))
        .await
        .context("cluster generation panicked")?
        .context("generating the cluster")?;
    let (_addr, server) = SimServer::start(cluster.clone(), SocketAddr::new(args.bind, args.port))
        .await
        .context("starting the API server")?;
    let url = server.url();
    server
        .write_kubeconfig(&args.kubeconfig_out)
        .context("writing the kubeconfig")?;
    let clock = match writer {
        Some(writer) if args.speed > 0.0 => {
            let sampler = OtelSampler::new(OtelConfig {
                trace_sample_ratio: args.trace_sample_ratio,
                ..OtelConfig::default()
            });
            tracing::info!(
                database = %args.clickhouse_database,
                "writing telemetry into ClickHouse"
            );
            Some(spawn_clock_with_telemetry(
                cluster.clone(),
                args.speed,
                sampler,
                writer,
            ))
        }
        Some(_) => {
            tracing::warn!("--speed 0 freezes the clock: no telemetry is written");
            None
        }
        None => (args.speed > 0.0).then(|| cluster.spawn_clock(args.speed)),
    };
    println!("atl-sim serving the Kubernetes API at {url}");
    println!("kubeconfig: {}", args.kubeconfig_out.display());
    println!(
        "generated in {:.1}s; try: kubectl --kubeconfig {} get pods -A",
        started.elapsed().as_secs_f64(),
        args.kubeconfig_out.display()
    );
    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl-C")?;
    if let Some(c) = clock {
        c.abort();
    }
    server.stop();
    Ok(())
}
