//! The engine: (state, observation) → (state, risk, transitions, incidents).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::engine::baseline::{BaselineConfig, Detector};
use crate::engine::graph::{CallCache, Direction, Graph};
use crate::engine::incident::{
    Incident, IncidentConfig, IncidentEntity, IncidentState, Role, Severity, TimelineKind,
};
use crate::engine::model::{EdgeKind, EntityKind, Observation, Sample};
use crate::engine::risk::{self, ClusterLevel, Contribution, Finding, RiskConfig, RiskLevel};
use crate::engine::rootcause::{self, Candidate, RiskView, RootCauseConfig};
use crate::engine::rules::RulesConfig;
use crate::engine::state::{Change, EntityState, Entry, StateConfig};

/// Every threshold of the engine, in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EngineConfig {
    pub baseline: BaselineConfig,
    pub rules: RulesConfig,
    pub risk: RiskConfig,
    pub state: StateConfig,
    pub root_cause: RootCauseConfig,
    pub incident: IncidentConfig,
    pub graph: GraphConfig,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GraphConfig {
    /// Call edges not seen again are kept this long.
    pub call_edge_ttl_secs: i64,
    /// Baselines of series not seen for this long are dropped.
    pub series_ttl_secs: i64,
}

impl Default for GraphConfig {
    fn default() -> Self {
        Self {
            call_edge_ttl_secs: 3600,
            series_ttl_secs: 1800,
        }
    }
}

struct Series {
    detector: Detector,
    last_counter: Option<f64>,
    last_seen_ms: i64,
}

impl Series {
    fn new(config: &BaselineConfig, now: i64) -> Self {
        Self {
            detector: Detector::new(config),
            last_counter: None,
            last_seen_ms: now,
        }
    }
}

#[derive(Default)]
struct ClusterState {
    /// entity key → metric → baseline.
    series: HashMap<String, BTreeMap<String, Series>>,
    calls: CallCache,
    first_anomaly: HashMap<String, i64>,
    entries: HashMap<String, Entry>,
    incidents: BTreeMap<String, Incident>,
    entity_incident: HashMap<String, String>,
    seq: u64,
    anomalous: usize,
    last_at_ms: Option<i64>,
}

