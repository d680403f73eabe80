//! atl-master library: the headless master (agent API, user API, store, hub, audit).
#![forbid(unsafe_code)]

pub mod auth;
pub mod config;
pub mod store;
