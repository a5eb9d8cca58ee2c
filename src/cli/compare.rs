//! `wijksim compare BASE CHANGED [--runs N]`: replications of two scenarios with common
//! random numbers, and which differences are clear and which are noise.

use super::CliError;
use super::run::load_scenario;
use crate::experiment::{YearRows, replicate_seed, run_years, stats};
use crate::model::indicators::Indicator;
use crate::report::outdir::{self, Kind};
use crate::scenario::Scenario;
use clap::Args;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Arguments of `wijksim compare`.
#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Also write report.html in this language (nl or en).
    #[arg(long, value_enum)]
    pub report: Option<crate::report::html::Lang>,
    /// The baseline scenario (the "nulmeting").
    pub base: PathBuf,
    /// The changed scenario.
    pub changed: PathBuf,
    /// Replications of each scenario; replicate i of both uses the same seed.
    #[arg(long, default_value_t = 20)]
    pub runs: u32,
    /// Root seed of the replicates' seeds.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Simulated years of both (default: the base scenario's).
    #[arg(long)]
    pub years: Option<u32>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output folder. Default: out/compare-<base>-vs-<changed>.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// One compared quantity.
#[derive(Clone, Debug, serde::Serialize)]
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
    /// Two-sided p-value of Welch's t-test (ignores the pairing); see [`stats::welch`] for
    /// constant samples.
    #[serde(serialize_with = "number_or_text")]
    pub p_welch: f64,
    /// Paired Cohen's d (d_z); ±infinity for a constant non-zero shift (see
    /// [`stats::cohens_d_paired`]).
    #[serde(serialize_with = "number_or_text")]
    pub effect_size_d: f64,
    /// "clear increase", "clear decrease", "no clear difference" or "identical".
    pub verdict: &'static str,
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

/// Compares `runs` replications of two scenarios.
pub fn differences(base: &[YearRows], changed: &[YearRows]) -> Vec<Difference> {
    let keys: BTreeSet<(String, u32)> = base[0]
        .0
        .iter()
        .map(|(y, a, _, _)| (a.clone(), *y))
        .collect();
    let changed_areas: BTreeSet<&String> = changed[0].0.iter().map(|(_, a, _, _)| a).collect();
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
            let (a, b) = (pick(base), pick(changed));
            let d: Vec<f64> = a.iter().zip(&b).map(|(x, y)| y - x).collect();
            let (sa, sb, sd) = (stats::summary(&a), stats::summary(&b), stats::summary(&d));
            let paired = stats::paired(&a, &b);
            let ci = if sd.ci95.is_finite() { sd.ci95 } else { 0.0 };
            let (lo, hi) = (sd.mean - ci, sd.mean + ci);
            let verdict = if d.iter().all(|x| *x == 0.0) {
                "identical"
            } else if paired.p < 0.05 && (lo > 0.0 || hi < 0.0) {
                if sd.mean > 0.0 {
                    "clear increase"
                } else {
                    "clear decrease"
                }
            } else {
                "no clear difference"
            };
            out.push(Difference {
                area: area.clone(),
                year,
                indicator: ind.name(),
                base_mean: sa.mean,
                base_ci95: sa.ci95,
                changed_mean: sb.mean,
                changed_ci95: sb.ci95,
                diff_mean: sd.mean,
                diff_ci95_low: lo,
                diff_ci95_high: hi,
                p_paired: paired.p,
                p_welch: stats::welch(&a, &b).p,
                effect_size_d: stats::cohens_d_paired(&a, &b),
                verdict,
            });
        }
    }
    out
}

fn runs_of(s: &Scenario, runs: u32, root: u64, bar: &indicatif::ProgressBar) -> Vec<YearRows> {
    (0..runs)
        .into_par_iter()
        .map(|i| {
            let mut s = s.clone();
            s.run.seed = replicate_seed(root, i);
            let r = run_years(&s);
            bar.inc(1);
            r
        })
        .collect()
}

