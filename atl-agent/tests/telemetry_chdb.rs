//! The agent's ClickHouse telemetry queries against a real ClickHouse engine (chdb behind
//! `tools/chdb_front/chdb_front.py`), with rows of known values in the OTel exporter tables.
//! One front serves the whole test binary; every test works in its own database.
#![allow(clippy::unwrap_used)]

use atl_agent::source::TelemetrySource;
use atl_agent::telemetry::{ClickHouseConfig, ClickHouseTelemetry, clickhouse_source, part};
use atl_core::Timestamp;
use atl_core::telemetry::{SliSource, Telemetry};
use clickhouse::{Client, Row};
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

mod support;
use support::chdb::{self, Front, FrontOptions, KillOnDrop, free_port, venv};

const SCHEMA: &str = include_str!("../../tools/chdb_front/otel_schema.sql");

macro_rules! require_front {
    () => {
        match chdb::shared() {
            Some(port) => port,
            None => {
                eprintln!("{}", chdb::SKIPPED);
                return;
            }
        }
    };
}

/// A fresh database with the exporter tables, and a client on it.
async fn database(port: u16, name: &str) -> (String, Client) {
    static SEQ: AtomicU32 = AtomicU32::new(0);
    let db = format!(
        "t_{name}_{}_{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    let admin = Client::default().with_url(format!("http://127.0.0.1:{port}"));
    let script: String = SCHEMA
        .replace("{db}", &db)
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for stmt in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        admin.query(stmt).execute().await.unwrap();
    }
    let client = admin.with_database(&db).with_validation(false);
    (db, client)
}

fn reader(port: u16, db: &str) -> ClickHouseTelemetry {
    reader_url(&format!("http://127.0.0.1:{port}"), db)
}

fn reader_url(url: &str, db: &str) -> ClickHouseTelemetry {
    let mut cfg = ClickHouseConfig::new(url);
    cfg.database = db.to_string();
    ClickHouseTelemetry::new(cfg).unwrap()
}

fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// 2026-01-01T00:10:00Z; the window is the five minutes before it.
const NOW_S: i64 = 1_767_226_200;
const START_S: i64 = NOW_S - 300;

fn now() -> Timestamp {
    Timestamp::from_timestamp(NOW_S, 0).unwrap()
}

fn ns(at_s: i64) -> i64 {
    at_s * 1_000_000_000
}

#[derive(Row, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SumRow {
    service_name: String,
    metric_name: String,
    attributes: Vec<(String, String)>,
    resource_attributes: Vec<(String, String)>,
    time_unix: i64,
    value: f64,
    aggregation_temporality: i32,
    is_monotonic: bool,
}

#[derive(Row, Serialize)]
#[serde(rename_all = "PascalCase")]
struct GaugeRow {
    metric_name: String,
    attributes: Vec<(String, String)>,
    resource_attributes: Vec<(String, String)>,
    time_unix: i64,
    value: f64,
}

#[derive(Row, Serialize)]
#[serde(rename_all = "PascalCase")]
struct HistRow {
    metric_name: String,
    attributes: Vec<(String, String)>,
    resource_attributes: Vec<(String, String)>,
    time_unix: i64,
    count: u64,
    bucket_counts: Vec<u64>,
    explicit_bounds: Vec<f64>,
    aggregation_temporality: i32,
}

#[derive(Row, Serialize)]
#[serde(rename_all = "PascalCase")]
struct SpanRow {
    timestamp: i64,
    trace_id: String,
    span_id: String,
    parent_span_id: String,
    span_name: String,
    span_kind: String,
    service_name: String,
    resource_attributes: Vec<(String, String)>,
    duration: u64,
    status_code: String,
}

#[derive(Row, Serialize)]
#[serde(rename_all = "PascalCase")]
struct LogRow {
    timestamp: i64,
    service_name: String,
    severity_text: String,
    severity_number: u8,
    body: String,
    resource_attributes: Vec<(String, String)>,
}

/// A cumulative counter series: `values[i]` at START + i·step seconds.
fn counter(
    metric: &str,
    attrs: &[(&str, &str)],
    resource: &[(&str, &str)],
    step_s: i64,
    values: &[f64],
) -> Vec<SumRow> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| SumRow {
            service_name: String::new(),
            metric_name: metric.into(),
            attributes: kv(attrs),
            resource_attributes: kv(resource),
            time_unix: ns(START_S + i as i64 * step_s),
            value: *v,
            aggregation_temporality: 2,
            is_monotonic: true,
        })
        .collect()
}

fn gauge(
    metric: &str,
    attrs: &[(&str, &str)],
    resource: &[(&str, &str)],
    at_s: i64,
    value: f64,
) -> GaugeRow {
    GaugeRow {
        metric_name: metric.into(),
        attributes: kv(attrs),
        resource_attributes: kv(resource),
        time_unix: ns(at_s),
        value,
    }
}

fn hist(
    metric: &str,
    attrs: &[(&str, &str)],
    bounds: &[f64],
    points: &[(i64, &[u64])],
) -> Vec<HistRow> {
    points
        .iter()
        .map(|(at_s, counts)| HistRow {
            metric_name: metric.into(),
            attributes: kv(attrs),
            resource_attributes: kv(&[("service.instance.id", "traefik-1:9100")]),
            time_unix: ns(*at_s),
            count: counts.iter().sum(),
            bucket_counts: counts.to_vec(),
            explicit_bounds: bounds.to_vec(),
            aggregation_temporality: 2,
        })
        .collect()
}

async fn insert<T>(client: &Client, table: &str, rows: &[T])
where
    T: Serialize + for<'a> Row<Value<'a> = T>,
{
    let mut ins = client.insert::<T>(table).await.unwrap();
    for r in rows {
        ins.write(r).await.unwrap();
    }
    ins.end().await.unwrap();
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-6 * expected.abs().max(1.0)
}

macro_rules! assert_close {
    ($a:expr, $e:expr) => {
        assert!(
            close($a, $e),
            "{} = {}, expected {}",
            stringify!($a),
            $a,
            $e
        )
    };
}

fn source_ok(t: &Telemetry, name: &str) -> bool {
    t.sources.iter().any(|s| s.source == name && s.ok)
}

