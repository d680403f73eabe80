//! Durations printed the way kubectl prints them (k8s.io/apimachinery duration.HumanDuration),
//! so people reading `atl get` and `kubectl get` side by side see the same numbers.

use chrono::{DateTime, Utc};

pub fn human_duration(d: chrono::TimeDelta) -> String {
    let seconds = d.num_seconds();
    if seconds < -1 {
        return "<invalid>".into();
    }
    if seconds < 0 {
        return "0s".into();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        let days = hours / 24;
        return if h == 0 {
            format!("{days}d")
        } else {
            format!("{days}d{h}h")
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let years = hours / 24 / 365;
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{years}y")
        } else {
            format!("{years}y{dy}d")
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// Age of an RFC 3339 timestamp relative to `now`; `<unknown>` when missing or unparsable.
pub fn age_of(ts: Option<&str>, now: DateTime<Utc>) -> String {
    match ts.and_then(|t| DateTime::parse_from_rfc3339(t).ok()) {
        Some(t) => human_duration(now.signed_duration_since(t.with_timezone(&Utc))),
        None => "<unknown>".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn s(n: i64) -> String {
        human_duration(TimeDelta::seconds(n))
    }

    #[test]
    fn matches_kubectl() {
        assert_eq!(s(-5), "<invalid>");
        assert_eq!(s(-1), "0s");
        assert_eq!(s(5), "5s");
        assert_eq!(s(119), "119s");
        assert_eq!(s(180), "3m");
        assert_eq!(s(185), "3m5s");
        assert_eq!(s(600), "10m");
        assert_eq!(s(179 * 60), "179m");
        assert_eq!(s(3 * 3600 + 120), "3h2m");
        assert_eq!(s(5 * 3600), "5h");
        assert_eq!(s(8 * 3600), "8h");
        assert_eq!(s(47 * 3600), "47h");
        assert_eq!(s(2 * 86400 + 4 * 3600), "2d4h");
        assert_eq!(s(3 * 86400), "3d");
        assert_eq!(s(30 * 86400), "30d");
        assert_eq!(s(2 * 365 * 86400 + 10 * 86400), "2y10d");
        assert_eq!(s(9 * 365 * 86400), "9y");
    }

    #[test]
    fn age_of_handles_garbage() {
        let now = Utc::now();
        assert_eq!(age_of(None, now), "<unknown>");
        assert_eq!(age_of(Some("yesterday"), now), "<unknown>");
        let t = (now - TimeDelta::seconds(42)).to_rfc3339();
        assert_eq!(age_of(Some(&t), now), "42s");
    }
}
