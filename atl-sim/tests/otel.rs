//! The telemetry writer: deterministic rows from the simulated clock, and the HTTP writer against
//! a real HTTP server on loopback (queueing through an outage, bounded buffer).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use atl_sim::otel::{OtelBatch, OtelConfig, OtelSampler, OtelWriter};
use atl_sim::{FaultKind, FaultSpec, Scenario, SimCluster};

fn scenario() -> Scenario {
    let mut s = Scenario::builtin("steady").unwrap();
    s.start_time = Some("2026-03-01T12:00:00Z".into());
    s.namespaces = 1;
    s.deployments_per_namespace = 6;
    s.warmup_seconds = 600;
    s.faults = vec![FaultSpec {
        at: 0,
        duration: None,
        fault: FaultKind::ErrorRate,
        target: "shop/catalog".into(),
        value: Some(0.3),
    }];
    s
}

/// Runs the scenario for `minutes` simulated minutes in steps of `step_s` seconds.
fn run(minutes: u64, step_s: u64) -> Vec<OtelBatch> {
    let cluster = SimCluster::from_scenario(&scenario()).unwrap();
    let mut sampler = OtelSampler::new(OtelConfig {
        trace_sample_ratio: 0.05,
        ..OtelConfig::default()
    });
    (0..minutes * 60 / step_s)
        .map(|_| sampler.advance(&cluster, Duration::from_secs(step_s)))
        .collect()
}

fn bytes(batches: &[OtelBatch]) -> Vec<u8> {
    batches
        .iter()
        .flat_map(|b| b.encode())
        .flat_map(|t| {
            let mut v = t.table.as_bytes().to_vec();
            v.extend(t.body);
            v
        })
        .collect()
}

#[test]
fn same_scenario_and_seed_give_byte_identical_rows() {
    let a = run(3, 15);
    let b = run(3, 15);
    assert_eq!(bytes(&a), bytes(&b));
    let all: usize = a.iter().map(OtelBatch::len).sum();
    assert!(all > 1000, "{all} rows");
    // Every kind of row is there.
    let one = a.iter().fold(OtelBatch::default(), |mut acc, b| {
        acc.extend(b.clone());
        acc
    });
    assert!(
        one.sums
            .iter()
            .any(|r| r.metric_name == "node_cpu_seconds_total")
    );
    assert!(
        one.sums
            .iter()
            .any(|r| r.metric_name == "traefik_service_requests_total")
    );
    assert!(one.sums.iter().any(|r| r.metric_name == "response_total"));
    assert!(
        one.histograms
            .iter()
            .any(|r| r.metric_name == "response_latency_ms")
    );
    assert!(
        one.gauges
            .iter()
            .any(|r| r.metric_name == "node_memory_MemTotal_bytes")
    );
    assert!(one.spans.iter().any(|s| !s.parent_span_id.is_empty()));
    assert!(one.logs.iter().any(|l| l.severity_text == "ERROR"));
    // Another seed gives other rows.
    let mut other = scenario();
    other.seed += 1;
    let cluster = SimCluster::from_scenario(&other).unwrap();
    let mut sampler = OtelSampler::new(OtelConfig {
        trace_sample_ratio: 0.05,
        ..OtelConfig::default()
    });
    let c: Vec<OtelBatch> = (0..12)
        .map(|_| sampler.advance(&cluster, Duration::from_secs(15)))
        .collect();
    assert_ne!(bytes(&a), bytes(&c));
}

#[test]
fn rows_sit_on_the_scrape_grid_and_counters_only_grow() {
    let batches = run(2, 15);
    let mut last: BTreeMap<String, f64> = BTreeMap::new();
    for b in &batches {
        for r in &b.sums {
            let t = serde_json::to_value(r).unwrap();
            let time: i64 = t["TimeUnix"].as_str().unwrap().parse().unwrap();
            assert_eq!(time % 15, 0, "{t}");
            let key = format!(
                "{}{}{}",
                r.metric_name, t["Attributes"], t["ResourceAttributes"]
            );
            let prev = last.insert(key, r.value).unwrap_or(0.0);
            assert!(r.value >= prev, "{t}");
        }
    }
    // The raised error rate shows on the catalog's failures, nowhere else.
    let fails = |svc: &str| -> (f64, f64) {
        let b = batches.last().unwrap();
        let mut ok = 0.0;
        let mut bad = 0.0;
        for r in b.sums.iter().filter(|r| {
            r.metric_name == "response_total"
                && r.attributes.get("direction").map(String::as_str) == Some("inbound")
                && r.attributes.get("deployment").map(String::as_str) == Some(svc)
        }) {
            match r.attributes["classification"].as_str() {
                "success" => ok += r.value,
                _ => bad += r.value,
            }
        }
        (ok, bad)
    };
    let (ok, bad) = fails("catalog");
    assert!((bad / (ok + bad) - 0.3).abs() < 0.01, "{ok} {bad}");
    let (ok, bad) = fails("api");
    assert!(ok > 0.0 && bad == 0.0, "{ok} {bad}");
}

