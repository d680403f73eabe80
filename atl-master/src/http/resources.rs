//! Resource reads from the hub's latest snapshots, across one or all clusters, with kubectl-style
//! namespace / label / field filters and stable cursor paging.

use std::sync::Arc;

use atl_core::ClusterSnapshot;
use atl_core::api::{ListResponse, ResourceItem, Role, SeriesPoint};
use atl_core::kind::ResourceKind;
use atl_core::selector::LabelSelector;
use atl_core::snapshot::ObjectRef;
use axum::Extension;
use axum::Json;
use axum::extract::{Path, Query, State};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;

use super::AppState;
use super::error::ApiError;
use super::guard::Principal;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceParams {
    pub cluster: Option<String>,
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
    pub limit: Option<usize>,
    #[serde(rename = "continue")]
    pub continue_token: Option<String>,
    /// Events only: `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub event_type: Option<String>,
}

pub const RESOURCE_QUERY: &[(&str, &str)] = &[
    ("cluster", "one cluster id; absent = all clusters"),
    ("namespace", "one namespace"),
    (
        "labelSelector",
        "kubectl syntax: a=b, a!=b, a in (x,y), a notin (x), a, !a",
    ),
    (
        "fieldSelector",
        "metadata.name, metadata.namespace; pods also spec.nodeName, status.phase; = or !=",
    ),
    ("limit", "page size 1-5000, default 500"),
    ("continue", "cursor from the previous page"),
];

#[derive(Debug, Clone, PartialEq)]
enum Field {
    Name,
    Namespace,
    Node,
    Phase,
}

#[derive(Debug, Clone)]
struct FieldReq {
    field: Field,
    value: String,
    negate: bool,
}

fn parse_field_selector(text: &str, kind: ResourceKind) -> Result<Vec<FieldReq>, ApiError> {
    let mut out = Vec::new();
    for term in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (key, value, negate) = if let Some((k, v)) = term.split_once("!=") {
            (k, v, true)
        } else if let Some((k, v)) = term.split_once("==").or_else(|| term.split_once('=')) {
            (k, v, false)
        } else {
            return Err(ApiError::BadRequest(format!(
                "invalid field selector term {term:?}: use field=value or field!=value"
            )));
        };
        let field = match (key.trim(), kind) {
            ("metadata.name", _) => Field::Name,
            ("metadata.namespace", _) => Field::Namespace,
            ("spec.nodeName", ResourceKind::Pod) => Field::Node,
            ("status.phase", ResourceKind::Pod) => Field::Phase,
            (other, _) => {
                return Err(ApiError::BadRequest(format!(
                    "field {other:?} is not supported for {kind}: use metadata.name, metadata.namespace{}",
                    if kind == ResourceKind::Pod {
                        ", spec.nodeName or status.phase"
                    } else {
                        ""
                    }
                )));
            }
        };
        out.push(FieldReq {
            field,
            value: value.trim().to_string(),
            negate,
        });
    }
    Ok(out)
}

fn field_matches(o: ObjectRef<'_>, reqs: &[FieldReq]) -> bool {
    reqs.iter().all(|r| {
        let m = o.meta();
        let actual: &str = match (&r.field, o) {
            (Field::Name, _) => &m.name,
            (Field::Namespace, _) => m.namespace_str(),
            (Field::Node, ObjectRef::Pod(p)) => p.node.as_deref().unwrap_or(""),
            (Field::Phase, ObjectRef::Pod(p)) => p.phase.as_str(),
            _ => "",
        };
        (actual == r.value) != r.negate
    })
}

/// Cursor = last (cluster, namespace, name) of the previous page.
fn encode_cursor(k: &(String, String, String)) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}\u{0}{}\u{0}{}", k.0, k.1, k.2))
}

fn decode_cursor(c: &str) -> Result<(String, String, String), ApiError> {
    let bad = || ApiError::BadRequest("invalid continue token; start again without it".into());
    let raw = URL_SAFE_NO_PAD.decode(c).map_err(|_| bad())?;
    let s = String::from_utf8(raw).map_err(|_| bad())?;
    let mut it = s.split('\u{0}');
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(a), Some(b), Some(c), None) => Ok((a.into(), b.into(), c.into())),
        _ => Err(bad()),
    }
}

fn parse_kind(kind: &str, p: &Principal) -> Result<ResourceKind, ApiError> {
    let k: ResourceKind = kind
        .parse()
        .map_err(|e: atl_core::kind::UnknownKind| ApiError::NotFound(e.to_string()))?;
    if k == ResourceKind::Secret {
        // Snapshots carry only Secret names, keys and types; still, operators only.
        p.require(Role::Operator)?;
    }
    Ok(k)
}

fn snapshots_for(app: &AppState, cluster: Option<&str>) -> Vec<Arc<ClusterSnapshot>> {
    match cluster {
        Some(c) => app.hub.snapshot(c).into_iter().collect(),
        None => app.hub.snapshots(),
    }
}

