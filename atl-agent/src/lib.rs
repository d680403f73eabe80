//! atl-agent: the cluster agent. Watches Kubernetes, builds `ClusterSnapshot`s, pushes them to the
//! master, and executes the master's typed commands through the Kubernetes API.
#![forbid(unsafe_code)]

pub mod agent;
pub mod backoff;
pub mod check;
pub mod collect;
pub mod commands;
pub mod convert;
pub mod master;
pub mod push;
pub mod snapshot;
pub mod source;
pub mod telemetry;

pub use agent::{Agent, AgentConfig, AgentError, AgentHandle, KubeSource};
