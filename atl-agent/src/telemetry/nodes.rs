//! Host metrics per node from node_exporter series.

use super::counters::counter_increase;
use super::fetch::{CounterSeries, GaugeSeries, MetricSeries, Window};
use atl_core::telemetry::NodeMetrics;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Counters read from `otel_metrics_sum`.
pub const COUNTERS: [&str; 12] = [
    "node_cpu_seconds_total",
    "node_disk_read_bytes_total",
    "node_disk_written_bytes_total",
    "node_network_receive_bytes_total",
    "node_network_transmit_bytes_total",
    "node_network_receive_errs_total",
    "node_network_transmit_errs_total",
    "node_network_receive_drop_total",
    "node_network_transmit_drop_total",
    "node_pressure_cpu_waiting_seconds_total",
    "node_pressure_memory_waiting_seconds_total",
    "node_pressure_io_waiting_seconds_total",
];

/// Gauges read from `otel_metrics_gauge`.
pub const GAUGES: [&str; 8] = [
    "node_load1",
    "node_memory_MemTotal_bytes",
    "node_memory_MemAvailable_bytes",
    "node_filesystem_size_bytes",
    "node_filesystem_avail_bytes",
    "node_hwmon_temp_celsius",
    "node_netstat_Tcp_CurrEstab",
    "node_sockstat_TCP_tw",
];

// Resource attributes that name the scraped host, best first.
const NODE_KEYS: [&str; 5] = [
    "k8s.node.name",
    "host.name",
    "net.host.name",
    "server.address",
    "service.instance.id",
];

// Virtual interfaces whose traffic is already counted on a physical one (pod veths, bridges,
// overlays); summing them would count pod traffic twice.
const VIRTUAL_NET_PREFIXES: [&str; 12] = [
    "lo", "veth", "cali", "cni", "flannel", "docker", "br-", "lxc", "tunl", "vxlan", "cilium",
    "kube-",
];

/// The node a series belongs to: a Kubernetes node name when the collector added one, else the
/// scrape target's host, mapped through `aliases` (e.g. InternalIP → node name).
pub fn node_of<P>(s: &MetricSeries<P>, aliases: &HashMap<String, String>) -> String {
    let raw = NODE_KEYS
        .iter()
        .filter_map(|k| s.resource.get(*k))
        .find(|v| !v.is_empty())
        .map(String::as_str)
        .unwrap_or("");
    // `service.instance.id` is `host:port` for scrapes.
    let host = match raw.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) && !h.is_empty() => h,
        _ => raw,
    };
    aliases
        .get(host)
        .cloned()
        .unwrap_or_else(|| host.to_string())
}

fn is_physical_interface(device: &str) -> bool {
    !VIRTUAL_NET_PREFIXES.iter().any(|p| device.starts_with(p))
}

#[derive(Default)]
struct NodeAcc {
    cpu_total: f64,
    cpu_idle: f64,
    cpu_iowait: f64,
    cpus: BTreeSet<String>,
    m: NodeMetrics,
}

/// Node metrics from the counters and latest gauges of the window, ordered by node name.
pub fn build(
    counters: &[CounterSeries],
    gauges: &[GaugeSeries],
    aliases: &HashMap<String, String>,
    window: Window,
) -> Vec<NodeMetrics> {
    let mut nodes: BTreeMap<String, NodeAcc> = BTreeMap::new();
    for s in counters {
        let Some(rate) = counter_increase(&s.points).rate_in(window.start_ms, window.end_ms) else {
            continue;
        };
        let acc = nodes.entry(node_of(s, aliases)).or_default();
        let device = s.attr("device");
        match s.metric.as_str() {
            "node_cpu_seconds_total" => {
                acc.cpu_total += rate;
                match s.attr("mode") {
                    "idle" => acc.cpu_idle += rate,
                    "iowait" => acc.cpu_iowait += rate,
                    _ => {}
                }
                acc.cpus.insert(s.attr("cpu").to_string());
            }
            "node_disk_read_bytes_total" => acc.m.disk_read_bytes_per_sec += rate,
            "node_disk_written_bytes_total" => acc.m.disk_write_bytes_per_sec += rate,
            "node_network_receive_bytes_total" if is_physical_interface(device) => {
                acc.m.net_rx_bytes_per_sec += rate
            }
            "node_network_transmit_bytes_total" if is_physical_interface(device) => {
                acc.m.net_tx_bytes_per_sec += rate
            }
            "node_network_receive_errs_total"
            | "node_network_transmit_errs_total"
            | "node_network_receive_drop_total"
            | "node_network_transmit_drop_total"
                if is_physical_interface(device) =>
            {
                acc.m.net_errors_per_sec += rate
            }
            // PSI counters are seconds stalled per second, i.e. already a share of time.
            "node_pressure_cpu_waiting_seconds_total" => acc.m.psi_cpu_some = rate.clamp(0.0, 1.0),
            "node_pressure_memory_waiting_seconds_total" => {
                acc.m.psi_memory_some = rate.clamp(0.0, 1.0)
            }
            "node_pressure_io_waiting_seconds_total" => acc.m.psi_io_some = rate.clamp(0.0, 1.0),
            _ => {}
        }
    }
    for s in gauges {
        let value = s.points.first().copied().unwrap_or(0.0);
        if !value.is_finite() {
            continue;
        }
        let acc = nodes.entry(node_of(s, aliases)).or_default();
        let bytes = value.max(0.0) as u64;
        let root = s.attr("mountpoint") == "/";
        match s.metric.as_str() {
            "node_load1" => acc.m.load1 = value,
            "node_memory_MemTotal_bytes" => acc.m.memory_total_bytes = bytes,
            "node_memory_MemAvailable_bytes" => acc.m.memory_available_bytes = bytes,
            "node_filesystem_size_bytes" if root => acc.m.disk_total_bytes = bytes,
            "node_filesystem_avail_bytes" if root => acc.m.disk_free_bytes = bytes,
            "node_hwmon_temp_celsius" => {
                acc.m.temperature_c = Some(acc.m.temperature_c.map_or(value, |t| t.max(value)))
            }
            "node_netstat_Tcp_CurrEstab" => acc.m.tcp_established = bytes,
            "node_sockstat_TCP_tw" => acc.m.tcp_time_wait = bytes,
            _ => {}
        }
    }
    nodes
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, acc)| {
            let mut m = acc.m;
            m.node = name;
            if acc.cpu_total > 0.0 {
                m.cpu_usage = (1.0 - acc.cpu_idle / acc.cpu_total).clamp(0.0, 1.0);
                m.cpu_iowait = (acc.cpu_iowait / acc.cpu_total).clamp(0.0, 1.0);
            }
            m.cores = acc.cpus.len() as u32;
            m
        })
        .collect()
}
