//! Indicators per tick (month), quarter and year, per neighbourhood and for the city.
//!
//! Flow indicators (turnover, velocity, leakage, LM3, municipal cost) are computed from the
//! ledger's flow accumulators, so they agree with the books by construction. State
//! indicators (unemployment, benefits, jobs) are averaged over the months of a period;
//! counts of events (failures, starts) are summed; stocks (businesses, money) are taken at
//! the period's end; Gini and poverty are computed on the period's end balances and on the
//! income summed over the period.

mod catalogue;

pub use catalogue::{
    Better, Indicator, Lang, PeriodRule, Unit, capitalise, change_in_money_label,
    matrix_column_label, purpose_label, sector_label,
};

use super::TickCounters;
use super::ids::HouseholdId;
use super::ledger::{Currency, FlowMatrix, Ledger, Locality, NeighbourhoodFlows, Purpose, Sector};
use super::params::{CONTRACTS, ContractKind};
use super::parties::{PARTY_COUNT, PartyFlows};
use super::world::{Status, World};
use crate::scenario::Scenario;

/// The three reporting periods.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    /// One tick.
    Month,
    /// Three ticks.
    Quarter,
    /// Twelve ticks.
    Year,
}

impl PeriodKind {
    /// The stable name used in output tables.
    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    fn ticks(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }
}

/// A finished reporting period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// Month, quarter or year.
    pub kind: PeriodKind,
    /// Simulated year, from 1.
    pub year: u32,
    /// Quarter within the year (1 to 4); 0 for a year.
    pub quarter: u32,
    /// Month within the year (1 to 12); 0 for a quarter or year.
    pub month: u32,
    /// First tick of the period (ticks count from 0).
    pub tick_start: u32,
    /// Last tick of the period.
    pub tick_end: u32,
}

/// One indicator value of one area in one period.
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    /// The period.
    pub period: Period,
    /// Neighbourhood name, or "city".
    pub area: &'a str,
    /// The indicator.
    pub indicator: Indicator,
    /// Its value.
    pub value: f64,
}

/// Receives what a run observes. The model never writes anything itself.
pub trait Observer {
    /// One indicator value.
    fn row(&mut self, row: &Row<'_>);
    /// The city-wide transaction-flow matrix of a finished period.
    fn flow_matrix(&mut self, _period: &Period, _matrix: &FlowMatrix) {}
    /// A neighbourhood's flows over a finished period, from which its own
    /// transaction-flow matrix is read ([`NeighbourhoodFlows::matrix_cell`]); called for
    /// each neighbourhood after [`Observer::flow_matrix`].
    fn neighbourhood_flows(&mut self, _period: &Period, _area: &str, _flows: &NeighbourhoodFlows) {}
    /// What each party of the cost-benefit analysis received net in a finished period, by
    /// currency and purpose, and each household group's disposable income and size
    /// ([`GroupTotals`]).
    fn party_flows(&mut self, _period: &Period, _flows: &PartyFlows, _groups: &GroupTotals) {}
}

/// Per party of the cost-benefit analysis ([`super::parties::Party`] as index), the
/// disposable income of a period and the number of households; zero for the parties that
/// are not households.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupTotals {
    /// Disposable income over the period, cents.
    pub income_cents: [i64; PARTY_COUNT],
    /// Households at the period's end.
    pub households: [u32; PARTY_COUNT],
}

/// An observer that ignores everything (for benchmarks and tests of the books).
pub struct Discard;

