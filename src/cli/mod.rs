//! The command line: argument types (clap) and one file per subcommand. This is the only
//! layer besides `main.rs` that talks to the terminal.

pub mod compare;
pub mod report;
pub mod run;
pub mod sweep;
pub mod validate;
pub mod workshop;

use clap::{Parser, Subcommand};
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
