//! The money phases of a tick: incomes, government spending, households, businesses,
//! benefits, associations, business dynamics and demography. Each visits agents in index
//! order and moves money only through [`super::Books::pay`].

use super::Model;
use super::ids::{AssociationId, BusinessId, HouseholdId};
use super::ledger::Currency;
use super::ledger::Purpose as Flow;
use super::rng::Purpose;
use super::world::{CONTRACTS, NONE, SECTORS, Status, cents, random_active};

/// Tax due on gross earnings, in cents.
#[inline]
fn tax_on(gross: i64, rate: f64) -> i64 {
    (gross as f64 * rate).round() as i64
}

/// Pays resident `r` gross earnings from `from`, withholds income tax for the nation, and
/// books both on the household's earnings and disposable income.
fn pay_earnings(
    books: &mut super::Books,
    w: &mut super::world::World,
    from: super::ledger::AccountId,
    r: usize,
    gross: i64,
    purpose: Flow,
    tax_rate: f64,
) {
    let h = w.residents.household[r];
    let acc = w.household_account(HouseholdId(h));
    books.pay(from, acc, gross, purpose);
    let tax = tax_on(gross, tax_rate);
    books.pay(acc, w.sys.national, tax, Flow::IncomeTax);
    w.households.earnings_cents[h as usize] += gross.max(0);
    w.households.income_cents[h as usize] += (gross - tax).max(0);
}

