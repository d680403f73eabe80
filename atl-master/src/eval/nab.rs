//! Numenta Anomaly Benchmark (NAB v1.1) scoring.
//!
//! Mirrors `nab/sweeper.py` and `nab/runner.py::normalize` so that the scores of
//! numenta's committed detector outputs are reproduced to the last printed digit:
//! - the first `min(floor(0.15·n), 750)` rows are a probation period (not scored);
//! - inside a window only the best (= earliest) detection counts, weighted
//!   `A_TP · σ(y) / σ(−1)` with `y = −(right − i + 1) / width`;
//! - a window without a detection costs `−A_FN`;
//! - each detection outside windows costs `A_FP · σ(|prev_right − i| / (prev_width − 1))`,
//!   or `−A_FP` before the first window;
//! - normalised score = `100 · (raw − null) / (perfect − null)`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Errors of the NAB loaders and scorer.
#[derive(Debug, thiserror::Error)]
pub enum NabError {
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: invalid JSON")]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{path}:{line}: {message}")]
    Csv {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error(
        "unknown NAB profile `{0}` (expected standard, reward_low_FP_rate or reward_low_FN_rate)"
    )]
    UnknownProfile(String),
    #[error("invalid timestamp `{0}` (expected `YYYY-MM-DD HH:MM:SS[.ffffff]`)")]
    Timestamp(String),
    #[error("{0}: scores and timestamps differ in length")]
    Length(String),
}

/// Cost matrix of one NAB application profile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    #[serde(rename = "tpWeight")]
    pub tp: f64,
    #[serde(rename = "fnWeight")]
    pub fn_: f64,
    #[serde(rename = "fpWeight")]
    pub fp: f64,
    #[serde(rename = "tnWeight", default)]
    pub tn: f64,
}

impl Profile {
    /// The published NAB profiles, for use without a `profiles.json`.
    pub fn builtin(name: &str) -> Result<Self, NabError> {
        let (fn_, fp) = match name {
            "standard" => (1.0, 0.11),
            "reward_low_FP_rate" => (1.0, 0.22),
            "reward_low_FN_rate" => (2.0, 0.11),
            other => return Err(NabError::UnknownProfile(other.to_string())),
        };
        Ok(Self {
            tp: 1.0,
            fn_,
            fp,
            tn: 1.0,
        })
    }
}

#[derive(Deserialize)]
struct ProfileEntry {
    #[serde(rename = "CostMatrix")]
    cost_matrix: Profile,
}

/// Loads `config/profiles.json` (`{name: {"CostMatrix": {...}}}`).
pub fn load_profiles(path: &Path) -> Result<BTreeMap<String, Profile>, NabError> {
    let entries: BTreeMap<String, ProfileEntry> = read_json(path)?;
    Ok(entries
        .into_iter()
        .map(|(k, v)| (k, v.cost_matrix))
        .collect())
}

/// Anomaly windows per data file key (`realAWSCloudwatch/x.csv`), in time order.
pub type Windows = BTreeMap<String, Vec<(NaiveDateTime, NaiveDateTime)>>;

/// Loads `labels/combined_windows.json`.
pub fn load_windows(path: &Path) -> Result<Windows, NabError> {
    let raw: BTreeMap<String, Vec<[String; 2]>> = read_json(path)?;
    let mut out = Windows::new();
    for (file, wins) in raw {
        let mut parsed = Vec::with_capacity(wins.len());
        for [start, end] in wins {
            parsed.push((parse_timestamp(&start)?, parse_timestamp(&end)?));
        }
        parsed.sort();
        out.insert(file, parsed);
    }
    Ok(out)
}

/// Threshold per profile of one detector from `config/thresholds.json`.
pub fn load_thresholds(path: &Path, detector: &str) -> Result<BTreeMap<String, f64>, NabError> {
    #[derive(Deserialize)]
    struct Entry {
        threshold: f64,
    }
    let all: BTreeMap<String, BTreeMap<String, Entry>> = read_json(path)?;
    Ok(all
        .get(detector)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.threshold)).collect())
        .unwrap_or_default())
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, NabError> {
    let text = std::fs::read_to_string(path).map_err(|source| NabError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_str(&text).map_err(|source| NabError::Json {
        path: path.to_path_buf(),
        source,
    })
}

/// Parses NAB timestamps (`2014-02-14 14:30:00`, optionally with fractional seconds).
pub fn parse_timestamp(s: &str) -> Result<NaiveDateTime, NabError> {
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S%.f")
        .map_err(|_| NabError::Timestamp(s.to_string()))
}

/// A NAB CSV: the timestamp column plus every other named numeric column.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub timestamps: Vec<NaiveDateTime>,
    pub columns: BTreeMap<String, Vec<f64>>,
}

