//! Request latency as a log-normal distribution around the model's median: bucket shares for
//! histograms and single draws for spans.

use crate::rng::SplitMix64;

/// Spread of ln(latency); 0.5 puts p99 at about 3.2 × the median.
pub const SIGMA: f64 = 0.5;

/// Standard normal CDF (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7).
fn phi(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// Share of requests at or below `bound` when the median is `median` (same unit).
pub fn share_below(bound: f64, median: f64) -> f64 {
    if median <= 0.0 {
        return 1.0;
    }
    if bound <= 0.0 {
        return 0.0;
    }
    phi((bound / median).ln() / SIGMA)
}

/// Per-bucket (non-cumulative) shares on `bounds`, the last one for +Inf; they sum to 1.
pub fn bucket_shares(bounds: &[f64], median: f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(bounds.len() + 1);
    let mut below = 0.0;
    for &b in bounds {
        let c = share_below(b, median).max(below);
        out.push(c - below);
        below = c;
    }
    out.push(1.0 - below);
    out
}

/// Mean of the distribution (for histogram sums).
pub fn mean(median: f64) -> f64 {
    median * (SIGMA * SIGMA / 2.0).exp()
}

/// One latency draw (Box–Muller on the generator).
pub fn draw(rng: &mut SplitMix64, median: f64) -> f64 {
    let u1 = rng.unit().max(1e-12);
    let u2 = rng.unit();
    let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    median * (SIGMA * z).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_follow_the_median() {
        assert!((share_below(20.0, 20.0) - 0.5).abs() < 1e-6);
        let s = bucket_shares(&[10.0, 20.0, 40.0], 20.0);
        assert_eq!(s.len(), 4);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!((s[0] + s[1] - 0.5).abs() < 1e-6);
        // Symmetric in log space: as many below half the median as above twice it.
        assert!((s[0] - s[3]).abs() < 1e-6);
    }
}
