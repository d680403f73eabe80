#![allow(clippy::unwrap_used)]
//! Reducer behaviour driven through the keymap, as a user would type it.

use atl_cli::tui::action::{Action, Command, DataEvent, Effect, Input};
use atl_cli::tui::columns::{self, Item};
use atl_cli::tui::fixture::{operator, sample_state};
use atl_cli::tui::keymap;
use atl_cli::tui::reducer::reduce;
use atl_cli::tui::state::{Mode, Screen, Settings, State, StatusKind, ViewKind};
use atl_core::Role;
use atl_core::command::{Action as Op, Outcome};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press_key(s: &mut State, k: KeyEvent) -> Vec<Effect> {
    match keymap::resolve(s, k) {
        Some(a) => reduce(s, a),
        None => Vec::new(),
    }
}

fn press(s: &mut State, c: char) -> Vec<Effect> {
    press_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(s: &mut State, c: KeyCode) -> Vec<Effect> {
    press_key(s, KeyEvent::new(c, KeyModifiers::NONE))
}

fn ctrl(s: &mut State, c: char) -> Vec<Effect> {
    press_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, c);
    }
}

fn state() -> State {
    let mut s = sample_state(200, operator());
    reduce(
        &mut s,
        Action::Resize {
            width: 120,
            height: 40,
        },
    );
    s
}

fn cells(s: &State, v: ViewKind, col: usize) -> Vec<String> {
    s.table(v)
        .index
        .iter()
        .map(|r| columns::cell(s, v, *r, col).into_owned())
        .collect()
}

fn selected_pod(s: &State) -> (String, String) {
    match columns::item(
        s,
        ViewKind::Pods,
        s.table(ViewKind::Pods).selected_row().unwrap(),
    ) {
        Some(Item::Pod(c, p)) => (c.to_string(), p.meta.name.clone()),
        _ => panic!("no pod selected"),
    }
}

#[test]
fn filter_regex_column_terms_and_inversion() {
    let mut s = state();
    press(&mut s, '2');
    assert_eq!(s.view(), Some(ViewKind::Pods));
    let all = s.table(ViewKind::Pods).index.len();
    assert_eq!(all, 230);
    press(&mut s, '/');
    assert_eq!(s.mode, Mode::Filter);
    typed(&mut s, "status:crash");
    let crash = s.table(ViewKind::Pods).index.len();
    assert!(crash > 0 && crash < all);
    assert!(
        cells(&s, ViewKind::Pods, 4)
            .iter()
            .all(|c| c == "CrashLoopBackOff")
    );
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.table(ViewKind::Pods).filter.text(), "status:crash");
    // Invert: everything else.
    press(&mut s, '/');
    for _ in 0.."status:crash".len() {
        code(&mut s, KeyCode::Backspace);
    }
    typed(&mut s, "!status:crash cluster:^prod$");
    code(&mut s, KeyCode::Enter);
    let rest = s.table(ViewKind::Pods).index.len();
    assert_eq!(
        rest,
        all - crash - 30,
        "staging's 30 pods are excluded by the cluster term"
    );
    // Esc clears the filter before it navigates back.
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.table(ViewKind::Pods).index.len(), all);
    assert_eq!(s.view(), Some(ViewKind::Pods));
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.view(), Some(ViewKind::Clusters));
}

#[test]
fn shift_letter_sorts_and_toggles() {
    let mut s = state();
    press(&mut s, '2');
    press(&mut s, 'T'); // RESTARTS ascending
    let r: Vec<u32> = cells(&s, ViewKind::Pods, 5)
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    assert!(r.windows(2).all(|w| w[0] <= w[1]));
    press(&mut s, 'T'); // descending
    let r: Vec<u32> = cells(&s, ViewKind::Pods, 5)
        .iter()
        .map(|c| c.parse().unwrap())
        .collect();
    assert!(r.windows(2).all(|w| w[0] >= w[1]) && r[0] > 0);
    press(&mut s, 'N');
    let names = cells(&s, ViewKind::Pods, 2);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    // A letter that is no column does nothing.
    let before = s.table(ViewKind::Pods).sort;
    press(&mut s, 'Z');
    assert_eq!(s.table(ViewKind::Pods).sort, before);
}