impl Table {
    /// Reads a CSV with a `timestamp` column (data files, detector results).
    pub fn read(path: &Path) -> Result<Self, NabError> {
        let text = std::fs::read_to_string(path).map_err(|source| NabError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let csv_err = |line: usize, message: String| NabError::Csv {
            path: path.to_path_buf(),
            line,
            message,
        };
        let mut lines = text.lines().enumerate();
        let header: Vec<&str> = match lines.next() {
            Some((_, h)) => h.split(',').map(str::trim).collect(),
            None => return Err(csv_err(1, "empty file".into())),
        };
        let ts_col = header
            .iter()
            .position(|h| *h == "timestamp")
            .ok_or_else(|| csv_err(1, "no `timestamp` column".into()))?;
        let mut table = Table::default();
        let mut cols: Vec<Vec<f64>> = vec![Vec::new(); header.len()];
        for (idx, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').collect();
            if fields.len() != header.len() {
                return Err(csv_err(
                    idx + 1,
                    format!("{} fields, header has {}", fields.len(), header.len()),
                ));
            }
            for (c, field) in fields.iter().enumerate() {
                if c == ts_col {
                    table.timestamps.push(parse_timestamp(field)?);
                } else {
                    // Non-numeric columns are kept as NaN so column lengths stay aligned.
                    cols[c].push(field.trim().parse().unwrap_or(f64::NAN));
                }
            }
        }
        for (c, name) in header.iter().enumerate() {
            if c != ts_col {
                table
                    .columns
                    .insert((*name).to_string(), std::mem::take(&mut cols[c]));
            }
        }
        Ok(table)
    }

    pub fn column(&self, name: &str) -> Option<&[f64]> {
        self.columns.get(name).map(Vec::as_slice)
    }
}

/// NAB's scaled sigmoid: +0.987 at the left edge of a window, 0 at its right
/// edge, towards −1 past it.
pub fn scaled_sigmoid(position: f64) -> f64 {
    if position > 3.0 {
        -1.0
    } else {
        2.0 / (1.0 + (5.0 * position).exp()) - 1.0
    }
}

/// Number of leading rows NAB does not score.
pub fn probation_length(rows: usize) -> usize {
    ((0.15 * rows as f64).floor() as usize).min(750)
}

/// One scorable row: its detector score, its window (if inside one) and the
/// weight a detection there earns (positive in windows, negative outside).
#[derive(Debug, Clone, Copy)]
struct Row {
    anomaly: f64,
    window: Option<usize>,
    weight: f64,
}

/// A data file prepared for scoring with one profile.
#[derive(Debug, Clone)]
pub struct Prepared {
    rows: Vec<Row>,
    /// Windows that contain at least one scorable row (NAB counts only those).
    windows: usize,
    fn_weight: f64,
    total: usize,
}

/// Counts and raw score of one file at one threshold.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    pub score: f64,
    pub tp: usize,
    pub tn: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub total: usize,
}

/// Attaches window weights to every row (NAB `calcSweepScore`).
pub fn prepare(
    name: &str,
    timestamps: &[NaiveDateTime],
    scores: &[f64],
    windows: &[(NaiveDateTime, NaiveDateTime)],
    profile: &Profile,
) -> Result<Prepared, NabError> {
    if timestamps.len() != scores.len() {
        return Err(NabError::Length(name.to_string()));
    }
    let n = timestamps.len();
    // Window bounds as row indices; NAB's labels align with data rows, and a
    // window with no rows at all is dropped.
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for &(start, end) in windows {
        let left = timestamps.partition_point(|t| *t < start);
        let right_excl = timestamps.partition_point(|t| *t <= end);
        if left < right_excl {
            bounds.push((left, right_excl - 1));
        }
    }
    let max_tp = scaled_sigmoid(-1.0);
    let probation = probation_length(n);
    let mut rows = Vec::with_capacity(n.saturating_sub(probation));
    let mut scored_windows = vec![false; bounds.len()];
    let mut next = 0usize;
    let mut current: Option<usize> = None;
    let mut previous: Option<(usize, f64)> = None; // (right index, width)
    for (i, &anomaly) in scores.iter().enumerate() {
        if current.is_none() && next < bounds.len() && bounds[next].0 == i {
            current = Some(next);
            next += 1;
        }
        let weight = match current {
            Some(w) => {
                let (left, right) = bounds[w];
                let width = (right - left + 1) as f64;
                let position = -((right - i + 1) as f64) / width;
                scaled_sigmoid(position) * profile.tp / max_tp
            }
            None => {
                let unweighted = match previous {
                    None => -1.0,
                    Some((right, width)) => {
                        scaled_sigmoid(i.abs_diff(right) as f64 / (width - 1.0))
                    }
                };
                unweighted * profile.fp
            }
        };
        if i >= probation {
            if let Some(w) = current {
                scored_windows[w] = true;
            }
            rows.push(Row {
                anomaly,
                window: current,
                weight,
            });
        }
        if let Some(w) = current
            && bounds[w].1 == i
        {
            let (left, right) = bounds[w];
            previous = Some((right, (right - left + 1) as f64));
            current = None;
        }
    }
    // Renumber windows so that only scored ones get a slot.
    let mut slot = vec![usize::MAX; bounds.len()];
    let mut count = 0;
    for (w, scored) in scored_windows.iter().enumerate() {
        if *scored {
            slot[w] = count;
            count += 1;
        }
    }
    for row in &mut rows {
        row.window = row.window.map(|w| slot[w]);
    }
    Ok(Prepared {
        rows,
        windows: count,
        fn_weight: profile.fn_,
        total: n,
    })
}

