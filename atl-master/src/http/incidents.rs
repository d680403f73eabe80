//! AIOps reads: incidents (from SQLite), and risk and topology (from the engine's latest output
//! and the hub's latest snapshot).

use std::collections::{BTreeSet, HashMap};

use atl_core::aiops::{
    ClusterRisk, IncidentDetail, IncidentInfo, IncidentStats, Topology, TopologyEdge, TopologyNode,
};
use atl_core::api::ListResponse;
use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use crate::engine::observe::observe;
use crate::store::incidents::{self, ListQuery};

pub const LIST_QUERY: &[(&str, &str)] = &[
    ("cluster", "one cluster id; absent = all"),
    (
        "state",
        "warning | incident | recovery | resolved | open (= not resolved)",
    ),
    ("severity", "low | medium | high | critical"),
    ("since", "RFC 3339 time: incidents started at or after it"),
    ("limit", "1-500, default 50"),
    ("continue", "cursor from the previous page"),
];

const STATES: &[&str] = &["warning", "incident", "recovery", "resolved"];
const SEVERITIES: &[&str] = &["low", "medium", "high", "critical"];

#[derive(Debug, Deserialize)]
pub struct ListParams {
    pub cluster: Option<String>,
    pub state: Option<String>,
    pub severity: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub limit: Option<usize>,
    #[serde(rename = "continue")]
    pub continue_token: Option<String>,
}

fn one_of(what: &str, v: &str, allowed: &[&str]) -> Result<(), ApiError> {
    if allowed.contains(&v) {
        Ok(())
    } else {
        Err(ApiError::BadRequest(format!(
            "unknown {what} {v:?}: use {}",
            allowed.join(", ")
        )))
    }
}

pub async fn list(
    State(app): State<AppState>,
    Query(q): Query<ListParams>,
) -> Result<Json<ListResponse<IncidentInfo>>, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    let before_seq = q
        .continue_token
        .as_deref()
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| ApiError::BadRequest("invalid continue token".into()))
        })
        .transpose()?;
    let open = q.state.as_deref() == Some("open");
    let state = q.state.filter(|s| s != "open");
    if let Some(s) = &state {
        one_of("state", s, STATES)?;
    }
    if let Some(s) = &q.severity {
        one_of("severity", s, SEVERITIES)?;
    }
    let query = ListQuery {
        cluster: q.cluster,
        state,
        severity: q.severity,
        since: q.since,
        open,
        before_seq,
        limit,
    };
    let rows = app.store.call(move |c| incidents::list(c, &query)).await?;
    let continue_token = (rows.len() == limit)
        .then(|| rows.last().map(|(seq, _)| seq.to_string()))
        .flatten();
    Ok(Json(ListResponse {
        items: rows.into_iter().map(|(_, i)| i).collect(),
        continue_token,
    }))
}

pub async fn get(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<IncidentDetail>, ApiError> {
    let key = id.clone();
    app.store
        .call(move |c| incidents::get(c, &key))
        .await?
        .map(Json)
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "incident {id} not found; list them with GET /api/v1/incidents"
            ))
        })
}

#[derive(Debug, Deserialize)]
pub struct StatsParams {
    pub cluster: Option<String>,
    pub since: Option<DateTime<Utc>>,
}

pub async fn stats(
    State(app): State<AppState>,
    Query(q): Query<StatsParams>,
) -> Result<Json<IncidentStats>, ApiError> {
    let s = app
        .store
        .call(move |c| incidents::stats(c, q.cluster.as_deref(), q.since))
        .await?;
    Ok(Json(s))
}

#[derive(Debug, Deserialize)]
pub struct ClusterParams {
    pub cluster: Option<String>,
    pub namespace: Option<String>,
}

