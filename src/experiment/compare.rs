//! Comparing two scenarios over replications with common random numbers: replicate `i` of
//! both runs with the same seed ([`replicate_seed`]), so that the paired differences carry
//! only the effect of the change. Which differences are clear and which are noise.
//!
//! Plain data in ([`CompareSpec`]), plain data out ([`Comparison`]: every run's yearly
//! rows and the [`Difference`]s); [`Folder`] writes a comparison as an output folder
//! (`compare.csv`, `compare.json`, `base.ron`, `changed.ron`, `manifest.json`).
//!
//! ```
//! use wijksim::experiment::compare::{self, CompareSpec};
//! use wijksim::experiment::{Control, Progress};
//!
//! let small = "(name: \"small\", run: (years: 1), neighbourhoods: [(name: \"w\", residents: (count: 300))])";
//! let base = wijksim::scenario::parse(small, "small.ron").unwrap();
//! let mut changed = base.clone();
//! changed.name = "more-local".into();
//! changed.levers.buy_local.enabled = true;
//! changed.levers.buy_local.local_share_increase = 0.3;
//! let spec = CompareSpec { runs: 3, threads: Some(1), ..CompareSpec::new(base, changed) };
//! let seen = std::sync::atomic::AtomicU64::new(0);
//! let result = compare::run(&spec, &|p: Progress| {
//!     seen.store(p.runs_done, std::sync::atomic::Ordering::SeqCst);
//!     Control::Continue
//! })
//! .unwrap();
//! assert_eq!(seen.into_inner(), 6, "3 replications of each scenario");
//! let leakage = result
//!     .differences
//!     .iter()
//!     .find(|d| d.area == "city" && d.year == 1 && d.indicator == "leakage_share")
//!     .unwrap();
//! assert!(leakage.diff_mean < 0.0, "buying locally leaks less: {leakage:?}");
//! ```

use super::additionality::{self, AdditionalityRow};
use super::parallel::{self, OnProgress};
use super::stakeholders::{self, CoinValues, Mkba, PartyYears, StakeholderRow};
use super::{
    BurnIns, Error, YearRows, replicate_seed, run_years_and_parties_with, stats, uncertainty,
};
use crate::model::indicators::{Better, Indicator};
use crate::report::outdir::{self, Kind, Staging, StagingError};
use crate::scenario::{self, Scenario};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What to compare: two scenarios, how many replications, with which seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareSpec {
    /// The baseline (the "nulmeting"), a validated scenario.
    pub base: Scenario,
    /// The changed scenario, validated.
    pub changed: Scenario,
    /// Replications of each scenario, at least 2; replicate `i` of both uses the same seed.
    pub runs: u32,
    /// Root seed of the replicates' seeds.
    pub root_seed: u64,
    /// Simulated years of both; `None` takes the base scenario's.
    pub years: Option<u32>,
    /// Worker threads; `None` uses all cores. Results do not depend on it.
    pub threads: Option<usize>,
    /// The cost-benefit analysis's discount rate and horizon.
    pub mkba: Mkba,
    /// Which behavioural parameters are drawn per replicate, the same for both scenarios
    /// (none by default: the replicates then differ in their seed only).
    pub uncertainty: uncertainty::Request,
}

impl CompareSpec {
    /// A comparison of `base` and `changed` with the command line's defaults: 20
    /// replications, root seed 1, the base's years, all cores.
    pub fn new(base: Scenario, changed: Scenario) -> CompareSpec {
        CompareSpec {
            base,
            changed,
            runs: 20,
            root_seed: 1,
            years: None,
            threads: None,
            mkba: Mkba::default(),
            uncertainty: uncertainty::Request::default(),
        }
    }

    /// The comparison's name: `compare <base> vs <changed>` (its default folder's slug).
    pub fn name(&self) -> String {
        format!("compare {} vs {}", self.base.name, self.changed.name)
    }

    /// The years both scenarios simulate.
    pub fn years(&self) -> u32 {
        self.years.unwrap_or(self.base.run.years)
    }

    /// Refuses what [`run`] would refuse, before any work: fewer than 2 replications, zero
    /// threads, a scenario that does not validate with these years.
    pub fn check(&self) -> Result<(), Error> {
        self.scenarios().map(|_| ())
    }

