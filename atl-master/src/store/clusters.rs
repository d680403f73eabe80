//! Registered clusters and their agent tokens (HMAC only).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, conflict, parse_ts, ts};

#[derive(Debug, Clone, PartialEq)]
pub struct ClusterRow {
    pub id: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
}

type Raw = (String, String, String, String);

fn to_row(r: Raw) -> Result<ClusterRow, StoreError> {
    Ok(ClusterRow {
        id: r.0,
        description: r.1,
        created_at: parse_ts(&r.2)?,
        created_by: r.3,
    })
}

pub fn create(
    conn: &Connection,
    id: &str,
    description: &str,
    created_by: &str,
    agent_token_hash: &[u8],
) -> Result<ClusterRow, StoreError> {
    conn.execute(
        "INSERT INTO clusters (id, description, created_at, created_by, agent_token_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, description, ts(Utc::now()), created_by, agent_token_hash],
    )
    .map_err(|e| conflict(e, format!("cluster {id:?}")))?;
    get(conn, id)?.ok_or_else(|| StoreError::NotFound(format!("cluster {id}")))
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<ClusterRow>, StoreError> {
    conn.query_row(
        "SELECT id, description, created_at, created_by FROM clusters WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .optional()?
    .map(to_row)
    .transpose()
}

pub fn list(conn: &Connection) -> Result<Vec<ClusterRow>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT id, description, created_at, created_by FROM clusters ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.map(|r| to_row(r?)).collect()
}

/// The cluster an agent token belongs to.
pub fn by_agent_token(conn: &Connection, hash: &[u8]) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id FROM clusters WHERE agent_token_hash = ?1",
            [hash],
            |r| r.get(0),
        )
        .optional()?)
}

/// Delete a cluster; its commands go with it (ON DELETE CASCADE). The audit log keeps them.
pub fn delete(conn: &Connection, id: &str) -> Result<(), StoreError> {
    if conn.execute("DELETE FROM clusters WHERE id = ?1", [id])? == 0 {
        return Err(StoreError::NotFound(format!("cluster {id}")));
    }
    Ok(())
}
