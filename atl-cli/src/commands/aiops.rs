//! Incidents, risk and topology: views of the AIOps engine's output.

use chrono::Utc;
use serde_json::{Value, json};

use super::read::{generic_table, not_served};
use crate::api::{self, str_of};
use crate::cli::{IncidentsArgs, IncidentsCmd};
use crate::error::{CliError, Result};
use crate::output::age::age_of;
use crate::output::columns::{add_cluster_column, status_tone};
use crate::output::{Cell, Format, Table, Tone};
use crate::session::Session;
use crate::sse;

fn severity_tone(sev: &str) -> Tone {
    match sev {
        "critical" | "high" => Tone::Bad,
        "warning" | "medium" => Tone::Warn,
        _ => Tone::Plain,
    }
}

pub fn incident_table(items: &[Value]) -> Table {
    let now = Utc::now();
    let mut t = Table::new(["ID", "STATE", "SEVERITY", "ENTITY", "STARTED", "SUMMARY"]);
    for i in items {
        let state = str_of(i, &["state", "status"]);
        let sev = str_of(i, &["severity"]);
        let started = str_of(i, &["started_at", "startedAt"]);
        let state_tone = if state == "stable" || state == "resolved" {
            status_tone("Running")
        } else {
            severity_tone(&sev)
        };
        t.push(vec![
            str_of(i, &["id"]).into(),
            Cell::toned(state, state_tone),
            Cell::toned(sev.clone(), severity_tone(&sev)),
            str_of(
                i,
                &[
                    "root_cause",
                    "rootCause",
                    "entity",
                    "entity_key",
                    "entityKey",
                ],
            )
            .into(),
            if started.is_empty() {
                String::new()
            } else {
                format!("{} ago", age_of(Some(&started), now))
            }
            .into(),
            str_of(i, &["summary", "title"]).into(),
        ]);
    }
    let clusters: Vec<String> = items
        .iter()
        .map(|i| str_of(i, &["cluster", "cluster_id", "clusterId"]))
        .collect();
    add_cluster_column(&mut t, clusters.iter().map(String::as_str));
    t
}

pub async fn incidents(s: &Session, a: &IncidentsArgs) -> Result<()> {
    if a.watch {
        return watch(s).await;
    }
    let client = s.client()?;
    match &a.command {
        None | Some(IncidentsCmd::List { .. }) => {
            let (state, limit) = match &a.command {
                Some(IncidentsCmd::List { state, limit }) => (state.clone(), *limit),
                _ => (None, 50),
            };
            let mut items = Vec::new();
            for mut q in s.cluster_queries() {
                q.push(("limit", limit.to_string()));
                if let Some(st) = &state {
                    q.push(("state", st.clone()));
                }
                let page = client
                    .get(api::INCIDENTS, &q)
                    .await
                    .map_err(not_served("incidents"))?;
                items.extend(api::list_page(page).0);
            }
            if s.printer.format == Format::Name {
                for i in &items {
                    s.printer
                        .line(&format!("incident/{}", str_of(i, &["id"])))?;
                }
                return Ok(());
            }
            s.printer
                .data(&json!({ "items": items }), || incident_table(&items))
        }
        Some(IncidentsCmd::Show { id }) => {
            let path = format!("{}/{id}", api::INCIDENTS);
            let inc: Value = client.get(&path, &[]).await.map_err(|e| match e {
                CliError::NotFound(_) => CliError::NotFound(format!("incident {id}")),
                other => other,
            })?;
            match s.printer.format {
                Format::Json | Format::Yaml => s.printer.data(&inc, Table::default),
                _ => {
                    s.printer
                        .table(&incident_table(std::slice::from_ref(&inc)))?;
                    let text =
                        serde_yaml::to_string(&inc).map_err(|e| CliError::Other(e.into()))?;
                    crate::output::write_out(&format!("\n{text}"))
                }
            }
        }
    }
}