    /// The two scenarios as they run (both with [`CompareSpec::years`]), checked, and the
    /// parameters drawn per replicate.
    fn scenarios(&self) -> Result<(Scenario, Scenario, uncertainty::Plan), Error> {
        if self.runs < 2 {
            return Err(Error::TooFewRuns { runs: self.runs });
        }
        parallel::check_threads(self.threads)?;
        let years = self.years();
        self.mkba.check(years)?;
        let mut out = Vec::new();
        for (role, s) in [
            ("the base scenario", &self.base),
            ("the changed scenario", &self.changed),
        ] {
            let mut s = s.clone();
            s.run.years = years;
            let problems = scenario::validate::check(&s);
            if !problems.is_empty() {
                return Err(Error::InvalidScenario {
                    role,
                    name: s.name.clone(),
                    problems,
                });
            }
            out.push(s);
        }
        let changed = out.pop().expect("two scenarios");
        let base = out.pop().expect("two scenarios");
        let plan = uncertainty::plan(
            &base,
            &changed,
            self.uncertainty.assumptions,
            &self.uncertainty.ranges,
        )
        .map_err(Error::BadUncertainty)?;
        Ok((base, changed, plan))
    }
}

/// A comparison's verdict on one quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Verdict {
    /// Every paired difference is exactly zero.
    #[serde(rename = "identical")]
    Identical,
    /// Paired t-test p < 0.05 and a 95% interval of the difference above zero.
    #[serde(rename = "clear increase")]
    ClearIncrease,
    /// Paired t-test p < 0.05 and a 95% interval of the difference below zero.
    #[serde(rename = "clear decrease")]
    ClearDecrease,
    /// Anything else: within the noise between runs.
    #[serde(rename = "no clear difference")]
    NoClearDifference,
}

impl Verdict {
    /// The verdict as written in `compare.csv` and printed.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Identical => "identical",
            Verdict::ClearIncrease => "clear increase",
            Verdict::ClearDecrease => "clear decrease",
            Verdict::NoClearDifference => "no clear difference",
        }
    }

    /// Whether the difference is clear (an increase or a decrease).
    pub fn is_clear(self) -> bool {
        matches!(self, Verdict::ClearIncrease | Verdict::ClearDecrease)
    }
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One compared quantity: an indicator of an area in a year.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Difference {
    /// Neighbourhood name or "city".
    pub area: String,
    /// Simulated year.
    pub year: u32,
    /// Indicator name.
    pub indicator: &'static str,
    /// Mean over the base runs.
    pub base_mean: f64,
    /// Half-width of its 95% confidence interval.
    pub base_ci95: f64,
    /// Mean over the changed runs.
    pub changed_mean: f64,
    /// Half-width of its 95% confidence interval.
    pub changed_ci95: f64,
    /// Mean of the paired differences (changed - base).
    pub diff_mean: f64,
    /// Lower end of its 95% confidence interval.
    pub diff_ci95_low: f64,
    /// Upper end.
    pub diff_ci95_high: f64,
    /// Two-sided p-value of the paired t-test.
    pub p_paired: f64,
    /// The paired p-value adjusted for testing every indicator of the area and year at
    /// once (Benjamini-Hochberg, false discovery rate): a difference with `q_bh` < 0.05 is
    /// clear with at most 5% of such findings expected false.
    #[serde(serialize_with = "number_or_text")]
    pub q_bh: f64,
    /// Two-sided p-value of Welch's t-test (ignores the pairing); see [`stats::welch`] for
    /// constant samples.
    #[serde(serialize_with = "number_or_text")]
    pub p_welch: f64,
    /// Paired Cohen's d (d_z); ±infinity for a constant non-zero shift (see
    /// [`stats::cohens_d_paired`]).
    #[serde(serialize_with = "number_or_text")]
    pub effect_size_d: f64,
    /// Whether the difference is clear.
    pub verdict: Verdict,
    /// Which direction is better for this indicator (`higher`, `lower` or `neither`, from
    /// the catalogue, [`Indicator::better`]).
    pub better_when: &'static str,
    /// The verdict read with that direction: `better` or `worse` for a clear difference of
    /// an indicator with a better direction, else the verdict itself.
    pub assessment: &'static str,
}

