//! The one `State` of the dashboard. Only the reducer mutates it; renderers read it.

use super::filter::Filter;
use super::model::{ClusterStatus, ConnectionState, IncidentView, SloView};
use super::topology::TreeLine;
use atl_core::{ClusterSnapshot, Role, Timestamp};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The list views, in the order of the view bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViewKind {
    Clusters,
    Pods,
    Nodes,
    Workloads,
    Slos,
    Topology,
    Incidents,
    Events,
}

impl ViewKind {
    pub const ALL: [ViewKind; 8] = [
        ViewKind::Clusters,
        ViewKind::Pods,
        ViewKind::Nodes,
        ViewKind::Workloads,
        ViewKind::Slos,
        ViewKind::Topology,
        ViewKind::Incidents,
        ViewKind::Events,
    ];

    /// Palette name.
    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Clusters => "clusters",
            ViewKind::Pods => "pods",
            ViewKind::Nodes => "nodes",
            ViewKind::Workloads => "workloads",
            ViewKind::Slos => "slos",
            ViewKind::Topology => "topology",
            ViewKind::Incidents => "incidents",
            ViewKind::Events => "events",
        }
    }

    /// Other names the palette accepts (kubectl short names, k9s habits).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ViewKind::Clusters => &["cluster", "ctx", "context"],
            ViewKind::Pods => &["pod", "po"],
            ViewKind::Nodes => &["node", "no"],
            ViewKind::Workloads => &[
                "workload",
                "deploy",
                "deployments",
                "sts",
                "statefulsets",
                "ds",
                "daemonsets",
                "jobs",
            ],
            ViewKind::Slos => &["slo"],
            ViewKind::Topology => &["topo", "xray", "tree"],
            ViewKind::Incidents => &["incident", "inc"],
            ViewKind::Events => &["event", "ev"],
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// Finds a view by name or alias.
    pub fn parse(s: &str) -> Option<ViewKind> {
        let s = s.to_ascii_lowercase();
        ViewKind::ALL
            .into_iter()
            .find(|v| v.name() == s || v.aliases().contains(&s.as_str()))
    }
}

/// A reference to one row of a table view: cluster index, sub-kind, item index. Small and `Copy`
/// so that the cached index of 10k rows is a flat vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RowRef {
    pub cluster: u16,
    /// Workload kind for the workloads view, 0 elsewhere.
    pub sub: u8,
    pub item: u32,
}

/// Per-view table state: selection, scroll, sort, filter, and the cached filtered+sorted index.
#[derive(Debug, Clone, Default)]
pub struct TableState {
    pub selected: usize,
    pub offset: usize,
    /// Column index and descending flag.
    pub sort: Option<(usize, bool)>,
    pub filter: Filter,
    /// Filtered and sorted rows; rebuilt only when data, scope, filter or sort change.
    pub index: Vec<RowRef>,
    /// Rows in scope before the filter (for the title's `[shown/total]`).
    pub total: usize,
    /// `State::data_gen` the index was built for; `u64::MAX` forces a rebuild.
    pub built_for: u64,
}

impl TableState {
    pub fn new() -> Self {
        TableState {
            built_for: u64::MAX,
            ..Default::default()
        }
    }
    pub fn selected_row(&self) -> Option<RowRef> {
        self.index.get(self.selected).copied()
    }
}

/// A scrollable text pane: describe, YAML or logs.
#[derive(Debug, Clone, PartialEq)]
pub struct TextPane {
    pub title: String,
    pub lines: Vec<String>,
    pub scroll: usize,
    /// The command whose output will fill the pane (logs).
    pub request: Option<u64>,
}

/// One entry of the navigation stack (`esc` pops).
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    List(ViewKind),
    /// Incident detail by id.
    Incident {
        id: String,
        scroll: usize,
    },
    Text(TextPane),
}

/// The `:` palette.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Palette {
    pub input: String,
    pub completions: Vec<String>,
    pub selected: usize,
}

/// An operation waiting for the user's yes.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub cluster: String,
    pub action: atl_core::command::Action,
    /// What will happen, in words.
    pub prompt: String,
    /// Replicas being typed for a scale.
    pub replicas: Option<String>,
}

/// What keys currently do.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    #[default]
    Normal,
    Filter,
    Palette(Palette),
    /// Help overlay, scrolled by this many entries.
    Help(usize),
    Confirm(Confirm),
}

/// Cluster and namespace scope (k9s `@ctx` and `:ns`), shared by all views.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    pub cluster: Option<String>,
    pub namespace: Option<String>,
}

/// Severity of a status-line message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Ok,
    Error,
}

/// The status line at the bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusMsg {
    pub kind: StatusKind,
    pub text: String,
}

