//! The AIOps engine (SPEC §6): pure and replayable.

pub mod baseline;
pub mod graph;
pub mod model;
pub mod observe;
pub mod risk;
pub mod rules;
pub mod state;
