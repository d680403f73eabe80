//! Log line counts per service and severity from `otel_logs`, and templates of the warning and
//! error lines (variables masked) so that a new kind of error shows up as a new template.
//! Services are per (namespace, service.name), as in the APM part.

use super::fetch::Window;
use super::service_key::{NAMESPACE_SQL as NAMESPACE, ServiceKey, namespace_field};
use atl_core::telemetry::{LogStats, LogTemplate};
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

#[derive(Row, Deserialize)]
struct TemplateRow {
    service: String,
    namespace: String,
    severity: String,
    template: String,
    count: u64,
}

/// Templates kept per service (the most frequent).
pub const TEMPLATES_PER_SERVICE: u64 = 10;
/// Longest template text.
const TEMPLATE_CHARS: u32 = 200;

// Variable parts of a line, masked as `<*>` in this order: UUIDs, IPv4 addresses with an optional
// port, hex tokens (0x…, or hex characters mixing digits and letters: ids, hashes), numbers.
// RE2 syntax, with no `?` (the client's bind placeholder).
const MASKS: [&str; 4] = [
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    r"\b[0-9]{1,3}(\.[0-9]{1,3}){3}(:[0-9]+){0,1}\b",
    r"\b(0x[0-9a-fA-F]+|[0-9a-fA-F]*[0-9][0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*|[0-9a-fA-F]*[a-fA-F][0-9a-fA-F]*[0-9][0-9a-fA-F]*)\b",
    r"\b[0-9]+(\.[0-9]+){0,1}\b",
];

fn masked_body() -> String {
    MASKS.iter().fold("Body".to_string(), |expr, re| {
        // Backslashes are doubled for the SQL string literal.
        format!(
            "replaceRegexpAll({expr}, '{}', '<*>')",
            re.replace('\\', "\\\\")
        )
    })
}

/// Counts per service in the window, with the templates of its warning and error lines.
pub async fn collect(client: &Client, window: Window) -> clickhouse::error::Result<Vec<LogStats>> {
    let mut stats = counts(client, window).await?;
    let templates: Vec<TemplateRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, ns AS namespace, \
               if(sev >= 17, 'ERROR', 'WARN') AS severity, \
               substring({body}, 1, {TEMPLATE_CHARS}) AS template, count() AS count \
             FROM (SELECT ServiceName, {NAMESPACE} AS ns, Body, {SEVERITY} AS sev FROM otel_logs \
                   WHERE Timestamp >= fromUnixTimestamp64Milli(toInt64(?), 'UTC') \
                     AND Timestamp <= fromUnixTimestamp64Milli(toInt64(?), 'UTC')) \
             WHERE sev >= 13 \
             GROUP BY namespace, service, severity, template \
             ORDER BY namespace, service, count DESC, template LIMIT ? BY namespace, service",
            body = masked_body()
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .bind(TEMPLATES_PER_SERVICE)
        .fetch_all()
        .await?;
    for row in templates {
        let owner = stats.iter_mut().find(|s| {
            s.service == row.service && s.namespace.as_deref().unwrap_or("") == row.namespace
        });
        if let Some(s) = owner {
            s.templates.push(LogTemplate {
                template: row.template,
                count: row.count,
                severity: row.severity,
                new: false,
            });
        }
    }
    Ok(stats)
}

async fn counts(client: &Client, window: Window) -> clickhouse::error::Result<Vec<LogStats>> {
    let rows: Vec<LogRow> = client
        .query(&format!(
            "SELECT ServiceName AS service, ns AS namespace, \
               countIf(sev <= 8) AS debug, countIf(sev BETWEEN 9 AND 12) AS info, \
               countIf(sev BETWEEN 13 AND 16) AS warn, countIf(sev >= 17) AS error \
             FROM (SELECT ServiceName, {NAMESPACE} AS ns, {SEVERITY} AS sev FROM otel_logs \
                   WHERE Timestamp >= fromUnixTimestamp64Milli(toInt64(?), 'UTC') \
                     AND Timestamp <= fromUnixTimestamp64Milli(toInt64(?), 'UTC')) \
             GROUP BY namespace, service ORDER BY namespace, service"
        ))
        .bind(window.start_ms)
        .bind(window.end_ms)
        .fetch_all()
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| LogStats {
            namespace: namespace_field(&r.namespace),
            service: r.service,
            debug: r.debug,
            info: r.info,
            warn: r.warn,
            error: r.error,
            lines_per_request: None,
            templates: Vec::new(),
        })
        .collect())
}

/// Sets log lines per inbound request from the server spans per service of the same window.
pub fn attach_lines_per_request(logs: &mut [LogStats], requests: &HashMap<ServiceKey, u64>) {
    for l in logs {
        let lines = l.debug + l.info + l.warn + l.error;
        let key = (l.namespace.clone().unwrap_or_default(), l.service.clone());
        l.lines_per_request = requests
            .get(&key)
            .filter(|&&n| n > 0)
            .map(|&n| lines as f64 / n as f64);
    }
}
