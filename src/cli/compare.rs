//! `wijksim compare BASE CHANGED [--runs N]`: replications of two scenarios with common
//! random numbers, and which differences are clear and which are noise.

use super::CliError;
use super::run::load_scenario;
use crate::experiment::compare::{self, CompareSpec, Comparison, Folder};
use crate::model::indicators::Indicator;
use crate::report::outdir::Kind;
use clap::Args;
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

/// Runs the comparison and writes its folder.
pub fn compare(args: CompareArgs) -> Result<(), CliError> {
    let base = load_scenario(Some(&args.base), None, args.years)?;
    let changed = load_scenario(Some(&args.changed), None, args.years)?;
    let spec = CompareSpec {
        runs: args.runs,
        root_seed: args.seed,
        years: args.years,
        threads: args.threads,
        ..CompareSpec::new(base, changed)
    };
    spec.check()?;
    let out = super::run::target(args.out.as_deref(), Kind::Compare, &spec.name())?;
    // Refuse a folder that is not ours before the runs, not after.
    let folder = Folder::stage(&out)?;
    for n in folder.notes() {
        eprintln!("{n}");
    }
    let bar = super::progress_bar(2 * args.runs as u64);
    let result = compare::run(&spec, &super::show_on(&bar));
    bar.finish_and_clear();
    let c = result?;
    let dir = folder.save(&c)?;
    print_comparison(&c);
    println!("output: {}", dir.display());
    if let Some(lang) = args.report {
        super::report::report(&dir, lang)?;
    }
    Ok(())
}

/// The city's final year: a table of every indicator, then the clear differences in words.
fn print_comparison(c: &Comparison) {
    let years = c.years;
    println!(
        "compare: \"{}\" against \"{}\", {} replications each (replicate i of both with the same seed), year {years}, city",
        c.changed.name, c.base.name, c.runs
    );
    println!(
        "\n{:<34} {:>22} {:>22} {:>30} {:>8}  verdict",
        "indicator", "base (95% CI)", "changed (95% CI)", "difference (95% CI)", "p"
    );
    for d in c.final_city() {
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
    let clear: Vec<String> = c
        .final_city()
        .filter(|d| d.verdict.is_clear())
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
}
