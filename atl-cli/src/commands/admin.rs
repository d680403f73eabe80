//! Users, tokens, cluster registration and `atl check`.

use chrono::Utc;
use reqwest::Method;
use serde_json::{Value, json};

use crate::api::{self, str_of};
use crate::cli::{ClustersCmd, TokensCmd, UsersCmd};
use crate::error::{CliError, Result};
use crate::output::age::age_of;
use crate::output::{Format, Table};
use crate::prompt;
use crate::session::Session;

fn when(v: &Value, keys: &[&str]) -> String {
    let ts = str_of(v, keys);
    if ts.is_empty() {
        "<never>".into()
    } else {
        format!("{} ago", age_of(Some(&ts), Utc::now()))
    }
}

pub async fn users(s: &Session, cmd: &UsersCmd) -> Result<()> {
    let client = s.client()?;
    match cmd {
        UsersCmd::List => {
            let (items, _) = api::list_page(client.get(api::USERS, &[]).await?);
            if s.printer.format == Format::Name {
                for u in &items {
                    s.printer
                        .line(&format!("user/{}", str_of(u, &["username", "name"])))?;
                }
                return Ok(());
            }
            s.printer.data(&json!({ "items": items }), || {
                let mut t = Table::new(["NAME", "ROLE", "CREATED"]);
                for u in &items {
                    t.push(vec![
                        str_of(u, &["username", "name"]).into(),
                        str_of(u, &["role"]).into(),
                        when(u, &["created_at", "createdAt"]).into(),
                    ]);
                }
                t
            })
        }
        UsersCmd::Create { name, role } => {
            let password = if prompt::stdin_is_tty() {
                prompt::ask_secret("Password for the new user")?
            } else {
                prompt::read_stdin_line()?
            };
            let v: Value = client
                .post(
                    api::USERS,
                    &json!({ "username": name, "password": password, "role": role }),
                )
                .await?;
            s.printer.data(&v, || {
                let mut t = Table::new(["NAME", "ROLE"]);
                t.push(vec![name.as_str().into(), str_of(&v, &["role"]).into()]);
                t
            })
        }
        UsersCmd::SetRole { name, role } => {
            let id = user_id(&client, name).await?;
            client
                .send(
                    Method::PATCH,
                    &format!("{}/{id}", api::USERS),
                    Some(&json!({ "role": role })),
                )
                .await?;
            eprintln!(
                "User {name} now has role {}.",
                serde_json::to_value(role)
                    .unwrap_or_default()
                    .as_str()
                    .unwrap_or("")
            );
            Ok(())
        }
        UsersCmd::Delete { name } => {
            let id = user_id(&client, name).await?;
            client
                .send::<()>(Method::DELETE, &format!("{}/{id}", api::USERS), None)
                .await?;
            eprintln!("Deleted user {name}.");
            Ok(())
        }
    }
}

/// The API addresses users by id; people think in names.
async fn user_id(client: &crate::client::Client, name: &str) -> Result<String> {
    let (items, _) = api::list_page(client.get(api::USERS, &[]).await?);
    items
        .iter()
        .find(|u| str_of(u, &["username", "name"]) == name)
        .map(|u| str_of(u, &["id"]))
        .ok_or_else(|| CliError::NotFound(format!("user `{name}`; see `atl users list`")))
}

pub async fn tokens(s: &Session, cmd: &TokensCmd) -> Result<()> {
    let client = s.client()?;
    match cmd {
        TokensCmd::List { all } => {
            let q = if *all {
                vec![("all", "true".to_string())]
            } else {
                Vec::new()
            };
            let (items, _) = api::list_page(client.get(api::TOKENS, &q).await?);
            s.printer.data(&json!({ "items": items }), || {
                let mut t = Table::new([
                    "ID",
                    "NAME",
                    "KIND",
                    "ROLE",
                    "OWNER",
                    "CREATED",
                    "EXPIRES",
                    "LAST USED",
                ]);
                for k in &items {
                    t.push(vec![
                        str_of(k, &["id"]).into(),
                        str_of(k, &["name"]).into(),
                        str_of(k, &["kind"]).into(),
                        str_of(k, &["role"]).into(),
                        str_of(k, &["owner"]).into(),
                        when(k, &["created_at", "createdAt"]).into(),
                        str_of(k, &["expires_at", "expiresAt"]).into(),
                        when(k, &["last_used_at", "lastUsedAt"]).into(),
                    ]);
                }
                t
            })
        }
        TokensCmd::Create { name, role, ttl } => {
            let body = json!({ "name": name, "role": role, "ttl_secs": ttl.map(|d| d.as_secs()) });
            let v: Value = client.post(api::TOKENS, &body).await?;
            match s.printer.format {
                Format::Json | Format::Yaml => s.printer.data(&v, Table::default),
                _ => {
                    let token = str_of(&v, &["token", "secret"]);
                    let id = v
                        .pointer("/info/id")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    eprintln!("Token {name} created (id {id}); it is shown only once:");
                    s.printer.line(&token)
                }
            }
        }
        TokensCmd::Revoke { id } => {
            client
                .send::<()>(Method::DELETE, &format!("{}/{id}", api::TOKENS), None)
                .await?;
            eprintln!("Revoked token {id}.");
            Ok(())
        }
    }
}

