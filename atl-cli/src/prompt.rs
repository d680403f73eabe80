//! Reading a user name and password from the terminal (never echoing the password) or stdin.

use std::io::{BufRead, IsTerminal, Write};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::error::{CliError, Result};

pub fn stdin_is_tty() -> bool {
    std::io::stdin().is_terminal()
}

pub fn read_stdin_line() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    let line = line.trim_end_matches(['\n', '\r']).to_string();
    if line.is_empty() {
        return Err(CliError::Usage(
            "expected the password on stdin, got an empty line".into(),
        ));
    }
    Ok(line)
}

pub fn ask(label: &str) -> Result<String> {
    if !stdin_is_tty() {
        return Err(CliError::Usage(format!(
            "{label} needed but stdin is not a terminal; pass it as a flag"
        )));
    }
    eprint!("{label}: ");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Reads a secret in raw mode so it is not echoed; Ctrl-C aborts.
pub fn ask_secret(label: &str) -> Result<String> {
    if !stdin_is_tty() {
        return Err(CliError::Usage(format!(
            "{label} needed but stdin is not a terminal: use --password-stdin (or --token)"
        )));
    }
    eprint!("{label}: ");
    std::io::stderr().flush()?;
    crossterm::terminal::enable_raw_mode()?;
    let res = read_secret();
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    res
}

fn read_secret() -> Result<String> {
    let mut s = String::new();
    loop {
        if let Event::Key(KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            ..
        }) = crossterm::event::read()?
        {
            match code {
                KeyCode::Enter => return Ok(s),
                KeyCode::Backspace => {
                    s.pop();
                }
                KeyCode::Char('c') if modifiers.contains(KeyModifiers::CONTROL) => {
                    return Err(CliError::Usage("aborted".into()));
                }
                KeyCode::Char(c) => s.push(c),
                _ => {}
            }
        }
    }
}
