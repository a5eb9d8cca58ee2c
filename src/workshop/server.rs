//! The workshop on the network: hyper's HTTP/1 connections, axum's router and a small tokio
//! runtime around the pure [`super::route`].
//!
//! Threads are fixed at start: the caller's thread runs the accept loop, [`IO_THREADS`]
//! threads run every connection (the page, the status route, waiting requests: all
//! asynchronous, none blocks), and at most `workers` threads run simulations. A simulation
//! is admitted only while fewer than `workers + queue` are queued or running and its client
//! has fewer than `per_client` of them ([`Admission`]); otherwise the answer is 503 with
//! `Retry-After` at once. An admitted simulation waits for a worker permit without holding a
//! thread, then runs on tokio's blocking pool (capped at `workers` threads) and keeps its
//! permit until it ends, even when its client has gone, so at most `workers` simulations
//! ever run at once. A connection is accepted only with a permit of `connections`, held
//! until it closes: past the cap, new connections wait in the kernel's backlog and cost the
//! process nothing. hyper closes a connection whose request head does not arrive within
//! [`HEADER_READ_TIMEOUT`], also between requests of a kept-alive connection.
//!
//! *Architecture invariant*: nothing here reads or writes a file or prints; answers come
//! from [`super::route`] and [`super::simulation_answer`], which see only the scenario
//! loaded at start.

use super::{Route, SECURITY_HEADERS, cache_control, json_error};
use crate::scenario::Scenario;
use axum::Router;
use axum::body::Body;
use axum::extract::{Extension, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, Uri, header};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Threads that serve connections (the page, the API, waiting requests).
pub const IO_THREADS: usize = 2;
/// Simulations one client (IP address) may have queued or running at once.
pub const MAX_SIMULATIONS_PER_CLIENT: usize = 2;
/// Connections served at once, by default.
pub const DEFAULT_CONNECTIONS: usize = 256;
/// Simulations that may wait for a worker, by default.
pub const DEFAULT_QUEUE: usize = 32;
/// A client that has not sent its whole request head after this long is disconnected.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// What a busy answer tells the client to wait, in seconds.
pub const RETRY_AFTER_S: u64 = 1;
/// Largest request head (request line and headers) read, in bytes; larger gets 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// How much the server takes on.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Threads that run simulations.
    pub workers: usize,
    /// Simulations that may wait for a worker.
    pub queue: usize,
    /// Connections served at once.
    pub connections: usize,
    /// Simulations one client may have queued or running.
    pub per_client: usize,
}

impl Config {
    /// One worker per core, the default queue, connection cap and per-client limit.
    pub fn for_this_machine() -> Config {
        Config {
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
            queue: DEFAULT_QUEUE,
            connections: DEFAULT_CONNECTIONS,
            per_client: MAX_SIMULATIONS_PER_CLIENT,
        }
    }
}

/// The server's load, as `/api/status` reports it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Load {
    /// Threads that run simulations.
    pub workers: usize,
    /// Simulations that may wait for a worker.
    pub queue: usize,
    /// Simulations one client may have queued or running.
    pub per_client: usize,
    /// Simulations running now.
    pub running: usize,
    /// Simulations admitted and not yet running (a snapshot, read without stopping the
    /// workers).
    pub waiting: usize,
    /// Most simulations seen queued or running at once since start (at most `workers +
    /// queue`).
    pub admitted_max: usize,
    /// Most simulations seen running at once since start.
    pub running_max: usize,
    /// Connections open now.
    pub connections: usize,
    /// Connections served at once, at most.
    pub connections_max: usize,
    /// Simulation requests answered 503 since start.
    pub busy_answers: usize,
}

/// Why a simulation was not admitted, in the order the checks run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Busy {
    /// This client already has its share of simulations queued or running.
    ClientHasItsShare,
    /// Every worker is busy and the queue is full.
    QueueIsFull,
}

/// Which simulations may be queued or running: at most `capacity` in all, at most
/// `per_client` for one client. Pure bookkeeping, no locking, no threads.
#[derive(Debug)]
pub struct Admission {
    capacity: usize,
    per_client: usize,
    total: usize,
    total_max: usize,
    by_client: HashMap<IpAddr, usize>,
}

