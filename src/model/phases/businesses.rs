//! Phase 5, businesses: wages (a share of the bill when cash is short), supplies (partly
//! from local businesses, partly in coins), rent, the viability test, and the owner's
//! draw of what exceeds a cash buffer.

use super::{pay_earnings, pay_taxed};
use crate::model::Model;
use crate::model::ids::{BusinessId, HouseholdId};
use crate::model::ledger::{AccountId, Currency, Purpose as Flow};
use crate::model::params::Sector;
use crate::model::rng::Purpose;
use crate::model::world::{NONE, Status};

impl Model {
    /// Businesses pay wages, supplies and rent, and owners take the profit above a buffer.
    pub(in crate::model) fn business_accounts(&mut self) {
        let w = &mut self.world;
        // Three passes over businesses and one over residents; supplier tries below.
        self.work += 3 * w.businesses.nb.len() as u64 + w.residents.nb.len() as u64;
        // Pass 1: what share of its wage bill can each business pay?
        for bi in 0..w.businesses.nb.len() {
            let bill = w.businesses.wage_bill_cents[bi];
            let cash = self.books.eur(w.business_account(BusinessId(bi as u32)));
            w.businesses.pay_share[bi] = if bill <= cash || bill == 0 {
                1.0
            } else {
                cash as f64 / bill as f64
            };
        }
        self.resident_wages();
        for bi in 0..self.world.businesses.nb.len() {
            if self.world.businesses.active[bi] {
                self.business_month(bi);
            }
        }
    }

    /// Pass 2: resident employees, in resident order; a business that passes coins on
    /// pays `coins.acceptance.wage_share` of the wage in coins, as far as it holds them and
    /// the employee's household could spend them in a month.
    fn resident_wages(&mut self) {
        let wage_share = self.params.coin.wage_share;
        for r in 0..self.world.residents.nb.len() {
            let w = &self.world;
            let e = w.residents.employer[r];
            if e == NONE
                || w.residents.wage_cents[r] == 0
                || w.residents.status[r] != Status::Employed
            {
                continue;
            }
            let gross = (w.residents.wage_cents[r] as f64 * w.businesses.pay_share[e as usize])
                .floor() as i64;
            let employer = w.business_account(BusinessId(e));
            let bi = e as usize;
            let h = w.residents.household[r] as usize;
            let coins = self.coins_in_earnings(bi, employer, h, gross, wage_share);
            if coins > 0 {
                self.pay_partly_in_coins(bi, employer, h, gross, coins, Flow::Wage);
            } else {
                let tax = &self.params.income.tax;
                pay_earnings(
                    &mut self.books,
                    &mut self.world,
                    employer,
                    r,
                    gross,
                    Flow::Wage,
                    tax,
                );
            }
        }
    }

    /// Pass 3 for one active business: commuters, supplies, rent, viability, owner's draw.
    fn business_month(&mut self, bi: usize) {
        let w = &self.world;
        let acc = w.business_account(BusinessId(bi as u32));
        let ni = w.businesses.nb[bi] as usize;
        let sp = self.params.nbs[ni].sectors[w.businesses.sector[bi] as usize];
        let factor = self.params.nbs[ni].supply_cost_factor;
        let mut short = w.businesses.pay_share[bi] < 1.0;
        let resident_bill: i64 = w.businesses.wage_bill_cents[bi]
            - w.businesses.staff_commuters[bi] as i64 * sp.commuter_wage_cents;
        let commuter_bill = w.businesses.wage_bill_cents[bi] - resident_bill;
        let commuter_pay = (commuter_bill as f64 * w.businesses.pay_share[bi]).floor() as i64;
        let commuter_pay = commuter_pay.min(self.books.eur(acc));
        self.books
            .pay(acc, w.sys.commuters, commuter_pay, Flow::Wage);

        let sw = self.params.switches;
        // Lever 10: joint purchasing lowers supply costs (the factor is 1 without it).
        let supplies = if sw.supplies {
            // Supplies are for the goods sold, discounted ones too (lever 2): the goods at
            // the prices of the start (sales over the price) times the supply cost share.
            ((w.businesses.revenue_cents[bi] + w.businesses.discount_cents[bi]) as f64
                / w.businesses.price[bi]
                * sp.supply_cost_share
                * factor)
                .round() as i64
        } else {
            0
        };
        let rent = if sw.rent && sw.outside_world {
            sp.rent_cents
        } else {
            0
        };
        let cash = self.books.eur(acc);
        if supplies + rent > cash {
            short = true;
        }
        self.pay_supplies(bi, acc, &sp, supplies.min(cash));
        let rent_paid = rent.min(self.books.eur(acc));
        let landlords = self.world.sys.landlords;
        self.books
            .pay(acc, landlords, rent_paid, Flow::BusinessRent);
        self.viability_and_draw(bi, acc, &sp, rent, short);
    }

