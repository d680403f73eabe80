//! Paths and wire shapes of the master's user API (/api/v1), in one place.
//!
//! Typed shapes come from `atl_core::api`; endpoints the master is still growing (resources,
//! commands, incidents) are decoded tolerantly (lists may be bare arrays or `{items, continue}`).

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

/// The latest telemetry of one cluster (404 when its agent sends none).
pub fn cluster_telemetry(id: &str) -> String {
    format!("{CLUSTERS}/{id}/telemetry")
}

pub fn resources(kind: &str) -> String {
    format!("/api/v1/resources/{kind}")
}

/// Splits a list answer into its items and the continue token for the next page.
pub fn list_page(v: Value) -> (Vec<Value>, Option<String>) {
    match v {
        Value::Array(a) => (a, None),
        Value::Object(mut m) => {
            let cont = m
                .remove("continue")
                .or_else(|| {
                    m.get_mut("metadata")
                        .and_then(|md| md.get_mut("continue"))
                        .map(Value::take)
                })
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

/// `POST /api/v1/commands` body, borrowing the action (the typed owner is
/// `atl_core::api::CreateCommandRequest`; this form avoids a clone per submission).
#[derive(Debug, serde::Serialize)]
pub struct CommandRequest<'a> {
    pub cluster: &'a str,
    pub action: &'a atl_core::command::Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_secs: Option<u32>,
}

/// A command record read loosely (`state`, `result.output`, `result.error`), for callers that
/// must keep going on a master whose record shape moved on (the dashboard).
#[derive(Debug, Clone, serde::Serialize)]
#[serde(transparent)]
pub struct CommandView(pub Value);

impl CommandView {
    pub fn id(&self) -> String {
        let nested = self.0.pointer("/command/id").and_then(Value::as_str);
        nested.map_or_else(|| str_of(&self.0, &["id", "command_id"]), str::to_string)
    }

    pub fn state(&self) -> String {
        let s = str_of(&self.0, &["state", "status"]);
        if s.is_empty() {
            str_of(&self.result(), &["outcome"])
        } else {
            s
        }
    }

    pub fn result(&self) -> Value {
        match self.0.get("result") {
            Some(Value::String(s)) => {
                serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone()))
            }
            Some(v) => v.clone(),
            None => Value::Null,
        }
    }

    pub fn is_final(&self) -> bool {
        !matches!(self.state().as_str(), "" | "pending" | "running")
    }

    pub fn error(&self) -> Option<String> {
        let e = str_of(&self.result(), &["error"]);
        let e = if e.is_empty() {
            str_of(&self.0, &["error"])
        } else {
            e
        };
        (!e.is_empty()).then_some(e)
    }

    /// The agent's output: `{"type":"text","data":"..."}` or `{"type":"json","data":{...}}`.
    pub fn output(&self) -> Option<atl_core::command::CommandOutput> {
        self.result()
            .get("output")
            .cloned()
            .and_then(|o| serde_json::from_value(o).ok())
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
