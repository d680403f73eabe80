//! `reduce(&mut State, Action) -> Vec<Effect>`: the only place the state changes. Pure: no I/O,
//! no clock (time arrives as `Action::Tick`), so every behaviour is testable without a terminal.

use super::action::{Action, Command, DataEvent, Effect, Input};
use super::columns::{self, Item};
use super::describe;
use super::filter::Filter;
use super::palette::{self, PaletteCmd};
use super::state::{
    ClusterEntry, Confirm, Mode, Palette, RowRef, Screen, State, StatusKind, StatusMsg, TextPane,
    ViewKind,
};
use super::topology;
use atl_core::command::{Action as Op, Outcome, RolloutKind, ScaleKind};
use std::collections::HashMap;

/// Lines a logs pane keeps (the oldest are dropped), so a chatty pod cannot grow memory.
pub const MAX_PANE_LINES: usize = 5000;
/// Lines asked for when opening logs.
pub const LOG_TAIL_LINES: u32 = 500;

/// Applies one action; returns the effects for the runtime to run.
pub fn reduce(state: &mut State, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    // The selected object, taken before the data under the index can change.
    let view = state.base_view();
    let anchor = (view, selected_key(state, view));
    match action {
        Action::Tick(now) => state.now = now,
        Action::Resize { width, height } => {
            state.width = width;
            state.height = height;
            keep_selection_visible(state);
        }
        Action::Data(ev) => on_data(state, ev),
        Action::Sort(c) => on_sort(state, c),
        Action::Input(i) => on_input(state, i, &mut fx),
        Action::Cmd(c) => on_cmd(state, c, &mut fx),
    }
    refresh(state, anchor);
    fx
}

fn selected_key(state: &State, view: ViewKind) -> Option<String> {
    let row = state.table(view).selected_row()?;
    columns::row_key(state, view, row)
}

fn info(state: &mut State, kind: StatusKind, text: impl Into<String>) {
    state.status = Some(StatusMsg {
        kind,
        text: text.into(),
    });
}

/// Rows of the main table that fit on screen (header, view bar, title, column header, status).
pub fn page_rows(state: &State) -> usize {
    usize::from(state.height).saturating_sub(5).max(1)
}

fn invalidate(state: &mut State) {
    state.data_gen = state.data_gen.wrapping_add(1);
}

/// Rebuilds the index of the view on screen if data, scope, filter or sort changed since.
fn refresh(state: &mut State, anchor: (ViewKind, Option<String>)) {
    let view = state.base_view();
    if state.table(view).built_for == state.data_gen {
        return;
    }
    if view == ViewKind::Topology {
        state.tree = topology::build(state);
    } else {
        let prev_key = if anchor.0 == view { anchor.1 } else { None };
        rebuild_index(state, view, prev_key);
    }
    let generation = state.data_gen;
    let len = list_len(state, view);
    let t = state.table_mut(view);
    t.built_for = generation;
    t.selected = t.selected.min(len.saturating_sub(1));
    keep_selection_visible(state);
}

fn rebuild_index(state: &mut State, view: ViewKind, prev_key: Option<String>) {
    let t = state.table(view);
    let mut rows = columns::rows(state, view);
    let total = rows.len();
    let ncols = columns::columns(view).len();
    if !t.filter.is_empty() {
        rows.retain(|r| {
            t.filter
                .matches(ncols, |c| columns::cell(state, view, *r, c))
        });
    }
    if let Some((col, desc)) = t.sort {
        let mut keyed: Vec<(columns::SortKey, RowRef)> = rows
            .into_iter()
            .map(|r| (columns::sort_key(state, view, r, col), r))
            .collect();
        keyed.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
        if desc {
            keyed.reverse();
        }
        rows = keyed.into_iter().map(|(_, r)| r).collect();
    }
    let selected = prev_key
        .and_then(|k| {
            rows.iter()
                .position(|r| columns::row_key(state, view, *r).as_deref() == Some(k.as_str()))
        })
        .unwrap_or(t.selected);
    let t = state.table_mut(view);
    t.index = rows;
    t.total = total;
    t.selected = selected;
}

fn list_len(state: &State, view: ViewKind) -> usize {
    if view == ViewKind::Topology {
        state.tree.len()
    } else {
        state.table(view).index.len()
    }
}

