//! atl-core: the shared vocabulary of atl. No I/O.
#![forbid(unsafe_code)]

pub mod api;
