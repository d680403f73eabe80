//! Resolves who we are talking to (context, master, token, clusters, namespace) once per run.

use crate::cli::GlobalArgs;
use crate::client::Client;
use crate::config::Store;
use crate::error::{CliError, Result};
use crate::output::{Printer, Term};

pub struct Session {
    pub g: GlobalArgs,
    pub printer: Printer,
    pub store: Store,
}

impl Session {
    pub fn new(g: GlobalArgs) -> Result<Self> {
        let term = Term::detect(g.color);
        let printer = Printer {
            format: g.output,
            term,
            headers: !g.no_headers,
        };
        Ok(Session {
            g,
            printer,
            store: Store::open()?,
        })
    }

    /// The context in effect: `--context`, else the stored current one.
    pub fn context_name(&self) -> Result<Option<String>> {
        match &self.g.context {
            Some(c) => Ok(Some(c.clone())),
            None => Ok(self.store.load()?.current_context),
        }
    }

    pub fn client(&self) -> Result<Client> {
        let cfg = self.store.load()?;
        let ctx_name = self.context_name()?;
        let ctx = match &ctx_name {
            Some(n) => match cfg.contexts.get(n) {
                Some(c) => Some(c),
                None if self.g.master.is_some() => None,
                None => {
                    let known: Vec<&str> = cfg.contexts.keys().map(String::as_str).collect();
                    return Err(CliError::Config(format!(
                        "context `{n}` does not exist (known: {}); see `atl context list`",
                        if known.is_empty() {
                            "none".to_string()
                        } else {
                            known.join(", ")
                        }
                    )));
                }
            },
            None => None,
        };
        let master = self.g.master.clone().or_else(|| ctx.map(|c| c.master.clone())).ok_or_else(|| {
            CliError::Config(
                "no master configured: run `atl login URL`, or pass --master URL (or set ATL_MASTER)".into(),
            )
        })?;
        let token = match &self.g.token {
            Some(t) => Some(t.clone()),
            // A stored token belongs to its context's master; never send it to a different one.
            None => match (&ctx_name, ctx) {
                (Some(n), Some(c))
                    if self
                        .g
                        .master
                        .as_deref()
                        .is_none_or(|m| same_master(m, &c.master)) =>
                {
                    self.store.token(n)?
                }
                _ => None,
            },
        };
        Client::new(&master, token, self.g.timeout)
    }

    /// Clusters to address; `None` means all.
    pub fn clusters(&self) -> Option<Vec<String>> {
        let c: Vec<String> = self
            .g
            .cluster
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        if c.is_empty() || c.iter().any(|s| s == "all") {
            None
        } else {
            Some(c)
        }
    }

    /// Exactly one cluster, required for operations (every remote op carries an explicit target).
    pub fn one_cluster(&self) -> Result<String> {
        match self.clusters().as_deref() {
            Some([one]) => Ok(one.clone()),
            _ => Err(CliError::Usage(
                "this operation needs exactly one target: pass --cluster NAME (see `atl clusters`)"
                    .into(),
            )),
        }
    }

    /// Namespace scope: `None` with -A, else -n or "default".
    pub fn namespace(&self) -> Option<String> {
        if self.g.all_namespaces {
            None
        } else {
            Some(self.g.namespace.clone().unwrap_or_else(|| "default".into()))
        }
    }

    /// One query per addressed cluster: the master filters by one `cluster` (absent = all), so
    /// several clusters are fetched one after the other and merged.
    pub fn cluster_queries(&self) -> Vec<Vec<(&'static str, String)>> {
        match self.clusters() {
            None => vec![Vec::new()],
            Some(cs) => cs.into_iter().map(|c| vec![("cluster", c)]).collect(),
        }
    }
}

fn same_master(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}
