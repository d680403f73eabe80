//! One error type for the whole client, and the exit code each kind maps to.
//!
//! Scripts branch on the exit code, so each failure class that a CI job may want to treat
//! differently (retry when the master is away, page a human on a permission problem, ...) has
//! its own code. The table is documented in docs/cli.md; keep both in sync.

use std::process::ExitCode;

/// Exit codes of `atl`. Values 69/77/78 follow sysexits.h so they read naturally in CI logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    Error = 1,
    Usage = 2,
    NotFound = 3,
    ConditionNotMet = 4,
    RemoteFailed = 5,
    Unreachable = 69,
    PermissionDenied = 77,
    Config = 78,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad arguments found after clap parsing (e.g. a refused kubectl flag).
    #[error("{0}")]
    Usage(String),
    /// No usable master/token: nothing configured, or the config file is broken.
    #[error("{0}")]
    Config(String),
    #[error(
        "cannot reach the master at {url}: {reason}\nhint: check the URL (`atl context list`), that the master is running, and your network; `atl check` diagnoses the connection"
    )]
    Unreachable { url: String, reason: String },
    #[error(
        "the master rejected the token: {0}\nhint: run `atl login URL` again or pass a valid --token / ATL_TOKEN"
    )]
    Unauthenticated(String),
    #[error(
        "permission denied: {0}\nhint: your role may not do this; ask an admin for a higher role (`atl check` shows yours)"
    )]
    PermissionDenied(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("condition not met: {0}")]
    ConditionNotMet(String),
    #[error("remote operation failed: {0}")]
    RemoteFailed(String),
    /// The master answered with an error that has no dedicated class.
    #[error("the master answered {status}: {message}")]
    Api { status: u16, message: String },
    #[error("{0:#}")]
    Other(#[from] anyhow::Error),
}

impl CliError {
    pub fn exit(&self) -> Exit {
        match self {
            CliError::Usage(_) => Exit::Usage,
            CliError::Config(_) => Exit::Config,
            CliError::Unreachable { .. } => Exit::Unreachable,
            CliError::Unauthenticated(_) | CliError::PermissionDenied(_) => Exit::PermissionDenied,
            CliError::NotFound(_) => Exit::NotFound,
            CliError::ConditionNotMet(_) => Exit::ConditionNotMet,
            CliError::RemoteFailed(_) => Exit::RemoteFailed,
            CliError::Api { .. } | CliError::Other(_) => Exit::Error,
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Other(e.into())
    }
}

pub type Result<T, E = CliError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_has_a_distinct_code_except_auth_pair() {
        let all = [
            CliError::Usage(String::new()).exit(),
            CliError::Config(String::new()).exit(),
            CliError::Unreachable {
                url: String::new(),
                reason: String::new(),
            }
            .exit(),
            CliError::PermissionDenied(String::new()).exit(),
            CliError::NotFound(String::new()).exit(),
            CliError::ConditionNotMet(String::new()).exit(),
            CliError::RemoteFailed(String::new()).exit(),
            CliError::Other(anyhow::anyhow!("x")).exit(),
        ];
        let mut codes: Vec<u8> = all.iter().map(|e| *e as u8).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert!(!codes.contains(&0));
    }
}
