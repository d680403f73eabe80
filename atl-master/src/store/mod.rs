//! SQLite persistence.
//!
//! One connection behind a `std::sync::Mutex`, used from `spawn_blocking`: SQLite serialises
//! writers anyway, our write rate is small (users, tokens, commands, audit), and one connection
//! makes every transaction trivially serialisable. Reads take the same lock; a bearer-token lookup
//! is a single indexed row (microseconds), so the lock is never held long.
//!
//! Durability: WAL with `synchronous=FULL`. In WAL mode `NORMAL` already survives a process
//! `kill -9` (the WAL is in the OS page cache), but only `FULL` also survives power loss and OS
//! crashes; the cost (one fsync per commit) is irrelevant at our write rate, so a 2xx answer always
//! means the row is on disk.

pub mod audit;
pub mod clusters;
pub mod commands;
pub mod incidents;
mod migrations;
pub mod tokens;
pub mod users;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot open database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("cannot create database file {path}: {source}")]
    CreateFile {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "database schema version {found} is newer than this master supports ({supported}); upgrade atl-master"
    )]
    TooNew { found: i64, supported: i64 },
    #[error("{0} already exists")]
    Conflict(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("stored value is corrupt: {0}")]
    Corrupt(String),
    #[error("database worker failed: {0}")]
    Worker(String),
}

/// Handle to the database; cheap to clone.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Open (creating if needed) the database file and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        create_private(path).map_err(|source| StoreError::CreateFile {
            path: path.display().to_string(),
            source,
        })?;
        let mut conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut conn)?;
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Run `f` with the connection on the blocking pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            // A panic inside `f` drops its transaction (rolled back), so the connection is
            // still consistent: recover from poisoning instead of failing every later call.
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| StoreError::Worker(e.to_string()))?
    }

    /// Run `f` on the calling thread (start-up and tests only).
    pub fn call_sync<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut guard = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }
}

/// Create the database file readable by the owner only, before SQLite opens it: SQLite gives
/// the `-wal` and `-shm` files the database file's permissions.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path).map(|_| ())
}

/// Timestamps are stored as RFC 3339 UTC with microseconds, so lexical order = time order.
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_ts(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {s:?}: {e}")))
}

pub(crate) fn parse_opt_ts(s: Option<String>) -> Result<Option<DateTime<Utc>>, StoreError> {
    s.as_deref().map(parse_ts).transpose()
}

pub(crate) fn parse_role(s: &str) -> Result<atl_core::api::Role, StoreError> {
    s.parse()
        .map_err(|e: atl_core::role::UnknownRole| StoreError::Corrupt(e.to_string()))
}

/// Map a UNIQUE violation to `Conflict(what)`.
pub(crate) fn conflict(e: rusqlite::Error, what: impl Into<String>) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(err, _)
            if err.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            StoreError::Conflict(what.into())
        }
        _ => StoreError::Sqlite(e),
    }
}
