//! `wijksim compare BASE CHANGED [--runs N]`: replications of two scenarios with common
//! random numbers, and which differences are clear and which are noise.

use super::CliError;
use super::run::load_scenario;
use crate::experiment::compare::{self, CompareSpec, Comparison, Folder};
use crate::experiment::stakeholders::{self, Mkba};
use crate::model::indicators::Indicator;
use crate::model::parties::Party;
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
    /// Set a field of both scenarios: PATH=VALUE (repeatable, applied in order), a number
    /// or true/false, e.g. `--set run.years=6`.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Real discount rate a year of the cost-benefit analysis (who pays, who gains); the
    /// Dutch general guideline's is 0.0225.
    #[arg(long, default_value_t = crate::experiment::stakeholders::DISCOUNT_RATE)]
    pub discount_rate: f64,
    /// Years of its present value (default: the council term of 4, or every simulated
    /// year when fewer).
    #[arg(long)]
    pub horizon: Option<u32>,
    /// Years the terminal shows, e.g. `--year 4 --year 10` or `--year 1,4` (default: the
    /// horizon's last year and the final year). The files hold every year.
    #[arg(long, value_delimiter = ',')]
    pub year: Vec<u32>,
    /// Shadow price of an hour of volunteering or residents' services in the social
    /// effects, EUR (replacement cost; default the minimum wage an hour).
    #[arg(long, default_value_t = crate::experiment::stakeholders::HOUR_VALUE_EUR)]
    pub hour_value: f64,
    /// Also draw the behavioural assumptions of docs/ODD.md (7.19) per replicate from
    /// their ranges, the same for both scenarios: the intervals then include what is not
    /// known about behaviour, not only random noise.
    #[arg(long)]
    pub uncertainty: bool,
    /// Draw this parameter per replicate too, or from another range than the built-in
    /// one: PATH=LOW..HIGH (repeatable), e.g.
    /// levers.pay_residents.displacement_share=0..1.
    #[arg(long, value_name = "PATH=LOW..HIGH")]
    pub uncertain: Vec<String>,
    /// Domestic burglaries a year per 1,000 residents at the base scenario's unemployment,
    /// for the burglaries' social effect (0 leaves it out; the Dutch rate of 2023 is 1.9).
    #[arg(long, default_value_t = crate::experiment::stakeholders::BURGLARIES_PER_1000_RESIDENTS)]
    pub burglary_rate: f64,
    /// Social cost of a domestic burglary, EUR.
    #[arg(long, default_value_t = crate::experiment::stakeholders::BURGLARY_COST_EUR)]
    pub burglary_cost: f64,
    /// Output folder. Default: out/compare-<base>-vs-<changed>.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs the comparison and writes its folder.
pub fn compare(args: CompareArgs) -> Result<(), CliError> {
    let base = load_scenario(Some(&args.base), None, args.years, &args.set)?;
    let changed = load_scenario(Some(&args.changed), None, args.years, &args.set)?;
    let ranges = args
        .uncertain
        .iter()
        .map(|t| crate::experiment::uncertainty::parse_range(t))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|m| CliError::Input(format!("error: --uncertain {m}")))?;
    let spec = CompareSpec {
        uncertainty: crate::experiment::uncertainty::Request {
            assumptions: args.uncertainty,
            ranges,
        },
        runs: args.runs,
        root_seed: args.seed,
        years: args.years,
        threads: args.threads,
        mkba: Mkba {
            discount_rate: args.discount_rate,
            horizon_years: args.horizon,
            hour_value_eur: args.hour_value,
            burglaries_per_1000_residents: args.burglary_rate,
            burglary_cost_eur: args.burglary_cost,
        },
        ..CompareSpec::new(base, changed)
    };
    spec.check()?;
    if let Some(&y) = args.year.iter().find(|&&y| y == 0 || y > spec.years()) {
        return Err(CliError::Input(format!(
            "error: --year {y} is not a simulated year (1 to {})\n  hint: add --years {y} to simulate it",
            spec.years()
        )));
    }
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
    let mut years = args.year.clone();
    if years.is_empty() {
        years = vec![c.mkba.horizon(c.years), c.years];
    }
    years.dedup();
    for y in &years {
        print_comparison(&c, *y);
    }
    print_uncertainty(&c);
    print_stakeholders(&c);
    print_additionality(&c);
    print_targets(&c);
    println!("output: {}", dir.display());
    if let Some(lang) = args.report {
        super::report::report(&dir, lang)?;
    }
    Ok(())
}

