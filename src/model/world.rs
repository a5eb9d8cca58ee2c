//! The agents, as struct-of-arrays columns with plain indices, and how they are built.
//!
//! Residents of one household are contiguous, households of one neighbourhood are
//! contiguous, and so are businesses and associations: each neighbourhood owns a range of
//! every table. Agents are never removed: a failed business is marked inactive and its slot
//! (and ledger account) reused by a later start, so no table grows during a run.

use super::ids::{AssociationId, BusinessId, HouseholdId};
use super::insurance::Insurance;
use super::ledger::{AccountId, Currency, Ledger, NO_NEIGHBOURHOOD, Purpose as Flow, Sector};
use super::params::Params;
use super::parties::Party;
use super::phases::open_at_price_one;
use super::rng::{InitPart, Purpose, Stream, Streams};
use super::time::TimeUse;
use crate::scenario::Scenario;
use std::ops::Range;

/// Marks "no agent" in an index column.
pub const NONE: u32 = u32::MAX;

pub use super::params::{CONTRACTS, SECTORS, cents};

/// What a resident does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Under 18.
    Child = 0,
    /// Owner or employee of a business in the city.
    Employed = 1,
    /// Employee of an employer outside the city.
    EmployedOutside = 2,
    /// Able to work, without a job, looking for one.
    Unemployed = 3,
    /// In training; not looking for work until it ends.
    Training = 4,
    /// At or above the pension age.
    Retired = 5,
    /// Working age but unable to work (health).
    Unable = 6,
    /// In a job under an agreement between neighbourhoods (lever 8), paid by the
    /// municipality; `Residents::agreement` holds the agreement's index.
    AgreementJob = 7,
}

/// Residents (persons). Hot columns are small: status, employer, skill.
#[derive(Clone, Debug, Default)]
pub struct Residents {
    /// Neighbourhood index.
    pub nb: Vec<u16>,
    /// Household index.
    pub household: Vec<u32>,
    /// Age in whole years.
    pub age: Vec<u8>,
    /// Working-age health: able to work.
    pub able: Vec<bool>,
    /// Skill, 0 to 1.
    pub skill: Vec<f32>,
    /// What the resident does.
    pub status: Vec<Status>,
    /// Business index when employed in the city (owner or employee), else [`NONE`].
    pub employer: Vec<u32>,
    /// Gross monthly wage in cents of an employee (inside or outside); 0 for owners.
    pub wage_cents: Vec<i64>,
    /// Contract hours a month of an employee's job (inside or outside, agreement jobs
    /// included); 0 for owners and residents without a job.
    pub hours: Vec<f32>,
    /// Months left in training.
    pub training_left: Vec<u8>,
    /// Skill still to come from a completed training (it takes effect over
    /// `behaviour.training_gain_months`).
    pub skill_pending: Vec<f32>,
    /// Months over which `skill_pending` is still to take effect.
    pub vesting_left: Vec<u8>,
    /// Index of the agreement (lever 8) whose job the resident holds, or `u16::MAX`.
    pub agreement: Vec<u16>,
    /// Contract slot (neighbourhood * CONTRACTS + contract) of an outside contractor that
    /// employs the resident under a quota (levers 5 and 6), or `u16::MAX`.
    pub contract: Vec<u16>,
    /// Receives a disability benefit while unable to work (drawn once per resident, and
    /// again for a newborn).
    pub disability_covered: Vec<bool>,
    /// Personal network: `contacts_per` resident indices per resident.
    pub contacts: Vec<u32>,
    /// Contacts per resident.
    pub contacts_per: usize,
}

/// Households: the holders of residents' money.
#[derive(Clone, Debug, Default)]
pub struct Households {
    /// Neighbourhood index.
    pub nb: Vec<u16>,
    /// The household's place in the order of adopting the coin: uniform in [0, 1), drawn
    /// once; it buys coins once the neighbourhood's adopted share exceeds it (docs/ODD.md
    /// 7.14).
    pub coin_rank: Vec<f64>,
    /// First member (index into residents).
    pub first: Vec<u32>,
    /// Number of members.
    pub size: Vec<u8>,
    /// Number of adults.
    pub adults: Vec<u8>,
    /// Preferred local business per sector, `SECTORS` per household ([`NONE`]: none).
    pub shop: Vec<u32>,
    /// Association the household is a member of, or [`NONE`].
    pub association: Vec<u32>,
    /// Gross earnings (wages, owners' profit) received this month, cents.
    pub earnings_cents: Vec<i64>,
    /// Disposable income (net earnings, pensions, benefits) this month, cents.
    pub income_cents: Vec<i64>,
    /// Disposable income of last month, which consumption reads.
    pub income_prev_cents: Vec<i64>,
    /// Disposable income summed over the current quarter and year (for indicators).
    pub income_quarter_cents: Vec<i64>,
    /// See `income_quarter_cents`.
    pub income_year_cents: Vec<i64>,
    /// Receives bijstand this month.
    pub on_benefit: Vec<bool>,
    /// Coins earned this month (issued for volunteering, training or paid work).
    pub coins_earned: Vec<i64>,
    /// Coins earned this month not yet issued through the ledger (settled in the coin
    /// phase).
    pub coins_to_issue: Vec<i64>,
    /// Months of earnings disregard already used.
    pub disregard_used: Vec<u8>,
    /// Rents its home (may receive the rent allowance); drawn at the start.
    pub tenant: Vec<bool>,
    /// Income tax withheld from the members this month, cents.
    pub tax_cents: Vec<i64>,
    /// Of `tax_cents`, the tax on earnings.
    pub earnings_tax_cents: Vec<i64>,
    /// Income-tested transfers received this month (bijstand, rent and health-care
    /// allowance), cents.
    pub transfers_cents: Vec<i64>,
    /// A member on bijstand declined a job offer this month (the municipality may
    /// sanction it next month).
    pub refused_offer: Vec<bool>,
}

