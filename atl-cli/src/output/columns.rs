//! Kind names and kubectl-like columns for each kind.
//!
//! Objects arrive as JSON in atl-core's snapshot model (`atl_core::k8s`); each known kind is
//! decoded into its typed struct for the columns kubectl users expect. Anything that does not
//! decode (a newer master, an unknown kind) falls back to NAME and AGE from `meta`.

use atl_core::ResourceKind;
use atl_core::k8s::{self, ConditionStatus};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::age::human_duration;
use super::table::{Cell, Table, Tone};

/// A resource as returned by the master, tagged with the cluster it came from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Item {
    pub cluster: String,
    pub object: Value,
}

/// `-o json|yaml` shape of a listing. Borrows the items: a 10k-object list is serialised
/// straight from the decoded answer, never copied into another `Value` tree first.
#[derive(Debug, serde::Serialize)]
pub struct List<'a> {
    pub kind: &'static str,
    pub items: &'a [Item],
}

impl<'a> List<'a> {
    pub fn of(items: &'a [Item]) -> Self {
        List {
            kind: "List",
            items,
        }
    }
}

pub fn name_of(v: &Value) -> String {
    v.pointer("/meta/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

pub fn namespace_of(v: &Value) -> String {
    v.pointer("/meta/namespace")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn age(t: Option<DateTime<Utc>>, now: DateTime<Utc>) -> String {
    t.map_or_else(
        || "<unknown>".into(),
        |t| human_duration(now.signed_duration_since(t)),
    )
}

fn meta_age(v: &Value, now: DateTime<Utc>) -> String {
    let t = v
        .pointer("/meta/created_at")
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc));
    age(t, now)
}

fn or_none(s: impl Into<String>) -> String {
    let s = s.into();
    if s.is_empty() { "<none>".into() } else { s }
}

pub fn status_tone(status: &str) -> Tone {
    match status {
        "Running" | "Ready" | "Succeeded" | "Completed" | "Active" | "Bound" | "online"
        | "Available" => Tone::Good,
        "Pending" | "ContainerCreating" | "PodInitializing" | "Terminating" | "Unknown"
        | "stale" => Tone::Warn,
        s if s.starts_with("Ready,") || s.starts_with("Init:") => Tone::Warn,
        _ => Tone::Bad,
    }
}

fn toned(s: String) -> Cell {
    let tone = status_tone(&s);
    Cell::toned(s, tone)
}

fn template_cols(t: &k8s::PodTemplate) -> [Cell; 2] {
    let names: Vec<&str> = t.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = t.containers.iter().map(|c| c.image.as_str()).collect();
    [
        or_none(names.join(",")).into(),
        or_none(images.join(",")).into(),
    ]
}

fn decode<T: DeserializeOwned>(v: &Value) -> Option<T> {
    T::deserialize(v).ok()
}

/// Headers (normal, extra for wide) of a kind.
fn headers(kind: Option<ResourceKind>) -> (&'static [&'static str], &'static [&'static str]) {
    use ResourceKind as K;
    match kind {
        Some(K::Pod) => (
            &["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            &["IP", "NODE"],
        ),
        Some(K::Deployment) => (
            &["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            &["CONTAINERS", "IMAGES", "SELECTOR"],
        ),
        Some(K::StatefulSet) => (&["NAME", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        Some(K::DaemonSet) => (
            &[
                "NAME",
                "DESIRED",
                "CURRENT",
                "READY",
                "UP-TO-DATE",
                "AVAILABLE",
                "AGE",
            ],
            &["CONTAINERS", "IMAGES"],
        ),
        Some(K::ReplicaSet) => (&["NAME", "DESIRED", "READY", "AVAILABLE", "AGE"], &[]),
        Some(K::Node) => (
            &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            &[
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ],
        ),
        Some(K::Service) => (
            &[
                "NAME",
                "TYPE",
                "CLUSTER-IP",
                "EXTERNAL-IP",
                "PORT(S)",
                "AGE",
            ],
            &["SELECTOR"],
        ),
        Some(K::Namespace) => (&["NAME", "STATUS", "AGE"], &[]),
        Some(K::Event) => (&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &[]),
        _ => (&["NAME", "AGE"], &[]),
    }
}

/// One row (normal columns, then the wide ones when `wide`); `None` when the object does not
/// decode as `kind`, in which case the caller falls back to NAME/AGE.
fn row(kind: ResourceKind, o: &Value, wide: bool, now: DateTime<Utc>) -> Option<Vec<Cell>> {
    use ResourceKind as K;
    let mut r: Vec<Cell>;
    match kind {
        K::Pod => {
            let p: k8s::Pod = decode(o)?;
            let status = if p.meta.deleting_since.is_some() {
                "Terminating".to_string()
            } else {
                p.status_text().to_string()
            };
            r = vec![
                p.meta.name.clone().into(),
                p.ready_text().into(),
                toned(status),
                p.restarts.to_string().into(),
                age(p.meta.created_at, now).into(),
            ];
            if wide {
                r.push(or_none(p.ip.unwrap_or_default()).into());
                r.push(or_none(p.node.unwrap_or_default()).into());
            }
        }
        K::Deployment => {
            let d: k8s::Deployment = decode(o)?;
            r = vec![
                d.meta.name.clone().into(),
                format!("{}/{}", d.ready, d.replicas).into(),
                d.updated.to_string().into(),
                d.available.to_string().into(),
                age(d.meta.created_at, now).into(),
            ];
            if wide {
                r.extend(template_cols(&d.template));
                r.push(or_none(d.selector.to_text()).into());
            }
        }
        K::StatefulSet => {
            let d: k8s::StatefulSet = decode(o)?;
            r = vec![
                d.meta.name.clone().into(),
                format!("{}/{}", d.ready, d.replicas).into(),
                age(d.meta.created_at, now).into(),
            ];
            if wide {
                r.extend(template_cols(&d.template));
            }
        }
        K::DaemonSet => {
            let d: k8s::DaemonSet = decode(o)?;
            r = vec![d.meta.name.clone().into()];
            r.extend(
                [d.desired, d.current, d.ready, d.updated, d.available]
                    .map(|n| Cell::from(n.to_string())),
            );
            r.push(age(d.meta.created_at, now).into());
            if wide {
                r.extend(template_cols(&d.template));
            }
        }
        K::ReplicaSet => {
            let d: k8s::ReplicaSet = decode(o)?;
            r = vec![d.meta.name.clone().into()];
            r.extend([d.replicas, d.ready, d.available].map(|n| Cell::from(n.to_string())));
            r.push(age(d.meta.created_at, now).into());
        }
        K::Node => {
            let n: k8s::Node = decode(o)?;
            let mut status = match n.ready {
                ConditionStatus::True => "Ready",
                ConditionStatus::False => "NotReady",
                ConditionStatus::Unknown => "Unknown",
            }
            .to_string();
            if n.unschedulable {
                status.push_str(",SchedulingDisabled");
            }
            r = vec![
                n.meta.name.clone().into(),
                toned(status),
                or_none(n.roles.join(",")).into(),
                age(n.meta.created_at, now).into(),
                or_none(n.info.kubelet_version.clone()).into(),
            ];
            if wide {
                r.push(or_none(n.internal_ip.unwrap_or_default()).into());
                r.push(or_none(n.external_ip.unwrap_or_default()).into());
                r.push(or_none(n.info.os_image).into());
                r.push(or_none(n.info.kernel_version).into());
                r.push(or_none(n.info.container_runtime).into());
            }
        }
        K::Service => {
            let s: k8s::Service = decode(o)?;
            let ports: Vec<String> = s
                .ports
                .iter()
                .map(|p| match p.node_port {
                    Some(np) => format!("{}:{np}/{}", p.port, p.protocol),
                    None => format!("{}/{}", p.port, p.protocol),
                })
                .collect();
            r = vec![
                s.meta.name.clone().into(),
                s.type_.clone().into(),
                or_none(s.cluster_ip.clone().unwrap_or_default()).into(),
                or_none(s.load_balancer.join(",")).into(),
                or_none(ports.join(",")).into(),
                age(s.meta.created_at, now).into(),
            ];
            if wide {
                let sel: Vec<String> = s.selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
                r.push(or_none(sel.join(",")).into());
            }
        }
        K::Namespace => {
            let n: k8s::Namespace = decode(o)?;
            r = vec![
                n.meta.name.clone().into(),
                toned(n.phase),
                age(n.meta.created_at, now).into(),
            ];
        }
        K::Event => {
            let e: k8s::Event = decode(o)?;
            let tone = if e.is_warning() {
                Tone::Warn
            } else {
                Tone::Plain
            };
            let object = format!(
                "{}/{}",
                e.involved.kind.to_ascii_lowercase(),
                e.involved.name
            );
            r = vec![
                age(e.last_seen.or(e.first_seen).or(e.meta.created_at), now).into(),
                Cell::toned(e.type_.clone(), tone),
                e.reason.clone().into(),
                object.into(),
                e.message.clone().into(),
            ];
        }
        _ => return None,
    }
    Some(r)
}

/// Builds the table for `kind`. Adds NAMESPACE when `all_namespaces` (namespaced kinds), and
/// CLUSTER first when the items span more than one cluster.
pub fn resource_table(
    kind: Option<ResourceKind>,
    items: &[Item],
    wide: bool,
    all_namespaces: bool,
    now: DateTime<Utc>,
) -> Table {
    let (normal, extra) = headers(kind);
    let mut t = Table::new(normal.iter().copied());
    if wide {
        t.headers.extend(extra.iter().map(|h| (*h).to_string()));
    }
    let width = t.headers.len();
    for it in items {
        let decoded = kind.and_then(|k| row(k, &it.object, wide, now));
        let mut cells = decoded
            .unwrap_or_else(|| vec![name_of(&it.object).into(), meta_age(&it.object, now).into()]);
        cells.resize(width, Cell::from(""));
        t.push(cells);
    }
    if all_namespaces && kind.is_none_or(ResourceKind::namespaced) {
        let ns = items.iter().map(|i| namespace_of(&i.object)).collect();
        t.insert_column(0, "NAMESPACE", ns);
    }
    add_cluster_column(&mut t, items.iter().map(|i| i.cluster.as_str()));
    t
}

/// Inserts CLUSTER as the first column when the rows come from more than one cluster.
pub fn add_cluster_column<'a>(t: &mut Table, clusters: impl Iterator<Item = &'a str> + Clone) {
    let mut distinct: Vec<&str> = clusters.clone().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        t.insert_column(0, "CLUSTER", clusters.map(str::to_string).collect());
    }
}

/// `-o name` lines: `pod/web-0`, or `CLUSTER/pod/web-0` when several clusters are involved.
pub fn names(kind: &str, items: &[Item]) -> Vec<String> {
    let multi = items.windows(2).any(|w| w[0].cluster != w[1].cluster);
    items
        .iter()
        .map(|i| {
            let n = name_of(&i.object);
            if multi {
                format!("{}/{kind}/{n}", i.cluster)
            } else {
                format!("{kind}/{n}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn pod(cluster: &str, name: &str) -> Item {
        let mut p = k8s::Pod {
            meta: k8s::Meta::namespaced(name, "default"),
            node: Some("node-a".into()),
            phase: k8s::PodPhase::Running,
            reason: Some("CrashLoopBackOff".into()),
            ready_containers: 1,
            total_containers: 2,
            restarts: 3,
            ip: Some("10.0.0.7".into()),
            ..Default::default()
        };
        p.meta.created_at = Some(Utc::now() - chrono::TimeDelta::seconds(300));
        Item {
            cluster: cluster.into(),
            object: serde_json::to_value(p).unwrap(),
        }
    }

    #[test]
    fn pod_columns_like_kubectl() {
        let t = resource_table(
            Some(ResourceKind::Pod),
            &[pod("a", "web-0")],
            true,
            false,
            Utc::now(),
        );
        assert_eq!(
            t.headers,
            ["NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"]
        );
        let r: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            r,
            [
                "web-0",
                "1/2",
                "CrashLoopBackOff",
                "3",
                "5m",
                "10.0.0.7",
                "node-a"
            ]
        );
        assert_eq!(t.rows[0][2].tone, Tone::Bad);
    }

    #[test]
    fn cluster_column_only_for_many_clusters() {
        let one = resource_table(
            Some(ResourceKind::Pod),
            &[pod("a", "x"), pod("a", "y")],
            false,
            true,
            Utc::now(),
        );
        assert_eq!(one.headers[0], "NAMESPACE");
        let two = resource_table(
            Some(ResourceKind::Pod),
            &[pod("a", "x"), pod("b", "y")],
            false,
            true,
            Utc::now(),
        );
        assert_eq!(&two.headers[..3], ["CLUSTER", "NAMESPACE", "NAME"]);
        assert_eq!(two.rows[1][0].text, "b");
        assert_eq!(
            names("pod", &[pod("a", "x"), pod("b", "y")]),
            ["a/pod/x", "b/pod/y"]
        );
        assert_eq!(names("pod", &[pod("a", "x")]), ["pod/x"]);
    }

    #[test]
    fn node_status_and_roles() {
        let n = k8s::Node {
            meta: k8s::Meta::cluster_scoped("n1"),
            roles: vec!["control-plane".into()],
            ready: ConditionStatus::True,
            unschedulable: true,
            info: k8s::NodeInfo {
                kubelet_version: "v1.31.0".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let items = [Item {
            cluster: "a".into(),
            object: serde_json::to_value(n).unwrap(),
        }];
        let t = resource_table(Some(ResourceKind::Node), &items, false, true, Utc::now());
        let r: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            r,
            [
                "n1",
                "Ready,SchedulingDisabled",
                "control-plane",
                "<unknown>",
                "v1.31.0"
            ]
        );
    }

    #[test]
    fn undecodable_objects_fall_back_to_name_and_age() {
        let items = [Item {
            cluster: "a".into(),
            object: json!({"meta": {"name": "odd"}}),
        }];
        let t = resource_table(
            Some(ResourceKind::Deployment),
            &items,
            false,
            false,
            Utc::now(),
        );
        let r: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(r, ["odd", "<unknown>", "", "", ""]);
    }
}
