//! The one table of key bindings. Key resolution and the `?` help overlay both read it, so the
//! help can never drift from what the keys do (gitui's `commands()` idea). Bindings of operations
//! the role may not run, or that `--readonly` removes, are neither resolved nor listed.

use super::action::{Action, Command, Input};
use super::columns::columns;
use super::state::{Mode, Screen, State, ViewKind};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub code: KeyCode,
    pub ctrl: bool,
    pub cmd: Command,
    pub help: &'static str,
    /// Views where it applies; empty means every screen.
    pub views: &'static [ViewKind],
}

const fn b(code: KeyCode, cmd: Command, help: &'static str, views: &'static [ViewKind]) -> Binding {
    Binding {
        code,
        ctrl: false,
        cmd,
        help,
        views,
    }
}

const fn ctrl(c: char, cmd: Command, help: &'static str, views: &'static [ViewKind]) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        ctrl: true,
        cmd,
        help,
        views,
    }
}

use KeyCode::Char as C;
use ViewKind as V;

const OBJECTS: &[ViewKind] = &[V::Pods, V::Nodes, V::Workloads, V::Events];

/// Every binding, in help order.
pub const BINDINGS: &[Binding] = &[
    b(C('?'), Command::Help, "help (this list)", &[]),
    b(
        C(':'),
        Command::Palette,
        "palette: :pods @prod, :ns shop, :q",
        &[],
    ),
    b(
        C('/'),
        Command::Filter,
        "filter: regex, !invert, COL:regex",
        &[],
    ),
    b(KeyCode::Esc, Command::Back, "back / clear filter", &[]),
    b(C('d'), Command::Describe, "describe", OBJECTS),
    b(C('y'), Command::Yaml, "YAML", OBJECTS),
    b(C('l'), Command::Logs, "logs", &[V::Pods]),
    b(
        C('p'),
        Command::PreviousLogs,
        "logs of the previous run",
        &[V::Pods],
    ),
    b(
        C('r'),
        Command::Restart,
        "restart (pod; workload: rollout)",
        &[V::Pods, V::Workloads],
    ),
    b(C('S'), Command::Scale, "scale", &[V::Workloads]),
    b(C('c'), Command::Cordon, "cordon node", &[V::Nodes]),
    b(C('u'), Command::Uncordon, "uncordon node", &[V::Nodes]),
    ctrl('d', Command::Delete, "delete pod", &[V::Pods]),
    b(C('q'), Command::Quit, "quit", &[]),
    ctrl('c', Command::Quit, "quit", &[]),
    b(KeyCode::Up, Command::Up, "up", &[]),
    b(C('k'), Command::Up, "up", &[]),
    b(KeyCode::Down, Command::Down, "down", &[]),
    b(C('j'), Command::Down, "down", &[]),
    b(KeyCode::PageUp, Command::PageUp, "page up", &[]),
    ctrl('b', Command::PageUp, "page up", &[]),
    b(KeyCode::PageDown, Command::PageDown, "page down", &[]),
    ctrl('f', Command::PageDown, "page down", &[]),
    b(KeyCode::Home, Command::Top, "first row", &[]),
    b(C('g'), Command::Top, "first row", &[]),
    b(KeyCode::End, Command::Bottom, "last row", &[]),
    b(C('G'), Command::Bottom, "last row", &[]),
    b(KeyCode::Enter, Command::Enter, "drill down / expand", &[]),
    b(KeyCode::Right, Command::Enter, "expand", &[V::Topology]),
    b(C(' '), Command::Enter, "expand / collapse", &[V::Topology]),
    b(KeyCode::Left, Command::Collapse, "collapse", &[V::Topology]),
    b(C('h'), Command::Collapse, "collapse", &[V::Topology]),
    b(C('1'), Command::View(V::Clusters), "clusters view", &[]),
    b(C('2'), Command::View(V::Pods), "pods view", &[]),
    b(C('3'), Command::View(V::Nodes), "nodes view", &[]),
    b(C('4'), Command::View(V::Workloads), "workloads view", &[]),
    b(C('5'), Command::View(V::Slos), "SLOs view", &[]),
    b(C('6'), Command::View(V::Topology), "topology view", &[]),
    b(C('7'), Command::View(V::Incidents), "incidents view", &[]),
    b(C('8'), Command::View(V::Events), "events view", &[]),
];

