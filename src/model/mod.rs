//! The simulation: agents, the ledger, random streams, the phases of a tick, indicators.
//!
//! *Architecture invariant*: this module does no IO. It reads no file, prints nothing,
//! spawns no thread and iterates no hash map; what it observes leaves through an
//! [`Observer`] (a sink, as in ripgrep's searcher), and the caller decides what to do with
//! it. A tidy test (`tests/tidy.rs`) checks this.
//!
//! Before the reported years the economy may run a burn-in with every lever off
//! ([`BurnIn`], docs/ODD.md "Burn-in"); [`Model::tick`] and every output count from the
//! first reported month, random streams from the start of the burn-in.
//!
//! A tick is one month. The phases run in this order, each visiting agents in index order:
//!
//! 1. demography (each January but the built world's first, if switched on): ageing,
//!    retirement, replacement by a newborn;
//! 2. incomes: national transfers, agreement wages, pensions, outside wages;
//! 3. municipal spending: contracts (tenders), the buy-local campaign, coins paid to
//!    residents (lever 7), subsidies;
//! 4. households: rent, local taxes, association fees, coin purchases, consumption in
//!    euros and coins; sales to outside customers;
//! 5. businesses: wages, supplies, rent, owners' profit;
//! 6. associations: volunteering, membership, spending;
//! 7. coins: issuance of what was earned, the residents' exchange, redemption, demurrage;
//! 8. benefits (bijstand), on this month's income and coins earned;
//! 9. labour market: separations, lay-offs, quotas, hiring, agreements, outside hiring;
//! 10. training;
//! 11. business failures and starts;
//! 12. the check that the books balance, then indicators.
//!
//! *Cost invariant*: every loop of a tick runs a number of times bounded by a count of
//! agents (residents, households, business slots, associations, neighbourhoods) or by the
//! agreements of lever 8, never by a money amount or an accumulated state. The model
//! counts its work ([`Model::work_units`]) and a tick never does more than
//! [`WORK_UNITS_PER_RESIDENT_MONTH_MAX`] units per resident (per resident or agreement,
//! with agreements); `tests/cost_bound.rs` checks this on extreme valid scenarios.

mod burn_in;
mod check;
pub mod ids;
pub mod income_rules;
pub mod indicators;
pub mod insurance;
mod labour_supply;
pub mod ledger;
pub mod params;
pub mod parties;
mod phases;
pub mod players;
pub mod policy;
pub mod region;
pub mod rng;
pub mod time;
pub mod world;

pub use burn_in::BurnIn;

use crate::scenario::Scenario;
use indicators::{Indicators, Observer};
use ledger::{AccountId, Currency, Ledger, Purpose};
use params::Params;
use policy::{Policy, Tick};
use rng::Streams;
use world::{SECTORS, World};

/// The most workers (owner included) a business aims to employ, whatever its expected
/// revenue: a behavioural cap (docs/ODD.md, "Labour market"). Ten times the largest valid
/// `employees_mean` (1000), so that it binds only in scenarios where revenue per worker is
/// far beyond any real business (in the shipped scenarios a business opens at most 4
/// vacancies a month).
pub const STAFF_TARGET_MAX: u32 = 10_000;

/// Vacancy searches that find no resident which the businesses of the city may make in a
/// month, per resident of the city. Once they are used up, the remaining vacancies of the
/// month are not searched among residents: each is filled by a commuter with the region's
/// fill rate (drawn at once, binomially) or, without an outside world or
/// under a quota, stays open. A behavioural rule (docs/ODD.md, "Labour market") that bounds
/// the search by the population: in the shipped scenarios a month has at most 13 failed
/// searches (against 5,300 residents).
pub const FAILED_SEARCHES_PER_RESIDENT_MAX: u32 = 1;

