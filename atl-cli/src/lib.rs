//! atl client library: command-line grammar, output layer, master client and the kubectl
//! passthrough parser. The `atl` binary is a thin wrapper around `commands::run`.
#![forbid(unsafe_code)]

pub mod api;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod demo;
pub mod error;
pub mod output;
pub mod passthrough;
pub mod prompt;
pub mod session;
pub mod sse;
pub mod tui;
