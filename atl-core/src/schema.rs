//! JSON Schema of the snapshot, published in `docs/schema/snapshot.schema.json`.

use crate::snapshot::ClusterSnapshot;

/// The snapshot's JSON Schema as pretty JSON text (stable: same model, same bytes).
pub fn snapshot_schema_json() -> String {
    let schema = schemars::schema_for!(ClusterSnapshot);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
