//! Accuracy evaluation against public benchmarks (`atl-master eval …`).

pub mod cli;
pub mod nab;
pub mod nab_run;
pub mod petshop;

pub use cli::EvalCommand;
