//! Spans and logs of sampled requests. Each meshed service gets `base_rps × ratio` sampled server
//! spans per second; a service with callers hangs each of its spans, through a client span of the
//! caller, under one of the caller's spans of the same interval (callers take turns, as the
//! mesh splits the traffic), so traces span the call graph and the APM edges match the mesh edges.
//! Errors are spread evenly (every 1/error_rate-th request), so the error share is exact.

use std::collections::BTreeMap;

use super::latency;
use super::rows::{Attrs, LogRow, Nanos, SpanRow, attrs};
use super::sampler::median_ms;
use super::topology::{ServiceInfo, Topology};
use crate::rng::{SplitMix64, hash_str, mix};
use crate::telemetry::TelemetryModel;

const NS_PER_MS: f64 = 1e6;

/// Per-service state carried between intervals.
#[derive(Debug, Clone, Default)]
pub struct TraceGen {
    ratio: f64,
    /// Fractional sampled requests not yet emitted.
    carry: BTreeMap<String, f64>,
    /// Sampled requests emitted so far.
    seq: BTreeMap<String, u64>,
}

struct Draft {
    row: SpanRow,
    start_ns: i64,
    end_ns: i64,
    parent: Option<usize>,
}

fn resource(svc: &ServiceInfo, k: u64) -> Attrs {
    let mut a = attrs([
        ("k8s.namespace.name", svc.namespace.as_str()),
        ("service.name", svc.name.as_str()),
    ]);
    if let Some(b) = svc.ready.get((k % svc.ready.len().max(1) as u64) as usize) {
        a.insert("k8s.pod.name".into(), b.pod.clone());
        a.insert("k8s.node.name".into(), b.node.clone());
    }
    if !svc.workload_kind.is_empty() {
        a.insert(format!("k8s.{}.name", svc.workload_kind), svc.name.clone());
    }
    a
}

fn hex(rng: &mut SplitMix64, words: usize) -> String {
    (0..words)
        .map(|_| format!("{:016x}", rng.next_u64()))
        .collect()
}

/// Whether the k-th request (0-based) of a service with this error share fails.
fn fails(k: u64, error_rate: f64) -> bool {
    ((k + 1) as f64 * error_rate).floor() > (k as f64 * error_rate).floor()
}

impl TraceGen {
    /// Samples `ratio` of the requests.
    pub fn new(ratio: f64) -> Self {
        Self {
            ratio: ratio.clamp(0.0, 1.0),
            ..Self::default()
        }
    }

