//! Why an experiment call stopped: one enum, a variant per rejection, in the order the
//! calls check them. [`Error::is_input`] says whose fault it is (the caller's input, or
//! the machine); `Display` is the message the command line prints, `error: ...` then a
//! `hint:` line where there is one, so that every caller shows the same words. A binding
//! (Python) may word its own message from the fields.

use super::sweep::Shard;
use crate::report::outdir::Refusal;
use crate::scenario::Diagnostics;
use crate::scenario::validate::Problem;
use std::fmt;
use std::io;
use std::path::PathBuf;

/// Why a compare, a sweep or a merge stopped.
#[derive(Debug)]
pub enum Error {
    /// A scenario or experiment file that cannot be read, parsed or validated: every
    /// problem with its file, line and column.
    File(Diagnostics),
    /// A scenario given as data that does not validate.
    InvalidScenario {
        /// Which scenario: "the base scenario", "the changed scenario".
        role: &'static str,
        /// Its name.
        name: String,
        /// What is wrong, field by field.
        problems: Vec<Problem>,
    },
    /// A factor path that names no field of the base scenario.
    UnknownFactor {
        /// The experiment file as the user named it.
        file: String,
        /// Index of the factor in `factors`.
        index: usize,
        /// Which part of the path does not exist, with a suggestion.
        message: String,
    },
    /// Factors under a section that is switched off in the base scenario (and is not
    /// itself a factor): every point would run the same.
    InertFactors {
        /// The experiment file as the user named it.
        file: String,
        /// Each inert factor.
        factors: Vec<InertFactor>,
    },
    /// The design cannot be planned (a factor that is not a number or a switch).
    Plan {
        /// The experiment file as the user named it.
        file: String,
        /// Why.
        message: String,
    },
    /// A comparison of fewer than 2 replications: no confidence interval.
    TooFewRuns {
        /// The replications asked for.
        runs: u32,
    },
    /// A discount rate or horizon of the cost-benefit analysis that is out of range.
    BadMkba {
        /// What is wrong and what is allowed.
        message: String,
        /// What to do instead.
        hint: String,
    },
    /// A parameter range of `--uncertain` (or a built-in one) that cannot be drawn: an
    /// unknown path, an empty range, an end the validation refuses, or a parameter the two
    /// scenarios set differently. The message carries its own hint.
    BadUncertainty(String),
    /// Zero worker threads asked for.
    NoThreads,
    /// The thread pool could not start.
    Threads(String),
    /// A shard that is not `K/N` with 1 <= K <= N.
    BadShard {
        /// The shard as given.
        text: String,
    },
    /// An output folder that may not be written (not ours, a file, a link, ...).
    Refused(Refusal),
    /// A sweep folder that holds a sweep of another experiment.
    OtherExperiment {
        /// The folder.
        dir: PathBuf,
        /// What changed, as `field: old -> new` phrases (empty: only the file).
        changes: Vec<String>,
    },
    /// A sweep folder that already holds runs, without `resume`.
    AlreadyStarted {
        /// The folder.
        dir: PathBuf,
    },
    /// A merge whose output folder is, holds or is inside one of its shards.
    OutIsShard {
        /// The output folder.
        out: PathBuf,
        /// The shard folder.
        shard: PathBuf,
    },
    /// A merge input that is not a sweep folder.
    NotASweep {
        /// The folder.
        dir: PathBuf,
    },
    /// A merge input that holds a sweep of another experiment.
    ShardOfOtherExperiment {
        /// The shard folder.
        dir: PathBuf,
        /// The experiment file of the merge.
        file: String,
        /// What differs, as `field: old -> new` phrases (empty: only the file).
        changes: Vec<String>,
    },
    /// A merge with planned runs that are in none of the shard folders; nothing is
    /// written.
    MissingRuns {
        /// The experiment file as the user named it.
        file: String,
        /// Ids of the missing runs, in plan order.
        missing: Vec<String>,
        /// For sharded inputs: each shard that holds missing runs, with its folder among
        /// the inputs (if given). Empty when the inputs carry no shard count.
        shards: Vec<(Shard, Option<PathBuf>)>,
    },
    /// A sweep that ended with planned runs that have no result in its folder.
    Unfinished {
        /// The folder.
        dir: PathBuf,
        /// How many runs have no result.
        missing: usize,
    },
    /// A file or folder could not be read or written.
    Io {
        /// What was being done, naming what: "cannot write manifest.json".
        what: String,
        /// The file or folder concerned.
        path: PathBuf,
        /// The system's reason.
        source: io::Error,
    },
    /// A run's result could not be written to its file.
    RunNotSaved {
        /// The run's id.
        run: String,
        /// The system's reason.
        source: io::Error,
    },
    /// The progress callback cancelled the call. A sweep keeps every finished run file
    /// and leaves a folder that `resume` continues; a compare returns nothing.
    Cancelled {
        /// Runs finished when the call stopped.
        runs_done: u64,
        /// Runs the call would have run.
        runs_total: u64,
    },
}

/// A factor that would do nothing: the `enabled` switch of its section is off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InertFactor {
    /// Index of the factor in `factors`.
    pub index: usize,
    /// Its path.
    pub path: String,
    /// The switch that is off, e.g. `levers.buy_local.enabled`.
    pub switch: String,
}

impl Error {
    /// Whether the caller's input is at fault (a file, an argument, a folder that may not
    /// be used: exit code 2 on the command line), rather than the machine or an
    /// interruption (exit code 1).
    pub fn is_input(&self) -> bool {
        !matches!(
            self,
            Error::Threads(_)
                | Error::MissingRuns { .. }
                | Error::Unfinished { .. }
                | Error::Io { .. }
                | Error::RunNotSaved { .. }
                | Error::Cancelled { .. }
        )
    }

