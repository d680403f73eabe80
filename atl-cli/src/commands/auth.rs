//! `atl login` and `atl context ...`.

use atl_core::api::{LoginRequest, LoginResponse};

use crate::api;
use crate::cli::{ContextCmd, LoginArgs};
use crate::client::Client;
use crate::config::{Context, context_name_for};
use crate::error::{CliError, Result};
use crate::output::{Format, Table};
use crate::prompt;
use crate::session::Session;

pub async fn login(s: &Session, a: &LoginArgs) -> Result<()> {
    let (token, user, role) = match &s.g.token {
        Some(t) => {
            let client = Client::new(&a.url, Some(t.clone()), s.g.timeout)?;
            let me = whoami(&client).await?;
            (
                t.clone(),
                me.as_ref().map(|m| api::str_of(m, &["username", "name"])),
                me.map(|m| api::str_of(&m, &["role"])),
            )
        }
        None => {
            let username = match &a.username {
                Some(u) => u.clone(),
                None if a.password_stdin => {
                    return Err(CliError::Usage("--password-stdin needs --username".into()));
                }
                None => prompt::ask("Username")?,
            };
            let password = if a.password_stdin {
                prompt::read_stdin_line()?
            } else {
                prompt::ask_secret("Password")?
            };
            let client = Client::new(&a.url, None, s.g.timeout)?;
            let req = LoginRequest {
                username: username.clone(),
                password,
            };
            let resp: LoginResponse = client.post(api::LOGIN, &req).await?;
            (
                resp.token,
                Some(resp.user.username),
                Some(resp.user.role.to_string()),
            )
        }
    };
    let name = a.name.clone().unwrap_or_else(|| context_name_for(&a.url));
    let mut cfg = s.store.load()?;
    cfg.contexts.insert(
        name.clone(),
        Context {
            master: a.url.trim_end_matches('/').to_string(),
            username: user.clone().filter(|u| !u.is_empty()),
        },
    );
    cfg.current_context = Some(name.clone());
    s.store.save(&cfg)?;
    s.store.set_token(&name, Some(&token))?;
    let who = user
        .filter(|u| !u.is_empty())
        .map(|u| format!(" as {u}"))
        .unwrap_or_default();
    let role = role
        .filter(|r| !r.is_empty())
        .map(|r| format!(" (role {r})"))
        .unwrap_or_default();
    eprintln!(
        "Logged in to {}{who}{role}; context `{name}` is now current.",
        a.url
    );
    Ok(())
}

/// `GET /me`; `None` when the master has no such endpoint (the token is then checked on use).
pub async fn whoami(client: &Client) -> Result<Option<serde_json::Value>> {
    match client.get::<serde_json::Value>(api::ME, &[]).await {
        Ok(v) => Ok(Some(v)),
        Err(CliError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn context(s: &Session, cmd: &ContextCmd) -> Result<()> {
    let mut cfg = s.store.load()?;
    match cmd {
        ContextCmd::List => {
            let list: Vec<serde_json::Value> = cfg
                .contexts
                .iter()
                .map(|(n, c)| {
                    serde_json::json!({
                        "name": n, "master": c.master, "username": c.username,
                        "current": cfg.current_context.as_deref() == Some(n),
                    })
                })
                .collect();
            if s.printer.format == Format::Name {
                for n in cfg.contexts.keys() {
                    s.printer.line(n)?;
                }
                return Ok(());
            }
            s.printer.data(&list, || {
                let mut t = Table::new(["CURRENT", "NAME", "MASTER", "USER"]);
                for (n, c) in &cfg.contexts {
                    let cur = if cfg.current_context.as_deref() == Some(n) {
                        "*"
                    } else {
                        ""
                    };
                    t.push(vec![
                        cur.into(),
                        n.as_str().into(),
                        c.master.as_str().into(),
                        c.username.clone().unwrap_or_default().into(),
                    ]);
                }
                t
            })
        }
        ContextCmd::Use { name } => {
            if !cfg.contexts.contains_key(name) {
                return Err(CliError::NotFound(format!(
                    "context `{name}`; see `atl context list`"
                )));
            }
            cfg.current_context = Some(name.clone());
            s.store.save(&cfg)?;
            eprintln!("Switched to context `{name}`.");
            Ok(())
        }
        ContextCmd::Delete { name } => {
            if cfg.contexts.remove(name).is_none() {
                return Err(CliError::NotFound(format!(
                    "context `{name}`; see `atl context list`"
                )));
            }
            if cfg.current_context.as_deref() == Some(name) {
                cfg.current_context = None;
            }
            s.store.save(&cfg)?;
            s.store.set_token(name, None)?;
            eprintln!("Deleted context `{name}`.");
            Ok(())
        }
        ContextCmd::Current => match cfg.current_context {
            Some(c) => s.printer.line(&c),
            None => Err(CliError::Config(
                "no current context; run `atl login URL` or `atl context use NAME`".into(),
            )),
        },
    }
}
