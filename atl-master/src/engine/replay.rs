//! `atl-master replay FILE|-`: recorded snapshots in, transitions and
//! incidents out, as JSON lines. No network, no database, no wall clock.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use serde::Serialize;

use crate::engine::incident::Incident;
use crate::engine::model::Observation;
use crate::engine::pipeline::{Engine, EngineConfig, IncidentAction, Output, Transition};

/// Arguments of `atl-master replay`.
#[derive(Debug, clap::Args)]
pub struct ReplayArgs {
    /// NDJSON file of `ClusterSnapshot`s (or engine observations), `-` for stdin.
    pub input: PathBuf,
    /// Engine configuration (JSON); the built-in defaults otherwise.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also print the cluster risk and riskiest entities after every snapshot.
    #[arg(long)]
    pub risk: bool,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line<'a> {
    Transition(&'a Transition),
    Incident {
        action: IncidentAction,
        incident: &'a Incident,
    },
    Risk {
        cluster: &'a str,
        at_ms: i64,
        cluster_risk: f64,
        level: crate::engine::risk::ClusterLevel,
        top: Vec<(&'a str, f64)>,
    },
    Skipped {
        line: usize,
        cluster: &'a str,
        at_ms: i64,
        reason: &'static str,
    },
    Summary {
        snapshots: usize,
        transitions: usize,
        incidents_created: usize,
        incidents_resolved: usize,
        incidents_open: usize,
    },
}

/// One input line: a snapshot, or an already-extracted observation.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Input {
    Snapshot(Box<atl_core::ClusterSnapshot>),
    Observation(Observation),
}

/// Replays `input` through a fresh engine, writing JSON lines to `out`.
pub fn replay(
    config: EngineConfig,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
    with_risk: bool,
) -> anyhow::Result<()> {
    let mut engine = Engine::new(config);
    let (mut snapshots, mut transitions, mut created, mut resolved) = (0, 0, 0, 0);
    let mut open = std::collections::BTreeSet::new();
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("reading line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Input = serde_json::from_str(&line).with_context(|| {
            format!(
                "line {}: not a ClusterSnapshot or engine observation (one JSON object per line)",
                n + 1
            )
        })?;
        let output: Output = match parsed {
            Input::Snapshot(s) => engine.process_snapshot(&s),
            Input::Observation(o) => engine.process(&o),
        };
        snapshots += 1;
        if !output.accepted {
            write_line(
                out,
                &Line::Skipped {
                    line: n + 1,
                    cluster: &output.cluster,
                    at_ms: output.at_ms,
                    reason: "older than the previous snapshot of this cluster",
                },
            )?;
            continue;
        }
        for t in &output.transitions {
            transitions += 1;
            write_line(out, &Line::Transition(t))?;
        }
        for e in &output.incidents {
            match e.action {
                IncidentAction::Created => {
                    created += 1;
                    open.insert(e.incident.id.clone());
                }
                IncidentAction::Resolved => {
                    resolved += 1;
                    open.remove(&e.incident.id);
                }
                IncidentAction::Updated => {}
            }
            write_line(
                out,
                &Line::Incident {
                    action: e.action,
                    incident: &e.incident,
                },
            )?;
        }
        if with_risk {
            let mut top: Vec<(&str, f64)> = output
                .risks
                .iter()
                .map(|r| (r.entity.as_str(), r.r_final))
                .collect();
            top.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            top.truncate(5);
            write_line(
                out,
                &Line::Risk {
                    cluster: &output.cluster,
                    at_ms: output.at_ms,
                    cluster_risk: output.cluster_risk,
                    level: output.cluster_level,
                    top,
                },
            )?;
        }
    }
    write_line(
        out,
        &Line::Summary {
            snapshots,
            transitions,
            incidents_created: created,
            incidents_resolved: resolved,
            incidents_open: open.len(),
        },
    )
}

fn write_line(out: &mut dyn Write, line: &Line<'_>) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Entry point of the `replay` subcommand.
pub fn run(args: &ReplayArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading engine config {}", path.display()))?;
            serde_json::from_str(&text)
                .with_context(|| format!("{}: not a valid engine configuration", path.display()))?
        }
        None => EngineConfig::default(),
    };
    if args.input.as_os_str() == "-" {
        let stdin = std::io::stdin();
        replay(config, &mut stdin.lock(), out, args.risk)
    } else {
        let file = std::fs::File::open(&args.input)
            .with_context(|| format!("opening {}", args.input.display()))?;
        replay(config, &mut std::io::BufReader::new(file), out, args.risk)
    }
}
