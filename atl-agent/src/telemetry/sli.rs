//! Request SLIs (Traefik ingress, Linkerd mesh) from per-series counter and histogram increases.

use super::counters::{Histogram, counter_increase, histogram_increase, minute_of};
use super::fetch::{CounterSeries, HistogramSeries, Window};
use atl_core::telemetry::{CodeCount, LATENCY_BUCKETS_MS, Latency, SliSource};
use std::collections::BTreeMap;

/// One minute of one SLI, ready for the concentrator.
#[derive(Debug, Clone, PartialEq)]
pub struct SliMinute {
    /// Ingress or mesh.
    pub source: SliSource,
    /// Traefik service, or `namespace/workload`.
    pub name: String,
    /// Minute index (Unix seconds / 60).
    pub minute: i64,
    /// Successful requests.
    pub good: u64,
    /// All requests.
    pub total: u64,
    /// Requests per bucket of `LATENCY_BUCKETS_MS` plus +Inf (empty when no histogram).
    pub latency_buckets: Vec<u64>,
    /// 95th percentile (ms).
    pub p95_ms: f64,
    /// 99th percentile (ms).
    pub p99_ms: f64,
}

#[derive(Debug, Default)]
struct MinuteAcc {
    good: f64,
    total: f64,
    latency: Option<Histogram>,
}

/// Sums of the per-series increases of one SLI.
#[derive(Debug, Default)]
pub struct SliAcc {
    /// Requests in the window.
    pub total: f64,
    /// Failed requests in the window.
    pub errors: f64,
    /// Requests per second (sum of per-series rates).
    pub rps: f64,
    /// Requests over mTLS.
    pub mtls: f64,
    /// Requests per status code.
    pub codes: BTreeMap<String, f64>,
    /// Requests per method.
    pub methods: BTreeMap<String, f64>,
    /// Latency histogram of the window (ms bounds).
    pub latency: Option<Histogram>,
    minutes: BTreeMap<i64, MinuteAcc>,
}

/// How one counter series is classified.
pub struct Classified<'a> {
    /// The series counts failures.
    pub failed: bool,
    /// The series counts mTLS traffic.
    pub mtls: bool,
    /// Status code label.
    pub code: &'a str,
    /// Method label.
    pub method: &'a str,
}

impl SliAcc {
    /// Adds one request-counter series; its rate is taken over `window`.
    pub fn add_counter(&mut self, series: &CounterSeries, class: Classified<'_>, window: Window) {
        let inc = counter_increase(&series.points);
        self.total += inc.increase;
        self.rps += inc.rate_in(window.start_ms, window.end_ms).unwrap_or(0.0);
        if class.failed {
            self.errors += inc.increase;
        }
        if class.mtls {
            self.mtls += inc.increase;
        }
        if !class.code.is_empty() {
            *self.codes.entry(class.code.to_string()).or_default() += inc.increase;
        }
        if !class.method.is_empty() {
            *self.methods.entry(class.method.to_string()).or_default() += inc.increase;
        }
        for (minute, d) in inc.per_minute {
            let m = self.minutes.entry(minute).or_default();
            m.total += d;
            if !class.failed {
                m.good += d;
            }
        }
    }

    /// Adds one latency histogram series; `to_ms` converts its bounds to milliseconds.
    pub fn add_histogram(&mut self, series: &HistogramSeries, to_ms: f64) {
        let inc = histogram_increase(&series.points);
        if inc.total.counts.is_empty() {
            return;
        }
        add_hist(&mut self.latency, inc.total.scale_bounds(to_ms));
        for (minute, h) in inc.per_minute {
            add_hist(
                &mut self.minutes.entry(minute).or_default().latency,
                h.scale_bounds(to_ms),
            );
        }
    }

    /// Share of successful requests, 1 when there were none.
    pub fn success_ratio(&self) -> f64 {
        if self.total > 0.0 {
            ((self.total - self.errors) / self.total).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }

    /// Share of mTLS requests.
    pub fn mtls_ratio(&self) -> f64 {
        if self.total > 0.0 {
            (self.mtls / self.total).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Latency percentiles of the window.
    pub fn latency(&self) -> Latency {
        self.latency.as_ref().map(latency_of).unwrap_or_default()
    }

    /// Counts per label, ordered by label.
    pub fn counts(map: &BTreeMap<String, f64>) -> Vec<CodeCount> {
        map.iter()
            .map(|(label, c)| CodeCount {
                label: label.clone(),
                count: c.round() as u64,
            })
            .collect()
    }

    /// Per-minute points after the window's first (partial) minute.
    pub fn minutes(&self, source: SliSource, name: &str, window: Window) -> Vec<SliMinute> {
        let first_full = minute_of(window.start_ms) + 1;
        self.minutes
            .range(first_full..)
            .map(|(&minute, m)| {
                let (buckets, p95, p99) = match &m.latency {
                    Some(h) => (
                        h.rebucket(&LATENCY_BUCKETS_MS).rounded_counts(),
                        h.percentile(0.95),
                        h.percentile(0.99),
                    ),
                    None => (Vec::new(), 0.0, 0.0),
                };
                SliMinute {
                    source,
                    name: name.to_string(),
                    minute,
                    good: m.good.round() as u64,
                    total: m.total.round() as u64,
                    latency_buckets: buckets,
                    p95_ms: p95,
                    p99_ms: p99,
                }
            })
            .collect()
    }
}

fn add_hist(slot: &mut Option<Histogram>, h: Histogram) {
    match slot {
        Some(acc) => acc.add(&h),
        None => *slot = Some(h),
    }
}

/// p50/p90/p95/p99 of a millisecond histogram.
pub fn latency_of(h: &Histogram) -> Latency {
    Latency {
        p50_ms: h.percentile(0.5),
        p90_ms: h.percentile(0.9),
        p95_ms: h.percentile(0.95),
        p99_ms: h.percentile(0.99),
    }
}

/// True for a 5xx status code.
pub fn is_server_error(code: &str) -> bool {
    code.starts_with('5')
}
