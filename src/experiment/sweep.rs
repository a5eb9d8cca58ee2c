//! Parameter sweeps that survive interruption and split over machines: plan, run (in
//! parallel, with a progress callback that may cancel), assemble the table, analyse
//! (Morris, convergence), shard and merge. The sweep folder is the sweep's state: every
//! finished run is a file in `runs/` ([`store`]), so a killed or cancelled sweep resumes
//! where it stopped and gives the table an uninterrupted one gives.
//!
//! [`Sweep::run`] does it all in one call; the command line calls its steps
//! ([`Sweep::start`], [`Started::execute`], [`Sweep::finish`]) to print between them.
//!
//! ```no_run
//! use std::path::Path;
//! use std::sync::atomic::{AtomicBool, Ordering};
//! use wijksim::experiment::sweep::{Options, Sweep};
//! use wijksim::experiment::{Error, Progress, cancel_when};
//!
//! let sweep = Sweep::load(Path::new("scenarios/experiments/lhs-coin.ron")).unwrap();
//! let options = Options { threads: Some(2), resume: true, ..Options::default() };
//! // Set from elsewhere (a Ctrl-C handler, a button) to stop after the runs under way.
//! let stop = AtomicBool::new(false);
//! let result = sweep.run(Path::new("out/lhs-coin"), &options, &|p: Progress| {
//!     if p.runs_done == 100 {
//!         stop.store(true, Ordering::SeqCst);
//!     }
//!     cancel_when(&stop)
//! });
//! match result {
//!     // table.csv, failures.csv, convergence.csv and the manifest are in the folder.
//!     Ok(finished) => assert!(finished.is_complete()),
//!     // Every finished run is kept: the same call with `resume: true` continues.
//!     Err(Error::Cancelled { runs_done, .. }) => assert!(runs_done >= 100),
//!     Err(e) => panic!("{e}"),
//! }
//! ```

use super::design::{self, Design, Experiment};
use super::parallel::{self, OnProgress};
use super::store::{self, Plan, RunSpec};
use super::{Error, InertFactor, patch, stats};
use crate::report::outdir::{self, Kind};
use crate::report::table::Format;
use crate::scenario::{self, Diagnostic, Diagnostics, Scenario};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One shard of a sweep split into `n`: shard `k` (1-based) runs the planned runs whose
/// id puts them there ([`store::shard_of`]), so that a run's shard does not move when
/// points are added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 1.
    pub k: u32,
    /// Of how many.
    pub n: u32,
}

impl Shard {
    /// Shard `k` of `n`; refused unless 1 <= k <= n.
    pub fn new(k: u32, n: u32) -> Result<Shard, Error> {
        if k == 0 || n == 0 || k > n {
            return Err(Error::BadShard {
                text: format!("{k}/{n}"),
            });
        }
        Ok(Shard { k, n })
    }

    /// Parses `K/N`, e.g. `2/8`.
    pub fn parse(text: &str) -> Result<Shard, Error> {
        let bad = || Error::BadShard {
            text: text.to_string(),
        };
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let k: u32 = k.trim().parse().map_err(|_| bad())?;
        let n: u32 = n.trim().parse().map_err(|_| bad())?;
        Shard::new(k, n).map_err(|_| bad())
    }

    /// Whether `spec` is one of this shard's runs.
    pub fn holds(&self, spec: &RunSpec) -> bool {
        store::shard_of(spec, self.n) == self.k - 1
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

/// How to run a sweep.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Worker threads; `None` uses all cores. Results do not depend on it.
    pub threads: Option<usize>,
    /// Continue a sweep folder that already holds runs of this sweep: only unfinished
    /// runs are run. Without it such a folder is refused.
    pub resume: bool,
    /// Run only this shard; combine the shard folders with [`Sweep::merge`].
    pub shard: Option<Shard>,
    /// With [`Format::Parquet`], the table is also written as `table.parquet`.
    pub format: Format,
}

/// A planned sweep: an experiment, its base scenario and its runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Sweep {
    /// The experiment file as the user named it, for messages.
    pub file: String,
    /// The experiment's text, copied into the folder as `experiment.ron`.
    pub text: String,
    /// The experiment.
    pub experiment: Experiment,
    /// Its base scenario.
    pub base: Scenario,
    /// What reading an older format of the base scenario changed (for the caller to
    /// show; empty for a current file or the built-in baseline).
    pub notes: Vec<scenario::Note>,
    /// Its runs and identity.
    pub plan: Plan,
}

