//! `atl-agent check`: which kinds and verbs the agent's identity may use, by
//! SelfSubjectAccessReview, so RBAC problems show before the agent runs.

use atl_core::kind::ResourceKind;
use k8s_openapi::api::authorization::v1::{
    ResourceAttributes, SelfSubjectAccessReview, SelfSubjectAccessReviewSpec,
};
use kube::Api;
use kube::api::PostParams;

/// One permission the agent may need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    pub group: &'static str,
    pub resource: &'static str,
    pub subresource: Option<&'static str>,
    pub verb: &'static str,
    /// Namespace scope; `None` = cluster-wide.
    pub namespace: Option<String>,
    /// What it serves, shown to the user.
    pub purpose: &'static str,
    /// Without it the agent is useless.
    pub essential: bool,
}

/// The answer for one [`Need`].
#[derive(Debug, Clone)]
pub struct Checked {
    pub need: Need,
    pub allowed: bool,
    pub reason: String,
}

/// Everything the agent may use, for cluster-wide or per-namespace operation. Pods (list and
/// watch) are essential; everything else degrades one feature.
pub fn needs(namespaces: &[String]) -> Vec<Need> {
    let scopes: Vec<Option<String>> = if namespaces.is_empty() {
        vec![None]
    } else {
        namespaces.iter().cloned().map(Some).collect()
    };
    let mut out = Vec::new();
    for kind in ResourceKind::ALL {
        let i = kind.info();
        let kind_scopes: Vec<Option<String>> = if kind.namespaced() {
            scopes.clone()
        } else {
            vec![None]
        };
        for ns in kind_scopes {
            for verb in ["list", "watch"] {
                out.push(Need {
                    group: i.group,
                    resource: i.plural,
                    subresource: None,
                    verb,
                    namespace: ns.clone(),
                    purpose: "snapshot",
                    essential: kind == ResourceKind::Pod,
                });
            }
        }
    }
    let ops: [(&str, &str, Option<&str>, &str, &str); 12] = [
        (
            "discovery.k8s.io",
            "endpointslices",
            None,
            "list",
            "service backends",
        ),
        (
            "discovery.k8s.io",
            "endpointslices",
            None,
            "watch",
            "service backends",
        ),
        ("metrics.k8s.io", "pods", None, "list", "pod usage, top"),
        ("", "pods", None, "delete", "restart/delete pod"),
        ("", "pods", Some("log"), "get", "logs"),
        ("", "pods", Some("eviction"), "create", "drain"),
        ("apps", "deployments", None, "patch", "rollout restart"),
        ("apps", "deployments", Some("scale"), "patch", "scale"),
        ("apps", "statefulsets", Some("scale"), "patch", "scale"),
        ("apps", "replicasets", None, "list", "rollout history"),
        (
            "apps",
            "controllerrevisions",
            None,
            "list",
            "rollout history",
        ),
        ("", "events", None, "list", "events, describe"),
    ];
    for ns in &scopes {
        for (group, resource, sub, verb, purpose) in ops {
            out.push(Need {
                group,
                resource,
                subresource: sub,
                verb,
                namespace: ns.clone(),
                purpose,
                essential: false,
            });
        }
    }
    for (resource, verb, purpose) in [
        ("nodes", "patch", "cordon, uncordon, drain"),
        ("nodes", "list", "metrics: node usage"),
    ] {
        let group = if purpose.starts_with("metrics") {
            "metrics.k8s.io"
        } else {
            ""
        };
        out.push(Need {
            group,
            resource,
            subresource: None,
            verb,
            namespace: None,
            purpose,
            essential: false,
        });
    }
    out
}

/// Asks the API server about each need.
pub async fn check(client: &kube::Client, needs: Vec<Need>) -> Result<Vec<Checked>, kube::Error> {
    let api: Api<SelfSubjectAccessReview> = Api::all(client.clone());
    let mut out = Vec::with_capacity(needs.len());
    for need in needs {
        let review = SelfSubjectAccessReview {
            spec: SelfSubjectAccessReviewSpec {
                resource_attributes: Some(ResourceAttributes {
                    group: Some(need.group.to_string()),
                    resource: Some(need.resource.to_string()),
                    subresource: need.subresource.map(str::to_string),
                    verb: Some(need.verb.to_string()),
                    namespace: need.namespace.clone(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let answer = api.create(&PostParams::default(), &review).await?;
        let status = answer.status.unwrap_or_default();
        out.push(Checked {
            need,
            allowed: status.allowed,
            reason: status
                .reason
                .or(status.evaluation_error)
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

/// A table for the terminal.
pub fn render(results: &[Checked]) -> String {
    let mut s = format!(
        "{:<7} {:<6} {:<42} {:<16} {}\n",
        "ALLOWED", "VERB", "RESOURCE", "NAMESPACE", "USED FOR"
    );
    for r in results {
        let n = &r.need;
        let mut res = if n.group.is_empty() {
            n.resource.to_string()
        } else {
            format!("{}.{}", n.resource, n.group)
        };
        if let Some(sub) = n.subresource {
            res = format!("{res}/{sub}");
        }
        s.push_str(&format!(
            "{:<7} {:<6} {:<42} {:<16} {}{}\n",
            if r.allowed { "yes" } else { "NO" },
            n.verb,
            res,
            n.namespace.as_deref().unwrap_or("*"),
            n.purpose,
            if n.essential { " (essential)" } else { "" }
        ));
    }
    s
}

/// Whether every essential need is allowed.
pub fn essentials_ok(results: &[Checked]) -> bool {
    results
        .iter()
        .filter(|r| r.need.essential)
        .all(|r| r.allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(needs: Vec<Need>, deny: impl Fn(&Need) -> bool) -> Vec<Checked> {
        needs
            .into_iter()
            .map(|need| Checked {
                allowed: !deny(&need),
                reason: String::new(),
                need,
            })
            .collect()
    }

    #[test]
    fn namespaced_needs_follow_the_namespaces_and_pods_are_essential() {
        let wide = needs(&[]);
        assert!(wide.iter().all(|n| n.namespace.is_none()));
        let scoped = needs(&["a".into(), "b".into()]);
        let pod_lists: Vec<_> = scoped
            .iter()
            .filter(|n| n.resource == "pods" && n.verb == "list" && n.group.is_empty())
            .collect();
        assert_eq!(pod_lists.len(), 2);
        assert!(pod_lists.iter().all(|n| n.essential));
        // Cluster-scoped kinds stay cluster-wide.
        assert!(
            scoped
                .iter()
                .filter(|n| n.resource == "nodes")
                .all(|n| n.namespace.is_none())
        );

        let no_secrets = answer(scoped.clone(), |n| n.resource == "secrets");
        assert!(essentials_ok(&no_secrets));
        let table = render(&no_secrets);
        assert!(table.contains("NO") && table.contains("secrets"));
        let no_pods = answer(scoped, |n| n.resource == "pods" && n.verb == "watch");
        assert!(!essentials_ok(&no_pods));
    }
}
