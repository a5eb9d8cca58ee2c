//! The `wijksim` binary: parse arguments, run a command, map errors to exit codes
//! (0 success, 1 failure, 2 bad input).

use clap::Parser;

fn main() {
    let cli = wijksim::cli::Cli::parse();
    // A panic is a bug (its message names the seed that reproduces it); it exits with 1
    // like every other failure that is not bad input.
    match std::panic::catch_unwind(|| wijksim::cli::dispatch(cli)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            eprintln!("{e}");
            std::process::exit(e.exit_code());
        }
        Err(_) => std::process::exit(1),
    }
}
