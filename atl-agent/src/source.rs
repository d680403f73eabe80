//! The hook through which the telemetry part (ClickHouse, `src/telemetry/`) joins a snapshot.

use atl_core::telemetry::Telemetry;
use futures::future::BoxFuture;
use std::collections::HashMap;

/// Something that can produce the telemetry part of a snapshot.
///
/// Called once per snapshot interval by the push loop. Implementations must bound their own
/// time (the snapshot waits for the future) and must degrade, not fail: return `None` (or a
/// `Telemetry` whose source status says what is missing) when ClickHouse is away, so the
/// Kubernetes part is always sent.
pub trait TelemetrySource: Send + Sync {
    fn telemetry(&self) -> BoxFuture<'_, Option<Telemetry>>;

    /// Called before each [`TelemetrySource::telemetry`] with the cluster's node addresses
    /// (InternalIP and ExternalIP → node name), so scrape hosts can be named like the nodes.
    /// The ClickHouse reader should forward this to `set_node_aliases`.
    fn observe_nodes(&self, _aliases: HashMap<String, String>) {}
}

/// A fixed telemetry value (tests, demos).
#[derive(Debug, Clone)]
pub struct StaticTelemetry(pub Telemetry);

impl TelemetrySource for StaticTelemetry {
    fn telemetry(&self) -> BoxFuture<'_, Option<Telemetry>> {
        Box::pin(async move { Some(self.0.clone()) })
    }
}
