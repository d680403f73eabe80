//! SLOs: the table (with one-line sparklines), and below it the selected SLO's last hour as a
//! full sparkline with its budget.

use super::table;
use super::theme::Theme;
use crate::tui::columns::{self, Item};
use crate::tui::format;
use crate::tui::model::Level;
use crate::tui::state::{State, ViewKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Sparkline};

const DETAIL_HEIGHT: u16 = 7;

pub fn render(state: &State, theme: Theme, f: &mut Frame, area: Rect) {
    let view = ViewKind::Slos;
    let selected =
        state
            .table(view)
            .selected_row()
            .and_then(|r| match columns::item(state, view, r) {
                Some(Item::Slo(s)) => Some(s),
                _ => None,
            });
    let detail = area.height >= 16 && selected.is_some();
    let table_area = Rect {
        height: if detail {
            area.height - DETAIL_HEIGHT
        } else {
            area.height
        },
        ..area
    };
    table::render(state, view, theme, f, table_area);
    let (true, Some(slo)) = (detail, selected) else {
        return;
    };
    let d = Rect {
        y: area.y + area.height - DETAIL_HEIGHT,
        height: DETAIL_HEIGHT,
        ..area
    };
    let level = if slo.budget_remaining < 0.0 {
        Level::Critical
    } else if slo.burn_rate_1h > 1.0 {
        Level::High
    } else {
        Level::Healthy
    };
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Line::from(vec![
            Span::styled(format!(" {} @{} ", slo.name, slo.cluster), theme.title()),
            Span::styled(
                format!(
                    "target {} over {}d · budget left {} · burn {:.1}x · p99 {:.0}ms{} ",
                    format::percent(slo.target),
                    slo.window_days,
                    format::bar(slo.budget_remaining, 10),
                    slo.burn_rate_1h,
                    slo.p99_ms,
                    slo.latency_target_ms
                        .map(|t| format!(" (target {t:.0}ms)"))
                        .unwrap_or_default()
                ),
                theme.level(level),
            ),
        ]));
    let inner = block.inner(d);
    f.render_widget(block, d);
    // Success ratio per minute, scaled from the worst minute so dips stand out.
    let lo = slo
        .series
        .iter()
        .copied()
        .fold(1.0f64, f64::min)
        .min(slo.target);
    let data: Vec<u64> = slo
        .series
        .iter()
        .map(|v| {
            (((v - lo) / (1.0 - lo).max(1e-9)) * 100.0)
                .round()
                .clamp(0.0, 100.0) as u64
        })
        .collect();
    let tail = &data[data.len().saturating_sub(usize::from(inner.width))..];
    f.render_widget(
        Sparkline::default()
            .data(tail)
            .max(100)
            .style(theme.level(level)),
        inner,
    );
}
