//! Slim Kubernetes objects: only what monitoring, the AIOps engine and the CLI need, with the
//! derived fields computed once by the agent. Rules that hold for every kind:
//! - Secret values are never carried (keys and type only); ConfigMaps carry keys and sizes.
//! - `managedFields` and the `kubectl.kubernetes.io/last-applied-configuration` annotation never appear.
//! - Literal container env values only when the agent runs with `--include-env-values`.
//! - Quantities are numbers: CPU in millicores, memory and storage in bytes.

mod common;
mod config;
mod event;
mod network;
mod node;
mod pod;
mod storage;
mod workload;

pub use common::*;
pub use config::*;
pub use event::*;
pub use network::*;
pub use node::*;
pub use pod::*;
pub use storage::*;
pub use workload::*;
