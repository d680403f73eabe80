//! The master's event stream (`/api/v1/watch`, SSE) as a trigger for the dashboard's refresh:
//! incident and cluster-status events make the master source fetch at once instead of at its next
//! periodic round. The stream carries changes, not the data, so the fetch stays the one place that
//! builds the dashboard's state; the periodic round remains the fallback (snapshots themselves
//! have no event).

use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::api;
use crate::client::Client;
use crate::error::CliError;
use crate::sse::Decoder;

/// What the stream tells the fetch loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Poke {
    /// Something the dashboard shows changed, or the stream (re)connected: fetch now.
    Changed,
    /// The stream broke: the master may be gone.
    Lost,
}

/// Reconnect delays of the stream and the fetch loop.
#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    /// Delay after the first failure, doubled per further failure …
    pub base: Duration,
    /// … up to this.
    pub max: Duration,
}

impl Backoff {
    /// Delay before attempt `attempt + 1` after `attempt` (≥ 1) failures in a row.
    pub fn delay(&self, attempt: u32) -> Duration {
        let factor = 1u32 << attempt.saturating_sub(1).min(16);
        self.base.saturating_mul(factor).min(self.max)
    }
}

/// The master sends a keep-alive comment every 15 s; a stream silent for this long is dead even
/// if no TCP reset arrived (a vanished host, a dropped NAT entry).
const IDLE: Duration = Duration::from_secs(45);

/// Follows the watch stream until `pokes` is closed, reconnecting with `backoff`.
pub async fn follow(client: Client, pokes: UnboundedSender<Poke>, backoff: Backoff) {
    let mut failures: u32 = 0;
    loop {
        match client.stream(api::WATCH, &[], None).await {
            Ok(resp) => {
                failures = 0;
                // Whatever happened while the stream was away is fetched now.
                if pokes.send(Poke::Changed).is_err() {
                    return;
                }
                let mut body = resp.bytes_stream();
                let mut dec = Decoder::default();
                while let Ok(Some(Ok(chunk))) = tokio::time::timeout(IDLE, body.next()).await {
                    let Ok(events) = dec.push(&chunk) else {
                        break;
                    };
                    let relevant = events
                        .iter()
                        .any(|e| e.event.starts_with("incident_") || e.event == "cluster_status");
                    if relevant && pokes.send(Poke::Changed).is_err() {
                        return;
                    }
                }
                if pokes.send(Poke::Lost).is_err() {
                    return;
                }
            }
            // A master without the stream: the periodic refresh is all there is.
            Err(CliError::NotFound(_)) => return,
            Err(_) => {}
        }
        if pokes.is_closed() {
            return;
        }
        failures = failures.saturating_add(1);
        tokio::time::sleep(backoff.delay(failures)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let b = Backoff {
            base: Duration::from_secs(2),
            max: Duration::from_secs(30),
        };
        let secs: Vec<u64> = (1..=7).map(|a| b.delay(a).as_secs()).collect();
        assert_eq!(secs, [2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(b.delay(u32::MAX), Duration::from_secs(30));
    }
}