impl Observer for Discard {
    fn row(&mut self, _row: &Row<'_>) {}
}

const STATE_N: usize = 24;
// Indices into the state arrays.
const S_RESIDENTS: usize = 0;
const S_LABOUR_FORCE: usize = 1;
const S_UNEMPLOYED: usize = 2;
const S_WORKING: usize = 3;
const S_JOBS: usize = 4;
const S_TRAINING: usize = 5;
const S_HOUSEHOLDS: usize = 6;
const S_ON_BENEFIT: usize = 7;
const S_BUSINESSES: usize = 8;
const S_YOUTH_LF: usize = 9;
const S_YOUTH_UNEMPLOYED: usize = 10;
const S_AGREEMENT: usize = 11;
const S_TRAINING_HOURS: usize = 12;
const S_QUOTA_JOBS: usize = 13;
const S_SUPPLEMENT_JOBS: usize = 14;
const S_EMPLOYEES: usize = 15;
const S_RESIDENT_EMPLOYEES: usize = 16;
/// Working residents paid a wage (owners of local businesses not counted).
const S_WAGE_EARNERS: usize = 17;
/// Residents employed by a business of their own neighbourhood (owners not counted).
const S_OWN_NB_EMPLOYEES: usize = 18;
/// Persons aged 18 to the pension age.
const S_WORKING_AGE: usize = 19;
/// Of them, those in a household on bijstand.
const S_WORKING_AGE_ON_BIJSTAND: usize = 20;
/// Residents paid an unemployment benefit this month.
const S_ON_WW: usize = 21;
/// Households with a member on any benefit below the pension age (bijstand, WW, disability).
const S_ON_ANY_BENEFIT: usize = 22;
/// Active businesses that accept coins.
const S_COIN_ACCEPTORS: usize = 23;

#[derive(Clone, Debug, Default)]
struct Acc {
    ticks: u32,
    sums: [f64; STATE_N],
    last: [f64; STATE_N],
    flows: NeighbourhoodFlows,
    counters: TickCounters,
    money_sum: f64,
    money_last: i64,
    coin_sum: f64,
    coin_last: i64,
    /// The region's vacancies summed over the period's months (the same in every area).
    regional_vacancies_sum: f64,
}

impl Acc {
    fn reset(&mut self) {
        self.ticks = 0;
        self.sums = [0.0; STATE_N];
        self.flows.clear();
        self.counters = TickCounters::default();
        self.money_sum = 0.0;
        self.coin_sum = 0.0;
        self.regional_vacancies_sum = 0.0;
    }
}

/// The indicator accumulators of a run.
pub struct Indicators {
    names: Vec<String>,
    /// `acc[kind][area]`, area = neighbourhood index, or the city at the end.
    acc: [Vec<Acc>; 3],
    matrix: [FlowMatrix; 3],
    parties: [PartyFlows; 3],
    party_income: GroupTotals,
    state: Vec<[f64; STATE_N]>,
    money: Vec<i64>,
    coins: Vec<i64>,
    agreement_to: Vec<usize>,
    youth_max_age: u8,
    pension_age: u8,
    training_hours_per_month: f64,
    coin_value_cents: f64,
    scratch: Vec<f64>,
    /// Per household: a member received WW or a disability benefit this month.
    insured_benefit: Vec<bool>,
    scratch_income: Vec<f64>,
    /// The region's vacancies this tick.
    regional_vacancies: f64,
    /// The fixed low-income line of a single person, cents a month.
    low_income_line_cents_per_month: f64,
}

const KINDS: [PeriodKind; 3] = [PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

impl Indicators {
    /// Accumulators for the neighbourhoods of `world`.
    pub fn new(scenario: &Scenario, world: &World) -> Indicators {
        let areas = world.nbs.len() + 1;
        let mut names: Vec<String> = scenario
            .neighbourhoods
            .iter()
            .map(|n| n.name.clone())
            .collect();
        names.push("city".to_string());
        let households = world.households.nb.len();
        Indicators {
            names,
            acc: std::array::from_fn(|_| vec![Acc::default(); areas]),
            matrix: std::array::from_fn(|_| FlowMatrix::default()),
            parties: std::array::from_fn(|_| PartyFlows::default()),
            party_income: GroupTotals::default(),
            state: vec![[0.0; STATE_N]; areas],
            money: vec![0; areas],
            coins: vec![0; areas],
            agreement_to: {
                // Names to indices once (the first of equal names, as `position` would).
                let index: std::collections::BTreeMap<&str, usize> = scenario
                    .neighbourhoods
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(i, n)| (n.name.as_str(), i))
                    .collect();
                scenario
                    .levers
                    .matching
                    .agreements
                    .iter()
                    .map(|a| index.get(a.to.as_str()).copied().unwrap_or(0))
                    .collect()
            },
            youth_max_age: scenario.levers.youth_contract.max_age_years.min(255) as u8,
            pension_age: scenario.behaviour.pension_age_years.min(255) as u8,
            training_hours_per_month: scenario.behaviour.training_hours_per_month,
            coin_value_cents: scenario.coins.value_eur * 100.0,
            scratch: Vec::with_capacity(households),
            insured_benefit: vec![false; households],
            scratch_income: Vec::with_capacity(households),
            regional_vacancies: 0.0,
            low_income_line_cents_per_month: scenario.national.low_income_line_eur_per_month
                * 100.0,
        }
    }

    /// The region's vacancies this tick (0 when no regional market opened), reported for
    /// every area by the next [`Indicators::observe_tick`].
    pub fn set_regional_vacancies(&mut self, vacancies: f64) {
        self.regional_vacancies = vacancies;
    }

    /// Adds tick `tick` to every period and reports the periods that end with it. Returns
    /// the work units it did (see [`super::WORK_UNITS_PER_RESIDENT_MONTH_MAX`]).
    pub fn observe_tick(
        &mut self,
        tick: u32,
        world: &mut World,
        ledger: &Ledger,
        counters: &[TickCounters],
        obs: &mut dyn Observer,
    ) -> u64 {
        let nbs = world.nbs.len();
        // Passes over residents, households and businesses, two over the agents' accounts
        // (euros and coins), and per period kind and area the accumulators (the city's
        // visit every neighbourhood's counters and flows).
        let agent_accounts = (world.households.nb.len()
            + world.businesses.nb.len()
            + world.associations.nb.len()) as u64;
        let mut work = (world.residents.nb.len() + world.households.nb.len()) as u64
            + world.businesses.nb.len() as u64
            + 2 * agent_accounts
            + 3 * (2 * nbs as u64 + 1);
        self.count_agents(world);
        self.holdings(world, ledger);
        self.accumulate(ledger, counters);
        for (k, kind) in KINDS.iter().enumerate() {
            if (tick + 1).is_multiple_of(kind.ticks()) {
                work += self.end_period(k, *kind, tick, world, ledger, obs);
            }
        }
        work
    }

    /// This tick's state per area: residents by status, households, businesses, jobs.
    fn count_agents(&mut self, world: &mut World) {
        for s in &mut self.state {
            *s = [0.0; STATE_N];
        }
        for r in 0..world.residents.nb.len() {
            let status = world.residents.status[r];
            if status == Status::AgreementJob {
                // The job is located in the agreement's destination.
                let to = self.agreement_to[world.residents.agreement[r] as usize];
                self.state[to][S_JOBS] += 1.0;
            }
            let young =
                world.residents.age[r] >= 18 && world.residents.age[r] <= self.youth_max_age;
            let st = &mut self.state[world.residents.nb[r] as usize];
            let slot = world.residents.contract[r];
            if slot != u16::MAX {
                let supplement =
                    slot as usize % CONTRACTS == ContractKind::MaintenanceSupplement.index();
                st[if supplement {
                    S_SUPPLEMENT_JOBS
                } else {
                    S_QUOTA_JOBS
                }] += 1.0;
            }
            count_resident(st, status, young, self.training_hours_per_month);
            let h = world.residents.household[r] as usize;
            if count_work_and_benefits(st, world, r, self.pension_age) {
                self.insured_benefit[h] = true;
            }
        }
        for h in 0..world.households.nb.len() {
            let st = &mut self.state[world.households.nb[h] as usize];
            st[S_HOUSEHOLDS] += 1.0;
            if world.households.on_benefit[h] || self.insured_benefit[h] {
                st[S_ON_ANY_BENEFIT] += 1.0;
            }
            self.insured_benefit[h] = false;
            if world.households.on_benefit[h] {
                st[S_ON_BENEFIT] += 1.0;
            }
            let inc = world.households.income_cents[h];
            world.households.income_quarter_cents[h] += inc;
            world.households.income_year_cents[h] += inc;
        }
        let b = &world.businesses;
        for bi in 0..b.nb.len() {
            if b.active[bi] {
                let st = &mut self.state[b.nb[bi] as usize];
                st[S_BUSINESSES] += 1.0;
                st[S_JOBS] += (1 + b.staff_residents[bi] + b.staff_commuters[bi]) as f64;
                st[S_EMPLOYEES] += (b.staff_residents[bi] + b.staff_commuters[bi]) as f64;
                st[S_RESIDENT_EMPLOYEES] += b.staff_residents[bi] as f64;
                if b.accepts_coins[bi] {
                    st[S_COIN_ACCEPTORS] += 1.0;
                }
            }
        }
        let nbs = world.nbs.len();
        let city_state: [f64; STATE_N] =
            std::array::from_fn(|i| self.state[..nbs].iter().map(|s| s[i]).sum());
        self.state[nbs] = city_state;
    }

    /// Euros and coins held by each area's agents at the end of the tick.
    fn holdings(&mut self, world: &World, ledger: &Ledger) {
        let nbs = world.nbs.len();
        for (ni, nb) in world.nbs.iter().enumerate() {
            let (hb, bb, ab) = (
                world.household_base,
                world.business_base,
                world.association_base,
            );
            let held = |c: Currency| {
                ledger.sum_range(c, hb + nb.households.start..hb + nb.households.end)
                    + ledger.sum_range(c, bb + nb.businesses.start..bb + nb.businesses.end)
                    + ledger.sum_range(c, ab + nb.associations.start..ab + nb.associations.end)
            };
            self.money[ni] = held(Currency::Eur);
            self.coins[ni] = held(Currency::Coin);
        }
        self.coins[nbs] = self.coins[..nbs].iter().sum();
        self.money[nbs] = self.money[..nbs].iter().sum();
    }

    /// Adds this tick's state, holdings, counters and flows into every open period.
    fn accumulate(&mut self, ledger: &Ledger, counters: &[TickCounters]) {
        let city = self.names.len() - 1;
        for k in 0..3 {
            for area in 0..=city {
                let a = &mut self.acc[k][area];
                a.ticks += 1;
                for i in 0..STATE_N {
                    a.sums[i] += self.state[area][i];
                }
                a.last = self.state[area];
                a.money_sum += self.money[area] as f64;
                a.money_last = self.money[area];
                a.coin_sum += self.coins[area] as f64;
                a.coin_last = self.coins[area];
                a.regional_vacancies_sum += self.regional_vacancies;
                let (cs, flows): (&[TickCounters], &[NeighbourhoodFlows]) = if area == city {
                    (counters, ledger.tick_flows())
                } else {
                    (
                        &counters[area..area + 1],
                        &ledger.tick_flows()[area..area + 1],
                    )
                };
                for c in cs {
                    add_counters(&mut a.counters, c);
                }
                for f in flows {
                    a.flows.add(f);
                }
            }
            self.matrix[k].add(ledger.tick_matrix());
            self.parties[k].add(ledger.tick_parties());
        }
    }

    /// Reports the period of kind `kind` (index `k`) that ends with `tick` and starts the
    /// next one.
    fn end_period(
        &mut self,
        k: usize,
        kind: PeriodKind,
        tick: u32,
        world: &mut World,
        ledger: &Ledger,
        obs: &mut dyn Observer,
    ) -> u64 {
        let period = Period {
            kind,
            year: tick / 12 + 1,
            quarter: if kind == PeriodKind::Year {
                0
            } else {
                (tick % 12) / 3 + 1
            },
            month: if kind == PeriodKind::Month {
                tick % 12 + 1
            } else {
                0
            },
            tick_start: tick + 1 - kind.ticks(),
            tick_end: tick,
        };
        let work = self.emit(k, period, world, ledger, obs);
        for a in &mut self.acc[k] {
            a.reset();
        }
        self.matrix[k].clear();
        self.parties[k].clear();
        match kind {
            PeriodKind::Quarter => world.households.income_quarter_cents.fill(0),
            PeriodKind::Year => world.households.income_year_cents.fill(0),
            PeriodKind::Month => {}
        }
        work
    }

    fn emit(
        &mut self,
        k: usize,
        period: Period,
        world: &World,
        ledger: &Ledger,
        obs: &mut dyn Observer,
    ) -> u64 {
        let nbs = world.nbs.len();
        // Work: the city's incomes are listed and sorted once, then each household is
        // listed, sorted and summed twice for its neighbourhood and twice for the city (a
        // sort of n counted as n times the bits of n); one unit per output row.
        let h = world.households.nb.len() as u64;
        let bits = (u64::BITS - h.leading_zeros()) as u64;
        let work =
            h * (1 + bits) + 4 * h * (2 + bits) + (nbs as u64 + 1) * Indicator::ALL.len() as u64;
        let income = period_income(world, period.kind);
        let hh = &world.households;
        self.scratch_income.clear();
        self.scratch_income
            .extend((0..hh.nb.len()).map(|h| equivalised(hh, income, h)));
        self.scratch_income.sort_unstable_by(f64::total_cmp);
        let poverty_line = 0.6 * median_sorted(&self.scratch_income);
        for area in 0..=nbs {
            let range = if area == nbs {
                0..hh.nb.len() as u32
            } else {
                world.nbs[area].households.clone()
            };
            let lines = (
                poverty_line,
                self.low_income_line_cents_per_month * period.kind.ticks() as f64,
            );
            let spread = self.distribution(world, ledger, income, range, lines);
            let a = &self.acc[k][area];
            let values = compute(
                a,
                area == nbs,
                spread,
                period.kind.ticks(),
                self.coin_value_cents,
            );
            let name = &self.names[area];
            for (i, &ind) in Indicator::ALL.iter().enumerate() {
                obs.row(&Row {
                    period,
                    area: name,
                    indicator: ind,
                    value: values[i],
                });
            }
        }
        obs.flow_matrix(&period, &self.matrix[k]);
        for area in 0..nbs {
            obs.neighbourhood_flows(&period, &self.names[area], &self.acc[k][area].flows);
        }
        self.party_income = GroupTotals::default();
        for (h, &cents) in income.iter().enumerate() {
            let party = ledger.party(world.household_account(HouseholdId(h as u32))) as usize;
            self.party_income.income_cents[party] += cents;
            self.party_income.households[party] += 1;
        }
        obs.party_flows(&period, &self.parties[k], &self.party_income);
        work + h
    }

    /// The Ginis of wealth and equivalised income and the poverty rates of the households
    /// in `range` (below `poverty_line`, 60% of the city's median, and below the fixed
    /// `low_income_line`; both lines in cents over the period).
    fn distribution(
        &mut self,
        world: &World,
        ledger: &Ledger,
        income: &[i64],
        range: std::ops::Range<u32>,
        (poverty_line, low_income_line): (f64, f64),
    ) -> Spread {
        let hh = &world.households;
        self.scratch.clear();
        self.scratch.extend(range.clone().map(|h| {
            ledger.balance(
                Currency::Eur,
                world.household_account(super::ids::HouseholdId(h)),
            ) as f64
        }));
        let gini_wealth = gini(&mut self.scratch);
        self.scratch.clear();
        self.scratch
            .extend(range.map(|h| equivalised(hh, income, h as usize).max(0.0)));
        let share_below = |line: f64| {
            let n = self.scratch.iter().filter(|&&x| x < line).count();
            if self.scratch.is_empty() {
                0.0
            } else {
                n as f64 / self.scratch.len() as f64
            }
        };
        let (poverty, low_income) = (share_below(poverty_line), share_below(low_income_line));
        Spread {
            gini_wealth,
            gini_income: gini(&mut self.scratch),
            poverty,
            low_income,
        }
    }
}

/// The distribution indicators of one area and period.
#[derive(Clone, Copy)]
struct Spread {
    gini_wealth: f64,
    gini_income: f64,
    poverty: f64,
    /// Share below the fixed low-income line.
    low_income: f64,
}

impl Spread {
    /// Whether `ind` is one of the distribution indicators.
    fn covers(ind: Indicator) -> bool {
        matches!(
            ind,
            Indicator::GiniWealth
                | Indicator::GiniIncome
                | Indicator::PovertyRate
                | Indicator::LowIncomeRate
        )
    }

