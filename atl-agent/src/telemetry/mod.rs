//! Telemetry from the OpenTelemetry Collector's ClickHouse exporter tables: node metrics
//! (node_exporter), Traefik ingress SLIs, Linkerd mesh SLIs, APM from traces and log counts, plus
//! the concentrator's per-minute series of the last hour.
//!
//! Each part is queried on its own with its own timeout; a part whose table is missing or whose
//! query fails is reported in `Telemetry::sources` with `ok = false` and leaves the other parts
//! intact. See `docs/telemetry.md` for the queries, units and reset handling.

pub mod adapter;
pub mod apm;
pub mod concentrator;
pub mod counters;
pub mod fetch;
pub mod ingress;
pub mod logs;
pub mod mesh;
pub mod nodes;
pub mod service_key;
pub mod sli;
pub mod templates;

pub use adapter::clickhouse_source;
use atl_core::Timestamp;
use atl_core::telemetry::{SourceStatus, Telemetry};
use clickhouse::Client;
use concentrator::{Concentrator, MinuteInput};
use fetch::Window;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Part names as reported in `SourceStatus::source`.
pub mod part {
    /// node_exporter metrics.
    pub const NODES: &str = "nodes";
    /// Traefik metrics.
    pub const INGRESS: &str = "ingress";
    /// Linkerd metrics.
    pub const MESH: &str = "mesh";
    /// Traces.
    pub const APM: &str = "apm";
    /// Logs.
    pub const LOGS: &str = "logs";
}

/// Why telemetry could not be collected.
#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    /// The configuration cannot work.
    #[error("invalid ClickHouse telemetry configuration: {0}")]
    Config(String),
    /// A query failed.
    #[error("ClickHouse query for {part} failed: {source}")]
    Query {
        /// Telemetry part.
        part: &'static str,
        /// Client error.
        #[source]
        source: clickhouse::error::Error,
    },
    /// A part took longer than allowed.
    #[error("ClickHouse query for {part} did not answer within {secs} s")]
    Timeout {
        /// Telemetry part.
        part: &'static str,
        /// Timeout.
        secs: u64,
    },
}

/// Where and how to read.
#[derive(Debug, Clone)]
pub struct ClickHouseConfig {
    /// HTTP(S) URL of ClickHouse, e.g. `http://clickhouse:8123`.
    pub url: String,
    /// Database holding the exporter tables.
    pub database: String,
    /// User, if any.
    pub user: Option<String>,
    /// Password, if any (never logged).
    pub password: Option<String>,
    /// Window that rates and counts cover.
    pub window: Duration,
    /// Longest time one part may take.
    pub query_timeout: Duration,
    /// Most traces read per collection for self time.
    pub span_sample_traces: u64,
    /// A complete result younger than this is returned again instead of querying (snapshots
    /// come every 10 s; a 5-minute window hardly moves in that time). Partial results are
    /// never reused, so recovery is not delayed.
    pub min_interval: Duration,
}

impl ClickHouseConfig {
    /// Defaults: database `otel`, 5-minute window, 10 s timeout, 2000 traces for self time,
    /// complete results reused for 30 s.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            database: "otel".into(),
            user: None,
            password: None,
            window: Duration::from_secs(300),
            query_timeout: Duration::from_secs(10),
            span_sample_traces: 2000,
            min_interval: Duration::from_secs(30),
        }
    }
}

/// Reads telemetry from ClickHouse and keeps the concentrator.
pub struct ClickHouseTelemetry {
    client: Client,
    config: ClickHouseConfig,
    node_aliases: Mutex<HashMap<String, String>>,
    services: Mutex<Vec<(String, String)>>,
    concentrator: Mutex<Concentrator>,
    templates: Mutex<templates::TemplateTracker>,
    last_complete: Mutex<Option<(Timestamp, Telemetry)>>,
    /// Whether the last collection could read no part at all (for warn-once logging).
    away: AtomicBool,
}

impl std::fmt::Debug for ClickHouseTelemetry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClickHouseTelemetry")
            .field("url", &redact_url(&self.config.url))
            .field("database", &self.config.database)
            .finish_non_exhaustive()
    }
}

