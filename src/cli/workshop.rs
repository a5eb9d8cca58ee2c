//! `wijksim workshop [SCENARIO] [--bind ADDR] [--port N] [--workers N] [--queue N]
//! [--connections N]`: the live page for a room; `wijksim workshop --replay LOG.json`: a
//! session's results again, from its log.

use super::CliError;
use super::run::load_scenario;
use crate::workshop;
use crate::workshop::server::{self, Config, Server};
use clap::Args;
use std::path::PathBuf;

/// Arguments of `wijksim workshop`.
#[derive(Args, Debug)]
pub struct WorkshopArgs {
    /// Scenario file (default: the built-in baseline); at most 20,000 residents.
    pub scenario: Option<PathBuf>,
    /// Address to listen on; use 0.0.0.0 to share the page with the room's network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Port (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Threads that run simulations (default: one per core). The page never waits for them.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=256))]
    pub workers: Option<u64>,
    /// Simulation requests that may wait for a worker; beyond that the answer is 503 with
    /// Retry-After. Each client (IP address) may have 2 queued or running.
    #[arg(long, default_value_t = server::DEFAULT_QUEUE as u64, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    pub queue: u64,
    /// Connections served at once; more wait to be accepted.
    #[arg(long, default_value_t = server::DEFAULT_CONNECTIONS as u64, value_parser = clap::value_parser!(u64).range(1..=65_536))]
    pub connections: u64,
    /// Replays a session's log (the projector's "export log") and prints its results
    /// table, the same bytes as the session's "export CSV"; serves nothing.
    #[arg(long, value_name = "LOG.json")]
    pub replay: Option<PathBuf>,
}

/// Serves the workshop page until the process is stopped.
pub fn workshop(args: WorkshopArgs) -> Result<(), CliError> {
    if let Some(path) = &args.replay {
        return replay(path);
    }
    let s = load_scenario(args.scenario.as_deref(), None, None, &[])?;
    if s.resident_count() > workshop::MAX_RESIDENTS {
        return Err(CliError::Input(format!(
            "error: the scenario has {} residents, more than the workshop's {}\n  hint: a live page must answer within a second; use a smaller scenario (e.g. the baseline)",
            s.resident_count(),
            workshop::MAX_RESIDENTS
        )));
    }
    let mut config = Config::for_this_machine();
    if let Some(w) = args.workers {
        config.workers = w as usize;
    }
    config.queue = args.queue as usize;
    config.connections = args.connections as usize;
    // An IPv6 address needs brackets before its port.
    let addr = if args.bind.contains(':') && !args.bind.starts_with('[') {
        format!("[{}]:{}", args.bind, args.port)
    } else {
        format!("{}:{}", args.bind, args.port)
    };
    let server = Server::bind(&addr, s, config).map_err(|e| {
        CliError::Input(format!(
            "error: cannot listen on {addr}: {e}\n  hint: another program may use the port; try `--port 0` for a free one"
        ))
    })?;
    let local = server.local_addr().map_err(|e| {
        CliError::Failure(format!("error: the listening socket has no address: {e}"))
    })?;
    println!("workshop: open http://{local}/ in a browser (Ctrl-C stops)");
    server
        .run()
        .map_err(|e| CliError::Failure(format!("error: the workshop server stopped: {e}")))
}

/// `--replay LOG.json`: the session's results table on standard output.
fn replay(path: &std::path::Path) -> Result<(), CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("error: cannot read {}: {e}", path.display())))?;
    let log: workshop::session::Log = serde_json::from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "error: {}:{}:{}: not a session log: {e}\n  hint: export the log from the projector page (\"export log\")",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    let replayed = workshop::session::replay(&log, &crate::experiment::BurnIns::new(1))
        .map_err(|e| CliError::Input(format!("error: {}: {e}", path.display())))?;
    print!("{}", workshop::session::fares_csv(&replayed.fares));
    Ok(())
}
