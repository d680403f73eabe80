//! Log line counts per service and severity from `otel_logs`.

use super::fetch::Window;
use atl_core::telemetry::LogStats;
use clickhouse::{Client, Row};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Row, Deserialize)]
struct LogRow {
    service: String,
    namespace: String,
    debug: u64,
    info: u64,
    warn: u64,
    error: u64,
}

// OTel severity numbers: 1–8 TRACE/DEBUG, 9–12 INFO, 13–16 WARN, 17–24 ERROR/FATAL. Writers that
// leave the number at 0 are classified by their text; unknown text counts as INFO.
const SEVERITY: &str = "multiIf(SeverityNumber > 0, toUInt8(SeverityNumber), \
     upper(SeverityText) IN ('TRACE', 'DEBUG'), 5, \
     upper(SeverityText) IN ('WARN', 'WARNING'), 13, \
     upper(SeverityText) IN ('ERROR', 'FATAL', 'CRITICAL', 'SEVERE', 'PANIC'), 17, 9)";

/// Counts per service in the window; `requests` (server spans per service) gives lines per request.
pub async fn collect(
    client: &Client,
    window: Window,
    requests: &HashMap<String, u64>,
) -> clickhouse::error::Result<Vec<LogStats>> {
    let rows: Vec<LogRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, \
               anyLast(if(ResourceAttributes['k8s.namespace.name'] != '', \
                 ResourceAttributes['k8s.namespace.name'], \
                 ResourceAttributes['service.namespace'])) AS namespace, \
               countIf(sev <= 8) AS debug, countIf(sev BETWEEN 9 AND 12) AS info, \
               countIf(sev BETWEEN 13 AND 16) AS warn, countIf(sev >= 17) AS error \
             FROM (SELECT ServiceName, ResourceAttributes, {SEVERITY} AS sev FROM otel_logs \
                   WHERE Timestamp >= fromUnixTimestamp64Milli(toInt64(?), 'UTC') \
                     AND Timestamp <= fromUnixTimestamp64Milli(toInt64(?), 'UTC')) \
             GROUP BY ServiceName ORDER BY ServiceName"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all()
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let lines = r.debug + r.info + r.warn + r.error;
            let lines_per_request = requests
                .get(&r.service)
                .filter(|&&n| n > 0)
                .map(|&n| lines as f64 / n as f64);
            LogStats {
                namespace: (!r.namespace.is_empty()).then_some(r.namespace),
                service: r.service,
                debug: r.debug,
                info: r.info,
                warn: r.warn,
                error: r.error,
                lines_per_request,
                templates: Vec::new(),
            }
        })
        .collect())
}
