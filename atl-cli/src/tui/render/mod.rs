//! Drawing: `render(&State, &mut Frame)`. Renderers read the state and never change it; tables
//! build only the rows that are on screen.

mod chrome;
mod incident;
mod overlay;
mod pane;
mod slo;
mod table;
pub mod theme;
mod topology;

use super::state::{Mode, Screen, State, ViewKind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use theme::Theme;

/// Below this size only a one-line notice is drawn.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 6;

/// Draws the whole dashboard.
pub fn render(state: &State, f: &mut Frame) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = Theme {
        color: state.settings.color,
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = format!("too small ({}x{}) for atl top", area.width, area.height);
        f.render_widget(Paragraph::new(msg).style(theme.bad()), area);
        return;
    }
    let header = Rect { height: 1, ..area };
    let bar = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    let bottom = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let main = Rect {
        y: area.y + 2,
        height: area.height - 3,
        ..area
    };
    chrome::header(state, theme, f, header);
    chrome::view_bar(state, theme, f, bar);
    match state.screen() {
        Screen::List(ViewKind::Topology) => topology::render(state, theme, f, main),
        Screen::List(ViewKind::Slos) => slo::render(state, theme, f, main),
        Screen::List(v) => table::render(state, *v, theme, f, main),
        Screen::Incident { id, scroll } => incident::render(state, id, *scroll, theme, f, main),
        Screen::Text(p) => pane::render(p, theme, f, main),
    }
    chrome::bottom(state, theme, f, bottom);
    match &state.mode {
        Mode::Help(scroll) => overlay::help(state, *scroll, theme, f, area),
        Mode::Palette(p) => overlay::palette(p, theme, f, main),
        Mode::Confirm(c) => overlay::confirm(c, theme, f, area),
        Mode::Normal | Mode::Filter => {}
    }
}
