//! Read-only commands served from the master's snapshots: clusters, get, describe, events, audit.

use chrono::Utc;
use serde_json::{Value, json};

use crate::api::{self, str_of};
use crate::cli::{AuditArgs, DescribeArgs, EventsArgs, GetArgs};
use crate::error::{CliError, Result};
use crate::output::age::{age_of, human_duration};
use atl_core::ResourceKind;
use serde::Deserialize;

use crate::output::columns::{self, Item, add_cluster_column, status_tone};
use crate::output::{Cell, Format, Table};
use crate::session::Session;

pub async fn clusters(s: &Session) -> Result<()> {
    let client = s.client()?;
    let (items, _) = api::list_page(client.get(api::CLUSTERS, &[]).await?);
    if s.printer.format == Format::Name {
        for c in &items {
            s.printer
                .line(&format!("cluster/{}", str_of(c, &["id", "name"])))?;
        }
        return Ok(());
    }
    s.printer
        .data(&json!({ "items": items }), || cluster_table(&items))
}

pub fn cluster_table(items: &[Value]) -> Table {
    let now = Utc::now();
    let mut t = Table::new([
        "NAME",
        "STATUS",
        "LAST HEARTBEAT",
        "SNAPSHOT AGE",
        "AGENT",
        "DESCRIPTION",
    ]);
    for c in items {
        let Ok(info) = atl_core::api::ClusterInfo::deserialize(c) else {
            t.push(vec![str_of(c, &["id", "name"]).into()]);
            continue;
        };
        let status = serde_json::to_value(info.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let tone = status_tone(&status);
        let ago = |t: Option<chrono::DateTime<Utc>>| {
            t.map_or_else(
                || "<never>".to_string(),
                |t| format!("{} ago", human_duration(now - t)),
            )
        };
        t.push(vec![
            info.id.into(),
            Cell::toned(status, tone),
            ago(info.last_heartbeat).into(),
            info.snapshot_age_secs
                .map_or_else(
                    || "<none>".to_string(),
                    |s| human_duration(chrono::TimeDelta::milliseconds((s * 1000.0) as i64)),
                )
                .into(),
            info.agent_version.unwrap_or_default().into(),
            info.description.into(),
        ]);
    }
    t
}

/// Follows `cluster_status` events of the watch stream: the first event of each cluster is its
/// current status (ADDED), later ones are changes (MODIFIED).
pub async fn watch_clusters(s: &Session) -> Result<()> {
    let client = s.client()?;
    let wanted = s.clusters();
    let mut first = true;
    let mut seen = std::collections::HashSet::new();
    crate::sse::follow(&client, api::WATCH, &[], s.g.timeout, |ev| {
        if ev.event != "cluster_status" {
            return Ok(());
        }
        let obj: Value =
            serde_json::from_str(&ev.data).unwrap_or_else(|_| Value::String(ev.data.clone()));
        let cluster = str_of(&obj, &["cluster"]);
        if wanted.as_ref().is_some_and(|w| !w.contains(&cluster)) {
            return Ok(());
        }
        let kind = if seen.insert(cluster.clone()) {
            "ADDED"
        } else {
            "MODIFIED"
        };
        s.printer.watch_event(
            kind,
            &obj,
            || {
                let mut t = Table::new(["CLUSTER", "STATUS", "PREVIOUS", "AT"]);
                let status = str_of(&obj, &["status"]);
                let tone = status_tone(&status);
                t.push(vec![
                    cluster.as_str().into(),
                    Cell::toned(status, tone),
                    str_of(&obj, &["previous"]).into(),
                    str_of(&obj, &["at"]).into(),
                ]);
                t
            },
            std::mem::take(&mut first),
        )
    })
    .await
}

fn to_item(v: Value) -> Item {
    let cluster = str_of(&v, &["cluster", "cluster_id", "clusterId"]);
    match v {
        Value::Object(mut m) if m.contains_key("object") => Item {
            cluster,
            object: m.remove("object").unwrap_or(Value::Null),
        },
        other => Item {
            cluster,
            object: other,
        },
    }
}

/// Parses a user-typed kind; Secrets are refused up front.
pub fn parse_kind(kind: &str) -> Result<ResourceKind> {
    let k: ResourceKind = kind
        .parse()
        .map_err(|e: atl_core::kind::UnknownKind| CliError::Usage(e.to_string()))?;
    if k == ResourceKind::Secret {
        return Err(CliError::Usage(
            "secrets are never read through atl: their values never leave the cluster".into(),
        ));
    }
    Ok(k)
}

/// Fetches every page of a kind from the master.
pub async fn list(
    s: &Session,
    kind: ResourceKind,
    name: Option<&str>,
    label: Option<&str>,
    field: Option<&str>,
    chunk: u32,
) -> Result<Vec<Item>> {
    let client = s.client()?;
    let mut q = Vec::new();
    if kind.namespaced()
        && let Some(ns) = s.namespace()
    {
        q.push(("namespace", ns));
    }
    if let Some(l) = label {
        q.push(("labelSelector", l.to_string()));
    }
    let field = match (name, field) {
        (Some(n), Some(f)) => Some(format!("metadata.name={n},{f}")),
        (Some(n), None) => Some(format!("metadata.name={n}")),
        (None, f) => f.map(str::to_string),
    };
    if let Some(f) = field {
        q.push(("fieldSelector", f));
    }
    q.push(("limit", chunk.max(1).to_string()));
    let path = api::resources(kind.plural());
    let mut items = Vec::new();
    for scope in s.cluster_queries() {
        let base: Vec<(&str, String)> = scope.into_iter().chain(q.iter().cloned()).collect();
        items.extend(all_pages(&client, &path, &base).await?);
    }
    if let Some(n) = name {
        items.retain(|i| columns::name_of(&i.object) == n);
    }
    Ok(items)
}

/// Follows `continue` cursors until the last page.
async fn all_pages(
    client: &crate::client::Client,
    path: &str,
    q: &[(&str, String)],
) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    let mut cont: Option<String> = None;
    loop {
        let mut page_q = q.to_vec();
        if let Some(c) = &cont {
            page_q.push(("continue", c.clone()));
        }
        let (page, next) = api::list_page(client.get(path, &page_q).await?);
        items.extend(page.into_iter().map(to_item));
        match next {
            Some(n) if cont.as_deref() != Some(n.as_str()) => cont = Some(n),
            _ => return Ok(items),
        }
    }
}

