#![forbid(unsafe_code)]
//! atl client library: the CLI's building blocks and the `atl top` dashboard.

pub mod tui;