/// Risk of one entity (only entities with some risk are reported).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRisk {
    pub entity: String,
    pub kind: EntityKind,
    pub r_local: f64,
    pub w_time: f64,
    pub r_weighted: f64,
    pub r_final: f64,
    pub level: RiskLevel,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transition {
    pub cluster: String,
    pub at_ms: i64,
    pub entity: String,
    pub from: EntityState,
    pub to: EntityState,
    pub r_final: f64,
    pub incident: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentAction {
    Created,
    Updated,
    Resolved,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncidentEvent {
    pub action: IncidentAction,
    pub incident: Incident,
}

/// What one observation produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub cluster: String,
    pub at_ms: i64,
    /// False when the observation was older than the previous one and ignored.
    pub accepted: bool,
    pub cluster_risk: f64,
    pub cluster_level: ClusterLevel,
    pub risks: Vec<EntityRisk>,
    pub propagation: Vec<Contribution>,
    pub transitions: Vec<Transition>,
    pub incidents: Vec<IncidentEvent>,
}

/// The AIOps engine; all state is keyed per cluster.
#[derive(Default)]
pub struct Engine {
    config: EngineConfig,
    clusters: BTreeMap<String, ClusterState>,
}

impl Engine {
    pub fn new(config: EngineConfig) -> Self {
        Self {
            config,
            clusters: BTreeMap::new(),
        }
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Open incidents of a cluster.
    pub fn open_incidents(&self, cluster: &str) -> Vec<&Incident> {
        self.clusters
            .get(cluster)
            .map(|c| c.incidents.values().collect())
            .unwrap_or_default()
    }

    /// Continues open incidents after a restart: each incident, its members' state-machine
    /// states and the entity → incident mapping are re-seeded, so a fault that persists across
    /// the restart updates the same incident. Pending timers and baselines start afresh.
    pub fn restore(&mut self, incidents: impl IntoIterator<Item = Incident>) {
        for inc in incidents {
            if inc.state == IncidentState::Resolved {
                continue;
            }
            let st = self.clusters.entry(inc.cluster.clone()).or_default();
            let last_ms = inc
                .timeline
                .iter()
                .map(|t| t.at_ms)
                .max()
                .unwrap_or(inc.started_at_ms)
                .max(inc.started_at_ms + inc.duration_secs * 1000);
            for m in inc.open_members() {
                let Some(state) = m.state else { continue };
                st.entries
                    .insert(m.entity.clone(), Entry::restored(state, m.r_final, last_ms));
                st.entity_incident.insert(m.entity.clone(), inc.id.clone());
                // The temporal weight keeps growing from the entity's first anomaly.
                let first = inc
                    .timeline
                    .iter()
                    .filter(|t| t.entity == m.entity)
                    .map(|t| t.at_ms)
                    .min()
                    .unwrap_or(inc.started_at_ms);
                st.first_anomaly.insert(m.entity.clone(), first);
            }
            st.anomalous = st.entries.len();
            st.seq = st.seq.max(id_seq(&inc.id));
            st.incidents.insert(inc.id.clone(), inc);
        }
    }

    /// Runs the engine on one snapshot.
    pub fn process_snapshot(&mut self, snap: &atl_core::ClusterSnapshot) -> Output {
        let obs = crate::engine::observe::observe(snap, &self.config.rules);
        self.process(&obs)
    }

    /// Runs the engine on one observation.
    pub fn process(&mut self, obs: &Observation) -> Output {
        let cfg = &self.config;
        let st = self.clusters.entry(obs.cluster.clone()).or_default();
        let now = obs.at_ms;
        if st.last_at_ms.is_some_and(|last| now < last) {
            return Output {
                cluster: obs.cluster.clone(),
                at_ms: now,
                accepted: false,
                cluster_risk: 0.0,
                cluster_level: ClusterLevel::Healthy,
                risks: Vec::new(),
                propagation: Vec::new(),
                transitions: Vec::new(),
                incidents: Vec::new(),
            };
        }
        st.last_at_ms = Some(now);

        // M1.
        let cached = st.calls.update(obs, cfg.graph.call_edge_ttl_secs * 1000);
        let graph = Graph::build(obs, &cached);

        // M2: both channels → findings per node id; first alerts → spikes.
        let mut findings: Vec<Vec<Finding>> = vec![Vec::new(); graph.len()];
        let mut spikes: Vec<(String, String)> = Vec::new();
        for e in &obs.entities {
            let Some(id) = graph.id(&e.key) else { continue };
            if !st.series.contains_key(e.key.as_str()) {
                st.series.insert(e.key.clone(), BTreeMap::new());
            }
            let Some(entity_series) = st.series.get_mut(e.key.as_str()) else {
                continue;
            };
            for (metric, sample) in &e.metrics {
                if !entity_series.contains_key(metric.as_str()) {
                    entity_series.insert(metric.clone(), Series::new(&cfg.baseline, now));
                }
                let Some(series) = entity_series.get_mut(metric.as_str()) else {
                    continue;
                };
                series.last_seen_ms = now;
                let value = match *sample {
                    Sample::Gauge(v) => Some(v),
                    Sample::Counter(v) => {
                        // Increase since the last snapshot; a drop is a reset.
                        let inc = series
                            .last_counter
                            .map(|last| if v >= last { v - last } else { v });
                        series.last_counter = Some(v);
                        inc
                    }
                };
                let Some(value) = value else { continue };
                let Some(d) = series.detector.observe(now.div_euclid(1000), value) else {
                    continue;
                };
                if d.alert {
                    spikes.push((e.key.clone(), format!("{metric}: {}", d.evidence_text())));
                }
                if d.in_episode && d.anomalous {
                    findings[id as usize].push(Finding {
                        metric: metric.clone(),
                        score: d.score,
                        value: d.value,
                        baseline: d.baseline,
                        deviation: d.deviation,
                        text: if d.evidence.is_empty() {
                            format!("{:.1}σ from the usual level", d.deviation)
                        } else {
                            d.evidence_text()
                        },
                        deterministic: false,
                    });
                }
            }
            for s in &e.signals {
                let f = &mut findings[id as usize];
                // The two channels merge per metric by the higher score.
                if let Some(existing) = f.iter_mut().find(|x| x.metric == s.metric) {
                    if s.score > existing.score {
                        existing.score = s.score;
                        existing.text = s.text.clone();
                        existing.deterministic = true;
                    }
                    continue;
                }
                f.push(Finding {
                    metric: s.metric.clone(),
                    score: s.score,
                    value: s.value,
                    baseline: 0.0,
                    deviation: s.score * 10.0,
                    text: s.text.clone(),
                    deterministic: true,
                });
            }
        }
        // Most telling evidence first.
        for f in &mut findings {
            f.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.metric.cmp(&b.metric))
            });
        }
        let ttl = cfg.graph.series_ttl_secs * 1000;
        for metrics in st.series.values_mut() {
            metrics.retain(|_, s| now - s.last_seen_ms <= ttl);
        }
        st.series.retain(|_, metrics| !metrics.is_empty());

        // M3.
        let n = graph.len();
        let mut local = vec![0.0; n];
        let mut weighted = vec![0.0; n];
        let mut w_time = vec![1.0; n];
        // When each anomalous node's anomaly began (MAX: not anomalous).
        let mut onset = vec![i64::MAX; n];
        for (i, node) in graph.nodes().iter().enumerate() {
            local[i] = risk::local_risk(&cfg.risk, node.kind, &findings[i]);
            if local[i] > 0.0 {
                let first = *st.first_anomaly.entry(node.key.clone()).or_insert(now);
                onset[i] = first;
                w_time[i] = cfg.risk.temporal_weight((now - first) as f64 / 1000.0);
            } else {
                st.first_anomaly.remove(&node.key);
            }
            weighted[i] = local[i] * w_time[i];
        }
        st.first_anomaly.retain(|k, _| graph.id(k).is_some());
        let (fin, propagation) = risk::propagate(&cfg.risk, &graph, &weighted);
        let anomalous = local.iter().filter(|r| **r > 0.0).count();
        let growth = if anomalous > st.anomalous {
            (anomalous - st.anomalous) as f64 / st.anomalous.max(1) as f64
        } else {
            0.0
        };
        st.anomalous = anomalous;
        let max_r = fin.iter().copied().fold(0.0, f64::max);
        let (cluster_risk, cluster_level) =
            risk::cluster_risk(&cfg.risk, max_r, obs.slo_burn, growth);

        // M4.
        let mut changes: Vec<(String, Change, f64)> = Vec::new();
        for (i, node) in graph.nodes().iter().enumerate() {
            let r = fin[i];
            if r <= 0.0 && !st.entries.contains_key(&node.key) {
                continue;
            }
            let entry = st.entries.entry(node.key.clone()).or_default();
            if let Some(c) = entry.evaluate(&cfg.state, r, now) {
                changes.push((node.key.clone(), c, r));
            }
        }
        let stale = cfg.state.stale_secs * 1000;
        for (key, entry) in &st.entries {
            let vanished = graph.id(key).is_none() && now - entry.last_evaluated_ms >= stale;
            if vanished && entry.state != EntityState::Healthy {
                changes.push((
                    key.clone(),
                    Change {
                        from: entry.state,
                        to: EntityState::Stable,
                        recurrence: false,
                    },
                    0.0,
                ));
            }
        }
        st.entries.retain(|key, e| {
            let vanished = graph.id(key).is_none() && now - e.last_evaluated_ms >= stale;
            !(vanished || e.is_idle() && e.last_r <= 0.0 || e.state == EntityState::Stable)
        });
        changes.sort_by(|a, b| a.0.cmp(&b.0));

        // M5 and root cause.
        let findings_of = |id: u32| findings[id as usize].clone();
        let view = RiskView {
            graph: &graph,
            local: &local,
            fin: &fin,
            findings: &findings_of,
            self_weight: cfg.risk.self_weight,
        };
        let scene = Scene {
            owners: if changes.is_empty() && st.incidents.is_empty() {
                Vec::new()
            } else {
                owners(obs, &graph)
            },
            view,
            onset: &onset,
        };
        let mut transitions = Vec::new();
        let mut touched: BTreeMap<String, IncidentAction> = BTreeMap::new();
        for (key, change, r) in &changes {
            let id = incident_for(st, cfg, &scene, key, *change, now, &mut touched);
            if let Some(inc) = id.as_ref().and_then(|id| st.incidents.get_mut(id)) {
                record_change(inc, &cfg.incident, key, *change, *r, now);
                touched
                    .entry(inc.id.clone())
                    .or_insert(IncidentAction::Updated);
            }
            transitions.push(Transition {
                cluster: obs.cluster.clone(),
                at_ms: now,
                entity: key.clone(),
                from: change.from,
                to: change.to,
                r_final: *r,
                incident: id,
            });
        }
        for (key, detail) in spikes {
            if let Some(inc) = st
                .entity_incident
                .get(&key)
                .and_then(|id| st.incidents.get_mut(id))
            {
                inc.push(&cfg.incident, now, TimelineKind::MetricSpike, &key, detail);
            }
        }
        let mut events = Vec::new();
        let ids: Vec<String> = st.incidents.keys().cloned().collect();
        let roots: Vec<(String, String)> = st
            .incidents
            .values()
            .filter_map(|i| Some((i.id.clone(), i.root_cause.clone()?)))
            .collect();
        for id in ids {
            let Some(inc) = st.incidents.get_mut(&id) else {
                continue;
            };
            if refresh(inc, cfg, &scene, &roots, now) {
                touched.entry(id.clone()).or_insert(IncidentAction::Updated);
            }
            if inc.state == IncidentState::Resolved {
                inc.resolved_at_ms = Some(now);
                inc.duration_secs = (now - inc.started_at_ms) / 1000;
                touched.insert(id.clone(), IncidentAction::Resolved);
            }
        }
        for (id, action) in touched {
            let resolved = action == IncidentAction::Resolved;
            let incident = if resolved {
                st.entity_incident.retain(|_, v| *v != id);
                st.incidents.remove(&id)
            } else {
                st.incidents.get(&id).cloned()
            };
            if let Some(incident) = incident {
                events.push(IncidentEvent { action, incident });
            }
        }

        let risks = graph
            .nodes()
            .iter()
            .enumerate()
            .filter(|(i, _)| fin[*i] > 0.0)
            .map(|(i, node)| EntityRisk {
                entity: node.key.clone(),
                kind: node.kind,
                r_local: local[i],
                w_time: w_time[i],
                r_weighted: weighted[i],
                r_final: fin[i],
                level: cfg.risk.level(fin[i]),
                findings: findings[i].clone(),
            })
            .collect();
        Output {
            cluster: obs.cluster.clone(),
            at_ms: now,
            accepted: true,
            cluster_risk,
            cluster_level,
            risks,
            propagation,
            transitions,
            incidents: events,
        }
    }
}