/// A number, or for a non-finite one the text `inf`, `-inf` or `NaN`: JSON has no
/// number for them (serde_json would write `null`), and pandas and R read these texts in
/// CSV as the values they name.
fn number_or_text<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() {
        s.serialize_f64(*v)
    } else if v.is_nan() {
        s.serialize_str("NaN")
    } else if *v > 0.0 {
        s.serialize_str("inf")
    } else {
        s.serialize_str("-inf")
    }
}

/// The result of a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The base scenario as it ran (its years set; each replicate's seed replaces its own).
    pub base: Scenario,
    /// The changed scenario as it ran.
    pub changed: Scenario,
    /// Replications of each.
    pub runs: u32,
    /// Root seed of the replicates' seeds.
    pub root_seed: u64,
    /// Simulated years.
    pub years: u32,
    /// The yearly rows of each base replicate, in replicate order (unrounded).
    pub base_runs: Vec<YearRows>,
    /// The yearly rows of each changed replicate, in replicate order.
    pub changed_runs: Vec<YearRows>,
    /// Per area, year and indicator (in that order): the statistics and the verdict.
    pub differences: Vec<Difference>,
    /// The party flows of each base replicate, in replicate order.
    pub base_parties: Vec<PartyYears>,
    /// The party flows of each changed replicate.
    pub changed_parties: Vec<PartyYears>,
    /// The cost-benefit analysis's rate and horizon.
    pub mkba: Mkba,
    /// Who pays, who gains: per party and item, per year and over the horizon
    /// ([`stakeholders::stakeholders`]).
    pub stakeholders: Vec<StakeholderRow>,
    /// What a job costs: extra outcomes and the cost of each
    /// ([`additionality::additionality`]).
    pub additionality: Vec<AdditionalityRow>,
    /// Is each target of the changed scenario met, in what share of the replications
    /// ([`super::targets::evaluate`]).
    pub targets: Vec<super::targets::TargetRow>,
    /// The parameters drawn per replicate (none: the replicates differ in their seed only)
    /// and the assumptions kept at the scenarios' values.
    pub uncertainty: uncertainty::Plan,
    /// The drawn values, `[replicate][parameter]` in the order of `uncertainty.ranges`.
    pub draws: Vec<Vec<f64>>,
}

impl Comparison {
    /// The comparison's name: `compare <base> vs <changed>`.
    pub fn name(&self) -> String {
        format!("compare {} vs {}", self.base.name, self.changed.name)
    }

    /// What the intervals cover, in words (`compare.json`'s `intervals`): `seed` when the
    /// replicates differ only in their seed, `seed and parameters` when behavioural
    /// parameters are drawn too.
    pub fn interval_kind(&self) -> &'static str {
        if self.uncertainty.ranges.is_empty() {
            "seed"
        } else {
            "seed and parameters"
        }
    }

    /// The differences of the city in the final year: what the command line prints.
    pub fn final_city(&self) -> impl Iterator<Item = &Difference> {
        self.differences
            .iter()
            .filter(|d| d.area == "city" && d.year == self.years)
    }
}

