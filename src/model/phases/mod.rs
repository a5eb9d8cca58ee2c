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
mod training;

pub(crate) use labour::draw_candidate;

use super::Books;
use super::ids::HouseholdId;
use super::ledger::{AccountId, Purpose as Flow};
use super::world::World;

/// Tax due on gross earnings, in cents.
#[inline]
pub(crate) fn tax_on(gross: i64, rate: f64) -> i64 {
    (gross as f64 * rate).round() as i64
}

/// Pays resident `r` gross earnings from `from`, withholds income tax for the nation, and
/// books both on the household's earnings and disposable income.
pub(crate) fn pay_earnings(
    books: &mut Books,
    w: &mut World,
    from: AccountId,
    r: usize,
    gross: i64,
    purpose: Flow,
    tax_rate: f64,
) {
    let h = w.residents.household[r];
    let acc = w.household_account(HouseholdId(h));
    books.pay(from, acc, gross, purpose);
    let tax = tax_on(gross, tax_rate);
    books.pay(acc, w.sys.national, tax, Flow::IncomeTax);
    w.households.earnings_cents[h as usize] += gross.max(0);
    w.households.income_cents[h as usize] += (gross - tax).max(0);
}
