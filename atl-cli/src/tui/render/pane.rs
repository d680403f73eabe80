//! Describe, YAML and logs: a scrollable text pane that draws only the lines on screen.

use super::theme::Theme;
use crate::tui::state::TextPane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(p: &TextPane, theme: Theme, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let rows = usize::from(area.height - 1);
    // Keep the last page full when scrolled to the end.
    let start = p.scroll.min(p.lines.len().saturating_sub(rows));
    let end = (start + rows).min(p.lines.len());
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {}", p.title), theme.title()),
            Span::styled(
                format!(" lines {}-{} of {}", start + 1, end, p.lines.len()),
                theme.dim(),
            ),
        ])),
        Rect { height: 1, ..area },
    );
    let lines: Vec<Line> = p.lines[start..end]
        .iter()
        .map(|l| Line::from(format!(" {l}")))
        .collect();
    f.render_widget(
        Paragraph::new(lines),
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        },
    );
}
