//! The committed completion scripts in completions/ must match what the binary generates.
//! Refresh them with: ATL_UPDATE_COMPLETIONS=1 cargo test -p atl-cli completions
#![allow(clippy::unwrap_used)]

mod common;

const SHELLS: &[(&str, &str)] = &[
    ("bash", "atl.bash"),
    ("zsh", "_atl"),
    ("fish", "atl.fish"),
    ("powershell", "_atl.ps1"),
    ("elvish", "atl.elv"),
];

#[test]
fn completions_are_fresh() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../completions");
    let cfg = tempfile::tempdir().unwrap();
    let update = std::env::var_os("ATL_UPDATE_COMPLETIONS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let out = common::atl(cfg.path())
            .args(["completion", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(!out.is_empty(), "{shell}: empty script");
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out).unwrap();
        } else if std::fs::read(&path).ok().as_deref() != Some(out.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "completion scripts are stale or missing: {stale:?}\nrefresh with: ATL_UPDATE_COMPLETIONS=1 cargo test -p atl-cli completions"
    );
}
