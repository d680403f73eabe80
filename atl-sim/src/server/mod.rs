//! HTTP server for the Kubernetes REST API (filled in below).

use std::net::SocketAddr;

use crate::SimCluster;
use crate::error::SimError;

/// A running server.
#[derive(Debug)]
pub struct SimServerHandle {
    task: tokio::task::JoinHandle<()>,
}

impl SimServerHandle {
    /// Stops the server.
    pub fn stop(self) {
        self.task.abort();
    }
}

/// The API server.
#[derive(Debug)]
pub struct SimServer;

impl SimServer {
    /// Starts serving `cluster` on `addr` (use port 0 for an ephemeral port).
    pub async fn start(
        cluster: SimCluster,
        addr: SocketAddr,
    ) -> Result<(SocketAddr, SimServerHandle), SimError> {
        let _ = cluster;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| SimError::Bind { addr, source })?;
        let local = listener
            .local_addr()
            .map_err(|source| SimError::Bind { addr, source })?;
        let task = tokio::spawn(async move {
            let _ = listener;
        });
        Ok((local, SimServerHandle { task }))
    }
}
