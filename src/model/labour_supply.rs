//! Labour supply (issue 10, item 2): whether a job seeker takes a job offered, against a
//! reservation gain that reckons with tax and the withdrawal of bijstand and the allowances
//! ([`super::income_rules`]), and the household situation the rules read, which the
//! indicator `effective_marginal_tax_rate` shares. docs/ODD.md 7.16.

use super::income_rules::{self, Situation};
use super::params::Params;
use super::world::{Status, World};
use super::{Books, Model, TickCounters};
use crate::model::ids::HouseholdId;

/// Step of gross earnings for the effective marginal tax rate: EUR 100 a month.
pub const EMTR_STEP_CENTS: i64 = 10_000;

/// Household `h`'s situation this month apart from its earnings: its other net income
/// (pensions, disability benefits) and the tests bijstand and the allowances apply.
/// `earnings_as_other` counts the members' current earnings as other income (for a job
/// offered to a member without earnings); otherwise they are the earnings asked about.
pub fn situation(
    p: &Params,
    w: &World,
    books: &Books,
    h: usize,
    earnings_as_other: bool,
) -> Situation {
    let hh = &w.households;
    let earnings_net = hh.earnings_cents[h] - hh.earnings_tax_cents[h];
    let base_net = hh.income_cents[h] - hh.transfers_cents[h];
    let other_tax = hh.tax_cents[h] - hh.earnings_tax_cents[h];
    let (mut other_net, mut other_gross) =
        (base_net - earnings_net, base_net - earnings_net + other_tax);
    let mut other_earnings_net = 0;
    if earnings_as_other {
        other_net += earnings_net;
        other_gross += hh.earnings_cents[h];
        other_earnings_net = earnings_net;
    }
    let first = hh.first[h] as usize;
    let size = hh.size[h] as usize;
    let working_age = w.residents.status[first..first + size]
        .iter()
        .any(|&st| !matches!(st, Status::Child | Status::Retired));
    let m = &p.municipality;
    let adults = hh.adults[h];
    let limit = if adults >= 2 {
        m.asset_limit_couple_cents
    } else {
        m.asset_limit_single_cents
    };
    let assets = books.eur(w.household_account(HouseholdId(h as u32)));
    Situation {
        adults,
        other_net_cents: other_net,
        other_gross_cents: other_gross,
        other_earnings_net_cents: other_earnings_net,
        bijstand_eligible: working_age && assets <= limit,
        disregard_used: hh.disregard_used[h] as u32,
        tenant: hh.tenant[h],
        rent_cents: p.nbs[hh.nb[h] as usize].housing_rent_cents,
        assets_cents: assets,
    }
}

/// The gain in household disposable income a month if resident `r`, without earnings of
/// their own, takes a job paying `wage_cents` gross, once the earnings disregard has run
/// out: it lasts at most six months and a job years (an assumption, docs/ODD.md 7.16).
pub fn gain_cents(p: &Params, w: &World, books: &Books, r: usize, wage_cents: i64) -> i64 {
    let h = w.residents.household[r] as usize;
    let s = Situation {
        disregard_used: u32::MAX,
        ..situation(p, w, books, h, true)
    };
    // The job ends the resident's unemployment benefit (docs/ODD.md 7.2, step 3b), net of
    // the tax withheld on it as in the incomes phase.
    let benefit = w.insurance.gross_cents[r];
    let with_job = Situation {
        other_gross_cents: s.other_gross_cents - benefit,
        other_net_cents: s.other_net_cents - (benefit - p.income.tax.on_month(benefit, false)),
        ..s
    };
    let now = income_rules::net_income(&p.income, &s, 0).total_cents;
    income_rules::net_income(&p.income, &with_job, wage_cents).total_cents - now
}

/// Whether resident `r` takes a job paying `wage_cents` gross a month: the household's gain
/// at least the reservation gain. A refusal is counted, and a household on bijstand is
/// marked for the municipality's sanction.
pub fn decide(
    p: &Params,
    w: &mut World,
    books: &Books,
    counters: &mut [TickCounters],
    r: usize,
    wage_cents: i64,
) -> bool {
    let ni = w.residents.nb[r] as usize;
    counters[ni].job_offers += 1;
    if gain_cents(p, w, books, r, wage_cents) >= p.behaviour.reservation_gain_cents {
        return true;
    }
    counters[ni].job_offers_declined += 1;
    let h = w.residents.household[r] as usize;
    if w.households.on_benefit[h] {
        w.households.refused_offer[h] = true;
    }
    false
}

impl Model {
    /// Whether job seeker `r` accepts a job of `hours` a month paying `wage_cents` gross a
    /// month (see [`decide`]; the hours enter through the wage, and are there for the time
    /// budget to weigh). Every hiring site asks this before it hires.
    pub(in crate::model) fn accepts_offer(&mut self, r: u32, wage_cents: i64, hours: f32) -> bool {
        debug_assert!(hours >= 0.0);
        decide(
            &self.params,
            &mut self.world,
            &self.books,
            &mut self.counters,
            r as usize,
            wage_cents,
        )
    }

    /// Effective marginal tax rate of household `h` at its current earnings: 1 - (change
    /// in disposable income) / EUR 100 more gross earnings a month.
    pub(in crate::model) fn emtr_of(&self, h: usize) -> f64 {
        let s = situation(&self.params, &self.world, &self.books, h, false);
        let gross = self.world.households.earnings_cents[h];
        income_rules::emtr(&self.params.income, &s, gross, EMTR_STEP_CENTS)
    }
}
