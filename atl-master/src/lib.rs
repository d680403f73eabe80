//! atl-master library.
#![forbid(unsafe_code)]

pub mod engine;
pub mod eval;