    /// An [`Error::Io`] doing `what` on `path`.
    pub(crate) fn io(
        what: impl Into<String>,
        path: impl Into<PathBuf>,
        source: io::Error,
    ) -> Error {
        Error::Io {
            what: what.into(),
            path: path.into(),
            source,
        }
    }
}

/// `changes` joined with "; ", or "the experiment file" when nothing else differs.
fn changes_text(changes: &[String]) -> String {
    if changes.is_empty() {
        "the experiment file".to_string()
    } else {
        changes.join("; ")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::File(d) => write!(f, "{d}"),
            Error::InvalidScenario {
                role,
                name,
                problems,
            } => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| {
                        let hint = p.hint.as_ref().map(|h| format!("\n  hint: {h}"));
                        format!(
                            "error: {role} \"{name}\": `{}` {}{}",
                            p.path,
                            p.message,
                            hint.unwrap_or_default()
                        )
                    })
                    .collect();
                f.write_str(&lines.join("\n"))
            }
            Error::UnknownFactor {
                file,
                index,
                message,
            } => write!(f, "{file}: error: `factors[{index}].path`: {message}"),
            Error::InertFactors { file, factors } => {
                let lines: Vec<String> = factors
                    .iter()
                    .map(|x| {
                        format!(
                            "{file}: error: `factors[{}].path` is `{}`, but `{}` is off in the base scenario, so every point would run the same\n  hint: switch it on in the base scenario, or add `{}` as a factor",
                            x.index, x.path, x.switch, x.switch
                        )
                    })
                    .collect();
                f.write_str(&lines.join("\n"))
            }
            Error::Plan { file, message } => write!(f, "{file}: error: {message}"),
            Error::TooFewRuns { .. } => f.write_str(
                "error: --runs is below 2\n  hint: a confidence interval needs at least 2 replications; 20 or more is usual",
            ),
            Error::BadMkba { message, hint } => write!(f, "error: {message}\n  hint: {hint}"),
            Error::BadUncertainty(m) => write!(f, "error: --uncertain {m}"),
            Error::NoThreads => f.write_str("error: --threads is 0\n  hint: at least 1"),
            Error::Threads(e) => write!(f, "error: cannot start threads: {e}"),
            Error::BadShard { text } => write!(
                f,
                "error: --shard is \"{text}\"\n  hint: write K/N with 1 <= K <= N, e.g. 2/8"
            ),
            Error::Refused(r) => write!(f, "{r}"),
            Error::OtherExperiment { dir, changes } => write!(
                f,
                "error: {} holds a sweep of a different experiment; what changed: {}\n  hint: runs of another experiment are never mixed in: choose another --out, or move that folder away",
                dir.display(),
                changes_text(changes)
            ),
            Error::AlreadyStarted { dir } => write!(
                f,
                "error: {} already holds runs of this sweep\n  hint: add --resume to continue it, or choose another --out",
                dir.display()
            ),
            Error::OutIsShard { out, shard } => write!(
                f,
                "error: --out {} is, holds or is inside the shard folder {}\n  hint: merge into a folder of its own, e.g. --out {}-merged",
                out.display(),
                shard.display(),
                shard.display()
            ),
            Error::NotASweep { dir } => write!(
                f,
                "error: {} is not a sweep folder (no sweep manifest.json)\n  hint: give the --out folders of `wijksim sweep --shard K/N`",
                dir.display()
            ),
            Error::ShardOfOtherExperiment { dir, file, changes } => write!(
                f,
                "error: {} holds a sweep of a different experiment than {file}; what differs: {}\n  hint: merge with the experiment file the shards ran",
                dir.display(),
                changes_text(changes)
            ),
            Error::MissingRuns {
                file,
                missing,
                shards,
            } => missing_runs(f, file, missing, shards),
            Error::Unfinished { dir, missing } => write!(
                f,
                "error: {missing} planned runs have no result in {}",
                dir.display()
            ),
            Error::Io { what, source, .. } => write!(f, "error: {what}: {source}"),
            Error::RunNotSaved { run, source } => {
                write!(f, "error: cannot write results: run {run}: {source}")
            }
            Error::Cancelled {
                runs_done,
                runs_total,
            } => write!(
                f,
                "error: cancelled after {runs_done} of {runs_total} runs\n  hint: a sweep continues with --resume; its finished runs are kept"
            ),
        }
    }
}

/// The message of a merge with runs missing: how many, which (the first few ids), and the
/// commands that run them.
fn missing_runs(
    f: &mut fmt::Formatter<'_>,
    file: &str,
    missing: &[String],
    shards: &[(Shard, Option<PathBuf>)],
) -> fmt::Result {
    let ids: Vec<&str> = missing.iter().take(10).map(String::as_str).collect();
    write!(
        f,
        "error: {} planned runs are in none of the shard folders: {}{}",
        missing.len(),
        ids.join(", "),
        if missing.len() > ids.len() {
            ", ..."
        } else {
            ""
        }
    )?;
    if shards.is_empty() {
        return write!(
            f,
            "\n  hint: run them with `wijksim sweep {file} --resume --out FOLDER`, then merge again"
        );
    }
    f.write_str("\n  hint: run the missing runs, then merge again:")?;
    for (s, dir) in shards {
        let dir = dir
            .as_ref()
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| format!("SHARD{}_FOLDER", s.k));
        write!(
            f,
            "\n    wijksim sweep {file} --shard {s} --resume --out {dir}"
        )?;
    }
    Ok(())
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::File(d) => Some(d),
            Error::Io { source, .. } | Error::RunNotSaved { source, .. } => Some(source),
            _ => None,
        }
    }
}
