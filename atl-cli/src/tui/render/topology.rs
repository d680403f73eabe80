//! The topology tree, risk-coloured, only visible lines drawn.

use super::table::visible_offset;
use super::theme::Theme;
use crate::tui::model::Level;
use crate::tui::state::{State, ViewKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(state: &State, theme: Theme, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let title = Line::from(vec![
        Span::styled(" topology", theme.title()),
        Span::raw(format!(
            " @{} ns:{} ingress → service → pod → node [{} lines]",
            state.scope.cluster.as_deref().unwrap_or("all"),
            state.scope.namespace.as_deref().unwrap_or("all"),
            state.tree.len()
        )),
    ]);
    f.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    let t = state.table(ViewKind::Topology);
    let fit = usize::from(area.height - 1);
    let offset = visible_offset(t.offset, t.selected, fit).min(state.tree.len());
    let end = (offset + fit).min(state.tree.len());
    let lines: Vec<Line> = state.tree[offset..end]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let marker = match (l.expandable, l.expanded) {
                (true, true) => "▾ ",
                (true, false) => "▸ ",
                _ => "  ",
            };
            let level = Level::from_risk(l.risk);
            let style = if offset + i == t.selected {
                theme.selected()
            } else {
                theme.level(level)
            };
            Line::from(vec![
                Span::raw("  ".repeat(usize::from(l.depth))),
                Span::styled(format!("{marker}{:<8}", l.kind), style),
                Span::styled(format!("{} ", l.label), style),
                Span::styled(
                    if l.risk > 0.0 {
                        format!("risk {:.2} {}", l.risk, level.as_str())
                    } else {
                        String::new()
                    },
                    theme.level(level),
                ),
            ])
        })
        .collect();
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    if lines.is_empty() {
        f.render_widget(
            Paragraph::new(Span::styled(" waiting for data…", theme.dim())),
            body,
        );
    } else {
        f.render_widget(Paragraph::new(lines), body);
    }
}