pub async fn get(s: &Session, a: &GetArgs) -> Result<()> {
    let kind = parse_kind(&a.kind)?;
    let items = list(
        s,
        kind,
        a.name.as_deref(),
        a.selector.as_deref(),
        a.field_selector.as_deref(),
        a.chunk_size,
    )
    .await?;
    if items.is_empty() {
        check_clusters_exist(s).await?;
    }
    if let Some(n) = &a.name {
        if items.is_empty() {
            return Err(CliError::NotFound(format!(
                "{} \"{n}\"{}",
                kind.plural(),
                scope_text(s, kind)
            )));
        }
    } else if items.is_empty() && matches!(s.printer.format, Format::Table | Format::Wide) {
        eprintln!("No resources found{}.", scope_text(s, kind));
        return Ok(());
    }
    print_items(s, Some(kind), &items, a.name.is_some())
}

/// The master answers an empty list for a cluster it does not know; say so instead of "No
/// resources found", which would hide a typo in `--cluster`.
async fn check_clusters_exist(s: &Session) -> Result<()> {
    let Some(clusters) = s.clusters() else {
        return Ok(());
    };
    let client = s.client()?;
    for c in clusters {
        match client
            .get::<Value>(&format!("{}/{c}", api::CLUSTERS), &[])
            .await
        {
            Err(CliError::NotFound(_)) => {
                return Err(CliError::NotFound(format!(
                    "cluster `{c}` is not registered; see `atl clusters`"
                )));
            }
            Err(e) => return Err(e),
            Ok(_) => {}
        }
    }
    Ok(())
}

