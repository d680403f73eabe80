//! The snapshot an agent sends its master every interval.

use crate::k8s::*;
use crate::kind::ResourceKind;
use crate::telemetry::Telemetry;
use crate::{Timestamp, protocol};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole observable state of one cluster at `taken_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClusterSnapshot {
    /// Protocol version the agent speaks (see `atl_core::protocol::PROTOCOL_VERSION`).
    pub protocol: u32,
    /// The cluster this snapshot describes; must match the agent token's cluster.
    pub cluster_id: String,
    /// When the agent took the snapshot (agent clock). The AIOps engine reads time only from here.
    pub taken_at: Timestamp,
    /// The agent that sent it.
    pub agent: AgentInfo,
    /// Collection status per kind: a forbidden or failing kind does not void the rest.
    #[serde(default)]
    pub collection: BTreeMap<ResourceKind, CollectionStatus>,
    /// Kubernetes state.
    #[serde(default)]
    pub resources: Resources,
    /// Telemetry; absent when the agent has no telemetry source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telemetry: Option<Telemetry>,
}

/// Version and abilities of the agent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AgentInfo {
    /// Agent version (semver).
    pub version: String,
    /// Enabled abilities, e.g. `telemetry`, `ops`, `logs`, `metrics`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<String>,
    /// Kubernetes server version, e.g. `v1.31.2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kubernetes_version: Option<String>,
    /// Namespaces the agent is restricted to (`--namespaces`); empty means cluster-wide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<String>,
}

/// Whether a kind was collected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CollectionStatus {
    /// Collected; the list is complete.
    Ok,
    /// The agent's identity may not list or watch this kind.
    Forbidden {
        /// The API server's message.
        message: String,
    },
    /// Listing or watching failed; the list holds the last known state, if any.
    Error {
        /// What went wrong.
        message: String,
    },
    /// Not collected by configuration (e.g. metrics.k8s.io absent).
    Disabled,
}

/// The Kubernetes objects of a snapshot, one list per kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Resources {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pods: Vec<Pod>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deployments: Vec<Deployment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stateful_sets: Vec<StatefulSet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub daemon_sets: Vec<DaemonSet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replica_sets: Vec<ReplicaSet>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingresses: Vec<Ingress>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config_maps: Vec<ConfigMap>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<Secret>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namespaces: Vec<Namespace>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jobs: Vec<Job>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cron_jobs: Vec<CronJob>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persistent_volumes: Vec<PersistentVolume>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persistent_volume_claims: Vec<PersistentVolumeClaim>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_quotas: Vec<ResourceQuota>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limit_ranges: Vec<LimitRange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_policies: Vec<NetworkPolicy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_accounts: Vec<ServiceAccount>,
}