/// One cluster: its status and newest snapshot.
#[derive(Debug, Clone)]
pub struct ClusterEntry {
    pub status: ClusterStatus,
    pub snapshot: Option<Arc<ClusterSnapshot>>,
    /// Entity risk by key text (`prod/shop/pod/api-1`).
    pub risk: HashMap<String, f64>,
}

/// Start-up choices that the reducer and renderers respect.
#[derive(Debug, Clone)]
pub struct Settings {
    pub role: Role,
    pub readonly: bool,
    pub color: bool,
}

/// The dashboard's whole state.
#[derive(Debug, Clone)]
pub struct State {
    pub settings: Settings,
    pub now: Timestamp,
    pub width: u16,
    pub height: u16,
    pub conn: ConnectionState,
    /// Sorted by cluster id.
    pub clusters: Vec<ClusterEntry>,
    pub incidents: Vec<IncidentView>,
    pub slos: Vec<SloView>,
    pub scope: Scope,
    /// Never empty: the bottom is the first view.
    pub screens: Vec<Screen>,
    pub mode: Mode,
    /// Indexed by `ViewKind::index()`.
    pub tables: Vec<TableState>,
    /// The topology tree as currently expanded (rebuilt with the index).
    pub tree: Vec<TreeLine>,
    pub expanded: HashSet<String>,
    pub status: Option<StatusMsg>,
    pub next_request: u64,
    /// Commands in flight: id → description.
    pub pending: BTreeMap<u64, String>,
    pub quit: bool,
    /// Bumped whenever data, scope or the tree expansion change.
    pub data_gen: u64,
}

impl State {
    pub fn new(settings: Settings, now: Timestamp) -> Self {
        State {
            settings,
            now,
            width: 80,
            height: 24,
            conn: ConnectionState::default(),
            clusters: Vec::new(),
            incidents: Vec::new(),
            slos: Vec::new(),
            scope: Scope::default(),
            screens: vec![Screen::List(ViewKind::Clusters)],
            mode: Mode::Normal,
            tables: ViewKind::ALL
                .iter()
                .map(|v| TableState {
                    // Newest events and worst incidents first, as people read them.
                    sort: match v {
                        ViewKind::Events => Some((7, false)),
                        ViewKind::Incidents => Some((3, true)),
                        _ => None,
                    },
                    ..TableState::new()
                })
                .collect(),
            tree: Vec::new(),
            expanded: HashSet::new(),
            status: None,
            next_request: 1,
            pending: BTreeMap::new(),
            quit: false,
            data_gen: 0,
        }
    }

    pub fn screen(&self) -> &Screen {
        // `screens` is never empty (the reducer never pops the last one); the fallback is static.
        static FALLBACK: Screen = Screen::List(ViewKind::Clusters);
        self.screens.last().unwrap_or(&FALLBACK)
    }

    /// The list view on top of the stack, if the top is a list.
    pub fn view(&self) -> Option<ViewKind> {
        match self.screen() {
            Screen::List(v) => Some(*v),
            _ => None,
        }
    }

    /// The list view under the top of the stack (what a pane or detail was opened from).
    pub fn base_view(&self) -> ViewKind {
        self.screens
            .iter()
            .rev()
            .find_map(|s| match s {
                Screen::List(v) => Some(*v),
                _ => None,
            })
            .unwrap_or(ViewKind::Clusters)
    }

    pub fn table(&self, v: ViewKind) -> &TableState {
        &self.tables[v.index()]
    }

    pub fn table_mut(&mut self, v: ViewKind) -> &mut TableState {
        &mut self.tables[v.index()]
    }

    pub fn cluster(&self, id: &str) -> Option<&ClusterEntry> {
        self.clusters.iter().find(|c| c.status.id == id)
    }

    /// Clusters in scope, with their index in `clusters`.
    pub fn clusters_in_scope(&self) -> impl Iterator<Item = (usize, &ClusterEntry)> {
        self.clusters.iter().enumerate().filter(move |(_, c)| {
            self.scope
                .cluster
                .as_ref()
                .is_none_or(|s| *s == c.status.id)
        })
    }

    /// Whether a namespace is in scope.
    pub fn ns_in_scope(&self, ns: Option<&str>) -> bool {
        match (&self.scope.namespace, ns) {
            (None, _) => true,
            (Some(want), Some(ns)) => want == ns,
            // Cluster-scoped objects stay visible under a namespace scope.
            (Some(_), None) => true,
        }
    }

    /// Whether the user may run remote operations at all (role and `--readonly`).
    pub fn may_run(&self, cmd: super::action::Command) -> bool {
        if !cmd.is_remote_op() {
            return true;
        }
        if cmd.is_mutating() && self.settings.readonly {
            return false;
        }
        self.settings.role >= Role::Operator
    }

    /// Open incidents of a cluster.
    pub fn open_incidents(&self, cluster: &str) -> usize {
        self.incidents
            .iter()
            .filter(|i| i.cluster == cluster && i.is_open())
            .count()
    }
}