fn scope_text(s: &Session, kind: ResourceKind) -> String {
    let ns = s
        .namespace()
        .filter(|_| kind.namespaced())
        .map(|n| format!(" in namespace {n}"))
        .unwrap_or_default();
    let cl = s
        .clusters()
        .map(|c| format!(" in cluster {}", c.join(",")))
        .unwrap_or_default();
    format!("{ns}{cl}")
}

pub fn print_items(
    s: &Session,
    kind: Option<ResourceKind>,
    items: &[Item],
    single: bool,
) -> Result<()> {
    match s.printer.format {
        Format::Name => {
            let singular = kind.map_or_else(|| "object".to_string(), ResourceKind::key_name);
            for n in columns::names(&singular, items) {
                s.printer.line(&n)?;
            }
            Ok(())
        }
        Format::Json | Format::Yaml if single && items.len() == 1 => {
            s.printer.data(&items[0], Table::default)
        }
        Format::Json | Format::Yaml => s.printer.data(&columns::List::of(items), Table::default),
        Format::Table | Format::Wide => s.printer.table(&columns::resource_table(
            kind,
            items,
            s.printer.format == Format::Wide,
            s.namespace().is_none(),
            Utc::now(),
        )),
    }
}

pub async fn describe(s: &Session, a: &DescribeArgs) -> Result<()> {
    let kind = parse_kind(&a.kind)?;
    let items = list(s, kind, Some(&a.name), None, None, 500).await?;
    if items.is_empty() {
        return Err(CliError::NotFound(format!(
            "{} \"{}\"{}",
            kind.plural(),
            a.name,
            scope_text(s, kind)
        )));
    }
    if s.printer.format.is_structured() {
        return print_items(s, Some(kind), &items, true);
    }
    for it in &items {
        let mut out = format!("Cluster:  {}\nKind:     {}\n", it.cluster, kind.name());
        out.push_str(&serde_yaml::to_string(&it.object).map_err(|e| CliError::Other(e.into()))?);
        let events = fetch_events(s, Some((kind, &a.name)), Some(&it.cluster), false).await;
        match events {
            Ok(evs) if !evs.is_empty() => {
                out.push_str("Events:\n");
                let t = columns::resource_table(
                    Some(ResourceKind::Event),
                    &evs,
                    false,
                    false,
                    Utc::now(),
                );
                let opts = crate::output::RenderOpts {
                    width: s.printer.term.width,
                    headers: true,
                    color: s.printer.term.color,
                };
                for line in t.render(opts).lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Ok(_) => out.push_str("Events:   <none>\n"),
            Err(e) => out.push_str(&format!("Events:   unavailable ({e})\n")),
        }
        crate::output::write_out(&out)?;
    }
    Ok(())
}

async fn fetch_events(
    s: &Session,
    for_object: Option<(ResourceKind, &str)>,
    cluster: Option<&str>,
    warnings: bool,
) -> Result<Vec<Item>> {
    let client = s.client()?;
    let scopes = match cluster {
        Some(c) => vec![vec![("cluster", c.to_string())]],
        None => s.cluster_queries(),
    };
    let mut q = Vec::new();
    if let Some(ns) = s.namespace() {
        q.push(("namespace", ns));
    }
    if warnings {
        q.push(("type", "Warning".to_string()));
    }
    let mut items = Vec::new();
    for scope in scopes {
        let base: Vec<(&str, String)> = scope.into_iter().chain(q.iter().cloned()).collect();
        items.extend(all_pages(&client, api::EVENTS, &base).await?);
    }
    // The master filters events by namespace and type; the object is matched here.
    if let Some((kind, name)) = for_object {
        items.retain(|i| {
            i.object.pointer("/involved/name").and_then(Value::as_str) == Some(name)
                && i.object.pointer("/involved/kind").and_then(Value::as_str) == Some(kind.name())
        });
    }
    if warnings {
        items.retain(|i| i.object.get("type").and_then(Value::as_str) == Some("Warning"));
    }
    Ok(items)
}

pub async fn events(s: &Session, a: &EventsArgs) -> Result<()> {
    let target = match a.for_object.as_deref() {
        Some(f) => {
            let (k, n) = f
                .split_once('/')
                .filter(|(k, n)| !k.is_empty() && !n.is_empty())
                .ok_or_else(|| {
                    CliError::Usage(format!("--for wants KIND/NAME (e.g. pod/web-0), not `{f}`"))
                })?;
            Some((parse_kind(k)?, n))
        }
        None => None,
    };
    let items = fetch_events(s, target, None, a.warnings).await?;
    if items.is_empty() && matches!(s.printer.format, Format::Table | Format::Wide) {
        eprintln!("No events found{}.", scope_text(s, ResourceKind::Event));
        return Ok(());
    }
    print_items(s, Some(ResourceKind::Event), &items, false)
}

pub async fn audit(s: &Session, a: &AuditArgs) -> Result<()> {
    let client = s.client()?;
    let mut q = vec![("limit", a.limit.to_string())];
    if let Some(u) = &a.user {
        q.push(("user", u.clone()));
    }
    let (items, _) = api::list_page(client.get(api::AUDIT, &q).await?);
    let now = Utc::now();
    s.printer.data(&json!({ "items": items }), || {
        let mut t = Table::new(["TIME", "USER", "ACTION", "CLUSTER", "TARGET", "RESULT"]);
        for e in &items {
            let result = str_of(e, &["result", "status", "outcome"]);
            let tone = match result.as_str() {
                "ok" | "success" | "succeeded" | "allowed" => crate::output::Tone::Good,
                "" => crate::output::Tone::Plain,
                _ => crate::output::Tone::Bad,
            };
            let ts = str_of(e, &["time", "at", "created_at", "createdAt", "timestamp"]);
            t.push(vec![
                if ts.is_empty() {
                    String::new()
                } else {
                    format!("{} ago", age_of(Some(&ts), now))
                }
                .into(),
                str_of(e, &["user", "username", "actor"]).into(),
                str_of(e, &["action", "what", "method"]).into(),
                str_of(e, &["cluster", "cluster_id", "clusterId"]).into(),
                str_of(e, &["target", "path", "resource"]).into(),
                Cell::toned(result, tone),
            ]);
        }
        t
    })
}

/// Endpoints the master may not serve yet get a clear message instead of a bare 404.
pub fn not_served(what: &str) -> impl FnOnce(CliError) -> CliError {
    let what = what.to_string();
    move |e| match e {
        CliError::NotFound(_) => CliError::NotFound(format!(
            "this master does not serve {what} (HTTP 404); upgrade the master or check `atl check`"
        )),
        other => other,
    }
}

/// Generic table of a JSON list for endpoints whose shape is still settling (risk, topology).
pub fn generic_table(items: &[Value], cols: &[(&str, &[&str])]) -> Table {
    let mut t = Table::new(cols.iter().map(|(h, _)| *h));
    for it in items {
        t.push(
            cols.iter()
                .map(|(_, keys)| Cell::from(str_of(it, keys)))
                .collect(),
        );
    }
    let clusters: Vec<String> = items
        .iter()
        .map(|i| str_of(i, &["cluster", "cluster_id", "clusterId"]))
        .collect();
    if !cols.iter().any(|(h, _)| *h == "CLUSTER") {
        add_cluster_column(&mut t, clusters.iter().map(String::as_str));
    }
    t
}
