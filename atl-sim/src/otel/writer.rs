//! Sends rows to ClickHouse over its HTTP interface (`INSERT INTO … FORMAT JSONEachRow`, the
//! statement in the `query` parameter and the rows in the body), with a bounded buffer so that a
//! ClickHouse outage neither stops the simulator nor grows memory: failed inserts stay queued and
//! are retried on the next flush; beyond the bound the oldest are dropped and counted.

use std::collections::VecDeque;
use std::time::Duration;

use super::rows::{OtelBatch, TableRows};

/// The exporter's table layout (the same DDL the agent's tests use); `{db}` is the database.
const SCHEMA: &str = include_str!("../../../tools/chdb_front/otel_schema.sql");

/// Rows kept while ClickHouse does not take them (over an hour of the demo scenario).
pub const DEFAULT_MAX_BUFFERED_ROWS: usize = 500_000;

/// Why rows could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OtelWriteError {
    /// The URL or database name cannot work.
    #[error("invalid ClickHouse settings: {0}")]
    Config(String),
    /// ClickHouse could not be reached or did not answer in time.
    #[error(
        "cannot reach ClickHouse at {url} ({what}): {source}; rows stay queued and are retried"
    )]
    Unreachable {
        /// Redacted URL.
        url: String,
        /// The table or statement.
        what: String,
        /// Client error.
        #[source]
        source: reqwest::Error,
    },
    /// ClickHouse answered with an error.
    #[error("ClickHouse refused {what} (HTTP {status}): {message}")]
    Refused {
        /// The table or statement.
        what: String,
        /// HTTP status.
        status: u16,
        /// ClickHouse's error text (first 500 characters).
        message: String,
    },
}

/// Writes exporter rows into one ClickHouse database.
#[derive(Debug)]
pub struct OtelWriter {
    client: reqwest::Client,
    url: reqwest::Url,
    database: String,
    user: Option<String>,
    password: Option<String>,
    queue: VecDeque<TableRows>,
    queued_rows: usize,
    max_rows: usize,
    dropped_rows: u64,
    written_rows: u64,
    schema_ready: bool,
}

fn redact(url: &reqwest::Url) -> String {
    let mut u = url.clone();
    // Setting credentials on an http(s) URL cannot fail; a URL that cannot hold them has none.
    let _ = u.set_username("");
    let _ = u.set_password(None);
    u.to_string()
}

impl OtelWriter {
    /// A writer for the ClickHouse HTTP interface at `url` (e.g. `http://127.0.0.1:8123`) and
    /// database `database` (a plain name).
    pub fn new(url: &str, database: &str) -> Result<Self, OtelWriteError> {
        let parsed = reqwest::Url::parse(url).map_err(|e| {
            OtelWriteError::Config(format!(
                "--clickhouse-url {url:?} is not a URL ({e}); use the HTTP interface, e.g. http://127.0.0.1:8123"
            ))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(OtelWriteError::Config(format!(
                "--clickhouse-url must be http:// or https:// (the HTTP interface, port 8123 by default), got {}",
                redact(&parsed)
            )));
        }
        let valid = !database.is_empty()
            && database
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(OtelWriteError::Config(format!(
                "--clickhouse-database must be a plain name (letters, digits, _), got {database:?}"
            )));
        }
        // https needs a crypto provider; installing fails only when one is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| OtelWriteError::Config(format!("cannot build the HTTP client: {e}")))?;
        let user = (!parsed.username().is_empty()).then(|| parsed.username().to_owned());
        let password = parsed.password().map(str::to_owned);
        let mut url = parsed;
        let _ = url.set_username("");
        let _ = url.set_password(None);
        Ok(Self {
            client,
            url,
            database: database.to_owned(),
            user,
            password,
            queue: VecDeque::new(),
            queued_rows: 0,
            max_rows: DEFAULT_MAX_BUFFERED_ROWS,
            dropped_rows: 0,
            written_rows: 0,
            schema_ready: false,
        })
    }

    /// Keeps at most `rows` rows queued (at least one table's worth is always kept).
    pub fn with_max_buffered_rows(mut self, rows: usize) -> Self {
        self.max_rows = rows;
        self
    }

