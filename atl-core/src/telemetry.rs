//! The telemetry part of a snapshot, read by the agent from OTel data in ClickHouse (or from the
//! simulator). Units are fixed once for the whole system:
//! rates per second, ratios in [0, 1], latencies in milliseconds, sizes in bytes.

use crate::Timestamp;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Upper bounds (ms) of the fixed latency ladder that per-minute SLI histograms use, so that any
/// latency target can be evaluated later. The last bucket is +Inf and is implied.
pub const LATENCY_BUCKETS_MS: [f64; 14] = [
    5.0, 10.0, 25.0, 50.0, 100.0, 200.0, 300.0, 500.0, 750.0, 1000.0, 2500.0, 5000.0, 10000.0,
    30000.0,
];

/// Telemetry of one cluster.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Telemetry {
    /// Window over which the rates below were computed, in seconds.
    pub window_secs: u32,
    /// Per-node host metrics (node_exporter).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeMetrics>,
    /// Ingress SLIs per Traefik service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ingress: Vec<IngressSli>,
    /// Mesh SLIs per workload (Linkerd inbound).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mesh: Vec<MeshSli>,
    /// Mesh edges workload → workload (Linkerd outbound).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mesh_edges: Vec<MeshEdge>,
    /// APM per service from server spans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apm: Vec<ApmService>,
    /// Service → service calls seen in traces.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apm_edges: Vec<ApmEdge>,
    /// Log counts per service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logs: Vec<LogStats>,
    /// Per-minute series of the last hour from the agent's concentrator.
    #[serde(default)]
    pub series: Series,
    /// Which sources answered; a failing source degrades only its part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceStatus>,
}

/// Whether a telemetry source answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SourceStatus {
    /// Source, e.g. `otel_metrics_sum`, `otel_traces`.
    pub source: String,
    /// True when the last query succeeded.
    pub ok: bool,
    /// Error text when not ok.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Latency percentiles in milliseconds, estimated from histogram buckets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Latency {
    /// 50th percentile (ms).
    pub p50_ms: f64,
    /// 90th percentile (ms).
    pub p90_ms: f64,
    /// 95th percentile (ms).
    pub p95_ms: f64,
    /// 99th percentile (ms).
    pub p99_ms: f64,
}

/// Host metrics of one node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeMetrics {
    /// Node name.
    pub node: String,
    /// CPU busy share over all cores, in [0,1].
    pub cpu_usage: f64,
    /// iowait share, in [0,1].
    #[serde(default)]
    pub cpu_iowait: f64,
    /// 1-minute load average.
    #[serde(default)]
    pub load1: f64,
    /// Number of CPU cores.
    #[serde(default)]
    pub cores: u32,
    /// Total memory (bytes).
    pub memory_total_bytes: u64,
    /// Available memory (bytes).
    pub memory_available_bytes: u64,
    /// Root filesystem size (bytes).
    #[serde(default)]
    pub disk_total_bytes: u64,
    /// Root filesystem free (bytes).
    #[serde(default)]
    pub disk_free_bytes: u64,
    /// Disk read rate (bytes/s).
    #[serde(default)]
    pub disk_read_bytes_per_sec: f64,
    /// Disk write rate (bytes/s).
    #[serde(default)]
    pub disk_write_bytes_per_sec: f64,
    /// Network receive rate over non-loopback interfaces (bytes/s).
    #[serde(default)]
    pub net_rx_bytes_per_sec: f64,
    /// Network transmit rate (bytes/s).
    #[serde(default)]
    pub net_tx_bytes_per_sec: f64,
    /// Network errors + drops per second.
    #[serde(default)]
    pub net_errors_per_sec: f64,
    /// PSI: share of time some task waited on CPU, in [0,1].
    #[serde(default)]
    pub psi_cpu_some: f64,
    /// PSI: share of time some task waited on memory, in [0,1].
    #[serde(default)]
    pub psi_memory_some: f64,
    /// PSI: share of time some task waited on IO, in [0,1].
    #[serde(default)]
    pub psi_io_some: f64,
    /// Highest temperature sensor (°C).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature_c: Option<f64>,
    /// Established TCP connections.
    #[serde(default)]
    pub tcp_established: u64,
    /// TCP sockets in TIME_WAIT.
    #[serde(default)]
    pub tcp_time_wait: u64,
}

