//! P4, second half: time from dashboard start to the first full frame against a 10k-pod cluster,
//! end to end — a real master on loopback holding a snapshot pushed through the agent API, the
//! dashboard's real `MasterSource`, pump and event loop (`run_loop`), drawn on a 120×40
//! `TestBackend`.
//!
//! `cargo bench -p atl-cli --bench p4_first_frame [--profile dev] -- [PODS] [RUNS]`
//! (defaults: 10000 pods, 10 runs). Each run does what `atl top` does from its start: a client,
//! `whoami` for the role, a fresh state and `MasterSource`, the pump, the loop; the clock stops at
//! the first frame whose pods view title reads `[PODS/PODS]` (the snapshot arrived, was reduced
//! into the state and drawn). The pods view is selected before the first frame (as if `2` was the
//! first key), so the frame that counts is the pods table, not the clusters overview.
//!
//! Each run is done with the pump polling the source every 200 ms (as `atl top` does) and every
//! 10 ms, alternating, to show what the poll interval adds. It also times listing the pods alone
//! in pages of 500 and of 5000 objects (the dashboard's page size) with the same client.

use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use atl_cli::api;
use atl_cli::client::Client;
use atl_cli::commands::auth::whoami;
use atl_cli::tui::action::{Action, Command, DataEvent};
use atl_cli::tui::fixture::{buffer_text, operator};
use atl_cli::tui::master::MasterSource;
use atl_cli::tui::reducer::reduce;
use atl_cli::tui::state::{State, ViewKind};
use atl_cli::tui::{pump, run_loop};
use atl_core::synth::{SynthSpec, generate};
use atl_master::{Config, Master};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use futures::Stream;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use serde_json::{Value, json};

/// When the frames of one run were flushed, as seen by the backend.
#[derive(Default)]
struct Seen {
    first_frame: Option<Instant>,
    full_frame: Option<Instant>,
    frames: usize,
}

/// A `TestBackend` that notes when the first frame showing every pod is flushed.
struct WatchBackend {
    inner: TestBackend,
    want: String,
    seen: Arc<Mutex<Seen>>,
}

impl Backend for WatchBackend {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, p: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(p)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, t: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(t)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.frames += 1;
        seen.first_frame.get_or_insert(now);
        if seen.full_frame.is_none() && buffer_text(self.inner.buffer()).contains(&self.want) {
            seen.full_frame = Some(now);
        }
        Ok(())
    }
}

/// Terminal input: nothing until the full frame was drawn, then `q`.
struct QuitWhenFull {
    seen: Arc<Mutex<Seen>>,
    sent: bool,
}

impl Stream for QuitWhenFull {
    type Item = std::io::Result<Event>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut TaskContext<'_>) -> Poll<Option<Self::Item>> {
        if self.sent {
            return Poll::Pending;
        }
        let full = self
            .seen
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .full_frame
            .is_some();
        if full {
            self.sent = true;
            let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
            return Poll::Ready(Some(Ok(Event::Key(q))));
        }
        // Checked again on the next loop turn (every data event and every tick wakes the loop).
        let waker = cx.waker().clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            waker.wake();
        });
        Poll::Pending
    }
}

