//! Root-cause accuracy on PetShop's train split (needs ATL_SHARED_DIR): a
//! regression floor under the measured numbers, and the report's JSON shape.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

fn petshop_dir() -> Option<PathBuf> {
    match std::env::var_os("ATL_SHARED_DIR") {
        Some(dir) => Some(PathBuf::from(dir).join("bench/petshop")),
        None => {
            println!("skipped: ATL_SHARED_DIR not set");
            None
        }
    }
}

#[test]
fn train_split_meets_the_measured_floor_and_reports_every_scenario() {
    let Some(dir) = petshop_dir() else { return };
    let out = Command::new(env!("CARGO_BIN_EXE_atl-master"))
        .args([
            "eval",
            "petshop",
            "--split",
            "train",
            "-o",
            "json",
            "--dataset",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scenarios = report["scenarios"].as_array().unwrap();
    let names: Vec<&str> = scenarios
        .iter()
        .map(|s| s["scenario"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "high_traffic",
            "low_traffic",
            "temporal_traffic1",
            "temporal_traffic2"
        ]
    );
    for s in scenarios {
        for kind in ["latency", "availability"] {
            let r = &s[kind];
            assert!(r["issues"].as_u64().unwrap() > 0, "{s}");
            assert!(r["top1_recall"].is_f64(), "{s}");
            assert!(r["top3_recall"].is_f64(), "{s}");
        }
        assert!(s["baseline_top1_latency"].is_f64());
        // Specificity exists exactly where the scenario ships normal data.
        let has_normal = dir
            .join("dataset")
            .join(s["scenario"].as_str().unwrap())
            .join("noissue")
            .is_dir();
        for kind in ["specificity_latency", "specificity_availability"] {
            assert_eq!(s[kind].is_object(), has_normal, "{kind} of {s}");
            if has_normal {
                let spec = s[kind]["specificity"].as_f64().unwrap();
                assert!(spec >= SPEC_FLOOR, "{kind} {spec} of {}", s["scenario"]);
            }
        }
    }
    assert_eq!(report["issues"].as_u64().unwrap(), 20);
    let top1 = report["top1_recall"].as_f64().unwrap();
    let top3 = report["top3_recall"].as_f64().unwrap();
    let spec = report["specificity"].as_f64().unwrap();
    // Floors just under the numbers measured on 2026-11-26 (docs/ACCURACY.md, A3).
    assert!(top1 >= TOP1_FLOOR, "top-1 recall {top1} < {TOP1_FLOOR}");
    assert!(top3 >= TOP3_FLOOR, "top-3 recall {top3} < {TOP3_FLOOR}");
    assert!(spec >= SPEC_FLOOR, "specificity {spec} < {SPEC_FLOOR}");
}

/// Measured 1.000 (20 of 20); one miss still passes.
const TOP1_FLOOR: f64 = 0.949;
/// Measured 1.000 (20 of 20).
const TOP3_FLOOR: f64 = 0.949;
/// Measured 0.932 overall, 0.915–0.966 per scenario and symptom (normal
/// windows without a reported root cause); the target A3 is 0.9 in each.
const SPEC_FLOOR: f64 = 0.9;
