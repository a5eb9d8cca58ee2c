//! Phase 6, associations: volunteering (coins are earned for it where the coin runs),
//! activity, membership changes and the associations' spending.

use crate::model::Model;
use crate::model::ids::{AssociationId, BusinessId};
use crate::model::ledger::Purpose as Flow;
use crate::model::rng::Purpose;
use crate::model::world::{NONE, Status, random_active};
use crate::scenario::SectorKind;

impl Model {
    /// Volunteering, membership changes and association spending.
    pub(in crate::model) fn associations(&mut self) {
        if !self.params.switches.associations {
            return;
        }
        let w = &mut self.world;
        w.associations.volunteer_hours.fill(0.0);
        // Volunteering per resident, activity, membership per household, spending.
        self.work += (w.residents.nb.len()
            + w.households.nb.len()
            + w.nbs.len()
            + 3 * w.associations.nb.len()) as u64;
        self.volunteering();
        let w = &mut self.world;
        for a in 0..w.associations.nb.len() {
            let demand = self.params.nbs[w.associations.nb[a] as usize].volunteer_demand_hours;
            w.associations.activity[a] = if demand > 0.0 {
                (w.associations.volunteer_hours[a] / demand).min(1.0)
            } else {
                1.0
            };
        }
        self.membership();
        self.association_spending();
    }

    /// Adults volunteer at their household's association, or take part for a lever (1).
    fn volunteering(&mut self) {
        let w = &mut self.world;
        let b = &self.params.behaviour;
        for r in 0..w.residents.nb.len() {
            let st = w.residents.status[r];
            if st == Status::Child {
                continue;
            }
            let h = w.residents.household[r] as usize;
            let ni = w.residents.nb[r] as usize;
            let a = w.households.association[h];
            let on_benefit = w.households.on_benefit[h];
            let mut taking_part: Option<f64> = None;
            for p in &self.policies {
                if let Some(q) = p.participation(&self.params, ni, on_benefit) {
                    taking_part = Some(taking_part.map_or(q, |t| t.max(q)));
                }
            }
            if a == NONE && taking_part.is_none() {
                continue;
            }
            let mut p = match st {
                Status::Unemployed | Status::Retired => 2.0 * b.volunteer_probability,
                _ => b.volunteer_probability,
            };
            // A player's choice replaces the chance (docs/ODD.md 7.20); a member volunteers.
            match self.players.volunteer(h) {
                Some(true) if a != NONE => p = 1.0,
                Some(_) => p = 0.0,
                None => {}
            }
            if let Some(q) = taking_part {
                p = p.max(q);
            }
            let mut rng = self
                .streams
                .open(Purpose::Associations, r as u32, self.tick);
            if rng.chance(p) {
                if self.params.nbs[ni].coin.runs {
                    w.households.coins_to_issue[h] += self.params.coin.per_volunteer_month;
                }
                if a != NONE {
                    w.associations.volunteer_hours[a as usize] += b.volunteer_hours_per_month;
                }
                self.counters[ni].volunteer_hours += b.volunteer_hours_per_month;
                // The hours take the resident's time: required participation under lever 1,
                // otherwise volunteering (docs/ODD.md 7.17).
                let hours = b.volunteer_hours_per_month as f32;
                if taking_part.is_some() {
                    w.time.participation_hours[r] += hours;
                    self.counters[ni].participation_hours += b.volunteer_hours_per_month;
                } else {
                    w.time.volunteer_hours[r] += hours;
                }
            }
        }
    }

    /// Members leave when their association lacks volunteers; others join.
    fn membership(&mut self) {
        let w = &mut self.world;
        let b = &self.params.behaviour;
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
                    let p = b.membership_leave_probability
                        * (1.0 - w.associations.activity[a as usize]);
                    if rng.chance(p) {
                        w.households.association[hi] = NONE;
                        w.associations.members[a as usize] -= 1;
                    }
                } else if rng.chance(b.membership_join_probability) {
                    let a = range.start + rng.below(count);
                    w.households.association[hi] = a;
                    w.associations.members[a as usize] += 1;
                }
            }
        }
    }

    /// Everything above the opening reserve goes to activities, partly at a local shop.
    fn association_spending(&mut self) {
        let w = &mut self.world;
        let outside = self.params.switches.outside_world;
        for a in 0..w.associations.nb.len() {
            let nb = &self.params.nbs[w.associations.nb[a] as usize];
            let ni = w.associations.nb[a] as usize;
            let acc = w.association_account(AssociationId(a as u32));
            let spend = self.books.eur(acc) - nb.association_reserve_cents;
            if spend <= 0 {
                continue;
            }
            let local = (spend as f64 * nb.association_local_share).round() as i64;
            let mut rng = self.streams.open_association_spending(a as u32, self.tick);
            // Activities buy groceries or personal services, with equal chance.
            let sector = if rng.chance(0.5) {
                SectorKind::Groceries
            } else {
                SectorKind::PersonalServices
            }
            .index();
            let shop = random_active(w.active_list(ni, sector), &mut rng);
            let mut spent = 0;
            if shop != NONE {
                self.books.pay(
                    acc,
                    w.business_account(BusinessId(shop)),
                    local,
                    Flow::AssociationSpending,
                );
                w.businesses.revenue_cents[shop as usize] += local.max(0);
                spent = local.max(0);
            }
            if outside {
                self.books.pay(
                    acc,
                    w.sys.outside_shops,
                    spend - spent,
                    Flow::AssociationSpending,
                );
            }
        }
    }
}
