//! Turns the simulated cluster into exporter rows at each scrape instant: node_exporter node
//! metrics, Traefik ingress counters and latency histograms, Linkerd inbound/outbound counters
//! and histograms per pod, and (through [`super::traces`]) spans and logs.
//!
//! Counters and histograms are cumulative per series, like the scraped processes' own, so the
//! agent's rate arithmetic applies unchanged; a series whose pod goes away stops, and one that
//! comes back starts from zero (a counter reset). Everything derives from the simulated clock,
//! the scenario seed and names, so the same scenario ticked the same way gives the same rows.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use k8s_openapi::api::core::v1::Node;

use super::latency;
use super::rows::{Attrs, CUMULATIVE, GaugeRow, HistogramRow, Nanos, OtelBatch, SumRow, attrs};
use super::topology::{ServiceInfo, Topology};
use super::traces::TraceGen;
use crate::SimCluster;
use crate::state::SimState;
use crate::telemetry::{self, ServiceTelemetry, TelemetryModel};

/// Traefik's default duration buckets (seconds).
const TRAEFIK_BOUNDS: &[f64] = &[0.1, 0.3, 1.2, 5.0];
/// Linkerd's latency buckets (milliseconds).
const LINKERD_BOUNDS: &[f64] = &[
    1.0, 2.0, 3.0, 4.0, 5.0, 10.0, 20.0, 30.0, 40.0, 50.0, 100.0, 200.0, 300.0, 400.0, 500.0,
    1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 10000.0,
];
/// Share of ingress requests per method.
const METHODS: &[(&str, f64)] = &[("GET", 0.8), ("POST", 0.2)];
/// Disk size reported for every node's root filesystem.
const ROOT_FS_BYTES: f64 = 100.0 * 1024.0 * 1024.0 * 1024.0;

/// How the writer samples.
#[derive(Debug, Clone, PartialEq)]
pub struct OtelConfig {
    /// Simulated time between two samples (the scrape interval); spans and logs are produced
    /// for the same intervals.
    pub scrape_interval: Duration,
    /// Share of requests that become traces (head sampling); logs follow the sampled requests.
    pub trace_sample_ratio: f64,
}

impl Default for OtelConfig {
    /// 15 s scrapes, 1 % of requests traced.
    fn default() -> Self {
        Self {
            scrape_interval: Duration::from_secs(15),
            trace_sample_ratio: 0.01,
        }
    }
}

type SeriesKey = (&'static str, Attrs, Attrs);

/// The instant being sampled and the seconds since the previous sample.
#[derive(Debug, Clone, Copy)]
struct Step {
    now: i64,
    dt: f64,
}

#[derive(Debug, Clone)]
struct CounterAcc {
    start_ms: i64,
    value: f64,
}

#[derive(Debug, Clone)]
struct HistAcc {
    start_ms: i64,
    buckets: Vec<f64>,
    sum: f64,
}

/// One series sample to accumulate: who scrapes it, what it is and how fast it grows.
struct Sample<'a> {
    job: &'a str,
    metric: &'static str,
    attrs: Attrs,
    resource: &'a Attrs,
    rate: f64,
}

/// Produces the rows of successive samples. Keep one per cluster and call [`Self::advance`]
/// (or [`Self::sample`] at the instants of your choice).
#[derive(Debug)]
pub struct OtelSampler {
    config: OtelConfig,
    last_ms: Option<i64>,
    counters: BTreeMap<SeriesKey, CounterAcc>,
    hists: BTreeMap<SeriesKey, HistAcc>,
    touched: BTreeSet<SeriesKey>,
    traces: TraceGen,
}

impl OtelSampler {
    /// A sampler that has not sampled yet.
    pub fn new(config: OtelConfig) -> Self {
        Self {
            traces: TraceGen::new(config.trace_sample_ratio),
            config,
            last_ms: None,
            counters: BTreeMap::new(),
            hists: BTreeMap::new(),
            touched: BTreeSet::new(),
        }
    }