/// An experiment file and its base scenario, read and checked, not yet planned.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The experiment file as the user named it, for messages.
    pub file: String,
    /// The file's text, copied into a sweep folder as `experiment.ron`.
    pub text: String,
    /// The experiment.
    pub experiment: Experiment,
    /// Its base scenario.
    pub base: Scenario,
    /// What reading an older format of the base scenario changed.
    pub notes: Vec<scenario::Note>,
}

/// Reads an experiment file and its base scenario (relative to the experiment's folder;
/// the built-in baseline when none is named), and checks that every factor names a field
/// of the base. Nothing is planned: see [`Loaded::plan`].
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let file = path.display().to_string();
    let text = scenario::read_text(path).map_err(Error::File)?;
    let experiment: Experiment = design::parse(&text, &file).map_err(Error::File)?;
    let (base, notes) = if experiment.base.is_empty() {
        (scenario::baseline(), Vec::new())
    } else {
        let p = path
            .parent()
            .unwrap_or(Path::new("."))
            .join(&experiment.base);
        scenario::load_noted(&p).map_err(Error::File)?
    };
    check_factor_paths(&file, &experiment, &base)?;
    Ok(Loaded {
        file,
        text,
        experiment,
        base,
        notes,
    })
}

impl Loaded {
    /// Plans the sweep ([`plan`]).
    pub fn plan(self) -> Result<Sweep, Error> {
        let plan = plan(&self.file, &self.experiment, &self.base)?;
        Ok(Sweep {
            file: self.file,
            text: self.text,
            experiment: self.experiment,
            base: self.base,
            notes: self.notes,
            plan,
        })
    }
}

/// Every factor path must exist: try it on the base.
fn check_factor_paths(file: &str, e: &Experiment, base: &Scenario) -> Result<(), Error> {
    for (index, f) in e.factors.iter().enumerate() {
        let probe = f.values.first().copied().unwrap_or(f.min);
        if let Err(message) = patch::set(base, &f.path, probe) {
            return Err(Error::UnknownFactor {
                file: file.to_string(),
                index,
                message,
            });
        }
    }
    Ok(())
}

/// Plans an experiment, refusing factors that would do nothing: a factor whose section's
/// `enabled` switch is off in the base (and is not itself a factor) leaves every point the
/// same, silently. `file` names the experiment in messages.
pub fn plan(file: &str, e: &Experiment, base: &Scenario) -> Result<Plan, Error> {
    let paths: Vec<&str> = e.factors.iter().map(|f| f.path.as_str()).collect();
    let inert: Vec<InertFactor> = e
        .factors
        .iter()
        .enumerate()
        .filter_map(|(index, f)| {
            patch::inert_because(base, &f.path, &paths).map(|switch| InertFactor {
                index,
                path: f.path.clone(),
                switch,
            })
        })
        .collect();
    if !inert.is_empty() {
        return Err(Error::InertFactors {
            file: file.to_string(),
            factors: inert,
        });
    }
    store::plan(e, base).map_err(|message| Error::Plan {
        file: file.to_string(),
        message,
    })
}

impl Sweep {
    /// Reads, checks and plans an experiment file ([`load`], then [`Loaded::plan`]).
    pub fn load(path: &Path) -> Result<Sweep, Error> {
        load(path)?.plan()
    }

