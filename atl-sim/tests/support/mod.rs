//! Test harness: a simulator + API server on 127.0.0.1:0 with a kubeconfig in a temp dir, and a
//! helper to run the real kubectl against it.
#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use atl_sim::{Scenario, SimCluster, SimServer, SimServerHandle};

pub struct Sim {
    pub cluster: SimCluster,
    pub addr: SocketAddr,
    pub kubeconfig: PathBuf,
    pub dir: tempfile::TempDir,
    server: Option<SimServerHandle>,
    clock: Option<tokio::task::JoinHandle<()>>,
}

/// The `steady` scenario at a fixed start time, modified by `f`.
pub fn scenario(f: impl FnOnce(&mut Scenario)) -> Scenario {
    let mut s = Scenario::builtin("steady").unwrap();
    s.start_time = Some("2026-03-01T12:00:00Z".into());
    f(&mut s);
    s
}

impl Sim {
    /// Starts a server; `speed` > 0 also runs the simulated clock (simulated s per real s).
    pub async fn start(scenario: Scenario, speed: f64) -> Sim {
        let cluster = SimCluster::from_scenario(&scenario).unwrap();
        let (addr, server) = SimServer::start(cluster.clone(), "127.0.0.1:0".parse().unwrap())
            .await
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let kc = dir.path().join("kubeconfig");
        server.write_kubeconfig(&kc).unwrap();
        assert_eq!(server.addr(), addr);
        let clock = (speed > 0.0).then(|| cluster.spawn_clock(speed));
        Sim {
            cluster,
            addr,
            kubeconfig: kc,
            dir,
            server: Some(server),
            clock,
        }
    }

    /// Runs kubectl (blocking) with its own HOME and cache dir; returns (success, stdout, stderr).
    pub fn kubectl(&self, args: &[&str]) -> (bool, String, String) {
        let out = Command::new("kubectl")
            .env("HOME", self.dir.path())
            .env_remove("KUBECONFIG")
            .arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(self.dir.path().join("cache"))
            .arg("--request-timeout=20s")
            .args(args)
            .output()
            .expect("kubectl runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// kubectl that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (ok, out, err) = self.kubectl(args);
        assert!(ok, "kubectl {args:?} failed: {err}\n{out}");
        out
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        if let Some(c) = self.clock.take() {
            c.abort();
        }
        if let Some(s) = self.server.take() {
            s.stop();
        }
    }
}

/// Polls `cond` every 50 ms until it holds or `timeout` passes.
pub async fn eventually(timeout: Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < timeout, "timed out waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
