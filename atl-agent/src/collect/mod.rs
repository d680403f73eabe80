//! Collection by watch: one watcher per kind (per namespace with `--namespaces`), each feeding a
//! store of slim structs; metrics.k8s.io polled; EndpointSlices reduced to Service backends.

pub(crate) mod metrics;
mod store;
mod watch;

pub use metrics::Usage;
pub use store::KindStore;
pub use watch::PAGE_SIZE;

/// Status message of a kind whose first list has not finished yet.
pub const NOT_LISTED_YET: &str = "initial list not finished yet";

use crate::convert::{ConvertOptions, SliceBackends, ToSlim, service_backends};
use atl_core::k8s;
use atl_core::kind::ResourceKind;
use atl_core::snapshot::{CollectionStatus, Resources};
use k8s_openapi::api::{
    apps::v1 as apps, batch::v1 as batch, core::v1 as core, discovery::v1 as discovery,
    networking::v1 as net,
};
use kube::runtime::watcher;
use kube::{Api, Resource};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;

/// What to collect and how.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    /// Restrict namespaced kinds to these namespaces (one watcher each); empty = cluster-wide.
    pub namespaces: Vec<String>,
    /// Conversion options (env values, sidecar names).
    pub convert: ConvertOptions,
    /// How often metrics.k8s.io is listed.
    pub metrics_every: Duration,
    /// Server-side watch timeout; shorter in tests.
    pub watch_timeout_secs: Option<u32>,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            namespaces: Vec::new(),
            convert: ConvertOptions::default(),
            metrics_every: Duration::from_secs(10),
            watch_timeout_secs: None,
        }
    }
}

/// The stores, one per kind.
#[derive(Debug, Default)]
pub struct Stores {
    pub pods: Arc<KindStore<k8s::Pod>>,
    pub nodes: Arc<KindStore<k8s::Node>>,
    pub deployments: Arc<KindStore<k8s::Deployment>>,
    pub stateful_sets: Arc<KindStore<k8s::StatefulSet>>,
    pub daemon_sets: Arc<KindStore<k8s::DaemonSet>>,
    pub replica_sets: Arc<KindStore<k8s::ReplicaSet>>,
    pub services: Arc<KindStore<k8s::Service>>,
    pub ingresses: Arc<KindStore<k8s::Ingress>>,
    pub config_maps: Arc<KindStore<k8s::ConfigMap>>,
    pub secrets: Arc<KindStore<k8s::Secret>>,
    pub namespaces: Arc<KindStore<k8s::Namespace>>,
    pub events: Arc<KindStore<k8s::Event>>,
    pub jobs: Arc<KindStore<k8s::Job>>,
    pub cron_jobs: Arc<KindStore<k8s::CronJob>>,
    pub persistent_volumes: Arc<KindStore<k8s::PersistentVolume>>,
    pub persistent_volume_claims: Arc<KindStore<k8s::PersistentVolumeClaim>>,
    pub resource_quotas: Arc<KindStore<k8s::ResourceQuota>>,
    pub limit_ranges: Arc<KindStore<k8s::LimitRange>>,
    pub network_policies: Arc<KindStore<k8s::NetworkPolicy>>,
    pub service_accounts: Arc<KindStore<k8s::ServiceAccount>>,
    pub endpoint_slices: Arc<KindStore<SliceBackends>>,
    pub usage: Arc<Usage>,
}

/// Running watchers; dropping the collector stops them.
pub struct Collector {
    stores: Arc<Stores>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for Collector {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

struct Spawner<'a> {
    client: &'a kube::Client,
    opts: &'a CollectOptions,
    convert: Arc<ConvertOptions>,
    tasks: Vec<JoinHandle<()>>,
}

impl Spawner<'_> {
    fn config(&self) -> watcher::Config {
        let c = watcher::Config::default();
        match self.opts.watch_timeout_secs {
            Some(t) => c.timeout(t),
            None => c,
        }
    }