    /// Checks and plans an experiment given as data, with `base` as its base scenario
    /// (its `base` field is not read); `file` names it in messages. Its text in the folder
    /// is its RON form.
    pub fn new(experiment: Experiment, base: Scenario, file: &str) -> Result<Sweep, Error> {
        let diagnostic = |path: String, message: String, hint: Option<String>| Diagnostic {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: format!("`{path}` {message}"),
            hint,
        };
        let mut problems: Vec<Diagnostic> = design::check(&experiment)
            .into_iter()
            .map(|(path, message, hint)| diagnostic(path, message, Some(hint)))
            .collect();
        problems.extend(
            scenario::validate::check(&base)
                .into_iter()
                .map(|p| diagnostic(format!("base.{}", p.path), p.message, p.hint)),
        );
        if !problems.is_empty() {
            return Err(Error::File(Diagnostics(problems)));
        }
        check_factor_paths(file, &experiment, &base)?;
        let plan = plan(file, &experiment, &base)?;
        let text = ron::ser::to_string_pretty(&experiment, ron::ser::PrettyConfig::default())
            .map_err(|e| Error::Plan {
                file: file.to_string(),
                message: e.to_string(),
            })?
            + "\n";
        Ok(Sweep {
            file: file.to_string(),
            text,
            experiment,
            base,
            notes: Vec::new(),
            plan,
        })
    }

    /// The planned runs of `shard` (all of them without one), in plan order.
    pub fn runs_of(&self, shard: Option<Shard>) -> Vec<&RunSpec> {
        self.plan
            .runs
            .iter()
            .filter(|r| shard.is_none_or(|s| s.holds(r)))
            .collect()
    }

    /// Runs (a shard of) the sweep into `out` and finishes its folder: [`Sweep::start`],
    /// [`Started::execute`], [`Sweep::finish`]. Without a shard, a run missing at the end
    /// is [`Error::Unfinished`]. A cancelled sweep ([`super::Control::Cancel`]) returns
    /// [`Error::Cancelled`] and leaves its folder as a killed one: every finished run
    /// kept, resumable with [`Options::resume`].
    pub fn run(
        &self,
        out: &Path,
        options: &Options,
        progress: OnProgress,
    ) -> Result<Finished, Error> {
        self.start(out, options)?.execute(progress)?;
        let finished = self.finish(out, options.shard, options.format)?;
        finished.check_complete(options.shard)?;
        Ok(finished)
    }

