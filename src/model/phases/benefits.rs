//! Phase 8, benefits (bijstand): the norm minus countable income, after the asset test,
//! with the earnings disregard; the levers adjust it through their hooks.

use super::tax_on;
use crate::model::Model;
use crate::model::ids::HouseholdId;
use crate::model::ledger::Purpose as Flow;
use crate::model::policy::BenefitCase;
use crate::model::world::Status;

impl Model {
    /// Social assistance (bijstand) for every household, on this month's income.
    pub(in crate::model) fn benefits(&mut self) {
        if !self.params.switches.benefits {
            self.world.households.on_benefit.fill(false);
            return;
        }
        // Each household and its members, twice with the youth contract.
        self.work += (self.world.households.nb.len() + 2 * self.world.residents.nb.len()) as u64;
        for h in 0..self.world.households.nb.len() {
            let benefit = self.benefit_of(h);
            let w = &mut self.world;
            if benefit > 0 {
                let acc = w.household_account(HouseholdId(h as u32));
                self.books
                    .pay(w.sys.municipality, acc, benefit, Flow::Benefit);
                w.households.income_cents[h] += benefit;
                w.households.on_benefit[h] = true;
            } else {
                w.households.on_benefit[h] = false;
                w.households.disregard_used[h] = 0;
            }
        }
    }

    /// The benefit of household `h` this month, cents (0: none). Counts a month of the
    /// earnings disregard when it is used.
    fn benefit_of(&mut self, h: usize) -> i64 {
        let m = &self.params.municipality;
        let w = &mut self.world;
        let first = w.households.first[h] as usize;
        let size = w.households.size[h] as usize;
        // Pensioner households live on AOW; households with no working-age adult are not in
        // the bijstand population.
        let working_age = w.residents.status[first..first + size]
            .iter()
            .filter(|&&st| !matches!(st, Status::Child | Status::Retired))
            .count();
        let (norm, limit) = if w.households.adults[h] >= 2 {
            (m.norm_couple_cents, m.asset_limit_couple_cents)
        } else {
            (m.norm_single_cents, m.asset_limit_single_cents)
        };
        let assets = self.books.eur(w.household_account(HouseholdId(h as u32)));
        if working_age == 0 || assets > limit {
            return 0;
        }
        let earnings = w.households.earnings_cents[h];
        let earnings_net = earnings - tax_on(earnings, m.income_tax_rate);
        let mut disregard = 0;
        if earnings_net > 0 && (w.households.disregard_used[h] as u32) < m.earnings_disregard_months
        {
            disregard = ((earnings_net as f64 * m.earnings_disregard_share).round() as i64)
                .min(m.earnings_disregard_cap_cents);
        }
        let ni = w.households.nb[h] as usize;
        let case = BenefitCase {
            world: &*w,
            params: &self.params,
            household: h,
            nb: ni,
        };
        let lever_income: i64 = self
            .policies
            .iter()
            .map(|p| p.countable_income(&case))
            .sum();
        let countable = (w.households.income_cents[h] + lever_income - disregard).max(0);
        let mut benefit = (norm - countable).max(0);
        if benefit > 0 && disregard > 0 {
            w.households.disregard_used[h] = w.households.disregard_used[h].saturating_add(1);
        }
        let case = BenefitCase {
            world: &*w,
            params: &self.params,
            household: h,
            nb: ni,
        };
        for p in &self.policies {
            if benefit > 0 {
                benefit = p.adjust_benefit(&case, benefit, &mut self.counters[ni]);
            }
        }
        benefit
    }
}