/// Local businesses (slots; inactive ones wait to be reused by a start).
#[derive(Clone, Debug, Default)]
pub struct Businesses {
    /// Neighbourhood index (fixed per slot).
    pub nb: Vec<u16>,
    /// Sector index into [`crate::scenario::SectorKind::ALL`].
    pub sector: Vec<u8>,
    /// Trading.
    pub active: Vec<bool>,
    /// Owner (a resident), or [`NONE`].
    pub owner: Vec<u32>,
    /// Employees who are residents of the city.
    pub staff_residents: Vec<u32>,
    /// Employees who commute from outside the city.
    pub staff_commuters: Vec<u32>,
    /// Monthly gross wage bill of residents and commuters, cents.
    pub wage_bill_cents: Vec<i64>,
    /// Receipts this month, cents.
    pub revenue_cents: Vec<i64>,
    /// Discounts given this month on goods paid in coins (lever 2), cents: goods sold
    /// beside the receipts.
    pub discount_cents: Vec<i64>,
    /// Expected monthly revenue (exponentially smoothed), cents.
    pub revenue_expected: Vec<f64>,
    /// Consecutive months the business could not pay all its bills, or (after the start-up
    /// grace period) expected an owner's income below the minimum.
    pub arrears_months: Vec<u8>,
    /// Months since the business started.
    pub months_trading: Vec<u16>,
    /// Employees to lay off this month (scratch of the labour phase).
    pub layoffs: Vec<u32>,
    /// Vacancies this month (scratch of the labour phase).
    pub vacancies: Vec<u32>,
    /// Share of its wage bill the business can pay this month (scratch of the wage phase).
    pub pay_share: Vec<f64>,
    /// Hires only residents this month (a quota applies; scratch of the labour phase).
    pub resident_only: Vec<bool>,
    /// The slot's cost of passing a coin on, as a share of `pass_on_cost_max_share`
    /// (uniform in [0, 1), drawn once per slot: docs/ODD.md 7.14).
    pub coin_pass_cost: Vec<f64>,
    /// Coins paid out this month: supplies and the owner's draw (scratch of phase 5).
    pub coins_paid: Vec<i64>,
    /// Coins the business expects to pay out next month (exponentially smoothed).
    pub coins_paid_expected: Vec<f64>,
    /// Takes coins from customers and other businesses (docs/ODD.md 7.14).
    pub accepts_coins: Vec<bool>,
    /// Coins received this month, for sales to households and supplies (scratch).
    pub coins_received: Vec<i64>,
    /// Coins it expects to receive in a month (exponentially smoothed).
    pub coins_received_expected: Vec<f64>,
    /// Receipts this month from households holding coins they mean to spend, cents
    /// (scratch).
    pub coin_user_sales_cents: Vec<i64>,
    /// Their expected monthly value (exponentially smoothed), cents.
    pub coin_user_sales_expected: Vec<f64>,
    /// Price of its goods relative to the start (every business opens at 1): the markup
    /// factor times the unit cost (docs/ODD.md 7.11).
    pub price: Vec<f64>,
    /// Markup factor 1 + mu over the unit cost at full capacity, adjusted to demand.
    pub markup: Vec<f64>,
}

/// Associations (verenigingen).
#[derive(Clone, Debug, Default)]
pub struct Associations {
    /// Neighbourhood index.
    pub nb: Vec<u16>,
    /// Member households.
    pub members: Vec<u32>,
    /// Volunteer hours this month.
    pub volunteer_hours: Vec<f64>,
    /// Volunteer hours this month over demand, capped at 1.
    pub activity: Vec<f64>,
}

/// Per neighbourhood: the ranges of every table it owns, and its contracts.
#[derive(Clone, Debug)]
pub struct Neighbourhood {
    /// Its residents.
    pub residents: Range<u32>,
    /// Its households.
    pub households: Range<u32>,
    /// Its business slots.
    pub businesses: Range<u32>,
    /// Its associations.
    pub associations: Range<u32>,
    /// Holder of each municipal contract (0: maintenance, 1: care, 2: the supplementary
    /// maintenance contract of lever 6); [`NONE`] = an outside firm or nobody.
    pub contract_holder: [u32; CONTRACTS],
    /// Months left on each contract.
    pub contract_left: [u32; CONTRACTS],
    /// Residents employed by an outside holder of each contract under a quota.
    pub contract_jobs: [u32; CONTRACTS],
    /// The contract changed hands this month: its quota jobs at an outside firm end.
    pub contract_ended: [bool; CONTRACTS],
    /// Euros of this month's maintenance contract that lever 7's coin-paid work replaces
    /// (the municipality buys that much less), cents; set by the lever before the
    /// contracts are paid.
    pub displaced_cents: i64,
}

