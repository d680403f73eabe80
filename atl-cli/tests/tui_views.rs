#![allow(clippy::unwrap_used)]
//! Snapshot tests: every view, pane and overlay rendered into a `TestBackend` at 120×40 and 60×15,
//! compared as text with the committed snapshots in `src/tui/snapshots/`.

use atl_cli::tui::action::{Action, DataEvent};
use atl_cli::tui::fixture::{buffer_text, operator, sample_state};
use atl_cli::tui::keymap;
use atl_cli::tui::model::ConnectionState;
use atl_cli::tui::reducer::reduce;
use atl_cli::tui::render::render;
use atl_cli::tui::state::{Settings, State};
use atl_core::Role;
use atl_core::command::Outcome;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(120, 40), (60, 15)];

fn keys(s: &mut State, seq: &[KeyCode]) {
    for k in seq {
        if let Some(a) = keymap::resolve(s, KeyEvent::new(*k, KeyModifiers::NONE)) {
            reduce(s, a);
        }
    }
}

fn chars(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

fn draw(s: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| render(s, f)).unwrap();
    t
}

/// Builds the state for each size (the page size depends on it), then snapshots the screen.
fn check(name: &str, settings: Settings, setup: impl Fn(&mut State)) {
    for (w, h) in SIZES {
        let mut s = sample_state(200, settings.clone());
        reduce(
            &mut s,
            Action::Resize {
                width: w,
                height: h,
            },
        );
        setup(&mut s);
        let text = buffer_text(draw(&s, w, h).backend().buffer());
        insta::with_settings!({
            snapshot_path => "../src/tui/snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), text);
        });
    }
}

#[test]
fn view_clusters() {
    check("clusters", operator(), |_| {});
}

#[test]
fn view_pods() {
    check("pods", operator(), |s| keys(s, &chars("2")));
}

#[test]
fn view_pods_filtered_and_sorted() {
    check("pods_filtered", operator(), |s| {
        keys(s, &chars("2/status:crash"));
        keys(s, &[KeyCode::Enter]);
        keys(s, &chars("T"));
    });
}

#[test]
fn view_nodes() {
    check("nodes", operator(), |s| keys(s, &chars("3")));
}

#[test]
fn view_workloads() {
    check("workloads", operator(), |s| keys(s, &chars("4")));
}

#[test]
fn view_slos() {
    check("slos", operator(), |s| keys(s, &chars("5")));
}

#[test]
fn view_topology() {
    check("topology", operator(), |s| {
        keys(s, &chars("6j"));
        keys(
            s,
            &[
                KeyCode::Enter,
                KeyCode::Down,
                KeyCode::Enter,
                KeyCode::Down,
                KeyCode::Enter,
            ],
        );
    });
}

#[test]
fn view_incidents() {
    check("incidents", operator(), |s| keys(s, &chars("7")));
}

#[test]
fn view_incident_detail() {
    check("incident_detail", operator(), |s| {
        keys(s, &chars("7"));
        keys(s, &[KeyCode::Enter]);
    });
}

#[test]
fn view_events() {
    check("events", operator(), |s| keys(s, &chars("8")));
}

#[test]
fn pane_describe() {
    check("describe", operator(), |s| keys(s, &chars("2d")));
}

#[test]
fn pane_logs() {
    check("logs", operator(), |s| {
        keys(s, &chars("2l"));
        let text: String = (1..=40)
            .map(|i| format!("2026-01-01T00:00:{i:02}Z GET /healthz 200\n"))
            .collect();
        reduce(
            s,
            DataEvent::CommandDone {
                id: 1,
                outcome: Outcome::Succeeded,
                message: String::new(),
                output: Some(text),
            }
            .into(),
        );
    });
}

#[test]
fn overlay_help() {
    check("help", operator(), |s| keys(s, &chars("2?")));
}

#[test]
fn overlay_help_viewer() {
    check(
        "help_viewer",
        Settings {
            role: Role::Viewer,
            readonly: false,
            color: true,
        },
        |s| keys(s, &chars("2?")),
    );
}

#[test]
fn overlay_palette() {
    check("palette", operator(), |s| keys(s, &chars(":pods @")));
}

#[test]
fn overlay_confirm_restart() {
    check("confirm_restart", operator(), |s| keys(s, &chars("2r")));
}

#[test]
fn overlay_confirm_scale() {
    check("confirm_scale", operator(), |s| keys(s, &chars("4S")));
}

#[test]
fn header_reconnecting() {
    check("reconnecting", operator(), |s| {
        let retry_at = s.now + chrono::Duration::seconds(7);
        reduce(
            s,
            DataEvent::Connection(ConnectionState::Reconnecting {
                retry_at,
                attempt: 3,
            })
            .into(),
        );
    });
}

#[test]
fn header_offline() {
    check("offline", operator(), |s| {
        let retry_at = Some(s.now + chrono::Duration::seconds(12));
        reduce(
            s,
            DataEvent::Connection(ConnectionState::Offline {
                reason: "cannot reach the master at http://127.0.0.1:8080".into(),
                retry_at,
            })
            .into(),
        );
    });
}

#[test]
fn no_color_is_monochrome() {
    let mut s = sample_state(
        200,
        Settings {
            role: Role::Operator,
            readonly: false,
            color: false,
        },
    );
    keys(&mut s, &chars("2"));
    let t = draw(&s, 120, 40);
    for c in t.backend().buffer().content() {
        assert_eq!((c.fg, c.bg), (Color::Reset, Color::Reset), "{c:?}");
    }
    // With colour, crash-looping rows are coloured.
    s.settings.color = true;
    let t = draw(&s, 120, 40);
    assert!(
        t.backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.fg == Color::Red)
    );
}
