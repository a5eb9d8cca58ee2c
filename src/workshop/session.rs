//! A room playing the wijk from phones (issue 13, item 4; docs/ODD.md 7.20): the
//! facilitator opens a session on the projector, participants join at `/join` with the
//! session's short code, each as a household or a shop owner, and make a few choices per
//! round; the facilitator plays the rounds (a round is `round_months` simulated months, a
//! quarter by default). Each player speaks for a block of the wijk's households or
//! businesses ([`crate::model::players`]).
//!
//! The session is its [`Log`]: the scenario, the seed, the round length and the events in
//! order (joins, choices, rounds). Every answer is computed from the log alone by
//! [`replay`], from the scenario's burn-in, so a session replays to the same bytes
//! anywhere (`wijksim workshop --replay LOG.json`). The secrets (the facilitator's key,
//! the players' tokens) and the addresses are not in the log; this file keeps no account,
//! writes no file and holds at most [`MAX_PLAYERS`] players.

use crate::experiment::BurnIns;
use crate::model::ids::{BusinessId, HouseholdId};
use crate::model::ledger::Currency;
use crate::model::players::{BusinessChoice, HouseholdChoice, Players};
use crate::model::{Model, world::World};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// Most players in a session (the room of 40).
pub const MAX_PLAYERS: usize = 40;
/// Most choices one player may send in one round.
pub const MAX_CHOICES_PER_ROUND: u32 = 30;
/// Most joins from one address (a phone that reloads, a pair sharing one); the loopback
/// address (the computer that runs the workshop) is not limited.
pub const MAX_JOINS_PER_ADDRESS: usize = 4;
/// A round, in months, by default (a quarter).
pub const DEFAULT_ROUND_MONTHS: u32 = 3;
/// Rounds in a session, by default (two years of quarters).
pub const DEFAULT_ROUNDS: u32 = 8;
/// The log's format.
pub const LOG_FORMAT: u32 = 1;

/// What a participant plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Speaks for a block of households: where they shop, whether they volunteer.
    Household,
    /// Speaks for a block of businesses: whether they accept coins, whether they redeem.
    Shop,
}

impl Role {
    /// Parses `household` or `shop`.
    pub fn parse(s: &str) -> Result<Role, String> {
        match s {
            "household" => Ok(Role::Household),
            "shop" => Ok(Role::Shop),
            _ => Err(format!("`role` is \"{s}\"; allowed: household, shop")),
        }
    }
}

/// One thing that happened in a session, in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Player `player` (numbered from 0 in joining order) joined as `role`.
    Join {
        /// The player's number.
        player: usize,
        /// What it plays.
        role: Role,
    },
    /// A household player's choice for the next round (replaces its earlier one).
    ChooseHousehold {
        /// The player's number.
        player: usize,
        /// The choice.
        choice: HouseholdChoice,
    },
    /// A shop player's choice for the next round (replaces its earlier one).
    ChooseShop {
        /// The player's number.
        player: usize,
        /// The choice.
        choice: BusinessChoice,
    },
    /// The facilitator played a round.
    Round,
}

/// Everything a session's answers are computed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Log {
    /// [`LOG_FORMAT`].
    pub format: u32,
    /// The id of the scenario on offer it started from (for people; `scenario` is what
    /// runs).
    pub scenario_id: String,
    /// The scenario that runs, in the scenario file format (seed, years, settings).
    pub scenario: String,
    /// Months in a round.
    pub round_months: u32,
    /// Rounds the session may play.
    pub rounds: u32,
    /// What happened, in order.
    pub events: Vec<Event>,
}

impl Log {
    /// Players so far, by number.
    pub fn roles(&self) -> Vec<Role> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Join { role, .. } => Some(*role),
                _ => None,
            })
            .collect()
    }

    /// Rounds played so far.
    pub fn rounds_played(&self) -> u32 {
        self.events.iter().filter(|e| **e == Event::Round).count() as u32
    }
}

