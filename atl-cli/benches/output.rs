//! Cost of turning a large listing into output: `atl get pods -A` for a 10k-pod cluster as a
//! table (decode the snapshot model, build rows, render) and as JSON.

use atl_cli::output::columns::{Item, List, resource_table};
use atl_cli::output::{RenderOpts, Table};
use atl_core::ResourceKind;
use atl_core::synth::{SynthSpec, generate};
use criterion::{Criterion, criterion_group, criterion_main};

fn items(n: usize) -> Vec<Item> {
    let snap = generate(&SynthSpec::with_pods("bench", n, 7));
    snap.resources
        .objects(ResourceKind::Pod)
        .into_iter()
        .map(|o| Item {
            cluster: "bench".into(),
            object: o.to_json(),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let items = items(10_000);
    let now = chrono::Utc::now();
    let opts = RenderOpts {
        width: None,
        headers: true,
        color: false,
    };
    c.bench_function("table_10k_pods", |b| {
        b.iter(|| {
            let t: Table = resource_table(Some(ResourceKind::Pod), &items, true, true, now);
            t.render(opts).len()
        })
    });
    c.bench_function("json_10k_pods", |b| {
        b.iter(|| serde_json::to_string_pretty(&List::of(&items)).map(|s| s.len()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
