//! The workshop server under load, on loopback (issue 8, finding 8): the binary is started
//! with `workshop --port 0`, 30 clients (each from its own loopback address, so that each
//! is its own client to the per-client limit) send heavy simulations while one more fetches
//! the page, and 200 half-open connections are held open. Every request must be answered,
//! 200 or 503 with Retry-After; the page every time; no more simulations may run at once
//! than there are workers; the process's threads stay few. Latency is printed, not
//! asserted (it goes into docs/PERFORMANCE.md):
//!
//! ```sh
//! cargo test --test workshop_load -- --nocapture
//! ```
//!
//! A room (issue 13, item 5): 40 phones join a session, poll and choose while the projector
//! polls the session's state and the facilitator plays the rounds; every request must be
//! answered 200, and the exported log must replay to the exported CSV.
//!
//! `WIJKSIM_LOAD_SCENARIO=baseline` loads the built-in baseline instead of the small test
//! scenario (slower: about 10 s more).

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, SocketAddrV4, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const WORKERS: usize = 2;
const QUEUE: usize = 8;
const CLIENTS: usize = 30;
const REQUESTS_PER_CLIENT: usize = 4;
const HALF_OPEN: usize = 200;
/// Threads the server may have: the main thread, 2 that serve connections, one per worker,
/// and 2 to spare. tiny_http had 205 with 200 half-open connections.
const THREADS_MAX: usize = 1 + 2 + WORKERS + 2;
const HEAVY: &str = "/api/simulate?years=5&coin=1&local_share=0.4";

struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(extra: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wijksim"));
        cmd.arg("workshop");
        match std::env::var("WIJKSIM_LOAD_SCENARIO").as_deref() {
            Ok("baseline") => {}
            _ => {
                cmd.arg(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/experiments/small-base.ron"
                ));
            }
        }
        let mut child = cmd
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start wijksim workshop");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the workshop prints its address within 30 s");
        // "workshop: open http://127.0.0.1:PORT/ in a browser (Ctrl-C stops)"
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in the workshop's first line: {line:?}"));
        Server { child, addr }
    }

    fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read /proc/PID/status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a Threads line")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A connection from a chosen loopback address (127.0.0.0/8 is all loopback on Linux).
fn connect(from: Ipv4Addr, to: SocketAddr) -> std::io::Result<TcpStream> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None)?;
    socket.bind(&SocketAddrV4::new(from, 0).into())?;
    socket.connect_timeout(&to.into(), Duration::from_secs(10))?;
    let stream: TcpStream = socket.into();
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    Ok(stream)
}

#[derive(Debug)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 GET with `Connection: close`; the whole answer, or what went wrong.
fn get(from: Ipv4Addr, to: SocketAddr, path: &str) -> Result<Answer, String> {
    request("GET", from, to, path)
}

/// One POST as the workshop's pages send it (with the `x-wijksim` header, no body).
fn post(from: Ipv4Addr, to: SocketAddr, path: &str) -> Result<Answer, String> {
    request("POST", from, to, path)
}

fn request(method: &str, from: Ipv4Addr, to: SocketAddr, path: &str) -> Result<Answer, String> {
    let mut s = connect(from, to).map_err(|e| format!("connect: {e}"))?;
    let extra = if method == "POST" {
        "x-wijksim: 1\r\nContent-Length: 0\r\n"
    } else {
        ""
    };
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {to}\r\n{extra}Connection: close\r\n\r\n"
    )
    .map_err(|e| format!("send: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    parse(&raw)
}

fn parse(raw: &[u8]) -> Result<Answer, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no end of head in {} bytes", raw.len()))?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line in {head:?}"))?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok(Answer {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

fn client_ip(n: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, (n / 250) as u8, (10 + n % 250) as u8)
}

fn percentiles(name: &str, mut ms: Vec<f64>) {
    if ms.is_empty() {
        println!("{name}: none");
        return;
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name}: n {} p50 {:.1} ms p95 {:.1} ms max {:.1} ms",
        ms.len(),
        at(0.5),
        at(0.95),
        ms[ms.len() - 1]
    );
}

fn json(a: &Answer) -> serde_json::Value {
    serde_json::from_slice(&a.body).unwrap_or_else(|e| {
        panic!(
            "answer {} is not JSON ({e}): {}",
            a.status,
            String::from_utf8_lossy(&a.body)
        )
    })
}