#[test]
fn navigation_and_selection_follow_the_object_across_updates() {
    let mut s = state();
    press(&mut s, '2');
    press(&mut s, 'j');
    press(&mut s, 'j');
    assert_eq!(s.table(ViewKind::Pods).selected, 2);
    code(&mut s, KeyCode::PageDown);
    assert_eq!(s.table(ViewKind::Pods).selected, 2 + 35);
    assert!(s.table(ViewKind::Pods).offset > 0);
    press(&mut s, 'G');
    assert_eq!(s.table(ViewKind::Pods).selected, 229);
    press(&mut s, 'g');
    assert_eq!(s.table(ViewKind::Pods).selected, 0);
    code(&mut s, KeyCode::Up);
    assert_eq!(s.table(ViewKind::Pods).selected, 0);
    for _ in 0..5 {
        press(&mut s, 'j');
    }
    let picked = selected_pod(&s);
    // Sorting moves rows, not the selection's object.
    press(&mut s, 'N');
    assert_eq!(selected_pod(&s), picked);
    // A fresh snapshot of the same cluster keeps it too.
    let snap = s.cluster("prod").unwrap().snapshot.clone().unwrap();
    let mut newer = (*snap).clone();
    newer.resources.pods.reverse();
    reduce(
        &mut s,
        DataEvent::Snapshot(std::sync::Arc::new(newer)).into(),
    );
    assert_eq!(selected_pod(&s), picked);
    // Every row appears once.
    let keys: std::collections::HashSet<_> = s
        .table(ViewKind::Pods)
        .index
        .iter()
        .map(|r| columns::row_key(&s, ViewKind::Pods, *r).unwrap())
        .collect();
    assert_eq!(keys.len(), s.table(ViewKind::Pods).index.len());
}

#[test]
fn palette_scopes_by_cluster_and_namespace() {
    let mut s = state();
    press(&mut s, ':');
    assert!(matches!(s.mode, Mode::Palette(_)));
    typed(&mut s, "pods @staging");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.view(), Some(ViewKind::Pods));
    assert_eq!(s.scope.cluster.as_deref(), Some("staging"));
    assert_eq!(s.table(ViewKind::Pods).index.len(), 30);
    // Other views follow the scope.
    press(&mut s, '3');
    assert!(cells(&s, ViewKind::Nodes, 0).iter().all(|c| c == "staging"));
    press(&mut s, ':');
    typed(&mut s, "ns ns-000");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.scope.namespace.as_deref(), Some("ns-000"));
    press(&mut s, ':');
    typed(&mut s, "po @all");
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.scope.cluster, None);
    assert!(cells(&s, ViewKind::Pods, 1).iter().all(|c| c == "ns-000"));
    // Unknown clusters are refused with the known ones listed.
    press(&mut s, ':');
    typed(&mut s, "pods @nope");
    code(&mut s, KeyCode::Enter);
    let st = s.status.clone().unwrap();
    assert_eq!(st.kind, StatusKind::Error);
    assert!(st.text.contains("prod, staging"), "{}", st.text);
    // Fuzzy: a misspelt view runs the best completion.
    press(&mut s, ':');
    typed(&mut s, "tpolgy");
    if let Mode::Palette(p) = &s.mode {
        assert_eq!(p.completions.first().map(String::as_str), Some("topology"));
    }
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.view(), Some(ViewKind::Topology));
    // :q quits.
    press(&mut s, ':');
    typed(&mut s, "q");
    code(&mut s, KeyCode::Enter);
    assert!(s.quit);
}