    /// Supplies: the outside share from outside suppliers, the rest from a random active
    /// local business (eight tries), partly in coins the business holds.
    fn pay_supplies(&mut self, bi: usize, acc: AccountId, sp: &Sector, supplies_paid: i64) {
        let ni = self.world.businesses.nb[bi] as usize;
        let coin = &self.params.nbs[ni].coin;
        let acc_coins = self.books.ledger.balance(Currency::Coin, acc);
        let pays_coins =
            coin.runs && coin.supplies_share > 0.0 && acc_coins > 0 && self.passes_coins_on(bi);
        let w = &mut self.world;
        let outside = self.params.switches.outside_world;
        let outside_part = if outside {
            (supplies_paid as f64 * sp.supplies_share_outside).round() as i64
        } else {
            0
        };
        self.books
            .pay(acc, w.sys.outside_suppliers, outside_part, Flow::Supplies);
        let local_part = supplies_paid - outside_part.max(0);
        if local_part <= 0 {
            return;
        }
        let mut rng = self.streams.open(Purpose::Supplies, bi as u32, self.tick);
        let range = w.nbs[ni].businesses.clone();
        let len = range.end - range.start;
        // A business that pays in coins buys its local supplies from a business that
        // takes them, if its neighbourhood has one (docs/ODD.md 7.5).
        let mut supplier = NONE;
        if pays_coins {
            let c = self.random_acceptor(ni, &mut rng);
            if c != NONE && c as usize != bi && self.world.businesses.active[c as usize] {
                supplier = c;
            }
        }
        let w = &mut self.world;
        for _ in 0..if supplier == NONE { 8 } else { 0 } {
            self.work += 1;
            let c = range.start + rng.below(len);
            if c as usize != bi && w.businesses.active[c as usize] {
                supplier = c;
                break;
            }
        }
        // No local supplier found: buy outside, or (closed economy) not at all.
        if supplier == NONE {
            if outside {
                self.books
                    .pay(acc, w.sys.outside_suppliers, local_part, Flow::Supplies);
            }
            return;
        }
        w.businesses.revenue_cents[supplier as usize] += local_part;
        let sacc = w.business_account(BusinessId(supplier));
        let coin = &self.params.nbs[ni].coin;
        let coin_value = self.params.coin.value_cents;
        // Part of local supplies may be paid in coins the business holds, if it passes
        // coins on and the supplier takes them.
        let coins = if pays_coins && self.world.businesses.accepts_coins[supplier as usize] {
            let wanted = (local_part as f64 * coin.supplies_share / coin_value).floor() as i64;
            wanted.min(acc_coins).max(0)
        } else {
            0
        };
        self.books
            .pay_in(Currency::Coin, acc, sacc, coins, Flow::Supplies);
        self.world.businesses.coins_paid[bi] += coins;
        let euros = local_part - (coins as f64 * coin_value).round() as i64;
        let euros = euros.clamp(0, self.books.eur(acc));
        self.books.pay(acc, sacc, euros, Flow::Supplies);
    }

    /// Expected profit (the owner's expected income) is the other test of viability; the
    /// owner takes what exceeds the buffer of `cash_buffer_months` of costs.
    fn viability_and_draw(
        &mut self,
        bi: usize,
        acc: AccountId,
        sp: &Sector,
        rent: i64,
        short: bool,
    ) {
        let w = &mut self.world;
        let b = &self.params.behaviour;
        let supplies = self.params.switches.supplies;
        let factor = self.params.nbs[w.businesses.nb[bi] as usize].supply_cost_factor;
        // Expected supplies: the expected sales' goods (at the prices of the start).
        let expected_supplies = if supplies {
            w.businesses.revenue_expected[bi] / w.businesses.price[bi]
                * sp.supply_cost_share
                * factor
        } else {
            0.0
        };
        let expected_profit = w.businesses.revenue_expected[bi]
            - expected_supplies
            - w.businesses.wage_bill_cents[bi] as f64
            - rent as f64;
        w.businesses.months_trading[bi] = w.businesses.months_trading[bi].saturating_add(1);
        let unviable = w.businesses.months_trading[bi] as u32 > b.start_grace_months
            && expected_profit < b.owner_income_min_cents;
        w.businesses.arrears_months[bi] = if short || unviable {
            w.businesses.arrears_months[bi].saturating_add(1)
        } else {
            0
        };
        let monthly_costs =
            w.businesses.wage_bill_cents[bi] as f64 + rent as f64 + expected_supplies;
        let buffer = (monthly_costs * b.cash_buffer_months).round() as i64;
        let owner = w.businesses.owner[bi];
        let draw = self.books.eur(acc) - buffer;
        if owner != NONE && draw > 0 && !short {
            let h = w.residents.household[owner as usize] as usize;
            self.owner_draw(bi, acc, h, draw);
        }
    }