#[tokio::test]
async fn traefik_ingress_rates_resets_and_percentiles() {
    let port = require_front!();
    let (db, client) = database(port, "ingress").await;
    let svc = "shop-api-80@kubernetes";
    let t1 = [("service.instance.id", "traefik-1:9100")];
    let t2 = [("service.instance.id", "traefik-2:9100")];
    let get200 = [
        ("service", svc),
        ("code", "200"),
        ("method", "GET"),
        ("protocol", "http"),
    ];
    let post500 = [
        ("service", svc),
        ("code", "500"),
        ("method", "POST"),
        ("protocol", "http"),
    ];
    let mut rows = Vec::new();
    // traefik-1, 200 GET, every 30 s, restarting at 00:07:00: 90 + 10 + 180 = 280.
    rows.extend(counter(
        "traefik_service_requests_total",
        &get200,
        &t1,
        30,
        &[
            100., 130., 160., 190., 10., 40., 70., 100., 130., 160., 190.,
        ],
    ));
    // traefik-2 has the same labels but is another series: +60. Lumped with traefik-1 it would
    // read as a huge reset.
    rows.extend(counter(
        "traefik_service_requests_total",
        &get200,
        &t2,
        30,
        &[
            1000., 1006., 1012., 1018., 1024., 1030., 1036., 1042., 1048., 1054., 1060.,
        ],
    ));
    // traefik-1, 500 POST: +20.
    rows.extend(counter(
        "traefik_service_requests_total",
        &post500,
        &t1,
        30,
        &[0., 2., 4., 6., 8., 10., 12., 14., 16., 18., 20.],
    ));
    insert(&client, "otel_metrics_sum", &rows).await;
    let bounds = [0.1, 0.3, 1.2, 5.0];
    let mut h = hist(
        "traefik_service_request_duration_seconds",
        &get200,
        &bounds,
        &[
            (START_S, &[100, 20, 5, 0, 0]),
            (START_S + 150, &[150, 40, 10, 0, 0]), // +50 +20 +5
            (START_S + 180, &[10, 0, 0, 0, 0]),    // restart: +10
            (NOW_S, &[40, 10, 5, 0, 0]),           // +30 +10 +5
        ],
    );
    h.extend(hist(
        "traefik_service_request_duration_seconds",
        &post500,
        &bounds,
        &[(START_S, &[0, 0, 0, 0, 0]), (NOW_S, &[0, 0, 0, 10, 10])],
    ));
    insert(&client, "otel_metrics_histogram", &h).await;

    let r = reader(port, &db);
    r.set_kubernetes_services(vec![
        ("shop".into(), "api".into()),
        ("shop".into(), "web".into()),
    ]);
    let t = r.collect_at(now()).await.unwrap();
    assert!(source_ok(&t, part::INGRESS), "{:?}", t.sources);
    assert_eq!(t.ingress.len(), 1);
    let s = &t.ingress[0];
    assert_eq!(s.service, svc);
    assert_eq!(s.namespace.as_deref(), Some("shop"));
    assert_eq!(s.backend.as_deref(), Some("api"));
    assert_eq!(s.total_requests, 360);
    assert_eq!(s.error_requests, 20);
    // Every series spans the full 300 s: (280 + 60 + 20) / 300.
    assert_close!(s.rps, 1.2);
    assert_close!(s.success_ratio, 340.0 / 360.0);
    let codes: Vec<(&str, u64)> = s
        .status_codes
        .iter()
        .map(|c| (c.label.as_str(), c.count))
        .collect();
    assert_eq!(codes, vec![("200", 340), ("500", 20)]);
    let methods: Vec<(&str, u64)> = s
        .methods
        .iter()
        .map(|c| (c.label.as_str(), c.count))
        .collect();
    assert_eq!(methods, vec![("GET", 340), ("POST", 20)]);
    // Summed bucket increases [90, 30, 10, 10, 10] on 100/300/1200/5000 ms:
    // p50: 75th of 150 in the first bucket → 75/90 × 100 ms.
    assert_close!(s.latency.p50_ms, 7500.0 / 90.0);
    // p90: 135th, 130 before the 1200–5000 bucket of 10 → 1200 + 5/10 × 3800.
    assert_close!(s.latency.p90_ms, 3100.0);
    // p95/p99 fall in +Inf → last finite bound.
    assert_close!(s.latency.p99_ms, 5000.0);

    // Per-minute counts: minute 00:07 has traefik-1 +10 (restart) +30, traefik-2 +12, 500s +4.
    let series = t.series.slis.iter().find(|s| s.name == svc).unwrap();
    assert_eq!(series.source, SliSource::Ingress);
    let m7 = series
        .points
        .iter()
        .find(|p| p.minute == Timestamp::from_timestamp(START_S + 120, 0).unwrap())
        .unwrap();
    assert_eq!((m7.good, m7.total), (52, 56));
    // 00:07:30 saw +50 +20 +5 in the histogram: 75 requests spread over the fixed ladder.
    assert_eq!(m7.latency_buckets.len(), 15);
    assert_eq!(m7.latency_buckets.iter().sum::<u64>(), 75);
    // That minute's p95: 71.25th of 75, 70 below 300 ms, 5 in 300–1200 → 300 + 1.25/5 × 900.
    assert_close!(m7.p95_ms, 525.0);
    assert_close!(m7.p99_ms, 300.0 + 4.25 / 5.0 * 900.0);
    // The window's first minute (00:05) is partial and not reported; 00:06..00:10 are.
    assert_eq!(series.points.len(), 5);
}

