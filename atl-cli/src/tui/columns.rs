//! The table views' columns: which rows a view has (scope applied), the text of each cell, and
//! what each column sorts by. The reducer uses this to build the cached index; renderers use it to
//! build only the visible rows.

use super::format;
use super::model::Level;
use super::state::{RowRef, State, ViewKind};
use atl_core::k8s::{ConditionStatus, DaemonSet, Deployment, Event, Job, Node, Pod, StatefulSet};
use std::borrow::Cow;

/// A table column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    /// Shift+letter sorts by this column.
    pub sort: char,
    /// Width in cells (the minimum when `grow`).
    pub width: u16,
    /// Takes the width left over.
    pub grow: bool,
    /// Dropped first when the terminal is narrow (higher drops earlier; 0 never drops).
    pub drop: u8,
    /// Sorts by number rather than text.
    pub numeric: bool,
}

const fn col(name: &'static str, sort: char, width: u16, drop: u8, numeric: bool) -> Column {
    Column {
        name,
        sort,
        width,
        grow: false,
        drop,
        numeric,
    }
}

const fn grow(name: &'static str, sort: char, width: u16) -> Column {
    Column {
        name,
        sort,
        width,
        grow: true,
        drop: 0,
        numeric: false,
    }
}

const CLUSTERS: [Column; 11] = [
    grow("CLUSTER", 'L', 10),
    col("STATE", 'S', 8, 0, false),
    col("HEALTH", 'H', 8, 0, false),
    col("RISK", 'R', 5, 1, true),
    col("NODES", 'O', 6, 2, true),
    col("PODS", 'P', 7, 0, true),
    col("NOT-READY", 'Y', 9, 1, true),
    col("RESTARTS", 'T', 8, 3, true),
    col("INCIDENTS", 'I', 9, 0, true),
    col("AGENT", 'V', 8, 4, false),
    col("SEEN", 'A', 5, 2, true),
];

const PODS: [Column; 10] = [
    col("CLUSTER", 'L', 10, 3, false),
    col("NAMESPACE", 'P', 10, 2, false),
    grow("NAME", 'N', 20),
    col("READY", 'R', 5, 1, false),
    col("STATUS", 'S', 16, 0, false),
    col("RESTARTS", 'T', 8, 1, true),
    col("AGE", 'A', 5, 1, true),
    col("NODE", 'O', 10, 4, false),
    col("CPU", 'C', 6, 3, true),
    col("MEM", 'M', 6, 3, true),
];

const NODES: [Column; 9] = [
    col("CLUSTER", 'L', 10, 3, false),
    grow("NAME", 'N', 12),
    col("STATUS", 'S', 24, 0, false),
    col("ROLES", 'E', 8, 4, false),
    col("CPU", 'C', 15, 1, true),
    col("MEM", 'M', 15, 1, true),
    col("PODS", 'P', 5, 2, true),
    col("PRESSURE", 'R', 9, 2, false),
    col("AGE", 'A', 5, 3, true),
];

const WORKLOADS: [Column; 9] = [
    col("KIND", 'K', 11, 1, false),
    col("CLUSTER", 'L', 10, 3, false),
    col("NAMESPACE", 'P', 10, 2, false),
    grow("NAME", 'N', 16),
    col("READY", 'R', 7, 0, false),
    col("UP-TO-DATE", 'U', 10, 4, true),
    col("AVAILABLE", 'V', 9, 4, true),
    col("STATUS", 'T', 11, 0, false),
    col("AGE", 'A', 5, 2, true),
];

const SLOS: [Column; 8] = [
    grow("NAME", 'N', 16),
    col("CLUSTER", 'L', 10, 3, false),
    col("TARGET", 'T', 7, 2, true),
    col("AVAIL", 'V', 8, 0, true),
    col("BUDGET", 'B', 16, 1, true),
    col("BURN", 'U', 6, 0, true),
    col("P99", 'P', 8, 3, true),
    col("LAST HOUR", 'H', 30, 2, true),
];

