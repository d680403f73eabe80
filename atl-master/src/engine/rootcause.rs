//! Root-cause ranking: a personalized PageRank walk over the anomalous
//! subgraph, from the affected entities towards their dependencies.

use serde::{Deserialize, Serialize};

use crate::engine::graph::{Direction, Graph};
use crate::engine::risk::Finding;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RootCauseConfig {
    /// Probability of jumping back to the affected entities at each step.
    pub restart: f64,
    pub iterations: usize,
    /// How far below the affected entities the walk may go.
    pub max_depth: usize,
    pub max_candidates: usize,
}

impl Default for RootCauseConfig {
    fn default() -> Self {
        Self {
            restart: 0.15,
            iterations: 50,
            max_depth: 6,
            max_candidates: 5,
        }
    }
}

/// One step of an explanation path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathStep {
    pub from: String,
    pub to: String,
    pub edge: String,
    /// What `to`'s risk adds to `from` through this edge: `(1−α)·R_final(to)/|deps(from)|`.
    pub contribution: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub entity: String,
    /// Share of the walk's mass weighted by own risk, normalised over candidates.
    pub score: f64,
    pub r_local: f64,
    pub r_final: f64,
    /// The metrics and rules that fired on the candidate.
    pub evidence: Vec<Finding>,
    /// From the affected entity to the candidate.
    pub path: Vec<PathStep>,
}

/// Inputs of one ranking, indexed by graph node id.
pub struct RiskView<'a> {
    pub graph: &'a Graph,
    pub local: &'a [f64],
    pub fin: &'a [f64],
    pub findings: &'a dyn Fn(u32) -> Vec<Finding>,
    pub self_weight: f64,
}

/// Ranks root-cause candidates for the affected `seeds`.
pub fn rank(cfg: &RootCauseConfig, view: &RiskView<'_>, seeds: &[u32]) -> Vec<Candidate> {
    let g = view.graph;
    // The anomalous subgraph below the seeds.
    let mut nodes: Vec<u32> = Vec::new();
    let mut member = vec![usize::MAX; g.len()];
    for &s in seeds {
        for (v, _) in g.traverse(s, Direction::Downstream, cfg.max_depth) {
            let keep = view.fin[v as usize] > 0.0 || seeds.contains(&v);
            if keep && member[v as usize] == usize::MAX {
                member[v as usize] = nodes.len();
                nodes.push(v);
            }
        }
    }
    if nodes.is_empty() {
        return Vec::new();
    }
    let n = nodes.len();
    let mut personal = vec![0.0; n];
    for &s in seeds {
        if member[s as usize] != usize::MAX {
            personal[member[s as usize]] += view.fin[s as usize].max(1e-6);
        }
    }
    normalise(&mut personal);
    // Transitions: stay with weight R_local(u) (own trouble), move to a
    // dependency v with weight R_final(v) (trouble below).
    let transitions: Vec<Vec<(usize, f64)>> = nodes
        .iter()
        .map(|&u| {
            let mut t: Vec<(usize, f64)> = g
                .deps(u)
                .iter()
                .filter(|(v, _)| member[*v as usize] != usize::MAX)
                .map(|(v, _)| (member[*v as usize], view.fin[*v as usize]))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let own = view.local[u as usize];
            if own > 0.0 {
                t.push((member[u as usize], own));
            }
            let total: f64 = t.iter().map(|(_, w)| w).sum();
            t.iter_mut().for_each(|(_, w)| *w /= total);
            t
        })
        .collect();
    let mut p = personal.clone();
    for _ in 0..cfg.iterations {
        let mut next: Vec<f64> = personal.iter().map(|x| cfg.restart * x).collect();
        for (i, t) in transitions.iter().enumerate() {
            if t.is_empty() {
                // Dead end: the mass restarts.
                for (j, x) in personal.iter().enumerate() {
                    next[j] += (1.0 - cfg.restart) * p[i] * x;
                }
            } else {
                for &(j, w) in t {
                    next[j] += (1.0 - cfg.restart) * p[i] * w;
                }
            }
        }
        p = next;
    }
    let mut scored: Vec<(u32, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, p[i] * view.local[v as usize]))
        .filter(|(_, s)| *s > 0.0)
        .collect();
    let total: f64 = scored.iter().map(|(_, s)| s).sum();
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| g.node(a.0).key.cmp(&g.node(b.0).key))
    });
    scored.truncate(cfg.max_candidates);
    let origin = seeds.first().copied();
    scored
        .into_iter()
        .map(|(v, s)| Candidate {
            entity: g.node(v).key.clone(),
            score: s / total,
            r_local: view.local[v as usize],
            r_final: view.fin[v as usize],
            evidence: (view.findings)(v),
            path: origin
                .and_then(|o| g.path(o, v))
                .map(|p| explain(view, &p))
                .unwrap_or_default(),
        })
        .collect()
}