    /// Starts the watchers of one kind: cluster-wide, or one per namespace when restricted.
    fn watch<K>(&mut self, store: &Arc<KindStore<K::Slim>>)
    where
        K: Resource<Scope = k8s_openapi::NamespaceResourceScope>
            + ToSlim
            + Clone
            + DeserializeOwned
            + Debug
            + Send
            + Sync
            + 'static,
        K::DynamicType: Default,
    {
        if self.opts.namespaces.is_empty() {
            self.spawn(Api::<K>::all(self.client.clone()), String::new(), store);
        } else {
            for ns in &self.opts.namespaces {
                self.spawn(
                    Api::<K>::namespaced(self.client.clone(), ns),
                    ns.clone(),
                    store,
                );
            }
        }
    }

    fn watch_cluster<K>(&mut self, store: &Arc<KindStore<K::Slim>>)
    where
        K: Resource<Scope = k8s_openapi::ClusterResourceScope>
            + ToSlim
            + Clone
            + DeserializeOwned
            + Debug
            + Send
            + Sync
            + 'static,
        K::DynamicType: Default,
    {
        self.spawn(Api::<K>::all(self.client.clone()), String::new(), store);
    }

    fn spawn<K>(&mut self, api: Api<K>, scope: String, store: &Arc<KindStore<K::Slim>>)
    where
        K: Resource + ToSlim + Clone + DeserializeOwned + Debug + Send + Sync + 'static,
        K::DynamicType: Default,
    {
        store.add_scope(&scope);
        let fut = watch::run(
            api,
            scope,
            store.clone(),
            self.convert.clone(),
            self.config(),
        );
        self.tasks.push(tokio::spawn(fut));
    }
}

impl Collector {
    /// Starts every watcher and the metrics poller. Must be called inside a tokio runtime.
    pub fn start(client: kube::Client, opts: CollectOptions) -> Collector {
        let stores = Arc::new(Stores::default());
        let s = &stores;
        let mut sp = Spawner {
            client: &client,
            opts: &opts,
            convert: Arc::new(opts.convert.clone()),
            tasks: Vec::new(),
        };
        sp.watch::<core::Pod>(&s.pods);
        sp.watch_cluster::<core::Node>(&s.nodes);
        sp.watch::<apps::Deployment>(&s.deployments);
        sp.watch::<apps::StatefulSet>(&s.stateful_sets);
        sp.watch::<apps::DaemonSet>(&s.daemon_sets);
        sp.watch::<apps::ReplicaSet>(&s.replica_sets);
        sp.watch::<core::Service>(&s.services);
        sp.watch::<net::Ingress>(&s.ingresses);
        sp.watch::<core::ConfigMap>(&s.config_maps);
        sp.watch::<core::Secret>(&s.secrets);
        sp.watch_cluster::<core::Namespace>(&s.namespaces);
        sp.watch::<core::Event>(&s.events);
        sp.watch::<batch::Job>(&s.jobs);
        sp.watch::<batch::CronJob>(&s.cron_jobs);
        sp.watch_cluster::<core::PersistentVolume>(&s.persistent_volumes);
        sp.watch::<core::PersistentVolumeClaim>(&s.persistent_volume_claims);
        sp.watch::<core::ResourceQuota>(&s.resource_quotas);
        sp.watch::<core::LimitRange>(&s.limit_ranges);
        sp.watch::<net::NetworkPolicy>(&s.network_policies);
        sp.watch::<core::ServiceAccount>(&s.service_accounts);
        sp.watch::<discovery::EndpointSlice>(&s.endpoint_slices);
        let mut tasks = sp.tasks;
        tasks.push(tokio::spawn(metrics::run(
            client.clone(),
            opts.namespaces.clone(),
            stores.usage.clone(),
            opts.metrics_every,
        )));
        Collector { stores, tasks }
    }

    pub fn stores(&self) -> &Arc<Stores> {
        &self.stores
    }

    /// Whether every kind finished its first list, or failed (so a snapshot is worth sending).
    pub fn settled(&self) -> bool {
        Self::stores_settled(&self.stores)
    }

    /// [`Collector::settled`] for a shared store set.
    pub fn stores_settled(stores: &Stores) -> bool {
        stores
            .statuses()
            .values()
            .all(|s| !matches!(s, CollectionStatus::Error { message } if message == NOT_LISTED_YET))
    }

