//! Lever 1: benefits tied to coins earned. A household on bijstand that earns fewer coins
//! a month than the minimum loses a share of its benefit; every coin earned adds a bonus;
//! the coins may count as income. Its adults take part (in public space or at an
//! association) with a monthly probability, to earn the coins the benefit depends on.

use super::{BenefitCase, Policy};
use crate::model::TickCounters;
use crate::model::params::Params;
use crate::scenario::Scenario;

struct BenefitsTiedToCoins {
    bonus_eur_per_coin: f64,
    minimum_coins_per_month: f64,
    sanction_share: f64,
    coins_count_as_income: bool,
    participation_probability: f64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.benefits_tied_to_coins;
    l.enabled.then(|| {
        Box::new(BenefitsTiedToCoins {
            bonus_eur_per_coin: l.bonus_eur_per_coin,
            minimum_coins_per_month: l.minimum_coins_per_month,
            sanction_share: l.sanction_share,
            coins_count_as_income: l.coins_count_as_income,
            participation_probability: l.participation_probability_per_month,
        }) as Box<dyn Policy>
    })
}

impl Policy for BenefitsTiedToCoins {
    fn name(&self) -> &'static str {
        "benefits_tied_to_coins"
    }

    fn countable_income(&self, case: &BenefitCase) -> i64 {
        if !self.coins_count_as_income {
            return 0;
        }
        let earned = case.world.households.coins_earned[case.household];
        (earned as f64 * case.params.coin.value_cents).round() as i64
    }

    fn adjust_benefit(&self, case: &BenefitCase, benefit: i64, c: &mut TickCounters) -> i64 {
        if !case.params.coins_in(case.nb) {
            return benefit;
        }
        let earned = case.world.households.coins_earned[case.household] as f64;
        let mut benefit = benefit;
        if earned < self.minimum_coins_per_month {
            benefit -= (benefit as f64 * self.sanction_share).round() as i64;
            c.sanctions += 1;
        }
        benefit + (earned * self.bonus_eur_per_coin * 100.0).round() as i64
    }

    fn participation(&self, params: &Params, nb: usize, on_benefit: bool) -> Option<f64> {
        (on_benefit && params.coins_in(nb)).then_some(self.participation_probability)
    }
}