impl ClickHouseTelemetry {
    /// A reader for `config`; fails on a URL or database name that cannot work.
    pub fn new(config: ClickHouseConfig) -> Result<Self, TelemetryError> {
        if !(config.url.starts_with("http://") || config.url.starts_with("https://")) {
            return Err(TelemetryError::Config(format!(
                "--clickhouse-url must be an http:// or https:// URL of the ClickHouse HTTP \
                 interface (port 8123 by default), got {:?}",
                redact_url(&config.url)
            )));
        }
        let valid_db = !config.database.is_empty()
            && config
                .database
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid_db {
            return Err(TelemetryError::Config(format!(
                "--clickhouse-database must be a plain name (letters, digits, _), got {:?}",
                config.database
            )));
        }
        if config.window.as_secs() < 60 {
            return Err(TelemetryError::Config(
                "the telemetry window must be at least 60 s".into(),
            ));
        }
        let mut client = Client::default()
            .with_url(&config.url)
            .with_database(&config.database);
        if let Some(user) = &config.user {
            client = client.with_user(user);
        }
        if let Some(password) = &config.password {
            client = client.with_password(password);
        }
        Ok(Self {
            client,
            config,
            node_aliases: Mutex::new(HashMap::new()),
            services: Mutex::new(Vec::new()),
            concentrator: Mutex::new(Concentrator::new()),
            templates: Mutex::new(templates::TemplateTracker::new()),
            last_complete: Mutex::new(None),
            away: AtomicBool::new(false),
        })
    }

    /// Names to use for scrape hosts (e.g. node InternalIP → node name), from the Kubernetes side.
    pub fn set_node_aliases(&self, aliases: HashMap<String, String>) {
        *self
            .node_aliases
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = aliases;
    }

    /// The cluster's (namespace, service) pairs, to name the Kubernetes backend of each Traefik
    /// service (`IngressSli::namespace` / `backend`).
    pub fn set_kubernetes_services(&self, services: Vec<(String, String)>) {
        *self.services.lock().unwrap_or_else(PoisonError::into_inner) = services;
    }

    /// Collects the telemetry of the window ending now.
    pub async fn collect(&self) -> Result<Telemetry, TelemetryError> {
        self.collect_at(chrono::Utc::now()).await
    }