/// What the intervals cover: the seed only, or the drawn parameters too.
fn print_uncertainty(c: &Comparison) {
    let n = c.uncertainty.ranges.len();
    if n == 0 {
        println!(
            "\nIntervals: over {} replications that differ in their seed only (random noise); the behavioural assumptions are fixed at their values (--uncertainty draws them)",
            c.runs
        );
    } else {
        println!(
            "\nIntervals: over {} replications that differ in their seed and in {n} behavioural parameters drawn from ranges (a Latin hypercube, the same for both scenarios; parameters.csv; docs/ODD.md 7.19)",
            c.runs
        );
    }
    for k in &c.uncertainty.kept {
        println!("  {k}");
    }
}

/// The city's year `years`: a table of every indicator, then the clear differences in words.
fn print_comparison(c: &Comparison, years: u32) {
    println!(
        "compare: \"{}\" against \"{}\", {} replications each (replicate i of both with the same seed), year {years}, city",
        c.changed.name, c.base.name, c.runs
    );
    println!(
        "\n{:<34} {:>22} {:>22} {:>30} {:>8} {:>8}  verdict",
        "indicator", "base (95% CI)", "changed (95% CI)", "difference (95% CI)", "p", "q (BH)"
    );
    let city = || {
        c.differences
            .iter()
            .filter(move |d| d.area == "city" && d.year == years)
    };
    for d in city() {
        let unit = Indicator::from_name(d.indicator).expect("known").unit();
        let f = |v: f64| crate::report::format_value(unit, v);
        println!(
            "{:<34} {:>22} {:>22} {:>30} {:>8.4} {:>8.4}  {}",
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
            d.q_bh,
            d.verdict
        );
    }
    let after_bh = city()
        .filter(|d| d.verdict.is_clear() && d.q_bh < 0.05)
        .count();
    let clear: Vec<String> = city()
        .filter(|d| d.verdict.is_clear())
        .map(|d| {
            let judged = match d.assessment {
                "better" | "worse" => format!(", {}", d.assessment),
                _ => String::new(),
            };
            format!(
                "{} ({}{judged})",
                d.indicator,
                if d.diff_mean > 0.0 { "higher" } else { "lower" }
            )
        })
        .collect();
    println!(
        "\nIn plain words: in year {years}, {} of the city's indicators differ clearly (paired t-test p < 0.05 and a 95% interval of the difference that excludes zero){}. The rest are within the noise between runs. Testing {} indicators at once, some differences are clear by chance: {after_bh} of them stay clear when the p-values are adjusted for that (Benjamini-Hochberg q < 0.05, column q_bh).",
        clear.len(),
        if clear.is_empty() {
            String::new()
        } else {
            format!(": {}", clear.join(", "))
        },
        Indicator::ALL.len()
    );
}

