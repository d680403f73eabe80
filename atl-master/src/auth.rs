//! Credentials: password hashing, opaque bearer tokens and their keyed hashes.
//!
//! Tokens are opaque random strings, not JWTs: the master looks every presented token up in the
//! database, so revocation, user disabling and role changes apply on the very next request, and
//! there is no signature algorithm to confuse. Only `HMAC-SHA256(server_secret, token)` is stored;
//! a stolen database copy does not yield usable tokens without the secret.

use std::io::Write;
use std::path::Path;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Prefix of user (session and API) tokens.
pub const USER_TOKEN_PREFIX: &str = "atl_";
/// Prefix of agent tokens; lets the user API reject them with a clear message.
pub const AGENT_TOKEN_PREFIX: &str = "atla_";

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("cannot hash password: {0}")]
    Hash(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
}

/// Keyed hasher for tokens.
#[derive(Clone)]
pub struct TokenHasher {
    key: Vec<u8>,
}

impl std::fmt::Debug for TokenHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenHasher(<secret>)")
    }
}

impl TokenHasher {
    pub fn new(secret: &[u8]) -> Self {
        Self {
            key: secret.to_vec(),
        }
    }

    pub fn hash(&self, token: &str) -> Vec<u8> {
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for HMAC.
        let mut mac = match <Hmac<Sha256> as Mac>::new_from_slice(&self.key) {
            Ok(m) => m,
            Err(_) => unreachable_hmac(),
        };
        mac.update(token.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

#[cold]
fn unreachable_hmac() -> ! {
    // hmac's InvalidLength is only returned for fixed-key MACs, never for HMAC.
    panic!("HMAC rejected its key")
}

/// A new random token with the given prefix (256 bits of entropy).
pub fn new_token(prefix: &str) -> String {
    let bytes: [u8; 32] = rand::random();
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// A random printable secret (for generated passwords and server secrets).
pub fn random_secret(bytes: usize) -> String {
    let raw: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(raw)
}

/// Argon2id PHC string of a password.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AuthError::Hash(e.to_string()))
}

/// A valid hash of a random password, checked when the user does not exist so that a login
/// for an unknown name costs the same time as one with a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_secret(16)).unwrap_or_default())
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// Password rules for new passwords: long enough to resist online guessing.
pub fn check_password_policy(password: &str) -> Result<(), String> {
    if password.chars().count() < 12 {
        return Err("password must be at least 12 characters".into());
    }
    Ok(())
}

/// Write a file readable only by the owner (0600), replacing any previous one.
pub fn write_private_file(path: &Path, contents: &str) -> Result<(), AuthError> {
    let err = |source| AuthError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(err)?;
    #[cfg(unix)]
    {
        // `mode` only applies at creation; tighten a pre-existing file too.
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(err)?;
    }
    f.write_all(contents.as_bytes()).map_err(err)?;
    f.sync_all().map_err(err)
}

/// The server secret: the configured one, else the one persisted in `<data>/server-secret`,
/// else a new random one written there (0600).
pub fn load_or_create_secret(
    configured: Option<&str>,
    data_dir: &Path,
) -> Result<String, AuthError> {
    if let Some(s) = configured {
        return Ok(s.to_string());
    }
    let path = data_dir.join("server-secret");
    match std::fs::read_to_string(&path) {
        Ok(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Ok(_) => create_secret(&path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_secret(&path),
        Err(source) => Err(AuthError::Read {
            path: path.display().to_string(),
            source,
        }),
    }
}

fn create_secret(path: &Path) -> Result<String, AuthError> {
    let secret = random_secret(32);
    write_private_file(path, &secret)?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn password_roundtrip_and_rejection() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong", &h));
        assert!(!verify_password("x", dummy_hash()));
    }

    #[test]
    fn token_hash_depends_on_secret() {
        let t = new_token(USER_TOKEN_PREFIX);
        assert!(t.starts_with("atl_") && t.len() > 40);
        let a = TokenHasher::new(b"secret-one-123456").hash(&t);
        let b = TokenHasher::new(b"secret-two-123456").hash(&t);
        assert_ne!(a, b);
        assert_eq!(a, TokenHasher::new(b"secret-one-123456").hash(&t));
    }

    #[cfg(unix)]
    #[test]
    fn secret_file_is_private_and_stable() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let s1 = load_or_create_secret(None, dir.path()).unwrap();
        let s2 = load_or_create_secret(None, dir.path()).unwrap();
        assert_eq!(s1, s2);
        let mode = std::fs::metadata(dir.path().join("server-secret"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
