//! Hand-written Prometheus counters and gauges, rendered in the text exposition format.
//! A mutex-guarded map is plenty at our update rates (a few per request).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;

#[derive(Default)]
pub struct Metrics {
    counters: Mutex<BTreeMap<(String, String), u64>>,
    gauges: Mutex<BTreeMap<(String, String), f64>>,
}

fn label_string(labels: &[(&str, &str)]) -> String {
    if labels.is_empty() {
        return String::new();
    }
    let inner: Vec<String> = labels
        .iter()
        .map(|(k, v)| {
            let v = v
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n");
            format!("{k}=\"{v}\"")
        })
        .collect();
    format!("{{{}}}", inner.join(","))
}

impl Metrics {
    pub fn inc(&self, name: &str, labels: &[(&str, &str)]) {
        self.add(name, labels, 1);
    }

    pub fn add(&self, name: &str, labels: &[(&str, &str)], n: u64) {
        let mut c = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        *c.entry((name.to_string(), label_string(labels)))
            .or_default() += n;
    }

    pub fn set(&self, name: &str, labels: &[(&str, &str)], v: f64) {
        let mut g = self.gauges.lock().unwrap_or_else(|p| p.into_inner());
        g.insert((name.to_string(), label_string(labels)), v);
    }

    /// Text exposition format 0.0.4.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut last = String::new();
        let counters = self
            .counters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        for ((name, labels), v) in &counters {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} counter");
                last.clone_from(name);
            }
            let _ = writeln!(out, "{name}{labels} {v}");
        }
        let gauges = self
            .gauges
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        for ((name, labels), v) in &gauges {
            if *name != last {
                let _ = writeln!(out, "# TYPE {name} gauge");
                last.clone_from(name);
            }
            let _ = writeln!(out, "{name}{labels} {v}");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_with_labels() {
        let m = Metrics::default();
        m.inc("atl_x_total", &[("a", "b\"c")]);
        m.inc("atl_x_total", &[("a", "b\"c")]);
        m.set("atl_g", &[], 1.5);
        let text = m.render();
        assert!(
            text.contains("# TYPE atl_x_total counter\natl_x_total{a=\"b\\\"c\"} 2\n"),
            "{text}"
        );
        assert!(text.contains("atl_g 1.5"));
    }
}
