//! Joins the ClickHouse reader to the agent's snapshot loop.

use super::{ClickHouseConfig, ClickHouseTelemetry, TelemetryError};
use crate::source::TelemetrySource;
use atl_core::telemetry::Telemetry;
use futures::future::BoxFuture;
use std::sync::Arc;

impl TelemetrySource for ClickHouseTelemetry {
    fn telemetry(&self) -> BoxFuture<'_, Option<Telemetry>> {
        Box::pin(async move {
            match self.collect().await {
                Ok(t) => Some(t),
                Err(err) => {
                    tracing::warn!(error = %err, "telemetry part left out of this snapshot");
                    None
                }
            }
        })
    }
}

/// The reader for `--clickhouse-url` / `--clickhouse-database` with default window and timeout.
/// Keep the `Arc` to feed it node names (`set_node_aliases`); it coerces to
/// `Arc<dyn TelemetrySource>`.
pub fn clickhouse_source(
    url: &str,
    database: &str,
) -> Result<Arc<ClickHouseTelemetry>, TelemetryError> {
    let mut config = ClickHouseConfig::new(url);
    config.database = database.to_string();
    ClickHouseTelemetry::new(config).map(Arc::new)
}