/// What incident grouping sees of one observation: risks by graph node id, and each pod's
/// workload (empty when no incident work is due).
struct Scene<'a> {
    view: RiskView<'a>,
    owners: Vec<Option<&'a str>>,
    /// When each node's current anomaly began, by graph node id (`i64::MAX`: none).
    onset: &'a [i64],
}

impl Scene<'_> {
    fn owner(&self, key: &str) -> Option<&str> {
        let id = self.view.graph.id(key)?;
        self.owners.get(id as usize).copied().flatten()
    }

    /// A service or ingress: trouble there is a symptom until a cause below it is found.
    fn is_symptom(&self, key: &str) -> bool {
        self.view.graph.id(key).is_some_and(|id| {
            matches!(
                self.view.graph.node(id).kind,
                EntityKind::Service | EntityKind::Ingress
            )
        })
    }

    /// When `key`'s current anomaly began (none for a healthy entity or a workload).
    fn onset_of(&self, key: &str) -> Option<i64> {
        let id = self.view.graph.id(key)?;
        self.onset
            .get(id as usize)
            .copied()
            .filter(|&t| t != i64::MAX)
    }

    /// Whether `key`'s anomaly began after `at_ms`.
    fn began_after(&self, key: &str, at_ms: i64) -> bool {
        self.onset_of(key).is_some_and(|t| t > at_ms)
    }
}

