//! The push loop: a full snapshot every interval, and a heartbeat in between. While the master is
//! away it backs off with jitter (capped at one interval, so it recovers within one interval of the
//! master's return) and always sends the newest snapshot: nothing is queued.

use crate::backoff::Backoff;
use crate::master::{MasterClient, MasterError};
use crate::snapshot::SnapshotBuilder;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Counters of the push loop, readable while it runs.
#[derive(Debug, Default)]
pub struct PushStats {
    pub snapshots_sent: AtomicU64,
    pub snapshot_failures: AtomicU64,
    pub heartbeats_sent: AtomicU64,
    pub last_snapshot_bytes: AtomicU64,
}

/// Rate-limits "master unreachable" warnings to one per 30 s.
struct WarnGate(Option<Instant>);

impl WarnGate {
    fn should_warn(&mut self) -> bool {
        let now = Instant::now();
        match self.0 {
            Some(t) if now.duration_since(t) < Duration::from_secs(30) => false,
            _ => {
                self.0 = Some(now);
                true
            }
        }
    }
}

/// Runs forever; never returns on errors.
pub async fn run_snapshots(
    master: MasterClient,
    builder: SnapshotBuilder,
    interval: Duration,
    stats: Arc<PushStats>,
) {
    let mut backoff = Backoff::new(Duration::from_millis(500), interval);
    let mut gate = WarnGate(None);
    loop {
        let started = Instant::now();
        let snap = builder.build().await;
        let pods = snap.resources.pods.len();
        // Only the compressed body is kept during the upload, not the snapshot (TARGETS P3).
        let body = MasterClient::encode_snapshot(&snap);
        drop(snap);
        let sent = match body {
            Ok(body) => master.push_encoded(body).await,
            Err(e) => Err(e),
        };
        let delay = match sent {
            Ok(bytes) => {
                if backoff.failures() > 0 {
                    tracing::info!(
                        after_failures = backoff.failures(),
                        "master reachable again"
                    );
                }
                backoff.reset();
                stats.snapshots_sent.fetch_add(1, Ordering::Relaxed);
                stats
                    .last_snapshot_bytes
                    .store(bytes as u64, Ordering::Relaxed);
                tracing::debug!(bytes, pods, "snapshot sent");
                interval.saturating_sub(started.elapsed())
            }
            Err(e) => {
                stats.snapshot_failures.fetch_add(1, Ordering::Relaxed);
                log_failure(&mut gate, "snapshot", &e, interval);
                backoff.next_delay()
            }
        };
        tokio::time::sleep(delay).await;
    }
}

/// Logs a failed push; `retry_cap` is the longest wait between retries, said in the message so
/// that an operator knows when to expect recovery.
fn log_failure(gate: &mut WarnGate, what: &str, e: &MasterError, retry_cap: Duration) {
    if !gate.should_warn() {
        tracing::debug!(error = %e, "{what} push failed");
    } else if matches!(e, MasterError::Transport { .. }) {
        tracing::warn!(
            error = %e,
            "master unreachable: {what} not delivered; retrying at least every {retry_cap:?} until it answers"
        );
    } else {
        tracing::warn!(error = %e, "{what} push failed; retrying at least every {retry_cap:?}");
    }
}

/// Heartbeats at half the snapshot interval, so the master sees the agent alive between
/// snapshots even when a snapshot is slow to build or large to send.
pub async fn run_heartbeats(master: MasterClient, interval: Duration, stats: Arc<PushStats>) {
    let every = (interval / 2).max(Duration::from_millis(500));
    let mut backoff = Backoff::new(Duration::from_millis(500), every);
    let mut gate = WarnGate(None);
    loop {
        let delay = match master.heartbeat().await {
            Ok(()) => {
                backoff.reset();
                stats.heartbeats_sent.fetch_add(1, Ordering::Relaxed);
                every
            }
            Err(e) => {
                log_failure(&mut gate, "heartbeat", &e, every);
                backoff.next_delay()
            }
        };
        tokio::time::sleep(delay).await;
    }
}
