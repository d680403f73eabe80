//! TARGETS P3: resident memory of the agent while it watches a 10k-pod cluster, compared with the
//! same cluster held as typed k8s-openapi objects.
//!
//! The simulator (atl-sim `scale-10k`) and a minimal agent-API endpoint run in this process; the
//! real `atl-agent` binary runs as a child process, so its RSS is its own. Once the agent has pushed
//! a snapshot holding every pod, its VmRSS and VmHWM are read from /proc. Then this process lists
//! the same kinds as typed k8s-openapi objects and reports how much its own RSS grew holding them.
#![allow(clippy::unwrap_used)]

use atl_core::ClusterSnapshot;
use atl_sim::{Scenario, SimCluster, SimServer, kubeconfig};
use axum::body::Bytes;
use k8s_openapi::api::{apps::v1 as apps, core::v1 as core};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

fn proc_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

async fn typed_rss_growth(client: kube::Client) -> (u64, usize) {
    let before = proc_kib(std::process::id(), "VmRSS:");
    let lp = kube::api::ListParams::default();
    let pods = kube::Api::<core::Pod>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let nodes = kube::Api::<core::Node>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let deps = kube::Api::<apps::Deployment>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let rs = kube::Api::<apps::ReplicaSet>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let svcs = kube::Api::<core::Service>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let events = kube::Api::<core::Event>::all(client.clone())
        .list(&lp)
        .await
        .unwrap()
        .items;
    let after = proc_kib(std::process::id(), "VmRSS:");
    let n = pods.len() + nodes.len() + deps.len() + rs.len() + svcs.len() + events.len();
    std::hint::black_box((&pods, &nodes, &deps, &rs, &svcs, &events));
    (after.saturating_sub(before), n)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` discovery
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        atl_agent::master::install_crypto_provider();
        let t0 = Instant::now();
        let mut scenario = Scenario::builtin("scale-10k").unwrap();
        // Smaller variants for quick looks (the generator of the full cluster is slow):
        // ATL_BENCH_NAMESPACES=10 gives about 2k pods.
        if let Some(n) = std::env::var("ATL_BENCH_NAMESPACES").ok().and_then(|v| v.parse().ok()) {
            scenario.namespaces = n;
        }
        let cluster = tokio::task::spawn_blocking(move || SimCluster::from_scenario(&scenario).unwrap()).await.unwrap();
        let sim_pods = cluster.list::<core::Pod>(None).len();
        let (addr, _server) = SimServer::start(cluster.clone(), "127.0.0.1:0".parse().unwrap()).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let kc = dir.path().join("kubeconfig");
        kubeconfig::write(&kc, &format!("http://{addr}")).unwrap();
        println!("simulator: {sim_pods} pods, generated in {:.1}s", t0.elapsed().as_secs_f64());

        // Minimal agent API: decode each snapshot and report its pod count and size.
        let (tx, mut rx) = mpsc::unbounded_channel::<(usize, usize)>();
        let app = axum::Router::new()
            .route(
                atl_core::protocol::paths::SNAPSHOT,
                axum::routing::post(move |body: Bytes| {
                    let tx = tx.clone();
                    async move {
                        let json = zstd::decode_all(&body[..]).unwrap();
                        let snap: ClusterSnapshot = serde_json::from_slice(&json).unwrap();
                        let _ = tx.send((snap.resources.pods.len(), body.len()));
                        "{}"
                    }
                }),
            )
            .fallback(|| async { "{}" });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let master = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

        // ATL_BENCH_AGENT_BIN: measure another build of the agent (e.g. a release binary while
        // this harness and the simulator run as a quicker debug build).
        let agent_bin = std::env::var_os("ATL_BENCH_AGENT_BIN")
            .map_or_else(|| env!("CARGO_BIN_EXE_atl-agent").into(), std::path::PathBuf::from);
        let mut child = Command::new(agent_bin)
            .args(["--cluster-id", "bench", "--master", &master, "--interval", "5", "--no-commands"])
            .arg("--kubeconfig")
            .arg(&kc)
            .env("ATL_AGENT_TOKEN", "bench-token")
            .env("ATL_LOG", "error")
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id();
        let t1 = Instant::now();
        let (pods, bytes) = loop {
            match tokio::time::timeout(Duration::from_secs(300), rx.recv()).await {
                Ok(Some((p, b))) if p >= sim_pods => break (p, b),
                Ok(Some(_)) => continue,
                _ => {
                    let _ = child.kill();
                    panic!("no complete snapshot from the agent within 300 s");
                }
            }
        };
        let first = t1.elapsed();
        // Let a few more intervals pass (watch traffic, metrics polls) before reading memory.
        for _ in 0..2 {
            let _ = tokio::time::timeout(Duration::from_secs(15), rx.recv()).await;
        }
        let rss = proc_kib(pid, "VmRSS:");
        let hwm = proc_kib(pid, "VmHWM:");
        let _ = child.kill();
        let _ = child.wait();
        println!("agent: first complete snapshot ({pods} pods, {} KiB zstd) after {:.1}s", bytes / 1024, first.as_secs_f64());
        println!("agent: VmRSS {:.1} MiB, peak VmHWM {:.1} MiB (target P3: <= 64 MiB)", rss as f64 / 1024.0, hwm as f64 / 1024.0);

        let client = atl_agent::agent::kube_client(&atl_agent::KubeSource::Config { kubeconfig: Some(kc.clone()), context: None })
            .await
            .unwrap();
        let (grown, objects) = typed_rss_growth(client).await;
        println!(
            "comparison: holding {objects} typed k8s-openapi objects (pods, nodes, deployments, replicasets, services, events) grew this process by {:.1} MiB",
            grown as f64 / 1024.0
        );
    });
}
