//! Traefik ingress SLIs per Traefik service.

use super::fetch::{CounterSeries, HistogramSeries, Window};
use super::sli::{Classified, SliAcc, SliMinute, is_server_error};
use atl_core::telemetry::{IngressSli, SliSource};
use std::collections::BTreeMap;

/// Request counter (labels service, code, method, protocol).
pub const REQUESTS: &str = "traefik_service_requests_total";
/// Request duration histogram in seconds (same labels).
pub const DURATION: &str = "traefik_service_request_duration_seconds";

/// The Kubernetes backend of a Traefik service name. Traefik's Kubernetes providers name services
/// `<namespace>-<service>-<port>@<provider>`; namespaces and services may contain `-`, so the name
/// is matched against the (namespace, service) pairs the cluster actually has, longest first.
pub fn backend_of<'a>(
    traefik_service: &str,
    known: &'a [(String, String)],
) -> Option<&'a (String, String)> {
    let (base, provider) = traefik_service.rsplit_once('@')?;
    if !provider.starts_with("kubernetes") {
        return None;
    }
    known
        .iter()
        .filter(|(ns, svc)| {
            base.strip_prefix(ns.as_str())
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|r| r.strip_prefix(svc.as_str()))
                .and_then(|r| r.strip_prefix('-'))
                .is_some_and(|port| !port.is_empty())
        })
        .max_by_key(|(ns, svc)| ns.len() + svc.len())
}

/// SLIs and per-minute counts from the Traefik series of the window; `known_services` are the
/// cluster's (namespace, service) pairs, used to name each SLI's backend.
pub fn build(
    counters: &[CounterSeries],
    histograms: &[HistogramSeries],
    window: Window,
    known_services: &[(String, String)],
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
                window,
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
        let backend = backend_of(service, known_services);
        slis.push(IngressSli {
            service: service.to_string(),
            namespace: backend.map(|(ns, _)| ns.clone()),
            backend: backend.map(|(_, svc)| svc.clone()),
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

#[cfg(test)]
mod tests {
    use super::backend_of;

    #[test]
    fn traefik_service_names_map_to_kubernetes_services() {
        let known = vec![
            ("shop".to_string(), "api".to_string()),
            ("shop".to_string(), "api-v2".to_string()),
            ("shop-eu".to_string(), "api".to_string()),
        ];
        let of = |name: &str| backend_of(name, &known).map(|(n, s)| (n.as_str(), s.as_str()));
        assert_eq!(of("shop-api-80@kubernetes"), Some(("shop", "api")));
        // The longest match wins where dashes make names ambiguous.
        assert_eq!(
            of("shop-api-v2-http@kubernetescrd"),
            Some(("shop", "api-v2"))
        );
        assert_eq!(of("shop-eu-api-443@kubernetes"), Some(("shop-eu", "api")));
        assert_eq!(of("shop-web-80@kubernetes"), None);
        assert_eq!(of("shop-api-80@file"), None);
        assert_eq!(of("shop-api-@kubernetes"), None);
    }
}