/// Upper bound on the work units ([`Model::work_units`]) of one tick per resident (per
/// resident or agreement of lever 8, when there are agreements), for every valid scenario.
///
/// A work unit is one iteration of a loop of the tick whose body does work bounded by a
/// constant of the code (one agent visited, one candidate drawn, one contact asked, one
/// output row, one level of a tree; a sort of n items counts n times the bits of n).
///
/// Derivation. With R residents, H households, B business slots, S associations, N
/// neighbourhoods and A agreements, validation gives H <= R, N <= R (a neighbourhood has at
/// least one resident), B <= 1.5 R + 8 N <= 9.5 R (`per_1000_residents` <= 1000, half as
/// many spare slots and 8 more per neighbourhood), S <= 0.1 R, accounts <= H + B + S + 13
/// <= 23.6 R, at most 2 million residents per neighbourhood (sorts and trees of height
/// <= 27), `candidates_per_vacancy` <= 100 (4 times that for a contract holder under a
/// quota), `network_contacts` <= 64. Per tick:
///
/// - vacancies: hires are distinct job seekers (at most R) and failed searches at most
///   [`FAILED_SEARCHES_PER_RESIDENT_MAX`] x R, so at most 2 R searches of
///   1 + 64 + 400 units: 930 R;
/// - quota jobs at outside contractors: each round hires or ends, (R + 3 N) x 401 = 1604 R;
/// - the regional market: the job seekers are listed again, weighed, drawn once each and
///   counted at the end: 4 R;
/// - business starts: (0.3 R + 32 N) x 106, one pass for free slots and a sort of the
///   active lists: 3424 R + 9.5 R + 256 R = 3690 R; internships 3 B + 38 N = 67 R; dropping
///   closed businesses from the lists, twice: 29 R;
/// - agreements: one pass over the job seekers of each `from` to build the tree (4 R), two
///   walks of the tree per placement (44 R), one pass when agreements end (R): 49 R, plus
///   23 units per agreement;
/// - fixed passes: about 21 over residents, 420 units per household (20 coin trades, 19
///   for spending, and 372 for the incomes and wealth sorted for up to three periods
///   ending in the tick), 19 per business slot, 9 per account, 30 per neighbourhood and
///   3 x 2 x 42 output rows per neighbourhood: 21 R + 420 R + 181 R + 212 R + 282 R = 1116 R.
///
/// The sum is 7 489 R (+ 23 A); the constant rounds it up (it was derived when outside
/// hiring drew Poisson vacancies, 3535 R, before the regional market). The shipped scenarios do about
/// 80 units per resident-month and the extreme ones of `tests/cost_bound.rs` up to about 450
/// (docs/PERFORMANCE.md).
pub const WORK_UNITS_PER_RESIDENT_MONTH_MAX: u64 = 12_000;

/// The ledger plus what a panic must say to be reproducible.
pub struct Books {
    /// The one ledger.
    pub ledger: Ledger,
    seed: u64,
    tick: u32,
}

impl Books {
    /// Pays euros; an amount of zero or less is nothing to pay. A rejected transfer is a
    /// programmer error (the model checks affordability first) and panics with the seed.
    #[inline]
    pub fn pay(&mut self, from: AccountId, to: AccountId, amount: i64, purpose: Purpose) {
        self.pay_in(Currency::Eur, from, to, amount, purpose);
    }

    /// Pays in any currency; like [`Books::pay`].
    #[inline]
    pub fn pay_in(
        &mut self,
        currency: Currency,
        from: AccountId,
        to: AccountId,
        amount: i64,
        purpose: Purpose,
    ) {
        if amount <= 0 {
            return;
        }
        if let Err(e) = self.ledger.transfer(currency, from, to, amount, purpose) {
            panic!(
                "ledger rejected a {} {} transfer: {e} (seed {}, tick {}); rerun with this seed to reproduce",
                currency.name(),
                purpose.name(),
                self.seed,
                self.tick
            );
        }
    }

    /// Euro balance of an account.
    #[inline]
    pub fn eur(&self, account: AccountId) -> i64 {
        self.ledger.balance(Currency::Eur, account)
    }
}