/// Runs the comparison and writes its folder.
pub fn compare(args: CompareArgs) -> Result<(), CliError> {
    let mut base = load_scenario(Some(&args.base), None, args.years)?;
    let mut changed = load_scenario(Some(&args.changed), None, args.years)?;
    if args.runs < 2 {
        return Err(CliError::Input("error: --runs is below 2\n  hint: a confidence interval needs at least 2 replications; 20 or more is usual".into()));
    }
    let years = args.years.unwrap_or(base.run.years);
    base.run.years = years;
    changed.run.years = years;
    let name = format!("compare {} vs {}", base.name, changed.name);
    let out = super::run::target(args.out.as_deref(), Kind::Compare, &name)?;
    // Refuse a folder that is not ours before the runs, not after.
    let fail = |e: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: cannot write {}: {e}", out.display()))
    };
    let staging = super::run::stage(&out, Kind::Compare)?;
    let pool = super::sweep::pool(args.threads)?;
    let bar = super::sweep::progress(2 * args.runs as u64);
    let (b, c) = pool.install(|| {
        (
            runs_of(&base, args.runs, args.seed, &bar),
            runs_of(&changed, args.runs, args.seed, &bar),
        )
    });
    bar.finish_and_clear();
    let diffs = differences(&b, &c);

    let mut w = csv::Writer::from_path(staging.path("compare.csv")).map_err(|e| fail(&e))?;
    for d in &diffs {
        w.serialize(d).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))?;
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "base": base.name, "changed": changed.name, "runs": args.runs, "root_seed": args.seed,
        "years": years, "differences": diffs,
    }))
    .expect("json")
        + "\n";
    std::fs::write(staging.path("compare.json"), json).map_err(|e| fail(&e))?;
    let (base_ron, changed_ron) = (
        crate::scenario::to_ron(&base.resolved()),
        crate::scenario::to_ron(&changed.resolved()),
    );
    std::fs::write(staging.path("base.ron"), &base_ron).map_err(|e| fail(&e))?;
    std::fs::write(staging.path("changed.ron"), &changed_ron).map_err(|e| fail(&e))?;
    let manifest = outdir::manifest(
        Kind::Compare,
        &name,
        staging.dir(),
        &["compare.csv", "compare.json", "base.ron", "changed.ron"],
        serde_json::json!({
            "base_scenario": base.name,
            "base_scenario_sha256": outdir::sha256_hex(base_ron.as_bytes()),
            "changed_scenario": changed.name,
            "changed_scenario_sha256": outdir::sha256_hex(changed_ron.as_bytes()),
            "runs": args.runs,
            "root_seed": args.seed,
            "years": years,
        }),
    )
    .map_err(|e| fail(&e))?;
    outdir::write_manifest(staging.dir(), &manifest).map_err(|e| fail(&e))?;
    let dir = staging.commit().map_err(|e| fail(&e))?;

    println!(
        "compare: \"{}\" against \"{}\", {} replications each (replicate i of both with the same seed), year {years}, city",
        changed.name, base.name, args.runs
    );
    println!(
        "\n{:<34} {:>22} {:>22} {:>30} {:>8}  verdict",
        "indicator", "base (95% CI)", "changed (95% CI)", "difference (95% CI)", "p"
    );
    for d in diffs.iter().filter(|d| d.area == "city" && d.year == years) {
        let unit = Indicator::from_name(d.indicator).expect("known").unit();
        let f = |v: f64| crate::report::format_value(unit, v);
        println!(
            "{:<34} {:>22} {:>22} {:>30} {:>8.4}  {}",
            d.indicator,
            format!("{} ±{}", f(d.base_mean), f(d.base_ci95)),
            format!("{} ±{}", f(d.changed_mean), f(d.changed_ci95)),
            format!(
                "{} [{}, {}]",
                f(d.diff_mean),
                f(d.diff_ci95_low),
                f(d.diff_ci95_high)
            ),
            d.p_paired,
            d.verdict
        );
    }
    let clear: Vec<String> = diffs
        .iter()
        .filter(|d| d.area == "city" && d.year == years && d.verdict.starts_with("clear"))
        .map(|d| {
            format!(
                "{} ({})",
                d.indicator,
                if d.diff_mean > 0.0 { "higher" } else { "lower" }
            )
        })
        .collect();
    println!(
        "\nIn plain words: in year {years}, {} of the city's indicators differ clearly (paired t-test p < 0.05 and a 95% interval of the difference that excludes zero){}. The rest are within the noise between runs.",
        clear.len(),
        if clear.is_empty() {
            String::new()
        } else {
            format!(": {}", clear.join(", "))
        }
    );
    println!("output: {}", dir.display());
    if let Some(lang) = args.report {
        super::report::report(&dir, lang)?;
    }
    Ok(())
}
