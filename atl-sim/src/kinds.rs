//! The object kinds the simulator stores, with their REST metadata, and a generic dispatch from a
//! runtime [`Kind`] to code that is generic over the typed k8s-openapi object.

use std::any::TypeId;

use k8s_openapi::NamespaceResourceScope;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::store::KindStore;

/// A typed Kubernetes object the simulator can store.
pub trait SimKind:
    k8s_openapi::Resource
    + k8s_openapi::ListableResource
    + k8s_openapi::Metadata<Ty = ObjectMeta>
    + Clone
    + PartialEq
    + Default
    + Serialize
    + DeserializeOwned
    + Send
    + Sync
    + 'static
{
    /// The runtime tag of this type.
    const SIM_KIND: Kind;
    /// This kind's store inside [`Objects`].
    fn store(objects: &Objects) -> &KindStore<Self>;
    /// This kind's store inside [`Objects`], mutable.
    fn store_mut(objects: &mut Objects) -> &mut KindStore<Self>;
}

/// Code that runs for one statically known kind; see [`Kind::dispatch`].
pub trait KindVisitor {
    /// What the visit returns.
    type Out;
    /// Runs with `K` the typed object of the dispatched kind.
    fn visit<K: SimKind>(self) -> Self::Out;
}

macro_rules! kinds {
    ($( $variant:ident, $field:ident, $ty:path, [$($short:literal),*]; )*) => {
        /// Every kind the simulator serves.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind { $( #[doc = stringify!($ty)] $variant, )* }

        /// One store per kind.
        #[derive(Debug, Default, Clone)]
        pub struct Objects { $( #[doc = stringify!($ty)] pub $field: KindStore<$ty>, )* }

        $(
            impl SimKind for $ty {
                const SIM_KIND: Kind = Kind::$variant;
                fn store(objects: &Objects) -> &KindStore<Self> { &objects.$field }
                fn store_mut(objects: &mut Objects) -> &mut KindStore<Self> { &mut objects.$field }
            }
        )*

        impl Kind {
            /// All kinds, in a fixed order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// Runs `v` with the typed object of this kind.
            pub fn dispatch<V: KindVisitor>(self, v: V) -> V::Out {
                match self { $( Kind::$variant => v.visit::<$ty>(), )* }
            }

            /// kubectl short names.
            pub fn short_names(self) -> &'static [&'static str] {
                match self { $( Kind::$variant => &[$($short),*], )* }
            }
        }
    };
}

use k8s_openapi::api::{apps, batch, core, discovery, networking, policy};

kinds! {
    Namespace, namespaces, core::v1::Namespace, ["ns"];
    Node, nodes, core::v1::Node, ["no"];
    Pod, pods, core::v1::Pod, ["po"];
    Service, services, core::v1::Service, ["svc"];
    ConfigMap, config_maps, core::v1::ConfigMap, ["cm"];
    Secret, secrets, core::v1::Secret, [];
    ServiceAccount, service_accounts, core::v1::ServiceAccount, ["sa"];
    PersistentVolume, persistent_volumes, core::v1::PersistentVolume, ["pv"];
    PersistentVolumeClaim, persistent_volume_claims, core::v1::PersistentVolumeClaim, ["pvc"];
    ResourceQuota, resource_quotas, core::v1::ResourceQuota, ["quota"];
    LimitRange, limit_ranges, core::v1::LimitRange, ["limits"];
    Event, events, core::v1::Event, ["ev"];
    Deployment, deployments, apps::v1::Deployment, ["deploy"];
    ReplicaSet, replica_sets, apps::v1::ReplicaSet, ["rs"];
    StatefulSet, stateful_sets, apps::v1::StatefulSet, ["sts"];
    DaemonSet, daemon_sets, apps::v1::DaemonSet, ["ds"];
    Job, jobs, batch::v1::Job, [];
    CronJob, cron_jobs, batch::v1::CronJob, ["cj"];
    Ingress, ingresses, networking::v1::Ingress, ["ing"];
    NetworkPolicy, network_policies, networking::v1::NetworkPolicy, ["netpol"];
    EndpointSlice, endpoint_slices, discovery::v1::EndpointSlice, [];
    PodDisruptionBudget, pod_disruption_budgets, policy::v1::PodDisruptionBudget, ["pdb"];
}

/// REST facts about a kind, read from its k8s-openapi type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindInfo {
    /// The runtime tag.
    pub kind: Kind,
    /// API group ("" for core).
    pub group: &'static str,
    /// API version ("v1").
    pub version: &'static str,
    /// `group/version` or `v1`.
    pub api_version: &'static str,
    /// The object kind ("Pod").
    pub kind_name: &'static str,
    /// The list kind ("PodList").
    pub list_kind: &'static str,
    /// URL plural ("pods").
    pub plural: &'static str,
    /// Whether objects live in a namespace.
    pub namespaced: bool,
}

