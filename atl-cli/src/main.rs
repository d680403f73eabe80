use clap::Parser;

/// atl: terminal-first multi-cluster Kubernetes monitoring (work in progress).
#[derive(Parser)]
#[command(name = "atl", version, about)]
struct Args {}

fn main() {
    let _args = Args::parse();
}
