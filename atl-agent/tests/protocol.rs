//! Protocol tests: the real agent against a small axum server in the test that checks the agent
//! API contract (bearer token, protocol header, zstd body decoding into a `ClusterSnapshot`,
//! command long-poll and result reports). The Kubernetes API is unreachable here on purpose: the
//! agent must still push, reporting every kind as failed.
#![allow(clippy::unwrap_used)]

use atl_agent::{Agent, AgentConfig, KubeSource};
use atl_core::ClusterSnapshot;
use atl_core::command::{Action, Command, CommandResult, Outcome};
use atl_core::protocol::{HEADER_PROTOCOL, PROTOCOL_VERSION, paths};
use atl_core::snapshot::CollectionStatus;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TOKEN: &str = "agent-token-123";

#[derive(Default)]
struct Seen {
    snapshots: Vec<ClusterSnapshot>,
    heartbeats: usize,
    results: Vec<CommandResult>,
    polls: usize,
    bad_requests: Vec<String>,
    /// Commands handed out on the next polls (each poll takes all).
    queue: Vec<Command>,
    /// Answer 503 to snapshots while set.
    down: bool,
}

type Shared = Arc<Mutex<Seen>>;

fn authorized(h: &HeaderMap, seen: &Shared) -> bool {
    let ok = h.get("authorization").and_then(|v| v.to_str().ok())
        == Some(&format!("Bearer {TOKEN}"))
        && h.get(HEADER_PROTOCOL).and_then(|v| v.to_str().ok())
            == Some(&PROTOCOL_VERSION.to_string());
    if !ok {
        seen.lock().unwrap().bad_requests.push(format!("{h:?}"));
    }
    ok
}

async fn snapshot(State(s): State<Shared>, h: HeaderMap, body: Bytes) -> StatusCode {
    if !authorized(&h, &s) {
        return StatusCode::UNAUTHORIZED;
    }
    if s.lock().unwrap().down {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    assert_eq!(h.get("content-encoding").unwrap(), "zstd");
    let json = zstd::decode_all(&body[..]).unwrap();
    let snap: ClusterSnapshot = serde_json::from_slice(&json).unwrap();
    s.lock().unwrap().snapshots.push(snap);
    StatusCode::OK
}

async fn heartbeat(State(s): State<Shared>, h: HeaderMap) -> StatusCode {
    if !authorized(&h, &s) {
        return StatusCode::UNAUTHORIZED;
    }
    s.lock().unwrap().heartbeats += 1;
    StatusCode::OK
}

async fn commands(State(s): State<Shared>, h: HeaderMap) -> (StatusCode, String) {
    if !authorized(&h, &s) {
        return (StatusCode::UNAUTHORIZED, String::new());
    }
    let cmds = {
        let mut g = s.lock().unwrap();
        g.polls += 1;
        std::mem::take(&mut g.queue)
    };
    if cmds.is_empty() {
        // A short hold, as a long-poll that times out.
        tokio::time::sleep(Duration::from_millis(100)).await;
        return (StatusCode::NO_CONTENT, String::new());
    }
    (
        StatusCode::OK,
        serde_json::to_string(&serde_json::json!({ "commands": cmds })).unwrap(),
    )
}

async fn result(State(s): State<Shared>, h: HeaderMap, body: Bytes) -> StatusCode {
    if !authorized(&h, &s) {
        return StatusCode::UNAUTHORIZED;
    }
    let r: CommandResult = serde_json::from_slice(&body).unwrap();
    s.lock().unwrap().results.push(r);
    StatusCode::OK
}

async fn fake_master() -> (String, Shared) {
    let seen: Shared = Arc::default();
    let app = Router::new()
        .route(paths::SNAPSHOT, post(snapshot))
        .route(paths::HEARTBEAT, post(heartbeat))
        .route(paths::COMMANDS, get(commands))
        .route(paths::RESULT, post(result))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), seen)
}

/// A Kubernetes client pointing at a closed port.
fn dead_kube() -> kube::Client {
    let cfg = kube::Config::new("http://127.0.0.1:9".parse().unwrap());
    kube::Client::try_from(cfg).unwrap()
}

fn config(master: &str) -> AgentConfig {
    let mut cfg = AgentConfig::new("proto-test", master, TOKEN, KubeSource::Client(dead_kube()));
    cfg.interval = Duration::from_millis(300);
    cfg.poll_wait = Duration::from_secs(1);
    cfg
}