impl NodeMetrics {
    /// Memory in use as a share of total, in [0,1].
    pub fn memory_usage(&self) -> f64 {
        ratio(
            self.memory_total_bytes
                .saturating_sub(self.memory_available_bytes),
            self.memory_total_bytes,
        )
    }
    /// Disk in use as a share of total, in [0,1].
    pub fn disk_usage(&self) -> f64 {
        ratio(
            self.disk_total_bytes.saturating_sub(self.disk_free_bytes),
            self.disk_total_bytes,
        )
    }
}

/// `part / whole`, 0 when whole is 0.
pub fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Ingress SLI of one Traefik service (a route to a Kubernetes service).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct IngressSli {
    /// Traefik service name, e.g. `shop-api-80@kubernetes`.
    pub service: String,
    /// Kubernetes namespace of the backend service, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Kubernetes backend service name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backend: Option<String>,
    /// Host, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Requests per second.
    pub rps: f64,
    /// Share of non-5xx responses, in [0,1].
    pub success_ratio: f64,
    /// Latency percentiles.
    pub latency: Latency,
    /// Requests in the window.
    pub total_requests: u64,
    /// 5xx responses in the window.
    pub error_requests: u64,
    /// Responses by status code class (`2xx` …) or code.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_codes: Vec<CodeCount>,
    /// Requests by HTTP method.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<CodeCount>,
}

/// A label and its count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CodeCount {
    /// Status code or method.
    pub label: String,
    /// Count in the window.
    pub count: u64,
}

/// Mesh SLI of one workload (inbound traffic).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeshSli {
    /// Namespace.
    pub namespace: String,
    /// Workload (deployment) name.
    pub workload: String,
    /// Requests per second.
    pub rps: f64,
    /// Share of successful responses, in [0,1].
    pub success_ratio: f64,
    /// Latency percentiles.
    pub latency: Latency,
    /// Share of requests over mTLS, in [0,1].
    pub mtls_ratio: f64,
    /// Requests in the window.
    pub total_requests: u64,
    /// Failed responses in the window.
    pub error_requests: u64,
}

/// Mesh edge between two workloads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MeshEdge {
    /// Source namespace.
    pub src_namespace: String,
    /// Source workload.
    pub src_workload: String,
    /// Destination namespace.
    pub dst_namespace: String,
    /// Destination workload.
    pub dst_workload: String,
    /// Requests per second.
    pub rps: f64,
    /// Share of successful responses, in [0,1].
    pub success_ratio: f64,
    /// Latency percentiles.
    pub latency: Latency,
}

/// APM summary of one service from its server spans.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApmService {
    /// service.name.
    pub service: String,
    /// Namespace: `k8s.namespace.name`, else `service.namespace`, when present. Services of the
    /// same name in different namespaces are distinct.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Server spans per second.
    pub rps: f64,
    /// Share of spans with error status, in [0,1].
    pub error_ratio: f64,
    /// Median span duration (ms).
    pub p50_ms: f64,
    /// 99th percentile span duration (ms).
    pub p99_ms: f64,
    /// Mean time per request spent in this service itself, not waiting on its children (ms).
    /// It separates slow code or a slow network in one service from slowness it only inherits.
    pub self_time_ms: f64,
    /// self_time_ms as a share of the mean span duration, in [0,1].
    pub self_time_ratio: f64,
    /// Busiest operations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub top_operations: Vec<ApmOperation>,
}

/// One operation (span name) of a service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApmOperation {
    /// Span name.
    pub name: String,
    /// Spans per second.
    pub rps: f64,
    /// Share of error spans, in [0,1].
    pub error_ratio: f64,
    /// 99th percentile (ms).
    pub p99_ms: f64,
}

/// A service → service call edge from traces.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApmEdge {
    /// Calling service.
    pub caller: String,
    /// Namespace of the calling service, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller_namespace: Option<String>,
    /// Called service.
    pub callee: String,
    /// Namespace of the called service, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callee_namespace: Option<String>,
    /// Calls per second.
    pub rps: f64,
    /// Share of failed calls, in [0,1].
    pub error_ratio: f64,
    /// 99th percentile call duration (ms).
    pub p99_ms: f64,
}

