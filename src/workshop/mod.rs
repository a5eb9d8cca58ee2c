//! The workshop: a small local web server and one page for a projector, on which a room
//! watches money move between residents, shops, associations, the municipality and the
//! outside world, and sees what a coin, buying local or a quota changes.
//!
//! This file is the server's pure part: it maps a request (method, URL) to an answer or to
//! a simulation, without a socket, a thread or a file, so that it is tested as plain
//! functions. [`server`] puts it on the network.
//!
//! *Safe to leave running in a room*: it serves only its own page and its API routes
//! (`/api/simulate`, `/api/status`), never reads or writes a file on a request's behalf,
//! answers only GET, refuses long URLs (414) and headers (431), and validates every
//! parameter with a clear error (400). The work a request can cause is bounded: at most 5
//! simulated years of the scenario loaded at start, which itself is limited to 20,000
//! residents, after its burn-in (`run.burn_in_years` of the loaded scenario, at most 100,
//! computed once per setting of the knobs that are not levers and kept, [`BURN_INS_KEPT`]
//! at most). Simulations run on a fixed pool of worker threads behind a bounded queue; when
//! the queue is full, or one client (IP address) already has
//! [`server::MAX_SIMULATIONS_PER_CLIENT`] simulations queued or running, the answer is 503
//! with `Retry-After` at once, so one laptop cannot starve the room. The page and the status
//! route never wait behind a simulation. Connections are capped (256 by default) when they
//! are accepted, and a client that does not send its request head within
//! [`server::HEADER_READ_TIMEOUT`] is disconnected, so half-open connections cost neither
//! threads nor unbounded memory. Every response carries a strict Content-Security-Policy
//! ([`CONTENT_SECURITY_POLICY`]: inline script and style of the page itself, same-origin
//! requests only, no frames), `X-Content-Type-Options: nosniff` and a `Cache-Control`.

pub mod library;
pub mod server;
pub mod session;

use crate::experiment::BurnIns;
use crate::model::indicators::{Indicator, Lang, Observer, Period, PeriodKind, Row, capitalise};
use crate::model::ledger::{Currency, FlowMatrix, Purpose, Sector};
use crate::scenario::Scenario;
use library::Library;

/// The page, with its script and style inline (no external asset, no network).
pub const PAGE: &str = include_str!("page.html");

/// Largest scenario the workshop accepts, in residents.
pub const MAX_RESIDENTS: u64 = 20_000;
/// Longest run a request may ask for, in years.
pub const MAX_YEARS: u32 = 5;
/// Longest request line accepted, in bytes.
pub const MAX_URL_BYTES: usize = 1024;

/// Burn-ins the server keeps ([`BurnIns`]): one per setting of the non-lever knobs a room
/// tries (at most [`MAX_RESIDENTS`] residents each, a few megabytes).
pub const BURN_INS_KEPT: usize = 16;

/// Years simulated when a request does not say.
pub const DEFAULT_YEARS: u32 = 2;

/// The settings a room can change. A setting the request does not send is `None` (or
/// absent from `levers`) and leaves the chosen scenario's value as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Knobs {
    /// The scenario on offer ([`library::Library`]) to start from; the first when `None`.
    pub scenario: Option<String>,
    /// Share of household spending at local shops.
    pub local_share: Option<f64>,
    /// Whether the neighbourhood coin exists (`false` also switches off the levers that
    /// work through it).
    pub coin: Option<bool>,
    /// Redemption fee of the coin.
    pub fee: Option<f64>,
    /// Demurrage per month.
    pub demurrage: Option<f64>,
    /// Levers switched or turned, at most one entry per lever.
    pub levers: Vec<LeverKnob>,
    /// Years to simulate ([`DEFAULT_YEARS`] when not sent).
    pub years: Option<u32>,
    /// Root seed (the scenario's when not sent).
    pub seed: Option<u64>,
}

/// A lever a request switches (`lever.SECTION=0|1`) or turns (`dial.SECTION=VALUE`).
#[derive(Clone, Debug, PartialEq)]
pub struct LeverKnob {
    /// The section under `levers`.
    pub section: &'static str,
    /// On or off; `None` keeps the scenario's switch.
    pub on: Option<bool>,
    /// The value of the lever's [`crate::scenario::Dial`]; `None` keeps the scenario's.
    pub dial: Option<f64>,
}

impl Knobs {
    fn lever(&mut self, section: &'static str) -> &mut LeverKnob {
        let i = match self.levers.iter().position(|l| l.section == section) {
            Some(i) => i,
            None => {
                self.levers.push(LeverKnob {
                    section,
                    on: None,
                    dial: None,
                });
                self.levers.len() - 1
            }
        };
        &mut self.levers[i]
    }
}

