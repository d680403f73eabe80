//! P6: time from a fault injected by atl-sim to its incident appearing in
//! `atl incidents --watch`, on the demo stack (atl-sim + agent + master in-process) with the
//! simulated clock at real speed.
//!
//! `cargo bench -p atl-cli --bench p6_incident_latency [--profile dev] -- [SCENARIO] [SPEED]`
//! (defaults: the built-in `demo` scenario, speed 1). Watches the first fault of the scenario and
//! prints, in simulated seconds (= real seconds at speed 1): fault → incident opened by the engine
//! (its `started_at`, snapshot time) and fault → the `opened` line on the watch's stdout.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};
use atl_cli::demo::{DemoOptions, DemoStack};
use serde_json::Value;

fn main() -> anyhow::Result<()> {
    // `cargo bench` passes `--bench`; only the positional arguments are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let scenario = args.first().cloned().unwrap_or_else(|| "demo".into());
    let speed: f64 = args.get(1).map_or(Ok(1.0), |s| s.parse())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let opts = DemoOptions {
        scenario: scenario.clone(),
        speed,
        ..DemoOptions::default()
    };
    let stack = rt.block_on(DemoStack::start(&opts))?;
    let (fault_ms, target, kind) = stack
        .cluster
        .read(|s| {
            s.faults.first().map(|f| {
                (
                    s.start_ms + f.spec.at as i64 * 1000,
                    f.spec.target.clone(),
                    f.spec.fault,
                )
            })
        })
        .ok_or_else(|| anyhow!("scenario {scenario} has no fault"))?;
    let workload = target.rsplit('/').next().unwrap_or(&target).to_string();
    println!(
        "P6 on scenario {scenario} at speed {speed}: first fault {kind:?} on {target}, agent interval {:?}",
        opts.interval
    );

    let cfg = tempfile::tempdir()?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_atl"))
        .args([
            "--master",
            &stack.master_url,
            "--token",
            &stack.token,
            "incidents",
            "--watch",
            "-o",
            "json",
        ])
        .env("ATL_CONFIG_DIR", cfg.path())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start atl")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let started = Instant::now();
    let mut found = None;
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        let sim_now_ms = stack.cluster.now().as_millisecond();
        let v: Value = serde_json::from_str(&line)?;
        let inc = &v["object"];
        let about = format!("{} {}", inc["root_cause"], inc["summary"]);
        if v["transition"] == "opened" && about.contains(&workload) {
            found = Some((sim_now_ms, inc.clone()));
            break;
        }
        if started.elapsed() > Duration::from_secs(1800) {
            break;
        }
    }
    let _ = child.kill();
    let (seen_ms, inc) = found.ok_or_else(|| anyhow!("no incident about {target} appeared"))?;
    let opened_ms = inc["started_at"]
        .as_str()
        .and_then(|t| t.parse::<chrono::DateTime<chrono::Utc>>().ok())
        .map(|t| t.timestamp_millis())
        .unwrap_or(seen_ms);
    let secs = |ms: i64| ms as f64 / 1000.0;
    println!("incident {} ({})", inc["id"], inc["summary"]);
    println!(
        "fault -> engine opened the incident (snapshot time): {:.1} s",
        secs(opened_ms - fault_ms)
    );
    println!(
        "fault -> `opened` line on atl incidents --watch:     {:.1} s (simulated clock)",
        secs(seen_ms - fault_ms)
    );
    println!(
        "real time from stack start to the line:              {:.1} s",
        started.elapsed().as_secs_f64()
    );
    rt.block_on(stack.stop());
    Ok(())
}