/// Runs `runs` replications of both scenarios on a pool of `threads` and compares them.
/// Refuses fewer than 2 replications, zero threads and a scenario that does not validate,
/// before any run. A cancelled call ([`super::Control::Cancel`]) returns
/// [`Error::Cancelled`].
pub fn run(spec: &CompareSpec, progress: OnProgress) -> Result<Comparison, Error> {
    let (base, changed, plan) = spec.scenarios()?;
    let pool = parallel::pool(spec.threads)?;
    let draws = uncertainty::draws(&plan.ranges, spec.runs, spec.root_seed);
    // Replicate by replicate, base then changed: the two runs of a replicate have the same
    // seed and the same drawn parameters and, when the scenarios differ only in their
    // levers, share one burn-in.
    let mut jobs: Vec<Scenario> = Vec::with_capacity(2 * spec.runs as usize);
    for i in 0..spec.runs {
        for s in [&base, &changed] {
            let mut s = uncertainty::apply(s, &plan.ranges, &draws[i as usize])
                .map_err(Error::BadUncertainty)?;
            s.run.seed = replicate_seed(spec.root_seed, i);
            jobs.push(s);
        }
    }
    let burn_ins = BurnIns::for_threads(pool.current_num_threads());
    let rows = parallel::run_all(&pool, &jobs, progress, |s| {
        run_years_and_parties_with(&burn_ins, s)
    });
    let rows = parallel::all_or_cancelled(rows)?;
    let (mut base_runs, mut changed_runs) = (Vec::new(), Vec::new());
    let (mut base_parties, mut changed_parties) = (Vec::new(), Vec::new());
    for (k, (r, p)) in rows.into_iter().enumerate() {
        if k % 2 == 0 {
            base_runs.push(r);
            base_parties.push(p);
        } else {
            changed_runs.push(r);
            changed_parties.push(p);
        }
    }
    let differences = differences(&base_runs, &changed_runs);
    let coins = CoinValues {
        base: base.coins.value_eur,
        changed: changed.coins.value_eur,
    };
    let mut stakeholders = stakeholders::stakeholders(
        &base_parties,
        &changed_parties,
        spec.years(),
        &spec.mkba,
        coins,
    );
    // The weight of a coin of lever 7 as social value, per replicate (its displacement
    // share may be drawn).
    let weights = stakeholders::SocialWeights {
        base_coin_work: jobs
            .iter()
            .step_by(2)
            .map(stakeholders::SocialWeights::coin_work)
            .collect(),
        changed_coin_work: jobs
            .iter()
            .skip(1)
            .step_by(2)
            .map(stakeholders::SocialWeights::coin_work)
            .collect(),
    };
    stakeholders.extend(stakeholders::social_effects(
        &base_runs,
        &changed_runs,
        spec.years(),
        &spec.mkba,
        &weights,
    ));
    let additionality = additionality::additionality(
        &additionality::Runs {
            base_rows: &base_runs,
            changed_rows: &changed_runs,
            base_parties: &base_parties,
            changed_parties: &changed_parties,
        },
        spec.years(),
        &spec.mkba,
        coins,
        spec.root_seed,
    );
    let targets = super::targets::evaluate(&changed.targets, &base_runs, &changed_runs);
    Ok(Comparison {
        base,
        changed,
        runs: spec.runs,
        root_seed: spec.root_seed,
        years: spec.years(),
        base_runs,
        changed_runs,
        differences,
        base_parties,
        changed_parties,
        mkba: spec.mkba,
        stakeholders,
        additionality,
        targets,
        uncertainty: plan,
        draws,
    })
}

/// Compares replications of two scenarios, replicate `i` of `base` paired with replicate
/// `i` of `changed`: per area (of the base that the changed scenario also has), year and
/// indicator, the means with their 95% intervals, the paired difference, the paired and
/// Welch tests, d_z and the verdict. Reads the runs' unrounded values.
pub fn differences(base: &[YearRows], changed: &[YearRows]) -> Vec<Difference> {
    let (Some(first_base), Some(first_changed)) = (base.first(), changed.first()) else {
        return Vec::new();
    };
    let keys: BTreeSet<(String, u32)> = first_base
        .0
        .iter()
        .map(|(y, a, _, _)| (a.clone(), *y))
        .collect();
    let changed_areas: BTreeSet<&String> = first_changed.0.iter().map(|(_, a, _, _)| a).collect();
    let mut out = Vec::new();
    for (area, year) in keys {
        if !changed_areas.contains(&area) {
            continue;
        }
        for ind in Indicator::ALL {
            let pick = |runs: &[YearRows]| -> Vec<f64> {
                runs.iter()
                    .map(|r| r.get(year, &area, ind.name()).unwrap_or(f64::NAN))
                    .collect()
            };
            out.push(difference(&area, year, *ind, &pick(base), &pick(changed)));
        }
        let first = out.len() - Indicator::ALL.len();
        let p: Vec<f64> = out[first..].iter().map(|d| d.p_paired).collect();
        for (d, q) in out[first..].iter_mut().zip(stats::benjamini_hochberg(&p)) {
            d.q_bh = q;
        }
    }
    out
}

/// `better` or `worse` for a clear difference in a direction the catalogue ranks, else the
/// verdict's own name.
pub fn assess(verdict: Verdict, better: Better) -> &'static str {
    match (verdict, better) {
        (Verdict::ClearIncrease, Better::Higher) | (Verdict::ClearDecrease, Better::Lower) => {
            "better"
        }
        (Verdict::ClearIncrease, Better::Lower) | (Verdict::ClearDecrease, Better::Higher) => {
            "worse"
        }
        _ => verdict.name(),
    }
}

