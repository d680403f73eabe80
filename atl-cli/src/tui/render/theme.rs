//! Colours, or a monochrome theme (bold / reversed / dim only) when `NO_COLOR` is set.

use crate::tui::model::Level;
use crate::tui::state::StatusKind;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn pick(self, color: Style, mono: Style) -> Style {
        if self.color { color } else { mono }
    }

    pub fn level(self, l: Level) -> Style {
        match l {
            Level::Healthy => Style::default(),
            Level::Low => self.pick(Style::default().fg(Color::Cyan), Style::default()),
            Level::Medium => self.pick(Style::default().fg(Color::Yellow), Style::default()),
            Level::High => self.pick(
                Style::default().fg(Color::LightRed),
                Style::default().add_modifier(Modifier::BOLD),
            ),
            Level::Critical => self.pick(
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
        }
    }

    pub fn selected(self) -> Style {
        self.pick(
            Style::default().bg(Color::Blue).fg(Color::White),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn header(self) -> Style {
        self.pick(
            Style::default().fg(Color::Black).bg(Color::Cyan),
            Style::default().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn column_header(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    pub fn dim(self) -> Style {
        self.pick(
            Style::default().fg(Color::DarkGray),
            Style::default().add_modifier(Modifier::DIM),
        )
    }

    pub fn status(self, k: StatusKind) -> Style {
        match k {
            StatusKind::Info => Style::default(),
            StatusKind::Ok => self.pick(Style::default().fg(Color::Green), Style::default()),
            StatusKind::Error => self.pick(
                Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                Style::default().add_modifier(Modifier::BOLD),
            ),
        }
    }

    pub fn ok(self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }

    pub fn warn(self) -> Style {
        self.pick(
            Style::default().fg(Color::Yellow),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    pub fn bad(self) -> Style {
        self.status(StatusKind::Error)
    }
}
