//! NAB accuracy on the shipped `realAWSCloudwatch` subset (needs ATL_SHARED_DIR).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

use atl_master::eval::nab::{self, Profile};
use atl_master::eval::nab_run;

fn nab_dir() -> Option<PathBuf> {
    match std::env::var_os("ATL_SHARED_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join("bench/nab")),
        None => {
            println!("skipped: ATL_SHARED_DIR not set");
            None
        }
    }
}

/// Published per-file rows: file → (score, tp, tn, fp, fn).
fn published(dir: &std::path::Path, profile: &str) -> Vec<(String, f64, [usize; 4])> {
    let path = dir.join(format!("results/numenta/numenta_{profile}_scores.csv"));
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            if f.len() < 10 || !f[2].ends_with(".csv") {
                return None;
            }
            let n = |i: usize| f[i].parse::<usize>().unwrap();
            Some((
                f[2].to_string(),
                f[4].parse().unwrap(),
                [n(5), n(6), n(7), n(8)],
            ))
        })
        .collect()
}

#[test]
fn scorer_reproduces_numenta_published_per_file_scores() {
    let Some(dir) = nab_dir() else { return };
    let windows = nab::load_windows(&dir.join("labels/combined_windows.json")).unwrap();
    let profiles = nab::load_profiles(&dir.join("config/profiles.json")).unwrap();
    let thresholds = nab::load_thresholds(&dir.join("config/thresholds.json"), "numenta").unwrap();
    for name in ["standard", "reward_low_FP_rate", "reward_low_FN_rate"] {
        let profile = profiles[name];
        assert_eq!(profile, Profile::builtin(name).unwrap());
        let report = nab_run::score_results(
            &dir.join("results/numenta"),
            &windows,
            name,
            &profile,
            Some(thresholds[name]),
        )
        .unwrap();
        let expected = published(&dir, name);
        assert_eq!(report.files.len(), expected.len());
        for (file, score, [tp, tn, fp, fn_]) in expected {
            let got = report.files.iter().find(|f| f.file == file).unwrap();
            let o = got.outcome;
            assert!(
                (o.score - score).abs() < 1e-9,
                "{name} {file}: {} vs published {score}",
                o.score
            );
            assert_eq!(
                [o.tp, o.tn, o.fp, o.fn_],
                [tp, tn, fp, fn_],
                "{name} {file}"
            );
        }
    }
}

#[test]
fn numenta_subset_normalised_score_is_73_4() {
    let Some(dir) = nab_dir() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_atl-master"))
        .args(["eval", "nab-score", "--results"])
        .arg(dir.join("results/numenta"))
        .arg("--labels")
        .arg(dir.join("labels/combined_windows.json"))
        .arg("--thresholds")
        .arg(dir.join("config/thresholds.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let score = headline(&out.stdout);
    assert!((score - 73.4190).abs() < 1e-4, "{score}");
}

fn headline(stdout: &[u8]) -> f64 {
    let text = String::from_utf8_lossy(stdout);
    let last = text.lines().last().unwrap();
    last.rsplit(' ').next().unwrap().parse().unwrap()
}

fn eval_nab(dir: &std::path::Path, detector: &str) -> f64 {
    let out = Command::new(env!("CARGO_BIN_EXE_atl-master"))
        .args(["eval", "nab", "--data"])
        .arg(dir.join("data"))
        .arg("--labels")
        .arg(dir.join("labels/combined_windows.json"))
        .args(["--detector", detector])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    headline(&out.stdout)
}

/// Regression guard: the floor is the score measured when the defaults were fixed.
const ATL_STANDARD_FLOOR: f64 = 68.0;

#[test]
fn atl_detector_beats_plain_ema_on_nab_subset() {
    let Some(dir) = nab_dir() else { return };
    let atl = eval_nab(&dir, "atl");
    let plain = eval_nab(&dir, "plain-ema");
    assert!(atl >= ATL_STANDARD_FLOOR, "atl NAB standard score {atl}");
    assert!(plain < 0.0, "plain EMA + 3σ scores {plain}");
    assert!(plain < atl);
}