#[derive(Default)]
struct Seen {
    requests: Vec<(String, String)>,
}

/// A ClickHouse stand-in on 127.0.0.1:0 that records what it is sent and fails while `down`.
async fn recorder(down: Arc<AtomicBool>) -> (String, Arc<Mutex<Seen>>) {
    recorder_refusing_ddl(down, false).await
}

/// Like `recorder`; with `refuse_ddl` CREATE statements get ClickHouse's access-denied error.
async fn recorder_refusing_ddl(
    down: Arc<AtomicBool>,
    refuse_ddl: bool,
) -> (String, Arc<Mutex<Seen>>) {
    use axum::extract::{Query, State};
    use axum::http::StatusCode;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let state = (seen.clone(), down);
    let app = axum::Router::new()
        .route(
            "/",
            axum::routing::post(
                move |State((seen, down)): State<(Arc<Mutex<Seen>>, Arc<AtomicBool>)>,
                      Query(q): Query<BTreeMap<String, String>>,
                      body: String| async move {
                    if down.load(Ordering::SeqCst) {
                        return (
                            StatusCode::SERVICE_UNAVAILABLE,
                            "Code: 210. down".to_owned(),
                        );
                    }
                    let query = q.get("query").cloned().unwrap_or_default();
                    if refuse_ddl && body.starts_with("CREATE") {
                        return (
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "Code: 497. DB::Exception: sim: Not enough privileges. (ACCESS_DENIED)"
                                .to_owned(),
                        );
                    }
                    seen.lock().unwrap().requests.push((query, body));
                    (StatusCode::OK, String::new())
                },
            ),
        )
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, seen)
}

#[tokio::test]
async fn an_outage_queues_rows_and_the_next_flush_delivers_them_in_order() {
    let down = Arc::new(AtomicBool::new(true));
    let (url, seen) = recorder(down.clone()).await;
    let batches = tokio::task::spawn_blocking(|| run(1, 15)).await.unwrap();
    let mut w = OtelWriter::new(&url, "otel").unwrap();
    w.push(&batches[0]);
    w.push(&batches[1]);
    let queued = w.queued_rows();
    assert_eq!(queued, batches[0].len() + batches[1].len());
    let err = w.flush().await.unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
    assert_eq!(w.queued_rows(), queued);
    assert!(seen.lock().unwrap().requests.is_empty());

    down.store(false, Ordering::SeqCst);
    w.push(&batches[2]);
    let written = w.flush().await.unwrap();
    assert_eq!(written, queued + batches[2].len());
    assert_eq!(w.queued_rows(), 0);
    let reqs = &seen.lock().unwrap().requests;
    // The schema first (statements in the body), then the inserts in the order they were queued.
    assert!(
        reqs[0].1.starts_with("CREATE DATABASE IF NOT EXISTS otel"),
        "{:?}",
        reqs[0]
    );
    let inserts: Vec<&(String, String)> = reqs.iter().filter(|(q, _)| !q.is_empty()).collect();
    let expected: Vec<String> = batches[..3]
        .iter()
        .flat_map(|b| b.encode())
        .map(|t| format!("INSERT INTO {} FORMAT JSONEachRow", t.table))
        .collect();
    assert_eq!(
        inserts.iter().map(|(q, _)| q.clone()).collect::<Vec<_>>(),
        expected
    );
    let first_row: serde_json::Value =
        serde_json::from_str(inserts[0].1.lines().next().unwrap()).unwrap();
    for col in [
        "MetricName",
        "Attributes",
        "ResourceAttributes",
        "TimeUnix",
        "Value",
        "IsMonotonic",
    ] {
        assert!(first_row.get(col).is_some(), "{col} missing in {first_row}");
    }
}

#[tokio::test]
async fn a_long_outage_drops_the_oldest_rows_beyond_the_bound() {
    let down = Arc::new(AtomicBool::new(true));
    let (url, _) = recorder(down).await;
    let batches = tokio::task::spawn_blocking(|| run(1, 15)).await.unwrap();
    let mut w = OtelWriter::new(&url, "otel")
        .unwrap()
        .with_max_buffered_rows(1000);
    for b in &batches {
        w.push(b);
        assert!(w.flush().await.is_err());
    }
    let total: usize = batches.iter().map(OtelBatch::len).sum();
    // Whole inserts are dropped, so the queue may exceed the bound by less than one insert.
    let largest = batches
        .iter()
        .flat_map(OtelBatch::encode)
        .map(|t| t.rows)
        .max()
        .unwrap();
    assert!(w.queued_rows() < 1000 + largest, "{}", w.queued_rows());
    assert_eq!(w.queued_rows() as u64 + w.dropped_rows(), total as u64);
    assert!(w.dropped_rows() > 0);
}

