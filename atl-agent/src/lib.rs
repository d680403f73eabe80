//! atl-agent library.
#![forbid(unsafe_code)]
