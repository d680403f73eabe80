//! Operations run by an agent: submit a typed command to the master, then wait for the result
//! (polling with back-off) unless --no-wait. The exit code follows the agent's result.

use std::time::{Duration, Instant};

use serde_json::Value;

use atl_core::command::{Action, CommandOutput, RolloutKind, ScaleKind as CoreScaleKind};

use crate::api::{self, CommandRequest, CommandView};
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
    let req = CommandRequest {
        cluster: &cluster,
        action: op,
        // The agent gets as long as we are prepared to wait (the master caps it at an hour).
        deadline_secs: Some(u32::try_from(s.g.timeout.as_secs().clamp(1, 3600)).unwrap_or(3600)),
    };
    let submitted = CommandView(client.post(api::COMMANDS, &req).await?);
    if wait.no_wait {
        return match s.printer.format {
            Format::Json | Format::Yaml => s.printer.data(&submitted, Default::default),
            _ => s.printer.line(&submitted.id()),
        };
    }
    let done = wait_for(s, &client, submitted).await?;
    if !done.succeeded() {
        let why = done
            .error()
            .unwrap_or_else(|| format!("the agent reported `{}`", done.state()));
        if s.printer.format.is_structured() {
            s.printer.data(&done, Default::default)?;
        }
        return Err(CliError::RemoteFailed(format!(
            "{why} (command {} on cluster {cluster})",
            done.id()
        )));
    }
    print_result(s, &done, format)
}

async fn wait_for(
    s: &Session,
    client: &crate::client::Client,
    submitted: CommandView,
) -> Result<CommandView> {
    if submitted.is_final() {
        return Ok(submitted);
    }
    let path = format!("{}/{}", api::COMMANDS, submitted.id());
    let deadline = Instant::now() + s.g.timeout;
    let mut delay = Duration::from_millis(50);
    loop {
        let st = CommandView(client.get(&path, &[]).await?);
        if st.is_final() {
            return Ok(st);
        }
        if Instant::now() >= deadline {
            return Err(CliError::ConditionNotMet(format!(
                "command {} still `{}` after {:?}; it may still run: check `atl audit` or raise --timeout",
                st.id(),
                st.state(),
                s.g.timeout
            )));
        }
        tokio::time::sleep(delay.min(deadline.saturating_duration_since(Instant::now()))).await;
        delay = (delay * 2).min(Duration::from_secs(1));
    }
}

/// Prints the agent's output: text (logs, describe) as is, JSON through the printer.
fn print_result(s: &Session, done: &CommandView, format: Option<&str>) -> Result<()> {
    let fmt = match format {
        Some("json") => Format::Json,
        Some("yaml") => Format::Yaml,
        _ => s.printer.format,
    };
    match done.output() {
        Some(CommandOutput::Text(t)) if fmt.is_structured() => {
            let p = crate::output::Printer {
                format: fmt,
                term: s.printer.term,
                headers: s.printer.headers,
            };
            p.data(&Value::String(t), Default::default)
        }
        Some(CommandOutput::Text(t)) if t.ends_with('\n') || t.is_empty() => {
            crate::output::write_out(&t)
        }
        Some(CommandOutput::Text(t)) => crate::output::write_out(&format!("{t}\n")),
        Some(CommandOutput::Json(v)) => {
            let p = crate::output::Printer {
                format: if fmt.is_structured() {
                    fmt
                } else {
                    Format::Yaml
                },
                term: s.printer.term,
                headers: s.printer.headers,
            };
            p.data(&v, Default::default)
        }
        None if fmt.is_structured() => s.printer.data(done, Default::default),
        None if done.withheld() => {
            eprintln!(
                "ok (command {}); its output is withheld: your role may not see it",
                done.id()
            );
            Ok(())
        }
        None => {
            eprintln!("ok (command {})", done.id());
            Ok(())
        }
    }
}
