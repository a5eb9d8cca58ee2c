//! `wijksim sweep EXPERIMENT [--threads N] [--resume] [--shard K/N]` and
//! `wijksim merge EXPERIMENT SHARD...`: parameter sweeps that survive interruption and
//! split over machines.

use super::CliError;
use crate::experiment::design::{self, Design, Experiment};
use crate::experiment::stats;
use crate::experiment::store::{self, RunSpec};
use crate::scenario::{self, Scenario, validate::Problem};
use clap::Args;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::IsTerminal;
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
}

/// A thread pool of `threads` workers (all cores by default).
pub fn pool(threads: Option<usize>) -> Result<rayon::ThreadPool, CliError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(t) = threads {
        if t == 0 {
            return Err(CliError::Input(
                "error: --threads is 0\n  hint: at least 1".into(),
            ));
        }
        b = b.num_threads(t);
    }
    b.build()
        .map_err(|e| CliError::Failure(format!("error: cannot start threads: {e}")))
}

/// A progress bar with an ETA, hidden when stderr is not a terminal.
pub fn progress(len: u64) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(len);
    b.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} run {pos}/{len} [{bar:40}] {elapsed} eta {eta}",
        )
        .expect("the template is valid")
        .progress_chars("=> "),
    );
    b
}

fn check_experiment(e: &Experiment) -> Vec<Problem> {
    design::check(e)
        .into_iter()
        .map(|(path, message, hint)| Problem {
            path,
            message,
            hint: Some(hint),
        })
        .collect()
}

/// Loads an experiment file and its base scenario (relative to the experiment's folder).
pub fn load_experiment(path: &Path) -> Result<(Experiment, Scenario), CliError> {
    let shown = path.display().to_string();
    let text = scenario::read_text(path).map_err(|d| CliError::Input(d.to_string()))?;
    let e: Experiment = scenario::parse_with(&text, &shown, check_experiment)
        .map_err(|d| CliError::Input(d.to_string()))?;
    let base = if e.base.is_empty() {
        scenario::baseline()
    } else {
        let p = path.parent().unwrap_or(Path::new(".")).join(&e.base);
        scenario::load(&p).map_err(|d| CliError::Input(d.to_string()))?
    };
    // Every factor path must exist: try it on the base.
    for (i, f) in e.factors.iter().enumerate() {
        let probe = f.values.first().copied().unwrap_or(f.min);
        if let Err(msg) = crate::experiment::patch::set(&base, &f.path, probe) {
            return Err(CliError::Input(format!(
                "{shown}: error: `factors[{i}].path`: {msg}"
            )));
        }
    }
    Ok((e, base))
}

fn parse_shard(s: &str) -> Result<(u32, u32), CliError> {
    let bad = || {
        CliError::Input(format!(
            "error: --shard is \"{s}\"\n  hint: write K/N with 1 <= K <= N, e.g. 2/8"
        ))
    };
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (u32, u32) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if k == 0 || n == 0 || k > n {
        return Err(bad());
    }
    Ok((k, n))
}

