//! HTTP client for the master's user API, mapping every failure onto a `CliError` class.

use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{CliError, Result};

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    token: Option<String>,
    timeout: Duration,
}

/// rustls needs a process-wide crypto provider; we use ring (see build-facts). Installing twice
/// is harmless, so every constructor calls this.
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl Client {
    pub fn new(master: &str, token: Option<String>, timeout: Duration) -> Result<Self> {
        install_crypto();
        let base = Url::parse(master.trim_end_matches('/'))
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
            .ok_or_else(|| CliError::Config(format!("master URL `{master}` is not a valid http(s) URL, e.g. https://atl.example.com:8080")))?;
        let http = reqwest::Client::builder()
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("atl/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| CliError::Other(anyhow::anyhow!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            http,
            base,
            token,
            timeout,
        })
    }

    pub fn base(&self) -> &str {
        self.base.as_str().trim_end_matches('/')
    }

    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut rb = self.http.request(method, self.url(path));
        if let Some(t) = &self.token {
            rb = rb.bearer_auth(t);
        }
        rb
    }

    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T> {
        let rb = self
            .request(Method::GET, path)
            .query(query)
            .timeout(self.timeout);
        self.json(rb).await
    }

    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T> {
        let rb = self
            .request(Method::POST, path)
            .json(body)
            .timeout(self.timeout);
        self.json(rb).await
    }

    pub async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<()> {
        let mut rb = self.request(method, path).timeout(self.timeout);
        if let Some(b) = body {
            rb = rb.json(b);
        }
        self.execute(rb).await.map(drop)
    }

    /// A long-lived response (SSE); only the connection is bounded by the timeout.
    pub async fn stream(
        &self,
        path: &str,
        query: &[(&str, String)],
        last_event_id: Option<&str>,
    ) -> Result<reqwest::Response> {
        let mut rb = self
            .request(Method::GET, path)
            .query(query)
            .header("Accept", "text/event-stream");
        if let Some(id) = last_event_id {
            rb = rb.header("Last-Event-ID", id);
        }
        self.execute(rb).await
    }

    async fn json<T: DeserializeOwned>(&self, rb: reqwest::RequestBuilder) -> Result<T> {
        let resp = self.execute(rb).await?;
        let bytes = resp.bytes().await.map_err(|e| self.transport(&e))?;
        serde_json::from_slice(&bytes).map_err(|e| {
            CliError::Other(anyhow::anyhow!(
                "the master's answer was not what this atl expects ({e}); are the client and master versions compatible?"
            ))
        })
    }

    async fn execute(&self, rb: reqwest::RequestBuilder) -> Result<reqwest::Response> {
        let resp = rb.send().await.map_err(|e| self.transport(&e))?;
        let status = resp.status();
        if status.is_success() {
            return Ok(resp);
        }
        let body = resp.text().await.unwrap_or_default();
        Err(status_error(status, &body))
    }

    fn transport(&self, e: &reqwest::Error) -> CliError {
        if e.is_connect() || e.is_timeout() || e.is_request() {
            // The innermost cause ("Connection refused", "timed out") is what a person can act on.
            let mut reason = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                reason = s.to_string();
                src = s.source();
            }
            if e.is_timeout() && !reason.contains("timed out") {
                reason = format!("timed out ({reason})");
            }
            return CliError::Unreachable {
                url: self.base().to_string(),
                reason,
            };
        }
        CliError::Other(anyhow::anyhow!(
            "talking to the master at {}: {e}",
            self.base()
        ))
    }
}

/// Extracts a human message from an error body: the master's `{"error": {"code", "message"}}`,
/// a flat `{"error"|"message": "..."}`, or plain text.
pub fn error_message(body: &str) -> String {
    let from_json = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            ["/error/message", "/message", "/error", "/detail"]
                .iter()
                .find_map(|k| v.pointer(k).and_then(|m| m.as_str().map(str::to_string)))
        });
    let msg = from_json.unwrap_or_else(|| body.trim().to_string());
    let mut msg: String = msg.chars().take(500).collect();
    if msg.is_empty() {
        msg = "(no details)".into();
    }
    msg
}

pub fn status_error(status: StatusCode, body: &str) -> CliError {
    let msg = error_message(body);
    match status {
        StatusCode::UNAUTHORIZED => CliError::Unauthenticated(msg),
        StatusCode::FORBIDDEN => CliError::PermissionDenied(msg),
        StatusCode::NOT_FOUND => CliError::NotFound(msg),
        s => CliError::Api {
            status: s.as_u16(),
            message: msg,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_map_to_classes() {
        assert!(
            matches!(status_error(StatusCode::FORBIDDEN, r#"{"error":{"code":"forbidden","message":"viewer may not scale"}}"#),
            CliError::PermissionDenied(m) if m == "viewer may not scale")
        );
        assert!(matches!(
            status_error(StatusCode::UNAUTHORIZED, ""),
            CliError::Unauthenticated(_)
        ));
        assert!(
            matches!(status_error(StatusCode::NOT_FOUND, "nope"), CliError::NotFound(m) if m == "nope")
        );
        assert!(matches!(
            status_error(StatusCode::BAD_GATEWAY, ""),
            CliError::Api { status: 502, .. }
        ));
    }

    #[test]
    fn rejects_bad_urls() {
        assert!(matches!(
            Client::new("ftp://x", None, Duration::from_secs(1)),
            Err(CliError::Config(_))
        ));
        assert!(matches!(
            Client::new("not a url", None, Duration::from_secs(1)),
            Err(CliError::Config(_))
        ));
        assert!(Client::new("http://127.0.0.1:1/", None, Duration::from_secs(1)).is_ok());
    }
}
