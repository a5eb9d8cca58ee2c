//! Phase 2, incomes: the euros that enter from outside the neighbourhoods' economy
//! (national transfers, pensions, outside wages) and, through lever hooks, agreement wages.

use super::{pay_earnings, pay_national_benefit};
use crate::model::Model;
use crate::model::ids::HouseholdId;
use crate::model::ledger::Purpose as Flow;
use crate::model::world::Status;

impl Model {
    /// National transfers, pensions and outside wages; this month's earnings and incomes
    /// start at zero.
    pub(in crate::model) fn incomes(&mut self) {
        let w = &mut self.world;
        w.households.earnings_cents.fill(0);
        w.households.income_cents.fill(0);
        w.households.coins_earned.fill(0);
        // The month's time use starts empty (docs/ODD.md 7.17).
        w.time.start_month();
        w.households.tax_cents.fill(0);
        w.households.earnings_tax_cents.fill(0);
        // Five fills over households and the fund per neighbourhood, four over residents;
        // pensions and outside wages add their passes below.
        self.work +=
            5 * w.households.nb.len() as u64 + 4 * w.residents.nb.len() as u64 + w.nbs.len() as u64;
        self.hooks(|p, t| p.incomes(t));
        let sw = self.params.switches;
        if sw.national_transfers {
            self.national_transfers();
        }
        if sw.pensions {
            self.pensions();
        }
        if sw.disability_benefits {
            self.disability_benefits();
        }
        self.unemployment_insurance(sw.unemployment_insurance);
        if sw.outside_world {
            self.outside_wages();
        }
    }

    /// The municipal fund, per resident.
    fn national_transfers(&mut self) {
        let w = &self.world;
        let per_resident = self.params.national.fund_per_resident_cents;
        for (ni, nb) in w.nbs.iter().enumerate() {
            let amount = per_resident * (nb.residents.end - nb.residents.start) as i64;
            self.books.pay(
                w.sys.national,
                w.sys.municipality,
                amount,
                Flow::NationalTransfer,
            );
            self.counters[ni].national_transfer_cents += amount.max(0);
        }
    }

    /// AOW: a single's pension, or each retired member's half of a couple's.
    fn pensions(&mut self) {
        let w = &mut self.world;
        self.work += (w.households.nb.len() + w.residents.nb.len()) as u64;
        let single = self.params.national.aow_single_cents;
        let couple_each = self.params.national.aow_couple_each_cents;
        for h in 0..w.households.nb.len() {
            let first = w.households.first[h] as usize;
            let size = w.households.size[h] as usize;
            let retired = w.residents.status[first..first + size]
                .iter()
                .filter(|&&st| st == Status::Retired)
                .count() as i64;
            if retired == 0 {
                continue;
            }
            let amount = if w.households.adults[h] <= 1 {
                single
            } else {
                couple_each * retired
            };
            self.books.pay(
                w.sys.national,
                w.household_account(HouseholdId(h as u32)),
                amount,
                Flow::Pension,
            );
            w.households.income_cents[h] += amount;
        }
    }

    /// Disability benefits (WIA, Wajong) of covered residents unable to work: gross from
    /// the national government, income tax withheld; income, not earnings (no earnings
    /// disregard applies to it in the bijstand test).
    fn disability_benefits(&mut self) {
        let w = &mut self.world;
        let gross = self.params.national.disability_benefit_cents;
        let tax = &self.params.income.tax;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] != Status::Unable || !w.residents.disability_covered[r] {
                continue;
            }
            pay_national_benefit(&mut self.books, w, r, gross, Flow::DisabilityBenefit, tax);
        }
    }

    /// Unemployment insurance (WW): every resident's work record moves on a month and, when
    /// `paid` (`economy.unemployment_insurance`), the benefits due are paid gross from the
    /// national government, income tax withheld; income, not earnings (docs/ODD.md 7.2,
    /// step 3b). The records move even when nothing is paid, so that switching the
    /// insurance on after a burn-in finds them.
    fn unemployment_insurance(&mut self, paid: bool) {
        let w = &mut self.world;
        let p = &self.params.national.unemployment_insurance;
        let tax = &self.params.income.tax;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            let gross = w
                .insurance
                .month(p, r, w.residents.status[r], w.residents.wage_cents[r]);
            let gross = if paid { gross } else { 0 };
            w.insurance.gross_cents[r] = gross;
            if gross > 0 {
                pay_national_benefit(&mut self.books, w, r, gross, Flow::UnemploymentBenefit, tax);
            }
        }
    }

    /// Wages of residents employed outside the city.
    fn outside_wages(&mut self) {
        let w = &mut self.world;
        let tax = &self.params.income.tax;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] != Status::EmployedOutside {
                continue;
            }
            // Quota jobs at an outside contractor are paid from the contract money.
            let employer = if w.residents.contract[r] != u16::MAX {
                w.sys.outside_contractors
            } else {
                w.sys.outside_employers
            };
            let gross = w.residents.wage_cents[r];
            pay_earnings(
                &mut self.books,
                w,
                employer,
                r,
                gross,
                Flow::WageOutside,
                tax,
            );
        }
    }
}
