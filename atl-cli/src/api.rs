//! Paths and wire shapes of the master's user API (/api/v1), in one place.
//!
//! TODO(merge master): replace the local shapes with `atl_core::api` when it lands; decoding is
//! deliberately tolerant (lists may be bare arrays or `{items, continue}`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const LOGIN: &str = "/api/v1/login";
pub const ME: &str = "/api/v1/me";
pub const CLUSTERS: &str = "/api/v1/clusters";
pub const EVENTS: &str = "/api/v1/events";
pub const COMMANDS: &str = "/api/v1/commands";
pub const AUDIT: &str = "/api/v1/audit";
pub const USERS: &str = "/api/v1/users";
pub const TOKENS: &str = "/api/v1/tokens";
pub const INCIDENTS: &str = "/api/v1/incidents";
pub const RISK: &str = "/api/v1/risk";
pub const TOPOLOGY: &str = "/api/v1/topology";
pub const WATCH: &str = "/api/v1/watch";

pub fn resources(kind: &str) -> String {
    format!("/api/v1/resources/{kind}")
}

#[derive(Debug, Serialize)]
pub struct LoginRequest<'a> {
    pub username: &'a str,
    pub password: &'a str,
}

#[derive(Debug, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    #[serde(default)]
    pub role: Option<String>,
}

/// Splits a list answer into its items and the continue token for the next page.
pub fn list_page(v: Value) -> (Vec<Value>, Option<String>) {
    match v {
        Value::Array(a) => (a, None),
        Value::Object(mut m) => {
            let cont = m
                .remove("continue")
                .or_else(|| m.get_mut("metadata").and_then(|md| md.get_mut("continue")).map(Value::take))
                .and_then(|c| c.as_str().map(str::to_string))
                .filter(|c| !c.is_empty());
            match m.remove("items") {
                Some(Value::Array(a)) => (a, cont),
                Some(other) => (vec![other], cont),
                None => (vec![Value::Object(m)], cont),
            }
        }
        other => (vec![other], None),
    }
}

/// A command as the client submits it: target cluster plus the typed operation.
#[derive(Debug, Serialize)]
pub struct CommandRequest<'a> {
    pub cluster: &'a str,
    pub command: &'a crate::ops::Operation,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CommandStatus {
    pub id: String,
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl CommandStatus {
    pub fn is_final(&self) -> bool {
        !matches!(self.status.as_str(), "" | "pending" | "queued" | "running" | "dispatched")
    }
    pub fn succeeded(&self) -> bool {
        matches!(self.status.as_str(), "succeeded" | "success" | "ok" | "done" | "completed")
    }
}

/// String field from any of the given keys (tolerates camelCase/snake_case differences).
pub fn str_of(v: &Value, keys: &[&str]) -> String {
    keys.iter()
        .find_map(|k| match v.get(k) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pages_decode_every_shape() {
        assert_eq!(list_page(json!([1, 2])).0.len(), 2);
        let (items, cont) = list_page(json!({"items": [1], "continue": "abc"}));
        assert_eq!((items.len(), cont.as_deref()), (1, Some("abc")));
        let (_, cont) = list_page(json!({"items": [], "metadata": {"continue": ""}}));
        assert_eq!(cont, None);
    }
}
