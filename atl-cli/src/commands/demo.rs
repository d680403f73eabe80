//! `atl demo`: runs master + simulator + agent in this process and opens `atl top` on it.

use std::time::Duration;

use anyhow::anyhow;
use atl_core::Role;

use crate::cli::DemoArgs;
use crate::client::Client;
use crate::demo::{DemoOptions, DemoStack};
use crate::error::{CliError, Result};
use crate::session::Session;
use crate::tui::{self, TuiOptions};

/// What the stack thread reports once it is up.
struct Ready {
    master_url: String,
    token: String,
    kube_url: String,
    kubeconfig: std::path::PathBuf,
}

pub async fn demo(s: &Session, a: &DemoArgs) -> Result<()> {
    if !a.headless && !s.printer.term.tty {
        return Err(CliError::Usage(
            "atl demo opens a dashboard and needs a terminal; use `atl demo --headless` in scripts"
                .into(),
        ));
    }
    let opts = DemoOptions {
        scenario: a.scenario.clone(),
        speed: a.speed,
        cluster: a.cluster.clone(),
        interval: a.interval,
        data_dir: a.data_dir.clone(),
    };
    let (ready_tx, ready_rx) = tokio::sync::oneshot::channel::<anyhow::Result<Ready>>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    // The stack gets its own multi-threaded runtime; the dashboard keeps this one to itself.
    let thread = std::thread::Builder::new()
        .name("atl-demo-stack".into())
        .spawn(move || {
            let rt = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = ready_tx.send(Err(anyhow!("cannot start the demo runtime: {e}")));
                    return;
                }
            };
            rt.block_on(async move {
                match DemoStack::start(&opts).await {
                    Ok(stack) => {
                        let _ = ready_tx.send(Ok(Ready {
                            master_url: stack.master_url.clone(),
                            token: stack.token.clone(),
                            kube_url: stack.kube_url.clone(),
                            kubeconfig: stack.kubeconfig.clone(),
                        }));
                        let _ = stop_rx.await;
                        stack.stop().await;
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
            rt.shutdown_timeout(Duration::from_secs(2));
        })
        .map_err(|e| CliError::Other(anyhow!("cannot start the demo thread: {e}")))?;

    let ready = ready_rx
        .await
        .map_err(|_| CliError::Other(anyhow!("the demo stack stopped before it was ready")))?
        .map_err(CliError::Other)?;

    let result = if a.headless {
        println!(
            "atl demo is running (scenario {}, speed {}×, cluster {})",
            a.scenario, a.speed, a.cluster
        );
        println!("master      {}", ready.master_url);
        println!(
            "kubernetes  {}  (kubeconfig {})",
            ready.kube_url,
            ready.kubeconfig.display()
        );
        println!();
        println!("Use it from another shell:");
        println!(
            "  export ATL_MASTER={} ATL_TOKEN={}",
            ready.master_url, ready.token
        );
        println!("  atl get pods -A; atl incidents --watch; atl top");
        println!(
            "  kubectl --kubeconfig {} get pods -A",
            ready.kubeconfig.display()
        );
        println!("Press Ctrl-C to stop.");
        match a.duration {
            Some(d) => tokio::time::sleep(d).await,
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        Ok(())
    } else {
        match Client::new(&ready.master_url, Some(ready.token.clone()), s.g.timeout) {
            Ok(client) => {
                let mut topts = TuiOptions::new(Role::Admin);
                topts.readonly = a.readonly;
                tui::run_master(topts, client)
                    .await
                    .map_err(CliError::Other)
            }
            Err(e) => Err(e),
        }
    };
    let _ = stop_tx.send(());
    let _ = tokio::task::spawn_blocking(move || thread.join()).await;
    result
}
