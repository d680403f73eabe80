//! Builds a `ClusterSnapshot` from the watch stores and the optional telemetry source.

use crate::collect::Stores;
use crate::source::TelemetrySource;
use atl_core::snapshot::{AgentInfo, ClusterSnapshot, CollectionStatus};
use std::sync::Arc;
use std::time::Duration;

/// How long the snapshot waits for telemetry before sending without it.
pub const TELEMETRY_TIMEOUT: Duration = Duration::from_secs(8);

/// Everything needed to build snapshots for one cluster.
#[derive(Clone)]
pub struct SnapshotBuilder {
    pub cluster_id: String,
    pub stores: Arc<Stores>,
    pub telemetry: Option<Arc<dyn TelemetrySource>>,
    /// Restriction reported in `agent.namespaces`.
    pub namespaces: Vec<String>,
    /// Kubernetes server version, when known.
    pub kubernetes_version: Option<String>,
    /// Abilities reported in `agent.capabilities` besides the derived ones.
    pub capabilities: Vec<String>,
    /// Where `taken_at` comes from; the wall clock when `None`. `atl demo` passes the
    /// simulator's clock so that the engine's durations follow simulated time.
    pub clock: Option<Clock>,
}

/// A source of "now" for snapshots.
pub type Clock = Arc<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send + Sync>;

impl SnapshotBuilder {
    pub async fn build(&self) -> ClusterSnapshot {
        let taken_at = self.clock.as_ref().map_or_else(chrono::Utc::now, |c| c());
        let resources = self.stores.resources();
        let telemetry = match &self.telemetry {
            Some(src) => {
                let aliases = resources
                    .nodes
                    .iter()
                    .flat_map(|n| {
                        [n.internal_ip.clone(), n.external_ip.clone()]
                            .into_iter()
                            .flatten()
                            .map(|ip| (ip, n.meta.name.clone()))
                    })
                    .collect();
                src.observe_nodes(aliases);
                tokio::time::timeout(TELEMETRY_TIMEOUT, src.telemetry())
                .await
                .unwrap_or_else(|_| {
                    tracing::warn!("telemetry source took longer than {TELEMETRY_TIMEOUT:?}; snapshot sent without it");
                    None
                })
            }
            None => None,
        };
        let mut capabilities = self.capabilities.clone();
        if matches!(self.stores.usage.status(), Some(CollectionStatus::Ok)) {
            capabilities.push("metrics".into());
        }
        if telemetry.is_some() {
            capabilities.push("telemetry".into());
        }
        capabilities.sort();
        capabilities.dedup();
        let mut snap = ClusterSnapshot::new(self.cluster_id.clone(), taken_at);
        snap.agent = AgentInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            capabilities,
            kubernetes_version: self.kubernetes_version.clone(),
            namespaces: self.namespaces.clone(),
        };
        snap.collection = self.stores.statuses();
        snap.resources = resources;
        snap.telemetry = telemetry;
        snap
    }
}
