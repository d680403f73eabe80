//! Command-line grammar. Kept free of behaviour so completions and docs can be generated from it.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::{ColorChoice, Format};

#[derive(Debug, Parser)]
#[command(
    name = "atl",
    version,
    about = "atl: multi-cluster Kubernetes monitoring from the terminal",
    long_about = "atl talks to an atl master. Log in once with `atl login URL`; every command then \
                  works on one, several or all clusters (--cluster). Exit codes are listed in docs/cli.md."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Master URL; overrides the context's.
    #[arg(long, global = true, env = "ATL_MASTER", value_name = "URL")]
    pub master: Option<String>,
    /// API token; overrides the context's.
    #[arg(
        long,
        global = true,
        env = "ATL_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    /// Context to use instead of the current one.
    #[arg(long, global = true, env = "ATL_CONTEXT", value_name = "NAME")]
    pub context: Option<String>,
    /// Cluster(s) to address: repeat the flag, give a comma list, or `all`.
    #[arg(
        long,
        global = true,
        env = "ATL_CLUSTER",
        value_delimiter = ',',
        value_name = "CLUSTER"
    )]
    pub cluster: Vec<String>,
    /// Namespace (default: the namespace "default"; -A for all).
    #[arg(
        long,
        short = 'n',
        global = true,
        env = "ATL_NAMESPACE",
        value_name = "NS"
    )]
    pub namespace: Option<String>,
    /// All namespaces (wins over -n).
    #[arg(long, short = 'A', global = true)]
    pub all_namespaces: bool,
    /// Output format.
    #[arg(long, short = 'o', global = true, value_enum, env = "ATL_OUTPUT", default_value_t = Format::Table)]
    pub output: Format,
    /// Omit the header row of tables.
    #[arg(long, global = true)]
    pub no_headers: bool,
    /// Colour: auto (a TTY without NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// How long to wait for the master (and, for exec, the agent's result). E.g. 30s, 2m.
    #[arg(long, global = true, env = "ATL_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub timeout: std::time::Duration,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Live multi-cluster dashboard (needs a terminal).
    Top {
        /// Hide every mutating operation, whatever the role allows.
        #[arg(long)]
        readonly: bool,
        /// Built-in demo data instead of a master (try the keys without a cluster).
        #[arg(long)]
        demo: bool,
    },
    /// Run a master, a simulated cluster with faults and an agent in this process, and open
    /// `atl top` on it (`--headless` for scripts).
    Demo(DemoArgs),
    /// Log in to a master and store the context (URL + token).
    Login(LoginArgs),
    /// Manage stored contexts.
    #[command(subcommand)]
    Context(ContextCmd),
    /// List clusters with status, heartbeat and snapshot age; register or delete one (admin).
    Clusters(ClustersArgs),
    /// List resources of a kind, or get one by name.
    Get(GetArgs),
    /// Show details of one resource.
    Describe(DescribeArgs),
    /// List Kubernetes events.
    Events(EventsArgs),
    /// Print a pod's logs (fetched by the agent).
    Logs(LogsArgs),
    /// Incidents detected by the AIOps engine.
    Incidents(IncidentsArgs),
    /// Risk scores per cluster and top entities.
    Risk,
    /// Dependency topology (Ingress -> Service -> Pod -> Node).
    Topology,
    /// Run an operation on a cluster through its agent (audited on the master).
    #[command(subcommand)]
    Exec(ExecCmd),
    /// Audit log.
    Audit(AuditArgs),
    /// Manage users (admin).
    #[command(subcommand)]
    Users(UsersCmd),
    /// Manage API tokens.
    #[command(subcommand)]
    Tokens(TokensCmd),
    /// Check connectivity: master reachable, token valid, role, clusters online.
    Check,
    /// Print a shell completion script.
    Completion {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Master URL, e.g. https://atl.example.com:8080
    pub url: String,
    /// User name (prompted on a TTY when missing).
    #[arg(long, short = 'u', env = "ATL_USERNAME")]
    pub username: Option<String>,
    /// Read the password from stdin (first line) instead of prompting.
    #[arg(long)]
    pub password_stdin: bool,
    /// Context name to store (default: the URL's host:port).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ContextCmd {
    /// List contexts; the current one is marked with *.
    List,
    /// Make a context current.
    Use { name: String },
    /// Delete a context and its token.
    Delete { name: String },
    /// Print the current context's name.
    Current,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Kind: pods, deployments, nodes, services, ... (singular, plural or short name).
    pub kind: String,
    /// Name of one object.
    pub name: Option<String>,
    /// Label selector, e.g. app=web,tier!=db
    #[arg(long, short = 'l')]
    pub selector: Option<String>,
    /// Field selector, e.g. status.phase=Running
    #[arg(long)]
    pub field_selector: Option<String>,
    /// Page size asked of the master (all pages are fetched; the master's maximum is 5000).
    #[arg(long, default_value_t = 5000)]
    pub chunk_size: u32,
}