fn keep_selection_visible(state: &mut State) {
    let page = page_rows(state);
    let view = state.base_view();
    let t = state.table_mut(view);
    if t.selected < t.offset {
        t.offset = t.selected;
    } else if t.selected >= t.offset + page {
        t.offset = t.selected + 1 - page;
    }
}

fn force_rebuild(state: &mut State, view: ViewKind) {
    state.table_mut(view).built_for = u64::MAX;
}

fn on_data(state: &mut State, ev: DataEvent) {
    match ev {
        DataEvent::Connection(c) => state.conn = c,
        DataEvent::Clusters(list) => {
            let mut old: HashMap<String, ClusterEntry> = state
                .clusters
                .drain(..)
                .map(|c| (c.status.id.clone(), c))
                .collect();
            for status in list {
                let entry = match old.remove(&status.id) {
                    Some(mut e) => {
                        e.status = status;
                        e
                    }
                    None => {
                        state.expanded.insert(status.id.clone());
                        ClusterEntry {
                            status,
                            snapshot: None,
                            risk: HashMap::new(),
                        }
                    }
                };
                state.clusters.push(entry);
            }
            state.clusters.sort_by(|a, b| a.status.id.cmp(&b.status.id));
            invalidate(state);
        }
        DataEvent::Snapshot(snap) => {
            match state
                .clusters
                .iter_mut()
                .find(|c| c.status.id == snap.cluster_id)
            {
                Some(e) => e.snapshot = Some(snap),
                None => {
                    state.expanded.insert(snap.cluster_id.clone());
                    let mut status = super::model::ClusterStatus::online(snap.cluster_id.clone());
                    status.agent_version = Some(snap.agent.version.clone());
                    state.clusters.push(ClusterEntry {
                        status,
                        snapshot: Some(snap),
                        risk: HashMap::new(),
                    });
                    state.clusters.sort_by(|a, b| a.status.id.cmp(&b.status.id));
                }
            }
            invalidate(state);
        }
        DataEvent::Incidents(v) => {
            state.incidents = v;
            invalidate(state);
        }
        DataEvent::Slos(v) => {
            state.slos = v;
            invalidate(state);
        }
        DataEvent::Risk { cluster, entities } => {
            if let Some(e) = state.clusters.iter_mut().find(|c| c.status.id == cluster) {
                e.risk = entities
                    .into_iter()
                    .map(|(k, r)| (k.to_string(), r))
                    .collect();
                invalidate(state);
            }
        }
        DataEvent::CommandDone {
            id,
            outcome,
            message,
            output,
        } => {
            let what = state
                .pending
                .remove(&id)
                .unwrap_or_else(|| format!("command #{id}"));
            let kind = if outcome == Outcome::Succeeded {
                StatusKind::Ok
            } else {
                StatusKind::Error
            };
            let word = match outcome {
                Outcome::Succeeded => "done",
                Outcome::Failed => "failed",
                Outcome::TimedOut => "timed out",
            };
            info(
                state,
                kind,
                format!(
                    "{what}: {word}{}{message}",
                    if message.is_empty() { "" } else { ": " }
                ),
            );
            for s in state.screens.iter_mut() {
                if let Screen::Text(p) = s
                    && p.request == Some(id)
                {
                    p.lines = match &output {
                        Some(text) => {
                            let lines: Vec<&str> = text.lines().collect();
                            lines[lines.len().saturating_sub(MAX_PANE_LINES)..]
                                .iter()
                                .map(|l| l.to_string())
                                .collect()
                        }
                        None => vec![format!("{word}: {message}")],
                    };
                    // Logs are read from the end.
                    p.scroll = p.lines.len().saturating_sub(1);
                }
            }
        }
    }
}

fn on_sort(state: &mut State, letter: char) {
    let Some(view) = state.view() else { return };
    let cols = columns::columns(view);
    let Some(i) = cols.iter().position(|c| c.sort == letter) else {
        return;
    };
    let t = state.table_mut(view);
    t.sort = match t.sort {
        Some((c, desc)) if c == i => Some((i, !desc)),
        _ => Some((i, false)),
    };
    let arrow = if t.sort.is_some_and(|s| s.1) {
        "↓"
    } else {
        "↑"
    };
    force_rebuild(state, view);
    info(
        state,
        StatusKind::Info,
        format!("sorted by {} {arrow}", cols[i].name),
    );
}

