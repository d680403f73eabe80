//! Header (connection state, clusters, role, scope), view bar and the bottom line.

use super::theme::Theme;
use crate::tui::model::{AgentState, ConnectionState};
use crate::tui::state::{Mode, Screen, State, ViewKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn connection_text(state: &State) -> (String, bool) {
    match &state.conn {
        ConnectionState::Connecting => ("◌ connecting".into(), false),
        ConnectionState::Connected => ("● connected".into(), true),
        ConnectionState::Reconnecting { retry_at, attempt } => {
            let secs = (*retry_at - state.now).num_seconds().max(0);
            (
                format!("◌ reconnecting in {secs}s (attempt {attempt})"),
                false,
            )
        }
        ConnectionState::Offline {
            reason,
            retry_at: None,
        } => (format!("○ offline: {reason}"), false),
        ConnectionState::Offline {
            reason,
            retry_at: Some(at),
        } => {
            let secs = (*at - state.now).num_seconds().max(0);
            (format!("○ offline, retrying in {secs}s: {reason}"), false)
        }
    }
}

pub fn header(state: &State, theme: Theme, f: &mut Frame, area: Rect) {
    let (conn, ok) = connection_text(state);
    let online = state
        .clusters
        .iter()
        .filter(|c| c.status.state == AgentState::Online)
        .count();
    let scope = format!(
        "@{} ns:{}",
        state.scope.cluster.as_deref().unwrap_or("all"),
        state.scope.namespace.as_deref().unwrap_or("all")
    );
    if area.width < 90 {
        let line = Line::from(vec![
            Span::styled(" atl ", theme.header().add_modifier(Modifier::BOLD)),
            Span::styled(
                format!(" {conn}"),
                if ok { theme.ok() } else { theme.warn() },
            ),
            Span::raw(format!(" │ {online}/{} │ {scope}", state.clusters.len())),
        ]);
        f.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut spans = vec![
        Span::styled(" atl top ", theme.header().add_modifier(Modifier::BOLD)),
        Span::raw(" "),
        Span::styled(conn, if ok { theme.ok() } else { theme.warn() }),
        Span::raw(format!(
            " │ clusters {}/{} online │ {}{}",
            online,
            state.clusters.len(),
            state.settings.role,
            if state.settings.readonly {
                " read-only"
            } else {
                ""
            }
        )),
        Span::raw(format!(" │ {scope}")),
    ];
    let open: usize = state.incidents.iter().filter(|i| i.is_open()).count();
    if open > 0 {
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(format!("{open} open incidents"), theme.bad()));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn view_bar(state: &State, theme: Theme, f: &mut Frame, area: Rect) {
    let base = state.base_view();
    let mut spans: Vec<Span> = Vec::new();
    match state.screen() {
        Screen::List(_) => {
            for (i, v) in ViewKind::ALL.iter().enumerate() {
                let label = if area.width < 100 {
                    format!(" {}:{} ", i + 1, short_name(*v))
                } else {
                    format!(" {}:{} ", i + 1, v.name())
                };
                spans.push(if *v == base {
                    Span::styled(label, theme.selected())
                } else {
                    Span::styled(label, theme.dim())
                });
            }
        }
        Screen::Incident { id, .. } => {
            spans.push(Span::styled(format!(" {} ", base.name()), theme.dim()));
            spans.push(Span::styled(format!("› incident {id} "), theme.selected()));
        }
        Screen::Text(p) => {
            spans.push(Span::styled(format!(" {} ", base.name()), theme.dim()));
            spans.push(Span::styled(format!("› {} ", p.title), theme.selected()));
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub fn bottom(state: &State, theme: Theme, f: &mut Frame, area: Rect) {
    let line = match &state.mode {
        Mode::Filter => Line::from(vec![
            Span::styled("/", theme.title()),
            Span::raw(state.table(state.base_view()).filter.text().to_string()),
            Span::styled("█", theme.dim()),
            Span::styled(
                "  regex · !invert · COL:re · enter keep · esc clear",
                theme.dim(),
            ),
        ]),
        Mode::Palette(p) => Line::from(vec![
            Span::styled(":", theme.title()),
            Span::raw(p.input.clone()),
            Span::styled("█", theme.dim()),
            Span::styled(
                "  tab complete · ↑↓ choose · enter run · esc close",
                theme.dim(),
            ),
        ]),
        _ => match &state.status {
            Some(s) => Line::from(Span::styled(s.text.clone(), theme.status(s.kind))),
            None => {
                let pending = state.pending.len();
                let mut text = "? help  : command  / filter  esc back  q quit".to_string();
                if pending > 0 {
                    text = format!("{pending} operation(s) running… │ {text}");
                }
                Line::from(Span::styled(text, theme.dim()))
            }
        },
    };
    f.render_widget(Paragraph::new(line), area);
}

fn short_name(v: ViewKind) -> &'static str {
    match v {
        ViewKind::Clusters => "cl",
        ViewKind::Pods => "po",
        ViewKind::Nodes => "no",
        ViewKind::Workloads => "wl",
        ViewKind::Slos => "slo",
        ViewKind::Topology => "topo",
        ViewKind::Incidents => "inc",
        ViewKind::Events => "ev",
    }
}
