//! Phase 4, households: rent, local taxes and association fees, then consumption in euros
//! and coins at local shops (the rest outside); and outside customers' purchases.

use crate::model::Model;
use crate::model::ids::{AssociationId, BusinessId, HouseholdId};
use crate::model::ledger::{AccountId, Currency, Purpose as Flow};
use crate::model::params::SECTORS;
use crate::model::rng::{Purpose, Stream};
use crate::model::world::{NONE, random_active};

/// What the households of one neighbourhood pay and how they shop this month.
#[derive(Clone, Copy)]
struct Shopping {
    rent: i64,
    local_tax: i64,
    fee: i64,
    local_share: f64,
    /// logit(local_share), when it is inside 0 and 1.
    local_logit: f64,
    shares: [f64; SECTORS],
    subsistence: i64,
    /// Lever 8: the adopted neighbourhood and the share of local spending sent there.
    adoption: Option<(usize, f64)>,
    coins_here: bool,
    coin_value: f64,
    coin_propensity: f64,
    shop_coin_share: f64,
    /// Discount on the part of a price paid in coins (lever 2), and the logit coefficient
    /// of the local share on the log of the local price.
    discount: f64,
    price_sensitivity: f64,
    /// Lever 11: this month's shift of logit(local share), campaign effect built so far.
    campaign_shift: f64,
    outside_price: f64,
    fee_coin_share: f64,
    purchase: Option<(f64, f64)>,
}

/// A household's local purchases this month: the planned local part, the coins' money
/// that may pay part of it, the euros left and what has been spent (goods at full price).
struct LocalPayment {
    local: i64,
    coin_total: f64,
    euros_left: i64,
    spent: i64,
}

/// Most shops a household compares in a sector (`behaviour.shop_candidates` is at most 8).
const MAX_CANDIDATES: usize = 8;

/// One household's month so far: euros and coins it may still spend.
struct Purse {
    acc: AccountId,
    balance: i64,
    /// Coins held after the fee (0 where the coin does not run here).
    coins_held: i64,
    coins_spendable: i64,
    /// Holds coins it means to spend at shops this month (after buying any): it prefers
    /// shops that take them (docs/ODD.md 7.4, step 6).
    coin_user: bool,
}

impl Model {
    /// Households pay rent and fees and consume; outside customers buy from businesses.
    pub(in crate::model) fn household_spending(&mut self) {
        self.campaign_month();
        for ni in 0..self.world.nbs.len() {
            let how = self.shopping(ni);
            let households = self.world.nbs[ni].households.clone();
            // Per household: the committed payments, the coin purchase, and per sector a
            // shop and up to two payments.
            self.work += 1 + (households.end - households.start) as u64 * (4 + 3 * SECTORS as u64);
            for h in households {
                // A player's households shop with its local share (docs/ODD.md 7.20).
                match self.players.local_share(h as usize) {
                    Some(s) => {
                        let own = Shopping {
                            local_share: s,
                            local_logit: (s / (1.0 - s)).ln(),
                            ..how
                        };
                        self.household_month(ni, h, &own);
                    }
                    None => self.household_month(ni, h, &how),
                }
            }
        }
        if self.params.switches.outside_world {
            self.outside_sales();
        }
    }

    /// Lever 11: the campaign's effect (adstock, 0 to 1) moves towards 1 while the
    /// campaign runs and decays once it has stopped, by `retention` a month.
    fn campaign_month(&mut self) {
        for (ni, effect) in self.campaign_effect.iter_mut().enumerate() {
            if let Some(c) = self.params.nbs[ni].campaign {
                let on = c.months == 0 || self.tick < c.months;
                *effect = c.retention * *effect + if on { 1.0 - c.retention } else { 0.0 };
            }
        }
    }

    fn shopping(&self, ni: usize) -> Shopping {
        let nb = &self.params.nbs[ni];
        let coin = &nb.coin;
        Shopping {
            rent: nb.housing_rent_cents,
            local_tax: self.params.municipality.local_tax_cents,
            fee: nb.fee_cents,
            local_share: nb.local_share,
            local_logit: (nb.local_share / (1.0 - nb.local_share)).ln(),
            shares: std::array::from_fn(|i| nb.sectors[i].household_spending_share),
            subsistence: self.params.behaviour.subsistence_cents,
            adoption: nb.adoption,
            coins_here: coin.runs,
            coin_value: self.params.coin.value_cents,
            // Before the coins expire, a holder spends what shops will take.
            coin_propensity: if self.expiry_month() {
                1.0
            } else {
                self.params.coin.spend_propensity
            },
            shop_coin_share: coin.shop_share,
            discount: coin.discount,
            price_sensitivity: self.params.behaviour.shop_choice_price_sensitivity,
            campaign_shift: nb
                .campaign
                .map_or(0.0, |c| c.shift * self.campaign_effect[ni]),
            outside_price: self.params.behaviour.outside_price_level,
            fee_coin_share: coin.fee_share,
            purchase: coin.purchase,
        }
    }