#[tokio::test]
async fn linkerd_mesh_slis_edges_and_mtls() {
    let port = require_front!();
    let (db, client) = database(port, "mesh").await;
    let res = [("service.instance.id", "10.1.0.7:4191")];
    let inbound =
        |pod: &'static str, class: &'static str, tls: &'static str, code: &'static str| {
            vec![
                ("direction", "inbound"),
                ("namespace", "shop"),
                ("deployment", "api"),
                ("pod", pod),
                ("classification", class),
                ("tls", tls),
                ("status_code", code),
            ]
        };
    let mut rows = Vec::new();
    // Two pods of one workload are two series to sum. api-1 restarts twice: 60+60+30+60+60... no:
    // 0→60→120, restart to 30 (+30), →90, →150: 60+60+30+60+60 = 270.
    rows.extend(counter(
        "response_total",
        &inbound("api-1", "success", "true", "200"),
        &res,
        60,
        &[0., 60., 120., 30., 90., 150.],
    ));
    rows.extend(counter(
        "response_total",
        &inbound("api-2", "success", "true", "200"),
        &res,
        60,
        &[1000., 1030., 1060., 1090., 1120., 1150.],
    ));
    rows.extend(counter(
        "response_total",
        &inbound("api-2", "failure", "true", "503"),
        &res,
        60,
        &[0., 6., 12., 18., 24., 30.],
    ));
    rows.extend(counter(
        "response_total",
        &inbound("api-1", "success", "no_identity", "200"),
        &res,
        60,
        &[0., 10., 20., 30., 40., 50.],
    ));
    let outbound = |class: &'static str| {
        vec![
            ("direction", "outbound"),
            ("namespace", "shop"),
            ("deployment", "web"),
            ("dst_namespace", "shop"),
            ("dst_deployment", "api"),
            ("classification", class),
            ("tls", "true"),
        ]
    };
    rows.extend(counter(
        "response_total",
        &outbound("success"),
        &res,
        60,
        &[0., 24., 48., 72., 96., 120.],
    ));
    rows.extend(counter(
        "response_total",
        &outbound("failure"),
        &res,
        60,
        &[0., 1., 2., 3., 4., 6.],
    ));
    insert(&client, "otel_metrics_sum", &rows).await;
    let lat = hist(
        "response_latency_ms",
        &[
            ("direction", "inbound"),
            ("namespace", "shop"),
            ("deployment", "api"),
        ],
        &[10.0, 50.0, 100.0, 500.0],
        &[
            (START_S, &[0, 0, 0, 0, 0]),
            (NOW_S, &[100, 200, 150, 40, 10]),
        ],
    );
    insert(&client, "otel_metrics_histogram", &lat).await;

    let t = reader(port, &db).collect_at(now()).await.unwrap();
    assert!(source_ok(&t, part::MESH), "{:?}", t.sources);
    assert_eq!(t.mesh.len(), 1);
    let m = &t.mesh[0];
    assert_eq!((m.namespace.as_str(), m.workload.as_str()), ("shop", "api"));
    assert_eq!(m.total_requests, 500);
    assert_eq!(m.error_requests, 30);
    assert_close!(m.rps, 500.0 / 300.0);
    assert_close!(m.success_ratio, 0.94);
    assert_close!(m.mtls_ratio, 0.9);
    // 250th of 500: 100 below, 200 in 10–50 ms → 10 + 150/200 × 40.
    assert_close!(m.latency.p50_ms, 40.0);
    assert_close!(m.latency.p99_ms, 500.0);
    assert_eq!(t.mesh_edges.len(), 1);
    let e = &t.mesh_edges[0];
    assert_eq!(
        (e.src_workload.as_str(), e.dst_workload.as_str()),
        ("web", "api")
    );
    assert_close!(e.rps, 126.0 / 300.0);
    assert_close!(e.success_ratio, 120.0 / 126.0);
    let series = t.series.slis.iter().find(|s| s.name == "shop/api").unwrap();
    assert_eq!(series.source, SliSource::Mesh);
}

