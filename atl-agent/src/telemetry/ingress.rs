//! Traefik ingress SLIs per Traefik service.

use super::fetch::{CounterSeries, HistogramSeries, Window};
use super::sli::{Classified, SliAcc, SliMinute, is_server_error};
use atl_core::telemetry::{IngressSli, SliSource};
use std::collections::BTreeMap;

/// Request counter (labels service, code, method, protocol).
pub const REQUESTS: &str = "traefik_service_requests_total";
/// Request duration histogram in seconds (same labels).
pub const DURATION: &str = "traefik_service_request_duration_seconds";

/// SLIs and per-minute counts from the Traefik series of the window.
pub fn build(
    counters: &[CounterSeries],
    histograms: &[HistogramSeries],
    window: Window,
) -> (Vec<IngressSli>, Vec<SliMinute>) {
    let mut by_service: BTreeMap<&str, SliAcc> = BTreeMap::new();
    for s in counters.iter().filter(|s| s.metric == REQUESTS) {
        let code = s.attr("code");
        by_service
            .entry(s.attr("service"))
            .or_default()
            .add_counter(
                s,
                Classified {
                    failed: is_server_error(code),
                    mtls: false,
                    code,
                    method: s.attr("method"),
                },
            );
    }
    for s in histograms.iter().filter(|s| s.metric == DURATION) {
        // Seconds → milliseconds.
        by_service
            .entry(s.attr("service"))
            .or_default()
            .add_histogram(s, 1000.0);
    }
    let mut slis = Vec::new();
    let mut minutes = Vec::new();
    for (service, acc) in by_service.iter().filter(|(s, _)| !s.is_empty()) {
        minutes.extend(acc.minutes(SliSource::Ingress, service, window));
        slis.push(IngressSli {
            service: service.to_string(),
            namespace: None,
            backend: None,
            host: None,
            rps: acc.rps,
            success_ratio: acc.success_ratio(),
            latency: acc.latency(),
            total_requests: acc.total.round() as u64,
            error_requests: acc.errors.round() as u64,
            status_codes: SliAcc::counts(&acc.codes),
            methods: SliAcc::counts(&acc.methods),
        });
    }
    (slis, minutes)
}