/// The groups shown on the page, in display order.
pub const NODES: [&str; 5] = [
    "residents",
    "shops",
    "associations",
    "municipality",
    "outside",
];

/// The indicators the page shows for the month on screen, in display order. Their labels
/// and units travel with every answer (`panel`), from the catalogue: the page spells no
/// indicator of its own.
pub const PANEL: [Indicator; 6] = [
    Indicator::UnemploymentRate,
    Indicator::BusinessTurnoverEur,
    Indicator::LeakageShare,
    Indicator::Lm3,
    Indicator::CoinsInCirculationCount,
    Indicator::MunicipalNetCostEur,
];

/// The page's panel: for each indicator of [`PANEL`] its name (the key of the answer's
/// `indicators`), its unit (which decides how the page writes the value) and its label in
/// both languages of the room.
pub fn panel() -> serde_json::Value {
    PANEL
        .iter()
        .map(|i| {
            // What a number that can surprise means, in one line each way.
            let (negative, positive) = match i {
                Indicator::MunicipalNetCostEur => (
                    serde_json::json!({"nl": "negatief: de gemeente ontvangt meer dan ze uitgeeft", "en": "negative: the municipality receives more than it spends"}),
                    serde_json::json!({"nl": "wat de gemeente meer uitgeeft dan ontvangt", "en": "what the municipality spends beyond what it receives"}),
                ),
                _ => (serde_json::Value::Null, serde_json::Value::Null),
            };
            serde_json::json!({
                "name": i.name(),
                "unit": i.unit().name(),
                "nl": capitalise(i.label(Lang::Nl)),
                "en": capitalise(i.label(Lang::En)),
                "note_negative": negative,
                "note_positive": positive,
            })
        })
        .collect()
}

fn node(s: Sector) -> usize {
    match s {
        Sector::Households => 0,
        Sector::Businesses => 1,
        Sector::Associations => 2,
        Sector::Municipality | Sector::CoinScheme => 3,
        Sector::NationalGovernment | Sector::RestOfWorld => 4,
    }
}

/// The parameters `/api/simulate` accepts.
pub const PARAMETERS: &str = "scenario, local_share, coin, fee, demurrage, lever.SECTION (0 or 1), dial.SECTION, tied, quota, years, seed";

/// The lever a section name under `levers` names, or what is allowed.
fn lever_section(key: &str, name: &str) -> Result<&'static str, String> {
    let levers = crate::scenario::Levers::default();
    let sections: Vec<&'static str> = levers.each().iter().map(|l| l.section()).collect();
    sections
        .iter()
        .copied()
        .find(|s| *s == name)
        .ok_or_else(|| {
            format!(
                "`{key}`: no lever `{name}`; {}",
                crate::scenario::did_you_mean(name, &sections)
            )
        })
}

