//! Lever 7: pay residents, not programmes. Extra public money is paid in coins to
//! residents without a job (unemployed, retired, unable) for work they do: they are asked
//! in turn, starting at a place that moves every month, until the month's budget is spent.
//! The coins are issued in the coin phase, with the month's other earnings. The work takes
//! the paid residents' time (participation hours, which lock job seekers in, docs/ODD.md
//! 7.17), and a share of it replaces work the municipality would otherwise have bought in
//! euros from its maintenance contract (displacement).

use super::{Policy, Tick};
use crate::model::params::Params;
use crate::model::world::Status;
use crate::scenario::{Scenario, SectorKind};

struct PayResidents {
    budget_eur_per_resident_month: f64,
    coin_value_eur: f64,
    coins_per_person: i64,
    hours_per_month: f64,
    coins_per_hour: f64,
    displacement_share: f64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.pay_residents;
    (l.enabled && s.coins.enabled).then(|| {
        Box::new(PayResidents {
            budget_eur_per_resident_month: l.budget_eur_per_resident_month,
            coin_value_eur: s.coins.value_eur,
            coins_per_person: (l.coins_per_hour * l.hours_per_month).round() as i64,
            hours_per_month: l.hours_per_month,
            coins_per_hour: l.coins_per_hour,
            displacement_share: l.displacement_share,
        }) as Box<dyn Policy>
    })
}

impl PayResidents {
    /// Euros of maintenance work that `coins` coins of paid work replace, cents: the hours
    /// they pay for, times the displaced share, at the maintenance sector's revenue per
    /// hour of a full-time worker.
    fn displaced_cents(&self, params: &Params, ni: usize, coins: i64) -> i64 {
        if self.coins_per_hour <= 0.0 {
            return 0;
        }
        let hours = coins as f64 / self.coins_per_hour;
        let sector = &params.nbs[ni].sectors[SectorKind::Maintenance.index()];
        let per_hour = sector.revenue_per_worker_cents / params.behaviour.full_time_hours_per_month;
        (hours * self.displacement_share * per_hour).round() as i64
    }
}

impl Policy for PayResidents {
    fn name(&self) -> &'static str {
        "pay_residents"
    }

    fn government_spending(&mut self, t: &mut Tick) {
        let per_person = self.coins_per_person;
        let w = &mut *t.world;
        for ni in 0..w.nbs.len() {
            w.nbs[ni].displaced_cents = 0;
            if !t.params.coins_in(ni) || per_person <= 0 {
                continue;
            }
            let range = w.nbs[ni].residents.clone();
            let len = range.end - range.start;
            let mut budget = (self.budget_eur_per_resident_month * len as f64 / self.coin_value_eur)
                .round() as i64;
            let offset = (t.tick as u64 * 7919 % len.max(1) as u64) as u32;
            let mut paid = 0;
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
                    // The last one paid works the hours the coins left pay for.
                    let hours = self.hours_per_month * coins as f64 / per_person as f64;
                    w.time.participation_hours[r] += hours as f32;
                    t.counters[ni].participation_hours += hours;
                    t.counters[ni].pay_residents_coins += coins;
                    paid += coins;
                    budget -= coins;
                }
            }
            w.nbs[ni].displaced_cents = self.displaced_cents(t.params, ni, paid);
        }
    }
}
