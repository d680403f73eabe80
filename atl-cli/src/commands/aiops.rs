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

async fn watch(s: &Session) -> Result<()> {
    let client = s.client()?;
    let q = vec![("topics", "incidents".to_string())];
    let mut first = true;
    sse::follow(&client, api::WATCH, &q, s.g.timeout, |ev| {
        if !ev.event.starts_with("incident") {
            return Ok(());
        }
        let obj: Value = serde_json::from_str(&ev.data).unwrap_or(Value::String(ev.data.clone()));
        let kind = obj
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| {
                ev.event
                    .trim_start_matches("incident")
                    .trim_start_matches(['.', '_', ':'])
                    .to_uppercase()
            });
        let inner = obj
            .get("object")
            .or_else(|| obj.get("incident"))
            .cloned()
            .unwrap_or_else(|| obj.clone());
        let kind = if kind.is_empty() {
            "MODIFIED".to_string()
        } else {
            kind
        };
        s.printer.watch_event(
            &kind,
            &inner,
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
