//! HTTP server for the Kubernetes REST API over a [`SimCluster`].

mod discovery;
mod metrics;
pub mod patch;
pub mod rest;
pub mod table;
mod watch;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use serde_json::{Value, json};

use self::patch::PatchType;
use self::rest::{DeleteOptions, ListQuery, UpdateScope};
use crate::SimCluster;
use crate::api_error::ApiError;
use crate::controllers::pods;
use crate::error::SimError;
use crate::kinds::Kind;
use crate::logs::{self, LogOptions};
use crate::select::{FieldSel, LabelSel};
use crate::store::ObjKey;

/// A running server; dropping it keeps the server running, [`SimServerHandle::stop`] ends it.
#[derive(Debug)]
pub struct SimServerHandle {
    addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl SimServerHandle {
    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Writes a kubeconfig pointing at this server.
    pub fn write_kubeconfig(&self, path: &std::path::Path) -> Result<(), SimError> {
        crate::kubeconfig::write(path, &self.url())
    }

    /// Stops accepting connections and ends the server task.
    pub fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.task.abort();
    }

    /// Waits until the server ends.
    pub async fn wait(self) {
        let _ = self.task.await;
    }
}

/// The API server.
#[derive(Debug)]
pub struct SimServer;

#[derive(Clone)]
struct App {
    cluster: SimCluster,
    address: String,
}

impl SimServer {
    /// Starts serving `cluster` on `addr` (port 0 picks a free port). Returns the bound address.
    pub async fn start(
        cluster: SimCluster,
        addr: SocketAddr,
    ) -> Result<(SocketAddr, SimServerHandle), SimError> {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let app = App {
            cluster,
            address: local.to_string(),
        };
        let router = Router::new()
            .route("/version", get(|| async { ok(discovery::version()) }))
            .route("/version/", get(|| async { ok(discovery::version()) }))
            .route("/api", get(api_versions))
            .route("/api/", get(api_versions))
            .route("/apis", get(|| async { ok(discovery::api_groups()) }))
            .route("/apis/", get(|| async { ok(discovery::api_groups()) }))
            .route("/healthz", get(|| async { "ok" }))
            .route("/readyz", get(|| async { "ok" }))
            .route("/livez", get(|| async { "ok" }))
            .route("/api/{*rest}", any(handle))
            .route("/apis/{*rest}", any(handle))
            .fallback(|uri: Uri| async move { error(&ApiError::no_route(uri.path())) })
            .with_state(app);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, router).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "simulated API server stopped");
            }
        });
        Ok((
            local,
            SimServerHandle {
                addr: local,
                task,
                shutdown: Some(tx),
            },
        ))
    }
}

async fn api_versions(State(app): State<App>) -> Response {
    ok(discovery::api_versions(&app.address))
}