    fn interval_ms(&self) -> i64 {
        (self.config.scrape_interval.as_millis() as i64).max(1000)
    }

    /// Advances the cluster's clock by `dt`, stopping at every scrape instant (multiples of the
    /// scrape interval since the epoch) to sample. Samples the current instant first when
    /// nothing was sampled yet. Samples fall on the same instants however `dt` is cut up
    /// (the cluster's own dynamics can still differ with the tick sizes).
    pub fn advance(&mut self, cluster: &SimCluster, dt: Duration) -> OtelBatch {
        let mut out = OtelBatch::default();
        if self.last_ms.is_none() {
            out.extend(cluster.read(|s| self.sample(s)));
        }
        let interval = self.interval_ms();
        let end = cluster.read(|s| s.now_ms) + dt.as_millis() as i64;
        loop {
            let now = cluster.read(|s| s.now_ms);
            let next = now - now.rem_euclid(interval) + interval;
            if next > end {
                if end > now {
                    cluster.tick(Duration::from_millis((end - now) as u64));
                }
                break;
            }
            cluster.tick(Duration::from_millis((next - now) as u64));
            out.extend(cluster.read(|s| self.sample(s)));
        }
        out
    }

    /// The rows for the state's current instant: metric samples, and the spans and logs of the
    /// requests since the previous sample.
    pub fn sample(&mut self, state: &SimState) -> OtelBatch {
        let now = state.now_ms;
        let dt = self
            .last_ms
            .map_or(0.0, |l| ((now - l).max(0) as f64) / 1000.0);
        let model = telemetry::model(state);
        let topo = Topology::of(state);
        let mut out = OtelBatch::default();
        self.touched.clear();
        let at = Step { now, dt };
        self.nodes(state, &model, at, &mut out);
        self.ingress(&topo, &model, at, &mut out);
        self.mesh(&topo, &model, at, &mut out);
        if let Some(last) = self.last_ms {
            let (spans, logs) = self
                .traces
                .interval(&topo, &model, state.scenario.seed, last, now);
            out.spans = spans;
            out.logs = logs;
        }
        let touched = std::mem::take(&mut self.touched);
        self.counters.retain(|k, _| touched.contains(k));
        self.hists.retain(|k, _| touched.contains(k));
        self.touched = touched;
        self.last_ms = Some(now);
        out
    }

    /// Accumulates a counter and emits its sample; `whole` floors the value (request counts).
    /// A series with nothing counted yet is not emitted (Prometheus clients create it on the
    /// first increment).
    fn count(&mut self, s: Sample<'_>, at: Step, whole: bool, out: &mut Vec<SumRow>) {
        let Step { now, dt } = at;
        let key = (s.metric, s.attrs, s.resource.clone());
        if s.rate <= 0.0 && !self.counters.contains_key(&key) {
            return;
        }
        let acc = self.counters.entry(key.clone()).or_insert(CounterAcc {
            start_ms: now,
            value: 0.0,
        });
        acc.value += s.rate.max(0.0) * dt;
        let value = if whole { acc.value.floor() } else { acc.value };
        out.push(SumRow {
            resource_attributes: key.2.clone(),
            service_name: s.job.to_owned(),
            metric_name: s.metric.to_owned(),
            attributes: key.1.clone(),
            start_time_unix: Nanos::from_ms(acc.start_ms),
            time_unix: Nanos::from_ms(now),
            value,
            aggregation_temporality: CUMULATIVE,
            is_monotonic: true,
        });
        self.touched.insert(key);
    }

