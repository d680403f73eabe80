use atl_core::Timestamp;
use atl_core::k8s::{
    Condition, ConditionStatus, LAST_APPLIED_ANNOTATION, Meta, OwnerRef, Selector,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, Time};
use std::collections::BTreeMap;

/// A Kubernetes timestamp as chrono UTC.
pub fn time(t: &Time) -> Option<Timestamp> {
    jiff_to_chrono(&t.0)
}

pub(crate) fn jiff_to_chrono(t: &k8s_openapi::jiff::Timestamp) -> Option<Timestamp> {
    let nanos = u32::try_from(t.subsec_nanosecond()).unwrap_or(0);
    chrono::DateTime::from_timestamp(t.as_second(), nanos)
}

pub(crate) fn opt_time(t: Option<&Time>) -> Option<Timestamp> {
    t.and_then(time)
}

/// Identity, labels, annotations (without last-applied-configuration) and the controlling owner.
/// managedFields are dropped simply by never being read.
pub fn convert_meta(m: &ObjectMeta) -> Meta {
    let annotations: BTreeMap<String, String> = m
        .annotations
        .iter()
        .flatten()
        .filter(|(k, _)| k.as_str() != LAST_APPLIED_ANNOTATION)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let owners = m.owner_references.as_deref().unwrap_or_default();
    let owner = owners
        .iter()
        .find(|o| o.controller == Some(true))
        .or_else(|| owners.first())
        .map(|o| OwnerRef {
            kind: o.kind.clone(),
            name: o.name.clone(),
        });
    Meta {
        name: m.name.clone().unwrap_or_default(),
        namespace: m.namespace.clone().filter(|n| !n.is_empty()),
        uid: m.uid.clone().unwrap_or_default(),
        labels: m.labels.clone().unwrap_or_default(),
        annotations,
        created_at: opt_time(m.creation_timestamp.as_ref()),
        owner,
        deleting_since: opt_time(m.deletion_timestamp.as_ref()),
    }
}

/// A label selector with deterministic expression text (`key in (a,b)`, `key notin (a)`,
/// `key`, `!key`), expressions sorted, values sorted — unlike the original's map order.
pub fn selector(s: Option<&LabelSelector>) -> Selector {
    let Some(s) = s else {
        return Selector::default();
    };
    let mut exprs: Vec<String> = s
        .match_expressions
        .iter()
        .flatten()
        .map(|e| {
            let mut values = e.values.clone().unwrap_or_default();
            values.sort();
            let set = values.join(",");
            match e.operator.as_str() {
                "In" => format!("{} in ({set})", e.key),
                "NotIn" => format!("{} notin ({set})", e.key),
                "Exists" => e.key.clone(),
                "DoesNotExist" => format!("!{}", e.key),
                other => format!("{} {other} ({set})", e.key),
            }
        })
        .collect();
    exprs.sort();
    Selector {
        match_labels: s.match_labels.clone().unwrap_or_default(),
        match_expressions: exprs,
    }
}

/// The fields every Kubernetes condition type shares.
pub(crate) trait K8sCondition {
    fn parts(&self) -> (&str, &str, Option<&String>, Option<&String>, Option<&Time>);
}

macro_rules! impl_condition {
    ($($t:ty),*) => {$(
        impl K8sCondition for $t {
            fn parts(&self) -> (&str, &str, Option<&String>, Option<&String>, Option<&Time>) {
                (&self.type_, &self.status, self.reason.as_ref(), self.message.as_ref(),
                 self.last_transition_time.as_ref())
            }
        }
    )*};
}

impl_condition!(
    k8s_openapi::api::core::v1::PodCondition,
    k8s_openapi::api::core::v1::NodeCondition,
    k8s_openapi::api::apps::v1::DeploymentCondition,
    k8s_openapi::api::batch::v1::JobCondition
);

pub(crate) fn conditions<C: K8sCondition>(cs: Option<&Vec<C>>) -> Vec<Condition> {
    cs.into_iter()
        .flatten()
        .map(|c| {
            let (type_, status, reason, message, at) = c.parts();
            Condition {
                type_: type_.to_string(),
                status: ConditionStatus::from_k8s(status),
                reason: reason.filter(|r| !r.is_empty()).cloned(),
                message: message.filter(|m| !m.is_empty()).cloned(),
                last_transition: opt_time(at),
            }
        })
        .collect()
}

pub(crate) fn non_empty(s: Option<&String>) -> Option<String> {
    s.filter(|v| !v.is_empty()).cloned()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
        LabelSelectorRequirement, OwnerReference,
    };

    #[test]
    fn drops_last_applied_and_prefers_controller_owner() {
        let m = ObjectMeta {
            name: Some("web".into()),
            namespace: Some("shop".into()),
            annotations: Some(BTreeMap::from([
                (
                    LAST_APPLIED_ANNOTATION.to_string(),
                    "{\"secret\":1}".to_string(),
                ),
                ("team".to_string(), "a".to_string()),
            ])),
            owner_references: Some(vec![
                OwnerReference {
                    kind: "Other".into(),
                    name: "x".into(),
                    ..Default::default()
                },
                OwnerReference {
                    kind: "ReplicaSet".into(),
                    name: "web-1".into(),
                    controller: Some(true),
                    ..Default::default()
                },
            ]),
            ..Default::default()
        };
        let meta = convert_meta(&m);
        assert_eq!(meta.annotations.len(), 1);
        assert!(!meta.annotations.contains_key(LAST_APPLIED_ANNOTATION));
        assert_eq!(meta.owner.unwrap().name, "web-1");
    }

    #[test]
    fn selector_text_is_deterministic() {
        let req = |k: &str, op: &str, v: &[&str]| LabelSelectorRequirement {
            key: k.into(),
            operator: op.into(),
            values: Some(v.iter().map(|s| s.to_string()).collect()),
        };
        let a = LabelSelector {
            match_labels: Some(BTreeMap::from([
                ("z".to_string(), "1".to_string()),
                ("a".to_string(), "2".to_string()),
            ])),
            match_expressions: Some(vec![
                req("tier", "NotIn", &["db"]),
                req("env", "In", &["stage", "prod"]),
                req("canary", "DoesNotExist", &[]),
            ]),
        };
        let mut b = a.clone();
        b.match_expressions.as_mut().unwrap().reverse();
        let (sa, sb) = (selector(Some(&a)), selector(Some(&b)));
        assert_eq!(sa, sb);
        assert_eq!(
            sa.to_text(),
            "a=2,z=1,!canary,env in (prod,stage),tier notin (db)"
        );
        let labels = BTreeMap::from([
            ("a".to_string(), "2".to_string()),
            ("z".to_string(), "1".to_string()),
            ("env".to_string(), "prod".to_string()),
        ]);
        assert!(sa.matches(&labels));
    }
}