/// Accounts that belong to no agent table: sources, sinks and the government.
#[derive(Clone, Copy, Debug)]
pub struct SystemAccounts {
    /// The municipality.
    pub municipality: AccountId,
    /// The national government.
    pub national: AccountId,
    /// History before the run: pays the opening balances.
    pub opening: AccountId,
    /// Employers outside the city.
    pub outside_employers: AccountId,
    /// Shops outside the city.
    pub outside_shops: AccountId,
    /// Suppliers outside the neighbourhood economy.
    pub outside_suppliers: AccountId,
    /// Landlords (housing corporations, property owners) outside the city.
    pub landlords: AccountId,
    /// Commuters' households outside the city.
    pub commuters: AccountId,
    /// Customers outside the city.
    pub outside_customers: AccountId,
    /// Contractors from outside the city that win municipal tenders.
    pub outside_contractors: AccountId,
    /// The coin scheme's issuer: source and sink of every coin.
    pub coin_issuer: AccountId,
    /// The euro fund that backs coins, held by the municipality.
    pub coin_fund: AccountId,
    /// The agency outside the city that runs the buy-local campaign.
    pub campaign_agency: AccountId,
    /// Training providers outside the city, paid by the municipality for courses.
    pub training_providers: AccountId,
}

/// Everything that lives in a run: agents, accounts, neighbourhoods.
#[derive(Clone, Debug)]
pub struct World {
    /// Residents.
    pub residents: Residents,
    /// Households.
    pub households: Households,
    /// Business slots.
    pub businesses: Businesses,
    /// Associations.
    pub associations: Associations,
    /// What the residents do with their time this month, and their weak ties.
    pub time: TimeUse,
    /// The residents' work records and unemployment-insurance entitlements.
    pub insurance: Insurance,
    /// Neighbourhoods.
    pub nbs: Vec<Neighbourhood>,
    /// System accounts.
    pub sys: SystemAccounts,
    /// Account of household 0; household h has account `household_base + h`.
    pub household_base: u32,
    /// Account of business slot 0.
    pub business_base: u32,
    /// Account of association 0.
    pub association_base: u32,
    /// Active business slots per (neighbourhood, sector), sorted; capacity reserved for
    /// every slot of the neighbourhood so that updates never allocate.
    pub active_lists: Vec<Vec<u32>>,
}

impl World {
    /// Ledger account of a household.
    #[inline]
    pub fn household_account(&self, h: HouseholdId) -> AccountId {
        AccountId(self.household_base + h.0)
    }
    /// Ledger account of a business slot.
    #[inline]
    pub fn business_account(&self, b: BusinessId) -> AccountId {
        AccountId(self.business_base + b.0)
    }
    /// Ledger account of an association.
    #[inline]
    pub fn association_account(&self, a: AssociationId) -> AccountId {
        AccountId(self.association_base + a.0)
    }
}

fn split_largest_remainder(total: u32, shares: &[f64]) -> Vec<u32> {
    let sum: f64 = shares.iter().sum();
    let raw: Vec<f64> = shares
        .iter()
        .map(|s| {
            if sum > 0.0 {
                total as f64 * s / sum
            } else {
                0.0
            }
        })
        .collect();
    let mut out: Vec<u32> = raw.iter().map(|r| r.floor() as u32).collect();
    let mut left = total - out.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| (raw[b] - raw[b].floor()).total_cmp(&(raw[a] - raw[a].floor())));
    for &i in order.iter().cycle().take(shares.len() * 2) {
        if left == 0 {
            break;
        }
        out[i] += 1;
        left -= 1;
    }
    out
}

/// Builds the world and pays the opening balances through the ledger. The world depends
/// on no lever and not on the coin scheme (the opening coins are [`opening_coins`]), so
/// that a burn-in of the scenario with its levers stripped builds the same world.
pub fn build(s: &Scenario, p: &Params, streams: &Streams, ledger: &mut Ledger) -> World {
    let sys = open_system_accounts(ledger);
    let k = s.behaviour.network_contacts as usize;
    let mut w = World {
        residents: Residents {
            contacts_per: k,
            ..Residents::default()
        },
        households: Households::default(),
        businesses: Businesses::default(),
        associations: Associations::default(),
        time: TimeUse::default(),
        insurance: Insurance::default(),
        nbs: Vec::with_capacity(s.neighbourhoods.len()),
        sys,
        household_base: 0,
        business_base: 0,
        association_base: 0,
        active_lists: Vec::new(),
    };
    let mut ranges = Vec::with_capacity(s.neighbourhoods.len());
    for ni in 0..s.neighbourhoods.len() {
        ranges.push(populate(&mut w, s, p, streams, ni));
    }
    household_columns(&mut w.households);
    w.time = TimeUse::new(w.residents.nb.len());
    disability_cover(&mut w, p, streams, &ranges);
    tenure(&mut w, p, streams, &ranges);
    networks(&mut w, streams, &ranges);
    for (ni, (res, hh)) in ranges.into_iter().enumerate() {
        business_slots(&mut w, s, p, ni, res, hh);
    }
    active_lists(&mut w);
    coin_pass_costs(&mut w.businesses, streams);
    for (h, rank) in w.households.coin_rank.iter_mut().enumerate() {
        *rank = streams.open(Purpose::CoinAdoption, h as u32, 0).unit();
    }
    associations(&mut w, s);
    open_agent_accounts(&mut w, ledger);
    for ni in 0..s.neighbourhoods.len() {
        initial_jobs(&mut w, s, p, streams, ni);
        initial_hours(&mut w, p, streams, ni);
    }
    for ni in 0..s.neighbourhoods.len() {
        shops_and_memberships(&mut w, s, streams, ledger, ni);
        opening_balances(&w, s, p, ledger, ni);
        for b in w.nbs[ni].businesses.clone() {
            if w.businesses.active[b as usize] {
                open_at_price_one(&mut w, p, b as usize);
            }
        }
    }
    w.insurance = Insurance::new(&w.residents);
    w
}

