//! Running detectors over a NAB data directory and scoring existing results.

use std::path::{Path, PathBuf};

use crate::engine::baseline::{BaselineConfig, Detector};
use crate::eval::nab::{self, NabError, Prepared, Profile, Report, Table, Windows};

/// Which detector `eval nab` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DetectorKind {
    /// atl's M2 detector with every quality layer (the default).
    Atl,
    /// Plain EMA + 3σ (deviation before the update), every anomalous point alerts.
    PlainEma,
    /// The seed's detector exactly (deviation after the update, capped at ≈5.3σ).
    SeedEma,
}

impl DetectorKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Atl => "atl",
            Self::PlainEma => "plain-ema-3sigma",
            Self::SeedEma => "seed-ema-3sigma",
        }
    }

    /// Per-row NAB scores (1.0 where the detector alerts, else 0.0).
    pub fn run(self, timestamps: &[i64], values: &[f64]) -> Vec<f64> {
        let config = match self {
            Self::Atl => BaselineConfig::default(),
            Self::PlainEma => BaselineConfig::plain_ema(),
            Self::SeedEma => BaselineConfig::seed(),
        };
        let mut det = Detector::new(&config);
        timestamps
            .iter()
            .zip(values)
            .map(|(&t, &v)| match det.observe(t, v) {
                Some(d) if d.alert => 1.0,
                _ => 0.0,
            })
            .collect()
    }
}

/// Every `*.csv` below `dir`, as (key relative to `dir` with `/` separators, path), sorted.
pub fn csv_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, NabError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|source| NabError::Io {
            path: d.clone(),
            source,
        })?;
        for entry in entries {
            let entry = entry.map_err(|source| NabError::Io {
                path: d.clone(),
                source,
            })?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "csv")
                && let Ok(rel) = path.strip_prefix(dir)
            {
                let key = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((key, path));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn unix_seconds(table: &Table) -> Vec<i64> {
    table
        .timestamps
        .iter()
        .map(|t| t.and_utc().timestamp())
        .collect()
}

/// Runs `detector` over every CSV under `data` and scores it with `profile`
/// at the fixed threshold 0.5 (the detector's output is 0/1).
pub fn run_detector(
    detector: DetectorKind,
    data: &Path,
    windows: &Windows,
    profile_name: &str,
    profile: &Profile,
) -> Result<Report, NabError> {
    let mut prepared = Vec::new();
    for (key, path) in csv_files(data)? {
        let table = Table::read(&path)?;
        let values = table.column("value").ok_or_else(|| NabError::Csv {
            path: path.clone(),
            line: 1,
            message: "no `value` column".into(),
        })?;
        let scores = detector.run(&unix_seconds(&table), values);
        let wins = windows.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        prepared.push((
            key.clone(),
            nab::prepare(&key, &table.timestamps, &scores, wins, profile)?,
        ));
    }
    let labelled = labelled_windows_of(windows, &prepared);
    Ok(Report::build(
        detector.name(),
        profile_name,
        profile,
        0.5,
        prepared,
        labelled,
    ))
}

/// Scores a published results directory (`results/<detector>/<group>/<detector>_<file>.csv`,
/// column `anomaly_score`). `threshold` None = NAB's optimiser over these files.
pub fn score_results(
    results: &Path,
    windows: &Windows,
    profile_name: &str,
    profile: &Profile,
    threshold: Option<f64>,
) -> Result<Report, NabError> {
    let detector = results
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!("{detector}_");
    let mut prepared: Vec<(String, Prepared)> = Vec::new();
    for (key, path) in csv_files(results)? {
        // Only per-row outputs live in subfolders; the top level holds score summaries.
        let Some((group, file)) = key.rsplit_once('/') else {
            continue;
        };
        let data_key = format!("{group}/{}", file.strip_prefix(&prefix).unwrap_or(file));
        let table = Table::read(&path)?;
        let scores = table.column("anomaly_score").ok_or_else(|| NabError::Csv {
            path: path.clone(),
            line: 1,
            message: "no `anomaly_score` column".into(),
        })?;
        let wins = windows.get(&data_key).map(Vec::as_slice).unwrap_or(&[]);
        prepared.push((
            data_key.clone(),
            nab::prepare(&data_key, &table.timestamps, scores, wins, profile)?,
        ));
    }
    let threshold = match threshold {
        Some(t) => t,
        None => {
            let files: Vec<Prepared> = prepared.iter().map(|(_, p)| p.clone()).collect();
            nab::optimise_threshold(&files).0
        }
    };
    let labelled = labelled_windows_of(windows, &prepared);
    Ok(Report::build(
        &detector,
        profile_name,
        profile,
        threshold,
        prepared,
        labelled,
    ))
}

/// Labelled windows of the files actually scored (so that a subset run is
/// normalised on that subset, as NAB does for its corpus).
fn labelled_windows_of(windows: &Windows, files: &[(String, Prepared)]) -> usize {
    files
        .iter()
        .map(|(k, _)| windows.get(k).map_or(0, Vec::len))
        .sum()
}
