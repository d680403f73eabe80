//! The AIOps engine (SPEC §6): pure and replayable.

pub mod baseline;
