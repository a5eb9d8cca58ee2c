//! `wijksim workshop [SCENARIO] [--bind ADDR] [--port N]`: the live page for a room.

use super::CliError;
use super::run::load_scenario;
use crate::workshop;
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
}

/// Serves the workshop page until the process is stopped.
pub fn workshop(args: WorkshopArgs) -> Result<(), CliError> {
    let s = load_scenario(args.scenario.as_deref(), None, None)?;
    if s.resident_count() > workshop::MAX_RESIDENTS {
        return Err(CliError::Input(format!(
            "error: the scenario has {} residents, more than the workshop's {}\n  hint: a live page must answer within a second; use a smaller scenario (e.g. the baseline)",
            s.resident_count(),
            workshop::MAX_RESIDENTS
        )));
    }
    let server = tiny_http::Server::http(format!("{}:{}", args.bind, args.port)).map_err(|e| {
        CliError::Input(format!(
            "error: cannot listen on {}:{}: {e}",
            args.bind, args.port
        ))
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("workshop: open http://{addr}/ in a browser (Ctrl-C stops)");
    for request in server.incoming_requests() {
        let (status, content_type, body) =
            workshop::handle(&s, request.method().as_str(), request.url());
        let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], content_type.as_bytes())
            .expect("valid header");
        let nosniff =
            tiny_http::Header::from_bytes(&b"X-Content-Type-Options"[..], &b"nosniff"[..])
                .expect("valid header");
        let response = tiny_http::Response::from_data(body)
            .with_status_code(status)
            .with_header(header)
            .with_header(nosniff);
        let _ = request.respond(response);
    }
    Ok(())
}
