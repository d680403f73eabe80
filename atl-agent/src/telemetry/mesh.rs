//! Linkerd mesh SLIs per workload (inbound) and per edge (outbound).

use super::fetch::{CounterSeries, HistogramSeries, MetricSeries, Window};
use super::sli::{Classified, SliAcc, SliMinute, is_server_error};
use atl_core::telemetry::{MeshEdge, MeshSli, SliSource};
use std::collections::BTreeMap;

/// Response counter of the Linkerd proxy.
pub const RESPONSES: &str = "response_total";
/// Response latency histogram of the Linkerd proxy, in milliseconds.
pub const LATENCY: &str = "response_latency_ms";

const WORKLOAD_LABELS: [&str; 5] = ["deployment", "statefulset", "daemonset", "k8s_job", "pod"];
const DST_LABELS: [&str; 4] = [
    "dst_deployment",
    "dst_statefulset",
    "dst_daemonset",
    "dst_service",
];

type Workload = (String, String);

fn workload<P>(s: &MetricSeries<P>) -> Workload {
    (
        s.attr("namespace").to_string(),
        s.first_attr(&WORKLOAD_LABELS).to_string(),
    )
}

fn destination<P>(s: &MetricSeries<P>) -> Workload {
    (
        s.attr("dst_namespace").to_string(),
        s.first_attr(&DST_LABELS).to_string(),
    )
}

fn classify(s: &CounterSeries) -> Classified<'_> {
    let code = s.attr("status_code");
    let failed = match s.attr("classification") {
        "" => is_server_error(code),
        c => c != "success",
    };
    Classified {
        failed,
        mtls: s.attr("tls") == "true",
        code,
        method: "",
    }
}

/// Mesh SLIs, edges and per-minute SLI counts from the Linkerd series of the window.
pub fn build(
    counters: &[CounterSeries],
    histograms: &[HistogramSeries],
    window: Window,
) -> (Vec<MeshSli>, Vec<MeshEdge>, Vec<SliMinute>) {
    let mut inbound: BTreeMap<Workload, SliAcc> = BTreeMap::new();
    let mut outbound: BTreeMap<(Workload, Workload), SliAcc> = BTreeMap::new();
    for s in counters.iter().filter(|s| s.metric == RESPONSES) {
        match s.attr("direction") {
            "inbound" => {
                inbound
                    .entry(workload(s))
                    .or_default()
                    .add_counter(s, classify(s), window)
            }
            "outbound" => outbound
                .entry((workload(s), destination(s)))
                .or_default()
                .add_counter(s, classify(s), window),
            _ => {}
        }
    }
    for s in histograms.iter().filter(|s| s.metric == LATENCY) {
        match s.attr("direction") {
            "inbound" => inbound
                .entry(workload(s))
                .or_default()
                .add_histogram(s, 1.0),
            "outbound" => outbound
                .entry((workload(s), destination(s)))
                .or_default()
                .add_histogram(s, 1.0),
            _ => {}
        }
    }
    let mut slis = Vec::new();
    let mut minutes = Vec::new();
    for ((namespace, name), acc) in inbound.iter().filter(|((_, w), _)| !w.is_empty()) {
        minutes.extend(acc.minutes(SliSource::Mesh, &format!("{namespace}/{name}"), window));
        slis.push(MeshSli {
            namespace: namespace.clone(),
            workload: name.clone(),
            rps: acc.rps,
            success_ratio: acc.success_ratio(),
            latency: acc.latency(),
            mtls_ratio: acc.mtls_ratio(),
            total_requests: acc.total.round() as u64,
            error_requests: acc.errors.round() as u64,
        });
    }
    let edges = outbound
        .iter()
        .filter(|(((_, src), (_, dst)), _)| !src.is_empty() && !dst.is_empty())
        .map(|(((src_ns, src), (dst_ns, dst)), acc)| MeshEdge {
            src_namespace: src_ns.clone(),
            src_workload: src.clone(),
            dst_namespace: dst_ns.clone(),
            dst_workload: dst.clone(),
            rps: acc.rps,
            success_ratio: acc.success_ratio(),
            latency: acc.latency(),
        })
        .collect();
    (slis, edges, minutes)
}
