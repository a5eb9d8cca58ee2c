//! `wijksim sweep EXPERIMENT [--threads N] [--resume] [--shard K/N]` and
//! `wijksim merge EXPERIMENT SHARD...`: parameter sweeps that survive interruption and
//! split over machines.

use super::CliError;
use crate::experiment::design::{self, Design, Experiment};
use crate::experiment::patch;
use crate::experiment::stats;
use crate::experiment::store::{self, Plan, RunSpec};
use crate::report::outdir::{self, Kind};
use crate::scenario::{self, Scenario};
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

/// Loads an experiment file and its base scenario (relative to the experiment's folder).
pub fn load_experiment(path: &Path) -> Result<(Experiment, Scenario), CliError> {
    let shown = path.display().to_string();
    let text = scenario::read_text(path).map_err(|d| CliError::Input(d.to_string()))?;
    let e: Experiment = design::parse(&text, &shown).map_err(|d| CliError::Input(d.to_string()))?;
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

/// Plans an experiment, refusing factors that would do nothing: a factor whose section's
/// `enabled` switch is off in the base (and is not itself a factor) leaves every point the
/// same, silently.
pub fn plan_experiment(path: &Path, e: &Experiment, base: &Scenario) -> Result<Plan, CliError> {
    let shown = path.display();
    let paths: Vec<&str> = e.factors.iter().map(|f| f.path.as_str()).collect();
    let mut problems = Vec::new();
    for (i, f) in e.factors.iter().enumerate() {
        if let Some(switch) = patch::inert_because(base, &f.path, &paths) {
            problems.push(format!(
                "{shown}: error: `factors[{i}].path` is `{}`, but `{switch}` is off in the base scenario, so every point would run the same\n  hint: switch it on in the base scenario, or add `{switch}` as a factor",
                f.path
            ));
        }
    }
    if !problems.is_empty() {
        return Err(CliError::Input(problems.join("\n")));
    }
    store::plan(e, base).map_err(|m| CliError::Input(format!("{shown}: error: {m}")))
}

/// The manifest of a sweep folder: the experiment's identity, progress, and (when
/// finished) the files with their hashes.
fn sweep_manifest(
    e: &Experiment,
    plan: &Plan,
    out: &Path,
    shard: Option<(u32, u32)>,
    status: &str,
    counts: Option<&store::Assembled>,
    files: &[&str],
) -> std::io::Result<serde_json::Value> {
    let mut fields = serde_json::json!({
        "experiment_sha256": plan.experiment_sha256,
        "identity": plan.identity,
        "shard": shard.map(|(k, n)| format!("{k}/{n}")),
        "status": status,
        "runs_in_design": plan.runs.len(),
    });
    if let Some(c) = counts {
        fields["runs_finished"] = c.finished.into();
        fields["runs_failed"] = c.failures.len().into();
        fields["runs_missing"] = c.missing.len().into();
    }
    outdir::manifest(Kind::Sweep, &e.name, out, files, fields)
}

/// Whether `out` may hold this sweep: absent, empty, or a sweep folder of the very same
/// experiment. A folder that already holds runs needs `resume`.
fn open_sweep_folder(
    out: &Path,
    plan: &Plan,
    base: &Scenario,
    resume: bool,
    what: &str,
) -> Result<(), CliError> {
    let existing =
        outdir::check_target(out, Kind::Sweep).map_err(|r| CliError::Input(r.to_string()))?;
    let outdir::Existing::Ours(m) = existing else {
        return Ok(());
    };
    if m["experiment_sha256"].as_str() != Some(plan.experiment_sha256.as_str()) {
        let changes = changes_against(out, &m, plan, base);
        return Err(CliError::Input(format!(
            "error: {} holds a sweep of a different experiment; what changed: {}\n  hint: runs of another experiment are never mixed in: choose another --out, or move that folder away",
            out.display(),
            if changes.is_empty() {
                "the experiment file".to_string()
            } else {
                changes.join("; ")
            }
        )));
    }
    let started = std::fs::read_dir(store::runs_dir(out))
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if started && !resume {
        return Err(CliError::Input(format!(
            "error: {} already holds runs of this sweep\n  hint: add --resume to {what} it, or choose another --out",
            out.display()
        )));
    }
    Ok(())
}

/// What differs between the experiment recorded in a sweep folder and this one, with the
/// base scenario's changed fields (from the folder's `base.ron`) instead of its hash.
fn changes_against(dir: &Path, m: &serde_json::Value, plan: &Plan, base: &Scenario) -> Vec<String> {
    let mut changes = store::what_changed(&m["identity"], &plan.identity);
    let old_base = std::fs::read_to_string(dir.join("base.ron"))
        .ok()
        .and_then(|t| scenario::parse(&t, "base.ron").ok());
    if let Some(old) = old_base {
        let fields = store::scenario_changes(&old, base, 5);
        if !fields.is_empty() {
            changes.retain(|c| !c.starts_with("base_scenario_sha256"));
            changes.push(format!("in the base scenario, {}", fields.join(", ")));
        }
    }
    changes
}

/// Runs (part of) a sweep.
pub fn sweep(args: SweepArgs) -> Result<(), CliError> {
    let (e, base) = load_experiment(&args.experiment)?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    let plan = plan_experiment(&args.experiment, &e, &base)?;
    let out = super::run::target(args.out.as_deref(), Kind::Sweep, &e.name)?;
    open_sweep_folder(&out, &plan, &base, args.resume, "continue")?;
    start_sweep_folder(&args.experiment, &e, &plan, &base, &out, shard)?;

    let mine: Vec<&RunSpec> = plan
        .runs
        .iter()
        .filter(|r| shard.is_none_or(|(k, n)| store::shard_of(r, n) == k - 1))
        .collect();
    let mut damaged = 0;
    let todo: Vec<&RunSpec> = mine
        .iter()
        .copied()
        .filter(|r| match store::find(&out, r) {
            store::Found::Finished(_) | store::Found::Failed(_) => false,
            store::Found::Damaged => {
                damaged += 1;
                true
            }
            store::Found::Missing => true,
        })
        .collect();
    if damaged > 0 {
        eprintln!("note: {damaged} run files were incomplete or damaged; those runs run again");
    }
    eprintln!(
        "sweep \"{}\": {} runs in the design{}, {} already done, {} to run",
        e.name,
        plan.runs.len(),
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
    let found = finish(&e, &plan, &out, shard)?;
    if shard.is_none() && !found.missing.is_empty() {
        return Err(CliError::Failure(format!(
            "error: {} planned runs have no result in {}",
            found.missing.len(),
            out.display()
        )));
    }
    if let Some(lang) = args.report {
        super::report::report(&out, lang)?;
    }
    Ok(())
}

/// Makes a sweep folder ready: its manifest first (so that a folder killed at any instant
/// after it is recognised and can be resumed), then `runs/`, `experiment.ron` and
/// `base.ron`; temporary files of killed writes are removed.
fn start_sweep_folder(
    path: &Path,
    e: &Experiment,
    plan: &Plan,
    base: &Scenario,
    out: &Path,
    shard: Option<(u32, u32)>,
) -> Result<(), CliError> {
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let experiment_text = scenario::read_text(path).map_err(|d| CliError::Input(d.to_string()))?;
    std::fs::create_dir_all(out)
        .map_err(|err| fail(&format!("cannot create {}", out.display()), &err))?;
    let m = sweep_manifest(e, plan, out, shard, "running", None, &[])
        .and_then(|m| outdir::write_manifest(out, &m))
        .map_err(|err| fail("cannot write manifest.json", &err));
    m?;
    let runs_dir = store::runs_dir(out);
    std::fs::create_dir_all(&runs_dir)
        .map_err(|err| fail(&format!("cannot create {}", runs_dir.display()), &err))?;
    let cleaned = store::clean_leftovers(out);
    if cleaned > 0 {
        eprintln!("note: removed {cleaned} temporary files left by an interrupted sweep");
    }
    outdir::write_atomic(&out.join("experiment.ron"), experiment_text.as_bytes())
        .map_err(|err| fail("cannot write experiment.ron", &err))?;
    outdir::write_atomic(&out.join("base.ron"), store::base_ron(base).as_bytes())
        .map_err(|err| fail("cannot write base.ron", &err))?;
    Ok(())
}

/// Writes the table, failures, the analyses (when every planned run is there) and the
/// manifest with the files' hashes. Every file is replaced atomically.
fn finish(
    e: &Experiment,
    plan: &Plan,
    out: &Path,
    shard: Option<(u32, u32)>,
) -> Result<store::Assembled, CliError> {
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let found =
        store::assemble(e, plan, out).map_err(|err| fail("cannot write table.csv", &err))?;
    let mut fw = csv::Writer::from_writer(Vec::new());
    let mut write_failures = || -> Result<Vec<u8>, csv::Error> {
        fw.write_record(["run_id", "seed", "error"])?;
        for v in &found.failures {
            fw.write_record([
                v["run_id"].as_str().unwrap_or(""),
                &v["seed"].to_string(),
                v["error"].as_str().unwrap_or(""),
            ])?;
        }
        fw.flush()?;
        Ok(fw.get_ref().clone())
    };
    let bytes = write_failures().map_err(|err| fail("failures.csv", &err))?;
    outdir::write_atomic(&out.join("failures.csv"), &bytes)
        .map_err(|err| fail("cannot write failures.csv", &err))?;
    let complete = found.missing.is_empty();
    let mut files = vec!["experiment.ron", "base.ron", "table.csv", "failures.csv"];
    // A report of an earlier, smaller table would no longer match it.
    if out.join("report.html").exists() && std::fs::remove_file(out.join("report.html")).is_ok() {
        eprintln!(
            "note: removed the report.html of the earlier table; `wijksim report {}` writes a new one",
            out.display()
        );
    }
    if complete {
        files.extend(analyse(e, plan, out).map_err(|err| fail("cannot write the analyses", &err))?);
    }
    let status = if complete { "complete" } else { "partial" };
    let m = sweep_manifest(e, plan, out, shard, status, Some(&found), &files)
        .and_then(|m| outdir::write_manifest(out, &m))
        .map_err(|err| fail("cannot write manifest.json", &err));
    m?;
    println!(
        "{} runs in table.csv, {} failed (see failures.csv){}",
        found.finished,
        found.failures.len(),
        if complete {
            String::new()
        } else {
            format!(", {} not in this folder", found.missing.len())
        }
    );
    println!("output: {}", out.display());
    Ok(found)
}

/// Writes a CSV file atomically from records.
fn write_csv(path: &Path, rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    outdir::write_atomic(path, &bytes)
}

/// Morris mu* and sigma per factor and indicator; how the confidence interval of each
/// point's mean narrows with more replications (final year, city). Returns the files.
fn analyse(e: &Experiment, plan: &Plan, out: &Path) -> std::io::Result<Vec<&'static str>> {
    let k = e.factors.len();
    // (point, indicator) -> values by replicate; a point the design visits twice is
    // looked up by its values.
    let points = &plan.points;
    let key = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
    let first_index: BTreeMap<Vec<u64>, usize> = points
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (key(p), i))
        .collect();
    let mut by_point: BTreeMap<(usize, String), Vec<(u32, f64)>> = BTreeMap::new();
    for spec in &plan.runs {
        if let Some(vals) = store::final_year_city(out, spec, k) {
            for (ind, v) in vals {
                by_point
                    .entry((spec.point, ind))
                    .or_default()
                    .push((spec.replicate, v));
            }
        }
    }
    let mut conv = Vec::new();
    let mut header = vec!["point".to_string()];
    header.extend(e.factors.iter().map(|f| f.path.clone()));
    header.extend(["indicator", "replications", "mean", "ci95_half_width"].map(String::from));
    conv.push(header);
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
            conv.push(rec);
        }
    }
    write_csv(&out.join("convergence.csv"), &conv)?;
    let mut files = vec!["convergence.csv"];
    if matches!(e.design, Design::Morris { .. }) {
        let mut rows = vec![
            ["factor", "indicator", "mu_star", "sigma", "effects"]
                .map(String::from)
                .to_vec(),
        ];
        let indicators: std::collections::BTreeSet<String> =
            by_point.keys().map(|(_, i)| i.clone()).collect();
        for ind in indicators {
            // Mean over replicates of each point's output; NaN where no replicate
            // finished, which removes only the effects that need that point.
            let y: Vec<f64> = (0..points.len())
                .map(|pi| first_index[&key(&points[pi])])
                .map(|pi| {
                    by_point
                        .get(&(pi, ind.clone()))
                        .map(|v| v.iter().map(|x| x.1).sum::<f64>() / v.len() as f64)
                        .unwrap_or(f64::NAN)
                })
                .collect();
            let effects = design::elementary_effects(e, points, &y);
            for (j, f) in e.factors.iter().enumerate() {
                let (mu, sigma) = stats::morris(&effects[j]);
                rows.push(vec![
                    f.path.clone(),
                    ind.clone(),
                    format!("{mu:.6}"),
                    format!("{sigma:.6}"),
                    effects[j].len().to_string(),
                ]);
            }
        }
        write_csv(&out.join("morris.csv"), &rows)?;
        files.push("morris.csv");
    }
    Ok(files)
}

