//! Phase 1, demography (each January but the built world's first, if switched on: from the
//! second year without a burn-in, from the first after one): everyone ages a year;
//! retirement; the oldest are replaced by newborns.

use crate::model::Model;
use crate::model::params::CONTRACTS;
use crate::model::rng::Purpose;
use crate::model::world::{NONE, Status};

impl Model {
    /// January: everyone ages a year; retirement; the oldest are replaced by newborns (by
    /// a young adult when they were the household's only adult).
    pub(in crate::model) fn demography(&mut self) {
        let pension_age = self.params.behaviour.pension_age;
        let life = self.params.behaviour.life_expectancy;
        let mut closed = false;
        self.work += self.world.residents.nb.len() as u64;
        for r in 0..self.world.residents.nb.len() {
            let w = &mut self.world;
            w.residents.age[r] = w.residents.age[r].saturating_add(1);
            let age = w.residents.age[r];
            let st = w.residents.status[r];
            if age >= life {
                // Whoever dies in a job frees it first (possible only when working age
                // starts at or above the pension age).
                closed |= self.leave_job(r as u32);
                self.replace_by_newborn(r);
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

    /// A newborn takes resident `r`'s place in the household, which keeps the population
    /// and its age structure stationary; when `r` was the household's only adult, a young
    /// adult moves in instead.
    fn replace_by_newborn(&mut self, r: usize) {
        let w = &mut self.world;
        let nb = &self.params.nbs[w.residents.nb[r] as usize];
        let mut rng = self.streams.open(Purpose::Demography, r as u32, self.tick);
        let h = w.residents.household[r] as usize;
        w.residents.skill[r] = (nb.skill_mean + nb.skill_sd * rng.normal()).clamp(0.0, 1.0) as f32;
        w.residents.skill_pending[r] = 0.0;
        w.residents.vesting_left[r] = 0;
        w.residents.able[r] = rng.chance(nb.able_to_work_share);
        w.residents.disability_covered[r] =
            rng.chance(self.params.national.disability_share_of_unable);
        w.time.reset(r);
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
        w.insurance.reset(r, w.residents.age[r]);
    }

    /// A resident leaves a job (retirement): employees free their post, an owner's business
    /// closes (returns true then); contracts and the levers free what the resident held.
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
        let w = &mut self.world;
        let slot = w.residents.contract[ri];
        if slot != u16::MAX {
            let (ni, c) = (slot as usize / CONTRACTS, slot as usize % CONTRACTS);
            let jobs = &mut w.nbs[ni].contract_jobs[c];
            *jobs = jobs.saturating_sub(1);
            w.residents.contract[ri] = u16::MAX;
        }
        for p in &mut self.policies {
            p.leave_job(w, ri);
        }
        w.residents.employer[ri] = NONE;
        w.residents.wage_cents[ri] = 0;
        w.residents.hours[ri] = 0.0;
        closed
    }
}
