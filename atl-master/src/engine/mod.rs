//! The AIOps engine (SPEC §6): pure and replayable. It reads time only from
//! snapshot timestamps, so a recorded stream replays to the same incidents.

pub mod baseline;
pub mod graph;
pub mod incident;
pub mod model;
pub mod observe;
pub mod pipeline;
pub mod replay;
pub mod risk;
pub mod rootcause;
pub mod rules;
pub mod state;

pub use pipeline::{Engine, EngineConfig, Output};