/// The workload of every pod, by graph node id, from the observation's owned_by edges.
fn owners<'a>(obs: &'a Observation, graph: &Graph) -> Vec<Option<&'a str>> {
    let mut out = vec![None; graph.len()];
    for e in obs.edges.iter().filter(|e| e.kind == EdgeKind::OwnedBy) {
        if let Some(id) = graph.id(&e.from) {
            out[id as usize] = Some(e.to.as_str());
        }
    }
    out
}

/// The incident an entity's change belongs to, creating or joining one when
/// the entity enters warning from healthy.
fn incident_for(
    st: &mut ClusterState,
    cfg: &EngineConfig,
    scene: &Scene<'_>,
    key: &str,
    change: Change,
    now: i64,
    touched: &mut BTreeMap<String, IncidentAction>,
) -> Option<String> {
    if let Some(id) = st.entity_incident.get(key) {
        return Some(id.clone());
    }
    if !(change.from == EntityState::Healthy && change.to == EntityState::Warning) {
        return None;
    }
    let view = &scene.view;
    let seed = view.graph.id(key)?;
    let candidates = rootcause::rank(&cfg.root_cause, view, &[seed]);
    let top = candidates.first().map(|c| c.entity.clone());
    // The entity's own most likely cause: itself when nothing below it is anomalous.
    let cause = top.as_deref().unwrap_or(key);
    let depth = cfg.root_cause.max_depth;
    let window = cfg.incident.group_window_secs * 1000;
    // Join an open incident whose root cause explains this entity's cause (the same cause
    // first); an independent fault, such as a node failing under pods that were already
    // crashing, opens its own incident.
    let explaining: Vec<&Incident> = st
        .incidents
        .values()
        .filter(|i| now - i.started_at_ms <= window)
        .filter(|i| match i.root_cause.as_deref() {
            Some(rc) => explains(scene, rc, cause, depth) || deepens(scene, rc, key, depth),
            // Not identified yet: its open members stand in for the cause.
            None => i
                .open_members()
                .any(|m| explains(scene, &m.entity, cause, depth)),
        })
        .collect();
    let joined = explaining
        .iter()
        .find(|i| i.root_cause.as_deref() == Some(cause))
        .or(explaining.first())
        .map(|i| i.id.clone());
    let id = match joined {
        Some(id) => id,
        None => {
            st.seq += 1;
            let id = format!("inc-{}-{}-{:04}", view_cluster(key), now, st.seq);
            let mut inc = Incident::new(id.clone(), view_cluster(key), now);
            inc.root_cause = top;
            inc.candidates = candidates;
            st.incidents.insert(id.clone(), inc);
            touched.insert(id.clone(), IncidentAction::Created);
            id
        }
    };
    st.entity_incident.insert(key.to_string(), id.clone());
    if let Some(inc) = st.incidents.get_mut(&id) {
        let kind = view.graph.node(seed).kind;
        if inc.member(key).is_none() {
            inc.entities.push(IncidentEntity {
                entity: key.to_string(),
                kind,
                role: Role::Affected,
                r_local: view.local[seed as usize],
                r_final: view.fin[seed as usize],
                state: Some(EntityState::Healthy),
            });
        }
        let detail = view.fin[seed as usize];
        inc.push(
            &cfg.incident,
            now,
            TimelineKind::AnomalyDetected,
            key,
            format!("R_final={detail:.3}"),
        );
    }
    Some(id)
}