fn open_system_accounts(ledger: &mut Ledger) -> SystemAccounts {
    let mut open_sys = |sector| ledger.open(sector, NO_NEIGHBOURHOOD, true);
    let sys = SystemAccounts {
        municipality: open_sys(Sector::Municipality),
        national: open_sys(Sector::NationalGovernment),
        opening: open_sys(Sector::RestOfWorld),
        outside_employers: open_sys(Sector::RestOfWorld),
        outside_shops: open_sys(Sector::RestOfWorld),
        outside_suppliers: open_sys(Sector::RestOfWorld),
        landlords: open_sys(Sector::RestOfWorld),
        commuters: open_sys(Sector::RestOfWorld),
        outside_customers: open_sys(Sector::RestOfWorld),
        outside_contractors: open_sys(Sector::RestOfWorld),
        coin_issuer: open_sys(Sector::CoinScheme),
        coin_fund: ledger.open(Sector::Municipality, NO_NEIGHBOURHOOD, false),
        campaign_agency: ledger.open(Sector::RestOfWorld, NO_NEIGHBOURHOOD, true),
        training_providers: ledger.open(Sector::RestOfWorld, NO_NEIGHBOURHOOD, true),
    };
    ledger.set_party(sys.landlords, Party::Landlords);
    ledger.set_party(sys.coin_fund, Party::CoinScheme);
    sys
}

/// The residents and households of neighbourhood `ni`; returns their index ranges.
fn populate(
    w: &mut World,
    s: &Scenario,
    p: &Params,
    streams: &Streams,
    ni: usize,
) -> (Range<u32>, Range<u32>) {
    let r = &s.neighbourhoods[ni].residents;
    let mut rng = streams.open_init(ni as u32, InitPart::Residents);
    let n = r.count;
    let children = (n as f64 * r.child_share).round() as u32;
    let retired = ((n as f64 * r.retired_share).round() as u32).min(n - children);
    let adults = n - children;
    let households = ((n as f64 / r.persons_per_household).round() as u32).clamp(1, adults.max(1));
    // Adults per household: one head each, the rest spread round-robin.
    let mut adult_count = vec![1u32; households as usize];
    for i in 0..adults.saturating_sub(households) {
        adult_count[(i % households) as usize] += 1;
    }
    let mut child_count = vec![0u32; households as usize];
    for _ in 0..children {
        child_count[rng.below(households) as usize] += 1;
    }
    // Which adults are retired: a shuffled list of types.
    let mut is_retired: Vec<bool> = (0..adults).map(|i| i < retired).collect();
    for i in (1..is_retired.len()).rev() {
        let j = rng.below(i as u32 + 1) as usize;
        is_retired.swap(i, j);
    }
    let res_start = w.residents.nb.len() as u32;
    let hh_start = w.households.nb.len() as u32;
    let mut adult_i = 0usize;
    for h in 0..households as usize {
        let hid = w.households.nb.len() as u32;
        let size = adult_count[h] + child_count[h];
        w.households.nb.push(ni as u16);
        w.households.first.push(w.residents.nb.len() as u32);
        w.households.size.push(size.min(255) as u8);
        w.households.adults.push(adult_count[h].min(255) as u8);
        for member in 0..size {
            let adult = member < adult_count[h];
            let skill = (r.skill_mean + r.skill_sd * rng.normal()).clamp(0.0, 1.0) as f32;
            let retired = adult && is_retired[adult_i];
            adult_i += adult as usize;
            let (age, status, able) =
                first_age_and_status(adult, retired, r.able_to_work_share, &p.behaviour, &mut rng);
            push_resident(&mut w.residents, ni as u16, hid, age, able, skill, status);
        }
    }
    (
        res_start..w.residents.nb.len() as u32,
        hh_start..w.households.nb.len() as u32,
    )
}

/// A new resident's age, status and health: a child, a pensioner, or a working-age adult
/// (unemployed until the jobs are handed out, or unable to work).
fn first_age_and_status(
    adult: bool,
    retired: bool,
    able_share: f64,
    b: &super::params::Behaviour,
    rng: &mut Stream,
) -> (u8, Status, bool) {
    let (pension_age, life) = (b.pension_age, b.life_expectancy);
    if !adult {
        (rng.below(18) as u8, Status::Child, rng.chance(able_share))
    } else if retired {
        let span = (life - pension_age).max(1) as u32;
        (pension_age + rng.below(span) as u8, Status::Retired, false)
    } else {
        let span = (pension_age.saturating_sub(18)).max(1) as u32;
        let able = rng.chance(able_share);
        let st = if able {
            Status::Unemployed
        } else {
            Status::Unable
        };
        (18 + rng.below(span) as u8, st, able)
    }
}

