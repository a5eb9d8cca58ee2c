//! Phase 11, business dynamics: the update of expected revenue, failures (too long in
//! arrears) and starts by job seekers in free slots.

use crate::model::Model;
use crate::model::ids::{BusinessId, HouseholdId};
use crate::model::ledger::{Currency, Purpose as Flow};
use crate::model::params::SECTORS;
use crate::model::phases::{Ranking, draw_candidate, open_at_price_one};
use crate::model::rng::{Purpose, Stream};
use crate::model::world::{NONE, Status};

impl Model {
    /// Expected revenue, failures and starts.
    pub(in crate::model) fn business_dynamics(&mut self) {
        self.set_prices();
        let smoothing = self.params.behaviour.revenue_smoothing;
        let w = &mut self.world;
        self.work += w.businesses.nb.len() as u64;
        for bi in 0..w.businesses.nb.len() {
            let rev = w.businesses.revenue_cents[bi] as f64;
            let e = &mut w.businesses.revenue_expected[bi];
            *e = (1.0 - smoothing) * *e + smoothing * rev;
            w.businesses.revenue_cents[bi] = 0;
            w.businesses.discount_cents[bi] = 0;
        }
        if !self.params.switches.business_dynamics {
            return;
        }
        // New owners come from the job seekers; without a labour market phase this month
        // nobody listed them, so list them here.
        if !self.params.switches.labour_market {
            self.work += self.world.residents.nb.len() as u64;
            self.list_job_seekers();
        }
        self.failures();
        for ni in 0..self.world.nbs.len() {
            self.starts(ni);
        }
    }

    /// Businesses too long in arrears close (failures); of the others, an owned one stops
    /// with `owner_stop_probability` (docs/ODD.md 7.11).
    fn failures(&mut self) {
        let limit = self.params.behaviour.arrears_limit;
        let stop_p = self.params.behaviour.owner_stop_probability;
        let mut closed = false;
        self.work += self.world.businesses.nb.len() as u64;
        for bi in 0..self.world.businesses.nb.len() {
            if !self.world.businesses.active[bi] {
                continue;
            }
            let ni = self.world.businesses.nb[bi] as usize;
            if self.world.businesses.arrears_months[bi] >= limit {
                self.close_business(bi as u32);
                self.counters[ni].failures += 1;
                closed = true;
            } else if stop_p > 0.0
                && self.world.businesses.owner[bi] != NONE
                && self
                    .streams
                    .open_business_stop(bi as u32, self.tick)
                    .chance(stop_p)
            {
                self.close_business(bi as u32);
                self.counters[ni].stops += 1;
                closed = true;
            }
        }
        if closed {
            self.work += self.world.retain_active_lists();
            self.release_staff_of_closed();
        }
    }

    /// Starts in neighbourhood `ni`: a Poisson number, each in the first free slot with a
    /// job seeker as owner.
    fn starts(&mut self, ni: usize) {
        let residents =
            (self.world.nbs[ni].residents.end - self.world.nbs[ni].residents.start) as f64;
        let mut rng = self
            .streams
            .open(Purpose::BusinessStart, ni as u32, self.tick);
        let starts = rng.poisson_capped(self.params.nbs[ni].starts_per_1000 * residents / 1000.0);
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
            // Without a free slot or a job seeker every further start fails as well, and
            // the stream is not used after this loop: stop.
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

    /// Releases the staff of businesses closed this tick: one pass over all residents, not
    /// one per closure, since employees may live in any neighbourhood.
    pub(in crate::model) fn release_staff_of_closed(&mut self) {
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
                w.residents.hours[r] = 0.0;
                w.residents.status[r] = Status::Unemployed;
            }
        }
    }

    /// Closes a business: the cash left goes to the owner; its staff are released by
    /// [`Self::release_staff_of_closed`] before the next wage payment, and the caller drops
    /// it from the active lists ([`crate::model::world::World::retain_active_lists`])
    /// before they are read again.
    pub(in crate::model) fn close_business(&mut self, b: u32) {
        let w = &mut self.world;
        let bi = b as usize;
        let acc = w.business_account(BusinessId(b));
        let cash = self.books.eur(acc);
        let owner = w.businesses.owner[bi];
        // An owner-less business's cash goes to its creditors: outside suppliers, or the
        // municipality in a closed economy.
        let to = if owner != NONE {
            w.household_account(HouseholdId(w.residents.household[owner as usize]))
        } else if self.params.switches.outside_world {
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
    /// neighbourhood's active lists ([`crate::model::world::World::sort_active_lists`])
    /// before they are read again.
    fn start_business(&mut self, ni: usize, slot: u32, rng: &mut Stream) -> bool {
        let nb = &self.params.nbs[ni];
        // Sector by the shares of businesses.
        let u = rng.unit();
        let mut acc = 0.0;
        let mut sector = SECTORS - 1;
        for (si, sp) in nb.sectors.iter().enumerate() {
            acc += sp.share_of_businesses;
            if u < acc {
                sector = si;
                break;
            }
        }
        let sp = nb.sectors[sector];
        let w = &mut self.world;
        // The owner comes from the neighbourhood's job seekers (the pool of this month's
        // labour market; drawn seekers who found a job since are skipped).
        let owner = draw_candidate(
            &mut self.pools[ni],
            &w.residents.status,
            &w.residents.skill,
            &w.time.effort,
            Ranking {
                required: sp.skill_required,
                scale: 0.0,
            },
            self.params.behaviour.candidates_per_vacancy,
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
        w.businesses.revenue_expected[bi] = sp.revenue_per_worker_cents;
        open_at_price_one(w, &self.params, bi);
        // A new business takes coins where every one does; where businesses decide, it
        // decides at its first price review, with no coin customers yet.
        let coin = &self.params.nbs[ni].coin;
        w.businesses.accepts_coins[bi] =
            coin.runs && coin.shop_share > 0.0 && !self.params.coin.businesses_decide;
        w.businesses.coins_received_expected[bi] = 0.0;
        w.businesses.coin_user_sales_expected[bi] = 0.0;
        w.residents.status[owner as usize] = Status::Employed;
        w.residents.employer[owner as usize] = slot;
        w.residents.wage_cents[owner as usize] = 0;
        w.residents.hours[owner as usize] = 0.0;
        let hacc = w.household_account(HouseholdId(w.residents.household[owner as usize]));
        let capital = self
            .params
            .behaviour
            .start_capital_cents
            .min(self.books.eur(hacc) / 2);
        self.books.pay(
            hacc,
            w.business_account(BusinessId(slot)),
            capital,
            Flow::StartCapital,
        );
        true
    }
}