#[test]
fn palette_completes_clusters_after_at() {
    let mut s = state();
    press(&mut s, ':');
    typed(&mut s, "pods @st");
    let Mode::Palette(p) = &s.mode else { panic!() };
    assert_eq!(
        p.completions.first().map(String::as_str),
        Some("pods @staging")
    );
    code(&mut s, KeyCode::Tab);
    let Mode::Palette(p) = &s.mode else { panic!() };
    assert_eq!(p.input, "pods @staging ");
}

#[test]
fn restart_needs_confirmation_and_emits_one_effect() {
    let mut s = state();
    press(&mut s, '2');
    let (cluster, pod) = selected_pod(&s);
    assert!(
        press(&mut s, 'r').is_empty(),
        "no effect before the user confirms"
    );
    let Mode::Confirm(c) = &s.mode else {
        panic!("no dialog")
    };
    assert!(c.prompt.contains(&pod));
    // n cancels.
    assert!(press(&mut s, 'n').is_empty());
    assert_eq!(s.mode, Mode::Normal);
    press(&mut s, 'r');
    let fx = press(&mut s, 'y');
    assert_eq!(fx.len(), 1);
    let Effect::Run {
        id,
        cluster: c,
        action,
    } = &fx[0];
    assert_eq!(c, &cluster);
    assert!(matches!(action, Op::RestartPod { name, .. } if *name == pod));
    assert_eq!(s.pending.len(), 1);
    reduce(
        &mut s,
        DataEvent::CommandDone {
            id: *id,
            outcome: Outcome::Failed,
            message: "pods \"x\" is forbidden".into(),
            output: None,
        }
        .into(),
    );
    assert!(s.pending.is_empty());
    let st = s.status.clone().unwrap();
    assert_eq!(st.kind, StatusKind::Error);
    assert!(
        st.text.contains("failed") && st.text.contains("forbidden"),
        "{}",
        st.text
    );
}

#[test]
fn scale_asks_for_replicas_and_rejects_nonsense() {
    let mut s = state();
    press(&mut s, '4');
    press(&mut s, 'S');
    let Mode::Confirm(c) = &s.mode else {
        panic!("no dialog")
    };
    assert_eq!(c.replicas.as_deref(), Some("5"));
    code(&mut s, KeyCode::Backspace);
    // Only digits are taken.
    typed(&mut s, "x");
    assert!(
        code(&mut s, KeyCode::Enter).is_empty(),
        "empty replicas is refused"
    );
    assert!(matches!(s.mode, Mode::Confirm(_)));
    typed(&mut s, "12");
    let fx = code(&mut s, KeyCode::Enter);
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::Scale { replicas: 12, .. },
            ..
        }]
    ));
}

#[test]
fn cordon_delete_and_rollout_restart_target_the_selected_object() {
    let mut s = state();
    press(&mut s, '3');
    press(&mut s, 'c');
    let fx = press(&mut s, 'y');
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::Cordon { .. },
            ..
        }]
    ));
    press(&mut s, 'u');
    let fx = code(&mut s, KeyCode::Enter);
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::Uncordon { .. },
            ..
        }]
    ));
    press(&mut s, '2');
    ctrl(&mut s, 'd');
    let fx = press(&mut s, 'y');
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::DeletePod { .. },
            ..
        }]
    ));
    press(&mut s, '4');
    press(&mut s, 'r');
    let fx = press(&mut s, 'y');
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::RolloutRestart { .. },
            ..
        }]
    ));
    // Keys of other views do nothing here: no cordon on workloads.
    assert!(press(&mut s, 'c').is_empty());
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn viewer_and_readonly_cannot_operate_and_see_no_such_keys() {
    for (role, readonly) in [(Role::Viewer, false), (Role::Admin, true)] {
        let mut s = sample_state(
            50,
            Settings {
                role,
                readonly,
                color: false,
            },
        );
        press(&mut s, '2');
        assert!(press(&mut s, 'r').is_empty());
        assert_eq!(
            s.mode,
            Mode::Normal,
            "no dialog for {role} readonly={readonly}"
        );
        ctrl(&mut s, 'd');
        assert_eq!(s.mode, Mode::Normal);
        let help: Vec<String> = keymap::help(&s).into_iter().map(|(_, h)| h).collect();
        assert!(
            !help
                .iter()
                .any(|h| h.starts_with("restart") || h.starts_with("delete")),
            "{help:?}"
        );
        // Even if an action reaches the reducer, it is refused.
        assert!(reduce(&mut s, Action::Cmd(Command::Restart)).is_empty());
        assert_eq!(s.status.as_ref().unwrap().kind, StatusKind::Error);
        // Logs are not mutating: read-only admins keep them, viewers do not.
        let logs = help.iter().any(|h| h == "logs");
        assert_eq!(logs, role >= Role::Operator, "{role}");
    }
    let mut s = state();
    press(&mut s, '2');
    let help: Vec<String> = keymap::help(&s).into_iter().map(|(_, h)| h).collect();
    assert!(help.iter().any(|h| h.starts_with("restart")));
}