/// Filter, sort and page objects of one kind across the chosen snapshots.
pub fn query(
    snaps: &[Arc<ClusterSnapshot>],
    kind: ResourceKind,
    q: &ResourceParams,
    extra: impl Fn(ObjectRef<'_>) -> bool,
) -> Result<ListResponse<ResourceItem>, ApiError> {
    let labels = match q.label_selector.as_deref() {
        Some(s) => LabelSelector::parse(s).map_err(|e| ApiError::BadRequest(e.to_string()))?,
        None => LabelSelector::default(),
    };
    let fields = match q.field_selector.as_deref() {
        Some(s) => parse_field_selector(s, kind)?,
        None => Vec::new(),
    };
    let limit = q.limit.unwrap_or(500).clamp(1, 5000);
    let after = q.continue_token.as_deref().map(decode_cursor).transpose()?;
    let mut hits: Vec<((&str, &str, &str), ObjectRef<'_>)> = Vec::new();
    for s in snaps {
        for o in s.resources.objects(kind) {
            let m = o.meta();
            if q.namespace
                .as_deref()
                .is_some_and(|ns| m.namespace_str() != ns)
            {
                continue;
            }
            if !labels.matches(&m.labels) || !field_matches(o, &fields) || !extra(o) {
                continue;
            }
            let key = (s.cluster_id.as_str(), m.namespace_str(), m.name.as_str());
            if let Some(a) = &after
                && key <= (a.0.as_str(), a.1.as_str(), a.2.as_str())
            {
                continue;
            }
            hits.push((key, o));
        }
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    let more = hits.len() > limit;
    hits.truncate(limit);
    let continue_token = if more {
        hits.last()
            .map(|(k, _)| encode_cursor(&(k.0.to_string(), k.1.to_string(), k.2.to_string())))
    } else {
        None
    };
    let items = hits
        .into_iter()
        .map(|((cluster, _, _), o)| ResourceItem {
            cluster: cluster.to_string(),
            kind,
            object: o.to_json(),
        })
        .collect();
    Ok(ListResponse {
        items,
        continue_token,
    })
}

pub async fn list(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(kind): Path<String>,
    Query(q): Query<ResourceParams>,
) -> Result<Json<ListResponse<ResourceItem>>, ApiError> {
    let kind = parse_kind(&kind, &p)?;
    let snaps = snapshots_for(&app, q.cluster.as_deref());
    Ok(Json(query(&snaps, kind, &q, |_| true)?))
}

pub async fn get(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    Path((kind, name)): Path<(String, String)>,
    Query(mut q): Query<ResourceParams>,
) -> Result<Json<ResourceItem>, ApiError> {
    let kind = parse_kind(&kind, &p)?;
    let snaps = snapshots_for(&app, q.cluster.as_deref());
    q.limit = Some(2);
    q.continue_token = None;
    let page = query(&snaps, kind, &q, |o| o.meta().name == name)?;
    let mut items = page.items;
    match items.len() {
        0 => Err(ApiError::NotFound(format!(
            "{kind} {name:?} not found{}",
            q.cluster
                .as_deref()
                .map(|c| format!(" in cluster {c}"))
                .unwrap_or_default()
        ))),
        1 => Ok(Json(items.remove(0))),
        _ => Err(ApiError::Conflict(format!(
            "{kind} {name:?} exists in more than one cluster or namespace; pass cluster= and namespace="
        ))),
    }
}

pub async fn events(
    State(app): State<AppState>,
    Query(q): Query<ResourceParams>,
) -> Result<Json<ListResponse<ResourceItem>>, ApiError> {
    let snaps = snapshots_for(&app, q.cluster.as_deref());
    let wanted = q.event_type.clone();
    Ok(Json(query(&snaps, ResourceKind::Event, &q, |o| {
        match (o, &wanted) {
            (ObjectRef::Event(e), Some(t)) => e.type_.eq_ignore_ascii_case(t),
            _ => true,
        }
    })?))
}

pub async fn series(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ListResponse<SeriesPoint>>, ApiError> {
    let st = app
        .hub
        .state(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no data for cluster {id} yet")))?;
    Ok(Json(ListResponse {
        items: st.history.points.into_iter().collect(),
        continue_token: None,
    }))
}

/// The latest snapshot's telemetry. 404 when the agent sent none (no ClickHouse configured, or
/// an agent without telemetry), so a client can tell "no data" from an empty cluster.
pub async fn telemetry(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<atl_core::telemetry::Telemetry>, ApiError> {
    let snap = app
        .hub
        .snapshot(&id)
        .ok_or_else(|| ApiError::NotFound(format!("no data for cluster {id} yet")))?;
    snap.telemetry.clone().map(Json).ok_or_else(|| {
        ApiError::NotFound(format!(
            "cluster {id} sends no telemetry; give its agent --clickhouse-url"
        ))
    })
}
