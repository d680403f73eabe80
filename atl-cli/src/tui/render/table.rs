//! Table views: a title line, then only the rows that fit, built cell by cell from the index.

use super::theme::Theme;
use crate::tui::columns::{self, Column, Item, pod_ok};
use crate::tui::model::{AgentState, Level};
use crate::tui::state::{RowRef, State, ViewKind};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

/// Which columns fit `width`: drop the most droppable ones until they do.
pub fn fit_columns(cols: &[Column], width: u16) -> Vec<usize> {
    let mut keep: Vec<usize> = (0..cols.len()).collect();
    let need = |keep: &[usize]| -> u32 {
        keep.iter()
            .map(|&i| u32::from(cols[i].width) + 1)
            .sum::<u32>()
    };
    while need(&keep) > u32::from(width) {
        let Some((pos, _)) = keep
            .iter()
            .enumerate()
            .filter(|(_, i)| cols[**i].drop > 0)
            .max_by_key(|(pos, i)| (cols[**i].drop, *pos))
        else {
            break;
        };
        keep.remove(pos);
    }
    keep
}

/// The first row to show so that `selected` is on screen, starting from the stored offset.
pub fn visible_offset(offset: usize, selected: usize, rows: usize) -> usize {
    if rows == 0 {
        return offset;
    }
    if selected < offset {
        selected
    } else if selected >= offset + rows {
        selected + 1 - rows
    } else {
        offset
    }
}

/// How alarming a row looks.
pub fn row_level(state: &State, view: ViewKind, row: RowRef) -> Level {
    match columns::item(state, view, row) {
        Some(Item::Cluster(e)) if e.status.state == AgentState::Offline => Level::Critical,
        Some(Item::Cluster(e)) if e.status.state == AgentState::Stale => {
            Level::from_risk(e.status.risk).max(Level::Medium)
        }
        Some(Item::Cluster(e)) => Level::from_risk(e.status.risk),
        Some(Item::Pod(_, p)) => match p.reason.as_deref() {
            Some("CrashLoopBackOff" | "OOMKilled" | "Error") => Level::Critical,
            Some(_) => Level::High,
            None if !pod_ok(p) => Level::Medium,
            None => Level::Healthy,
        },
        Some(Item::Node(_, n)) => {
            if n.ready != atl_core::k8s::ConditionStatus::True {
                Level::Critical
            } else if n.pressure.memory || n.pressure.disk || n.pressure.pid {
                Level::High
            } else if n.unschedulable {
                Level::Medium
            } else {
                Level::Healthy
            }
        }
        Some(Item::Deployment(_, d)) if d.available == 0 && d.replicas > 0 => Level::Critical,
        Some(Item::Deployment(_, d)) if d.available < d.replicas => Level::High,
        Some(Item::StatefulSet(_, d)) if d.ready < d.replicas => Level::High,
        Some(Item::DaemonSet(_, d)) if d.ready < d.desired => Level::High,
        Some(Item::Job(_, j)) if j.failed > 0 && j.completed_at.is_none() => Level::High,
        Some(Item::Event(_, e)) if e.is_critical() => Level::High,
        Some(Item::Event(_, e)) if e.is_warning() => Level::Medium,
        Some(Item::Slo(s)) if s.budget_remaining < 0.0 => Level::Critical,
        Some(Item::Slo(s)) if s.burn_rate_1h > 1.0 => Level::High,
        Some(Item::Incident(i)) if i.is_open() => i.severity,
        _ => Level::Healthy,
    }
}

/// The title line: view, scope, counts, sort and filter.
pub fn title_line(state: &State, view: ViewKind, theme: Theme) -> Line<'static> {
    let t = state.table(view);
    let total = t.total;
    let mut spans = vec![
        Span::styled(format!(" {}", view.name()), theme.title()),
        Span::raw(format!(
            " @{} ns:{} [{}/{}]",
            state.scope.cluster.as_deref().unwrap_or("all"),
            state.scope.namespace.as_deref().unwrap_or("all"),
            t.index.len(),
            total
        )),
    ];
    if let Some((c, desc)) = t.sort
        && let Some(col) = columns::columns(view).get(c)
    {
        spans.push(Span::styled(
            format!(" sort:{}{}", col.name, if desc { "↓" } else { "↑" }),
            theme.dim(),
        ));
    }
    if !t.filter.is_empty() || !t.filter.text().is_empty() {
        spans.push(Span::styled(format!(" /{}", t.filter.text()), theme.warn()));
    }
    Line::from(spans)
}

pub fn render(state: &State, view: ViewKind, theme: Theme, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    f.render_widget(
        Paragraph::new(title_line(state, view, theme)),
        Rect { height: 1, ..area },
    );
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    render_rows(state, view, theme, f, body);
}

/// Column header plus the visible rows of `view` in `area`.
pub fn render_rows(state: &State, view: ViewKind, theme: Theme, f: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let cols = columns::columns(view);
    let keep = fit_columns(cols, area.width);
    let t = state.table(view);
    let fit = usize::from(area.height.saturating_sub(1));
    let offset = visible_offset(t.offset, t.selected, fit).min(t.index.len());
    let end = (offset + fit).min(t.index.len());
    let rows: Vec<Row> = t.index[offset..end]
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let cells: Vec<Cell> = keep
                .iter()
                .map(|&c| Cell::from(columns::cell(state, view, *r, c).into_owned()))
                .collect();
            let style = if offset + i == t.selected {
                theme.selected()
            } else {
                theme.level(row_level(state, view, *r))
            };
            Row::new(cells).style(style)
        })
        .collect();
    let widths: Vec<Constraint> = keep
        .iter()
        .map(|&c| {
            if cols[c].grow {
                Constraint::Min(cols[c].width)
            } else {
                Constraint::Length(cols[c].width)
            }
        })
        .collect();
    let header =
        Row::new(keep.iter().map(|&c| Cell::from(cols[c].name))).style(theme.column_header());
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    f.render_widget(table, area);
    if t.index.is_empty() {
        let msg = if state.clusters.is_empty() {
            "waiting for data…"
        } else if !t.filter.is_empty() {
            "no rows match the filter (esc clears it)"
        } else {
            "nothing here"
        };
        if area.height > 1 {
            f.render_widget(
                Paragraph::new(Span::styled(format!(" {msg}"), theme.dim())),
                Rect {
                    y: area.y + 1,
                    height: 1,
                    ..area
                },
            );
        }
    }
}