fn json_response(code: StatusCode, v: &Value) -> Response {
    let body = serde_json::to_vec(v).unwrap_or_default();
    (code, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn ok(v: Value) -> Response {
    json_response(StatusCode::OK, &v)
}

fn error(e: &ApiError) -> Response {
    let code = StatusCode::from_u16(e.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(code, &e.to_status())
}

/// A parsed resource URL.
#[derive(Debug)]
struct Target {
    kind: Kind,
    namespace: Option<String>,
    name: Option<String>,
    sub: Option<String>,
}

enum Route {
    Discovery(String, String),
    Metrics(Vec<String>),
    Resource(Target),
}

fn parse(path: &str) -> Result<Route, ApiError> {
    let segs: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let no_route = || ApiError::no_route(path);
    let (group, version, rest) = match segs.as_slice() {
        ["api", v, rest @ ..] => ("", *v, rest),
        ["apis", g, v, rest @ ..] => (*g, *v, rest),
        _ => return Err(no_route()),
    };
    if rest.is_empty() {
        return Ok(Route::Discovery(group.to_owned(), version.to_owned()));
    }
    if group == discovery::METRICS_GROUP {
        return Ok(Route::Metrics(
            rest.iter().map(|s| (*s).to_owned()).collect(),
        ));
    }
    let namespaced = match rest {
        ["namespaces", ns, plural, tail @ ..] if tail.len() <= 2 => {
            Kind::from_path(group, version, plural).map(|k| (k, Some((*ns).to_owned()), tail))
        }
        _ => None,
    };
    let (kind, namespace, tail) = match namespaced {
        Some(x) => x,
        None => {
            let (plural, tail) = rest.split_first().ok_or_else(no_route)?;
            (
                Kind::from_path(group, version, plural).ok_or_else(no_route)?,
                None,
                tail,
            )
        }
    };
    if tail.len() > 2
        || (namespace.is_some() != kind.info().namespaced
            && !(namespace.is_none() && tail.is_empty()))
    {
        return Err(no_route());
    }
    if let Some(sub) = tail.get(1)
        && !kind.subresources().iter().any(|s| s.name == *sub)
    {
        return Err(no_route());
    }
    Ok(Route::Resource(Target {
        kind,
        namespace,
        name: tail.first().map(|s| (*s).to_owned()),
        sub: tail.get(1).map(|s| (*s).to_owned()),
    }))
}

fn param_bool(p: &BTreeMap<String, String>, k: &str) -> bool {
    matches!(p.get(k).map(String::as_str), Some("true" | "1"))
}

fn param_i64(p: &BTreeMap<String, String>, k: &str) -> Result<Option<i64>, ApiError> {
    p.get(k)
        .filter(|v| !v.is_empty())
        .map(|v| {
            v.parse::<i64>()
                .map_err(|_| ApiError::bad_request(format!("{k} must be an integer, got {v:?}")))
        })
        .transpose()
}

fn body_json(body: &Bytes) -> Result<Value, ApiError> {
    if body.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("the request body is not valid JSON: {e}")))
}

async fn handle(
    State(app): State<App>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Query(params): Query<BTreeMap<String, String>>,
    body: Bytes,
) -> Response {
    tracing::debug!(%method, %uri, "request");
    match route(&app, &method, &uri, &headers, &params, &body) {
        Ok(r) => r,
        Err(e) => error(&e),
    }
}

fn route(
    app: &App,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    params: &BTreeMap<String, String>,
    body: &Bytes,
) -> Result<Response, ApiError> {
    let labels = LabelSel::parse(params.get("labelSelector").map_or("", String::as_str))?;
    if uri.path().trim_end_matches('/') == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        && method == Method::POST
    {
        // kubectl sends this one as protobuf; the answer does not depend on the question.
        let mut review = body_json(body).ok().filter(Value::is_object).unwrap_or_else(
            || json!({"kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1", "metadata": {}, "spec": {}}),
        );
        review["status"] = json!({"allowed": true, "reason": "atl-sim has no authorization: every request is allowed"});
        return Ok(json_response(StatusCode::CREATED, &review));
    }
    match parse(uri.path())? {
        Route::Discovery(g, v) => discovery::resource_list(&g, &v)
            .map(ok)
            .ok_or_else(|| ApiError::no_route(uri.path())),
        Route::Metrics(rest) => {
            let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
            app.cluster
                .read(|s| metrics::serve(s, &rest, &labels))
                .map(ok)
        }
        Route::Resource(t) => resource(app, method, headers, params, body, t, labels),
    }
}

/// A followed log: what is there, then new lines as simulated time passes, until the container
/// stops, the pod goes away or the client disconnects.
fn follow_logs(
    cluster: SimCluster,
    key: ObjKey,
    opts: LogOptions,
    first: String,
    now_ms: i64,
) -> impl futures::Stream<Item = Result<Bytes, std::convert::Infallible>> {
    let start = (Some(first), now_ms);
    futures::stream::unfold(start, move |(first, last_ms)| {
        let (cluster, key, opts) = (cluster.clone(), key.clone(), opts.clone());
        async move {
            if let Some(text) = first {
                return Some((Ok(Bytes::from(text)), (None, last_ms)));
            }
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                let step = cluster.read(|s| {
                    let pod = rest::pod(s, &key).ok()?;
                    if !logs::running(&pod, opts.container.as_deref()) {
                        return None;
                    }
                    let o = LogOptions {
                        tail_lines: None,
                        since_seconds: None,
                        after_ms: Some(last_ms),
                        ..opts.clone()
                    };
                    Some((
                        logs::render(&pod, &o, s.now_ms).unwrap_or_default(),
                        s.now_ms,
                    ))
                });
                match step {
                    None => return None,
                    Some((text, now)) if !text.is_empty() => {
                        return Some((Ok(Bytes::from(text)), (None, now)));
                    }
                    Some(_) => {}
                }
            }
        }
    })
}

fn wants_table(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("as=Table"))
}