#[tokio::test]
async fn node_exporter_metrics_per_node() {
    let port = require_front!();
    let (db, client) = database(port, "nodes").await;
    let res = [
        ("service.instance.id", "10.0.0.5:9100"),
        ("net.host.name", "10.0.0.5"),
    ];
    let cpu = |cpu: &'static str, mode: &'static str| vec![("cpu", cpu), ("mode", mode)];
    let mut rows = Vec::new();
    rows.extend(counter(
        "node_cpu_seconds_total",
        &cpu("0", "idle"),
        &res,
        60,
        &[0., 30., 60., 90., 120., 150.],
    ));
    // Restart to 0 in the middle: 30 + 30 + 0 + 30 + 30 = 120 s of user time.
    rows.extend(counter(
        "node_cpu_seconds_total",
        &cpu("0", "user"),
        &res,
        60,
        &[1000., 1030., 1060., 0., 30., 60.],
    ));
    rows.extend(counter(
        "node_cpu_seconds_total",
        &cpu("0", "system"),
        &res,
        60,
        &[0., 6., 12., 18., 24., 30.],
    ));
    rows.extend(counter(
        "node_cpu_seconds_total",
        &cpu("1", "idle"),
        &res,
        60,
        &[0., 54., 108., 162., 216., 270.],
    ));
    rows.extend(counter(
        "node_cpu_seconds_total",
        &cpu("1", "user"),
        &res,
        60,
        &[0., 6., 12., 18., 24., 30.],
    ));
    rows.extend(counter(
        "node_network_receive_bytes_total",
        &[("device", "eth0")],
        &res,
        60,
        &[0., 6e4, 12e4, 18e4, 24e4, 30e4],
    ));
    rows.extend(counter(
        "node_network_receive_bytes_total",
        &[("device", "lo")],
        &res,
        60,
        &[0., 6e5, 12e5, 18e5, 24e5, 30e5],
    ));
    rows.extend(counter(
        "node_network_receive_bytes_total",
        &[("device", "veth1a2b")],
        &res,
        60,
        &[0., 1e5, 2e5, 3e5, 4e5, 5e5],
    ));
    rows.extend(counter(
        "node_pressure_cpu_waiting_seconds_total",
        &[],
        &res,
        60,
        &[0., 6., 12., 18., 24., 30.],
    ));
    // Two disks: 600 + 300 bytes/s read; errors and drops on eth0 only count once each.
    for (dev, step) in [("sda", 36_000.0), ("nvme0n1", 18_000.0)] {
        let v: Vec<f64> = (0..6).map(|i| i as f64 * step).collect();
        rows.extend(counter(
            "node_disk_read_bytes_total",
            &[("device", dev)],
            &res,
            60,
            &v,
        ));
    }
    rows.extend(counter(
        "node_network_receive_errs_total",
        &[("device", "eth0")],
        &res,
        60,
        &[0., 6., 12., 18., 24., 30.],
    ));
    rows.extend(counter(
        "node_network_transmit_drop_total",
        &[("device", "eth0")],
        &res,
        60,
        &[5., 11., 17., 23., 29., 35.],
    ));
    rows.extend(counter(
        "node_network_transmit_drop_total",
        &[("device", "lo")],
        &res,
        60,
        &[0., 60., 120., 180., 240., 300.],
    ));
    insert(&client, "otel_metrics_sum", &rows).await;
    let g = vec![
        gauge(
            "node_hwmon_temp_celsius",
            &[("chip", "coretemp"), ("sensor", "temp1")],
            &res,
            NOW_S - 30,
            61.0,
        ),
        gauge(
            "node_hwmon_temp_celsius",
            &[("chip", "coretemp"), ("sensor", "temp2")],
            &res,
            NOW_S - 30,
            74.5,
        ),
        gauge("node_netstat_Tcp_CurrEstab", &[], &res, NOW_S - 30, 123.0),
        gauge("node_sockstat_TCP_tw", &[], &res, NOW_S - 30, 45.0),
        gauge("node_memory_MemTotal_bytes", &[], &res, NOW_S - 30, 8e9),
        gauge("node_memory_MemAvailable_bytes", &[], &res, NOW_S - 30, 2e9),
        gauge(
            "node_filesystem_size_bytes",
            &[("mountpoint", "/"), ("device", "sda1")],
            &res,
            NOW_S - 30,
            100e9,
        ),
        gauge(
            "node_filesystem_avail_bytes",
            &[("mountpoint", "/"), ("device", "sda1")],
            &res,
            NOW_S - 30,
            25e9,
        ),
        gauge(
            "node_filesystem_size_bytes",
            &[("mountpoint", "/boot"), ("device", "sda2")],
            &res,
            NOW_S - 30,
            1e9,
        ),
        gauge("node_load1", &[], &res, START_S + 10, 0.5),
        gauge("node_load1", &[], &res, NOW_S - 10, 1.5),
    ];
    insert(&client, "otel_metrics_gauge", &g).await;

    let r = reader(port, &db);
    r.set_node_aliases(HashMap::from([(
        "10.0.0.5".to_string(),
        "worker-1".to_string(),
    )]));
    let t = r.collect_at(now()).await.unwrap();
    assert!(source_ok(&t, part::NODES), "{:?}", t.sources);
    assert_eq!(t.nodes.len(), 1);
    let n = &t.nodes[0];
    assert_eq!(n.node, "worker-1");
    // Rates: idle 0.5 + 0.9, user 0.4 + 0.1, system 0.1 → busy 1 − 1.4/2.0.
    assert_close!(n.cpu_usage, 0.3);
    assert_eq!(n.cores, 2);
    assert_close!(n.net_rx_bytes_per_sec, 1000.0);
    assert_close!(n.psi_cpu_some, 0.1);
    assert_close!(n.load1, 1.5);
    assert_close!(n.memory_usage(), 0.75);
    assert_eq!(n.disk_total_bytes, 100_000_000_000);
    assert_close!(n.disk_usage(), 0.75);
    assert_close!(n.disk_read_bytes_per_sec, 900.0);
    assert_close!(n.net_errors_per_sec, 0.2);
    assert_eq!(n.temperature_c, Some(74.5));
    assert_eq!((n.tcp_established, n.tcp_time_wait), (123, 45));
    let series = &t.series.nodes[0];
    assert_eq!(series.node, "worker-1");
    assert_close!(series.points[0].cpu_usage, 0.3);
}

/// `[trace, span, parent]` ids.
fn span(
    [trace, id, parent]: [&str; 3],
    service: &str,
    kind: &str,
    start_ms: i64,
    dur_ms: u64,
    error: bool,
) -> SpanRow {
    SpanRow {
        timestamp: START_S * 1_000_000_000 + start_ms * 1_000_000,
        trace_id: trace.into(),
        span_id: id.into(),
        parent_span_id: parent.into(),
        span_name: if kind == "SPAN_KIND_SERVER" {
            format!("GET /{service}")
        } else {
            "call".into()
        },
        span_kind: kind.into(),
        service_name: service.into(),
        resource_attributes: kv(&[("k8s.namespace.name", "shop")]),
        duration: dur_ms * 1_000_000,
        status_code: if error {
            "STATUS_CODE_ERROR"
        } else {
            "STATUS_CODE_UNSET"
        }
        .into(),
    }
}

