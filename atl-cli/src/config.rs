//! Stored contexts (like kubeconfig, but for masters).
//!
//! `config.yaml` holds context names, master URLs and the current context; tokens live apart in
//! `credentials.yaml` with mode 0600 so the config can be shown or shared without secrets.
//! Location: `$ATL_CONFIG_DIR`, else the platform config dir (`$XDG_CONFIG_HOME/atl` on Linux).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{CliError, Result};

#[derive(Debug, Default, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_context: Option<String>,
    #[serde(default)]
    pub contexts: BTreeMap<String, Context>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Context {
    pub master: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Credentials {
    #[serde(default)]
    tokens: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

pub fn config_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("ATL_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", "atl")
        .map(|p| p.config_dir().to_path_buf())
        .ok_or_else(|| {
            CliError::Config(
                "cannot find a home directory for the config; set ATL_CONFIG_DIR".into(),
            )
        })
}

impl Store {
    pub fn open() -> Result<Self> {
        Ok(Store { dir: config_dir()? })
    }

    pub fn at(dir: &Path) -> Self {
        Store {
            dir: dir.to_path_buf(),
        }
    }

    pub fn config_path(&self) -> PathBuf {
        self.dir.join("config.yaml")
    }

    fn credentials_path(&self) -> PathBuf {
        self.dir.join("credentials.yaml")
    }

    pub fn load(&self) -> Result<Config> {
        read_yaml(&self.config_path())
    }

    pub fn token(&self, context: &str) -> Result<Option<String>> {
        let c: Credentials = read_yaml(&self.credentials_path())?;
        Ok(c.tokens.get(context).cloned())
    }

    pub fn save(&self, cfg: &Config) -> Result<()> {
        write_private(&self.config_path(), &to_yaml(cfg)?)
    }

    pub fn set_token(&self, context: &str, token: Option<&str>) -> Result<()> {
        let mut c: Credentials = read_yaml(&self.credentials_path())?;
        match token {
            Some(t) => c.tokens.insert(context.to_string(), t.to_string()),
            None => c.tokens.remove(context),
        };
        write_private(&self.credentials_path(), &to_yaml(&c)?)
    }
}

fn to_yaml<T: Serialize>(v: &T) -> Result<String> {
    serde_yaml::to_string(v).map_err(|e| CliError::Other(e.into()))
}

fn read_yaml<T: Default + for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().is_empty() => Ok(T::default()),
        Ok(s) => serde_yaml::from_str(&s).map_err(|e| {
            CliError::Config(format!(
                "{} is not valid: {e}; fix or delete it and log in again",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(CliError::Config(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

/// Writes through a temp file + rename so a crash never leaves a half-written file, with the
/// directory 0700 and the file 0600 from the start (never briefly world-readable).
fn write_private(path: &Path, content: &str) -> Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .ok_or_else(|| CliError::Config(format!("bad config path {}", path.display())))?;
    let ctx = |e: std::io::Error| CliError::Config(format!("cannot write {}: {e}", path.display()));
    let mut dirb = std::fs::DirBuilder::new();
    dirb.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut dirb, 0o700);
    dirb.create(dir).map_err(ctx)?;
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("atl"),
        std::process::id()
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts.open(&tmp).map_err(ctx)?;
    f.write_all(content.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(ctx)?;
    std::fs::rename(&tmp, path).map_err(ctx)
}

/// Default context name for a master URL: its host[:port].
pub fn context_name_for(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| url.to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn round_trip_and_private_modes() {
        let d = tempfile::tempdir().unwrap();
        let store = Store::at(&d.path().join("atl"));
        assert_eq!(store.load().unwrap(), Config::default());
        let mut cfg = Config::default();
        cfg.contexts.insert(
            "prod".into(),
            Context {
                master: "http://m:8080".into(),
                username: Some("al".into()),
            },
        );
        cfg.current_context = Some("prod".into());
        store.save(&cfg).unwrap();
        store.set_token("prod", Some("s3cret")).unwrap();
        assert_eq!(store.load().unwrap(), cfg);
        assert_eq!(store.token("prod").unwrap().as_deref(), Some("s3cret"));
        assert!(
            !std::fs::read_to_string(store.config_path())
                .unwrap()
                .contains("s3cret")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(d.path().join("atl/credentials.yaml"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        store.set_token("prod", None).unwrap();
        assert_eq!(store.token("prod").unwrap(), None);
    }

    #[test]
    fn broken_file_is_a_config_error() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("config.yaml"), "contexts: [not, a, map").unwrap();
        let e = Store::at(d.path()).load().unwrap_err();
        assert!(matches!(e, CliError::Config(_)));
    }

    #[test]
    fn context_names() {
        assert_eq!(
            context_name_for("https://atl.example.com:8443/"),
            "atl.example.com:8443"
        );
        assert_eq!(context_name_for("http://10.0.0.1"), "10.0.0.1");
    }
}
