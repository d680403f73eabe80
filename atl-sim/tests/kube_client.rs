//! The real kube-rs client (watchers, reflectors, subresources) against the simulator.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use atl_sim::controllers::pods;
use futures::StreamExt;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::api::{
    Api, DeleteParams, EvictParams, ListParams, LogParams, Patch, PatchParams, WatchEvent,
    WatchParams,
};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::runtime::{reflector, watcher};
use kube::{Client, Config};
use support::{Sim, eventually, scenario};

async fn client(sim: &Sim) -> Client {
    let kc = Kubeconfig::read_from(&sim.kubeconfig).unwrap();
    let mut cfg = Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
        .await
        .unwrap();
    // kube retries 429 up to 15 times with growing back-off by default; an eviction refused by a
    // disruption budget is a 429 that a test (and the agent) wants to see at once.
    cfg.default_retry = false;
    Client::try_from(cfg).unwrap()
}

fn sim_pods(sim: &Sim) -> BTreeMap<String, String> {
    sim.cluster
        .list::<Pod>(None)
        .into_iter()
        .map(|p| {
            (
                format!(
                    "{}/{}",
                    p.metadata.namespace.unwrap(),
                    p.metadata.name.unwrap()
                ),
                p.metadata.resource_version.unwrap(),
            )
        })
        .collect()
}

