use clap::Parser;

/// atl-master (work in progress).
#[derive(Parser)]
#[command(version, about)]
struct Args {}

fn main() {
    let _args = Args::parse();
}
