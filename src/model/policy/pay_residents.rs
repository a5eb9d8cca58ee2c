//! Lever 7: pay residents, not programmes. Extra public money is paid in coins to
//! residents without a job (unemployed, retired, unable) for work they do: they are asked
//! in turn, starting at a place that moves every month, until the month's budget is spent.
//! The coins are issued in the coin phase, with the month's other earnings.

use super::{Policy, Tick};
use crate::model::params::Params;
use crate::model::world::Status;
use crate::scenario::Scenario;

struct PayResidents {
    budget_eur_per_resident_month: f64,
    coin_value_eur: f64,
    coins_per_person: i64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.pay_residents;
    (l.enabled && s.coins.enabled).then(|| {
        Box::new(PayResidents {
            budget_eur_per_resident_month: l.budget_eur_per_resident_month,
            coin_value_eur: s.coins.value_eur,
            coins_per_person: (l.coins_per_hour * l.hours_per_month).round() as i64,
        }) as Box<dyn Policy>
    })
}

impl Policy for PayResidents {
    fn name(&self) -> &'static str {
        "pay_residents"
    }

    fn government_spending(&mut self, t: &mut Tick) {
        let per_person = self.coins_per_person;
        let w = &mut *t.world;
        for ni in 0..w.nbs.len() {
            if !t.params.coins_in(ni) || per_person <= 0 {
                continue;
            }
            let range = w.nbs[ni].residents.clone();
            let len = range.end - range.start;
            let mut budget = (self.budget_eur_per_resident_month * len as f64 / self.coin_value_eur)
                .round() as i64;
            let offset = (t.tick as u64 * 7919 % len.max(1) as u64) as u32;
            for k in 0..len {
                if budget <= 0 {
                    break;
                }
                *t.work += 1;
                let r = (range.start + (offset + k) % len) as usize;
                if matches!(
                    w.residents.status[r],
                    Status::Unemployed | Status::Retired | Status::Unable
                ) {
                    let coins = per_person.min(budget);
                    w.households.coins_to_issue[w.residents.household[r] as usize] += coins;
                    t.counters[ni].pay_residents_coins += coins;
                    budget -= coins;
                }
            }
        }
    }
}
