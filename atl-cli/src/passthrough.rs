//! `atl exec kubectl -- ARGS`: parses a small, documented subset of kubectl into typed
//! operations. Nothing is forwarded as text, so there is no way to smuggle a flag or a shell
//! word through: anything the parser does not understand is refused.
//!
//! Flags that would change the target cluster or the identity (`--server`, `--kubeconfig`,
//! `--as`, ...) are refused with a dedicated message, because atl chooses the cluster with
//! `--cluster` and the agent runs under its own ServiceAccount.

use atl_core::ResourceKind;
use atl_core::command::{Action, RolloutKind, ScaleKind};

/// Verbs accepted, shown in refusal messages and docs/cli.md.
pub const ALLOWED_VERBS: &[&str] = &[
    "get",
    "describe",
    "logs",
    "top",
    "events",
    "rollout status",
    "rollout restart",
    "rollout history",
    "scale",
    "cordon",
    "uncordon",
    "drain",
];

/// Long flags refused because they change the target or the identity.
pub const REFUSED_LONG: &[&str] = &[
    "server",
    "kubeconfig",
    "token",
    "as",
    "as-group",
    "as-uid",
    "context",
    "cluster",
    "user",
    "username",
    "password",
    "certificate-authority",
    "insecure-skip-tls-verify",
    "client-key",
    "client-certificate",
    "tls-server-name",
    "disable-compression",
    "cache-dir",
];

/// Short flags refused for the same reason (`-s` is kubectl's `--server`).
pub const REFUSED_SHORT: &[char] = &['s'];

const MAX_ARGS: usize = 64;
const MAX_ARG_LEN: usize = 4096;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub op: Action,
    /// `-o` given to kubectl (json, yaml, wide, name), applied to atl's printer.
    pub output: Option<String>,
}

#[derive(Clone, Copy)]
struct Flag {
    long: &'static str,
    short: Option<char>,
    takes_value: bool,
}

const fn v(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        takes_value: true,
    }
}
const fn b(long: &'static str, short: Option<char>) -> Flag {
    Flag {
        long,
        short,
        takes_value: false,
    }
}

const GLOBAL: &[Flag] = &[v("namespace", Some('n')), v("request-timeout", None)];

const GET: &[Flag] = &[
    b("all-namespaces", Some('A')),
    v("selector", Some('l')),
    v("field-selector", None),
    v("output", Some('o')),
    b("no-headers", None),
];
const DESCRIBE: &[Flag] = &[b("all-namespaces", Some('A')), v("selector", Some('l'))];
const LOGS: &[Flag] = &[
    v("container", Some('c')),
    v("tail", None),
    v("since", None),
    b("previous", Some('p')),
];
const TOP: &[Flag] = &[
    b("all-namespaces", Some('A')),
    v("selector", Some('l')),
    b("no-headers", None),
];
const EVENTS: &[Flag] = &[
    b("all-namespaces", Some('A')),
    v("for", None),
    v("output", Some('o')),
    b("no-headers", None),
];
const SCALE: &[Flag] = &[v("replicas", None)];
const DRAIN: &[Flag] = &[
    b("ignore-daemonsets", None),
    b("delete-emptydir-data", None),
    v("grace-period", None),
];

fn verb_flags(verb: &str) -> &'static [Flag] {
    match verb {
        "get" => GET,
        "describe" => DESCRIBE,
        "logs" => LOGS,
        "top" => TOP,
        "events" => EVENTS,
        "scale" => SCALE,
        "drain" => DRAIN,
        _ => &[],
    }
}