    /// Collects the telemetry of the window ending at `now`. Parts fail independently: their
    /// errors are reported in `sources` (all of them when ClickHouse is unreachable), so this
    /// never fails once the reader is built; the `Result` leaves room for sources that can.
    pub async fn collect_at(&self, now: Timestamp) -> Result<Telemetry, TelemetryError> {
        // A reused result must not hide an outage: one cheap query tells whether ClickHouse
        // still answers, so "telemetry unavailable" shows in the next snapshot, not 30 s later.
        if let Some(cached) = self.reusable(now)
            && self.answers().await
        {
            return Ok(cached);
        }
        let end_ms = now.timestamp_millis();
        let window = Window {
            start_ms: end_ms - self.config.window.as_millis() as i64,
            end_ms,
        };
        let aliases = self
            .node_aliases
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let services = self
            .services
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let c = &self.client;
        let (nodes, ingress, mesh, apm, logs) = tokio::join!(
            self.part(part::NODES, async {
                let counters = fetch::counters(c, &nodes::COUNTERS, window).await?;
                let gauges = fetch::gauges(c, &nodes::GAUGES, window).await?;
                Ok(nodes::build(&counters, &gauges, &aliases, window))
            }),
            self.part(part::INGRESS, async {
                let counters = fetch::counters(c, &[ingress::REQUESTS], window).await?;
                let hists = fetch::histograms(c, &[ingress::DURATION], window).await?;
                Ok(ingress::build(&counters, &hists, window, &services))
            }),
            self.part(part::MESH, async {
                let counters = fetch::counters(c, &[mesh::RESPONSES], window).await?;
                let hists = fetch::histograms(c, &[mesh::LATENCY], window).await?;
                Ok(mesh::build(&counters, &hists, window))
            }),
            self.part(
                part::APM,
                apm::collect(c, window, self.config.span_sample_traces)
            ),
            self.part(part::LOGS, logs::collect(c, window)),
        );

        let mut t = Telemetry {
            window_secs: self.config.window.as_secs() as u32,
            ..Default::default()
        };
        let mut sli_minutes = Vec::new();
        let mut apm_minutes = Vec::new();
        let mut status = |name: &str, err: Option<&TelemetryError>| {
            t.sources.push(SourceStatus {
                source: name.to_string(),
                ok: err.is_none(),
                error: err.map(ToString::to_string),
            });
        };
        status(part::NODES, nodes.as_ref().err());
        status(part::INGRESS, ingress.as_ref().err());
        status(part::MESH, mesh.as_ref().err());
        status(part::APM, apm.as_ref().err());
        status(part::LOGS, logs.as_ref().err());
        let all_failed = t.sources.iter().all(|s| !s.ok);
        if let Ok(n) = nodes {
            t.nodes = n;
        }
        if let Ok((slis, minutes)) = ingress {
            t.ingress = slis;
            sli_minutes.extend(minutes);
        }
        if let Ok((slis, edges, minutes)) = mesh {
            t.mesh = slis;
            t.mesh_edges = edges;
            sli_minutes.extend(minutes);
        }
        let mut requests = None;
        if let Ok(a) = apm {
            requests = Some(a.requests);
            t.apm = a.services;
            t.apm_edges = a.edges;
            apm_minutes = a.minutes;
        }
        if let Ok(mut l) = logs {
            if let Some(requests) = &requests {
                logs::attach_lines_per_request(&mut l, requests);
            }
            let window_minutes = (self.config.window.as_secs() / 60) as i64;
            self.templates
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .mark(now, window_minutes, &mut l);
            t.logs = l;
        }
        let mut conc = self
            .concentrator
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if all_failed {
            // ClickHouse itself is away: report it per part and keep the hour recorded so far
            // instead of recording minutes that only look empty. Warn once per outage.
            if !self.away.swap(true, Ordering::Relaxed) {
                tracing::warn!(
                    url = %redact_url(&self.config.url),
                    database = %self.config.database,
                    "ClickHouse unreachable: no telemetry part could be read; snapshots carry the \
                     Kubernetes part with telemetry sources marked failed, retrying every snapshot"
                );
            }
        } else {
            if self.away.swap(false, Ordering::Relaxed) {
                tracing::info!(url = %redact_url(&self.config.url), "ClickHouse reachable again; telemetry resumed");
            }
            conc.ingest(
                now,
                MinuteInput {
                    nodes: &t.nodes,
                    slis: &sli_minutes,
                    apm: &apm_minutes,
                },
            );
        }
        t.series = conc.series(now);
        drop(conc);
        if t.sources.iter().all(|s| s.ok) {
            *self
                .last_complete
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some((now, t.clone()));
        }
        Ok(t)
    }

    /// The last complete result when it is younger than `min_interval` (and not from the future).
    fn reusable(&self, now: Timestamp) -> Option<Telemetry> {
        let last = self
            .last_complete
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (at, t) = last.as_ref()?;
        let age = now.signed_duration_since(*at).to_std().ok()?;
        (age < self.config.min_interval).then(|| t.clone())
    }

    /// Whether ClickHouse answers a trivial query within the part timeout.
    async fn answers(&self) -> bool {
        let ping = self.client.query("SELECT 1").execute();
        matches!(
            tokio::time::timeout(self.config.query_timeout, ping).await,
            Ok(Ok(()))
        )
    }

    async fn part<T>(
        &self,
        name: &'static str,
        fut: impl Future<Output = clickhouse::error::Result<T>>,
    ) -> Result<T, TelemetryError> {
        match tokio::time::timeout(self.config.query_timeout, fut).await {
            Ok(Ok(v)) => Ok(v),
            Ok(Err(source)) => {
                tracing::debug!(part = name, error = %source, "telemetry part failed");
                Err(TelemetryError::Query { part: name, source })
            }
            Err(_) => Err(TelemetryError::Timeout {
                part: name,
                secs: self.config.query_timeout.as_secs(),
            }),
        }
    }
}

/// The URL without credentials, for logs.
fn redact_url(url: &str) -> String {
    let Some(at) = url.rfind('@') else {
        return url.to_string();
    };
    let scheme = match url.find("://") {
        Some(end) if end < at => &url[..end + 3],
        _ => "",
    };
    format!("{scheme}***@{}", &url[at + 1..])
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn credentials_never_reach_the_logs() {
        assert_eq!(
            redact_url("https://agent:s3cret@ch.example:8443/"),
            "https://***@ch.example:8443/"
        );
        assert_eq!(redact_url("agent:s3cret@ch:9000"), "***@ch:9000");
        assert_eq!(redact_url("http://127.0.0.1:8123"), "http://127.0.0.1:8123");
    }
}
