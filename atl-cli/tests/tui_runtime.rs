#![allow(clippy::unwrap_used)]
//! The real event loop over a `TestBackend`: key events from a stream, data from an
//! `InMemorySource` pumped on its own task, operations carried out by that source.

use atl_cli::tui::fixture::{buffer_text, operator};
use atl_cli::tui::model::ConnectionState;
use atl_cli::tui::source::{InMemorySource, pump};
use atl_cli::tui::state::{State, StatusKind};
use atl_cli::tui::{DataEvent, Effect, run_loop};
use atl_core::synth::{SynthSpec, generate};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::channel::mpsc::{UnboundedSender, unbounded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use tokio::sync::mpsc;

fn key(tx: &UnboundedSender<std::io::Result<Event>>, c: char) {
    tx.unbounded_send(Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    ))))
    .unwrap();
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(150)).await;
}

fn source() -> InMemorySource {
    let mut spec = SynthSpec::with_pods("prod", 20, 3);
    spec.crashloop_ratio = 0.2;
    let mut s = InMemorySource::new();
    s.insert(generate(&spec));
    s
}

fn first_pod(state: &State) -> String {
    state
        .cluster("prod")
        .unwrap()
        .snapshot
        .as_ref()
        .unwrap()
        .resources
        .pods[0]
        .meta
        .name
        .clone()
}

#[tokio::test]
async fn restart_through_the_loop_reaches_the_source_and_comes_back() {
    let (ev_tx, ev_rx) = mpsc::channel(64);
    let (fx_tx, fx_rx) = mpsc::channel(8);
    let pump = tokio::spawn(pump(source(), ev_tx, fx_rx, Duration::from_millis(20)));
    let (keys, input) = unbounded();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let state = atl_cli::tui::state::State::new(operator(), chrono::Utc::now());
    let driver = tokio::spawn(async move {
        settle().await;
        key(&keys, '2');
        key(&keys, 'r');
        key(&keys, 'y');
        settle().await;
        key(&keys, 'q');
        keys
    });
    let before = generate(&{
        let mut spec = SynthSpec::with_pods("prod", 20, 3);
        spec.crashloop_ratio = 0.2;
        spec
    })
    .resources
    .pods[0]
        .meta
        .name
        .clone();
    let end = run_loop(
        &mut term,
        state,
        input,
        ev_rx,
        fx_tx,
        Duration::from_millis(50),
        chrono::Utc::now,
    )
    .await
    .unwrap();
    let _keys = driver.await.unwrap();
    pump.abort();
    assert!(end.quit);
    assert_eq!(end.conn, ConnectionState::Connected);
    let st = end.status.clone().unwrap();
    assert_eq!(st.kind, StatusKind::Ok, "{}", st.text);
    assert!(st.text.contains(&before), "{}", st.text);
    assert!(end.pending.is_empty());
    // The source recreated the pod under a new name, and the new snapshot reached the UI.
    assert_ne!(first_pod(&end), before);
    let screen = buffer_text(term.backend().buffer());
    assert!(screen.contains("done"), "{screen}");
}

#[tokio::test]
async fn closed_channels_are_reported_not_fatal() {
    let (ev_tx, ev_rx) = mpsc::channel::<DataEvent>(16);
    let (fx_tx, fx_rx) = mpsc::channel::<Effect>(1);
    let mut src = source();
    use atl_cli::tui::DataSource;
    for ev in src.poll(chrono::Utc::now()) {
        ev_tx.send(ev).await.unwrap();
    }
    // The source goes away and nobody takes effects any more.
    drop(ev_tx);
    drop(fx_rx);
    let (keys, input) = unbounded();
    let mut term = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let state = atl_cli::tui::state::State::new(operator(), chrono::Utc::now());
    let driver = tokio::spawn(async move {
        settle().await;
        for c in ['2', 'r', 'y'] {
            key(&keys, c);
        }
        settle().await;
        key(&keys, 'q');
        keys
    });
    let end = run_loop(
        &mut term,
        state,
        input,
        ev_rx,
        fx_tx,
        Duration::from_millis(50),
        chrono::Utc::now,
    )
    .await
    .unwrap();
    let _keys = driver.await.unwrap();
    assert!(matches!(end.conn, ConnectionState::Offline { .. }));
    let st = end.status.clone().unwrap();
    assert_eq!(st.kind, StatusKind::Error);
    assert!(
        st.text.contains("connection to the master is closed"),
        "{}",
        st.text
    );
    let screen = buffer_text(term.backend().buffer());
    assert!(screen.contains("offline"), "{screen}");
    // The last snapshot stays on screen.
    assert!(screen.contains("prod"), "{screen}");
}
