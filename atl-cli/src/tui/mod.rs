//! `atl top`: the live multi-cluster dashboard.
//!
//! One task owns the [`state::State`]. Every key press, data event, tick and resize becomes an
//! [`action::Action`]; [`reducer::reduce`] applies it and returns [`action::Effect`]s (remote
//! operations) for the runtime to hand to the data source; [`render::render`] draws from `&State`
//! only. Data arrives as [`action::DataEvent`]s on a channel, so the loop never waits on the network.

pub mod action;
pub mod columns;
pub mod describe;
pub mod filter;
pub mod fixture;
pub mod format;
pub mod keymap;
pub mod live;
pub mod master;
pub mod model;
pub mod palette;
pub mod reducer;
pub mod render;
pub mod runtime;
pub mod source;
pub mod state;
pub mod topology;

pub use action::{Action, DataEvent, Effect};
pub use runtime::{TuiOptions, run, run_demo, run_loop, run_master, run_with_source};
pub use source::{DataSource, InMemorySource, pump};
