//! Kubernetes resource quantities as numbers: CPU in millicores, everything else in bytes/units.
//! Covers every suffix Kubernetes accepts (binary Ki…Ei, decimal n u m k M G T P E, exponents),
//! which the original system did not (it turned `1e3` or `500k` into 0).

/// The text is not a Kubernetes quantity.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "invalid quantity {0:?}: expected a number with an optional suffix such as 500m, 2Gi, 1.5, 1e3"
)]
pub struct InvalidQuantity(pub String);

/// Parses a quantity into its value in base units (cores, bytes, …) as f64.
pub fn parse(q: &str) -> Result<f64, InvalidQuantity> {
    let s = q.trim();
    let err = || InvalidQuantity(q.to_string());
    if s.is_empty() {
        return Err(err());
    }
    const SUFFIXES: [(&str, f64); 15] = [
        ("Ki", 1024.0),
        ("Mi", 1_048_576.0),
        ("Gi", 1_073_741_824.0),
        ("Ti", 1_099_511_627_776.0),
        ("Pi", 1_125_899_906_842_624.0),
        ("Ei", 1_152_921_504_606_846_976.0),
        ("n", 1e-9),
        ("u", 1e-6),
        ("m", 1e-3),
        ("k", 1e3),
        ("M", 1e6),
        ("G", 1e9),
        ("T", 1e12),
        ("P", 1e15),
        ("E", 1e18),
    ];
    for (suffix, mult) in SUFFIXES {
        if let Some(num) = s.strip_suffix(suffix) {
            // "1E" is exa, but "1e3" is an exponent: only treat E as a suffix when nothing follows.
            let v: f64 = num.parse().map_err(|_| err())?;
            return finite(v * mult).ok_or_else(err);
        }
    }
    let v: f64 = s.parse().map_err(|_| err())?;
    finite(v).ok_or_else(err)
}

fn finite(v: f64) -> Option<f64> {
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// CPU quantity in millicores (`250m` → 250, `2` → 2000, `1500000n` → 1.5).
pub fn cpu_millicores(q: &str) -> Result<f64, InvalidQuantity> {
    parse(q).map(|cores| cores * 1000.0)
}

/// Memory or storage quantity in bytes (`128Mi` → 134217728).
pub fn bytes(q: &str) -> Result<u64, InvalidQuantity> {
    parse(q).map(|v| v.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_cpu() {
        assert_eq!(cpu_millicores("250m"), Ok(250.0));
        assert_eq!(cpu_millicores("2"), Ok(2000.0));
        assert_eq!(cpu_millicores("0.5"), Ok(500.0));
        assert!((cpu_millicores("1500000n").unwrap_or(0.0) - 1.5).abs() < 1e-9);
    }

    #[test]
    fn parses_memory() {
        assert_eq!(bytes("128Mi"), Ok(134_217_728));
        assert_eq!(bytes("1Gi"), Ok(1_073_741_824));
        assert_eq!(bytes("500k"), Ok(500_000));
        assert_eq!(bytes("1e3"), Ok(1000));
        assert_eq!(bytes("12345"), Ok(12345));
        assert_eq!(bytes("2E"), Ok(2_000_000_000_000_000_000));
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "abc", "1Xi", "-5", "NaN"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
