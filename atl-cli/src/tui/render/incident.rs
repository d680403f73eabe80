//! Incident detail: what, where, ranked root-cause candidates with their evidence, and the
//! timeline.

use super::theme::Theme;
use crate::tui::format;
use crate::tui::model::Level;
use crate::tui::state::State;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(state: &State, id: &str, scroll: usize, theme: Theme, f: &mut Frame, area: Rect) {
    let Some(inc) = state.incidents.iter().find(|i| i.id == id) else {
        f.render_widget(
            Paragraph::new(format!(
                " incident {id} is no longer known (esc to go back)"
            )),
            area,
        );
        return;
    };
    let mut lines: Vec<Line> = vec![
        Line::from(vec![
            Span::styled(format!(" incident {} ", inc.id), theme.title()),
            Span::styled(
                format!("{} {}", inc.severity.as_str(), inc.state),
                theme.level(inc.severity),
            ),
            Span::raw(format!(
                " @{} · started {} ago · {} · peak risk {:.2}",
                inc.cluster,
                format::age(state.now, Some(inc.started_at)),
                match inc.resolved_at {
                    Some(r) => format!(
                        "resolved after {}",
                        format::duration((r - inc.started_at).num_seconds())
                    ),
                    None => format!(
                        "open for {}",
                        format::duration((state.now - inc.started_at).num_seconds())
                    ),
                },
                inc.peak_risk
            )),
        ]),
        Line::from(format!(" {}", inc.summary)),
        Line::from(""),
        Line::from(Span::styled(" Root cause candidates", theme.title())),
    ];
    if inc.candidates.is_empty() {
        lines.push(Line::from(Span::styled(
            "   none identified yet",
            theme.dim(),
        )));
    }
    for (rank, c) in inc.candidates.iter().enumerate() {
        let level = Level::from_risk(c.score);
        lines.push(Line::from(vec![
            Span::raw(format!("  {}. ", rank + 1)),
            Span::styled(format::bar(c.score, 10), theme.level(level)),
            Span::raw(format!("  {}", c.entity)),
        ]));
        for e in &c.evidence {
            lines.push(Line::from(Span::styled(
                format!("       · {e}"),
                theme.dim(),
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(" Timeline", theme.title())));
    for t in &inc.timeline {
        lines.push(Line::from(vec![
            Span::styled(format!("  {} ", t.at.format("%H:%M:%S")), theme.dim()),
            Span::styled(format!("{:<22}", t.kind), theme.warn()),
            Span::raw(t.text.clone()),
        ]));
    }
    let scroll = scroll.min(lines.len().saturating_sub(1));
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(scroll)
        .take(usize::from(area.height))
        .collect();
    f.render_widget(Paragraph::new(visible).wrap(Wrap { trim: false }), area);
}