/// The canonical form of a path that may not exist yet (its parent must, or is taken as
/// given), for telling whether two paths name the same folder.
fn canonical(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => canonical(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(name),
        _ => p.to_path_buf(),
    }
}

/// Merges shard folders into the table one machine would have made. Every shard must be
/// of this experiment, every planned run must be in one of them, and the output folder
/// may not be, hold or be inside one of them: otherwise nothing is written.
pub fn merge(args: MergeArgs) -> Result<(), CliError> {
    let (e, base) = load_experiment(&args.experiment)?;
    let plan = plan_experiment(&args.experiment, &e, &base)?;
    let fail = |what: &str, err: &dyn std::fmt::Display| {
        CliError::Failure(format!("error: {what}: {err}"))
    };
    let out_c = canonical(&args.out);
    let mut shards_of: Vec<Option<(u32, u32)>> = Vec::new();
    for d in &args.shards {
        let c = canonical(d);
        if out_c.starts_with(&c) || c.starts_with(&out_c) {
            return Err(CliError::Input(format!(
                "error: --out {} is, holds or is inside the shard folder {}\n  hint: merge into a folder of its own, e.g. --out {}-merged",
                args.out.display(),
                d.display(),
                d.display()
            )));
        }
        let m = outdir::read_manifest(d)
            .ok()
            .filter(|m| m["kind"] == "sweep")
            .ok_or_else(|| {
                CliError::Input(format!(
                    "error: {} is not a sweep folder (no sweep manifest.json)\n  hint: give the --out folders of `wijksim sweep --shard K/N`",
                    d.display()
                ))
            })?;
        if m["experiment_sha256"].as_str() != Some(plan.experiment_sha256.as_str()) {
            let changes = changes_against(d, &m, &plan, &base);
            return Err(CliError::Input(format!(
                "error: {} holds a sweep of a different experiment than {}; what differs: {}\n  hint: merge with the experiment file the shards ran",
                d.display(),
                args.experiment.display(),
                if changes.is_empty() {
                    "the experiment file".to_string()
                } else {
                    changes.join("; ")
                }
            )));
        }
        shards_of.push(m["shard"].as_str().and_then(|s| parse_shard(s).ok()));
    }
    // Find every planned run before writing anything.
    let mut sources: Vec<(&RunSpec, &PathBuf)> = Vec::new();
    let mut missing: Vec<&RunSpec> = Vec::new();
    for spec in &plan.runs {
        match args.shards.iter().find(|d| store::is_done(d, spec)) {
            Some(d) => sources.push((spec, d)),
            None => missing.push(spec),
        }
    }
    if !missing.is_empty() {
        return Err(CliError::Failure(missing_runs(
            &args.experiment,
            &args.shards,
            &shards_of,
            &missing,
        )));
    }
    open_sweep_folder(&args.out, &plan, &base, true, "merge into")?;
    start_sweep_folder(&args.experiment, &e, &plan, &base, &args.out, None)?;
    for (spec, d) in sources {
        for (from, to) in [
            (store::run_file(d, spec), store::run_file(&args.out, spec)),
            (
                store::failure_file(d, spec),
                store::failure_file(&args.out, spec),
            ),
        ] {
            if let Ok(bytes) = std::fs::read(&from) {
                outdir::write_atomic(&to, &bytes)
                    .map_err(|err| fail(&format!("cannot copy {}", from.display()), &err))?;
            }
        }
    }
    finish(&e, &plan, &args.out, None).map(|_| ())
}