/// Checks what every answer must carry, whatever its status.
fn check_headers(a: &Answer, what: &str) {
    let csp = a.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("default-src 'none'"),
        "{what}: no strict CSP: {a:?}"
    );
    assert_eq!(
        a.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert!(
        a.header("cache-control").is_some(),
        "{what}: no Cache-Control"
    );
}

#[test]
fn thirty_simulating_clients_get_answers_and_the_page_is_always_served() {
    let server = Server::start(&[
        "--workers",
        &WORKERS.to_string(),
        "--queue",
        &QUEUE.to_string(),
    ]);
    let addr = server.addr;
    let before = server.threads();

    // 200 half-open connections: half send nothing, half the start of a request head.
    let opened = Instant::now();
    let mut half_open = Vec::new();
    for i in 0..HALF_OPEN {
        let mut s =
            connect(Ipv4Addr::new(127, 0, 1, 1), addr).expect("open a half-open connection");
        if i % 2 == 1 {
            s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        }
        half_open.push(s);
    }
    let page = get(Ipv4Addr::new(127, 0, 1, 2), addr, "/")
        .expect("the page with 200 half-open connections");
    assert_eq!(page.status, 200);
    let with_half_open = server.threads();
    println!("threads: {before} at start, {with_half_open} with {HALF_OPEN} half-open connections");
    assert!(
        with_half_open <= THREADS_MAX,
        "{with_half_open} threads with {HALF_OPEN} half-open connections (at most {THREADS_MAX})"
    );

    // The load: 30 clients, each from its own address, start together.
    let start = Arc::new(Barrier::new(CLIENTS + 1));
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let start = Arc::clone(&start);
        clients.push(std::thread::spawn(move || {
            start.wait();
            let mut answers = Vec::new();
            for _ in 0..REQUESTS_PER_CLIENT {
                let t = Instant::now();
                let a = get(client_ip(c), addr, HEAVY);
                let ms = t.elapsed().as_secs_f64() * 1e3;
                let retry = a
                    .as_ref()
                    .ok()
                    .filter(|a| a.status == 503)
                    .and_then(|a| a.header("retry-after"))
                    .and_then(|r| r.parse::<u64>().ok());
                answers.push((a, ms));
                if let Some(r) = retry {
                    std::thread::sleep(Duration::from_secs(r.clamp(1, 2)));
                }
            }
            answers
        }));
    }
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let watcher = std::thread::spawn(move || {
        let (mut page_ms, mut running_max) = (Vec::new(), 0);
        // Bounded: the clients finish long before 3,000 rounds of 10 ms.
        for round in 0..3000 {
            if done_rx.try_recv().is_ok() {
                break;
            }
            let t = Instant::now();
            let a = get(Ipv4Addr::new(127, 0, 1, 3), addr, "/");
            page_ms.push(t.elapsed().as_secs_f64() * 1e3);
            let a = a.unwrap_or_else(|e| panic!("the page, round {round}, under load: {e}"));
            assert_eq!(a.status, 200, "the page, round {round}, under load");
            check_headers(&a, "the page");
            if round % 5 == 0 {
                let s = get(Ipv4Addr::new(127, 0, 1, 4), addr, "/api/status")
                    .unwrap_or_else(|e| panic!("/api/status under load: {e}"));
                assert_eq!(s.status, 200);
                let load = json(&s);
                running_max = running_max.max(load["running_max"].as_u64().unwrap() as usize);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        (page_ms, running_max)
    });
    start.wait();
    let mut threads_max = 0;
    let mut answers = Vec::new();
    for c in clients {
        threads_max = threads_max.max(server.threads());
        answers.extend(c.join().expect("a client thread"));
    }
    done_tx.send(()).unwrap();
    let (page_ms, running_max) = watcher.join().expect("the page thread");

    let (mut ok_ms, mut busy_ms) = (Vec::new(), Vec::new());
    for (a, ms) in &answers {
        let a = a
            .as_ref()
            .unwrap_or_else(|e| panic!("a simulation request was not answered: {e}"));
        check_headers(a, "a simulation");
        match a.status {
            200 => {
                assert_eq!(json(a)["months"].as_array().map(Vec::len), Some(60));
                ok_ms.push(*ms);
            }
            503 => {
                let retry = a.header("retry-after");
                assert!(
                    retry.is_some_and(|r| r.parse::<u64>().is_ok()),
                    "503 without Retry-After: {a:?}"
                );
                assert!(json(a)["error"].as_str().unwrap().starts_with("busy:"));
                busy_ms.push(*ms);
            }
            s => panic!("a simulation got {s}: {}", String::from_utf8_lossy(&a.body)),
        }
    }
    let load = json(&get(Ipv4Addr::new(127, 0, 1, 4), addr, "/api/status").unwrap());
    let running_max = running_max.max(load["running_max"].as_u64().unwrap() as usize);
    let admitted_max = load["admitted_max"].as_u64().unwrap() as usize;
    println!(
        "{} simulation requests: {} answered 200, {} answered 503; most running at once {running_max} ({WORKERS} workers), most queued or running {admitted_max} (workers + queue {}); threads at most {threads_max}",
        answers.len(),
        ok_ms.len(),
        busy_ms.len(),
        WORKERS + QUEUE,
    );
    percentiles("page under load", page_ms);
    percentiles("simulation answered 200", ok_ms);
    percentiles("simulation answered 503", busy_ms);
    assert_eq!(answers.len(), CLIENTS * REQUESTS_PER_CLIENT);
    assert!(
        running_max <= WORKERS,
        "{running_max} simulations ran at once with {WORKERS} workers"
    );
    assert!(
        admitted_max <= WORKERS + QUEUE,
        "{admitted_max} simulations queued or running with {WORKERS} workers and a queue of {QUEUE}"
    );
    assert!(
        threads_max <= THREADS_MAX,
        "{threads_max} threads under load (at most {THREADS_MAX})"
    );

    // The half-open connections are closed by the server once their head is overdue.
    for (i, mut s) in half_open.into_iter().enumerate() {
        let left = Duration::from_secs(25).saturating_sub(opened.elapsed());
        s.set_read_timeout(Some(left.max(Duration::from_millis(100))))
            .unwrap();
        let mut buf = [0u8; 256];
        match s.read(&mut buf) {
            Ok(0) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
            Ok(n) => {
                // hyper may answer an overdue partial head with 408 before it closes.
                let a = parse(&buf[..n]);
                assert!(
                    matches!(a, Ok(Answer { status: 408, .. })),
                    "half-open connection {i} got {:?}",
                    String::from_utf8_lossy(&buf[..n])
                );
            }
            Err(e) => panic!("half-open connection {i} was not closed by the server: {e}"),
        }
    }
}

#[test]
fn connections_past_the_cap_wait_to_be_accepted() {
    let server = Server::start(&["--connections", "4", "--workers", "1"]);
    let addr = server.addr;
    let held: Vec<TcpStream> = (0..4)
        .map(|_| connect(Ipv4Addr::new(127, 0, 2, 1), addr).unwrap())
        .collect();
    let mut fifth = connect(Ipv4Addr::new(127, 0, 2, 2), addr).unwrap();
    write!(
        fifth,
        "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Not answered while the cap is taken (the held connections time out only after 10 s).
    fifth
        .set_read_timeout(Some(Duration::from_millis(700)))
        .unwrap();
    let mut buf = [0u8; 64];
    match fifth.read(&mut buf) {
        Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
        other => panic!(
            "the fifth connection was served past a cap of 4: {other:?} {:?}",
            String::from_utf8_lossy(&buf)
        ),
    }
    assert!(server.threads() <= 1 + 2 + 1 + 2);
    drop(held);
    fifth
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut raw = buf.to_vec();
    raw.clear();
    fifth.read_to_end(&mut raw).unwrap();
    assert_eq!(parse(&raw).unwrap().status, 200);
}

/// Players in the room test: the session's bound.
const ROOM_PLAYERS: usize = 40;
const ROOM_ROUNDS: u64 = 4;
/// Phones poll every 2 s and the projector every 1.5 s in the pages; here ten times as often.
const PHONE_POLL: Duration = Duration::from_millis(200);
const PROJECTOR_POLL: Duration = Duration::from_millis(150);
/// The facilitator waits at least this long between rounds (minutes in a room), so that the
/// phones and the projector keep polling meanwhile: about 1,000 requests per round.
const ROUND_GAP: Duration = Duration::from_millis(2500);
/// A bound on the whole room test, so that a hang fails instead of waiting for ever.
const ROOM_DEADLINE: Duration = Duration::from_secs(240);

/// What one phone or the projector saw: per kind of request, the latencies of the answers.
type Seen = Vec<(&'static str, f64)>;

fn timed(
    seen: &mut Seen,
    kind: &'static str,
    answer: impl FnOnce() -> Result<Answer, String>,
) -> Answer {
    let t = Instant::now();
    let a = answer().unwrap_or_else(|e| panic!("{kind} was not answered: {e}"));
    seen.push((kind, t.elapsed().as_secs_f64() * 1e3));
    check_headers(&a, kind);
    assert_eq!(
        a.status,
        200,
        "{kind} got {}: {}",
        a.status,
        String::from_utf8_lossy(&a.body)
    );
    a
}

/// One phone: joins, then polls `/api/me` as the phone page does; once per round it sends
/// its choice (every fifth player changes its mind once) and tells the facilitator.
fn phone(
    n: usize,
    addr: SocketAddr,
    code: &str,
    joined: &Barrier,
    chosen: &mpsc::Sender<(usize, u64)>,
) -> (Seen, u64) {
    let ip = Ipv4Addr::new(127, 0, 3, 10 + n as u8);
    let deadline = Instant::now() + ROOM_DEADLINE;
    let mut seen = Seen::new();
    let shop = n % 4 == 3;
    let role = if shop { "shop" } else { "household" };
    let j = timed(&mut seen, "join", || {
        post(ip, addr, &format!("/api/join?code={code}&role={role}"))
    });
    let token = json(&j)["token"].as_str().expect("a token").to_string();
    joined.wait();
    let (mut last_round, mut sent) = (None, 0);
    loop {
        assert!(
            Instant::now() < deadline,
            "phone {n}: the room took too long"
        );
        let me = json(&timed(&mut seen, "me", || {
            get(ip, addr, &format!("/api/me?token={token}"))
        }));
        let round = me["round"].as_u64().expect("a round");
        if round >= ROOM_ROUNDS {
            assert_eq!(
                me["fares"].as_array().map(Vec::len),
                Some(ROOM_ROUNDS as usize)
            );
            return (seen, sent);
        }
        if last_round != Some(round) {
            let on = (n as u64 + round) % 2;
            let mut choices = vec![if shop {
                format!("accept_coins={on}&redeem_coins={}", 1 - on)
            } else {
                format!(
                    "local_share=0.{}&volunteer={on}",
                    2 + (n as u64 + round) % 7
                )
            }];
            if n.is_multiple_of(5) {
                choices.insert(
                    0,
                    if shop {
                        "accept_coins=0"
                    } else {
                        "volunteer=0"
                    }
                    .into(),
                );
            }
            for q in choices {
                let a = timed(&mut seen, "choose", || {
                    post(ip, addr, &format!("/api/choose?token={token}&{q}"))
                });
                assert_eq!(json(&a)["chosen"], true, "phone {n}, round {round}");
                sent += 1;
            }
            chosen.send((n, round)).expect("the facilitator listens");
            last_round = Some(round);
        }
        std::thread::sleep(PHONE_POLL);
    }
}

#[test]
fn a_room_of_forty_phones_and_the_projector_are_served_without_errors() {
    let server = Server::start(&["--workers", &WORKERS.to_string()]);
    let addr = server.addr;
    let facilitator = Ipv4Addr::LOCALHOST;
    let mut seen = Seen::new();
    // The facilitator first shows the wijk on the projector (its burn-in is made then).
    timed(&mut seen, "simulate", || {
        get(
            facilitator,
            addr,
            "/api/simulate?scenario=cases/example4-baseline&coin=1",
        )
    });
    let started = json(&timed(&mut seen, "start", || {
        post(
            facilitator,
            addr,
            &format!(
                "/api/session/start?scenario=cases/example4-baseline&coin=1&round_months=3&rounds={ROOM_ROUNDS}"
            ),
        )
    }));
    let code = started["code"].as_str().unwrap().to_string();
    let key = started["key"].as_str().unwrap().to_string();

    let joined = Arc::new(Barrier::new(ROOM_PLAYERS + 1));
    let (chosen_tx, chosen_rx) = mpsc::channel();
    let phones: Vec<_> = (0..ROOM_PLAYERS)
        .map(|n| {
            let (code, joined, chosen) = (code.clone(), Arc::clone(&joined), chosen_tx.clone());
            std::thread::spawn(move || phone(n, addr, &code, &joined, &chosen))
        })
        .collect();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let projector = std::thread::spawn(move || {
        let (mut seen, mut rounds_seen) = (Seen::new(), 0);
        let ip = Ipv4Addr::new(127, 0, 3, 2);
        let (deadline, mut stop) = (Instant::now() + ROOM_DEADLINE, false);
        // Until told to stop, and once more after that: it sees the last round too.
        for poll in 0.. {
            if stop {
                break;
            }
            stop = stop_rx.try_recv().is_ok();
            assert!(
                Instant::now() < deadline,
                "the projector polled for too long"
            );
            let s = json(&timed(&mut seen, "state", || {
                get(ip, addr, "/api/session/state")
            }));
            rounds_seen = rounds_seen.max(s["session"]["round"].as_u64().unwrap());
            assert!(s["run"].is_object(), "the projector shows the run");
            if poll % 10 == 0 {
                timed(&mut seen, "page", || get(ip, addr, "/"));
            }
            std::thread::sleep(PROJECTOR_POLL);
        }
        (seen, rounds_seen)
    });

    joined.wait();
    let full = post(
        Ipv4Addr::new(127, 0, 3, 250),
        addr,
        &format!("/api/join?code={code}&role=household"),
    )
    .unwrap();
    assert_eq!(full.status, 409, "a 41st player");
    assert!(
        json(&full)["error"]
            .as_str()
            .unwrap()
            .contains("room is full")
    );

    let mut threads_max = server.threads();
    for round in 0..ROOM_ROUNDS {
        let gap = Instant::now() + ROUND_GAP;
        // Every phone has chosen for this round before the facilitator plays it.
        let mut ready = [false; ROOM_PLAYERS];
        while ready.iter().any(|r| !r) {
            let (n, r) = chosen_rx
                .recv_timeout(ROOM_DEADLINE)
                .expect("every phone chooses");
            assert_eq!(r, round, "phone {n} chose for another round");
            ready[n] = true;
        }
        let s = json(&timed(&mut seen, "state", || {
            get(facilitator, addr, "/api/session/state")
        }));
        assert_eq!(s["session"]["chosen"], ROOM_PLAYERS, "round {round}");
        std::thread::sleep(gap.saturating_duration_since(Instant::now()));
        threads_max = threads_max.max(server.threads());
        let played = json(&timed(&mut seen, "round", || {
            post(facilitator, addr, &format!("/api/session/round?key={key}"))
        }));
        assert_eq!(played["session"]["round"], round + 1);
        assert_eq!(
            played["run"]["months"].as_array().map(Vec::len),
            Some(3 * (round as usize + 1))
        );
    }
    let mut choices = 0;
    for p in phones {
        let (s, sent) = p.join().expect("a phone");
        seen.extend(s);
        choices += sent;
    }
    stop_tx.send(()).unwrap();
    let (s, rounds_seen) = projector.join().expect("the projector");
    seen.extend(s);
    assert_eq!(rounds_seen, ROOM_ROUNDS, "the projector saw every round");
    assert!(
        threads_max <= THREADS_MAX,
        "{threads_max} threads with a room (at most {THREADS_MAX})"
    );

    // The session's log holds every player and choice, and replays to the export's bytes.
    let log = timed(&mut seen, "export", || {
        get(facilitator, addr, &format!("/api/session/export?key={key}"))
    });
    let events = json(&log)["events"].as_array().unwrap().clone();
    let count = |e: &str| events.iter().filter(|v| v["event"] == e).count();
    assert_eq!(count("join"), ROOM_PLAYERS);
    assert_eq!(count("round"), ROOM_ROUNDS as usize);
    assert_eq!(
        (count("choose_household") + count("choose_shop")) as u64,
        choices
    );
    let csv = timed(&mut seen, "export", || {
        get(
            facilitator,
            addr,
            &format!("/api/session/export?key={key}&format=csv"),
        )
    });
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("room-session.json");
    std::fs::write(&file, &log.body).unwrap();
    let replayed = Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(["workshop", "--replay"])
        .arg(&file)
        .output()
        .expect("run wijksim workshop --replay");
    assert!(
        replayed.status.success(),
        "{}",
        String::from_utf8_lossy(&replayed.stderr)
    );
    assert_eq!(
        replayed.stdout, csv.body,
        "the replayed session differs from the export"
    );

    println!(
        "a room: {ROOM_PLAYERS} phones ({} requests), the projector, {ROOM_ROUNDS} rounds of 3 months on example 4 with the coin; threads at most {threads_max}",
        seen.len()
    );
    for kind in [
        "join", "me", "choose", "state", "page", "round", "simulate", "start", "export",
    ] {
        let ms = seen
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, ms)| *ms)
            .collect();
        percentiles(kind, ms);
    }
}