    /// Makes `out` ready for this sweep and finds what is still to run. `out` must be
    /// absent, empty, or a sweep folder of this very experiment (one that already holds
    /// runs only with [`Options::resume`]); a refusal touches nothing. Then the manifest
    /// is written first (so that a folder killed at any instant after it is recognised
    /// and can be resumed), then `runs/`, `experiment.ron` and `base.ron`; temporary files
    /// of killed writes are removed.
    pub fn start(&self, out: &Path, options: &Options) -> Result<Started<'_>, Error> {
        parallel::check_threads(options.threads)?;
        self.open_folder(out, options.resume)?;
        let leftovers_removed = self.prepare_folder(out, options.shard)?;
        let mine = self.runs_of(options.shard);
        let mut damaged = 0;
        let todo: Vec<RunSpec> = mine
            .iter()
            .filter(|r| match store::find(out, r) {
                store::Found::Finished(_) | store::Found::Failed(_) => false,
                store::Found::Damaged => {
                    damaged += 1;
                    true
                }
                store::Found::Missing => true,
            })
            .map(|r| (*r).clone())
            .collect();
        Ok(Started {
            sweep: self,
            out: out.to_path_buf(),
            options: *options,
            leftovers_removed,
            runs_mine: mine.len(),
            damaged,
            todo,
        })
    }

    /// Whether `out` may hold this sweep: absent, empty, or a sweep folder of the very
    /// same experiment. A folder that already holds runs needs `resume`.
    fn open_folder(&self, out: &Path, resume: bool) -> Result<(), Error> {
        let existing = outdir::check_target(out, Kind::Sweep).map_err(Error::Refused)?;
        let outdir::Existing::Ours(m) = existing else {
            return Ok(());
        };
        if m["experiment_sha256"].as_str() != Some(self.plan.experiment_sha256.as_str()) {
            return Err(Error::OtherExperiment {
                dir: out.to_path_buf(),
                changes: self.changes_against(out, &m),
            });
        }
        let started = std::fs::read_dir(store::runs_dir(out))
            .map(|mut d| d.next().is_some())
            .unwrap_or(false);
        if started && !resume {
            return Err(Error::AlreadyStarted {
                dir: out.to_path_buf(),
            });
        }
        Ok(())
    }

    /// Writes the manifest ("running"), `runs/`, `experiment.ron` and `base.ron`; returns
    /// how many temporary files of killed writes were removed.
    fn prepare_folder(&self, out: &Path, shard: Option<Shard>) -> Result<usize, Error> {
        std::fs::create_dir_all(out)
            .map_err(|e| Error::io(format!("cannot create {}", out.display()), out, e))?;
        self.manifest(out, shard, "running", None, &[])
            .and_then(|m| outdir::write_manifest(out, &m))
            .map_err(|e| Error::io("cannot write manifest.json", out.join("manifest.json"), e))?;
        let runs_dir = store::runs_dir(out);
        std::fs::create_dir_all(&runs_dir).map_err(|e| {
            Error::io(
                format!("cannot create {}", runs_dir.display()),
                &runs_dir,
                e,
            )
        })?;
        let cleaned = store::clean_leftovers(out);
        for (name, bytes) in [
            ("experiment.ron", self.text.as_bytes()),
            ("base.ron", store::base_ron(&self.base).as_bytes()),
        ] {
            outdir::write_atomic(&out.join(name), bytes)
                .map_err(|e| Error::io(format!("cannot write {name}"), out.join(name), e))?;
        }
        Ok(cleaned)
    }

    /// What differs between the experiment recorded in a sweep folder and this one, with
    /// the base scenario's changed fields (from the folder's `base.ron`) instead of its
    /// hash.
    fn changes_against(&self, dir: &Path, m: &serde_json::Value) -> Vec<String> {
        let mut changes = store::what_changed(&m["identity"], &self.plan.identity);
        let old_base = std::fs::read_to_string(dir.join("base.ron"))
            .ok()
            .and_then(|t| scenario::parse(&t, "base.ron").ok());
        if let Some(old) = old_base {
            let fields = store::scenario_changes(&old, &self.base, 5);
            if !fields.is_empty() {
                changes.retain(|c| !c.starts_with("base_scenario_sha256"));
                changes.push(format!("in the base scenario, {}", fields.join(", ")));
            }
        }
        changes
    }

    /// The manifest of a sweep folder: the experiment's identity, progress, and (when
    /// finished) the files with their hashes.
    fn manifest(
        &self,
        out: &Path,
        shard: Option<Shard>,
        status: &str,
        counts: Option<&store::Assembled>,
        files: &[&str],
    ) -> std::io::Result<serde_json::Value> {
        let mut fields = serde_json::json!({
            "experiment_sha256": self.plan.experiment_sha256,
            "identity": self.plan.identity,
            "shard": shard.map(|s| s.to_string()),
            "status": status,
            "runs_in_design": self.plan.runs.len(),
        });
        if let Some(c) = counts {
            fields["runs_finished"] = c.finished.into();
            fields["runs_failed"] = c.failures.len().into();
            fields["runs_missing"] = c.missing.len().into();
        }
        outdir::manifest(Kind::Sweep, &self.experiment.name, out, files, fields)
    }

    /// Writes the table of the planned runs found in `out`, `failures.csv`, the analyses
    /// (when every planned run is there: [`analyse`]) and the manifest with the files'
    /// hashes. Every file is replaced atomically. A `report.html` of an earlier table is
    /// removed, since it would no longer match.
    pub fn finish(
        &self,
        out: &Path,
        shard: Option<Shard>,
        format: Format,
    ) -> Result<Finished, Error> {
        let found = store::assemble(&self.experiment, &self.plan, out, format)
            .map_err(|e| Error::io("cannot write table.csv", out.join("table.csv"), e))?;
        let failures = failures_csv(&found)
            .map_err(|e| Error::io("failures.csv", out.join("failures.csv"), e))?;
        outdir::write_atomic(&out.join("failures.csv"), &failures)
            .map_err(|e| Error::io("cannot write failures.csv", out.join("failures.csv"), e))?;
        let complete = found.missing.is_empty();
        let mut files = vec!["experiment.ron", "base.ron", "table.csv", "failures.csv"];
        if format == Format::Parquet {
            files.push("table.parquet");
        }
        let report = out.join("report.html");
        let report_removed = report.exists() && std::fs::remove_file(&report).is_ok();
        if complete {
            files.extend(
                analyse(&self.experiment, &self.plan, out)
                    .map_err(|e| Error::io("cannot write the analyses", out, e))?,
            );
        }
        let status = if complete { "complete" } else { "partial" };
        self.manifest(out, shard, status, Some(&found), &files)
            .and_then(|m| outdir::write_manifest(out, &m))
            .map_err(|e| Error::io("cannot write manifest.json", out.join("manifest.json"), e))?;
        Ok(Finished {
            dir: out.to_path_buf(),
            found,
            report_removed,
            files,
        })
    }

    /// Merges shard folders into the folder one machine would have made, at `out`. Every
    /// shard must be a sweep folder of this experiment, every planned run must be in one
    /// of them, and `out` may not be, hold or be inside one of them: otherwise nothing is
    /// written. Copies are atomic; then the folder is finished ([`Sweep::finish`]).
    pub fn merge(&self, shards: &[PathBuf], out: &Path, format: Format) -> Result<Merged, Error> {
        let shards_of = self.check_shards(shards, out)?;
        // Find every planned run before writing anything.
        let mut sources: Vec<(&RunSpec, &PathBuf)> = Vec::new();
        let mut missing: Vec<&RunSpec> = Vec::new();
        for spec in &self.plan.runs {
            match shards.iter().find(|d| store::is_done(d, spec)) {
                Some(d) => sources.push((spec, d)),
                None => missing.push(spec),
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_runs(shards, &shards_of, &missing));
        }
        self.open_folder(out, true)?;
        let leftovers_removed = self.prepare_folder(out, None)?;
        for (spec, d) in sources {
            for (from, to) in [
                (store::run_file(d, spec), store::run_file(out, spec)),
                (store::failure_file(d, spec), store::failure_file(out, spec)),
            ] {
                if let Ok(bytes) = std::fs::read(&from) {
                    outdir::write_atomic(&to, &bytes).map_err(|e| {
                        Error::io(format!("cannot copy {}", from.display()), &from, e)
                    })?;
                }
            }
        }
        Ok(Merged {
            leftovers_removed,
            finished: self.finish(out, None, format)?,
        })
    }

    /// Checks the inputs of a merge; returns the shard each folder's manifest records.
    fn check_shards(&self, shards: &[PathBuf], out: &Path) -> Result<Vec<Option<Shard>>, Error> {
        let out_c = canonical(out);
        let mut shards_of = Vec::new();
        for d in shards {
            let c = canonical(d);
            if out_c.starts_with(&c) || c.starts_with(&out_c) {
                return Err(Error::OutIsShard {
                    out: out.to_path_buf(),
                    shard: d.clone(),
                });
            }
            let m = outdir::read_manifest(d)
                .ok()
                .filter(|m| m["kind"] == "sweep")
                .ok_or_else(|| Error::NotASweep { dir: d.clone() })?;
            if m["experiment_sha256"].as_str() != Some(self.plan.experiment_sha256.as_str()) {
                return Err(Error::ShardOfOtherExperiment {
                    dir: d.clone(),
                    file: self.file.clone(),
                    changes: self.changes_against(d, &m),
                });
            }
            shards_of.push(m["shard"].as_str().and_then(|s| Shard::parse(s).ok()));
        }
        Ok(shards_of)
    }

    /// The error of a merge with runs missing, naming for each shard that holds some the
    /// folder given for it.
    fn missing_runs(
        &self,
        shards: &[PathBuf],
        shards_of: &[Option<Shard>],
        missing: &[&RunSpec],
    ) -> Error {
        let n = shards_of.iter().flatten().map(|s| s.n).next();
        let mut ks: Vec<u32> = match n {
            Some(n) => missing.iter().map(|r| store::shard_of(r, n) + 1).collect(),
            None => Vec::new(),
        };
        ks.sort();
        ks.dedup();
        let holders = ks
            .into_iter()
            .map(|k| {
                let s = Shard {
                    k,
                    n: n.expect("shards counted"),
                };
                let dir = shards
                    .iter()
                    .zip(shards_of)
                    .find(|(_, x)| **x == Some(s))
                    .map(|(d, _)| d.clone());
                (s, dir)
            })
            .collect();
        Error::MissingRuns {
            file: self.file.clone(),
            missing: missing.iter().map(|r| r.id.clone()).collect(),
            shards: holders,
        }
    }
}

