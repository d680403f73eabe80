#![forbid(unsafe_code)]

use std::process::ExitCode;

use atl_cli::cli::Cli;
use atl_cli::error::Exit;
use clap::Parser;

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help/--version.
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return Exit::Error.into();
        }
    };
    match rt.block_on(atl_cli::commands::run(cli)) {
        Ok(()) => Exit::Ok.into(),
        Err(e) => {
            eprintln!("error: {e}");
            e.exit().into()
        }
    }
}
