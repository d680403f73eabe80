//! Versioned schema migrations, tracked in `PRAGMA user_version`. Append new steps; never edit a
//! released one.

use rusqlite::Connection;

use super::StoreError;

const MIGRATIONS: &[&str] = &[
    // 1: users, tokens, clusters, commands, audit.
    r#"
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('session','api')),
    name         TEXT NOT NULL,
    role         TEXT NOT NULL CHECK (role IN ('viewer','operator','admin')),
    token_hash   BLOB NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT,
    revoked_at   TEXT,
    last_used_at TEXT
);
CREATE INDEX tokens_user ON tokens(user_id);
CREATE TABLE clusters (
    id               TEXT PRIMARY KEY,
    description      TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    agent_token_hash BLOB NOT NULL UNIQUE
);
CREATE TABLE commands (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    cluster_id   TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    action       TEXT NOT NULL,
    spec         TEXT NOT NULL,
    min_role     TEXT NOT NULL CHECK (min_role IN ('viewer','operator','admin')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    status       TEXT NOT NULL,
    delivered_at TEXT,
    finished_at  TEXT,
    result       TEXT
);
CREATE INDEX commands_pending ON commands(cluster_id, status, seq);
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    role   TEXT,
    peer   TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    result TEXT NOT NULL,
    status INTEGER NOT NULL,
    detail TEXT
);
CREATE INDEX audit_at ON audit(at);
"#,
    // 2: AIOps incidents, their entities and timelines.
    super::incidents::MIGRATION,
];

/// Apply every migration newer than the database's `user_version`, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if current > supported {
        return Err(StoreError::TooNew {
            found: current,
            supported,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