const INCIDENTS: [Column; 8] = [
    col("ID", 'I', 24, 2, false),
    col("CLUSTER", 'L', 10, 3, false),
    col("STATE", 'S', 9, 0, false),
    col("SEVERITY", 'V', 9, 0, true),
    grow("ROOT CAUSE", 'R', 20),
    col("AGE", 'A', 5, 1, true),
    col("DURATION", 'D', 8, 2, true),
    col("SUMMARY", 'M', 30, 4, false),
];

const EVENTS: [Column; 8] = [
    col("CLUSTER", 'L', 10, 3, false),
    col("NAMESPACE", 'P', 10, 2, false),
    col("TYPE", 'T', 7, 1, false),
    col("REASON", 'R', 16, 0, false),
    col("OBJECT", 'O', 24, 2, false),
    grow("MESSAGE", 'M', 20),
    col("COUNT", 'C', 5, 3, true),
    col("LAST", 'A', 5, 1, true),
];

/// Columns of a table view (the topology tree has none).
pub fn columns(view: ViewKind) -> &'static [Column] {
    match view {
        ViewKind::Clusters => &CLUSTERS,
        ViewKind::Pods => &PODS,
        ViewKind::Nodes => &NODES,
        ViewKind::Workloads => &WORKLOADS,
        ViewKind::Slos => &SLOS,
        ViewKind::Topology => &[],
        ViewKind::Incidents => &INCIDENTS,
        ViewKind::Events => &EVENTS,
    }
}

/// Column names, for the filter's `COL:` terms.
pub fn column_names(view: ViewKind) -> Vec<&'static str> {
    columns(view).iter().map(|c| c.name).collect()
}

/// Workload kinds of the workloads view, by `RowRef::sub`.
pub const WORKLOAD_KINDS: [&str; 4] = ["Deployment", "StatefulSet", "DaemonSet", "Job"];

/// Every row of a view in natural order, with the cluster and namespace scope applied.
pub fn rows(state: &State, view: ViewKind) -> Vec<RowRef> {
    let mut out = Vec::new();
    let push_items = |out: &mut Vec<RowRef>,
                      c: usize,
                      sub: u8,
                      metas: &mut dyn Iterator<Item = Option<&str>>| {
        for (i, ns) in metas.enumerate() {
            if state.ns_in_scope(ns) {
                out.push(RowRef {
                    cluster: c as u16,
                    sub,
                    item: i as u32,
                });
            }
        }
    };
    match view {
        ViewKind::Clusters => {
            for (c, _) in state.clusters_in_scope() {
                out.push(RowRef {
                    cluster: c as u16,
                    sub: 0,
                    item: 0,
                });
            }
        }
        ViewKind::Pods | ViewKind::Nodes | ViewKind::Workloads | ViewKind::Events => {
            for (c, entry) in state.clusters_in_scope() {
                let Some(snap) = &entry.snapshot else {
                    continue;
                };
                let r = &snap.resources;
                match view {
                    ViewKind::Pods => push_items(
                        &mut out,
                        c,
                        0,
                        &mut r.pods.iter().map(|p| p.meta.namespace.as_deref()),
                    ),
                    ViewKind::Nodes => {
                        push_items(&mut out, c, 0, &mut r.nodes.iter().map(|_| None))
                    }
                    ViewKind::Events => push_items(
                        &mut out,
                        c,
                        0,
                        &mut r.events.iter().map(|e| e.meta.namespace.as_deref()),
                    ),
                    _ => {
                        let ns = |m: &atl_core::k8s::Meta| m.namespace.clone();
                        let lists: [Vec<Option<String>>; 4] = [
                            r.deployments.iter().map(|o| ns(&o.meta)).collect(),
                            r.stateful_sets.iter().map(|o| ns(&o.meta)).collect(),
                            r.daemon_sets.iter().map(|o| ns(&o.meta)).collect(),
                            r.jobs.iter().map(|o| ns(&o.meta)).collect(),
                        ];
                        for (sub, list) in lists.iter().enumerate() {
                            push_items(
                                &mut out,
                                c,
                                sub as u8,
                                &mut list.iter().map(|n| n.as_deref()),
                            );
                        }
                    }
                }
            }
        }
        ViewKind::Slos | ViewKind::Incidents => {
            let in_scope =
                |cluster: &str| state.scope.cluster.as_ref().is_none_or(|s| s == cluster);
            let clusters: Vec<&str> = if view == ViewKind::Slos {
                state.slos.iter().map(|s| s.cluster.as_str()).collect()
            } else {
                state.incidents.iter().map(|s| s.cluster.as_str()).collect()
            };
            for (i, cl) in clusters.into_iter().enumerate() {
                if in_scope(cl) {
                    out.push(RowRef {
                        cluster: 0,
                        sub: 0,
                        item: i as u32,
                    });
                }
            }
        }
        ViewKind::Topology => {}
    }
    out
}

