//! The social coin: issuance, the random exchange among residents (lever 4), redemption
//! and demurrage. Coins are the ledger's second currency, in whole units; the scheme's
//! issuer account is their only source and sink, so the coin books balance like the euro
//! books. Coin payments at shops, association fees and supplies happen in the phases where
//! the euro payments they replace happen.

use super::Model;
use super::ids::{AssociationId, BusinessId, HouseholdId};
use super::ledger::{AccountId, Currency, Purpose as Flow};
use super::rng::Purpose;

impl Model {
    /// Whether the coin scheme runs in neighbourhood `ni`.
    #[inline]
    pub(super) fn coins_in(&self, ni: usize) -> bool {
        self.coin_nbs.get(ni).copied().unwrap_or(false)
    }

    /// Euro cents one coin is worth.
    pub(super) fn coin_value_cents(&self) -> f64 {
        self.scenario.coins.value_eur * 100.0
    }

    /// The share of its coins a holder spends this month: the base propensity, raised by
    /// demurrage (holders pass coins on before they lose value).
    pub(super) fn coin_spend_propensity(&self) -> f64 {
        let c = &self.scenario.coins;
        let monthly = c.demurrage.rate_per_period / c.demurrage.period_months.max(1) as f64;
        let p = c.spend_propensity_per_month;
        p + (1.0 - p) * (c.demurrage_spend_elasticity * monthly).min(1.0)
    }

    /// Issues `coins` to household `h` (an earning: volunteering, training, paid work) and,
    /// for a backed scheme, puts the backing into the fund.
    pub(super) fn issue_coins(&mut self, h: u32, coins: i64) {
        if coins <= 0 {
            return;
        }
        let w = &self.world;
        let acc = w.household_account(HouseholdId(h));
        self.books.pay_in(
            Currency::Coin,
            w.sys.coin_issuer,
            acc,
            coins,
            Flow::CoinIssuance,
        );
        self.world.households.coins_earned[h as usize] += coins;
        let backing = (coins as f64 * self.coin_value_cents() * self.scenario.coins.backing_share)
            .round() as i64;
        if backing > 0 {
            let w = &self.world;
            self.books.pay(
                w.sys.municipality,
                w.sys.coin_fund,
                backing,
                Flow::CoinBacking,
            );
            let ni = w.households.nb[h as usize] as usize;
            self.counters[ni].coin_scheme_cost_cents += backing;
        }
    }

    /// Redeems all coins of `acc` (of neighbourhood `ni`) for euros at the coin's value less
    /// the fee: paid from the fund while it lasts, then by the municipality.
    fn redeem(&mut self, acc: AccountId, ni: usize) {
        let coins = self.books.ledger.balance(Currency::Coin, acc);
        if coins <= 0 {
            return;
        }
        let w = &self.world;
        self.books.pay_in(
            Currency::Coin,
            acc,
            w.sys.coin_issuer,
            coins,
            Flow::CoinRedemption,
        );
        let fee = self.scenario.coins.redemption.fee_share;
        let euros = (coins as f64 * self.coin_value_cents() * (1.0 - fee)).round() as i64;
        let from_fund = euros.min(self.books.eur(w.sys.coin_fund));
        self.books
            .pay(w.sys.coin_fund, acc, from_fund, Flow::CoinRedemption);
        let rest = euros - from_fund.max(0);
        self.books
            .pay(w.sys.municipality, acc, rest, Flow::CoinRedemption);
        self.counters[ni].coin_scheme_cost_cents += rest.max(0);
    }

