//! P4: one frame of the pods view at 10k pods (TestBackend, 120×40), next to the reference of
//! building every row each frame; plus the index rebuild a new snapshot costs and the time to the
//! first full frame from an empty state.

use atl_cli::tui::action::{Action, Command, DataEvent, Input};
use atl_cli::tui::columns;
use atl_cli::tui::fixture::{operator, sample_state};
use atl_cli::tui::reducer::reduce;
use atl_cli::tui::render::render;
use atl_cli::tui::state::{State, ViewKind};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

fn pods_state() -> State {
    let mut s = sample_state(10_000, operator());
    reduce(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    reduce(&mut s, Action::Cmd(Command::View(ViewKind::Pods)));
    s
}

fn frame(c: &mut Criterion) {
    let mut s = pods_state();
    assert_eq!(s.table(ViewKind::Pods).index.len(), 10_030);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| match e {});
    let mut g = c.benchmark_group("tui");
    g.bench_function("pods_frame_10k", |b| {
        b.iter(|| {
            term.draw(|f| render(black_box(&s), f))
                .unwrap_or_else(|e| match e {});
        })
    });
    // Scrolled to the middle: same cost, only the visible slice is built.
    for _ in 0..5000 {
        reduce(&mut s, Action::Cmd(Command::Down));
    }
    g.bench_function("pods_frame_10k_scrolled", |b| {
        b.iter(|| {
            term.draw(|f| render(black_box(&s), f))
                .unwrap_or_else(|e| match e {});
        })
    });
    // Reference: building every row's cells each frame, as a naive table would.
    g.bench_function("reference_build_all_rows_10k", |b| {
        b.iter(|| {
            let t = s.table(ViewKind::Pods);
            let n = columns::columns(ViewKind::Pods).len();
            let rows: Vec<Vec<String>> = t
                .index
                .iter()
                .map(|r| {
                    (0..n)
                        .map(|c| columns::cell(&s, ViewKind::Pods, *r, c).into_owned())
                        .collect()
                })
                .collect();
            black_box(rows)
        })
    });
    // A new snapshot with a sort active: filter + sort + re-anchoring the selection.
    reduce(&mut s, Action::Sort('T'));
    let snap = s.cluster("prod").and_then(|c| c.snapshot.clone());
    g.bench_function("index_rebuild_on_snapshot_10k_sorted", |b| {
        b.iter(|| {
            if let Some(snap) = &snap {
                reduce(&mut s, Action::Data(DataEvent::Snapshot(Arc::clone(snap))));
            }
        })
    });
    // One keystroke of `/status:crash`: the filter is re-parsed and every row re-matched.
    reduce(&mut s, Action::Cmd(Command::Filter));
    g.bench_function("filter_keystroke_10k", |b| {
        b.iter(|| {
            for c in "st:crash".chars() {
                reduce(&mut s, Action::Input(Input::Char(c)));
            }
            for _ in 0..8 {
                reduce(&mut s, Action::Input(Input::Backspace));
            }
        })
    });
    reduce(&mut s, Action::Input(Input::Cancel));
    g.bench_function("first_frame_10k", |b| {
        let src = pods_state();
        let events: Vec<DataEvent> = src
            .clusters
            .iter()
            .filter_map(|c| c.snapshot.clone())
            .map(DataEvent::Snapshot)
            .collect();
        b.iter(|| {
            let mut fresh = State::new(operator(), src.now);
            reduce(
                &mut fresh,
                Action::Resize {
                    width: 120,
                    height: 40,
                },
            );
            reduce(&mut fresh, Action::Cmd(Command::View(ViewKind::Pods)));
            for ev in events.iter().cloned() {
                reduce(&mut fresh, Action::Data(ev));
            }
            term.draw(|f| render(&fresh, f))
                .unwrap_or_else(|e| match e {});
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = frame
}
criterion_main!(benches);