    /// The value of a distribution indicator (0 for any other).
    fn get(self, ind: Indicator) -> f64 {
        match ind {
            Indicator::GiniWealth => self.gini_wealth,
            Indicator::GiniIncome => self.gini_income,
            Indicator::PovertyRate => self.poverty,
            Indicator::LowIncomeRate => self.low_income,
            _ => 0.0,
        }
    }
}

/// Each household's disposable income over a period of `kind`, cents.
fn period_income(world: &World, kind: PeriodKind) -> &[i64] {
    match kind {
        PeriodKind::Month => &world.households.income_cents,
        PeriodKind::Quarter => &world.households.income_quarter_cents,
        PeriodKind::Year => &world.households.income_year_cents,
    }
}

/// Household `h`'s income per equivalent adult (OECD-modified scale: 1, 0.5 per further
/// adult, 0.3 per child).
fn equivalised(hh: &super::world::Households, income: &[i64], h: usize) -> f64 {
    let adults = hh.adults[h].max(1) as f64;
    let children = (hh.size[h] as f64 - adults).max(0.0);
    income[h] as f64 / (1.0 + 0.5 * (adults - 1.0) + 0.3 * children)
}

/// The flow sums of one area and period that several indicators share, cents (coins in
/// units).
struct Sums {
    all_total: f64,
    all_local: f64,
    s_b: f64,
    s_r: f64,
    turnover_eur: i64,
    benefits: i64,
    taxes: i64,
    local_taxes: i64,
    subsidies: i64,
    procurement: i64,
    /// The part of `procurement` paid to businesses of the area.
    procurement_local: i64,
    coin_spending: i64,
    /// Households' final purchases (consumption, housing rent, membership fees, services of
    /// other residents), in euro cents and in coins: the numerators of the income velocities.
    final_eur: i64,
    final_coin: i64,
    /// The part of `final_coin` paid to agents of the area.
    final_coin_local: f64,
    coins_issued: i64,
    coins_redeemed: i64,
    /// Coins businesses received for sales, and redeemed: `coins_passed_on_share`.
    business_coins_received: i64,
    business_coins_redeemed: i64,
    coins_demurrage: i64,
    coins_expired: i64,
    coin_sales: f64,
    euro_sales: f64,
    /// Households' purchases at shops, both currencies at their value in cents: in all,
    /// and at local businesses.
    shop_total: f64,
    shop_local: f64,
}

/// What households pay for goods and services for their own use: the purchases an income
/// velocity counts (not wages, profit, supplies or business rent, which are payments between
/// producers and their factors).
const FINAL_PURCHASES: [Purpose; 4] = [
    Purpose::Consumption,
    Purpose::HousingRent,
    Purpose::MembershipFee,
    Purpose::ResidentServices,
];

impl Sums {
    /// `lm3_contract`: NEF's LM3 of the municipality's contracts. Round 1 is the contract
    /// money, round 2 the share q of it paid to businesses of the area, round 3 what those
    /// businesses spend locally (s_b): 1 + q + q s_b; 0 without contracts.
    fn lm3_contract(&self) -> f64 {
        if self.procurement <= 0 {
            return 0.0;
        }
        let q = self.procurement_local as f64 / self.procurement as f64;
        1.0 + q + q * self.s_b
    }

