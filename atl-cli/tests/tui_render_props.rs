#![allow(clippy::unwrap_used)]
//! Rendering never panics: any terminal size (0×0 included), any state reached by any sequence of
//! actions, in every mode.

use atl_cli::tui::action::{Action, Command, DataEvent, Input};
use atl_cli::tui::fixture::{operator, sample_state};
use atl_cli::tui::model::ConnectionState;
use atl_cli::tui::reducer::reduce;
use atl_cli::tui::render::render;
use atl_cli::tui::state::{State, ViewKind};
use atl_core::command::Outcome;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

const COMMANDS: [Command; 22] = [
    Command::Up,
    Command::Down,
    Command::PageUp,
    Command::PageDown,
    Command::Top,
    Command::Bottom,
    Command::Enter,
    Command::Collapse,
    Command::Back,
    Command::Help,
    Command::Palette,
    Command::Filter,
    Command::View(ViewKind::Pods),
    Command::View(ViewKind::Topology),
    Command::View(ViewKind::Slos),
    Command::View(ViewKind::Incidents),
    Command::Describe,
    Command::Yaml,
    Command::Logs,
    Command::Restart,
    Command::Scale,
    Command::Cordon,
];

fn action(state: &State, op: u8, c: char) -> Action {
    match op {
        0..=21 => Action::Cmd(COMMANDS[usize::from(op)]),
        22 => Action::Sort(c.to_ascii_uppercase()),
        23 => Action::Input(Input::Char(c)),
        24 => Action::Input(Input::Backspace),
        25 => Action::Input(Input::Submit),
        26 => Action::Input(Input::Cancel),
        27 => Action::Input(Input::Complete),
        28 => Action::Input(Input::Next),
        29 => Action::Resize {
            width: u16::from(c as u8),
            height: u16::from(c as u8 / 3),
        },
        30 => {
            // A changed snapshot: fewer pods, so stale indexes would point past the end.
            let mut snap = (**state.clusters[0].snapshot.as_ref().unwrap()).clone();
            let keep = snap.resources.pods.len() / 2;
            snap.resources.pods.truncate(keep);
            Action::Data(DataEvent::Snapshot(Arc::new(snap)))
        }
        31 => Action::Data(DataEvent::Incidents(Vec::new())),
        32 => Action::Data(DataEvent::Slos(Vec::new())),
        33 => Action::Data(DataEvent::Clusters(Vec::new())),
        34 => Action::Data(DataEvent::Connection(ConnectionState::Reconnecting {
            retry_at: state.now + chrono::Duration::seconds(i64::from(c as u8)),
            attempt: 2,
        })),
        35 => Action::Data(DataEvent::CommandDone {
            id: 1,
            outcome: Outcome::Succeeded,
            message: "ok".into(),
            output: Some("a\nb".into()),
        }),
        36 => Action::Tick(state.now + chrono::Duration::seconds(1)),
        _ => Action::Cmd(Command::Uncordon),
    }
}

fn draw(state: &State, w: u16, h: u16) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| render(state, f)).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_actions_any_size_never_panics(
        ops in prop::collection::vec((0u8..38, prop::char::range('0', 'z')), 0..40),
        w in 0u16..160,
        h in 0u16..60,
    ) {
        let mut s = sample_state(60, operator());
        for (op, c) in ops {
            if s.clusters.is_empty() && op == 30 {
                continue;
            }
            let a = action(&s, op, c);
            reduce(&mut s, a);
            if s.quit {
                break;
            }
            draw(&s, w, h);
        }
        draw(&s, w, h);
    }
}

#[test]
fn every_small_size_renders_every_view() {
    let mut s = sample_state(60, operator());
    let views = [
        Command::View(ViewKind::Clusters),
        Command::View(ViewKind::Pods),
        Command::View(ViewKind::Nodes),
        Command::View(ViewKind::Workloads),
        Command::View(ViewKind::Slos),
        Command::View(ViewKind::Topology),
        Command::View(ViewKind::Incidents),
        Command::View(ViewKind::Events),
        Command::Help,
    ];
    for v in views {
        reduce(&mut s, Action::Cmd(v));
        for w in 0..=45u16 {
            for h in 0..=12u16 {
                draw(&s, w, h);
            }
        }
        reduce(&mut s, Action::Input(Input::Cancel));
    }
    // The empty state (before any data) too.
    let empty = State::new(s.settings.clone(), s.now);
    for (w, h) in [(0, 0), (1, 1), (40, 10), (200, 60)] {
        draw(&empty, w, h);
    }
}