    /// One household: committed payments, then the month's consumption.
    fn household_month(&mut self, ni: usize, h: u32, how: &Shopping) {
        let mut purse = self.committed_payments(h, how);
        let hi = h as usize;
        let w = &self.world;
        let b = &self.params.behaviour;
        // Rent, local taxes and fees are committed; alpha1 applies to what is left of last
        // month's disposable income.
        let member = w.households.association[hi] != NONE;
        let committed = how.rent + how.local_tax + if member { how.fee } else { 0 };
        let free_income = (w.households.income_prev_cents[hi] - committed).max(0) as f64;
        let euro_wish =
            b.consumption_alpha1 * free_income + b.consumption_alpha2 * purse.balance as f64;
        let floor = (how.subsistence * w.households.size[hi] as i64) as f64;
        let (coin_means, coin_wish) = coin_wish(&purse, how, euro_wish);
        let wish = euro_wish + coin_wish;
        let budget = (wish.max(floor).round() as i64).min(purse.balance + coin_means);
        if budget <= 0 {
            return;
        }
        let mut rng = self.streams.open(Purpose::ShopChoice, h, self.tick);
        if w.households.coin_rank[hi] < self.coin_adopted[ni] {
            self.buy_coins(ni, &mut purse, budget, how);
        }
        purse.coin_user = how.shop_coin_share > 0.0 && purse.coins_spendable > 0;
        self.shop(ni, hi, &mut purse, budget, how, &mut rng);
    }

    /// Rent, local tax and the association fee (partly in coins, lever 3). Returns the
    /// purse left.
    fn committed_payments(&mut self, h: u32, how: &Shopping) -> Purse {
        let hi = h as usize;
        let w = &self.world;
        let books = &mut self.books;
        let acc = w.household_account(HouseholdId(h));
        let mut balance = books.eur(acc);
        let paid = how.rent.min(balance);
        books.pay(acc, w.sys.landlords, paid, Flow::HousingRent);
        balance -= paid.max(0);
        let paid = how.local_tax.min(balance);
        books.pay(acc, w.sys.municipality, paid, Flow::MunicipalTax);
        balance -= paid.max(0);
        let mut coins_held = if how.coins_here {
            books.ledger.balance(Currency::Coin, acc)
        } else {
            0
        };
        let mut coins_spendable = (coins_held as f64 * how.coin_propensity).floor() as i64;
        let a = w.households.association[hi];
        if a != NONE && how.fee > 0 {
            let aacc = w.association_account(AssociationId(a));
            let coins = coins_spendable
                .min((how.fee as f64 * how.fee_coin_share / how.coin_value).floor() as i64);
            books.pay_in(Currency::Coin, acc, aacc, coins, Flow::MembershipFee);
            coins_spendable -= coins.max(0);
            coins_held -= coins.max(0);
            let euros = (how.fee - (coins.max(0) as f64 * how.coin_value).round() as i64).max(0);
            let paid = euros.min(balance);
            books.pay(acc, aacc, paid, Flow::MembershipFee);
            balance -= paid.max(0);
        }
        Purse {
            acc,
            balance,
            coins_held,
            coins_spendable,
            coin_user: false,
        }
    }

    /// Coins bought with euros (Chiemgauer, Brixton): a swap of euros for coins, to pay
    /// part of the month's local purchases with; the budget stays what it was.
    fn buy_coins(&mut self, ni: usize, purse: &mut Purse, budget: i64, how: &Shopping) {
        let Some((share_of_local, bonus)) = how.purchase else {
            return;
        };
        let w = &self.world;
        // The household plans to pay the share `share_of_local` of its local purchases in
        // coins, T a month; spending a share p of its coins a month, it keeps T / p of
        // them, and buys what it lacks of that.
        let p = how.coin_propensity.max(1e-9);
        let target = budget as f64 * how.local_share * share_of_local / p;
        let held = purse.coins_held as f64 * how.coin_value;
        let euros = ((target - held).round() as i64).min(purse.balance);
        let coins = (euros as f64 / how.coin_value * (1.0 + bonus)).floor() as i64;
        if coins <= 0 || euros <= 0 {
            return;
        }
        self.books
            .pay(purse.acc, w.sys.coin_fund, euros, Flow::CoinPurchase);
        self.books.pay_in(
            Currency::Coin,
            w.sys.coin_issuer,
            purse.acc,
            coins,
            Flow::CoinPurchase,
        );
        purse.balance -= euros;
        // The coins bought join the holdings, of which the household spends the share p.
        let after = purse.coins_held + coins;
        purse.coins_spendable +=
            (after as f64 * p).floor() as i64 - (purse.coins_held as f64 * p).floor() as i64;
        purse.coins_held = after;
        self.counters[ni].coin_buyers += 1;
    }

