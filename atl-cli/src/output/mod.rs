//! Output layer: formats, terminal detection and colour policy.
//!
//! Policy: tables are sized to the terminal only when stdout is a TTY; piped output is plain
//! (no colour, no truncation, no spinner) so it is safe for `grep`/`awk`. `NO_COLOR` (non-empty)
//! and `TERM=dumb` turn colour off; `--color always` turns it on regardless.

pub mod age;
pub mod columns;
pub mod table;

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::error::{CliError, Result};
pub use table::{Cell, RenderOpts, Table, Tone};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Wide,
    Json,
    Yaml,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What we know about stdout, decided once at start-up.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub tty: bool,
    pub color: bool,
    pub width: Option<usize>,
}

impl Term {
    pub fn detect(choice: ColorChoice) -> Self {
        let tty = std::io::stdout().is_terminal();
        let color = color_enabled(
            choice,
            tty,
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        );
        let width = if tty {
            crossterm::terminal::size()
                .ok()
                .map(|(w, _)| usize::from(w))
                .filter(|w| *w > 0)
        } else {
            None
        };
        Term { tty, color, width }
    }
}

/// The colour policy: `--color always|never` wins; `auto` means a TTY, `NO_COLOR` unset or empty
/// (no-color.org), and a terminal that is not `dumb`.
pub fn color_enabled(
    choice: ColorChoice,
    tty: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            tty && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
        }
    }
}

/// Writes results to stdout in the chosen format.
pub struct Printer {
    pub format: Format,
    pub term: Term,
    pub headers: bool,
}

impl Printer {
    pub fn table(&self, t: &Table) -> Result<()> {
        let opts = RenderOpts {
            width: self.term.width,
            headers: self.headers,
            color: self.term.color,
        };
        write_out(&t.render(opts))
    }

    pub fn json<T: Serialize + ?Sized>(&self, v: &T) -> Result<()> {
        let s = serde_json::to_string_pretty(v).map_err(|e| CliError::Other(e.into()))?;
        write_out(&(s + "\n"))
    }

    pub fn yaml<T: Serialize + ?Sized>(&self, v: &T) -> Result<()> {
        let s = serde_yaml::to_string(v).map_err(|e| CliError::Other(e.into()))?;
        write_out(&s)
    }

    /// Prints structured data as json/yaml, or falls back to `table()` for the human formats.
    pub fn data<T: Serialize + ?Sized>(&self, v: &T, table: impl FnOnce() -> Table) -> Result<()> {
        match self.format {
            Format::Json => self.json(v),
            Format::Yaml => self.yaml(v),
            Format::Table | Format::Wide => self.table(&table()),
            // Like kubectl's `-o name`: one identifying word per line, the table's first column.
            Format::Name => {
                let names: String = table()
                    .rows
                    .iter()
                    .filter_map(|r| r.first())
                    .filter(|c| !c.text.is_empty())
                    .map(|c| format!("{}\n", c.text))
                    .collect();
                write_out(&names)
            }
        }
    }

    /// One watch event: NDJSON `{"type":..,"object":..}` when piped or -o json, else a table row.
    pub fn watch_event(
        &self,
        kind: &str,
        object: &serde_json::Value,
        row: impl FnOnce() -> Table,
        first: bool,
    ) -> Result<()> {
        self.watch_event_with(kind, object, serde_json::Map::new(), row, first)
    }

    /// [`Printer::watch_event`] with extra top-level fields on the NDJSON line (e.g. the
    /// incident `transition`).
    pub fn watch_event_with(
        &self,
        kind: &str,
        object: &serde_json::Value,
        extra: serde_json::Map<String, serde_json::Value>,
        row: impl FnOnce() -> Table,
        first: bool,
    ) -> Result<()> {
        if !self.term.tty || matches!(self.format, Format::Json | Format::Yaml | Format::Name) {
            let mut line = serde_json::Map::new();
            line.insert("type".into(), kind.into());
            line.extend(extra);
            line.insert("object".into(), object.clone());
            return write_out(&format!("{}\n", serde_json::Value::Object(line)));
        }
        let opts = RenderOpts {
            width: self.term.width,
            headers: self.headers && first,
            color: self.term.color,
        };
        write_out(&row().render(opts))
    }

    pub fn line(&self, s: &str) -> Result<()> {
        write_out(&format!("{s}\n"))
    }
}

/// Writes to stdout; a closed pipe (`atl get pods | head`) ends quietly instead of erroring.
pub fn write_out(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(e.into()),
    }
}

impl Format {
    pub fn is_structured(self) -> bool {
        matches!(self, Format::Json | Format::Yaml)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn color_policy() {
        let on = |c, tty, nc: Option<&str>, term: Option<&str>| {
            color_enabled(c, tty, nc.map(OsStr::new), term.map(OsStr::new))
        };
        assert!(on(ColorChoice::Auto, true, None, Some("xterm-256color")));
        assert!(
            !on(ColorChoice::Auto, false, None, None),
            "piped output is never coloured"
        );
        assert!(!on(ColorChoice::Auto, true, Some("1"), None));
        assert!(
            on(ColorChoice::Auto, true, Some(""), None),
            "an empty NO_COLOR does not count"
        );
        assert!(!on(ColorChoice::Auto, true, None, Some("dumb")));
        assert!(on(ColorChoice::Always, false, Some("1"), None));
        assert!(!on(ColorChoice::Never, true, None, None));
    }
}
