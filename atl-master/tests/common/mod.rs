//! Shared helpers for the master's integration tests: a real master on 127.0.0.1 port 0 with a
//! temp SQLite file, and a reqwest client.
#![allow(clippy::unwrap_used, dead_code)]

use atl_master::{Config, Master, RunningMaster};
use reqwest::{Client, Method, Response, StatusCode};
use serde_json::{Value, json};

pub struct TestMaster {
    pub master: Option<RunningMaster>,
    pub dir: tempfile::TempDir,
    pub client: Client,
    pub admin_token: String,
    pub admin_password: String,
    pub gateway: String,
    pub agent: String,
}

pub fn client() -> Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder().build().unwrap()
}

pub fn config(dir: &std::path::Path) -> Config {
    Config::for_test(dir)
}

impl TestMaster {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = config(dir.path());
        tweak(&mut cfg);
        let master = Master::start(cfg).await.unwrap();
        let dev = master.dev_credentials.clone().unwrap();
        Self {
            gateway: format!("http://{}", master.gateway_addr),
            agent: format!("http://{}", master.agent_addr),
            master: Some(master),
            dir,
            client: client(),
            admin_token: dev.admin_token,
            admin_password: dev.admin_password,
        }
    }

    /// Stop and start again on the same data dir.
    pub async fn restart(&mut self) {
        if let Some(m) = self.master.take() {
            m.shutdown().await;
        }
        let m = Master::start(config(self.dir.path())).await.unwrap();
        assert!(
            m.dev_credentials.is_none(),
            "admin must already exist after restart"
        );
        self.gateway = format!("http://{}", m.gateway_addr);
        self.agent = format!("http://{}", m.agent_addr);
        self.master = Some(m);
    }

    pub fn master(&self) -> &RunningMaster {
        self.master.as_ref().unwrap()
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.gateway, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        req.send().await.unwrap()
    }

    /// Call and expect `status`; return the JSON body.
    pub async fn expect(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        status: StatusCode,
    ) -> Value {
        let resp = self.call(method.clone(), path, token, body).await;
        let got = resp.status();
        let text = resp.text().await.unwrap();
        assert_eq!(got, status, "{method} {path}: {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    /// `GET path` as `token`, expecting `status`; the JSON body.
    pub async fn get(&self, path: &str, token: &str, status: StatusCode) -> Value {
        self.expect(Method::GET, path, Some(token), None, status)
            .await
    }

    /// `DELETE path` as `token`, expecting `status`; the JSON body.
    pub async fn delete(&self, path: &str, token: &str, status: StatusCode) -> Value {
        self.expect(Method::DELETE, path, Some(token), None, status)
            .await
    }

    /// `POST path` with a JSON body as `token`, expecting `status`; the JSON body.
    pub async fn post(&self, path: &str, token: &str, body: Value, status: StatusCode) -> Value {
        self.expect(Method::POST, path, Some(token), Some(body), status)
            .await
    }

    /// `PATCH path` with a JSON body as `token`, expecting `status`; the JSON body.
    pub async fn patch(&self, path: &str, token: &str, body: Value, status: StatusCode) -> Value {
        self.expect(Method::PATCH, path, Some(token), Some(body), status)
            .await
    }

    pub async fn login(&self, user: &str, password: &str) -> String {
        let v = self
            .expect(
                Method::POST,
                "/api/v1/login",
                None,
                Some(json!({"username": user, "password": password})),
                StatusCode::OK,
            )
            .await;
        v["token"].as_str().unwrap().to_string()
    }

    /// Create a user with `role` and return a session token for it.
    pub async fn user_with_role(&self, name: &str, role: &str) -> String {
        let pw = format!("{name}-password-123");
        self.expect(
            Method::POST,
            "/api/v1/users",
            Some(&self.admin_token.clone()),
            Some(json!({"username": name, "password": pw, "role": role})),
            StatusCode::CREATED,
        )
        .await;
        self.login(name, &pw).await
    }

    /// Register a cluster and return its agent token.
    pub async fn cluster(&self, id: &str) -> String {
        let v = self
            .expect(
                Method::POST,
                "/api/v1/clusters",
                Some(&self.admin_token.clone()),
                Some(json!({"id": id})),
                StatusCode::CREATED,
            )
            .await;
        v["agent_token"].as_str().unwrap().to_string()
    }

    pub async fn audit(&self) -> Vec<Value> {
        let v = self
            .expect(
                Method::GET,
                "/api/v1/audit?limit=1000",
                Some(&self.admin_token.clone()),
                None,
                StatusCode::OK,
            )
            .await;
        v["items"].as_array().unwrap().clone()
    }

    pub async fn agent_call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let mut req = self
            .client
            .request(method, format!("{}{}", self.agent, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req
    }

    /// An agent reports a command result; returns the HTTP status.
    pub async fn report_result(&self, agent_token: &str, result: &Value) -> StatusCode {
        self.agent_call(Method::POST, "/agent/v1/result", Some(agent_token))
            .await
            .json(result)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// The command record as `token` sees it (expects 200).
    pub async fn command_record(&self, id: &str, token: &str) -> Value {
        self.expect(
            Method::GET,
            &format!("/api/v1/commands/{id}"),
            Some(token),
            None,
            StatusCode::OK,
        )
        .await
    }
}

/// Reads the SSE stream until a frame whose event name and JSON data satisfy `pred` (20 s at most);
/// `buf` keeps what was read past that frame for the next call.
pub async fn next_event(
    stream: &mut (impl futures::Stream<Item = reqwest::Result<bytes::Bytes>> + Unpin),
    buf: &mut String,
    pred: impl Fn(&str, &Value) -> bool,
) -> Value {
    use futures::StreamExt;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        while let Some(end) = buf.find("\n\n") {
            let frame: String = buf.drain(..end + 2).collect();
            let name = frame
                .lines()
                .find_map(|l| l.strip_prefix("event:").map(|s| s.trim().to_string()))
                .unwrap_or_default();
            let data: String = frame
                .lines()
                .filter_map(|l| l.strip_prefix("data:"))
                .map(str::trim)
                .collect();
            if let Ok(v) = serde_json::from_str::<Value>(&data)
                && pred(&name, &v)
            {
                return v;
            }
        }
        let chunk = tokio::time::timeout_at(deadline, stream.next())
            .await
            .expect("SSE event in time")
            .unwrap()
            .unwrap();
        buf.push_str(&String::from_utf8_lossy(&chunk));
    }
}