#[test]
fn logs_open_a_pane_filled_by_the_result() {
    let mut s = state();
    press(&mut s, '2');
    let fx = press(&mut s, 'l');
    let [
        Effect::Run {
            id,
            action: Op::Logs { tail_lines, .. },
            ..
        },
    ] = &fx[..]
    else {
        panic!("{fx:?}")
    };
    assert_eq!(*tail_lines, Some(500));
    let Screen::Text(p) = s.screen() else {
        panic!()
    };
    assert_eq!(p.request, Some(*id));
    let text: String = (0..6000).map(|i| format!("line {i}\n")).collect();
    reduce(
        &mut s,
        DataEvent::CommandDone {
            id: *id,
            outcome: Outcome::Succeeded,
            message: String::new(),
            output: Some(text),
        }
        .into(),
    );
    let Screen::Text(p) = s.screen() else {
        panic!()
    };
    assert_eq!(p.lines.len(), 5000, "panes keep a bounded tail");
    assert_eq!(p.lines.last().map(String::as_str), Some("line 5999"));
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.view(), Some(ViewKind::Pods));
}

#[test]
fn drill_down_from_clusters_nodes_workloads_and_incidents() {
    let mut s = state();
    // Clusters are sorted by id: prod first.
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.scope.cluster.as_deref(), Some("prod"));
    assert_eq!(s.view(), Some(ViewKind::Pods));
    press(&mut s, '3');
    let node =
        columns::cell(&s, ViewKind::Nodes, s.table(ViewKind::Nodes).index[0], 1).into_owned();
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.view(), Some(ViewKind::Pods));
    let nodes = cells(&s, ViewKind::Pods, 7);
    assert!(!nodes.is_empty() && nodes.iter().all(|n| *n == node));
    press(&mut s, '4');
    code(&mut s, KeyCode::Enter);
    assert_eq!(
        s.table(ViewKind::Pods).index.len(),
        5,
        "a deployment's five pods"
    );
    press(&mut s, '7');
    code(&mut s, KeyCode::Enter);
    assert!(matches!(s.screen(), Screen::Incident { .. }));
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.view(), Some(ViewKind::Incidents));
}

#[test]
fn topology_expands_and_collapses() {
    let mut s = state();
    press(&mut s, '6');
    let n0 = s.tree.len();
    assert!(s.tree[0].expanded, "clusters start expanded");
    press(&mut s, 'j'); // first ingress
    assert_eq!(s.tree[1].kind, "ingress");
    code(&mut s, KeyCode::Enter);
    assert!(s.tree.len() > n0);
    assert_eq!(s.tree[2].kind, "service");
    press(&mut s, 'j');
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.tree[3].kind, "pod");
    press(&mut s, 'j');
    code(&mut s, KeyCode::Enter);
    assert_eq!(s.tree[4].kind, "node");
    press(&mut s, 'h'); // collapse the pod
    assert_eq!(s.tree[4].kind, "pod");
    press(&mut s, 'g');
    code(&mut s, KeyCode::Left);
    assert!(!s.tree[0].expanded);
    assert_eq!(s.tree[1].id, "staging", "prod's children are hidden");
}

