//! Telemetry into ClickHouse: the simulated cluster's telemetry model turned into the rows the
//! OpenTelemetry Collector's ClickHouse exporter stores (`otel_metrics_sum`, `_gauge`,
//! `_histogram`, `otel_traces`, `otel_logs`), the way node_exporter, Traefik and Linkerd scrapes
//! and instrumented services would produce them, and a writer that inserts them over HTTP.
//!
//! [`OtelSampler`] produces the rows on the simulated clock (deterministic: same scenario, seed
//! and ticks ⇒ byte-identical rows); [`OtelWriter`] queues and sends them. See `docs/sim.md`,
//! "Telemetry into ClickHouse".

mod latency;
mod pipeline;
pub mod rows;
mod sampler;
pub mod topology;
mod traces;
mod writer;

pub use pipeline::spawn_clock_with_telemetry;
pub use rows::{GaugeRow, HistogramRow, LogRow, OtelBatch, SpanRow, SumRow, TableRows};
pub use sampler::{OtelConfig, OtelSampler, median_ms};
pub use topology::Topology;
pub use writer::{DEFAULT_MAX_BUFFERED_ROWS, OtelWriteError, OtelWriter};