/// Counters of one neighbourhood in one tick that the ledger cannot know.
#[derive(Clone, Debug, Default)]
pub struct TickCounters {
    /// Businesses that failed.
    pub failures: u32,
    /// Businesses that closed because the owner retired and nobody took over.
    pub closures: u32,
    /// Businesses whose owner stopped for reasons outside the model.
    pub stops: u32,
    /// Businesses started.
    pub starts: u32,
    /// Volunteer hours given at associations.
    pub volunteer_hours: f64,
    /// Municipal contract payments for this neighbourhood to firms outside the city, cents.
    pub procurement_outside_cents: i64,
    /// Municipal fund received for this neighbourhood's residents, cents.
    pub national_transfer_cents: i64,
    /// Euros the municipality spent on the coin scheme here: backing put into the fund and
    /// redemptions the fund could not pay, cents.
    pub coin_scheme_cost_cents: i64,
    /// Wages the municipality paid for agreement jobs held by residents of here, cents.
    pub agreement_wages_cents: i64,
    /// Buy-local campaign cost for here, cents.
    pub campaign_cents: i64,
    /// Households on benefits sanctioned for earning too few coins.
    pub sanctions: u32,
    /// Coins held by the neighbourhood's agents in mid-month, after spending and before
    /// redemption (with the month-end holdings, the base of coin velocity).
    pub coins_held_mid: i64,
    /// Euro cents held by the neighbourhood's agents at the same point of the month (with
    /// the month-end holdings, the base of euro velocity).
    pub euros_held_mid: i64,
    /// Courses the municipality paid for residents of here in training, cents.
    pub training_cost_cents: i64,
    /// Trainings residents of here completed (not dropped out of).
    pub trainings_completed: u32,
    /// Internships at cooperating businesses given to job seekers of here (lever 10).
    pub internships: u32,
    /// Coins granted to residents of here for work paid by the municipality (lever 7).
    pub pay_residents_coins: i64,
    // The regional labour market (issue 10): the neighbourhood's job seekers and hires.
    /// Residents of the neighbourhood who were job seekers (unemployed) when the month's
    /// hiring began (step 3 of the labour market phase).
    pub job_seekers: u32,
    /// Of those, the residents holding a job when the labour market phase ended.
    pub job_seekers_hired: u32,
    // Household time (issue 10, item 2).
    /// Hours of required participation: lever 1's activity and lever 7's coin-paid work.
    pub participation_hours: f64,
    /// Hours of job search of the neighbourhood's job seekers.
    pub search_hours: f64,
    /// Job offers made to residents of the neighbourhood (every hiring site asks
    /// [`Model::accepts_offer`]).
    pub job_offers: u32,
    /// Of those, the offers declined: the household's gain fell short of the reservation
    /// gain.
    pub job_offers_declined: u32,
    /// Sum of the effective marginal tax rates of the neighbourhood's households on
    /// bijstand after the benefits phase (`effective_marginal_tax_rate`).
    pub emtr_sum: f64,
    /// Households on bijstand whose rate `emtr_sum` adds.
    pub emtr_households: u32,
    /// Benefits cut because a member declined a job offer (kept apart from lever 1's
    /// `sanctions`, which shows that lever acted).
    pub refusal_sanctions: u32,
    /// Households that bought coins this month.
    pub coin_buyers: u32,
    /// Hours of informal services residents paid each other for in coins (lever 4,
    /// `rule: Services`).
    pub service_hours: f64,
    /// Their value at the coin's euro value, cents.
    pub service_cents: i64,
    /// Discounts shops gave on goods paid in coins (lever 2), cents.
    pub coin_discount_cents: i64,
    /// Goods households bought at local shops at the prices paid (euros, coins at their
    /// value, and discounts), cents.
    pub local_goods_cents: i64,
    /// The same goods at the prices of the start (each divided by its shop's price), cents.
    pub local_real_cents: f64,
    /// All goods households bought (local and outside) at the prices of the start, cents.
    pub real_consumption_cents: f64,
    /// Coin users' planned local purchases, cents.
    pub coin_user_local_cents: i64,
    /// The part of them their coins could pay at shops that take coins (at the coins'
    /// value), cents: over the above, the coin share of a coin user's basket businesses
    /// see when they decide whether to accept coins.
    pub coin_user_coin_cents: f64,
}

/// One simulation run.
pub struct Model {
    scenario: Scenario,
    params: Params,
    /// The levers that act during the tick, in [`policy::REGISTRY`] order (none in the
    /// baseline).
    policies: Vec<Box<dyn Policy>>,
    streams: Streams,
    books: Books,
    world: World,
    counters: Vec<TickCounters>,
    indicators: Indicators,
    pools: Vec<Vec<u32>>,
    /// This month's job seekers per neighbourhood as listed (the pools lose those hired).
    seekers: Vec<Vec<u32>>,
    /// The regional labour market: the pool's unemployed and this month's market.
    region: region::Market,
    scratch: Vec<u32>,
    /// Scratch of the training phase: free training places per neighbourhood.
    training_places: Vec<i64>,
    /// Smallest coin balance of each agent account during the current demurrage period.
    coin_min: Vec<i64>,
    /// Fraction of a coin of demurrage each agent account still owes.
    demurrage_carry: Vec<f64>,
    /// Per neighbourhood, the share of households buying coins (Bass diffusion).
    coin_adopted: Vec<f64>,
    /// Per neighbourhood, lever 11's campaign effect built up so far, 0 to 1 (adstock).
    campaign_effect: Vec<f64>,
    /// Per neighbourhood and sector (indexed as `World::active_lists`), the active
    /// businesses that accept coins, rebuilt after the price reviews, where they decide:
    /// the scheme's directory, where coin users look for shops and businesses paying in
    /// coins for suppliers.
    coin_acceptors: Vec<Vec<u32>>,
    /// Work units done so far (see [`Model::work_units`]).
    work: u64,
    tick: u32,
    /// A room's players and their choices (the workshop's sessions; empty otherwise).
    players: players::Players,
}

