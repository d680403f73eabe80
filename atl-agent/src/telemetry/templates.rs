//! Marks log templates that are new for their service.
//!
//! A template is `new` when it first appeared less than an hour ago *and* its service had already
//! been watched for a full window before that, so the agent's start (when every template is
//! unseen) does not flag everything. Pure and driven by the time passed in; templates not seen
//! for an hour are forgotten and each service keeps at most `MAX_PER_SERVICE`.

use super::concentrator::{MINUTES, minute_index};
use super::service_key::ServiceKey;
use atl_core::Timestamp;
use atl_core::telemetry::LogStats;
use std::collections::HashMap;

/// Templates remembered per service.
pub const MAX_PER_SERVICE: usize = 500;

#[derive(Debug, Default)]
struct ServiceTemplates {
    watched_since: i64,
    last_seen: i64,
    // template → (first minute, last minute)
    seen: HashMap<String, (i64, i64)>,
}

/// First/last sightings of templates per service.
#[derive(Debug, Default)]
pub struct TemplateTracker {
    services: HashMap<ServiceKey, ServiceTemplates>,
}

impl TemplateTracker {
    /// An empty tracker.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the templates of `logs` at `now` and sets their `new` flag; `window_minutes` is
    /// how long a service must have been watched before its templates can be new.
    pub fn mark(&mut self, now: Timestamp, window_minutes: i64, logs: &mut [LogStats]) {
        let now_minute = minute_index(now);
        let horizon = now_minute - MINUTES as i64;
        for stats in logs.iter_mut() {
            let svc = self
                .services
                .entry((
                    stats.namespace.clone().unwrap_or_default(),
                    stats.service.clone(),
                ))
                .or_insert_with(|| ServiceTemplates {
                    watched_since: now_minute,
                    ..Default::default()
                });
            svc.last_seen = now_minute;
            for t in &mut stats.templates {
                let (first, last) = svc
                    .seen
                    .entry(t.template.clone())
                    .or_insert((now_minute, now_minute));
                *last = now_minute;
                t.new = *first > horizon && *first >= svc.watched_since + window_minutes;
            }
            if svc.seen.len() > MAX_PER_SERVICE {
                let mut by_last: Vec<(i64, String)> =
                    svc.seen.iter().map(|(k, (_, l))| (*l, k.clone())).collect();
                by_last.sort();
                for (_, k) in by_last.into_iter().take(svc.seen.len() - MAX_PER_SERVICE) {
                    svc.seen.remove(&k);
                }
            }
        }
        for svc in self.services.values_mut() {
            svc.seen.retain(|_, (_, last)| *last > horizon);
        }
        self.services.retain(|_, s| s.last_seen > horizon);
    }

    /// Services tracked.
    pub fn len(&self) -> usize {
        self.services.len()
    }

    /// True when no service is tracked.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use atl_core::telemetry::LogTemplate;

    fn at(minute: i64) -> Timestamp {
        Timestamp::from_timestamp(minute * 60, 0).unwrap()
    }

    fn logs(templates: &[&str]) -> Vec<LogStats> {
        vec![LogStats {
            service: "api".into(),
            templates: templates
                .iter()
                .map(|t| LogTemplate {
                    template: t.to_string(),
                    count: 1,
                    severity: "ERROR".into(),
                    new: false,
                })
                .collect(),
            ..Default::default()
        }]
    }

    #[test]
    fn templates_seen_at_start_are_not_new_later_ones_are() {
        let mut tr = TemplateTracker::new();
        let base = 29_000_000;
        let mut l = logs(&["timeout after <*> ms"]);
        tr.mark(at(base), 5, &mut l);
        assert!(
            !l[0].templates[0].new,
            "unseen at start is the baseline, not news"
        );
        // Within the first window a newcomer is still part of the warm-up.
        let mut l = logs(&["timeout after <*> ms", "pool exhausted"]);
        tr.mark(at(base + 3), 5, &mut l);
        assert!(!l[0].templates[1].new);
        let mut l = logs(&["timeout after <*> ms", "NullPointerException in <*>"]);
        tr.mark(at(base + 10), 5, &mut l);
        assert!(!l[0].templates[0].new);
        assert!(l[0].templates[1].new);
        // Still new 59 minutes after it first appeared, no longer after an hour.
        let mut l = logs(&["NullPointerException in <*>"]);
        tr.mark(at(base + 69), 5, &mut l);
        assert!(l[0].templates[0].new);
        let mut l = logs(&["NullPointerException in <*>"]);
        tr.mark(at(base + 70), 5, &mut l);
        assert!(!l[0].templates[0].new);
    }

    #[test]
    fn same_named_services_of_two_namespaces_have_their_own_templates() {
        let mut tr = TemplateTracker::new();
        let base = 29_000_000;
        let in_ns = |namespace: &str, templates: &[&str]| {
            let mut l = logs(templates);
            l[0].namespace = Some(namespace.into());
            l
        };
        let mut l = [in_ns("shop", &["timeout"]), in_ns("payments", &[])].concat();
        tr.mark(at(base), 5, &mut l);
        assert_eq!(tr.len(), 2);
        // shop/api has said it all along; for payments/api it is a new kind of line.
        let mut l = [in_ns("shop", &["timeout"]), in_ns("payments", &["timeout"])].concat();
        tr.mark(at(base + 10), 5, &mut l);
        assert!(!l[0].templates[0].new);
        assert!(l[1].templates[0].new);
    }

    #[test]
    fn silent_services_are_forgotten_after_the_hour() {
        let mut tr = TemplateTracker::new();
        let base = 29_000_000;
        tr.mark(at(base), 5, &mut logs(&["a"]));
        tr.mark(at(base + 59), 5, &mut []);
        assert_eq!(tr.len(), 1);
        tr.mark(at(base + 60), 5, &mut []);
        assert!(tr.is_empty());
    }
}