/// A sweep folder made ready by [`Sweep::start`]: what it holds and what is still to run.
#[derive(Debug)]
pub struct Started<'a> {
    sweep: &'a Sweep,
    /// The folder.
    pub out: PathBuf,
    /// The options it was started with.
    pub options: Options,
    /// Temporary files of killed writes that were removed.
    pub leftovers_removed: usize,
    /// Planned runs of this shard (all planned runs without a shard).
    pub runs_mine: usize,
    /// Run files that were incomplete or damaged: those runs run again.
    pub damaged: usize,
    /// The runs still to run, in plan order.
    pub todo: Vec<RunSpec>,
}

impl Started<'_> {
    /// Runs every run still to run, each into its file, on a pool of
    /// [`Options::threads`]. A run that fails is recorded as a failure and the others go
    /// on; a file that cannot be written stops the sweep ([`Error::RunNotSaved`]). A
    /// cancelled sweep starts no more runs, keeps every finished one and returns
    /// [`Error::Cancelled`]; the folder resumes with [`Options::resume`].
    pub fn execute(&self, progress: OnProgress) -> Result<(), Error> {
        let pool = parallel::pool(self.options.threads)?;
        let (s, out) = (self.sweep, &self.out);
        let burn_ins = super::BurnIns::for_threads(pool.current_num_threads());
        let results = parallel::run_all(&pool, &self.todo, progress, |spec| {
            match store::execute(&s.experiment, &s.base, spec, &burn_ins) {
                Ok(rows) => store::write_run(out, spec, &rows),
                Err(msg) => store::write_failure(out, spec, &msg),
            }
            .map_err(|source| Error::RunNotSaved {
                run: spec.id.clone(),
                source,
            })
        });
        let mut ran = Vec::with_capacity(results.len());
        for r in results {
            ran.push(r.transpose()?);
        }
        parallel::all_or_cancelled(ran).map(|_| ())
    }
}