/// Log counts of one service over the window.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LogStats {
    /// service.name.
    pub service: String,
    /// Namespace, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Lines at DEBUG or below.
    #[serde(default)]
    pub debug: u64,
    /// Lines at INFO.
    #[serde(default)]
    pub info: u64,
    /// Lines at WARN.
    #[serde(default)]
    pub warn: u64,
    /// Lines at ERROR or FATAL.
    #[serde(default)]
    pub error: u64,
    /// Log lines per inbound request, when the request rate is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines_per_request: Option<f64>,
    /// Log templates that are new or suddenly frequent (template mining on the agent).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub templates: Vec<LogTemplate>,
}

/// A mined log template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LogTemplate {
    /// Template text with variables masked, e.g. `payment <*> failed: <*>`.
    pub template: String,
    /// Lines in the window.
    pub count: u64,
    /// Severity of the lines.
    pub severity: String,
    /// First seen within the concentrator's hour.
    pub new: bool,
}

/// Per-minute series of the last 60 minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Series {
    /// Node series.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeSeries>,
    /// SLI series with good/total counts for burn rates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub slis: Vec<SliSeries>,
    /// APM series.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub apm: Vec<ApmSeries>,
}

/// Minutes of one node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodeSeries {
    /// Node name.
    pub node: String,
    /// Oldest first.
    pub points: Vec<NodePoint>,
}

/// One minute of a node.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NodePoint {
    /// Start of the minute.
    pub minute: Timestamp,
    /// CPU busy share, [0,1].
    pub cpu_usage: f64,
    /// Memory used share, [0,1].
    pub memory_usage: f64,
    /// Disk used share, [0,1].
    pub disk_usage: f64,
}

/// What an SLI measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SliSource {
    /// Traefik ingress service.
    Ingress,
    /// Linkerd mesh workload.
    Mesh,
}

/// Minutes of one SLI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SliSeries {
    /// Ingress or mesh.
    pub source: SliSource,
    /// Traefik service name, or `namespace/workload` for mesh.
    pub name: String,
    /// Oldest first.
    pub points: Vec<SliPoint>,
}

/// One minute of an SLI: counts, so burn rates can be computed over any window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SliPoint {
    /// Start of the minute.
    pub minute: Timestamp,
    /// Successful (non-5xx) requests in the minute.
    pub good: u64,
    /// All requests in the minute.
    pub total: u64,
    /// Requests per latency bucket of [`LATENCY_BUCKETS_MS`] (non-cumulative; one extra +Inf bucket).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub latency_buckets: Vec<u64>,
    /// 95th percentile in the minute (ms).
    #[serde(default)]
    pub p95_ms: f64,
    /// 99th percentile in the minute (ms).
    #[serde(default)]
    pub p99_ms: f64,
}

/// Minutes of one APM service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApmSeries {
    /// service.name.
    pub service: String,
    /// Namespace of the service, when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Oldest first.
    pub points: Vec<ApmPoint>,
}

/// One minute of an APM service.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ApmPoint {
    /// Start of the minute.
    pub minute: Timestamp,
    /// Spans per second.
    pub rps: f64,
    /// Error share, [0,1].
    pub error_ratio: f64,
    /// 99th percentile (ms).
    pub p99_ms: f64,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn apm_without_namespaces_still_decodes_and_writes_no_empty_namespace() {
        let old = r#"{"window_secs":300,
            "apm":[{"service":"api","rps":1.0,"error_ratio":0.0,"p50_ms":1.0,"p99_ms":2.0,
                    "self_time_ms":1.0,"self_time_ratio":0.5}],
            "apm_edges":[{"caller":"web","callee":"api","rps":1.0,"error_ratio":0.0,"p99_ms":2.0}],
            "series":{"apm":[{"service":"api","points":[]}]}}"#;
        let t: Telemetry = serde_json::from_str(old).unwrap();
        assert_eq!(t.apm[0].namespace, None);
        assert_eq!(t.apm_edges[0].caller_namespace, None);
        assert_eq!(t.series.apm[0].namespace, None);
        let back = serde_json::to_string(&t).unwrap();
        assert!(!back.contains("namespace"), "{back}");

        let mut t = t;
        t.apm_edges[0].callee_namespace = Some("shop".into());
        let back: Telemetry = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
        assert_eq!(back.apm_edges[0].callee_namespace.as_deref(), Some("shop"));
    }
}
