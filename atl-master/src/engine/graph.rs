//! M1 dependency graph with dense ids; edges point from dependant to dependency.

use std::collections::{BTreeMap, HashMap, VecDeque};

use serde::Serialize;

use crate::engine::model::{Edge, EdgeKind, EntityKind, Observation};

#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    pub key: String,
    pub kind: EntityKind,
}

/// Direction of a traversal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards dependencies (ingress → service → pod → node).
    Downstream,
    /// Towards dependants.
    Upstream,
}

#[derive(Debug, Clone, Default)]
pub struct Graph {
    nodes: Vec<GraphNode>,
    index: HashMap<String, u32>,
    out: Vec<Vec<(u32, EdgeKind)>>,
    inc: Vec<Vec<(u32, EdgeKind)>>,
}

impl Graph {
    /// Builds the graph of one observation plus cached call edges. Edges whose
    /// endpoints are not entities of the observation are dropped (no dangling
    /// edges), and duplicates are merged.
    pub fn build(obs: &Observation, cached_calls: &[Edge]) -> Self {
        let mut g = Graph::default();
        let mut order: Vec<&crate::engine::model::EntityObservation> =
            obs.entities.iter().collect();
        order.sort_by(|a, b| a.key.cmp(&b.key));
        for e in order {
            if !g.index.contains_key(&e.key) {
                g.index.insert(e.key.clone(), g.nodes.len() as u32);
                g.nodes.push(GraphNode {
                    key: e.key.clone(),
                    kind: e.kind,
                });
            }
        }
        g.out = vec![Vec::new(); g.nodes.len()];
        g.inc = vec![Vec::new(); g.nodes.len()];
        for edge in obs.edges.iter().chain(cached_calls) {
            if let (Some(&a), Some(&b)) = (g.index.get(&edge.from), g.index.get(&edge.to))
                && a != b
                && !g.out[a as usize].iter().any(|(t, _)| *t == b)
            {
                g.out[a as usize].push((b, edge.kind));
                g.inc[b as usize].push((a, edge.kind));
            }
        }
        for list in g.out.iter_mut().chain(g.inc.iter_mut()) {
            list.sort_unstable();
        }
        g
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn id(&self, key: &str) -> Option<u32> {
        self.index.get(key).copied()
    }

    pub fn node(&self, id: u32) -> &GraphNode {
        &self.nodes[id as usize]
    }

    pub fn nodes(&self) -> &[GraphNode] {
        &self.nodes
    }

    /// Dependencies of `id`.
    pub fn deps(&self, id: u32) -> &[(u32, EdgeKind)] {
        &self.out[id as usize]
    }

    /// Dependants of `id`.
    pub fn dependants(&self, id: u32) -> &[(u32, EdgeKind)] {
        &self.inc[id as usize]
    }

    pub fn neighbours(&self, id: u32, dir: Direction) -> &[(u32, EdgeKind)] {
        match dir {
            Direction::Downstream => self.deps(id),
            Direction::Upstream => self.dependants(id),
        }
    }

    /// Nodes reachable from `from` within `max_depth` steps, with their depth (BFS order).
    pub fn traverse(&self, from: u32, dir: Direction, max_depth: usize) -> Vec<(u32, usize)> {
        let mut seen = vec![false; self.nodes.len()];
        let mut out = vec![(from, 0)];
        seen[from as usize] = true;
        let mut queue = VecDeque::from([(from, 0usize)]);
        while let Some((u, d)) = queue.pop_front() {
            if d == max_depth {
                continue;
            }
            for &(v, _) in self.neighbours(u, dir) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    out.push((v, d + 1));
                    queue.push_back((v, d + 1));
                }
            }
        }
        out
    }

    /// Shortest dependency path `from → … → to` (downstream), if any.
    pub fn path(&self, from: u32, to: u32) -> Option<Vec<(u32, Option<EdgeKind>)>> {
        let mut prev: Vec<Option<(u32, EdgeKind)>> = vec![None; self.nodes.len()];
        let mut seen = vec![false; self.nodes.len()];
        seen[from as usize] = true;
        let mut queue = VecDeque::from([from]);
        while let Some(u) = queue.pop_front() {
            if u == to {
                let mut nodes = vec![to];
                let mut cur = to;
                while let Some((p, _)) = prev[cur as usize] {
                    nodes.push(p);
                    cur = p;
                }
                nodes.reverse();
                // Each element carries the kind of the edge to the next element.
                let path = nodes
                    .iter()
                    .enumerate()
                    .map(|(i, &n)| {
                        let kind = nodes
                            .get(i + 1)
                            .and_then(|next| prev[*next as usize].map(|(_, k)| k));
                        (n, kind)
                    })
                    .collect();
                return Some(path);
            }
            for &(v, k) in self.deps(u) {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    prev[v as usize] = Some((u, k));
                    queue.push_back(v);
                }
            }
        }
        None
    }

    /// Node ids in propagation order: by layer (node, pod, service, ingress),
    /// services ordered so that callees come before callers (ties and cycles
    /// broken by key), so the order never depends on hash iteration.
    pub fn propagation_order(&self) -> Vec<u32> {
        let mut by_layer: BTreeMap<u8, Vec<u32>> = BTreeMap::new();
        for (i, n) in self.nodes.iter().enumerate() {
            by_layer.entry(n.kind.layer()).or_default().push(i as u32);
        }
        let mut order = Vec::with_capacity(self.nodes.len());
        for (_, ids) in by_layer {
            order.extend(self.topo_within(&ids));
        }
        order
    }

    /// Kahn's algorithm on same-layer edges; ids are already key-sorted.
    fn topo_within(&self, ids: &[u32]) -> Vec<u32> {
        let layer = |id: u32| self.node(id).kind.layer();
        let Some(&first) = ids.first() else {
            return Vec::new();
        };
        let l = layer(first);
        let mut pending: BTreeMap<u32, usize> = ids
            .iter()
            .map(|&id| {
                let n = self
                    .deps(id)
                    .iter()
                    .filter(|(d, _)| layer(*d) == l && *d != id)
                    .count();
                (id, n)
            })
            .collect();
        let mut out = Vec::with_capacity(ids.len());
        while !pending.is_empty() {
            let ready: Vec<u32> = pending
                .iter()
                .filter(|(_, n)| **n == 0)
                .map(|(id, _)| *id)
                .collect();
            // A cycle: release the smallest id to make progress.
            let ready = if ready.is_empty() {
                vec![*pending.keys().next().unwrap_or(&first)]
            } else {
                ready
            };
            for id in ready {
                pending.remove(&id);
                out.push(id);
                for &(dependant, _) in self.dependants(id) {
                    if let Some(n) = pending.get_mut(&dependant) {
                        *n = n.saturating_sub(1);
                    }
                }
            }
        }
        out
    }
}