/// How one player's block fared in a round (means over its households or businesses, at
/// the round's last month).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fare {
    /// The player's number.
    pub player: usize,
    /// `household` or `shop`.
    pub role: &'static str,
    /// Households or active businesses it speaks for.
    pub agents: u32,
    /// Households: mean income in the month, EUR; shops: mean sales a month, EUR (their
    /// smoothed sales, `revenue_expected`, as the month's are cleared at its end).
    pub income_eur_month: f64,
    /// Mean euros held, EUR.
    pub euros_eur: f64,
    /// Mean coins held.
    pub coins: f64,
    /// Shops: share accepting coins (0 for households).
    pub share: f64,
}

/// A session's state, replayed from its log: the months so far in the form the page
/// animates, how each player's block fared after each round, and the choices in effect.
#[derive(Clone, Debug)]
pub struct Replayed {
    /// The answer the projector shows (the form of `/api/simulate`'s, plus `session`).
    pub answer: serde_json::Value,
    /// Per round played, each player's [`Fare`].
    pub fares: Vec<Vec<Fare>>,
}

/// The scenario a log runs, or why it cannot.
pub fn scenario_of(log: &Log) -> Result<Scenario, String> {
    let s = crate::scenario::parse(&log.scenario, "session.scenario").map_err(|e| e.to_string())?;
    if let Some(p) = crate::scenario::validate::check(&s).first() {
        return Err(format!(
            "the session's scenario: `{}` {}",
            p.path, p.message
        ));
    }
    Ok(s)
}

/// Replays a session from its log: the scenario from its burn-in, each round's months with
/// the choices made before it. The same log gives the same bytes, on any machine.
pub fn replay(log: &Log, burn_ins: &BurnIns) -> Result<Replayed, String> {
    let mut r = Replayer::new(log, burn_ins)?;
    r.advance(log)?;
    Ok(r.replayed(log))
}

/// A replay in progress: the model after the events of the log it has applied, so that a
/// round advances it by that round's months instead of replaying the session from its
/// burn-in (a round's cost stays flat over a long session). The model is deterministic, so
/// a replay advanced round by round is the replay of the whole log, to the byte; a test
/// pins it.
pub struct Replayer {
    /// The log's scenario, as written in it (a log of another scenario cannot continue it).
    scenario: String,
    seed: u64,
    years: u32,
    m: Model,
    obs: super::Monthly,
    roles: Vec<Role>,
    households: Vec<HouseholdChoice>,
    shops: Vec<BusinessChoice>,
    /// A player's place among the players of its role.
    place: Vec<usize>,
    fares: Vec<Vec<Fare>>,
    /// Events of the log applied so far.
    applied: usize,
}

impl Replayer {
    /// The session of `log` before any of its events: the scenario after its burn-in.
    pub fn new(log: &Log, burn_ins: &BurnIns) -> Result<Replayer, String> {
        if log.format != LOG_FORMAT {
            return Err(format!(
                "the log's format is {}, this wijksim reads {LOG_FORMAT}",
                log.format
            ));
        }
        let s = scenario_of(log)?;
        let burn_in = crate::model::BurnIn::clone(&burn_ins.get(&s));
        Ok(Replayer {
            scenario: log.scenario.clone(),
            seed: s.run.seed,
            years: s.run.years,
            m: Model::after_change(burn_in, &s)?,
            obs: super::Monthly::default(),
            roles: Vec::new(),
            households: Vec::new(),
            shops: Vec::new(),
            place: Vec::new(),
            fares: Vec::new(),
            applied: 0,
        })
    }

    /// Whether `log` continues what this replay has applied (same scenario, no fewer events).
    pub fn continues(&self, log: &Log) -> bool {
        log.scenario == self.scenario && log.events.len() >= self.applied
    }

    /// Applies the events of `log` not applied yet; `log` must continue this replay.
    pub fn advance(&mut self, log: &Log) -> Result<(), String> {
        if !self.continues(log) {
            return Err("the log does not continue this replay".into());
        }
        for e in &log.events[self.applied..] {
            self.apply(e, log.round_months);
        }
        self.applied = log.events.len();
        Ok(())
    }

