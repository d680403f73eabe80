//! APM from `otel_traces`: per-service stats of server spans, top operations, service → service
//! edges from parent/child spans across services, and each service's own (self) time. Every
//! aggregate is per (namespace, service.name), so same-named services of two namespaces stay apart.

use super::counters::minute_of;
use super::fetch::Window;
use super::service_key::{NAMESPACE_SQL as NAMESPACE, ServiceKey, namespace_field};
use atl_core::telemetry::{ApmEdge, ApmOperation, ApmService};
use clickhouse::{Client, Row};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

// The Go exporter and other writers spell kinds and statuses differently; accept both.
const SERVER: &str = "SpanKind IN ('SPAN_KIND_SERVER', 'Server')";
const ERROR: &str = "StatusCode IN ('STATUS_CODE_ERROR', 'Error')";
const TIME: &str = "Timestamp >= fromUnixTimestamp64Milli(toInt64(?), 'UTC') \
     AND Timestamp <= fromUnixTimestamp64Milli(toInt64(?), 'UTC')";
/// Operations kept per service.
pub const TOP_OPERATIONS: u64 = 5;
/// Parents may start before the window; look this much further back for them.
const PARENT_LOOKBACK_MS: i64 = 60_000;

#[derive(Row, Deserialize)]
struct ServiceRow {
    service: String,
    namespace: String,
    spans: u64,
    errors: u64,
    p50_ns: f64,
    p99_ns: f64,
}

#[derive(Row, Deserialize)]
struct OperationRow {
    service: String,
    namespace: String,
    name: String,
    spans: u64,
    errors: u64,
    p99_ns: f64,
}

#[derive(Row, Deserialize)]
struct MinuteRow {
    service: String,
    namespace: String,
    minute: i64,
    spans: u64,
    errors: u64,
    p99_ns: f64,
}

#[derive(Row, Deserialize)]
struct EdgeRow {
    caller: String,
    caller_ns: String,
    callee: String,
    callee_ns: String,
    calls: u64,
    errors: u64,
    p99_ns: f64,
}

/// A span as needed for self time.
#[derive(Debug, Clone, Row, Deserialize)]
pub struct SpanRow {
    /// Trace.
    pub trace_id: String,
    /// Span.
    pub span_id: String,
    /// Parent span, "" for roots.
    pub parent_id: String,
    /// service.name.
    pub service: String,
    /// Namespace of the resource, "" when none.
    pub namespace: String,
    /// Start (ns since epoch).
    pub start_ns: i64,
    /// Duration (ns).
    pub duration_ns: u64,
    /// 1 for server spans.
    pub server: u8,
}

/// One minute of one service.
#[derive(Debug, Clone, PartialEq)]
pub struct ApmMinute {
    /// service.name.
    pub service: String,
    /// Namespace, "" when none.
    pub namespace: String,
    /// Minute index.
    pub minute: i64,
    /// Server spans per second in the minute.
    pub rps: f64,
    /// Error share.
    pub error_ratio: f64,
    /// 99th percentile (ms).
    pub p99_ms: f64,
}

/// Everything the APM part produces.
#[derive(Debug, Default)]
pub struct Apm {
    /// Per service.
    pub services: Vec<ApmService>,
    /// Service → service.
    pub edges: Vec<ApmEdge>,
    /// Per minute.
    pub minutes: Vec<ApmMinute>,
    /// Server spans per service in the window (for log lines per request).
    pub requests: HashMap<ServiceKey, u64>,
}

fn ratio(part: u64, whole: u64) -> f64 {
    atl_core::telemetry::ratio(part, whole)
}

const NS_PER_MS: f64 = 1e6;

