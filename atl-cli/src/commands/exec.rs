//! Operations run by an agent: submit a typed command to the master, then wait for the result
//! (polling with back-off) unless --no-wait. The exit code follows the agent's result.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::api::{self, CommandRequest, CommandStatus};
use crate::cli::{DeleteKind, ExecCmd, LogsArgs, RestartKind, ScaleKind, WaitArgs};
use crate::error::{CliError, Result};
use crate::ops::{Operation, WorkloadKind};
use crate::output::Format;
use crate::passthrough;
use crate::session::Session;

fn ns(s: &Session) -> String {
    s.g.namespace.clone().unwrap_or_else(|| "default".into())
}

pub async fn exec(s: &Session, cmd: &ExecCmd) -> Result<()> {
    let (op, wait, format) = match cmd {
        ExecCmd::Restart { kind, name, wait } => {
            let (namespace, name) = (ns(s), name.clone());
            let op = match kind {
                RestartKind::Pod => Operation::RestartPod { namespace, name },
                RestartKind::Deploy => Operation::RolloutRestart { kind: WorkloadKind::Deployment, namespace, name },
                RestartKind::Sts => Operation::RolloutRestart { kind: WorkloadKind::StatefulSet, namespace, name },
                RestartKind::Ds => Operation::RolloutRestart { kind: WorkloadKind::DaemonSet, namespace, name },
            };
            (op, *wait, None)
        }
        ExecCmd::Scale { kind, name, replicas, wait } => {
            let kind = match kind {
                ScaleKind::Deploy => WorkloadKind::Deployment,
                ScaleKind::Sts => WorkloadKind::StatefulSet,
            };
            (Operation::Scale { kind, namespace: ns(s), name: name.clone(), replicas: *replicas }, *wait, None)
        }
        ExecCmd::Cordon { node, wait } => (Operation::Cordon { node: node.clone() }, *wait, None),
        ExecCmd::Uncordon { node, wait } => (Operation::Uncordon { node: node.clone() }, *wait, None),
        ExecCmd::Drain { node, ignore_daemonsets, delete_emptydir_data, wait } => (
            Operation::Drain {
                node: node.clone(),
                ignore_daemonsets: *ignore_daemonsets,
                delete_emptydir_data: *delete_emptydir_data,
                force: false,
            },
            *wait,
            None,
        ),
        ExecCmd::Delete { kind: DeleteKind::Pod, name, wait } => {
            (Operation::DeletePod { namespace: ns(s), name: name.clone() }, *wait, None)
        }
        ExecCmd::Kubectl { args, wait } => {
            let parsed = passthrough::parse(args, &ns(s)).map_err(|r| CliError::Usage(format!("kubectl passthrough: {r}")))?;
            (parsed.op, *wait, parsed.output)
        }
    };
    run(s, &op, wait, format.as_deref()).await
}

pub async fn logs(s: &Session, a: &LogsArgs) -> Result<()> {
    let op = Operation::Logs {
        namespace: ns(s),
        pod: a.pod.clone(),
        container: a.container.clone(),
        tail: a.tail,
        since_seconds: a.since.map(|d| d.as_secs()),
        previous: a.previous,
    };
    run(s, &op, WaitArgs { no_wait: false }, None).await
}

/// Submits `op` to the single target cluster and reports the outcome.
pub async fn run(s: &Session, op: &Operation, wait: WaitArgs, format: Option<&str>) -> Result<()> {
    let cluster = s.one_cluster()?;
    let client = s.client()?;
    let submitted: CommandStatus = client.post(api::COMMANDS, &CommandRequest { cluster: &cluster, command: op }).await?;
    if wait.no_wait {
        return match s.printer.format {
            Format::Json | Format::Yaml => s.printer.data(&submitted, Default::default),
            _ => s.printer.line(&submitted.id),
        };
    }
    let status = wait_for(s, &client, &submitted).await?;
    if !status.succeeded() {
        let why = status
            .error
            .clone()
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| format!("the agent reported status `{}`", status.status));
        if matches!(s.printer.format, Format::Json | Format::Yaml) {
            s.printer.data(&status, Default::default)?;
        }
        return Err(CliError::RemoteFailed(format!("{why} (command {} on cluster {cluster})", status.id)));
    }
    print_result(s, &status, format)
}

async fn wait_for(s: &Session, client: &crate::client::Client, submitted: &CommandStatus) -> Result<CommandStatus> {
    if submitted.is_final() {
        return Ok(submitted.clone());
    }
    let path = format!("{}/{}", api::COMMANDS, submitted.id);
    let deadline = Instant::now() + s.g.timeout;
    let mut delay = Duration::from_millis(100);
    loop {
        let st: CommandStatus = client.get(&path, &[]).await?;
        if st.is_final() {
            return Ok(st);
        }
        if Instant::now() >= deadline {
            return Err(CliError::ConditionNotMet(format!(
                "command {} still `{}` after {:?}; it may still run: check `atl audit` or raise --timeout",
                st.id, st.status, s.g.timeout
            )));
        }
        tokio::time::sleep(delay.min(deadline.saturating_duration_since(Instant::now()))).await;
        delay = (delay * 2).min(Duration::from_secs(1));
    }
}

/// Prints the agent's result: text outputs (logs, describe) as text, data via the printer.
fn print_result(s: &Session, st: &CommandStatus, format: Option<&str>) -> Result<()> {
    let fmt = match format {
        Some("json") => Format::Json,
        Some("yaml") => Format::Yaml,
        _ => s.printer.format,
    };
    let result = st.result.clone().unwrap_or(Value::Null);
    if matches!(fmt, Format::Json | Format::Yaml) {
        let p = crate::output::Printer { format: fmt, term: s.printer.term, headers: s.printer.headers };
        return p.data(&result, Default::default);
    }
    let text = match &result {
        Value::String(t) => Some(t.clone()),
        Value::Object(m) => ["output", "text", "logs", "message"].iter().find_map(|k| m.get(*k)?.as_str().map(str::to_string)),
        _ => None,
    };
    match text {
        Some(t) if t.ends_with('\n') || t.is_empty() => crate::output::write_out(&t),
        Some(t) => crate::output::write_out(&format!("{t}\n")),
        None if result.is_null() => {
            eprintln!("ok (command {})", st.id);
            Ok(())
        }
        None => s.printer.yaml(&result),
    }
}
