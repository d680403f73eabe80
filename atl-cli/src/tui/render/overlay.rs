//! Pop-ups: help (generated from the keymap), palette completions, confirmation dialog.

use super::theme::Theme;
use crate::tui::keymap;
use crate::tui::state::{Confirm, Palette, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub fn help(state: &State, scroll: usize, theme: Theme, f: &mut Frame, area: Rect) {
    let entries = keymap::help(state);
    let key_w = entries
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        .min(18);
    let help_w = entries
        .iter()
        .map(|(_, h)| h.chars().count())
        .max()
        .unwrap_or(10)
        .min(48);
    let col_w = key_w + help_w + 3;
    let box_area = centered(
        area,
        area.width.saturating_sub(4).max(20),
        area.height.saturating_sub(2).max(3),
    );
    let inner_w = usize::from(box_area.width.saturating_sub(2));
    let ncols = (inner_w / col_w).max(1);
    let rows = usize::from(box_area.height.saturating_sub(2)).max(1);
    // Fill column by column; whatever does not fit scrolls (↑/↓).
    let per_col = rows.max(entries.len().div_ceil(ncols));
    let hidden = per_col.saturating_sub(rows);
    let scroll = scroll.min(hidden);
    let title = if hidden > 0 {
        format!(" help — ↑↓ scroll ({}/{}) · esc closes ", scroll, hidden)
    } else {
        " help — esc closes ".to_string()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()));
    let inner = block.inner(box_area);
    f.render_widget(Clear, box_area);
    f.render_widget(block, box_area);
    let lines: Vec<Line> = (scroll..(scroll + rows).min(per_col))
        .map(|r| {
            let mut spans = Vec::new();
            for c in 0..ncols {
                if let Some((k, h)) = entries.get(c * per_col + r) {
                    let h: String = h.chars().take(help_w).collect();
                    spans.push(Span::styled(format!(" {k:>key_w$} "), theme.title()));
                    spans.push(Span::raw(format!("{h:<help_w$} ")));
                }
            }
            Line::from(spans)
        })
        .collect();
    f.render_widget(Paragraph::new(lines), inner);
}

pub fn palette(p: &Palette, theme: Theme, f: &mut Frame, main: Rect) {
    if p.completions.is_empty() || main.height < 3 {
        return;
    }
    let h = (p.completions.len() as u16 + 2).min(main.height);
    let w = p
        .completions
        .iter()
        .map(|c| c.chars().count() as u16 + 4)
        .max()
        .unwrap_or(10)
        .clamp(16, main.width);
    let r = Rect {
        x: main.x,
        y: main.y + main.height - h,
        width: w,
        height: h,
    };
    let lines: Vec<Line> = p
        .completions
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == p.selected {
                Line::from(Span::styled(format!(" {c} "), theme.selected()))
            } else {
                Line::from(format!(" {c}"))
            }
        })
        .collect();
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(Block::default().borders(Borders::ALL).title(" : ")),
        r,
    );
}

pub fn confirm(c: &Confirm, theme: Theme, f: &mut Frame, area: Rect) {
    let mut lines = vec![Line::from(c.prompt.clone())];
    match &c.replicas {
        Some(text) => {
            lines.push(Line::from(vec![
                Span::raw("replicas: "),
                Span::styled(format!("{text}█"), theme.title()),
            ]));
            lines.push(Line::from(Span::styled(
                "enter confirm · esc cancel",
                theme.dim(),
            )));
        }
        None => lines.push(Line::from(Span::styled(
            "y / enter confirm · n / esc cancel",
            theme.dim(),
        ))),
    }
    // The prompt may wrap once in a 60-column box.
    let r = centered(area, 60, lines.len() as u16 + 3);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default().borders(Borders::ALL).title(Span::styled(
                format!(" confirm · {} ", c.cluster),
                theme.warn(),
            )),
        ),
        r,
    );
}
