//! The labour market phase: separations, lay-offs and vacancies from businesses' expected
//! revenue, matching (referrals through the owner's personal network, then random search
//! in the own or another neighbourhood, then commuters), outside hiring, and training.

use super::Model;
use super::rng::Purpose;
use super::world::{NONE, Status, cents};

impl Model {
    pub(super) fn labour_market(&mut self) {
        let s = &self.scenario;
        let b = &s.behaviour;
        let outside = s.economy.outside_world;
        let tick = self.tick;
        let w = &mut self.world;

        // 1. Separations: outside jobs end, employees quit.
        for r in 0..w.residents.nb.len() {
            let st = w.residents.status[r];
            let employee = st == Status::Employed && w.residents.wage_cents[r] > 0;
            if st != Status::EmployedOutside && !employee {
                continue;
            }
            let mut rng = self.streams.open(Purpose::Separation, r as u32, tick);
            if st == Status::EmployedOutside {
                if rng.chance(s.outside.separation_probability_per_month) {
                    w.residents.status[r] = Status::Unemployed;
                    w.residents.wage_cents[r] = 0;
                }
            } else if rng.chance(b.quit_probability_per_month) {
                let e = w.residents.employer[r] as usize;
                w.businesses.staff_residents[e] -= 1;
                w.businesses.wage_bill_cents[e] -= w.residents.wage_cents[r];
                w.residents.status[r] = Status::Unemployed;
                w.residents.employer[r] = NONE;
                w.residents.wage_cents[r] = 0;
            }
        }

        // 2. Staffing targets from expected revenue; lay-offs (commuters first) and vacancies.
        for bi in 0..w.businesses.nb.len() {
            w.businesses.layoffs[bi] = 0;
            w.businesses.vacancies[bi] = 0;
            if !w.businesses.active[bi] {
                continue;
            }
            let sp = &w.nbs[w.businesses.nb[bi] as usize].sectors[w.businesses.sector[bi] as usize];
            let per_worker = cents(sp.revenue_per_worker_eur_per_month) as f64;
            let target = (w.businesses.revenue_expected[bi] / per_worker)
                .round()
                .max(1.0);
            let staff = w.businesses.staff_residents[bi] + w.businesses.staff_commuters[bi];
            let gap = target - (1 + staff) as f64;
            let step = (gap.abs() * b.staff_adjustment_per_month).ceil() as u32;
            if gap > 0.0 && w.businesses.arrears_months[bi] == 0 {
                w.businesses.vacancies[bi] = step;
            } else if gap < 0.0 {
                let step = step.min(staff);
                let commuters = step.min(w.businesses.staff_commuters[bi]);
                let wage = cents(sp.wage_eur_per_month);
                w.businesses.staff_commuters[bi] -= commuters;
                w.businesses.wage_bill_cents[bi] -= commuters as i64 * wage;
                w.businesses.layoffs[bi] = step - commuters;
            }
        }
        // Resident lay-offs by selection sampling: each employee of a shrinking business is
        // laid off with probability (still to lay off) / (still to visit), which picks
        // exactly the required number, uniformly, in one pass.
        if w.businesses.layoffs.iter().any(|&n| n > 0) {
            let left_to_visit = &mut self.scratch;
            left_to_visit.clear();
            left_to_visit.extend_from_slice(&w.businesses.staff_residents);
            for r in 0..w.residents.nb.len() {
                let e = w.residents.employer[r];
                if e == NONE
                    || w.residents.wage_cents[r] == 0
                    || w.businesses.layoffs[e as usize] == 0
                {
                    continue;
                }
                let ei = e as usize;
                let mut rng = self.streams.open(Purpose::Layoff, r as u32, tick);
                let p = w.businesses.layoffs[ei] as f64 / left_to_visit[ei].max(1) as f64;
                left_to_visit[ei] = left_to_visit[ei].saturating_sub(1);
                if rng.chance(p) {
                    w.businesses.layoffs[ei] -= 1;
                    w.businesses.staff_residents[ei] -= 1;
                    w.businesses.wage_bill_cents[ei] -= w.residents.wage_cents[r];
                    w.residents.status[r] = Status::Unemployed;
                    w.residents.employer[r] = NONE;
                    w.residents.wage_cents[r] = 0;
                }
            }
        }

        // 3. Job seekers per neighbourhood, in resident order.
        for (ni, nb) in w.nbs.iter().enumerate() {
            let pool = &mut self.pools[ni];
            pool.clear();
            pool.extend(
                nb.residents
                    .clone()
                    .filter(|&r| w.residents.status[r as usize] == Status::Unemployed),
            );
        }

        // 4. Businesses fill vacancies, in slot order.
        let nb_count = w.nbs.len() as u32;
        for bi in 0..w.businesses.nb.len() {
            let vacancies = w.businesses.vacancies[bi];
            if vacancies == 0 {
                continue;
            }
            let ni = w.businesses.nb[bi] as usize;
            let sp = &w.nbs[ni].sectors[w.businesses.sector[bi] as usize];
            let req = sp.skill_required as f32;
            let wage = cents(sp.wage_eur_per_month);
            let mut rng = self.streams.open(Purpose::Hiring, bi as u32, tick);
            for _ in 0..vacancies {
                let mut hire = NONE;
                let owner = w.businesses.owner[bi];
                if owner != NONE && rng.chance(b.referral_probability) {
                    let k = w.residents.contacts_per;
                    let contacts =
                        &w.residents.contacts[owner as usize * k..(owner as usize + 1) * k];
                    hire = contacts
                        .iter()
                        .copied()
                        .find(|&c| {
                            w.residents.status[c as usize] == Status::Unemployed
                                && w.residents.skill[c as usize] >= req
                        })
                        .unwrap_or(NONE);
                }
                if hire == NONE {
                    let pool_nb =
                        if nb_count > 1 && rng.chance(b.search_other_neighbourhood_probability) {
                            let other = rng.below(nb_count - 1);
                            if other >= ni as u32 { other + 1 } else { other }
                        } else {
                            ni as u32
                        };
                    hire = draw_candidate(
                        &mut self.pools[pool_nb as usize],
                        &w.residents.status,
                        &w.residents.skill,
                        req,
                        b.candidates_per_vacancy,
                        &mut rng,
                    );
                }
                if hire != NONE {
                    let h = hire as usize;
                    w.residents.status[h] = Status::Employed;
                    w.residents.employer[h] = bi as u32;
                    w.residents.wage_cents[h] = wage;
                    w.businesses.staff_residents[bi] += 1;
                    w.businesses.wage_bill_cents[bi] += wage;
                } else if outside && rng.chance(b.commuter_hire_probability) {
                    w.businesses.staff_commuters[bi] += 1;
                    w.businesses.wage_bill_cents[bi] += wage;
                }
            }
        }

        // 5. Outside employers hire residents.
        if outside {
            let wage = cents(s.outside.wage_eur_per_month);
            let req = s.outside.skill_required as f32;
            for ni in 0..w.nbs.len() {
                let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as f64;
                let mut rng = self.streams.open(Purpose::OutsideHiring, ni as u32, tick);
                let n =
                    rng.poisson(s.outside.vacancies_per_1000_residents_month * residents / 1000.0);
                for _ in 0..n {
                    let hire = draw_candidate(
                        &mut self.pools[ni],
                        &w.residents.status,
                        &w.residents.skill,
                        req,
                        b.candidates_per_vacancy,
                        &mut rng,
                    );
                    if hire != NONE {
                        w.residents.status[hire as usize] = Status::EmployedOutside;
                        w.residents.wage_cents[hire as usize] = wage;
                    }
                }
            }
        }

        // 6. Training, and skill loss while unemployed.
        if s.economy.training {
            for r in 0..w.residents.nb.len() {
                match w.residents.status[r] {
                    Status::Training => {
                        w.residents.training_left[r] =
                            w.residents.training_left[r].saturating_sub(1);
                        if w.residents.training_left[r] == 0 {
                            w.residents.skill[r] =
                                (w.residents.skill[r] + b.training_skill_gain as f32).min(1.0);
                            w.residents.status[r] = Status::Unemployed;
                        }
                    }
                    Status::Unemployed => {
                        w.residents.skill[r] = (w.residents.skill[r]
                            - b.skill_loss_per_month_unemployed as f32)
                            .max(0.0);
                        let mut rng = self.streams.open(Purpose::Training, r as u32, tick);
                        if rng.chance(b.training_probability_per_month) {
                            w.residents.status[r] = Status::Training;
                            w.residents.training_left[r] = b.training_months.min(255) as u8;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Draws up to `tries` random job seekers from `pool`; returns the first still unemployed
/// with at least `req` skill. Seekers found no longer unemployed are dropped from the pool.
fn draw_candidate(
    pool: &mut Vec<u32>,
    status: &[Status],
    skill: &[f32],
    req: f32,
    tries: u32,
    rng: &mut super::rng::Stream,
) -> u32 {
    for _ in 0..tries {
        if pool.is_empty() {
            return NONE;
        }
        let i = rng.below(pool.len() as u32) as usize;
        let r = pool[i];
        if status[r as usize] != Status::Unemployed {
            pool.swap_remove(i);
            continue;
        }
        if skill[r as usize] >= req {
            pool.swap_remove(i);
            return r;
        }
    }
    NONE
}
