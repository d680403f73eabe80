//! The `:` command palette: parsing and fuzzy completion over views, clusters (`@prod`) and
//! namespaces.

use super::state::{State, ViewKind};

/// What a palette line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaletteCmd {
    /// Switch view and/or scope. `Some(None)` clears a scope, `None` leaves it.
    Go {
        view: Option<ViewKind>,
        cluster: Option<Option<String>>,
        namespace: Option<Option<String>>,
    },
    Quit,
    Help,
}

fn scope_value(v: &str) -> Option<String> {
    match v {
        "all" | "*" | "-A" | "" => None,
        v => Some(v.to_string()),
    }
}

/// Parses a palette line such as `pods @prod`, `po shop`, `ns kube-system`, `@all`, `q`.
pub fn parse(line: &str, state: &State) -> Result<PaletteCmd, String> {
    let mut tokens = line.split_whitespace().peekable();
    let mut view = None;
    let mut cluster = None;
    let mut namespace = None;
    match tokens.peek().copied() {
        None => return Err("type a view (pods, nodes, …), @cluster or ns NAME".into()),
        Some("q" | "q!" | "quit" | "exit") => return Ok(PaletteCmd::Quit),
        Some("help" | "?") => return Ok(PaletteCmd::Help),
        Some("ns" | "namespace") => {
            tokens.next();
            namespace = Some(scope_value(tokens.next().unwrap_or("all")));
        }
        Some(t) if t.starts_with('@') => {}
        Some(t) => match ViewKind::parse(t) {
            Some(v) => {
                view = Some(v);
                tokens.next();
            }
            None => {
                return Err(format!(
                    "unknown view {t:?}: try pods, nodes, workloads, slos, topology, incidents, events, clusters"
                ));
            }
        },
    }
    while let Some(t) = tokens.next() {
        if let Some(c) = t.strip_prefix('@') {
            let c = scope_value(c);
            if let Some(id) = &c
                && state.cluster(id).is_none()
            {
                let known: Vec<&str> = state
                    .clusters
                    .iter()
                    .map(|c| c.status.id.as_str())
                    .collect();
                return Err(format!(
                    "unknown cluster {id:?}: known are {}",
                    known.join(", ")
                ));
            }
            cluster = Some(c);
        } else if t == "-n" || t == "--namespace" {
            namespace = Some(scope_value(tokens.next().unwrap_or("all")));
        } else if t == "-A" {
            namespace = Some(None);
        } else {
            namespace = Some(scope_value(t));
        }
    }
    Ok(PaletteCmd::Go {
        view,
        cluster,
        namespace,
    })
}

/// Fuzzy score of `cand` for `query` (subsequence match; prefix and contiguous runs score
/// higher); `None` when it does not match.
pub fn fuzzy(query: &str, cand: &str) -> Option<i64> {
    if query.is_empty() {
        return Some(0);
    }
    let q: Vec<char> = query.to_lowercase().chars().collect();
    let mut score = 0i64;
    let mut qi = 0;
    let mut last: Option<usize> = None;
    for (ci, ch) in cand.to_lowercase().chars().enumerate() {
        if qi < q.len() && ch == q[qi] {
            score += match last {
                Some(l) if l + 1 == ci => 5,
                _ => 1,
            };
            if ci == 0 {
                score += 10;
            }
            last = Some(ci);
            qi += 1;
        }
    }
    (qi == q.len()).then_some(score * 100 - cand.len() as i64)
}

/// Completions for the palette line: whole lines to replace the input with, best first.
pub fn complete(line: &str, state: &State) -> Vec<String> {
    let (head, last) = match line.rfind(' ') {
        Some(i) => (&line[..=i], &line[i + 1..]),
        None => ("", line),
    };
    let first = line.split_whitespace().next().unwrap_or("");
    let mut cands: Vec<String> = Vec::new();
    if last.starts_with('@') || !head.is_empty() && first != "ns" {
        cands.push("@all".into());
        cands.extend(state.clusters.iter().map(|c| format!("@{}", c.status.id)));
        if !last.starts_with('@') {
            cands.extend(namespaces(state));
        }
    } else if first == "ns" && !head.is_empty() {
        cands.push("all".into());
        cands.extend(namespaces(state));
    } else {
        for v in ViewKind::ALL {
            cands.push(v.name().to_string());
        }
        cands.extend(["ns".to_string(), "quit".into(), "help".into()]);
        cands.extend(state.clusters.iter().map(|c| format!("@{}", c.status.id)));
    }
    let mut scored: Vec<(i64, String)> = cands
        .into_iter()
        .filter_map(|c| {
            // Aliases (po, deploy, xray…) complete to their view's name.
            let alias_hit = ViewKind::parse(last)
                .filter(|v| head.is_empty() && v.name() == c)
                .map(|_| 10_000);
            fuzzy(last, &c)
                .or(alias_hit)
                .map(|s| (s.max(alias_hit.unwrap_or(i64::MIN)), c))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(8)
        .map(|(_, c)| format!("{head}{c}"))
        .collect()
}

fn namespaces(state: &State) -> Vec<String> {
    let mut out: Vec<String> = state
        .clusters_in_scope()
        .filter_map(|(_, c)| c.snapshot.as_ref())
        .flat_map(|s| s.resources.namespaces.iter().map(|n| n.meta.name.clone()))
        .collect();
    out.sort();
    out.dedup();
    out
}