impl Model {
    /// Builds the world of a validated scenario, runs its burn-in ([`BurnIn::run`], nothing
    /// when `run.burn_in_years` is 0) and switches its levers on ([`Model::after`]): the
    /// model stands before the first reported month.
    pub fn new(scenario: &Scenario) -> Model {
        Model::after(BurnIn::run(scenario, |_, _| {}), scenario)
    }

    /// A model of `scenario` whose parameters, levers, random streams, ledger and world are
    /// given; the counters, indicators and scratch buffers start empty.
    fn assemble(
        scenario: Scenario,
        params: Params,
        policies: Vec<Box<dyn Policy>>,
        streams: Streams,
        ledger: Ledger,
        world: World,
    ) -> Model {
        let counters = vec![TickCounters::default(); world.nbs.len()];
        let indicators = Indicators::new(&scenario, &world);
        let scratch_len = world.businesses.nb.len();
        let scenario_nbs = world.nbs.len();
        let agent_accounts = ledger.account_count() - world.household_base as usize;
        let coin_min = if params.coin.enabled && params.coin.demurrage_rate > 0.0 {
            // No balance observed yet: the first period's smallest balance is found by
            // the first month's observation.
            vec![i64::MAX; agent_accounts]
        } else {
            Vec::new()
        };
        let pools: Vec<Vec<u32>> = world
            .nbs
            .iter()
            .map(|n| Vec::with_capacity((n.residents.end - n.residents.start) as usize))
            .collect();
        let region = region::Market::new(&params.region);
        let params_start = params.coin.participation.1;
        let m = Model {
            scenario,
            books: Books {
                ledger,
                seed: params.seed,
                tick: 0,
            },
            params,
            policies,
            streams,
            world,
            counters,
            indicators,
            seekers: vec![Vec::new(); pools.len()],
            region,
            pools,
            scratch: Vec::with_capacity(scratch_len),
            training_places: Vec::with_capacity(scenario_nbs),
            demurrage_carry: vec![0.0; coin_min.len()],
            coin_min,
            coin_adopted: vec![params_start; scenario_nbs],
            campaign_effect: vec![0.0; scenario_nbs],
            coin_acceptors: vec![Vec::new(); scenario_nbs * SECTORS],
            work: 0,
            tick: 0,
            players: players::Players::default(),
        };
        m.check_books();
        let mut m = m;
        m.list_coin_acceptors();
        m
    }

    /// Runs `hook` for every policy, in registry order, with the tick's state.
    fn hooks(&mut self, hook: impl Fn(&mut dyn Policy, &mut Tick)) {
        let Model {
            policies,
            params,
            streams,
            books,
            world,
            counters,
            pools,
            work,
            tick,
            ..
        } = self;
        let mut t = Tick {
            world,
            books,
            streams,
            params,
            counters,
            pools,
            tick: *tick,
            work,
        };
        for p in policies.iter_mut() {
            hook(p.as_mut(), &mut t);
        }
    }

    /// Sets the room's players and their choices from the next month on (the workshop's
    /// rounds; docs/ODD.md 7.20).
    pub fn set_players(&mut self, players: players::Players) {
        self.players = players;
    }

    /// The room's players and their choices now in effect.
    pub fn players(&self) -> &players::Players {
        &self.players
    }

