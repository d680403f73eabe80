#![allow(clippy::unwrap_used)]
//! `MasterSource` against a real atl-master on loopback (port 0, temp SQLite): a snapshot pushed
//! through the agent API reaches the dashboard, and an operation goes through the master to a
//! (test-driven) agent and its result comes back.

use atl_cli::client::Client;
use atl_cli::tui::master::MasterSource;
use atl_cli::tui::{DataEvent, DataSource, Effect};
use atl_core::command::{Action as Op, Outcome};
use atl_core::synth::{SynthSpec, generate};
use atl_core::telemetry::{Series, SliPoint, SliSeries, SliSource, Telemetry};
use atl_master::{Config, Master};
use serde_json::{Value, json};
use std::time::Duration;

/// Events of a source, kept in order across calls so that nothing after a match is lost.
struct Events {
    src: MasterSource,
    backlog: std::collections::VecDeque<DataEvent>,
}

impl Events {
    async fn next_matching(&mut self, mut want: impl FnMut(&DataEvent) -> bool) -> DataEvent {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        loop {
            while let Some(ev) = self.backlog.pop_front() {
                if want(&ev) {
                    return ev;
                }
            }
            self.backlog.extend(self.src.poll(chrono::Utc::now()));
            if self.backlog.is_empty() {
                assert!(
                    tokio::time::Instant::now() < deadline,
                    "timed out waiting for an event"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    }
}

/// Registers cluster `id` as the admin; its agent token.
async fn register(http: &reqwest::Client, gateway: &str, admin: &str, id: &str) -> String {
    let created: Value = http
        .post(format!("{gateway}/api/v1/clusters"))
        .bearer_auth(admin)
        .json(&json!({ "id": id }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["agent_token"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshots_and_operations_flow_through_the_master() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let master = Master::start(Config::for_test(dir.path())).await.unwrap();
    let admin = master.dev_credentials.clone().unwrap().admin_token;
    let gateway = format!("http://{}", master.gateway_addr);
    let agent_api = format!("http://{}", master.agent_addr);
    let http = reqwest::Client::new();

    let agent_token = register(&http, &gateway, &admin, "prod").await;
    let mut spec = SynthSpec::with_pods("prod", 40, 5);
    spec.taken_at = chrono::Utc::now();
    spec.crashloop_ratio = 0.25;
    let mut snap = generate(&spec);
    // One ingress SLI with a bad last minute: 990 of 1000 good, then 900 of 1000.
    let minute = |m: i64, good| SliPoint {
        minute: spec.taken_at - chrono::Duration::minutes(m),
        good,
        total: 1000,
        latency_buckets: Vec::new(),
        p95_ms: 80.0,
        p99_ms: 120.0 + m as f64,
    };
    snap.telemetry = Some(Telemetry {
        window_secs: 60,
        series: Series {
            slis: vec![SliSeries {
                source: SliSource::Ingress,
                name: "shop-frontend@kubernetes".into(),
                points: vec![minute(2, 990), minute(1, 900)],
            }],
            ..Series::default()
        },
        ..Telemetry::default()
    });
    let resp = http
        .post(format!("{agent_api}/agent/v1/snapshot"))
        .bearer_auth(&agent_token)
        .json(&snap)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());

    let client = Client::new(&gateway, Some(admin), Duration::from_secs(10)).unwrap();
    let mut src = Events {
        src: MasterSource::spawn(client, Duration::from_millis(100)),
        backlog: Default::default(),
    };
    // Without engine risk from the master, the clusters view is coloured from the snapshot.
    let ev = src
        .next_matching(|e| matches!(e, DataEvent::Clusters(c) if c.iter().any(|s| s.risk > 0.0)))
        .await;
    let DataEvent::Clusters(c) = ev else {
        unreachable!()
    };
    assert_eq!(c[0].id, "prod");
    assert_eq!(c[0].state, atl_cli::tui::model::AgentState::Online);
    let ev = src
        .next_matching(|e| matches!(e, DataEvent::Snapshot(_)))
        .await;
    let DataEvent::Snapshot(got) = ev else {
        unreachable!()
    };
    assert_eq!(got.cluster_id, "prod");
    assert_eq!(got.resources.pods.len(), 40);
    assert_eq!(got.resources.nodes.len(), snap.resources.nodes.len());
    assert_eq!(
        got.resources.deployments.len(),
        snap.resources.deployments.len()
    );
    // The master lists in its own order; every object arrives intact.
    for p in &snap.resources.pods {
        assert!(
            got.resources.pods.contains(p),
            "{} missing or changed",
            p.meta.name
        );
    }

    // SLOs come from the cluster's telemetry, fetched beside its objects.
    assert!(got.telemetry.is_some(), "telemetry not fetched");
    let ev = src
        .next_matching(|e| matches!(e, DataEvent::Slos(v) if !v.is_empty()))
        .await;
    let DataEvent::Slos(slos) = ev else {
        unreachable!()
    };
    assert_eq!(slos.len(), 1);
    assert_eq!(slos[0].name, "shop-frontend@kubernetes");
    assert_eq!(slos[0].cluster, "prod");
    assert!(
        (slos[0].availability - 0.945).abs() < 1e-9,
        "{}",
        slos[0].availability
    );
    assert_eq!(slos[0].series.len(), 2);
    assert_eq!(slos[0].p99_ms, 121.0);

    // The operation: the master queues it, the "agent" takes it and reports a result.
    let node = snap.resources.nodes[0].meta.name.clone();
    src.src.execute(Effect::Run {
        id: 7,
        cluster: "prod".into(),
        action: Op::Cordon { node: node.clone() },
    });
    let poll: Value = http
        .get(format!("{agent_api}/agent/v1/commands"))
        .bearer_auth(&agent_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cmd = &poll["command"];
    assert_eq!(cmd["action"]["action"], "cordon");
    assert_eq!(cmd["action"]["node"], node.as_str());
    let result = json!({
        "command_id": cmd["id"],
        "outcome": "failed",
        "error": "nodes \"x\" is forbidden",
        "started_at": chrono::Utc::now(),
        "duration_ms": 3,
    });
    let resp = http
        .post(format!("{agent_api}/agent/v1/result"))
        .bearer_auth(&agent_token)
        .json(&result)
        .send()
        .await
        .unwrap();
    assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
    let ev = src
        .next_matching(|e| matches!(e, DataEvent::CommandDone { .. }))
        .await;
    let DataEvent::CommandDone {
        id,
        outcome,
        message,
        ..
    } = ev
    else {
        unreachable!()
    };
    assert_eq!(id, 7);
    assert_eq!(outcome, Outcome::Failed);
    assert!(message.contains("forbidden"), "{message}");

    drop(src);
    master.shutdown().await;
}

#[tokio::test]
async fn unreachable_master_shows_reconnecting() {
    // A port nothing listens on: bind, read the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(
        &format!("http://127.0.0.1:{port}"),
        None,
        Duration::from_secs(2),
    )
    .unwrap();
    let mut src = Events {
        src: MasterSource::spawn(client, Duration::from_millis(50)),
        backlog: Default::default(),
    };
    let ev = src
        .next_matching(|e| matches!(e, DataEvent::Connection(_)))
        .await;
    assert!(
        matches!(
            ev,
            DataEvent::Connection(atl_cli::tui::model::ConnectionState::Reconnecting {
                attempt: 1,
                ..
            })
        ),
        "{ev:?}"
    );
}

/// A master on its own runtime, so the test can stop it the hard way: its sockets close at once
/// (a graceful shutdown would wait for the dashboard's open event stream).
struct Restartable {
    rt: Option<tokio::runtime::Runtime>,
    master: Option<atl_master::RunningMaster>,
}

impl Restartable {
    /// Starts a master on `data_dir`, on `port` (0: any), retrying while the port is still taken.
    fn start(data_dir: &std::path::Path, port: u16) -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let mut cfg = Config::for_test(data_dir);
        cfg.gateway_addr.set_port(port);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let master = loop {
            match rt.block_on(Master::start(cfg.clone())) {
                Ok(m) => break m,
                Err(e) => {
                    assert!(std::time::Instant::now() < deadline, "restart failed: {e}");
                    std::thread::sleep(Duration::from_millis(200));
                }
            }
        };
        Restartable {
            rt: Some(rt),
            master: Some(master),
        }
    }

    fn master(&self) -> &atl_master::RunningMaster {
        self.master.as_ref().unwrap()
    }

    fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.as_ref().unwrap().block_on(f)
    }

    fn kill(&mut self) {
        std::mem::forget(self.master.take());
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl Drop for Restartable {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Polls a source from a plain thread until an event matches (30 s at most); events after the
/// match stay in `backlog` for the next call.
fn wait_for(
    src: &mut MasterSource,
    backlog: &mut std::collections::VecDeque<DataEvent>,
    what: &str,
    mut want: impl FnMut(&DataEvent) -> bool,
) -> DataEvent {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    let mut seen = Vec::new();
    loop {
        while let Some(ev) = backlog.pop_front() {
            if want(&ev) {
                return ev;
            }
            seen.push(format!("{ev:?}").chars().take(160).collect::<String>());
        }
        backlog.extend(src.poll(chrono::Utc::now()));
        if backlog.is_empty() {
            assert!(
                std::time::Instant::now() < deadline,
                "timed out waiting for {what}; got {seen:#?}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `atl top`'s source: with the periodic round set far away, only the master's event stream can
/// bring the pushed snapshot and the engine's incident in time; with the master stopped the
/// header goes from reconnecting to offline, and it recovers when the master is back on the
/// same address.
#[test]
fn master_source_follows_the_event_stream_and_recovers_after_a_restart() {
    use atl_cli::tui::live::Backoff;
    use atl_cli::tui::master::Timing;
    use atl_cli::tui::model::ConnectionState;

    let dir = tempfile::tempdir().unwrap();
    let mut m = Restartable::start(dir.path(), 0);
    let addr = m.master().gateway_addr;
    let admin = m.master().dev_credentials.clone().unwrap().admin_token;
    let gateway = format!("http://{addr}");
    let agent_api = format!("http://{}", m.master().agent_addr);
    let http = reqwest::Client::new();
    let agent_token = m.block_on(register(&http, &gateway, &admin, "prod"));

    let src_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let _enter = src_rt.enter();
    let client = Client::new(&gateway, Some(admin), Duration::from_secs(5)).unwrap();
    let mut backlog = std::collections::VecDeque::new();
    let mut src = MasterSource::spawn_with(
        client,
        Timing {
            refresh: Duration::from_secs(3600),
            backoff: Backoff {
                base: Duration::from_millis(200),
                max: Duration::from_secs(1),
            },
            offline_after: 3,
        },
    );
    wait_for(&mut src, &mut backlog, "connected", |e| {
        matches!(e, DataEvent::Connection(ConnectionState::Connected))
    });

    // 12 snapshots 30 s apart (snapshot time), node-0000 under memory pressure from the second:
    // the engine opens an incident with the node as its root cause.
    let base = generate(&SynthSpec::with_pods("prod", 20, 3));
    let snaps: Vec<_> = (0..12)
        .map(|i| {
            let mut s = base.clone();
            s.taken_at = base.taken_at + chrono::Duration::seconds(i * 30);
            s.resources.nodes[0].pressure.memory = i >= 1;
            s
        })
        .collect();
    m.block_on(async {
        for s in &snaps {
            let resp = http
                .post(format!("{agent_api}/agent/v1/snapshot"))
                .bearer_auth(&agent_token)
                .json(s)
                .send()
                .await
                .unwrap();
            assert!(resp.status().is_success(), "{}", resp.text().await.unwrap());
        }
    });
    wait_for(
        &mut src,
        &mut backlog,
        "the pushed snapshot",
        |e| matches!(e, DataEvent::Snapshot(s) if s.cluster_id == "prod"),
    );
    let ev = wait_for(
        &mut src,
        &mut backlog,
        "the engine's incident",
        |e| matches!(e, DataEvent::Incidents(list) if !list.is_empty()),
    );
    let DataEvent::Incidents(list) = ev else {
        unreachable!()
    };
    assert_eq!(
        list[0].root_cause.as_deref(),
        Some("prod/_/node/node-0000"),
        "{list:?}"
    );

    // The master stops: reconnecting with a countdown, then offline (still retrying).
    m.kill();
    let ev = wait_for(&mut src, &mut backlog, "reconnecting", |e| {
        matches!(
            e,
            DataEvent::Connection(ConnectionState::Reconnecting { .. })
        )
    });
    let DataEvent::Connection(ConnectionState::Reconnecting { retry_at, attempt }) = ev else {
        unreachable!()
    };
    assert_eq!(attempt, 1);
    assert!(retry_at > chrono::Utc::now() - chrono::Duration::seconds(5));
    let ev = wait_for(&mut src, &mut backlog, "offline", |e| {
        matches!(
            e,
            DataEvent::Connection(ConnectionState::Offline {
                retry_at: Some(_),
                ..
            })
        )
    });
    let DataEvent::Connection(ConnectionState::Offline { reason, .. }) = ev else {
        unreachable!()
    };
    // One header line: what failed, without the CLI's multi-line hint.
    assert!(
        reason.contains("cannot reach the master") && !reason.contains('\n'),
        "{reason}"
    );

    // Back on the same address with the same data: connected again, the cluster still there.
    let _m2 = Restartable::start(dir.path(), addr.port());
    wait_for(&mut src, &mut backlog, "connected again", |e| {
        matches!(e, DataEvent::Connection(ConnectionState::Connected))
    });
    drop(src);
}
