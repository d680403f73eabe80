//! HTTP client of the master's agent API (`/agent/v1/*`): snapshot, heartbeat, commands, result.

use atl_core::ClusterSnapshot;
use atl_core::command::{Command, CommandResult};
use atl_core::protocol::{HEADER_PROTOCOL, PROTOCOL_VERSION, paths};
use reqwest::StatusCode;
use std::time::Duration;

/// zstd level for snapshots: fast, and snapshots compress ~10× at this level.
const ZSTD_LEVEL: i32 = 3;

/// A call to the master failed.
#[derive(Debug, thiserror::Error)]
pub enum MasterError {
    #[error(
        "the master refused the agent token ({status}): check --token / ATL_AGENT_TOKEN and that it belongs to cluster {cluster}: {body}"
    )]
    Unauthorized {
        status: StatusCode,
        cluster: String,
        body: String,
    },
    #[error("the master answered {status} to {path}: {body}")]
    Status {
        status: StatusCode,
        path: &'static str,
        body: String,
    },
    #[error("cannot reach the master at {url}: {source}")]
    Transport {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("cannot encode the request: {0}")]
    Encode(String),
    #[error("the master's answer to {path} is not understood: {message}")]
    Decode { path: &'static str, message: String },
    #[error("invalid master URL {0:?}: give it as http(s)://host:port")]
    BadUrl(String),
}

impl MasterError {
    /// Whether retrying later can help (everything but a bad URL or encoding bug).
    pub fn is_transient(&self) -> bool {
        !matches!(self, MasterError::BadUrl(_) | MasterError::Encode(_))
    }
}

/// Client of one master for one cluster.
#[derive(Clone)]
pub struct MasterClient {
    base: String,
    token: String,
    cluster_id: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for MasterClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the token.
        f.debug_struct("MasterClient")
            .field("base", &self.base)
            .field("cluster_id", &self.cluster_id)
            .finish_non_exhaustive()
    }
}

