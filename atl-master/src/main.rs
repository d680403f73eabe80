//! `atl-master`: the headless master. `atl-master` (or `atl-master serve`) runs the server.
use anyhow::Context;
use atl_master::config::{Config, ServeArgs};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    version,
    about = "atl headless master: agent API, user API, store, hub, audit"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Flags of `serve`, accepted without the subcommand too.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the master (the default).
    Serve(ServeArgs),
    /// Accuracy evaluations of the AIOps engine on public data sets.
    #[command(subcommand)]
    Eval(atl_master::eval::EvalCommand),
    /// Run the AIOps engine over recorded snapshots (NDJSON) and print transitions and incidents.
    Replay(atl_master::engine::replay::ReplayArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.serve),
        Some(Command::Serve(args)) => serve(args),
        Some(Command::Eval(cmd)) => atl_master::eval::cli::run(&cmd, &mut std::io::stdout().lock()),
        Some(Command::Replay(args)) => {
            atl_master::engine::replay::run(&args, &mut std::io::stdout().lock())
        }
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let config = Config::resolve(args).context("invalid configuration")?;
    let filter = tracing_subscriber::EnvFilter::try_new(&config.log_level)
        .with_context(|| format!("invalid MASTER_LOG_LEVEL {:?}", config.log_level))?;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let rt = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    rt.block_on(async move {
        let running = atl_master::Master::start(config)
            .await
            .context("cannot start atl-master")?;
        if let Some(dev) = &running.dev_credentials {
            // The path only: the secrets themselves never go to the log or terminal.
            println!("dev credentials written to {}", dev.path.display());
        }
        println!(
            "gateway http://{}  agent http://{}  metrics http://{}/metrics",
            running.gateway_addr, running.agent_addr, running.metrics_addr
        );
        let stop = running.shutdown_handle();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutting down");
            let _ = stop.send(true);
        });
        running.wait().await;
        Ok(())
    })
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
