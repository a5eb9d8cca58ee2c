//! Lever 9: the youth contract. Young unemployed residents train with a higher monthly
//! probability, and a household on bijstand gets a bonus for every young member in
//! training.

use super::{BenefitCase, Policy};
use crate::model::TickCounters;
use crate::model::params::{Params, cents};
use crate::model::world::Status;
use crate::scenario::Scenario;

struct YouthContract {
    max_age_years: u32,
    bonus_per_training_month_cents: i64,
    training_probability: f64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.youth_contract;
    l.enabled.then(|| {
        Box::new(YouthContract {
            max_age_years: l.max_age_years,
            bonus_per_training_month_cents: cents(l.bonus_eur_per_training_month),
            training_probability: l.training_probability_per_month,
        }) as Box<dyn Policy>
    })
}

impl Policy for YouthContract {
    fn name(&self) -> &'static str {
        "youth_contract"
    }

    fn adjust_benefit(&self, case: &BenefitCase, benefit: i64, _c: &mut TickCounters) -> i64 {
        let w = case.world;
        let first = w.households.first[case.household] as usize;
        let size = w.households.size[case.household] as usize;
        let trainees = (first..first + size)
            .filter(|&r| {
                w.residents.status[r] == Status::Training
                    && w.residents.age[r] as u32 <= self.max_age_years
            })
            .count() as i64;
        benefit + trainees * self.bonus_per_training_month_cents
    }

    fn training_probability(&self, age: u8, p: f64) -> f64 {
        if age as u32 <= self.max_age_years {
            self.training_probability.max(p)
        } else {
            p
        }
    }
}
