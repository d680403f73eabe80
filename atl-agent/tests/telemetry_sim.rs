//! The agent's real ClickHouse telemetry queries on rows that atl-sim's telemetry writer put into
//! a real ClickHouse engine (chdb behind `tools/chdb_front/chdb_front.py`): a scenario with a
//! raised error rate on one service, and the numbers the agent reads compared with the
//! simulator's own model. Two namespaces (`shop`, `payments`) hold services of the same names;
//! only `shop/catalog` fails, so anything merged by name shows.
#![allow(clippy::unwrap_used)]

use atl_agent::telemetry::{ClickHouseConfig, ClickHouseTelemetry};
use atl_core::Timestamp;
use atl_sim::otel::{OtelConfig, OtelSampler, OtelWriter, Topology};
use atl_sim::{FaultKind, FaultSpec, Scenario, SimCluster, TelemetryModel};
use clickhouse::Client;
use std::time::Duration;

mod support;
use support::chdb;

const TRACE_RATIO: f64 = 0.05;

fn scenario() -> Scenario {
    let mut s = Scenario::builtin("steady").unwrap();
    s.start_time = Some("2026-03-01T12:00:00Z".into());
    s.namespaces = 2;
    s.deployments_per_namespace = 6;
    s.warmup_seconds = 600;
    s.faults = vec![
        FaultSpec {
            at: 0,
            duration: None,
            fault: FaultKind::ErrorRate,
            target: "shop/catalog".into(),
            value: Some(0.3),
        },
        FaultSpec {
            at: 0,
            duration: None,
            fault: FaultKind::Latency,
            target: "shop/cart".into(),
            value: Some(4.0),
        },
    ];
    s
}

struct Simulated {
    model: TelemetryModel,
    topology: Topology,
    now_ms: i64,
}

/// Six simulated minutes of the scenario written into `db` through the writer.
async fn simulate_into(url: &str, db: &str) -> Simulated {
    let (batches, sim) = tokio::task::spawn_blocking(|| {
        let cluster = SimCluster::from_scenario(&scenario()).unwrap();
        let mut sampler = OtelSampler::new(OtelConfig {
            trace_sample_ratio: TRACE_RATIO,
            ..OtelConfig::default()
        });
        let batches: Vec<_> = (0..24)
            .map(|_| sampler.advance(&cluster, Duration::from_secs(15)))
            .collect();
        let sim = Simulated {
            model: cluster.telemetry(),
            topology: cluster.read(Topology::of),
            now_ms: cluster.read(|s| s.now_ms),
        };
        (batches, sim)
    })
    .await
    .unwrap();
    let mut w = OtelWriter::new(url, db).unwrap();
    for b in &batches {
        w.push(b);
    }
    let written = w.flush().await.unwrap();
    assert_eq!(written, batches.iter().map(|b| b.len()).sum::<usize>());
    sim
}

fn within(actual: f64, expected: f64, rel: f64) -> bool {
    (actual - expected).abs() <= rel * expected.abs().max(1e-9)
}

macro_rules! assert_within {
    ($a:expr, $e:expr, $rel:expr) => {
        assert!(
            within($a, $e, $rel),
            "{} = {}, expected {} ± {}%",
            stringify!($a),
            $a,
            $e,
            $rel * 100.0
        )
    };
}

