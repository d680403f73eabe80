//! Operations run by an agent: submit a typed command to the master, then wait for the result
//! (polling with back-off) unless --no-wait. The exit code follows the agent's result.

use std::time::{Duration, Instant};

use serde_json::Value;

use atl_core::api::CommandRecord;
use atl_core::command::{
    Action, CommandOutput, CommandState, RolloutKind, ScaleKind as CoreScaleKind,
};

use crate::api;
use crate::cli::{DeleteKind, ExecCmd, LogsArgs, RestartKind, ScaleKind, WaitArgs};
use crate::error::{CliError, Result};
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
                RestartKind::Pod => Action::RestartPod { namespace, name },
                RestartKind::Deploy => Action::RolloutRestart {
                    kind: RolloutKind::Deployment,
                    namespace,
                    name,
                },
                RestartKind::Sts => Action::RolloutRestart {
                    kind: RolloutKind::StatefulSet,
                    namespace,
                    name,
                },
                RestartKind::Ds => Action::RolloutRestart {
                    kind: RolloutKind::DaemonSet,
                    namespace,
                    name,
                },
            };
            (op, *wait, None)
        }
        ExecCmd::Scale {
            kind,
            name,
            replicas,
            wait,
        } => {
            let kind = match kind {
                ScaleKind::Deploy => CoreScaleKind::Deployment,
                ScaleKind::Sts => CoreScaleKind::StatefulSet,
            };
            (
                Action::Scale {
                    kind,
                    namespace: ns(s),
                    name: name.clone(),
                    replicas: *replicas,
                },
                *wait,
                None,
            )
        }
        ExecCmd::Cordon { node, wait } => (Action::Cordon { node: node.clone() }, *wait, None),
        ExecCmd::Uncordon { node, wait } => (Action::Uncordon { node: node.clone() }, *wait, None),
        ExecCmd::Drain {
            node,
            ignore_daemonsets,
            delete_emptydir_data,
            wait,
        } => (
            Action::Drain {
                node: node.clone(),
                ignore_daemonsets: *ignore_daemonsets,
                delete_emptydir_data: *delete_emptydir_data,
                grace_period_secs: None,
            },
            *wait,
            None,
        ),
        ExecCmd::Delete {
            kind: DeleteKind::Pod,
            name,
            wait,
        } => (
            Action::DeletePod {
                namespace: ns(s),
                name: name.clone(),
                grace_period_secs: None,
            },
            *wait,
            None,
        ),
        ExecCmd::Kubectl { args, wait } => {
            let parsed = passthrough::parse(args, &ns(s))
                .map_err(|r| CliError::Usage(format!("kubectl passthrough: {r}")))?;
            (parsed.op, *wait, parsed.output)
        }
    };
    run(s, &op, wait, format.as_deref()).await
}

pub async fn logs(s: &Session, a: &LogsArgs) -> Result<()> {
    let op = Action::Logs {
        namespace: ns(s),
        pod: a.pod.clone(),
        container: a.container.clone(),
        tail_lines: a.tail,
        since_secs: a.since.map(|d| d.as_secs()),
        previous: a.previous,
    };
    run(s, &op, WaitArgs { no_wait: false }, None).await
}

/// Submits `op` to the single target cluster and reports the outcome.
pub async fn run(s: &Session, op: &Action, wait: WaitArgs, format: Option<&str>) -> Result<()> {
    op.validate().map_err(|e| CliError::Usage(e.to_string()))?;
    let cluster = s.one_cluster()?;
    let client = s.client()?;
    let req = api::CommandRequest {
        cluster: &cluster,
        action: op,
        // The agent gets as long as we are prepared to wait (the master caps it at an hour).
        deadline_secs: Some(u32::try_from(s.g.timeout.as_secs().clamp(1, 3600)).unwrap_or(3600)),
    };
    let submitted: CommandRecord = client
        .post(api::COMMANDS, &req)
        .await
        .map_err(|e| match e {
            CliError::NotFound(m) => CliError::NotFound(format!("{m} (see `atl clusters`)")),
            other => other,
        })?;
    if wait.no_wait {
        return match s.printer.format {
            Format::Json | Format::Yaml => s.printer.data(&submitted, Default::default),
            _ => s.printer.line(&submitted.command.id),
        };
    }
    let done = wait_for(s, &client, submitted).await?;
    if done.state != CommandState::Succeeded {
        let why = done
            .result
            .as_ref()
            .and_then(|r| r.error.clone())
            .filter(|e| !e.is_empty())
            .unwrap_or_else(|| format!("the command ended {}", state_name(done.state)));
        if s.printer.format.is_structured() {
            s.printer.data(&done, Default::default)?;
        }
        return Err(CliError::RemoteFailed(format!(
            "{why} (command {} on cluster {cluster})",
            done.command.id
        )));
    }
    print_result(s, &done, format)
}

fn state_name(st: CommandState) -> String {
    serde_json::to_value(st)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

async fn wait_for(
    s: &Session,
    client: &crate::client::Client,
    submitted: CommandRecord,
) -> Result<CommandRecord> {
    if submitted.state.is_final() {
        return Ok(submitted);
    }
    let path = format!("{}/{}", api::COMMANDS, submitted.command.id);
    let deadline = Instant::now() + s.g.timeout;
    let mut delay = Duration::from_millis(50);
    loop {
        let st: CommandRecord = client.get(&path, &[]).await?;
        if st.state.is_final() {
            return Ok(st);
        }
        if Instant::now() >= deadline {
            return Err(CliError::ConditionNotMet(format!(
                "command {} still {} after {:?}; it may still run: check `atl audit` or raise --timeout",
                st.command.id,
                state_name(st.state),
                s.g.timeout
            )));
        }
        tokio::time::sleep(delay.min(deadline.saturating_duration_since(Instant::now()))).await;
        delay = (delay * 2).min(Duration::from_secs(1));
    }
}

/// Prints the agent's output: text (logs, describe) as is, JSON through the printer.
fn print_result(s: &Session, done: &CommandRecord, format: Option<&str>) -> Result<()> {
    let fmt = match format {
        Some("json") => Format::Json,
        Some("yaml") => Format::Yaml,
        _ => s.printer.format,
    };
    let printer = |format| crate::output::Printer {
        format,
        term: s.printer.term,
        headers: s.printer.headers,
    };
    match done.result.as_ref().and_then(|r| r.output.clone()) {
        Some(CommandOutput::Text(t)) if fmt.is_structured() => {
            printer(fmt).data(&Value::String(t), Default::default)
        }
        Some(CommandOutput::Text(t)) if t.ends_with('\n') || t.is_empty() => {
            crate::output::write_out(&t)
        }
        Some(CommandOutput::Text(t)) => crate::output::write_out(&format!("{t}\n")),
        Some(CommandOutput::Json(v)) => printer(if fmt.is_structured() {
            fmt
        } else {
            Format::Yaml
        })
        .data(&v, Default::default),
        None if fmt.is_structured() => s.printer.data(done, Default::default),
        None if done.result_withheld => {
            eprintln!(
                "ok (command {}); its output is withheld: your role may not see it",
                done.command.id
            );
            Ok(())
        }
        None => {
            eprintln!("ok (command {})", done.command.id);
            Ok(())
        }
    }
}