/// `clusters create|delete`: registration on the master. The agent token of a new cluster is
/// the only data on stdout (like `tokens create`), so `TOKEN=$(atl clusters create prod)` works.
pub async fn cluster_admin(s: &Session, cmd: &ClustersCmd) -> Result<()> {
    let client = s.client()?;
    match cmd {
        ClustersCmd::List => super::read::clusters(s).await,
        ClustersCmd::Create { name, description } => {
            let body = json!({ "id": name, "description": description });
            let v: Value = client.post(api::CLUSTERS, &body).await?;
            match s.printer.format {
                Format::Json | Format::Yaml => s.printer.data(&v, Table::default),
                _ => {
                    eprintln!(
                        "Cluster {name} registered. Its agent token, shown only once (give it to the agent as ATL_AGENT_TOKEN):"
                    );
                    s.printer.line(&str_of(&v, &["agent_token"]))
                }
            }
        }
        ClustersCmd::Delete { name } => {
            client
                .send::<()>(Method::DELETE, &format!("{}/{name}", api::CLUSTERS), None)
                .await
                .map_err(|e| match e {
                    CliError::NotFound(_) => {
                        CliError::NotFound(format!("cluster `{name}`; see `atl clusters`"))
                    }
                    other => other,
                })?;
            eprintln!("Deleted cluster {name}.");
            Ok(())
        }
    }
}

/// Connectivity self-test; each line is one check, the exit code is the first failure's.
pub async fn check(s: &Session) -> Result<()> {
    let client = s.client()?;
    let mut report = Vec::new();
    let mut first_err: Option<CliError> = None;
    let mut note = |ok: bool, line: String, err: Option<CliError>| {
        report.push(json!({ "ok": ok, "check": line }));
        if !s.printer.format.is_structured() {
            let mark = if ok { "[ok]  " } else { "[FAIL]" };
            let _ = s.printer.line(&format!("{mark} {line}"));
        }
        if let (Some(e), None) = (err, &first_err) {
            first_err = Some(e);
        }
    };
    let clusters = client.get::<Value>(api::CLUSTERS, &[]).await;
    let unreachable = matches!(clusters, Err(CliError::Unreachable { .. }));
    if unreachable {
        let e = clusters.err();
        let reason = match &e {
            Some(CliError::Unreachable { reason, .. }) => reason.clone(),
            _ => String::new(),
        };
        note(
            false,
            format!("master reachable at {}: {reason}", client.base()),
            e,
        );
    } else {
        note(true, format!("master reachable at {}", client.base()), None);
        match whoami_line(s, &client).await {
            Ok(l) => note(true, l, None),
            Err(e) => note(false, format!("token: {e}"), Some(e)),
        }
        match clusters {
            Ok(v) => {
                let (items, _) = api::list_page(v);
                let online = items
                    .iter()
                    .filter(|c| {
                        matches!(
                            str_of(c, &["status", "state"]).as_str(),
                            "online" | "Online" | "ready" | "Ready"
                        )
                    })
                    .count();
                let ok = items.is_empty() || online == items.len();
                let offline: Vec<String> = items
                    .iter()
                    .filter(|c| {
                        !matches!(
                            str_of(c, &["status", "state"]).as_str(),
                            "online" | "Online" | "ready" | "Ready"
                        )
                    })
                    .map(|c| str_of(c, &["id", "name"]))
                    .collect();
                let line = if offline.is_empty() {
                    format!("clusters: {online} online")
                } else {
                    format!("clusters: {online} online, offline: {}", offline.join(", "))
                };
                let err = (!ok).then(|| CliError::ConditionNotMet(line.clone()));
                note(ok, line, err);
            }
            Err(e) => note(false, format!("clusters: {e}"), Some(e)),
        }
    }
    if s.printer.format.is_structured() {
        s.printer.data(
            &json!({ "master": client.base(), "checks": report }),
            Table::default,
        )?;
    }
    match first_err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

async fn whoami_line(s: &Session, client: &crate::client::Client) -> Result<String> {
    if !client.has_token() {
        return Err(CliError::Unauthenticated(
            "no token: run `atl login URL` or pass --token".into(),
        ));
    }
    let ctx = s
        .context_name()?
        .map(|c| format!(", context {c}"))
        .unwrap_or_default();
    match super::auth::whoami(client).await? {
        Some(me) => Ok(format!(
            "token valid: user {}, role {}{ctx}",
            str_of(&me, &["username", "name", "user"]),
            str_of(&me, &["role"])
        )),
        None => Ok(format!("token accepted{ctx}")),
    }
}
