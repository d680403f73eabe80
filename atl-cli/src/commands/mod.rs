//! One module per command family; `run` dispatches a parsed command line.

pub mod admin;
pub mod aiops;
pub mod auth;
pub mod demo;
pub mod exec;
pub mod read;
pub mod top;

use clap::CommandFactory;

use crate::cli::{Cli, ClustersCmd, Command};
use crate::error::Result;
use crate::session::Session;

pub async fn run(cli: Cli) -> Result<()> {
    if let Command::Completion { shell } = &cli.command {
        let mut out = std::io::stdout();
        clap_complete::generate(*shell, &mut Cli::command(), "atl", &mut out);
        return Ok(());
    }
    let s = Session::new(cli.global)?;
    match &cli.command {
        Command::Top { readonly, demo } => top::top(&s, *readonly, *demo).await,
        Command::Demo(a) => demo::demo(&s, a).await,
        Command::Login(a) => auth::login(&s, a).await,
        Command::Context(c) => auth::context(&s, c),
        Command::Clusters(a) if a.watch => read::watch_clusters(&s).await,
        Command::Clusters(a) => match &a.command {
            None | Some(ClustersCmd::List) => read::clusters(&s).await,
            Some(cmd) => admin::cluster_admin(&s, cmd).await,
        },
        Command::Get(a) => read::get(&s, a).await,
        Command::Describe(a) => read::describe(&s, a).await,
        Command::Events(a) => read::events(&s, a).await,
        Command::Logs(a) => exec::logs(&s, a).await,
        Command::Incidents(a) => aiops::incidents(&s, a).await,
        Command::Risk => aiops::risk(&s).await,
        Command::Topology => aiops::topology(&s).await,
        Command::Exec(c) => exec::exec(&s, c).await,
        Command::Audit(a) => read::audit(&s, a).await,
        Command::Users(c) => admin::users(&s, c).await,
        Command::Tokens(c) => admin::tokens(&s, c).await,
        Command::Check => admin::check(&s).await,
        Command::Completion { .. } => Ok(()),
    }
}
