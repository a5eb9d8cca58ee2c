//! Uncertainty beyond the seed (issue 12, item 4): the behavioural parameters that
//! docs/ODD.md marks as assumptions, drawn per replicate from stated ranges, the same
//! values for both scenarios of a comparison, so that its intervals include what we do not
//! know about behaviour and not only random noise (docs/ODD.md 7.19).
//!
//! The draws are a Latin hypercube over the replicates: parameter `j`'s range is cut into
//! as many equal strata as there are replicates, each replicate gets one stratum (a
//! permutation keyed by the root seed and the parameter's path) and a uniform point in it.
//! Keyed by the path, so adding a parameter does not move the others' draws.

use super::derive_seed;
use super::patch;
use crate::scenario::{self, Scenario};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

/// A parameter drawn from `low..=high`, where docs/ODD.md says why: uniformly, or
/// uniformly in its logarithm (`log`: a range of half to twice a default then has the
/// default as its median).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Range {
    /// The scenario field's dotted path ([`patch::set`]).
    pub path: String,
    /// Lowest value drawn.
    pub low: f64,
    /// Highest value drawn.
    pub high: f64,
    /// Drawn uniformly in the logarithm (log-uniform) rather than in the value.
    pub log: bool,
}

impl Range {
    /// The value at `u` in [0, 1) of the range's scale.
    pub fn at(&self, u: f64) -> f64 {
        if self.log {
            self.low * (self.high / self.low).powf(u)
        } else {
            self.low + (self.high - self.low) * u
        }
    }
}

/// The behavioural assumptions of docs/ODD.md with the ranges `--uncertainty` draws them
/// from: `(path, low, high, log)`. Where ODD states a range considered, it is that range,
/// drawn uniformly; otherwise half to twice the default, drawn log-uniformly, so that the
/// default is the median (ODD 7.19 gives each its reason).
pub const ASSUMPTIONS: [(&str, f64, f64, bool); 15] = [
    ("behaviour.shop_choice_price_sensitivity", 1.0, 4.0, true),
    ("behaviour.markup_step_max", 0.05, 0.2, true),
    ("behaviour.training_skill_gain_sd", 0.05, 0.2, true),
    (
        "behaviour.training_dropout_probability_per_month",
        0.015,
        0.06,
        true,
    ),
    ("behaviour.weak_tie_job_chance_gain", 0.0, 0.18, false),
    (
        "behaviour.volunteer_skill_gain_per_month",
        0.0,
        0.002,
        false,
    ),
    (
        "behaviour.reservation_gain_eur_per_month",
        0.0,
        200.0,
        false,
    ),
    ("municipality.refusal_sanction_probability", 0.15, 0.6, true),
    ("region.matching_elasticity_unemployment", 0.5, 0.85, false),
    ("region.ranking_skill_scale", 0.05, 0.2, false),
    ("coins.spend_propensity_per_month", 0.25, 1.0, true),
    ("coins.participation.imitation_per_year", 0.19, 0.76, true),
    ("coins.acceptance.pass_on_cost_max_share", 0.05, 0.2, true),
    ("coins.acceptance.coin_user_preference", 0.5, 2.0, true),
    ("levers.pay_residents.displacement_share", 0.0, 1.0, false),
];

/// What a comparison is asked to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Request {
    /// Draw the built-in [`ASSUMPTIONS`] (`--uncertainty`).
    pub assumptions: bool,
    /// Further ranges, or replacements of built-in ones (`--uncertain PATH=LOW..HIGH`).
    pub ranges: Vec<Range>,
}

/// Which parameters a comparison draws, and why others are not drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// The parameters drawn, in order.
    pub ranges: Vec<Range>,
    /// One line per assumption left at the scenarios' own values, with the reason.
    pub kept: Vec<String>,
}

use patch::get as value;