fn store_pods(store: &reflector::Store<Pod>) -> BTreeMap<String, String> {
    store
        .state()
        .iter()
        .map(|p| {
            (
                format!(
                    "{}/{}",
                    p.metadata.namespace.clone().unwrap(),
                    p.metadata.name.clone().unwrap()
                ),
                p.metadata.resource_version.clone().unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reflector_follows_changes_and_relists_after_410() {
    let sim = Sim::start(scenario(|s| s.change_log_capacity = 100), 0.0).await;
    let client = client(&sim).await;
    let api: Api<Pod> = Api::all(client.clone());
    let Reflected {
        store,
        paused,
        inits,
        errors,
        driver,
    } = reflect_pods(api);
    eventually(Duration::from_secs(10), "initial list in the store", || {
        store_pods(&store) == sim_pods(&sim)
    })
    .await;

    // Many changes through the API and the clock: scaling, deletions, restarts.
    let deploys: Api<Deployment> = Api::namespaced(client.clone(), "shop");
    let pods_api: Api<Pod> = Api::namespaced(client.clone(), "shop");
    for (name, replicas) in [("frontend", 4), ("api", 1), ("cart", 5), ("checkout", 2)] {
        deploys
            .patch_scale(
                name,
                &PatchParams::default(),
                &Patch::Merge(serde_json::json!({"spec": {"replicas": replicas}})),
            )
            .await
            .unwrap();
    }
    let victims: Vec<String> = sim
        .cluster
        .list::<Pod>(Some("shop"))
        .into_iter()
        .filter(pods::is_ready)
        .take(3)
        .map(|p| p.metadata.name.unwrap())
        .collect();
    for v in &victims {
        pods_api.delete(v, &DeleteParams::default()).await.unwrap();
    }
    for _ in 0..10 {
        sim.cluster.tick(Duration::from_secs(5));
    }
    eventually(
        Duration::from_secs(10),
        "store equals the simulator after changes",
        || store_pods(&store) == sim_pods(&sim),
    )
    .await;
    assert_eq!(inits.load(Ordering::SeqCst), 1);

    // While the watcher is not reading, its watch times out and the change log moves past its
    // resourceVersion: the re-watch gets 410 Gone and the watcher must relist.
    paused.store(true, Ordering::SeqCst);
    sim.cluster.write(|s| {
        for i in 0..300 {
            let mut cm = ConfigMap::default();
            cm.metadata.name = Some(format!("churn-{i}"));
            cm.metadata.namespace = Some("default".into());
            s.create(cm).unwrap();
        }
    });
    pods_api
        .delete(
            &victims_after(&sim),
            &DeleteParams::default().grace_period(0),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    paused.store(false, Ordering::SeqCst);
    eventually(Duration::from_secs(15), "relist after 410", || {
        inits.load(Ordering::SeqCst) >= 2
    })
    .await;
    eventually(
        Duration::from_secs(10),
        "store equals the simulator after relist",
        || store_pods(&store) == sim_pods(&sim),
    )
    .await;
    assert!(
        errors.load(Ordering::SeqCst) >= 1,
        "the 410 surfaced as a watch error"
    );
    driver.abort();
}

/// A reflector over pods, driven by its own task; `paused` stops reading its stream so the watch
/// falls behind.
struct Reflected {
    store: reflector::Store<Pod>,
    paused: Arc<AtomicBool>,
    inits: Arc<AtomicUsize>,
    errors: Arc<AtomicUsize>,
    driver: tokio::task::JoinHandle<()>,
}

fn reflect_pods(api: Api<Pod>) -> Reflected {
    let (store, writer) = reflector::store::<Pod>();
    let stream = reflector(writer, watcher(api, watcher::Config::default().timeout(1)));
    let paused = Arc::new(AtomicBool::new(false));
    let inits = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let driver = {
        let (paused, inits, errors) = (paused.clone(), inits.clone(), errors.clone());
        tokio::spawn(async move {
            let mut stream = std::pin::pin!(stream);
            loop {
                if paused.load(Ordering::SeqCst) {
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
                match tokio::time::timeout(Duration::from_millis(100), stream.next()).await {
                    Ok(Some(Ok(watcher::Event::Init))) => {
                        inits.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(Some(Err(_))) => {
                        errors.fetch_add(1, Ordering::SeqCst);
                    }
                    Ok(None) => break,
                    _ => {}
                }
            }
        })
    };
    Reflected {
        store,
        paused,
        inits,
        errors,
        driver,
    }
}

/// Changes `n` pods' annotations in one write (each a new resourceVersion and watch event).
fn touch_pods(sim: &Sim, round: usize, n: usize) {
    sim.cluster.write(|s| {
        let pods: Vec<Pod> = s.store.list::<Pod>(None).cloned().collect();
        for (i, mut pod) in pods.into_iter().cycle().take(n).enumerate() {
            pod.metadata
                .annotations
                .get_or_insert_with(Default::default)
                .insert("churn".into(), format!("{round}-{i}"));
            s.store.put(pod);
        }
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reflector_stays_identical_across_ten_thousand_changes() {
    let sim = Sim::start(scenario(|s| s.change_log_capacity = 2_000), 0.0).await;
    let client = client(&sim).await;
    let r = reflect_pods(Api::all(client));
    eventually(Duration::from_secs(10), "initial list in the store", || {
        store_pods(&r.store) == sim_pods(&sim)
    })
    .await;

    // 10 000 changes in rounds of 100. Before round 40 the reflector stops reading and its
    // watch (timeoutSeconds=1) ends; rounds 40-69 then move the change log's 2 000 entries past
    // its resourceVersion, so the re-watch gets 410 and must relist.
    const ROUNDS: usize = 100;
    for round in 0..ROUNDS {
        if round == 40 {
            r.paused.store(true, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(1500)).await;
        }
        if round == 70 {
            r.paused.store(false, Ordering::SeqCst);
        }
        touch_pods(&sim, round, 100);
        tokio::time::sleep(Duration::from_millis(5)).await;
        if round % 20 == 19 && !r.paused.load(Ordering::SeqCst) {
            eventually(
                Duration::from_secs(20),
                "store equals the simulator during the churn",
                || store_pods(&r.store) == sim_pods(&sim),
            )
            .await;
        }
    }
    eventually(
        Duration::from_secs(20),
        "store equals the simulator after 10 000 changes",
        || store_pods(&r.store) == sim_pods(&sim),
    )
    .await;
    assert!(
        r.inits.load(Ordering::SeqCst) >= 2,
        "the watch that fell behind relisted"
    );
    assert!(r.errors.load(Ordering::SeqCst) >= 1, "the 410 surfaced");
    r.driver.abort();
}

fn victims_after(sim: &Sim) -> String {
    sim.cluster
        .list::<Pod>(Some("shop"))
        .into_iter()
        .find(pods::is_ready)
        .unwrap()
        .metadata
        .name
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streaming_list_watch_and_raw_410() {
    let sim = Sim::start(scenario(|s| s.change_log_capacity = 20), 0.0).await;
    let client = client(&sim).await;
    let api: Api<Pod> = Api::all(client.clone());
    let (store, writer) = reflector::store::<Pod>();
    let mut stream = std::pin::pin!(reflector(
        writer,
        watcher(
            api.clone(),
            watcher::Config::default().streaming_lists().timeout(5)
        )
    ));
    loop {
        if let watcher::Event::InitDone = stream.next().await.unwrap().unwrap() {
            break;
        }
    }
    assert_eq!(store_pods(&store), sim_pods(&sim));

    // Paginated list: pages of 7 add up to the whole list.
    let mut total = 0;
    let mut lp = ListParams::default().limit(7);
    loop {
        let page = api.list(&lp).await.unwrap();
        assert!(page.items.len() <= 7);
        total += page.items.len();
        match page.metadata.continue_ {
            Some(c) if !c.is_empty() => lp = lp.continue_token(&c),
            _ => break,
        }
    }
    assert_eq!(total, sim.cluster.list::<Pod>(None).len());

    // Field selector on spec.nodeName.
    let on_node = api
        .list(&ListParams::default().fields("spec.nodeName=node-1"))
        .await
        .unwrap();
    assert!(!on_node.items.is_empty());
    assert!(
        on_node
            .items
            .iter()
            .all(|p| p.spec.as_ref().unwrap().node_name.as_deref() == Some("node-1"))
    );

    // A watch from a version older than the log holds gets an ERROR 410 event.
    let old = sim.cluster.resource_version().to_string();
    sim.cluster.write(|s| {
        for i in 0..50 {
            let mut cm = ConfigMap::default();
            cm.metadata.name = Some(format!("c-{i}"));
            cm.metadata.namespace = Some("default".into());
            s.create(cm).unwrap();
        }
    });
    let mut w = api
        .watch(&WatchParams::default().timeout(2), &old)
        .await
        .unwrap()
        .boxed();
    match w.next().await.unwrap().unwrap() {
        WatchEvent::Error(e) => assert_eq!(e.code, 410),
        other => panic!("expected a 410 error event, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subresources_through_kube() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let client = client(&sim).await;
    let pods_api: Api<Pod> = Api::namespaced(client.clone(), "shop");
    // The PDB of db (minAvailable 1) forbids evicting its only pod.
    let err = pods_api
        .evict("db-0", &EvictParams::default())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, kube::Error::Api(s) if s.code == 429),
        "{err:?}"
    );
    // A deployment pod with a maxUnavailable 1 budget can go.
    let victim = sim
        .cluster
        .list::<Pod>(Some("shop"))
        .into_iter()
        .find(|p| p.metadata.name.as_deref().unwrap().starts_with("checkout-"))
        .unwrap();
    let name = victim.metadata.name.unwrap();
    pods_api
        .evict(&name, &EvictParams::default())
        .await
        .unwrap();
    assert!(
        sim.cluster
            .get::<Pod>("shop", &name)
            .unwrap()
            .metadata
            .deletion_timestamp
            .is_some()
    );
    let logs = pods_api
        .logs(
            "db-0",
            &LogParams {
                tail_lines: Some(3),
                ..LogParams::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(logs.lines().count(), 3);
    let deploys: Api<Deployment> = Api::namespaced(client, "shop");
    let scale = deploys.get_scale("frontend").await.unwrap();
    assert!(scale.spec.unwrap().replicas.unwrap() >= 1);
    let patched = deploys
        .patch(
            "frontend",
            &PatchParams::default(),
            &Patch::Strategic(serde_json::json!({"spec": {"template": {"metadata": {"annotations": {"x": "1"}}}}})),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.generation, Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn label_selector_watch_sees_objects_enter_and_leave() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let client = client(&sim).await;
    let api: Api<Pod> = Api::namespaced(client, "shop");
    let (store, writer) = reflector::store::<Pod>();
    let stream = reflector(
        writer,
        watcher(
            api.clone(),
            watcher::Config::default().labels("tier=gold").timeout(5),
        ),
    );
    let driver = tokio::spawn(async move {
        let mut stream = std::pin::pin!(stream);
        while stream.next().await.is_some() {}
    });
    let pod = sim.cluster.list::<Pod>(Some("shop"))[0]
        .metadata
        .name
        .clone()
        .unwrap();
    let names = |store: &reflector::Store<Pod>| {
        store
            .state()
            .iter()
            .map(|p| p.metadata.name.clone().unwrap())
            .collect::<Vec<_>>()
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(names(&store).is_empty());
    api.patch(
        &pod,
        &PatchParams::default(),
        &Patch::Merge(serde_json::json!({"metadata": {"labels": {"tier": "gold"}}})),
    )
    .await
    .unwrap();
    eventually(
        Duration::from_secs(5),
        "labelled pod enters the store",
        || names(&store) == [pod.clone()],
    )
    .await;
    api.patch(
        &pod,
        &PatchParams::default(),
        &Patch::Merge(serde_json::json!({"metadata": {"labels": {"tier": null}}})),
    )
    .await
    .unwrap();
    eventually(
        Duration::from_secs(5),
        "unlabelled pod leaves the store",
        || names(&store).is_empty(),
    )
    .await;
    driver.abort();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watch_bookmarks_events_and_timeout() {
    let sim = Sim::start(scenario(|_| {}), 0.0).await;
    let client = client(&sim).await;
    let api: Api<Pod> = Api::namespaced(client, "shop");
    let rv = sim.cluster.resource_version().to_string();
    let started = std::time::Instant::now();
    let mut w = api
        .watch(&WatchParams::default().timeout(3), &rv)
        .await
        .unwrap()
        .boxed();
    let victim = sim.cluster.list::<Pod>(Some("shop"))[0]
        .metadata
        .name
        .clone()
        .unwrap();
    sim.cluster
        .write(|s| pods::delete(s, "shop", &victim, Some(0)).unwrap());
    let (mut deleted, mut added, mut bookmarks) = (false, false, 0);
    while let Some(ev) = w.next().await {
        match ev.unwrap() {
            WatchEvent::Deleted(p) if p.metadata.name.as_deref() == Some(victim.as_str()) => {
                deleted = true
            }
            WatchEvent::Added(_) => added = true,
            WatchEvent::Bookmark(b) => {
                assert!(
                    b.metadata.resource_version.parse::<u64>().unwrap()
                        > rv.parse::<u64>().unwrap()
                );
                bookmarks += 1;
            }
            _ => {}
        }
    }
    let took = started.elapsed();
    assert!(
        deleted && added,
        "the deletion and the replacement pod are watched"
    );
    assert!(bookmarks >= 1, "bookmarks while idle");
    assert!(
        took >= Duration::from_millis(2900) && took < Duration::from_secs(6),
        "timeoutSeconds ends the stream: {took:?}"
    );
}
