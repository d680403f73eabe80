//! Master configuration: flags > environment > file (YAML or TOML-free YAML subset) > defaults.
//!
//! Seed-compatible names (`MASTER_*`) are kept for what the original master had; everything new is
//! `ATL_*`. The file is YAML (`--config`); keys are the snake_case field names of [`FileConfig`].

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use serde::Deserialize;

/// Errors while resolving configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    ReadFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path} is not valid YAML for the master: {source}")]
    ParseFile {
        path: PathBuf,
        source: serde_yaml::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Flags of `atl-master serve` (and of the default command). Every flag also reads its env var.
#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// YAML config file (keys: see docs/api.md "Configuration").
    #[arg(long, env = "ATL_CONFIG")]
    pub config: Option<PathBuf>,
    /// Directory for the SQLite database and generated dev credentials.
    #[arg(long, env = "ATL_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Address the gateway and agent listeners bind to.
    #[arg(long, env = "ATL_BIND")]
    pub bind: Option<IpAddr>,
    /// Gateway (user API) port.
    #[arg(long, env = "MASTER_GATEWAY_PORT")]
    pub gateway_port: Option<u16>,
    /// Agent API port.
    #[arg(long, env = "MASTER_AGENTSDK_PORT")]
    pub agentsdk_port: Option<u16>,
    /// Port of the Prometheus /metrics listener on 127.0.0.1.
    #[arg(long, env = "ATL_METRICS_PORT")]
    pub metrics_port: Option<u16>,
    /// Full address of the /metrics listener (overrides --metrics-port; loopback by default).
    #[arg(long, env = "ATL_METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,
    /// Name of the first admin, created when the user table is empty.
    #[arg(long, env = "MASTER_ADMIN_USERNAME")]
    pub admin_username: Option<String>,
    /// Password of the first admin (prefer the env var: flags end up in shell history).
    #[arg(long, env = "MASTER_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    /// Server secret used to key token hashes (HMAC-SHA256). Changing it invalidates all tokens.
    #[arg(long, env = "MASTER_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Log filter (tracing env-filter syntax, e.g. `info`, `atl_master=debug`).
    #[arg(long, env = "MASTER_LOG_LEVEL")]
    pub log_level: Option<String>,
    /// Lifetime of a login session in seconds.
    #[arg(long, env = "ATL_SESSION_TTL_SECS")]
    pub session_ttl_secs: Option<u64>,
    /// How long an agent's command long-poll waits before answering "no command".
    #[arg(long, env = "ATL_COMMAND_POLL_TIMEOUT_SECS")]
    pub command_poll_timeout_secs: Option<u64>,
    /// Largest accepted snapshot body as sent (compressed), in bytes.
    #[arg(long, env = "ATL_SNAPSHOT_MAX_BYTES")]
    pub snapshot_max_bytes: Option<usize>,
    /// Largest accepted snapshot after decompression, in bytes (decompression-bomb guard).
    #[arg(long, env = "ATL_SNAPSHOT_MAX_DECOMPRESSED_BYTES")]
    pub snapshot_max_decompressed_bytes: Option<usize>,
    /// Seconds without heartbeat or snapshot after which a cluster is "stale".
    #[arg(long, env = "ATL_STALE_AFTER_SECS")]
    pub stale_after_secs: Option<u64>,
    /// Seconds without heartbeat or snapshot after which a cluster is "offline".
    #[arg(long, env = "ATL_OFFLINE_AFTER_SECS")]
    pub offline_after_secs: Option<u64>,
    /// Development mode: generate admin password, admin API token and secret into
    /// `<data-dir>/dev-credentials.yaml` (mode 0600) when they are not given.
    #[arg(long, env = "ATL_DEV")]
    pub dev: bool,
}