/// The snapshot objects a row points at.
pub enum Item<'a> {
    Cluster(&'a super::state::ClusterEntry),
    Pod(&'a str, &'a Pod),
    Node(&'a str, &'a Node),
    Deployment(&'a str, &'a Deployment),
    StatefulSet(&'a str, &'a StatefulSet),
    DaemonSet(&'a str, &'a DaemonSet),
    Job(&'a str, &'a Job),
    Event(&'a str, &'a Event),
    Slo(&'a super::model::SloView),
    Incident(&'a super::model::IncidentView),
}

/// Resolves a row (None if the data changed underneath it).
pub fn item(state: &State, view: ViewKind, row: RowRef) -> Option<Item<'_>> {
    let i = row.item as usize;
    match view {
        ViewKind::Slos => return state.slos.get(i).map(Item::Slo),
        ViewKind::Incidents => return state.incidents.get(i).map(Item::Incident),
        _ => {}
    }
    let entry = state.clusters.get(row.cluster as usize)?;
    if view == ViewKind::Clusters {
        return Some(Item::Cluster(entry));
    }
    let id = entry.status.id.as_str();
    let r = &entry.snapshot.as_ref()?.resources;
    Some(match view {
        ViewKind::Pods => Item::Pod(id, r.pods.get(i)?),
        ViewKind::Nodes => Item::Node(id, r.nodes.get(i)?),
        ViewKind::Events => Item::Event(id, r.events.get(i)?),
        ViewKind::Workloads => match row.sub {
            0 => Item::Deployment(id, r.deployments.get(i)?),
            1 => Item::StatefulSet(id, r.stateful_sets.get(i)?),
            2 => Item::DaemonSet(id, r.daemon_sets.get(i)?),
            _ => Item::Job(id, r.jobs.get(i)?),
        },
        _ => return None,
    })
}

/// Stable identity of a row across data updates (keeps the selection on the same object).
pub fn row_key(state: &State, view: ViewKind, row: RowRef) -> Option<String> {
    let meta_key = |c: &str, kind: &str, m: &atl_core::k8s::Meta| {
        format!(
            "{c}/{}/{kind}/{}",
            m.namespace.as_deref().unwrap_or("_"),
            m.name
        )
    };
    Some(match item(state, view, row)? {
        Item::Cluster(e) => e.status.id.clone(),
        Item::Pod(c, p) => meta_key(c, "pod", &p.meta),
        Item::Node(c, n) => meta_key(c, "node", &n.meta),
        Item::Deployment(c, d) => meta_key(c, "deployment", &d.meta),
        Item::StatefulSet(c, d) => meta_key(c, "statefulset", &d.meta),
        Item::DaemonSet(c, d) => meta_key(c, "daemonset", &d.meta),
        Item::Job(c, d) => meta_key(c, "job", &d.meta),
        Item::Event(c, e) => meta_key(c, "event", &e.meta),
        Item::Slo(s) => format!("{}/{}", s.cluster, s.name),
        Item::Incident(i) => i.id.clone(),
    })
}

/// Text of one cell.
pub fn cell<'a>(state: &'a State, view: ViewKind, row: RowRef, col: usize) -> Cow<'a, str> {
    let Some(it) = item(state, view, row) else {
        return Cow::Borrowed("");
    };
    let now = state.now;
    let s = |v: &'a str| Cow::Borrowed(v);
    let o = |v: String| Cow::Owned(v);
    let ns = |m: &'a atl_core::k8s::Meta| Cow::Borrowed(m.namespace.as_deref().unwrap_or("-"));
    match it {
        Item::Cluster(e) => {
            let snap = e.snapshot.as_deref();
            let pods = snap.map(|s| s.resources.pods.as_slice()).unwrap_or(&[]);
            match col {
                0 => s(&e.status.id),
                1 => s(e.status.state.as_str()),
                2 => s(Level::from_risk(e.status.risk).as_str()),
                3 => o(format!("{:.2}", e.status.risk)),
                4 => o(snap
                    .map(|s| s.resources.nodes.len())
                    .unwrap_or(0)
                    .to_string()),
                5 => o(pods.len().to_string()),
                6 => o(pods.iter().filter(|p| !pod_ok(p)).count().to_string()),
                7 => o(pods
                    .iter()
                    .map(|p| u64::from(p.restarts))
                    .sum::<u64>()
                    .to_string()),
                8 => o(state.open_incidents(&e.status.id).to_string()),
                9 => s(e.status.agent_version.as_deref().unwrap_or("-")),
                _ => o(format::age(
                    now,
                    e.status.last_seen.or(snap.map(|s| s.taken_at)),
                )),
            }
        }
        Item::Pod(c, p) => match col {
            0 => s(c),
            1 => ns(&p.meta),
            2 => s(&p.meta.name),
            3 => o(p.ready_text()),
            4 => s(if p.meta.deleting_since.is_some() {
                "Terminating"
            } else {
                p.status_text()
            }),
            5 => o(p.restarts.to_string()),
            6 => o(format::age(now, p.meta.created_at)),
            7 => s(p.node.as_deref().unwrap_or("-")),
            8 => o(format::cpu(p.usage.and_then(|u| u.cpu_millicores))),
            _ => o(format::bytes(p.usage.and_then(|u| u.memory_bytes))),
        },
        Item::Node(c, n) => match col {
            0 => s(c),
            1 => s(&n.meta.name),
            2 => o(node_status(n)),
            3 => o(if n.roles.is_empty() {
                "<none>".into()
            } else {
                n.roles.join(",")
            }),
            4 => o(format::bar(node_cpu(n), 8)),
            5 => o(format::bar(node_mem(n), 8)),
            6 => o(n.pod_count.to_string()),
            7 => o(node_pressure(n)),
            _ => o(format::age(now, n.meta.created_at)),
        },
        Item::Deployment(c, d) => workload_cell(
            state,
            col,
            "Deployment",
            c,
            &d.meta,
            format!("{}/{}", d.ready, d.replicas),
            d.updated,
            d.available,
            rollout(d.rollout.phase),
        ),
        Item::StatefulSet(c, d) => workload_cell(
            state,
            col,
            "StatefulSet",
            c,
            &d.meta,
            format!("{}/{}", d.ready, d.replicas),
            d.updated,
            d.available,
            rollout(d.rollout.phase),
        ),
        Item::DaemonSet(c, d) => workload_cell(
            state,
            col,
            "DaemonSet",
            c,
            &d.meta,
            format!("{}/{}", d.ready, d.desired),
            d.updated,
            d.available,
            rollout(d.rollout.phase),
        ),
        Item::Job(c, j) => workload_cell(
            state,
            col,
            "Job",
            c,
            &j.meta,
            format!("{}/{}", j.succeeded, j.completions.unwrap_or(1)),
            j.succeeded,
            j.succeeded,
            job_status(j),
        ),
        Item::Event(c, e) => match col {
            0 => s(c),
            1 => ns(&e.meta),
            2 => s(&e.type_),
            3 => s(&e.reason),
            4 => o(format!(
                "{}/{}",
                e.involved.kind.to_ascii_lowercase(),
                e.involved.name
            )),
            5 => s(&e.message),
            6 => o(e.count.to_string()),
            _ => o(format::age(now, e.last_seen.or(e.first_seen))),
        },
        Item::Slo(v) => match col {
            0 => s(&v.name),
            1 => s(&v.cluster),
            2 => o(format::percent(v.target)),
            3 => o(format!("{:.3}%", v.availability * 100.0)),
            4 => o(format::bar(v.budget_remaining, 8)),
            5 => o(format!("{:.1}x", v.burn_rate_1h)),
            6 => o(format!("{:.0}ms", v.p99_ms)),
            _ => o(format::sparkline(&v.series, 30)),
        },
        Item::Incident(i) => match col {
            0 => s(&i.id),
            1 => s(&i.cluster),
            2 => s(&i.state),
            3 => s(i.severity.as_str()),
            // The CLUSTER column already names the cluster: the key without it fits the column.
            4 => s(i
                .root_cause
                .as_deref()
                .map(|r| {
                    r.strip_prefix(i.cluster.as_str())
                        .and_then(|rest| rest.strip_prefix('/'))
                        .unwrap_or(r)
                })
                .unwrap_or("-")),
            5 => o(format::age(now, Some(i.started_at))),
            6 => o(format::duration(
                (i.resolved_at.unwrap_or(now) - i.started_at)
                    .num_seconds()
                    .max(0),
            )),
            _ => s(&i.summary),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn workload_cell<'a>(
    state: &'a State,
    col: usize,
    kind: &'static str,
    cluster: &'a str,
    meta: &'a atl_core::k8s::Meta,
    ready: String,
    updated: u32,
    available: u32,
    status: &'static str,
) -> Cow<'a, str> {
    match col {
        0 => Cow::Borrowed(kind),
        1 => Cow::Borrowed(cluster),
        2 => Cow::Borrowed(meta.namespace.as_deref().unwrap_or("-")),
        3 => Cow::Borrowed(&meta.name),
        4 => Cow::Owned(ready),
        5 => Cow::Owned(updated.to_string()),
        6 => Cow::Owned(available.to_string()),
        7 => Cow::Borrowed(status),
        _ => Cow::Owned(format::age(state.now, meta.created_at)),
    }
}

