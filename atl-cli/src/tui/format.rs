//! Small text formatters shared by cells and panes: ages, quantities, bars and sparklines.

use atl_core::Timestamp;

/// kubectl-style age: `45s`, `12m`, `5h`, `3d`; `-` when unknown or in the future.
pub fn age(now: Timestamp, then: Option<Timestamp>) -> String {
    match then {
        Some(t) if t <= now => duration((now - t).num_seconds()),
        _ => "-".to_string(),
    }
}

/// `45s`, `12m`, `5h3m`, `3d`.
pub fn duration(secs: i64) -> String {
    match secs {
        s if s < 120 => format!("{s}s"),
        s if s < 3600 => format!("{}m", s / 60),
        s if s < 10 * 3600 => format!("{}h{}m", s / 3600, (s % 3600) / 60),
        s if s < 2 * 86400 => format!("{}h", s / 3600),
        s => format!("{}d", s / 86400),
    }
}

/// Seconds since `then` (for sorting by age); unknown sorts as newest.
pub fn age_secs(now: Timestamp, then: Option<Timestamp>) -> f64 {
    then.map(|t| (now - t).num_seconds() as f64).unwrap_or(0.0)
}

/// `250m` or `2.5` cores, like kubectl top.
pub fn cpu(millicores: Option<f64>) -> String {
    match millicores {
        Some(m) if m >= 10_000.0 => format!("{:.0}", m / 1000.0),
        Some(m) => format!("{m:.0}m"),
        None => "-".to_string(),
    }
}

/// `180Mi`, `2.0Gi`, like kubectl top.
pub fn bytes(b: Option<u64>) -> String {
    const MI: f64 = (1u64 << 20) as f64;
    const GI: f64 = (1u64 << 30) as f64;
    match b {
        Some(b) if (b as f64) >= 10.0 * GI => format!("{:.0}Gi", b as f64 / GI),
        Some(b) if (b as f64) >= GI => format!("{:.1}Gi", b as f64 / GI),
        Some(b) => format!("{:.0}Mi", b as f64 / MI),
        None => "-".to_string(),
    }
}

/// A bar of `width` cells for a ratio in [0,1], then the percentage: `█████░░░ 62%`.
pub fn bar(ratio: f64, width: usize) -> String {
    let r = if ratio.is_finite() {
        ratio.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let full = (r * width as f64).round() as usize;
    let mut s = String::with_capacity(width * 3 + 5);
    s.extend(std::iter::repeat_n('█', full));
    s.extend(std::iter::repeat_n('░', width - full));
    s.push_str(&format!("{:>4.0}%", r * 100.0));
    s
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The last `width` values as a one-line sparkline scaled between their min and max.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let tail = &values[values.len().saturating_sub(width)..];
    let finite = tail.iter().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    tail.iter()
        .map(|v| {
            if !v.is_finite() || hi <= lo {
                SPARKS[if hi <= lo && v.is_finite() { 3 } else { 0 }]
            } else {
                let i = ((v - lo) / (hi - lo) * 7.0).round() as usize;
                SPARKS[i.min(7)]
            }
        })
        .collect()
}

/// A share as a percentage with enough digits for SLO targets: `99.9%`, `99.95%`.
pub fn percent(r: f64) -> String {
    let p = r * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else if (p * 10.0 - (p * 10.0).round()).abs() < 1e-9 {
        format!("{p:.1}%")
    } else {
        format!("{p:.2}%")
    }
}

/// Cuts `s` to at most `max` characters, marking the cut with `…`.
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(duration(59), "59s");
        assert_eq!(duration(3 * 3600 + 120), "3h2m");
        assert_eq!(duration(3 * 86400), "3d");
        assert_eq!(cpu(Some(250.0)), "250m");
        assert_eq!(bytes(Some(180 << 20)), "180Mi");
        assert_eq!(bytes(Some(3 << 30)), "3.0Gi");
        assert_eq!(bar(0.5, 4), "██░░  50%");
        assert_eq!(bar(f64::NAN, 2), "░░   0%");
        assert_eq!(sparkline(&[0.0, 1.0, 0.5], 10), "▁█▅");
        assert_eq!(sparkline(&[1.0, 1.0], 10), "▄▄");
        assert_eq!(percent(0.999), "99.9%");
        assert_eq!(percent(0.9995), "99.95%");
        assert_eq!(ellipsize("abcdef", 4), "abc…");
    }
}