/// The kubectl-style watch type and atl's transition name of an `incident_*` stream event.
/// A resolved incident stays listed (state `resolved`), so resolution is MODIFIED, not DELETED.
pub fn incident_transition(event: &str) -> Option<(&'static str, &'static str)> {
    Some(match event {
        "incident_created" => ("ADDED", "opened"),
        "incident_escalated" => ("MODIFIED", "escalated"),
        "incident_state_changed" => ("MODIFIED", "state_changed"),
        "incident_updated" => ("MODIFIED", "updated"),
        "incident_resolved" => ("MODIFIED", "resolved"),
        _ => return None,
    })
}

/// Follows the incident events of the watch stream: one line (or table row) per transition.
async fn watch(s: &Session) -> Result<()> {
    let client = s.client()?;
    let wanted = s.clusters();
    let mut first = true;
    sse::follow(&client, api::WATCH, &[], s.g.timeout, |ev| {
        if ev.event == "lagged" {
            // The master dropped events for this stream; say so rather than leave a silent gap.
            eprintln!(
                "atl: the master skipped events this watch was too slow for ({}); `atl incidents` lists the current state",
                ev.data
            );
            return Ok(());
        }
        let Some((kind, transition)) = incident_transition(&ev.event) else {
            return Ok(());
        };
        let Ok(change) = serde_json::from_str::<Value>(&ev.data) else {
            eprintln!("atl: skipped an incident event the master sent in an unexpected shape");
            return Ok(());
        };
        let inner = change.get("incident").cloned().unwrap_or(Value::Null);
        let cluster = str_of(&inner, &["cluster"]);
        if wanted.as_ref().is_some_and(|w| !w.contains(&cluster)) {
            return Ok(());
        }
        let mut extra = serde_json::Map::new();
        extra.insert("transition".into(), transition.into());
        for key in ["previous_state", "previous_severity"] {
            if let Some(v) = change.get(key).filter(|v| !v.is_null()) {
                extra.insert(key.into(), v.clone());
            }
        }
        s.printer.watch_event_with(
            kind,
            &inner,
            extra,
            || incident_table(std::slice::from_ref(&inner)),
            std::mem::take(&mut first),
        )
    })
    .await
    .map_err(not_served("the watch stream"))
}

pub async fn risk(s: &Session) -> Result<()> {
    let client = s.client()?;
    let mut items = Vec::new();
    for q in s.cluster_queries() {
        let (page, _) = api::list_page(
            client
                .get(api::RISK, &q)
                .await
                .map_err(not_served("risk"))?,
        );
        items.extend(page);
    }
    let v = json!({ "items": items });
    // Cluster risk is 0–1 like entity risk; two decimals are what a person reads.
    let shown: Vec<Value> = items
        .iter()
        .map(|i| {
            let mut i = i.clone();
            if let Some(r) = i.get("risk").and_then(Value::as_f64) {
                i["risk"] = Value::String(format!("{r:.2}"));
            }
            i
        })
        .collect();
    s.printer.data(&v, || {
        generic_table(
            &shown,
            &[
                ("CLUSTER", &["cluster", "cluster_id", "clusterId"]),
                ("RISK", &["risk", "score"]),
                ("LEVEL", &["level"]),
                ("TOP ENTITY", &["top_entity", "topEntity", "entity"]),
            ],
        )
    })
}

pub async fn topology(s: &Session) -> Result<()> {
    let client = s.client()?;
    let mut graphs = Vec::new();
    let mut edges = Vec::new();
    for mut q in s.cluster_queries() {
        if let Some(ns) = s.namespace() {
            q.push(("namespace", ns));
        }
        let g: Value = client
            .get(api::TOPOLOGY, &q)
            .await
            .map_err(not_served("topology"))?;
        edges.extend(
            g.get("edges")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        );
        graphs.push(g);
    }
    let v = if graphs.len() == 1 {
        graphs.remove(0)
    } else {
        json!({ "items": graphs })
    };
    s.printer.data(&v, || {
        generic_table(
            &edges,
            &[
                ("FROM", &["from", "source"]),
                ("TO", &["to", "target"]),
                ("RELATION", &["type", "kind", "relation"]),
            ],
        )
    })
}