#[tokio::test]
async fn agent_queries_read_what_the_simulator_wrote() {
    let Some(port) = chdb::shared() else {
        eprintln!("{}", chdb::SKIPPED);
        return;
    };
    let url = format!("http://127.0.0.1:{port}");
    let db = format!("sim_{}", std::process::id());
    let sim = simulate_into(&url, &db).await;
    let svc = |name: &str| sim.model.services[&format!("shop/{name}")].clone();

    let mut cfg = ClickHouseConfig::new(&url);
    cfg.database = db.clone();
    let reader = ClickHouseTelemetry::new(cfg).unwrap();
    reader.set_kubernetes_services(
        sim.topology
            .services
            .values()
            .map(|s| (s.namespace.clone(), s.name.clone()))
            .collect(),
    );
    let now = Timestamp::from_timestamp_millis(sim.now_ms).unwrap();
    let t = reader.collect_at(now).await.unwrap();
    assert!(t.sources.iter().all(|s| s.ok), "{:?}", t.sources);

    // node_exporter: every node, its CPU use as the model has it, its memory and cores.
    assert_eq!(t.nodes.len(), sim.model.nodes.len());
    for n in &t.nodes {
        let m = &sim.model.nodes[&n.node];
        let util = m.cpu_millis as f64 / m.cpu_capacity_millis as f64;
        assert!(
            (n.cpu_usage - util).abs() < 0.03,
            "{}: {} vs {util}",
            n.node,
            n.cpu_usage
        );
        assert_eq!(n.memory_total_bytes, m.memory_capacity_bytes);
        assert_eq!(n.cores as u64, m.cpu_capacity_millis.div_ceil(1000));
        assert!(n.net_rx_bytes_per_sec > 0.0 && n.disk_total_bytes > 0);
    }

    // Traefik: the frontend's ingress traffic, mapped back to its Kubernetes service.
    let ing = t
        .ingress
        .iter()
        .find(|s| s.service == "shop-frontend-80@kubernetes")
        .expect("ingress SLI of the frontend");
    assert_eq!(ing.namespace.as_deref(), Some("shop"));
    assert_eq!(ing.backend.as_deref(), Some("frontend"));
    assert_within!(ing.rps, svc("frontend").base_rps, 0.02);
    assert_eq!(ing.error_requests, 0);
    assert!(ing.latency.p50_ms > 0.0);

    // Linkerd: every meshed workload at its model rate; the error rate only on the catalog.
    for (key, info) in sim.topology.services.iter().filter(|(_, s)| s.meshed) {
        let m = &sim.model.services[key];
        let sli = t
            .mesh
            .iter()
            .find(|s| s.namespace == info.namespace && s.workload == info.name)
            .unwrap_or_else(|| panic!("mesh SLI of {key}"));
        assert_within!(sli.rps, m.base_rps, 0.02);
        let expected_success = 1.0 - m.error_rate;
        assert!(
            (sli.success_ratio - expected_success).abs() < 0.01,
            "{key}: success {} vs {expected_success}",
            sli.success_ratio
        );
        assert!(sli.mtls_ratio > 0.99);
        // The median from Linkerd's buckets is the model's (interpolation inside a bucket).
        let median = m.base_latency_ms * m.latency_factor;
        assert_within!(sli.latency.p50_ms, median, 0.25);
    }
    // The latency fault shows on the cart only.
    let cart = svc("cart");
    assert!((cart.latency_factor - 4.0).abs() < 1e-9);
    let cart_p50 = |t: &atl_core::telemetry::Telemetry| {
        t.mesh
            .iter()
            .find(|s| s.namespace == "shop" && s.workload == "cart")
            .unwrap()
            .latency
            .p50_ms
    };
    assert!(
        cart_p50(&t) > 3.0 * cart.base_latency_ms,
        "{}",
        cart_p50(&t)
    );
    let catalog = svc("catalog");
    assert!((catalog.error_rate - 0.3).abs() < 1e-9);
    let edge = |src: &str, dst: &str| {
        t.mesh_edges
            .iter()
            .find(|e| e.src_namespace == "shop" && e.src_workload == src && e.dst_workload == dst)
            .unwrap_or_else(|| panic!("mesh edge {src} → {dst}: {:?}", t.mesh_edges))
            .clone()
    };
    let e = edge("api", "catalog");
    assert_within!(e.rps, catalog.base_rps, 0.02);
    assert!((e.success_ratio - 0.7).abs() < 0.01, "{}", e.success_ratio);
    // The cart has two callers (api and checkout): each sends half its traffic.
    assert_within!(edge("checkout", "cart").rps, cart.base_rps / 2.0, 0.03);
    assert!(edge("api", "cart").success_ratio > 0.999);

    // Traces: every traced service apart from its namespace's twin, at its model rate and error
    // share; only shop/catalog fails.
    for (key, info) in sim.topology.services.iter().filter(|(_, s)| s.meshed) {
        let m = &sim.model.services[key];
        let ap = t
            .apm
            .iter()
            .find(|s| s.namespace.as_deref() == Some(&info.namespace) && s.service == info.name)
            .unwrap_or_else(|| panic!("APM of {key}"));
        assert_within!(ap.rps, m.base_rps * TRACE_RATIO, 0.05);
        assert!(
            (ap.error_ratio - m.error_rate).abs() < 0.02,
            "{key}: {} vs {}",
            ap.error_ratio,
            m.error_rate
        );
    }
    let apm = |ns: &str, name: &str| {
        t.apm
            .iter()
            .find(|s| s.namespace.as_deref() == Some(ns) && s.service == name)
            .unwrap()
            .clone()
    };
    assert!((apm("shop", "catalog").error_ratio - 0.3).abs() < 0.02);
    assert_eq!(apm("payments", "catalog").error_ratio, 0.0);
    assert_eq!(t.apm.iter().filter(|s| s.service == "catalog").count(), 2);
    // Calls stay inside their namespace.
    assert!(
        t.apm_edges
            .iter()
            .all(|e| e.caller_namespace.is_some() && e.caller_namespace == e.callee_namespace),
        "{:?}",
        t.apm_edges
    );
    let apm_edge = |ns: &str| {
        t.apm_edges
            .iter()
            .find(|e| {
                e.caller_namespace.as_deref() == Some(ns)
                    && e.caller == "api"
                    && e.callee == "catalog"
            })
            .unwrap_or_else(|| panic!("{ns}: api → catalog from parent links"))
            .clone()
    };
    let ae = apm_edge("shop");
    assert!((ae.error_ratio - 0.3).abs() < 0.03, "{}", ae.error_ratio);
    assert!(ae.rps > 0.0);
    assert_eq!(apm_edge("payments").error_ratio, 0.0);
    let catalog_series = t
        .series
        .apm
        .iter()
        .filter(|s| s.service == "catalog")
        .map(|s| s.namespace.as_deref())
        .collect::<Vec<_>>();
    assert_eq!(catalog_series, vec![Some("payments"), Some("shop")]);

    // Logs: error lines from shop's catalog only, with templates.
    let logs = |ns: &str, name: &str| {
        t.logs
            .iter()
            .find(|l| l.namespace.as_deref() == Some(ns) && l.service == name)
            .unwrap()
            .clone()
    };
    let cl = logs("shop", "catalog");
    assert!(cl.error > 0 && cl.info > 0, "{cl:?}");
    assert!(cl.templates.iter().any(|x| x.severity == "ERROR"));
    let pl = logs("payments", "catalog");
    assert!(pl.error == 0 && pl.info > 0, "{pl:?}");
    assert_eq!(logs("shop", "api").error, 0);

    // The columns are the exporter's, with its types, and the last sample is the sim's now.
    let client = Client::default().with_url(&url).with_database(&db);
    for (expr, table, expected) in [
        ("TimeUnix", "otel_metrics_sum", "DateTime64(9)"),
        (
            "Attributes",
            "otel_metrics_sum",
            "Map(LowCardinality(String), String)",
        ),
        ("IsMonotonic", "otel_metrics_sum", "Bool"),
        ("BucketCounts", "otel_metrics_histogram", "Array(UInt64)"),
        ("Duration", "otel_traces", "UInt64"),
        ("SeverityNumber", "otel_logs", "UInt8"),
    ] {
        let ty: String = client
            .query(&format!("SELECT toTypeName({expr}) FROM {table} LIMIT 1"))
            .fetch_one()
            .await
            .unwrap();
        assert_eq!(ty, expected, "{table}.{expr}");
    }
    let last_ms: i64 = client
        .query("SELECT toInt64(toUnixTimestamp64Milli(max(TimeUnix))) FROM otel_metrics_sum")
        .fetch_one()
        .await
        .unwrap();
    assert_eq!(last_ms, sim.now_ms);
}
