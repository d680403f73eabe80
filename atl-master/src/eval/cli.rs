//! `atl-master eval …` subcommands.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::eval::nab::{self, Profile, Report};
use crate::eval::nab_run::{self, DetectorKind};
use crate::eval::petshop;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Output {
    Text,
    Json,
}

/// Accuracy evaluations on public data sets.
#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Run the M2 detector over a NAB data directory and print the NAB score
    /// (per file, then the normalised total on the last line).
    Nab {
        /// NAB data root (keys are paths relative to it, e.g. `realAWSCloudwatch/x.csv`).
        #[arg(long)]
        data: PathBuf,
        /// `combined_windows.json`.
        #[arg(long)]
        labels: PathBuf,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Detector to run.
        #[arg(long, value_enum, default_value = "atl")]
        detector: DetectorKind,
        #[arg(short = 'o', long, value_enum, default_value = "text")]
        output: Output,
    },
    /// Score existing detector outputs (e.g. NAB's `results/numenta`) with the NAB rules.
    NabScore {
        /// Results directory of one detector: `<dir>/<group>/<detector>_<file>.csv`.
        #[arg(long)]
        results: PathBuf,
        /// `combined_windows.json`.
        #[arg(long)]
        labels: PathBuf,
        #[command(flatten)]
        profile: ProfileArgs,
        /// Fixed threshold; default: from `--thresholds`, else NAB's optimiser.
        #[arg(long)]
        threshold: Option<f64>,
        /// `config/thresholds.json` (the detector's published threshold per profile).
        #[arg(long)]
        thresholds: Option<PathBuf>,
        #[arg(short = 'o', long, value_enum, default_value = "text")]
        output: Output,
    },
    /// Rank root causes of the PetShop data set's labelled issues and score
    /// top-1/top-3 recall and specificity on normal data (headline last).
    Petshop {
        /// PetShop directory: its `dataset/` or the directory holding it.
        #[arg(long)]
        dataset: PathBuf,
        #[arg(long, value_enum, default_value = "train")]
        split: petshop::Split,
        #[arg(short = 'o', long, value_enum, default_value = "text")]
        output: Output,
    },
}

#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// NAB profile: standard, reward_low_FP_rate or reward_low_FN_rate.
    #[arg(long, default_value = "standard")]
    profile: String,
    /// `config/profiles.json`; the published weights are built in otherwise.
    #[arg(long)]
    profiles: Option<PathBuf>,
}

impl ProfileArgs {
    fn resolve(&self) -> anyhow::Result<Profile> {
        match &self.profiles {
            Some(path) => nab::load_profiles(path)?
                .get(&self.profile)
                .copied()
                .with_context(|| format!("profile `{}` not in {}", self.profile, path.display())),
            None => Ok(Profile::builtin(&self.profile)?),
        }
    }
}

fn load_windows(labels: &Path) -> anyhow::Result<nab::Windows> {
    nab::load_windows(labels).context("loading NAB labels (pass --labels combined_windows.json)")
}

/// Runs one `eval` subcommand, writing its report to `out`.
pub fn run(cmd: &EvalCommand, out: &mut dyn Write) -> anyhow::Result<()> {
    let (report, output) = match cmd {
        EvalCommand::Nab {
            data,
            labels,
            profile,
            detector,
            output,
        } => {
            let windows = load_windows(labels)?;
            let p = profile.resolve()?;
            let report = nab_run::run_detector(*detector, data, &windows, &profile.profile, &p)
                .with_context(|| format!("running the detector over {}", data.display()))?;
            (report, *output)
        }
        EvalCommand::NabScore {
            results,
            labels,
            profile,
            threshold,
            thresholds,
            output,
        } => {
            let windows = load_windows(labels)?;
            let p = profile.resolve()?;
            let threshold = match (threshold, thresholds) {
                (Some(t), _) => Some(*t),
                (None, Some(path)) => {
                    let detector = results
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let t = nab::load_thresholds(path, &detector)?
                        .get(&profile.profile)
                        .copied()
                        .with_context(|| {
                            format!(
                                "no threshold for detector `{detector}` profile `{}` in {}",
                                profile.profile,
                                path.display()
                            )
                        })?;
                    Some(t)
                }
                (None, None) => None,
            };
            let report = nab_run::score_results(results, &windows, &profile.profile, &p, threshold)
                .with_context(|| format!("scoring {}", results.display()))?;
            (report, *output)
        }
        EvalCommand::Petshop {
            dataset,
            split,
            output,
        } => {
            let report = petshop::evaluate(dataset, *split)
                .context("evaluating root causes on PetShop (pass --dataset <petshop dir>)")?;
            match output {
                Output::Text => writeln!(out, "{}", report.to_text())?,
                Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
            }
            return Ok(());
        }
    };
    print_report(&report, output, out)
}

fn print_report(report: &Report, output: Output, out: &mut dyn Write) -> anyhow::Result<()> {
    match output {
        Output::Text => writeln!(out, "{}", report.to_text())?,
        Output::Json => writeln!(out, "{}", serde_json::to_string_pretty(report)?)?,
    }
    Ok(())
}