/// A pod counts as fine when it is Running with every container ready, or Succeeded.
pub fn pod_ok(p: &Pod) -> bool {
    use atl_core::k8s::PodPhase;
    match p.phase {
        PodPhase::Succeeded => true,
        PodPhase::Running => p.reason.is_none() && p.ready_containers == p.total_containers,
        _ => false,
    }
}

fn rollout(p: atl_core::k8s::RolloutPhase) -> &'static str {
    use atl_core::k8s::RolloutPhase as R;
    match p {
        R::Complete => "Complete",
        R::Progressing => "Progressing",
        R::Degraded => "Degraded",
        R::Failed => "Failed",
        R::Paused => "Paused",
    }
}

fn job_status(j: &Job) -> &'static str {
    if j.completed_at.is_some() {
        "Complete"
    } else if j.failed > 0 && j.active == 0 {
        "Failed"
    } else {
        "Running"
    }
}

/// kubectl's node STATUS: `Ready`, `NotReady`, `Unknown`, plus `,SchedulingDisabled`.
pub fn node_status(n: &Node) -> String {
    let base = match n.ready {
        ConditionStatus::True => "Ready",
        ConditionStatus::False => "NotReady",
        ConditionStatus::Unknown => "Unknown",
    };
    if n.unschedulable {
        format!("{base},SchedulingDisabled")
    } else {
        base.to_string()
    }
}

