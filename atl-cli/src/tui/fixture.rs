//! A deterministic dashboard state for tests, snapshot tests and benchmarks, built through the
//! reducer from synthetic atl-core snapshots, plus a buffer-to-text helper.

use super::action::{Action, DataEvent};
use super::model::{AgentState, ClusterStatus, ConnectionState};
use super::reducer::reduce;
use super::source::{enrich, heuristic_risk, incidents_from_crashloops, slos_from_snapshot};
use super::state::{Settings, State};
use atl_core::Role;
use atl_core::synth::{SynthSpec, generate};
use ratatui::buffer::Buffer;
use std::sync::Arc;

/// Two clusters (`prod` with `pods` pods, 8 % crash-looping, and `staging` with 30), telemetry,
/// SLO series, events and incidents; the clock five minutes after the snapshots.
pub fn sample_state(pods: usize, settings: Settings) -> State {
    let mut snaps = Vec::new();
    for (id, n, crash, seed) in [("prod", pods, 0.08, 7), ("staging", 30, 0.0, 8)] {
        let mut spec = SynthSpec::with_pods(id, n, seed);
        spec.crashloop_ratio = crash;
        spec.telemetry = true;
        let mut snap = generate(&spec);
        enrich(&mut snap, seed);
        snaps.push(snap);
    }
    let now = snaps[0].taken_at + chrono::Duration::minutes(5);
    let mut state = State::new(settings, now);
    let incidents = snaps.iter().flat_map(incidents_from_crashloops).collect();
    let statuses = snaps
        .iter()
        .map(|s| ClusterStatus {
            id: s.cluster_id.clone(),
            state: AgentState::Online,
            risk: heuristic_risk(s),
            agent_version: Some(s.agent.version.clone()),
            last_seen: Some(s.taken_at),
        })
        .collect();
    let slos = snaps.iter().flat_map(slos_from_snapshot).collect();
    for ev in [
        DataEvent::Connection(ConnectionState::Connected),
        DataEvent::Clusters(statuses),
    ]
    .into_iter()
    .chain(snaps.into_iter().map(|s| DataEvent::Snapshot(Arc::new(s))))
    .chain([DataEvent::Incidents(incidents), DataEvent::Slos(slos)])
    {
        reduce(&mut state, Action::Data(ev));
    }
    state
}

/// Operator, colour, not read-only.
pub fn operator() -> Settings {
    Settings {
        role: Role::Operator,
        readonly: false,
        color: true,
    }
}

/// The buffer as text, one line per row, trailing blanks trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        for x in area.left()..area.right() {
            if let Some(c) = buf.cell((x, y)) {
                line.push_str(c.symbol());
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
