//! Lever 4: residents pay each other in coins for services, as in the random-exchange
//! model (Dragulescu-Yakovenko; with a saving propensity, Chakraborti-Chakrabarti), among
//! the households of each neighbourhood where the coin runs.

use super::{Policy, Tick};
use crate::model::ids::HouseholdId;
use crate::model::ledger::{Currency, Purpose as Flow};
use crate::model::params::Params;
use crate::model::rng::Purpose;
use crate::model::world::{Status, World};
use crate::scenario::ExchangeRule;
use crate::scenario::Scenario;

struct ResidentsExchange {
    saving_propensity: f64,
    trades_per_household_month: u32,
    rule: ExchangeRule,
    /// `rule: Services`: hours per service and its price in coins.
    hours: f64,
    price: i64,
}

pub(super) fn build(s: &Scenario, _p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.residents_exchange_coins;
    (l.enabled && s.coins.enabled).then(|| {
        Box::new(ResidentsExchange {
            saving_propensity: l.saving_propensity,
            trades_per_household_month: l.trades_per_household_month,
            rule: l.rule,
            hours: l.hours_per_service,
            price: (l.hours_per_service * l.coins_per_hour).round().max(1.0) as i64,
        }) as Box<dyn Policy>
    })
}

impl Policy for ResidentsExchange {
    fn name(&self) -> &'static str {
        "residents_exchange_coins"
    }

    fn coin_trades(&mut self, t: &mut Tick) {
        for ni in 0..t.world.nbs.len() {
            if !t.params.coins_in(ni) {
                continue;
            }
            let range = t.world.nbs[ni].households.clone();
            let len = range.end - range.start;
            if len < 2 {
                continue;
            }
            *t.work += len as u64 * (1 + self.trades_per_household_month as u64);
            for h in range.clone() {
                let mut rng = t.streams.open(Purpose::CoinExchange, h, t.tick);
                for _ in 0..self.trades_per_household_month {
                    let mut j = range.start + rng.below(len - 1);
                    if j >= h {
                        j += 1;
                    }
                    if self.rule == ExchangeRule::Services {
                        self.service(t, ni, h, j);
                        continue;
                    }
                    let eps = rng.unit();
                    self.trade(t, h, j, eps);
                }
            }
        }
    }
}

impl ResidentsExchange {
    /// Household `h`'s balance after its trade with `j`, from its and `j`'s balances `mi`
    /// and `mj` and a uniform draw `eps` in [0, 1). Split: each keeps the whole coins of its
    /// saving share, and `h` takes a uniformly random whole number of coins, 0 to all, of
    /// the rest of both (so the two sides are alike: either may end with nothing). Unit
    /// transfer: one coin passes from `h` to `j` (eps below one half) or back, if the payer
    /// has one.
    fn new_balance(&self, mi: i64, mj: i64, eps: f64) -> i64 {
        match self.rule {
            ExchangeRule::Split => {
                let lambda = self.saving_propensity;
                let (keep_i, keep_j) = (
                    (lambda * mi as f64).floor() as i64,
                    (lambda * mj as f64).floor() as i64,
                );
                let pot = mi + mj - keep_i - keep_j;
                keep_i + ((eps * (pot + 1) as f64) as i64).min(pot)
            }
            ExchangeRule::UnitTransfer if eps < 0.5 => mi - i64::from(mi > 0),
            ExchangeRule::UnitTransfer => mi + i64::from(mj > 0),
            // Services are paid at their price (`Self::service`), not traded at random.
            ExchangeRule::Services => mi,
        }
    }

    /// `rule: Services`: household `h` asks `j` for a service; `j` gives it if one of its
    /// members has time (is not in work or training), and `h` pays its price if it holds
    /// the coins. The hours and their value at the coin's value are counted (docs/ODD.md
    /// 7.15, lever 4).
    fn service(&self, t: &mut Tick, ni: usize, h: u32, j: u32) {
        let ai = t.world.household_account(HouseholdId(h));
        if t.books.ledger.balance(Currency::Coin, ai) < self.price || !has_time(t.world, j) {
            return;
        }
        let aj = t.world.household_account(HouseholdId(j));
        t.books
            .pay_in(Currency::Coin, ai, aj, self.price, Flow::ResidentServices);
        let c = &mut t.counters[ni];
        c.service_hours += self.hours;
        c.service_cents += (self.price as f64 * t.params.coin.value_cents).round() as i64;
    }

    /// Households `h` and `j` trade once with the draw `eps` (see [`Self::new_balance`]).
    fn trade(&self, t: &mut Tick, h: u32, j: u32, eps: f64) {
        let (ai, aj) = (
            t.world.household_account(HouseholdId(h)),
            t.world.household_account(HouseholdId(j)),
        );
        let (mi, mj) = (
            t.books.ledger.balance(Currency::Coin, ai),
            t.books.ledger.balance(Currency::Coin, aj),
        );
        let new_i = self.new_balance(mi, mj, eps);
        let delta = new_i - mi;
        if delta > 0 {
            t.books.pay_in(
                Currency::Coin,
                aj,
                ai,
                delta.min(mj),
                Flow::ResidentServices,
            );
        } else if delta < 0 {
            t.books.pay_in(
                Currency::Coin,
                ai,
                aj,
                (-delta).min(mi),
                Flow::ResidentServices,
            );
        }
    }
}

/// Whether household `j` has a member with time for a service: an adult not in work, an
/// agreement job or training.
fn has_time(w: &World, j: u32) -> bool {
    let first = w.households.first[j as usize];
    let size = w.households.size[j as usize] as u32;
    (first..first + size).any(|r| {
        matches!(
            w.residents.status[r as usize],
            Status::Unemployed | Status::Retired | Status::Unable
        )
    })
}