fn set_filter(state: &mut State, view: ViewKind, text: &str) {
    let f = Filter::parse(text, &columns::column_names(view));
    state.table_mut(view).filter = f;
    force_rebuild(state, view);
}

fn push(state: &mut State, s: Screen) {
    // Bounded history: a long session of drilling cannot grow the stack forever.
    if state.screens.len() >= 32 {
        state.screens.remove(1);
    }
    state.screens.push(s);
}

fn go_view(state: &mut State, v: ViewKind) {
    if state.view() != Some(v) {
        push(state, Screen::List(v));
    }
}

fn on_input(state: &mut State, input: Input, fx: &mut Vec<Effect>) {
    match std::mem::take(&mut state.mode) {
        Mode::Normal => {}
        Mode::Help(scroll) => match input {
            Input::Cancel => {}
            Input::Next => state.mode = Mode::Help(scroll + 1),
            Input::Prev => state.mode = Mode::Help(scroll.saturating_sub(1)),
            _ => state.mode = Mode::Help(scroll),
        },
        Mode::Filter => {
            let view = state.base_view();
            let mut text = state.table(view).filter.text().to_string();
            match input {
                Input::Char(c) => text.push(c),
                Input::Backspace => {
                    text.pop();
                }
                Input::Submit => {
                    let n = state.table(view).filter.literal_fallbacks;
                    if n > 0 {
                        info(
                            state,
                            StatusKind::Info,
                            format!(
                                "{n} filter term(s) are not valid regexes; matched as plain text"
                            ),
                        );
                    }
                    return;
                }
                Input::Cancel => {
                    set_filter(state, view, "");
                    return;
                }
                Input::Complete | Input::Prev | Input::Next => {}
            }
            set_filter(state, view, &text);
            state.mode = Mode::Filter;
        }
        Mode::Palette(mut p) => match input {
            Input::Char(c) => {
                p.input.push(c);
                p.completions = palette::complete(&p.input, state);
                p.selected = 0;
                state.mode = Mode::Palette(p);
            }
            Input::Backspace => {
                p.input.pop();
                p.completions = palette::complete(&p.input, state);
                p.selected = 0;
                state.mode = Mode::Palette(p);
            }
            Input::Complete => {
                if let Some(c) = p.completions.get(p.selected) {
                    p.input = format!("{c} ");
                    p.completions = palette::complete(&p.input, state);
                    p.selected = 0;
                }
                state.mode = Mode::Palette(p);
            }
            Input::Prev | Input::Next => {
                let n = p.completions.len().max(1);
                p.selected = if input == Input::Next {
                    (p.selected + 1) % n
                } else {
                    (p.selected + n - 1) % n
                };
                state.mode = Mode::Palette(p);
            }
            Input::Cancel => {}
            Input::Submit => {
                let parsed = palette::parse(&p.input, state).or_else(|e| {
                    p.completions
                        .get(p.selected)
                        .ok_or(e.clone())
                        .and_then(|c| palette::parse(c, state).map_err(|_| e))
                });
                match parsed {
                    Ok(cmd) => run_palette(state, cmd),
                    Err(e) => info(state, StatusKind::Error, e),
                }
            }
        },
        Mode::Confirm(mut c) => match input {
            Input::Cancel => info(state, StatusKind::Info, "cancelled"),
            Input::Submit => {
                if let Some(text) = &c.replicas {
                    match text.parse::<u32>() {
                        Ok(n) if n <= 1000 => {
                            if let Op::Scale { replicas, .. } = &mut c.action {
                                *replicas = n;
                            }
                        }
                        _ => {
                            info(
                                state,
                                StatusKind::Error,
                                "replicas must be a whole number from 0 to 1000",
                            );
                            state.mode = Mode::Confirm(c);
                            return;
                        }
                    }
                }
                send(state, c.cluster, c.action, fx);
            }
            Input::Char(ch) if c.replicas.is_some() => {
                if let Some(r) = c.replicas.as_mut()
                    && ch.is_ascii_digit()
                    && r.len() < 4
                {
                    r.push(ch);
                }
                state.mode = Mode::Confirm(c);
            }
            Input::Backspace => {
                if let Some(r) = c.replicas.as_mut() {
                    r.pop();
                }
                state.mode = Mode::Confirm(c);
            }
            _ => state.mode = Mode::Confirm(c),
        },
    }
}