/// Plans the draws: the built-in [`ASSUMPTIONS`] when `assumptions` is set, then `extra`
/// (from `--uncertain PATH=LOW..HIGH`), which adds a parameter or replaces a built-in
/// range. A built-in assumption that either scenario sets to a value other than the
/// model's default is kept at the scenarios' values (a calibrated preset keeps its
/// calibration) and listed in [`Plan::kept`]. Refuses an unknown path, a range that is
/// not `low <= high` or that the scenario validation refuses at either end, and a
/// parameter the two scenarios set differently (common draws would erase the change).
pub fn plan(
    base: &Scenario,
    changed: &Scenario,
    assumptions: bool,
    extra: &[Range],
) -> Result<Plan, String> {
    let default = Scenario::default();
    let mut out = Plan::default();
    if assumptions {
        for (path, low, high, log) in ASSUMPTIONS {
            if extra.iter().any(|r| r.path == path) {
                continue;
            }
            let d = value(&default, path)?;
            let (b, c) = (value(base, path)?, value(changed, path)?);
            if b != d || c != d {
                out.kept.push(format!(
                    "{path} is not drawn: the scenarios set it ({b} and {c}; the model's default is {d})"
                ));
                continue;
            }
            out.ranges.push(Range {
                path: path.to_string(),
                low,
                high,
                log,
            });
        }
    }
    for r in extra {
        let (b, c) = (value(base, &r.path)?, value(changed, &r.path)?);
        if b != c {
            return Err(format!(
                "`{}` differs between the scenarios ({b} and {c}), so drawing the same value for both would erase the change\n  hint: draw only parameters the two scenarios share",
                r.path
            ));
        }
        out.ranges.push(r.clone());
    }
    for r in &out.ranges {
        check(base, r)?;
    }
    Ok(out)
}