impl Admission {
    /// Nothing admitted yet.
    pub fn new(capacity: usize, per_client: usize) -> Admission {
        Admission {
            capacity,
            per_client,
            total: 0,
            total_max: 0,
            by_client: HashMap::new(),
        }
    }

    /// Admits one simulation for `client`, or says why not.
    pub fn admit(&mut self, client: IpAddr) -> Result<(), Busy> {
        let mine = self.by_client.get(&client).copied().unwrap_or(0);
        if mine >= self.per_client {
            return Err(Busy::ClientHasItsShare);
        }
        if self.total >= self.capacity {
            return Err(Busy::QueueIsFull);
        }
        self.total += 1;
        self.total_max = self.total_max.max(self.total);
        self.by_client.insert(client, mine + 1);
        Ok(())
    }

    /// One admitted simulation of `client` has ended (answered, failed or abandoned).
    pub fn release(&mut self, client: IpAddr) {
        if let Some(n) = self.by_client.get_mut(&client) {
            *n -= 1;
            self.total -= 1;
            if *n == 0 {
                self.by_client.remove(&client);
            }
        }
    }

    /// Simulations queued or running.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Most simulations queued or running at once so far.
    pub fn total_max(&self) -> usize {
        self.total_max
    }
}

struct App {
    library: super::library::Library,
    /// The burn-ins of the settings simulated so far (`super::BURN_INS_KEPT` at most).
    burn_ins: crate::experiment::BurnIns,
    config: Config,
    admission: Mutex<Admission>,
    workers: Arc<Semaphore>,
    running: AtomicUsize,
    running_max: AtomicUsize,
    connections: AtomicUsize,
    busy_answers: AtomicUsize,
    /// The room's session, if one was started.
    session: Mutex<Option<super::session::Live>>,
}

impl App {
    fn load(&self) -> Load {
        let (admitted, admitted_max) = {
            let a = self
                .admission
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            (a.total(), a.total_max())
        };
        let running = self.running.load(Ordering::SeqCst);
        Load {
            workers: self.config.workers,
            queue: self.config.queue,
            per_client: self.config.per_client,
            running,
            waiting: admitted.saturating_sub(running),
            admitted_max,
            running_max: self.running_max.load(Ordering::SeqCst),
            connections: self.connections.load(Ordering::SeqCst),
            connections_max: self.config.connections,
            busy_answers: self.busy_answers.load(Ordering::SeqCst),
        }
    }
}

/// An admitted simulation; dropping it gives its place back.
struct Ticket {
    app: Arc<App>,
    client: IpAddr,
}

impl Ticket {
    fn admit(app: &Arc<App>, client: IpAddr) -> Result<Ticket, Busy> {
        app.admission
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .admit(client)?;
        Ok(Ticket {
            app: Arc::clone(app),
            client,
        })
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.app
            .admission
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .release(self.client);
    }
}

/// Counts a simulation as running while it lives (also when the simulation panics).
struct Running<'a>(&'a App);