struct InfoVisitor;
impl KindVisitor for InfoVisitor {
    type Out = KindInfo;
    fn visit<K: SimKind>(self) -> KindInfo {
        KindInfo {
            kind: K::SIM_KIND,
            group: K::GROUP,
            version: K::VERSION,
            api_version: K::API_VERSION,
            kind_name: <K as k8s_openapi::Resource>::KIND,
            list_kind: K::LIST_KIND,
            plural: K::URL_PATH_SEGMENT,
            namespaced: TypeId::of::<K::Scope>() == TypeId::of::<NamespaceResourceScope>(),
        }
    }
}

impl Kind {
    /// REST facts of this kind.
    pub fn info(self) -> KindInfo {
        self.dispatch(InfoVisitor)
    }

    /// Finds the kind served at `group/version/plural`.
    pub fn from_path(group: &str, version: &str, plural: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| {
            let i = k.info();
            i.group == group && i.version == version && i.plural == plural
        })
    }

    /// Subresources served for this kind, as `(name, kind of the subresource object, group, version, verbs)`.
    pub fn subresources(self) -> &'static [Subresource] {
        const STATUS: Subresource = Subresource {
            name: "status",
            kind: "",
            group: "",
            version: "",
            verbs: &["get", "patch", "update"],
        };
        const SCALE: Subresource = Subresource {
            name: "scale",
            kind: "Scale",
            group: "autoscaling",
            version: "v1",
            verbs: &["get", "patch", "update"],
        };
        match self {
            Kind::Pod => &[
                STATUS,
                Subresource {
                    name: "log",
                    kind: "Pod",
                    group: "",
                    version: "",
                    verbs: &["get"],
                },
                Subresource {
                    name: "eviction",
                    kind: "Eviction",
                    group: "policy",
                    version: "v1",
                    verbs: &["create"],
                },
            ],
            Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet => &[STATUS, SCALE],
            Kind::Node
            | Kind::Service
            | Kind::DaemonSet
            | Kind::Job
            | Kind::CronJob
            | Kind::PersistentVolume
            | Kind::PersistentVolumeClaim
            | Kind::ResourceQuota
            | Kind::Ingress
            | Kind::PodDisruptionBudget
            | Kind::Namespace => &[STATUS],
            _ => &[],
        }
    }
}

/// One subresource of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subresource {
    /// Path segment ("scale").
    pub name: &'static str,
    /// Object kind of the subresource ("" = same as the parent).
    pub kind: &'static str,
    /// Group of the subresource object ("" = same as the parent).
    pub group: &'static str,
    /// Version of the subresource object ("" = same as the parent).
    pub version: &'static str,
    /// Supported verbs.
    pub verbs: &'static [&'static str],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_comes_from_the_types() {
        let p = Kind::Pod.info();
        assert_eq!(
            (p.plural, p.api_version, p.namespaced),
            ("pods", "v1", true)
        );
        let n = Kind::Node.info();
        assert!(!n.namespaced);
        assert_eq!(
            Kind::from_path("apps", "v1", "deployments"),
            Some(Kind::Deployment)
        );
        assert_eq!(Kind::Deployment.info().list_kind, "DeploymentList");
    }
}
