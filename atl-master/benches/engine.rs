//! Engine benchmark (bench binary, no harness): steady-state cost of one
//! snapshot through the AIOps engine at 10k and 100k pods, beside the cost of
//! decoding the same snapshot from JSON. Prints medians; never fails on timing.
//!
//! Run: `cargo bench -p atl-master --bench engine` (add `-- --quick` for 10k only).

use std::time::{Duration, Instant};

use atl_core::ClusterSnapshot;
use atl_core::synth::{SynthSpec, generate};
use atl_master::engine::observe::observe;
use atl_master::engine::{Engine, EngineConfig};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn bench(pods: usize, rounds: usize) {
    let base = generate(&SynthSpec {
        telemetry: true,
        crashloop_ratio: 0.01,
        ..SynthSpec::with_pods("bench", pods, 42)
    });
    let json = serde_json::to_vec(&base).unwrap_or_default();
    let mut engine = Engine::new(EngineConfig::default());
    // Warm the baselines past their cold start so the steady state is measured.
    let mut snap = base.clone();
    for i in 0..110 {
        snap.taken_at = base.taken_at + chrono::Duration::seconds(i * 10);
        engine.process_snapshot(&snap);
    }
    let mut decode = Vec::new();
    let mut adapt = Vec::new();
    let mut total = Vec::new();
    for i in 0..rounds {
        let t = Instant::now();
        let decoded: ClusterSnapshot = match serde_json::from_slice(&json) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("decode failed: {e}");
                return;
            }
        };
        decode.push(t.elapsed());
        snap.taken_at = base.taken_at + chrono::Duration::seconds((110 + i as i64) * 10);
        let t = Instant::now();
        let obs = observe(&snap, &engine.config().rules);
        adapt.push(t.elapsed());
        let t = Instant::now();
        let out = engine.process(&obs);
        total.push(t.elapsed() + adapt[adapt.len() - 1]);
        std::hint::black_box((decoded, out));
    }
    println!(
        "engine pods={pods} rounds={rounds}: snapshot→observation {:?}, observation→engine output (incl. adapter) {:?}; JSON decode of the same snapshot {:?}",
        median(adapt),
        median(total),
        median(decode)
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    bench(10_000, 15);
    if !quick {
        bench(100_000, 5);
    }
}
