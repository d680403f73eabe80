//! chdb behind the project's ClickHouse HTTP front (`tools/chdb_front`), the real ClickHouse
//! engine these machines can run. Tests find its Python in `.venv-chdb` (made by
//! `tools/chdb_front/setup.sh`) or `ATL_CHDB_VENV`, and skip with [`SKIPPED`] without it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

pub const SKIPPED: &str = "skipped: chdb venv not found, run tools/chdb_front/setup.sh";

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn venv() -> PathBuf {
    std::env::var_os("ATL_CHDB_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv-chdb"))
}

/// The venv's Python, when the venv exists.
pub fn python() -> Option<PathBuf> {
    let python = venv().join("bin/python");
    python.exists().then_some(python)
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A child process killed when the test ends, pass or fail.
pub struct KillOnDrop(pub Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// How to start a front.
#[derive(Default)]
pub struct FrontOptions<'a> {
    /// 0 picks a free port.
    pub port: u16,
    /// Create the exporter tables at start.
    pub init_schema: bool,
    /// The database of `init_schema` (the front's default otherwise).
    pub database: Option<&'a str>,
    /// Keep the tables here, so a restarted front serves them again.
    pub data_dir: Option<&'a Path>,
}

/// A running front; stopped on drop. It also exits when this process does (its stdin closes).
pub struct Front {
    pub port: u16,
    _child: KillOnDrop,
    _stdin: ChildStdin,
}

impl Front {
    pub fn start(python: &Path, o: FrontOptions<'_>) -> Front {
        let mut cmd = Command::new(python);
        cmd.arg(repo_root().join("tools/chdb_front/chdb_front.py"))
            .args(["--port", &o.port.to_string(), "--exit-on-stdin-eof"]);
        if o.init_schema {
            cmd.arg("--init-schema");
        }
        if let Some(db) = o.database {
            cmd.args(["--database", db]);
        }
        if let Some(dir) = o.data_dir {
            cmd.arg("--data-dir").arg(dir);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start chdb front");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .expect("chdb front prints its port first");
        let stdin = child.stdin.take().unwrap();
        Front {
            port,
            _child: KillOnDrop(child),
            _stdin: stdin,
        }
    }
}

/// One front for the whole test binary (every test works in its own database); `None` without
/// the venv.
pub fn shared() -> Option<u16> {
    static FRONT: OnceLock<Option<Front>> = OnceLock::new();
    FRONT
        .get_or_init(|| python().map(|p| Front::start(&p, FrontOptions::default())))
        .as_ref()
        .map(|f| f.port)
}