fn push_resident(r: &mut Residents, nb: u16, h: u32, age: u8, able: bool, skill: f32, st: Status) {
    r.nb.push(nb);
    r.household.push(h);
    r.age.push(age);
    r.able.push(able);
    r.skill.push(skill);
    r.status.push(st);
    r.employer.push(NONE);
    r.wage_cents.push(0);
    r.hours.push(0.0);
    r.training_left.push(0);
    r.skill_pending.push(0.0);
    r.vesting_left.push(0);
    r.agreement.push(u16::MAX);
    r.contract.push(u16::MAX);
    r.disability_covered.push(false);
}

/// Which residents would receive a disability benefit while unable to work: one draw per
/// resident from the neighbourhood's own stream, so that no other draw of the build moves.
fn disability_cover(
    w: &mut World,
    p: &Params,
    streams: &Streams,
    ranges: &[(Range<u32>, Range<u32>)],
) {
    for (ni, (range, _)) in ranges.iter().enumerate() {
        let mut rng = streams.open_init(ni as u32, InitPart::Disability);
        for r in range.clone() {
            w.residents.disability_covered[r as usize] =
                rng.chance(p.national.disability_share_of_unable);
        }
    }
}

/// The per-household columns that start empty.
fn household_columns(h: &mut Households) {
    let n = h.nb.len();
    h.shop = vec![NONE; n * SECTORS];
    h.association = vec![NONE; n];
    h.earnings_cents = vec![0; n];
    h.income_cents = vec![0; n];
    h.income_prev_cents = vec![0; n];
    h.income_quarter_cents = vec![0; n];
    h.income_year_cents = vec![0; n];
    h.on_benefit = vec![false; n];
    h.coins_earned = vec![0; n];
    h.coins_to_issue = vec![0; n];
    h.disregard_used = vec![0; n];
    h.tenant = vec![true; n];
    h.tax_cents = vec![0; n];
    h.earnings_tax_cents = vec![0; n];
    h.transfers_cents = vec![0; n];
    h.refused_offer = vec![false; n];
    h.coin_rank = vec![0.0; n];
}

/// Which households rent their home: one draw per household from the neighbourhood's own
/// stream, so that no other draw of the build moves.
fn tenure(w: &mut World, p: &Params, streams: &Streams, ranges: &[(Range<u32>, Range<u32>)]) {
    for (ni, (_, households)) in ranges.iter().enumerate() {
        let mut rng = streams.open_init(ni as u32, InitPart::Tenure);
        for h in households.clone() {
            w.households.tenant[h as usize] = rng.chance(p.nbs[ni].rental_share);
        }
    }
}

/// The contract hours of the jobs held at the start, and their wages: the hourly wage of
/// the sector's (or the outside) full-time wage times hours drawn from its distribution.
fn initial_hours(w: &mut World, p: &Params, streams: &Streams, ni: usize) {
    let mut rng = streams.open_init(ni as u32, InitPart::Hours);
    let full_time = p.behaviour.full_time_hours_per_month;
    for r in w.nbs[ni].residents.clone() {
        let r = r as usize;
        let (full_wage, dist) = match w.residents.status[r] {
            Status::EmployedOutside => (p.national.outside_wage_cents, p.national.outside_hours),
            Status::Employed if w.residents.wage_cents[r] > 0 => {
                let e = w.residents.employer[r] as usize;
                let sp = &p.nbs[ni].sectors[w.businesses.sector[e] as usize];
                (sp.wage_cents, sp.hours)
            }
            _ => continue,
        };
        let hours = dist.draw(&mut rng);
        let wage = super::params::wage_for_hours(full_wage, hours, full_time);
        if w.residents.status[r] == Status::Employed {
            let e = w.residents.employer[r] as usize;
            w.businesses.wage_bill_cents[e] += wage - w.residents.wage_cents[r];
        }
        w.residents.hours[r] = hours;
        w.residents.wage_cents[r] = wage;
    }
}

/// Personal networks: half the contacts are neighbours in index order (household and
/// street), half are random residents of the same neighbourhood (club, church, mosque).
fn networks(w: &mut World, streams: &Streams, ranges: &[(Range<u32>, Range<u32>)]) {
    let k = w.residents.contacts_per;
    w.residents.contacts = vec![NONE; w.residents.nb.len() * k];
    for (ni, (range, _)) in ranges.iter().enumerate() {
        let len = range.end - range.start;
        if len < 2 {
            continue;
        }
        let mut rng = streams.open_init(ni as u32, InitPart::Networks);
        for i in range.clone() {
            let local = i - range.start;
            for c in 0..k {
                let other = if c % 2 == 0 {
                    let step = (c / 2 + 1) as u32;
                    range.start + (local + step) % len
                } else {
                    range.start + rng.below(len)
                };
                w.residents.contacts[i as usize * k + c] = other;
            }
        }
    }
}

/// Business slots of neighbourhood `ni`: the initial businesses plus spare slots for
/// starts; and the neighbourhood's entry with its ranges.
fn business_slots(
    w: &mut World,
    s: &Scenario,
    p: &Params,
    ni: usize,
    residents: Range<u32>,
    households: Range<u32>,
) {
    let nb = &s.neighbourhoods[ni];
    let n = (nb.businesses.per_1000_residents * nb.residents.count as f64 / 1000.0).round() as u32;
    let shares: Vec<f64> = p.nbs[ni]
        .sectors
        .iter()
        .map(|p| p.share_of_businesses)
        .collect();
    let per_sector = split_largest_remainder(n, &shares);
    let spare = n / 2 + 8;
    let start = w.businesses.nb.len() as u32;
    for (si, &count) in per_sector.iter().enumerate() {
        for _ in 0..count {
            push_business(&mut w.businesses, ni as u16, si as u8, true);
        }
    }
    for i in 0..spare {
        push_business(
            &mut w.businesses,
            ni as u16,
            (i % SECTORS as u32) as u8,
            false,
        );
    }
    w.nbs.push(Neighbourhood {
        residents,
        households,
        businesses: start..w.businesses.nb.len() as u32,
        associations: 0..0,
        contract_holder: [NONE; CONTRACTS],
        contract_left: [0; CONTRACTS],
        contract_jobs: [0; CONTRACTS],
        contract_ended: [false; CONTRACTS],
        displaced_cents: 0,
    });
}