    /// Accumulates a latency histogram (`rate` observations per second around `median`).
    fn observe(
        &mut self,
        s: Sample<'_>,
        bounds: &[f64],
        median: f64,
        at: Step,
        out: &mut Vec<HistogramRow>,
    ) {
        let Step { now, dt } = at;
        let key = (s.metric, s.attrs, s.resource.clone());
        if s.rate <= 0.0 && !self.hists.contains_key(&key) {
            return;
        }
        let acc = self.hists.entry(key.clone()).or_insert(HistAcc {
            start_ms: now,
            buckets: vec![0.0; bounds.len() + 1],
            sum: 0.0,
        });
        let n = s.rate.max(0.0) * dt;
        for (b, share) in acc
            .buckets
            .iter_mut()
            .zip(latency::bucket_shares(bounds, median))
        {
            *b += n * share;
        }
        acc.sum += n * latency::mean(median);
        let bucket_counts: Vec<u64> = acc.buckets.iter().map(|b| b.floor() as u64).collect();
        out.push(HistogramRow {
            resource_attributes: key.2.clone(),
            service_name: s.job.to_owned(),
            metric_name: s.metric.to_owned(),
            attributes: key.1.clone(),
            start_time_unix: Nanos::from_ms(acc.start_ms),
            time_unix: Nanos::from_ms(now),
            count: bucket_counts.iter().sum(),
            sum: acc.sum,
            bucket_counts,
            explicit_bounds: bounds.to_vec(),
            aggregation_temporality: CUMULATIVE,
        });
        self.touched.insert(key);
    }