async fn wait_for(seen: &Shared, what: &str, cond: impl Fn(&Seen) -> bool) {
    for _ in 0..200 {
        if cond(&seen.lock().unwrap()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting for {what}");
}

#[tokio::test]
async fn snapshots_and_heartbeats_carry_token_and_decode() {
    let (url, seen) = fake_master().await;
    let agent = Agent::start(config(&url)).await.unwrap();
    wait_for(&seen, "two snapshots and a heartbeat", |s| {
        s.snapshots.len() >= 2 && s.heartbeats >= 1
    })
    .await;
    let g = seen.lock().unwrap();
    assert!(g.bad_requests.is_empty(), "{:?}", g.bad_requests);
    let snap = &g.snapshots[0];
    assert_eq!(snap.cluster_id, "proto-test");
    assert_eq!(snap.protocol, PROTOCOL_VERSION);
    snap.validate().unwrap();
    assert_eq!(snap.collection.len(), 20, "every kind reported");
    assert!(
        snap.collection
            .values()
            .all(|c| matches!(c, CollectionStatus::Error { .. })),
        "an unreachable API server is an error for each kind: {:?}",
        snap.collection
    );
    assert!(
        g.snapshots[1].taken_at > snap.taken_at,
        "each push is a fresh snapshot"
    );
    drop(g);
    agent.shutdown();
}

#[tokio::test]
async fn recovers_after_master_outage_without_queueing() {
    let (url, seen) = fake_master().await;
    seen.lock().unwrap().down = true;
    let agent = Agent::start(config(&url)).await.unwrap();
    wait_for(&seen, "failing pushes", |_| {
        agent
            .stats()
            .snapshot_failures
            .load(std::sync::atomic::Ordering::Relaxed)
            >= 3
    })
    .await;
    assert!(seen.lock().unwrap().snapshots.is_empty());
    let back = std::time::Instant::now();
    seen.lock().unwrap().down = false;
    wait_for(&seen, "a snapshot after recovery", |s| {
        !s.snapshots.is_empty()
    })
    .await;
    // Backoff is capped at one interval (300 ms) plus jitter below it.
    assert!(
        back.elapsed() < Duration::from_secs(2),
        "{:?}",
        back.elapsed()
    );
    // Newest wins: the failed snapshots were not queued and replayed.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(seen.lock().unwrap().snapshots.len() <= 2);
    agent.shutdown();
}

fn command(id: &str, action: Action) -> Command {
    Command {
        id: id.into(),
        cluster_id: "proto-test".into(),
        action,
        requested_by: "test".into(),
        created_at: chrono::Utc::now(),
        deadline_secs: 5,
    }
}

#[tokio::test]
async fn commands_run_once_and_results_are_reported() {
    let (url, seen) = fake_master().await;
    let agent = Agent::start(config(&url)).await.unwrap();
    let secret = Action::Get {
        kind: atl_core::ResourceKind::Secret,
        namespace: Some("default".into()),
        name: "db".into(),
    };
    let cordon = Action::Cordon { node: "n1".into() };
    let mut stale = command("c-stale", Action::Cordon { node: "n1".into() });
    stale.created_at = chrono::Utc::now() - chrono::Duration::hours(3);
    let mut other = command("c-other", Action::Cordon { node: "n1".into() });
    other.cluster_id = "someone-else".into();
    seen.lock().unwrap().queue = vec![
        command("c-secret", secret),
        command("c-cordon", cordon.clone()),
        stale,
        other,
    ];
    wait_for(&seen, "three results", |s| s.results.len() >= 3).await;
    {
        let g = seen.lock().unwrap();
        let by_id = |id: &str| {
            g.results
                .iter()
                .find(|r| r.command_id == id)
                .unwrap()
                .clone()
        };
        let s = by_id("c-secret");
        assert_eq!(s.outcome, Outcome::Failed);
        assert!(s.error.unwrap().contains("Secrets"));
        let c = by_id("c-cordon");
        assert_eq!(c.outcome, Outcome::Failed, "the API server is unreachable");
        assert!(c.error.unwrap().contains("cordon node n1"));
        assert_eq!(by_id("c-stale").outcome, Outcome::TimedOut);
        assert!(
            !g.results.iter().any(|r| r.command_id == "c-other"),
            "not our cluster"
        );
    }
    // Delivered again: the known result is re-sent, the command is not executed again.
    let first = seen
        .lock()
        .unwrap()
        .results
        .iter()
        .find(|r| r.command_id == "c-cordon")
        .cloned()
        .unwrap();
    seen.lock().unwrap().queue = vec![command("c-cordon", cordon)];
    wait_for(&seen, "re-sent result", |s| {
        s.results
            .iter()
            .filter(|r| r.command_id == "c-cordon")
            .count()
            == 2
    })
    .await;
    let g = seen.lock().unwrap();
    let again: Vec<_> = g
        .results
        .iter()
        .filter(|r| r.command_id == "c-cordon")
        .collect();
    assert_eq!(
        again[1], &first,
        "identical result, same started_at: not re-executed"
    );
    drop(g);
    agent.shutdown();
}

#[tokio::test]
async fn wrong_token_is_reported_not_fatal() {
    let (url, seen) = fake_master().await;
    let mut cfg = config(&url);
    cfg.token = "wrong".into();
    let agent = Agent::start(cfg).await.unwrap();
    wait_for(&seen, "refused requests", |s| s.bad_requests.len() >= 3).await;
    assert!(seen.lock().unwrap().snapshots.is_empty());
    assert!(
        agent
            .stats()
            .snapshot_failures
            .load(std::sync::atomic::Ordering::Relaxed)
            >= 1
    );
    agent.shutdown();
}