fn explain(
    view: &RiskView<'_>,
    path: &[(u32, Option<crate::engine::model::EdgeKind>)],
) -> Vec<PathStep> {
    let g = view.graph;
    path.windows(2)
        .map(|w| {
            let (u, kind) = w[0];
            let v = w[1].0;
            let deps = g.deps(u).len().max(1) as f64;
            PathStep {
                from: g.node(u).key.clone(),
                to: g.node(v).key.clone(),
                edge: kind.map_or("", |k| k.as_str()).to_string(),
                contribution: (1.0 - view.self_weight) * view.fin[v as usize] / deps,
            }
        })
        .collect()
}

fn normalise(v: &mut [f64]) {
    let total: f64 = v.iter().sum();
    if total > 0.0 {
        v.iter_mut().for_each(|x| *x /= total);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::engine::model::{Edge, EdgeKind, EntityKind, EntityObservation, Observation};

    fn obs() -> Observation {
        let e = |k: &str, kind| EntityObservation {
            key: k.into(),
            kind,
            metrics: Default::default(),
            signals: vec![],
        };
        let ed = |a: &str, b: &str, kind| Edge {
            from: a.into(),
            to: b.into(),
            kind,
        };
        Observation {
            cluster: "c".into(),
            at_ms: 0,
            entities: vec![
                e("c/ns/ingress/web", EntityKind::Ingress),
                e("c/ns/service/front", EntityKind::Service),
                e("c/ns/service/db", EntityKind::Service),
                e("c/ns/pod/front-1", EntityKind::Pod),
                e("c/ns/pod/db-1", EntityKind::Pod),
                e("c/_/node/n1", EntityKind::Node),
            ],
            edges: vec![
                ed("c/ns/ingress/web", "c/ns/service/front", EdgeKind::RoutesTo),
                ed("c/ns/service/front", "c/ns/service/db", EdgeKind::Calls),
                ed("c/ns/service/front", "c/ns/pod/front-1", EdgeKind::Selects),
                ed("c/ns/service/db", "c/ns/pod/db-1", EdgeKind::Selects),
                ed("c/ns/pod/front-1", "c/_/node/n1", EdgeKind::RunsOn),
                ed("c/ns/pod/db-1", "c/_/node/n1", EdgeKind::RunsOn),
            ],
            slo_burn: None,
        }
    }

    #[test]
    fn crashing_database_pod_ranks_first_for_an_ingress_symptom() {
        let g = Graph::build(&obs(), &[]);
        let id = |k: &str| g.id(k).unwrap() as usize;
        let mut local = vec![0.0; g.len()];
        local[id("c/ns/pod/db-1")] = 0.9;
        local[id("c/ns/ingress/web")] = 0.3;
        local[id("c/ns/service/front")] = 0.2;
        let cfg = crate::engine::risk::RiskConfig::default();
        let (fin, _) = crate::engine::risk::propagate(&cfg, &g, &local);
        let none = |_: u32| Vec::new();
        let view = RiskView {
            graph: &g,
            local: &local,
            fin: &fin,
            findings: &none,
            self_weight: 0.6,
        };
        let c = rank(
            &RootCauseConfig::default(),
            &view,
            &[id("c/ns/ingress/web") as u32],
        );
        assert_eq!(c[0].entity, "c/ns/pod/db-1");
        assert_eq!(c.len(), 3);
        let path: Vec<&str> = c[0].path.iter().map(|s| s.to.as_str()).collect();
        assert_eq!(
            path,
            vec!["c/ns/service/front", "c/ns/service/db", "c/ns/pod/db-1"]
        );
        assert!((c.iter().map(|x| x.score).sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
