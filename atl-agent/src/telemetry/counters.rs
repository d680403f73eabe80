//! Counter and histogram arithmetic on one series at a time.
//!
//! Every function here works on the samples of ONE series (one label set of one metric from one
//! scrape target). Callers sum the results across series afterwards; lumping the samples of
//! several series together before taking differences would turn the jumps between series into
//! fake increases and fake resets.

/// Minute index of a millisecond timestamp (minutes since the Unix epoch).
pub fn minute_of(ts_ms: i64) -> i64 {
    ts_ms.div_euclid(60_000)
}

/// Increase of a cumulative counter between two consecutive samples. A value below the previous
/// one means the counter restarted from zero, so everything it counted since is the new value.
pub fn step_increase(prev: f64, cur: f64) -> f64 {
    if cur >= prev {
        cur - prev
    } else {
        cur.max(0.0)
    }
}

/// What one counter series did inside a window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CounterIncrease {
    /// Total increase over the observed samples (any number of resets handled).
    pub increase: f64,
    /// Milliseconds between the first and the last sample.
    pub span_ms: i64,
    /// Time of the first sample (ms).
    pub first_ms: i64,
    /// Value of the first sample.
    pub first_value: f64,
    /// Number of samples.
    pub samples: usize,
    /// Increase attributed to the minute of the later sample of each step: (minute index, increase).
    pub per_minute: Vec<(i64, f64)>,
}

impl CounterIncrease {
    /// Per-second rate over the window `[start_ms, end_ms]`, the way Prometheus' `rate()` does
    /// it: the observed increase is extrapolated to the window edges when the first/last sample
    /// is within 1.1 average sample intervals of them (else by half an interval, and never below
    /// a zero counter value), then divided by the whole window. A series that lived for half
    /// the window (a pod replaced during a rollout) thus contributes half its rate, and the sum
    /// over old and new series stays the service's rate. None with fewer than two samples.
    pub fn rate_in(&self, start_ms: i64, end_ms: i64) -> Option<f64> {
        if self.span_ms <= 0 || self.samples < 2 || end_ms <= start_ms {
            return None;
        }
        let sampled = self.span_ms as f64;
        let average = sampled / (self.samples - 1) as f64;
        let threshold = average * 1.1;
        let mut to_start = (self.first_ms - start_ms).max(0) as f64;
        let to_end = (end_ms - (self.first_ms + self.span_ms)).max(0) as f64;
        if self.increase > 0.0 && self.first_value >= 0.0 {
            // The counter cannot have been below zero before its first sample.
            to_start = to_start.min(sampled * self.first_value / self.increase);
        }
        let mut interval = sampled;
        interval += if to_start < threshold {
            to_start
        } else {
            average / 2.0
        };
        interval += if to_end < threshold {
            to_end
        } else {
            average / 2.0
        };
        let extrapolated = self.increase * interval / sampled;
        Some(extrapolated * 1000.0 / (end_ms - start_ms) as f64)
    }
}

/// Increase of one counter series from its samples `(timestamp ms, value)`, in any order.
pub fn counter_increase(points: &[(i64, f64)]) -> CounterIncrease {
    let mut sorted: Vec<(i64, f64)> = points
        .iter()
        .copied()
        .filter(|(_, v)| v.is_finite())
        .collect();
    sorted.sort_by_key(|(t, _)| *t);
    sorted.dedup_by_key(|(t, _)| *t);
    let mut out = CounterIncrease::default();
    if let (Some(first), Some(last)) = (sorted.first(), sorted.last()) {
        out.span_ms = last.0 - first.0;
        out.first_ms = first.0;
        out.first_value = first.1;
    }
    out.samples = sorted.len();
    for pair in sorted.windows(2) {
        let d = step_increase(pair[0].1, pair[1].1);
        out.increase += d;
        let minute = minute_of(pair[1].0);
        match out.per_minute.last_mut() {
            Some((m, acc)) if *m == minute => *acc += d,
            _ => out.per_minute.push((minute, d)),
        }
    }
    out
}