/// The config file: every field optional; unknown keys are an error so typos are caught.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub bind: Option<IpAddr>,
    pub gateway_port: Option<u16>,
    pub agentsdk_port: Option<u16>,
    pub metrics_port: Option<u16>,
    pub metrics_addr: Option<SocketAddr>,
    pub admin_username: Option<String>,
    pub admin_password: Option<String>,
    pub jwt_secret: Option<String>,
    pub log_level: Option<String>,
    pub session_ttl_secs: Option<u64>,
    pub command_poll_timeout_secs: Option<u64>,
    pub snapshot_max_bytes: Option<usize>,
    pub snapshot_max_decompressed_bytes: Option<usize>,
    pub stale_after_secs: Option<u64>,
    pub offline_after_secs: Option<u64>,
    pub dev: Option<bool>,
}

/// Fully resolved configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub gateway_addr: SocketAddr,
    pub agent_addr: SocketAddr,
    pub metrics_addr: SocketAddr,
    pub admin_username: String,
    pub admin_password: Option<String>,
    pub jwt_secret: Option<String>,
    pub log_level: String,
    pub session_ttl: Duration,
    pub command_poll_timeout: Duration,
    pub snapshot_max_bytes: usize,
    pub snapshot_max_decompressed_bytes: usize,
    /// Largest accepted body on the user API and non-snapshot agent routes.
    pub api_max_bytes: usize,
    /// Largest accepted command result from an agent (results can hold logs).
    pub result_max_bytes: usize,
    pub stale_after: Duration,
    pub offline_after: Duration,
    /// Per-minute points kept per cluster in the hub's derived series.
    pub history_minutes: usize,
    pub dev: bool,
}

impl Config {
    /// A configuration for tests and `atl demo`: all listeners on 127.0.0.1 port 0, dev mode on.
    pub fn for_test(data_dir: &Path) -> Self {
        let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
        Self {
            data_dir: data_dir.to_path_buf(),
            gateway_addr: SocketAddr::new(loopback, 0),
            agent_addr: SocketAddr::new(loopback, 0),
            metrics_addr: SocketAddr::new(loopback, 0),
            admin_username: "admin".into(),
            admin_password: None,
            jwt_secret: None,
            log_level: "warn".into(),
            session_ttl: Duration::from_secs(3600),
            command_poll_timeout: Duration::from_secs(2),
            snapshot_max_bytes: 64 << 20,
            snapshot_max_decompressed_bytes: 512 << 20,
            api_max_bytes: 1 << 20,
            result_max_bytes: 16 << 20,
            stale_after: Duration::from_secs(45),
            offline_after: Duration::from_secs(120),
            history_minutes: 60,
            dev: true,
        }
    }