/// Call edges remembered across snapshots so that quiet edges do not flicker.
#[derive(Debug, Clone, Default)]
pub struct CallCache {
    last_seen: BTreeMap<(String, String), i64>,
}

impl CallCache {
    /// Records this observation's call edges and returns the cached ones it lacks
    /// that are younger than `ttl_ms` (older ones are evicted).
    pub fn update(&mut self, obs: &Observation, ttl_ms: i64) -> Vec<Edge> {
        for e in obs.edges.iter().filter(|e| e.kind == EdgeKind::Calls) {
            self.last_seen
                .insert((e.from.clone(), e.to.clone()), obs.at_ms);
        }
        self.last_seen.retain(|_, seen| obs.at_ms - *seen <= ttl_ms);
        self.last_seen
            .iter()
            .filter(|(_, seen)| **seen < obs.at_ms)
            .map(|((from, to), _)| Edge {
                from: from.clone(),
                to: to.clone(),
                kind: EdgeKind::Calls,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::engine::model::EntityObservation;

    fn ent(key: &str, kind: EntityKind) -> EntityObservation {
        EntityObservation {
            key: key.into(),
            kind,
            metrics: Default::default(),
            signals: vec![],
        }
    }

    fn edge(from: &str, to: &str, kind: EdgeKind) -> Edge {
        Edge {
            from: from.into(),
            to: to.into(),
            kind,
        }
    }

    fn chain() -> Observation {
        Observation {
            cluster: "c".into(),
            at_ms: 0,
            entities: vec![
                ent("c/ns/ingress/web", EntityKind::Ingress),
                ent("c/ns/service/api", EntityKind::Service),
                ent("c/ns/pod/api-1", EntityKind::Pod),
                ent("c/_/node/n1", EntityKind::Node),
            ],
            edges: vec![
                edge("c/ns/ingress/web", "c/ns/service/api", EdgeKind::RoutesTo),
                edge("c/ns/ingress/web", "c/ns/service/api", EdgeKind::RoutesTo),
                edge("c/ns/service/api", "c/ns/pod/api-1", EdgeKind::Selects),
                edge("c/ns/pod/api-1", "c/_/node/n1", EdgeKind::RunsOn),
                edge(
                    "c/ns/ingress/web",
                    "c/ns/service/missing",
                    EdgeKind::RoutesTo,
                ),
            ],
            slo_burn: None,
        }
    }

    #[test]
    fn traversal_depth_and_direction() {
        let g = Graph::build(&chain(), &[]);
        let ing = g.id("c/ns/ingress/web").unwrap();
        let node = g.id("c/_/node/n1").unwrap();
        assert_eq!(g.traverse(ing, Direction::Downstream, 10).len(), 4);
        assert_eq!(g.traverse(node, Direction::Upstream, 10).len(), 4);
        assert_eq!(g.traverse(ing, Direction::Downstream, 1).len(), 2);
        // duplicate and dangling edges are dropped
        assert_eq!(g.deps(ing).len(), 1);
    }

    #[test]
    fn explanation_path_follows_dependencies() {
        let g = Graph::build(&chain(), &[]);
        let p = g
            .path(
                g.id("c/ns/ingress/web").unwrap(),
                g.id("c/_/node/n1").unwrap(),
            )
            .unwrap();
        let kinds: Vec<_> = p.iter().map(|(_, k)| *k).collect();
        assert_eq!(
            kinds,
            vec![
                Some(EdgeKind::RoutesTo),
                Some(EdgeKind::Selects),
                Some(EdgeKind::RunsOn),
                None
            ]
        );
    }

    #[test]
    fn propagation_order_puts_callees_first() {
        let mut obs = chain();
        obs.entities
            .push(ent("c/ns/service/a-front", EntityKind::Service));
        obs.edges.push(edge(
            "c/ns/service/a-front",
            "c/ns/service/api",
            EdgeKind::Calls,
        ));
        let g = Graph::build(&obs, &[]);
        let order: Vec<&str> = g
            .propagation_order()
            .into_iter()
            .map(|i| g.node(i).key.as_str())
            .collect();
        assert_eq!(
            order,
            vec![
                "c/_/node/n1",
                "c/ns/pod/api-1",
                "c/ns/service/api",
                "c/ns/service/a-front",
                "c/ns/ingress/web"
            ]
        );
    }

    #[test]
    fn call_cache_keeps_quiet_edges_until_ttl() {
        let mut cache = CallCache::default();
        let mut obs = chain();
        obs.edges = vec![edge("c/ns/service/a", "c/ns/service/b", EdgeKind::Calls)];
        assert!(cache.update(&obs, 3_600_000).is_empty());
        obs.edges.clear();
        obs.at_ms = 60_000;
        assert_eq!(cache.update(&obs, 3_600_000).len(), 1);
        obs.at_ms = 3_700_000;
        assert!(cache.update(&obs, 3_600_000).is_empty());
    }
}