    /// `lm3_coin`: NEF's LM3 of the coins households spend. Round 2 is the share q of them
    /// paid to agents of the area; round 3 what the recipients do with them: pass them on
    /// in the wijk (the share passed on, pi, of the coins businesses receive) or redeem
    /// them and spend the euros as businesses do (s_b): 1 + q + q (pi + (1 - pi) s_b);
    /// 0 when no coin is spent.
    fn lm3_coin(&self) -> f64 {
        if self.final_coin <= 0 {
            return 0.0;
        }
        let q = self.final_coin_local / self.final_coin as f64;
        let pi = self.passed_on_share();
        1.0 + q + q * (pi + (1.0 - pi) * self.s_b)
    }

    /// `coins_passed_on_share`: the coins businesses received for sales and did not
    /// redeem, over those received.
    fn passed_on_share(&self) -> f64 {
        ratio(
            (self.business_coins_received - self.business_coins_redeemed) as f64,
            self.business_coins_received as f64,
        )
    }
}

fn ratio(x: f64, y: f64) -> f64 {
    if y > 0.0 { x / y } else { 0.0 }
}

/// What the `sectors` paid for purpose `p`: (in all, within the area; for the city, within
/// any of its neighbourhoods), in cents, each currency of `money` counted at its value in
/// cents.
fn paid_by(
    f: &NeighbourhoodFlows,
    money: &[(Currency, f64)],
    p: Purpose,
    sectors: &[Sector],
    is_city: bool,
) -> (f64, f64) {
    let (mut total, mut local) = (0.0, 0.0);
    for &(c, value) in money {
        for &s in sectors {
            let mut l = f.paid(c, p, s, Locality::SameNeighbourhood);
            if is_city {
                l += f.paid(c, p, s, Locality::OtherNeighbourhood);
            }
            total += f.paid_total(c, p, s) as f64 * value;
            local += l as f64 * value;
        }
    }
    (total, local)
}

/// [`paid_by`] summed over the spending purposes.
fn spent(
    f: &NeighbourhoodFlows,
    money: &[(Currency, f64)],
    sectors: &[Sector],
    is_city: bool,
) -> (f64, f64) {
    Purpose::ALL
        .iter()
        .filter(|p| p.is_spending())
        .map(|&p| paid_by(f, money, p, sectors, is_city))
        .fold((0.0, 0.0), |(t, l), (a, b)| (t + a, l + b))
}

/// LM3's shares s_b and s_r (docs/ODD.md, "LM3"), in both currencies, coins at their euro
/// value: LM3 follows money, whichever money it is. Round 3 follows round 2's recipients:
/// the wages and profit businesses pay locally go to households, who respend the
/// households' local share; the supplies they buy locally go to businesses, who respend
/// s_b (rent goes to landlords outside).
fn lm3_shares(f: &NeighbourhoodFlows, is_city: bool, coin_value_cents: f64) -> (f64, f64) {
    let money = [(Currency::Eur, 1.0), (Currency::Coin, coin_value_cents)];
    let (biz_total, biz_local) = spent(f, &money, &[Sector::Businesses], is_city);
    let (hh_total, hh_local) = spent(f, &money, &[Sector::Households], is_city);
    let s_b = ratio(biz_local, biz_total);
    let s_h = ratio(hh_local, hh_total);
    let local = |p: Purpose| paid_by(f, &money, p, &[Sector::Businesses], is_city).1;
    let to_households = local(Purpose::Wage) + local(Purpose::ProfitDistribution);
    let to_businesses = local(Purpose::Supplies);
    let s_r = ratio(
        to_households * s_h + to_businesses * s_b,
        to_households + to_businesses,
    );
    (s_b, s_r)
}

impl Sums {
    fn of(a: &Acc, is_city: bool, coin_value_cents: f64) -> Sums {
        let f = &a.flows;
        let e = Currency::Eur;
        let inside = [Sector::Households, Sector::Businesses, Sector::Associations];
        let (all_total, all_local) = spent(f, &[(e, 1.0)], &inside, is_city);
        let (s_b, s_r) = lm3_shares(f, is_city, coin_value_cents);
        let (shop_total, shop_local) = paid_by(
            f,
            &[(e, 1.0), (Currency::Coin, coin_value_cents)],
            Purpose::Consumption,
            &[Sector::Households],
            is_city,
        );
        let turnover_eur: i64 = [
            Purpose::Consumption,
            Purpose::Supplies,
            Purpose::Procurement,
            Purpose::AssociationSpending,
            Purpose::OutsideSales,
        ]
        .iter()
        .map(|&p| f.received_total(e, p, Sector::Businesses))
        .sum();
        let k = Currency::Coin;
        let coins_paid_by_agents =
            |p: Purpose| -> i64 { inside.iter().map(|&s| f.paid_total(k, p, s)).sum() };
        let sales = |c: Currency| {
            f.received_total(c, Purpose::Consumption, Sector::Businesses)
                + f.received_total(c, Purpose::Supplies, Sector::Businesses)
        };
        let final_purchases = |c: Currency| -> i64 {
            FINAL_PURCHASES
                .iter()
                .map(|&p| f.paid_total(c, p, Sector::Households))
                .sum()
        };
        Sums {
            all_total,
            all_local,
            final_eur: final_purchases(e),
            final_coin: final_purchases(k),
            final_coin_local: FINAL_PURCHASES
                .iter()
                .map(|&p| paid_by(f, &[(k, 1.0)], p, &[Sector::Households], is_city).1)
                .sum(),
            s_b,
            s_r,
            turnover_eur,
            benefits: f.received_total(e, Purpose::Benefit, Sector::Households),
            taxes: f.paid_total(e, Purpose::IncomeTax, Sector::Households),
            local_taxes: f.paid_total(e, Purpose::MunicipalTax, Sector::Households),
            subsidies: f.received_total(e, Purpose::Subsidy, Sector::Associations),
            procurement: f.received_total(e, Purpose::Procurement, Sector::Businesses)
                + a.counters.procurement_outside_cents,
            procurement_local: f.received_total(e, Purpose::Procurement, Sector::Businesses),
            coin_spending: Purpose::ALL
                .iter()
                .filter(|p| p.is_spending())
                .map(|&p| coins_paid_by_agents(p))
                .sum(),
            coins_issued: f.received_total(k, Purpose::CoinIssuance, Sector::Households)
                + f.received_total(k, Purpose::CoinPurchase, Sector::Households),
            coins_redeemed: coins_paid_by_agents(Purpose::CoinRedemption),
            business_coins_received: sales(k),
            business_coins_redeemed: f.paid_total(k, Purpose::CoinRedemption, Sector::Businesses),
            coins_demurrage: coins_paid_by_agents(Purpose::Demurrage),
            coins_expired: coins_paid_by_agents(Purpose::CoinExpiry),
            coin_sales: sales(k) as f64 * coin_value_cents,
            shop_total,
            shop_local,
            euro_sales: sales(e) as f64,
        }
    }
}

fn compute(a: &Acc, is_city: bool, spread: Spread, months: u32, coin_value_cents: f64) -> Vec<f64> {
    let n = a.ticks.max(1) as f64;
    let avg = |i: usize| a.sums[i] / n;
    let eur = |c: i64| c as f64 / 100.0;
    let m = Sums::of(a, is_city, coin_value_cents);
    // Average holdings, the same for both currencies: month-end and mid-month (after the
    // month's spending, before the coin phase and the benefits) holdings.
    let money_avg = (a.money_sum + a.counters.euros_held_mid as f64) / (2.0 * n);
    let coin_avg = (a.coin_sum + c_mid(a)) / (2.0 * n);
    let c = &a.counters;
    let consumption = a
        .flows
        .paid_total(Currency::Eur, Purpose::Consumption, Sector::Households);
    let net_cost = m.benefits + m.subsidies + m.procurement + municipal_cost_counters_cents(c)
        - m.local_taxes
        - c.national_transfer_cents;
    Indicator::ALL
        .iter()
        .map(|ind| match ind {
            Indicator::ResidentsCount => a.last[S_RESIDENTS],
            Indicator::UnemploymentRate => ratio(avg(S_UNEMPLOYED), avg(S_LABOUR_FORCE)),
            Indicator::HouseholdsOnBenefitsShare => ratio(avg(S_ON_BENEFIT), avg(S_HOUSEHOLDS)),
            Indicator::WorkingResidentsCount => avg(S_WORKING),
            Indicator::JobsInNeighbourhoodCount => avg(S_JOBS),
            Indicator::JobsPerWorkingResident => ratio(avg(S_JOBS), avg(S_WORKING)),
            Indicator::ResidentsInTrainingCount => avg(S_TRAINING),
            Indicator::BusinessesActiveCount => a.last[S_BUSINESSES],
            Indicator::BusinessFailuresCount => c.failures as f64,
            Indicator::BusinessStopsCount => c.stops as f64,
            Indicator::BusinessClosuresCount => c.closures as f64,
            Indicator::BusinessStartsCount => c.starts as f64,
            Indicator::BusinessTurnoverEur => eur(m.turnover_eur) + m.coin_sales / 100.0,
            Indicator::HouseholdConsumptionEur => eur(consumption),
            Indicator::HouseholdLocalSpendingShare => ratio(m.shop_local, m.shop_total),
            Indicator::MoneyStockEur => eur(a.money_last),
            Indicator::VelocityEurPerYear => ratio(m.all_total, money_avg) * 12.0 / months as f64,
            Indicator::IncomeVelocityEurPerYear => {
                ratio(m.final_eur as f64, money_avg) * 12.0 / months as f64
            }
            Indicator::LeakageShare => 1.0 - ratio(m.all_local, m.all_total).min(1.0),
            Indicator::Lm3 => 1.0 + m.s_b + m.s_b * m.s_r,
            Indicator::Lm3Contract => m.lm3_contract(),
            Indicator::Lm3Coin => m.lm3_coin(),
            Indicator::BusinessLocalSpendingShare => m.s_b,
            Indicator::RespendingLocalShare => m.s_r,
            Indicator::BenefitsEur => eur(m.benefits),
            Indicator::IncomeTaxEur => eur(m.taxes),
            Indicator::MunicipalTaxEur => eur(m.local_taxes),
            Indicator::SubsidiesEur => eur(m.subsidies),
            Indicator::ProcurementEur => eur(m.procurement),
            Indicator::NationalTransferEur => eur(c.national_transfer_cents),
            Indicator::MunicipalNetCostEur => eur(net_cost),
            i if Spread::covers(*i) => spread.get(*i),
            Indicator::VolunteerHours => c.volunteer_hours,
            Indicator::TrainingHours => a.sums[S_TRAINING_HOURS],
            Indicator::YouthUnemploymentRate => ratio(avg(S_YOUTH_UNEMPLOYED), avg(S_YOUTH_LF)),
            Indicator::AgreementJobsCount => avg(S_AGREEMENT),
            Indicator::AgreementWagesEur => eur(c.agreement_wages_cents),
            Indicator::HouseholdsSanctionedCount => c.sanctions as f64,
            Indicator::CoinsIssuedCount => m.coins_issued as f64,
            Indicator::CoinsRedeemedCount => m.coins_redeemed as f64,
            Indicator::CoinsDemurrageCount => m.coins_demurrage as f64,
            Indicator::CoinsExpiredCount => m.coins_expired as f64,
            Indicator::CoinsInCirculationCount => a.coin_last as f64,
            Indicator::CoinsPassedOnShare => m.passed_on_share(),
            Indicator::CoinVelocityPerYear => {
                ratio(m.coin_spending as f64, coin_avg) * 12.0 / months as f64
            }
            Indicator::CoinIncomeVelocityPerYear => {
                ratio(m.final_coin as f64, coin_avg) * 12.0 / months as f64
            }
            Indicator::CoinSalesEur => m.coin_sales / 100.0,
            Indicator::CoinShareOfLocalTurnover => ratio(m.coin_sales, m.coin_sales + m.euro_sales),
            Indicator::CoinSchemeCostEur => eur(c.coin_scheme_cost_cents),
            _ => work_and_levers(*ind, a),
        })
        .collect()
}

/// The indicators of work, training and income support (issue 10) and the counters that
/// show each lever acted.
fn work_and_levers(ind: Indicator, a: &Acc) -> f64 {
    let n = a.ticks.max(1) as f64;
    let avg = |i: usize| a.sums[i] / n;
    let eur = |c: i64| c as f64 / 100.0;
    let c = &a.counters;
    match ind {
        Indicator::HouseholdsBuyingCoinsShare => ratio(c.coin_buyers as f64 / n, avg(S_HOUSEHOLDS)),
        Indicator::BusinessesAcceptingCoinsShare => ratio(avg(S_COIN_ACCEPTORS), avg(S_BUSINESSES)),
        Indicator::ResidentServicesHours => c.service_hours,
        Indicator::CoinDiscountsEur => eur(c.coin_discount_cents),
        Indicator::RealConsumptionEur => c.real_consumption_cents / 100.0,
        Indicator::LocalPriceIndex => ratio(c.local_goods_cents as f64, c.local_real_cents),
        Indicator::ResidentServicesEur => eur(c.service_cents),
        Indicator::TrainingCostEur => eur(c.training_cost_cents),
        Indicator::QuotaJobsCount => avg(S_QUOTA_JOBS),
        Indicator::SupplementJobsCount => avg(S_SUPPLEMENT_JOBS),
        Indicator::InternshipsCount => c.internships as f64,
        Indicator::PayResidentsCoinsCount => c.pay_residents_coins as f64,
        Indicator::CampaignCostEur => eur(c.campaign_cents),
        Indicator::TrainingCompletedCount => c.trainings_completed as f64,
        Indicator::DisabilityBenefitsEur => eur(a.flows.received_total(
            Currency::Eur,
            Purpose::DisabilityBenefit,
            Sector::Households,
        )),
        Indicator::UnemploymentBenefitsEur => eur(a.flows.received_total(
            Currency::Eur,
            Purpose::UnemploymentBenefit,
            Sector::Households,
        )),
        Indicator::ResidentsOnUnemploymentBenefitCount => avg(S_ON_WW),
        Indicator::HouseholdsOnAnyBenefitShare => ratio(avg(S_ON_ANY_BENEFIT), avg(S_HOUSEHOLDS)),
        // The regional labour market.
        Indicator::JobFindingRatePerMonth => {
            ratio(c.job_seekers_hired as f64, c.job_seekers as f64)
        }
        Indicator::ResidentsHiredCount => c.job_seekers_hired as f64,
        // Household time.
        Indicator::ParticipationHours => c.participation_hours,
        Indicator::SearchHours => c.search_hours,
        Indicator::RegionalVacanciesCount => a.regional_vacancies_sum / n,
        Indicator::LocalJobsHeldByResidentsShare => {
            ratio(avg(S_RESIDENT_EMPLOYEES), avg(S_EMPLOYEES))
        }
        Indicator::BijstandShare18ToPension => {
            ratio(avg(S_WORKING_AGE_ON_BIJSTAND), avg(S_WORKING_AGE))
        }
        Indicator::ResidentsEmployedInOwnNeighbourhoodShare => {
            ratio(avg(S_OWN_NB_EMPLOYEES), avg(S_WAGE_EARNERS))
        }
        // Labour supply.
        Indicator::JobOffersCount => c.job_offers as f64,
        Indicator::JobOffersDeclinedCount => c.job_offers_declined as f64,
        Indicator::EffectiveMarginalTaxRate => ratio(c.emtr_sum, c.emtr_households as f64),
        Indicator::RefusalSanctionsCount => c.refusal_sanctions as f64,
        other => unreachable!("{other:?} is computed in `compute`"),
    }
}

/// Counts resident `r` of `world` into its area's state `st`: the working-age share on
/// bijstand, unemployment insurance, wage earners and those working in their own
/// neighbourhood. Returns whether the resident received WW or a disability benefit.
fn count_work_and_benefits(
    st: &mut [f64; STATE_N],
    world: &World,
    r: usize,
    pension_age: u8,
) -> bool {
    let status = world.residents.status[r];
    let age = world.residents.age[r];
    if age >= 18 && age < pension_age {
        st[S_WORKING_AGE] += 1.0;
        if world.households.on_benefit[world.residents.household[r] as usize] {
            st[S_WORKING_AGE_ON_BIJSTAND] += 1.0;
        }
    }
    if world.insurance.gross_cents[r] > 0 {
        st[S_ON_WW] += 1.0;
    }
    let wage = world.residents.wage_cents[r] > 0;
    if wage
        && matches!(
            status,
            Status::Employed | Status::EmployedOutside | Status::AgreementJob
        )
    {
        st[S_WAGE_EARNERS] += 1.0;
    }
    let e = world.residents.employer[r];
    if wage
        && status == Status::Employed
        && e != crate::model::world::NONE
        && world.businesses.nb[e as usize] == world.residents.nb[r]
    {
        st[S_OWN_NB_EMPLOYEES] += 1.0;
    }
    world.insurance.gross_cents[r] > 0
        || (status == Status::Unable && world.residents.disability_covered[r])
}

/// Counts one resident of `status` into its area's state.
fn count_resident(st: &mut [f64; STATE_N], status: Status, young: bool, training_hours: f64) {
    st[S_RESIDENTS] += 1.0;
    match status {
        Status::Employed | Status::EmployedOutside | Status::AgreementJob => {
            st[S_LABOUR_FORCE] += 1.0;
            st[S_WORKING] += 1.0;
            if young {
                st[S_YOUTH_LF] += 1.0;
            }
            if status == Status::AgreementJob {
                st[S_AGREEMENT] += 1.0;
            }
        }
        Status::Unemployed => {
            st[S_LABOUR_FORCE] += 1.0;
            st[S_UNEMPLOYED] += 1.0;
            if young {
                st[S_YOUTH_LF] += 1.0;
                st[S_YOUTH_UNEMPLOYED] += 1.0;
            }
        }
        Status::Training => {
            st[S_TRAINING] += 1.0;
            st[S_TRAINING_HOURS] += training_hours;
        }
        _ => {}
    }
}

/// Adds one tick's counters `c` into a period's `total`. The field list is a pattern
/// without `..`: a counter added to `TickCounters` does not compile until it is listed
/// here, and every listed counter is summed.
fn add_counters(total: &mut TickCounters, c: &TickCounters) {
    macro_rules! sum_every_field {
        ($($f:ident),* $(,)?) => {{
            let TickCounters { $($f: _),* } = c;
            $(total.$f += c.$f;)*
        }};
    }
    sum_every_field!(
        failures,
        closures,
        stops,
        starts,
        volunteer_hours,
        procurement_outside_cents,
        national_transfer_cents,
        coin_scheme_cost_cents,
        agreement_wages_cents,
        campaign_cents,
        sanctions,
        coins_held_mid,
        euros_held_mid,
        training_cost_cents,
        trainings_completed,
        internships,
        pay_residents_coins,
        job_seekers,
        job_seekers_hired,
        participation_hours,
        search_hours,
        job_offers,
        job_offers_declined,
        emtr_sum,
        emtr_households,
        refusal_sanctions,
        coin_buyers,
        service_hours,
        service_cents,
        coin_discount_cents,
        local_goods_cents,
        local_real_cents,
        real_consumption_cents,
        coin_user_local_cents,
        coin_user_coin_cents,
    );
}

/// The counters that are municipal spending not booked in the area's ledger flows, in
/// cents: part of `municipal_net_cost_eur`. The pattern names every field (no `..`), so a
/// new counter does not compile until it is classed here as a cost or not.
fn municipal_cost_counters_cents(c: &TickCounters) -> i64 {
    let TickCounters {
        coin_scheme_cost_cents,
        agreement_wages_cents,
        campaign_cents,
        training_cost_cents,
        // Counted in `procurement_eur`, which the net cost adds on its own.
        procurement_outside_cents: _,
        // Income of the municipality, subtracted on its own.
        national_transfer_cents: _,
        // Not money.
        failures: _,
        closures: _,
        stops: _,
        starts: _,
        volunteer_hours: _,
        sanctions: _,
        coins_held_mid: _,
        euros_held_mid: _,
        trainings_completed: _,
        internships: _,
        pay_residents_coins: _,
        job_seekers: _,
        job_seekers_hired: _,
        participation_hours: _,
        search_hours: _,
        job_offers: _,
        job_offers_declined: _,
        emtr_sum: _,
        emtr_households: _,
        refusal_sanctions: _,
        coin_buyers: _,
        service_hours: _,
        service_cents: _,
        coin_discount_cents: _,
        local_goods_cents: _,
        local_real_cents: _,
        real_consumption_cents: _,
        coin_user_local_cents: _,
        coin_user_coin_cents: _,
    } = c;
    coin_scheme_cost_cents + agreement_wages_cents + campaign_cents + training_cost_cents
}

fn c_mid(a: &Acc) -> f64 {
    a.counters.coins_held_mid as f64
}

fn median_sorted(v: &[f64]) -> f64 {
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => 0.5 * (v[n / 2 - 1] + v[n / 2]),
    }
}