/// Runs (part of) a sweep.
pub fn sweep(args: SweepArgs) -> Result<(), CliError> {
    let (e, base) = load_experiment(&args.experiment)?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("out").join(&e.name));
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let runs_dir = store::runs_dir(&out);
    let started = runs_dir.exists()
        && std::fs::read_dir(&runs_dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
    if started && !args.resume {
        return Err(CliError::Input(format!(
            "error: {} already holds runs of a sweep\n  hint: add --resume to continue it, or choose another --out",
            out.display()
        )));
    }
    std::fs::create_dir_all(&runs_dir)
        .map_err(|err| fail(&format!("cannot create {}", runs_dir.display()), &err))?;
    let experiment_text = std::fs::read_to_string(&args.experiment)
        .map_err(|err| fail("cannot read the experiment", &err))?;
    std::fs::write(out.join("experiment.ron"), &experiment_text)
        .map_err(|err| fail("cannot write experiment.ron", &err))?;

    let plan = store::plan(&e, &base);
    let mine: Vec<&RunSpec> = plan
        .iter()
        .filter(|r| shard.is_none_or(|(k, n)| store::shard_of(r, n) == k - 1))
        .collect();
    let todo: Vec<&RunSpec> = mine
        .iter()
        .copied()
        .filter(|r| !store::is_done(&out, r))
        .collect();
    eprintln!(
        "sweep \"{}\": {} runs in the design{}, {} already done, {} to run",
        e.name,
        plan.len(),
        shard
            .map(|(k, n)| format!(", {} in shard {k}/{n}", mine.len()))
            .unwrap_or_default(),
        mine.len() - todo.len(),
        todo.len()
    );
    let pool = pool(args.threads)?;
    let bar = progress(todo.len() as u64);
    let errors: Vec<String> = pool.install(|| {
        todo.par_iter()
            .filter_map(|spec| {
                let r = match store::execute(&e, &base, spec) {
                    Ok(rows) => store::write_run(&out, spec, &rows),
                    Err(msg) => store::write_failure(&out, spec, &msg),
                };
                bar.inc(1);
                r.err().map(|err| format!("run {}: {err}", spec.id))
            })
            .collect()
    });
    bar.finish_and_clear();
    if let Some(first) = errors.first() {
        return Err(CliError::Failure(format!(
            "error: cannot write results: {first}"
        )));
    }
    finish(&e, &plan, std::slice::from_ref(&out), &out, shard.is_none())?;
    if let Some(lang) = args.report {
        super::report::report(&out, lang)?;
    }
    Ok(())
}

/// Writes the table and (for a complete sweep) the analyses.
fn finish(
    e: &Experiment,
    plan: &[RunSpec],
    dirs: &[PathBuf],
    out: &Path,
    complete: bool,
) -> Result<(), CliError> {
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let (done, failures) = store::assemble(e, dirs, &out.join("table.csv"))
        .map_err(|err| fail("cannot write table.csv", &err))?;
    let mut fw = csv::Writer::from_path(out.join("failures.csv"))
        .map_err(|err| fail("cannot write failures.csv", &err))?;
    fw.write_record(["run_id", "seed", "error"])
        .map_err(|err| fail("failures.csv", &err))?;
    for f in &failures {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(f).unwrap_or_default()).unwrap_or_default();
        fw.write_record([
            v["run_id"].as_str().unwrap_or(""),
            &v["seed"].to_string(),
            v["error"].as_str().unwrap_or(""),
        ])
        .map_err(|err| fail("failures.csv", &err))?;
    }
    fw.flush().map_err(|err| fail("failures.csv", &err))?;
    if complete {
        analyse(e, plan, dirs, out).map_err(|err| fail("cannot write the analyses", &err))?;
    }
    let manifest = serde_json::json!({
        "wijksim_version": env!("CARGO_PKG_VERSION"),
        "experiment": e.name,
        "runs_in_design": plan.len(),
        "runs_finished": done,
        "runs_failed": failures.len(),
        "command_line": std::env::args().collect::<Vec<_>>(),
    });
    std::fs::write(
        out.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).expect("json") + "\n",
    )
    .map_err(|err| fail("cannot write manifest.json", &err))?;
    println!(
        "{done} runs in table.csv, {} failed (see failures.csv)",
        failures.len()
    );
    println!("output: {}", out.display());
    Ok(())
}