    /// Resolve flags/env (already merged by clap) over the file over defaults.
    pub fn resolve(args: ServeArgs) -> Result<Self, ConfigError> {
        let file = match &args.config {
            Some(path) => load_file(path)?,
            None => FileConfig::default(),
        };
        let bind = args
            .bind
            .or(file.bind)
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        let cfg = Self {
            data_dir: args
                .data_dir
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from("atl-data")),
            gateway_addr: SocketAddr::new(
                bind,
                args.gateway_port.or(file.gateway_port).unwrap_or(8080),
            ),
            agent_addr: SocketAddr::new(
                bind,
                args.agentsdk_port.or(file.agentsdk_port).unwrap_or(8081),
            ),
            metrics_addr: args.metrics_addr.or(file.metrics_addr).unwrap_or_else(|| {
                let port = args.metrics_port.or(file.metrics_port).unwrap_or(9090);
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port)
            }),
            admin_username: args
                .admin_username
                .or(file.admin_username)
                .unwrap_or_else(|| "admin".into()),
            admin_password: args.admin_password.or(file.admin_password),
            jwt_secret: args.jwt_secret.or(file.jwt_secret),
            log_level: args
                .log_level
                .or(file.log_level)
                .unwrap_or_else(|| "info".into()),
            session_ttl: secs(args.session_ttl_secs.or(file.session_ttl_secs), 12 * 3600),
            command_poll_timeout: secs(
                args.command_poll_timeout_secs
                    .or(file.command_poll_timeout_secs),
                25,
            ),
            snapshot_max_bytes: args
                .snapshot_max_bytes
                .or(file.snapshot_max_bytes)
                .unwrap_or(64 << 20),
            snapshot_max_decompressed_bytes: args
                .snapshot_max_decompressed_bytes
                .or(file.snapshot_max_decompressed_bytes)
                .unwrap_or(512 << 20),
            api_max_bytes: 1 << 20,
            result_max_bytes: 16 << 20,
            stale_after: secs(args.stale_after_secs.or(file.stale_after_secs), 45),
            offline_after: secs(args.offline_after_secs.or(file.offline_after_secs), 120),
            history_minutes: 60,
            dev: args.dev || file.dev.unwrap_or(false),
        };
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        if self.stale_after >= self.offline_after {
            return Err(ConfigError::Invalid(format!(
                "stale_after ({}s) must be shorter than offline_after ({}s)",
                self.stale_after.as_secs(),
                self.offline_after.as_secs()
            )));
        }
        if self.command_poll_timeout.is_zero()
            || self.command_poll_timeout > Duration::from_secs(300)
        {
            return Err(ConfigError::Invalid(
                "command_poll_timeout_secs must be between 1 and 300".into(),
            ));
        }
        if self.snapshot_max_decompressed_bytes < self.snapshot_max_bytes {
            return Err(ConfigError::Invalid(
                "snapshot_max_decompressed_bytes must be at least snapshot_max_bytes".into(),
            ));
        }
        if self.admin_username.trim().is_empty() {
            return Err(ConfigError::Invalid(
                "admin_username must not be empty".into(),
            ));
        }
        if let Some(secret) = &self.jwt_secret
            && secret.len() < 16
        {
            return Err(ConfigError::Invalid(
                "MASTER_JWT_SECRET must be at least 16 characters; generate one with `openssl rand -hex 32` or use --dev".into(),
            ));
        }
        Ok(())
    }
}

fn secs(v: Option<u64>, default: u64) -> Duration {
    Duration::from_secs(v.unwrap_or(default))
}

fn load_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    if text.trim().is_empty() {
        return Ok(FileConfig::default());
    }
    serde_yaml::from_str(&text).map_err(|source| ConfigError::ParseFile {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn flags_beat_file_and_file_beats_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.yaml");
        std::fs::write(
            &path,
            "gateway_port: 9000\nagentsdk_port: 9001\nlog_level: debug\n",
        )
        .unwrap();
        let args = ServeArgs {
            config: Some(path),
            gateway_port: Some(7000),
            ..Default::default()
        };
        let cfg = Config::resolve(args).unwrap();
        assert_eq!(cfg.gateway_addr.port(), 7000, "flag wins over file");
        assert_eq!(cfg.agent_addr.port(), 9001, "file wins over default");
        assert_eq!(cfg.log_level, "debug");
        assert_eq!(cfg.metrics_addr.ip(), IpAddr::V4(Ipv4Addr::LOCALHOST));
        assert_eq!(cfg.metrics_addr.port(), 9090);
        assert_eq!(cfg.command_poll_timeout, Duration::from_secs(25));
    }

    #[test]
    fn unknown_file_key_is_rejected_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("master.yaml");
        std::fs::write(&path, "gatway_port: 9000\n").unwrap();
        let err = Config::resolve(ServeArgs {
            config: Some(path.clone()),
            ..Default::default()
        })
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("master.yaml") && err.contains("gatway_port"),
            "{err}"
        );
    }

    #[test]
    fn short_secret_is_rejected() {
        let err = Config::resolve(ServeArgs {
            jwt_secret: Some("short".into()),
            ..Default::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("16 characters"));
    }
}