fn run_palette(state: &mut State, cmd: PaletteCmd) {
    match cmd {
        PaletteCmd::Quit => state.quit = true,
        PaletteCmd::Help => state.mode = Mode::Help(0),
        PaletteCmd::Go {
            view,
            cluster,
            namespace,
        } => {
            if let Some(c) = cluster {
                state.scope.cluster = c;
            }
            if let Some(n) = namespace {
                state.scope.namespace = n;
            }
            invalidate(state);
            if let Some(v) = view {
                go_view(state, v);
            }
            let scope = format!(
                "scope: @{} ns:{}",
                state.scope.cluster.as_deref().unwrap_or("all"),
                state.scope.namespace.as_deref().unwrap_or("all")
            );
            info(state, StatusKind::Info, scope);
        }
    }
}

/// Queues an operation and remembers it until its result arrives.
fn send(state: &mut State, cluster: String, action: Op, fx: &mut Vec<Effect>) {
    if let Err(e) = action.validate() {
        info(state, StatusKind::Error, format!("not sent: {e}"));
        return;
    }
    let id = state.next_request;
    state.next_request += 1;
    // "restart pod/shop/api-1 @prod", "scale deployment/shop/api @prod"
    let verb = action.name().trim_end_matches("_pod").replace('_', " ");
    let what = format!("{verb} {} @{cluster}", action.target());
    info(state, StatusKind::Info, format!("{what}: sent (#{id})"));
    state.pending.insert(id, what);
    fx.push(Effect::Run {
        id,
        cluster,
        action,
    });
}

fn selected_item(state: &State) -> Option<Item<'_>> {
    let view = state.view()?;
    let row = state.table(view).selected_row()?;
    columns::item(state, view, row)
}

fn move_by(state: &mut State, delta: isize) {
    let page = page_rows(state);
    match state.screens.last_mut() {
        Some(Screen::Text(p)) => {
            let max = p.lines.len().saturating_sub(1);
            p.scroll = p.scroll.saturating_add_signed(delta).min(max);
        }
        Some(Screen::Incident { scroll, .. }) => {
            *scroll = scroll.saturating_add_signed(delta).min(500);
        }
        Some(Screen::List(v)) => {
            let v = *v;
            let len = list_len(state, v);
            let t = state.table_mut(v);
            t.selected = t
                .selected
                .saturating_add_signed(delta)
                .min(len.saturating_sub(1));
            keep_selection_visible(state);
        }
        None => {}
    }
    let _ = page;
}