/// The active lists, with capacity for every slot of the neighbourhood.
fn active_lists(w: &mut World) {
    for nb in &w.nbs {
        let capacity = (nb.businesses.end - nb.businesses.start) as usize;
        for si in 0..SECTORS {
            let mut list = Vec::with_capacity(capacity);
            list.extend(nb.businesses.clone().filter(|&b| {
                w.businesses.active[b as usize] && w.businesses.sector[b as usize] == si as u8
            }));
            w.active_lists.push(list);
        }
    }
}

fn associations(w: &mut World, s: &Scenario) {
    for (ni, nb) in s.neighbourhoods.iter().enumerate() {
        let n = if s.economy.associations {
            (nb.associations.per_1000_residents * nb.residents.count as f64 / 1000.0).round() as u32
        } else {
            0
        };
        let start = w.associations.nb.len() as u32;
        for _ in 0..n {
            w.associations.nb.push(ni as u16);
            w.associations.members.push(0);
            w.associations.volunteer_hours.push(0.0);
            w.associations.activity.push(1.0);
        }
        w.nbs[ni].associations = start..w.associations.nb.len() as u32;
    }
}

/// Accounts: households, businesses, associations, contiguous.
fn open_agent_accounts(w: &mut World, ledger: &mut Ledger) {
    w.household_base = ledger.account_count() as u32;
    for h in 0..w.households.nb.len() {
        ledger.open(Sector::Households, w.households.nb[h], false);
    }
    w.business_base = ledger.account_count() as u32;
    for b in 0..w.businesses.nb.len() {
        ledger.open(Sector::Businesses, w.businesses.nb[b], false);
    }
    w.association_base = ledger.account_count() as u32;
    for a in 0..w.associations.nb.len() {
        ledger.open(Sector::Associations, w.associations.nb[a], false);
    }
}

/// Jobs in neighbourhood `ni`: owners and employees of local businesses, then outside
/// jobs, leaving `initial_unemployment_rate` of the able unemployed.
fn initial_jobs(w: &mut World, s: &Scenario, p: &Params, streams: &Streams, ni: usize) {
    let nb = &s.neighbourhoods[ni];
    let mut rng = streams.open_init(ni as u32, InitPart::Jobs);
    let mut pool: Vec<u32> = w.nbs[ni]
        .residents
        .clone()
        .filter(|&i| w.residents.status[i as usize] == Status::Unemployed)
        .collect();
    let keep = (pool.len() as f64 * nb.residents.initial_unemployment_rate).round() as usize;
    for b in w.nbs[ni].businesses.clone() {
        if w.businesses.active[b as usize] {
            staff_business(w, s, p, ni, b, &mut pool, keep, &mut rng);
        }
    }
    if s.economy.outside_world {
        let (wage, req) = (
            p.national.outside_wage_cents,
            p.national.outside_skill_required,
        );
        while pool.len() > keep {
            let Some(r) = take_candidate(&mut pool, &w.residents.skill, req, keep, &mut rng) else {
                break;
            };
            w.residents.status[r as usize] = Status::EmployedOutside;
            w.residents.wage_cents[r as usize] = wage;
        }
    }
}

/// An initial business's owner and employees (residents, or commuters with an outside
/// world), and its expected revenue.
#[allow(clippy::too_many_arguments)]
fn staff_business(
    w: &mut World,
    s: &Scenario,
    p: &Params,
    ni: usize,
    b: u32,
    pool: &mut Vec<u32>,
    keep: usize,
    rng: &mut Stream,
) {
    let bi = b as usize;
    let sp = p.nbs[ni].sectors[w.businesses.sector[bi] as usize];
    let employees = rng.poisson(sp.employees_mean);
    if let Some(owner) = take_candidate(pool, &w.residents.skill, sp.skill_required, keep, rng) {
        w.residents.status[owner as usize] = Status::Employed;
        w.residents.employer[owner as usize] = b;
        w.businesses.owner[bi] = owner;
    }
    let outside = s.economy.outside_world;
    let resident_share = s.neighbourhoods[ni].businesses.resident_share_of_employees;
    for _ in 0..employees {
        // Without an outside world there are no commuters: every employee is a resident.
        let from_here = !outside || rng.chance(resident_share);
        let resident = if from_here {
            take_candidate(pool, &w.residents.skill, sp.skill_required, keep, rng)
        } else {
            None
        };
        match resident {
            Some(e) => {
                w.residents.status[e as usize] = Status::Employed;
                w.residents.employer[e as usize] = b;
                w.residents.wage_cents[e as usize] = sp.wage_cents;
                w.businesses.staff_residents[bi] += 1;
            }
            None if outside => {
                w.businesses.staff_commuters[bi] += 1;
                w.businesses.wage_bill_cents[bi] += sp.commuter_wage_cents;
                continue;
            }
            None => continue,
        }
        w.businesses.wage_bill_cents[bi] += sp.wage_cents;
    }
    let workers = 1 + w.businesses.staff_residents[bi] + w.businesses.staff_commuters[bi];
    w.businesses.revenue_expected[bi] = workers as f64 * sp.revenue_per_worker_cents;
}