/// The statistics of one quantity from its paired samples.
fn difference(area: &str, year: u32, ind: Indicator, a: &[f64], b: &[f64]) -> Difference {
    let (indicator, better) = (ind.name(), ind.better());
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let (sa, sb, sd) = (stats::summary(a), stats::summary(b), stats::summary(&d));
    let paired = stats::paired(a, b);
    let ci = if sd.ci95.is_finite() { sd.ci95 } else { 0.0 };
    let (lo, hi) = (sd.mean - ci, sd.mean + ci);
    let verdict = if d.iter().all(|x| *x == 0.0) {
        Verdict::Identical
    } else if paired.p < 0.05 && (lo > 0.0 || hi < 0.0) {
        if sd.mean > 0.0 {
            Verdict::ClearIncrease
        } else {
            Verdict::ClearDecrease
        }
    } else {
        Verdict::NoClearDifference
    };
    Difference {
        area: area.to_string(),
        year,
        indicator,
        base_mean: sa.mean,
        base_ci95: sa.ci95,
        changed_mean: sb.mean,
        changed_ci95: sb.ci95,
        diff_mean: sd.mean,
        diff_ci95_low: lo,
        diff_ci95_high: hi,
        p_paired: paired.p,
        q_bh: f64::NAN,
        p_welch: stats::welch(a, b).p,
        effect_size_d: stats::cohens_d_paired(a, b),
        verdict,
        better_when: better.name(),
        assessment: assess(verdict, better),
    }
}

/// Writes `rows` as a CSV file, or only `header` when there are no rows.
fn write_csv<T: serde::Serialize>(
    path: &Path,
    rows: &[T],
    header: &[&str],
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_path(path)?;
    if rows.is_empty() && !header.is_empty() {
        w.write_record(header)?;
    }
    for r in rows {
        w.serialize(r)?;
    }
    w.flush()?;
    Ok(())
}

/// One row of `parameters.csv`: a drawn parameter's value in one replicate.
#[derive(serde::Serialize)]
struct ParameterRow<'a> {
    replicate: u32,
    seed: u64,
    parameter: &'a str,
    value: f64,
    low: f64,
    high: f64,
    scale: &'static str,
}

/// The columns of `parameters.csv`, written alone when nothing is drawn.
const PARAMETERS_HEADER: [&str; 7] = [
    "replicate",
    "seed",
    "parameter",
    "value",
    "low",
    "high",
    "scale",
];

/// Every drawn value, replicate by replicate.
fn parameter_rows(c: &Comparison) -> Vec<ParameterRow<'_>> {
    let mut out = Vec::new();
    for (i, values) in c.draws.iter().enumerate() {
        for (r, v) in c.uncertainty.ranges.iter().zip(values) {
            out.push(ParameterRow {
                replicate: i as u32,
                seed: replicate_seed(c.root_seed, i as u32),
                parameter: &r.path,
                value: *v,
                low: r.low,
                high: r.high,
                scale: if r.log { "log" } else { "linear" },
            });
        }
    }
    out
}

/// The columns of `targets.csv`, written alone when the changed scenario states no target.
const TARGETS_HEADER: [&str; 13] = [
    "description",
    "indicator",
    "area",
    "year",
    "change",
    "against",
    "met_share",
    "replications",
    "change_mean",
    "change_ci_low",
    "change_ci_high",
    "reference_mean",
    "changed_mean",
];

/// A compare output folder being written: staged beside its target and swapped in whole
/// when [`Folder::save`] has written every file (see [`crate::report::outdir`]). Stage it
/// before the runs, so that a folder that may not be replaced is refused before any work.
pub struct Folder {
    staging: Staging,
    target: PathBuf,
}

impl Folder {
    /// Checks that `target` may hold a comparison ([`outdir::check_target`]), cleans
    /// leftovers of interrupted commands and creates the staging folder.
    pub fn stage(target: &Path) -> Result<Folder, Error> {
        let staging = Staging::new(target, Kind::Compare).map_err(|e| match e {
            StagingError::Refused(r) => Error::Refused(r),
            StagingError::Io(e) => {
                Error::io(format!("cannot create {}", target.display()), target, e)
            }
        })?;
        Ok(Folder {
            staging,
            target: target.to_path_buf(),
        })
    }

    /// Notes about leftovers of interrupted commands that staging cleaned or left alone.
    pub fn notes(&self) -> &[String] {
        &self.staging.notes
    }