#[tokio::test]
async fn apm_services_edges_self_time_and_logs() {
    let port = require_front!();
    let (db, client) = database(port, "apm").await;
    let mut spans = Vec::new();
    for i in 0..10 {
        let trace = format!("trace{i}");
        let t0 = 60_000 + i * 10_000;
        // frontend 100 ms, of which it waits 40 ms on a client call; backend answers in 30 ms.
        spans.push(span(
            [&trace, "f", ""],
            "frontend",
            "SPAN_KIND_SERVER",
            t0,
            100,
            i == 0,
        ));
        spans.push(span(
            [&trace, "c", "f"],
            "frontend",
            "SPAN_KIND_CLIENT",
            t0 + 10,
            40,
            false,
        ));
        spans.push(span(
            [&trace, "b", "c"],
            "backend",
            "SPAN_KIND_SERVER",
            t0 + 15,
            30,
            i < 2,
        ));
    }
    insert(&client, "otel_traces", &spans).await;
    let log = |sev_text: &str, sev: u8, body: &str| LogRow {
        timestamp: ns(START_S + 100),
        service_name: "frontend".into(),
        severity_text: sev_text.into(),
        severity_number: sev,
        body: body.into(),
        resource_attributes: kv(&[("k8s.namespace.name", "shop")]),
    };
    let logs = vec![
        log("INFO", 9, "GET /cart 200"),
        log("INFO", 9, "GET /cart 200"),
        log("INFO", 10, "GET /cart 200"),
        log(
            "ERROR",
            17,
            "payment 4711 failed for 10.0.0.7:8080 order 3f2a9c1e-0b1d-4c2e-9f3a-1b2c3d4e5f60",
        ),
        log(
            "ERROR",
            17,
            "payment 99 failed for 10.0.0.9:8080 order 0a1b2c3d-0b1d-4c2e-9f3a-1b2c3d4e5f61",
        ),
        log("ERROR", 17, "cache miss ratio 0.93 above 0.9 (deadbeef42)"),
        log("WARNING", 0, "slow query took 1200 ms"),
    ];
    insert(&client, "otel_logs", &logs).await;

    let t = reader(port, &db).collect_at(now()).await.unwrap();
    assert!(source_ok(&t, part::APM), "{:?}", t.sources);
    let fe = t.apm.iter().find(|s| s.service == "frontend").unwrap();
    let be = t.apm.iter().find(|s| s.service == "backend").unwrap();
    assert_eq!(fe.namespace.as_deref(), Some("shop"));
    assert_close!(fe.rps, 10.0 / 300.0);
    assert_close!(fe.error_ratio, 0.1);
    assert_close!(fe.p50_ms, 100.0);
    assert_close!(fe.p99_ms, 100.0);
    // Own time per request: 100 − 40 in the server span + 40 − 30 of network in the client span.
    assert_close!(fe.self_time_ms, 70.0);
    assert_close!(fe.self_time_ratio, 0.7);
    assert_close!(be.self_time_ms, 30.0);
    assert_close!(be.self_time_ratio, 1.0);
    assert_close!(be.error_ratio, 0.2);
    assert_eq!(fe.top_operations[0].name, "GET /frontend");
    assert_close!(fe.top_operations[0].rps, 10.0 / 300.0);
    assert_eq!(t.apm_edges.len(), 1);
    let e = &t.apm_edges[0];
    assert_eq!(
        (e.caller.as_str(), e.callee.as_str()),
        ("frontend", "backend")
    );
    assert_close!(e.rps, 10.0 / 300.0);
    assert_close!(e.error_ratio, 0.2);
    assert_close!(e.p99_ms, 30.0);
    // Spans at 00:06:00–00:07:30: minute 00:06 has 6 requests, 00:07 has 4.
    let series = t
        .series
        .apm
        .iter()
        .find(|s| s.service == "frontend")
        .unwrap();
    let rps: Vec<f64> = series.points.iter().map(|p| p.rps).collect();
    assert_eq!(rps, vec![6.0 / 60.0, 4.0 / 60.0]);

    assert!(source_ok(&t, part::LOGS), "{:?}", t.sources);
    let l = t.logs.iter().find(|l| l.service == "frontend").unwrap();
    assert_eq!((l.debug, l.info, l.warn, l.error), (0, 3, 1, 3));
    // 7 lines over 10 requests.
    assert_eq!(l.lines_per_request, Some(0.7));
    // Warning and error lines become templates with their variables masked; info lines do not.
    let templates: Vec<(&str, &str, u64)> = l
        .templates
        .iter()
        .map(|t| (t.template.as_str(), t.severity.as_str(), t.count))
        .collect();
    assert_eq!(
        templates,
        vec![
            ("payment <*> failed for <*> order <*>", "ERROR", 2),
            ("cache miss ratio <*> above <*> (<*>)", "ERROR", 1),
            ("slow query took <*> ms", "WARN", 1),
        ]
    );
    // The agent has just started: nothing is "new" yet.
    assert!(l.templates.iter().all(|t| !t.new));
}