    /// The budget's local part at one shop per sector (part of it at an adopted
    /// neighbourhood's shop, lever 8), paid partly in coins up to their share of the price
    /// (lever 2), the rest of each price in euros; the rest of the budget at outside shops.
    fn shop(
        &mut self,
        ni: usize,
        hi: usize,
        purse: &mut Purse,
        budget: i64,
        how: &Shopping,
        rng: &mut Stream,
    ) {
        // Where the household would buy in each sector this month, and those shops'
        // price level (weighted by the sectors' shares), which it compares with the
        // outside shops' price.
        let mut shops = [NONE; SECTORS];
        let (mut priced, mut weight, mut accepting) = (0.0, 0.0, 0.0);
        for (si, share) in how.shares.iter().enumerate() {
            if *share <= 0.0 {
                continue;
            }
            shops[si] = self.choose_shop(ni, hi, si, purse.coin_user, rng);
            if shops[si] != NONE {
                let b = shops[si] as usize;
                priced += share * self.world.businesses.price[b];
                weight += share;
                if self.world.businesses.accepts_coins[b] {
                    accepting += share;
                }
            }
        }
        let (price_index, accepting) = if weight > 0.0 {
            (priced / weight, accepting / weight)
        } else {
            (1.0, 0.0)
        };
        let local_share = local_share_of(how, purse, budget, price_index, accepting);
        let local = (budget as f64 * local_share).round() as i64;
        // Coins replace euros at local shops, up to `share_of_price` of each price
        // (lever 2), discounted by `discount_share`; the euros they free stay with the
        // household.
        let coin_total = if how.shop_coin_share > 0.0 {
            (purse.coins_spendable as f64 * how.coin_value)
                .min(local as f64 * how.shop_coin_share * (1.0 - how.discount))
        } else {
            0.0
        };
        if purse.coin_user {
            let c = &mut self.counters[ni];
            c.coin_user_local_cents += local.max(0);
            c.coin_user_coin_cents += coin_total;
        }
        let mut pay = LocalPayment {
            local,
            coin_total,
            euros_left: purse.balance,
            spent: 0,
        };
        for (si, share) in how.shares.iter().enumerate() {
            let amount = (local as f64 * share).round() as i64;
            let shop = shops[si];
            if amount <= 0 || shop == NONE {
                continue;
            }
            let amount = amount.min(budget - pay.spent);
            let parts = self.purchase_parts(ni, si, shop, amount, purse, how, &pay, rng);
            for (to, value, coin_money) in parts {
                if to != NONE && value > 0 {
                    self.pay_shop(ni, to, value, coin_money, purse, how, &mut pay);
                }
            }
        }
        if self.params.switches.outside_world {
            let rest = (budget - pay.spent).min(pay.euros_left);
            let shops = self.world.sys.outside_shops;
            self.books.pay(purse.acc, shops, rest, Flow::Consumption);
            self.counters[ni].real_consumption_cents += rest.max(0) as f64 / how.outside_price;
        }
    }

    /// Where a purchase of `amount` in sector `si` at `shop` is made, and the coins' money
    /// each part may be paid with (the purchase's share of the coins' money, C × amount /
    /// L): all at `shop`, unless part of it goes to an adopted neighbourhood's shop (lever
    /// 8; the coins' money split alike) or, for a coin user whose shop does not take coins,
    /// the part its coins can pay goes, with all of the purchase's coins' money, to a shop
    /// of the sector that does, from the scheme's directory (docs/ODD.md 7.4, step 8).
    #[allow(clippy::too_many_arguments)]
    fn purchase_parts(
        &self,
        ni: usize,
        si: usize,
        shop: u32,
        amount: i64,
        purse: &Purse,
        how: &Shopping,
        pay: &LocalPayment,
        rng: &mut Stream,
    ) -> [(u32, i64, f64); 2] {
        let w = &self.world;
        let money = |value: i64| {
            if pay.local > 0 {
                pay.coin_total * value as f64 / pay.local as f64
            } else {
                0.0
            }
        };
        if let Some((weak, share)) = how.adoption {
            let adopted = random_active(w.active_list(weak, si), rng);
            if adopted != NONE {
                let moved = (amount as f64 * share).round() as i64;
                return [
                    (shop, amount - moved, money(amount - moved)),
                    (adopted, moved, money(moved)),
                ];
            }
        } else if purse.coin_user && !w.businesses.accepts_coins[shop as usize] {
            let other = random_active(&self.coin_acceptors[ni * SECTORS + si], rng);
            if other != NONE && w.businesses.active[other as usize] && how.shop_coin_share > 0.0 {
                // Goods whose coin share (c (1 - d) of each price) the coins' money pays.
                let coin_money = money(amount);
                let per_goods = how.shop_coin_share * (1.0 - how.discount);
                let moved = ((coin_money / per_goods).ceil() as i64).min(amount);
                return [(shop, amount - moved, 0.0), (other, moved, coin_money)];
            }
        }
        [(shop, amount, money(amount)), (NONE, 0, 0.0)]
    }

