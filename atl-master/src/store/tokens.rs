//! User tokens (login sessions and API tokens). Only an HMAC of each token value is stored.

use atl_core::api::{Role, TokenInfo};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{StoreError, parse_opt_ts, parse_role, parse_ts, ts};

/// What a presented token resolves to, with the owner's *current* state.
#[derive(Debug, Clone)]
pub struct TokenOwner {
    pub token_id: String,
    pub user_id: i64,
    pub username: String,
    /// The token's own cap.
    pub token_role: Role,
    /// The owner's role now.
    pub user_role: Role,
    pub user_disabled: bool,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

pub struct NewToken<'a> {
    pub id: &'a str,
    pub user_id: i64,
    pub kind: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub hash: &'a [u8],
    pub expires_at: Option<DateTime<Utc>>,
}

pub fn insert(conn: &Connection, t: &NewToken<'_>) -> Result<TokenInfo, StoreError> {
    conn.execute(
        "INSERT INTO tokens (id, user_id, kind, name, role, token_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            t.id,
            t.user_id,
            t.kind,
            t.name,
            t.role.as_str(),
            t.hash,
            ts(Utc::now()),
            t.expires_at.map(ts)
        ],
    )?;
    get(conn, t.id)?.ok_or_else(|| StoreError::NotFound(format!("token {}", t.id)))
}

/// Resolve a token hash; also stamps `last_used_at` (at most once a minute, to keep writes rare).
pub fn lookup(conn: &Connection, hash: &[u8]) -> Result<Option<TokenOwner>, StoreError> {
    let row = conn
        .query_row(
            "SELECT t.id, t.user_id, u.username, t.role, u.role, u.disabled, t.expires_at,
                    t.revoked_at IS NOT NULL, t.last_used_at
             FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1",
            [hash],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((id, user_id, username, trole, urole, disabled, expires, revoked, last_used)) = row
    else {
        return Ok(None);
    };
    let now = Utc::now();
    let stale = match parse_opt_ts(last_used)? {
        Some(t) => now - t > chrono::Duration::seconds(60),
        None => true,
    };
    if stale && !revoked {
        conn.execute(
            "UPDATE tokens SET last_used_at = ?2 WHERE id = ?1",
            params![id, ts(now)],
        )?;
    }
    Ok(Some(TokenOwner {
        token_id: id,
        user_id,
        username,
        token_role: parse_role(&trole)?,
        user_role: parse_role(&urole)?,
        user_disabled: disabled,
        expires_at: parse_opt_ts(expires)?,
        revoked,
    }))
}

const INFO_COLS: &str = "t.id, t.name, t.kind, t.role, u.username, t.created_at, t.expires_at, t.revoked_at, t.last_used_at";

fn info_row(r: &Row<'_>) -> rusqlite::Result<[Option<String>; 9]> {
    let mut out: [Option<String>; 9] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = r.get(i)?;
    }
    Ok(out)
}

fn to_info(c: [Option<String>; 9]) -> Result<TokenInfo, StoreError> {
    let [id, name, kind, role, owner, created, expires, revoked, used] = c;
    let req = |v: Option<String>| v.ok_or_else(|| StoreError::Corrupt("null token column".into()));
    Ok(TokenInfo {
        id: req(id)?,
        name: req(name)?,
        kind: req(kind)?,
        role: parse_role(&req(role)?)?,
        owner: req(owner)?,
        created_at: parse_ts(&req(created)?)?,
        expires_at: parse_opt_ts(expires)?,
        revoked_at: parse_opt_ts(revoked)?,
        last_used_at: parse_opt_ts(used)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<TokenInfo>, StoreError> {
    conn.query_row(
        &format!(
            "SELECT {INFO_COLS} FROM tokens t JOIN users u ON u.id = t.user_id WHERE t.id = ?1"
        ),
        [id],
        info_row,
    )
    .optional()?
    .map(to_info)
    .transpose()
}

/// Owner id of a token.
pub fn owner_of(conn: &Connection, id: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .query_row("SELECT user_id FROM tokens WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// API tokens of one user, or of everyone (`None`, admins).
pub fn list(conn: &Connection, user_id: Option<i64>) -> Result<Vec<TokenInfo>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {INFO_COLS} FROM tokens t JOIN users u ON u.id = t.user_id
         WHERE t.kind = 'api' AND (?1 IS NULL OR t.user_id = ?1) ORDER BY t.created_at"
    ))?;
    let rows = stmt.query_map([user_id], info_row)?;
    rows.map(|r| to_info(r?)).collect()
}

/// Mark revoked. Idempotent; returns false when the token does not exist.
pub fn revoke(conn: &Connection, id: &str) -> Result<bool, StoreError> {
    Ok(conn.execute(
        "UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
        params![id, ts(Utc::now())],
    )? > 0)
}

/// Revoke every session of a user (password change, disable).
pub fn revoke_sessions_of(conn: &Connection, user_id: i64) -> Result<usize, StoreError> {
    Ok(conn.execute(
        "UPDATE tokens SET revoked_at = ?2 WHERE user_id = ?1 AND kind = 'session' AND revoked_at IS NULL",
        params![user_id, ts(Utc::now())],
    )?)
}

/// Drop sessions expired or revoked more than a day ago (retention).
pub fn purge_dead_sessions(conn: &Connection, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let cutoff = ts(now - chrono::Duration::days(1));
    Ok(conn.execute(
        "DELETE FROM tokens WHERE kind = 'session' AND (expires_at < ?1 OR revoked_at < ?1)",
        [cutoff],
    )?)
}