/// Each household of neighbourhood `ni` gets a shop per sector, perhaps an association,
/// and its opening wealth.
fn shops_and_memberships(
    w: &mut World,
    s: &Scenario,
    streams: &Streams,
    ledger: &mut Ledger,
    ni: usize,
) {
    let nb = &s.neighbourhoods[ni];
    let mut rng = streams.open_init(ni as u32, InitPart::Shops);
    let households = w.nbs[ni].households.clone();
    let assoc = w.nbs[ni].associations.clone();
    for hh in households {
        for si in 0..SECTORS {
            w.households.shop[hh as usize * SECTORS + si] =
                random_active(w.active_list(ni, si), &mut rng);
        }
        let assoc_len = assoc.end - assoc.start;
        if assoc_len > 0 && rng.chance(nb.residents.association_membership_share) {
            let a = assoc.start + rng.below(assoc_len);
            w.households.association[hh as usize] = a;
            w.associations.members[a as usize] += 1;
        }
        let wealth = nb.residents.wealth_median_eur_per_household
            * (nb.residents.wealth_sigma * rng.normal()).exp();
        let amount = cents(wealth.min(1e8));
        open(
            ledger,
            Currency::Eur,
            w.sys.opening,
            w.household_account(HouseholdId(hh)),
            amount,
        );
    }
}

/// Opening coins of households where the coin runs: the one part of the built world that
/// depends on the coin scheme or a lever, so it is granted when the levers switch on
/// (`Model::after`), after the burn-in.
pub fn opening_coins(w: &World, s: &Scenario, p: &Params, ledger: &mut Ledger) {
    let coins = s.coins.issuance.opening_coins_per_household.round() as i64;
    for (ni, nbw) in w.nbs.iter().enumerate() {
        if p.nbs[ni].coin.runs && coins > 0 {
            for hh in nbw.households.clone() {
                let acc = w.household_account(HouseholdId(hh));
                open(ledger, Currency::Coin, w.sys.coin_issuer, acc, coins);
            }
        }
    }
}

/// The opening cash of businesses (months of costs) and associations.
fn opening_balances(w: &World, s: &Scenario, p: &Params, ledger: &mut Ledger, ni: usize) {
    let nb = &s.neighbourhoods[ni];
    let nbw = &w.nbs[ni];
    for b in nbw.businesses.clone() {
        if !w.businesses.active[b as usize] {
            continue;
        }
        let sp = &p.nbs[ni].sectors[w.businesses.sector[b as usize] as usize];
        let costs = w.businesses.wage_bill_cents[b as usize] as f64
            + sp.rent_cents as f64
            + sp.supply_cost_share * w.businesses.revenue_expected[b as usize];
        let amount = (costs * nb.businesses.opening_cash_months).round() as i64;
        open(
            ledger,
            Currency::Eur,
            w.sys.opening,
            w.business_account(BusinessId(b)),
            amount,
        );
    }
    for a in nbw.associations.clone() {
        let amount = cents(nb.associations.opening_cash_eur);
        let acc = w.association_account(AssociationId(a));
        open(ledger, Currency::Eur, w.sys.opening, acc, amount);
    }
}

/// An opening balance paid by an account that may overdraw (nothing when not positive).
fn open(ledger: &mut Ledger, c: Currency, from: AccountId, to: AccountId, amount: i64) {
    if amount > 0 {
        ledger
            .transfer(c, from, to, amount, Flow::OpeningBalance)
            .expect("the opening account and the coin issuer may overdraw");
    }
}

/// Each business slot's cost of passing coins on, a uniform draw per slot from its own
/// stream (docs/ODD.md 7.14); drawn whether or not a coin runs, so that no other draw moves.
fn coin_pass_costs(b: &mut Businesses, streams: &Streams) {
    for (slot, cost) in b.coin_pass_cost.iter_mut().enumerate() {
        *cost = streams.open(Purpose::CoinPassOn, slot as u32, 0).unit();
    }
}

/// Who accepts coins when the levers switch on (docs/ODD.md 7.14): every business of a neighbourhood
/// where the coin runs and shops take it, when businesses do not decide; else those whose
/// handling draw is below `acceptance.start_share`, the ones for which coins are easiest.
pub(crate) fn first_coin_acceptors(w: &mut World, p: &Params) {
    let b = &mut w.businesses;
    for slot in 0..b.nb.len() {
        let coin = &p.nbs[b.nb[slot] as usize].coin;
        b.accepts_coins[slot] = coin.runs
            && coin.shop_share > 0.0
            && (!p.coin.businesses_decide || b.coin_pass_cost[slot] < p.coin.accept_start_share);
    }
}

