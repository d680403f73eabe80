#![allow(clippy::unwrap_used)]
//! `MasterSource` against a real atl-master on loopback (port 0, temp SQLite): a snapshot pushed
//! through the agent API reaches the dashboard, and an operation goes through the master to a
//! (test-driven) agent and its result comes back.

use atl_cli::client::Client;
use atl_cli::tui::master::MasterSource;
use atl_cli::tui::{DataEvent, DataSource, Effect};
use atl_core::command::{Action as Op, Outcome};
use atl_core::synth::{SynthSpec, generate};
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn snapshots_and_operations_flow_through_the_master() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let dir = tempfile::tempdir().unwrap();
    let master = Master::start(Config::for_test(dir.path())).await.unwrap();
    let admin = master.dev_credentials.clone().unwrap().admin_token;
    let gateway = format!("http://{}", master.gateway_addr);
    let agent_api = format!("http://{}", master.agent_addr);
    let http = reqwest::Client::new();

    let created: Value = http
        .post(format!("{gateway}/api/v1/clusters"))
        .bearer_auth(&admin)
        .json(&json!({"id": "prod"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let agent_token = created["agent_token"].as_str().unwrap().to_string();
    let mut spec = SynthSpec::with_pods("prod", 40, 5);
    spec.taken_at = chrono::Utc::now();
    spec.crashloop_ratio = 0.25;
    let snap = generate(&spec);
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