/// Gini coefficient of non-negative values (sorts `v` in place); 0 for empty or all-zero.
pub fn gini(v: &mut [f64]) -> f64 {
    v.sort_unstable_by(f64::total_cmp);
    let n = v.len() as f64;
    let total: f64 = v.iter().sum();
    if v.is_empty() || total <= 0.0 {
        return 0.0;
    }
    let weighted: f64 = v
        .iter()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * x)
        .sum();
    2.0 * weighted / (n * total) - (n + 1.0) / n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gini_of_known_distributions() {
        assert_eq!(gini(&mut [1.0, 1.0, 1.0, 1.0]), 0.0);
        // One holds everything: (n-1)/n.
        assert!((gini(&mut [0.0, 0.0, 0.0, 4.0]) - 0.75).abs() < 1e-12);
        assert!((gini(&mut [1.0, 2.0, 3.0, 4.0]) - 0.25).abs() < 1e-12);
    }

    /// Every field of one tick's counters, each a different non-zero value. A struct
    /// literal names every field, so a new counter must be given a value here too.
    fn every_counter_set() -> TickCounters {
        TickCounters {
            failures: 1,
            closures: 2,
            starts: 3,
            volunteer_hours: 4.5,
            procurement_outside_cents: 5,
            national_transfer_cents: 6,
            coin_scheme_cost_cents: 7,
            agreement_wages_cents: 8,
            campaign_cents: 9,
            sanctions: 10,
            coins_held_mid: 11,
            training_cost_cents: 12,
            trainings_completed: 13,
            internships: 14,
            pay_residents_coins: 15,
            job_seekers: 12,
            job_seekers_hired: 13,
            participation_hours: 16.5,
            search_hours: 17.5,
            job_offers: 16,
            job_offers_declined: 17,
            emtr_sum: 18.5,
            emtr_households: 19,
            refusal_sanctions: 20,
            stops: 21,
            euros_held_mid: 22,
            coin_buyers: 23,
            service_hours: 24.5,
            service_cents: 25,
            coin_discount_cents: 26,
            local_goods_cents: 27,
            local_real_cents: 28.5,
            real_consumption_cents: 29.5,
            coin_user_local_cents: 30,
            coin_user_coin_cents: 31.5,
        }
    }

    #[test]
    fn a_period_sums_every_counter_of_its_ticks() {
        // The review's bug: a counter left out of the hand-written sum read 0 in every
        // period. Summing one tick into an empty period must give that tick back, field by
        // field, and two ticks twice it.
        let one = every_counter_set();
        let mut total = TickCounters::default();
        add_counters(&mut total, &one);
        assert_eq!(format!("{total:?}"), format!("{one:?}"));
        add_counters(&mut total, &one);
        let mut twice = one.clone();
        add_counters(&mut twice, &one);
        assert_eq!(format!("{total:?}"), format!("{twice:?}"));
        assert!(format!("{total:?}").contains("coins_held_mid: 22"));
    }

    #[test]
    fn municipal_net_cost_takes_the_cost_counters_only() {
        assert_eq!(
            municipal_cost_counters_cents(&every_counter_set()),
            7 + 8 + 9 + 12
        );
    }

    #[test]
    fn indicator_names_are_unique_and_round_trip() {
        for (i, a) in Indicator::ALL.iter().enumerate() {
            assert_eq!(Indicator::from_name(a.name()), Some(*a));
            assert!(Indicator::ALL[..i].iter().all(|b| b.name() != a.name()));
        }
    }
}
