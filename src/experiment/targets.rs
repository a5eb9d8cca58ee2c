//! Is the target met? For each target the changed scenario states (`targets` in the
//! scenario file), the share of replications that meet it (docs/ODD.md 7.18, "Targets").
//!
//! Replicate i of the project alternative is set against replicate i of the nulalternatief
//! (the same seed): its value in the target's year against the nulalternatief's year-1
//! value (`Start`: both alternatives start from the same state) or against the
//! nulalternatief's value in the same year (`Nulalternatief`). A target of change c < 0 is
//! met when the relative change is c or lower, of c > 0 when it is c or higher.

use super::{YearRows, stats};
use crate::scenario::{Target, TargetAgainst};

/// One row of `targets.csv`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TargetRow {
    /// The target as the scenario words it.
    pub description: String,
    /// The indicator.
    pub indicator: String,
    /// `city` or a neighbourhood.
    pub area: String,
    /// The target's year.
    pub year: u32,
    /// The relative change aimed at.
    pub change: f64,
    /// `start` or `nulalternatief`.
    pub against: &'static str,
    /// Replications that meet it, over all replications.
    pub met_share: f64,
    /// Replications compared.
    pub replications: usize,
    /// The relative change of the means: changed mean over reference mean, minus 1.
    pub change_mean: f64,
    /// Lower end of the 95% t-interval of the replicates' relative changes; empty when a
    /// reference is zero.
    pub change_ci_low: Option<f64>,
    /// Upper end.
    pub change_ci_high: Option<f64>,
    /// Mean of the reference values (start or nulalternatief).
    pub reference_mean: f64,
    /// Mean of the project alternative's values in the year.
    pub changed_mean: f64,
}

/// The rows of `targets.csv`, one per target, in the scenario's order.
pub fn evaluate(targets: &[Target], base: &[YearRows], changed: &[YearRows]) -> Vec<TargetRow> {
    targets
        .iter()
        .map(|t| {
            let reference_year = match t.against {
                TargetAgainst::Start => 1,
                TargetAgainst::Nulalternatief => t.year,
            };
            let get = |r: &YearRows, y: u32| r.get(y, &t.area, &t.indicator).unwrap_or(f64::NAN);
            let refs: Vec<f64> = base.iter().map(|r| get(r, reference_year)).collect();
            let vals: Vec<f64> = changed.iter().map(|r| get(r, t.year)).collect();
            let rel: Vec<f64> = refs
                .iter()
                .zip(&vals)
                .map(|(a, b)| relative(*a, *b))
                .collect();
            let met = rel
                .iter()
                .filter(|&&r| {
                    if t.change < 0.0 {
                        r <= t.change
                    } else {
                        r >= t.change
                    }
                })
                .count();
            let s = stats::summary(&rel);
            let ci = if s.ci95.is_finite() { s.ci95 } else { 0.0 };
            let finite = s.mean.is_finite();
            let (reference_mean, changed_mean) =
                (stats::summary(&refs).mean, stats::summary(&vals).mean);
            TargetRow {
                description: t.description.clone(),
                indicator: t.indicator.clone(),
                area: t.area.clone(),
                year: t.year,
                change: t.change,
                against: match t.against {
                    TargetAgainst::Start => "start",
                    TargetAgainst::Nulalternatief => "nulalternatief",
                },
                met_share: met as f64 / rel.len().max(1) as f64,
                replications: rel.len(),
                change_mean: relative(reference_mean, changed_mean),
                change_ci_low: finite.then_some(s.mean - ci),
                change_ci_high: finite.then_some(s.mean + ci),
                reference_mean,
                changed_mean,
            }
        })
        .collect()
}

/// `b / a - 1`; 0 when both are 0, and an infinite rise from 0.
fn relative(a: f64, b: f64) -> f64 {
    if a == 0.0 {
        if b == 0.0 {
            0.0
        } else {
            f64::INFINITY * b.signum()
        }
    } else {
        b / a - 1.0
    }
}