    /// Goods worth `value` at local shop `to`: if it accepts coins, k coins, at most the
    /// part's coins' money `coin_money` and the coins' share of this price, pay for goods
    /// worth k × value × 1 / (1 − discount); euros pay the rest. The shop counts the money it received as revenue, and
    /// the discount it gave beside it (its supplies are for the goods, 7.5).
    #[allow(clippy::too_many_arguments)]
    fn pay_shop(
        &mut self,
        ni: usize,
        to: u32,
        value: i64,
        coin_money: f64,
        purse: &mut Purse,
        how: &Shopping,
        pay: &mut LocalPayment,
    ) {
        let bacc = self.world.business_account(BusinessId(to));
        let keep = 1.0 - how.discount;
        let accepts = self.world.businesses.accepts_coins[to as usize];
        let coins = if accepts && pay.local > 0 && how.shop_coin_share > 0.0 {
            ((coin_money / how.coin_value).floor() as i64)
                .min((value as f64 * how.shop_coin_share * keep / how.coin_value).floor() as i64)
                .min(purse.coins_spendable)
                .max(0)
        } else {
            0
        };
        self.books
            .pay_in(Currency::Coin, purse.acc, bacc, coins, Flow::Consumption);
        purse.coins_spendable -= coins;
        let in_coins = (coins as f64 * how.coin_value).round() as i64;
        let goods_in_coins = (coins as f64 * how.coin_value / keep).round() as i64;
        let euros = (value - goods_in_coins).max(0).min(pay.euros_left);
        self.books.pay(purse.acc, bacc, euros, Flow::Consumption);
        pay.euros_left -= euros.max(0);
        pay.spent += euros.max(0) + goods_in_coins;
        let b = &mut self.world.businesses;
        b.revenue_cents[to as usize] += euros.max(0) + in_coins;
        b.coins_received[to as usize] += coins;
        if purse.coin_user {
            b.coin_user_sales_cents[to as usize] += euros.max(0) + in_coins;
        }
        let discount = goods_in_coins - in_coins;
        b.discount_cents[to as usize] += discount;
        let goods = euros.max(0) + goods_in_coins;
        let real = goods as f64 / b.price[to as usize];
        let c = &mut self.counters[ni];
        c.coin_discount_cents += discount;
        c.local_goods_cents += goods;
        c.local_real_cents += real;
        c.real_consumption_cents += real;
    }

