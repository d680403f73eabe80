//! M2 statistical baselines: EMA + exponentially weighted variance, plus the
//! detection-quality layers of SPEC §6 (episodes, anomaly likelihood, seasonal
//! recurrence, new extremes, flat lines).
//!
//! A [`Detector`] is one metric series. It is a pure function of its own state
//! and the (timestamp, value) points fed to it: no wall clock, no randomness.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

/// Anomaly-likelihood layer: how unusual the recent deviations are compared
/// with this series' own long-run deviations.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LikelihoodConfig {
    /// Points in the short average of raw scores.
    pub short_points: usize,
    /// Smoothing of the long-run mean/variance of that average (≈ 1/points remembered).
    pub long_alpha: f64,
    /// Points of history before the layer may veto an alert.
    pub min_history: u64,
    /// A deviation alert needs a tail probability below this.
    pub max_tail_probability: f64,
}

/// Seasonal layer: a deviation seen at the same time of day on an earlier day is expected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SeasonalConfig {
    /// Deviations above this many σ are remembered.
    pub notable_sigma: f64,
    /// How far from the same time of day still counts.
    pub tolerance_secs: i64,
    /// How many previous days are remembered.
    pub days: i64,
    /// An earlier deviation at least this fraction of the current one explains it.
    pub similar_fraction: f64,
    /// Remembered deviations per series (oldest dropped first).
    pub max_events: usize,
}

/// New-extreme rule: beyond the running range, or unchanged for longer than ever before.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ExtremeConfig {
    /// Points before the running range (and longest flat stretch) is trusted.
    pub warmup_points: u64,
    /// Shortest unchanged stretch that can count as a new flat-line extreme; 0 = off.
    pub flatline_min_points: u64,
    /// Deviation (σ) a new maximum or minimum also needs to trigger: a record
    /// that is within the usual spread of the level (a slow drift to a new
    /// high of a heavy-tailed counter) is not an anomaly. The anomaly
    /// threshold (3σ) by default; 0 = every new record triggers.
    pub min_sigma: f64,
}

/// Every threshold of the M2 statistical channel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BaselineConfig {
    /// EMA smoothing (≈ 2/(60+1)).
    pub alpha: f64,
    /// Deviation (σ) above which a point is anomalous; the score's midpoint.
    pub anomaly_sigma: f64,
    /// Steepness of `score = sigmoid(k·(deviation − anomaly_sigma))`.
    pub sigmoid_k: f64,
    /// Points without detection at the start of a series.
    pub cold_start_points: u64,
    /// Zeros after which the first non-zero value ends the cold start early.
    pub zero_fast_track: u64,
    /// The seed measured the deviation against the already-updated EMA/σ
    /// (capping it at ≈5.3σ). Off by default; on only to reproduce the seed.
    pub deviation_after_update: bool,
    /// Deviation (σ) a point needs to raise an alert by itself.
    pub alert_sigma: f64,
    /// An episode ends after this many points without any trigger; only the
    /// first trigger of an episode alerts. 0 = every trigger alerts.
    pub episode_quiet_points: u64,
    pub likelihood: Option<LikelihoodConfig>,
    pub seasonal: Option<SeasonalConfig>,
    pub extreme: Option<ExtremeConfig>,
}

impl Default for BaselineConfig {
    /// atl's defaults, fixed once for every series (not tuned per data set).
    fn default() -> Self {
        Self {
            alpha: 0.033,
            anomaly_sigma: 3.0,
            sigmoid_k: 2.0,
            cold_start_points: 100,
            zero_fast_track: 10,
            deviation_after_update: false,
            alert_sigma: 8.0,
            episode_quiet_points: 30,
            likelihood: Some(LikelihoodConfig {
                short_points: 10,
                long_alpha: 1.0 / 2000.0,
                min_history: 200,
                max_tail_probability: 1e-2,
            }),
            seasonal: Some(SeasonalConfig {
                notable_sigma: 4.0,
                tolerance_secs: 3600,
                days: 7,
                similar_fraction: 0.3,
                max_events: 64,
            }),
            extreme: Some(ExtremeConfig {
                warmup_points: 300,
                flatline_min_points: 12,
                min_sigma: 3.0,
            }),
        }
    }
}

