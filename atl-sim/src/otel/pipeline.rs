//! The clock and the writer together: what `atl-sim --clickhouse-url` runs, for embedding
//! programs (e.g. `atl demo`) too.

use std::time::Duration;

use super::{OtelBatch, OtelSampler, OtelWriter};
use crate::SimCluster;

/// Runs the clock like [`SimCluster::spawn_clock`] (every 100 ms of real time, `speed` × 100 ms
/// of simulated time), sampling telemetry at every scrape instant and handing the rows to a
/// writer task; a slow or absent ClickHouse never holds the clock back. Abort the returned handle
/// to stop the clock; the writer task ends with it.
pub fn spawn_clock_with_telemetry(
    cluster: SimCluster,
    speed: f64,
    mut sampler: OtelSampler,
    mut writer: OtelWriter,
) -> tokio::task::JoinHandle<()> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<OtelBatch>(64);
    tokio::spawn(async move {
        let mut failing = false;
        while let Some(batch) = rx.recv().await {
            writer.push(&batch);
            match writer.flush().await {
                Ok(_) if failing => {
                    failing = false;
                    tracing::info!(
                        written = writer.written_rows(),
                        dropped = writer.dropped_rows(),
                        "ClickHouse takes telemetry rows again"
                    );
                }
                Ok(_) => {}
                Err(e) if !failing => {
                    failing = true;
                    tracing::warn!(error = %e, queued = writer.queued_rows(), "telemetry rows not written; retrying with the next batch");
                }
                Err(e) => {
                    tracing::debug!(error = %e, queued = writer.queued_rows(), "telemetry rows still not written")
                }
            }
        }
    });
    tokio::spawn(async move {
        let mut iv = tokio::time::interval(Duration::from_millis(100));
        iv.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            iv.tick().await;
            let step = Duration::from_secs_f64((0.1 * speed).max(0.0));
            let c = cluster.clone();
            let Ok((s, batch)) = tokio::task::spawn_blocking(move || {
                let batch = sampler.advance(&c, step);
                (sampler, batch)
            })
            .await
            else {
                break;
            };
            sampler = s;
            if !batch.is_empty() && tx.try_send(batch).is_err() {
                tracing::warn!("the telemetry writer is behind; a batch of rows was dropped");
            }
        }
    })
}
