//! Synthetic container logs: a deterministic line every few seconds of a container's life, with
//! the failure that ended a previous instance at its end.

use k8s_openapi::api::core::v1::Pod;

use crate::api_error::ApiError;
use crate::rng::{hash_str, mix};
use crate::state::{ms_of, ts};

/// Simulated seconds between two log lines.
const LINE_EVERY_MS: i64 = 5_000;
/// Most lines kept per container instance (like a rotated log file).
const MAX_LINES: i64 = 2_000;

/// Log options (the query parameters of `pods/{name}/log`).
#[derive(Debug, Clone, Default)]
pub struct LogOptions {
    /// Container name (required when the pod has more than one).
    pub container: Option<String>,
    /// Last N lines.
    pub tail_lines: Option<i64>,
    /// Only lines newer than this many seconds.
    pub since_seconds: Option<i64>,
    /// The previous (terminated) instance.
    pub previous: bool,
    /// Prefix each line with its RFC 3339 timestamp.
    pub timestamps: bool,
    /// Only lines strictly after this simulated time (ms); used to follow a log.
    pub after_ms: Option<i64>,
}

const PATHS: &[&str] = &[
    "/api/items",
    "/api/cart",
    "/healthz",
    "/api/orders",
    "/api/users/me",
    "/metrics",
];

fn line(seed: u64, i: i64, container: &str) -> String {
    let r = mix(seed ^ (i as u64).wrapping_mul(0x9E37_79B9));
    let path = PATHS[(r % PATHS.len() as u64) as usize];
    let status = if r.is_multiple_of(97) { 500 } else { 200 };
    let level = if status == 500 { "error" } else { "info" };
    let ms = 2 + (r >> 20) % 120;
    format!(
        "level={level} container={container} msg=\"request served\" method=GET path={path} status={status} duration_ms={ms}"
    )
}

/// The log text of a pod's container at simulated time `now_ms`.
pub fn render(pod: &Pod, opts: &LogOptions, now_ms: i64) -> Result<String, ApiError> {
    let name = pod.metadata.name.clone().unwrap_or_default();
    let containers: Vec<String> = pod
        .spec
        .iter()
        .flat_map(|s| s.containers.iter().map(|c| c.name.clone()))
        .collect();
    let container = match &opts.container {
        Some(c) if containers.contains(c) => c.clone(),
        Some(c) => {
            return Err(ApiError::bad_request(format!(
                "container {c} is not valid for pod {name}"
            )));
        }
        None if containers.len() == 1 => containers[0].clone(),
        None => {
            return Err(ApiError::bad_request(format!(
                "a container name must be specified for pod {name}, choose one of: [{}]",
                containers.join(" ")
            )));
        }
    };
    let status = pod
        .status
        .as_ref()
        .and_then(|s| s.container_statuses.as_ref())
        .and_then(|v| v.iter().find(|c| c.name == container));
    let not_started = || {
        ApiError::bad_request(format!(
            "container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating"
        ))
    };
    let (from, to, ending, instance) = if opts.previous {
        let t = status
            .and_then(|s| s.last_state.as_ref())
            .and_then(|l| l.terminated.as_ref())
            .ok_or_else(|| {
                ApiError::bad_request(format!(
                    "previous terminated container \"{container}\" in pod \"{name}\" not found"
                ))
            })?;
        let from = t.started_at.as_ref().map(ms_of).unwrap_or(now_ms);
        let to = t.finished_at.as_ref().map(ms_of).unwrap_or(now_ms);
        let ending = match t.reason.as_deref() {
            Some("OOMKilled") => Some(
                "level=error msg=\"allocating response buffer\" error=\"cannot allocate memory\"",
            ),
            Some("Completed") => Some("level=info msg=\"done\""),
            _ => Some(
                "level=fatal msg=\"cannot connect to upstream\" error=\"dial tcp 10.96.0.20:5432: connect: connection refused\"",
            ),
        };
        (from, to, ending, status.map_or(0, |s| s.restart_count - 1))
    } else {
        let state = status
            .and_then(|s| s.state.as_ref())
            .ok_or_else(not_started)?;
        if let Some(r) = &state.running {
            (
                r.started_at.as_ref().map(ms_of).unwrap_or(now_ms),
                now_ms,
                None,
                status.map_or(0, |s| s.restart_count),
            )
        } else if let Some(t) = &state.terminated {
            (
                t.started_at.as_ref().map(ms_of).unwrap_or(now_ms),
                t.finished_at.as_ref().map(ms_of).unwrap_or(now_ms),
                Some("level=info msg=\"done\""),
                status.map_or(0, |s| s.restart_count),
            )
        } else if status
            .and_then(|s| s.last_state.as_ref())
            .and_then(|l| l.terminated.as_ref())
            .is_some()
        {
            // Waiting to restart: the kubelet still serves the last instance's log.
            return render(
                pod,
                &LogOptions {
                    previous: true,
                    ..opts.clone()
                },
                now_ms,
            );
        } else {
            let reason = state
                .waiting
                .as_ref()
                .and_then(|w| w.reason.clone())
                .unwrap_or_default();
            return Err(ApiError::bad_request(format!(
                "container \"{container}\" in pod \"{name}\" is waiting to start: {reason}"
            )));
        }
    };
    let seed = hash_str(&format!(
        "{}/{name}/{container}/{instance}",
        pod.metadata.namespace.as_deref().unwrap_or("")
    ));
    // Lines sit on a fixed grid from the container start, so a log read later (or followed)
    // extends, never rewrites, what was read before.
    let total = ((to - from) / LINE_EVERY_MS).max(0);
    let first = (total - MAX_LINES).max(0);
    let mut lines: Vec<(i64, String)> = (first..total)
        .map(|i| (from + (i + 1) * LINE_EVERY_MS, line(seed, i, &container)))
        .collect();
    if first == 0 {
        lines.insert(
            0,
            (from, "level=info msg=\"starting\" version=1".to_owned()),
        );
    }
    if let Some(e) = ending {
        lines.push((to, e.to_owned()));
    }
    if let Some(s) = opts.since_seconds {
        let cutoff = now_ms - s * 1000;
        lines.retain(|(t, _)| *t >= cutoff);
    }
    if let Some(after) = opts.after_ms {
        lines.retain(|(t, _)| *t > after);
    }
    if let Some(n) = opts.tail_lines {
        let n = n.max(0) as usize;
        if lines.len() > n {
            lines.drain(..lines.len() - n);
        }
    }
    let mut out = String::new();
    for (t, l) in lines {
        if opts.timestamps {
            out.push_str(&ts(t).to_string());
            out.push(' ');
        }
        out.push_str(&l);
        out.push('\n');
    }
    Ok(out)
}

/// Whether the container a log request is about is running (a followed log ends when it stops).
pub fn running(pod: &Pod, container: Option<&str>) -> bool {
    pod.metadata.deletion_timestamp.is_none()
        && pod
            .status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .is_some_and(|cs| {
                cs.iter()
                    .filter(|c| container.is_none_or(|n| n == c.name))
                    .take(1)
                    .any(|c| c.state.as_ref().is_some_and(|s| s.running.is_some()))
            })
}