/// The parties' present values over the horizon: "who pays, who gains".
fn print_stakeholders(c: &Comparison) {
    let h = c.mkba.horizon(c.years);
    println!(
        "\nWho pays, who gains (wie betaalt, wie profiteert): net cash over years 1 to {h}, present value at {}% a year (coins at face value; positive: the party gains)",
        c.mkba.discount_rate * 100.0
    );
    println!(
        "{:<34} {:>16} {:>34}  verdict",
        "party", "effect (EUR)", "95% interval (EUR)"
    );
    let eur = |v: f64| crate::report::html::number(crate::report::html::Lang::En, v, 0);
    let mut sum = 0.0;
    for r in stakeholders::party_totals(&c.stakeholders) {
        let label = Party::ALL
            .iter()
            .find(|p| p.name() == r.party)
            .map_or(r.party, |p| p.label().1);
        sum += r.value_eur;
        println!(
            "{:<34} {:>16} {:>34}  {}",
            label,
            eur(r.value_eur),
            format!("[{}, {}]", eur(r.ci_low_eur), eur(r.ci_high_eur)),
            r.verdict
        );
    }
    println!(
        "{:<34} {:>16}  (every euro paid is received by a party)",
        "sum over the parties",
        eur(sum)
    );
    let social: Vec<_> = stakeholders::social_totals(&c.stakeholders).collect();
    if !social.is_empty() {
        println!(
            "Social effects (hours at EUR {} an hour, replacement cost; burglaries at EUR {} each, {} a year per 1,000 residents, +2% per point of unemployment), not in the sum:",
            c.mkba.hour_value_eur, c.mkba.burglary_cost_eur, c.mkba.burglaries_per_1000_residents
        );
        for r in social {
            println!(
                "{:<34} {:>16} {:>34}  {}",
                format!("  {} ({})", r.item.replace('_', " "), r.party),
                eur(r.value_eur),
                format!("[{}, {}]", eur(r.ci_low_eur), eur(r.ci_high_eur)),
                r.verdict
            );
        }
    }
}

/// The extra outcomes over the horizon and what each costs.
fn print_additionality(c: &Comparison) {
    let h = c.mkba.horizon(c.years);
    println!(
        "\nWhat it buys and what that costs (years 1 to {h}; effect: extra units a year on average; cost: EUR per extra unit-year, both discounted, bootstrap 95% interval)"
    );
    let num = |v: Option<f64>, d: usize| {
        v.map_or("-".to_string(), |v| {
            crate::report::html::number(crate::report::html::Lang::En, v, d)
        })
    };
    for r in &c.additionality {
        let label = crate::experiment::additionality::Outcome::ALL
            .iter()
            .find(|o| o.name() == r.outcome)
            .map_or(r.outcome, |o| o.label().1);
        if r.measure == "effect" {
            println!(
                "{:<34} {:>+10.1} [{}, {}]",
                label,
                r.value.unwrap_or(f64::NAN),
                num(r.ci_low, 1),
                num(r.ci_high, 1)
            );
        } else {
            let basis = if r.cost_basis == "municipality" {
                "  cost to the municipality"
            } else {
                "  cost to municipality and state"
            };
            match r.value {
                Some(v) => println!(
                    "{:<34} {:>10} [{}, {}]{}",
                    basis,
                    num(Some(v), 0),
                    num(r.ci_low, 0),
                    num(r.ci_high, 0),
                    if r.note.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", r.note)
                    }
                ),
                None => println!("{:<34} {}", basis, r.note),
            }
        }
    }
}

/// Each target of the changed scenario: the share of replications that meet it.
fn print_targets(c: &Comparison) {
    if c.targets.is_empty() {
        return;
    }
    println!("\nTargets (doelen) of \"{}\":", c.changed.name);
    for t in &c.targets {
        let pct = |v: f64| crate::report::html::number(crate::report::html::Lang::En, 100.0 * v, 1);
        println!(
            "- {}: {} of {} {:+}% by year {} against {}: met in {} of {} replications ({}%); change of the means {}%{}",
            if t.description.is_empty() {
                "target"
            } else {
                &t.description
            },
            t.indicator,
            t.area,
            100.0 * t.change,
            t.year,
            if t.against == "start" {
                "the start"
            } else {
                "the nulalternatief"
            },
            (t.met_share * t.replications as f64).round(),
            t.replications,
            pct(t.met_share),
            pct(t.change_mean),
            match (t.change_ci_low, t.change_ci_high) {
                (Some(lo), Some(hi)) => format!(" [{}%, {}%]", pct(lo), pct(hi)),
                _ => String::new(),
            }
        );
    }
}
