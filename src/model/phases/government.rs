//! Phase 3, municipal spending: the contracts (tendered when one ends), the levers' hooks
//! (the buy-local campaign, coins paid to residents), and subsidies to associations.

use crate::model::Model;
use crate::model::ids::{AssociationId, BusinessId};
use crate::model::ledger::Purpose as Flow;
use crate::model::params::{CONTRACTS, ContractKind};
use crate::model::rng::Purpose;
use crate::model::world::{NONE, random_active};

impl Model {
    /// The levers' spending (lever 7 first sets what its coin-paid work displaces),
    /// contracts, subsidies.
    pub(in crate::model) fn government_spending(&mut self) {
        self.hooks(|p, t| p.government_spending(t));
        if self.params.switches.procurement {
            self.work += (self.world.nbs.len() * CONTRACTS) as u64;
            for ni in 0..self.world.nbs.len() {
                for c in 0..CONTRACTS {
                    if self.params.contract(c).per_resident_cents != 0 {
                        self.contract_month(ni, c);
                    }
                }
            }
        }
        if self.params.switches.associations {
            let w = &self.world;
            self.work += w.associations.nb.len() as u64;
            let subsidy = self.params.municipality.subsidy_cents;
            for a in 0..w.associations.nb.len() {
                self.books.pay(
                    w.sys.municipality,
                    w.association_account(AssociationId(a as u32)),
                    subsidy,
                    Flow::Subsidy,
                );
            }
        }
    }

    /// One month of contract `c` of neighbourhood `ni`: a new tender when it ended (or its
    /// holder closed or changed sector), then the month's payment to the holder.
    fn contract_month(&mut self, ni: usize, c: usize) {
        let spec = *self.params.contract(c);
        let sector = spec.kind.sector().index();
        let outside = self.params.switches.outside_world;
        let w = &mut self.world;
        let holder = w.nbs[ni].contract_holder[c];
        if holder != NONE
            && (!w.businesses.active[holder as usize]
                || w.businesses.sector[holder as usize] as usize != sector)
        {
            w.nbs[ni].contract_left[c] = 0;
        }
        if w.nbs[ni].contract_left[c] == 0 {
            w.nbs[ni].contract_ended[c] = w.nbs[ni].contract_jobs[c] > 0;
            let mut rng =
                self.streams
                    .open(Purpose::Tender, (ni * CONTRACTS + c) as u32, self.tick);
            let local = !outside || rng.chance(self.params.municipality.local_award_probability);
            let winner = if local {
                random_active(w.active_list(ni, sector), &mut rng)
            } else {
                NONE
            };
            w.nbs[ni].contract_holder[c] = winner;
            // Without an outside world a tender nobody won is held again next month.
            w.nbs[ni].contract_left[c] = if winner == NONE && !outside {
                1
            } else {
                self.params.municipality.contract_months
            };
        }
        w.nbs[ni].contract_left[c] -= 1;
        let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as i64;
        let mut amount = spec.per_resident_cents * residents;
        if spec.kind == ContractKind::Maintenance {
            // Lever 7: work paid in coins replaces some of the work bought in euros.
            amount -= w.nbs[ni].displaced_cents.clamp(0, amount.max(0));
        }
        let holder = w.nbs[ni].contract_holder[c];
        if holder != NONE {
            self.books.pay(
                w.sys.municipality,
                w.business_account(BusinessId(holder)),
                amount,
                Flow::Procurement,
            );
            w.businesses.revenue_cents[holder as usize] += amount.max(0);
        } else if outside {
            self.books.pay(
                w.sys.municipality,
                w.sys.outside_contractors,
                amount,
                Flow::Procurement,
            );
            self.counters[ni].procurement_outside_cents += amount.max(0);
        }
    }
}
