//! atl-core: the shared vocabulary of atl — the snapshot an agent sends, the telemetry it carries,
//! entity keys, commands and their results, roles, and the protocol version. No I/O lives here, so
//! the master, the agent, the CLI and the simulator all agree on one model.
#![forbid(unsafe_code)]

pub mod aiops;
pub mod api;
pub mod command;
pub mod k8s;
pub mod key;
pub mod kind;
pub mod protocol;
pub mod quantity;
pub mod role;
pub mod schema;
pub mod selector;
pub mod snapshot;
pub mod synth;
pub mod telemetry;

pub use key::EntityKey;
pub use kind::ResourceKind;
pub use role::Role;
pub use snapshot::ClusterSnapshot;

/// Every timestamp in the model: UTC, serialised as RFC 3339 with sub-second precision.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
