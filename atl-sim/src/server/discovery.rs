//! Discovery documents: /version, /api, /apis and the APIResourceList of each group-version.

use serde_json::{Value, json};

use crate::kinds::Kind;

/// Group-versions served, in /apis order (core "v1" is served under /api).
pub const GROUP_VERSIONS: &[(&str, &str)] = &[
    ("apps", "v1"),
    ("batch", "v1"),
    ("networking.k8s.io", "v1"),
    ("discovery.k8s.io", "v1"),
    ("policy", "v1"),
    (METRICS_GROUP, "v1beta1"),
    (AUTHZ_GROUP, "v1"),
];

/// The authorization API group (self access reviews always allow: there is no RBAC here).
pub const AUTHZ_GROUP: &str = "authorization.k8s.io";

/// The metrics API group (served from the telemetry model).
pub const METRICS_GROUP: &str = "metrics.k8s.io";

/// `GET /version`.
pub fn version() -> Value {
    json!({
        "major": "1",
        "minor": "35",
        "emulationMajor": "1",
        "emulationMinor": "35",
        "gitVersion": "v1.35.0-atl-sim",
        "gitCommit": "0000000000000000000000000000000000000000",
        "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z",
        "goVersion": "go1.25.5",
        "compiler": "gc",
        "platform": "linux/amd64"
    })
}

/// `GET /api`.
pub fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}]
    })
}

/// `GET /apis`.
pub fn api_groups() -> Value {
    let groups: Vec<Value> = GROUP_VERSIONS
        .iter()
        .map(|(g, v)| {
            let gv = json!({"groupVersion": format!("{g}/{v}"), "version": v});
            json!({"name": g, "versions": [gv.clone()], "preferredVersion": gv})
        })
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

fn categories(kind: Kind) -> Option<Vec<&'static str>> {
    matches!(
        kind,
        Kind::Pod
            | Kind::Service
            | Kind::Deployment
            | Kind::ReplicaSet
            | Kind::StatefulSet
            | Kind::DaemonSet
            | Kind::Job
            | Kind::CronJob
    )
    .then(|| vec!["all"])
}

/// `GET /api/v1` or `GET /apis/{group}/{version}`; `None` for an unknown group-version.
pub fn resource_list(group: &str, version: &str) -> Option<Value> {
    let gv = if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    };
    if group == METRICS_GROUP && version == "v1beta1" {
        let r = |name: &str, kind: &str, namespaced: bool| json!({"name": name, "singularName": "", "namespaced": namespaced, "kind": kind, "verbs": ["get", "list"]});
        return Some(json!({
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv,
            "resources": [r("nodes", "NodeMetrics", false), r("pods", "PodMetrics", true)]
        }));
    }
    if group == AUTHZ_GROUP && version == "v1" {
        return Some(json!({
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv,
            "resources": [{"name": "selfsubjectaccessreviews", "singularName": "selfsubjectaccessreview", "namespaced": false,
                           "kind": "SelfSubjectAccessReview", "verbs": ["create"]}]
        }));
    }
    let kinds: Vec<Kind> = Kind::ALL
        .iter()
        .copied()
        .filter(|k| {
            let i = k.info();
            i.group == group && i.version == version
        })
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let mut resources = Vec::new();
    for k in kinds {
        let i = k.info();
        let mut r = json!({
            "name": i.plural,
            "singularName": i.kind_name.to_lowercase(),
            "namespaced": i.namespaced,
            "kind": i.kind_name,
            "verbs": VERBS,
            "storageVersionHash": format!("{:016x}", crate::rng::hash_str(i.plural)),
        });
        if !k.short_names().is_empty() {
            r["shortNames"] = json!(k.short_names());
        }
        if let Some(c) = categories(k) {
            r["categories"] = json!(c);
        }
        resources.push(r);
        for s in k.subresources() {
            let mut sr = json!({
                "name": format!("{}/{}", i.plural, s.name),
                "singularName": "",
                "namespaced": i.namespaced,
                "kind": if s.kind.is_empty() { i.kind_name } else { s.kind },
                "verbs": s.verbs,
            });
            if !s.group.is_empty() {
                sr["group"] = json!(s.group);
                sr["version"] = json!(s.version);
            }
            resources.push(sr);
        }
    }
    Some(
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}),
    )
}