/// A histogram with explicit upper bounds and per-bucket (non-cumulative) counts; the last count
/// is the +Inf bucket, so `counts.len() == bounds.len() + 1`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histogram {
    /// Finite upper bounds, ascending.
    pub bounds: Vec<f64>,
    /// Counts per bucket, one more than bounds.
    pub counts: Vec<f64>,
}

impl Histogram {
    /// A histogram from OTLP data-point arrays; None when the arrays do not fit together.
    pub fn new(bounds: Vec<f64>, counts: Vec<f64>) -> Option<Self> {
        let ascending = bounds.windows(2).all(|w| w[0] < w[1]);
        (counts.len() == bounds.len() + 1 && ascending).then_some(Self { bounds, counts })
    }

    /// An empty histogram on the given bounds.
    pub fn empty(bounds: &[f64]) -> Self {
        Self {
            bounds: bounds.to_vec(),
            counts: vec![0.0; bounds.len() + 1],
        }
    }

    /// Number of observations.
    pub fn total(&self) -> f64 {
        self.counts.iter().sum()
    }

    /// Multiplies every bound (e.g. 1000 to turn seconds into milliseconds).
    pub fn scale_bounds(mut self, factor: f64) -> Self {
        for b in &mut self.bounds {
            *b *= factor;
        }
        self
    }

    /// Adds another histogram; differing bounds are first moved onto the union of both.
    pub fn add(&mut self, other: &Histogram) {
        if self.bounds != other.bounds {
            let mut union: Vec<f64> = self.bounds.iter().chain(&other.bounds).copied().collect();
            union.sort_by(f64::total_cmp);
            union.dedup();
            *self = self.rebucket(&union);
            let moved = other.rebucket(&union);
            self.add_same(&moved);
        } else {
            self.add_same(other);
        }
    }

    fn add_same(&mut self, other: &Histogram) {
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    /// Moves the counts onto other bounds, assuming observations spread evenly inside a bucket
    /// (the first bucket starts at 0). Counts above the last finite bound stay above every new
    /// bound, so they are never reported as faster than they were.
    pub fn rebucket(&self, new_bounds: &[f64]) -> Histogram {
        let mut out = Histogram::empty(new_bounds);
        let mut lower = 0.0_f64;
        for (i, &count) in self.counts.iter().enumerate() {
            if count == 0.0 {
                lower = self.bounds.get(i).copied().unwrap_or(lower);
                continue;
            }
            let Some(&upper) = self.bounds.get(i) else {
                if let Some(last) = out.counts.last_mut() {
                    *last += count;
                }
                break;
            };
            let width = upper - lower;
            let mut new_lower = 0.0_f64;
            for (j, slot) in out.counts.iter_mut().enumerate() {
                let new_upper = new_bounds.get(j).copied().unwrap_or(f64::INFINITY);
                let overlap = upper.min(new_upper) - lower.max(new_lower);
                if width <= 0.0 {
                    if lower <= new_upper {
                        *slot += count;
                        break;
                    }
                } else if overlap > 0.0 {
                    *slot += count * overlap / width;
                }
                new_lower = new_upper;
            }
            lower = upper;
        }
        out
    }

    /// Percentile `p` in [0,1] by linear interpolation inside the bucket that holds it; the +Inf
    /// bucket reports the last finite bound. 0 when empty.
    pub fn percentile(&self, p: f64) -> f64 {
        let total = self.total();
        if total <= 0.0 || self.bounds.is_empty() || p.is_nan() || p <= 0.0 {
            return 0.0;
        }
        let last_bound = self.bounds[self.bounds.len() - 1];
        if p >= 1.0 {
            return last_bound;
        }
        let target = total * p;
        let mut cumulative = 0.0;
        for (i, &count) in self.counts.iter().enumerate() {
            if cumulative + count >= target && count > 0.0 {
                let Some(&upper) = self.bounds.get(i) else {
                    return last_bound;
                };
                let lower = if i == 0 { 0.0 } else { self.bounds[i - 1] };
                return lower + (target - cumulative) / count * (upper - lower);
            }
            cumulative += count;
        }
        last_bound
    }

    /// Counts rounded to whole requests, keeping the rounded total equal to the rounded sum
    /// (largest remainder first).
    pub fn rounded_counts(&self) -> Vec<u64> {
        let total = self.total().round().max(0.0) as u64;
        let mut floors: Vec<u64> = self
            .counts
            .iter()
            .map(|c| c.max(0.0).floor() as u64)
            .collect();
        let mut remainders: Vec<(usize, f64)> = self
            .counts
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.max(0.0) - c.max(0.0).floor()))
            .collect();
        remainders.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut missing = total.saturating_sub(floors.iter().sum());
        for (i, _) in remainders {
            if missing == 0 {
                break;
            }
            floors[i] += 1;
            missing -= 1;
        }
        floors
    }
}

