//! atl-agent library.
#![forbid(unsafe_code)]
pub mod telemetry;
