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
        let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                tty && env("NO_COLOR").is_none() && env("TERM").is_none_or(|t| t != "dumb")
            }
        };
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
            Format::Name | Format::Table | Format::Wide => self.table(&table()),
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
        if !self.term.tty || matches!(self.format, Format::Json | Format::Yaml | Format::Name) {
            let line = serde_json::json!({ "type": kind, "object": object });
            return write_out(&format!("{line}\n"));
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
