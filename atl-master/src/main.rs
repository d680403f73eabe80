use clap::Parser;

/// atl-master (work in progress).
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Accuracy evaluations of the AIOps engine on public data sets.
    #[command(subcommand)]
    Eval(atl_master::eval::EvalCommand),
    /// Run the AIOps engine over recorded snapshots (NDJSON) and print transitions and incidents.
    Replay(atl_master::engine::replay::ReplayArgs),
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    match args.command {
        Some(Command::Eval(cmd)) => atl_master::eval::cli::run(&cmd, &mut std::io::stdout().lock()),
        Some(Command::Replay(args)) => {
            atl_master::engine::replay::run(&args, &mut std::io::stdout().lock())
        }
        None => Ok(()),
    }
}