    fn apply(&mut self, e: &Event, round_months: u32) {
        match e {
            Event::Join { role, .. } => {
                self.roles.push(*role);
                match role {
                    Role::Household => {
                        self.place.push(self.households.len());
                        self.households.push(HouseholdChoice::default());
                    }
                    Role::Shop => {
                        self.place.push(self.shops.len());
                        self.shops.push(BusinessChoice::default());
                    }
                }
            }
            Event::ChooseHousehold { player, choice } => {
                self.households[self.place[*player]] = *choice;
            }
            Event::ChooseShop { player, choice } => self.shops[self.place[*player]] = *choice,
            Event::Round => {
                let m = &mut self.m;
                m.set_players(Players {
                    households: self.households.clone(),
                    businesses: self.shops.clone(),
                });
                for _ in 0..round_months {
                    if m.tick() >= m.ticks_total() {
                        break;
                    }
                    m.step(&mut self.obs);
                }
                self.fares.push(fare(m, &self.roles));
            }
        }
    }

    /// The state so far, in the form the projector shows.
    pub fn replayed(&self, log: &Log) -> Replayed {
        let answer = serde_json::json!({
            "round_months": log.round_months,
            "nodes": super::NODES,
            "months": self.obs.months,
            "panel": super::panel(),
            "euro": {"keys": super::euro_keys()},
            "fares": self.fares,
            "scenario": log.scenario_id,
            "settings": {"seed": self.seed, "years": self.years},
        });
        Replayed {
            answer,
            fares: self.fares.clone(),
        }
    }
}

/// How each player's block fares now.
fn fare(m: &Model, roles: &[Role]) -> Vec<Fare> {
    let w: &World = m.world();
    let ledger = m.ledger();
    let players = m.players();
    let mut out: Vec<Fare> = roles
        .iter()
        .enumerate()
        .map(|(player, r)| Fare {
            player,
            role: match r {
                Role::Household => "household",
                Role::Shop => "shop",
            },
            ..Fare::default()
        })
        .collect();
    // The player of each place, per role (players are numbered in joining order).
    let of_role =
        |role: Role| -> Vec<usize> { (0..roles.len()).filter(|i| roles[*i] == role).collect() };
    let (household_players, shop_players) = (of_role(Role::Household), of_role(Role::Shop));
    for h in 0..w.households.nb.len() {
        let Some(p) = players.of_household(h).map(|p| household_players[p]) else {
            break;
        };
        let acc = w.household_account(HouseholdId(h as u32));
        let f = &mut out[p];
        f.agents += 1;
        f.income_eur_month += w.households.income_cents[h] as f64 / 100.0;
        f.euros_eur += ledger.balance(Currency::Eur, acc) as f64 / 100.0;
        f.coins += ledger.balance(Currency::Coin, acc) as f64;
    }
    for b in 0..w.businesses.nb.len() {
        if !w.businesses.active[b] {
            continue;
        }
        let Some(p) = players.of_business(b).map(|p| shop_players[p]) else {
            break;
        };
        let acc = w.business_account(BusinessId(b as u32));
        let f = &mut out[p];
        f.agents += 1;
        // The month's sales are cleared at its end; their smoothed value is what is left.
        f.income_eur_month += w.businesses.revenue_expected[b] / 100.0;
        f.euros_eur += ledger.balance(Currency::Eur, acc) as f64 / 100.0;
        f.coins += ledger.balance(Currency::Coin, acc) as f64;
        f.share += f64::from(u8::from(w.businesses.accepts_coins[b]));
    }
    for f in &mut out {
        if f.agents > 0 {
            let n = f64::from(f.agents);
            f.income_eur_month = (f.income_eur_month / n * 100.0).round() / 100.0;
            f.euros_eur = (f.euros_eur / n * 100.0).round() / 100.0;
            f.coins = (f.coins / n * 100.0).round() / 100.0;
            f.share = (f.share / n * 1e4).round() / 1e4;
        }
    }
    out
}

/// The session's results as one tidy CSV table: one row per round, player and measure.
pub fn fares_csv(fares: &[Vec<Fare>]) -> String {
    let mut out = String::from("round,player,role,agents,income_eur_month,euros_eur,coins,share\n");
    for (r, round) in fares.iter().enumerate() {
        for f in round {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                r + 1,
                f.player,
                f.role,
                f.agents,
                f.income_eur_month,
                f.euros_eur,
                f.coins,
                f.share
            ));
        }
    }
    out
}

