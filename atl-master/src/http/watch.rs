//! `GET /api/v1/watch`: Server-Sent Events of cluster status changes and command updates.
//! The caller's token is re-checked every [`RECHECK`], so a revoked token or disabled user loses
//! the stream within that time; command results are withheld per the caller's current role.

use std::convert::Infallible;
use std::time::Duration;

use atl_core::api::{ClusterStatus, WatchEvent};
use axum::Extension;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures::Stream;
use tokio::sync::broadcast::error::RecvError;

use super::AppState;
use super::commands::redact_for;
use super::guard::{Principal, authenticate_user};

const RECHECK: Duration = Duration::from_secs(15);

struct WatchState {
    app: AppState,
    headers: HeaderMap,
    principal: Principal,
    rx: tokio::sync::broadcast::Receiver<WatchEvent>,
    initial: Vec<WatchEvent>,
    next_check: tokio::time::Instant,
    closed: bool,
}

fn to_sse(ev: &WatchEvent) -> Event {
    // The SSE event name is the JSON `type` tag (cluster_status, command, incident_created, …).
    let data = serde_json::to_value(ev).unwrap_or_default();
    let name = data
        .get("type")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("message")
        .to_string();
    Event::default().event(name).data(data.to_string())
}

pub async fn watch(
    State(app): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.hub.subscribe();
    // Start with the current status of every cluster the hub knows, so a client needs no
    // separate list call to render its first frame.
    let mut initial = Vec::new();
    let clusters = app
        .store
        .call(|c| crate::store::clusters::list(c))
        .await
        .unwrap_or_default();
    for c in clusters {
        let status = app.hub.status_of(&c.id);
        initial.push(WatchEvent::ClusterStatus {
            cluster: c.id,
            status,
            previous: None::<ClusterStatus>,
            at: chrono::Utc::now(),
        });
    }
    initial.reverse();
    app.metrics.inc("atl_watch_streams_total", &[]);
    let st = WatchState {
        app,
        headers,
        principal: p,
        rx,
        initial,
        next_check: tokio::time::Instant::now() + RECHECK,
        closed: false,
    };
    let stream = futures::stream::unfold(st, |mut st| async move {
        if st.closed {
            return None;
        }
        if let Some(ev) = st.initial.pop() {
            return Some((Ok(to_sse(&ev)), st));
        }
        loop {
            tokio::select! {
                msg = st.rx.recv() => match msg {
                    Ok(WatchEvent::Command { record }) => {
                        let ev = WatchEvent::Command { record: Box::new(redact_for(*record, st.principal.role)) };
                        return Some((Ok(to_sse(&ev)), st));
                    }
                    Ok(ev) => return Some((Ok(to_sse(&ev)), st)),
                    Err(RecvError::Lagged(n)) => {
                        let ev = Event::default().event("lagged").data(format!("{{\"missed\":{n}}}"));
                        return Some((Ok(ev), st));
                    }
                    Err(RecvError::Closed) => return None,
                },
                // Clients reconnect with back-off; ending here lets the listener drain.
                _ = async { st.app.stopping.wait_for(|v| *v).await.is_ok() } => return None,
                _ = tokio::time::sleep_until(st.next_check) => {
                    st.next_check = tokio::time::Instant::now() + RECHECK;
                    match authenticate_user(&st.app, &st.headers).await {
                        Ok(p) => st.principal = p,
                        Err(e) => {
                            st.closed = true;
                            let ev = Event::default().event("error").data(e.to_string());
                            return Some((Ok(ev), st));
                        }
                    }
                }
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