/// A query string's part with its `%XX` escapes and `+` (a space) decoded, as browsers
/// encode them (`encodeURIComponent`), or why it is not UTF-8 text.
pub fn percent_decode(part: &str) -> Result<String, String> {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = part
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                out.push(hex.ok_or_else(|| {
                    format!("`{part}`: `%` must be followed by two hexadecimal digits")
                })?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{part}` is not UTF-8 text once decoded"))
}

/// Parses the query string of `/api/simulate`, or says what is wrong.
pub fn parse_query(query: &str) -> Result<Knobs, String> {
    let mut k = Knobs::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let (key, value) = (&*percent_decode(key)?, &*percent_decode(value)?);
        let num = |lo: f64, hi: f64| -> Result<f64, String> {
            let v: f64 = value.parse().map_err(|_| {
                format!("`{key}` is \"{value}\", not a number; allowed: {lo} to {hi}")
            })?;
            if !(lo..=hi).contains(&v) {
                return Err(format!("`{key}` is {v}, outside {lo} to {hi}"));
            }
            Ok(v)
        };
        match key {
            "scenario" => {
                if value.is_empty()
                    || value.len() > 64
                    || !value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_/".contains(&b))
                {
                    return Err(format!(
                        "`scenario` is \"{value}\": an id is 1 to 64 letters, digits, '-', '_' or '/'"
                    ));
                }
                k.scenario = Some(value.to_string());
            }
            "local_share" => k.local_share = Some(num(0.0, 1.0)?),
            "coin" => k.coin = Some(num(0.0, 1.0)? >= 0.5),
            "fee" => k.fee = Some(num(0.0, 0.5)?),
            "demurrage" => k.demurrage = Some(num(0.0, 0.1)?),
            "tied" => k.lever("benefits_tied_to_coins").on = Some(num(0.0, 1.0)? >= 0.5),
            "quota" => {
                let q = num(0.0, 1.0)?;
                let l = k.lever("procurement_quota");
                l.on = Some(q > 0.0);
                l.dial = (q > 0.0).then_some(q);
            }
            "years" => k.years = Some(num(1.0, MAX_YEARS as f64)?.round() as u32),
            "seed" => {
                k.seed = Some(value.parse().map_err(|_| {
                    format!(
                        "`seed` is \"{value}\", not a whole number from 0 to {}",
                        u64::MAX
                    )
                })?)
            }
            _ => {
                if let Some(name) = key.strip_prefix("lever.") {
                    let section = lever_section(key, name)?;
                    k.lever(section).on = Some(num(0.0, 1.0)? >= 0.5);
                } else if let Some(name) = key.strip_prefix("dial.") {
                    let section = lever_section(key, name)?;
                    let levers = crate::scenario::Levers::default();
                    let dial = levers
                        .each()
                        .iter()
                        .find(|l| l.section() == section)
                        .and_then(|l| l.dial())
                        .ok_or_else(|| {
                            format!(
                                "`{key}`: lever `{name}` has no dial; switch it with `lever.{name}`"
                            )
                        })?;
                    k.lever(section).dial = Some(num(dial.min, dial.max)?);
                } else {
                    return Err(format!("unknown parameter `{key}`; allowed: {PARAMETERS}"));
                }
            }
        }
    }
    Ok(k)
}

/// The scenario a room's settings describe: the chosen scenario with only the sent
/// settings changed. A lever that needs the coin stays off while the coin is off.
pub fn apply(base: &Scenario, k: &Knobs) -> Scenario {
    let mut s = base.clone();
    s.run.years = k.years.unwrap_or(DEFAULT_YEARS);
    // The page shows no targets, and a run shorter than a target's year could not check it.
    s.targets.clear();
    if let Some(seed) = k.seed {
        s.run.seed = seed;
    }
    if let Some(share) = k.local_share {
        for n in &mut s.neighbourhoods {
            n.residents.spending_share_local = share;
        }
    }
    match k.coin {
        // A scenario without a coin gets the workshop's: earned by volunteering, half of a
        // shop price payable in coins, redeemable by shops and associations.
        Some(true) if !s.coins.enabled => {
            s.coins.enabled = true;
            if s.coins.issuance.per_volunteer_hour == 0.0 {
                s.coins.issuance.per_volunteer_hour = 10.0;
            }
            s.coins.redemption.businesses = true;
            s.coins.redemption.associations = true;
            s.levers.shops_accept_coins.enabled = true;
            if s.levers.shops_accept_coins.share_of_price == 0.0 {
                s.levers.shops_accept_coins.share_of_price = 0.5;
            }
        }
        Some(false) => s.coins.enabled = false,
        _ => {}
    }
    if let Some(fee) = k.fee {
        s.coins.redemption.fee_share = fee;
    }
    if let Some(rate) = k.demurrage {
        s.coins.demurrage.rate_per_period = rate;
        s.coins.demurrage.period_months = 1;
    }
    for knob in &k.levers {
        s = turn(s, knob);
    }
    // The coin's levers go with the coin.
    if !s.coins.enabled {
        let sections: Vec<&str> = s
            .levers
            .each()
            .iter()
            .filter(|l| l.needs_coins() && l.enabled())
            .map(|l| l.section())
            .collect();
        for section in sections {
            s = set(s, &format!("levers.{section}.enabled"), 0.0);
        }
    }
    s
}

/// `s` with a field set; a field of the registry's sections always exists and takes the
/// value (ranges are checked when the request is read).
fn set(s: Scenario, path: &str, value: f64) -> Scenario {
    crate::experiment::patch::set(&s, path, value).unwrap_or(s)
}

/// One lever switched and turned: switched on from a dial at 0, the dial takes its
/// [`crate::scenario::Dial::default_on`] and its companion fields theirs.
fn turn(mut s: Scenario, knob: &LeverKnob) -> Scenario {
    let levers = s.levers.clone();
    let Some(lever) = levers
        .each()
        .into_iter()
        .find(|l| l.section() == knob.section)
    else {
        return s;
    };
    let section = format!("levers.{}", knob.section);
    if let Some(on) = knob.on {
        s = set(s, &format!("{section}.enabled"), f64::from(u8::from(on)));
    }
    if let Some(dial) = lever.dial() {
        let field = format!("{section}.{}", dial.field);
        let now = crate::experiment::patch::get(&s, &field).unwrap_or(0.0);
        match knob.dial {
            Some(v) => s = set(s, &field, v),
            None if knob.on == Some(true) && now == 0.0 => s = set(s, &field, dial.default_on),
            None => {}
        }
        if knob.on == Some(true) {
            for (f, v) in dial.also_on {
                let path = format!("{section}.{f}");
                if crate::experiment::patch::get(&s, &path).unwrap_or(0.0) == 0.0 {
                    s = set(s, &path, *v);
                }
            }
        }
    }
    s
}

/// The settings in effect in a scenario, as the page shows them: the coin's and, per lever
/// of the registry, its switch and its dial's value.
fn settings(s: &Scenario) -> serde_json::Value {
    let levers: serde_json::Map<String, serde_json::Value> = s
        .levers
        .each()
        .iter()
        .map(|l| {
            let dial = l.dial().and_then(|d| {
                crate::experiment::patch::get(s, &format!("levers.{}.{}", l.section(), d.field))
                    .ok()
            });
            (
                l.section().to_string(),
                serde_json::json!({"on": l.enabled(), "dial": dial}),
            )
        })
        .collect();
    serde_json::json!({
        "local_share": s.neighbourhoods[0].residents.spending_share_local,
        "coin": s.coins.enabled,
        "fee": s.coins.redemption.fee_share,
        "demurrage": s.coins.demurrage.rate_per_period,
        "levers": levers,
        "years": s.run.years,
        "seed": s.run.seed,
    })
}

#[derive(Default)]
struct Monthly {
    months: Vec<serde_json::Value>,
    current: serde_json::Map<String, serde_json::Value>,
    years: Vec<serde_json::Value>,
    year_current: serde_json::Map<String, serde_json::Value>,
}

impl Observer for Monthly {
    fn row(&mut self, row: &Row<'_>) {
        if row.area != "city" {
            return;
        }
        let target = match row.period.kind {
            PeriodKind::Month => &mut self.current,
            PeriodKind::Year => &mut self.year_current,
            PeriodKind::Quarter => return,
        };
        target.insert(
            row.indicator.name().to_string(),
            serde_json::json!((row.value * 1e4).round() / 1e4),
        );
    }

    fn flow_matrix(&mut self, period: &Period, m: &FlowMatrix) {
        match period.kind {
            PeriodKind::Month => {
                let mut edges = Vec::new();
                for c in Currency::ALL {
                    for p in Purpose::ALL {
                        let cells: Vec<(usize, i64)> = Sector::ALL
                            .iter()
                            .map(|&s| (node(s), m.get(c, p, s)))
                            .collect();
                        let payers: Vec<&(usize, i64)> = cells.iter().filter(|x| x.1 < 0).collect();
                        let receivers: Vec<&(usize, i64)> =
                            cells.iter().filter(|x| x.1 > 0).collect();
                        let mut push = |from: usize, to: usize, amount: i64| {
                            if from != to && amount > 0 {
                                let value = if c == Currency::Eur {
                                    amount as f64 / 100.0
                                } else {
                                    amount as f64
                                };
                                edges.push(serde_json::json!({"from": from, "to": to, "purpose": p.name(), "currency": c.name(), "amount": value}));
                            }
                        };
                        if payers.len() == 1 {
                            for r in &receivers {
                                push(payers[0].0, r.0, r.1);
                            }
                        } else if receivers.len() == 1 {
                            for q in &payers {
                                push(q.0, receivers[0].0, -q.1);
                            }
                        }
                    }
                }
                let indicators = std::mem::take(&mut self.current);
                self.months.push(serde_json::json!({"month": period.tick_end + 1, "edges": edges, "indicators": indicators}));
            }
            PeriodKind::Year => {
                let indicators = std::mem::take(&mut self.year_current);
                self.years
                    .push(serde_json::json!({"year": period.year, "indicators": indicators}));
            }
            PeriodKind::Quarter => {}
        }
    }
}

/// The indicators "follow one euro" is built from: the share of a euro spent at the wijk's
/// shops that they spend in the wijk, the share respent locally after that, and their sum
/// over three rounds.
pub fn euro_keys() -> serde_json::Value {
    serde_json::json!({
        "stays_first": Indicator::BusinessLocalSpendingShare.name(),
        "stays_after": Indicator::RespendingLocalShare.name(),
        "total": Indicator::Lm3.name(),
    })
}

/// Runs the room's scenario and returns the JSON the page animates, or says why the
/// settings do not make a valid scenario. The burn-in comes from `burn_ins`: settings that
/// change only levers or the coin share the loaded scenario's, and the local spending
/// share takes effect from that steady state at month 1 ([`Model::after_change`]), so that
/// moving it answers at once instead of burning in again.
pub fn simulate(
    library: &Library,
    k: &Knobs,
    burn_ins: &BurnIns,
) -> Result<serde_json::Value, String> {
    let entry = library.get(k.scenario.as_deref())?;
    let base = &entry.scenario;
    let s = apply(base, k);
    if let Some(p) = crate::scenario::validate::check(&s).first() {
        return Err(format!(
            "these settings do not make a valid scenario: `{}` {}",
            p.path, p.message
        ));
    }
    let mut obs = Monthly::default();
    let before = apply(
        base,
        &Knobs {
            local_share: None,
            ..k.clone()
        },
    );
    let burn_in = crate::model::BurnIn::clone(&burn_ins.get(&before));
    let mut m = crate::model::Model::after_change(burn_in, &s)?;
    m.run(&mut obs, |_, _| {});
    // Follow one euro: the share that stays in each round, from the last year's LM3 parts.
    let last = obs.years.last().cloned().unwrap_or_default();
    let s_b = last["indicators"][Indicator::BusinessLocalSpendingShare.name()]
        .as_f64()
        .unwrap_or(0.0);
    let s_r = last["indicators"][Indicator::RespendingLocalShare.name()]
        .as_f64()
        .unwrap_or(0.0);
    let mut rounds = Vec::new();
    let (mut stays, mut total) = (1.0, 0.0);
    for round in 1..=6 {
        total += stays;
        rounds.push(serde_json::json!({"round": round, "stays": (stays * 1e4f64).round() / 1e4, "cumulative": (total * 1e4f64).round() / 1e4}));
        stays *= if round == 1 { s_b } else { s_r };
    }
    Ok(serde_json::json!({
        "nodes": NODES,
        "months": obs.months,
        "years": obs.years,
        "euro": {"s_b": s_b, "s_r": s_r, "rounds": rounds, "keys": euro_keys()},
        "scenario": entry.id,
        "settings": settings(&s),
        "panel": panel(),
    }))
}

/// A response: status, content type, body.
pub type Response = (u16, &'static str, Vec<u8>);

/// The Content-Security-Policy of every response. The page's script and style are inline
/// (one self-contained file), it draws with SVG built by its script and fetches only its
/// own API; nothing else may load, post or frame it.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The headers every response carries, besides its `Content-Type` and `Cache-Control`.
pub const SECURITY_HEADERS: [(&str, &str); 3] = [
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
];

/// The `Cache-Control` of a response: the page may be kept but is checked again each time
/// (a new binary serves a new page); answers to the API are never stored.
pub fn cache_control(status: u16, content_type: &str) -> &'static str {
    if status == 200 && content_type.starts_with("text/html") {
        "no-cache"
    } else {
        "no-store"
    }
}

/// A 200 JSON answer.
pub fn json_answer(v: &serde_json::Value) -> Response {
    (
        200,
        "application/json",
        serde_json::to_vec(v).expect("json"),
    )
}

/// A JSON error answer: `{"error": message}`.
pub fn json_error(status: u16, message: &str) -> Response {
    (
        status,
        "application/json",
        serde_json::to_vec(&serde_json::json!({"error": message})).expect("json"),
    )
}

/// What a request asks for.
#[derive(Debug, PartialEq)]
pub enum Route {
    /// An answer that needs no simulation (the page, an error): cheap, served at once.
    Answer(Response),
    /// A simulation with these settings: slow, queued for a worker.
    Simulate(Knobs),
    /// The server's load (workers, queue, connections).
    Status,
    /// The scenarios on offer and their levers.
    Catalogue,
    /// A call of the participatory session ([`session`]).
    Session(Call),
}

/// What a request asks of the room's session.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    /// The facilitator starts a session with the page's settings (POST).
    Start {
        /// The settings, as for `/api/simulate` (without `years`: the rounds decide).
        knobs: Knobs,
        /// Months in a round.
        round_months: u32,
        /// Rounds to play.
        rounds: u32,
        /// The key of the session it replaces, if one runs.
        key: String,
    },
    /// The facilitator plays the next round (POST).
    Round {
        /// The facilitator's key.
        key: String,
    },
    /// The projector's view of the session.
    State,
    /// The session's log (JSON) or its results (CSV), for the facilitator.
    Export {
        /// The facilitator's key.
        key: String,
        /// The results table rather than the log.
        csv: bool,
    },
    /// A participant joins (POST).
    Join {
        /// The code on the projector.
        code: String,
        /// What it plays.
        role: session::Role,
    },
    /// A player's choice for the next round (POST).
    Choose {
        /// The player's token.
        token: String,
        /// The choice's parameters.
        query: String,
    },
    /// A player's view.
    Me {
        /// The player's token.
        token: String,
    },
}

/// The phone page, with its script and style inline.
pub const JOIN_PAGE: &str = include_str!("join.html");

/// The value of `key` in a query string (decoded), if sent.
fn query_value(query: &str, key: &str) -> Result<Option<String>, String> {
    for pair in query.split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if k == key {
            return percent_decode(v).map(Some);
        }
    }
    Ok(None)
}

/// A session call, from its path, method and query.
fn session_call(path: &str, method: &str, query: &str) -> Result<Call, (u16, String)> {
    let post = matches!(
        path,
        "/api/session/start" | "/api/session/round" | "/api/join" | "/api/choose"
    );
    if post != (method == "POST") {
        let m = if post { "POST" } else { "GET" };
        return Err((405, format!("{path} answers {m} only")));
    }
    let bad = |e: String| (400, e);
    let get = |key: &str| query_value(query, key).map_err(bad);
    let text = |key: &str| -> Result<String, (u16, String)> {
        let v = get(key)?.unwrap_or_default();
        if v.len() > 64 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err((400, format!("`{key}` must be 1 to 64 letters and digits")));
        }
        Ok(v)
    };
    Ok(match path {
        "/api/session/start" => {
            let whole = |key: &str, lo: u32, hi: u32, default: u32| -> Result<u32, (u16, String)> {
                match get(key)? {
                    None => Ok(default),
                    Some(v) => v.parse().ok().filter(|n| (lo..=hi).contains(n)).ok_or((
                        400,
                        format!("`{key}` is \"{v}\"; allowed: a whole number from {lo} to {hi}"),
                    )),
                }
            };
            let round_months = whole("round_months", 1, 12, session::DEFAULT_ROUND_MONTHS)?;
            let rounds = whole("rounds", 1, 60, session::DEFAULT_ROUNDS)?;
            if round_months * rounds > 12 * MAX_YEARS {
                return Err((
                    400,
                    format!(
                        "{rounds} rounds of {round_months} months are more than the workshop's {MAX_YEARS} years"
                    ),
                ));
            }
            let rest: Vec<&str> = query
                .split('&')
                .filter(|p| {
                    !["round_months", "rounds", "key", "years"]
                        .contains(&p.split('=').next().unwrap_or(""))
                })
                .collect();
            let mut knobs = parse_query(&rest.join("&")).map_err(bad)?;
            knobs.years = Some(round_months * rounds).map(|m| m.div_ceil(12));
            Call::Start {
                knobs,
                round_months,
                rounds,
                key: text("key")?,
            }
        }
        "/api/session/round" => Call::Round { key: text("key")? },
        "/api/session/state" => Call::State,
        "/api/session/export" => Call::Export {
            key: text("key")?,
            csv: get("format")?.as_deref() == Some("csv"),
        },
        "/api/join" => Call::Join {
            code: text("code")?,
            role: session::Role::parse(&get("role")?.unwrap_or_default()).map_err(bad)?,
        },
        "/api/choose" => Call::Choose {
            token: text("token")?,
            query: query.to_string(),
        },
        "/api/me" => Call::Me {
            token: text("token")?,
        },
        _ => return Err((404, "not found".into())),
    })
}

/// Decides what a request asks for. Pure: no file access, no state.
pub fn route(method: &str, url: &str) -> Route {
    if url.len() > MAX_URL_BYTES {
        return Route::Answer(json_error(414, "the request line is too long"));
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path.starts_with("/api/session/") || ["/api/join", "/api/choose", "/api/me"].contains(&path)
    {
        return match session_call(path, method, query) {
            Ok(c) => Route::Session(c),
            Err((status, e)) => Route::Answer(json_error(status, &e)),
        };
    }
    if method != "GET" {
        return Route::Answer(json_error(405, "only GET is served here"));
    }
    match path {
        "/" | "/index.html" => {
            Route::Answer((200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()))
        }
        "/api/simulate" => match parse_query(query) {
            Ok(k) => Route::Simulate(k),
            Err(e) => Route::Answer(json_error(400, &e)),
        },
        "/api/status" => Route::Status,
        "/api/catalogue" => Route::Catalogue,
        "/join" => Route::Answer((
            200,
            "text/html; charset=utf-8",
            JOIN_PAGE.as_bytes().to_vec(),
        )),
        "/favicon.ico" => Route::Answer((204, "text/plain", Vec::new())),
        _ => Route::Answer(json_error(
            404,
            "not found: this server serves /, /join, /api/simulate, /api/catalogue, /api/status and the session's /api/session/..., /api/join, /api/choose and /api/me",
        )),
    }
}

/// The answer to a simulation request: 200 with the JSON the page animates, or 400.
pub fn simulation_answer(library: &Library, k: &Knobs, burn_ins: &BurnIns) -> Response {
    match simulate(library, k, burn_ins) {
        Ok(v) => (
            200,
            "application/json",
            serde_json::to_vec(&v).expect("json"),
        ),
        Err(e) => json_error(400, &e),
    }
}

/// Answers one request inline, as a server with one worker and nothing else to do would.
/// Pure: no file access, no state (`/api/status` reports an idle server).
pub fn handle(library: &Library, method: &str, url: &str) -> Response {
    match route(method, url) {
        Route::Answer(r) => r,
        Route::Simulate(k) => simulation_answer(library, &k, &BurnIns::new(1)),
        Route::Catalogue => json_answer(&library.catalogue()),
        Route::Session(_) => json_error(503, "a session needs the server (`wijksim workshop`)"),
        Route::Status => (
            200,
            "application/json",
            serde_json::to_vec(&server::Load::default()).expect("json"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_validated_and_bounded() {
        let s = Library::new(crate::scenario::baseline());
        assert_eq!(handle(&s, "POST", "/").0, 405);
        assert_eq!(handle(&s, "GET", "/etc/passwd").0, 404);
        assert_eq!(handle(&s, "GET", "/../Cargo.toml").0, 404);
        assert_eq!(handle(&s, "GET", &format!("/?{}", "a".repeat(2000))).0, 414);
        let (status, _, body) = handle(&s, "GET", "/api/simulate?local_share=2");
        assert_eq!(status, 400);
        assert!(String::from_utf8(body).unwrap().contains("outside 0 to 1"));
        assert_eq!(handle(&s, "GET", "/api/simulate?years=50").0, 400);
        assert_eq!(handle(&s, "GET", "/api/simulate?foo=1").0, 400);
        let (status, _, body) = handle(&s, "GET", "/api/simulate?years=1&coin=1&local_share=0.4");
        assert_eq!(status, 200);
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["months"].as_array().unwrap().len(), 12);
        assert!(v["months"][0]["edges"].as_array().unwrap().len() > 5);
        assert!(v["euro"]["rounds"][2]["cumulative"].as_f64().unwrap() > 1.0);
        assert_eq!(handle(&s, "GET", "/").0, 200);
    }

    #[test]
    fn a_higher_local_share_keeps_more_in_the_wijk() {
        let s = crate::scenario::baseline();
        let lo = simulate(
            &Library::new(s.clone()),
            &parse_query("years=1&local_share=0.2").unwrap(),
            &BurnIns::new(1),
        )
        .unwrap();
        let hi = simulate(
            &Library::new(s.clone()),
            &parse_query("years=1&local_share=0.6").unwrap(),
            &BurnIns::new(1),
        )
        .unwrap();
        let leak = |v: &serde_json::Value| {
            v["years"][0]["indicators"][Indicator::LeakageShare.name()]
                .as_f64()
                .unwrap()
        };
        assert!(leak(&hi) < leak(&lo));
    }

    fn shipped(path: &str) -> Scenario {
        crate::scenario::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
    }

    #[test]
    fn workshop_knobs_start_from_the_loaded_scenario_and_coin_0_switches_a_presets_coin_off() {
        // A preset with a coin: `coin=0` switches it off, with the levers that need it.
        let torekes = shipped("scenarios/presets/torekes.ron");
        assert!(torekes.coins.enabled && torekes.levers.shops_accept_coins.enabled);
        let off = apply(&torekes, &parse_query("coin=0").unwrap());
        assert!(!off.coins.enabled);
        assert!(!off.levers.shops_accept_coins.enabled);
        assert!(!off.levers.association_fees_in_coins.enabled);
        assert!(crate::scenario::validate::check(&off).is_empty());
        // Keys not sent keep the scenario's values: its coin, fee, shares and quota.
        let kept = apply(&torekes, &parse_query("years=1").unwrap());
        assert_eq!(kept.coins, torekes.coins);
        assert_eq!(kept.levers, torekes.levers);
        assert_eq!(kept.neighbourhoods, torekes.neighbourhoods);
        // `coin=1` on a scenario that has a coin keeps that coin's settings.
        let on = apply(&torekes, &parse_query("coin=1").unwrap());
        assert_eq!(on.coins.issuance, torekes.coins.issuance);
        assert_eq!(
            on.levers.shops_accept_coins,
            torekes.levers.shops_accept_coins
        );
        let quota = shipped("scenarios/levers/05-procurement-quota.ron");
        let q = apply(&quota, &parse_query("local_share=0.4&coin=0").unwrap());
        assert!(q.levers.procurement_quota.enabled);
        assert_eq!(q.levers.procurement_quota.resident_share, 0.5);
        assert_eq!(q.neighbourhoods[0].residents.spending_share_local, 0.4);
        // The answer says what was in effect.
        let v = simulate(
            &Library::new(quota),
            &parse_query("years=1").unwrap(),
            &BurnIns::new(1),
        )
        .unwrap();
        assert_eq!(v["settings"]["levers"]["procurement_quota"]["on"], true);
        assert_eq!(v["settings"]["levers"]["procurement_quota"]["dial"], 0.5);
        assert_eq!(v["settings"]["coin"], false);
    }

    /// The CI's browser check found a move of the local-share slider taking 1.3 s: each
    /// value was a new scenario and burned in for 25 years. It now starts from the loaded
    /// scenario's steady state.
    #[test]
    fn moving_the_local_share_burns_in_no_more() {
        let mut s = crate::scenario::baseline();
        s.neighbourhoods[0].residents.count = 600;
        s.run.burn_in_years = 2;
        let burn_ins = BurnIns::new(4);
        let low = simulate(
            &Library::new(s.clone()),
            &parse_query("years=1&local_share=0.2").unwrap(),
            &burn_ins,
        );
        let high = simulate(
            &Library::new(s.clone()),
            &parse_query("years=1&local_share=0.7").unwrap(),
            &burn_ins,
        );
        assert_eq!(burn_ins.computed(), 1, "one burn-in for both settings");
        let leakage = |v: &serde_json::Value| v["years"][0]["indicators"]["leakage_share"].as_f64();
        let (low, high) = (low.unwrap(), high.unwrap());
        assert!(leakage(&low).unwrap() > leakage(&high).unwrap());
    }

    #[test]
    fn the_page_takes_its_indicator_labels_from_the_catalogue() {
        // The page names no indicator and writes no label of its own: the answer brings them.
        for ind in Indicator::ALL {
            assert!(
                !PAGE.contains(ind.name()),
                "page.html names `{}`; take it from the answer's `panel`",
                ind.name()
            );
        }
        for hand_made in ["Werkloosheid", "Unemployment", "Weglek", "Leakage", "LM3"] {
            assert!(!PAGE.contains(hand_made), "page.html spells {hand_made:?}");
        }
        let s = crate::scenario::baseline();
        let v = simulate(
            &Library::new(s),
            &parse_query("years=1").unwrap(),
            &BurnIns::new(1),
        )
        .unwrap();
        let panel = v["panel"].as_array().unwrap();
        assert_eq!(panel.len(), PANEL.len());
        for (p, ind) in panel.iter().zip(PANEL) {
            assert_eq!(p["name"], ind.name());
            assert_eq!(p["nl"], capitalise(ind.label(Lang::Nl)));
            assert_eq!(p["en"], capitalise(ind.label(Lang::En)));
            assert_eq!(p["unit"], ind.unit().name());
            // Every panel entry has a value in every month.
            assert!(v["months"][0]["indicators"][ind.name()].is_number());
        }
        assert_eq!(panel[0]["nl"], "Werkloosheid");
    }

    #[test]
    fn every_answer_of_the_pure_router_names_its_type_and_cache_policy() {
        assert_eq!(cache_control(200, "text/html; charset=utf-8"), "no-cache");
        assert_eq!(cache_control(200, "application/json"), "no-store");
        assert_eq!(cache_control(404, "application/json"), "no-store");
        assert!(matches!(
            route("GET", "/api/simulate?years=1"),
            Route::Simulate(_)
        ));
        assert_eq!(route("GET", "/api/status"), Route::Status);
        assert!(CONTENT_SECURITY_POLICY.contains("default-src 'none'"));
    }
}