fn push_business(b: &mut Businesses, nb: u16, sector: u8, active: bool) {
    b.nb.push(nb);
    b.sector.push(sector);
    b.active.push(active);
    b.owner.push(NONE);
    b.staff_residents.push(0);
    b.staff_commuters.push(0);
    b.wage_bill_cents.push(0);
    b.revenue_cents.push(0);
    b.discount_cents.push(0);
    b.revenue_expected.push(0.0);
    b.arrears_months.push(0);
    b.months_trading.push(if active { 120 } else { 0 });
    b.layoffs.push(0);
    b.vacancies.push(0);
    b.pay_share.push(1.0);
    b.resident_only.push(false);
    b.coin_pass_cost.push(0.0);
    b.coins_paid.push(0);
    b.coins_paid_expected.push(0.0);
    b.accepts_coins.push(false);
    b.coins_received.push(0);
    b.coins_received_expected.push(0.0);
    b.coin_user_sales_cents.push(0);
    b.coin_user_sales_expected.push(0.0);
    b.price.push(1.0);
    b.markup.push(1.0);
}

/// Takes a random resident from `pool` with at least `skill_req` (up to 16 tries, then
/// anyone), as long as the pool stays above `keep`.
fn take_candidate(
    pool: &mut Vec<u32>,
    skill: &[f32],
    skill_req: f32,
    keep: usize,
    rng: &mut Stream,
) -> Option<u32> {
    if pool.len() <= keep || pool.is_empty() {
        return None;
    }
    for _ in 0..16 {
        let i = rng.below(pool.len() as u32) as usize;
        if skill[pool[i] as usize] >= skill_req {
            return Some(pool.swap_remove(i));
        }
    }
    let i = rng.below(pool.len() as u32) as usize;
    Some(pool.swap_remove(i))
}

/// A uniformly random business from an active list, or [`NONE`] when it is empty.
#[inline]
pub fn random_active(list: &[u32], rng: &mut Stream) -> u32 {
    if list.is_empty() {
        NONE
    } else {
        list[rng.below(list.len() as u32) as usize]
    }
}

impl World {
    /// Puts each household's account in its group for the cost-benefit analysis, by its
    /// state now (the start of the reported run), where it stays for the whole horizon:
    /// on bijstand; else working (a member in a job); else retired (a member past the
    /// pension age); else other. Bookkeeping only: nothing the model does changes.
    pub fn classify_households(&self, ledger: &mut Ledger) {
        let (hh, rs) = (&self.households, &self.residents);
        for h in 0..hh.nb.len() {
            let members = hh.first[h] as usize..hh.first[h] as usize + hh.size[h] as usize;
            let has = |f: fn(Status) -> bool| rs.status[members.clone()].iter().any(|&s| f(s));
            let party = if hh.on_benefit[h] {
                Party::HouseholdsBijstand
            } else if has(|s| {
                matches!(
                    s,
                    Status::Employed | Status::EmployedOutside | Status::AgreementJob
                )
            }) {
                Party::HouseholdsWorking
            } else if has(|s| s == Status::Retired) {
                Party::HouseholdsRetired
            } else {
                Party::HouseholdsOther
            };
            ledger.set_party(AccountId(self.household_base + h as u32), party);
        }
    }

    /// Balance of `currency` held by the households, businesses and associations of
    /// neighbourhood `ni`.
    pub fn agents_balance(&self, ledger: &Ledger, currency: Currency, ni: usize) -> i64 {
        let nb = &self.nbs[ni];
        let (hb, bb, ab) = (
            self.household_base,
            self.business_base,
            self.association_base,
        );
        ledger.sum_range(currency, hb + nb.households.start..hb + nb.households.end)
            + ledger.sum_range(currency, bb + nb.businesses.start..bb + nb.businesses.end)
            + ledger.sum_range(
                currency,
                ab + nb.associations.start..ab + nb.associations.end,
            )
    }

    /// Active businesses of sector `sector` in neighbourhood `nb`, in slot order.
    #[inline]
    pub fn active_list(&self, nb: usize, sector: usize) -> &[u32] {
        &self.active_lists[nb * SECTORS + sector]
    }

    /// Marks slot `b` inactive but leaves it in its active list, in constant time: many
    /// closures in one tick would otherwise cost a list shift each. The caller must call
    /// [`Self::retain_active_lists`] before the lists are read again.
    pub fn deactivate_deferred(&mut self, b: u32) {
        self.businesses.active[b as usize] = false;
    }

    /// Drops the inactive slots from every active list (keeping their order); returns the
    /// work units (list entries visited).
    pub fn retain_active_lists(&mut self) -> u64 {
        let active = &self.businesses.active;
        let mut work = 0;
        for list in &mut self.active_lists {
            work += list.len() as u64 + 1;
            list.retain(|&x| active[x as usize]);
        }
        work
    }

    /// Marks slot `b` active and appends it to its active list, in constant time. The
    /// caller must call [`Self::sort_active_lists`] for its neighbourhood before the lists
    /// are read again.
    pub fn activate_deferred(&mut self, b: u32) {
        let bi = b as usize;
        self.active_lists
            [self.businesses.nb[bi] as usize * SECTORS + self.businesses.sector[bi] as usize]
            .push(b);
        self.businesses.active[bi] = true;
    }

    /// Restores slot order in the active lists of neighbourhood `nb` after
    /// [`Self::activate_deferred`]; returns the work units (a sort of n counted as n times
    /// the bits of n).
    pub fn sort_active_lists(&mut self, nb: usize) -> u64 {
        let mut work = 0;
        for list in &mut self.active_lists[nb * SECTORS..(nb + 1) * SECTORS] {
            let n = list.len() as u64;
            work += n * (1 + (u64::BITS - n.leading_zeros()) as u64);
            list.sort_unstable();
        }
        work
    }
}
