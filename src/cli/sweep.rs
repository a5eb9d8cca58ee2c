//! `wijksim sweep EXPERIMENT [--threads N] [--resume] [--shard K/N]` and
//! `wijksim merge EXPERIMENT SHARD...`: parameter sweeps that survive interruption and
//! split over machines.

use super::CliError;
use crate::experiment::design::Experiment;
use crate::experiment::store::Plan;
use crate::experiment::sweep::{self, Finished, Options, Shard};
use crate::report::outdir::Kind;
use crate::scenario::Scenario;
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `wijksim sweep`.
#[derive(Args, Debug)]
pub struct SweepArgs {
    /// Also write report.html in this language (nl or en).
    #[arg(long, value_enum)]
    pub report: Option<crate::report::html::Lang>,
    /// The experiment file (RON).
    pub experiment: PathBuf,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output folder. Default: out/<experiment name>.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Continue an interrupted sweep in the same folder: only unfinished runs are run.
    #[arg(long)]
    pub resume: bool,
    /// Run only shard K of N (1-based, e.g. 2/8); combine the shard folders with `merge`.
    #[arg(long)]
    pub shard: Option<String>,
    /// Set a field of the base scenario (and of the --mkba nulalternatief): PATH=VALUE
    /// (repeatable), a number or true/false; not a factor's path. Part of every run's
    /// identity: a resume with other values refuses the folder.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Also write the table as table.parquet (typed columns, values unrounded): csv or
    /// parquet. table.csv is always written (the report reads it).
    #[arg(long, value_enum, default_value_t = crate::report::table::Format::Csv)]
    pub format: crate::report::table::Format,
    /// Also compare every point with this nulalternatief (replicate i of both with the same
    /// seed) and write who pays, who gains per point: stakeholders.csv and
    /// additionality.csv. Runs 2 x replications more runs per point.
    #[arg(long, value_name = "NULALTERNATIEF.ron")]
    pub mkba: Option<PathBuf>,
    /// The cost-benefit analysis's real discount rate a year (with --mkba).
    #[arg(long, default_value_t = crate::experiment::stakeholders::DISCOUNT_RATE)]
    pub discount_rate: f64,
    /// Years of its present value (with --mkba; default: the council term of 4).
    #[arg(long)]
    pub horizon: Option<u32>,
}

/// Arguments of `wijksim merge`.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The experiment file the shards ran.
    pub experiment: PathBuf,
    /// The shard folders.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Output folder of the merged sweep.
    #[arg(long)]
    pub out: PathBuf,
    /// Also write the table as table.parquet (typed columns, values unrounded): csv or
    /// parquet. table.csv is always written (the report reads it).
    #[arg(long, value_enum, default_value_t = crate::report::table::Format::Csv)]
    pub format: crate::report::table::Format,
}

/// Loads an experiment file and its base scenario ([`sweep::load`]).
pub fn load_experiment(path: &Path) -> Result<(Experiment, Scenario), CliError> {
    let loaded = sweep::load(path)?;
    Ok((loaded.experiment, loaded.base))
}

/// Plans an experiment, refusing inert factors ([`sweep::plan`]).
pub fn plan_experiment(path: &Path, e: &Experiment, base: &Scenario) -> Result<Plan, CliError> {
    Ok(sweep::plan(&path.display().to_string(), e, base)?)
}

/// Applies `--set` to a sweep's base scenario; a factor's own path is refused (the factor
/// sets it at every point).
fn set_base(loaded: &mut sweep::Loaded, sets: &[String]) -> Result<(), CliError> {
    for a in sets {
        let path = crate::experiment::patch::parse_assignment(a)
            .map(|(p, _)| p)
            .unwrap_or_default();
        if let Some(f) = loaded.experiment.factors.iter().find(|f| f.path == path) {
            return Err(CliError::Input(format!(
                "error: --set {a}: `{}` is a factor of {}, set at every point of the design\n  hint: leave it out of --set, or change the factor's values in the experiment file",
                f.path, loaded.file
            )));
        }
    }
    loaded.base = crate::experiment::patch::assign_all(&loaded.base, sets)
        .map_err(|e| CliError::Input(format!("error: {e}")))?;
    Ok(())
}

