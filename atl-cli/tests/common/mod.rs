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
