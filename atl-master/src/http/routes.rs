//! The route table: every route is registered through [`ApiRouter::add`], which records its
//! method, path, access rule and schemas. The auth/audit guard and the OpenAPI document are both
//! derived from that table, so a route cannot exist without being documented and guarded.

use std::collections::HashMap;

use atl_core::api::Role;
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post, put};
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Value, json};

use super::AppState;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No credentials (health, login, the OpenAPI document).
    Public,
    /// A user token whose effective role is at least this.
    User(Role),
    /// An agent token; the cluster is the token's.
    Agent,
}

pub type SchemaFn = fn(&mut SchemaGenerator) -> Schema;

/// `schema::<T>` as a function pointer for [`RouteDoc`].
pub fn schema<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// One documented route.
#[derive(Clone)]
pub struct RouteDoc {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub summary: &'static str,
    pub request: Option<SchemaFn>,
    pub response: Option<SchemaFn>,
    /// Query parameters (name, description).
    pub query: &'static [(&'static str, &'static str)],
}

impl RouteDoc {
    pub fn new(method: Method, path: &'static str, access: Access, summary: &'static str) -> Self {
        Self {
            method,
            path,
            access,
            summary,
            request: None,
            response: None,
            query: &[],
        }
    }
    pub fn req(mut self, f: SchemaFn) -> Self {
        self.request = Some(f);
        self
    }
    pub fn resp(mut self, f: SchemaFn) -> Self {
        self.response = Some(f);
        self
    }
    pub fn query(mut self, q: &'static [(&'static str, &'static str)]) -> Self {
        self.query = q;
        self
    }
    /// Mutating requests are always audited.
    pub fn mutating(&self) -> bool {
        !matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS)
    }
}

/// Lookup from (method, route pattern) to its doc, for the guard middleware.
pub type RouteIndex = HashMap<(Method, &'static str), RouteDoc>;

/// A router that documents itself.
pub struct ApiRouter {
    pub router: Router<AppState>,
    pub docs: Vec<RouteDoc>,
}

impl Default for ApiRouter {
    fn default() -> Self {
        Self {
            router: Router::new(),
            docs: Vec::new(),
        }
    }
}

impl ApiRouter {
    pub fn add<H, T>(mut self, doc: RouteDoc, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let mr: MethodRouter<AppState> = match doc.method {
            Method::GET => get(handler),
            Method::POST => post(handler),
            Method::PUT => put(handler),
            Method::PATCH => patch(handler),
            Method::DELETE => delete(handler),
            // Only the methods above are used; registering another is a programming error
            // caught by the route-table test.
            _ => MethodRouter::new(),
        };
        self.router = self.router.route(doc.path, mr);
        self.docs.push(doc);
        self
    }

    pub fn index(&self) -> RouteIndex {
        self.docs
            .iter()
            .map(|d| ((d.method.clone(), d.path), d.clone()))
            .collect()
    }
}

/// Build an OpenAPI 3.1 document from route tables.
pub fn openapi(title: &str, tables: &[(&str, &[RouteDoc])]) -> Value {
    let mut generator = schemars::generate::SchemaSettings::openapi3().into_generator();
    let mut paths = serde_json::Map::new();
    for (server, docs) in tables {
        for d in docs.iter() {
            let mut op = serde_json::Map::new();
            op.insert("summary".into(), json!(d.summary));
            op.insert("tags".into(), json!([server]));
            let (security, role) = match d.access {
                Access::Public => (json!([]), "public".to_string()),
                Access::User(r) => (json!([{"bearer": []}]), r.to_string()),
                Access::Agent => (json!([{"agentToken": []}]), "agent".to_string()),
            };
            op.insert("security".into(), security);
            op.insert("x-atl-access".into(), json!(role));
            let mut params: Vec<Value> = path_params(d.path)
                .into_iter()
                .map(|p| json!({"name": p, "in": "path", "required": true, "schema": {"type": "string"}}))
                .collect();
            params.extend(d.query.iter().map(|(n, desc)| {
                json!({"name": n, "in": "query", "required": false, "description": desc, "schema": {"type": "string"}})
            }));
            if !params.is_empty() {
                op.insert("parameters".into(), json!(params));
            }
            if let Some(f) = d.request {
                let s = f(&mut generator);
                op.insert(
                    "requestBody".into(),
                    json!({"required": true, "content": {"application/json": {"schema": s}}}),
                );
            }
            let ok = match d.response {
                Some(f) => {
                    let s = f(&mut generator);
                    json!({"description": "success", "content": {"application/json": {"schema": s}}})
                }
                None => json!({"description": "success"}),
            };
            op.insert(
                "responses".into(),
                json!({"200": ok, "default": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}}),
            );
            let entry = paths.entry(d.path.to_string()).or_insert_with(|| json!({}));
            if let Some(obj) = entry.as_object_mut() {
                obj.insert(d.method.as_str().to_ascii_lowercase(), Value::Object(op));
            }
        }
    }
    generator.subschema_for::<atl_core::api::ErrorBody>();
    let schemas: serde_json::Map<String, Value> = generator.take_definitions(true);
    json!({
        "openapi": "3.1.0",
        "info": {"title": title, "version": env!("CARGO_PKG_VERSION")},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "user session or API token (atl_…)"},
                "agentToken": {"type": "http", "scheme": "bearer", "description": "per-cluster agent token (atla_…), agent port only"}
            }
        }
    })
}

fn path_params(path: &str) -> Vec<&str> {
    path.split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect()
}