    /// The parameters resolved from the scenario, levers applied.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The names of the levers that act during the tick, in the order their hooks run.
    pub fn policy_names(&self) -> Vec<&'static str> {
        self.policies.iter().map(|p| p.name()).collect()
    }

    /// Total ticks of the run.
    pub fn ticks_total(&self) -> u32 {
        self.params.ticks
    }

    /// Ticks done so far.
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// The ledger (read-only).
    pub fn ledger(&self) -> &Ledger {
        &self.books.ledger
    }

    /// A short fingerprint of the run's state: the first 8 bytes (hex) of the SHA-256 of
    /// every account's euro balance, in account order. The benchmarks print it and a test
    /// pins the baseline's, so that a change of behaviour cannot pass as a speed-up.
    pub fn result_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for a in 0..self.ledger().account_count() as u32 {
            h.update(
                self.ledger()
                    .balance(Currency::Eur, AccountId(a))
                    .to_le_bytes(),
            );
        }
        h.finalize()
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The agents (read-only).
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Work units done by the ticks so far: a deterministic measure of cost (a plain
    /// counter of loop iterations, see [`WORK_UNITS_PER_RESIDENT_MONTH_MAX`] for the unit).
    /// It does not influence the simulation.
    pub fn work_units(&self) -> u64 {
        self.work
    }

    /// Residents times ticks done so far.
    pub fn resident_months(&self) -> u64 {
        self.world.residents.nb.len() as u64 * self.tick as u64
    }

    /// The most work units the ticks done so far may cost:
    /// [`WORK_UNITS_PER_RESIDENT_MONTH_MAX`] per resident-month, and as much per
    /// agreement-month of lever 8 (each agreement is looked at once a month).
    pub fn work_bound(&self) -> u64 {
        let items: u64 = self.policies.iter().map(|p| p.bounded_items()).sum();
        WORK_UNITS_PER_RESIDENT_MONTH_MAX
            * (self.world.residents.nb.len() as u64 + items)
            * self.tick as u64
    }

    /// Runs one tick (one month) and reports its indicators to `obs`.
    pub fn step(&mut self, obs: &mut dyn Observer) {
        self.advance();
        self.indicators
            .set_regional_vacancies(self.region.month.vacancies);
        self.work += self.indicators.observe_tick(
            self.tick,
            &mut self.world,
            &self.books.ledger,
            &self.counters,
            obs,
        );
        self.end_tick();
    }

    /// The phases of one tick and the checks after them, observing nothing (the burn-in's
    /// tick, and the first part of [`Model::step`]).
    fn advance(&mut self) {
        self.books.tick = self.tick;
        self.books.ledger.begin_tick();
        for c in &mut self.counters {
            *c = TickCounters::default();
        }
        let w = &self.world;
        let accounts = self.books.ledger.account_count() as u64;
        // Clearing the flows and counters of each neighbourhood.
        self.work += 2 * w.nbs.len() as u64;
        // The calendar is the reported clock's; a burn-in of whole years keeps the absolute
        // clock's months the same, and its Januaries age the residents too.
        let month = self.tick % 12;
        let sw = self.params.switches;
        if month == 0 && self.absolute_tick() > 0 && sw.demography {
            self.demography();
        }
        self.incomes();
        self.government_spending();
        self.household_spending();
        self.business_accounts();
        self.associations();
        // Mid-month holdings, for the velocities (the same point for both currencies).
        let coin = self.params.coin.enabled;
        for ni in 0..self.world.nbs.len() {
            let (w, ledger) = (&self.world, &self.books.ledger);
            self.counters[ni].euros_held_mid = w.agents_balance(ledger, Currency::Eur, ni);
            if coin {
                self.counters[ni].coins_held_mid = w.agents_balance(ledger, Currency::Coin, ni);
            }
        }
        self.work += accounts * (1 + u64::from(coin));
        self.coin_phase();
        self.benefits();
        if sw.labour_market {
            self.labour_market();
        }
        if sw.training {
            self.training();
        }
        self.business_dynamics();
        if self.params.check_books {
            self.check_books();
            self.work += 4 * accounts;
        }
        #[cfg(debug_assertions)]
        self.check_counters();
    }

    /// Closes a tick: this month's income becomes last month's, the clock moves on.
    fn end_tick(&mut self) {
        let hs = &mut self.world.households;
        hs.income_prev_cents.copy_from_slice(&hs.income_cents);
        self.work += self.world.households.nb.len() as u64;
        self.tick += 1;
    }

    /// The tick on the absolute clock: the burn-in's ticks plus [`Model::tick`]. Random
    /// streams are keyed by it ([`Streams::origin`]).
    pub fn absolute_tick(&self) -> u32 {
        self.streams.origin() + self.tick
    }

    /// Runs every remaining tick; `progress` is told each finished tick.
    pub fn run(&mut self, obs: &mut dyn Observer, mut progress: impl FnMut(u32, u32)) {
        let total = self.ticks_total();
        while self.tick < total {
            self.step(obs);
            progress(self.tick, total);
        }
    }

    /// Panics with the seed and tick if the books do not balance.
    pub fn check_books(&self) {
        if let Err(e) = self.books.ledger.check_books() {
            panic!(
                "the books do not balance: {e} (seed {}, tick {}); rerun with this seed to reproduce",
                self.params.seed, self.tick
            );
        }
    }
}