fn on_cmd(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    if cmd.is_remote_op() && !state.may_run(cmd) {
        let why = if state.settings.readonly && cmd.is_mutating() {
            "read-only mode: operations are disabled".to_string()
        } else {
            format!(
                "role {} may not run this; ask for operator",
                state.settings.role
            )
        };
        info(state, StatusKind::Error, why);
        return;
    }
    let page = page_rows(state) as isize;
    match cmd {
        Command::Up => move_by(state, -1),
        Command::Down => move_by(state, 1),
        Command::PageUp => move_by(state, -page),
        Command::PageDown => move_by(state, page),
        Command::Top => move_by(state, isize::MIN / 2),
        Command::Bottom => move_by(state, isize::MAX / 2),
        Command::Quit => state.quit = true,
        Command::Help => state.mode = Mode::Help(0),
        Command::Palette => {
            state.mode = Mode::Palette(Palette {
                completions: palette::complete("", state),
                ..Palette::default()
            })
        }
        Command::Filter => match state.view() {
            Some(ViewKind::Topology) | None => info(
                state,
                StatusKind::Info,
                "filter works on tables; use :ns or @cluster to scope the tree",
            ),
            Some(_) => state.mode = Mode::Filter,
        },
        Command::View(v) => go_view(state, v),
        Command::Back => {
            let view = state.view();
            match view {
                Some(v) if !state.table(v).filter.is_empty() => set_filter(state, v, ""),
                // The view below rebuilds its index by itself if data changed meanwhile.
                _ if state.screens.len() > 1 => {
                    state.screens.pop();
                }
                _ => {}
            }
        }
        Command::Enter => enter(state),
        Command::Collapse => {
            if state.view() == Some(ViewKind::Topology) {
                let sel = state.table(ViewKind::Topology).selected;
                if let Some(line) = state.tree.get(sel).cloned() {
                    if line.expanded {
                        state.expanded.remove(&line.id);
                    } else if line.depth > 0 {
                        // On a leaf: jump to the parent line.
                        let parent = state.tree[..sel].iter().rposition(|l| l.depth < line.depth);
                        if let Some(p) = parent {
                            state.table_mut(ViewKind::Topology).selected = p;
                        }
                    }
                    force_rebuild(state, ViewKind::Topology);
                }
            }
        }
        Command::Describe | Command::Yaml => {
            let pane = selected_item(state).and_then(|it| {
                if cmd == Command::Describe {
                    describe::describe(state, &it)
                } else {
                    describe::yaml(&it)
                }
            });
            match pane {
                Some((title, lines)) => push(
                    state,
                    Screen::Text(TextPane {
                        title,
                        lines,
                        scroll: 0,
                        request: None,
                    }),
                ),
                None => info(state, StatusKind::Info, "nothing selected"),
            }
        }
        Command::Logs | Command::PreviousLogs => {
            let previous = cmd == Command::PreviousLogs;
            let Some(Item::Pod(c, p)) = selected_item(state) else {
                return info(state, StatusKind::Info, "select a pod to see its logs");
            };
            let cluster = c.to_string();
            let op = Op::Logs {
                namespace: p.meta.namespace_str().to_string(),
                pod: p.meta.name.clone(),
                container: None,
                tail_lines: Some(LOG_TAIL_LINES),
                since_secs: None,
                previous,
            };
            let title = format!(
                "{} pod {}/{} @{cluster}",
                if previous { "previous logs" } else { "logs" },
                p.meta.namespace_str(),
                p.meta.name
            );
            let id = state.next_request;
            send(state, cluster, op, fx);
            if state.pending.contains_key(&id) {
                push(
                    state,
                    Screen::Text(TextPane {
                        title,
                        lines: vec!["waiting for logs…".into()],
                        scroll: 0,
                        request: Some(id),
                    }),
                );
            }
        }
        Command::Restart
        | Command::Scale
        | Command::Cordon
        | Command::Uncordon
        | Command::Delete => match confirm_for(state, cmd) {
            Ok(c) => state.mode = Mode::Confirm(c),
            Err(e) => info(state, StatusKind::Info, e),
        },
    }
}

/// The confirmation dialog for an operation on the selected row.
fn confirm_for(state: &State, cmd: Command) -> Result<Confirm, String> {
    let item = selected_item(state).ok_or("nothing selected")?;
    let ns_name = |m: &atl_core::k8s::Meta| (m.namespace_str().to_string(), m.name.clone());
    let (cluster, action, prompt, replicas) = match (cmd, item) {
        (Command::Restart, Item::Pod(c, p)) => {
            let (namespace, name) = ns_name(&p.meta);
            let prompt =
                format!("Restart pod {namespace}/{name} on {c}? Its controller recreates it.");
            (c, Op::RestartPod { namespace, name }, prompt, None)
        }
        (Command::Delete, Item::Pod(c, p)) => {
            let (namespace, name) = ns_name(&p.meta);
            let prompt = format!("Delete pod {namespace}/{name} on {c}?");
            (
                c,
                Op::DeletePod {
                    namespace,
                    name,
                    grace_period_secs: None,
                },
                prompt,
                None,
            )
        }
        (
            Command::Restart,
            it @ (Item::Deployment(..) | Item::StatefulSet(..) | Item::DaemonSet(..)),
        ) => {
            let (c, kind, meta, label) = match it {
                Item::Deployment(c, d) => (c, RolloutKind::Deployment, &d.meta, "deployment"),
                Item::StatefulSet(c, d) => (c, RolloutKind::StatefulSet, &d.meta, "statefulset"),
                Item::DaemonSet(c, d) => (c, RolloutKind::DaemonSet, &d.meta, "daemonset"),
                _ => return Err("restart works on pods and workloads".into()),
            };
            let (namespace, name) = ns_name(meta);
            let prompt = format!("Rollout restart {label} {namespace}/{name} on {c}?");
            (
                c,
                Op::RolloutRestart {
                    kind,
                    namespace,
                    name,
                },
                prompt,
                None,
            )
        }
        (Command::Scale, it @ (Item::Deployment(..) | Item::StatefulSet(..))) => {
            let (c, kind, meta, current, label) = match it {
                Item::Deployment(c, d) => {
                    (c, ScaleKind::Deployment, &d.meta, d.replicas, "deployment")
                }
                Item::StatefulSet(c, d) => (
                    c,
                    ScaleKind::StatefulSet,
                    &d.meta,
                    d.replicas,
                    "statefulset",
                ),
                _ => return Err("scale works on deployments and statefulsets".into()),
            };
            let (namespace, name) = ns_name(meta);
            let prompt = format!("Scale {label} {namespace}/{name} on {c} (now {current}) to:");
            (
                c,
                Op::Scale {
                    kind,
                    namespace,
                    name,
                    replicas: current,
                },
                prompt,
                Some(current.to_string()),
            )
        }
        (Command::Cordon | Command::Uncordon, Item::Node(c, n)) => {
            let node = n.meta.name.clone();
            if cmd == Command::Cordon {
                let prompt =
                    format!("Cordon node {node} on {c}? New pods will not be scheduled there.");
                (c, Op::Cordon { node }, prompt, None)
            } else {
                let prompt = format!("Uncordon node {node} on {c}?");
                (c, Op::Uncordon { node }, prompt, None)
            }
        }
        (Command::Scale, _) => return Err("scale works on deployments and statefulsets".into()),
        (Command::Restart, _) => {
            return Err("restart works on pods and workloads (not jobs)".into());
        }
        (Command::Cordon | Command::Uncordon, _) => return Err("select a node".into()),
        _ => return Err("select a pod".into()),
    };
    Ok(Confirm {
        cluster: cluster.to_string(),
        action,
        prompt,
        replicas,
    })
}