/// Morris mu* and sigma per factor and indicator; how the confidence interval of each
/// point's mean narrows with more replications (final year, city).
fn analyse(e: &Experiment, plan: &[RunSpec], dirs: &[PathBuf], out: &Path) -> std::io::Result<()> {
    let k = e.factors.len();
    // (point, indicator) -> values by replicate; a point the design visits twice is
    // looked up by its values.
    let points = design::points(e);
    let key = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
    let first_index: BTreeMap<Vec<u64>, usize> = points
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (key(p), i))
        .collect();
    let mut by_point: BTreeMap<(usize, String), Vec<(u32, f64)>> = BTreeMap::new();
    for spec in plan {
        if let Some(vals) = store::final_year_city(dirs, spec, k) {
            for (ind, v) in vals {
                by_point
                    .entry((spec.point, ind))
                    .or_default()
                    .push((spec.replicate, v));
            }
        }
    }
    let mut conv = csv::Writer::from_path(out.join("convergence.csv"))?;
    let mut header = vec!["point".to_string()];
    header.extend(e.factors.iter().map(|f| f.path.clone()));
    header.extend(["indicator", "replications", "mean", "ci95_half_width"].map(String::from));
    conv.write_record(&header)?;
    for ((pi, ind), vals) in &mut by_point {
        vals.sort_by_key(|v| v.0);
        let ys: Vec<f64> = vals.iter().map(|v| v.1).collect();
        for n in 2..=ys.len() {
            let s = stats::summary(&ys[..n]);
            let mut rec = vec![pi.to_string()];
            rec.extend(points[*pi].iter().map(|v| v.to_string()));
            rec.extend([
                ind.clone(),
                n.to_string(),
                format!("{:.6}", s.mean),
                format!("{:.6}", s.ci95),
            ]);
            conv.write_record(&rec)?;
        }
    }
    conv.flush()?;
    if matches!(e.design, Design::Morris { .. }) {
        let mut w = csv::Writer::from_path(out.join("morris.csv"))?;
        w.write_record(["factor", "indicator", "mu_star", "sigma", "effects"])?;
        let indicators: std::collections::BTreeSet<String> =
            by_point.keys().map(|(_, i)| i.clone()).collect();
        for ind in indicators {
            // Mean over replicates of each point's output.
            let y: Vec<f64> = (0..points.len())
                .map(|pi| first_index[&key(&points[pi])])
                .map(|pi| {
                    by_point
                        .get(&(pi, ind.clone()))
                        .map(|v| v.iter().map(|x| x.1).sum::<f64>() / v.len() as f64)
                        .unwrap_or(f64::NAN)
                })
                .collect();
            let effects = design::elementary_effects(e, &points, &y);
            for (j, f) in e.factors.iter().enumerate() {
                let (mu, sigma) = stats::morris(&effects[j]);
                w.write_record([
                    f.path.clone(),
                    ind.clone(),
                    format!("{mu:.6}"),
                    format!("{sigma:.6}"),
                    effects[j].len().to_string(),
                ])?;
            }
        }
        w.flush()?;
    }
    Ok(())
}

/// Merges shard folders into the table one machine would have made.
pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let (e, base) = load_experiment(&args.experiment)?;
    let plan = store::plan(&e, &base);
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let runs = store::runs_dir(&args.out);
    std::fs::create_dir_all(&runs).map_err(|err| fail("cannot create the output", &err))?;
    for d in &args.shards {
        let src = store::runs_dir(d);
        let entries = std::fs::read_dir(&src).map_err(|err| {
            CliError::Input(format!(
                "error: {} is not a shard folder: {err}",
                d.display()
            ))
        })?;
        for entry in entries {
            let p = entry
                .map_err(|err| fail("cannot read a shard", &err))?
                .path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if name.ends_with(".csv") || name.ends_with(".error.json") {
                std::fs::copy(&p, runs.join(&name))
                    .map_err(|err| fail("cannot copy a run", &err))?;
            }
        }
    }
    let missing = plan
        .iter()
        .filter(|r| !store::is_done(&args.out, r))
        .count();
    if missing > 0 {
        eprintln!(
            "warning: {missing} runs of the design are in none of the shards; run the missing shards, then merge again"
        );
    }
    finish(
        &e,
        &plan,
        std::slice::from_ref(&args.out),
        &args.out,
        missing == 0,
    )
}
