//! Append-only audit log with time-based retention.

use atl_core::api::AuditEntry;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{StoreError, parse_role, parse_ts, ts};

/// A record to append (the id and time are assigned here).
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub actor: String,
    pub role: Option<atl_core::api::Role>,
    pub peer: String,
    pub action: String,
    pub target: String,
    pub result: String,
    pub status: u16,
    pub detail: Option<String>,
}

pub fn append(conn: &Connection, a: &NewAudit) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO audit (at, actor, role, peer, action, target, result, status, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            ts(Utc::now()),
            a.actor,
            a.role.map(|r| r.as_str()),
            a.peer,
            a.action,
            a.target,
            a.result,
            a.status,
            a.detail
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Filters for listing; newest first, paging by id (`before_id`).
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor: Option<String>,
    pub action_contains: Option<String>,
    pub result: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub before_id: Option<i64>,
    pub limit: usize,
}

pub fn list(conn: &Connection, q: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, role, peer, action, target, result, status, detail FROM audit
         WHERE (?1 IS NULL OR actor = ?1)
           AND (?2 IS NULL OR instr(action, ?2) > 0)
           AND (?3 IS NULL OR result = ?3)
           AND (?4 IS NULL OR at >= ?4)
           AND (?5 IS NULL OR id < ?5)
         ORDER BY id DESC LIMIT ?6",
    )?;
    let rows = stmt.query_map(
        params![
            q.actor,
            q.action_contains,
            q.result,
            q.since.map(ts),
            q.before_id,
            q.limit as i64
        ],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, u16>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        },
    )?;
    rows.map(|r| {
        let r = r?;
        Ok(AuditEntry {
            id: r.0,
            at: parse_ts(&r.1)?,
            actor: r.2,
            role: r.3.as_deref().map(parse_role).transpose()?,
            peer: r.4,
            action: r.5,
            target: r.6,
            result: r.7,
            status: r.8,
            detail: r.9,
        })
    })
    .collect()
}

/// Delete records older than `before` (retention job).
pub fn purge_before(conn: &Connection, before: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(conn.execute("DELETE FROM audit WHERE at < ?1", [ts(before)])?)
}
