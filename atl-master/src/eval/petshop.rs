//! Root-cause accuracy on the PetShop data set (`atl-master eval petshop`).
//!
//! What runs (see docs/ACCURACY.md, A3): every service is an entity of kind
//! `service` with `request_rate` (requests/300 s), `error_rate`
//! (1 − availability) and one series per latency statistic; `graph.csv` gives
//! `calls` edges. One M2 [`Detector`] per series is warmed on `noissue`, the
//! issue rows from the symptom's 5-minute bucket on are replayed through it,
//! and anomalous points of the symptom's metric family (latency, or error rate
//! for availability) become findings, one per service (its strongest
//! statistic: average and percentiles are views of one distribution). A
//! finding's score is [`magnitude`] (log of the deviation) rather than the M2
//! sigmoid, which saturates from about 5σ on. Scenarios without normal data
//! compare each series with its own level before the symptom by
//! [`fold_change`] instead. X-Ray *remote* nodes (an endpoint measured only by
//! its callers) count at [`INFERRED_ENDPOINT_WEIGHT`]. Propagation-aware
//! ranking is the engine's personalized PageRank ([`rootcause::rank`]),
//! seeded at the symptom node. A root cause is reported when the symptom's
//! metric raised an M2 alert trigger — the condition that opens an incident —
//! or, for error rates, when the symptom's error rate rose and a direct
//! callee's error rate triggered (error-propagation gate). The incident state
//! machine is not replayed: at 5-minute resolution an issue window has about
//! five points, fewer than its persistence checks.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::engine::baseline::{BaselineConfig, Detector};
use crate::engine::graph::{Direction, Graph};
use crate::engine::model::{Edge, EdgeKind, EntityKind, EntityObservation, Observation};
use crate::engine::risk::{self, Finding, RiskConfig};
use crate::engine::rootcause::{self, RiskView, RootCauseConfig};

#[derive(Debug, Error)]
pub enum PetshopError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: PathBuf, message: String },
    #[error(
        "no scenario with a `{split}` split under {dir} (expected <scenario>/graph.csv and <scenario>/{split}/issue_N/)"
    )]
    Empty { dir: PathBuf, split: String },
}

type Result<T> = std::result::Result<T, PetshopError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Split {
    Train,
    Test,
    All,
}

impl Split {
    fn dirs(self) -> &'static [&'static str] {
        match self {
            Self::Train => &["train"],
            Self::Test => &["test"],
            Self::All => &["train", "test"],
        }
    }
}

/// The data set's own baseline (README): top-1 latency, top-1 availability,
/// specificity latency, specificity availability.
pub fn published_baseline(scenario: &str) -> Option<[f64; 4]> {
    match scenario {
        "low_traffic" => Some([0.571, 0.833, 0.167, 1.0]),
        "high_traffic" => Some([0.571, 0.667, 0.333, 1.0]),
        s if s.starts_with("temporal_traffic") => Some([1.0, 0.75, 0.600, 1.0]),
        _ => None,
    }
}

/// Recall of one issue kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recall {
    pub issues: usize,
    pub top1: usize,
    pub top3: usize,
    pub top1_recall: Option<f64>,
    pub top3_recall: Option<f64>,
}

impl Recall {
    fn add(&mut self, rank: Option<usize>) {
        self.issues += 1;
        self.top1 += usize::from(rank == Some(0));
        self.top3 += usize::from(rank.is_some_and(|r| r < 3));
        let n = self.issues as f64;
        self.top1_recall = Some(self.top1 as f64 / n);
        self.top3_recall = Some(self.top3 as f64 / n);
    }
}