#[derive(Debug, Args)]
pub struct DescribeArgs {
    pub kind: String,
    pub name: String,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Only events about this object, as KIND/NAME (e.g. pod/web-0).
    #[arg(long = "for", value_name = "KIND/NAME")]
    pub for_object: Option<String>,
    /// Only warnings.
    #[arg(long)]
    pub warnings: bool,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    pub pod: String,
    #[arg(long, short = 'c')]
    pub container: Option<String>,
    #[arg(long)]
    pub tail: Option<u32>,
    /// Only lines newer than this, e.g. 10m.
    #[arg(long, value_parser = parse_duration)]
    pub since: Option<std::time::Duration>,
    #[arg(long, short = 'p')]
    pub previous: bool,
}

#[derive(Debug, Args)]
pub struct IncidentsArgs {
    /// Stream incident transitions (NDJSON when stdout is not a TTY).
    #[arg(long, short = 'w')]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<IncidentsCmd>,
}

#[derive(Debug, Subcommand)]
pub enum IncidentsCmd {
    /// List incidents (default).
    List {
        /// Filter by state (e.g. firing, stable).
        #[arg(long)]
        state: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show one incident with its entities and timeline.
    Show { id: String },
}

#[derive(Debug, Subcommand)]
pub enum ExecCmd {
    /// Restart: a pod (delete, its controller recreates it) or a workload (rollout restart).
    Restart {
        #[arg(value_enum)]
        kind: RestartKind,
        name: String,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Scale a deployment or statefulset.
    Scale {
        #[arg(value_enum)]
        kind: ScaleKind,
        name: String,
        #[arg(long)]
        replicas: u32,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Mark a node unschedulable.
    Cordon {
        node: String,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Mark a node schedulable.
    Uncordon {
        node: String,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Cordon a node and evict its pods (respects PodDisruptionBudgets).
    Drain {
        node: String,
        #[arg(long)]
        ignore_daemonsets: bool,
        #[arg(long)]
        delete_emptydir_data: bool,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Delete a resource (only pods).
    Delete {
        #[arg(value_enum)]
        kind: DeleteKind,
        name: String,
        #[command(flatten)]
        wait: WaitArgs,
    },
    /// Run an allow-listed kubectl command through the agent: `atl exec kubectl -- get pods -n x`.
    Kubectl {
        /// kubectl arguments (after `--`). See docs/cli.md for the allow-list.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 1..)]
        args: Vec<String>,
        #[command(flatten)]
        wait: WaitArgs,
    },
}

#[derive(Debug, Clone, Copy, Args)]
pub struct WaitArgs {
    /// Return as soon as the master accepted the command (prints its id).
    #[arg(long)]
    pub no_wait: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RestartKind {
    #[value(alias = "pods", alias = "po")]
    Pod,
    #[value(alias = "deployment", alias = "deployments")]
    Deploy,
    #[value(alias = "statefulset", alias = "statefulsets")]
    Sts,
    #[value(alias = "daemonset", alias = "daemonsets")]
    Ds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScaleKind {
    #[value(alias = "deployment", alias = "deployments")]
    Deploy,
    #[value(alias = "statefulset", alias = "statefulsets")]
    Sts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeleteKind {
    #[value(alias = "pods", alias = "po")]
    Pod,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
    /// Only entries by this user.
    #[arg(long)]
    pub user: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum UsersCmd {
    List,
    /// Create a user; the password is read from stdin (first line) or prompted on a TTY.
    Create {
        name: String,
        #[arg(long, value_enum, default_value_t = Role::Viewer)]
        role: Role,
    },
    /// Change a user's role.
    SetRole {
        name: String,
        #[arg(value_enum)]
        role: Role,
    },
    Delete {
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct ClustersArgs {
    /// Stream status changes (NDJSON when stdout is not a TTY).
    #[arg(long, short = 'w')]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<ClustersCmd>,
}

#[derive(Debug, Subcommand)]
pub enum ClustersCmd {
    /// List clusters (default).
    List,
    /// Register a cluster (admin); prints its agent token, shown only once.
    Create {
        /// Cluster id: 1–63 of a-z, 0-9 and '-', starting with a letter or digit.
        name: String,
        /// Free text shown in `atl clusters`.
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Delete a cluster with its agent token and commands (admin).
    Delete { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TokensCmd {
    /// List your API tokens.
    List {
        /// Everyone's tokens (admin).
        #[arg(long)]
        all: bool,
    },
    /// Create an API token (printed once).
    Create {
        name: String,
        #[arg(long, value_enum, default_value_t = Role::Viewer)]
        role: Role,
        /// Lifetime, e.g. 30d, 12h (default: the master's).
        #[arg(long, value_parser = parse_duration)]
        ttl: Option<std::time::Duration>,
    },
    Revoke {
        id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Operator,
    Admin,
}

/// Parses `90`, `90s`, `5m`, `2h`, `7d`, `1h30m`. A bare number means seconds.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(std::time::Duration::from_secs(secs));
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit_ms: u64 = match c {
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => return Err(format!("invalid duration {s:?}: use e.g. 30s, 5m, 2h, 7d")),
        };
        let n: u64 = num
            .parse()
            .map_err(|_| format!("invalid duration {s:?}: a number must precede each unit"))?;
        num.clear();
        total = n
            .checked_mul(unit_ms)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("duration {s:?} is too large"))?;
    }
    if !num.is_empty() {
        return Err(format!("invalid duration {s:?}: missing unit after {num}"));
    }
    Ok(std::time::Duration::from_millis(total))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use clap::CommandFactory;
    use std::time::Duration;

    #[test]
    fn grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("2d").unwrap(), Duration::from_secs(172_800));
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("5m3").is_err());
    }

    proptest::proptest! {
        /// Any argument vector parses or fails with a clap error; it never panics.
        #[test]
        fn parsing_never_panics(args in proptest::collection::vec("[-a-zA-Z0-9=,:/. ]{0,12}|[^\\x00]{0,8}", 0..8)) {
            let _ = Cli::try_parse_from(std::iter::once("atl".to_string()).chain(args));
        }
    }

    #[test]
    fn cluster_accepts_repeats_and_commas() {
        let cli =
            Cli::try_parse_from(["atl", "--cluster", "a,b", "--cluster", "c", "clusters"]).unwrap();
        assert_eq!(cli.global.cluster, ["a", "b", "c"]);
    }
}

/// `atl demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Built-in scenario (steady, demo, scale-10k, scale-100k) or a scenario file.
    #[arg(long, default_value = "demo")]
    pub scenario: String,
    /// Simulated seconds per real second (faults and the engine's durations follow it).
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Run without the dashboard; print the master URL and a token instead.
    #[arg(long)]
    pub headless: bool,
    /// With --headless: stop after this long (e.g. 90s, 10m) instead of waiting for Ctrl-C.
    #[arg(long = "for", value_parser = parse_duration)]
    pub duration: Option<std::time::Duration>,
    /// Cluster id of the simulated cluster.
    #[arg(long, default_value = "demo")]
    pub cluster: String,
    /// Agent snapshot interval (real time).
    #[arg(long, default_value = "5s", value_parser = parse_duration)]
    pub interval: std::time::Duration,
    /// Keep the master's database and the simulator's kubeconfig (DIR/kubeconfig) here instead
    /// of a temporary directory.
    #[arg(long)]
    pub data_dir: Option<std::path::PathBuf>,
    /// Hide every mutating operation in the dashboard.
    #[arg(long)]
    pub readonly: bool,
}