/// Installs the ring crypto provider for rustls once per process (reqwest is built without one).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl MasterClient {
    pub fn new(base: &str, token: &str, cluster_id: &str) -> Result<Self, MasterError> {
        let base = base.trim_end_matches('/').to_string();
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(MasterError::BadUrl(base));
        }
        install_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .user_agent(concat!("atl-agent/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| MasterError::Transport {
                url: base.clone(),
                source: e,
            })?;
        Ok(MasterClient {
            base,
            token: token.to_string(),
            cluster_id: cluster_id.to_string(),
            http,
        })
    }

    fn request(&self, method: reqwest::Method, path: &'static str) -> reqwest::RequestBuilder {
        self.request_url(method, format!("{}{path}", self.base))
    }

    fn request_url(&self, method: reqwest::Method, url: String) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .bearer_auth(&self.token)
            .header(HEADER_PROTOCOL, PROTOCOL_VERSION.to_string())
    }

    async fn send(
        &self,
        path: &'static str,
        req: reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, MasterError> {
        let resp = req.send().await.map_err(|e| MasterError::Transport {
            url: format!("{}{path}", self.base),
            source: e,
        })?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let mut body = resp.text().await.unwrap_or_default();
        body.truncate(512);
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            return Err(MasterError::Unauthorized {
                status,
                cluster: self.cluster_id.clone(),
                body,
            });
        }
        Err(MasterError::Status { status, path, body })
    }

    /// Encodes a snapshot as zstd-compressed JSON. The JSON is streamed into the encoder, so the
    /// uncompressed text (~10× the compressed size) is never held whole (TARGETS P3).
    pub fn encode_snapshot(snap: &ClusterSnapshot) -> Result<Vec<u8>, MasterError> {
        let encode = |e: std::io::Error| MasterError::Encode(e.to_string());
        let enc = zstd::stream::Encoder::new(Vec::new(), ZSTD_LEVEL).map_err(encode)?;
        // serde_json writes token by token; batch them before they reach the compressor.
        let mut w = std::io::BufWriter::with_capacity(64 << 10, enc);
        serde_json::to_writer(&mut w, snap).map_err(|e| MasterError::Encode(e.to_string()))?;
        let enc = w.into_inner().map_err(|e| encode(e.into_error()))?;
        let mut body = enc.finish().map_err(encode)?;
        body.shrink_to_fit();
        Ok(body)
    }

    /// POSTs a snapshot; returns the compressed size.
    pub async fn push_snapshot(&self, snap: &ClusterSnapshot) -> Result<usize, MasterError> {
        self.push_encoded(Self::encode_snapshot(snap)?).await
    }

    /// POSTs a snapshot encoded by [`MasterClient::encode_snapshot`] (lets the caller drop the
    /// snapshot itself before the upload); returns the compressed size.
    pub async fn push_encoded(&self, body: Vec<u8>) -> Result<usize, MasterError> {
        let len = body.len();
        let req = self
            .request(reqwest::Method::POST, paths::SNAPSHOT)
            .timeout(Duration::from_secs(30))
            .header("content-type", "application/json")
            .header("content-encoding", "zstd")
            .body(body);
        self.send(paths::SNAPSHOT, req).await?;
        Ok(len)
    }

    pub async fn heartbeat(&self) -> Result<(), MasterError> {
        let req = self
            .request(reqwest::Method::POST, paths::HEARTBEAT)
            .timeout(Duration::from_secs(10))
            .json(&serde_json::json!({ "agent_version": env!("CARGO_PKG_VERSION") }));
        self.send(paths::HEARTBEAT, req).await.map(|_| ())
    }

    /// Long-polls for commands; the master holds the request up to `wait`.
    /// 204 or an empty body means none. Accepts a single command, a list, or `{"commands": [...]}`.
    pub async fn poll_commands(&self, wait: Duration) -> Result<Vec<Command>, MasterError> {
        let req = self
            .request_url(
                reqwest::Method::GET,
                format!("{}{}?wait={}", self.base, paths::COMMANDS, wait.as_secs()),
            )
            // Longer than the master's hold so that a command handed out at the end of the
            // hold still reaches us (the original's equal timeouts lost such commands).
            .timeout(wait + Duration::from_secs(15));
        let resp = self.send(paths::COMMANDS, req).await?;
        if resp.status() == StatusCode::NO_CONTENT {
            return Ok(Vec::new());
        }
        let bytes = resp.bytes().await.map_err(|e| MasterError::Transport {
            url: format!("{}{}", self.base, paths::COMMANDS),
            source: e,
        })?;
        parse_commands(&bytes).map_err(|message| MasterError::Decode {
            path: paths::COMMANDS,
            message,
        })
    }

    pub async fn report(&self, result: &CommandResult) -> Result<(), MasterError> {
        let req = self
            .request(reqwest::Method::POST, paths::RESULT)
            .timeout(Duration::from_secs(30))
            .json(result);
        self.send(paths::RESULT, req).await.map(|_| ())
    }
}

fn parse_commands(bytes: &[u8]) -> Result<Vec<Command>, String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let v: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let list = match v {
        serde_json::Value::Null => return Ok(Vec::new()),
        serde_json::Value::Array(a) => a,
        serde_json::Value::Object(mut o) => {
            match o.remove("commands").or_else(|| o.remove("command")) {
                Some(serde_json::Value::Array(a)) => a,
                Some(serde_json::Value::Null) => return Ok(Vec::new()),
                Some(one) => vec![one],
                None => vec![serde_json::Value::Object(o)],
            }
        }
        other => return Err(format!("expected a command object or list, got {other}")),
    };
    list.into_iter()
        .map(|c| serde_json::from_value(c).map_err(|e| e.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn command_bodies_in_every_accepted_shape() {
        let cmd = r#"{"id":"c1","cluster_id":"prod","action":{"action":"cordon","node":"n1"},"requested_by":"ann","created_at":"2026-01-01T00:00:00Z","deadline_secs":60}"#;
        assert_eq!(parse_commands(cmd.as_bytes()).unwrap().len(), 1);
        assert_eq!(
            parse_commands(format!("[{cmd},{cmd}]").as_bytes())
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            parse_commands(format!("{{\"commands\":[{cmd}]}}").as_bytes())
                .unwrap()
                .len(),
            1
        );
        assert!(parse_commands(b"").unwrap().is_empty());
        assert!(parse_commands(br#"{"commands":[]}"#).unwrap().is_empty());
        assert!(parse_commands(b"42").is_err());
    }

    #[test]
    fn debug_never_shows_the_token() {
        let c = MasterClient::new("http://127.0.0.1:1", "s3cret-token", "prod").unwrap();
        assert!(!format!("{c:?}").contains("s3cret"));
        assert!(MasterClient::new("127.0.0.1:1", "t", "p").is_err());
    }
}
