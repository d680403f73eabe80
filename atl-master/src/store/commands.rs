//! Commands for agents and their results. The store keeps the command and result as JSON text so
//! this layer does not depend on the wire model; the API layer (de)serialises.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, parse_opt_ts, parse_role, parse_ts, ts};
use atl_core::api::Role;

/// Lifecycle (`atl_core::command::CommandState` names): `pending` → `running` (handed to the
/// agent, once) → `succeeded` | `failed` | `timed_out`.
#[derive(Debug, Clone, PartialEq)]
pub struct CommandRow {
    pub seq: i64,
    pub id: String,
    pub cluster_id: String,
    pub action: String,
    pub spec: String,
    pub min_role: Role,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub status: String,
    pub delivered_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub result: Option<String>,
}

const COLS: &str = "seq, id, cluster_id, action, spec, min_role, created_by, created_at, status, delivered_at, finished_at, result";

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn to_row(r: Raw) -> Result<CommandRow, StoreError> {
    Ok(CommandRow {
        seq: r.0,
        id: r.1,
        cluster_id: r.2,
        action: r.3,
        spec: r.4,
        min_role: parse_role(&r.5)?,
        created_by: r.6,
        created_at: parse_ts(&r.7)?,
        status: r.8,
        delivered_at: parse_opt_ts(r.9)?,
        finished_at: parse_opt_ts(r.10)?,
        result: r.11,
    })
}

pub struct NewCommand<'a> {
    pub id: &'a str,
    pub cluster_id: &'a str,
    pub action: &'a str,
    pub spec: &'a str,
    pub min_role: Role,
    pub created_by: &'a str,
    pub created_at: DateTime<Utc>,
}

pub fn insert(conn: &Connection, c: &NewCommand<'_>) -> Result<CommandRow, StoreError> {
    conn.execute(
        "INSERT INTO commands (id, cluster_id, action, spec, min_role, created_by, created_at, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pending')",
        params![
            c.id,
            c.cluster_id,
            c.action,
            c.spec,
            c.min_role.as_str(),
            c.created_by,
            ts(c.created_at)
        ],
    )
    .map_err(|e| super::conflict(e, format!("command {}", c.id)))?;
    get(conn, c.id)?.ok_or_else(|| StoreError::NotFound(format!("command {}", c.id)))
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<CommandRow>, StoreError> {
    conn.query_row(
        &format!("SELECT {COLS} FROM commands WHERE id = ?1"),
        [id],
        raw,
    )
    .optional()?
    .map(to_row)
    .transpose()
}

/// Newest first; `before_seq` pages.
pub fn list(
    conn: &Connection,
    cluster: Option<&str>,
    status: Option<&str>,
    before_seq: Option<i64>,
    limit: usize,
) -> Result<Vec<CommandRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM commands WHERE (?1 IS NULL OR cluster_id = ?1) AND (?2 IS NULL OR status = ?2)
         AND (?3 IS NULL OR seq < ?3) ORDER BY seq DESC LIMIT ?4"
    ))?;
    let rows = stmt.query_map(params![cluster, status, before_seq, limit as i64], raw)?;
    rows.map(|r| to_row(r?)).collect()
}

/// Atomically take the oldest pending command of a cluster and mark it delivered, so two
/// concurrent polls can never both receive it.
pub fn take_next(conn: &Connection, cluster: &str) -> Result<Option<CommandRow>, StoreError> {
    conn.query_row(
        &format!(
            "UPDATE commands SET status = 'running', delivered_at = ?2
             WHERE seq = (SELECT seq FROM commands WHERE cluster_id = ?1 AND status = 'pending' ORDER BY seq LIMIT 1)
             RETURNING {COLS}"
        ),
        params![cluster, ts(Utc::now())],
        raw,
    )
    .optional()?
    .map(to_row)
    .transpose()
}

/// Outcome of recording a result.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordOutcome {
    /// First result: stored.
    Stored(CommandRow),
    /// A result was already stored; nothing changed.
    Duplicate(CommandRow),
}