#[test]
fn bad_settings_are_refused_with_the_fix() {
    let e = OtelWriter::new("clickhouse:8123", "otel")
        .unwrap_err()
        .to_string();
    assert!(e.contains("http://"), "{e}");
    let e = OtelWriter::new("http://127.0.0.1:8123", "otel; DROP")
        .unwrap_err()
        .to_string();
    assert!(e.contains("plain name"), "{e}");
}

#[tokio::test]
async fn the_binary_writes_telemetry_to_the_clickhouse_url() {
    let (url, seen) = recorder(Arc::new(AtomicBool::new(false))).await;
    let dir = tempfile::tempdir().unwrap();
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_atl-sim"))
        .args([
            "--scenario",
            "steady",
            "--speed",
            "60",
            "--clickhouse-url",
            &url,
        ])
        .args(["--clickhouse-database", "simdb", "--kubeconfig-out"])
        .arg(dir.path().join("kubeconfig"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let tables = loop {
        let tables: std::collections::BTreeSet<String> = seen
            .lock()
            .unwrap()
            .requests
            .iter()
            .filter_map(|(q, _)| q.strip_prefix("INSERT INTO ").map(str::to_owned))
            .collect();
        if tables.len() == 5 || tokio::time::Instant::now() > deadline {
            break tables;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    child.kill().await.unwrap();
    assert_eq!(tables.len(), 5, "{tables:?}");
    let reqs = &seen.lock().unwrap().requests;
    assert!(reqs[0].1.contains("CREATE DATABASE IF NOT EXISTS simdb"));
}

#[test]
fn the_binary_refuses_a_url_that_is_not_http() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_atl-sim"))
        .args([
            "--clickhouse-url",
            "tcp://127.0.0.1:9000",
            "--kubeconfig-out",
        ])
        .arg(dir.path().join("kubeconfig"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("http://"), "{err}");
}

#[tokio::test]
async fn without_create_rights_rows_go_into_the_existing_tables() {
    let (url, seen) = recorder_refusing_ddl(Arc::new(AtomicBool::new(false)), true).await;
    let batches = tokio::task::spawn_blocking(|| run(1, 15)).await.unwrap();
    let mut w = OtelWriter::new(&url, "otel").unwrap();
    w.push(&batches[1]);
    assert_eq!(w.flush().await.unwrap(), batches[1].len());
    let reqs = &seen.lock().unwrap().requests;
    assert!(reqs.iter().all(|(q, _)| q.starts_with("INSERT INTO ")));
    assert_eq!(reqs.len(), batches[1].encode().len());
}

#[test]
fn spans_form_traces_along_the_call_graph_and_parents_cover_children() {
    let batches = run(1, 15);
    let spans: Vec<_> = batches.iter().flat_map(|b| b.spans.clone()).collect();
    let by_id: BTreeMap<(&str, &str), &atl_sim::otel::SpanRow> = spans
        .iter()
        .map(|s| ((s.trace_id.as_str(), s.span_id.as_str()), s))
        .collect();
    assert_eq!(by_id.len(), spans.len(), "span ids are unique");
    let mut edges = std::collections::BTreeSet::new();
    for s in spans.iter().filter(|s| !s.parent_span_id.is_empty()) {
        let p = by_id[&(s.trace_id.as_str(), s.parent_span_id.as_str())];
        let (start, end) = (s.timestamp.0, s.timestamp.0 + s.duration as i64);
        assert!(p.timestamp.0 <= start && end <= p.timestamp.0 + p.duration as i64);
        if s.span_kind == "SPAN_KIND_SERVER" {
            assert_eq!(p.span_kind, "SPAN_KIND_CLIENT");
            edges.insert((p.service_name.clone(), s.service_name.clone()));
        } else {
            assert_eq!(p.service_name, s.service_name);
        }
    }
    assert!(
        edges.contains(&("frontend".into(), "api".into())),
        "{edges:?}"
    );
    assert!(
        edges.contains(&("api".into(), "catalog".into())),
        "{edges:?}"
    );
    assert!(
        edges.contains(&("catalog".into(), "db".into())),
        "{edges:?}"
    );
}