#[derive(Default)]
struct Scan {
    positionals: Vec<String>,
    values: Vec<(&'static str, String)>,
    bools: Vec<(&'static str, bool)>,
}

impl Scan {
    fn value(&self, long: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(k, _)| *k == long)
            .map(|(_, v)| v.as_str())
    }
    fn flag(&self, long: &str) -> bool {
        self.bools
            .iter()
            .rev()
            .find(|(k, _)| *k == long)
            .is_some_and(|(_, v)| *v)
    }
}

fn refused_identity(flag: &str) -> Refused {
    Refused(format!(
        "flag `{flag}` is refused: it would change the target cluster or the identity. atl chooses the \
         cluster with `--cluster` and runs kubectl operations under the agent's own identity"
    ))
}

fn allowed_flags_text(verb: Option<&str>) -> String {
    let mut fl: Vec<String> = GLOBAL
        .iter()
        .chain(verb.map(verb_flags).unwrap_or_default())
        .map(|f| match f.short {
            Some(c) => format!("-{c}/--{}", f.long),
            None => format!("--{}", f.long),
        })
        .collect();
    fl.dedup();
    fl.join(", ")
}

fn unknown_flag(flag: &str, verb: Option<&str>) -> Refused {
    let verb_txt = verb.map_or_else(
        || "before the verb".to_string(),
        |v| format!("for `kubectl {v}`"),
    );
    Refused(format!(
        "flag `{flag}` is not allowed {verb_txt}; allowed flags: {}",
        allowed_flags_text(verb)
    ))
}

fn not_allowed_verb(what: &str) -> Refused {
    Refused(format!(
        "`kubectl {what}` is not allowed through atl; allowed: {}",
        ALLOWED_VERBS.join(", ")
    ))
}

fn lookup(verb: Option<&str>, pred: impl Fn(&Flag) -> bool) -> Option<Flag> {
    GLOBAL
        .iter()
        .chain(verb.map(verb_flags).unwrap_or_default())
        .find(|f| pred(f))
        .copied()
}

/// A value that looks like a flag is refused rather than guessed at (kubectl would take it as the
/// value, but a reader could not tell). Negative numbers (`--tail=-1`) are fine.
fn check_value(flag: &str, value: &str) -> Result<(), Refused> {
    if value.starts_with('-') && value.parse::<i64>().is_err() {
        return Err(Refused(format!(
            "value `{value}` for `{flag}` looks like a flag; refusing to guess"
        )));
    }
    Ok(())
}

fn parse_bool(flag: &str, s: &str) -> Result<bool, Refused> {
    match s {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(Refused(format!("`{flag}` takes true or false, not `{s}`"))),
    }
}

fn scan(args: &[String]) -> Result<Scan, Refused> {
    if args.len() > MAX_ARGS {
        return Err(Refused(format!(
            "too many arguments (more than {MAX_ARGS})"
        )));
    }
    let mut s = Scan::default();
    let mut i = 0;
    while i < args.len() {
        let tok = args[i].as_str();
        i += 1;
        if tok.len() > MAX_ARG_LEN {
            return Err(Refused(format!("argument longer than {MAX_ARG_LEN} bytes")));
        }
        let verb = s.positionals.first().map(String::as_str);
        if tok == "--" {
            return Err(Refused(
                "`--` (a command after the arguments) is not allowed through atl".into(),
            ));
        }
        if let Some(body) = tok.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v)),
                None => (body, None),
            };
            if REFUSED_LONG.contains(&name) {
                return Err(refused_identity(&format!("--{name}")));
            }
            let Some(f) = lookup(verb, |f| f.long == name) else {
                return Err(unknown_flag(&format!("--{name}"), verb));
            };
            if f.takes_value {
                let val = match inline {
                    Some(v) => v.to_string(),
                    None => {
                        let v = args
                            .get(i)
                            .ok_or_else(|| Refused(format!("`--{name}` needs a value")))?;
                        i += 1;
                        v.clone()
                    }
                };
                check_value(&format!("--{name}"), &val)?;
                s.values.push((f.long, val));
            } else {
                let on = inline.map_or(Ok(true), |v| parse_bool(&format!("--{name}"), v))?;
                s.bools.push((f.long, on));
            }
            continue;
        }
        if let Some(body) = tok.strip_prefix('-') {
            let mut chars = body.chars();
            let Some(first) = chars.next() else {
                return Err(Refused(
                    "`-` (read from stdin) is not allowed through atl".into(),
                ));
            };
            // Bundled short flags: every letter is checked against the refused list first.
            if let Some(c) = body
                .chars()
                .take_while(|c| *c != '=')
                .find(|c| REFUSED_SHORT.contains(c))
            {
                return Err(refused_identity(&format!("-{c}")));
            }
            let Some(f) = lookup(verb, |f| f.short == Some(first)) else {
                return Err(unknown_flag(&format!("-{first}"), verb));
            };
            let rest = chars.as_str();
            if f.takes_value {
                let val = if rest.is_empty() {
                    let v = args
                        .get(i)
                        .ok_or_else(|| Refused(format!("`-{first}` needs a value")))?;
                    i += 1;
                    v.clone()
                } else {
                    rest.strip_prefix('=').unwrap_or(rest).to_string()
                };
                check_value(&format!("-{first}"), &val)?;
                s.values.push((f.long, val));
                continue;
            }
            if let Some(val) = rest.strip_prefix('=') {
                s.bools
                    .push((f.long, parse_bool(&format!("-{first}"), val)?));
                continue;
            }
            s.bools.push((f.long, true));
            for c in rest.chars() {
                match lookup(verb, |f| f.short == Some(c)) {
                    Some(g) if !g.takes_value => s.bools.push((g.long, true)),
                    _ => return Err(unknown_flag(&format!("-{c}"), verb)),
                }
            }
            continue;
        }
        s.positionals.push(tok.to_string());
    }
    Ok(s)
}