/// The letters of a session code: capitals without I and O (read aloud, typed on a phone).
const CODE_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A refusal: the status and what to tell the client.
pub type Refusal = (u16, String);

/// A session being played: its log and what is not in it (the code shown on the
/// projector, the facilitator's key, the players' tokens, the counts that bound them).
#[derive(Debug)]
pub struct Live {
    /// Everything its answers are computed from.
    pub log: Log,
    /// The code participants type (4 letters).
    pub code: String,
    key: String,
    tokens: Vec<String>,
    choices_this_round: Vec<u32>,
    joins_by_address: std::collections::HashMap<std::net::IpAddr, usize>,
    /// A round is being computed.
    pub playing: bool,
    /// The last replay: the projector's answer, serialised once.
    pub state: Option<std::sync::Arc<Vec<u8>>>,
    /// The fares of the last replay, per round.
    pub fares: Vec<Vec<Fare>>,
    /// Whether the session's scenario has the coin (the phones offer its choices only then).
    pub coin: bool,
    /// The replays after the last round, continued by the next (taken while a round is
    /// played; `None` replays the next round from the start).
    pub checkpoint: Option<Box<Checkpoint>>,
}

fn secret(rng: &mut impl rand::Rng, letters: usize) -> String {
    (0..letters)
        .map(|_| CODE_LETTERS[rng.random_range(0..CODE_LETTERS.len())] as char)
        .collect()
}

impl Live {
    /// A new session of `scenario` (the room's settings applied), with a fresh code and key
    /// from the operating system's randomness (they are not part of any result).
    pub fn new(scenario_id: &str, scenario: &Scenario, round_months: u32, rounds: u32) -> Live {
        let mut rng = rand::rng();
        Live {
            log: Log {
                format: LOG_FORMAT,
                scenario_id: scenario_id.to_string(),
                scenario: crate::scenario::to_ron(scenario),
                round_months,
                rounds,
                events: Vec::new(),
            },
            code: secret(&mut rng, 4),
            key: secret(&mut rng, 24),
            tokens: Vec::new(),
            choices_this_round: Vec::new(),
            joins_by_address: std::collections::HashMap::new(),
            playing: false,
            state: None,
            fares: Vec::new(),
            coin: scenario.coins.enabled,
            checkpoint: None,
        }
    }

    /// The facilitator's key (told once, to the page that started the session).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Whether `key` is the facilitator's.
    pub fn is_facilitator(&self, key: &str) -> bool {
        !key.is_empty() && key == self.key
    }

    /// The player a token belongs to.
    pub fn player(&self, token: &str) -> Option<usize> {
        self.tokens
            .iter()
            .position(|t| !token.is_empty() && t == token)
    }

    /// A participant joins with the session's code: its number and token, or why not.
    pub fn join(
        &mut self,
        code: &str,
        role: Role,
        address: std::net::IpAddr,
    ) -> Result<(usize, String), Refusal> {
        if !code.eq_ignore_ascii_case(&self.code) {
            return Err((
                403,
                "that is not this session's code: it is on the projector".into(),
            ));
        }
        if self.tokens.len() >= MAX_PLAYERS {
            return Err((
                409,
                format!("the room is full: {MAX_PLAYERS} players have joined"),
            ));
        }
        // The computer that runs the workshop may open as many players as the room holds
        // (a facilitator trying the phone page in several tabs; the browser tests).
        let joins = self.joins_by_address.get(&address).copied().unwrap_or(0);
        if joins >= MAX_JOINS_PER_ADDRESS && !address.is_loopback() {
            return Err((
                429,
                format!(
                    "this device has joined {MAX_JOINS_PER_ADDRESS} times; keep playing the player you have"
                ),
            ));
        }
        self.joins_by_address.insert(address, joins + 1);
        let player = self.tokens.len();
        let token = secret(&mut rand::rng(), 24);
        self.tokens.push(token.clone());
        self.choices_this_round.push(0);
        self.log.events.push(Event::Join { player, role });
        Ok((player, token))
    }