/// Normal windows in which no root cause was reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Specificity {
    pub windows: usize,
    pub quiet: usize,
    pub specificity: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssueResult {
    pub issue: String,
    pub metric: String,
    pub root_cause: String,
    /// Ranked candidates (service names), best first; empty when nothing was reported.
    pub ranked: Vec<String>,
    pub rank: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioReport {
    pub scenario: String,
    pub latency: Recall,
    pub availability: Recall,
    /// `None` when the scenario has no `noissue` data.
    pub specificity_latency: Option<Specificity>,
    pub specificity_availability: Option<Specificity>,
    pub baseline_top1_latency: Option<f64>,
    pub baseline_top1_availability: Option<f64>,
    pub baseline_specificity_latency: Option<f64>,
    pub baseline_specificity_availability: Option<f64>,
    pub issues: Vec<IssueResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub split: String,
    pub scenarios: Vec<ScenarioReport>,
    pub issues: usize,
    pub top1_recall: f64,
    pub top3_recall: f64,
    pub specificity: Option<f64>,
}

impl Report {
    pub fn to_text(&self) -> String {
        let pct = |x: Option<f64>| x.map_or("  n/a".to_string(), |v| format!("{v:5.3}"));
        let mut s = String::from(
            "scenario            lat n top1  top3  (base) | avail n top1  top3  (base) | spec lat (base) | spec avail (base)\n",
        );
        for r in &self.scenarios {
            let spec = |x: &Option<Specificity>| pct(x.as_ref().and_then(|s| s.specificity));
            s.push_str(&format!(
                "{:<19} {:5} {} {} ({}) | {:7} {} {} ({}) | {}    ({}) | {}      ({})\n",
                r.scenario,
                r.latency.issues,
                pct(r.latency.top1_recall),
                pct(r.latency.top3_recall),
                pct(r.baseline_top1_latency),
                r.availability.issues,
                pct(r.availability.top1_recall),
                pct(r.availability.top3_recall),
                pct(r.baseline_top1_availability),
                spec(&r.specificity_latency),
                pct(r.baseline_specificity_latency),
                spec(&r.specificity_availability),
                pct(r.baseline_specificity_availability),
            ));
        }
        s.push_str(&format!(
            "petshop {}: {} issues, top-1 recall {:.3}, top-3 recall {:.3}, specificity {}",
            self.split,
            self.issues,
            self.top1_recall,
            self.top3_recall,
            pct(self.specificity).trim()
        ));
        s
    }
}

/// Metric series of one `metrics.csv`: `(service, metric)` → values per row.
#[derive(Debug)]
struct Table {
    times: Vec<i64>,
    series: BTreeMap<(String, String), Vec<Option<f64>>>,
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|source| PetshopError::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn format_err(path: &Path, message: impl Into<String>) -> PetshopError {
    PetshopError::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Engine metric name of a (metric, statistic) column and the factor turning
/// its value into the engine's unit.
fn engine_metric(metric: &str, stat: &str) -> Option<(String, f64, f64)> {
    // (name, scale, offset): engine value = offset + scale·raw.
    match (metric, stat) {
        ("requests", "Sum") => Some(("request_rate".into(), 1.0 / 300.0, 0.0)),
        ("availability", "Average") => Some(("error_rate".into(), -0.01, 1.0)),
        ("latency", "Average") => Some(("latency_avg".into(), 1.0, 0.0)),
        ("latency", p) => Some((format!("latency_{}", p.to_lowercase()), 1.0, 0.0)),
        _ => None,
    }
}

fn load_table(path: &Path) -> Result<Table> {
    let text = read(path)?;
    let mut lines = text.lines();
    let mut header = |name: &str| -> Result<Vec<String>> {
        let line = lines
            .next()
            .ok_or_else(|| format_err(path, format!("missing the `{name}` header row")))?;
        Ok(line.split(',').map(str::to_string).collect())
    };
    let services = header("microservice")?;
    let metrics = header("metric")?;
    let stats = header("statistic")?;
    let _index = header("unix_timestamp")?;
    if metrics.len() != services.len() || stats.len() != services.len() {
        return Err(format_err(path, "header rows differ in length"));
    }
    let columns: Vec<Option<(String, String, f64, f64)>> = (0..services.len())
        .map(|i| {
            if i == 0 {
                return None;
            }
            engine_metric(&metrics[i], &stats[i])
                .map(|(m, scale, off)| (services[i].clone(), m, scale, off))
        })
        .collect();
    let mut table = Table {
        times: Vec::new(),
        series: BTreeMap::new(),
    };
    for (row, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() != services.len() {
            return Err(format_err(
                path,
                format!(
                    "data row {} has {} cells, expected {}",
                    row + 1,
                    cells.len(),
                    services.len()
                ),
            ));
        }
        let ts: f64 = cells[0].parse().map_err(|_| {
            format_err(
                path,
                format!("data row {}: bad timestamp `{}`", row + 1, cells[0]),
            )
        })?;
        table.times.push(ts as i64);
        for (i, col) in columns.iter().enumerate() {
            let Some((svc, m, scale, off)) = col else {
                continue;
            };
            let v = cells[i].parse::<f64>().ok().map(|x| off + scale * x);
            let s = table.series.entry((svc.clone(), m.clone())).or_default();
            s.resize(row, None);
            s.push(v);
        }
    }
    let n = table.times.len();
    table.series.values_mut().for_each(|s| s.resize(n, None));
    Ok(table)
}

/// `(caller, callee)` pairs of an adjacency matrix.
fn load_graph(path: &Path) -> Result<Vec<(String, String)>> {
    let text = read(path)?;
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .ok_or_else(|| format_err(path, "empty adjacency matrix"))?
        .split(',')
        .collect();
    let mut edges = Vec::new();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        for (j, cell) in cells.iter().enumerate().skip(1) {
            if cell.parse::<f64>().is_ok_and(|v| v != 0.0)
                && let Some(callee) = header.get(j)
            {
                edges.push((cells[0].to_string(), callee.to_string()));
            }
        }
    }
    Ok(edges)
}

#[derive(Deserialize)]
struct Target {
    target: TargetNode,
    root_cause: RootCause,
}

#[derive(Deserialize)]
struct TargetNode {
    node: String,
    metric: String,
    timestamp: f64,
}

#[derive(Deserialize)]
struct RootCause {
    node: String,
}

const BUCKET_SECS: i64 = 300;

fn key(service: &str) -> String {
    crate::engine::model::entity_key("petshop", Some("petshop"), EntityKind::Service, service)
}

/// The engine metric standing for a family in `RiskConfig`'s weight table.
fn family_metric(family: &str) -> &'static str {
    match family {
        "availability" => "error_rate",
        _ => "latency_p99",
    }
}

/// Whether `metric` belongs to the target's family (`latency` or `availability`).
fn in_family(metric: &str, family: &str) -> bool {
    match family {
        "availability" => metric == "error_rate",
        f => metric.starts_with(f),
    }
}

/// Whether a node is an X-Ray *remote* node: an endpoint seen only from its
/// callers' side (load balancers, external APIs), named `<host>_remote` in the
/// service map. Its latency and errors are the caller's view of the call, so
/// they include whatever service sits behind it.
fn is_inferred_endpoint(service: &str) -> bool {
    service.ends_with("_remote")
}

/// Share of an inferred endpoint's local risk that counts towards root cause:
/// the same deviation measured server-side by an instrumented service localises
/// the fault better than the caller's view of an endpoint that may front it.
const INFERRED_ENDPOINT_WEIGHT: f64 = 0.5;

/// Deviation at which [`magnitude`] reaches 1.
const FULL_SCALE_SIGMA: f64 = 1000.0;

/// Finding score that keeps growing with the deviation: `ln(σ/σ₀)/ln(σ_full/σ₀)`,
/// 0 at the anomaly threshold σ₀, 1 at [`FULL_SCALE_SIGMA`]. The M2 sigmoid is
/// ≈ 1 from about 5σ on, which makes a 10σ echo and a 400σ cause look alike.
fn magnitude(cfg: &BaselineConfig, deviation: f64) -> f64 {
    let base = cfg.anomaly_sigma.max(1.0);
    ((deviation / base).ln() / (FULL_SCALE_SIGMA / base).ln()).clamp(0.0, 1.0)
}

type Detectors = BTreeMap<(String, String), Detector>;

fn warm(cfg: &BaselineConfig, table: &Table, rows: std::ops::Range<usize>) -> Detectors {
    let mut dets = Detectors::new();
    for (k, values) in &table.series {
        let d = dets.entry(k.clone()).or_insert_with(|| Detector::new(cfg));
        for i in rows.clone() {
            if let Some(v) = values[i] {
                d.observe(table.times[i], v);
            }
        }
    }
    dets
}

/// What one window of rows gives: findings per service, and whether the
/// symptom's target metric raised an alert trigger.
struct Window {
    findings: BTreeMap<String, Vec<Finding>>,
    symptom_triggered: bool,
    /// The symptom's metric rose above its baseline (in the fault's direction).
    symptom_rose: bool,
    /// Services whose metric of the symptom's family raised a trigger.
    triggered: BTreeSet<String>,
}

/// Keeps the strongest finding per service: the family's statistics (average,
/// p50…p99) are views of one latency distribution, not independent evidence.
fn keep_strongest(best: &mut BTreeMap<String, Finding>, svc: &str, finding: Finding) {
    if best.get(svc).is_none_or(|f| f.score < finding.score) {
        best.insert(svc.to_string(), finding);
    }
}

fn window(
    best: BTreeMap<String, Finding>,
    triggered: BTreeSet<String>,
    symptom: &str,
    symptom_rose: bool,
) -> Window {
    Window {
        symptom_rose,
        symptom_triggered: triggered.contains(symptom),
        findings: best.into_iter().map(|(s, f)| (s, vec![f])).collect(),
        triggered,
    }
}

fn replay(
    cfg: &BaselineConfig,
    dets: &mut Detectors,
    table: &Table,
    rows: std::ops::Range<usize>,
    symptom: (&str, &str),
) -> Window {
    let mut best: BTreeMap<String, Finding> = BTreeMap::new();
    let mut triggered = BTreeSet::new();
    let mut symptom_rose = false;
    for ((svc, metric), values) in &table.series {
        let d = dets
            .entry((svc.clone(), metric.clone()))
            .or_insert_with(|| Detector::new(cfg));
        for i in rows.clone() {
            let Some(v) = values[i] else { continue };
            let Some(det) = d.observe(table.times[i], v) else {
                continue;
            };
            if svc == symptom.0 && in_family(metric, symptom.1) && det.value > det.baseline {
                symptom_rose = true;
            }
            if in_family(metric, symptom.1) && det.triggered {
                triggered.insert(svc.clone());
            }
            if !det.anomalous || !in_family(metric, symptom.1) {
                continue;
            }
            let finding = Finding {
                metric: metric.clone(),
                score: magnitude(cfg, det.deviation),
                value: det.value,
                baseline: det.baseline,
                deviation: det.deviation,
                text: det.evidence_text(),
                deterministic: false,
            };
            keep_strongest(&mut best, svc, finding);
        }
    }
    window(best, triggered, symptom.0, symptom_rose)
}

/// Change of a value against a reference level that has no usable spread:
/// the ratio `(v + ε)/(ref + ε)`, ε being the smallest difference that means
/// anything in the family's unit (1 ms of latency, 1 % of errors).
fn fold_change(family: &str, value: f64, reference: f64) -> f64 {
    let eps = match family {
        "availability" => 0.01,
        _ => 0.001,
    };
    (value + eps) / (reference + eps)
}

/// A change by this factor (a doubling) is anomalous.
const ANOMALY_FOLD: f64 = 2.0;

/// Finding score of a fold change, on the same log scale as [`magnitude`]:
/// 0 at [`ANOMALY_FOLD`], 1 at a thousandfold change.
fn fold_magnitude(fold: f64) -> f64 {
    ((fold / ANOMALY_FOLD).ln() / (1000.0 / ANOMALY_FOLD).ln()).clamp(0.0, 1.0)
}

/// Replay without a baseline (no normal data): each series is compared with
/// its own mean over the rows before the symptom, by [`fold_change`] — with
/// one or two points of history there is no spread to measure σ against.
fn replay_without_baseline(
    table: &Table,
    history: std::ops::Range<usize>,
    rows: std::ops::Range<usize>,
    symptom: (&str, &str),
) -> Window {
    let mut best: BTreeMap<String, Finding> = BTreeMap::new();
    let mut triggered = BTreeSet::new();
    for ((svc, metric), values) in &table.series {
        if !in_family(metric, symptom.1) {
            continue;
        }
        let before: Vec<f64> = values[history.clone()].iter().flatten().copied().collect();
        if before.is_empty() {
            continue;
        }
        let reference = before.iter().sum::<f64>() / before.len() as f64;
        for v in values[rows.clone()].iter().flatten().copied() {
            let fold = fold_change(symptom.1, v, reference);
            if fold < ANOMALY_FOLD {
                continue;
            }
            triggered.insert(svc.clone());
            let finding = Finding {
                metric: metric.clone(),
                score: fold_magnitude(fold),
                value: v,
                baseline: reference,
                deviation: fold,
                text: format!(
                    "{metric} {v:.4} is {fold:.1}× its level before the symptom ({reference:.4})"
                ),
                deterministic: false,
            };
            keep_strongest(&mut best, svc, finding);
        }
    }
    let rose = best.contains_key(symptom.0);
    window(best, triggered, symptom.0, rose)
}

/// Ranked root-cause services for a symptom, empty when none is reported.
fn rank(
    risk_cfg: &RiskConfig,
    services: &[String],
    edges: &[(String, String)],
    window: &Window,
    (symptom, family): (&str, &str),
) -> Vec<String> {
    if !window.symptom_triggered && !window.symptom_rose {
        // Cheap exit before the graph is built.
        return Vec::new();
    }
    let obs = Observation {
        cluster: "petshop".into(),
        at_ms: 0,
        entities: services
            .iter()
            .map(|s| EntityObservation {
                key: key(s),
                kind: EntityKind::Service,
                metrics: BTreeMap::new(),
                signals: Vec::new(),
            })
            .collect(),
        edges: edges
            .iter()
            .map(|(a, b)| Edge {
                from: key(a),
                to: key(b),
                kind: EdgeKind::Calls,
            })
            .collect(),
        slo_burn: None,
    };
    let g = Graph::build(&obs, &[]);
    let mut local = vec![0.0; g.len()];
    // The family's weight is that of the engine's own metric for it.
    let (family_weight, _) = risk_cfg.weight(EntityKind::Service, family_metric(family));
    for (svc, fs) in &window.findings {
        if let Some(id) = g.id(&key(svc)) {
            let weight = if is_inferred_endpoint(svc) {
                INFERRED_ENDPOINT_WEIGHT
            } else {
                1.0
            };
            let score = fs.iter().map(|f| f.score).fold(0.0, f64::max);
            local[id as usize] = weight * family_weight * score;
        }
    }
    let (fin, _) = risk::propagate(risk_cfg, &g, &local);
    let Some(seed) = g.id(&key(symptom)) else {
        return Vec::new();
    };
    let rc_cfg = RootCauseConfig::default();
    let prefix = key("");
    // Error-propagation gate: a caller's error rate that rose, without a
    // trigger of its own, is reported when a direct callee's error rate
    // triggered. A failed call fails its caller unless retried, so the two
    // together are strong evidence even where the caller's own errors are too
    // bursty in normal operation for a σ test. Latency does not propagate that
    // reliably (only along the critical path; callee percentiles are noisy),
    // and with this gate on latency specificity fell to 0.46–0.51.
    let explained = family == "availability"
        && window.symptom_rose
        && g.traverse(seed, Direction::Downstream, 1)
            .iter()
            .any(|&(v, _)| {
                v != seed
                    && window
                        .triggered
                        .contains(g.node(v).key.trim_start_matches(&prefix))
            });
    if !window.symptom_triggered && !explained {
        return Vec::new();
    }
    let none = |_: u32| Vec::new();
    let view = RiskView {
        graph: &g,
        local: &local,
        fin: &fin,
        findings: &none,
        self_weight: risk_cfg.self_weight,
    };
    let cands = rootcause::rank(&rc_cfg, &view, &[seed]);
    cands
        .into_iter()
        .map(|c| c.entity.trim_start_matches(&prefix).to_string())
        .collect()
}

fn services_of(tables: &[&Table], edges: &[(String, String)]) -> Vec<String> {
    let mut s: Vec<String> = tables
        .iter()
        .flat_map(|t| t.series.keys().map(|(svc, _)| svc.clone()))
        .chain(edges.iter().flat_map(|(a, b)| [a.clone(), b.clone()]))
        .collect();
    s.sort();
    s.dedup();
    s
}

/// Rows of an issue window at or after the symptom's 5-minute bucket.
fn first_issue_row(table: &Table, target_ts: i64) -> usize {
    table
        .times
        .iter()
        .position(|&t| t + BUCKET_SECS > target_ts)
        .unwrap_or(table.times.len())
}

fn issue_dirs(scenario: &Path, split: Split) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for sub in split.dirs() {
        let Ok(entries) = fs::read_dir(scenario.join(sub)) else {
            continue;
        };
        let mut dirs: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("target.json").is_file())
            .collect();
        dirs.sort_by_key(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            let n = name
                .as_deref()
                .and_then(|n| n.rsplit('_').next())
                .and_then(|n| n.parse::<u64>().ok());
            (n, name)
        });
        for d in dirs {
            let name = d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            out.push((format!("{sub}/{name}"), d));
        }
    }
    out
}