/// The message of a merge with runs missing: how many, which (the first few ids), and the
/// command that runs them.
fn missing_runs(
    experiment: &Path,
    shards: &[PathBuf],
    shards_of: &[Option<(u32, u32)>],
    missing: &[&RunSpec],
) -> String {
    let ids: Vec<&str> = missing.iter().take(10).map(|r| r.id.as_str()).collect();
    let mut msg = format!(
        "error: {} planned runs are in none of the shard folders: {}{}",
        missing.len(),
        ids.join(", "),
        if missing.len() > ids.len() {
            ", ..."
        } else {
            ""
        }
    );
    let n = shards_of.iter().flatten().map(|s| s.1).next();
    let exp = experiment.display();
    match n {
        Some(n) => {
            let mut ks: Vec<u32> = missing.iter().map(|r| store::shard_of(r, n) + 1).collect();
            ks.sort();
            ks.dedup();
            msg.push_str("\n  hint: run the missing runs, then merge again:");
            for k in ks {
                let dir = shards
                    .iter()
                    .zip(shards_of)
                    .find(|(_, s)| **s == Some((k, n)))
                    .map(|(d, _)| d.display().to_string())
                    .unwrap_or_else(|| format!("SHARD{k}_FOLDER"));
                msg.push_str(&format!(
                    "\n    wijksim sweep {exp} --shard {k}/{n} --resume --out {dir}"
                ));
            }
        }
        None => msg.push_str(&format!(
            "\n  hint: run them with `wijksim sweep {exp} --resume --out FOLDER`, then merge again"
        )),
    }
    msg
}
