//! Phase 7, the social coin: issuance of what residents earned this month, the levers'
//! trades (lever 4), redemption and demurrage. Coins are the ledger's second currency, in
//! whole units; the scheme's issuer account is their only source and sink, so the coin
//! books balance like the euro books. Coin payments at shops, association fees and
//! supplies happen in the phases where the euro payments they replace happen.

use crate::model::ids::{AssociationId, BusinessId, HouseholdId};
use crate::model::ledger::{AccountId, Currency, Purpose as Flow};
use crate::model::params::{Params, SECTORS};
use crate::model::rng::Stream;
use crate::model::world::{NONE, Status, World};
use crate::model::{Model, TickCounters};

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
        self.expiry();
        self.adoption();
    }

    /// The Bass diffusion of buying coins, per neighbourhood: of the ceiling M's households
    /// not yet buying, the share p + q A / M start next month (A the share buying now).
    fn adoption(&mut self) {
        let (ceiling, _, p, q) = self.params.coin.participation;
        if ceiling <= 0.0 {
            return;
        }
        for a in &mut self.coin_adopted {
            *a = (*a + (p + q * *a / ceiling) * (ceiling - *a)).min(ceiling);
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
        let smoothing = self.params.behaviour.revenue_smoothing;
        for b in 0..self.world.businesses.nb.len() {
            let bs = &mut self.world.businesses;
            let paid = std::mem::take(&mut bs.coins_paid[b]) as f64;
            let e = &mut bs.coins_paid_expected[b];
            *e = (1.0 - smoothing) * *e + smoothing * paid;
            let received = std::mem::take(&mut bs.coins_received[b]) as f64;
            let e = &mut bs.coins_received_expected[b];
            *e = (1.0 - smoothing) * *e + smoothing * received;
            let sales = std::mem::take(&mut bs.coin_user_sales_cents[b]) as f64;
            let e = &mut bs.coin_user_sales_expected[b];
            *e = (1.0 - smoothing) * *e + smoothing * sales;
            if self.params.coin.redeem_businesses {
                let ni = self.world.businesses.nb[b] as usize;
                let acc = self.world.business_account(BusinessId(b as u32));
                let coins = self.books.ledger.balance(Currency::Coin, acc);
                let keep = match self.players.redeem_coins(b) {
                    Some(true) => 0,
                    Some(false) => coins,
                    None => self.coins_kept(b).min(coins),
                };
                self.redeem(acc, ni, coins - keep);
            }
        }
        if self.params.coin.redeem_associations {
            for a in 0..self.world.associations.nb.len() {
                let ni = self.world.associations.nb[a] as usize;
                let acc = self.world.association_account(AssociationId(a as u32));
                let coins = self.books.ledger.balance(Currency::Coin, acc);
                self.redeem(acc, ni, coins);
            }
        }
    }

    /// A random business of neighbourhood `ni` that accepts coins (each equally likely),
    /// or [`NONE`] if none does.
    pub(in crate::model) fn random_acceptor(&self, ni: usize, rng: &mut Stream) -> u32 {
        let lists = &self.coin_acceptors[ni * SECTORS..(ni + 1) * SECTORS];
        let total: usize = lists.iter().map(Vec::len).sum();
        if total == 0 {
            return NONE;
        }
        let mut k = rng.below(total as u32) as usize;
        for list in lists {
            if k < list.len() {
                return list[k];
            }
            k -= list.len();
        }
        NONE
    }

    /// Coins business `b` keeps rather than redeems: what it expects to pay out next month,
    /// if it passes coins on and holding them a month (its cost of passing them on, a
    /// month's demurrage and, in the expiry month, the renewal stamp) costs less than the
    /// fee (docs/ODD.md 7.14).
    fn coins_kept(&self, b: usize) -> i64 {
        let c = &self.params.coin;
        let renewal = match c.expiry {
            Some((_, share)) if self.expiry_month() => share,
            _ => 0.0,
        };
        let holding = self.world.businesses.coin_pass_cost[b] * c.pass_on_cost_max
            + c.demurrage_monthly
            + renewal;
        if holding < c.fee_share {
            self.world.businesses.coins_paid_expected[b].ceil() as i64
        } else {
            0
        }
    }

    /// Redeems `coins` of `acc` (of neighbourhood `ni`) for euros at the coin's value less
    /// the fee: paid from the fund while it lasts, then by the municipality.
    fn redeem(&mut self, acc: AccountId, ni: usize, coins: i64) {
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
        // The fund gives `fee_to_associations_share` of the fee to an association of the
        // redeemer's neighbourhood (docs/ODD.md 7.14).
        let fee = (coins as f64 * c.value_cents).round() as i64 - euros;
        self.scheme_grant(acc, ni, fee as f64 * self.params.coin.fee_to_associations);
    }

    /// The fund gives `lost_to_associations` of the euro value of `coins` lost by `holder`
    /// (demurrage, expiry) to an association of the holder's neighbourhood.
    fn lost_value_grant(&mut self, holder: AccountId, coins: i64) {
        let c = &self.params.coin;
        let euros = coins as f64 * c.value_cents * c.lost_to_associations;
        let ni = self.books.ledger.neighbourhood(holder) as usize;
        if ni < self.world.nbs.len() {
            self.scheme_grant(holder, ni, euros);
        }
    }

    /// Pays `euros` (rounded to the cent) from the coin fund, as far as its balance goes, to
    /// an association of neighbourhood `ni`, in turn by the account `from` and the month.
    fn scheme_grant(&mut self, from: AccountId, ni: usize, euros: f64) {
        let range = self.world.nbs[ni].associations.clone();
        let n = range.end - range.start;
        if euros < 0.5 || n == 0 {
            return;
        }
        let a = range.start + (from.0.wrapping_add(self.tick)) % n;
        let fund = self.world.sys.coin_fund;
        let grant = (euros.round() as i64).min(self.books.eur(fund));
        let to = self.world.association_account(AssociationId(a));
        self.books.pay(fund, to, grant, Flow::CoinSchemeGrant);
    }

    /// Whether this is the month at whose end coins expire.
    pub(in crate::model) fn expiry_month(&self) -> bool {
        self.params
            .coin
            .expiry
            .is_some_and(|(month, _)| self.tick % 12 == month)
    }

    /// Expiry at the end of the month of the year: every holder renews its coins by paying
    /// the renewal share of them, or (renewal share 1) loses them all (docs/ODD.md 7.14).
    fn expiry(&mut self) {
        let Some((_, renewal)) = self.params.coin.expiry else {
            return;
        };
        if !self.expiry_month() {
            return;
        }
        let first = self.world.household_base as usize;
        let last = self.world.association_base as usize + self.world.associations.nb.len();
        self.work += (last - first) as u64;
        let issuer = self.world.sys.coin_issuer;
        for a in first..last {
            let acc = AccountId(a as u32);
            let held = self.books.ledger.balance(Currency::Coin, acc);
            let lost = if renewal >= 1.0 {
                held
            } else {
                (held as f64 * renewal).round() as i64
            };
            self.books
                .pay_in(Currency::Coin, acc, issuer, lost, Flow::CoinExpiry);
            if lost > 0 {
                self.lost_value_grant(acc, lost);
            }
        }
    }

    /// Demurrage on the smallest balance held during the period, charged at its end.
    fn demurrage(&mut self) {
        let (rate, period, grace) = {
            let c = &self.params.coin;
            (
                c.demurrage_rate,
                c.demurrage_period_months,
                c.demurrage_grace_months,
            )
        };
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
        let period_end = (self.tick + 1).is_multiple_of(period);
        if period_end && self.tick >= grace {
            let issuer = self.world.sys.coin_issuer;
            for a in first..last {
                let acc = AccountId(a as u32);
                // Whole coins are charged; the fraction is carried to the next period, so
                // small balances pay their share over time instead of never.
                let due = rate * self.coin_min[a - first] as f64 + self.demurrage_carry[a - first];
                let charge = due.floor() as i64;
                self.demurrage_carry[a - first] = due - charge as f64;
                self.books
                    .pay_in(Currency::Coin, acc, issuer, charge, Flow::Demurrage);
                if charge > 0 && self.params.coin.lost_to_associations > 0.0 {
                    self.lost_value_grant(acc, charge);
                }
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

impl Model {
    /// Lists, per neighbourhood and sector, the active businesses that accept coins.
    pub(in crate::model) fn list_coin_acceptors(&mut self) {
        // Players' shops take coins as their players chose, where shops may (lever 2).
        if !self.players.businesses.is_empty() {
            let b = &mut self.world.businesses;
            for bi in 0..b.nb.len() {
                if let Some(accept) = self.players.accept_coins(bi) {
                    let coin = &self.params.nbs[b.nb[bi] as usize].coin;
                    b.accepts_coins[bi] = accept && coin.runs && coin.shop_share > 0.0;
                }
            }
        }
        let b = &self.world.businesses;
        for list in &mut self.coin_acceptors {
            list.clear();
        }
        if !self.params.coin.enabled {
            return;
        }
        for bi in 0..b.nb.len() {
            if b.active[bi] && b.accepts_coins[bi] {
                let list = b.nb[bi] as usize * SECTORS + b.sector[bi] as usize;
                self.coin_acceptors[list].push(bi as u32);
            }
        }
    }
}

/// Whether business `bi` accepts coins after a review (docs/ODD.md 7.14): when the margin
/// on the extra sales to coin users it expects exceeds what their coins cost it. A coin
/// user weighs a shop that takes coins 1 + lambda times (`coin_user_preference`) and buys
/// what its coins pay for (the share b of its basket) where they are taken, so a
/// business that accepts expects lambda / (1 + lambda) + b of its sales to coin users to
/// be extra, and one that does not expects lambda + b times them; it receives in coins the coin
/// share of a coin user's basket (the neighbourhood's, this month, `counters`) of what it
/// would sell them, or, if it accepts, what it expects from its own months. Each coin costs
/// it the discount it gives and its cost of disposing of it: passing it on or holding it
/// a month (its pass-on cost and a month's demurrage), where the scenario gives businesses
/// a way to pay coins out, or the redemption fee if that is less (the fee alone where it
/// cannot pass them on, the coin's whole value where it can do neither); and accepting costs the membership and its own handling cost a month. The margin
/// is the share of a sale left after the supplies it takes, at its price. Expectations are
/// its own smoothed months (`revenue_smoothing`), of customers who are households.
pub(in crate::model) fn accepts_after_review(
    w: &World,
    p: &Params,
    c: &TickCounters,
    bi: usize,
) -> bool {
    let b = &w.businesses;
    let ni = b.nb[bi] as usize;
    let nb = &p.nbs[ni];
    let k = &p.coin;
    let lambda = k.coin_user_preference;
    let sales = b.coin_user_sales_expected[bi];
    let basket = if c.coin_user_local_cents > 0 {
        c.coin_user_coin_cents / c.coin_user_local_cents as f64
    } else {
        0.0
    };
    // Besides the pull, a coin user of a shop that does not take coins buys what its
    // coins pay for elsewhere (the basket's coin share of its purchases).
    let (extra, coins_cents) = if b.accepts_coins[bi] {
        (
            sales * (lambda / (1.0 + lambda) + basket),
            b.coins_received_expected[bi] * k.value_cents,
        )
    } else {
        (sales * (lambda + basket), sales * (1.0 + lambda) * basket)
    };
    let sp = &nb.sectors[b.sector[bi] as usize];
    let margin = if p.switches.supplies {
        (1.0 - sp.supply_cost_share * nb.supply_cost_factor / b.price[bi]).max(0.0)
    } else {
        1.0
    };
    // Passing coins on needs a way to pay them out (supplies, the draw, wages).
    let can_pass = nb.coin.supplies_share > 0.0 || k.owner_draw_share > 0.0 || k.wage_share > 0.0;
    let holding = b.coin_pass_cost[bi] * k.pass_on_cost_max + k.demurrage_monthly;
    let disposal = match (k.redeem_businesses, can_pass) {
        (true, true) => holding.min(k.fee_share),
        (true, false) => k.fee_share,
        (false, true) => holding,
        // Coins it can neither pass on nor redeem are worth nothing to it.
        (false, false) => 1.0,
    };
    let discount = nb.coin.discount / (1.0 - nb.coin.discount).max(1e-9);
    let fixed = k.membership_cents + b.coin_pass_cost[bi] * k.handling_cost_max_cents;
    margin * extra > coins_cents * (disposal + discount) + fixed
}
