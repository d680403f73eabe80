//! The command loop: long-poll the master, execute each command at most once within its own
//! deadline, report the result with retries.

mod drain;
mod exec;
mod read;

pub use drain::DrainOptions;
pub use exec::{ExecError, Executor, MAX_LOG_BYTES};
pub use read::MAX_LIST_ITEMS;

use crate::backoff::Backoff;
use crate::master::MasterClient;
use atl_core::command::{Command, CommandResult, Outcome};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How many recent command ids are remembered for at-most-once execution.
pub const RECENT_IDS: usize = 4096;
/// How long a finished result keeps being re-sent when the first reports fail.
pub const REPORT_RETRY_FOR: Duration = Duration::from_secs(600);
/// Clock skew tolerated when judging whether a command expired before it reached the agent.
pub const SKEW_TOLERANCE: Duration = Duration::from_secs(300);
/// Longest wait between command polls while the master is away.
pub const POLL_RETRY_CAP: Duration = Duration::from_secs(5);

/// What the agent remembers of a command id.
#[derive(Debug, Clone)]
enum Seen {
    Running,
    Done(Box<CommandResult>),
}

/// Recently seen command ids, bounded (oldest forgotten first).
#[derive(Debug, Default)]
pub struct RecentIds {
    order: VecDeque<String>,
    map: HashMap<String, Seen>,
}

impl RecentIds {
    /// Claims an id; `false` when it was already seen.
    fn claim(&mut self, id: &str) -> bool {
        if self.map.contains_key(id) {
            return false;
        }
        if self.order.len() >= RECENT_IDS
            && let Some(old) = self.order.pop_front()
        {
            self.map.remove(&old);
        }
        self.order.push_back(id.to_string());
        self.map.insert(id.to_string(), Seen::Running);
        true
    }

    fn finish(&mut self, r: &CommandResult) {
        if let Some(s) = self.map.get_mut(&r.command_id) {
            *s = Seen::Done(Box::new(r.clone()));
        }
    }

    fn result(&self, id: &str) -> Option<CommandResult> {
        match self.map.get(id) {
            Some(Seen::Done(r)) => Some((**r).clone()),
            _ => None,
        }
    }
}

/// Runs one command within its deadline; never fails (failures become the result).
pub async fn execute(exec: &Executor, cmd: &Command) -> CommandResult {
    let started_at = chrono::Utc::now();
    let t0 = Instant::now();
    let deadline = Duration::from_secs(u64::from(cmd.deadline_secs.max(1)));
    let finish = |outcome, output, error: Option<String>| CommandResult {
        command_id: cmd.id.clone(),
        outcome,
        output,
        error,
        started_at,
        duration_ms: u64::try_from(t0.elapsed().as_millis()).unwrap_or(u64::MAX),
    };
    // A command queued long before it reached us (agent offline) is not run: a stale scale or
    // drain hours later is worse than none.
    let age = (started_at - cmd.created_at).to_std().unwrap_or_default();
    if age > deadline + SKEW_TOLERANCE {
        return finish(
            Outcome::TimedOut,
            None,
            Some(format!(
                "command expired before it reached the agent ({}s old, deadline {}s); not executed",
                age.as_secs(),
                cmd.deadline_secs
            )),
        );
    }
    match tokio::time::timeout(deadline, exec.execute(&cmd.action)).await {
        Ok(Ok(out)) => finish(Outcome::Succeeded, Some(out), None),
        Ok(Err(e)) => finish(Outcome::Failed, None, Some(e.to_string())),
        Err(_) => finish(
            Outcome::TimedOut,
            None,
            Some(format!(
                "{} did not finish within its deadline of {}s",
                cmd.action.name(),
                cmd.deadline_secs
            )),
        ),
    }
}

/// Reports a result, retrying with backoff for up to [`REPORT_RETRY_FOR`].
async fn report(master: &MasterClient, result: &CommandResult) {
    let mut backoff = Backoff::new(Duration::from_millis(200), Duration::from_secs(30));
    let until = Instant::now() + REPORT_RETRY_FOR;
    loop {
        match master.report(result).await {
            Ok(()) => return,
            Err(e) if Instant::now() < until && e.is_transient() => {
                tracing::debug!(command = %result.command_id, error = %e, "result report failed; retrying");
                tokio::time::sleep(backoff.next_delay()).await;
            }
            Err(e) => {
                tracing::error!(command = %result.command_id, error = %e, "giving up reporting the result");
                return;
            }
        }
    }
}

/// Long-polls forever; never returns on errors.
pub async fn run(master: MasterClient, exec: Executor, cluster_id: String, poll_wait: Duration) {
    let recent = Arc::new(Mutex::new(RecentIds::default()));
    // Capped low: a poll that fails is cheap, and commands should flow again within seconds of
    // the master's return.
    let mut backoff = Backoff::new(Duration::from_millis(200), POLL_RETRY_CAP);
    loop {
        let cmds = match master.poll_commands(poll_wait).await {
            Ok(c) => {
                backoff.reset();
                c
            }
            Err(e) => {
                if backoff.failures() == 0 {
                    tracing::warn!(error = %e, "command poll failed; retrying at least every {POLL_RETRY_CAP:?}");
                }
                tokio::time::sleep(backoff.next_delay()).await;
                continue;
            }
        };
        for cmd in cmds {
            if cmd.cluster_id != cluster_id {
                tracing::error!(command = %cmd.id, target = %cmd.cluster_id, "command addressed to another cluster ignored");
                continue;
            }
            let claimed = lock(&recent).claim(&cmd.id);
            if !claimed {
                // Delivered again (our report was lost?): re-send the known result, never re-run.
                let known = lock(&recent).result(&cmd.id);
                if let Some(r) = known {
                    let m = master.clone();
                    tokio::spawn(async move { report(&m, &r).await });
                }
                continue;
            }
            let (m, ex, rec) = (master.clone(), exec.clone(), recent.clone());
            tokio::spawn(async move {
                tracing::info!(command = %cmd.id, action = cmd.action.name(), target = %cmd.action.target(), by = %cmd.requested_by, "executing");
                let result = execute(&ex, &cmd).await;
                tracing::info!(command = %cmd.id, outcome = ?result.outcome, ms = result.duration_ms, "finished");
                lock(&rec).finish(&result);
                report(&m, &result).await;
            });
        }
    }
}

fn lock(m: &Mutex<RecentIds>) -> std::sync::MutexGuard<'_, RecentIds> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_claimed_once_and_bounded() {
        let mut r = RecentIds::default();
        assert!(r.claim("a"));
        assert!(!r.claim("a"));
        for i in 0..RECENT_IDS {
            r.claim(&i.to_string());
        }
        assert!(r.claim("a"), "oldest id forgotten once the window is full");
        assert!(r.map.len() <= RECENT_IDS);
    }
}