/// Runs (part of) a sweep.
pub fn sweep(args: SweepArgs) -> Result<(), CliError> {
    let mut loaded = sweep::load(&args.experiment)?;
    if !args.set.is_empty() {
        set_base(&mut loaded, &args.set)?;
    }
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    let sweep = loaded.plan()?;
    for n in &sweep.notes {
        eprintln!("{n}");
    }
    let out = super::run::target(args.out.as_deref(), Kind::Sweep, &sweep.experiment.name)?;
    // The nulalternatief is read and checked before any run.
    let mkba = match &args.mkba {
        Some(path) if shard.is_some() => {
            return Err(CliError::Input(format!(
                "error: --mkba {} cannot be combined with --shard\n  hint: run the analysis on the whole sweep, on one machine",
                path.display()
            )));
        }
        Some(path) => Some(super::run::load_scenario(
            Some(path),
            None,
            None,
            &args.set,
        )?),
        None => None,
    };
    let mkba_spec = crate::experiment::stakeholders::Mkba {
        discount_rate: args.discount_rate,
        horizon_years: args.horizon,
        ..Default::default()
    };
    if mkba.is_some() {
        let e = &sweep.experiment;
        mkba_spec.check(if e.years == 0 {
            sweep.base.run.years
        } else {
            e.years
        })?;
    }
    let options = Options {
        threads: args.threads,
        resume: args.resume,
        shard,
        format: args.format,
    };
    let started = sweep.start(&out, &options)?;
    if started.leftovers_removed > 0 {
        eprintln!(
            "note: removed {} temporary files left by an interrupted sweep",
            started.leftovers_removed
        );
    }
    if started.damaged > 0 {
        eprintln!(
            "note: {} run files were incomplete or damaged; those runs run again",
            started.damaged
        );
    }
    let (mine, todo) = (started.runs_mine, started.todo.len());
    eprintln!(
        "sweep \"{}\": {} runs in the design{}, {} already done, {todo} to run",
        sweep.experiment.name,
        sweep.plan.runs.len(),
        shard
            .map(|s| format!(", {mine} in shard {s}"))
            .unwrap_or_default(),
        mine - todo,
    );
    let bar = super::progress_bar(todo as u64);
    let ran = started.execute(&super::show_on(&bar));
    bar.finish_and_clear();
    ran?;
    let finished = sweep.finish(&out, shard, args.format)?;
    print_finished(&finished);
    finished.check_complete(shard)?;
    if let Some(nul) = &mkba {
        per_point_mkba(&sweep, nul, mkba_spec, args.threads, &out)?;
    }
    if let Some(lang) = args.report {
        super::report::report(&out, lang)?;
    }
    Ok(())
}

/// Compares every point with the nulalternatief and writes the tables into the folder.
fn per_point_mkba(
    sweep: &sweep::Sweep,
    nul: &Scenario,
    mkba: crate::experiment::stakeholders::Mkba,
    threads: Option<usize>,
    out: &Path,
) -> Result<(), CliError> {
    use crate::experiment::sweep_mkba;
    let runs = 2 * sweep.experiment.replications.max(2) as u64 * sweep.plan.points.len() as u64;
    eprintln!(
        "who pays, who gains per point: {} points against \"{}\", {runs} runs",
        sweep.plan.points.len(),
        nul.name
    );
    let bar = super::progress_bar(runs);
    let points = sweep_mkba::per_point(sweep, nul, mkba, threads, &super::show_on(&bar));
    bar.finish_and_clear();
    let points = points?;
    let factors: Vec<String> = sweep
        .experiment
        .factors
        .iter()
        .map(|f| f.path.clone())
        .collect();
    let fail = |e: std::io::Error| {
        CliError::Failure(format!("error: cannot write into {}: {e}", out.display()))
    };
    for (name, bytes) in sweep_mkba::tables(&factors, &points).map_err(fail)? {
        crate::report::outdir::write_atomic(&out.join(name), &bytes)
            .and_then(|_| crate::report::outdir::add_to_manifest(out, name))
            .map_err(fail)?;
        println!("{}", out.join(name).display());
    }
    Ok(())
}

/// What a finished sweep folder holds.
fn print_finished(f: &Finished) {
    if f.report_removed {
        eprintln!(
            "note: removed the report.html of the earlier table; `wijksim report {}` writes a new one",
            f.dir.display()
        );
    }
    println!(
        "{} runs in table.csv, {} failed (see failures.csv){}",
        f.found.finished,
        f.found.failures.len(),
        if f.is_complete() {
            String::new()
        } else {
            format!(", {} not in this folder", f.found.missing.len())
        }
    );
    println!("output: {}", f.dir.display());
}

/// Merges shard folders into the table one machine would have made ([`sweep::Sweep::merge`]).
pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let sweep = sweep::Sweep::load(&args.experiment)?;
    for n in &sweep.notes {
        eprintln!("{n}");
    }
    let merged = sweep.merge(&args.shards, &args.out, args.format)?;
    if merged.leftovers_removed > 0 {
        eprintln!(
            "note: removed {} temporary files left by an interrupted sweep",
            merged.leftovers_removed
        );
    }
    print_finished(&merged.finished);
    Ok(())
}
