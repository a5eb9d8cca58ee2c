//! The `wijksim` binary: parse arguments, run a command, map errors to exit codes
//! (0 success, 1 failure, 2 bad input).

use clap::Parser;

fn main() {
    let cli = wijksim::cli::Cli::parse();
    if let Err(e) = wijksim::cli::dispatch(cli) {
        eprintln!("{e}");
        std::process::exit(e.exit_code());
    }
}
