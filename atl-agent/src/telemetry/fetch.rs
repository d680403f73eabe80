//! Typed reads of the OTel exporter tables. Every query selects columns by name into a row struct
//! and keeps each series (metric + attributes + resource attributes) apart, so the arithmetic in
//! `counters` always runs on one series at a time.

use super::counters::Histogram;
use clickhouse::{Client, Row};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The time range a collection looks at, in Unix milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Inclusive start.
    pub start_ms: i64,
    /// Inclusive end.
    pub end_ms: i64,
}

impl Window {
    /// Length in seconds.
    pub fn secs(&self) -> f64 {
        (self.end_ms - self.start_ms) as f64 / 1000.0
    }
}

/// One series of one metric with its samples.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries<P> {
    /// Metric name.
    pub metric: String,
    /// Data-point attributes (Prometheus labels).
    pub attrs: BTreeMap<String, String>,
    /// Resource attributes (scrape target, host, pod).
    pub resource: BTreeMap<String, String>,
    /// Samples.
    pub points: Vec<P>,
}

impl<P> MetricSeries<P> {
    /// A data-point attribute, "" when absent.
    pub fn attr(&self, key: &str) -> &str {
        self.attrs.get(key).map(String::as_str).unwrap_or("")
    }
    /// The first non-empty attribute among `keys`.
    pub fn first_attr(&self, keys: &[&str]) -> &str {
        keys.iter()
            .map(|k| self.attr(k))
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }
}

/// Counter samples: (timestamp ms, cumulative value).
pub type CounterSeries = MetricSeries<(i64, f64)>;
/// Histogram samples: (timestamp ms, cumulative histogram).
pub type HistogramSeries = MetricSeries<(i64, Histogram)>;
/// Latest gauge value (one point).
pub type GaugeSeries = MetricSeries<f64>;

// The time filter works whether TimeUnix is DateTime64(9) (older exporters) or DateTime (newer).
const TIME_FILTER: &str = "TimeUnix >= fromUnixTimestamp64Milli(toInt64(?), 'UTC') \
     AND TimeUnix <= fromUnixTimestamp64Milli(toInt64(?), 'UTC')";

#[derive(Row, Deserialize)]
struct CounterRow {
    metric: String,
    attrs: Vec<(String, String)>,
    resource: Vec<(String, String)>,
    points: Vec<(i64, f64)>,
}

#[derive(Row, Deserialize)]
struct HistogramRow {
    metric: String,
    attrs: Vec<(String, String)>,
    resource: Vec<(String, String)>,
    points: Vec<(i64, Vec<f64>, Vec<u64>)>,
}

#[derive(Row, Deserialize)]
struct GaugeRow {
    metric: String,
    attrs: Vec<(String, String)>,
    resource: Vec<(String, String)>,
    value: f64,
}

fn series<P>(
    metric: String,
    attrs: Vec<(String, String)>,
    resource: Vec<(String, String)>,
    points: Vec<P>,
) -> MetricSeries<P> {
    MetricSeries {
        metric,
        attrs: attrs.into_iter().collect(),
        resource: resource.into_iter().collect(),
        points,
    }
}

/// Samples of cumulative counters (`otel_metrics_sum`) in the window, one entry per series.
/// Delta-temporality points (AggregationTemporality = 1) are not read: every known source of the
/// metrics atl uses (Prometheus scrapes, Traefik's OTLP export) is cumulative.
pub async fn counters(
    client: &Client,
    metrics: &[&str],
    window: Window,
) -> clickhouse::error::Result<Vec<CounterSeries>> {
    let sql = format!(
        "SELECT MetricName AS metric, Attributes AS attrs, ResourceAttributes AS resource, \
           groupArray((toUnixTimestamp64Milli(toDateTime64(TimeUnix, 9)), Value)) AS points \
         FROM otel_metrics_sum \
         WHERE MetricName IN ? AND AggregationTemporality != 1 AND IsMonotonic \
           AND {TIME_FILTER} \
         GROUP BY ServiceName, MetricName, Attributes, ResourceAttributes"
    );
    let rows = client
        .query(&sql)
        .bind(metrics)
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all::<CounterRow>()
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| series(r.metric, r.attrs, r.resource, r.points))
        .collect())
}

/// Samples of cumulative explicit-bucket histograms (`otel_metrics_histogram`), one entry per
/// series; samples whose arrays do not fit together are dropped.
pub async fn histograms(
    client: &Client,
    metrics: &[&str],
    window: Window,
) -> clickhouse::error::Result<Vec<HistogramSeries>> {
    let sql = format!(
        "SELECT MetricName AS metric, Attributes AS attrs, ResourceAttributes AS resource, \
           groupArray((toUnixTimestamp64Milli(toDateTime64(TimeUnix, 9)), ExplicitBounds, \
             BucketCounts)) AS points \
         FROM otel_metrics_histogram \
         WHERE MetricName IN ? AND AggregationTemporality != 1 AND {TIME_FILTER} \
         GROUP BY ServiceName, MetricName, Attributes, ResourceAttributes"
    );
    let rows = client
        .query(&sql)
        .bind(metrics)
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all::<HistogramRow>()
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let points = r
                .points
                .into_iter()
                .filter_map(|(t, bounds, counts)| {
                    let counts = counts.into_iter().map(|c| c as f64).collect();
                    Histogram::new(bounds, counts).map(|h| (t, h))
                })
                .collect();
            series(r.metric, r.attrs, r.resource, points)
        })
        .collect())
}

/// The latest value of each gauge series (`otel_metrics_gauge`) in the window.
pub async fn gauges(
    client: &Client,
    metrics: &[&str],
    window: Window,
) -> clickhouse::error::Result<Vec<GaugeSeries>> {
    let sql = format!(
        "SELECT MetricName AS metric, Attributes AS attrs, ResourceAttributes AS resource, \
           argMax(Value, TimeUnix) AS value \
         FROM otel_metrics_gauge \
         WHERE MetricName IN ? AND {TIME_FILTER} \
         GROUP BY ServiceName, MetricName, Attributes, ResourceAttributes"
    );
    let rows = client
        .query(&sql)
        .bind(metrics)
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all::<GaugeRow>()
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| series(r.metric, r.attrs, r.resource, vec![r.value]))
        .collect())
}
