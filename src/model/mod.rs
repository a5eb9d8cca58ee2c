//! The simulation: agents, the ledger, random streams, the phases of a tick, indicators.
//!
//! *Architecture invariant*: this module does no IO. It reads no file, prints nothing,
//! spawns no thread and iterates no hash map; what it observes leaves through an
//! [`Observer`] (a sink, as in ripgrep's searcher), and the caller decides what to do with
//! it. A tidy test (`tests/tidy.rs`) checks this.
//!
//! A tick is one month. The phases run in this order, each visiting agents in index order:
//!
//! 1. demography (each January from the second year, if switched on): ageing, retirement,
//!    replacement by a newborn;
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

mod coins;
pub mod ids;
pub mod indicators;
mod labour;
pub mod ledger;
mod phases;
pub mod rng;
pub mod world;

use crate::scenario::Scenario;
use indicators::{Indicators, Observer};
use ledger::{AccountId, Currency, Ledger, Purpose};
use rng::Streams;
use world::World;

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
}

/// One simulation run.
pub struct Model {
    scenario: Scenario,
    streams: Streams,
    books: Books,
    world: World,
    counters: Vec<TickCounters>,
    indicators: Indicators,
    pools: Vec<Vec<u32>>,
    scratch: Vec<u32>,
    /// Whether the coin scheme runs in each neighbourhood.
    coin_nbs: Vec<bool>,
    /// Smallest coin balance of each agent account during the current demurrage period.
    coin_min: Vec<i64>,
    /// Fraction of a coin of demurrage each agent account still owes.
    demurrage_carry: Vec<f64>,
    /// Residents holding a job under each agreement (lever 8).
    agreement_filled: Vec<u32>,
    tick: u32,
}

impl Model {
    /// Builds the initial world of a validated scenario.
    pub fn new(scenario: &Scenario) -> Model {
        let scenario = scenario.clone();
        let seed = scenario.run.seed;
        let streams = Streams::new(seed);
        let mut ledger = Ledger::new(scenario.neighbourhoods.len());
        let world = world::build(&scenario, &streams, &mut ledger);
        let counters = vec![TickCounters::default(); world.nbs.len()];
        let indicators = Indicators::new(&scenario, &world);
        let scratch_len = world.businesses.nb.len();
        let scenario_agreements = scenario.levers.matching.agreements.len();
        let cs = &scenario.coins;
        let coin_nbs: Vec<bool> = scenario
            .neighbourhoods
            .iter()
            .map(|n| {
                cs.enabled && (cs.neighbourhoods.is_empty() || cs.neighbourhoods.contains(&n.name))
            })
            .collect();
        let agent_accounts = ledger.account_count() - world.household_base as usize;
        let coin_min = if cs.enabled && cs.demurrage.rate_per_period > 0.0 {
            // No balance observed yet: the first period's smallest balance is found by
            // the first month's observation.
            vec![i64::MAX; agent_accounts]
        } else {
            Vec::new()
        };
        let pools = world
            .nbs
            .iter()
            .map(|n| Vec::with_capacity((n.residents.end - n.residents.start) as usize))
            .collect();
        let m = Model {
            scenario,
            streams,
            books: Books {
                ledger,
                seed,
                tick: 0,
            },
            world,
            counters,
            indicators,
            pools,
            scratch: Vec::with_capacity(scratch_len),
            coin_nbs,
            demurrage_carry: vec![0.0; coin_min.len()],
            coin_min,
            agreement_filled: vec![0; scenario_agreements],
            tick: 0,
        };
        m.check_books();
        m
    }

    /// Total ticks of the run.
    pub fn ticks_total(&self) -> u32 {
        self.scenario.run.years * 12
    }

    /// Ticks done so far.
    pub fn tick(&self) -> u32 {
        self.tick
    }

    /// The ledger (read-only).
    pub fn ledger(&self) -> &Ledger {
        &self.books.ledger
    }

    /// The agents (read-only).
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The scenario being run.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Runs one tick (one month) and reports its indicators to `obs`.
    pub fn step(&mut self, obs: &mut dyn Observer) {
        self.books.tick = self.tick;
        self.books.ledger.begin_tick();
        for c in &mut self.counters {
            *c = TickCounters::default();
        }
        let month = self.tick % 12;
        if month == 0 && self.tick > 0 && self.scenario.economy.demography {
            self.demography();
        }
        self.incomes();
        self.government_spending();
        self.household_spending();
        self.business_accounts();
        self.associations();
        if self.scenario.coins.enabled {
            for ni in 0..self.world.nbs.len() {
                self.counters[ni].coins_held_mid =
                    self.world
                        .agents_balance(&self.books.ledger, Currency::Coin, ni);
            }
        }
        self.coin_phase();
        self.benefits();
        if self.scenario.economy.labour_market {
            self.labour_market();
        }
        if self.scenario.economy.training {
            self.training();
        }
        self.business_dynamics();
        if self.scenario.run.check_books {
            self.check_books();
        }
        self.indicators.observe_tick(
            self.tick,
            &self.scenario,
            &mut self.world,
            &self.books.ledger,
            &self.counters,
            obs,
        );
        for h in 0..self.world.households.nb.len() {
            self.world.households.income_prev_cents[h] = self.world.households.income_cents[h];
        }
        self.tick += 1;
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
                self.scenario.run.seed, self.tick
            );
        }
    }
}