/// A finished (or, for a shard, partial) sweep folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    /// The folder.
    pub dir: PathBuf,
    /// What the table holds: finished runs, failures, planned runs with no result.
    pub found: store::Assembled,
    /// Whether a `report.html` of an earlier table was removed.
    pub report_removed: bool,
    /// The files the manifest lists.
    pub files: Vec<&'static str>,
}

impl Finished {
    /// Whether every planned run is in the table (the analyses were written).
    pub fn is_complete(&self) -> bool {
        self.found.missing.is_empty()
    }

    /// [`Error::Unfinished`] for an unsharded sweep with runs missing.
    pub fn check_complete(&self, shard: Option<Shard>) -> Result<(), Error> {
        if shard.is_none() && !self.is_complete() {
            return Err(Error::Unfinished {
                dir: self.dir.clone(),
                missing: self.found.missing.len(),
            });
        }
        Ok(())
    }
}

/// A merged sweep folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// Temporary files of killed writes that were removed from the output folder.
    pub leftovers_removed: usize,
    /// The finished folder.
    pub finished: Finished,
}

/// The bytes of `failures.csv`: `run_id, seed, error`, in run-id order.
fn failures_csv(found: &store::Assembled) -> std::io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut write = || -> Result<(), csv::Error> {
        w.write_record(["run_id", "seed", "error"])?;
        for v in &found.failures {
            w.write_record([
                v["run_id"].as_str().unwrap_or(""),
                &v["seed"].to_string(),
                v["error"].as_str().unwrap_or(""),
            ])?;
        }
        w.flush()?;
        Ok(())
    };
    write().map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(w.get_ref().clone())
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