/// Runs the APM queries; `span_sample_traces` caps the traces read for self time.
pub async fn collect(
    client: &Client,
    window: Window,
    span_sample_traces: u64,
) -> clickhouse::error::Result<Apm> {
    let secs = window.secs().max(1.0);
    let services: Vec<ServiceRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, {NAMESPACE} AS namespace, count() AS spans, \
                countIf({ERROR}) AS errors, \
               toFloat64(quantile(0.5)(Duration)) AS p50_ns, \
               toFloat64(quantile(0.99)(Duration)) AS p99_ns \
             FROM otel_traces WHERE {SERVER} AND {TIME} \
             GROUP BY namespace, service ORDER BY namespace, service"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all()
        .await?;
    let operations: Vec<OperationRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, {NAMESPACE} AS namespace, SpanName AS name, \
               count() AS spans, countIf({ERROR}) AS errors, \
               toFloat64(quantile(0.99)(Duration)) AS p99_ns \
             FROM otel_traces WHERE {SERVER} AND {TIME} \
             GROUP BY namespace, service, name \
             ORDER BY spans DESC, name LIMIT ? BY namespace, service"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .bind(TOP_OPERATIONS)
        .fetch_all()
        .await?;
    let minutes: Vec<MinuteRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, {NAMESPACE} AS namespace, \
               toInt64(intDiv(toUnixTimestamp64Milli(Timestamp), 60000)) AS minute, \
               count() AS spans, countIf({ERROR}) AS errors, \
               toFloat64(quantile(0.99)(Duration)) AS p99_ns \
             FROM otel_traces WHERE {SERVER} AND {TIME} \
             GROUP BY namespace, service, minute ORDER BY namespace, service, minute"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all()
        .await?;
    let edges: Vec<EdgeRow> = client
        .query(&format!(
            "SELECT p.ServiceName AS caller, p.ns AS caller_ns, \
               c.ServiceName AS callee, c.ns AS callee_ns, count() AS calls, \
               countIf(c.StatusCode IN ('STATUS_CODE_ERROR', 'Error')) AS errors, \
               toFloat64(quantile(0.99)(c.Duration)) AS p99_ns \
             FROM (SELECT TraceId, ParentSpanId, ServiceName, {NAMESPACE} AS ns, StatusCode, \
                     Duration \
                   FROM otel_traces WHERE ParentSpanId != '' AND {TIME}) AS c \
             INNER JOIN (SELECT TraceId, SpanId, ServiceName, {NAMESPACE} AS ns \
                         FROM otel_traces WHERE {TIME}) AS p \
               ON c.TraceId = p.TraceId AND c.ParentSpanId = p.SpanId \
             WHERE p.ServiceName != c.ServiceName OR p.ns != c.ns \
             GROUP BY caller_ns, caller, callee_ns, callee \
             ORDER BY caller_ns, caller, callee_ns, callee"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .bind(window.start_ms - PARENT_LOOKBACK_MS)
        .bind(window.end_ms)
        .fetch_all()
        .await?;
    let spans: Vec<SpanRow> = client
        .query(&format!(
            "SELECT TraceId AS trace_id, SpanId AS span_id, ParentSpanId AS parent_id, \
               ServiceName AS service, {NAMESPACE} AS namespace, \
               toInt64(toUnixTimestamp64Nano(Timestamp)) AS start_ns, \
               toUInt64(Duration) AS duration_ns, toUInt8({SERVER}) AS server \
             FROM otel_traces \
             WHERE TraceId IN (SELECT TraceId FROM otel_traces WHERE {TIME} \
                               GROUP BY TraceId ORDER BY TraceId LIMIT ?) \
               AND {TIME}"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .bind(span_sample_traces)
        .bind(window.start_ms - PARENT_LOOKBACK_MS)
        .bind(window.end_ms)
        .fetch_all()
        .await?;

    let own = self_times(&spans);
    let mut top: BTreeMap<(&str, &str), Vec<ApmOperation>> = BTreeMap::new();
    for op in &operations {
        top.entry((op.namespace.as_str(), op.service.as_str()))
            .or_default()
            .push(ApmOperation {
                name: op.name.clone(),
                rps: op.spans as f64 / secs,
                error_ratio: ratio(op.errors, op.spans),
                p99_ms: op.p99_ns / NS_PER_MS,
            });
    }
    let mut apm = Apm::default();
    for s in &services {
        let key = (s.namespace.clone(), s.service.clone());
        let selft = own.get(&key).copied().unwrap_or_default();
        apm.requests.insert(key, s.spans);
        apm.services.push(ApmService {
            service: s.service.clone(),
            namespace: namespace_field(&s.namespace),
            rps: s.spans as f64 / secs,
            error_ratio: ratio(s.errors, s.spans),
            p50_ms: s.p50_ns / NS_PER_MS,
            p99_ms: s.p99_ns / NS_PER_MS,
            self_time_ms: selft.per_request_ms(),
            self_time_ratio: selft.ratio(),
            top_operations: top
                .remove(&(s.namespace.as_str(), s.service.as_str()))
                .unwrap_or_default(),
        });
    }
    apm.edges = edges
        .into_iter()
        .map(|e| ApmEdge {
            caller_namespace: namespace_field(&e.caller_ns),
            caller: e.caller,
            callee_namespace: namespace_field(&e.callee_ns),
            callee: e.callee,
            rps: e.calls as f64 / secs,
            error_ratio: ratio(e.errors, e.calls),
            p99_ms: e.p99_ns / NS_PER_MS,
        })
        .collect();
    let first_full = minute_of(window.start_ms) + 1;
    let last = minute_of(window.end_ms);
    apm.minutes = minutes
        .into_iter()
        .filter(|m| m.minute >= first_full && m.minute <= last)
        .map(|m| {
            // The current minute is still running: divide by the seconds it has had.
            let elapsed = if m.minute == last {
                ((window.end_ms - m.minute * 60_000) as f64 / 1000.0).clamp(1.0, 60.0)
            } else {
                60.0
            };
            ApmMinute {
                service: m.service,
                namespace: m.namespace,
                minute: m.minute,
                rps: m.spans as f64 / elapsed,
                error_ratio: ratio(m.errors, m.spans),
                p99_ms: m.p99_ns / NS_PER_MS,
            }
        })
        .collect();
    Ok(apm)
}

/// Self time of one service summed over its spans.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SelfTime {
    /// Σ over all spans of the service of (duration − time covered by child spans), ns.
    pub self_ns: f64,
    /// Σ duration of its server spans, ns.
    pub server_ns: f64,
    /// Number of its server spans.
    pub requests: u64,
}

impl SelfTime {
    /// Mean self time per request (ms).
    pub fn per_request_ms(&self) -> f64 {
        if self.requests == 0 {
            0.0
        } else {
            self.self_ns / self.requests as f64 / NS_PER_MS
        }
    }
    /// Self time as a share of server-span time.
    pub fn ratio(&self) -> f64 {
        if self.server_ns > 0.0 {
            (self.self_ns / self.server_ns).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

/// Self time per (namespace, service): each span's duration minus the union of its children's intervals
/// (clipped to the span), summed over the service's spans. Overlapping (parallel) children are
/// counted once. A client span's self time is the network and queueing time of its call.
pub fn self_times(spans: &[SpanRow]) -> HashMap<ServiceKey, SelfTime> {
    let mut children: HashMap<(&str, &str), Vec<(i64, i64)>> = HashMap::new();
    for s in spans.iter().filter(|s| !s.parent_id.is_empty()) {
        children
            .entry((s.trace_id.as_str(), s.parent_id.as_str()))
            .or_default()
            .push((s.start_ns, s.start_ns.saturating_add(s.duration_ns as i64)));
    }
    let mut out: HashMap<ServiceKey, SelfTime> = HashMap::new();
    for s in spans {
        let start = s.start_ns;
        let end = start.saturating_add(s.duration_ns as i64);
        let covered = children
            .get_mut(&(s.trace_id.as_str(), s.span_id.as_str()))
            .map(|c| covered_ns(c, start, end))
            .unwrap_or(0);
        let acc = out
            .entry((s.namespace.clone(), s.service.clone()))
            .or_default();
        acc.self_ns += (end - start - covered).max(0) as f64;
        if s.server == 1 {
            acc.server_ns += s.duration_ns as f64;
            acc.requests += 1;
        }
    }
    out
}

/// Length of the union of `intervals` clipped to [start, end].
fn covered_ns(intervals: &mut [(i64, i64)], start: i64, end: i64) -> i64 {
    intervals.sort_unstable();
    let mut covered = 0;
    let mut reach = start;
    for &(a, b) in intervals.iter() {
        let a = a.max(reach);
        let b = b.min(end);
        if b > a {
            covered += b - a;
            reach = b;
        }
    }
    covered
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn span(
        id: &str,
        parent: &str,
        service: &str,
        start_ms: i64,
        dur_ms: u64,
        server: bool,
    ) -> SpanRow {
        SpanRow {
            trace_id: "t".into(),
            span_id: id.into(),
            parent_id: parent.into(),
            service: service.into(),
            namespace: "shop".into(),
            start_ns: start_ms * 1_000_000,
            duration_ns: dur_ms * 1_000_000,
            server: u8::from(server),
        }
    }

    #[test]
    fn self_time_subtracts_children_once_and_counts_network_on_the_caller() {
        // frontend server 0..100 has two parallel client calls 10..50 and 30..70 (union 60 ms)
        // → 40 ms own. Client span 10..50 waits on backend server 15..45 → 10 ms network;
        // client 30..70 waits on backend 32..68 → 4 ms. frontend self = 40 + 10 + 4 = 54 ms.
        // backend spans have no children: 30 + 36 = 66 ms over 2 requests → 33 ms each.
        let spans = vec![
            span("a", "", "frontend", 0, 100, true),
            span("c1", "a", "frontend", 10, 40, false),
            span("c2", "a", "frontend", 30, 40, false),
            span("b1", "c1", "backend", 15, 30, true),
            span("b2", "c2", "backend", 32, 36, true),
        ];
        let st = self_times(&spans);
        let key = |s: &str| ("shop".to_string(), s.to_string());
        let f = st[&key("frontend")];
        assert_eq!(f.requests, 1);
        assert!((f.per_request_ms() - 54.0).abs() < 1e-9);
        assert!((f.ratio() - 0.54).abs() < 1e-9);
        let b = st[&key("backend")];
        assert!((b.per_request_ms() - 33.0).abs() < 1e-9);
        assert!((b.ratio() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn children_outside_the_parent_are_clipped() {
        let mut iv = vec![(-10, 5), (90, 120)];
        assert_eq!(covered_ns(&mut iv, 0, 100), 15);
    }
}