    /// Waits until [`Collector::settled`] or the timeout.
    pub async fn wait_settled(&self, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while !self.settled() {
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }
}

fn sorted<T>(mut v: Vec<T>, key: impl Fn(&T) -> &k8s::Meta) -> Vec<T> {
    v.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        (a.namespace_str(), a.name.as_str()).cmp(&(b.namespace_str(), b.name.as_str()))
    });
    v
}

impl Stores {
    /// Collection status per kind.
    pub fn statuses(&self) -> BTreeMap<ResourceKind, CollectionStatus> {
        use ResourceKind as K;
        BTreeMap::from([
            (K::Pod, self.pods.status()),
            (K::Node, self.nodes.status()),
            (K::Deployment, self.deployments.status()),
            (K::StatefulSet, self.stateful_sets.status()),
            (K::DaemonSet, self.daemon_sets.status()),
            (K::ReplicaSet, self.replica_sets.status()),
            (K::Service, self.services.status()),
            (K::Ingress, self.ingresses.status()),
            (K::ConfigMap, self.config_maps.status()),
            (K::Secret, self.secrets.status()),
            (K::Namespace, self.namespaces.status()),
            (K::Event, self.events.status()),
            (K::Job, self.jobs.status()),
            (K::CronJob, self.cron_jobs.status()),
            (K::PersistentVolume, self.persistent_volumes.status()),
            (
                K::PersistentVolumeClaim,
                self.persistent_volume_claims.status(),
            ),
            (K::ResourceQuota, self.resource_quotas.status()),
            (K::LimitRange, self.limit_ranges.status()),
            (K::NetworkPolicy, self.network_policies.status()),
            (K::ServiceAccount, self.service_accounts.status()),
        ])
    }

    /// The Kubernetes part of a snapshot: every kind sorted by namespace and name, usage merged
    /// into nodes and pods, backends into services, pod counts into nodes.
    pub fn resources(&self) -> Resources {
        let mut pods = sorted(self.pods.values(), |p| &p.meta);
        for p in &mut pods {
            let key = store::object_key(p.meta.namespace.as_deref(), &p.meta.name);
            p.usage = self.usage.pod(&key);
        }
        let mut per_node: HashMap<&str, u32> = HashMap::new();
        for p in &pods {
            if let Some(n) = p.node.as_deref() {
                *per_node.entry(n).or_default() += 1;
            }
        }
        let mut nodes = sorted(self.nodes.values(), |n| &n.meta);
        for n in &mut nodes {
            n.usage = self.usage.node(&n.meta.name);
            n.pod_count = per_node.get(n.meta.name.as_str()).copied().unwrap_or(0);
        }
        let mut services = sorted(self.services.values(), |s| &s.meta);
        service_backends(&mut services, &self.endpoint_slices.values());
        Resources {
            pods,
            nodes,
            deployments: sorted(self.deployments.values(), |o| &o.meta),
            stateful_sets: sorted(self.stateful_sets.values(), |o| &o.meta),
            daemon_sets: sorted(self.daemon_sets.values(), |o| &o.meta),
            replica_sets: sorted(self.replica_sets.values(), |o| &o.meta),
            services,
            ingresses: sorted(self.ingresses.values(), |o| &o.meta),
            config_maps: sorted(self.config_maps.values(), |o| &o.meta),
            secrets: sorted(self.secrets.values(), |o| &o.meta),
            namespaces: sorted(self.namespaces.values(), |o| &o.meta),
            events: sorted(self.events.values(), |o| &o.meta),
            jobs: sorted(self.jobs.values(), |o| &o.meta),
            cron_jobs: sorted(self.cron_jobs.values(), |o| &o.meta),
            persistent_volumes: sorted(self.persistent_volumes.values(), |o| &o.meta),
            persistent_volume_claims: sorted(self.persistent_volume_claims.values(), |o| &o.meta),
            resource_quotas: sorted(self.resource_quotas.values(), |o| &o.meta),
            limit_ranges: sorted(self.limit_ranges.values(), |o| &o.meta),
            network_policies: sorted(self.network_policies.values(), |o| &o.meta),
            service_accounts: sorted(self.service_accounts.values(), |o| &o.meta),
        }
    }
}