impl Prepared {
    /// Number of windows NAB scores in this file.
    pub fn windows(&self) -> usize {
        self.windows
    }

    /// Raw score and counts when every row scoring `>= threshold` is a detection.
    pub fn score_at(&self, threshold: f64) -> Outcome {
        // A window is worth −A_FN until detected, then its best TP weight.
        let mut best = vec![-self.fn_weight; self.windows];
        let mut out = Outcome {
            score: 0.0,
            tp: 0,
            tn: 0,
            fp: 0,
            fn_: 0,
            total: self.total,
        };
        let mut fp_sum = 0.0;
        for row in &self.rows {
            let detected = row.anomaly >= threshold;
            match (row.window, detected) {
                (Some(w), true) => {
                    out.tp += 1;
                    best[w] = best[w].max(row.weight);
                }
                (Some(_), false) => out.fn_ += 1,
                (None, true) => {
                    out.fp += 1;
                    fp_sum += row.weight;
                }
                (None, false) => out.tn += 1,
            }
        }
        out.score = fp_sum + best.iter().sum::<f64>();
        out
    }
}

/// Normalised NAB score: 0 = the null detector, 100 = a perfect detector.
pub fn normalise(raw: f64, windows: usize, profile: &Profile) -> f64 {
    let perfect = profile.tp * windows as f64;
    let null = -profile.fn_ * windows as f64;
    if perfect == null {
        return 0.0;
    }
    100.0 * (raw - null) / (perfect - null)
}

/// The corpus-wide threshold that maximises the summed raw score (NAB's
/// threshold optimiser, an exhaustive sweep over the distinct scores).
pub fn optimise_threshold(files: &[Prepared]) -> (f64, f64) {
    // Walk every row from the highest score down; each distinct score is a
    // candidate threshold, evaluated after all rows with that score are added.
    let mut all: Vec<(f64, usize, usize)> = Vec::new();
    for (f, p) in files.iter().enumerate() {
        for (r, row) in p.rows.iter().enumerate() {
            all.push((row.anomaly, f, r));
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best: Vec<Vec<f64>> = files
        .iter()
        .map(|p| vec![-p.fn_weight; p.windows])
        .collect();
    let mut total: f64 = files.iter().map(|p| -p.fn_weight * p.windows as f64).sum();
    let mut best_threshold = f64::INFINITY;
    let mut best_score = total;
    let mut i = 0;
    while i < all.len() {
        let threshold = all[i].0;
        while i < all.len() && all[i].0 == threshold {
            let (_, f, r) = all[i];
            let row = files[f].rows[r];
            match row.window {
                Some(w) => {
                    let old = best[f][w];
                    let new = old.max(row.weight);
                    total += new - old;
                    best[f][w] = new;
                }
                None => total += row.weight,
            }
            i += 1;
        }
        if total > best_score {
            best_score = total;
            best_threshold = threshold;
        }
    }
    (best_threshold, best_score)
}

/// Per-file result of a NAB run.
#[derive(Debug, Clone, Serialize)]
pub struct FileResult {
    pub file: String,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub windows: usize,
}

/// A whole NAB run for one profile.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub detector: String,
    pub profile: String,
    pub threshold: f64,
    pub files: Vec<FileResult>,
    pub raw: f64,
    /// Windows of the labels file (NAB's normaliser counts every labelled window).
    pub windows: usize,
    pub normalised: f64,
}

impl Report {
    /// Scores prepared files at one threshold.
    pub fn build(
        detector: &str,
        profile_name: &str,
        profile: &Profile,
        threshold: f64,
        files: Vec<(String, Prepared)>,
        labelled_windows: usize,
    ) -> Self {
        let files: Vec<FileResult> = files
            .into_iter()
            .map(|(file, p)| FileResult {
                file,
                outcome: p.score_at(threshold),
                windows: p.windows(),
            })
            .collect();
        let raw = files.iter().map(|f| f.outcome.score).sum();
        Self {
            detector: detector.to_string(),
            profile: profile_name.to_string(),
            threshold,
            raw,
            windows: labelled_windows,
            normalised: normalise(raw, labelled_windows, profile),
            files,
        }
    }

    /// Human-readable table; the headline number is on the last line.
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{:<55} {:>10} {:>4} {:>6} {:>4} {:>6}",
            "file", "raw", "TP", "TN", "FP", "FN"
        );
        for f in &self.files {
            let o = &f.outcome;
            let _ = writeln!(
                s,
                "{:<55} {:>10.4} {:>4} {:>6} {:>4} {:>6}",
                f.file, o.score, o.tp, o.tn, o.fp, o.fn_
            );
        }
        let _ = writeln!(
            s,
            "detector {} profile {} threshold {} files {} windows {} raw {:.4}",
            self.detector,
            self.profile,
            self.threshold,
            self.files.len(),
            self.windows,
            self.raw
        );
        let _ = write!(s, "NAB {} score: {:.4}", self.profile, self.normalised);
        s
    }
}