    /// A player's choice for the next round, from a query string (`local_share`,
    /// `volunteer` for a household; `accept_coins`, `redeem_coins` for a shop; a choice not
    /// sent is left to the model's rule).
    pub fn choose(&mut self, token: &str, query: &str) -> Result<usize, Refusal> {
        let player = self
            .player(token)
            .ok_or((403, "unknown player: join again at /join".to_string()))?;
        if self.log.rounds_played() >= self.log.rounds {
            return Err((409, "the session has played all its rounds".into()));
        }
        if self.choices_this_round[player] >= MAX_CHOICES_PER_ROUND {
            return Err((
                429,
                format!(
                    "{MAX_CHOICES_PER_ROUND} choices this round already; wait for the next round"
                ),
            ));
        }
        let role = self.log.roles()[player];
        let event = parse_choice(player, role, query).map_err(|e| (400, e))?;
        self.choices_this_round[player] += 1;
        self.log.events.push(event);
        Ok(player)
    }

    /// Starts a round: the log gets its event (choices sent from now on count for the next
    /// round) and the log to replay is returned, or why not.
    pub fn start_round(&mut self) -> Result<Log, Refusal> {
        if self.playing {
            return Err((409, "a round is being played".into()));
        }
        if self.log.rounds_played() >= self.log.rounds {
            return Err((
                409,
                format!("the session has played its {} rounds", self.log.rounds),
            ));
        }
        self.log.events.push(Event::Round);
        self.playing = true;
        self.choices_this_round.iter_mut().for_each(|c| *c = 0);
        Ok(self.log.clone())
    }

    /// What the projector needs besides the run: code, rounds, players, choices made.
    pub fn summary(&self) -> serde_json::Value {
        let roles = self.log.roles();
        let count = |r: Role| roles.iter().filter(|x| **x == r).count();
        serde_json::json!({
            "code": self.code,
            "round": self.log.rounds_played(),
            "rounds": self.log.rounds,
            "round_months": self.log.round_months,
            "playing": self.playing,
            "households": count(Role::Household),
            "shops": count(Role::Shop),
            "chosen": self.choices_this_round.iter().filter(|c| **c > 0).count(),
            "max_players": MAX_PLAYERS,
            "coin": self.coin,
        })
    }

    /// What a player's phone shows: its number, role, the round, its choice in effect and
    /// how its block fared after each round.
    pub fn me(&self, player: usize) -> serde_json::Value {
        let role = self.log.roles()[player];
        let choice = self.log.events.iter().rev().find_map(|e| match e {
            Event::ChooseHousehold { player: p, choice } if *p == player => {
                Some(serde_json::to_value(choice).expect("json"))
            }
            Event::ChooseShop { player: p, choice } if *p == player => {
                Some(serde_json::to_value(choice).expect("json"))
            }
            _ => None,
        });
        let fares: Vec<&Fare> = self.fares.iter().filter_map(|r| r.get(player)).collect();
        serde_json::json!({
            "player": player,
            "role": role,
            "round": self.log.rounds_played(),
            "rounds": self.log.rounds,
            "playing": self.playing,
            "chosen": self.choices_this_round[player] > 0,
            "choice": choice,
            "fares": fares,
            "players": self.tokens.len(),
            "coin": self.coin,
        })
    }
}

/// A choice from a query string, for a player of `role`.
pub fn parse_choice(player: usize, role: Role, query: &str) -> Result<Event, String> {
    let mut h = HouseholdChoice::default();
    let mut b = BusinessChoice::default();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let switch = || match value {
            "1" => Ok(Some(true)),
            "0" => Ok(Some(false)),
            "" => Ok(None),
            _ => Err(format!(
                "`{key}` is \"{value}\"; allowed: 1, 0, or empty for the model's rule"
            )),
        };
        match (role, key) {
            (_, "token") => {}
            (Role::Household, "local_share") => {
                h.local_share = if value.is_empty() {
                    None
                } else {
                    let v: f64 = value.parse().map_err(|_| {
                        format!("`local_share` is \"{value}\", not a number from 0 to 1")
                    })?;
                    if !(0.0..=1.0).contains(&v) {
                        return Err(format!("`local_share` is {v}, outside 0 to 1"));
                    }
                    Some(v)
                }
            }
            (Role::Household, "volunteer") => h.volunteer = switch()?,
            (Role::Shop, "accept_coins") => b.accept_coins = switch()?,
            (Role::Shop, "redeem_coins") => b.redeem_coins = switch()?,
            _ => {
                let allowed = match role {
                    Role::Household => "local_share, volunteer",
                    Role::Shop => "accept_coins, redeem_coins",
                };
                return Err(format!(
                    "`{key}` is not a choice of this player; allowed: {allowed}"
                ));
            }
        }
    }
    Ok(match role {
        Role::Household => Event::ChooseHousehold { player, choice: h },
        Role::Shop => Event::ChooseShop { player, choice: b },
    })
}