impl BaselineConfig {
    /// Plain EMA + 3σ (deviation before the update), every anomalous point alerts.
    pub fn plain_ema() -> Self {
        Self {
            alert_sigma: 3.0,
            episode_quiet_points: 0,
            likelihood: None,
            seasonal: None,
            extreme: None,
            ..Self::default()
        }
    }

    /// The seed's detector exactly, including its deviation-after-update quirk.
    pub fn seed() -> Self {
        Self {
            deviation_after_update: true,
            ..Self::plain_ema()
        }
    }
}

/// Why an alert fired (or was held back); rendered into evidence text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "layer", rename_all = "snake_case")]
pub enum Evidence {
    /// The deviation itself.
    Deviation { sigma: f64 },
    /// Tail probability of the recent deviations for this series.
    Likelihood { tail_probability: f64 },
    /// Above the running maximum / below the running minimum.
    NewExtreme {
        high: bool,
        previous: f64,
        points_seen: u64,
    },
    /// Unchanged for longer than ever before.
    Flatline { points: u64, previous_longest: u64 },
    /// Held back: a similar deviation happened at this time of day before.
    Seasonal { days_ago: i64 },
    /// Held back: part of an episode that already alerted.
    Episode { points_since_alert: u64 },
    /// First alert of an episode; `quiet_points` since the previous one (None = first ever).
    FirstAlert { quiet_points: Option<u64> },
}

impl Evidence {
    pub fn text(&self) -> String {
        match self {
            Self::Deviation { sigma } => format!("{sigma:.1}σ from the usual level"),
            Self::Likelihood { tail_probability } => {
                format!(
                    "rarer than 1 in {} for this series",
                    one_in(*tail_probability)
                )
            }
            Self::NewExtreme {
                high,
                previous,
                points_seen,
            } => format!(
                "new {} (previous {} {:.4}) over {points_seen} points",
                if *high { "maximum" } else { "minimum" },
                if *high { "max" } else { "min" },
                previous
            ),
            Self::Flatline {
                points,
                previous_longest,
            } => format!(
                "unchanged for {points} points, longer than any earlier stretch ({previous_longest})"
            ),
            Self::Seasonal { days_ago } => {
                format!("usual at this time of day (seen {days_ago} day(s) ago)")
            }
            Self::Episode { points_since_alert } => {
                format!("same episode as an alert {points_since_alert} point(s) ago")
            }
            Self::FirstAlert { quiet_points } => match quiet_points {
                Some(q) => format!("first alert after {q} quiet points"),
                None => "first alert of this series".to_string(),
            },
        }
    }
}

fn one_in(p: f64) -> String {
    if p <= 0.0 {
        return "10^16".to_string();
    }
    let inv = 1.0 / p;
    if inv >= 1e4 {
        format!("10^{:.0}", inv.log10().floor())
    } else {
        format!("{inv:.0}")
    }
}

/// One evaluated point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    pub value: f64,
    /// EMA the value was compared with.
    pub baseline: f64,
    pub sigma: f64,
    /// |value − baseline| / σ.
    pub deviation: f64,
    /// `sigmoid(k·(deviation − anomaly_sigma))`.
    pub score: f64,
    /// Plain 3σ test.
    pub anomalous: bool,
    /// An alert-worthy trigger that no layer held back.
    pub triggered: bool,
    /// First trigger of an episode: the point that raises an alert.
    pub alert: bool,
    /// Inside an alerted episode (triggered now or within the quiet period).
    pub in_episode: bool,
    pub evidence: Vec<Evidence>,
}