#[test]
fn describe_and_yaml_are_built_from_the_snapshot() {
    let mut s = state();
    press(&mut s, '2');
    let (_, pod) = selected_pod(&s);
    press(&mut s, 'd');
    let Screen::Text(p) = s.screen() else {
        panic!()
    };
    assert!(p.lines[0].contains(&pod));
    assert!(p.lines.iter().any(|l| l.starts_with("Containers:")));
    code(&mut s, KeyCode::Esc);
    press(&mut s, 'y');
    let Screen::Text(p) = s.screen() else {
        panic!()
    };
    assert!(p.lines.iter().any(|l| l.trim_start().starts_with("name: ")));
}

#[test]
fn help_toggles_and_lists_sort_keys() {
    let mut s = state();
    press(&mut s, '2');
    press(&mut s, '?');
    assert_eq!(s.mode, Mode::Help(0));
    let help = keymap::help(&s);
    assert!(
        help.iter()
            .any(|(k, h)| k == "shift-n" && h == "sort by NAME")
    );
    // j scrolls the help, not the table.
    press(&mut s, 'j');
    assert_eq!(s.mode, Mode::Help(1));
    assert_eq!(s.table(ViewKind::Pods).selected, 0);
    code(&mut s, KeyCode::Esc);
    assert_eq!(s.mode, Mode::Normal);
    press(&mut s, 'q');
    assert!(s.quit);
    let mut s = state();
    ctrl(&mut s, 'c');
    assert!(s.quit);
    let _ = Input::Cancel;
}

#[test]
fn previous_logs_ask_for_the_previous_run() {
    let mut s = state();
    press(&mut s, '2');
    let fx = press(&mut s, 'p');
    assert!(matches!(
        &fx[..],
        [Effect::Run {
            action: Op::Logs { previous: true, .. },
            ..
        }]
    ));
    let Screen::Text(p) = s.screen() else {
        panic!()
    };
    assert!(p.title.starts_with("previous logs pod "), "{}", p.title);
}

#[test]
fn master_risk_overrides_the_derived_topology_risk() {
    let mut s = state();
    press(&mut s, '6');
    let ingress = s.tree.iter().find(|l| l.kind == "ingress").unwrap().clone();
    let key: atl_core::EntityKey = ingress.id.parse().unwrap();
    reduce(
        &mut s,
        DataEvent::Risk {
            cluster: "prod".into(),
            entities: vec![(key, 0.97)],
        }
        .into(),
    );
    let line = s.tree.iter().find(|l| l.id == ingress.id).unwrap();
    assert_eq!(line.risk, 0.97);
    // Ingresses are ordered worst first.
    assert_eq!(
        s.tree.iter().find(|l| l.kind == "ingress").unwrap().id,
        ingress.id
    );
}

#[test]
fn cluster_list_updates_keep_snapshots_and_drop_gone_clusters() {
    use atl_cli::tui::model::{AgentState, ClusterStatus};
    let mut s = state();
    let mut prod = ClusterStatus::online("prod");
    prod.state = AgentState::Stale;
    reduce(&mut s, DataEvent::Clusters(vec![prod]).into());
    assert_eq!(s.clusters.len(), 1, "staging is gone");
    assert!(
        s.cluster("prod").unwrap().snapshot.is_some(),
        "the last snapshot stays"
    );
    assert_eq!(cells(&s, ViewKind::Clusters, 1), vec!["stale".to_string()]);
    press(&mut s, '2');
    assert_eq!(s.table(ViewKind::Pods).index.len(), 200);
}