/// Whether `rc`, an open incident's root cause, explains a fault whose own top-ranked cause is
/// `cause`: the same entity, a replica of the same workload (when `rc` is the workload or one of
/// its pods), or an entity depending on `rc` within `depth` steps (a pod on the failing node, a
/// service selecting the failing pod). A node under the incident's pods is a dependency, not a
/// dependant, so its own fault is never explained by them.
fn explains(scene: &Scene<'_>, rc: &str, cause: &str, depth: usize) -> bool {
    if rc == cause {
        return true;
    }
    let graph = scene.view.graph;
    let workload = match graph.id(rc) {
        Some(_) => scene.owner(rc),
        None => Some(rc),
    };
    let Some(from) = graph.id(cause) else {
        return false;
    };
    graph
        .traverse(from, Direction::Downstream, depth)
        .into_iter()
        .any(|(v, _)| {
            graph.node(v).key == rc
                || workload
                    .is_some_and(|w| scene.owners.get(v as usize).copied().flatten() == Some(w))
        })
}

/// Whether `key` lies below `rc`, an incident rooted at a symptom (a service or ingress whose
/// cause was not found below it yet): a fault found there later is the likelier explanation, so
/// it joins and competes for the root cause.
fn deepens(scene: &Scene<'_>, rc: &str, key: &str, depth: usize) -> bool {
    let graph = scene.view.graph;
    let (Some(from), Some(to)) = (graph.id(rc), graph.id(key)) else {
        return false;
    };
    scene.is_symptom(rc)
        && graph
            .traverse(from, Direction::Downstream, depth)
            .iter()
            .any(|(v, _)| *v == to)
}

