//! Incidents of the AIOps engine (SPEC §6 M5): one row per incident, its entities and its
//! timeline. The engine owns the live incident; each change is written here whole (entities and
//! timeline replaced), so the stored copy is always the engine's latest view.

use std::collections::BTreeMap;

use atl_core::aiops::{
    Candidate, Count, IncidentDetail, IncidentEntity, IncidentInfo, IncidentStats, TimelineEntry,
};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{StoreError, parse_opt_ts, parse_ts, ts};

/// Schema of the incident tables (migration 2).
pub const MIGRATION: &str = r#"
CREATE TABLE incidents (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    cluster_id    TEXT NOT NULL,
    state         TEXT NOT NULL,
    severity      TEXT NOT NULL,
    root_cause    TEXT,
    candidates    TEXT NOT NULL,
    peak_risk     REAL NOT NULL,
    started_at    TEXT NOT NULL,
    resolved_at   TEXT,
    confirmed_at  TEXT,
    updated_at    TEXT NOT NULL,
    duration_secs INTEGER NOT NULL,
    recurrence    INTEGER NOT NULL,
    summary       TEXT NOT NULL
);
CREATE INDEX incidents_cluster ON incidents(cluster_id, seq);
CREATE INDEX incidents_open ON incidents(state) WHERE state != 'resolved';
CREATE TABLE incident_entities (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('root_cause','affected','symptom')),
    r_local     REAL NOT NULL,
    r_final     REAL NOT NULL,
    state       TEXT,
    PRIMARY KEY (incident_id, entity)
);
CREATE TABLE incident_timeline (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    pos         INTEGER NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    entity      TEXT NOT NULL,
    detail      TEXT NOT NULL,
    PRIMARY KEY (incident_id, pos)
);
"#;

/// Severities from lowest to highest, for "escalated" and for sorting.
pub fn severity_rank(s: &str) -> u8 {
    match s {
        "critical" => 3,
        "high" => 2,
        "medium" => 1,
        _ => 0,
    }
}

/// State and severity of an incident before an upsert.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub state: String,
    pub severity: String,
}

/// Insert or replace an incident with its entities and timeline; returns what was stored before.
pub fn upsert(conn: &mut Connection, d: &IncidentDetail) -> Result<Option<Previous>, StoreError> {
    let tx = conn.transaction()?;
    let i = &d.info;
    let previous = tx
        .query_row(
            "SELECT state, severity FROM incidents WHERE id = ?1",
            [&i.id],
            |r| {
                Ok(Previous {
                    state: r.get(0)?,
                    severity: r.get(1)?,
                })
            },
        )
        .optional()?;
    let candidates =
        serde_json::to_string(&d.candidates).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "INSERT INTO incidents (id, cluster_id, state, severity, root_cause, candidates, peak_risk,
             started_at, resolved_at, confirmed_at, updated_at, duration_secs, recurrence, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT(id) DO UPDATE SET state = excluded.state, severity = excluded.severity,
             root_cause = excluded.root_cause, candidates = excluded.candidates,
             peak_risk = excluded.peak_risk, resolved_at = excluded.resolved_at,
             confirmed_at = COALESCE(incidents.confirmed_at, excluded.confirmed_at),
             updated_at = excluded.updated_at, duration_secs = excluded.duration_secs,
             recurrence = excluded.recurrence, summary = excluded.summary",
        params![
            i.id,
            i.cluster,
            i.state,
            i.severity,
            i.root_cause,
            candidates,
            i.peak_risk,
            ts(i.started_at),
            i.resolved_at.map(ts),
            i.confirmed_at.map(ts),
            ts(i.updated_at),
            i.duration_secs,
            i.recurrence,
            i.summary,
        ],
    )?;
    tx.execute(
        "DELETE FROM incident_entities WHERE incident_id = ?1",
        [&i.id],
    )?;
    tx.execute(
        "DELETE FROM incident_timeline WHERE incident_id = ?1",
        [&i.id],
    )?;
    {
        let mut ins = tx.prepare(
            "INSERT OR REPLACE INTO incident_entities (incident_id, entity, kind, role, r_local, r_final, state)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for e in &d.entities {
            ins.execute(params![
                i.id, e.entity, e.kind, e.role, e.r_local, e.r_final, e.state
            ])?;
        }
        let mut ins = tx.prepare(
            "INSERT INTO incident_timeline (incident_id, pos, at, kind, entity, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (pos, t) in d.timeline.iter().enumerate() {
            ins.execute(params![
                i.id,
                pos as i64,
                ts(t.at),
                t.kind,
                t.entity,
                t.detail
            ])?;
        }
    }
    tx.commit()?;
    Ok(previous)
}

const COLS: &str = "seq, id, cluster_id, state, severity, root_cause, peak_risk, started_at, \
                    resolved_at, confirmed_at, updated_at, duration_secs, recurrence, summary";

type Raw = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    f64,
    String,
    Option<String>,
    Option<String>,
    String,
    i64,
    u32,
    String,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
        r.get(12)?,
        r.get(13)?,
    ))
}

fn to_info(r: Raw) -> Result<(i64, IncidentInfo), StoreError> {
    Ok((
        r.0,
        IncidentInfo {
            id: r.1,
            cluster: r.2,
            state: r.3,
            severity: r.4,
            root_cause: r.5,
            peak_risk: r.6,
            started_at: parse_ts(&r.7)?,
            resolved_at: parse_opt_ts(r.8)?,
            confirmed_at: parse_opt_ts(r.9)?,
            updated_at: parse_ts(&r.10)?,
            duration_secs: r.11,
            recurrence: r.12,
            summary: r.13,
        },
    ))
}

