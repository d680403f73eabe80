//! Watch streams: newline-delimited JSON events read from the change log, with initial events,
//! bookmarks, timeouts and 410 Gone for versions the log no longer holds.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::rest::{self, ListQuery};
use crate::SimCluster;
use crate::api_error::ApiError;
use crate::kinds::Kind;
use crate::store::{Change, ChangeType, LogRead};

/// How often an idle watch that asked for bookmarks gets one.
const BOOKMARK_EVERY: Duration = Duration::from_secs(2);
/// Server-side default watch timeout when the client gives none.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1800);
/// Changes sent per read of the log.
const BATCH: usize = 500;

/// Parameters of a watch request.
#[derive(Debug, Clone)]
pub struct WatchParams {
    /// Kind watched.
    pub kind: Kind,
    /// Filters.
    pub query: ListQuery,
    /// `resourceVersion` ("" / "0" / a number).
    pub resource_version: Option<String>,
    /// `sendInitialEvents=true`.
    pub send_initial_events: bool,
    /// `allowWatchBookmarks=true`.
    pub bookmarks: bool,
    /// `timeoutSeconds`.
    pub timeout: Option<Duration>,
    /// Objects as one-row `Table`s (kubectl get -w asks for them).
    pub table: bool,
}

/// How a change looks through a watch's selectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Visible {
    /// Not at all.
    No,
    /// As it happened.
    Yes,
    /// A modification that made the object match the label selector: ADDED for this watch.
    Entered,
    /// A modification that made it stop matching: DELETED for this watch.
    Left,
}

fn visible(q: &ListQuery, c: &Change) -> Visible {
    if !rest::matches_scope(q, &c.object) {
        return Visible::No;
    }
    let now = rest::matches_labels(q, &c.object);
    if c.change != ChangeType::Modified || q.labels.is_empty() {
        return if now { Visible::Yes } else { Visible::No };
    }
    let before = q.labels.matches(c.old_labels.as_ref());
    match (before, now) {
        (true, true) => Visible::Yes,
        (false, true) => Visible::Entered,
        (true, false) => Visible::Left,
        (false, false) => Visible::No,
    }
}

/// The event line for an object, as itself or as a one-row Table.
fn event(kind: Kind, type_: &str, object: Value, table: Option<(u64, i64)>) -> Bytes {
    let object = match table {
        Some((rv, now_ms)) => super::table::table(kind, &[object], rv, None, now_ms),
        None => object,
    };
    line(&json!({"type": type_, "object": object}))
}

fn line(v: &Value) -> Bytes {
    let mut s = serde_json::to_vec(v).unwrap_or_default();
    s.push(b'\n');
    Bytes::from(s)
}

fn bookmark(kind: Kind, rv: u64, initial_end: bool) -> Bytes {
    let info = kind.info();
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if initial_end {
        meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
    }
    line(
        &json!({"type": "BOOKMARK", "object": {"kind": info.kind_name, "apiVersion": info.api_version, "metadata": meta}}),
    )
}

fn expired(rv: u64) -> Bytes {
    let status = ApiError::gone(format!("too old resource version: {rv}")).to_status();
    line(&json!({"type": "ERROR", "object": status}))
}

struct WatchState {
    cluster: SimCluster,
    params: WatchParams,
    rx: tokio::sync::watch::Receiver<u64>,
    last_rv: u64,
    pending: VecDeque<Bytes>,
    deadline: Instant,
    next_bookmark: Instant,
    done: bool,
}

/// Starts a watch; the stream ends at the timeout, on 410, or when the client goes away.
pub fn stream(
    cluster: SimCluster,
    params: WatchParams,
) -> Result<impl Stream<Item = Result<Bytes, Infallible>>, ApiError> {
    let rx = cluster.subscribe();
    let mut pending = VecDeque::new();
    let rv_param = params.resource_version.clone().unwrap_or_default();
    let initial = params.send_initial_events || rv_param.is_empty() || rv_param == "0";
    let last_rv = if initial {
        let page = cluster.read(|s| {
            rest::list(
                s,
                params.kind,
                &ListQuery {
                    limit: 0,
                    continue_token: None,
                    ..params.query.clone()
                },
            )
        })?;
        let table = params
            .table
            .then(|| (page.resource_version, cluster.read(|s| s.now_ms)));
        for item in page.items {
            pending.push_back(event(params.kind, "ADDED", item, table));
        }
        if params.send_initial_events {
            pending.push_back(bookmark(params.kind, page.resource_version, true));
        }
        page.resource_version
    } else {
        rv_param
            .parse::<u64>()
            .map_err(|_| ApiError::bad_request(format!("invalid resourceVersion {rv_param:?}")))?
    };
    let now = Instant::now();
    let st = WatchState {
        cluster,
        deadline: now + params.timeout.unwrap_or(DEFAULT_TIMEOUT),
        next_bookmark: now + BOOKMARK_EVERY,
        params,
        rx,
        last_rv,
        pending,
        done: false,
    };
    Ok(futures::stream::unfold(st, |mut st| async move {
        loop {
            if let Some(b) = st.pending.pop_front() {
                return Some((Ok(b), st));
            }
            if st.done {
                return None;
            }
            let (kind, q) = (st.params.kind, &st.params.query);
            let (read, latest, now_ms) = st.cluster.read(|s| {
                let r = s.store.log().read(st.last_rv, BATCH, |c| {
                    c.kind == kind && visible(q, c) != Visible::No
                });
                (r, s.store.resource_version(), s.now_ms)
            });
            match (read, latest) {
                (LogRead::Expired, _) => {
                    st.pending.push_back(expired(st.last_rv));
                    st.done = true;
                    continue;
                }
                (LogRead::Changes(changes, upto), latest) => {
                    let caught_up = changes.len() < BATCH;
                    for c in changes {
                        let type_ = match visible(q, &c) {
                            Visible::Entered => "ADDED",
                            Visible::Left => "DELETED",
                            _ => c.change.as_str(),
                        };
                        let table = st.params.table.then_some((c.rv, now_ms));
                        st.pending
                            .push_back(event(kind, type_, (*c.object).clone(), table));
                    }
                    st.last_rv = if caught_up { latest.max(upto) } else { upto };
                    if !st.pending.is_empty() {
                        continue;
                    }
                }
            }
            tokio::select! {
                changed = st.rx.changed() => {
                    if changed.is_err() {
                        return None;
                    }
                }
                () = tokio::time::sleep_until(st.next_bookmark) => {
                    st.next_bookmark = Instant::now() + BOOKMARK_EVERY;
                    if st.params.bookmarks {
                        st.pending.push_back(bookmark(kind, st.last_rv, false));
                    }
                }
                () = tokio::time::sleep_until(st.deadline) => {
                    return None;
                }
            }
        }
    }))
}