    /// The household's shop of sector `si`: kept, unless it closed (or restarted in
    /// another sector) or the household reconsiders this month
    /// (`shop_switch_probability`); then it compares `shop_candidates` shops (the one it
    /// used, if still there, and random active ones of the sector) and picks one by a
    /// multinomial logit on the log price: shop j with probability proportional to
    /// price_j^(-beta), times 1 + `coin_user_preference` for a shop that takes coins when
    /// the household is a coin user (docs/ODD.md 7.4, step 6).
    fn choose_shop(
        &mut self,
        ni: usize,
        hi: usize,
        si: usize,
        coin_user: bool,
        rng: &mut Stream,
    ) -> u32 {
        let w = &mut self.world;
        let b = &self.params.behaviour;
        let slot = hi * SECTORS + si;
        let shop = w.households.shop[slot];
        let kept = shop != NONE
            && w.businesses.active[shop as usize]
            && w.businesses.sector[shop as usize] as usize == si;
        if kept && !rng.chance(b.shop_switch_probability) {
            return shop;
        }
        let mut candidates = [NONE; MAX_CANDIDATES];
        let k = b.shop_candidates.min(MAX_CANDIDATES);
        let mut n = 0;
        if kept {
            candidates[0] = shop;
            n = 1;
        }
        while n < k {
            candidates[n] = random_active(w.active_list(ni, si), rng);
            n += 1;
        }
        // A coin user also looks in the scheme's directory: its last candidate is a
        // random shop of the sector that takes coins, if there is one.
        let list = &self.coin_acceptors[ni * SECTORS + si];
        if coin_user && !list.is_empty() && k > usize::from(kept) {
            let c = random_active(list, rng);
            if w.businesses.active[c as usize] {
                candidates[k - 1] = c;
            }
        }
        let beta = b.shop_choice_price_sensitivity;
        let pull = if coin_user {
            1.0 + self.params.coin.coin_user_preference
        } else {
            1.0
        };
        let mut weights = [0.0; MAX_CANDIDATES];
        for (wt, &c) in weights.iter_mut().zip(&candidates[..k]) {
            if c != NONE {
                *wt = w.businesses.price[c as usize].powf(-beta);
                if w.businesses.accepts_coins[c as usize] {
                    *wt *= pull;
                }
            }
        }
        let total: f64 = weights[..k].iter().sum();
        let mut chosen = NONE;
        if total > 0.0 {
            let mut u = rng.unit() * total;
            for (&c, &wc) in candidates[..k].iter().zip(&weights[..k]) {
                if wc > 0.0 {
                    chosen = c;
                    if u < wc {
                        break;
                    }
                    u -= wc;
                }
            }
        }
        w.households.shop[slot] = chosen;
        chosen
    }

    /// Outside customers buy from every active business.
    fn outside_sales(&mut self) {
        let w = &mut self.world;
        self.work += w.businesses.nb.len() as u64;
        for bi in 0..w.businesses.nb.len() {
            if !w.businesses.active[bi] {
                continue;
            }
            let ni = w.businesses.nb[bi] as usize;
            let amount =
                self.params.nbs[ni].sectors[w.businesses.sector[bi] as usize].outside_sales_cents;
            self.books.pay(
                w.sys.outside_customers,
                w.business_account(BusinessId(bi as u32)),
                amount,
                Flow::OutsideSales,
            );
            w.businesses.revenue_cents[bi] += amount.max(0);
        }
    }
}

/// What coins add to a household's budget, where shops take them (docs/ODD.md 7.4,
/// step 5): the coins it may spend this month at their euro value (its holdings times the
/// coins' turnover rate, demurrage included, plus the coins it bought), and the spending
/// they finance: all of it, but no more than the coins can pay of local prices, so that
/// coins no shop would take never make a household spend euros instead.
fn coin_wish(purse: &Purse, how: &Shopping, euro_wish: f64) -> (i64, f64) {
    if how.shop_coin_share <= 0.0 {
        return (0, 0.0);
    }
    let means = (purse.coins_spendable as f64 * how.coin_value).floor() as i64;
    // Coins pay at most the share c of the local part s of the budget: of euro spending
    // E, coins may add X with X <= c s (E + X).
    let cs = how.local_share * how.shop_coin_share;
    let room = if cs >= 1.0 {
        f64::INFINITY
    } else {
        cs * euro_wish.max(0.0) / (1.0 - cs)
    };
    (means, (means as f64).min(room))
}

/// The local share of a household's budget (docs/ODD.md 7.4, step 6): the binary logit
/// of buying locally against outside, s = 1 / (1 + exp(-(logit(s0) + c - beta ln P))), where
/// s0 is the neighbourhood's share at equal prices, c lever 11's campaign shift this month
/// and P the local price relative to the outside one: the price level of the household's
/// shops, lowered by the coin discount on the share x of its local purchases it can pay in
/// coins at the shops it chose that take them (`accepting`, the sectors' share of those
/// shops), P = price_index (1 - discount x) / outside price level. At equal prices and
/// without a campaign it is s0 exactly.
fn local_share_of(
    how: &Shopping,
    purse: &Purse,
    budget: i64,
    price_index: f64,
    accepting: f64,
) -> f64 {
    let s0 = how.local_share;
    if s0 <= 0.0 || s0 >= 1.0 || budget <= 0 {
        return s0;
    }
    let x = if how.discount > 0.0 && how.shop_coin_share > 0.0 && purse.coins_spendable > 0 {
        let planned = budget as f64 * s0;
        (purse.coins_spendable as f64 * how.coin_value / planned).min(how.shop_coin_share)
            * accepting
    } else {
        0.0
    };
    let price = price_index * (1.0 - how.discount * x) / how.outside_price;
    if price == 1.0 && how.campaign_shift == 0.0 {
        return s0;
    }
    let v = how.local_logit + how.campaign_shift - how.price_sensitivity * price.ln();
    1.0 / (1.0 + (-v).exp())
}
