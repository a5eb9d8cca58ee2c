//! The command line: argument types (clap) and one file per subcommand. This is the only
//! layer besides `main.rs` that talks to the terminal. It parses arguments, calls the
//! library (`experiment`, `report`, `model`) and prints: it holds no threads, no
//! statistics and no experiment logic.

pub mod compare;
pub mod report;
pub mod run;
pub mod sweep;
pub mod validate;
pub mod workshop;

use crate::experiment::{Control, Progress};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

/// wijksim: simulate a neighbourhood economy with euros and a social coin.
#[derive(Parser, Debug)]
#[command(name = "wijksim", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run a scenario (the built-in baseline when none is given) and write its output folder.
    Run(run::RunArgs),
    /// Compare two scenarios over replications with common random numbers.
    Compare(compare::CompareArgs),
    /// Run a parameter sweep from an experiment file (resumable, shardable).
    Sweep(sweep::SweepArgs),
    /// Merge the folders of a sharded sweep into one table.
    Merge(sweep::MergeArgs),
    /// Write report.html (self-contained, inline SVG) for a run, compare or sweep folder.
    Report(report::ReportArgs),
    /// Serve the live workshop page (127.0.0.1:8080 by default).
    Workshop(workshop::WorkshopArgs),
    /// Check scenario files and report every problem with its line and column.
    Validate {
        /// Scenario files (RON).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

/// An error that ends a command, with its exit code.
#[derive(Debug)]
pub enum CliError {
    /// Bad input (a scenario file, an argument): exit code 2.
    Input(String),
    /// Anything else that went wrong (writing output): exit code 1.
    Failure(String),
}

impl CliError {
    /// The process exit code.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Input(_) => 2,
            CliError::Failure(_) => 1,
        }
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Input(m) | CliError::Failure(m) => f.write_str(m),
        }
    }
}

/// An experiment's error keeps its message; bad input exits with 2, the rest with 1.
impl From<crate::experiment::Error> for CliError {
    fn from(e: crate::experiment::Error) -> CliError {
        if e.is_input() {
            CliError::Input(e.to_string())
        } else {
            CliError::Failure(e.to_string())
        }
    }
}

/// A progress bar of `len` runs with an ETA, hidden when stderr is not a terminal.
pub fn progress_bar(len: u64) -> indicatif::ProgressBar {
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

/// A progress callback that moves `bar` and never cancels. Without a terminal (a SLURM
/// log, a pipe) the bar is hidden and a plain line goes to stderr at every tenth of the
/// runs instead: `progress: 40/400 runs (10%), 12 s`.
pub fn show_on(bar: &indicatif::ProgressBar) -> impl Fn(Progress) -> Control + Sync + '_ {
    let plain = bar.is_hidden();
    let started = std::time::Instant::now();
    let printed = std::sync::atomic::AtomicU64::new(0);
    move |p| {
        bar.set_position(p.runs_done);
        let tenth = p.runs_done * 10 / p.runs_total.max(1);
        let before = printed.fetch_max(tenth, std::sync::atomic::Ordering::Relaxed);
        if plain && tenth > before {
            eprintln!(
                "progress: {}/{} runs ({}%), {} s",
                p.runs_done,
                p.runs_total,
                p.runs_done * 100 / p.runs_total.max(1),
                started.elapsed().as_secs()
            );
        }
        Control::Continue
    }
}

/// Runs a parsed command line.
pub fn dispatch(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Run(args) => run::run(args),
        Command::Compare(args) => compare::compare(args),
        Command::Sweep(args) => sweep::sweep(args),
        Command::Merge(args) => sweep::merge(args),
        Command::Report(args) => report::report(&args.dir, args.lang),
        Command::Workshop(args) => workshop::workshop(args),
        Command::Validate { files } => validate::validate(&files),
    }
}