    /// Credentials (sent as ClickHouse's `X-ClickHouse-User`/`-Key` headers, never logged).
    pub fn with_credentials(mut self, user: Option<String>, password: Option<String>) -> Self {
        if user.is_some() {
            self.user = user;
        }
        if password.is_some() {
            self.password = password;
        }
        self
    }

    /// Rows waiting to be written.
    pub fn queued_rows(&self) -> usize {
        self.queued_rows
    }

    /// Rows dropped because the queue was full.
    pub fn dropped_rows(&self) -> u64 {
        self.dropped_rows
    }

    /// Rows written so far.
    pub fn written_rows(&self) -> u64 {
        self.written_rows
    }

    /// Queues a batch; drops the oldest queued rows beyond the bound.
    pub fn push(&mut self, batch: &OtelBatch) {
        for t in batch.encode() {
            self.queued_rows += t.rows;
            self.queue.push_back(t);
        }
        while self.queued_rows > self.max_rows && self.queue.len() > 1 {
            if let Some(old) = self.queue.pop_front() {
                self.queued_rows -= old.rows;
                self.dropped_rows += old.rows as u64;
            }
        }
    }

    /// POSTs `body`; with `query` (an INSERT) the body is its data, in the writer's database.
    async fn post(
        &self,
        what: &str,
        query: Option<&str>,
        body: Vec<u8>,
    ) -> Result<(), OtelWriteError> {
        let mut url = self.url.clone();
        if let Some(query) = query {
            url.query_pairs_mut()
                .append_pair("database", &self.database)
                .append_pair("query", query);
        }
        let mut req = self.client.post(url).body(body);
        if let Some(u) = &self.user {
            req = req.header("X-ClickHouse-User", u);
        }
        if let Some(p) = &self.password {
            req = req.header("X-ClickHouse-Key", p);
        }
        let resp = req
            .send()
            .await
            .map_err(|source| OtelWriteError::Unreachable {
                url: redact(&self.url),
                what: what.to_owned(),
                source,
            })?;
        let status = resp.status();
        if status.is_success() {
            return Ok(());
        }
        let text = resp.text().await.unwrap_or_default();
        Err(OtelWriteError::Refused {
            what: what.to_owned(),
            status: status.as_u16(),
            message: text.trim().chars().take(500).collect(),
        })
    }

    /// Creates the database and the exporter tables when missing (`CREATE … IF NOT EXISTS`, as
    /// the exporter's `create_schema` does).
    pub async fn ensure_schema(&mut self) -> Result<(), OtelWriteError> {
        let script: String = SCHEMA
            .replace("{db}", &self.database)
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        for stmt in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            let what = stmt
                .lines()
                .next()
                .unwrap_or(stmt)
                .trim_end_matches(" (")
                .to_owned();
            self.post(&what, None, stmt.as_bytes().to_vec()).await?;
        }
        self.schema_ready = true;
        Ok(())
    }

    /// Writes the queue in order (creating the tables first when that has not succeeded yet).
    /// Stops at the first failure, leaving that insert and the rest queued for the next flush.
    /// Returns the rows written.
    pub async fn flush(&mut self) -> Result<usize, OtelWriteError> {
        if !self.schema_ready {
            match self.ensure_schema().await {
                Ok(()) => {}
                // ClickHouse answered but would not create them (e.g. a user without CREATE
                // rights): the tables may well exist, so write and let the inserts tell.
                Err(e @ OtelWriteError::Refused { status, .. }) if status != 503 => {
                    tracing::warn!(error = %e, "could not create the telemetry tables; writing into the existing ones");
                    self.schema_ready = true;
                }
                Err(e) => return Err(e),
            }
        }
        let mut written = 0;
        while let Some(t) = self.queue.front() {
            let query = format!("INSERT INTO {} FORMAT JSONEachRow", t.table);
            self.post(t.table, Some(&query), t.body.clone()).await?;
            let rows = t.rows;
            self.queue.pop_front();
            self.queued_rows -= rows;
            self.written_rows += rows as u64;
            written += rows;
        }
        Ok(written)
    }
}