    /// The owner's draw: in euros, or partly in coins (`owner_draw_share`, as far as the
    /// business holds them) if the business passes coins on; income tax is withheld on
    /// the whole draw, coins at their euro value, from the owner's euros.
    fn owner_draw(&mut self, bi: usize, acc: AccountId, h: usize, draw: i64) {
        let coins = self.coins_in_earnings(bi, acc, h, draw, self.params.coin.owner_draw_share);
        let w = &mut self.world;
        let tax = &self.params.income.tax;
        if coins == 0 {
            pay_taxed(
                &mut self.books,
                w,
                acc,
                h,
                draw,
                Flow::ProfitDistribution,
                tax,
                true,
            );
            return;
        }
        self.pay_partly_in_coins(bi, acc, h, draw, coins, Flow::ProfitDistribution);
    }

    /// Coins business `bi` (account `acc`) pays of earnings `gross` to household `h`:
    /// the share `share` of them, if the business passes coins on, as far as it holds coins
    /// and the household could spend them in a month ([`Self::household_coin_room`]).
    fn coins_in_earnings(
        &self,
        bi: usize,
        acc: AccountId,
        h: usize,
        gross: i64,
        share: f64,
    ) -> i64 {
        let ni = self.world.businesses.nb[bi] as usize;
        if share <= 0.0 || !self.params.nbs[ni].coin.runs || !self.passes_coins_on(bi) {
            return 0;
        }
        ((gross as f64 * share / self.params.coin.value_cents).floor() as i64)
            .min(self.books.ledger.balance(Currency::Coin, acc))
            .min(self.household_coin_room(ni, h))
            .max(0)
    }

    /// Earnings of `gross` from business `bi` (account `acc`) to household `h`, `coins` of
    /// it in coins and the rest in euros; income tax is withheld on the whole of it, coins
    /// at their euro value, from the household's euros. Income counts the euros: the coins
    /// are spent through the coin budget (7.4).
    fn pay_partly_in_coins(
        &mut self,
        bi: usize,
        acc: AccountId,
        h: usize,
        gross: i64,
        coins: i64,
        flow: Flow,
    ) {
        let w = &mut self.world;
        let tax = &self.params.income.tax;
        let in_coins = (coins as f64 * self.params.coin.value_cents).round() as i64;
        let euros = (gross - in_coins).max(0);
        let hacc = w.household_account(HouseholdId(h as u32));
        self.books.pay_in(Currency::Coin, acc, hacc, coins, flow);
        self.books.pay(acc, hacc, euros, flow);
        w.businesses.coins_paid[bi] += coins;
        let due = tax
            .on_month(euros + in_coins, true)
            .min(self.books.eur(hacc));
        self.books.pay(hacc, w.sys.national, due, Flow::IncomeTax);
        let hh = &mut w.households;
        hh.tax_cents[h] += due.max(0);
        hh.earnings_cents[h] += euros + in_coins;
        hh.earnings_tax_cents[h] += due.max(0);
        hh.income_cents[h] += (euros - due.max(0)).max(0);
    }

    /// Coins household `h` takes in earnings paid partly in coins (an owner's draw, an
    /// employee's wage): what it could spend in coins in a month (the coins' share of its
    /// local purchases, out of last month's income), less the coins it holds; a household
    /// does not take coins it could not spend.
    fn household_coin_room(&self, ni: usize, h: usize) -> i64 {
        let nb = &self.params.nbs[ni];
        let w = &self.world;
        let monthly = self.params.behaviour.consumption_alpha1
            * w.households.income_prev_cents[h].max(0) as f64
            * nb.local_share
            * nb.coin.shop_share;
        let held = self
            .books
            .ledger
            .balance(Currency::Coin, w.household_account(HouseholdId(h as u32)));
        ((monthly / self.params.coin.value_cents).floor() as i64 - held).max(0)
    }

    /// Whether business `bi` passes the coins it receives on (to suppliers and its
    /// owner) rather than redeeming them: its own cost of doing so is below the fee
    /// that redeeming costs; where it may not redeem, always (docs/ODD.md 7.14).
    pub(in crate::model) fn passes_coins_on(&self, bi: usize) -> bool {
        let c = &self.params.coin;
        let alternative = if c.redeem_businesses {
            c.fee_share
        } else {
            1.0
        };
        self.world.businesses.coin_pass_cost[bi] * c.pass_on_cost_max < alternative
    }
}