/// The log a session would have had without the room: the same rounds, nobody joined.
pub fn without_the_room(log: &Log) -> Log {
    Log {
        events: log
            .events
            .iter()
            .filter(|e| **e == Event::Round)
            .cloned()
            .collect(),
        ..log.clone()
    }
}

/// The replays a live session keeps between rounds: with the room and without it.
pub struct Checkpoint {
    with: Replayer,
    without: Replayer,
}

impl std::fmt::Debug for Checkpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkpoint")
            .field("events_applied", &self.with.applied)
            .field("month", &self.with.m.tick())
            .finish()
    }
}

/// The projector's answer after a round: the run with the room, and the panel's numbers
/// of the same months without it; from the session's start.
pub fn state(log: &Log, burn_ins: &BurnIns) -> Result<(Vec<u8>, Vec<Vec<Fare>>), String> {
    state_after(None, log, burn_ins).map(|p| (p.bytes, p.fares))
}

/// A round's outcome: what [`state`] gives, and the checkpoint the next round continues.
pub struct Played {
    /// The projector's answer, serialised.
    pub bytes: Vec<u8>,
    /// Per round played, each player's [`Fare`].
    pub fares: Vec<Vec<Fare>>,
    /// The replays after this round.
    pub checkpoint: Box<Checkpoint>,
}

