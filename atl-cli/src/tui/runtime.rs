//! The event loop. One task owns the state and waits on three things at once: terminal input
//! (crossterm `EventStream`), data events from the source's channel, and a tick. Nothing in it
//! waits on the network: effects go out with `try_send`, data comes in already decoded.

use super::action::{Action, DataEvent, Effect};
use super::keymap;
use super::model::ConnectionState;
use super::reducer::reduce;
use super::render::render;
use super::state::{Settings, State};
use anyhow::Context;
use atl_core::command::Outcome;
use atl_core::{Role, Timestamp};
use crossterm::event::Event;
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::time::Duration;
use tokio::sync::mpsc::error::TrySendError;
use tokio::sync::mpsc::{Receiver, Sender};

/// Data events applied per loop turn before a frame is drawn, so a burst of updates cannot starve
/// input (kdash drains 20; snapshots are bigger, so fewer).
pub const MAX_EVENTS_PER_FRAME: usize = 16;

/// How `atl top` starts.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    /// The user's role: operations it may not run are hidden.
    pub role: Role,
    /// `--readonly`: no mutating operation at all.
    pub readonly: bool,
    /// False when `NO_COLOR` is set (monochrome theme).
    pub color: bool,
    /// Clock tick (ages, countdowns).
    pub tick: Duration,
}

impl TuiOptions {
    /// Options for `role`, honouring `NO_COLOR`.
    pub fn new(role: Role) -> Self {
        TuiOptions {
            role,
            readonly: false,
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            tick: Duration::from_secs(1),
        }
    }

    fn settings(&self) -> Settings {
        Settings {
            role: self.role,
            readonly: self.readonly,
            color: self.color,
        }
    }
}

/// Restores the terminal however `run` ends (the panic hook of `ratatui::try_init` covers panics).
struct RestoreGuard;

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the dashboard in the real terminal until the user quits.
pub async fn run(
    opts: TuiOptions,
    events: Receiver<DataEvent>,
    effects: Sender<Effect>,
) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init().context(
        "cannot set up the terminal for atl top: run it in an interactive terminal (a TTY)",
    )?;
    let _restore = RestoreGuard;
    let state = State::new(opts.settings(), chrono::Utc::now());
    let input = crossterm::event::EventStream::new();
    run_loop(
        &mut terminal,
        state,
        input,
        events,
        effects,
        opts.tick,
        chrono::Utc::now,
    )
    .await?;
    Ok(())
}

/// Runs the dashboard on `source`, pumped on its own task.
pub async fn run_with_source<S: super::source::DataSource + 'static>(
    opts: TuiOptions,
    source: S,
) -> anyhow::Result<()> {
    let (ev_tx, ev_rx) = tokio::sync::mpsc::channel(256);
    let (fx_tx, fx_rx) = tokio::sync::mpsc::channel(64);
    let pump = tokio::spawn(super::source::pump(
        source,
        ev_tx,
        fx_rx,
        Duration::from_millis(200),
    ));
    let out = run(opts, ev_rx, fx_tx).await;
    pump.abort();
    out
}

/// `atl top`: the dashboard on the master behind `client` (fetched on the master's incident and
/// cluster events, and every 5 s for new snapshots).
pub async fn run_master(opts: TuiOptions, client: crate::client::Client) -> anyhow::Result<()> {
    let source = super::master::MasterSource::spawn(client, Duration::from_secs(5));
    run_with_source(opts, source).await
}

/// The dashboard on [`super::source::InMemorySource::demo`]: `atl demo` without a master, and a
/// way to try the keys.
pub async fn run_demo(opts: TuiOptions) -> anyhow::Result<()> {
    run_with_source(opts, super::source::InMemorySource::demo()).await
}

/// The loop itself, over any backend and input stream (tests drive it with `TestBackend` and a
/// stream of key events). Returns the final state.
pub async fn run_loop<B, I>(
    terminal: &mut Terminal<B>,
    mut state: State,
    mut input: I,
    mut events: Receiver<DataEvent>,
    effects: Sender<Effect>,
    tick: Duration,
    clock: fn() -> Timestamp,
) -> anyhow::Result<State>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    I: Stream<Item = std::io::Result<Event>> + Unpin,
{
    let size = terminal.size()?;
    reduce(
        &mut state,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut ticker = tokio::time::interval(tick);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut events_open = true;
    let mut input_open = true;
    terminal.draw(|f| render(&state, f))?;
    while !state.quit {
        let mut actions: Vec<Action> = Vec::new();
        tokio::select! {
            ev = input.next(), if input_open => match ev {
                Some(Ok(Event::Key(k))) => actions.extend(keymap::resolve(&state, k)),
                Some(Ok(Event::Resize(width, height))) => actions.push(Action::Resize { width, height }),
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e).context("reading terminal input"),
                None => input_open = false,
            },
            ev = events.recv(), if events_open => match ev {
                Some(ev) => {
                    actions.push(ev.into());
                    while actions.len() < MAX_EVENTS_PER_FRAME {
                        match events.try_recv() {
                            Ok(ev) => actions.push(ev.into()),
                            Err(_) => break,
                        }
                    }
                }
                None => {
                    events_open = false;
                    actions.push(Action::Data(DataEvent::Connection(ConnectionState::Offline {
                        reason: "data source stopped".into(),
                        retry_at: None,
                    })));
                }
            },
            _ = ticker.tick() => actions.push(Action::Tick(clock())),
        }
        if !input_open && !events_open {
            break;
        }
        for a in actions {
            for fx in reduce(&mut state, a) {
                if let Err(e) = effects.try_send(fx) {
                    let (id, why) = match &e {
                        TrySendError::Full(Effect::Run { id, .. }) => {
                            (*id, "too many operations in flight; try again")
                        }
                        TrySendError::Closed(Effect::Run { id, .. }) => {
                            (*id, "the connection to the master is closed")
                        }
                    };
                    reduce(
                        &mut state,
                        Action::Data(DataEvent::CommandDone {
                            id,
                            outcome: Outcome::Failed,
                            message: why.into(),
                            output: None,
                        }),
                    );
                }
            }
        }
        terminal.draw(|f| render(&state, f))?;
    }
    Ok(state)
}