/// Length of the normal windows scored for specificity: the issue windows' length.
const NORMAL_WINDOW_ROWS: usize = 5;

fn specificity(
    cfg: &BaselineConfig,
    risk_cfg: &RiskConfig,
    normal: &Table,
    services: &[String],
    edges: &[(String, String)],
    symptom: (&str, &str),
) -> Specificity {
    // First half warms the baselines; the second half is replayed window by window.
    let half = normal.times.len() / 2;
    let mut dets = warm(cfg, normal, 0..half);
    let mut spec = Specificity::default();
    let mut start = half;
    while start + NORMAL_WINDOW_ROWS <= normal.times.len() {
        let w = replay(
            cfg,
            &mut dets,
            normal,
            start..start + NORMAL_WINDOW_ROWS,
            symptom,
        );
        spec.windows += 1;
        spec.quiet += usize::from(rank(risk_cfg, services, edges, &w, symptom).is_empty());
        start += NORMAL_WINDOW_ROWS;
    }
    if spec.windows > 0 {
        spec.specificity = Some(spec.quiet as f64 / spec.windows as f64);
    }
    spec
}

fn scenario_report(dir: &Path, name: &str, split: Split) -> Result<Option<ScenarioReport>> {
    let issues = issue_dirs(dir, split);
    if issues.is_empty() {
        return Ok(None);
    }
    let cfg = BaselineConfig::default();
    let risk_cfg = RiskConfig::default();
    let edges = load_graph(&dir.join("graph.csv"))?;
    let normal_path = dir.join("noissue/metrics.csv");
    let normal = if normal_path.is_file() {
        Some(load_table(&normal_path)?)
    } else {
        None
    };
    let warmed = normal.as_ref().map(|t| warm(&cfg, t, 0..t.times.len()));
    let mut latency = Recall::default();
    let mut availability = Recall::default();
    let mut results = Vec::new();
    let mut symptoms: Vec<(String, String)> = Vec::new();
    for (issue, path) in issues {
        let target_path = path.join("target.json");
        let target: Target = serde_json::from_str(&read(&target_path)?)
            .map_err(|e| format_err(&target_path, e.to_string()))?;
        let table = load_table(&path.join("metrics.csv"))?;
        let first = first_issue_row(&table, target.target.timestamp as i64);
        let symptom = (target.target.node.as_str(), target.target.metric.as_str());
        let rows = first..table.times.len();
        let w = match &warmed {
            Some(d) => replay(&cfg, &mut d.clone(), &table, rows, symptom),
            None => replay_without_baseline(&table, 0..first, rows, symptom),
        };
        let services = services_of(&[&table], &edges);
        let ranked = rank(&risk_cfg, &services, &edges, &w, symptom);
        let pos = ranked.iter().position(|s| *s == target.root_cause.node);
        match symptom.1 {
            "availability" => availability.add(pos),
            _ => latency.add(pos),
        }
        let s = (symptom.0.to_string(), symptom.1.to_string());
        if !symptoms.contains(&s) {
            symptoms.push(s);
        }
        results.push(IssueResult {
            issue,
            metric: target.target.metric,
            root_cause: target.root_cause.node,
            ranked,
            rank: pos,
        });
    }
    let spec_for = |family: &str| -> Option<Specificity> {
        let normal = normal.as_ref()?;
        let services = services_of(&[normal], &edges);
        let mut total = Specificity::default();
        for (node, _) in symptoms.iter().filter(|(_, m)| m == family) {
            let s = specificity(&cfg, &risk_cfg, normal, &services, &edges, (node, family));
            total.windows += s.windows;
            total.quiet += s.quiet;
        }
        (total.windows > 0).then(|| Specificity {
            specificity: Some(total.quiet as f64 / total.windows as f64),
            ..total
        })
    };
    let base = published_baseline(name);
    Ok(Some(ScenarioReport {
        scenario: name.to_string(),
        specificity_latency: spec_for("latency"),
        specificity_availability: spec_for("availability"),
        latency,
        availability,
        baseline_top1_latency: base.map(|b| b[0]),
        baseline_top1_availability: base.map(|b| b[1]),
        baseline_specificity_latency: base.map(|b| b[2]),
        baseline_specificity_availability: base.map(|b| b[3]),
        issues: results,
    }))
}

