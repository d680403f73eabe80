//! atl-agent: the cluster agent. Watches Kubernetes, builds `ClusterSnapshot`s, pushes them to the
//! master, and executes the master's typed commands through the Kubernetes API.
#![forbid(unsafe_code)]

pub mod collect;
pub mod convert;
pub mod snapshot;
pub mod source;
pub mod telemetry;
