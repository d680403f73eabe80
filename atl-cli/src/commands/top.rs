//! `atl top`: starts the dashboard (crate::tui) with the caller's role from the master.

use atl_core::Role;

use super::auth::whoami;
use crate::api::str_of;
use crate::error::{CliError, Result};
use crate::output::ColorChoice;
use crate::session::Session;
use crate::tui::{self, TuiOptions};

pub async fn top(s: &Session, readonly: bool, demo: bool) -> Result<()> {
    if !s.printer.term.tty {
        return Err(CliError::Usage(
            "atl top needs an interactive terminal; for scripts use `atl get`, `atl clusters --watch` or `-o json`".into(),
        ));
    }
    let mut role = Role::Admin;
    let client = if demo {
        None
    } else {
        let client = s.client()?;
        // Actions the role may not run are hidden; the master enforces the same rule anyway.
        role = match whoami(&client).await? {
            Some(me) => str_of(&me, &["role"]).parse().unwrap_or(Role::Viewer),
            None => Role::Viewer,
        };
        Some(client)
    };
    let mut opts = TuiOptions::new(role);
    opts.readonly = readonly;
    opts.color = match s.g.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => opts.color,
    };
    let run = match client {
        Some(c) => tui::run_master(opts, c).await,
        None => tui::run_demo(opts).await,
    };
    run.map_err(CliError::Other)
}
