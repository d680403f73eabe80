//! atl-sim library.
#![forbid(unsafe_code)]