/// What one histogram series did inside a window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistogramIncrease {
    /// Bucket increases over the window.
    pub total: Histogram,
    /// Bucket increases attributed to the minute of the later sample of each step.
    pub per_minute: Vec<(i64, Histogram)>,
}

/// Increase of one cumulative histogram series from its samples `(timestamp ms, histogram)`.
/// A step where any bucket went down, or the bounds changed, is a restart: the later sample is
/// the whole increase.
pub fn histogram_increase(points: &[(i64, Histogram)]) -> HistogramIncrease {
    let mut sorted: Vec<&(i64, Histogram)> = points.iter().collect();
    sorted.sort_by_key(|(t, _)| *t);
    let mut out = HistogramIncrease::default();
    let Some(last) = sorted.last() else {
        return out;
    };
    out.total = Histogram::empty(&last.1.bounds);
    for pair in sorted.windows(2) {
        let (prev, cur) = (&pair[0].1, &pair[1].1);
        let reset =
            prev.bounds != cur.bounds || prev.counts.iter().zip(&cur.counts).any(|(p, c)| c < p);
        let step = if reset {
            cur.clone()
        } else {
            Histogram {
                bounds: cur.bounds.clone(),
                counts: cur
                    .counts
                    .iter()
                    .zip(&prev.counts)
                    .map(|(c, p)| c - p)
                    .collect(),
            }
        };
        out.total.add(&step);
        let minute = minute_of(pair[1].0);
        match out.per_minute.last_mut() {
            Some((m, acc)) if *m == minute => acc.add(&step),
            _ => out.per_minute.push((minute, step)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn counter_with_two_resets_counts_every_step() {
        // 10 → 40 (+30), reset → 5 (+5), → 25 (+20), reset → 3 (+3), → 13 (+10) = 68 over 60 s.
        let pts = [
            (0, 10.0),
            (15_000, 40.0),
            (30_000, 5.0),
            (45_000, 25.0),
            (60_000, 3.0),
            (75_000, 13.0),
        ];
        let inc = counter_increase(&pts);
        assert_eq!(inc.increase, 68.0);
        assert_eq!(inc.span_ms, 75_000);
        // Samples cover the window [0, 75 s] exactly: nothing to extrapolate.
        assert!((inc.rate_in(0, 75_000).unwrap() - 68.0 / 75.0).abs() < 1e-12);
        // Steps ending at 15 s, 30 s, 45 s fall into minute 0; 60 s and 75 s into minute 1.
        assert_eq!(inc.per_minute, vec![(0, 55.0), (1, 13.0)]);
    }

    #[test]
    fn counter_order_and_single_sample() {
        let inc = counter_increase(&[(30_000, 20.0), (0, 5.0)]);
        assert_eq!(inc.increase, 15.0);
        assert_eq!(counter_increase(&[(0, 5.0)]).rate_in(0, 60_000), None);
    }

    #[test]
    fn a_series_that_lived_half_the_window_adds_half_its_rate() {
        // Old pod: 10/s from 0 to 150 s, then gone. New pod: 10/s from 150 s to 300 s.
        let old: Vec<(i64, f64)> = (0..=10)
            .map(|i| (i * 15_000, 1000.0 + i as f64 * 150.0))
            .collect();
        let new: Vec<(i64, f64)> = (10..=20)
            .map(|i| (i * 15_000, (i - 10) as f64 * 150.0))
            .collect();
        let r_old = counter_increase(&old).rate_in(0, 300_000).unwrap();
        let r_new = counter_increase(&new).rate_in(0, 300_000).unwrap();
        // The old one is extrapolated by half a scrape interval at its open end:
        // 1500 × 157.5/150 / 300.
        assert!((r_old - 5.25).abs() < 1e-9, "{r_old}");
        // The new counter starts at 0: nothing before its first sample.
        assert!((r_new - 5.0).abs() < 1e-9, "{r_new}");
        // Together ≈ the 10/s the service served, not the 20/s of two full-window rates.
        assert!((r_old + r_new - 10.25).abs() < 1e-9);
    }

    #[test]
    fn rate_extrapolates_to_the_window_edges() {
        // Scrapes every 15 s from 5 s to 290 s, +15 per scrape (1/s) in a [0, 300 s] window:
        // edges within 1.1 intervals are filled in, so the rate is the true 1/s.
        let pts: Vec<(i64, f64)> = (0..20)
            .map(|i| (5_000 + i * 15_000, 100.0 + i as f64 * 15.0))
            .collect();
        let r = counter_increase(&pts).rate_in(0, 300_000).unwrap();
        assert!((r - 1.0).abs() < 1e-9, "{r}");
    }

    #[test]
    fn percentile_interpolates_inside_the_bucket() {
        // bounds 100, 300, 1200 ms; 50 + 30 + 15 + 5 = 100 observations.
        let h = Histogram::new(vec![100.0, 300.0, 1200.0], vec![50.0, 30.0, 15.0, 5.0]).unwrap();
        assert_eq!(h.percentile(0.5), 100.0);
        // p90: target 90, 80 before the third bucket: 300 + 10/15 × 900 = 900.
        assert!((h.percentile(0.9) - 900.0).abs() < 1e-9);
        // p99 lands in +Inf → last finite bound.
        assert_eq!(h.percentile(0.99), 1200.0);
        assert_eq!(Histogram::empty(&[1.0]).percentile(0.5), 0.0);
    }

    #[test]
    fn rebucket_spreads_evenly_and_keeps_overflow_above() {
        let h = Histogram::new(vec![100.0, 300.0], vec![10.0, 20.0, 4.0]).unwrap();
        let r = h.rebucket(&[50.0, 100.0, 200.0, 500.0]);
        assert_eq!(r.counts, vec![5.0, 5.0, 10.0, 10.0, 4.0]);
        assert_eq!(r.total(), h.total());
        assert_eq!(r.rounded_counts(), vec![5, 5, 10, 10, 4]);
    }

    #[test]
    fn add_with_different_bounds_uses_the_union() {
        let mut a = Histogram::new(vec![100.0], vec![2.0, 0.0]).unwrap();
        let b = Histogram::new(vec![50.0, 100.0], vec![1.0, 1.0, 1.0]).unwrap();
        a.add(&b);
        assert_eq!(a.bounds, vec![50.0, 100.0]);
        assert_eq!(a.counts, vec![2.0, 2.0, 1.0]);
    }

    #[test]
    fn histogram_reset_takes_the_later_sample() {
        let b = vec![100.0];
        let h = |c: [f64; 2]| Histogram::new(b.clone(), c.to_vec()).unwrap();
        let pts = vec![
            (0, h([10.0, 1.0])),
            (30_000, h([14.0, 2.0])), // +4, +1
            (60_000, h([3.0, 0.0])),  // reset: +3, +0
            (90_000, h([5.0, 1.0])),  // +2, +1
        ];
        let inc = histogram_increase(&pts);
        assert_eq!(inc.total.counts, vec![9.0, 2.0]);
        assert_eq!(inc.per_minute.len(), 2);
        assert_eq!(inc.per_minute[0].1.counts, vec![4.0, 1.0]);
        assert_eq!(inc.per_minute[1].1.counts, vec![5.0, 1.0]);
    }

    #[test]
    fn rounded_counts_keep_the_total() {
        let h = Histogram::new(vec![1.0, 2.0], vec![1.5, 1.5, 1.0]).unwrap();
        assert_eq!(h.rounded_counts().iter().sum::<u64>(), 4);
    }
}
