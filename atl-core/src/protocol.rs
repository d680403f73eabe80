//! Agent ↔ master protocol constants.

/// Version of the snapshot and command protocol. The master accepts snapshots whose major
/// protocol version equals its own and rejects others with a message naming both versions.
pub const PROTOCOL_VERSION: u32 = 1;

/// Header carrying the protocol version on every agent request.
pub const HEADER_PROTOCOL: &str = "x-atl-protocol";

/// Agent API paths (served on the master's agent listener, default port 8081).
pub mod paths {
    pub const SNAPSHOT: &str = "/agent/v1/snapshot";
    pub const HEARTBEAT: &str = "/agent/v1/heartbeat";
    pub const COMMANDS: &str = "/agent/v1/commands";
    pub const RESULT: &str = "/agent/v1/result";
}
