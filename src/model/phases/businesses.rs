//! Phase 5, businesses: wages (a share of the bill when cash is short), supplies (partly
//! from local businesses, partly in coins), rent, the viability test, and the owner's
//! draw of what exceeds a cash buffer.

use super::{pay_earnings, pay_taxed};
use crate::model::Model;
use crate::model::ids::BusinessId;
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

    /// Pass 2: resident employees, in resident order.
    fn resident_wages(&mut self) {
        let w = &mut self.world;
        let tax = &self.params.income.tax;
        for r in 0..w.residents.nb.len() {
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
            pay_earnings(&mut self.books, w, employer, r, gross, Flow::Wage, tax);
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
            (w.businesses.revenue_cents[bi] as f64 * sp.supply_cost_share * factor).round() as i64
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
        let ni = w.businesses.nb[bi] as usize;
        let mut rng = self.streams.open(Purpose::Supplies, bi as u32, self.tick);
        let range = w.nbs[ni].businesses.clone();
        let len = range.end - range.start;
        let mut supplier = NONE;
        for _ in 0..8 {
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
        // Part of local supplies may be paid in coins the business holds.
        let coins = if coin.runs {
            let wanted = (local_part as f64 * coin.supplies_share / coin_value).floor() as i64;
            wanted
                .min(self.books.ledger.balance(Currency::Coin, acc))
                .max(0)
        } else {
            0
        };
        self.books
            .pay_in(Currency::Coin, acc, sacc, coins, Flow::Supplies);
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
        let expected_profit = w.businesses.revenue_expected[bi]
            * (1.0
                - if supplies {
                    sp.supply_cost_share * factor
                } else {
                    0.0
                })
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
        let expected_supplies = if supplies {
            w.businesses.revenue_expected[bi] * sp.supply_cost_share * factor
        } else {
            0.0
        };
        let monthly_costs =
            w.businesses.wage_bill_cents[bi] as f64 + rent as f64 + expected_supplies;
        let buffer = (monthly_costs * b.cash_buffer_months).round() as i64;
        let owner = w.businesses.owner[bi];
        let draw = self.books.eur(acc) - buffer;
        if owner != NONE && draw > 0 && !short {
            let h = w.residents.household[owner as usize] as usize;
            let tax = &self.params.income.tax;
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
        }
    }
}