fn enter(state: &mut State) {
    let Some(view) = state.view() else { return };
    if view == ViewKind::Topology {
        let sel = state.table(view).selected;
        if let Some(line) = state.tree.get(sel).cloned()
            && line.expandable
        {
            if line.expanded {
                state.expanded.remove(&line.id);
            } else {
                state.expanded.insert(line.id);
            }
            force_rebuild(state, ViewKind::Topology);
        }
        return;
    }
    let Some(it) = selected_item(state) else {
        return;
    };
    let anchored = |s: &str| format!("^{}$", regex::escape(s));
    let drill: Option<(ViewKind, String)> = match it {
        Item::Cluster(e) => {
            let id = e.status.id.clone();
            state.scope.cluster = Some(id.clone());
            invalidate(state);
            info(state, StatusKind::Info, format!("scope: @{id}"));
            go_view(state, ViewKind::Pods);
            return;
        }
        Item::Node(c, n) => Some((
            ViewKind::Pods,
            format!("CLUSTER:{} NODE:{}", anchored(c), anchored(&n.meta.name)),
        )),
        Item::Deployment(c, d) => Some((ViewKind::Pods, workload_filter(c, &d.meta, true))),
        Item::StatefulSet(c, d) => Some((ViewKind::Pods, workload_filter(c, &d.meta, false))),
        Item::DaemonSet(c, d) => Some((ViewKind::Pods, workload_filter(c, &d.meta, false))),
        Item::Job(c, d) => Some((ViewKind::Pods, workload_filter(c, &d.meta, false))),
        Item::Incident(i) => {
            let id = i.id.clone();
            push(state, Screen::Incident { id, scroll: 0 });
            return;
        }
        Item::Pod(..) | Item::Event(..) => {
            return on_cmd(state, Command::Describe, &mut Vec::new());
        }
        Item::Slo(_) => None,
    };
    if let Some((v, filter)) = drill {
        push(state, Screen::List(v));
        set_filter(state, v, &filter);
        state.table_mut(v).selected = 0;
    }
}

/// Pods of a workload: same cluster and namespace, name made of the workload's name and a
/// generated suffix.
fn workload_filter(cluster: &str, meta: &atl_core::k8s::Meta, replica_set: bool) -> String {
    let a = |s: &str| regex::escape(s);
    let suffix = if replica_set {
        "-[a-z0-9]+-[a-z0-9]+$"
    } else {
        "-[a-z0-9]+$"
    };
    format!(
        "CLUSTER:^{}$ NAMESPACE:^{}$ NAME:^{}{suffix}",
        a(cluster),
        a(meta.namespace_str()),
        a(&meta.name)
    )
}