    /// Spans and logs of the requests in `(from_ms, to_ms]`.
    pub fn interval(
        &mut self,
        topo: &Topology,
        model: &TelemetryModel,
        seed: u64,
        from_ms: i64,
        to_ms: i64,
    ) -> (Vec<SpanRow>, Vec<LogRow>) {
        let dt_ms = (to_ms - from_ms).max(0);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut logs: Vec<(usize, LogRow)> = Vec::new();
        // Server span indices per service in this interval.
        let mut served: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for key in topo.call_order() {
            let (Some(svc), Some(t)) = (topo.services.get(key), model.services.get(key)) else {
                continue;
            };
            if svc.ready.is_empty() {
                continue;
            }
            let carry = self.carry.entry(key.to_owned()).or_default();
            let due = *carry + t.base_rps * self.ratio * dt_ms as f64 / 1000.0;
            let count = due.floor().max(0.0) as u64;
            *carry = due - count as f64;
            let callers: Vec<&str> = topo.callers(key);
            let median = median_ms(t);
            let mut mine = Vec::with_capacity(count as usize);
            for j in 0..count {
                let seq = self.seq.entry(key.to_owned()).or_default();
                let k = *seq;
                *seq += 1;
                let mut rng = SplitMix64::new(mix(seed ^ hash_str(key) ^ k.rotate_left(17)));
                let failed = fails(k, t.error_rate);
                let parent = callers
                    .get((j % callers.len().max(1) as u64) as usize)
                    .and_then(|c| served.get(c))
                    .filter(|spans| !spans.is_empty())
                    .map(|spans| spans[((j / callers.len().max(1) as u64) as usize) % spans.len()]);
                let res = resource(svc, k);
                let route = format!("/{}", svc.name);
                let code = if failed { "500" } else { "200" };
                let status = if failed {
                    "STATUS_CODE_ERROR"
                } else {
                    "STATUS_CODE_UNSET"
                };
                let message = if failed {
                    format!("{} handler returned 500", svc.name)
                } else {
                    String::new()
                };
                let (trace_id, start_ns, parent_id) = match parent {
                    Some(p) => {
                        let pd = &drafts[p];
                        let client_start =
                            pd.start_ns + 300_000 + (rng.next_u64() % 700_000) as i64;
                        let caller_res = pd.row.resource_attributes.clone();
                        let client = SpanRow {
                            timestamp: Nanos(client_start),
                            trace_id: pd.row.trace_id.clone(),
                            span_id: hex(&mut rng, 1),
                            parent_span_id: pd.row.span_id.clone(),
                            span_name: format!("GET {}", svc.name),
                            span_kind: "SPAN_KIND_CLIENT".into(),
                            service_name: pd.row.service_name.clone(),
                            resource_attributes: caller_res,
                            span_attributes: attrs([
                                ("http.request.method", "GET"),
                                ("http.response.status_code", code),
                                ("server.address", svc.name.as_str()),
                            ]),
                            duration: 0,
                            status_code: status.into(),
                            status_message: message.clone(),
                        };
                        let trace = client.trace_id.clone();
                        let client_id = client.span_id.clone();
                        drafts.push(Draft {
                            row: client,
                            start_ns: client_start,
                            end_ns: client_start,
                            parent: Some(p),
                        });
                        (
                            trace,
                            client_start + 200_000,
                            Some((drafts.len() - 1, client_id)),
                        )
                    }
                    None => {
                        let slot = dt_ms as f64 * (j as f64 + rng.unit()) / count.max(1) as f64;
                        let start = (from_ms as f64 * NS_PER_MS + slot * NS_PER_MS) as i64;
                        (hex(&mut rng, 2), start, None)
                    }
                };
                let dur_ns = (latency::draw(&mut rng, median) * NS_PER_MS).max(1e5) as i64;
                let server = SpanRow {
                    timestamp: Nanos(start_ns),
                    trace_id,
                    span_id: hex(&mut rng, 1),
                    parent_span_id: parent_id
                        .as_ref()
                        .map(|(_, id)| id.clone())
                        .unwrap_or_default(),
                    span_name: format!("GET {route}"),
                    span_kind: "SPAN_KIND_SERVER".into(),
                    service_name: svc.name.clone(),
                    resource_attributes: res.clone(),
                    span_attributes: attrs([
                        ("http.request.method", "GET"),
                        ("http.response.status_code", code),
                        ("http.route", route.as_str()),
                    ]),
                    duration: 0,
                    status_code: status.into(),
                    status_message: message,
                };
                let idx = drafts.len();
                drafts.push(Draft {
                    row: server,
                    start_ns,
                    end_ns: start_ns + dur_ns,
                    parent: parent_id.map(|(i, _)| i),
                });
                mine.push(idx);
                let (severity, number, body) = if failed {
                    (
                        "ERROR",
                        17,
                        format!(
                            "request failed method=GET path={route} status=500 error=\"upstream reset\" request_id={}",
                            hex(&mut rng, 1)
                        ),
                    )
                } else if dur_ns as f64 > 3.0 * t.base_latency_ms * NS_PER_MS {
                    (
                        "WARN",
                        13,
                        format!(
                            "slow request method=GET path={route} duration_ms={} threshold_ms={}",
                            dur_ns / 1_000_000,
                            (3.0 * t.base_latency_ms) as i64
                        ),
                    )
                } else {
                    (
                        "INFO",
                        9,
                        format!(
                            "request served method=GET path={route} status=200 duration_ms={}",
                            dur_ns / 1_000_000
                        ),
                    )
                };
                logs.push((
                    idx,
                    LogRow {
                        timestamp: Nanos(0),
                        trace_id: String::new(),
                        span_id: String::new(),
                        severity_text: severity.into(),
                        severity_number: number,
                        service_name: svc.name.clone(),
                        body,
                        resource_attributes: res,
                    },
                ));
            }
            served.insert(key, mine);
        }
        // Children come after their parents: walking backwards, every span's end is final when
        // it is reached, and stretches its parent to cover it.
        for i in (0..drafts.len()).rev() {
            let (end, parent) = (drafts[i].end_ns, drafts[i].parent);
            drafts[i].row.duration = (end - drafts[i].start_ns).max(0) as u64;
            if let Some(p) = parent {
                let wait = if drafts[p].row.span_kind == "SPAN_KIND_CLIENT" {
                    200_000
                } else {
                    100_000
                };
                drafts[p].end_ns = drafts[p].end_ns.max(end + wait);
            }
        }
        let logs = logs
            .into_iter()
            .map(|(i, mut l)| {
                let d = &drafts[i];
                l.timestamp = Nanos(d.start_ns + d.row.duration as i64);
                l.trace_id = d.row.trace_id.clone();
                l.span_id = d.row.span_id.clone();
                l
            })
            .collect();
        (drafts.into_iter().map(|d| d.row).collect(), logs)
    }
}

#[cfg(test)]
mod tests {
    use super::fails;

    #[test]
    fn errors_are_spread_exactly() {
        let n = (0..1000).filter(|&k| fails(k, 0.3)).count();
        assert_eq!(n, 300);
        assert_eq!((0..50).filter(|&k| fails(k, 0.0)).count(), 0);
        assert_eq!((0..50).filter(|&k| fails(k, 1.0)).count(), 50);
    }
}
