//! metrics.k8s.io usage. The metrics API cannot be watched, so it is listed once per interval.

use crate::convert::{MetricsList, NodeMetrics, PodMetrics};
use atl_core::k8s::Resources;
use atl_core::snapshot::CollectionStatus;
use kube::api::{ApiResource, DynamicObject, ListParams};
use kube::core::GroupVersionKind;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::Duration;

/// Latest usage per node name and per `namespace/name` pod key.
#[derive(Debug, Default)]
pub struct Usage {
    inner: RwLock<UsageInner>,
}

#[derive(Debug, Default, Clone)]
struct UsageInner {
    nodes: HashMap<String, Resources>,
    pods: HashMap<String, Resources>,
    status: Option<CollectionStatus>,
}

impl Usage {
    pub fn node(&self, name: &str) -> Option<Resources> {
        self.read().nodes.get(name).copied()
    }
    pub fn pod(&self, key: &str) -> Option<Resources> {
        self.read().pods.get(key).copied()
    }
    /// `None` before the first poll; `Disabled` when metrics.k8s.io is not served.
    pub fn status(&self) -> Option<CollectionStatus> {
        self.read().status.clone()
    }
    fn read(&self) -> std::sync::RwLockReadGuard<'_, UsageInner> {
        self.inner
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
    fn set(&self, v: UsageInner) {
        *self
            .inner
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = v;
    }
}

pub(crate) fn metrics_resource(kind: &str, plural: &str) -> ApiResource {
    ApiResource::from_gvk_with_plural(
        &GroupVersionKind::gvk("metrics.k8s.io", "v1beta1", kind),
        plural,
    )
}

/// Lists node or pod metrics cluster-wide (`namespace` `None`) or in one namespace, parsed
/// straight into the small typed rows: going through `DynamicObject` held every item as a
/// `serde_json::Value` tree twice over, the largest transient allocation of the agent (P3).
pub(crate) async fn list_metrics<T: DeserializeOwned>(
    client: &kube::Client,
    ar: &ApiResource,
    namespace: Option<&str>,
) -> Result<Vec<T>, kube::Error> {
    let url = <DynamicObject as kube::Resource>::url_path(ar, namespace);
    let req = kube::core::Request::new(url)
        .list(&ListParams::default())
        .map_err(kube::Error::BuildRequest)?;
    let list: MetricsList<T> = client.request(req).await?;
    Ok(list.items)
}

fn status_of(e: &kube::Error) -> CollectionStatus {
    match e {
        // metrics-server not installed: usage is simply not collected.
        kube::Error::Api(s) if s.code == 404 => CollectionStatus::Disabled,
        kube::Error::Api(s) if s.code == 401 || s.code == 403 => CollectionStatus::Forbidden {
            message: s.message.clone(),
        },
        other => CollectionStatus::Error {
            message: other.to_string(),
        },
    }
}

/// One poll: nodes cluster-wide, pods cluster-wide or per namespace.
pub(crate) async fn poll_once(client: &kube::Client, namespaces: &[String], usage: &Usage) {
    let nodes_ar = metrics_resource("NodeMetrics", "nodes");
    let pods_ar = metrics_resource("PodMetrics", "pods");
    let mut inner = UsageInner::default();
    let mut failure: Option<CollectionStatus> = None;
    match list_metrics::<NodeMetrics>(client, &nodes_ar, None).await {
        Ok(nodes) => {
            inner.nodes = nodes
                .into_iter()
                .map(|n| (n.metadata.name.clone(), n.usage.resources()))
                .collect();
        }
        Err(e) => failure = Some(status_of(&e)),
    }
    let scopes: Vec<Option<&str>> = if namespaces.is_empty() {
        vec![None]
    } else {
        namespaces.iter().map(|ns| Some(ns.as_str())).collect()
    };
    for ns in scopes {
        match list_metrics::<PodMetrics>(client, &pods_ar, ns).await {
            Ok(pods) => inner.pods.extend(pods.into_iter().map(|p| {
                let key =
                    super::store::object_key(p.metadata.namespace.as_deref(), &p.metadata.name);
                (key, p.usage())
            })),
            Err(e) => {
                failure.get_or_insert(status_of(&e));
            }
        }
    }
    inner.status = Some(failure.unwrap_or(CollectionStatus::Ok));
    usage.set(inner);
}

pub(crate) async fn run(
    client: kube::Client,
    namespaces: Vec<String>,
    usage: std::sync::Arc<Usage>,
    every: Duration,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        poll_once(&client, &namespaces, &usage).await;
    }
}