/// Filters of a listing.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    pub cluster: Option<String>,
    pub state: Option<String>,
    pub severity: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// Only incidents that are not resolved.
    pub open: bool,
    pub before_seq: Option<i64>,
    pub limit: usize,
}

/// Newest first (by creation); each item with its `seq` for paging.
pub fn list(conn: &Connection, q: &ListQuery) -> Result<Vec<(i64, IncidentInfo)>, StoreError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM incidents
         WHERE (?1 IS NULL OR cluster_id = ?1) AND (?2 IS NULL OR state = ?2)
           AND (?3 IS NULL OR severity = ?3) AND (?4 IS NULL OR started_at >= ?4)
           AND (?5 = 0 OR state != 'resolved') AND (?6 IS NULL OR seq < ?6)
         ORDER BY seq DESC LIMIT ?7"
    ))?;
    let rows = stmt.query_map(
        params![
            q.cluster,
            q.state,
            q.severity,
            q.since.map(ts),
            q.open,
            q.before_seq,
            q.limit as i64
        ],
        raw,
    )?;
    rows.map(|r| to_info(r?)).collect()
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<IncidentDetail>, StoreError> {
    let Some((r, candidates)) = conn
        .query_row(
            &format!("SELECT {COLS}, candidates FROM incidents WHERE id = ?1"),
            [id],
            |r| Ok((raw(r)?, r.get::<_, String>(14)?)),
        )
        .optional()?
    else {
        return Ok(None);
    };
    let (_, info) = to_info(r)?;
    let candidates: Vec<Candidate> = serde_json::from_str(&candidates)
        .map_err(|e| StoreError::Corrupt(format!("candidates of incident {id}: {e}")))?;
    let mut stmt = conn.prepare(
        "SELECT entity, kind, role, r_local, r_final, state FROM incident_entities
         WHERE incident_id = ?1 ORDER BY r_final DESC, entity",
    )?;
    let entities = stmt
        .query_map([id], |r| {
            Ok(IncidentEntity {
                entity: r.get(0)?,
                kind: r.get(1)?,
                role: r.get(2)?,
                r_local: r.get(3)?,
                r_final: r.get(4)?,
                state: r.get(5)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT at, kind, entity, detail FROM incident_timeline WHERE incident_id = ?1 ORDER BY pos",
    )?;
    let timeline = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .map(|r| {
            let (at, kind, entity, detail) = r?;
            Ok(TimelineEntry {
                at: parse_ts(&at)?,
                kind,
                entity,
                detail,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(IncidentDetail {
        info,
        entities,
        candidates,
        timeline,
    }))
}

/// Every incident that is not resolved, whole, oldest first: what the engine continues after a
/// restart.
pub fn open_details(conn: &Connection) -> Result<Vec<IncidentDetail>, StoreError> {
    let ids = conn
        .prepare("SELECT id FROM incidents WHERE state != 'resolved' ORDER BY seq")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(get(conn, &id)?);
    }
    Ok(out)
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Aggregates over incidents started at or after `since` (all when `None`), optionally of one
/// cluster.
pub fn stats(
    conn: &Connection,
    cluster: Option<&str>,
    since: Option<DateTime<Utc>>,
) -> Result<IncidentStats, StoreError> {
    const WHERE: &str =
        "WHERE (?1 IS NULL OR cluster_id = ?1) AND (?2 IS NULL OR started_at >= ?2)";
    let since = since.map(ts);
    let p = params![cluster, since];
    let (total, open, recurred, mttr): (i64, i64, i64, Option<f64>) = conn.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(state != 'resolved'), 0), COALESCE(SUM(recurrence > 0), 0),
                    AVG(CASE WHEN state = 'resolved' THEN duration_secs END)
             FROM incidents {WHERE}"
        ),
        p,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT started_at, confirmed_at FROM incidents {WHERE} AND confirmed_at IS NOT NULL"
    ))?;
    let detect: Vec<f64> = stmt
        .query_map(p, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .map(|r| {
            let (s, c) = r?;
            Ok(((parse_ts(&c)? - parse_ts(&s)?).num_milliseconds() as f64 / 1000.0).max(0.0))
        })
        .collect::<Result<_, StoreError>>()?;
    let mttd = (!detect.is_empty()).then(|| detect.iter().sum::<f64>() / detect.len() as f64);
    let group = |col: &str| -> Result<BTreeMap<String, u64>, StoreError> {
        let mut stmt = conn.prepare(&format!(
            "SELECT {col}, COUNT(*) FROM incidents {WHERE} GROUP BY {col}"
        ))?;
        let rows = stmt.query_map(p, |r| Ok((r.get(0)?, count(r.get(1)?))))?;
        Ok(rows.collect::<Result<_, _>>()?)
    };
    let by_severity = group("severity")?;
    let by_state = group("state")?;
    let mut stmt = conn.prepare(&format!(
        "SELECT root_cause, COUNT(*) AS n FROM incidents {WHERE} AND root_cause IS NOT NULL
         GROUP BY root_cause ORDER BY n DESC, root_cause LIMIT 10"
    ))?;
    let top_root_causes = stmt
        .query_map(p, |r| {
            Ok(Count {
                key: r.get(0)?,
                count: count(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(IncidentStats {
        total: count(total),
        open: count(open),
        mttr_secs: mttr,
        mttd_secs: mttd,
        recurrence_rate: if total == 0 {
            0.0
        } else {
            recurred as f64 / total as f64
        },
        by_severity,
        by_state,
        top_root_causes,
    })
}
