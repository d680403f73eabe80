//! Rows of the OpenTelemetry Collector ClickHouse exporter tables, as the writer sends them
//! (`FORMAT JSONEachRow`, columns by their exporter names). Columns left out (exemplars, events,
//! links, scope fields) take the table defaults, as they do for exporters that leave them empty.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// Attributes: a `Map(LowCardinality(String), String)` column. A BTreeMap so rows encode with
/// their keys in one order.
pub type Attrs = BTreeMap<String, String>;

/// Builds attributes from pairs.
pub fn attrs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Attrs {
    pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

/// An instant in nanoseconds since the epoch, written as a decimal string of seconds
/// (`"1767226200"` or `"1767226200.123456789"`): ClickHouse reads that form into `DateTime64(9)`
/// in any server time zone, and the whole-second form also into `DateTime` (newer exporters'
/// `TimeUnix`), whereas a bare integer would be read as seconds and overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Nanos(pub i64);

impl Nanos {
    /// From milliseconds.
    pub fn from_ms(ms: i64) -> Self {
        Self(ms * 1_000_000)
    }
}

impl Serialize for Nanos {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let secs = self.0.div_euclid(1_000_000_000);
        let frac = self.0.rem_euclid(1_000_000_000);
        if frac == 0 {
            s.collect_str(&secs)
        } else {
            s.collect_str(&format_args!("{secs}.{frac:09}"))
        }
    }
}

/// `AggregationTemporality` of cumulative points (OTLP enum value 2).
pub const CUMULATIVE: i32 = 2;

/// A row of `otel_metrics_sum` (a cumulative monotonic counter sample).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SumRow {
    /// Resource attributes (scrape target).
    pub resource_attributes: Attrs,
    /// service.name of the resource (the scrape job).
    pub service_name: String,
    /// Metric name as scraped.
    pub metric_name: String,
    /// Labels.
    pub attributes: Attrs,
    /// When the counter started.
    pub start_time_unix: Nanos,
    /// Sample time.
    pub time_unix: Nanos,
    /// Cumulative value.
    pub value: f64,
    /// Always cumulative.
    pub aggregation_temporality: i32,
    /// Always monotonic.
    pub is_monotonic: bool,
}

/// A row of `otel_metrics_gauge`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct GaugeRow {
    /// Resource attributes (scrape target).
    pub resource_attributes: Attrs,
    /// service.name of the resource.
    pub service_name: String,
    /// Metric name.
    pub metric_name: String,
    /// Labels.
    pub attributes: Attrs,
    /// Sample time.
    pub time_unix: Nanos,
    /// Value.
    pub value: f64,
}

/// A row of `otel_metrics_histogram` (a cumulative explicit-bucket histogram sample).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct HistogramRow {
    /// Resource attributes (scrape target).
    pub resource_attributes: Attrs,
    /// service.name of the resource.
    pub service_name: String,
    /// Metric name (without `_bucket`).
    pub metric_name: String,
    /// Labels.
    pub attributes: Attrs,
    /// When the histogram started.
    pub start_time_unix: Nanos,
    /// Sample time.
    pub time_unix: Nanos,
    /// Observations.
    pub count: u64,
    /// Sum of the observations.
    pub sum: f64,
    /// Per-bucket counts, the last one for +Inf.
    pub bucket_counts: Vec<u64>,
    /// Finite upper bounds.
    pub explicit_bounds: Vec<f64>,
    /// Always cumulative.
    pub aggregation_temporality: i32,
}

/// A row of `otel_traces`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SpanRow {
    /// Start.
    pub timestamp: Nanos,
    /// 32 hex digits.
    pub trace_id: String,
    /// 16 hex digits.
    pub span_id: String,
    /// "" for a root span.
    pub parent_span_id: String,
    /// Operation.
    pub span_name: String,
    /// `SPAN_KIND_SERVER` or `SPAN_KIND_CLIENT`.
    pub span_kind: String,
    /// service.name.
    pub service_name: String,
    /// Resource attributes (pod, namespace, node).
    pub resource_attributes: Attrs,
    /// Span attributes (HTTP method, route, status).
    pub span_attributes: Attrs,
    /// Nanoseconds.
    pub duration: u64,
    /// `STATUS_CODE_UNSET` or `STATUS_CODE_ERROR`.
    pub status_code: String,
    /// Error text.
    pub status_message: String,
}

/// A row of `otel_logs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogRow {
    /// When the line was written.
    pub timestamp: Nanos,
    /// Trace of the request the line belongs to.
    pub trace_id: String,
    /// Span of the request.
    pub span_id: String,
    /// `INFO`, `WARN`, `ERROR`.
    pub severity_text: String,
    /// OTel severity number (9 INFO, 13 WARN, 17 ERROR).
    pub severity_number: u8,
    /// service.name.
    pub service_name: String,
    /// The line.
    pub body: String,
    /// Resource attributes (pod, namespace, node).
    pub resource_attributes: Attrs,
}

/// Everything sampled at one instant, per table, in a stable order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OtelBatch {
    /// `otel_metrics_sum`.
    pub sums: Vec<SumRow>,
    /// `otel_metrics_gauge`.
    pub gauges: Vec<GaugeRow>,
    /// `otel_metrics_histogram`.
    pub histograms: Vec<HistogramRow>,
    /// `otel_traces`.
    pub spans: Vec<SpanRow>,
    /// `otel_logs`.
    pub logs: Vec<LogRow>,
}

/// One table's rows encoded as a `JSONEachRow` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    /// Exporter table name.
    pub table: &'static str,
    /// Rows in the body.
    pub rows: usize,
    /// One JSON object per line.
    pub body: Vec<u8>,
}

fn encode<T: Serialize>(table: &'static str, rows: &[T]) -> Option<TableRows> {
    if rows.is_empty() {
        return None;
    }
    let mut body = Vec::with_capacity(rows.len() * 256);
    for r in rows {
        // Serialising plain structs of strings, numbers and string maps into a Vec cannot fail;
        // a row that somehow does is left out rather than corrupting the body.
        if serde_json::to_writer(&mut body, r).is_ok() {
            body.push(b'\n');
        }
    }
    Some(TableRows {
        table,
        rows: rows.len(),
        body,
    })
}

impl OtelBatch {
    /// Number of rows over all tables.
    pub fn len(&self) -> usize {
        self.sums.len()
            + self.gauges.len()
            + self.histograms.len()
            + self.spans.len()
            + self.logs.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds another batch's rows after these.
    pub fn extend(&mut self, other: OtelBatch) {
        self.sums.extend(other.sums);
        self.gauges.extend(other.gauges);
        self.histograms.extend(other.histograms);
        self.spans.extend(other.spans);
        self.logs.extend(other.logs);
    }

    /// The non-empty tables as `JSONEachRow` bodies (byte-identical for identical batches).
    pub fn encode(&self) -> Vec<TableRows> {
        [
            encode("otel_metrics_sum", &self.sums),
            encode("otel_metrics_gauge", &self.gauges),
            encode("otel_metrics_histogram", &self.histograms),
            encode("otel_traces", &self.spans),
            encode("otel_logs", &self.logs),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_encode_as_decimal_seconds() {
        let j = |n: i64| serde_json::to_string(&Nanos(n)).unwrap_or_default();
        assert_eq!(j(1_767_226_200_000_000_000), "\"1767226200\"");
        assert_eq!(j(1_767_226_200_000_000_042), "\"1767226200.000000042\"");
        assert_eq!(j(Nanos::from_ms(1_500).0), "\"1.500000000\"");
    }
}