/// CPU usage share of allocatable (0 when unknown).
pub fn node_cpu(n: &Node) -> f64 {
    match n.usage.and_then(|u| u.cpu_millicores) {
        Some(u) if n.allocatable.cpu_millicores > 0.0 => u / n.allocatable.cpu_millicores,
        _ => 0.0,
    }
}

/// Memory usage share of allocatable (0 when unknown).
pub fn node_mem(n: &Node) -> f64 {
    match n.usage.and_then(|u| u.memory_bytes) {
        Some(u) => atl_core::telemetry::ratio(u, n.allocatable.memory_bytes),
        None => 0.0,
    }
}

fn node_pressure(n: &Node) -> String {
    let p = n.pressure;
    let parts: Vec<&str> = [
        (p.memory, "mem"),
        (p.disk, "disk"),
        (p.pid, "pid"),
        (p.network_unavailable, "net"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if parts.is_empty() {
        "-".into()
    } else {
        parts.join(",")
    }
}

/// What a column sorts by.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
pub enum SortKey {
    Num(f64),
    Text(String),
}

/// Sort key of a cell: numbers for numeric columns, else the cell text.
pub fn sort_key(state: &State, view: ViewKind, row: RowRef, col: usize) -> SortKey {
    let numeric = columns(view).get(col).is_some_and(|c| c.numeric);
    if !numeric {
        return SortKey::Text(cell(state, view, row, col).into_owned());
    }
    let now = state.now;
    let n = match item(state, view, row) {
        Some(Item::Cluster(e)) => match col {
            3 => e.status.risk,
            10 => format::age_secs(
                now,
                e.status
                    .last_seen
                    .or(e.snapshot.as_ref().map(|s| s.taken_at)),
            ),
            _ => cell(state, view, row, col).parse().unwrap_or(0.0),
        },
        Some(Item::Pod(_, p)) => match col {
            5 => f64::from(p.restarts),
            6 => format::age_secs(now, p.meta.created_at),
            8 => p.usage.and_then(|u| u.cpu_millicores).unwrap_or(0.0),
            _ => p.usage.and_then(|u| u.memory_bytes).unwrap_or(0) as f64,
        },
        Some(Item::Node(_, n)) => match col {
            4 => node_cpu(n),
            5 => node_mem(n),
            6 => f64::from(n.pod_count),
            _ => format::age_secs(now, n.meta.created_at),
        },
        Some(Item::Event(_, e)) => match col {
            6 => f64::from(e.count),
            _ => format::age_secs(now, e.last_seen.or(e.first_seen)),
        },
        Some(Item::Slo(v)) => match col {
            2 => v.target,
            3 => v.availability,
            4 => v.budget_remaining,
            5 => v.burn_rate_1h,
            6 => v.p99_ms,
            _ => v.series.last().copied().unwrap_or(0.0),
        },
        Some(Item::Incident(i)) => match col {
            3 => i.severity as u8 as f64,
            5 => format::age_secs(now, Some(i.started_at)),
            _ => (i.resolved_at.unwrap_or(now) - i.started_at).num_seconds() as f64,
        },
        Some(
            Item::Deployment(_, _)
            | Item::StatefulSet(_, _)
            | Item::DaemonSet(_, _)
            | Item::Job(_, _),
        ) => {
            if col == 8 {
                let created = match item(state, view, row) {
                    Some(Item::Deployment(_, d)) => d.meta.created_at,
                    Some(Item::StatefulSet(_, d)) => d.meta.created_at,
                    Some(Item::DaemonSet(_, d)) => d.meta.created_at,
                    Some(Item::Job(_, d)) => d.meta.created_at,
                    _ => None,
                };
                format::age_secs(now, created)
            } else {
                cell(state, view, row, col).parse().unwrap_or(0.0)
            }
        }
        None => 0.0,
    };
    SortKey::Num(n)
}