/// Clusters a risk/topology call is about: the one asked for (404 when unknown), else all.
async fn clusters_of(app: &AppState, cluster: Option<String>) -> Result<Vec<String>, ApiError> {
    let all: Vec<String> = app
        .store
        .call(|c| crate::store::clusters::list(c))
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    match cluster {
        Some(c) if all.contains(&c) => Ok(vec![c]),
        Some(c) => Err(ApiError::NotFound(format!(
            "cluster {c} not found; list clusters with GET /api/v1/clusters"
        ))),
        None => Ok(all),
    }
}

pub async fn risk(
    State(app): State<AppState>,
    Query(q): Query<ClusterParams>,
) -> Result<Json<ListResponse<ClusterRisk>>, ApiError> {
    let clusters = clusters_of(&app, q.cluster).await?;
    // A cluster the engine has not seen yet has no risk entry (rather than a made-up zero).
    let items = clusters
        .iter()
        .filter_map(|c| app.aiops.risk(c))
        .map(|r| (*r).clone())
        .collect();
    Ok(Json(ListResponse {
        items,
        continue_token: None,
    }))
}

/// Split `cluster/namespace/kind/name` (namespace `_` = cluster-scoped).
fn split_key(key: &str) -> (String, Option<String>, String) {
    let mut it = key.splitn(4, '/');
    let cluster = it.next().unwrap_or_default().to_string();
    let ns = it
        .next()
        .filter(|n| *n != "_" && !n.is_empty())
        .map(str::to_string);
    let _kind = it.next();
    (cluster, ns, it.next().unwrap_or_default().to_string())
}

pub async fn topology(
    State(app): State<AppState>,
    Query(q): Query<ClusterParams>,
) -> Result<Json<Topology>, ApiError> {
    let clusters = clusters_of(&app, q.cluster).await?;
    let snaps: Vec<_> = clusters
        .iter()
        .filter_map(|c| app.hub.snapshot(c))
        .collect();
    let risks: Vec<_> = clusters.iter().filter_map(|c| app.aiops.risk(c)).collect();
    let rules = app.aiops.config().rules;
    let levels = app.aiops.config().risk.clone();
    let ns = q.namespace;
    let topo = tokio::task::spawn_blocking(move || {
        let risk: HashMap<&str, f64> = risks
            .iter()
            .flat_map(|r| r.entities.iter().map(|e| (e.entity.as_str(), e.r_final)))
            .collect();
        let mut topo = Topology::default();
        for snap in &snaps {
            topo.clusters.push(snap.cluster_id.clone());
            let obs = observe(snap, &rules);
            let in_ns = |key: &str| match &ns {
                Some(n) => split_key(key).1.as_deref() == Some(n.as_str()),
                None => true,
            };
            // With a namespace, keep its objects and what they depend on (e.g. their nodes).
            let base: BTreeSet<&str> = obs
                .entities
                .iter()
                .map(|e| e.key.as_str())
                .filter(|k| in_ns(k))
                .collect();
            let mut keep = base.clone();
            for e in &obs.edges {
                if base.contains(e.from.as_str()) || base.contains(e.to.as_str()) {
                    keep.insert(e.from.as_str());
                    keep.insert(e.to.as_str());
                    topo.edges.push(TopologyEdge {
                        from: e.from.clone(),
                        to: e.to.clone(),
                        kind: e.kind.as_str().to_string(),
                    });
                }
            }
            for ent in obs
                .entities
                .iter()
                .filter(|e| keep.contains(e.key.as_str()))
            {
                let r = risk.get(ent.key.as_str()).copied().unwrap_or(0.0);
                let (cluster, namespace, name) = split_key(&ent.key);
                topo.nodes.push(TopologyNode {
                    id: ent.key.clone(),
                    cluster,
                    kind: ent.kind.as_str().to_string(),
                    namespace,
                    name,
                    risk: r,
                    level: serde_json::to_value(levels.level(r))
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                });
            }
        }
        topo
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(topo))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_split_into_parts() {
        assert_eq!(split_key("c/_/node/n-1"), ("c".into(), None, "n-1".into()));
        assert_eq!(
            split_key("c/shop/pod/web-1"),
            ("c".into(), Some("shop".into()), "web-1".into())
        );
    }
}
