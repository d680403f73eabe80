//! Failed-login throttle per (peer IP, username): after `MAX_FAILURES` failures within `WINDOW`
//! further attempts are refused with 429 until the window has passed. Keyed by both so one
//! attacker cannot lock a user out from everywhere.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const MAX_FAILURES: u32 = 10;
pub const WINDOW: Duration = Duration::from_secs(600);
const MAX_ENTRIES: usize = 100_000;

#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<(IpAddr, String), (u32, Instant)>>,
}

impl LoginThrottle {
    /// `Err(seconds to wait)` when this peer has failed too often for this user.
    pub fn check(&self, ip: IpAddr, user: &str) -> Result<(), u64> {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&(ip, user.to_string())) {
            Some((n, since)) if *n >= MAX_FAILURES && since.elapsed() < WINDOW => {
                Err((WINDOW - since.elapsed()).as_secs().max(1))
            }
            _ => Ok(()),
        }
    }

    pub fn failed(&self, ip: IpAddr, user: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, (_, since)| since.elapsed() < WINDOW);
        }
        let e = map
            .entry((ip, user.to_string()))
            .or_insert((0, Instant::now()));
        if e.1.elapsed() >= WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
    }

    pub fn succeeded(&self, ip: IpAddr, user: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&(ip, user.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_max_failures_per_peer_and_user() {
        let t = LoginThrottle::default();
        let a: IpAddr = [127, 0, 0, 1].into();
        let b: IpAddr = [127, 0, 0, 2].into();
        for _ in 0..MAX_FAILURES {
            assert!(t.check(a, "ann").is_ok());
            t.failed(a, "ann");
        }
        assert!(t.check(a, "ann").is_err());
        assert!(t.check(b, "ann").is_ok(), "other peers are not locked out");
        assert!(t.check(a, "bob").is_ok());
        t.succeeded(a, "ann");
        assert!(t.check(a, "ann").is_ok());
    }
}