impl<'a> Running<'a> {
    fn start(app: &'a App) -> Running<'a> {
        let now = app.running.fetch_add(1, Ordering::SeqCst) + 1;
        app.running_max.fetch_max(now, Ordering::SeqCst);
        Running(app)
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts an open connection while it lives.
struct Connection(Arc<App>);

impl Drop for Connection {
    fn drop(&mut self) {
        self.0.connections.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The peer address of a request's connection.
#[derive(Clone, Copy, Debug)]
struct Client(IpAddr);

/// A bound, not yet serving workshop server.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: std::net::TcpListener,
    app: Arc<App>,
}

impl Server {
    /// Listens on `addr` (e.g. `127.0.0.1:8080`; port 0 picks a free one).
    pub fn bind(addr: &str, base: Scenario, config: Config) -> std::io::Result<Server> {
        let workers = config.workers.max(1);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(IO_THREADS)
            .max_blocking_threads(workers)
            .thread_name("workshop")
            .enable_io()
            .enable_time()
            .build()?;
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let app = Arc::new(App {
            library: super::library::Library::new(base),
            burn_ins: crate::experiment::BurnIns::new(super::BURN_INS_KEPT),
            admission: Mutex::new(Admission::new(
                workers + config.queue,
                config.per_client.max(1),
            )),
            workers: Arc::new(Semaphore::new(workers)),
            running: AtomicUsize::new(0),
            running_max: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            busy_answers: AtomicUsize::new(0),
            session: Mutex::new(None),
            config: Config { workers, ..config },
        });
        Ok(Server {
            runtime,
            listener,
            app,
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until the process is stopped.
    pub fn run(self) -> std::io::Result<()> {
        let Server {
            runtime,
            listener,
            app,
        } = self;
        runtime.block_on(accept_loop(listener, app))
    }
}

async fn accept_loop(listener: std::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let router = Router::new()
        .fallback(answer)
        .with_state(Arc::clone(&app))
        .layer(axum::middleware::map_response(security_headers));
    let slots = Arc::new(Semaphore::new(app.config.connections.max(1)));
    loop {
        let slot = Arc::clone(&slots)
            .acquire_owned()
            .await
            .expect("the connection semaphore is never closed");
        let (stream, peer) = match listener.accept().await {
            Ok(c) => c,
            Err(_) => {
                // Out of file descriptors, or a connection reset before it was accepted:
                // wait a little rather than spin, and go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        app.connections.fetch_add(1, Ordering::SeqCst);
        let open = Connection(Arc::clone(&app));
        let router = router.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let _open = open;
            let service = hyper::service::service_fn(move |mut request| {
                request.extensions_mut().insert(Client(peer.ip()));
                tower::Service::call(&mut router.clone(), request)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(MAX_HEAD_BYTES)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn security_headers(mut response: axum::response::Response) -> axum::response::Response {
    for (name, value) in SECURITY_HEADERS {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    response
}

fn reply((status, content_type, body): super::Response) -> axum::response::Response {
    let mut r = axum::response::Response::new(Body::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = r.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(status, content_type)),
    );
    r
}

fn busy(app: &App, why: Busy) -> axum::response::Response {
    app.busy_answers.fetch_add(1, Ordering::SeqCst);
    let message = match why {
        Busy::ClientHasItsShare => format!(
            "busy: this client already has {} simulations queued or running; wait for their answers, then ask again",
            app.config.per_client
        ),
        Busy::QueueIsFull => format!(
            "busy: all {} workers are simulating and {} requests wait; try again in {RETRY_AFTER_S} s",
            app.config.workers, app.config.queue
        ),
    };
    let body = serde_json::json!({"error": message, "retry_after_s": RETRY_AFTER_S});
    let mut r = reply((
        503,
        "application/json",
        serde_json::to_vec(&body).expect("json"),
    ));
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_S));
    r
}

/// The header every POST must carry. A page of another site cannot send it without the
/// browser asking first (a CORS preflight, which this server never allows), so a page
/// elsewhere cannot join, choose or play rounds on a room's behalf.
pub const POST_HEADER: &str = "x-wijksim";

async fn answer(
    State(app): State<Arc<App>>,
    Extension(Client(client)): Extension<Client>,
    method: Method,
    headers: axum::http::HeaderMap,
    uri: Uri,
) -> axum::response::Response {
    let url = uri.path_and_query().map_or("/", |p| p.as_str());
    if method == Method::POST && !headers.contains_key(POST_HEADER) {
        return reply(json_error(
            403,
            "a POST must carry the header `x-wijksim: 1` (the workshop's pages send it)",
        ));
    }
    match super::route(method.as_str(), url) {
        Route::Answer(a) => reply(a),
        Route::Catalogue => reply(super::json_answer(&app.library.catalogue())),
        Route::Status => reply((
            200,
            "application/json",
            serde_json::to_vec(&app.load()).expect("json"),
        )),
        Route::Simulate(knobs) => {
            let done = on_a_worker(&app, client, move |app| {
                super::simulation_answer(&app.library, &knobs, &app.burn_ins)
            })
            .await;
            match done {
                Ok(a) => reply(a),
                Err(r) => r,
            }
        }
        Route::Session(call) => session_answer(&app, client, call).await,
    }
}

/// Runs `work` on a simulation worker, admitted as a simulation of `client` is: the answer
/// or the busy (503) or failed (500) response.
async fn on_a_worker<T: Send + 'static>(
    app: &Arc<App>,
    client: IpAddr,
    work: impl FnOnce(&App) -> T + Send + 'static,
) -> Result<T, axum::response::Response> {
    let ticket = Ticket::admit(app, client).map_err(|why| busy(app, why))?;
    let permit = Arc::clone(&app.workers)
        .acquire_owned()
        .await
        .expect("the worker semaphore is never closed");
    let worker_app = Arc::clone(app);
    tokio::task::spawn_blocking(move || {
        // Dropped in reverse order: no longer running, worker permit returned (the next
        // waiting simulation may start), place in the queue given back.
        let _ticket = ticket;
        let _permit = permit;
        let _running = Running::start(&worker_app);
        work(&worker_app)
    })
    .await
    .map_err(|_| {
        reply(json_error(
            500,
            "the simulation failed (a bug in wijksim; the server's terminal shows where)",
        ))
    })
}

fn session_lock(app: &App) -> std::sync::MutexGuard<'_, Option<super::session::Live>> {
    app.session.lock().unwrap_or_else(PoisonError::into_inner)
}

fn refused((status, message): super::session::Refusal) -> axum::response::Response {
    reply(json_error(status, &message))
}

fn json(v: &serde_json::Value) -> axum::response::Response {
    reply(super::json_answer(v))
}

/// Replays `log` on a worker and keeps the result as the session's state, if the session
/// is still the one of `code`.
async fn replay_into(
    app: &Arc<App>,
    client: IpAddr,
    code: String,
    log: super::session::Log,
    checkpoint: Option<Box<super::session::Checkpoint>>,
) -> Result<(), axum::response::Response> {
    let done = on_a_worker(app, client, move |app| {
        super::session::state_after(checkpoint, &log, &app.burn_ins)
    })
    .await;
    let mut guard = session_lock(app);
    let live = guard.as_mut().filter(|l| l.code == code);
    match (done, live) {
        (Ok(Ok(played)), Some(live)) => {
            live.state = Some(Arc::new(played.bytes));
            live.fares = played.fares;
            live.checkpoint = Some(played.checkpoint);
            live.playing = false;
            Ok(())
        }
        (result, live) => {
            if let Some(live) = live {
                // The round did not happen: it goes out of the log again (choices sent
                // meanwhile stay, for the round played next); the next replays from the
                // start, as the checkpoint went with the failed one.
                live.playing = false;
                let events = &mut live.log.events;
                if let Some(i) = events
                    .iter()
                    .rposition(|e| *e == super::session::Event::Round)
                {
                    events.remove(i);
                }
            }
            Err(match result {
                Err(r) => r,
                Ok(Err(e)) => reply(json_error(400, &e)),
                Ok(Ok(_)) => reply(json_error(409, "the session was replaced meanwhile")),
            })
        }
    }
}

async fn session_answer(
    app: &Arc<App>,
    client: IpAddr,
    call: super::Call,
) -> axum::response::Response {
    use super::Call;
    use super::session::Live;
    match call {
        Call::Start {
            knobs,
            round_months,
            rounds,
            key,
        } => {
            // The facilitator's page runs on the computer that runs the workshop: a phone
            // on the room's network cannot open or replace the session.
            if !client.is_loopback() {
                return reply(json_error(
                    403,
                    "a session is started on the computer that runs the workshop (http://127.0.0.1:PORT/)",
                ));
            }
            let (code, log, new_key) = {
                let entry = match app.library.get(knobs.scenario.as_deref()) {
                    Ok(e) => e,
                    Err(e) => return reply(json_error(400, &e)),
                };
                let s = super::apply(&entry.scenario, &knobs);
                if let Some(p) = crate::scenario::validate::check(&s).first() {
                    return reply(json_error(
                        400,
                        &format!(
                            "these settings do not make a valid scenario: `{}` {}",
                            p.path, p.message
                        ),
                    ));
                }
                let mut guard = session_lock(app);
                if guard.as_ref().is_some_and(|old| !old.is_facilitator(&key)) {
                    return reply(json_error(
                        409,
                        "a session runs; only its facilitator (the page that started it) may start another",
                    ));
                }
                let live = Live::new(&entry.id, &s, round_months, rounds);
                let out = (live.code.clone(), live.log.clone(), live.key().to_string());
                *guard = Some(live);
                out
            };
            match replay_into(app, client, code.clone(), log, None).await {
                Ok(()) => json(&serde_json::json!({"code": code, "key": new_key})),
                Err(r) => r,
            }
        }
        Call::Round { key } => {
            let (code, log, checkpoint) = {
                let mut guard = session_lock(app);
                let Some(live) = guard.as_mut().filter(|l| l.is_facilitator(&key)) else {
                    return reply(json_error(
                        403,
                        "only the session's facilitator plays its rounds",
                    ));
                };
                match live.start_round() {
                    Ok(log) => (live.code.clone(), log, live.checkpoint.take()),
                    Err(r) => return refused(r),
                }
            };
            match replay_into(app, client, code, log, checkpoint).await {
                Ok(()) => session_state(app),
                Err(r) => r,
            }
        }
        Call::State => session_state(app),
        Call::Export { key, csv } => {
            let guard = session_lock(app);
            let Some(live) = guard.as_ref().filter(|l| l.is_facilitator(&key)) else {
                return reply(json_error(403, "only the session's facilitator exports it"));
            };
            if csv {
                reply((
                    200,
                    "text/csv; charset=utf-8",
                    super::session::fares_csv(&live.fares).into_bytes(),
                ))
            } else {
                reply((
                    200,
                    "application/json",
                    serde_json::to_vec_pretty(&live.log).expect("json"),
                ))
            }
        }
        Call::Join { code, role } => {
            let mut guard = session_lock(app);
            let Some(live) = guard.as_mut() else {
                return reply(json_error(
                    404,
                    "no session yet: the facilitator starts one on the projector",
                ));
            };
            match live.join(&code, role, client) {
                Ok((player, token)) => {
                    json(&serde_json::json!({"player": player, "token": token, "role": role}))
                }
                Err(r) => refused(r),
            }
        }
        Call::Choose { token, query } => {
            let mut guard = session_lock(app);
            let Some(live) = guard.as_mut() else {
                return reply(json_error(404, "no session"));
            };
            match live.choose(&token, &query) {
                Ok(player) => json(&live.me(player)),
                Err(r) => refused(r),
            }
        }
        Call::Me { token } => {
            let guard = session_lock(app);
            let Some(live) = guard.as_ref() else {
                return reply(json_error(404, "no session"));
            };
            match live.player(&token) {
                Some(p) => json(&live.me(p)),
                None => reply(json_error(403, "unknown player: join again at /join")),
            }
        }
    }
}

/// The projector's view: the session's summary and, once replayed, its run. The run's
/// JSON is serialised once per round and spliced in, so a poll copies bytes only.
fn session_state(app: &App) -> axum::response::Response {
    let guard = session_lock(app);
    let Some(live) = guard.as_ref() else {
        return reply(json_error(404, "no session yet"));
    };
    let summary = serde_json::to_vec(&live.summary()).expect("json");
    let mut body =
        Vec::with_capacity(summary.len() + 32 + live.state.as_ref().map_or(0, |s| s.len()));
    body.extend_from_slice(b"{\"session\":");
    body.extend_from_slice(&summary);
    body.extend_from_slice(b",\"run\":");
    match &live.state {
        Some(s) => body.extend_from_slice(s),
        None => body.extend_from_slice(b"null"),
    }
    body.push(b'}');
    reply((200, "application/json", body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn one_client_cannot_fill_the_queue() {
        let mut a = Admission::new(6, 2);
        assert_eq!(a.admit(ip(1)), Ok(()));
        assert_eq!(a.admit(ip(1)), Ok(()));
        assert_eq!(a.admit(ip(1)), Err(Busy::ClientHasItsShare));
        for last in 2..=5 {
            assert_eq!(a.admit(ip(last)), Ok(()), "client {last}");
        }
        assert_eq!(a.total(), 6);
        assert_eq!(a.total_max(), 6);
        assert_eq!(a.admit(ip(9)), Err(Busy::QueueIsFull));
        a.release(ip(1));
        assert_eq!(a.admit(ip(9)), Ok(()));
        assert_eq!(a.admit(ip(1)), Err(Busy::QueueIsFull));
        a.release(ip(9));
        assert_eq!(a.admit(ip(1)), Ok(()));
        assert_eq!(a.admit(ip(1)), Err(Busy::ClientHasItsShare));
    }

    #[test]
    fn releasing_a_client_that_holds_nothing_changes_nothing() {
        let mut a = Admission::new(2, 1);
        a.release(ip(1));
        assert_eq!(a.total(), 0);
        assert_eq!(a.admit(ip(1)), Ok(()));
        a.release(ip(1));
        a.release(ip(1));
        assert_eq!(a.total(), 0);
        assert!(a.by_client.is_empty());
    }
}
