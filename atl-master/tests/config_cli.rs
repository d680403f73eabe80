//! The real `atl-master` binary: configuration precedence (flags > env > file > defaults) and
//! `--dev` start-up, observed from outside the process.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn master() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_atl-master"));
    for var in [
        "MASTER_ADMIN_PASSWORD",
        "MASTER_JWT_SECRET",
        "ATL_CONFIG",
        "ATL_DATA_DIR",
        "ATL_DEV",
    ] {
        c.env_remove(var);
    }
    c.env("MASTER_LOG_LEVEL", "warn");
    c
}

#[test]
fn env_beats_file_and_flag_beats_env() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("master.yaml");
    std::fs::write(&file, "stale_after_secs: 500\noffline_after_secs: 1000\n").unwrap();
    // File alone is consistent; the env var overrides offline_after to 100 < 500 → refused,
    // and the message shows which values won.
    let out = master()
        .args([
            "--config",
            file.to_str().unwrap(),
            "--data-dir",
            dir.path().join("d").to_str().unwrap(),
            "--dev",
        ])
        .env("ATL_OFFLINE_AFTER_SECS", "100")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stale_after (500s)") && err.contains("offline_after (100s)"),
        "{err}"
    );

    // A flag beats the env var: the master starts.
    let mut child = master()
        .args([
            "--config",
            file.to_str().unwrap(),
            "--data-dir",
            dir.path().join("d").to_str().unwrap(),
            "--dev",
        ])
        .args([
            "--offline-after-secs",
            "2000",
            "--bind",
            "127.0.0.1",
            "--gateway-port",
            "0",
            "--agentsdk-port",
            "0",
        ])
        .args(["--metrics-addr", "127.0.0.1:0"])
        .env("ATL_OFFLINE_AFTER_SECS", "100")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    // --dev prints where the credentials are, never the credentials.
    let creds_path = dir.path().join("d").join("dev-credentials.yaml");
    assert!(first.contains(creds_path.to_str().unwrap()), "{first}");
    let creds = std::fs::read_to_string(&creds_path).unwrap();
    let password = creds
        .lines()
        .find_map(|l| l.strip_prefix("admin_password: "))
        .unwrap();
    assert!(!first.contains(password) && !second.contains(password));
    assert!(second.starts_with("gateway http://127.0.0.1:"), "{second}");
}

#[test]
fn refuses_to_start_without_an_admin_password_outside_dev() {
    let dir = tempfile::tempdir().unwrap();
    let out = master()
        .args([
            "--data-dir",
            dir.path().to_str().unwrap(),
            "--gateway-port",
            "0",
            "--agentsdk-port",
            "0",
        ])
        .args(["--metrics-addr", "127.0.0.1:0"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("MASTER_ADMIN_PASSWORD") && err.contains("--dev"),
        "{err}"
    );
}
