//! Users table.

use atl_core::api::{Role, UserInfo};
use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, conflict, parse_role, parse_ts, ts};

/// A user row including the password hash (never leaves the master).
#[derive(Debug, Clone)]
pub struct UserRow {
    pub info: UserInfo,
    pub password_hash: String,
}

const COLS: &str = "id, username, role, disabled, created_at, password_hash";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(i64, String, String, bool, String, String)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn to_user(t: (i64, String, String, bool, String, String)) -> Result<UserRow, StoreError> {
    Ok(UserRow {
        info: UserInfo {
            id: t.0,
            username: t.1,
            role: parse_role(&t.2)?,
            disabled: t.3,
            created_at: parse_ts(&t.4)?,
        },
        password_hash: t.5,
    })
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
}

pub fn create(
    conn: &Connection,
    username: &str,
    password_hash: &str,
    role: Role,
) -> Result<UserInfo, StoreError> {
    let now = ts(Utc::now());
    conn.execute(
        "INSERT INTO users (username, password_hash, role, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![username, password_hash, role.as_str(), now],
    )
    .map_err(|e| conflict(e, format!("user {username:?}")))?;
    let id = conn.last_insert_rowid();
    get(conn, id)?
        .map(|u| u.info)
        .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<UserRow>, StoreError> {
    conn.query_row(
        &format!("SELECT {COLS} FROM users WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .map(to_user)
    .transpose()
}

pub fn by_username(conn: &Connection, username: &str) -> Result<Option<UserRow>, StoreError> {
    conn.query_row(
        &format!("SELECT {COLS} FROM users WHERE username = ?1"),
        [username],
        from_row,
    )
    .optional()?
    .map(to_user)
    .transpose()
}

pub fn list(conn: &Connection) -> Result<Vec<UserInfo>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM users ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| to_user(r?).map(|u| u.info)).collect()
}

/// Apply the given changes; `None` leaves a field as it is.
pub fn update(
    conn: &Connection,
    id: i64,
    password_hash: Option<&str>,
    role: Option<Role>,
    disabled: Option<bool>,
) -> Result<UserInfo, StoreError> {
    let changed = conn.execute(
        "UPDATE users SET password_hash = COALESCE(?2, password_hash), role = COALESCE(?3, role),
            disabled = COALESCE(?4, disabled), updated_at = ?5 WHERE id = ?1",
        params![
            id,
            password_hash,
            role.map(Role::as_str),
            disabled,
            ts(Utc::now())
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound(format!("user {id}")));
    }
    get(conn, id)?
        .map(|u| u.info)
        .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

/// Delete a user; their tokens go with them (ON DELETE CASCADE).
pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    if conn.execute("DELETE FROM users WHERE id = ?1", [id])? == 0 {
        return Err(StoreError::NotFound(format!("user {id}")));
    }
    Ok(())
}

/// Number of enabled admins other than `except` (guards against locking everyone out).
pub fn other_active_admins(conn: &Connection, except: i64) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?1",
        [except],
        |r| r.get(0),
    )?)
}
