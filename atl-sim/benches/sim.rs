//! Simulator benchmark: cluster generation, paged listing, idle/busy ticks and the telemetry
//! writer's rows (sampling and JSONEachRow encoding, no network).
//!
//! `cargo bench -p atl-sim` runs the small `steady` scenario (a smoke run that keeps this code
//! from rotting); `ATL_SIM_BENCH_SCENARIO=scale-10k cargo bench -p atl-sim` measures a big one.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use atl_sim::otel::{OtelConfig, OtelSampler};
use atl_sim::server::rest::{self, ListQuery};
use atl_sim::{Kind, Scenario, SimCluster};

fn main() {
    let name = std::env::var("ATL_SIM_BENCH_SCENARIO").unwrap_or_else(|_| "steady".into());
    let mut scenario = Scenario::load(&name).unwrap();
    scenario.start_time = Some("2026-03-01T12:00:00Z".into());

    let t = Instant::now();
    let cluster = SimCluster::from_scenario(&scenario).unwrap();
    let generate = t.elapsed();
    let pods = cluster.read(|s| s.store.kind::<k8s_openapi::api::core::v1::Pod>().len());

    let t = Instant::now();
    let mut listed = 0;
    let mut q = ListQuery {
        limit: 500,
        ..ListQuery::default()
    };
    loop {
        let page = cluster.read(|s| rest::list(s, Kind::Pod, &q)).unwrap();
        listed += page.items.len();
        match page.continue_token {
            Some(c) => q.continue_token = Some(c),
            None => break,
        }
    }
    let list = t.elapsed();
    assert_eq!(listed, pods);

    let t = Instant::now();
    cluster.tick(Duration::from_secs(60));
    let idle = t.elapsed();

    let t = Instant::now();
    cluster.write(|s| {
        let deps: Vec<_> = s
            .store
            .list::<k8s_openapi::api::apps::v1::Deployment>(None)
            .cloned()
            .collect();
        for mut d in deps.into_iter().take(50) {
            if let Some(spec) = d.spec.as_mut() {
                spec.replicas = Some(spec.replicas.unwrap_or(1) + 1);
            }
            s.store.put(d);
        }
    });
    cluster.tick(Duration::from_secs(30));
    let busy = t.elapsed();

    let mut sampler = OtelSampler::new(OtelConfig::default());
    sampler.advance(&cluster, Duration::from_secs(15));
    let t = Instant::now();
    let batch = sampler.advance(&cluster, Duration::from_secs(60));
    let sample = t.elapsed();
    let t = Instant::now();
    let bytes: usize = batch.encode().iter().map(|t| t.body.len()).sum();
    let encode = t.elapsed();

    println!("scenario {name}: {pods} pods");
    println!(
        "  generate + warm-up      {:>10.1} ms",
        generate.as_secs_f64() * 1e3
    );
    println!(
        "  list all pods (500/page) {:>9.1} ms ({:.1} µs/pod)",
        list.as_secs_f64() * 1e3,
        list.as_secs_f64() * 1e6 / pods.max(1) as f64
    );
    println!(
        "  idle tick 60 s          {:>10.1} ms",
        idle.as_secs_f64() * 1e3
    );
    println!(
        "  scale 50 deployments +1 and tick 30 s {:>6.1} ms",
        busy.as_secs_f64() * 1e3
    );
    println!(
        "  telemetry 60 s (4 scrapes, 1 % traced): {} rows, {:.1} MB; tick + sample {:.1} ms, encode {:.1} ms",
        batch.len(),
        bytes as f64 / 1e6,
        sample.as_secs_f64() * 1e3,
        encode.as_secs_f64() * 1e3
    );
}
