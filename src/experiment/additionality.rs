//! What a job costs: the additional outcomes of a comparison and the cost of each, with
//! intervals (docs/ODD.md 7.18, "Additionality").
//!
//! Per replicate i (both scenarios with the same seed), the extra outcome over the horizon
//! is the discounted sum of the yearly paired differences of the city's values, and the
//! extra cost is the present value of what the municipality (or the municipality and the
//! national government together) paid more, from the parties' cash
//! ([`super::stakeholders`]). The cost per unit is the ratio of the mean extra cost to the
//! mean extra outcome (euros per outcome-year, both discounted at the same rate), with a
//! percentile bootstrap interval over the replications. A ratio is reported only when the
//! outcome clearly improves (its 95% interval above zero); otherwise it is undefined and the
//! note says why, never a huge number from a denominator near zero.
//!
//! Deadweight and displacement are shown by splitting the extra jobs located in the city
//! into those held by residents and those held by commuters, beside the extra working
//! residents: a local job taken by a resident who already worked elsewhere adds to the
//! first and not to the last.

use super::stakeholders::{CoinValues, Item, Mkba, PartyYears};
use super::{YearRows, derive_seed, stats};
use crate::model::parties::Party;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Bootstrap resamples of the ratios' intervals.
pub const BOOTSTRAP_RESAMPLES: usize = 2000;

/// An outcome whose extra units a change may buy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Working residents (`working_residents_count`).
    WorkingResidents,
    /// Households not on bijstand: minus the households on bijstand (the share
    /// `households_on_benefits_share` times the households).
    HouseholdsOffBijstand,
    /// Jobs located in the city (`jobs_in_neighbourhood_count`).
    LocalJobs,
    /// Of them, held by residents (`local_jobs_held_by_residents_share`).
    LocalJobsOfResidents,
    /// Of them, held by commuters.
    LocalJobsOfCommuters,
}

impl Outcome {
    /// Every outcome, in output order.
    pub const ALL: [Outcome; 5] = [
        Outcome::WorkingResidents,
        Outcome::HouseholdsOffBijstand,
        Outcome::LocalJobs,
        Outcome::LocalJobsOfResidents,
        Outcome::LocalJobsOfCommuters,
    ];

    /// The stable name written in `additionality.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::WorkingResidents => "working_residents",
            Outcome::HouseholdsOffBijstand => "households_off_bijstand",
            Outcome::LocalJobs => "jobs_in_city",
            Outcome::LocalJobsOfResidents => "jobs_in_city_held_by_residents",
            Outcome::LocalJobsOfCommuters => "jobs_in_city_held_by_commuters",
        }
    }

    /// The outcome's label in Dutch and English.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Outcome::WorkingResidents => ("werkende inwoners", "working residents"),
            Outcome::HouseholdsOffBijstand => {
                ("huishoudens uit de bijstand", "households off bijstand")
            }
            Outcome::LocalJobs => ("banen in de stad", "jobs in the city"),
            Outcome::LocalJobsOfResidents => {
                ("waarvan door inwoners", "of which held by residents")
            }
            Outcome::LocalJobsOfCommuters => {
                ("waarvan door forenzen", "of which held by commuters")
            }
        }
    }

    /// Whether a cost per unit is asked of this outcome (the splits of jobs only show
    /// where the jobs went).
    pub fn has_cost(self) -> bool {
        matches!(
            self,
            Outcome::WorkingResidents | Outcome::HouseholdsOffBijstand | Outcome::LocalJobs
        )
    }

    /// The city's value in `year` of a run.
    fn value(self, rows: &YearRows, parties: &PartyYears, year: u32) -> f64 {
        let get = |i: &str| rows.get(year, "city", i).unwrap_or(f64::NAN);
        let jobs = get("jobs_in_neighbourhood_count");
        let of_residents = jobs * get("local_jobs_held_by_residents_share");
        match self {
            Outcome::WorkingResidents => get("working_residents_count"),
            Outcome::HouseholdsOffBijstand => {
                let households: u32 = parties
                    .0
                    .iter()
                    .find(|y| y.year == year)
                    .map_or(0, |y| y.groups.households.iter().sum());
                -get("households_on_benefits_share") * households as f64
            }
            Outcome::LocalJobs => jobs,
            Outcome::LocalJobsOfResidents => of_residents,
            Outcome::LocalJobsOfCommuters => jobs - of_residents,
        }
    }
}

/// Whose cost a ratio counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostBasis {
    /// What the municipality pays more.
    Municipality,
    /// What the municipality and the national government together pay more (taxes and
    /// benefits that return to the state count).
    Government,
}

impl CostBasis {
    /// The stable name written in `additionality.csv`.
    pub fn name(self) -> &'static str {
        match self {
            CostBasis::Municipality => "municipality",
            CostBasis::Government => "government",
        }
    }

    fn parties(self) -> &'static [Party] {
        match self {
            CostBasis::Municipality => &[Party::Municipality],
            CostBasis::Government => &[Party::Municipality, Party::NationalGovernment],
        }
    }
}

/// One row of `additionality.csv`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AdditionalityRow {
    /// The outcome's stable name.
    pub outcome: &'static str,
    /// `effect` (extra units, mean per year over the horizon) or `cost_per_unit` (euros per
    /// extra unit-year).
    pub measure: &'static str,
    /// For a cost: `municipality` or `government`; empty for an effect.
    pub cost_basis: &'static str,
    /// The value; empty when undefined.
    pub value: Option<f64>,
    /// Lower end of its 95% interval; empty when undefined.
    pub ci_low: Option<f64>,
    /// Upper end.
    pub ci_high: Option<f64>,
    /// `t` (Student t over the paired differences) or `bootstrap_percentile`.
    pub interval: &'static str,
    /// Why a value is undefined, or what to read into it; empty otherwise.
    pub note: String,
}