/// [`state`], continued from the checkpoint of an earlier round where it fits `log`
/// (otherwise from the start).
pub fn state_after(
    checkpoint: Option<Box<Checkpoint>>,
    log: &Log,
    burn_ins: &BurnIns,
) -> Result<Played, String> {
    let without_log = without_the_room(log);
    let mut c = match checkpoint {
        Some(c) if c.with.continues(log) && c.without.continues(&without_log) => c,
        _ => Box::new(Checkpoint {
            with: Replayer::new(log, burn_ins)?,
            without: Replayer::new(&without_log, burn_ins)?,
        }),
    };
    c.with.advance(log)?;
    c.without.advance(&without_log)?;
    let with = c.with.replayed(log);
    let mut answer = with.answer;
    let months: Vec<serde_json::Value> = c
        .without
        .obs
        .months
        .iter()
        .map(|m| m["indicators"].clone())
        .collect();
    answer["without"] = serde_json::Value::Array(months);
    Ok(Played {
        bytes: serde_json::to_vec(&answer).expect("json"),
        fares: with.fares,
        checkpoint: c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{IpAddr, Ipv4Addr};

    fn small() -> Scenario {
        let mut s = crate::scenario::baseline();
        s.neighbourhoods[0].residents.count = 800;
        s.run.burn_in_years = 1;
        s.run.years = 1;
        s
    }

    fn ip(n: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(192, 168, 1, n))
    }

    /// Plays a round as the server does (continued from the last round's checkpoint), and
    /// checks that it is the replay of the whole log from the start, byte for byte.
    fn play(live: &mut Live, burn_ins: &BurnIns) {
        let log = live.start_round().unwrap();
        let super::Played {
            bytes: state_bytes,
            fares,
            checkpoint,
        } = state_after(live.checkpoint.take(), &log, burn_ins).unwrap();
        let (whole, whole_fares) = state(&log, burn_ins).unwrap();
        assert!(state_bytes == whole, "round {}", log.rounds_played());
        assert_eq!(fares, whole_fares);
        live.state = Some(std::sync::Arc::new(state_bytes));
        live.fares = fares;
        live.checkpoint = Some(checkpoint);
        live.playing = false;
    }

    #[test]
    fn a_session_replays_from_its_log_to_the_same_bytes_and_the_rooms_choices_move_the_wijk() {
        let burn_ins = BurnIns::new(2);
        let mut live = Live::new("baseline", &small(), 3, 4);
        let code = live.code.clone();
        let mut tokens = Vec::new();
        for i in 0..6u8 {
            let role = if i < 4 { Role::Household } else { Role::Shop };
            tokens.push(live.join(&code, role, ip(i + 1)).unwrap().1);
        }
        for t in &tokens[..4] {
            live.choose(t, "local_share=0.9&volunteer=1").unwrap();
        }
        play(&mut live, &burn_ins);
        live.choose(&tokens[4], "accept_coins=1&redeem_coins=0")
            .unwrap();
        // A latecomer joins after the first round.
        let (_, late) = live.join(&code, Role::Household, ip(9)).unwrap();
        live.choose(&late, "local_share=0.2").unwrap();
        play(&mut live, &burn_ins);
        play(&mut live, &burn_ins);
        let bytes = live.state.clone().unwrap();
        // The log, written out and read back, replays to the same bytes.
        let text = serde_json::to_string(&live.log).unwrap();
        let back: Log = serde_json::from_str(&text).unwrap();
        let (again, fares) = state(&back, &BurnIns::new(1)).unwrap();
        assert_eq!(*bytes, again, "a replay is the session, byte for byte");
        assert_eq!(fares_csv(&fares), fares_csv(&live.fares));
        assert_eq!(fares.len(), 3);
        // Buying 90% locally lowers the leakage against the same months without the room.
        let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let months = v["months"].as_array().unwrap();
        assert_eq!(months.len(), 9);
        let leak = |m: &serde_json::Value| m["leakage_share"].as_f64().unwrap();
        let with = leak(&months[8]["indicators"]);
        let without = leak(&v["without"][8]);
        assert!(
            with < without - 0.1,
            "with the room {with}, without {without}"
        );
        // Every household and every active business is someone's.
        let households: u32 = fares[0]
            .iter()
            .filter(|f| f.role == "household")
            .map(|f| f.agents)
            .sum();
        assert!(households > 300, "{households}");
    }

    #[test]
    fn a_session_is_bounded_and_validates_what_phones_send() {
        let mut live = Live::new("baseline", &small(), 3, 1);
        let code = live.code.clone();
        assert_eq!(live.join("ZZZZ", Role::Shop, ip(1)).unwrap_err().0, 403);
        let (_, t) = live
            .join(&code.to_lowercase(), Role::Household, ip(1))
            .unwrap();
        for _ in 1..MAX_JOINS_PER_ADDRESS {
            live.join(&code, Role::Household, ip(1)).unwrap();
        }
        assert_eq!(live.join(&code, Role::Household, ip(1)).unwrap_err().0, 429);
        for i in 0..MAX_PLAYERS {
            let _ = live.join(&code, Role::Shop, ip(10 + (i / 3) as u8));
        }
        assert_eq!(live.log.roles().len(), MAX_PLAYERS);
        assert_eq!(live.join(&code, Role::Shop, ip(200)).unwrap_err().0, 409);
        assert_eq!(live.choose("nobody", "volunteer=1").unwrap_err().0, 403);
        assert_eq!(live.choose(&t, "local_share=2").unwrap_err().0, 400);
        assert_eq!(live.choose(&t, "accept_coins=1").unwrap_err().0, 400);
        assert_eq!(live.choose(&t, "volunteer=yes").unwrap_err().0, 400);
        for _ in 0..MAX_CHOICES_PER_ROUND {
            live.choose(&t, "volunteer=1").unwrap();
        }
        assert_eq!(live.choose(&t, "volunteer=0").unwrap_err().0, 429);
        live.start_round().unwrap();
        assert_eq!(
            live.start_round().unwrap_err().0,
            409,
            "one round at a time"
        );
        live.playing = false;
        assert_eq!(live.start_round().unwrap_err().0, 409, "all rounds played");
        assert!(
            !serde_json::to_string(&live.log).unwrap().contains(&t),
            "no token in the log"
        );
    }
}
