#![allow(clippy::unwrap_used)]
//! The published JSON Schema must match the model. Refresh with
//! `ATL_UPDATE_SCHEMA=1 cargo test -p atl-core --test schema`.

use std::path::PathBuf;

#[test]
fn published_snapshot_schema_is_current() {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/schema/snapshot.schema.json");
    let fresh = atl_core::schema::snapshot_schema_json();
    if std::env::var_os("ATL_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/schema/snapshot.schema.json is stale: run `ATL_UPDATE_SCHEMA=1 cargo test -p atl-core --test schema` and commit it"
    );
}

#[test]
fn every_field_is_documented() {
    // Every property in the schema carries a description, so every snapshot field has a meaning.
    let schema: serde_json::Value =
        serde_json::from_str(&atl_core::schema::snapshot_schema_json()).unwrap();
    let mut missing = Vec::new();
    walk(&schema, "", &mut missing);
    assert!(
        missing.is_empty(),
        "fields without a doc comment: {missing:#?}"
    );
}

fn walk(v: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                for (name, prop) in props {
                    // Tags of internally tagged enums (`const`/`enum`) document themselves.
                    let documented = prop.get("description").is_some()
                        || prop.get("const").is_some()
                        || prop.get("enum").is_some();
                    // Lists of one kind are documented by their item type.
                    // Lists of one kind are documented by their item type; the per-kind collection
                    // map by CollectionStatus.
                    let is_resource_list =
                        path.ends_with("Resources") || path.ends_with("collection");
                    if !documented && !is_resource_list {
                        missing.push(format!("{path}.{name}"));
                    }
                }
            }
            for (k, child) in map {
                let p = if k == "$defs" || k == "properties" {
                    path.to_string()
                } else {
                    format!("{path}/{k}")
                };
                let p = if let Some(defs) = map.get("$defs").and_then(|d| d.as_object()) {
                    if defs.contains_key(k) { k.clone() } else { p }
                } else {
                    p
                };
                walk(child, &p, missing);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, path, missing)),
        _ => {}
    }
}