/// The inputs of [`additionality`]: both scenarios' runs in replicate order.
pub struct Runs<'a> {
    /// The base runs' yearly rows.
    pub base_rows: &'a [YearRows],
    /// The changed runs' yearly rows.
    pub changed_rows: &'a [YearRows],
    /// The base runs' party flows.
    pub base_parties: &'a [PartyYears],
    /// The changed runs' party flows.
    pub changed_parties: &'a [PartyYears],
}

/// Every row of `additionality.csv`: per outcome its effect, then for the outcomes with a
/// cost the cost per unit on both bases. `root_seed` keys the bootstrap.
pub fn additionality(
    runs: &Runs<'_>,
    years: u32,
    mkba: &Mkba,
    coins: CoinValues,
    root_seed: u64,
) -> Vec<AdditionalityRow> {
    let h = mkba.horizon(years);
    let n = runs.base_rows.len().min(runs.changed_rows.len());
    let mut out = Vec::new();
    for outcome in Outcome::ALL {
        let diff = |i: usize, y: u32| {
            outcome.value(&runs.changed_rows[i], &runs.changed_parties[i], y)
                - outcome.value(&runs.base_rows[i], &runs.base_parties[i], y)
        };
        // Mean extra units a year, and the discounted unit-years.
        let per_year: Vec<f64> = (0..n)
            .map(|i| (1..=h).map(|y| diff(i, y)).sum::<f64>() / h as f64)
            .collect();
        let units: Vec<f64> = (0..n)
            .map(|i| (1..=h).map(|y| mkba.discount(y) * diff(i, y)).sum())
            .collect();
        let s = stats::summary(&per_year);
        let ci = if s.ci95.is_finite() { s.ci95 } else { 0.0 };
        out.push(AdditionalityRow {
            outcome: outcome.name(),
            measure: "effect",
            cost_basis: "",
            value: Some(s.mean),
            ci_low: Some(s.mean - ci),
            ci_high: Some(s.mean + ci),
            interval: "t",
            note: String::new(),
        });
        if !outcome.has_cost() {
            continue;
        }
        let clear_gain = s.mean - ci > 0.0;
        let clear_loss = s.mean + ci < 0.0;
        for basis in [CostBasis::Municipality, CostBasis::Government] {
            let cost: Vec<f64> = (0..n)
                .map(|i| {
                    let pv = |p: &PartyYears, v: f64| -> f64 {
                        basis
                            .parties()
                            .iter()
                            .map(|&party| p.present_value(mkba, years, party, Item::CashTotal, v))
                            .sum()
                    };
                    // A party's cash is what it received: its cost is minus that.
                    -(pv(&runs.changed_parties[i], coins.changed)
                        - pv(&runs.base_parties[i], coins.base))
                })
                .collect();
            let effect = if clear_gain {
                Effect::Gain
            } else if clear_loss {
                Effect::Loss
            } else {
                Effect::Unclear
            };
            out.push(cost_row(outcome, basis, &cost, &units, effect, root_seed));
        }
    }
    out
}

/// Whether an outcome's 95% interval lies above zero, below it, or includes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Effect {
    Gain,
    Loss,
    Unclear,
}

/// The cost per unit of `outcome` on `basis`, or why it is undefined.
fn cost_row(
    outcome: Outcome,
    basis: CostBasis,
    cost: &[f64],
    units: &[f64],
    effect: Effect,
    root_seed: u64,
) -> AdditionalityRow {
    let mean = |v: &[f64]| stats::summary(v).mean;
    let mut row = AdditionalityRow {
        outcome: outcome.name(),
        measure: "cost_per_unit",
        cost_basis: basis.name(),
        value: None,
        ci_low: None,
        ci_high: None,
        interval: "bootstrap_percentile",
        note: String::new(),
    };
    match effect {
        Effect::Gain => {}
        Effect::Loss => {
            row.note = format!(
                "undefined: the change clearly gives fewer {}",
                outcome.label().1
            );
            return row;
        }
        Effect::Unclear => {
            row.note = format!(
                "undefined: no clear effect on {} (its 95% interval includes zero)",
                outcome.label().1
            );
            return row;
        }
    }
    let ratio = mean(cost) / mean(units);
    let (lo, hi) = bootstrap(
        cost,
        units,
        derive_seed(&[
            b"bootstrap",
            outcome.name().as_bytes(),
            basis.name().as_bytes(),
            &root_seed.to_le_bytes(),
        ]),
    );
    row.value = Some(ratio);
    row.ci_low = Some(lo);
    row.ci_high = Some(hi);
    if mean(cost) < 0.0 {
        row.note = format!(
            "the change saves {} money and adds {}",
            basis.name(),
            outcome.label().1
        );
    }
    row
}

/// The 2.5% and 97.5% percentiles of the ratio of means over resampled replications.
fn bootstrap(cost: &[f64], units: &[f64], seed: u64) -> (f64, f64) {
    let n = cost.len();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ratios: Vec<f64> = (0..BOOTSTRAP_RESAMPLES)
        .map(|_| {
            let (mut c, mut u) = (0.0, 0.0);
            for _ in 0..n {
                let i = rng.random_range(0..n);
                c += cost[i];
                u += units[i];
            }
            c / u
        })
        .collect();
    ratios.sort_unstable_by(f64::total_cmp);
    let at = |q: f64| {
        ratios
            [((q * (BOOTSTRAP_RESAMPLES - 1) as f64).round() as usize).min(BOOTSTRAP_RESAMPLES - 1)]
    };
    (at(0.025), at(0.975))
}
