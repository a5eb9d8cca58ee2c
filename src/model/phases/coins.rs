//! Phase 7, the social coin: issuance of what residents earned this month, the levers'
//! trades (lever 4), redemption and demurrage. Coins are the ledger's second currency, in
//! whole units; the scheme's issuer account is their only source and sink, so the coin
//! books balance like the euro books. Coin payments at shops, association fees and
//! supplies happen in the phases where the euro payments they replace happen.

use crate::model::Model;
use crate::model::ids::{AssociationId, BusinessId, HouseholdId};
use crate::model::ledger::{AccountId, Currency, Purpose as Flow};
use crate::model::world::Status;

impl Model {
    /// The coin phase; nothing without a coin scheme.
    pub(in crate::model) fn coin_phase(&mut self) {
        if !self.params.coin.enabled {
            return;
        }
        // Issuance per resident and household; trades, redemption and demurrage below.
        self.work += (self.world.residents.nb.len() + self.world.households.nb.len()) as u64;
        self.issue_earned_coins();
        self.hooks(|p, t| p.coin_trades(t));
        self.redemption();
        if self.params.coin.demurrage_rate > 0.0 {
            self.demurrage();
        }
    }

    /// Issues what residents earned this month: volunteering and paid work (recorded by
    /// earlier phases) and training months.
    fn issue_earned_coins(&mut self) {
        let per_training = self.params.coin.per_training_month;
        if per_training > 0 {
            let w = &mut self.world;
            for r in 0..w.residents.nb.len() {
                let ni = w.residents.nb[r] as usize;
                if w.residents.status[r] == Status::Training && self.params.nbs[ni].coin.runs {
                    let h = w.residents.household[r] as usize;
                    w.households.coins_to_issue[h] += per_training;
                }
            }
        }
        for h in 0..self.world.households.nb.len() {
            let coins = std::mem::take(&mut self.world.households.coins_to_issue[h]);
            self.issue_coins(h as u32, coins);
        }
    }

    /// Issues `coins` to household `h` (an earning: volunteering, training, paid work) and,
    /// for a backed scheme, puts the backing into the fund.
    fn issue_coins(&mut self, h: u32, coins: i64) {
        if coins <= 0 {
            return;
        }
        let w = &mut self.world;
        let acc = w.household_account(HouseholdId(h));
        self.books.pay_in(
            Currency::Coin,
            w.sys.coin_issuer,
            acc,
            coins,
            Flow::CoinIssuance,
        );
        w.households.coins_earned[h as usize] += coins;
        let c = &self.params.coin;
        let backing = (coins as f64 * c.value_cents * c.backing_share).round() as i64;
        if backing > 0 {
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

    /// Businesses and associations redeem every coin they hold.
    fn redemption(&mut self) {
        let w = &self.world;
        self.work += (w.businesses.nb.len() + w.associations.nb.len()) as u64;
        if self.params.coin.redeem_businesses {
            for b in 0..self.world.businesses.nb.len() {
                let ni = self.world.businesses.nb[b] as usize;
                let acc = self.world.business_account(BusinessId(b as u32));
                self.redeem(acc, ni);
            }
        }
        if self.params.coin.redeem_associations {
            for a in 0..self.world.associations.nb.len() {
                let ni = self.world.associations.nb[a] as usize;
                let acc = self.world.association_account(AssociationId(a as u32));
                self.redeem(acc, ni);
            }
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
        let c = &self.params.coin;
        let euros = (coins as f64 * c.value_cents * (1.0 - c.fee_share)).round() as i64;
        let from_fund = euros.min(self.books.eur(w.sys.coin_fund));
        self.books
            .pay(w.sys.coin_fund, acc, from_fund, Flow::CoinRedemption);
        let rest = euros - from_fund.max(0);
        self.books
            .pay(w.sys.municipality, acc, rest, Flow::CoinRedemption);
        self.counters[ni].coin_scheme_cost_cents += rest.max(0);
    }

    /// Demurrage on the smallest balance held during the period, charged at its end.
    fn demurrage(&mut self) {
        let c = &self.params.coin;
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
        let period_end = (self.tick + 1).is_multiple_of(c.demurrage_period_months);
        if period_end && self.tick >= c.demurrage_grace_months {
            let issuer = self.world.sys.coin_issuer;
            for a in first..last {
                let acc = AccountId(a as u32);
                // Whole coins are charged; the fraction is carried to the next period, so
                // small balances pay their share over time instead of never.
                let due = c.demurrage_rate * self.coin_min[a - first] as f64
                    + self.demurrage_carry[a - first];
                let charge = due.floor() as i64;
                self.demurrage_carry[a - first] = due - charge as f64;
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