/// The analyses of a complete sweep folder: how the confidence interval of each point's
/// mean narrows with more replications (`convergence.csv`, final year, city) and, for
/// Morris designs, mu* and sigma per factor and indicator (`morris.csv`). Returns the
/// files written.
pub fn analyse(e: &Experiment, plan: &Plan, out: &Path) -> std::io::Result<Vec<&'static str>> {
    let by_point = final_year_city_by_point(e, plan, out);
    write_csv(
        &out.join("convergence.csv"),
        &convergence(e, plan, &by_point),
    )?;
    let mut files = vec!["convergence.csv"];
    if matches!(e.design, Design::Morris { .. }) {
        write_csv(&out.join("morris.csv"), &morris(e, plan, &by_point))?;
        files.push("morris.csv");
    }
    Ok(files)
}

/// (point, indicator) -> (replicate, final-year city value) of every finished run.
type ByPoint = BTreeMap<(usize, String), Vec<(u32, f64)>>;

fn final_year_city_by_point(e: &Experiment, plan: &Plan, out: &Path) -> ByPoint {
    let mut by_point = ByPoint::new();
    for spec in &plan.runs {
        if let Some(vals) = store::final_year_city(out, spec, e.factors.len()) {
            for (ind, v) in vals {
                by_point
                    .entry((spec.point, ind))
                    .or_default()
                    .push((spec.replicate, v));
            }
        }
    }
    for vals in by_point.values_mut() {
        vals.sort_by_key(|v| v.0);
    }
    by_point
}

/// The rows of `convergence.csv`: per point and indicator, the mean and the 95%
/// half-width after 2, 3, ... replications.
fn convergence(e: &Experiment, plan: &Plan, by_point: &ByPoint) -> Vec<Vec<String>> {
    let mut conv = Vec::new();
    let mut header = vec!["point".to_string()];
    header.extend(e.factors.iter().map(|f| f.path.clone()));
    header.extend(["indicator", "replications", "mean", "ci95_half_width"].map(String::from));
    conv.push(header);
    for ((pi, ind), vals) in by_point {
        let ys: Vec<f64> = vals.iter().map(|v| v.1).collect();
        for n in 2..=ys.len() {
            let s = stats::summary(&ys[..n]);
            let mut rec = vec![pi.to_string()];
            rec.extend(plan.points[*pi].iter().map(|v| v.to_string()));
            rec.extend([
                ind.clone(),
                n.to_string(),
                format!("{:.6}", s.mean),
                format!("{:.6}", s.ci95),
            ]);
            conv.push(rec);
        }
    }
    conv
}

/// The rows of `morris.csv`: per indicator and factor, mu* and sigma of the elementary
/// effects on the points' means over replicates.
fn morris(e: &Experiment, plan: &Plan, by_point: &ByPoint) -> Vec<Vec<String>> {
    let points = &plan.points;
    // A point the design visits twice is one run: look it up by its values.
    let key = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
    let first_index: BTreeMap<Vec<u64>, usize> = points
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (key(p), i))
        .collect();
    let mut rows = vec![
        ["factor", "indicator", "mu_star", "sigma", "effects"]
            .map(String::from)
            .to_vec(),
    ];
    let indicators: std::collections::BTreeSet<&String> = by_point.keys().map(|(_, i)| i).collect();
    for ind in indicators {
        // Mean over replicates of each point's output; NaN where no replicate finished,
        // which removes only the effects that need that point.
        let y: Vec<f64> = points
            .iter()
            .map(|p| first_index[&key(p)])
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
    rows
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