fn applies(bd: &Binding, screen: &Screen) -> bool {
    match screen {
        Screen::List(v) => bd.views.is_empty() || bd.views.contains(v),
        _ => bd.views.is_empty(),
    }
}

fn same_key(bd: &Binding, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    ctrl == bd.ctrl && bd.code == key.code
}

/// The action a key means now, if any.
pub fn resolve(state: &State, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == C('c') {
        return Some(Command::Quit.into());
    }
    let text = |key: KeyEvent| -> Option<Action> {
        Some(Action::Input(match key.code {
            KeyCode::Esc => Input::Cancel,
            KeyCode::Enter => Input::Submit,
            KeyCode::Backspace => Input::Backspace,
            KeyCode::Tab => Input::Complete,
            KeyCode::Up => Input::Prev,
            KeyCode::Down => Input::Next,
            KeyCode::Char(c) if !ctrl => Input::Char(c),
            _ => return None,
        }))
    };
    match &state.mode {
        Mode::Filter | Mode::Palette(_) => text(key),
        Mode::Confirm(c) if c.replicas.is_some() => text(key),
        Mode::Confirm(_) => Some(Action::Input(match key.code {
            C('y') | C('Y') | KeyCode::Enter => Input::Submit,
            C('n') | C('N') | KeyCode::Esc | C('q') => Input::Cancel,
            _ => return None,
        })),
        Mode::Help(_) => match key.code {
            KeyCode::Esc | C('?') | C('q') | KeyCode::Enter => Some(Action::Input(Input::Cancel)),
            KeyCode::Up | C('k') => Some(Action::Input(Input::Prev)),
            KeyCode::Down | C('j') => Some(Action::Input(Input::Next)),
            _ => None,
        },
        Mode::Normal => {
            let screen = state.screen();
            if let Some(bd) = BINDINGS
                .iter()
                .find(|bd| same_key(bd, &key) && applies(bd, screen) && state.may_run(bd.cmd))
            {
                return Some(Action::Cmd(bd.cmd));
            }
            match (key.code, screen) {
                (C(c), Screen::List(v)) if c.is_ascii_uppercase() && !ctrl => columns(*v)
                    .iter()
                    .any(|col| col.sort == c)
                    .then_some(Action::Sort(c)),
                _ => None,
            }
        }
    }
}

/// Human label of a key.
pub fn key_label(code: KeyCode, ctrl: bool) -> String {
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        other => format!("{other:?}").to_lowercase(),
    };
    if ctrl { format!("ctrl-{base}") } else { base }
}

/// Help lines for the current screen: (keys, what they do), generated from [`BINDINGS`] and the
/// current view's sortable columns.
pub fn help(state: &State) -> Vec<(String, String)> {
    let screen = state.screen();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<Command> = Vec::new();
    for bd in BINDINGS {
        if !applies(bd, screen) || !state.may_run(bd.cmd) || seen.contains(&bd.cmd) {
            continue;
        }
        seen.push(bd.cmd);
        let keys: Vec<String> = BINDINGS
            .iter()
            .filter(|o| o.cmd == bd.cmd && applies(o, screen))
            .map(|o| key_label(o.code, o.ctrl))
            .collect();
        let mut help = bd.help.to_string();
        if bd.cmd.is_mutating() {
            help.push_str(" (asks first)");
        }
        out.push((keys.join(" "), help));
    }
    if let Screen::List(v) = screen {
        for c in columns(*v) {
            out.push((
                format!("shift-{}", c.sort.to_ascii_lowercase()),
                format!("sort by {}", c.name),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_letters_never_shadow_bindings() {
        for v in ViewKind::ALL {
            let cols = columns(v);
            for c in cols {
                let shadowed = BINDINGS.iter().any(|bd| {
                    bd.code == C(c.sort)
                        && !bd.ctrl
                        && (bd.views.is_empty() || bd.views.contains(&v))
                });
                assert!(!shadowed, "{v:?}: sort letter {} is also a binding", c.sort);
                assert_eq!(
                    cols.iter().filter(|o| o.sort == c.sort).count(),
                    1,
                    "{v:?}: sort letter {} used twice",
                    c.sort
                );
            }
        }
    }
}
