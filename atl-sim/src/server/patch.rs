//! PATCH bodies: JSON merge patch (RFC 7386), strategic merge patch (merge patch plus lists of
//! objects merged by their `name`/`type`/… key, as for containers and env) and JSON patch (RFC 6902).

use serde_json::{Map, Value};

use crate::api_error::ApiError;

/// Patch flavours by Content-Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    /// `application/merge-patch+json`.
    Merge,
    /// `application/strategic-merge-patch+json`.
    Strategic,
    /// `application/json-patch+json`.
    Json,
}

impl PatchType {
    /// From a Content-Type header.
    pub fn from_content_type(ct: &str) -> Result<Self, ApiError> {
        let ct = ct.split(';').next().unwrap_or("").trim();
        match ct {
            "application/merge-patch+json" => Ok(Self::Merge),
            "application/strategic-merge-patch+json" => Ok(Self::Strategic),
            "application/json-patch+json" => Ok(Self::Json),
            other => Err(ApiError::unsupported_media(format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json (got {other:?})"
            ))),
        }
    }
}

/// Applies a patch to a document.
pub fn apply(doc: &mut Value, patch: &Value, kind: PatchType) -> Result<(), ApiError> {
    match kind {
        PatchType::Merge => {
            merge(doc, patch, false);
            Ok(())
        }
        PatchType::Strategic => {
            merge(doc, patch, true);
            Ok(())
        }
        PatchType::Json => json_patch(doc, patch),
    }
}

/// Keys by which strategic merge patch merges lists of objects.
const MERGE_KEYS: &[&str] = &["name", "type", "containerPort", "mountPath", "ip", "key"];

fn merge(doc: &mut Value, patch: &Value, strategic: bool) {
    let Value::Object(p) = patch else {
        *doc = patch.clone();
        return;
    };
    if !doc.is_object() {
        *doc = Value::Object(Map::new());
    }
    let Value::Object(d) = doc else { return };
    for (k, v) in p {
        if strategic && k.starts_with('$') {
            continue;
        }
        if v.is_null() {
            d.remove(k);
            continue;
        }
        match (d.get_mut(k), v) {
            (Some(Value::Array(cur)), Value::Array(items)) if strategic => merge_list(cur, items),
            (Some(cur), Value::Object(_)) => merge(cur, v, strategic),
            _ => {
                let mut fresh = Value::Null;
                merge(&mut fresh, v, strategic);
                d.insert(k.clone(), if v.is_object() { fresh } else { v.clone() });
            }
        }
    }
}

fn merge_list(cur: &mut Vec<Value>, items: &[Value]) {
    let key = MERGE_KEYS
        .iter()
        .find(|k| !items.is_empty() && items.iter().all(|i| i.get(**k).is_some()));
    let Some(key) = key else {
        *cur = items.to_vec();
        return;
    };
    for item in items {
        let id = &item[*key];
        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match cur.iter().position(|c| c.get(*key) == Some(id)) {
            Some(i) if delete => {
                cur.remove(i);
            }
            Some(i) => merge(&mut cur[i], item, true),
            None if delete => {}
            None => {
                let mut fresh = Value::Null;
                merge(&mut fresh, item, true);
                cur.push(fresh);
            }
        }
    }
}

fn pointer_parts(path: &str) -> Result<Vec<String>, ApiError> {
    let rest = path
        .strip_prefix('/')
        .ok_or_else(|| ApiError::bad_request(format!("invalid JSON patch path {path:?}")))?;
    Ok(rest
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect())
}

fn json_patch(doc: &mut Value, patch: &Value) -> Result<(), ApiError> {
    let ops = patch
        .as_array()
        .ok_or_else(|| ApiError::bad_request("a JSON patch must be an array of operations"))?;
    for op in ops {
        let name = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let parts = pointer_parts(path)?;
        let (last, parents) = parts
            .split_last()
            .ok_or_else(|| ApiError::bad_request("JSON patch path must not be empty"))?;
        let missing = || ApiError::invalid(format!("JSON patch path {path:?} does not exist"));
        let mut parent = &mut *doc;
        for p in parents {
            parent = match parent {
                Value::Object(m) => m.get_mut(p).ok_or_else(missing)?,
                Value::Array(a) => p
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.get_mut(i))
                    .ok_or_else(missing)?,
                _ => return Err(missing()),
            };
        }
        let value = op.get("value").cloned();
        match (name, parent) {
            ("add" | "replace", Value::Object(m)) => {
                if name == "replace" && !m.contains_key(last) {
                    return Err(missing());
                }
                m.insert(last.clone(), value.unwrap_or(Value::Null));
            }
            ("add", Value::Array(a)) => {
                let v = value.unwrap_or(Value::Null);
                if last == "-" {
                    a.push(v);
                } else {
                    let i = last
                        .parse::<usize>()
                        .ok()
                        .filter(|i| *i <= a.len())
                        .ok_or_else(missing)?;
                    a.insert(i, v);
                }
            }
            ("replace", Value::Array(a)) => {
                let slot = last
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.get_mut(i))
                    .ok_or_else(missing)?;
                *slot = value.unwrap_or(Value::Null);
            }
            ("remove", Value::Object(m)) => {
                m.remove(last).ok_or_else(missing)?;
            }
            ("remove", Value::Array(a)) => {
                let i = last
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < a.len())
                    .ok_or_else(missing)?;
                a.remove(i);
            }
            ("test", p) => {
                let cur = match p {
                    Value::Object(m) => m.get(last),
                    Value::Array(a) => last.parse::<usize>().ok().and_then(|i| a.get(i)),
                    _ => None,
                };
                if cur != value.as_ref() {
                    return Err(ApiError::invalid(format!(
                        "JSON patch test failed at {path:?}"
                    )));
                }
            }
            (other, _) => {
                return Err(ApiError::bad_request(format!(
                    "unsupported JSON patch operation {other:?} at {path:?}"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_and_strategic() {
        let mut d = json!({"spec": {"unschedulable": true, "x": 1}, "l": [1, 2]});
        apply(
            &mut d,
            &json!({"spec": {"unschedulable": null}, "l": [3]}),
            PatchType::Merge,
        )
        .unwrap();
        assert_eq!(d, json!({"spec": {"x": 1}, "l": [3]}));
        let mut d =
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y"}]});
        apply(
            &mut d,
            &json!({"$setElementOrder/containers": [{"name": "a"}], "containers": [{"name": "b", "image": "z"}]}),
            PatchType::Strategic,
        )
        .unwrap();
        assert_eq!(
            d,
            json!({"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "z"}]})
        );
    }

    #[test]
    fn json_patch_ops() {
        let mut d = json!({"metadata": {"labels": {"a": "1"}}, "l": [1]});
        apply(
            &mut d,
            &json!([
                {"op": "add", "path": "/metadata/labels/b~1c", "value": "2"},
                {"op": "replace", "path": "/metadata/labels/a", "value": "3"},
                {"op": "add", "path": "/l/-", "value": 2},
                {"op": "test", "path": "/l/0", "value": 1},
                {"op": "remove", "path": "/l/0"}
            ]),
            PatchType::Json,
        )
        .unwrap();
        assert_eq!(
            d,
            json!({"metadata": {"labels": {"a": "3", "b/c": "2"}}, "l": [2]})
        );
        assert!(
            apply(
                &mut d,
                &json!([{"op": "replace", "path": "/nope", "value": 1}]),
                PatchType::Json
            )
            .is_err()
        );
    }
}
