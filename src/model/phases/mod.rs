//! The phases of a tick, one file each, in the order [`super::Model::step`] runs them
//! (the module documentation of [`super`] lists it). Each phase visits agents in index
//! order, reads only [`super::params::Params`], moves money only through
//! [`super::Books::pay`] and calls the levers' hooks ([`super::policy::Policy`]) at its
//! documented points.

mod associations;
mod benefits;
mod businesses;
mod coins;
mod demography;
mod dynamics;
mod government;
mod households;
mod incomes;
mod labour;
mod prices;
mod training;

pub(crate) use labour::{Ranking, draw_candidate};
pub(crate) use prices::open_at_price_one;

use super::Books;
use super::ids::HouseholdId;
use super::income_rules::Tax;
use super::ledger::{AccountId, Purpose as Flow};
use super::world::World;

/// Pays household `h` gross earnings (`earned`: wages, owners' profit) or a taxable benefit
/// from `from`, withholds income tax for the nation ([`Tax::on_month`]), and books both on
/// the household's income (and earnings).
#[allow(clippy::too_many_arguments)]
pub(crate) fn pay_taxed(
    books: &mut Books,
    w: &mut World,
    from: AccountId,
    h: usize,
    gross: i64,
    purpose: Flow,
    tax: &Tax,
    earned: bool,
) {
    let acc = w.household_account(HouseholdId(h as u32));
    books.pay(from, acc, gross, purpose);
    let due = tax.on_month(gross, earned);
    books.pay(acc, w.sys.national, due, Flow::IncomeTax);
    let hh = &mut w.households;
    hh.tax_cents[h] += due.max(0);
    if earned {
        hh.earnings_cents[h] += gross.max(0);
        hh.earnings_tax_cents[h] += due.max(0);
    }
    hh.income_cents[h] += (gross - due).max(0);
}

/// Pays resident `r`'s household a benefit of `gross` from the national government, income
/// tax withheld: income, not earnings ([`pay_taxed`]).
pub(crate) fn pay_national_benefit(
    books: &mut Books,
    w: &mut World,
    r: usize,
    gross: i64,
    purpose: Flow,
    tax: &Tax,
) {
    let h = w.residents.household[r] as usize;
    let from = w.sys.national;
    pay_taxed(books, w, from, h, gross, purpose, tax, false);
}

/// Pays resident `r` gross earnings from `from` ([`pay_taxed`]).
pub(crate) fn pay_earnings(
    books: &mut Books,
    w: &mut World,
    from: AccountId,
    r: usize,
    gross: i64,
    purpose: Flow,
    tax: &Tax,
) {
    let h = w.residents.household[r] as usize;
    pay_taxed(books, w, from, h, gross, purpose, tax, true);
}