/// Any object of a snapshot, borrowed, with its kind. Lets generic code (API listing, filters,
/// JSON output) treat every kind alike without a 20-arm match in each place.
#[derive(Debug, Clone, Copy)]
pub enum ObjectRef<'a> {
    Pod(&'a Pod),
    Node(&'a Node),
    Deployment(&'a Deployment),
    StatefulSet(&'a StatefulSet),
    DaemonSet(&'a DaemonSet),
    ReplicaSet(&'a ReplicaSet),
    Service(&'a Service),
    Ingress(&'a Ingress),
    ConfigMap(&'a ConfigMap),
    Secret(&'a Secret),
    Namespace(&'a Namespace),
    Event(&'a Event),
    Job(&'a Job),
    CronJob(&'a CronJob),
    PersistentVolume(&'a PersistentVolume),
    PersistentVolumeClaim(&'a PersistentVolumeClaim),
    ResourceQuota(&'a ResourceQuota),
    LimitRange(&'a LimitRange),
    NetworkPolicy(&'a NetworkPolicy),
    ServiceAccount(&'a ServiceAccount),
}

macro_rules! each_object {
    ($self:ident, $o:ident => $body:expr) => {
        match $self {
            ObjectRef::Pod($o) => $body,
            ObjectRef::Node($o) => $body,
            ObjectRef::Deployment($o) => $body,
            ObjectRef::StatefulSet($o) => $body,
            ObjectRef::DaemonSet($o) => $body,
            ObjectRef::ReplicaSet($o) => $body,
            ObjectRef::Service($o) => $body,
            ObjectRef::Ingress($o) => $body,
            ObjectRef::ConfigMap($o) => $body,
            ObjectRef::Secret($o) => $body,
            ObjectRef::Namespace($o) => $body,
            ObjectRef::Event($o) => $body,
            ObjectRef::Job($o) => $body,
            ObjectRef::CronJob($o) => $body,
            ObjectRef::PersistentVolume($o) => $body,
            ObjectRef::PersistentVolumeClaim($o) => $body,
            ObjectRef::ResourceQuota($o) => $body,
            ObjectRef::LimitRange($o) => $body,
            ObjectRef::NetworkPolicy($o) => $body,
            ObjectRef::ServiceAccount($o) => $body,
        }
    };
}

impl<'a> ObjectRef<'a> {
    pub fn meta(self) -> &'a Meta {
        each_object!(self, o => &o.meta)
    }

    /// The object as JSON (serialisation of these plain structs cannot fail).
    pub fn to_json(self) -> serde_json::Value {
        each_object!(self, o => serde_json::to_value(o).unwrap_or(serde_json::Value::Null))
    }

    pub fn kind(self) -> ResourceKind {
        use ResourceKind as K;
        match self {
            ObjectRef::Pod(_) => K::Pod,
            ObjectRef::Node(_) => K::Node,
            ObjectRef::Deployment(_) => K::Deployment,
            ObjectRef::StatefulSet(_) => K::StatefulSet,
            ObjectRef::DaemonSet(_) => K::DaemonSet,
            ObjectRef::ReplicaSet(_) => K::ReplicaSet,
            ObjectRef::Service(_) => K::Service,
            ObjectRef::Ingress(_) => K::Ingress,
            ObjectRef::ConfigMap(_) => K::ConfigMap,
            ObjectRef::Secret(_) => K::Secret,
            ObjectRef::Namespace(_) => K::Namespace,
            ObjectRef::Event(_) => K::Event,
            ObjectRef::Job(_) => K::Job,
            ObjectRef::CronJob(_) => K::CronJob,
            ObjectRef::PersistentVolume(_) => K::PersistentVolume,
            ObjectRef::PersistentVolumeClaim(_) => K::PersistentVolumeClaim,
            ObjectRef::ResourceQuota(_) => K::ResourceQuota,
            ObjectRef::LimitRange(_) => K::LimitRange,
            ObjectRef::NetworkPolicy(_) => K::NetworkPolicy,
            ObjectRef::ServiceAccount(_) => K::ServiceAccount,
        }
    }
}

impl Resources {
    /// Every object of one kind, in snapshot order.
    pub fn objects(&self, kind: ResourceKind) -> Vec<ObjectRef<'_>> {
        use ResourceKind as K;
        fn map<'a, T>(v: &'a [T], f: fn(&'a T) -> ObjectRef<'a>) -> Vec<ObjectRef<'a>> {
            v.iter().map(f).collect()
        }
        match kind {
            K::Pod => map(&self.pods, ObjectRef::Pod),
            K::Node => map(&self.nodes, ObjectRef::Node),
            K::Deployment => map(&self.deployments, ObjectRef::Deployment),
            K::StatefulSet => map(&self.stateful_sets, ObjectRef::StatefulSet),
            K::DaemonSet => map(&self.daemon_sets, ObjectRef::DaemonSet),
            K::ReplicaSet => map(&self.replica_sets, ObjectRef::ReplicaSet),
            K::Service => map(&self.services, ObjectRef::Service),
            K::Ingress => map(&self.ingresses, ObjectRef::Ingress),
            K::ConfigMap => map(&self.config_maps, ObjectRef::ConfigMap),
            K::Secret => map(&self.secrets, ObjectRef::Secret),
            K::Namespace => map(&self.namespaces, ObjectRef::Namespace),
            K::Event => map(&self.events, ObjectRef::Event),
            K::Job => map(&self.jobs, ObjectRef::Job),
            K::CronJob => map(&self.cron_jobs, ObjectRef::CronJob),
            K::PersistentVolume => map(&self.persistent_volumes, ObjectRef::PersistentVolume),
            K::PersistentVolumeClaim => map(
                &self.persistent_volume_claims,
                ObjectRef::PersistentVolumeClaim,
            ),
            K::ResourceQuota => map(&self.resource_quotas, ObjectRef::ResourceQuota),
            K::LimitRange => map(&self.limit_ranges, ObjectRef::LimitRange),
            K::NetworkPolicy => map(&self.network_policies, ObjectRef::NetworkPolicy),
            K::ServiceAccount => map(&self.service_accounts, ObjectRef::ServiceAccount),
        }
    }

    /// Number of objects of each kind.
    pub fn counts(&self) -> BTreeMap<ResourceKind, usize> {
        ResourceKind::ALL
            .iter()
            .map(|k| (*k, self.objects(*k).len()))
            .collect()
    }
}

/// A snapshot that decoded but does not make sense.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    #[error(
        "snapshot protocol version {got} is not supported by this master (speaks {want}); upgrade the agent or the master so they match"
    )]
    Protocol { got: u32, want: u32 },
    #[error("snapshot field cluster_id is empty; start the agent with --cluster-id")]
    EmptyClusterId,
    #[error(
        "snapshot cluster_id {0:?} is invalid: use 1-63 characters of a-z, 0-9, '-', '_' or '.'"
    )]
    BadClusterId(String),
    #[error("{kind} #{index} has an empty name")]
    EmptyName { kind: ResourceKind, index: usize },
    #[error("{kind} {name:?} has no namespace, but {kind} is namespaced")]
    MissingNamespace { kind: ResourceKind, name: String },
}

/// Whether a cluster id is usable in entity keys and URLs.
pub fn valid_cluster_id(id: &str) -> bool {
    (1..=63).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

impl ClusterSnapshot {
    /// An empty snapshot of the current protocol version.
    pub fn new(cluster_id: impl Into<String>, taken_at: Timestamp) -> Self {
        ClusterSnapshot {
            protocol: protocol::PROTOCOL_VERSION,
            cluster_id: cluster_id.into(),
            taken_at,
            agent: AgentInfo::default(),
            collection: BTreeMap::new(),
            resources: Resources::default(),
            telemetry: None,
        }
    }

    /// Checks what serde cannot: protocol version, cluster id, names and namespaces.
    pub fn validate(&self) -> Result<(), SnapshotError> {
        if self.protocol != protocol::PROTOCOL_VERSION {
            return Err(SnapshotError::Protocol {
                got: self.protocol,
                want: protocol::PROTOCOL_VERSION,
            });
        }
        if self.cluster_id.is_empty() {
            return Err(SnapshotError::EmptyClusterId);
        }
        if !valid_cluster_id(&self.cluster_id) {
            return Err(SnapshotError::BadClusterId(self.cluster_id.clone()));
        }
        for kind in ResourceKind::ALL {
            for (index, o) in self.resources.objects(kind).into_iter().enumerate() {
                let m = o.meta();
                if m.name.is_empty() {
                    return Err(SnapshotError::EmptyName { kind, index });
                }
                if kind.namespaced() && m.namespace.as_deref().is_none_or(str::is_empty) {
                    return Err(SnapshotError::MissingNamespace {
                        kind,
                        name: m.name.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}