/// Three services named `api`: in `shop` (k8s.namespace.name, which wins over the
/// service.namespace also set), in `payments` (service.namespace only) and without a namespace.
#[tokio::test]
async fn same_named_services_of_different_namespaces_stay_apart() {
    let port = require_front!();
    let (db, client) = database(port, "ns").await;
    let shop = [
        ("k8s.namespace.name", "shop"),
        ("service.namespace", "payments"),
    ];
    let payments = [("service.namespace", "payments")];
    let in_ns = |resource: &[(&str, &str)], mut row: SpanRow| {
        row.resource_attributes = kv(resource);
        row
    };
    let mut spans = Vec::new();
    for i in 0..10 {
        let trace = format!("trace{i}");
        let t0 = 60_000 + i * 10_000;
        // shop/api: 100 ms, 1 error in 10, waiting 40 ms on a call to payments/api (30 ms).
        spans.push(in_ns(
            &shop,
            span(
                [&trace, "s", ""],
                "api",
                "SPAN_KIND_SERVER",
                t0,
                100,
                i == 0,
            ),
        ));
        spans.push(in_ns(
            &shop,
            span(
                [&trace, "c", "s"],
                "api",
                "SPAN_KIND_CLIENT",
                t0 + 10,
                40,
                false,
            ),
        ));
        spans.push(in_ns(
            &payments,
            span(
                [&trace, "p", "c"],
                "api",
                "SPAN_KIND_SERVER",
                t0 + 15,
                30,
                i < 4,
            ),
        ));
        // payments/api also serves 10 requests of its own, 6 of them failing.
        let own = format!("own{i}");
        spans.push(in_ns(
            &payments,
            span(
                [&own, "p", ""],
                "api",
                "SPAN_KIND_SERVER",
                t0 + 5_000,
                30,
                i < 6,
            ),
        ));
    }
    for i in 0..5 {
        let trace = format!("bare{i}");
        spans.push(in_ns(
            &[],
            span(
                [&trace, "x", ""],
                "api",
                "SPAN_KIND_SERVER",
                200_000 + i * 1_000,
                10,
                false,
            ),
        ));
    }
    insert(&client, "otel_traces", &spans).await;
    let log = |resource: &[(&str, &str)], sev_text: &str, sev: u8, body: &str| LogRow {
        timestamp: ns(START_S + 100),
        service_name: "api".into(),
        severity_text: sev_text.into(),
        severity_number: sev,
        body: body.into(),
        resource_attributes: kv(resource),
    };
    let logs = vec![
        log(&shop, "ERROR", 17, "cart 12 not found"),
        log(&shop, "ERROR", 17, "cart 13 not found"),
        log(&shop, "INFO", 9, "GET /cart 200"),
        log(&payments, "WARN", 13, "card 4711 declined"),
        log(&payments, "INFO", 9, "charge ok"),
        log(&[], "INFO", 9, "hello"),
    ];
    insert(&client, "otel_logs", &logs).await;

    let t = reader(port, &db).collect_at(now()).await.unwrap();
    assert!(t.sources.iter().all(|s| s.ok), "{:?}", t.sources);
    let namespaces: Vec<(Option<&str>, &str)> = t
        .apm
        .iter()
        .map(|s| (s.namespace.as_deref(), s.service.as_str()))
        .collect();
    assert_eq!(
        namespaces,
        vec![
            (None, "api"),
            (Some("payments"), "api"),
            (Some("shop"), "api")
        ]
    );
    let apm = |ns: Option<&str>| t.apm.iter().find(|s| s.namespace.as_deref() == ns).unwrap();
    let (bare, pay, shop) = (apm(None), apm(Some("payments")), apm(Some("shop")));
    assert_close!(shop.rps, 10.0 / 300.0);
    assert_close!(shop.error_ratio, 0.1);
    assert_close!(shop.p99_ms, 100.0);
    // 100 − 40 in the server span + 40 − 30 of network in the client span.
    assert_close!(shop.self_time_ms, 70.0);
    assert_close!(pay.rps, 20.0 / 300.0);
    assert_close!(pay.error_ratio, 0.5);
    assert_close!(pay.p99_ms, 30.0);
    assert_close!(pay.self_time_ms, 30.0);
    assert_close!(bare.rps, 5.0 / 300.0);
    assert_close!(bare.error_ratio, 0.0);
    assert_close!(pay.top_operations[0].rps, 20.0 / 300.0);
    assert_close!(shop.top_operations[0].rps, 10.0 / 300.0);
    assert_close!(shop.top_operations[0].error_ratio, 0.1);

    // The call between the two namespaces is an edge although both ends are named api.
    assert_eq!(t.apm_edges.len(), 1, "{:?}", t.apm_edges);
    let e = &t.apm_edges[0];
    assert_eq!(
        (
            e.caller_namespace.as_deref(),
            e.caller.as_str(),
            e.callee_namespace.as_deref(),
            e.callee.as_str()
        ),
        (Some("shop"), "api", Some("payments"), "api")
    );
    assert_close!(e.rps, 10.0 / 300.0);
    assert_close!(e.error_ratio, 0.4);

    // Minutes 00:06 and 00:07: shop 6 + 4 requests, payments 12 + 8; the bare api 5 in 00:08.
    let series: Vec<(Option<&str>, Vec<f64>)> = t
        .series
        .apm
        .iter()
        .map(|s| {
            let rps = s.points.iter().map(|p| p.rps * 60.0).collect();
            (s.namespace.as_deref(), rps)
        })
        .collect();
    assert_eq!(
        series,
        vec![
            (None, vec![5.0]),
            (Some("payments"), vec![12.0, 8.0]),
            (Some("shop"), vec![6.0, 4.0])
        ]
    );

    let logs = |ns: Option<&str>| {
        t.logs
            .iter()
            .find(|l| l.namespace.as_deref() == ns)
            .unwrap()
    };
    assert_eq!(t.logs.len(), 3);
    let (shop, pay, bare) = (logs(Some("shop")), logs(Some("payments")), logs(None));
    assert_eq!((shop.info, shop.warn, shop.error), (1, 0, 2));
    assert_eq!((pay.info, pay.warn, pay.error), (1, 1, 0));
    assert_eq!((bare.info, bare.warn, bare.error), (1, 0, 0));
    // Lines per request of each namespace's own requests: 3 / 10, 2 / 20, 1 / 5.
    assert_eq!(shop.lines_per_request, Some(0.3));
    assert_eq!(pay.lines_per_request, Some(0.1));
    assert_eq!(bare.lines_per_request, Some(0.2));
    let templates = |l: &atl_core::telemetry::LogStats| -> Vec<String> {
        l.templates.iter().map(|t| t.template.clone()).collect()
    };
    assert_eq!(templates(shop), vec!["cart <*> not found"]);
    assert_eq!(templates(pay), vec!["card <*> declined"]);
}

#[tokio::test]
async fn a_missing_table_degrades_only_its_part() {
    let port = require_front!();
    let (db, client) = database(port, "missing").await;
    client
        .query("DROP TABLE otel_logs")
        .execute()
        .await
        .unwrap();
    client
        .query("DROP TABLE otel_metrics_histogram")
        .execute()
        .await
        .unwrap();
    let rows = counter(
        "node_cpu_seconds_total",
        &[("cpu", "0"), ("mode", "idle")],
        &[("k8s.node.name", "worker-2")],
        60,
        &[0., 30., 60.],
    );
    insert(&client, "otel_metrics_sum", &rows).await;

    let t = reader(port, &db).collect_at(now()).await.unwrap();
    let logs = t.sources.iter().find(|s| s.source == part::LOGS).unwrap();
    assert!(!logs.ok);
    let err = logs.error.as_deref().unwrap();
    assert!(
        err.contains("otel_logs") && err.contains("Code: 60"),
        "{err}"
    );
    // Traefik and Linkerd read the histogram table too.
    assert!(!source_ok(&t, part::INGRESS));
    assert!(!source_ok(&t, part::MESH));
    assert!(source_ok(&t, part::NODES));
    assert!(source_ok(&t, part::APM));
    assert_eq!(t.nodes[0].node, "worker-2");
    assert_eq!(t.series.nodes.len(), 1);
}

#[tokio::test]
async fn clickhouse_away_or_silent_degrades_every_part_within_the_timeout() {
    // A port that refuses connections.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    // Through the agent's hook: the snapshot still gets a telemetry part saying what is missing.
    let source: Arc<dyn TelemetrySource> =
        clickhouse_source(&format!("http://127.0.0.1:{closed_port}"), "otel").unwrap();
    let t = source.telemetry().await.unwrap();
    assert_eq!(t.sources.len(), 5);
    assert!(
        t.sources.iter().all(|s| !s.ok && s.error.is_some()),
        "{:?}",
        t.sources
    );
    // https endpoints are supported (TLS built in): the failure is the refused connection.
    let t = reader_url(&format!("https://127.0.0.1:{closed_port}"), "otel")
        .collect_at(now())
        .await
        .unwrap();
    let err = t.sources[0].error.as_deref().unwrap();
    assert!(
        !t.sources[0].ok && !err.contains("scheme is not http"),
        "{err}"
    );

    // A server that accepts and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    let hold = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((sock, _)) = silent.accept().await {
            held.push(sock);
        }
    });
    let mut cfg = ClickHouseConfig::new(format!("http://127.0.0.1:{silent_port}"));
    cfg.query_timeout = Duration::from_millis(300);
    let started = std::time::Instant::now();
    let t = ClickHouseTelemetry::new(cfg)
        .unwrap()
        .collect_at(now())
        .await
        .unwrap();
    let elapsed = started.elapsed();
    hold.abort();
    assert!(t.sources.iter().all(|s| !s.ok), "{:?}", t.sources);
    assert!(
        t.sources[0]
            .error
            .as_deref()
            .unwrap()
            .contains("did not answer")
    );
    // All five parts in parallel: one timeout, never an unbounded wait.
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[test]
fn bad_configuration_is_refused_with_a_clear_message() {
    let err = ClickHouseTelemetry::new(ClickHouseConfig::new("clickhouse:9000")).unwrap_err();
    assert!(err.to_string().contains("http://"));
    let mut cfg = ClickHouseConfig::new("http://127.0.0.1:8123");
    cfg.database = "otel; DROP".into();
    assert!(ClickHouseTelemetry::new(cfg).is_err());
}

