//! Controllers and the simulated clock: everything that changes the cluster without an API call.

pub mod faults;
pub mod kubelet;
pub mod pods;
pub mod scheduler;
pub mod status;
pub mod workloads;

use crate::state::SimState;

/// Most rounds of reconciliation per call; each round handles what the previous one changed.
const MAX_ROUNDS: usize = 8;

/// Brings controllers up to date with the current objects (no time passes).
pub fn reconcile(state: &mut SimState) {
    for round in 0..MAX_ROUNDS {
        let (dirty, nodes_changed) = state.store.take_dirty();
        // Round 0 always gives the scheduler a chance (a retry may be due); later rounds only run
        // while the previous one changed something.
        if dirty.is_empty() && !nodes_changed && (round > 0 || state.unscheduled.is_empty()) {
            break;
        }
        workloads::run(state, &dirty, nodes_changed);
        scheduler::run(state, nodes_changed);
        status::run(state, &dirty, nodes_changed);
    }
}

/// Resolution of the simulated clock when timers are due.
const STEP_MS: i64 = 1000;

/// Advances simulated time by `dt_ms`, firing timers and faults in time order.
pub fn tick(state: &mut SimState, dt_ms: i64) {
    let target = state.now_ms + dt_ms.max(0);
    loop {
        let next = [
            state.timers.next_at(),
            faults::next_change_at(state),
            Some(target),
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(target)
        // Timers due within the same simulated second fire together: one reconciliation for a
        // burst instead of one per millisecond (thousands of pods start within seconds).
        .max(state.now_ms + STEP_MS);
        state.now_ms = next.min(target);
        faults::advance(state);
        for (key, due) in state.timers.pop_due(state.now_ms) {
            kubelet::fire(state, &key, due);
        }
        reconcile(state);
        if state.now_ms >= target {
            break;
        }
    }
    if state.now_ms - state.last_event_gc_ms >= 60_000 {
        state.gc_events();
    }
}