fn base_kind(k: &str) -> String {
    k.to_ascii_lowercase()
        .split('.')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn rollout_kind(k: &str) -> Result<RolloutKind, Refused> {
    match base_kind(k).as_str() {
        "deployment" | "deployments" | "deploy" => Ok(RolloutKind::Deployment),
        "statefulset" | "statefulsets" | "sts" => Ok(RolloutKind::StatefulSet),
        "daemonset" | "daemonsets" | "ds" => Ok(RolloutKind::DaemonSet),
        _ => Err(Refused(format!(
            "kind `{k}` has no rollouts; use deployment, statefulset or daemonset"
        ))),
    }
}

fn scale_kind(k: &str) -> Result<ScaleKind, Refused> {
    match base_kind(k).as_str() {
        "deployment" | "deployments" | "deploy" => Ok(ScaleKind::Deployment),
        "statefulset" | "statefulsets" | "sts" => Ok(ScaleKind::StatefulSet),
        _ => Err(Refused(format!(
            "kind `{k}` cannot be scaled; use deployment or statefulset"
        ))),
    }
}

/// Splits `KIND/NAME` or `KIND NAME` into (kind, name).
fn kind_and_name(pos: &[String], what: &str) -> Result<(String, String), Refused> {
    match pos {
        [one] => match one.split_once('/') {
            Some((k, n)) if !k.is_empty() && !n.is_empty() => Ok((k.to_string(), n.to_string())),
            _ => Err(Refused(format!("{what} needs KIND/NAME or KIND NAME"))),
        },
        [k, n] if !k.contains('/') => Ok((k.clone(), n.clone())),
        _ => Err(Refused(format!(
            "{what} needs exactly one object: KIND/NAME or KIND NAME"
        ))),
    }
}

fn one(pos: &[String], what: &str) -> Result<String, Refused> {
    match pos {
        [n] => Ok(n.clone()),
        _ => Err(Refused(format!("{what} needs exactly one name"))),
    }
}

fn single_kind(kind: &str) -> Result<ResourceKind, Refused> {
    if kind.contains(',') {
        return Err(Refused(
            "one kind at a time, please (e.g. `get pods`, not `get pods,svc`)".into(),
        ));
    }
    let k: ResourceKind = kind
        .parse()
        .map_err(|e: atl_core::kind::UnknownKind| Refused(e.to_string()))?;
    if k == ResourceKind::Secret {
        return Err(Refused(
            "secrets are never read through atl: their values never leave the cluster".into(),
        ));
    }
    Ok(k)
}

/// Namespace for a kind: none for cluster-scoped kinds or with -A.
fn scoped(kind: ResourceKind, scope: &Option<String>) -> Option<String> {
    if kind.namespaced() {
        scope.clone()
    } else {
        None
    }
}

fn parse_since(s: &str) -> Result<u64, Refused> {
    crate::cli::parse_duration(s)
        .map(|d| d.as_secs())
        .map_err(Refused)
}

/// Parses kubectl arguments (without the leading `kubectl`). `default_ns` is used when no `-n`
/// is given.
pub fn parse(args: &[String], default_ns: &str) -> Result<Parsed, Refused> {
    let s = scan(args)?;
    let Some((verb, rest)) = s.positionals.split_first() else {
        return Err(Refused(format!(
            "no kubectl verb given; allowed: {}",
            ALLOWED_VERBS.join(", ")
        )));
    };
    let all_ns = s.flag("all-namespaces");
    let ns = s.value("namespace").unwrap_or(default_ns).to_string();
    let scope = if all_ns { None } else { Some(ns.clone()) };
    let output = s.value("output").map(str::to_string);
    if let Some(o) = &output
        && !matches!(o.as_str(), "json" | "yaml" | "wide" | "name")
    {
        return Err(Refused(format!(
            "`-o {o}` is not supported; use json, yaml, wide or name"
        )));
    }
    let op = match verb.as_str() {
        "get" => {
            let (kind, name) = match rest {
                [k] if k.contains('/') => {
                    let (k, n) = kind_and_name(rest, "get")?;
                    (k, Some(n))
                }
                [k] => (k.clone(), None),
                [k, n] => (k.clone(), Some(n.clone())),
                [] => return Err(Refused("`get` needs a kind, e.g. `get pods`".into())),
                _ => return Err(Refused("`get` takes one kind and at most one name".into())),
            };
            let kind = single_kind(&kind)?;
            let (label_selector, field_selector) = (
                s.value("selector").map(str::to_string),
                s.value("field-selector").map(str::to_string),
            );
            match name {
                Some(name) if label_selector.is_none() && field_selector.is_none() => {
                    // A named namespaced object always has a namespace, even with -A.
                    let namespace = kind.namespaced().then(|| ns.clone());
                    Action::Get {
                        kind,
                        namespace,
                        name,
                    }
                }
                Some(_) => {
                    return Err(Refused(
                        "give either a name or selectors to `get`, not both".into(),
                    ));
                }
                None => Action::List {
                    kind,
                    namespace: scoped(kind, &scope),
                    label_selector,
                    field_selector,
                },
            }
        }
        "describe" => {
            let (kind, name) = kind_and_name(rest, "describe")?;
            let kind = single_kind(&kind)?;
            Action::Describe {
                kind,
                namespace: kind.namespaced().then(|| ns.clone()),
                name,
            }
        }
        "logs" => {
            let pod = one(rest, "logs")?;
            let pod = pod
                .strip_prefix("pod/")
                .or_else(|| pod.strip_prefix("pods/"))
                .unwrap_or(&pod)
                .to_string();
            if pod.contains('/') {
                return Err(Refused("`logs` takes a pod name (or pod/NAME)".into()));
            }
            let tail = s
                .value("tail")
                .map(|t| {
                    t.parse::<i64>()
                        .map_err(|_| Refused(format!("--tail must be a number, not `{t}`")))
                })
                .transpose()?;
            // kubectl's --tail=-1 means "all lines".
            let tail_lines = match tail {
                Some(n) if n < 0 => None,
                Some(n) => Some(
                    u32::try_from(n).map_err(|_| Refused(format!("--tail {n} is too large")))?,
                ),
                None => None,
            };
            Action::Logs {
                namespace: ns,
                pod,
                container: s.value("container").map(str::to_string),
                tail_lines,
                since_secs: s.value("since").map(parse_since).transpose()?,
                previous: s.flag("previous"),
            }
        }
        "top" => {
            let pods = match rest {
                [k] => match k.as_str() {
                    "pod" | "pods" | "po" => true,
                    "node" | "nodes" | "no" => false,
                    other => {
                        return Err(Refused(format!(
                            "`top {other}` is not supported; use `top pods` or `top nodes`"
                        )));
                    }
                },
                _ => return Err(Refused("`top` needs exactly `pods` or `nodes`".into())),
            };
            Action::Top {
                pods,
                namespace: if pods { scope } else { None },
            }
        }
        "events" => {
            if !rest.is_empty() {
                return Err(Refused(
                    "`events` takes no positional arguments; use --for KIND/NAME".into(),
                ));
            }
            match s.value("for") {
                Some(f) => {
                    let (k, name) = kind_and_name(&[f.to_string()], "--for")?;
                    let kind = single_kind(&k)?;
                    Action::Events {
                        kind: Some(kind),
                        namespace: scoped(kind, &Some(ns.clone())),
                        name: Some(name),
                    }
                }
                None => Action::Events {
                    kind: None,
                    namespace: scope,
                    name: None,
                },
            }
        }
        "rollout" => {
            let Some((sub, obj)) = rest.split_first() else {
                return Err(not_allowed_verb("rollout"));
            };
            if !matches!(sub.as_str(), "status" | "restart" | "history") {
                return Err(not_allowed_verb(&format!("rollout {sub}")));
            }
            let (k, name) = kind_and_name(obj, &format!("rollout {sub}"))?;
            let kind = rollout_kind(&k)?;
            match sub.as_str() {
                "status" => Action::RolloutStatus {
                    kind,
                    namespace: ns,
                    name,
                },
                "restart" => Action::RolloutRestart {
                    kind,
                    namespace: ns,
                    name,
                },
                _ => Action::RolloutHistory {
                    kind,
                    namespace: ns,
                    name,
                },
            }
        }
        "scale" => {
            let (k, name) = kind_and_name(rest, "scale")?;
            let replicas = s
                .value("replicas")
                .ok_or_else(|| Refused("`scale` needs --replicas=N".into()))?
                .parse::<u32>()
                .map_err(|_| Refused("--replicas must be a non-negative number".into()))?;
            Action::Scale {
                kind: scale_kind(&k)?,
                namespace: ns,
                name,
                replicas,
            }
        }
        "cordon" => Action::Cordon {
            node: node_name(rest, "cordon")?,
        },
        "uncordon" => Action::Uncordon {
            node: node_name(rest, "uncordon")?,
        },
        "drain" => Action::Drain {
            node: node_name(rest, "drain")?,
            ignore_daemonsets: s.flag("ignore-daemonsets"),
            delete_emptydir_data: s.flag("delete-emptydir-data"),
            grace_period_secs: s
                .value("grace-period")
                .map(|g| {
                    g.parse::<u32>()
                        .map_err(|_| Refused(format!("--grace-period must be seconds, not `{g}`")))
                })
                .transpose()?,
        },
        other => return Err(not_allowed_verb(other)),
    };
    op.validate().map_err(|e| Refused(e.to_string()))?;
    Ok(Parsed { op, output })
}

fn node_name(pos: &[String], verb: &str) -> Result<String, Refused> {
    let n = one(pos, verb)?;
    Ok(n.strip_prefix("node/")
        .or_else(|| n.strip_prefix("nodes/"))
        .unwrap_or(&n)
        .to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn p(args: &str) -> Result<Parsed, Refused> {
        let v: Vec<String> = args.split_whitespace().map(str::to_string).collect();
        parse(&v, "default")
    }

    #[test]
    fn get_with_flags() {
        let r =
            p("get pods -n kube-system -l app=web --field-selector=status.phase=Running -o json")
                .unwrap();
        assert_eq!(
            r.op,
            Action::List {
                kind: ResourceKind::Pod,
                namespace: Some("kube-system".into()),
                label_selector: Some("app=web".into()),
                field_selector: Some("status.phase=Running".into()),
            }
        );
        assert_eq!(r.output.as_deref(), Some("json"));
        let r = p("-nfoo get deploy/web").unwrap();
        assert_eq!(
            r.op,
            Action::Get {
                kind: ResourceKind::Deployment,
                namespace: Some("foo".into()),
                name: "web".into()
            }
        );
        let r = p("get nodes -A").unwrap();
        assert!(matches!(
            r.op,
            Action::List {
                kind: ResourceKind::Node,
                namespace: None,
                ..
            }
        ));
    }

    #[test]
    fn mutations_map_to_typed_actions() {
        assert_eq!(
            p("scale deployment/web --replicas=3 -n prod").unwrap().op,
            Action::Scale {
                kind: ScaleKind::Deployment,
                namespace: "prod".into(),
                name: "web".into(),
                replicas: 3
            }
        );
        assert_eq!(
            p("rollout restart sts db").unwrap().op,
            Action::RolloutRestart {
                kind: RolloutKind::StatefulSet,
                namespace: "default".into(),
                name: "db".into()
            }
        );
        assert_eq!(
            p("drain node-1 --ignore-daemonsets --delete-emptydir-data=true --grace-period 30")
                .unwrap()
                .op,
            Action::Drain {
                node: "node-1".into(),
                ignore_daemonsets: true,
                delete_emptydir_data: true,
                grace_period_secs: Some(30)
            }
        );
        assert_eq!(
            p("cordon node/n2").unwrap().op,
            Action::Cordon { node: "n2".into() }
        );
        assert!(matches!(
            p("logs web-0 -c app --tail=-1 -p").unwrap().op,
            Action::Logs {
                tail_lines: None,
                previous: true,
                ..
            }
        ));
        assert!(matches!(
            p("logs web-0 --tail 20 --since=5m").unwrap().op,
            Action::Logs {
                tail_lines: Some(20),
                since_secs: Some(300),
                ..
            }
        ));
        assert_eq!(
            p("top nodes").unwrap().op,
            Action::Top {
                pods: false,
                namespace: None
            }
        );
        assert!(matches!(
            p("events --for pod/web-0").unwrap().op,
            Action::Events { kind: Some(ResourceKind::Pod), name: Some(ref n), .. } if n == "web-0"
        ));
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        let e = p("delete pod x").unwrap_err().0;
        assert!(
            e.contains("not allowed") && e.contains("rollout restart"),
            "{e}"
        );
        let e = p("get pods --server=https://evil").unwrap_err().0;
        assert!(e.contains("--server") && e.contains("--cluster"), "{e}");
        let e = p("get pods -w").unwrap_err().0;
        assert!(e.contains("-l/--selector"), "{e}");
        assert!(p("rollout undo deploy/x").is_err());
        assert!(p("exec -it pod -- sh").is_err());
        assert!(p("get secrets").is_err());
        assert!(p("scale ds/x --replicas=1").is_err());
        assert!(p("get pods,svc").is_err());
        assert!(p("get pods -n --kubeconfig=/x").is_err());
        assert!(p("").is_err());
    }

    #[test]
    fn shell_metacharacters_are_data() {
        let args: Vec<String> = ["get", "pods", "web;rm -rf /"].map(String::from).to_vec();
        let r = parse(&args, "default").unwrap();
        assert!(matches!(r.op, Action::Get { ref name, .. } if name == "web;rm -rf /"));
        let args: Vec<String> = ["get", "pods", "-l", "a=$(id)`x`|y&&z"]
            .map(String::from)
            .to_vec();
        let r = parse(&args, "default").unwrap();
        assert!(
            matches!(r.op, Action::List { label_selector: Some(ref l), .. } if l == "a=$(id)`x`|y&&z")
        );
    }

    fn refused_spellings() -> impl Strategy<Value = Vec<String>> {
        let long = prop::sample::select(REFUSED_LONG);
        let value = "[a-zA-Z0-9:/._=-]{0,12}";
        prop_oneof![
            (long.clone(), value).prop_map(|(f, v)| vec![format!("--{f}={v}")]),
            (long.clone(), value).prop_map(|(f, v)| vec![format!("--{f}"), v]),
            long.prop_map(|f| vec![format!("--{f}")]),
            (value).prop_map(|v| vec![format!("-s{v}")]),
            (value).prop_map(|v| vec!["-s".to_string(), v]),
            (value).prop_map(|v| vec![format!("-s={v}")]),
            (prop::sample::select(vec!["A", "p", "Ap"]), value)
                .prop_map(|(b, v)| vec![format!("-{b}s{v}")]),
            (
                prop::sample::select(vec!["-n", "-l", "--namespace", "-c"]),
                prop::sample::select(REFUSED_LONG)
            )
                .prop_map(|(f, r)| vec![f.to_string(), format!("--{r}=x")]),
        ]
    }

    fn allowed_prefix() -> impl Strategy<Value = Vec<String>> {
        prop::sample::select(vec![
            "get pods",
            "get deploy web -n x",
            "logs web-0 -c app",
            "scale deployment/web --replicas=2",
            "rollout status deploy/web",
            "drain n1 --ignore-daemonsets",
            "top nodes",
            "events -A",
            "describe pod x",
            "cordon n1",
        ])
        .prop_map(|s| s.split_whitespace().map(str::to_string).collect())
    }

    proptest! {
        #[test]
        fn never_panics(args in prop::collection::vec(any::<String>(), 0..12)) {
            let _ = parse(&args, "default");
        }

        #[test]
        fn never_panics_on_flag_like_input(args in prop::collection::vec("-{0,2}[a-zA-Z=/,.-]{0,10}", 0..10)) {
            let _ = parse(&args, "default");
        }

        #[test]
        fn refused_flag_never_passes(base in allowed_prefix(), bad in refused_spellings(), at in 0usize..8) {
            let mut args = base;
            let at = at.min(args.len());
            for (k, b) in bad.into_iter().enumerate() {
                args.insert(at + k, b);
            }
            prop_assert!(parse(&args, "default").is_err(), "accepted: {:?}", args);
        }
    }
}