    /// The coin phase: residents trade services for coins, businesses and associations
    /// redeem, and demurrage is charged at the end of each period.
    pub(super) fn coin_phase(&mut self) {
        if !self.scenario.coins.enabled {
            return;
        }
        let nbs = self.world.nbs.len();
        // Issuance per resident and household; trades, redemption and demurrage below.
        self.work += (self.world.residents.nb.len() + self.world.households.nb.len()) as u64;
        // Issue what residents earned this month: volunteering and paid work (recorded by
        // earlier phases) and training months.
        let per_training = self.scenario.coins.issuance.per_training_month.round() as i64;
        if per_training > 0 {
            for r in 0..self.world.residents.nb.len() {
                let ni = self.world.residents.nb[r] as usize;
                if self.world.residents.status[r] == super::world::Status::Training
                    && self.coin_nbs[ni]
                {
                    let h = self.world.residents.household[r] as usize;
                    self.world.households.coins_to_issue[h] += per_training;
                }
            }
        }
        for h in 0..self.world.households.nb.len() {
            let coins = std::mem::take(&mut self.world.households.coins_to_issue[h]);
            self.issue_coins(h as u32, coins);
        }
        // Lever 4: the random-exchange model (Dragulescu-Yakovenko; with a saving
        // propensity, Chakraborti-Chakrabarti), among the households of a neighbourhood.
        let ex = self.scenario.levers.residents_exchange_coins.clone();
        if ex.enabled {
            for ni in 0..nbs {
                if !self.coins_in(ni) {
                    continue;
                }
                let range = self.world.nbs[ni].households.clone();
                let len = range.end - range.start;
                if len < 2 {
                    continue;
                }
                self.work += len as u64 * (1 + ex.trades_per_household_month as u64);
                for h in range.clone() {
                    let mut rng = self.streams.open(Purpose::CoinExchange, h, self.tick);
                    for _ in 0..ex.trades_per_household_month {
                        let mut j = range.start + rng.below(len - 1);
                        if j >= h {
                            j += 1;
                        }
                        let (ai, aj) = (
                            self.world.household_account(HouseholdId(h)),
                            self.world.household_account(HouseholdId(j)),
                        );
                        let (mi, mj) = (
                            self.books.ledger.balance(Currency::Coin, ai),
                            self.books.ledger.balance(Currency::Coin, aj),
                        );
                        let pot = (1.0 - ex.saving_propensity) * (mi + mj) as f64;
                        let eps = rng.unit();
                        let new_i = (ex.saving_propensity * mi as f64 + eps * pot).floor() as i64;
                        let delta = new_i - mi;
                        if delta > 0 {
                            self.books.pay_in(
                                Currency::Coin,
                                aj,
                                ai,
                                delta.min(mj),
                                Flow::ResidentServices,
                            );
                        } else if delta < 0 {
                            self.books.pay_in(
                                Currency::Coin,
                                ai,
                                aj,
                                (-delta).min(mi),
                                Flow::ResidentServices,
                            );
                        }
                    }
                }
            }
        }
        // Redemption.
        let red = self.scenario.coins.redemption.clone();
        self.work += (self.world.businesses.nb.len() + self.world.associations.nb.len()) as u64;
        if red.businesses {
            for b in 0..self.world.businesses.nb.len() {
                let ni = self.world.businesses.nb[b] as usize;
                let acc = self.world.business_account(BusinessId(b as u32));
                self.redeem(acc, ni);
            }
        }
        if red.associations {
            for a in 0..self.world.associations.nb.len() {
                let ni = self.world.associations.nb[a] as usize;
                let acc = self.world.association_account(AssociationId(a as u32));
                self.redeem(acc, ni);
            }
        }
        // Demurrage on the smallest balance held during the period.
        let d = self.scenario.coins.demurrage.clone();
        if d.rate_per_period > 0.0 {
            let first = self.world.household_base as usize;
            let last = self.world.association_base as usize + self.world.associations.nb.len();
            self.work += 2 * (last - first) as u64;
            for a in first..last {
                let bal = self
                    .books
                    .ledger
                    .balance(Currency::Coin, AccountId(a as u32));
                let m = &mut self.coin_min[a - first];
                *m = (*m).min(bal);
            }
            let period_end = (self.tick + 1).is_multiple_of(d.period_months.max(1));
            if period_end && self.tick >= d.grace_months {
                for a in first..last {
                    let acc = AccountId(a as u32);
                    // Whole coins are charged; the fraction is carried to the next period, so
                    // small balances pay their share over time instead of never.
                    let due = d.rate_per_period * self.coin_min[a - first] as f64
                        + self.demurrage_carry[a - first];
                    let charge = due.floor() as i64;
                    self.demurrage_carry[a - first] = due - charge as f64;
                    let issuer = self.world.sys.coin_issuer;
                    self.books
                        .pay_in(Currency::Coin, acc, issuer, charge, Flow::Demurrage);
                    self.coin_min[a - first] = self.books.ledger.balance(Currency::Coin, acc);
                }
            } else if period_end {
                for a in first..last {
                    self.coin_min[a - first] = self
                        .books
                        .ledger
                        .balance(Currency::Coin, AccountId(a as u32));
                }
            }
        }
    }
}