/// Total number of labelled windows (the normaliser's window count).
pub fn labelled_windows(windows: &Windows) -> usize {
    windows.values().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ts(n: usize) -> Vec<NaiveDateTime> {
        let base = parse_timestamp("2020-01-01 00:00:00").unwrap();
        (0..n)
            .map(|i| base + chrono::Duration::minutes(5 * i as i64))
            .collect()
    }

    #[test]
    fn scaled_sigmoid_matches_nab_doc_values() {
        assert!((scaled_sigmoid(-1.0) - 0.986_614).abs() < 1e-6);
        assert!((scaled_sigmoid(-0.5) - 0.848_283).abs() < 1e-6);
        assert!(scaled_sigmoid(0.0).abs() < 1e-12);
        assert!((scaled_sigmoid(1.0) + 0.986_614).abs() < 1e-6);
        assert_eq!(scaled_sigmoid(3.5), -1.0);
    }

    #[test]
    fn probation_is_15_percent_capped_at_750() {
        assert_eq!(probation_length(4032), 604);
        assert_eq!(probation_length(10_000), 750);
        assert_eq!(probation_length(1243), 186);
    }

    #[test]
    fn earliest_detection_earns_full_tp_and_misses_cost_fn() {
        let t = ts(200);
        let windows = vec![(t[100], t[119]), (t[150], t[159])];
        let mut scores = vec![0.0; 200];
        scores[100] = 1.0; // left edge of window 1
        scores[110] = 1.0; // later detection in the same window: ignored
        let p = prepare(
            "x",
            &t,
            &scores,
            &windows,
            &Profile::builtin("standard").unwrap(),
        )
        .unwrap();
        let o = p.score_at(0.5);
        assert_eq!((o.tp, o.fp), (2, 0));
        assert!((o.score - (1.0 - 1.0)).abs() < 1e-12, "{}", o.score);
    }

    #[test]
    fn false_positive_before_any_window_costs_full_fp_weight() {
        let t = ts(200);
        let windows = vec![(t[150], t[159])];
        let mut scores = vec![0.0; 200];
        scores[40] = 1.0;
        scores[155] = 1.0;
        let profile = Profile::builtin("reward_low_FP_rate").unwrap();
        let o = prepare("x", &t, &scores, &windows, &profile)
            .unwrap()
            .score_at(0.5);
        let tp = scaled_sigmoid(-(159.0 - 155.0 + 1.0) / 10.0) / scaled_sigmoid(-1.0);
        assert!((o.score - (tp - 0.22)).abs() < 1e-12);
        assert_eq!(normalise(-1.0, 1, &profile), 0.0);
        assert_eq!(normalise(1.0, 1, &profile), 100.0);
    }

    #[test]
    fn optimiser_finds_threshold_that_skips_false_positives() {
        let t = ts(200);
        let windows = vec![(t[150], t[159])];
        let mut scores = vec![0.1; 200];
        scores[40] = 0.9; // FP
        scores[152] = 0.7; // TP
        let p = prepare(
            "x",
            &t,
            &scores,
            &windows,
            &Profile::builtin("standard").unwrap(),
        )
        .unwrap();
        let (threshold, score) = optimise_threshold(std::slice::from_ref(&p));
        assert_eq!(threshold, 0.7);
        assert!((score - p.score_at(0.7).score).abs() < 1e-12);
        assert!(p.score_at(0.9).score < score);
    }
}
