//! Everything that can happen to the dashboard, as data: key presses resolved by the keymap,
//! data from the master, clock ticks and resizes all become an [`Action`]; the reducer answers with
//! [`Effect`]s for the runtime to carry out.

use super::model::{ClusterStatus, ConnectionState, IncidentView, SloView};
use super::state::ViewKind;
use atl_core::command::Outcome;
use atl_core::{ClusterSnapshot, EntityKey, Timestamp};
use std::sync::Arc;

/// A user command, bound to keys in the keymap (and therefore listed in the help overlay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: drill down (or expand a topology node).
    Enter,
    /// Collapse a topology node.
    Collapse,
    Back,
    Quit,
    Help,
    Palette,
    Filter,
    View(ViewKind),
    Describe,
    Yaml,
    Logs,
    /// Logs of the previous container run (after a crash).
    PreviousLogs,
    Restart,
    Scale,
    Cordon,
    Uncordon,
    Delete,
}

impl Command {
    /// Commands that change a cluster: confirmed, role-checked, and absent with `--readonly`.
    pub fn is_mutating(self) -> bool {
        matches!(
            self,
            Command::Restart
                | Command::Scale
                | Command::Cordon
                | Command::Uncordon
                | Command::Delete
        )
    }

    /// Commands that go to a cluster through the master (and so need the operator role).
    pub fn is_remote_op(self) -> bool {
        self.is_mutating() || matches!(self, Command::Logs | Command::PreviousLogs)
    }
}

/// Editing of the one-line inputs (filter, palette, scale replicas) and dialog answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Char(char),
    Backspace,
    /// Tab: accept the first completion.
    Complete,
    /// Up/Down in the completion list.
    Prev,
    Next,
    Submit,
    Cancel,
}

/// Data pushed by a [`super::source::DataSource`] (the master over HTTP/SSE, or in-memory).
#[derive(Debug, Clone)]
pub enum DataEvent {
    Connection(ConnectionState),
    /// The full list of clusters and their status (clusters absent from it are gone).
    Clusters(Vec<ClusterStatus>),
    /// The newest snapshot of one cluster.
    Snapshot(Arc<ClusterSnapshot>),
    /// All incidents the dashboard should know (open ones and recent closed ones).
    Incidents(Vec<IncidentView>),
    /// All SLOs.
    Slos(Vec<SloView>),
    /// Per-entity risk of one cluster, for risk colouring (replaces the cluster's previous map).
    Risk {
        cluster: String,
        entities: Vec<(EntityKey, f64)>,
    },
    /// A command sent with [`Effect::Run`] ended.
    CommandDone {
        id: u64,
        outcome: Outcome,
        /// One line for the status bar.
        message: String,
        /// Text output (logs).
        output: Option<String>,
    },
}

/// Input to the reducer.
#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Command),
    /// Shift+letter: sort the current table by the column with that letter (again: reverse).
    Sort(char),
    Input(Input),
    Resize {
        width: u16,
        height: u16,
    },
    /// Wall clock, for ages and countdowns (the reducer never reads the clock itself).
    Tick(Timestamp),
    Data(DataEvent),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Cmd(c)
    }
}

impl From<DataEvent> for Action {
    fn from(e: DataEvent) -> Self {
        Action::Data(e)
    }
}

/// Work the reducer asks the runtime to do; results come back as [`DataEvent`]s.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run an operation in a cluster through the master (audited there).
    Run {
        /// Matches the later [`DataEvent::CommandDone`].
        id: u64,
        cluster: String,
        action: atl_core::command::Action,
    },
}
