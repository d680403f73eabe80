use clap::Parser;

/// atl-agent (work in progress).
#[derive(Parser)]
#[command(version, about)]
struct Args {}

fn main() {
    let _args = Args::parse();
}