impl Detection {
    pub fn evidence_text(&self) -> String {
        self.evidence
            .iter()
            .map(Evidence::text)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// State of one metric series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Detector {
    config: BaselineConfig,
    count: u64,
    ema: f64,
    variance: f64,
    consecutive_zero: u64,
    warm: bool,
    // likelihood
    short: VecDeque<f64>,
    long_mean: f64,
    long_var: f64,
    long_n: u64,
    // seasonal: (timestamp, deviation) of notable deviations
    events: VecDeque<(i64, f64)>,
    // extremes
    max: f64,
    min: f64,
    last_value: Option<f64>,
    run: u64,
    longest_run: u64,
    run_reported: bool,
    // episodes
    last_trigger: Option<u64>,
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Upper tail of the standard normal distribution.
fn normal_tail(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Complementary error function (W. J. Cody's rational approximation via
/// Numerical Recipes `erfcc`, relative error < 1.2e-7 — plenty for a tail test).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// Deviations are capped in the likelihood average so one enormous point does
/// not dominate the series' long-run statistics.
const LIKELIHOOD_DEVIATION_CAP: f64 = 50.0;
const DAY_SECS: i64 = 86_400;
/// Deviation reported when a perfectly flat series changes (σ = 0).
const FLAT_SERIES_DEVIATION: f64 = 1e9;

impl Detector {
    pub fn new(config: &BaselineConfig) -> Self {
        Self {
            config: *config,
            count: 0,
            ema: 0.0,
            variance: 0.0,
            consecutive_zero: 0,
            warm: false,
            short: VecDeque::new(),
            long_mean: 0.0,
            long_var: 0.0,
            long_n: 0,
            events: VecDeque::new(),
            max: f64::NEG_INFINITY,
            min: f64::INFINITY,
            last_value: None,
            run: 0,
            longest_run: 0,
            run_reported: false,
            last_trigger: None,
        }
    }

    /// Points seen so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn ema(&self) -> f64 {
        self.ema
    }

    pub fn variance(&self) -> f64 {
        self.variance
    }

    /// Feeds one point; `None` during the cold start.
    pub fn observe(&mut self, timestamp: i64, value: f64) -> Option<Detection> {
        if !value.is_finite() {
            return None;
        }
        self.count += 1;
        let index = self.count;
        let extreme = self.extreme_evidence(value);
        let detection = if self.warm {
            Some(self.detect(timestamp, value, index, extreme))
        } else {
            self.cold_start(value, timestamp, index, extreme)
        };
        self.max = self.max.max(value);
        self.min = self.min.min(value);
        detection
    }

    fn cold_start(
        &mut self,
        value: f64,
        timestamp: i64,
        index: u64,
        extreme: Vec<Evidence>,
    ) -> Option<Detection> {
        let fast_track = self.consecutive_zero >= self.config.zero_fast_track && value != 0.0;
        if index > self.config.cold_start_points || fast_track {
            self.warm = true;
            return Some(self.detect(timestamp, value, index, extreme));
        }
        self.consecutive_zero = if value == 0.0 {
            self.consecutive_zero + 1
        } else {
            0
        };
        if index == 1 {
            self.ema = value;
            self.variance = 0.0;
        } else {
            self.update_ema(value);
        }
        None
    }

    fn update_ema(&mut self, value: f64) {
        let a = self.config.alpha;
        let diff = value - self.ema;
        self.ema += a * diff;
        self.variance = if !self.config.deviation_after_update {
            // West's exponentially weighted variance.
            (1.0 - a) * (self.variance + a * diff * diff)
        } else if self.warm {
            a * diff * diff + (1.0 - a) * self.variance
        } else {
            // The seed's cold start uses the new EMA here.
            let d = value - self.ema;
            a * d * d + (1.0 - a) * self.variance
        };
    }

    /// Restores persisted baseline state (EMA, variance, points seen).
    pub fn restore(&mut self, ema: f64, variance: f64, count: u64) {
        self.ema = ema;
        self.variance = variance.max(0.0);
        self.count = count;
        self.warm = count >= self.config.cold_start_points;
    }

    /// Extreme-rule evidence of `value` against the state before it.
    fn extreme_evidence(&mut self, value: f64) -> Vec<Evidence> {
        let Some(cfg) = self.config.extreme else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let seen = self.count - 1;
        if self.last_value == Some(value) {
            self.run += 1;
        } else {
            self.longest_run = self.longest_run.max(self.run);
            self.run = 1;
            self.run_reported = false;
        }
        self.last_value = Some(value);
        if seen < cfg.warmup_points {
            return out;
        }
        if value > self.max {
            out.push(Evidence::NewExtreme {
                high: true,
                previous: self.max,
                points_seen: seen,
            });
        } else if value < self.min {
            out.push(Evidence::NewExtreme {
                high: false,
                previous: self.min,
                points_seen: seen,
            });
        }
        if cfg.flatline_min_points > 0
            && self.run >= cfg.flatline_min_points
            && self.run > self.longest_run
            && !self.run_reported
        {
            self.run_reported = true;
            out.push(Evidence::Flatline {
                points: self.run,
                previous_longest: self.longest_run,
            });
        }
        out
    }

    fn detect(
        &mut self,
        timestamp: i64,
        value: f64,
        index: u64,
        mut evidence: Vec<Evidence>,
    ) -> Detection {
        let cfg = self.config;
        let (baseline, sigma) = if cfg.deviation_after_update {
            self.update_ema(value);
            (self.ema, self.variance.sqrt())
        } else {
            (self.ema, self.variance.sqrt())
        };
        let deviation = if sigma > 1e-9 {
            (value - baseline).abs() / sigma
        } else if value == baseline {
            0.0
        } else {
            // Any change of a perfectly flat series is as unusual as it gets.
            FLAT_SERIES_DEVIATION
        };
        if !cfg.deviation_after_update {
            self.update_ema(value);
        }
        let score = sigmoid(cfg.sigmoid_k * (deviation - cfg.anomaly_sigma));
        let anomalous = deviation > cfg.anomaly_sigma;

        let min_sigma = cfg.extreme.map_or(0.0, |e| e.min_sigma);
        evidence.retain(|e| !matches!(e, Evidence::NewExtreme { .. }) || deviation >= min_sigma);
        let extreme_trigger = !evidence.is_empty();
        let mut deviation_trigger = deviation > cfg.alert_sigma;
        if deviation_trigger {
            evidence.insert(0, Evidence::Deviation { sigma: deviation });
        }
        if let Some(lk) = cfg.likelihood {
            let tail = self.likelihood(&lk, deviation);
            if deviation_trigger && let Some(p) = tail {
                if p < lk.max_tail_probability {
                    evidence.push(Evidence::Likelihood {
                        tail_probability: p,
                    });
                } else {
                    deviation_trigger = false;
                }
            }
        }
        if let Some(season) = cfg.seasonal {
            if deviation_trigger
                && let Some(days_ago) = self.seasonal_match(&season, timestamp, deviation)
            {
                deviation_trigger = false;
                evidence.push(Evidence::Seasonal { days_ago });
            }
            if deviation > season.notable_sigma {
                self.events.push_back((timestamp, deviation));
                if self.events.len() > season.max_events {
                    self.events.pop_front();
                }
            }
            let horizon = timestamp - season.days * DAY_SECS - season.tolerance_secs;
            while self.events.front().is_some_and(|(t, _)| *t < horizon) {
                self.events.pop_front();
            }
        }

        let triggered = deviation_trigger || extreme_trigger;
        let since = self.last_trigger.map(|t| index - t);
        let in_quiet = since.is_some_and(|s| s <= cfg.episode_quiet_points);
        let alert = triggered && !in_quiet;
        if triggered {
            if alert {
                evidence.push(Evidence::FirstAlert {
                    quiet_points: since.map(|s| s - 1),
                });
            } else if let Some(s) = since {
                evidence.push(Evidence::Episode {
                    points_since_alert: s,
                });
            }
            self.last_trigger = Some(index);
        }
        Detection {
            value,
            baseline,
            sigma,
            deviation,
            score,
            anomalous,
            triggered,
            alert,
            in_episode: triggered || in_quiet,
            evidence,
        }
    }

    /// Updates the likelihood statistics with this point and returns the tail
    /// probability of the short average against the history before it.
    fn likelihood(&mut self, cfg: &LikelihoodConfig, deviation: f64) -> Option<f64> {
        let raw = sigmoid(
            self.config.sigmoid_k
                * (deviation.min(LIKELIHOOD_DEVIATION_CAP) - self.config.anomaly_sigma),
        );
        self.short.push_back(raw);
        while self.short.len() > cfg.short_points.max(1) {
            self.short.pop_front();
        }
        let mean = self.short.iter().sum::<f64>() / self.short.len() as f64;
        let tail = (self.long_n >= cfg.min_history).then(|| {
            let sd = self.long_var.max(1e-12).sqrt();
            normal_tail((mean - self.long_mean) / sd)
        });
        self.long_n += 1;
        // Plain average while young, exponential forgetting afterwards.
        let a = cfg.long_alpha.max(1.0 / self.long_n as f64);
        let diff = mean - self.long_mean;
        self.long_mean += a * diff;
        self.long_var = (1.0 - a) * (self.long_var + a * diff * diff);
        tail
    }

    /// Days ago of a similar deviation at this time of day, if any.
    fn seasonal_match(&self, cfg: &SeasonalConfig, timestamp: i64, deviation: f64) -> Option<i64> {
        self.events.iter().rev().find_map(|&(t, dev)| {
            let dt = timestamp - t;
            if dt < DAY_SECS - cfg.tolerance_secs || dev < cfg.similar_fraction * deviation {
                return None;
            }
            let phase = dt.rem_euclid(DAY_SECS);
            let off = phase.min(DAY_SECS - phase);
            (off <= cfg.tolerance_secs).then(|| (dt + cfg.tolerance_secs) / DAY_SECS)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn seed_detector() -> Detector {
        Detector::new(&BaselineConfig::seed())
    }

    #[test]
    fn cold_start_yields_nothing_for_100_points() {
        let mut d = seed_detector();
        for i in 0..100 {
            assert!(d.observe(i * 10, 50.0 + (i % 3) as f64).is_none());
        }
        assert_eq!(d.count(), 100);
        assert!(d.ema() != 0.0);
        assert!(d.observe(1000, 50.0).is_some());
    }

    #[test]
    fn first_sample_sets_ema() {
        let mut d = seed_detector();
        d.observe(0, 100.0);
        assert_eq!(d.ema(), 100.0);
        assert_eq!(d.variance(), 0.0);
    }

    #[test]
    fn zero_fast_track_ends_cold_start() {
        let mut d = seed_detector();
        for i in 0..10 {
            assert!(d.observe(i, 0.0).is_none());
        }
        let r = d.observe(10, 5.0).unwrap();
        assert!(r.anomalous);
        assert!(d.count() > 10);
        // The seed caps the post-update deviation at (1−α)/√α.
        assert!((r.deviation - 0.967 / 0.033f64.sqrt()).abs() < 1e-9);
    }

    #[test]
    fn eleventh_zero_and_interrupted_zero_runs_stay_cold() {
        let mut d = seed_detector();
        for i in 0..11 {
            assert!(d.observe(i, 0.0).is_none());
        }
        let mut d = seed_detector();
        let seq = [0., 0., 0., 0., 0., 1., 0., 0., 0., 0., 0., 3.];
        for (i, v) in seq.iter().enumerate() {
            assert!(d.observe(i as i64, *v).is_none());
        }
    }

    #[test]
    fn pre_update_deviation_is_not_capped() {
        let mut d = Detector::new(&BaselineConfig::plain_ema());
        for i in 0..200 {
            d.observe(i, 50.0 + if i % 2 == 0 { 1.0 } else { -1.0 });
        }
        let r = d.observe(200, 90.0).unwrap();
        assert!(r.deviation > 30.0, "{}", r.deviation);
        assert!(r.score > 0.99 && r.alert);
        let mut s = seed_detector();
        for i in 0..200 {
            s.observe(i, 50.0 + if i % 2 == 0 { 1.0 } else { -1.0 });
        }
        assert!(s.observe(200, 90.0).unwrap().deviation < 5.33);
    }

    #[test]
    fn upstream_normal_and_anomalous_values() {
        let mut d = seed_detector();
        d.restore(50.0, 25.0, 100);
        let r = d.observe(0, 52.0).unwrap();
        assert!(!r.anomalous && r.score < 0.5);
        let mut d = seed_detector();
        d.restore(50.0, 4.0, 100);
        let r = d.observe(0, 90.0).unwrap();
        assert!(r.anomalous && r.score > 0.5);
    }

    #[test]
    fn sigmoid_score_midpoint_is_three_sigma() {
        let k = 2.0;
        assert!(sigmoid(k * (1.0 - 3.0)) <= 0.5);
        assert!((sigmoid(0.0) - 0.5).abs() < 1e-12);
        assert!(sigmoid(k * (5.0 - 3.0)) > 0.5);
    }

    #[test]
    fn erfc_matches_reference_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-7);
        assert!((erfc(1.0) - 0.157_299_207).abs() < 1e-7);
        assert!((normal_tail(3.0) - 0.001_349_898).abs() < 1e-8);
        assert!((erfc(-1.0) - 1.842_700_793).abs() < 1e-7);
    }

    fn noisy(i: i64) -> f64 {
        // Deterministic pseudo-noise in [-1, 1].
        ((i * 7919 % 101) as f64 / 50.0) - 1.0
    }

    #[test]
    fn one_alert_per_episode() {
        let mut d = Detector::new(&BaselineConfig::default());
        let mut alerts = Vec::new();
        for i in 0..1000i64 {
            let v = if (600..620).contains(&i) {
                200.0
            } else {
                50.0 + noisy(i)
            };
            if let Some(r) = d.observe(i * 300, v)
                && r.alert
            {
                alerts.push((i, r.evidence_text()));
            }
        }
        assert_eq!(alerts.len(), 1, "{alerts:?}");
        assert_eq!(alerts[0].0, 600);
        assert!(alerts[0].1.contains("new maximum"), "{}", alerts[0].1);
    }

    #[test]
    fn daily_spike_is_seasonal_after_first_day() {
        let mut d = Detector::new(&BaselineConfig {
            extreme: None,
            ..BaselineConfig::default()
        });
        let step = 300;
        let mut alert_days = Vec::new();
        let mut held = 0;
        for i in 0..(288 * 5) {
            let spike = i % 288 == 150;
            let v = if spike { 60.0 } else { 50.0 + noisy(i) };
            if let Some(r) = d.observe(i * step, v) {
                if r.alert {
                    alert_days.push(i / 288);
                }
                if r.evidence
                    .iter()
                    .any(|e| matches!(e, Evidence::Seasonal { days_ago: 1 }))
                {
                    held += 1;
                }
            }
        }
        assert_eq!(alert_days, vec![0], "only the first daily spike alerts");
        assert!(held >= 3);
    }

    #[test]
    fn longest_flatline_is_reported_once() {
        let mut d = Detector::new(&BaselineConfig::default());
        let mut flat = Vec::new();
        for i in 0..600i64 {
            let v = if (400..450).contains(&i) {
                0.0
            } else {
                10.0 + noisy(i)
            };
            if let Some(r) = d.observe(i * 300, v)
                && r.evidence
                    .iter()
                    .any(|e| matches!(e, Evidence::Flatline { .. }))
            {
                flat.push(i);
            }
        }
        assert_eq!(flat, vec![411]);
    }

    #[test]
    fn a_slow_drift_to_a_new_maximum_is_not_an_anomaly() {
        // A ramp sets a new record at nearly every point but stays within
        // the usual spread of the EMA; without the 3σ condition each record
        // past the warm-up would trigger.
        let run = |min_sigma: f64| {
            let mut cfg = BaselineConfig::default();
            if let Some(e) = cfg.extreme.as_mut() {
                e.min_sigma = min_sigma;
            }
            let mut d = Detector::new(&cfg);
            (0..600i64)
                .filter_map(|i| d.observe(i * 300, 10.0 + noisy(i) + i as f64 * 0.002))
                .filter(|r| r.triggered)
                .count()
        };
        assert_eq!(run(3.0), 0);
        assert!(run(0.0) > 0);
    }

    #[test]
    fn detector_is_deterministic() {
        let run = || {
            let mut d = Detector::new(&BaselineConfig::default());
            (0..2000i64)
                .filter_map(|i| d.observe(i * 60, (i as f64 * 0.1).sin() * 10.0 + noisy(i)))
                .map(|r| (r.alert, r.deviation.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(), run());
    }
}