fn resource(
    app: &App,
    method: &Method,
    headers: &HeaderMap,
    params: &BTreeMap<String, String>,
    body: &Bytes,
    t: Target,
    labels: LabelSel,
) -> Result<Response, ApiError> {
    let info = t.kind.info();
    let key = ObjKey::new(
        t.namespace.as_deref().unwrap_or(""),
        t.name.as_deref().unwrap_or(""),
    );
    let cluster = &app.cluster;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json");
    match (method.clone(), t.name.as_deref(), t.sub.as_deref()) {
        (Method::GET, None, None) => {
            let query = ListQuery {
                namespace: t.namespace.clone(),
                labels,
                fields: FieldSel::parse(params.get("fieldSelector").map_or("", String::as_str))?,
                limit: param_i64(params, "limit")?.unwrap_or(0).max(0) as usize,
                continue_token: params.get("continue").filter(|c| !c.is_empty()).cloned(),
            };
            if param_bool(params, "watch") {
                let wp = watch::WatchParams {
                    kind: t.kind,
                    query,
                    resource_version: params.get("resourceVersion").cloned(),
                    send_initial_events: param_bool(params, "sendInitialEvents"),
                    bookmarks: param_bool(params, "allowWatchBookmarks"),
                    timeout: param_i64(params, "timeoutSeconds")?
                        .map(|s| Duration::from_secs(s.max(0) as u64)),
                    table: wants_table(headers),
                };
                let stream = watch::stream(cluster.clone(), wp)?;
                return Ok((
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "application/json")],
                    Body::from_stream(stream),
                )
                    .into_response());
            }
            let (page, now) = cluster.read(|s| (rest::list(s, t.kind, &query), s.now_ms));
            let page = page?;
            if wants_table(headers) {
                return Ok(ok(table::table(
                    t.kind,
                    &page.items,
                    page.resource_version,
                    page.continue_token.as_deref(),
                    now,
                )));
            }
            let mut meta = json!({"resourceVersion": page.resource_version.to_string()});
            if let Some(c) = &page.continue_token {
                meta["continue"] = json!(c);
            }
            if let Some(r) = page.remaining {
                meta["remainingItemCount"] = json!(r);
            }
            Ok(ok(
                json!({"kind": info.list_kind, "apiVersion": info.api_version, "metadata": meta, "items": page.items}),
            ))
        }
        (Method::GET, Some(_), None | Some("status")) => {
            let (obj, now, rv) = cluster.read(|s| {
                (
                    rest::get(s, t.kind, &key),
                    s.now_ms,
                    s.store.resource_version(),
                )
            });
            let obj = obj?;
            if wants_table(headers) && t.sub.is_none() {
                return Ok(ok(table::table(t.kind, &[obj], rv, None, now)));
            }
            Ok(ok(obj))
        }
        (Method::GET, Some(_), Some("scale")) if rest::scalable(t.kind) => cluster
            .read(|s| rest::get(s, t.kind, &key))
            .map(|o| ok(rest::scale_of(&o))),
        (Method::GET, Some(_), Some("log")) if t.kind == Kind::Pod => {
            let opts = LogOptions {
                container: params.get("container").filter(|c| !c.is_empty()).cloned(),
                tail_lines: param_i64(params, "tailLines")?,
                since_seconds: param_i64(params, "sinceSeconds")?,
                previous: param_bool(params, "previous"),
                timestamps: param_bool(params, "timestamps"),
                after_ms: None,
            };
            let (text, now_ms) = cluster.read(|s| {
                (
                    rest::pod(s, &key).and_then(|p| logs::render(&p, &opts, s.now_ms)),
                    s.now_ms,
                )
            });
            let text = text?;
            if param_bool(params, "follow") && !opts.previous {
                let stream = follow_logs(cluster.clone(), key, opts, text, now_ms);
                return Ok((
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "text/plain")],
                    Body::from_stream(stream),
                )
                    .into_response());
            }
            Ok((StatusCode::OK, [(header::CONTENT_TYPE, "text/plain")], text).into_response())
        }
        (Method::POST, None, None) => {
            let body = body_json(body)?;
            let created =
                cluster.write(|s| rest::create(s, t.kind, t.namespace.as_deref(), body))?;
            Ok(json_response(StatusCode::CREATED, &created))
        }
        (Method::POST, Some(_), Some("eviction")) if t.kind == Kind::Pod => {
            let body = body_json(body)?;
            let grace = body
                .pointer("/deleteOptions/gracePeriodSeconds")
                .and_then(Value::as_i64);
            cluster.write(|s| pods::evict(s, &key.namespace, &key.name, grace))?;
            Ok(json_response(
                StatusCode::CREATED,
                &json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201}),
            ))
        }
        (Method::PUT, Some(_), None | Some("status")) => {
            let body = body_json(body)?;
            let scope = if t.sub.is_some() {
                UpdateScope::Status
            } else {
                UpdateScope::Main
            };
            cluster
                .write(|s| rest::replace(s, t.kind, &key, scope, body))
                .map(ok)
        }
        (Method::PUT, Some(_), Some("scale")) if rest::scalable(t.kind) => {
            let body = body_json(body)?;
            cluster
                .write(|s| {
                    rest::update_scale(s, t.kind, &key, |scale| {
                        scale["spec"] = body.get("spec").cloned().unwrap_or(Value::Null);
                        Ok(())
                    })
                })
                .map(ok)
        }
        (Method::PATCH, Some(_), sub) => {
            let pt = PatchType::from_content_type(content_type)?;
            let body = body_json(body)?;
            match sub {
                None => cluster
                    .write(|s| rest::patch(s, t.kind, &key, UpdateScope::Main, &body, pt))
                    .map(ok),
                Some("status") => cluster
                    .write(|s| rest::patch(s, t.kind, &key, UpdateScope::Status, &body, pt))
                    .map(ok),
                Some("scale") if rest::scalable(t.kind) => cluster
                    .write(|s| {
                        rest::update_scale(s, t.kind, &key, |scale| patch::apply(scale, &body, pt))
                    })
                    .map(ok),
                Some(other) => Err(ApiError::no_route(other)),
            }
        }
        (Method::DELETE, Some(_), None) => {
            let body = body_json(body)?;
            let opts = DeleteOptions {
                grace_seconds: param_i64(params, "gracePeriodSeconds")?
                    .or_else(|| body.get("gracePeriodSeconds").and_then(Value::as_i64)),
                propagation: params.get("propagationPolicy").cloned().or_else(|| {
                    body.get("propagationPolicy")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                }),
            };
            cluster
                .write(|s| rest::delete(s, t.kind, &key, &opts))
                .map(ok)
        }
        (Method::DELETE, None, None) => {
            let query = ListQuery {
                namespace: t.namespace.clone(),
                labels,
                fields: FieldSel::parse(params.get("fieldSelector").map_or("", String::as_str))?,
                ..ListQuery::default()
            };
            let deleted = cluster.write(|s| -> Result<Vec<Value>, ApiError> {
                let page = rest::list(s, t.kind, &query)?;
                let mut out = Vec::new();
                for item in page.items {
                    let k = ObjKey::new(
                        item.pointer("/metadata/namespace")
                            .and_then(Value::as_str)
                            .unwrap_or(""),
                        item.pointer("/metadata/name")
                            .and_then(Value::as_str)
                            .unwrap_or(""),
                    );
                    out.push(rest::delete(s, t.kind, &k, &DeleteOptions::default())?);
                }
                Ok(out)
            })?;
            Ok(ok(
                json!({"kind": info.list_kind, "apiVersion": info.api_version, "metadata": {}, "items": deleted}),
            ))
        }
        _ => Err(ApiError::method_not_allowed(format!(
            "{method} is not supported on {}{}",
            info.plural,
            t.sub.map(|s| format!("/{s}")).unwrap_or_default()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths() {
        let Ok(Route::Resource(t)) = parse("/api/v1/namespaces/shop/pods/web-1/log") else {
            panic!("no route")
        };
        assert_eq!(
            (
                t.kind,
                t.namespace.as_deref(),
                t.name.as_deref(),
                t.sub.as_deref()
            ),
            (Kind::Pod, Some("shop"), Some("web-1"), Some("log"))
        );
        let Ok(Route::Resource(t)) = parse("/api/v1/namespaces/shop") else {
            panic!("no route")
        };
        assert_eq!((t.kind, t.name.as_deref()), (Kind::Namespace, Some("shop")));
        let Ok(Route::Resource(t)) = parse("/apis/apps/v1/deployments") else {
            panic!("no route")
        };
        assert_eq!((t.kind, t.namespace), (Kind::Deployment, None));
        assert!(matches!(parse("/apis/apps/v1"), Ok(Route::Discovery(..))));
        assert!(parse("/api/v1/nodes/n1/pods").is_err());
        assert!(parse("/api/v1/pods/x").is_err());
    }
}