/// One dashboard start; returns (first frame, snapshot event in the loop, full frame, frames).
async fn one_start(
    gateway: &str,
    token: &str,
    pods: usize,
    poll_every: Duration,
) -> anyhow::Result<(Duration, Duration, Duration, usize)> {
    let started = Instant::now();
    let client = Client::new(gateway, Some(token.to_string()), Duration::from_secs(30))?;
    whoami(&client).await?.context("the master has no /me")?;
    let mut state = State::new(operator(), chrono::Utc::now());
    reduce(&mut state, Action::Cmd(Command::View(ViewKind::Pods)));
    let source = MasterSource::spawn(client, Duration::from_secs(5));
    let (ev_tx, mut ev_rx) = tokio::sync::mpsc::channel(256);
    let (fx_tx, fx_rx) = tokio::sync::mpsc::channel(64);
    let pump = tokio::spawn(pump(source, ev_tx, fx_rx, poll_every));
    // Notes when the snapshot reaches the loop's channel; one hop of microseconds.
    let (relay_tx, relay_rx) = tokio::sync::mpsc::channel(256);
    let relay = tokio::spawn(async move {
        let mut snapshot_at = None;
        while let Some(ev) = ev_rx.recv().await {
            if snapshot_at.is_none() && matches!(ev, DataEvent::Snapshot(_)) {
                snapshot_at = Some(Instant::now());
            }
            if relay_tx.send(ev).await.is_err() {
                break;
            }
        }
        snapshot_at
    });
    let seen = Arc::new(Mutex::new(Seen::default()));
    let backend = WatchBackend {
        inner: TestBackend::new(120, 40),
        want: format!("[{pods}/{pods}]"),
        seen: Arc::clone(&seen),
    };
    let mut terminal = Terminal::new(backend)?;
    let input = QuitWhenFull {
        seen: Arc::clone(&seen),
        sent: false,
    };
    let run = run_loop(
        &mut terminal,
        state,
        input,
        relay_rx,
        fx_tx,
        Duration::from_secs(1),
        chrono::Utc::now,
    );
    tokio::time::timeout(Duration::from_secs(120), run)
        .await
        .map_err(|_| anyhow!("no full frame within 120 s"))??;
    pump.abort();
    let snapshot_at = relay.await?.context("no snapshot event reached the loop")?;
    let seen = seen.lock().unwrap_or_else(|p| p.into_inner());
    let (Some(first), Some(full)) = (seen.first_frame, seen.full_frame) else {
        bail!("the full frame was not recorded");
    };
    Ok((
        first - started,
        snapshot_at - started,
        full - started,
        seen.frames,
    ))
}

/// Lists every pod of `cluster` in pages of `limit`; returns (time, pods, pages).
async fn list_pods(
    client: &Client,
    cluster: &str,
    limit: usize,
) -> anyhow::Result<(Duration, usize, usize)> {
    let started = Instant::now();
    let path = api::resources("pods");
    let (mut n, mut pages, mut cont) = (0, 0, None::<String>);
    loop {
        let mut q = vec![
            ("cluster", cluster.to_string()),
            ("limit", limit.to_string()),
        ];
        if let Some(c) = &cont {
            q.push(("continue", c.clone()));
        }
        let (items, next) = api::list_page(client.get::<Value>(&path, &q).await?);
        n += items.len();
        pages += 1;
        match next {
            Some(c) if cont.as_deref() != Some(c.as_str()) => cont = Some(c),
            _ => break,
        }
    }
    Ok((started.elapsed(), n, pages))
}

/// The first 5000-pod page split into the master's answer (bytes on the client) and parsing.
async fn first_page_split(
    http: &reqwest::Client,
    gateway: &str,
    token: &str,
) -> anyhow::Result<(Duration, Duration, usize)> {
    let started = Instant::now();
    let body = http
        .get(format!("{gateway}{}", api::resources("pods")))
        .query(&[("cluster", "prod"), ("limit", "5000")])
        .bearer_auth(token)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let wire = started.elapsed();
    let parsed = Instant::now();
    let v: Value = serde_json::from_slice(&body)?;
    std::hint::black_box(v);
    Ok((wire, parsed.elapsed(), body.len()))
}

fn stats(label: &str, mut v: Vec<Duration>) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = if v.len() % 2 == 1 {
        ms(v[v.len() / 2])
    } else {
        (ms(v[v.len() / 2 - 1]) + ms(v[v.len() / 2])) / 2.0
    };
    println!(
        "{label:<58} median {median:7.1} ms  min {:7.1}  max {:7.1}  (n={})",
        ms(v[0]),
        ms(v[v.len() - 1]),
        v.len()
    );
}

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; only the positional arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let pods: usize = args.first().map_or(Ok(10_000), |s| s.parse())?;
    let runs: usize = args.get(1).map_or(Ok(10), |s| s.parse())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(bench(pods, runs))
}

