//! The workshop: a small local web server and one page for a projector, on which a room
//! watches money move between residents, shops, associations, the municipality and the
//! outside world, and sees what a coin, buying local or a quota changes.
//!
//! *Safe to leave running in a room*: it serves only its own page and one API route, never
//! reads or writes a file on a request's behalf, answers only GET, refuses long URLs, and
//! validates every parameter with a clear error. The work a request can cause is bounded:
//! at most 5 simulated years of the scenario loaded at start, which itself is limited to
//! 20,000 residents.

use crate::model::Model;
use crate::model::indicators::{Observer, Period, PeriodKind, Row};
use crate::model::ledger::{Currency, FlowMatrix, Purpose, Sector};
use crate::scenario::Scenario;

/// The page, with its script and style inline (no external asset, no network).
pub const PAGE: &str = include_str!("page.html");

/// Largest scenario the workshop accepts, in residents.
pub const MAX_RESIDENTS: u64 = 20_000;
/// Longest run a request may ask for, in years.
pub const MAX_YEARS: u32 = 5;
/// Longest request line accepted, in bytes.
pub const MAX_URL_BYTES: usize = 1024;

/// The settings a room can change.
#[derive(Clone, Debug, PartialEq)]
pub struct Knobs {
    /// Share of household spending at local shops.
    pub local_share: f64,
    /// Whether the neighbourhood coin exists.
    pub coin: bool,
    /// Redemption fee of the coin.
    pub fee: f64,
    /// Demurrage per month.
    pub demurrage: f64,
    /// Benefits tied to coins earned (lever 1).
    pub tied: bool,
    /// Procurement quota (lever 5): share of contract staff who must be residents.
    pub quota: f64,
    /// Years to simulate.
    pub years: u32,
}

/// The groups shown on the page, in display order.
pub const NODES: [&str; 5] = [
    "residents",
    "shops",
    "associations",
    "municipality",
    "outside",
];

fn node(s: Sector) -> usize {
    match s {
        Sector::Households => 0,
        Sector::Businesses => 1,
        Sector::Associations => 2,
        Sector::Municipality | Sector::CoinScheme => 3,
        Sector::NationalGovernment | Sector::RestOfWorld => 4,
    }
}

/// Parses the query string of `/api/simulate`, or says what is wrong.
pub fn parse_query(scenario: &Scenario, query: &str) -> Result<Knobs, String> {
    let mut k = Knobs {
        local_share: scenario.neighbourhoods[0].residents.spending_share_local,
        coin: false,
        fee: 0.05,
        demurrage: 0.0,
        tied: false,
        quota: 0.0,
        years: 2,
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
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
            "local_share" => k.local_share = num(0.0, 1.0)?,
            "coin" => k.coin = num(0.0, 1.0)? >= 0.5,
            "fee" => k.fee = num(0.0, 0.5)?,
            "demurrage" => k.demurrage = num(0.0, 0.1)?,
            "tied" => k.tied = num(0.0, 1.0)? >= 0.5,
            "quota" => k.quota = num(0.0, 1.0)?,
            "years" => k.years = num(1.0, MAX_YEARS as f64)?.round() as u32,
            _ => {
                return Err(format!(
                    "unknown parameter `{key}`; allowed: local_share, coin, fee, demurrage, tied, quota, years"
                ));
            }
        }
    }
    Ok(k)
}

/// The scenario a room's settings describe.
pub fn apply(base: &Scenario, k: &Knobs) -> Scenario {
    let mut s = base.clone();
    s.run.years = k.years;
    for n in &mut s.neighbourhoods {
        n.residents.spending_share_local = k.local_share;
    }
    if k.coin {
        s.coins.enabled = true;
        s.coins.issuance.per_volunteer_hour = 10.0;
        s.coins.redemption.businesses = true;
        s.coins.redemption.associations = true;
        s.coins.redemption.fee_share = k.fee;
        s.coins.demurrage.rate_per_period = k.demurrage;
        s.coins.demurrage.period_months = 1;
        s.levers.shops_accept_coins.enabled = true;
        s.levers.shops_accept_coins.share_of_price = 0.5;
        s.levers.benefits_tied_to_coins.enabled = k.tied;
        s.levers.benefits_tied_to_coins.bonus_eur_per_coin = 0.5;
    }
    s.levers.procurement_quota.enabled = k.quota > 0.0;
    s.levers.procurement_quota.resident_share = k.quota;
    s
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

/// Runs the room's scenario and returns the JSON the page animates.
pub fn simulate(base: &Scenario, k: &Knobs) -> serde_json::Value {
    let s = apply(base, k);
    let mut obs = Monthly::default();
    let mut m = Model::new(&s);
    m.run(&mut obs, |_, _| {});
    // Follow one euro: the share that stays in each round, from the last year's LM3 parts.
    let last = obs.years.last().cloned().unwrap_or_default();
    let s_b = last["indicators"]["business_local_spending_share"]
        .as_f64()
        .unwrap_or(0.0);
    let s_r = last["indicators"]["respending_local_share"]
        .as_f64()
        .unwrap_or(0.0);
    let mut rounds = Vec::new();
    let (mut stays, mut total) = (1.0, 0.0);
    for round in 1..=6 {
        total += stays;
        rounds.push(serde_json::json!({"round": round, "stays": (stays * 1e4f64).round() / 1e4, "cumulative": (total * 1e4f64).round() / 1e4}));
        stays *= if round == 1 { s_b } else { s_r };
    }
    serde_json::json!({
        "nodes": NODES,
        "months": obs.months,
        "years": obs.years,
        "euro": {"s_b": s_b, "s_r": s_r, "rounds": rounds},
        "settings": {"local_share": k.local_share, "coin": k.coin, "fee": k.fee, "demurrage": k.demurrage,
                     "tied": k.tied, "quota": k.quota, "years": k.years},
    })
}

/// A response: status, content type, body.
pub type Response = (u16, &'static str, Vec<u8>);

fn json_error(status: u16, message: &str) -> Response {
    (
        status,
        "application/json",
        serde_json::to_vec(&serde_json::json!({"error": message})).expect("json"),
    )
}

/// Answers one request. Pure: no file access, no state.
pub fn handle(base: &Scenario, method: &str, url: &str) -> Response {
    if url.len() > MAX_URL_BYTES {
        return json_error(414, "the request line is too long");
    }
    if method != "GET" {
        return json_error(405, "only GET is served");
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        "/" | "/index.html" => (200, "text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/api/simulate" => match parse_query(base, query) {
            Ok(k) => (
                200,
                "application/json",
                serde_json::to_vec(&simulate(base, &k)).expect("json"),
            ),
            Err(e) => json_error(400, &e),
        },
        "/favicon.ico" => (204, "text/plain", Vec::new()),
        _ => json_error(
            404,
            "not found: this server serves / and /api/simulate only",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_validated_and_bounded() {
        let s = crate::scenario::baseline();
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
        let lo = simulate(&s, &parse_query(&s, "years=1&local_share=0.2").unwrap());
        let hi = simulate(&s, &parse_query(&s, "years=1&local_share=0.6").unwrap());
        let leak = |v: &serde_json::Value| {
            v["years"][0]["indicators"]["leakage_share"]
                .as_f64()
                .unwrap()
        };
        assert!(leak(&hi) < leak(&lo));
    }
}
