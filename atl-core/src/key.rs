//! Entity keys: `cluster/namespace/kind/name`, `_` standing for the namespace of cluster-scoped
//! objects (`prod/_/node/worker-3`). Every key carries its cluster, so state of two clusters never
//! mixes (the original system keyed entities without the cluster).

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Namespace placeholder for cluster-scoped entities.
pub const NO_NAMESPACE: &str = "_";

/// Identity of one graph entity (pod, node, service, ingress, workload, …) across the system.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityKey {
    pub cluster: String,
    /// Namespace, or `_` for cluster-scoped objects.
    pub namespace: String,
    /// Lower-case kind: `pod`, `node`, `service`, `ingress`, `deployment`, …
    pub kind: String,
    pub name: String,
}

impl EntityKey {
    pub fn new(
        cluster: impl Into<String>,
        namespace: Option<&str>,
        kind: impl Into<String>,
        name: impl Into<String>,
    ) -> Self {
        let namespace = match namespace {
            Some(ns) if !ns.is_empty() => ns.to_string(),
            _ => NO_NAMESPACE.to_string(),
        };
        EntityKey {
            cluster: cluster.into(),
            namespace,
            kind: kind.into(),
            name: name.into(),
        }
    }

    /// Namespace, or `None` for cluster-scoped entities.
    pub fn namespace(&self) -> Option<&str> {
        (self.namespace != NO_NAMESPACE).then_some(self.namespace.as_str())
    }
}

impl fmt::Display for EntityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.cluster, self.namespace, self.kind, self.name
        )
    }
}

/// The text is not `cluster/namespace/kind/name`.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "invalid entity key {0:?}: expected cluster/namespace/kind/name (use _ as the namespace of cluster-scoped objects)"
)]
pub struct InvalidKey(pub String);

impl FromStr for EntityKey {
    type Err = InvalidKey;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Names never contain '/', so exactly four non-empty parts are required.
        let parts: Vec<&str> = s.split('/').collect();
        match parts.as_slice() {
            [c, ns, k, n] if [c, ns, k, n].iter().all(|p| !p.is_empty()) => Ok(EntityKey {
                cluster: c.to_string(),
                namespace: ns.to_string(),
                kind: k.to_string(),
                name: n.to_string(),
            }),
            _ => Err(InvalidKey(s.to_string())),
        }
    }
}

impl Serialize for EntityKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EntityKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for EntityKey {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EntityKey".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "cluster/namespace/kind/name; `_` is the namespace of cluster-scoped objects",
            "pattern": "^[^/]+/[^/]+/[^/]+/[^/]+$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_scoped_keys_use_underscore() {
        let k = EntityKey::new("prod", None, "node", "worker-3");
        assert_eq!(k.to_string(), "prod/_/node/worker-3");
        assert_eq!(k.namespace(), None);
        let back: EntityKey = "prod/_/node/worker-3"
            .parse()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, k);
    }

    #[test]
    fn rejects_malformed_keys() {
        for bad in ["", "a/b/c", "a/b/c/d/e", "a//c/d"] {
            assert!(bad.parse::<EntityKey>().is_err(), "{bad}");
        }
    }

    #[test]
    fn serialises_as_string() {
        let k = EntityKey::new("c1", Some("shop"), "pod", "api-1");
        let j = serde_json::to_string(&k).unwrap_or_default();
        assert_eq!(j, "\"c1/shop/pod/api-1\"");
        let back: EntityKey = serde_json::from_str(&j).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, k);
    }
}
