//! Server-sent events: a small incremental parser plus a reconnecting reader.
//!
//! The reader reconnects with exponential back-off (0.5 s doubling to 5 s) and resumes with
//! `Last-Event-ID`; it gives up with `Unreachable` once the master has been away longer than the
//! timeout, so `--watch` never exits 0 because the master vanished.

use std::time::{Duration, Instant};

use futures::StreamExt;

use crate::client::Client;
use crate::error::{CliError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    pub event: String,
    pub data: String,
    pub id: Option<String>,
}

/// Incremental SSE decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html).
#[derive(Default)]
pub struct Decoder {
    buf: String,
    cur: Event,
    has_data: bool,
}

const MAX_LINE: usize = 8 * 1024 * 1024;

impl Decoder {
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Event>> {
        self.buf.push_str(&String::from_utf8_lossy(chunk));
        let mut out = Vec::new();
        while let Some(pos) = self.buf.find('\n') {
            let line: String = self.buf.drain(..=pos).collect();
            let line = line.trim_end_matches('\n').trim_end_matches('\r');
            if line.is_empty() {
                if self.has_data {
                    let mut ev = std::mem::take(&mut self.cur);
                    if ev.event.is_empty() {
                        ev.event = "message".into();
                    }
                    out.push(ev);
                } else {
                    self.cur.event.clear();
                }
                self.has_data = false;
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = match line.split_once(':') {
                Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
                None => (line, ""),
            };
            match field {
                "event" => self.cur.event = value.to_string(),
                "data" => {
                    if self.has_data {
                        self.cur.data.push('\n');
                    }
                    self.cur.data.push_str(value);
                    self.has_data = true;
                }
                "id" => self.cur.id = Some(value.to_string()),
                _ => {}
            }
        }
        if self.buf.len() > MAX_LINE {
            return Err(CliError::Other(anyhow::anyhow!(
                "the master sent an event line over {MAX_LINE} bytes"
            )));
        }
        Ok(out)
    }
}

/// Follows `path` forever, calling `on_event` for each event; returns only on error.
pub async fn follow(
    client: &Client,
    path: &str,
    query: &[(&str, String)],
    timeout: Duration,
    mut on_event: impl FnMut(Event) -> Result<()>,
) -> Result<()> {
    let mut last_id: Option<String> = None;
    let mut away_since: Option<Instant> = None;
    let mut delay = Duration::from_millis(500);
    loop {
        let err = match client.stream(path, query, last_id.as_deref()).await {
            Ok(resp) => {
                away_since = None;
                delay = Duration::from_millis(500);
                let mut dec = Decoder::default();
                let mut body = resp.bytes_stream();
                let mut failure = None;
                while let Some(chunk) = body.next().await {
                    match chunk {
                        Ok(c) => {
                            for ev in dec.push(&c)? {
                                // The master ends the stream with `error` when the token was
                                // revoked or the user disabled: reconnecting cannot help.
                                if ev.event == "error" {
                                    return Err(CliError::Unauthenticated(ev.data));
                                }
                                if ev.id.is_some() {
                                    last_id.clone_from(&ev.id);
                                }
                                on_event(ev)?;
                            }
                        }
                        Err(e) => {
                            failure = Some(e.to_string());
                            break;
                        }
                    }
                }
                CliError::Unreachable {
                    url: client.base().to_string(),
                    reason: failure.unwrap_or_else(|| "the event stream ended".into()),
                }
            }
            Err(e @ CliError::Unreachable { .. }) => e,
            Err(CliError::Api { status, .. }) if status >= 500 => CliError::Unreachable {
                url: client.base().to_string(),
                reason: format!("HTTP {status}"),
            },
            Err(other) => return Err(other),
        };
        let since = *away_since.get_or_insert_with(Instant::now);
        if since.elapsed() >= timeout {
            return Err(err);
        }
        eprintln!(
            "atl: connection to the master lost ({err_short}); retrying in {delay:?}",
            err_short = short(&err)
        );
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

fn short(e: &CliError) -> String {
    match e {
        CliError::Unreachable { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn decodes_split_chunks() {
        let mut d = Decoder::default();
        assert!(d.push(b"event: incident\nid: 7\nda").unwrap().is_empty());
        let evs = d
            .push(b"ta: {\"a\":1}\n\n: keepalive\n\ndata: x\ndata: y\r\n\r\n")
            .unwrap();
        assert_eq!(evs.len(), 2);
        assert_eq!(
            evs[0],
            Event {
                event: "incident".into(),
                data: "{\"a\":1}".into(),
                id: Some("7".into())
            }
        );
        assert_eq!(evs[1].event, "message");
        assert_eq!(evs[1].data, "x\ny");
    }
}