/// Store a result once. `cluster` must own the command (otherwise `NotFound`, so a foreign
/// agent learns nothing about other clusters' command ids).
pub fn record_result(
    conn: &mut Connection,
    cluster: &str,
    id: &str,
    state: &str,
    result_json: &str,
) -> Result<RecordOutcome, StoreError> {
    let tx = conn.transaction()?;
    let existing = tx
        .query_row(
            &format!("SELECT {COLS} FROM commands WHERE id = ?1 AND cluster_id = ?2"),
            params![id, cluster],
            raw,
        )
        .optional()?
        .map(to_row)
        .transpose()?
        .ok_or_else(|| StoreError::NotFound(format!("command {id} of cluster {cluster}")))?;
    if existing.result.is_some() {
        return Ok(RecordOutcome::Duplicate(existing));
    }
    tx.execute(
        "UPDATE commands SET status = ?2, result = ?3, finished_at = ?4,
                delivered_at = COALESCE(delivered_at, ?4) WHERE id = ?1",
        params![id, state, result_json, ts(Utc::now())],
    )?;
    let row = tx
        .query_row(
            &format!("SELECT {COLS} FROM commands WHERE id = ?1"),
            [id],
            raw,
        )
        .map_err(StoreError::from)
        .and_then(to_row)?;
    tx.commit()?;
    Ok(RecordOutcome::Stored(row))
}

/// Time out commands nobody will finish: pending (never picked up) since before
/// `pending_before`, or running longer than their own deadline plus `grace_secs`. Returns them.
pub fn expire_overdue(
    conn: &Connection,
    now: DateTime<Utc>,
    pending_before: DateTime<Utc>,
    grace_secs: i64,
) -> Result<Vec<CommandRow>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "UPDATE commands SET status = 'timed_out', finished_at = ?1
         WHERE (status = 'pending' AND created_at < ?2)
            OR (status = 'running' AND julianday(delivered_at)
                + (json_extract(spec, '$.deadline_secs') + ?3) / 86400.0 < julianday(?1))
         RETURNING {COLS}"
    ))?;
    let rows = stmt.query_map(params![ts(now), ts(pending_before), grace_secs], raw)?;
    rows.map(|r| to_row(r?)).collect()
}

/// Drop finished commands older than `before` (retention).
pub fn purge_finished_before(
    conn: &Connection,
    before: DateTime<Utc>,
) -> Result<usize, StoreError> {
    Ok(conn.execute(
        "DELETE FROM commands WHERE finished_at IS NOT NULL AND finished_at < ?1",
        [ts(before)],
    )?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::store::Store;

    fn spec(id: &str, deadline: u32) -> String {
        format!(r#"{{"id":"{id}","deadline_secs":{deadline}}}"#)
    }

    #[test]
    fn delivery_is_once_results_once_and_overdue_commands_time_out() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        store
            .call_sync(|c| {
                crate::store::clusters::create(c, "c1", "", "t", b"h1")?;
                let t0 = Utc::now() - chrono::Duration::hours(2);
                for (id, at) in [("old", t0), ("a", Utc::now()), ("b", Utc::now())] {
                    insert(
                        c,
                        &NewCommand {
                            id,
                            cluster_id: "c1",
                            action: "cordon",
                            spec: &spec(id, 1),
                            min_role: Role::Operator,
                            created_by: "u",
                            created_at: at,
                        },
                    )?;
                }
                Ok(())
            })
            .unwrap();
        store
            .call_sync(|c| {
                let first = take_next(c, "c1")?.unwrap();
                assert_eq!(first.id, "old", "oldest first");
                assert_eq!(first.status, "running");
                assert!(take_next(c, "other")?.is_none());
                let r1 = record_result(c, "c1", "old", "succeeded", "{}")?;
                assert!(matches!(r1, RecordOutcome::Stored(_)));
                let r2 = record_result(c, "c1", "old", "failed", "{\"x\":1}")?;
                match r2 {
                    RecordOutcome::Duplicate(row) => {
                        assert_eq!(row.status, "succeeded");
                        assert_eq!(row.result.as_deref(), Some("{}"));
                    }
                    other => panic!("{other:?}"),
                }
                assert!(matches!(
                    record_result(c, "c2", "a", "succeeded", "{}"),
                    Err(StoreError::NotFound(_))
                ));
                // "a" goes running with a 1 s deadline; "b" stays pending.
                assert_eq!(take_next(c, "c1")?.unwrap().id, "a");
                let now = Utc::now() + chrono::Duration::seconds(5);
                let expired = expire_overdue(c, now, now - chrono::Duration::hours(1), 2)?;
                let ids: Vec<_> = expired.iter().map(|r| r.id.as_str()).collect();
                assert_eq!(
                    ids,
                    vec!["a"],
                    "running past deadline+grace; fresh pending kept"
                );
                let expired = expire_overdue(c, now, now + chrono::Duration::hours(1), 2)?;
                assert_eq!(expired.len(), 1);
                assert_eq!(expired[0].id, "b");
                Ok(())
            })
            .unwrap();
    }
}
