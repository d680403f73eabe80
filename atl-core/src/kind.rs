//! The Kubernetes kinds atl knows, with the names users type for them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One of the 20 Kubernetes kinds a snapshot carries.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Pod,
    Node,
    Deployment,
    StatefulSet,
    DaemonSet,
    ReplicaSet,
    Service,
    Ingress,
    ConfigMap,
    Secret,
    Namespace,
    Event,
    Job,
    CronJob,
    PersistentVolume,
    PersistentVolumeClaim,
    ResourceQuota,
    LimitRange,
    NetworkPolicy,
    ServiceAccount,
}

/// Static facts about a kind: its Kubernetes name, API group/version, plural and aliases.
#[derive(Debug, Clone, Copy)]
pub struct KindInfo {
    pub kind: ResourceKind,
    /// Kubernetes `kind` (e.g. `Deployment`).
    pub name: &'static str,
    /// API group; empty for the core group.
    pub group: &'static str,
    pub version: &'static str,
    /// Resource name in URLs (e.g. `deployments`).
    pub plural: &'static str,
    /// Short names kubectl accepts (e.g. `deploy`).
    pub short: &'static [&'static str],
    pub namespaced: bool,
}

const INFOS: [KindInfo; 20] = {
    use ResourceKind as K;
    const fn i(
        kind: ResourceKind,
        name: &'static str,
        group: &'static str,
        plural: &'static str,
        short: &'static [&'static str],
        namespaced: bool,
    ) -> KindInfo {
        KindInfo {
            kind,
            name,
            group,
            version: "v1",
            plural,
            short,
            namespaced,
        }
    }
    [
        i(K::Pod, "Pod", "", "pods", &["po"], true),
        i(K::Node, "Node", "", "nodes", &["no"], false),
        i(
            K::Deployment,
            "Deployment",
            "apps",
            "deployments",
            &["deploy"],
            true,
        ),
        i(
            K::StatefulSet,
            "StatefulSet",
            "apps",
            "statefulsets",
            &["sts"],
            true,
        ),
        i(
            K::DaemonSet,
            "DaemonSet",
            "apps",
            "daemonsets",
            &["ds"],
            true,
        ),
        i(
            K::ReplicaSet,
            "ReplicaSet",
            "apps",
            "replicasets",
            &["rs"],
            true,
        ),
        i(K::Service, "Service", "", "services", &["svc"], true),
        i(
            K::Ingress,
            "Ingress",
            "networking.k8s.io",
            "ingresses",
            &["ing"],
            true,
        ),
        i(K::ConfigMap, "ConfigMap", "", "configmaps", &["cm"], true),
        i(K::Secret, "Secret", "", "secrets", &[], true),
        i(K::Namespace, "Namespace", "", "namespaces", &["ns"], false),
        i(K::Event, "Event", "", "events", &["ev"], true),
        i(K::Job, "Job", "batch", "jobs", &[], true),
        i(K::CronJob, "CronJob", "batch", "cronjobs", &["cj"], true),
        i(
            K::PersistentVolume,
            "PersistentVolume",
            "",
            "persistentvolumes",
            &["pv"],
            false,
        ),
        i(
            K::PersistentVolumeClaim,
            "PersistentVolumeClaim",
            "",
            "persistentvolumeclaims",
            &["pvc"],
            true,
        ),
        i(
            K::ResourceQuota,
            "ResourceQuota",
            "",
            "resourcequotas",
            &["quota"],
            true,
        ),
        i(
            K::LimitRange,
            "LimitRange",
            "",
            "limitranges",
            &["limits"],
            true,
        ),
        i(
            K::NetworkPolicy,
            "NetworkPolicy",
            "networking.k8s.io",
            "networkpolicies",
            &["netpol"],
            true,
        ),
        i(
            K::ServiceAccount,
            "ServiceAccount",
            "",
            "serviceaccounts",
            &["sa"],
            true,
        ),
    ]
};

impl ResourceKind {
    pub const ALL: [ResourceKind; 20] = {
        let mut out = [ResourceKind::Pod; 20];
        let mut i = 0;
        while i < 20 {
            out[i] = INFOS[i].kind;
            i += 1;
        }
        out
    };

    pub fn info(self) -> &'static KindInfo {
        // INFOS is ordered like the enum, so the discriminant is the index.
        &INFOS[self as usize]
    }

    /// Kubernetes `kind` name, e.g. `StatefulSet`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Plural resource name, e.g. `statefulsets`.
    pub fn plural(self) -> &'static str {
        self.info().plural
    }

    /// Lower-case singular used in entity keys, e.g. `statefulset`.
    pub fn key_name(self) -> String {
        self.info().name.to_ascii_lowercase()
    }

    pub fn namespaced(self) -> bool {
        self.info().namespaced
    }

    /// `apiVersion` as Kubernetes writes it (`v1`, `apps/v1`).
    pub fn api_version(self) -> String {
        let i = self.info();
        if i.group.is_empty() {
            i.version.to_string()
        } else {
            format!("{}/{}", i.group, i.version)
        }
    }
}

impl fmt::Display for ResourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text names no kind atl knows.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "unknown resource kind {0:?}: try one of pods, nodes, deployments, statefulsets, daemonsets, replicasets, services, ingresses, configmaps, secrets, namespaces, events, jobs, cronjobs, pv, pvc, resourcequotas, limitranges, networkpolicies, serviceaccounts"
)]
pub struct UnknownKind(pub String);

impl FromStr for ResourceKind {
    type Err = UnknownKind;

    /// Accepts what kubectl accepts: `Pod`, `pod`, `pods`, `po`, `deployments.apps`, …
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let base = lower.split('.').next().unwrap_or_default();
        INFOS
            .iter()
            .find(|i| {
                let singular = i.name.to_ascii_lowercase();
                base == singular || base == i.plural || i.short.contains(&base)
            })
            .map(|i| i.kind)
            .ok_or_else(|| UnknownKind(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infos_are_in_enum_order() {
        for (i, k) in ResourceKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(k.info().kind, *k);
        }
    }

    #[test]
    fn parses_kubectl_spellings() {
        assert_eq!("po".parse::<ResourceKind>().ok(), Some(ResourceKind::Pod));
        assert_eq!(
            "Deployments.apps".parse::<ResourceKind>().ok(),
            Some(ResourceKind::Deployment)
        );
        assert_eq!(
            "pvc".parse::<ResourceKind>().ok(),
            Some(ResourceKind::PersistentVolumeClaim)
        );
        assert_eq!(
            "netpol".parse::<ResourceKind>().ok(),
            Some(ResourceKind::NetworkPolicy)
        );
        assert!("widgets".parse::<ResourceKind>().is_err());
        assert_eq!(ResourceKind::Ingress.api_version(), "networking.k8s.io/v1");
        assert_eq!(ResourceKind::Pod.api_version(), "v1");
    }
}