/// The sequence number at the end of an incident id (`inc-CLUSTER-MS-SEQ`), so ids made after a
/// restart never repeat one.
fn id_seq(id: &str) -> u64 {
    id.rsplit('-')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

fn view_cluster(key: &str) -> &str {
    key.split('/').next().unwrap_or("")
}

fn record_change(inc: &mut Incident, cfg: &IncidentConfig, key: &str, c: Change, r: f64, now: i64) {
    if let Some(m) = inc.member(key) {
        m.state = Some(c.to);
    }
    if c.recurrence {
        inc.recurrence += 1;
        inc.push(
            cfg,
            now,
            TimelineKind::Recurrence,
            key,
            format!("recurrence {}", inc.recurrence),
        );
    }
    let kind = if c.to == EntityState::Recovery {
        TimelineKind::RecoveryStarted
    } else {
        TimelineKind::StateChange
    };
    inc.push(
        cfg,
        now,
        kind,
        key,
        format!("{} → {} (R_final={r:.3})", c.from.as_str(), c.to.as_str()),
    );
}

/// Updates risks, peak, severity, root cause and state of an open incident; `roots` are the open
/// incidents' (id, root cause). True when something a watcher cares about changed.
fn refresh(
    inc: &mut Incident,
    cfg: &EngineConfig,
    scene: &Scene<'_>,
    roots: &[(String, String)],
    now: i64,
) -> bool {
    let view = &scene.view;
    let before = (
        inc.state,
        inc.severity,
        inc.root_cause.clone(),
        inc.entities.len(),
    );
    let mut seeds = Vec::new();
    let mut current: f64 = 0.0;
    for m in &mut inc.entities {
        if let Some(id) = view.graph.id(&m.entity) {
            m.r_local = view.local[id as usize];
            m.r_final = view.fin[id as usize];
            if m.state.is_some() {
                seeds.push(id);
                current = current.max(m.r_final);
            }
        }
    }
    inc.peak_risk = inc.peak_risk.max(current);
    let severity = Severity::from_risk(&cfg.incident, inc.peak_risk);
    inc.severity = inc.severity.max(severity);
    let open = inc.open_members().count() > 0;
    if open && !seeds.is_empty() && current > 0.0 && current >= inc.candidates_risk {
        let candidates = rootcause::rank(&cfg.root_cause, view, &seeds);
        let candidates = workload_cause(inc, scene, candidates, cfg.root_cause.max_candidates);
        // Another open incident's root cause explains that incident; a fault that began well
        // after this incident started is a separate one unless this incident only has a symptom;
        // an entity the current root cause explains (a crashing pod on the pressured node) is its
        // consequence, not its cause.
        let current_rc = inc.root_cause.clone();
        let depth = cfg.root_cause.max_depth;
        let settled = inc
            .root_cause
            .as_deref()
            .is_some_and(|rc| !scene.is_symptom(rc));
        let began = inc
            .entities
            .iter()
            .filter_map(|m| scene.onset_of(&m.entity))
            .fold(inc.started_at_ms, i64::min);
        let late_after = began + cfg.incident.cause_grace_secs * 1000;
        let own = inc.id.clone();
        let taken = |e: &str| {
            roots.iter().any(|(id, rc)| *id != own && rc == e)
                || settled && scene.began_after(e, late_after)
                || current_rc
                    .as_deref()
                    .is_some_and(|rc| rc != e && explains(scene, rc, e, depth))
        };
        let candidates = keep_root_cause(
            candidates,
            inc.root_cause.as_deref(),
            cfg.incident.root_cause_switch,
            taken,
        );
        // Only taken candidates left: the ranking from before stands.
        if let Some(top) = candidates.first().filter(|c| !taken(&c.entity)) {
            if inc.root_cause.as_deref() != Some(top.entity.as_str())
                || inc
                    .timeline
                    .iter()
                    .all(|t| t.kind != TimelineKind::RootCauseIdentified)
            {
                let detail = format!(
                    "score {:.2}; {}",
                    top.score,
                    top.evidence
                        .iter()
                        .map(|f| f.text.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                );
                let entity = top.entity.clone();
                inc.root_cause = Some(entity.clone());
                inc.push(
                    &cfg.incident,
                    now,
                    TimelineKind::RootCauseIdentified,
                    &entity,
                    detail,
                );
            }
            inc.candidates = candidates;
            inc.candidates_risk = current;
        }
    }
    if let Some(rc) = inc.root_cause.clone()
        && inc.member(&rc).is_none()
        && let Some(id) = view.graph.id(&rc)
    {
        inc.entities.push(IncidentEntity {
            entity: rc,
            kind: view.graph.node(id).kind,
            role: Role::RootCause,
            r_local: view.local[id as usize],
            r_final: view.fin[id as usize],
            state: None,
        });
    }
    // A workload root cause is no graph node: it carries its ranked candidate's risk.
    if let Some(rc) = inc.root_cause.clone()
        && view.graph.id(&rc).is_none()
        && let Some(c) = inc.candidates.iter().find(|c| c.entity == rc).cloned()
    {
        let (r_local, r_final) = (c.r_local, c.r_final);
        match inc.member(&rc) {
            Some(m) => (m.r_local, m.r_final) = (r_local, r_final),
            None => inc.entities.push(IncidentEntity {
                entity: rc,
                kind: EntityKind::Workload,
                role: Role::RootCause,
                r_local,
                r_final,
                state: None,
            }),
        }
    }
    inc.assign_roles();
    inc.state = inc.derive_state();
    inc.duration_secs = (now - inc.started_at_ms) / 1000;
    inc.update_summary();
    before
        != (
            inc.state,
            inc.severity,
            inc.root_cause.clone(),
            inc.entities.len(),
        )
}

/// Pods of one workload with at least two open members in the incident share a cause (a bad
/// image, config or rollout affects every replica): their candidates merge into one for the
/// workload (summed score, highest risks, their evidence without repeats), which then ranks by
/// that score against the other candidates (a failing node, say).
fn workload_cause(
    inc: &Incident,
    scene: &Scene<'_>,
    candidates: Vec<Candidate>,
    max: usize,
) -> Vec<Candidate> {
    let mut siblings: BTreeMap<&str, usize> = BTreeMap::new();
    for m in inc.open_members().filter(|m| m.kind == EntityKind::Pod) {
        if let Some(w) = scene.owner(&m.entity) {
            *siblings.entry(w).or_default() += 1;
        }
    }
    let shared = |c: &Candidate| {
        scene
            .owner(&c.entity)
            .filter(|w| siblings.get(w).is_some_and(|n| *n >= 2))
    };
    let mut out: Vec<Candidate> = Vec::new();
    for c in candidates {
        let Some(workload) = shared(&c) else {
            out.push(c);
            continue;
        };
        let merged = match out.iter_mut().position(|m| m.entity == workload) {
            Some(i) => &mut out[i],
            None => {
                out.push(Candidate {
                    entity: workload.to_string(),
                    score: 0.0,
                    r_local: 0.0,
                    r_final: 0.0,
                    evidence: Vec::new(),
                    path: Vec::new(),
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        merged.score += c.score;
        merged.r_local = merged.r_local.max(c.r_local);
        merged.r_final = merged.r_final.max(c.r_final);
        for f in c.evidence {
            if !merged
                .evidence
                .iter()
                .any(|e| e.metric == f.metric && e.text == f.text)
            {
                merged.evidence.push(f);
            }
        }
    }
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    out.truncate(max);
    out
}

/// Moves the incident's current root cause back to the front when the new top candidate does not
/// beat it by the switch ratio: a later, merely comparable candidate does not take over the
/// explanation. A `taken` candidate (another open incident's root cause, or a separate later
/// fault) never leads.
fn keep_root_cause(
    mut candidates: Vec<Candidate>,
    current: Option<&str>,
    switch: f64,
    taken: impl Fn(&str) -> bool,
) -> Vec<Candidate> {
    if let Some(i) = candidates.iter().position(|c| !taken(&c.entity))
        && i > 0
    {
        let free = candidates.remove(i);
        candidates.insert(0, free);
    }
    let Some(i) = current.and_then(|rc| candidates.iter().position(|c| c.entity == rc)) else {
        return candidates;
    };
    if i > 0 && candidates[0].score < switch * candidates[i].score {
        let kept = candidates.remove(i);
        candidates.insert(0, kept);
    }
    candidates
}