    /// Writes `compare.csv`, `compare.json`, the two resolved scenarios and the manifest,
    /// then swaps the folder into place; returns where it is.
    pub fn save(self, c: &Comparison) -> Result<PathBuf, Error> {
        let target = self.target.clone();
        let fail =
            |e: std::io::Error| Error::io(format!("cannot write {}", target.display()), &target, e);
        let csv_fail = |e: csv::Error| fail(std::io::Error::other(e.to_string()));
        let s = &self.staging;
        write_csv(&s.path("compare.csv"), &c.differences, &[]).map_err(csv_fail)?;
        write_csv(&s.path("stakeholders.csv"), &c.stakeholders, &[]).map_err(csv_fail)?;
        let mut w = csv::Writer::from_path(s.path("replicates.csv")).map_err(csv_fail)?;
        w.write_record([
            "scenario",
            "replicate",
            "seed",
            "year",
            "area",
            "indicator",
            "value",
        ])
        .map_err(csv_fail)?;
        for (role, runs) in [("base", &c.base_runs), ("changed", &c.changed_runs)] {
            for (i, r) in runs.iter().enumerate() {
                let (i, seed) = (
                    i.to_string(),
                    replicate_seed(c.root_seed, i as u32).to_string(),
                );
                for (y, area, ind, v) in &r.0 {
                    w.write_record([role, &i, &seed, &y.to_string(), area, ind, &v.to_string()])
                        .map_err(csv_fail)?;
                }
            }
        }
        w.flush().map_err(fail)?;
        write_csv(&s.path("targets.csv"), &c.targets, &TARGETS_HEADER).map_err(csv_fail)?;
        write_csv(&s.path("additionality.csv"), &c.additionality, &[]).map_err(csv_fail)?;
        write_csv(
            &s.path("parameters.csv"),
            &parameter_rows(c),
            &PARAMETERS_HEADER,
        )
        .map_err(csv_fail)?;
        let json = serde_json::to_string_pretty(&serde_json::json!({
            "base": c.base.name, "changed": c.changed.name, "runs": c.runs,
            "root_seed": c.root_seed, "years": c.years, "differences": c.differences,
            "mkba": {
                "discount_rate": c.mkba.discount_rate,
                "horizon_years": c.mkba.horizon(c.years),
                "discount_rate_source": "Werkgroep discontovoet 2020 (Dutch general guideline for cost-benefit analysis): 2.25% real",
                "hour_value_eur": c.mkba.hour_value_eur,
                "burglaries_per_1000_residents": c.mkba.burglaries_per_1000_residents,
                "burglary_cost_eur": c.mkba.burglary_cost_eur,
                "burglary_per_unemployment_point": super::stakeholders::BURGLARY_PER_UNEMPLOYMENT_POINT,
            },
            "intervals": c.interval_kind(),
            "parameters_drawn": c.uncertainty.ranges,
            "assumptions_kept": c.uncertainty.kept,
        }))
        .expect("json")
            + "\n";
        std::fs::write(s.path("compare.json"), json).map_err(fail)?;
        let base_ron = scenario::to_ron(&c.base.resolved());
        let changed_ron = scenario::to_ron(&c.changed.resolved());
        std::fs::write(s.path("base.ron"), &base_ron).map_err(fail)?;
        std::fs::write(s.path("changed.ron"), &changed_ron).map_err(fail)?;
        let manifest = outdir::manifest(
            Kind::Compare,
            &c.name(),
            s.dir(),
            &[
                "compare.csv",
                "stakeholders.csv",
                "additionality.csv",
                "replicates.csv",
                "parameters.csv",
                "targets.csv",
                "compare.json",
                "base.ron",
                "changed.ron",
            ],
            serde_json::json!({
                "base_scenario": c.base.name,
                "base_scenario_sha256": outdir::sha256_hex(base_ron.as_bytes()),
                "changed_scenario": c.changed.name,
                "changed_scenario_sha256": outdir::sha256_hex(changed_ron.as_bytes()),
                "runs": c.runs,
                "root_seed": c.root_seed,
                "years": c.years,
            }),
        )
        .map_err(fail)?;
        outdir::write_manifest(s.dir(), &manifest).map_err(fail)?;
        self.staging.commit().map_err(fail)
    }
}