impl Model {
    /// National transfers, pensions and outside wages: the euros that enter from outside.
    pub(super) fn incomes(&mut self) {
        let s = &self.scenario;
        let w = &mut self.world;
        let books = &mut self.books;
        let tax_rate = if s.economy.taxes {
            s.municipality.income_tax_rate
        } else {
            0.0
        };
        w.households.earnings_cents.fill(0);
        w.households.income_cents.fill(0);
        w.households.coins_earned.fill(0);
        // Three fills over households, the agreement pass over residents, the fund per
        // neighbourhood; pensions and outside wages add their passes below.
        self.work +=
            3 * w.households.nb.len() as u64 + w.residents.nb.len() as u64 + w.nbs.len() as u64;

        // Agreement jobs (lever 8) are paid by the municipality.
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] != Status::AgreementJob {
                continue;
            }
            let gross = w.residents.wage_cents[r];
            pay_earnings(books, w, w.sys.municipality, r, gross, Flow::Wage, tax_rate);
            self.counters[w.residents.nb[r] as usize].agreement_wages_cents += gross;
        }

        if s.economy.national_transfers {
            let per_resident = cents(s.national.municipal_fund_eur_per_resident_month);
            for (ni, nb) in w.nbs.iter().enumerate() {
                let amount = per_resident * (nb.residents.end - nb.residents.start) as i64;
                books.pay(
                    w.sys.national,
                    w.sys.municipality,
                    amount,
                    Flow::NationalTransfer,
                );
                self.counters[ni].national_transfer_cents += amount.max(0);
            }
        }
        if s.economy.pensions {
            self.work += (w.households.nb.len() + w.residents.nb.len()) as u64;
            let single = cents(s.national.aow_single_eur_per_month);
            let couple_each = cents(s.national.aow_couple_eur_per_month) / 2;
            for h in 0..w.households.nb.len() {
                let first = w.households.first[h] as usize;
                let size = w.households.size[h] as usize;
                let retired = w.residents.status[first..first + size]
                    .iter()
                    .filter(|&&st| st == Status::Retired)
                    .count() as i64;
                if retired == 0 {
                    continue;
                }
                let amount = if w.households.adults[h] <= 1 {
                    single
                } else {
                    couple_each * retired
                };
                books.pay(
                    w.sys.national,
                    w.household_account(HouseholdId(h as u32)),
                    amount,
                    Flow::Pension,
                );
                w.households.income_cents[h] += amount;
            }
        }
        if s.economy.outside_world {
            self.work += w.residents.nb.len() as u64;
            for r in 0..w.residents.nb.len() {
                if w.residents.status[r] != Status::EmployedOutside {
                    continue;
                }
                // Quota jobs at an outside contractor are paid from the contract money.
                let employer = if w.residents.contract[r] != u16::MAX {
                    w.sys.outside_contractors
                } else {
                    w.sys.outside_employers
                };
                let gross = w.residents.wage_cents[r];
                pay_earnings(books, w, employer, r, gross, Flow::WageOutside, tax_rate);
            }
        }
    }

    /// Municipal contracts (tendered when one ends) and subsidies to associations.
    pub(super) fn government_spending(&mut self) {
        let s = &self.scenario;
        let w = &mut self.world;
        let books = &mut self.books;
        if s.economy.procurement {
            let p = &s.municipality.procurement;
            let supplement = &s.levers.maintenance_supplement;
            let per_resident = [
                cents(p.maintenance_eur_per_resident_month),
                cents(p.care_eur_per_resident_month),
                if supplement.enabled {
                    cents(supplement.eur_per_resident_month)
                } else {
                    0
                },
            ];
            let sector_of = [2usize, 3usize, 2usize]; // maintenance, care, maintenance
            self.work += (w.nbs.len() * CONTRACTS) as u64;
            for ni in 0..w.nbs.len() {
                let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as i64;
                for c in 0..CONTRACTS {
                    if per_resident[c] == 0 {
                        continue;
                    }
                    let holder = w.nbs[ni].contract_holder[c];
                    if holder != NONE
                        && (!w.businesses.active[holder as usize]
                            || w.businesses.sector[holder as usize] as usize != sector_of[c])
                    {
                        w.nbs[ni].contract_left[c] = 0;
                    }
                    if w.nbs[ni].contract_left[c] == 0 {
                        w.nbs[ni].contract_ended[c] = w.nbs[ni].contract_jobs[c] > 0;
                        let mut rng = self.streams.open(
                            Purpose::Tender,
                            (ni * CONTRACTS + c) as u32,
                            self.tick,
                        );
                        let local =
                            !s.economy.outside_world || rng.chance(p.local_award_probability);
                        let winner = if local {
                            random_active(w.active_list(ni, sector_of[c]), &mut rng)
                        } else {
                            NONE
                        };
                        w.nbs[ni].contract_holder[c] = winner;
                        // Without an outside world a tender nobody won is held again next month.
                        w.nbs[ni].contract_left[c] = if winner == NONE && !s.economy.outside_world {
                            1
                        } else {
                            p.contract_months
                        };
                    }
                    w.nbs[ni].contract_left[c] -= 1;
                    let amount = per_resident[c] * residents;
                    let holder = w.nbs[ni].contract_holder[c];
                    if holder != NONE {
                        books.pay(
                            w.sys.municipality,
                            w.business_account(BusinessId(holder)),
                            amount,
                            Flow::Procurement,
                        );
                        w.businesses.revenue_cents[holder as usize] += amount.max(0);
                    } else if s.economy.outside_world {
                        books.pay(
                            w.sys.municipality,
                            w.sys.outside_contractors,
                            amount,
                            Flow::Procurement,
                        );
                        self.counters[ni].procurement_outside_cents += amount.max(0);
                    }
                }
            }
        }
        // Lever 11: the buy-local campaign is paid to an agency outside the city.
        if s.levers.buy_local.enabled {
            self.work += w.nbs.len() as u64;
            let per_resident = cents(s.levers.buy_local.cost_eur_per_resident_month);
            for (ni, nb) in w.nbs.iter().enumerate() {
                let amount = per_resident * (nb.residents.end - nb.residents.start) as i64;
                books.pay(
                    w.sys.municipality,
                    w.sys.campaign_agency,
                    amount,
                    Flow::Campaign,
                );
                self.counters[ni].campaign_cents += amount.max(0);
            }
        }
        // Lever 7: extra public money paid to residents for work, in coins. Residents
        // without a job (unemployed, retired, unable) are asked in turn, starting at a
        // place that moves every month, until the month's budget is spent.
        let pr = &s.levers.pay_residents;
        if pr.enabled && s.coins.enabled {
            let per_person = (pr.coins_per_hour * pr.hours_per_month).round() as i64;
            for ni in 0..w.nbs.len() {
                if !self.coin_nbs[ni] || per_person <= 0 {
                    continue;
                }
                let range = w.nbs[ni].residents.clone();
                let len = range.end - range.start;
                let mut budget = (pr.budget_eur_per_resident_month * len as f64 / s.coins.value_eur)
                    .round() as i64;
                let offset = (self.tick as u64 * 7919 % len.max(1) as u64) as u32;
                for k in 0..len {
                    if budget <= 0 {
                        break;
                    }
                    self.work += 1;
                    let r = (range.start + (offset + k) % len) as usize;
                    if matches!(
                        w.residents.status[r],
                        Status::Unemployed | Status::Retired | Status::Unable
                    ) {
                        let coins = per_person.min(budget);
                        w.households.coins_to_issue[w.residents.household[r] as usize] += coins;
                        budget -= coins;
                    }
                }
            }
        }
        if s.economy.associations {
            self.work += w.associations.nb.len() as u64;
            let subsidy = cents(s.municipality.subsidy_eur_per_association_month);
            for a in 0..w.associations.nb.len() {
                books.pay(
                    w.sys.municipality,
                    w.association_account(AssociationId(a as u32)),
                    subsidy,
                    Flow::Subsidy,
                );
            }
        }
    }

    /// Households pay rent and fees and consume; outside customers buy from businesses.
    pub(super) fn household_spending(&mut self) {
        let coin_propensity = self.coin_spend_propensity();
        let s = &self.scenario;
        let w = &mut self.world;
        let books = &mut self.books;
        let b = &s.behaviour;
        let outside = s.economy.outside_world;
        let switch_p = b.shop_switch_probability_per_month;
        for ni in 0..w.nbs.len() {
            let nbp = &s.neighbourhoods[ni];
            let rent = if s.economy.rent && outside {
                cents(nbp.residents.housing_rent_eur_per_household_month)
            } else {
                0
            };
            let local_tax = if s.economy.taxes {
                cents(s.municipality.local_tax_eur_per_household_month)
            } else {
                0
            };
            let fee = if s.economy.associations {
                cents(nbp.associations.fee_eur_per_month)
            } else {
                0
            };
            // Lever 11 (buy local) and lever 10 (joint promotion) raise the local share.
            let mut local_share = nbp.residents.spending_share_local;
            if s.levers.buy_local.enabled {
                local_share += s.levers.buy_local.local_share_increase;
            }
            if s.levers.business_cooperation.enabled {
                local_share += s.levers.business_cooperation.promotion_local_share_increase;
            }
            let local_share = if outside { local_share.min(1.0) } else { 1.0 };
            let shares: [f64; SECTORS] =
                std::array::from_fn(|i| w.nbs[ni].sectors[i].household_spending_share);
            let subsistence = cents(b.subsistence_eur_per_person_month);
            // Lever 8: adoption covenants send part of this neighbourhood's local spending
            // to the shops of the neighbourhood it adopts.
            let adoption = self.adoption[ni];
            // Per household: the committed payments, the coin purchase, and per sector a
            // shop and up to two payments.
            let households = w.nbs[ni].households.end - w.nbs[ni].households.start;
            self.work += 1 + households as u64 * (4 + 3 * SECTORS as u64);
            // The coin: purchase (Chiemgauer, Brixton), shops (lever 2), fees (lever 3).
            let coins_here = self.coin_nbs[ni];
            let coin_value = s.coins.value_eur * 100.0;
            let shop_coin_share = if coins_here && s.levers.shops_accept_coins.enabled {
                s.levers.shops_accept_coins.share_of_price
            } else {
                0.0
            };
            let fee_coin_share = if coins_here && s.levers.association_fees_in_coins.enabled {
                s.levers.association_fees_in_coins.share
            } else {
                0.0
            };
            let purchase = if coins_here && s.coins.purchase.enabled {
                Some(&s.coins.purchase)
            } else {
                None
            };
            for h in w.nbs[ni].households.clone() {
                let hi = h as usize;
                let acc = w.household_account(HouseholdId(h));
                let mut balance = books.eur(acc);
                let paid = rent.min(balance);
                books.pay(acc, w.sys.landlords, paid, Flow::HousingRent);
                balance -= paid.max(0);
                let paid = local_tax.min(balance);
                books.pay(acc, w.sys.municipality, paid, Flow::MunicipalTax);
                balance -= paid.max(0);
                let mut coins_spendable = if coins_here {
                    (books.ledger.balance(Currency::Coin, acc) as f64 * coin_propensity).floor()
                        as i64
                } else {
                    0
                };
                let a = w.households.association[hi];
                if a != NONE && fee > 0 {
                    let aacc = w.association_account(AssociationId(a));
                    let coins = coins_spendable
                        .min((fee as f64 * fee_coin_share / coin_value).floor() as i64);
                    books.pay_in(Currency::Coin, acc, aacc, coins, Flow::MembershipFee);
                    coins_spendable -= coins.max(0);
                    let euros = (fee - (coins.max(0) as f64 * coin_value).round() as i64).max(0);
                    let paid = euros.min(balance);
                    books.pay(acc, aacc, paid, Flow::MembershipFee);
                    balance -= paid.max(0);
                }
                // Rent, local taxes and fees are committed; alpha1 applies to what is left of
                // last month's disposable income.
                let committed = rent + local_tax + if a != NONE { fee } else { 0 };
                let free_income = (w.households.income_prev_cents[hi] - committed).max(0);
                let wish = b.consumption_alpha1 * free_income as f64
                    + b.consumption_alpha2 * balance as f64;
                let floor = (subsistence * w.households.size[hi] as i64) as f64;
                let budget = (wish.max(floor).round() as i64).min(balance);
                if budget <= 0 {
                    continue;
                }
                let mut rng = self.streams.open(Purpose::ShopChoice, h, self.tick);
                // Coins bought with euros (Chiemgauer, Brixton) come out of this month's
                // budget, so buying coins moves spending into the neighbourhood.
                let mut budget = budget;
                if let Some(pu) = purchase {
                    let euros = ((budget as f64 * local_share * pu.share_of_local_spending).round()
                        as i64)
                        .min(balance);
                    let coins = (euros as f64 / coin_value * (1.0 + pu.bonus_share)).floor() as i64;
                    if coins > 0 {
                        books.pay(acc, w.sys.coin_fund, euros, Flow::CoinPurchase);
                        books.pay_in(
                            Currency::Coin,
                            w.sys.coin_issuer,
                            acc,
                            coins,
                            Flow::CoinPurchase,
                        );
                        balance -= euros;
                        budget -= euros;
                        coins_spendable += coins;
                    }
                }
                let local = (budget as f64 * local_share).round() as i64;
                // Coins are a second budget, spent only at local shops and on top of the
                // euros, up to `share_of_price` of each price (lever 2).
                let coin_cap = if shop_coin_share >= 1.0 {
                    f64::INFINITY
                } else {
                    local as f64 * shop_coin_share / (1.0 - shop_coin_share)
                };
                let coin_total = if shop_coin_share > 0.0 {
                    (coins_spendable as f64 * coin_value).min(coin_cap)
                } else {
                    0.0
                };
                let mut euros_left = balance;
                let mut spent_local = 0;
                for (si, share) in shares.iter().enumerate() {
                    let amount = (local as f64 * share).round() as i64;
                    if amount <= 0 {
                        continue;
                    }
                    let slot = hi * SECTORS + si;
                    let mut shop = w.households.shop[slot];
                    // A slot may have closed and restarted in another sector.
                    if shop == NONE
                        || !w.businesses.active[shop as usize]
                        || w.businesses.sector[shop as usize] as usize != si
                        || rng.chance(switch_p)
                    {
                        shop = random_active(w.active_list(ni, si), &mut rng);
                        w.households.shop[slot] = shop;
                    }
                    if shop == NONE {
                        continue;
                    }
                    let amount = amount.min(budget - spent_local);
                    let mut parts = [(shop, amount), (NONE, 0)];
                    if let Some((weak, share)) = adoption {
                        let adopted = random_active(w.active_list(weak, si), &mut rng);
                        if adopted != NONE {
                            let moved = (amount as f64 * share).round() as i64;
                            parts = [(shop, amount - moved), (adopted, moved)];
                        }
                    }
                    for (to, value) in parts {
                        if to == NONE || value <= 0 {
                            continue;
                        }
                        let bacc = w.business_account(BusinessId(to));
                        let euros = value.min(euros_left);
                        books.pay(acc, bacc, euros, Flow::Consumption);
                        euros_left -= euros.max(0);
                        spent_local += euros.max(0);
                        let coins = if local > 0 {
                            ((coin_total * value as f64 / local as f64 / coin_value).floor() as i64)
                                .min(coins_spendable)
                                .max(0)
                        } else {
                            0
                        };
                        books.pay_in(Currency::Coin, acc, bacc, coins, Flow::Consumption);
                        coins_spendable -= coins;
                        w.businesses.revenue_cents[to as usize] +=
                            euros.max(0) + (coins as f64 * coin_value).round() as i64;
                    }
                }
                if outside {
                    let rest = (budget - spent_local).min(euros_left);
                    books.pay(acc, w.sys.outside_shops, rest, Flow::Consumption);
                }
            }
        }
        if outside {
            self.work += w.businesses.nb.len() as u64;
            for bi in 0..w.businesses.nb.len() {
                if !w.businesses.active[bi] {
                    continue;
                }
                let ni = w.businesses.nb[bi] as usize;
                let sp = &w.nbs[ni].sectors[w.businesses.sector[bi] as usize];
                let amount = cents(sp.outside_sales_eur_per_business_month);
                books.pay(
                    w.sys.outside_customers,
                    w.business_account(BusinessId(bi as u32)),
                    amount,
                    Flow::OutsideSales,
                );
                w.businesses.revenue_cents[bi] += amount.max(0);
            }
        }
    }

    /// Businesses pay wages, supplies and rent, and owners take the profit above a buffer.
    pub(super) fn business_accounts(&mut self) {
        let s = &self.scenario;
        let w = &mut self.world;
        let books = &mut self.books;
        let tax_rate = if s.economy.taxes {
            s.municipality.income_tax_rate
        } else {
            0.0
        };
        let outside = s.economy.outside_world;
        let coin_value = s.coins.value_eur * 100.0;
        // Three passes over businesses and one over residents; supplier tries below.
        self.work += 3 * w.businesses.nb.len() as u64 + w.residents.nb.len() as u64;
        // Pass 1: what share of its wage bill can each business pay?
        for bi in 0..w.businesses.nb.len() {
            let bill = w.businesses.wage_bill_cents[bi];
            let cash = books.eur(w.business_account(BusinessId(bi as u32)));
            w.businesses.pay_share[bi] = if bill <= cash || bill == 0 {
                1.0
            } else {
                cash as f64 / bill as f64
            };
        }
        // Pass 2: resident employees, in resident order.
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
            pay_earnings(books, w, employer, r, gross, Flow::Wage, tax_rate);
        }
        // Pass 3: commuters, supplies, rent, owner's draw.
        let buffer_months = s.behaviour.cash_buffer_months;
        let min_owner_income = cents(s.behaviour.owner_income_min_eur_per_month) as f64;
        for bi in 0..w.businesses.nb.len() {
            if !w.businesses.active[bi] {
                continue;
            }
            let b_id = BusinessId(bi as u32);
            let acc = w.business_account(b_id);
            let ni = w.businesses.nb[bi] as usize;
            let si = w.businesses.sector[bi] as usize;
            let sp = &w.nbs[ni].sectors[si];
            let mut short = w.businesses.pay_share[bi] < 1.0;
            let resident_bill: i64 = w.businesses.wage_bill_cents[bi]
                - w.businesses.staff_commuters[bi] as i64 * cents(sp.wage_eur_per_month);
            let commuter_bill = w.businesses.wage_bill_cents[bi] - resident_bill;
            let commuter_pay = (commuter_bill as f64 * w.businesses.pay_share[bi]).floor() as i64;
            let commuter_pay = commuter_pay.min(books.eur(acc));
            books.pay(acc, w.sys.commuters, commuter_pay, Flow::Wage);

            // Lever 10: joint purchasing lowers supply costs.
            let saving = if s.levers.business_cooperation.enabled {
                s.levers.business_cooperation.joint_purchasing_saving_share
            } else {
                0.0
            };
            let supplies = if s.economy.supplies {
                (w.businesses.revenue_cents[bi] as f64 * sp.supply_cost_share * (1.0 - saving))
                    .round() as i64
            } else {
                0
            };
            let rent = if s.economy.rent && outside {
                cents(sp.rent_eur_per_month)
            } else {
                0
            };
            let cash = books.eur(acc);
            if supplies + rent > cash {
                short = true;
            }
            let supplies_paid = supplies.min(cash);
            let outside_part = if outside {
                (supplies_paid as f64 * sp.supplies_share_outside).round() as i64
            } else {
                0
            };
            books.pay(acc, w.sys.outside_suppliers, outside_part, Flow::Supplies);
            let local_part = supplies_paid - outside_part.max(0);
            if local_part > 0 {
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
                if supplier != NONE {
                    w.businesses.revenue_cents[supplier as usize] += local_part;
                    let sacc = w.business_account(BusinessId(supplier));
                    // Part of local supplies may be paid in coins the business holds.
                    let coins = if self.coin_nbs[ni] {
                        let wanted = (local_part as f64
                            * s.coins.acceptance.business_supplies_share
                            / coin_value)
                            .floor() as i64;
                        wanted.min(books.ledger.balance(Currency::Coin, acc)).max(0)
                    } else {
                        0
                    };
                    books.pay_in(Currency::Coin, acc, sacc, coins, Flow::Supplies);
                    let euros = local_part - (coins as f64 * coin_value).round() as i64;
                    books.pay(acc, sacc, euros.clamp(0, books.eur(acc)), Flow::Supplies);
                } else if outside {
                    books.pay(acc, w.sys.outside_suppliers, local_part, Flow::Supplies);
                }
            }
            let rent_paid = rent.min(books.eur(acc));
            books.pay(acc, w.sys.landlords, rent_paid, Flow::BusinessRent);

            // Expected profit, the owner's expected income, is the other test of viability.
            let expected_profit = w.businesses.revenue_expected[bi]
                * (1.0
                    - if s.economy.supplies {
                        sp.supply_cost_share * (1.0 - saving)
                    } else {
                        0.0
                    })
                - w.businesses.wage_bill_cents[bi] as f64
                - rent as f64;
            w.businesses.months_trading[bi] = w.businesses.months_trading[bi].saturating_add(1);
            let unviable = w.businesses.months_trading[bi] as u32 > s.behaviour.start_grace_months
                && expected_profit < min_owner_income;
            w.businesses.arrears_months[bi] = if short || unviable {
                w.businesses.arrears_months[bi].saturating_add(1)
            } else {
                0
            };
            // The owner takes what exceeds the buffer of `buffer_months` of costs.
            let expected_supplies = if s.economy.supplies {
                w.businesses.revenue_expected[bi] * sp.supply_cost_share * (1.0 - saving)
            } else {
                0.0
            };
            let monthly_costs =
                w.businesses.wage_bill_cents[bi] as f64 + rent as f64 + expected_supplies;
            let buffer = (monthly_costs * buffer_months).round() as i64;
            let owner = w.businesses.owner[bi];
            let draw = books.eur(acc) - buffer;
            if owner != NONE && draw > 0 && !short {
                let h = w.residents.household[owner as usize];
                let hacc = w.household_account(HouseholdId(h));
                books.pay(acc, hacc, draw, Flow::ProfitDistribution);
                let tax = tax_on(draw, tax_rate);
                books.pay(hacc, w.sys.national, tax, Flow::IncomeTax);
                w.households.earnings_cents[h as usize] += draw;
                w.households.income_cents[h as usize] += draw - tax;
            }
        }
    }

    /// Social assistance (bijstand): norm minus countable income, after the asset test.
    pub(super) fn benefits(&mut self) {
        let s = &self.scenario;
        let w = &mut self.world;
        let books = &mut self.books;
        if !s.economy.benefits {
            w.households.on_benefit.fill(false);
            return;
        }
        let m = &s.municipality;
        let tax_rate = if s.economy.taxes {
            m.income_tax_rate
        } else {
            0.0
        };
        let (norm1, norm2) = (
            cents(m.bijstand_norm_single_eur_per_month),
            cents(m.bijstand_norm_couple_eur_per_month),
        );
        let (asset1, asset2) = (
            cents(m.asset_limit_single_eur),
            cents(m.asset_limit_couple_eur),
        );
        let cap = cents(m.earnings_disregard_cap_eur_per_month);
        let tied = &s.levers.benefits_tied_to_coins;
        let youth = &s.levers.youth_contract;
        let coin_value = s.coins.value_eur * 100.0;
        // Each household and its members, twice with the youth contract.
        self.work += (w.households.nb.len() + 2 * w.residents.nb.len()) as u64;
        for h in 0..w.households.nb.len() {
            let first = w.households.first[h] as usize;
            let size = w.households.size[h] as usize;
            let members = &w.residents.status[first..first + size];
            // Pensioner households live on AOW; households with no working-age adult are not
            // in the bijstand population.
            let working_age = members
                .iter()
                .filter(|&&st| !matches!(st, Status::Child | Status::Retired))
                .count();
            let couple = w.households.adults[h] >= 2;
            let acc = w.household_account(HouseholdId(h as u32));
            let assets = books.eur(acc);
            let (norm, limit) = if couple {
                (norm2, asset2)
            } else {
                (norm1, asset1)
            };
            let eligible = working_age > 0 && assets <= limit;
            let earnings_net =
                w.households.earnings_cents[h] - tax_on(w.households.earnings_cents[h], tax_rate);
            let mut benefit = 0;
            if eligible {
                let mut disregard = 0;
                if earnings_net > 0
                    && (w.households.disregard_used[h] as u32) < m.earnings_disregard_months
                {
                    disregard = ((earnings_net as f64 * m.earnings_disregard_share).round() as i64)
                        .min(cap);
                }
                let coin_income = if tied.enabled && tied.coins_count_as_income {
                    (w.households.coins_earned[h] as f64 * coin_value).round() as i64
                } else {
                    0
                };
                let countable = (w.households.income_cents[h] + coin_income - disregard).max(0);
                benefit = (norm - countable).max(0);
                if benefit > 0 && disregard > 0 {
                    w.households.disregard_used[h] =
                        w.households.disregard_used[h].saturating_add(1);
                }
                let ni = w.households.nb[h] as usize;
                // Lever 1: a bonus per coin earned, a sanction below the minimum.
                if benefit > 0 && tied.enabled && self.coin_nbs[ni] {
                    let earned = w.households.coins_earned[h] as f64;
                    if earned < tied.minimum_coins_per_month {
                        benefit -= (benefit as f64 * tied.sanction_share).round() as i64;
                        self.counters[ni].sanctions += 1;
                    }
                    benefit += (earned * tied.bonus_eur_per_coin * 100.0).round() as i64;
                }
                // Lever 9: the youth contract pays more for every young member in training.
                if benefit > 0 && youth.enabled {
                    let trainees = (first..first + size)
                        .filter(|&r| {
                            w.residents.status[r] == Status::Training
                                && w.residents.age[r] as u32 <= youth.max_age_years
                        })
                        .count() as i64;
                    benefit += trainees * cents(youth.bonus_eur_per_training_month);
                }
            }
            if benefit > 0 {
                books.pay(w.sys.municipality, acc, benefit, Flow::Benefit);
                w.households.income_cents[h] += benefit;
                w.households.on_benefit[h] = true;
            } else {
                w.households.on_benefit[h] = false;
                w.households.disregard_used[h] = 0;
            }
        }
    }

    /// Volunteering, membership changes and association spending.
    pub(super) fn associations(&mut self) {
        let s = &self.scenario;
        if !s.economy.associations {
            return;
        }
        let w = &mut self.world;
        let books = &mut self.books;
        let b = &s.behaviour;
        w.associations.volunteer_hours.fill(0.0);
        // Volunteering per resident, activity, membership per household, spending.
        self.work += (w.residents.nb.len()
            + w.households.nb.len()
            + w.nbs.len()
            + 3 * w.associations.nb.len()) as u64;
        let tied = &s.levers.benefits_tied_to_coins;
        for r in 0..w.residents.nb.len() {
            let st = w.residents.status[r];
            if st == Status::Child {
                continue;
            }
            let h = w.residents.household[r] as usize;
            let ni = w.residents.nb[r] as usize;
            let a = w.households.association[h];
            // Lever 1: adults of households on benefits take part (in public space or at an
            // association) to earn the coins their benefit depends on.
            let taking_part = tied.enabled && self.coin_nbs[ni] && w.households.on_benefit[h];
            if a == NONE && !taking_part {
                continue;
            }
            let mut p = match st {
                Status::Unemployed | Status::Retired => 2.0 * b.volunteer_probability_per_month,
                _ => b.volunteer_probability_per_month,
            };
            if taking_part {
                p = p.max(tied.participation_probability_per_month);
            }
            let mut rng = self
                .streams
                .open(Purpose::Associations, r as u32, self.tick);
            if rng.chance(p) {
                if self.coin_nbs[ni] {
                    let coins = (s.coins.issuance.per_volunteer_hour * b.volunteer_hours_per_month)
                        .round() as i64;
                    w.households.coins_to_issue[h] += coins;
                }
                if a != NONE {
                    w.associations.volunteer_hours[a as usize] += b.volunteer_hours_per_month;
                }
                self.counters[ni].volunteer_hours += b.volunteer_hours_per_month;
            }
        }
        for a in 0..w.associations.nb.len() {
            let ni = w.associations.nb[a] as usize;
            let demand = s.neighbourhoods[ni]
                .associations
                .volunteer_demand_hours_per_month;
            w.associations.activity[a] = if demand > 0.0 {
                (w.associations.volunteer_hours[a] / demand).min(1.0)
            } else {
                1.0
            };
        }
        // Membership: members leave when their association lacks volunteers; others join.
        for ni in 0..w.nbs.len() {
            let range = w.nbs[ni].associations.clone();
            let count = range.end - range.start;
            if count == 0 {
                continue;
            }
            for h in w.nbs[ni].households.clone() {
                let hi = h as usize;
                let mut rng = self.streams.open_membership(h, self.tick);
                let a = w.households.association[hi];
                if a != NONE {
                    let p = b.membership_leave_probability_per_month
                        * (1.0 - w.associations.activity[a as usize]);
                    if rng.chance(p) {
                        w.households.association[hi] = NONE;
                        w.associations.members[a as usize] -= 1;
                    }
                } else if rng.chance(b.membership_join_probability_per_month) {
                    let a = range.start + rng.below(count);
                    w.households.association[hi] = a;
                    w.associations.members[a as usize] += 1;
                }
            }
        }
        // Spending: everything above the opening reserve goes to activities.
        for a in 0..w.associations.nb.len() {
            let ni = w.associations.nb[a] as usize;
            let ap = &s.neighbourhoods[ni].associations;
            let acc = w.association_account(AssociationId(a as u32));
            let spend = books.eur(acc) - cents(ap.opening_cash_eur);
            if spend <= 0 {
                continue;
            }
            let local_share = if s.economy.outside_world {
                ap.spending_share_local
            } else {
                1.0
            };
            let local = (spend as f64 * local_share).round() as i64;
            let mut rng = self.streams.open_association_spending(a as u32, self.tick);
            let sector = if rng.chance(0.5) { 0 } else { 1 };
            let shop = random_active(w.active_list(ni, sector), &mut rng);
            let mut spent = 0;
            if shop != NONE {
                books.pay(
                    acc,
                    w.business_account(BusinessId(shop)),
                    local,
                    Flow::AssociationSpending,
                );
                w.businesses.revenue_cents[shop as usize] += local.max(0);
                spent = local.max(0);
            }
            if s.economy.outside_world {
                books.pay(
                    acc,
                    w.sys.outside_shops,
                    spend - spent,
                    Flow::AssociationSpending,
                );
            }
        }
    }

    /// Failures (too long in arrears), starts, and the update of expected revenue.
    pub(super) fn business_dynamics(&mut self) {
        let s = &self.scenario;
        let smoothing = s.behaviour.revenue_smoothing;
        self.work += self.world.businesses.nb.len() as u64;
        for bi in 0..self.world.businesses.nb.len() {
            let rev = self.world.businesses.revenue_cents[bi] as f64;
            let e = &mut self.world.businesses.revenue_expected[bi];
            *e = (1.0 - smoothing) * *e + smoothing * rev;
            self.world.businesses.revenue_cents[bi] = 0;
        }
        if !s.economy.business_dynamics {
            return;
        }
        // New owners come from the job seekers; without a labour market phase this month
        // nobody listed them, so list them here.
        if !s.economy.labour_market {
            self.work += self.world.residents.nb.len() as u64;
            for (ni, nb) in self.world.nbs.iter().enumerate() {
                let pool = &mut self.pools[ni];
                pool.clear();
                pool.extend(
                    nb.residents
                        .clone()
                        .filter(|&r| self.world.residents.status[r as usize] == Status::Unemployed),
                );
            }
        }
        let limit = s.behaviour.months_in_arrears_before_failure as u8;
        let mut closed = false;
        self.work += self.world.businesses.nb.len() as u64;
        for bi in 0..self.world.businesses.nb.len() {
            if self.world.businesses.active[bi] && self.world.businesses.arrears_months[bi] >= limit
            {
                let ni = self.world.businesses.nb[bi] as usize;
                self.close_business(bi as u32);
                self.counters[ni].failures += 1;
                closed = true;
            }
        }
        if closed {
            self.work += self.world.retain_active_lists();
            self.release_staff_of_closed();
        }
        for ni in 0..self.world.nbs.len() {
            let nbp = &self.scenario.neighbourhoods[ni];
            let residents =
                (self.world.nbs[ni].residents.end - self.world.nbs[ni].residents.start) as f64;
            let mut rng = self
                .streams
                .open(Purpose::BusinessStart, ni as u32, self.tick);
            let starts = rng.poisson_capped(
                nbp.businesses.starts_per_1000_residents_month * residents / 1000.0,
            );
            // The first free slot: slots only fill during this loop, so the search resumes
            // where it stopped (one pass over the slots, not one per start).
            let slots = self.world.nbs[ni].businesses.clone();
            let mut free = slots.start;
            let mut started = false;
            self.work += 1;
            for _ in 0..starts {
                while free < slots.end && self.world.businesses.active[free as usize] {
                    free += 1;
                    self.work += 1;
                }
                // Without a free slot or a job seeker every further start fails as well,
                // and the stream is not used after this loop: stop.
                if free == slots.end || self.pools[ni].is_empty() {
                    break;
                }
                self.work += 1 + SECTORS as u64;
                if self.start_business(ni, free, &mut rng) {
                    self.counters[ni].starts += 1;
                    started = true;
                }
            }
            if started {
                self.work += self.world.sort_active_lists(ni);
            }
        }
    }

    /// Releases the staff of businesses closed this tick: one pass over all residents, not
    /// one per closure, since employees may live in any neighbourhood.
    pub(super) fn release_staff_of_closed(&mut self) {
        let w = &mut self.world;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            let e = w.residents.employer[r];
            if e != NONE
                && w.residents.status[r] == Status::Employed
                && !w.businesses.active[e as usize]
            {
                w.residents.employer[r] = NONE;
                w.residents.wage_cents[r] = 0;
                if w.residents.status[r] == Status::Employed {
                    w.residents.status[r] = Status::Unemployed;
                }
            }
        }
    }

    /// Closes a business: the cash left goes to the owner; its staff are released by
    /// [`Self::release_staff_of_closed`] before the next wage payment, and the caller drops
    /// it from the active lists ([`super::world::World::retain_active_lists`]) before they
    /// are read again.
    pub(super) fn close_business(&mut self, b: u32) {
        let w = &mut self.world;
        let bi = b as usize;
        let acc = w.business_account(BusinessId(b));
        let cash = self.books.eur(acc);
        let owner = w.businesses.owner[bi];
        // An owner-less business's cash goes to its creditors: outside suppliers, or the
        // municipality in a closed economy.
        let to = if owner != NONE {
            w.household_account(HouseholdId(w.residents.household[owner as usize]))
        } else if self.scenario.economy.outside_world {
            w.sys.outside_suppliers
        } else {
            w.sys.municipality
        };
        self.books.pay(acc, to, cash, Flow::ClosureCash);
        // Coins left in the business go to its owner too (or back to the scheme).
        let coins = self.books.ledger.balance(Currency::Coin, acc);
        let coin_to = if owner != NONE { to } else { w.sys.coin_issuer };
        self.books
            .pay_in(Currency::Coin, acc, coin_to, coins, Flow::ClosureCash);
        w.deactivate_deferred(b);
        w.businesses.owner[bi] = NONE;
        w.businesses.staff_residents[bi] = 0;
        w.businesses.staff_commuters[bi] = 0;
        w.businesses.wage_bill_cents[bi] = 0;
        w.businesses.revenue_expected[bi] = 0.0;
        w.businesses.arrears_months[bi] = 0;
    }

    /// Starts a business in the free slot `slot` of neighbourhood `ni` with an unemployed
    /// resident as owner; false when no candidate is found. The caller sorts the
    /// neighbourhood's active lists ([`super::world::World::sort_active_lists`]) before
    /// they are read again.
    fn start_business(&mut self, ni: usize, slot: u32, rng: &mut super::rng::Stream) -> bool {
        let w = &mut self.world;
        // Sector by the shares of businesses.
        let u = rng.unit();
        let mut acc = 0.0;
        let mut sector = SECTORS - 1;
        for (si, sp) in w.nbs[ni].sectors.iter().enumerate() {
            acc += sp.share_of_businesses;
            if u < acc {
                sector = si;
                break;
            }
        }
        let req = w.nbs[ni].sectors[sector].skill_required as f32;
        // The owner comes from the neighbourhood's job seekers (the pool of this month's
        // labour market; drawn seekers who found a job since are skipped).
        let tries = self.scenario.behaviour.candidates_per_vacancy;
        let owner = super::labour::draw_candidate(
            &mut self.pools[ni],
            &w.residents.status,
            &w.residents.skill,
            req,
            tries,
            rng,
            &mut self.work,
        );
        if owner == NONE {
            return false;
        }
        let bi = slot as usize;
        w.businesses.sector[bi] = sector as u8;
        w.activate_deferred(slot);
        w.businesses.owner[bi] = owner;
        w.businesses.arrears_months[bi] = 0;
        w.businesses.months_trading[bi] = 0;
        w.businesses.revenue_expected[bi] =
            cents(w.nbs[ni].sectors[sector].revenue_per_worker_eur_per_month) as f64;
        w.residents.status[owner as usize] = Status::Employed;
        w.residents.employer[owner as usize] = slot;
        w.residents.wage_cents[owner as usize] = 0;
        let h = HouseholdId(w.residents.household[owner as usize]);
        let hacc = w.household_account(h);
        let capital =
            cents(self.scenario.behaviour.start_capital_eur).min(self.books.eur(hacc) / 2);
        self.books.pay(
            hacc,
            w.business_account(BusinessId(slot)),
            capital,
            Flow::StartCapital,
        );
        true
    }

    /// January: everyone ages a year; retirement; the oldest are replaced by newborns (by a
    /// young adult when they were the household's only adult).
    pub(super) fn demography(&mut self) {
        let b = &self.scenario.behaviour;
        let pension_age = b.pension_age_years.min(255) as u8;
        let life = b.life_expectancy_years.min(255) as u8;
        let mut closed = false;
        self.work += self.world.residents.nb.len() as u64;
        for r in 0..self.world.residents.nb.len() {
            let w = &mut self.world;
            w.residents.age[r] = w.residents.age[r].saturating_add(1);
            let age = w.residents.age[r];
            let st = w.residents.status[r];
            if age >= life {
                // A newborn takes this resident's place in the household, which keeps the
                // population and its age structure stationary; when the resident was the
                // household's only adult, a young adult moves in instead.
                let ni = w.residents.nb[r] as usize;
                let rp = &self.scenario.neighbourhoods[ni].residents;
                let mut rng = self.streams.open(Purpose::Demography, r as u32, self.tick);
                let h = w.residents.household[r] as usize;
                w.residents.skill[r] =
                    (rp.skill_mean + rp.skill_sd * rng.normal()).clamp(0.0, 1.0) as f32;
                w.residents.able[r] = rng.chance(rp.able_to_work_share);
                if w.households.adults[h] > 1 {
                    w.households.adults[h] -= 1;
                    w.residents.age[r] = 0;
                    w.residents.status[r] = Status::Child;
                } else {
                    w.residents.age[r] = 18;
                    w.residents.status[r] = if w.residents.able[r] {
                        Status::Unemployed
                    } else {
                        Status::Unable
                    };
                }
            } else if st == Status::Child && age >= 18 {
                w.residents.status[r] = if w.residents.able[r] {
                    Status::Unemployed
                } else {
                    Status::Unable
                };
                if w.residents.status[r] != Status::Child {
                    let h = w.residents.household[r] as usize;
                    w.households.adults[h] = w.households.adults[h].saturating_add(1);
                }
            } else if age >= pension_age && !matches!(st, Status::Retired | Status::Child) {
                closed |= self.leave_job(r as u32);
                self.world.residents.status[r] = Status::Retired;
            }
        }
        if closed {
            self.work += self.world.retain_active_lists();
            self.release_staff_of_closed();
        }
    }

    /// A resident leaves a job (retirement): employees free their post, an owner's
    /// business closes (returns true then).
    fn leave_job(&mut self, r: u32) -> bool {
        let mut closed = false;
        let ri = r as usize;
        let e = self.world.residents.employer[ri];
        // The employer may have closed earlier in this same pass (its owner retired); its
        // staff are released by `release_staff_of_closed` and hold no post to free.
        if self.world.residents.status[ri] == Status::Employed
            && e != NONE
            && self.world.businesses.active[e as usize]
        {
            if self.world.businesses.owner[e as usize] == r {
                let ni = self.world.businesses.nb[e as usize] as usize;
                self.close_business(e);
                self.counters[ni].closures += 1;
                closed = true;
            } else {
                let w = &mut self.world;
                w.businesses.staff_residents[e as usize] -= 1;
                w.businesses.wage_bill_cents[e as usize] -= w.residents.wage_cents[ri];
            }
        }
        let slot = self.world.residents.contract[ri];
        if slot != u16::MAX {
            let (ni, c) = (slot as usize / CONTRACTS, slot as usize % CONTRACTS);
            let jobs = &mut self.world.nbs[ni].contract_jobs[c];
            *jobs = jobs.saturating_sub(1);
            self.world.residents.contract[ri] = u16::MAX;
        }
        if self.world.residents.status[ri] == Status::AgreementJob {
            let k = self.world.residents.agreement[ri] as usize;
            self.agreement_filled[k] = self.agreement_filled[k].saturating_sub(1);
            self.world.residents.agreement[ri] = u16::MAX;
        }
        let w = &mut self.world;
        w.residents.employer[ri] = NONE;
        w.residents.wage_cents[ri] = 0;
        closed
    }
}
