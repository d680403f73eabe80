//! atl-master library.
#![forbid(unsafe_code)]