    /// node_exporter on every node that is up (a NotReady node is not scraped).
    fn nodes(&mut self, state: &SimState, model: &TelemetryModel, at: Step, out: &mut OtelBatch) {
        for (name, load) in model.nodes.iter().filter(|(_, l)| l.ready) {
            let ip = state
                .store
                .get::<Node>("", name)
                .and_then(|n| n.status.as_ref()?.addresses.clone())
                .and_then(|a| a.into_iter().find(|a| a.type_ == "InternalIP"))
                .map_or_else(|| name.clone(), |a| a.address);
            let resource = attrs([
                ("k8s.node.name", name.as_str()),
                ("service.instance.id", &format!("{ip}:9100")),
                ("service.name", "node-exporter"),
            ]);
            let job = "node-exporter";
            let cap = load.cpu_capacity_millis.max(1) as f64;
            let util = (load.cpu_millis as f64 / cap).clamp(0.0, 1.0);
            let cores = (load.cpu_capacity_millis.div_ceil(1000)).max(1);
            let pressured = |p: &str| load.pressure.iter().any(|x| x == p);
            let modes = [
                ("idle", 1.0 - util),
                ("user", util * 0.65),
                ("system", util * 0.25),
                ("iowait", util * 0.05),
                ("softirq", util * 0.05),
            ];
            for cpu in 0..cores {
                for (mode, rate) in modes {
                    let cpu = cpu.to_string();
                    let s = Sample {
                        job,
                        metric: "node_cpu_seconds_total",
                        attrs: attrs([("cpu", cpu.as_str()), ("mode", mode)]),
                        resource: &resource,
                        rate,
                    };
                    self.count(s, at, false, &mut out.sums);
                }
            }
            let net = 200_000.0 + 4_000_000.0 * util;
            let disk = 100_000.0 + 2_000_000.0 * util;
            let psi_mem = if pressured("MemoryPressure") {
                0.3
            } else {
                0.001
            };
            let psi_io = if pressured("DiskPressure") {
                0.2
            } else {
                0.002
            };
            let counters: [(&'static str, &str, f64); 9] = [
                ("node_network_receive_bytes_total", "eth0", net),
                ("node_network_transmit_bytes_total", "eth0", net * 0.8),
                // Loopback traffic: real scrapes have it, and it must not count as network.
                ("node_network_receive_bytes_total", "lo", net * 0.5),
                ("node_network_transmit_bytes_total", "lo", net * 0.5),
                ("node_disk_read_bytes_total", "vda", disk * 0.3),
                ("node_disk_written_bytes_total", "vda", disk),
                (
                    "node_pressure_cpu_waiting_seconds_total",
                    "",
                    ((util - 0.85) * 2.0).max(0.001),
                ),
                ("node_pressure_memory_waiting_seconds_total", "", psi_mem),
                ("node_pressure_io_waiting_seconds_total", "", psi_io),
            ];
            for (metric, device, rate) in counters {
                let a = if device.is_empty() {
                    Attrs::new()
                } else {
                    attrs([("device", device)])
                };
                let s = Sample {
                    job,
                    metric,
                    attrs: a,
                    resource: &resource,
                    rate,
                };
                self.count(s, at, false, &mut out.sums);
            }
            let free_disk = if pressured("DiskPressure") { 0.04 } else { 0.6 };
            let mem_total = load.memory_capacity_bytes as f64;
            let gauges: [(&str, Attrs, f64); 8] = [
                ("node_load1", Attrs::new(), load.cpu_millis as f64 / 1000.0),
                ("node_memory_MemTotal_bytes", Attrs::new(), mem_total),
                (
                    "node_memory_MemAvailable_bytes",
                    Attrs::new(),
                    (mem_total - load.memory_bytes as f64).max(0.0),
                ),
                (
                    "node_filesystem_size_bytes",
                    attrs([
                        ("mountpoint", "/"),
                        ("device", "/dev/vda1"),
                        ("fstype", "ext4"),
                    ]),
                    ROOT_FS_BYTES,
                ),
                (
                    "node_filesystem_avail_bytes",
                    attrs([
                        ("mountpoint", "/"),
                        ("device", "/dev/vda1"),
                        ("fstype", "ext4"),
                    ]),
                    (ROOT_FS_BYTES * free_disk).floor(),
                ),
                (
                    "node_hwmon_temp_celsius",
                    attrs([("chip", "platform_coretemp_0"), ("sensor", "temp1")]),
                    (40.0 + 35.0 * util).round(),
                ),
                (
                    "node_netstat_Tcp_CurrEstab",
                    Attrs::new(),
                    (40.0 + 400.0 * util).round(),
                ),
                (
                    "node_sockstat_TCP_tw",
                    Attrs::new(),
                    (10.0 + 100.0 * util).round(),
                ),
            ];
            for (metric, a, value) in gauges {
                out.gauges.push(GaugeRow {
                    resource_attributes: resource.clone(),
                    service_name: job.to_owned(),
                    metric_name: metric.to_owned(),
                    attributes: a,
                    time_unix: Nanos::from_ms(at.now),
                    value,
                });
            }
        }
    }

    /// Traefik: every service an Ingress routes to, named `<ns>-<svc>-80@kubernetes`.
    fn ingress(&mut self, topo: &Topology, model: &TelemetryModel, at: Step, out: &mut OtelBatch) {
        let resource = attrs([
            ("service.instance.id", "traefik.kube-system:9100"),
            ("service.name", "traefik"),
        ]);
        for svc in topo.services.values().filter(|s| s.ingress) {
            let Some(t) = model.services.get(&svc.key()) else {
                continue;
            };
            let name = format!("{}-{}-80@kubernetes", svc.namespace, svc.name);
            let fail_code = if t.ready_backends == 0 { "503" } else { "500" };
            // Traefik's own hop adds a couple of milliseconds.
            let median_s = (median_ms(t) + 2.0) / 1000.0;
            for (method, share) in METHODS {
                for (code, part) in [("200", 1.0 - t.error_rate), (fail_code, t.error_rate)] {
                    let a = attrs([
                        ("code", code),
                        ("method", method),
                        ("protocol", "http"),
                        ("service", name.as_str()),
                    ]);
                    let rate = t.base_rps * share * part;
                    let sample = |metric| Sample {
                        job: "traefik",
                        metric,
                        attrs: a.clone(),
                        resource: &resource,
                        rate,
                    };
                    self.count(
                        sample("traefik_service_requests_total"),
                        at,
                        true,
                        &mut out.sums,
                    );
                    self.observe(
                        sample("traefik_service_request_duration_seconds"),
                        TRAEFIK_BOUNDS,
                        median_s,
                        at,
                        &mut out.histograms,
                    );
                }
            }
        }
    }

    /// Linkerd proxies: inbound per ready pod of every meshed service, outbound per ready pod
    /// of each caller towards each callee. A callee's traffic is split evenly among its callers.
    fn mesh(&mut self, topo: &Topology, model: &TelemetryModel, at: Step, out: &mut OtelBatch) {
        for svc in topo.services.values().filter(|s| s.meshed) {
            let Some(t) = model.services.get(&svc.key()) else {
                continue;
            };
            let per_pod = t.base_rps / svc.ready.len().max(1) as f64;
            for b in &svc.ready {
                let mut base = workload_attrs(svc, &b.pod);
                base.insert("direction".into(), "inbound".into());
                self.linkerd(svc, &b.ip, base, t, per_pod, at, out);
            }
        }
        for (caller_key, callees) in &topo.calls {
            let Some(caller) = topo.services.get(caller_key) else {
                continue;
            };
            for callee_key in callees {
                let (Some(callee), Some(t)) = (
                    topo.services.get(callee_key),
                    model.services.get(callee_key),
                ) else {
                    continue;
                };
                let edge_rps = t.base_rps / topo.callers(callee_key).len().max(1) as f64;
                let per_pod = edge_rps / caller.ready.len().max(1) as f64;
                for b in &caller.ready {
                    let mut base = workload_attrs(caller, &b.pod);
                    base.insert("direction".into(), "outbound".into());
                    base.insert("dst_namespace".into(), callee.namespace.clone());
                    base.insert("dst_service".into(), callee.name.clone());
                    if !callee.workload_kind.is_empty() {
                        base.insert(format!("dst_{}", callee.workload_kind), callee.name.clone());
                    }
                    self.linkerd(callee, &b.ip, base, t, per_pod, at, out);
                }
            }
        }
    }

    /// One proxy's `response_total` (success and failure) and `response_latency_ms` series for
    /// traffic to `target`.
    #[allow(clippy::too_many_arguments)]
    fn linkerd(
        &mut self,
        target: &ServiceInfo,
        proxy_ip: &str,
        base: Attrs,
        t: &ServiceTelemetry,
        rate: f64,
        at: Step,
        out: &mut OtelBatch,
    ) {
        let resource = attrs([
            ("service.instance.id", format!("{proxy_ip}:4191").as_str()),
            ("service.name", "linkerd-proxy"),
        ]);
        let authority = format!("{}.{}.svc.cluster.local:80", target.name, target.namespace);
        let fail_code = if t.ready_backends == 0 { "503" } else { "500" };
        for (class, code, part) in [
            ("success", "200", 1.0 - t.error_rate),
            ("failure", fail_code, t.error_rate),
        ] {
            let mut a = base.clone();
            a.insert("authority".into(), authority.clone());
            a.insert("classification".into(), class.into());
            a.insert("status_code".into(), code.into());
            a.insert("tls".into(), "true".into());
            let s = Sample {
                job: "linkerd-proxy",
                metric: "response_total",
                attrs: a,
                resource: &resource,
                rate: rate * part,
            };
            self.count(s, at, true, &mut out.sums);
        }
        let mut a = base;
        a.insert("authority".into(), authority);
        a.insert("tls".into(), "true".into());
        let s = Sample {
            job: "linkerd-proxy",
            metric: "response_latency_ms",
            attrs: a,
            resource: &resource,
            rate,
        };
        self.observe(s, LINKERD_BOUNDS, median_ms(t), at, &mut out.histograms);
    }
}

/// The median latency the model implies (ms).
pub fn median_ms(t: &ServiceTelemetry) -> f64 {
    t.base_latency_ms * t.latency_factor
}

/// Labels Linkerd's scrape config adds for the proxy of `pod`.
fn workload_attrs(svc: &ServiceInfo, pod: &str) -> Attrs {
    let mut a = attrs([("namespace", svc.namespace.as_str()), ("pod", pod)]);
    if !svc.workload_kind.is_empty() {
        a.insert(svc.workload_kind.to_owned(), svc.name.clone());
    }
    a
}