/// Refuses a range whose ends the scenario validation refuses.
fn check(s: &Scenario, r: &Range) -> Result<(), String> {
    if r.low.is_nan() || r.high.is_nan() || r.low > r.high {
        return Err(format!(
            "`{}`: the range {}..{} is empty\n  hint: write LOW..HIGH with LOW <= HIGH",
            r.path, r.low, r.high
        ));
    }
    if r.log && r.low <= 0.0 {
        return Err(format!(
            "`{}`: a log-uniform range must lie above zero, not start at {}\n  hint: drop `:log`, or start above zero",
            r.path, r.low
        ));
    }
    let kind = patch::kind(s, &r.path)?;
    if kind != patch::FieldKind::Number {
        return Err(format!(
            "`{}` is not a decimal number, so it cannot be drawn from a range",
            r.path
        ));
    }
    for v in [r.low, r.high] {
        let t = patch::set(s, &r.path, v)?;
        if let Some(p) = scenario::validate::check(&t).first() {
            return Err(format!(
                "`{}` = {v} (an end of its range): `{}` {}{}",
                r.path,
                p.path,
                p.message,
                p.hint
                    .as_ref()
                    .map(|h| format!("\n  hint: {h}"))
                    .unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// Parses `--uncertain`'s `PATH=LOW..HIGH`, drawn uniformly, or `PATH=LOW..HIGH:log`,
/// drawn log-uniformly.
pub fn parse_range(text: &str) -> Result<Range, String> {
    let hint = "hint: write PATH=LOW..HIGH (uniform) or PATH=LOW..HIGH:log (log-uniform), e.g. levers.pay_residents.displacement_share=0..1";
    let (path, range) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` has no `=`\n  {hint}"))?;
    let (range, log) = match range.strip_suffix(":log") {
        Some(r) => (r, true),
        None => (range, false),
    };
    let (low, high) = range
        .split_once("..")
        .ok_or_else(|| format!("`{range}` has no `..`\n  {hint}"))?;
    let num = |s: &str| {
        s.trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| format!("`{s}` in `{text}` is not a number\n  {hint}"))
    };
    Ok(Range {
        path: path.trim().to_string(),
        low: num(low)?,
        high: num(high)?,
        log,
    })
}

/// A uniform draw in [0, 1) from 53 bits.
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The values of every range for each of `runs` replicates: `[replicate][parameter]`, a
/// Latin hypercube keyed by `root_seed` and each parameter's path.
pub fn draws(ranges: &[Range], runs: u32, root_seed: u64) -> Vec<Vec<f64>> {
    let n = runs as usize;
    let cols: Vec<Vec<f64>> = ranges
        .iter()
        .map(|r| {
            let seed = derive_seed(&[b"uncertainty", &root_seed.to_le_bytes(), r.path.as_bytes()]);
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut strata: Vec<usize> = (0..n).collect();
            for i in (1..n).rev() {
                let k = ((rng.next_u64() as u128 * (i as u128 + 1)) >> 64) as usize;
                strata.swap(i, k);
            }
            strata
                .iter()
                .map(|&s| r.at((s as f64 + unit(&mut rng)) / n as f64))
                .collect()
        })
        .collect();
    (0..n)
        .map(|i| cols.iter().map(|c| c[i]).collect())
        .collect()
}

/// `s` with each range's parameter set to its value.
pub fn apply(s: &Scenario, ranges: &[Range], values: &[f64]) -> Result<Scenario, String> {
    let mut out = s.clone();
    for (r, v) in ranges.iter().zip(values) {
        out = patch::set(&out, &r.path, *v)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_assumption_exists_and_its_range_holds_the_default_and_validates() {
        let s = Scenario::default();
        for (path, low, high, log) in ASSUMPTIONS {
            let d = value(&s, path).unwrap();
            assert!(low <= d && d <= high, "{path}: {d} outside {low}..{high}");
            let r = Range {
                path: path.into(),
                low,
                high,
                log,
            };
            check(&s, &r).unwrap();
            if log {
                // Half to twice the default: the default is the median.
                assert!((r.at(0.5) - d).abs() < 1e-12, "{path}");
            }
        }
    }

    #[test]
    fn a_latin_hypercube_puts_one_replicate_in_each_stratum() {
        let r = [
            parse_range("behaviour.markup_step_max=0.05..0.2").unwrap(),
            parse_range("coins.spend_propensity_per_month=0.1..1:log").unwrap(),
        ];
        assert!(r[1].log && !r[0].log);
        let d = draws(&r, 10, 7);
        assert_eq!(d.len(), 10);
        for (j, r) in r.iter().enumerate() {
            let position = |v: f64| {
                if r.log {
                    (v / r.low).ln() / (r.high / r.low).ln()
                } else {
                    (v - r.low) / (r.high - r.low)
                }
            };
            let mut strata: Vec<usize> =
                d.iter().map(|v| (position(v[j]) * 10.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..10).collect::<Vec<_>>(), "{}", r.path);
        }
        assert_eq!(d, draws(&r, 10, 7), "deterministic");
        assert_ne!(d, draws(&r, 10, 8), "keyed by the root seed");
        assert_eq!(draws(&r[1..], 10, 7)[3][0], d[3][1], "keyed by the path");
    }

    #[test]
    fn bad_ranges_are_refused_with_a_hint() {
        assert!(parse_range("x=1").unwrap_err().contains("hint"));
        assert!(parse_range("x").unwrap_err().contains("no `=`"));
        assert!(parse_range("x=a..1").unwrap_err().contains("not a number"));
        let s = Scenario::default();
        let e = plan(
            &s,
            &s,
            false,
            &[parse_range("coins.spend_propensity_per_month=0..1:log").unwrap()],
        )
        .unwrap_err();
        assert!(e.contains("above zero"), "{e}");
        let s = Scenario::default();
        let e = plan(
            &s,
            &s,
            false,
            &[parse_range("coins.spend_propensity_per_month=0.5..2").unwrap()],
        )
        .unwrap_err();
        assert!(e.contains("= 2"), "{e}");
        let e = plan(
            &s,
            &s,
            false,
            &[parse_range("behaviour.markup_step=0..1").unwrap()],
        )
        .unwrap_err();
        assert!(e.contains("did you mean"), "{e}");
        let mut c = s.clone();
        c.behaviour.markup_step_max = 0.2;
        let e = plan(
            &s,
            &c,
            false,
            &[parse_range("behaviour.markup_step_max=0..0.3").unwrap()],
        )
        .unwrap_err();
        assert!(e.contains("erase the change"), "{e}");
        let p = plan(&s, &c, true, &[]).unwrap();
        assert_eq!(p.ranges.len(), ASSUMPTIONS.len() - 1);
        assert!(p.kept[0].contains("markup_step_max"), "{:?}", p.kept);
    }
}