async fn bench(pods: usize, runs: usize) -> anyhow::Result<()> {
    atl_cli::client::install_crypto();
    let dir = tempfile::tempdir()?;
    let master = Master::start(Config::for_test(dir.path())).await?;
    let admin = master
        .dev_credentials
        .clone()
        .context("the test master made no dev credentials")?
        .admin_token;
    let gateway = format!("http://{}", master.gateway_addr);
    let agent_api = format!("http://{}", master.agent_addr);
    let http = reqwest::Client::new();
    let created: Value = http
        .post(format!("{gateway}/api/v1/clusters"))
        .bearer_auth(&admin)
        .json(&json!({"id": "prod"}))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let agent_token = created["agent_token"]
        .as_str()
        .context("no agent token")?
        .to_string();
    let mut spec = SynthSpec::with_pods("prod", pods, 7);
    spec.taken_at = chrono::Utc::now();
    spec.crashloop_ratio = 0.08;
    let snap = generate(&spec);
    let pushed = Instant::now();
    let resp = http
        .post(format!("{agent_api}/agent/v1/snapshot"))
        .bearer_auth(&agent_token)
        .json(&snap)
        .send()
        .await?;
    if !resp.status().is_success() {
        bail!("push refused: {}", resp.text().await?);
    }
    println!(
        "P4 first frame: master on loopback, cluster prod with {} pods, {} nodes, {} deployments \
         (synthetic, pushed as JSON through the agent API in {:.0} ms); {runs} runs",
        snap.resources.pods.len(),
        snap.resources.nodes.len(),
        snap.resources.deployments.len(),
        pushed.elapsed().as_secs_f64() * 1000.0
    );

    let client = Client::new(&gateway, Some(admin.clone()), Duration::from_secs(30))?;
    let (mut p500, mut p5000) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        for (limit, out) in [(500, &mut p500), (5000, &mut p5000)] {
            let (t, n, pages) = list_pods(&client, "prod", limit).await?;
            if n != pods {
                bail!("listed {n} pods, pushed {pods}");
            }
            out.push(t);
            if out.len() == 1 {
                println!("  pods in pages of {limit}: {pages} requests");
            }
        }
    }
    stats("listing the pods alone, pages of 500", p500);
    stats("listing the pods alone, pages of 5000 (dashboard)", p5000);
    let (mut wire, mut parse, mut bytes) = (Vec::new(), Vec::new(), 0);
    for _ in 0..3 {
        let (w, p, b) = first_page_split(&http, &gateway, &admin).await?;
        wire.push(w);
        parse.push(p);
        bytes = b;
    }
    println!("  first page of 5000 pods: {} KiB of JSON", bytes / 1024);
    stats("  of it: master answers + transfer (bytes only)", wire);
    stats("  of it: parsing the bytes into JSON values", parse);

    let mut by_poll: Vec<(Duration, [Vec<Duration>; 3])> = [200, 10]
        .into_iter()
        .map(|ms| (Duration::from_millis(ms), Default::default()))
        .collect();
    for run in 0..runs {
        for (every, [first, snap_at, full]) in by_poll.iter_mut() {
            let (f, s, full_at, frames) = one_start(&gateway, &admin, pods, *every).await?;
            first.push(f);
            snap_at.push(s);
            full.push(full_at);
            if run == 0 {
                println!("  pump every {every:?}: {frames} frames up to the full one");
            }
        }
    }
    for (every, [first, snap_at, full]) in by_poll {
        println!("pump polling the source every {every:?}:");
        stats("  start -> first frame (empty)", first);
        stats("  start -> snapshot event handed to the loop", snap_at);
        stats("  start -> first full frame (pods view, all pods)", full);
    }
    master.shutdown().await;
    Ok(())
}
