//! atl-master library: the headless master (agent API, user API, store, hub, audit).
#![forbid(unsafe_code)]

pub mod aiops;
pub mod auth;
pub mod config;
pub mod engine;
pub mod eval;
pub mod http;
pub mod hub;
pub mod master;
pub mod metrics;
pub mod store;

pub use config::Config;
pub use master::{DevCredentials, Master, RunningMaster};
