//! Phase 8, benefits (bijstand): the norm minus countable income, after the asset test,
//! with the earnings disregard; the levers adjust it through their hooks; the
//! municipality's sanction of a refused job offer; then the national allowances
//! (huurtoeslag, zorgtoeslag) on the month's test income
//! ([`crate::model::income_rules`]).

use crate::model::Model;
use crate::model::ids::HouseholdId;
use crate::model::income_rules;
use crate::model::labour_supply::situation;
use crate::model::ledger::Purpose as Flow;
use crate::model::policy::BenefitCase;
use crate::model::rng::Purpose;
use crate::model::world::Status;

impl Model {
    /// Social assistance (bijstand) for every household, on this month's income.
    pub(in crate::model) fn benefits(&mut self) {
        self.world.households.transfers_cents.fill(0);
        self.work += self.world.households.nb.len() as u64;
        if !self.params.switches.benefits {
            self.world.households.on_benefit.fill(false);
            self.world.households.refused_offer.fill(false);
        } else {
            // Each household and its members, twice with the youth contract.
            self.work +=
                (self.world.households.nb.len() + 2 * self.world.residents.nb.len()) as u64;
            for h in 0..self.world.households.nb.len() {
                let mut benefit = self.benefit_of(h);
                if benefit > 0 && self.world.households.refused_offer[h] {
                    benefit = self.refusal_sanction(h, benefit);
                }
                self.world.households.refused_offer[h] = false;
                let w = &mut self.world;
                if benefit > 0 {
                    let acc = w.household_account(HouseholdId(h as u32));
                    self.books
                        .pay(w.sys.municipality, acc, benefit, Flow::Benefit);
                    w.households.income_cents[h] += benefit;
                    w.households.transfers_cents[h] += benefit;
                    w.households.on_benefit[h] = true;
                } else {
                    w.households.on_benefit[h] = false;
                    w.households.disregard_used[h] = 0;
                }
            }
        }
        if self.params.switches.allowances {
            self.allowances();
        }
        self.note_emtr();
    }

    /// The effective marginal tax rate of every household on bijstand, at the situation
    /// this phase leaves (`effective_marginal_tax_rate`).
    fn note_emtr(&mut self) {
        self.work += self.world.households.nb.len() as u64;
        for h in 0..self.world.households.nb.len() {
            if self.world.households.on_benefit[h] {
                let rate = self.emtr_of(h);
                let c = &mut self.counters[self.world.households.nb[h] as usize];
                c.emtr_sum += rate;
                c.emtr_households += 1;
            }
        }
    }

    /// A member of household `h` declined a job offer last month while it was on bijstand:
    /// with the municipality's probability, `refusal_sanction_share` of this benefit is
    /// withheld (the Participatiewet's measure), counted in `refusal_sanctions_count`.
    fn refusal_sanction(&mut self, h: usize, benefit: i64) -> i64 {
        let m = &self.params.municipality;
        let mut rng = self
            .streams
            .open(Purpose::RefusalSanction, h as u32, self.tick);
        if !rng.chance(m.refusal_sanction_probability) {
            return benefit;
        }
        let ni = self.world.households.nb[h] as usize;
        self.counters[ni].refusal_sanctions += 1;
        benefit - (benefit as f64 * m.refusal_sanction_share).round() as i64
    }

    /// Rent allowance (tenants) and health-care allowance from the national government, on
    /// the month's income before tax plus bijstand (twelve times, for the annual test).
    fn allowances(&mut self) {
        self.work += self.world.households.nb.len() as u64;
        for h in 0..self.world.households.nb.len() {
            let s = situation(&self.params, &self.world, &self.books, h, true);
            let test = s.other_gross_cents + self.world.households.transfers_cents[h];
            let (rent, health) = income_rules::allowances(&self.params.income, &s, test);
            let w = &mut self.world;
            let acc = w.household_account(HouseholdId(h as u32));
            self.books
                .pay(w.sys.national, acc, rent, Flow::RentAllowance);
            self.books
                .pay(w.sys.national, acc, health, Flow::HealthAllowance);
            w.households.income_cents[h] += rent + health;
            w.households.transfers_cents[h] += rent + health;
        }
    }

    /// The benefit of household `h` this month, cents (0: none). Counts a month of the
    /// earnings disregard when it is used.
    fn benefit_of(&mut self, h: usize) -> i64 {
        let m = &self.params.municipality;
        let Some(rules) = &self.params.income.bijstand else {
            return 0;
        };
        let w = &mut self.world;
        let first = w.households.first[h] as usize;
        let size = w.households.size[h] as usize;
        // Pensioner households live on AOW; households with no working-age adult are not in
        // the bijstand population.
        let working_age = w.residents.status[first..first + size]
            .iter()
            .filter(|&&st| !matches!(st, Status::Child | Status::Retired))
            .count();
        let limit = if w.households.adults[h] >= 2 {
            m.asset_limit_couple_cents
        } else {
            m.asset_limit_single_cents
        };
        let assets = self.books.eur(w.household_account(HouseholdId(h as u32)));
        if working_age == 0 || assets > limit {
            return 0;
        }
        let earnings_net = w.households.earnings_cents[h] - w.households.earnings_tax_cents[h];
        let case_situation = income_rules::Situation {
            adults: w.households.adults[h],
            disregard_used: w.households.disregard_used[h] as u32,
            ..income_rules::Situation::default()
        };
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
        let (mut benefit, disregard) = income_rules::bijstand(
            rules,
            &case_situation,
            w.households.income_cents[h] + lever_income,
            earnings_net,
        );
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