/// rotel-agent from the venv, if installed.
fn rotel_binary() -> Option<PathBuf> {
    let lib = venv().join("lib");
    std::fs::read_dir(lib)
        .ok()?
        .flatten()
        .map(|python| python.path().join("site-packages/rotel/rotel-agent"))
        .find(|p| p.exists())
}

/// POSTs OTLP/HTTP JSON; retries while the collector is still starting.
async fn post_otlp(port: u16, path: &str, body: &serde_json::Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let body = body.to_string();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    for _ in 0..100 {
        if let Ok(mut sock) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await {
            sock.write_all(request.as_bytes()).await.unwrap();
            let mut response = String::new();
            sock.read_to_string(&mut response).await.unwrap();
            assert!(response.starts_with("HTTP/1.1 200"), "{response}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("rotel did not listen on {port}");
}

fn attr(key: &str, value: &str) -> serde_json::Value {
    serde_json::json!({"key": key, "value": {"stringValue": value}})
}

fn otlp_span(
    [trace, id, parent]: [&str; 3],
    name: &str,
    kind: u8,
    start_ms: i64,
    dur_ms: i64,
    error: bool,
) -> serde_json::Value {
    let start = START_S * 1_000_000_000 + start_ms * 1_000_000;
    serde_json::json!({
        "traceId": trace, "spanId": id, "parentSpanId": parent, "name": name, "kind": kind,
        "startTimeUnixNano": start.to_string(),
        "endTimeUnixNano": (start + dur_ms * 1_000_000).to_string(),
        "status": {"code": if error { 2 } else { 0 }}
    })
}

#[tokio::test]
async fn rows_written_by_a_real_collector_are_read() {
    let port = require_front!();
    let Some(rotel) = rotel_binary() else {
        eprintln!("skipped: rotel-agent not found in the chdb venv, run tools/chdb_front/setup.sh");
        return;
    };
    let (db, client) = database(port, "rotel").await;
    let dir = tempfile::tempdir().unwrap();
    let (http, grpc) = (free_port(), free_port());
    let _rotel = KillOnDrop(
        Command::new(rotel)
            .args([
                "start",
                "--otlp-http-endpoint",
                &format!("127.0.0.1:{http}"),
            ])
            .args(["--otlp-grpc-endpoint", &format!("127.0.0.1:{grpc}")])
            .arg("--pid-file")
            .arg(dir.path().join("rotel.pid"))
            .args(["--exporter", "clickhouse", "--batch-timeout", "50ms"])
            .args([
                "--clickhouse-exporter-endpoint",
                &format!("http://127.0.0.1:{port}"),
            ])
            .args(["--clickhouse-exporter-database", &db])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );

    // Four checkout requests (one failing); each calls payments through a client span.
    let mut checkout = Vec::new();
    let mut payments = Vec::new();
    for i in 0..4 {
        let trace = format!("{i:032x}");
        let (server, client_span, callee) = (
            format!("a{i:015x}"),
            format!("b{i:015x}"),
            format!("c{i:015x}"),
        );
        let t0 = 60_000 + i * 20_000;
        checkout.push(otlp_span(
            [&trace, &server, ""],
            "POST /checkout",
            2,
            t0,
            80,
            i == 0,
        ));
        checkout.push(otlp_span(
            [&trace, &client_span, &server],
            "pay",
            3,
            t0 + 10,
            50,
            false,
        ));
        payments.push(otlp_span(
            [&trace, &callee, &client_span],
            "POST /pay",
            2,
            t0 + 12,
            40,
            false,
        ));
    }
    let resource = |svc: &str| serde_json::json!({"attributes": [attr("service.name", svc), attr("k8s.namespace.name", "shop")]});
    post_otlp(
        http,
        "/v1/traces",
        &serde_json::json!({"resourceSpans": [
            {"resource": resource("checkout"), "scopeSpans": [{"spans": checkout}]},
            {"resource": resource("payments"), "scopeSpans": [{"spans": payments}]}
        ]}),
    )
    .await;

    // Traefik counter 0 → 30 → 60 over the window: 60 requests, 0.2 per second.
    let points: Vec<serde_json::Value> = [(0, 0.0), (150, 30.0), (300, 60.0)]
        .iter()
        .map(|(dt, v)| {
            let t = ((START_S + dt) * 1_000_000_000).to_string();
            serde_json::json!({"attributes": [attr("service", "shop-web-80@kubernetes"), attr("code", "200"), attr("method", "GET")],
                "startTimeUnixNano": (START_S * 1_000_000_000).to_string(), "timeUnixNano": t, "asDouble": v})
        })
        .collect();
    post_otlp(
        http,
        "/v1/metrics",
        &serde_json::json!({"resourceMetrics": [{"resource": resource("traefik"),
        "scopeMetrics": [{"metrics": [{"name": "traefik_service_requests_total",
            "sum": {"aggregationTemporality": 2, "isMonotonic": true, "dataPoints": points}}]}]}]}),
    )
    .await;

    let log = |sev: u8, text: &str| {
        serde_json::json!({"timeUnixNano": ((START_S + 90) * 1_000_000_000).to_string(),
        "severityNumber": sev, "severityText": text, "body": {"stringValue": "payment declined"}})
    };
    post_otlp(
        http,
        "/v1/logs",
        &serde_json::json!({"resourceLogs": [{"resource": resource("checkout"),
        "scopeLogs": [{"logRecords": [log(17, "ERROR"), log(17, "ERROR")]}]}]}),
    )
    .await;

    // The collector batches and exports asynchronously: wait for its rows.
    let expect = [
        ("otel_traces", 12u64),
        ("otel_metrics_sum", 3),
        ("otel_logs", 2),
    ];
    for _ in 0..200 {
        let mut done = true;
        for (table, n) in expect {
            let got: u64 = client
                .query(&format!("SELECT count() FROM {table}"))
                .fetch_one()
                .await
                .unwrap();
            done &= got >= n;
        }
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let t = reader(port, &db).collect_at(now()).await.unwrap();
    assert!(t.sources.iter().all(|s| s.ok), "{:?}", t.sources);
    let co = t
        .apm
        .iter()
        .find(|s| s.service == "checkout")
        .expect("checkout spans read");
    assert_close!(co.rps, 4.0 / 300.0);
    assert_close!(co.error_ratio, 0.25);
    assert_close!(co.p50_ms, 80.0);
    // 80 − 50 in the server span, 50 − 40 in the client span.
    assert_close!(co.self_time_ms, 40.0);
    let edge = &t.apm_edges[0];
    assert_eq!(
        (edge.caller.as_str(), edge.callee.as_str()),
        ("checkout", "payments")
    );
    assert_close!(edge.rps, 4.0 / 300.0);
    let ing = &t.ingress[0];
    assert_eq!(ing.total_requests, 60);
    assert_close!(ing.rps, 0.2);
    let logs = t.logs.iter().find(|l| l.service == "checkout").unwrap();
    assert_eq!(logs.error, 2);
    assert_eq!(logs.lines_per_request, Some(0.5));
}

#[derive(Row, Serialize, serde::Deserialize, Debug, PartialEq)]
#[serde(rename_all = "PascalCase")]
struct TraceIdTs {
    trace_id: String,
    start: u32,
    end: u32,
}

#[tokio::test]
async fn chdb_front_speaks_the_clickhouse_http_interface() {
    let port = require_front!();
    let (db, _) = database(port, "front").await;
    // The crate's default mode: DESCRIBE TABLE, then an LZ4-compressed
    // RowBinaryWithNamesAndTypes insert checked against the schema.
    let validated = Client::default()
        .with_url(format!("http://127.0.0.1:{port}"))
        .with_database(&db);
    let row = TraceIdTs {
        trace_id: "abc".into(),
        start: 1_767_225_900,
        end: 1_767_225_901,
    };
    let mut ins = validated
        .insert::<TraceIdTs>("otel_traces_trace_id_ts")
        .await
        .unwrap();
    ins.write(&row).await.unwrap();
    ins.end().await.unwrap();
    let back: Vec<TraceIdTs> = validated
        .query("SELECT TraceId, toUInt32(Start) AS Start, toUInt32(End) AS End FROM otel_traces_trace_id_ts")
        .fetch_all()
        .await
        .unwrap();
    assert_eq!(back, vec![row]);

    // Settings apply to their query only.
    let one: u64 = validated
        .query("SELECT toUInt64(getSetting('max_threads'))")
        .with_setting("max_threads", "1")
        .fetch_one()
        .await
        .unwrap();
    let default: u64 = validated
        .query("SELECT toUInt64(getSetting('max_threads'))")
        .fetch_one()
        .await
        .unwrap();
    assert_eq!(one, 1);
    assert_ne!(default, 1);
    // The database of one query does not leak into the next.
    let admin = Client::default().with_url(format!("http://127.0.0.1:{port}"));
    let current: String = admin
        .query("SELECT currentDatabase()")
        .fetch_one()
        .await
        .unwrap();
    assert_eq!(current, "default");

    // Server-side parameters travel as multipart/form-data.
    let sum: u64 = validated
        .query("SELECT toUInt64({x:UInt32} + 1)")
        .param("x", 41)
        .fetch_one()
        .await
        .unwrap();
    assert_eq!(sum, 42);

    // Errors come back as ClickHouse exceptions.
    let err = validated
        .query("SELECT nosuchcolumn FROM otel_logs")
        .fetch_all::<u64>()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Code: 47"), "{err}");
}

#[tokio::test]
async fn telemetry_returns_once_clickhouse_comes_back() {
    if chdb::shared().is_none() {
        eprintln!("{}", chdb::SKIPPED);
        return;
    }
    let port = free_port();
    let reader = reader(port, "otel");
    let t = reader.collect_at(now()).await.unwrap();
    assert!(t.sources.iter().all(|s| !s.ok));

    // ClickHouse appears on that port (a second front with the exporter tables).
    let python = chdb::python().unwrap();
    let opts = FrontOptions {
        port,
        init_schema: true,
        ..FrontOptions::default()
    };
    let second = Front::start(&python, opts);
    assert_eq!(second.port, port);

    // The very next collection is complete: no reconnect state to wait for.
    let t = reader.collect_at(now()).await.unwrap();
    assert!(t.sources.iter().all(|s| s.ok), "{:?}", t.sources);
}

#[tokio::test]
async fn a_complete_result_is_reused_for_the_minimum_interval_only() {
    let port = require_front!();
    let (db, client) = database(port, "reuse").await;
    let one =
        |id: &str, at_ms: i64| span([id, id, ""], "cart", "SPAN_KIND_SERVER", at_ms, 10, false);
    insert(&client, "otel_traces", &[one("t1", 200_000)]).await;
    let r = reader(port, &db);
    let at = |s: i64| Timestamp::from_timestamp(NOW_S + s, 0).unwrap();
    let first = r.collect_at(at(0)).await.unwrap();
    assert_close!(first.apm[0].rps, 1.0 / 300.0);

    insert(&client, "otel_traces", &[one("t2", 250_000)]).await;
    // 10 s later (the next snapshot) the complete result is reused: no query, same numbers.
    let again = r.collect_at(at(10)).await.unwrap();
    assert_eq!(again, first);
    // After the 30 s minimum interval ClickHouse is asked again and sees the new span.
    let fresh = r.collect_at(at(30)).await.unwrap();
    assert_close!(fresh.apm[0].rps, 2.0 / 300.0);
}