/// Evaluates every scenario under `dataset` (a directory of scenarios, or its parent holding `dataset/`).
pub fn evaluate(dataset: &Path, split: Split) -> Result<Report> {
    let root = if dataset.join("dataset").is_dir() {
        dataset.join("dataset")
    } else {
        dataset.to_path_buf()
    };
    let entries = fs::read_dir(&root).map_err(|source| PetshopError::Read {
        path: root.clone(),
        source,
    })?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("graph.csv").is_file())
        .collect();
    dirs.sort();
    let mut scenarios = Vec::new();
    for d in dirs {
        let name = d
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(r) = scenario_report(&d, &name, split)? {
            scenarios.push(r);
        }
    }
    let split_name = format!("{split:?}").to_lowercase();
    if scenarios.is_empty() {
        return Err(PetshopError::Empty {
            dir: root,
            split: split_name,
        });
    }
    let recalls = scenarios.iter().flat_map(|s| [&s.latency, &s.availability]);
    let (n, t1, t3) = recalls.fold((0, 0, 0), |(n, a, b), r| {
        (n + r.issues, a + r.top1, b + r.top3)
    });
    let specs: Vec<&Specificity> = scenarios
        .iter()
        .flat_map(|s| [&s.specificity_latency, &s.specificity_availability])
        .flatten()
        .collect();
    let (w, q) = specs
        .iter()
        .fold((0, 0), |(w, q), s| (w + s.windows, q + s.quiet));
    Ok(Report {
        split: split_name,
        scenarios,
        issues: n,
        top1_recall: t1 as f64 / n.max(1) as f64,
        top3_recall: t3 as f64 / n.max(1) as f64,
        specificity: (w > 0).then(|| q as f64 / w as f64),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn metrics_csv_columns_map_to_engine_units() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.csv");
        fs::write(
            &path,
            "microservice,a,a,a,b\nmetric,requests,availability,latency,latency\n\
             statistic,Sum,Average,p99,Foo\nunix_timestamp,,,,\n\
             600.0,300.0,97.5,0.2,1\n900.0,,100.0,0.4,2\n",
        )
        .unwrap();
        let t = load_table(&path).unwrap();
        assert_eq!(t.times, vec![600, 900]);
        let s = |svc: &str, m: &str| t.series[&(svc.to_string(), m.to_string())].clone();
        assert_eq!(s("a", "request_rate"), vec![Some(1.0), None]);
        let err = s("a", "error_rate");
        assert!((err[0].unwrap() - 0.025).abs() < 1e-12 && err[1] == Some(0.0));
        assert_eq!(s("a", "latency_p99"), vec![Some(0.2), Some(0.4)]);
        assert_eq!(s("b", "latency_foo"), vec![Some(1.0), Some(2.0)]);
        // A row with a missing cell is an error naming the row.
        fs::write(
            &path,
            "microservice,a\nmetric,requests\nstatistic,Sum\nx,\n1.0\n",
        )
        .unwrap();
        let e = load_table(&path).unwrap_err().to_string();
        assert!(e.contains("data row 1"), "{e}");
    }

    #[test]
    fn adjacency_rows_call_columns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.csv");
        fs::write(&path, ",a,b\na,0.0,1.0\nb,0.0,0.0\n").unwrap();
        assert_eq!(
            load_graph(&path).unwrap(),
            vec![("a".to_string(), "b".to_string())]
        );
    }

    #[test]
    fn magnitude_keeps_growing_past_the_sigmoid() {
        let cfg = BaselineConfig::default();
        assert_eq!(magnitude(&cfg, 3.0), 0.0);
        assert!(magnitude(&cfg, 10.0) < magnitude(&cfg, 400.0));
        assert!(magnitude(&cfg, 400.0) < 1.0);
        assert_eq!(magnitude(&cfg, 1e9), 1.0);
    }

    fn table(rows: &[(&str, &str, &[f64])]) -> Table {
        let n = rows[0].2.len();
        Table {
            times: (0..n as i64).map(|i| i * BUCKET_SECS).collect(),
            series: rows
                .iter()
                .map(|(svc, m, v)| {
                    (
                        (svc.to_string(), m.to_string()),
                        v.iter().map(|x| Some(*x)).collect(),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn fold_change_floors_tiny_levels_and_scores_on_a_log_scale() {
        // 10 ms → 1 s is about a hundredfold change (1 ms floor).
        let f = fold_change("latency", 1.0, 0.01);
        assert!((f - 1.001 / 0.011).abs() < 1e-9);
        // From no errors to 3 %: the 1 % floor makes it 4×, not infinite.
        assert!((fold_change("availability", 0.03, 0.0) - 4.0).abs() < 1e-9);
        assert_eq!(fold_magnitude(ANOMALY_FOLD), 0.0);
        assert!(fold_magnitude(10.0) < fold_magnitude(100.0));
        assert_eq!(fold_magnitude(1e6), 1.0);
    }

    #[test]
    fn without_baseline_the_service_that_slowed_most_is_the_strongest_finding() {
        let t = table(&[
            ("front", "latency_p99", &[0.30, 0.31, 2.0, 2.1]),
            ("search", "latency_avg", &[0.010, 0.012, 0.5, 0.6]),
            ("search", "latency_p99", &[0.050, 0.050, 1.9, 2.0]),
            ("db", "latency_p99", &[0.020, 0.021, 0.022, 0.020]),
            ("search", "request_rate", &[1.0, 1.0, 9.0, 9.0]),
        ]);
        let w = replay_without_baseline(&t, 0..2, 2..4, ("front", "latency"));
        assert!(w.symptom_triggered);
        // One finding per service, the strongest statistic; request rate is
        // outside the symptom's family; db did not change.
        assert_eq!(w.findings.keys().collect::<Vec<_>>(), ["front", "search"]);
        assert_eq!(w.findings["search"].len(), 1);
        assert_eq!(w.findings["search"][0].metric, "latency_avg");
        assert!(w.findings["search"][0].score > w.findings["front"][0].score);
    }

    fn ranked(window: &Window, family: &str) -> Vec<String> {
        let services: Vec<String> = ["front", "search", "lb_remote"].map(String::from).to_vec();
        let edges = vec![
            ("front".to_string(), "search".to_string()),
            ("front".to_string(), "lb_remote".to_string()),
        ];
        rank(
            &RiskConfig::default(),
            &services,
            &edges,
            window,
            ("front", family),
        )
    }

    fn finding(metric: &str, score: f64) -> Finding {
        Finding {
            metric: metric.into(),
            score,
            value: 1.0,
            baseline: 0.0,
            deviation: 10.0,
            text: String::new(),
            deterministic: false,
        }
    }

    #[test]
    fn a_callers_view_of_an_endpoint_ranks_below_the_service_it_may_front() {
        assert!(is_inferred_endpoint(
            "servi-searc.us-west-2.elb.amazonaws.com_remote"
        ));
        assert!(!is_inferred_endpoint("PetSearch_AWS::ECS::Fargate"));
        // The endpoint's deviation is larger, but only its callers measure it.
        let w = Window {
            findings: [
                ("front".to_string(), vec![finding("latency_p99", 0.3)]),
                ("search".to_string(), vec![finding("latency_p99", 0.6)]),
                ("lb_remote".to_string(), vec![finding("latency_p95", 0.8)]),
            ]
            .into_iter()
            .collect(),
            symptom_triggered: true,
            symptom_rose: true,
            triggered: BTreeSet::new(),
        };
        assert_eq!(ranked(&w, "latency")[..2], ["search", "lb_remote"]);
    }

    #[test]
    fn a_callee_error_trigger_explains_a_callers_untriggered_rise_for_errors_only() {
        let w = Window {
            findings: [("search".to_string(), vec![finding("error_rate", 0.9)])]
                .into_iter()
                .collect(),
            symptom_triggered: false,
            symptom_rose: true,
            triggered: ["search".to_string()].into_iter().collect(),
        };
        assert_eq!(ranked(&w, "availability")[0], "search");
        assert!(ranked(&w, "latency").is_empty());
        // Without the caller's own rise nothing is reported.
        let quiet = Window {
            symptom_rose: false,
            ..w
        };
        assert!(ranked(&quiet, "availability").is_empty());
    }
}
