//! Helpers shared by the CLI integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use assert_cmd::Command;

/// `atl` with a private config dir and no ATL_* variables leaking in from the environment.
pub fn atl(config_dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("atl").unwrap();
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("ATL_") {
            cmd.env_remove(k);
        }
    }
    cmd.env("ATL_CONFIG_DIR", config_dir)
        .env_remove("NO_COLOR")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// A 127.0.0.1 port that nothing listens on (bound, then released).
pub fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A private tmux server on its own socket, for tests of the real binary in a terminal; the
/// server is killed on drop.
pub struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    /// `None`, after a "skipped" line, when tmux is not installed.
    pub fn new(dir: &std::path::Path) -> Option<Tmux> {
        let installed = std::process::Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|o| o.status.success());
        if !installed {
            eprintln!("skipped: tmux not installed");
            return None;
        }
        Some(Tmux {
            socket: dir.join("tmux.sock"),
        })
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    /// Starts `script` in a detached `width`×`height` session named `session`.
    pub fn session(&self, session: &str, width: u16, height: u16, script: &str) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.run(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            &w,
            "-y",
            &h,
            script,
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
    }

    /// What `session` shows now.
    pub fn screen(&self, session: &str) -> String {
        String::from_utf8(self.run(&["capture-pane", "-p", "-t", session]).stdout).unwrap()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}
