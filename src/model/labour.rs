//! The labour market phase: separations, lay-offs and vacancies from businesses' expected
//! revenue, matching (referrals through the owner's personal network, then random search
//! in the own or another neighbourhood, then commuters), outside hiring, and training.

use super::rng::Purpose;
use super::world::{CONTRACTS, NONE, SECTORS, Status, cents};
use super::{FAILED_SEARCHES_PER_RESIDENT_MAX, Model, STAFF_TARGET_MAX};

impl Model {
    pub(super) fn labour_market(&mut self) {
        let s = &self.scenario;
        let b = &s.behaviour;
        let outside = s.economy.outside_world;
        let tick = self.tick;
        let w = &mut self.world;
        let (residents_n, businesses_n) =
            (w.residents.nb.len() as u64, w.businesses.nb.len() as u64);
        // Fixed passes: separations, staffing, pools; and per neighbourhood the contracts.
        self.work += 2 * residents_n + 2 * businesses_n + 3 * (w.nbs.len() * CONTRACTS) as u64;

        // 0. Quota jobs at an outside contractor end with its contract.
        if w.nbs.iter().any(|n| n.contract_ended.iter().any(|&e| e)) {
            self.work += residents_n;
            for r in 0..w.residents.nb.len() {
                let slot = w.residents.contract[r];
                if slot == u16::MAX {
                    continue;
                }
                let (ni, c) = (slot as usize / CONTRACTS, slot as usize % CONTRACTS);
                if w.nbs[ni].contract_ended[c] {
                    w.residents.contract[r] = u16::MAX;
                    w.residents.status[r] = Status::Unemployed;
                    w.residents.wage_cents[r] = 0;
                }
            }
            for nb in &mut w.nbs {
                for c in 0..CONTRACTS {
                    if nb.contract_ended[c] {
                        nb.contract_jobs[c] = 0;
                        nb.contract_ended[c] = false;
                    }
                }
            }
        }

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
                    let slot = w.residents.contract[r];
                    if slot != u16::MAX {
                        let (ni, c) = (slot as usize / CONTRACTS, slot as usize % CONTRACTS);
                        w.nbs[ni].contract_jobs[c] = w.nbs[ni].contract_jobs[c].saturating_sub(1);
                        w.residents.contract[r] = u16::MAX;
                    }
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
            w.businesses.resident_only[bi] = false;
            if !w.businesses.active[bi] {
                continue;
            }
            let sp = &w.nbs[w.businesses.nb[bi] as usize].sectors[w.businesses.sector[bi] as usize];
            let per_worker = cents(sp.revenue_per_worker_eur_per_month) as f64;
            // A business aims at no more than STAFF_TARGET_MAX workers (docs/ODD.md).
            let target = (w.businesses.revenue_expected[bi] / per_worker)
                .round()
                .max(1.0)
                .min(STAFF_TARGET_MAX as f64);
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
        // Levers 5 and 6: a contract holder whose staff has too few residents replaces
        // commuters by residents (commuters leave, the posts open for residents only).
        let lv = &s.levers;
        for nb in &w.nbs {
            for (c, &holder) in nb.contract_holder.iter().enumerate() {
                let quota = match c {
                    0 | 1 if lv.procurement_quota.enabled => lv.procurement_quota.resident_share,
                    2 if lv.maintenance_supplement.enabled => {
                        lv.maintenance_supplement.resident_work_share
                    }
                    _ => 0.0,
                };
                if holder == NONE || quota <= 0.0 || !w.businesses.active[holder as usize] {
                    continue;
                }
                let hb = holder as usize;
                let staff = w.businesses.staff_residents[hb] + w.businesses.staff_commuters[hb];
                let required = (quota * staff as f64).ceil() as u32;
                let convert = required
                    .saturating_sub(w.businesses.staff_residents[hb])
                    .min(w.businesses.staff_commuters[hb]);
                let wage = cents(nb.sectors[w.businesses.sector[hb] as usize].wage_eur_per_month);
                w.businesses.staff_commuters[hb] -= convert;
                w.businesses.wage_bill_cents[hb] -= convert as i64 * wage;
                w.businesses.vacancies[hb] += convert;
                w.businesses.layoffs[hb] = w.businesses.layoffs[hb].saturating_sub(convert);
                w.businesses.resident_only[hb] = true;
            }
        }

        // Resident lay-offs by selection sampling: each employee of a shrinking business is
        // laid off with probability (still to lay off) / (still to visit), which picks
        // exactly the required number, uniformly, in one pass.
        if w.businesses.layoffs.iter().any(|&n| n > 0) {
            self.work += residents_n + businesses_n;
            let left_to_visit = &mut self.scratch;
            left_to_visit.clear();
            left_to_visit.extend_from_slice(&w.businesses.staff_residents);
            for r in 0..w.residents.nb.len() {
                let e = w.residents.employer[r];
                if e == NONE
                    || w.residents.status[r] != Status::Employed
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

        // 4. Businesses fill vacancies, in slot order. The businesses of the city search
        // for at most FAILED_SEARCHES_PER_RESIDENT_MAX vacancies per resident that find
        // nobody this month (docs/ODD.md); vacancies beyond are posted at once below.
        let mut failed_searches_left = FAILED_SEARCHES_PER_RESIDENT_MAX as u64 * residents_n;
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
            let resident_only = w.businesses.resident_only[bi];
            let mut left = vacancies;
            while left > 0 && failed_searches_left > 0 {
                left -= 1;
                self.work += 1;
                let mut hire = NONE;
                let owner = w.businesses.owner[bi];
                if owner != NONE && rng.chance(b.referral_probability) {
                    let k = w.residents.contacts_per;
                    let contacts =
                        &w.residents.contacts[owner as usize * k..(owner as usize + 1) * k];
                    let found = contacts.iter().position(|&c| {
                        w.residents.status[c as usize] == Status::Unemployed
                            && w.residents.skill[c as usize] >= req
                    });
                    self.work += found.map_or(k, |i| i + 1) as u64;
                    hire = found.map_or(NONE, |i| contacts[i]);
                }
                if hire == NONE {
                    let pool_nb =
                        if nb_count > 1 && rng.chance(b.search_other_neighbourhood_probability) {
                            let other = rng.below(nb_count - 1);
                            if other >= ni as u32 { other + 1 } else { other }
                        } else {
                            ni as u32
                        };
                    // Under a quota the holder searches harder and takes no commuter.
                    let tries = if resident_only {
                        4 * b.candidates_per_vacancy
                    } else {
                        b.candidates_per_vacancy
                    };
                    hire = draw_candidate(
                        &mut self.pools[pool_nb as usize],
                        &w.residents.status,
                        &w.residents.skill,
                        req,
                        tries,
                        &mut rng,
                        &mut self.work,
                    );
                }
                if hire != NONE {
                    let h = hire as usize;
                    w.residents.status[h] = Status::Employed;
                    w.residents.employer[h] = bi as u32;
                    w.residents.wage_cents[h] = wage;
                    w.businesses.staff_residents[bi] += 1;
                    w.businesses.wage_bill_cents[bi] += wage;
                } else {
                    failed_searches_left -= 1;
                    if outside && !resident_only && rng.chance(b.commuter_hire_probability) {
                        w.businesses.staff_commuters[bi] += 1;
                        w.businesses.wage_bill_cents[bi] += wage;
                    }
                }
            }
            // The vacancies left once the city's searches are used up: each is filled by a
            // commuter with the same probability, drawn at once; under a quota they stay
            // unfilled.
            if left > 0 && outside && !resident_only {
                let commuters = rng.binomial(left as u64, b.commuter_hire_probability) as u32;
                w.businesses.staff_commuters[bi] += commuters;
                w.businesses.wage_bill_cents[bi] += commuters as i64 * wage;
            }
        }

        // Levers 5 and 6: an outside firm that holds a contract under a quota employs
        // residents for that share of the contract's labour.
        let contract_value = |c: usize| match c {
            0 => {
                s.municipality
                    .procurement
                    .maintenance_eur_per_resident_month
            }
            1 => s.municipality.procurement.care_eur_per_resident_month,
            _ if lv.maintenance_supplement.enabled => {
                lv.maintenance_supplement.eur_per_resident_month
            }
            _ => 0.0,
        };
        for ni in 0..w.nbs.len() {
            if !s.economy.procurement || !outside {
                break;
            }
            let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as f64;
            for c in 0..CONTRACTS {
                let quota = match c {
                    0 | 1 if lv.procurement_quota.enabled => lv.procurement_quota.resident_share,
                    2 if lv.maintenance_supplement.enabled => {
                        lv.maintenance_supplement.resident_work_share
                    }
                    _ => 0.0,
                };
                if w.nbs[ni].contract_holder[c] != NONE || quota <= 0.0 {
                    continue;
                }
                let sp = &w.nbs[ni].sectors[if c == 1 { 3 } else { 2 }];
                let target = (quota * contract_value(c) * residents
                    / sp.revenue_per_worker_eur_per_month)
                    .round() as u32;
                let (req, wage) = (sp.skill_required as f32, cents(sp.wage_eur_per_month));
                let mut rng = self
                    .streams
                    .open_contract_hiring((ni * CONTRACTS + c) as u32, tick);
                // Each round hires a job seeker or ends the loop: bounded by the pool.
                while w.nbs[ni].contract_jobs[c] < target {
                    self.work += 1;
                    let hire = draw_candidate(
                        &mut self.pools[ni],
                        &w.residents.status,
                        &w.residents.skill,
                        req,
                        4 * b.candidates_per_vacancy,
                        &mut rng,
                        &mut self.work,
                    );
                    if hire == NONE {
                        break;
                    }
                    let h = hire as usize;
                    w.residents.status[h] = Status::EmployedOutside;
                    w.residents.wage_cents[h] = wage;
                    w.residents.contract[h] = (ni * CONTRACTS + c) as u16;
                    w.nbs[ni].contract_jobs[c] += 1;
                }
            }
        }

        // Lever 8: job-seeker agreements place residents of one neighbourhood in jobs in
        // another; the weekly meetings reach each job seeker with a monthly chance.
        let agreements = &s.levers.matching.agreements;
        self.work += agreements.len() as u64;
        // Agreements ending this month release their job holders, all in one pass.
        let ending = |k: usize| {
            k < agreements.len()
                && self.agreement_from[k] != usize::MAX
                && agreements[k].years * 12 == tick
        };
        if (0..agreements.len()).any(ending) {
            self.work += residents_n;
            for r in 0..w.residents.nb.len() {
                if w.residents.status[r] == Status::AgreementJob
                    && ending(w.residents.agreement[r] as usize)
                {
                    w.residents.status[r] = Status::Unemployed;
                    w.residents.agreement[r] = u16::MAX;
                    w.residents.wage_cents[r] = 0;
                }
            }
            for k in 0..agreements.len() {
                if ending(k) {
                    self.agreement_filled[k] = 0;
                }
            }
        }
        // Agreement k places the first job seekers of its `from` pool, in pool order, who
        // are still unemployed and whose meeting draw (the stream of the resident and the
        // month, the same for every agreement) is below its reach, until it holds
        // `job_seekers`. A tree of the smallest draw over each span of the pool finds them
        // in logarithmic time, so many agreements do not rescan the pool. Agreements are
        // taken grouped by `from` (their pools are disjoint, so the order across groups
        // does not matter) and the tree is built once per group.
        let mut tree_of = usize::MAX;
        for &k in &self.agreement_order {
            let ag = &agreements[k];
            let from = self.agreement_from[k];
            if tick >= ag.years * 12 || self.agreement_filled[k] >= ag.job_seekers {
                continue;
            }
            let pool = &self.pools[from];
            let tree = &mut self.agreement_tree;
            let size = pool.len().next_power_of_two();
            let height = (size.trailing_zeros() + 1) as u64;
            if tree_of != from {
                tree_of = from;
                tree.clear();
                tree.resize(2 * size, f64::INFINITY);
                for (i, &r) in pool.iter().enumerate() {
                    if w.residents.status[r as usize] == Status::Unemployed {
                        tree[size + i] = self.streams.open(Purpose::Agreement, r, tick).unit();
                    }
                }
                for i in (1..size).rev() {
                    tree[i] = tree[2 * i].min(tree[2 * i + 1]);
                }
                self.work += 2 * size as u64;
            }
            let wage = cents(ag.wage_eur_per_month);
            while self.agreement_filled[k] < ag.job_seekers {
                // The leftmost leaf below the reach, if any.
                if tree[1] >= ag.meeting_reach_per_month {
                    break;
                }
                let mut i = 1;
                while i < size {
                    i = if tree[2 * i] < ag.meeting_reach_per_month {
                        2 * i
                    } else {
                        2 * i + 1
                    };
                }
                let r = pool[i - size] as usize;
                w.residents.status[r] = Status::AgreementJob;
                w.residents.agreement[r] = k as u16;
                w.residents.wage_cents[r] = wage;
                self.agreement_filled[k] += 1;
                tree[i] = f64::INFINITY;
                while i > 1 {
                    i /= 2;
                    tree[i] = tree[2 * i].min(tree[2 * i + 1]);
                }
                self.work += 2 * height;
            }
            self.work += height;
        }

        // 5. Outside employers hire residents.
        if outside {
            let wage = cents(s.outside.wage_eur_per_month);
            let req = s.outside.skill_required as f32;
            for ni in 0..w.nbs.len() {
                let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as f64;
                let mut rng = self.streams.open(Purpose::OutsideHiring, ni as u32, tick);
                let n = rng.poisson_capped(
                    s.outside.vacancies_per_1000_residents_month * residents / 1000.0,
                );
                self.work += 1;
                for _ in 0..n {
                    // Nobody left to hire: the other vacancies stay open (the stream is
                    // not used after this loop).
                    if self.pools[ni].is_empty() {
                        break;
                    }
                    self.work += 1;
                    let hire = draw_candidate(
                        &mut self.pools[ni],
                        &w.residents.status,
                        &w.residents.skill,
                        req,
                        b.candidates_per_vacancy,
                        &mut rng,
                        &mut self.work,
                    );
                    if hire != NONE {
                        w.residents.status[hire as usize] = Status::EmployedOutside;
                        w.residents.wage_cents[hire as usize] = wage;
                    }
                }
            }
        }
    }

    /// Training: unemployed residents start one with a monthly probability and gain skill
    /// when it ends; the unemployed lose skill while they wait.
    pub(super) fn training(&mut self) {
        let s = &self.scenario;
        let b = &s.behaviour;
        let youth = &s.levers.youth_contract;
        let tick = self.tick;
        let w = &mut self.world;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            match w.residents.status[r] {
                Status::Training => {
                    w.residents.training_left[r] = w.residents.training_left[r].saturating_sub(1);
                    if w.residents.training_left[r] == 0 {
                        w.residents.skill[r] =
                            (w.residents.skill[r] + b.training_skill_gain as f32).min(1.0);
                        w.residents.status[r] = Status::Unemployed;
                    }
                }
                Status::Unemployed => {
                    w.residents.skill[r] =
                        (w.residents.skill[r] - b.skill_loss_per_month_unemployed as f32).max(0.0);
                    // Lever 9: the youth contract makes training the young's best option.
                    let p = if youth.enabled && w.residents.age[r] as u32 <= youth.max_age_years {
                        youth
                            .training_probability_per_month
                            .max(b.training_probability_per_month)
                    } else {
                        b.training_probability_per_month
                    };
                    let mut rng = self.streams.open(Purpose::Training, r as u32, tick);
                    if rng.chance(p) {
                        w.residents.status[r] = Status::Training;
                        w.residents.training_left[r] = b.training_months.min(255) as u8;
                    }
                }
                _ => {}
            }
        }
        // Lever 10: internships at cooperating businesses give job seekers a month's worth
        // of training's skill.
        let coop = &s.levers.business_cooperation;
        if coop.enabled && coop.internships_per_100_businesses_month > 0.0 {
            let gain = (b.training_skill_gain / b.training_months.max(1) as f64) as f32;
            for ni in 0..w.nbs.len() {
                let active: usize = (0..SECTORS).map(|si| w.active_list(ni, si).len()).sum();
                let mut rng = self.streams.open(Purpose::Internship, ni as u32, tick);
                let interns = rng.poisson_capped(
                    coop.internships_per_100_businesses_month * active as f64 / 100.0,
                );
                self.work += 1 + SECTORS as u64;
                for _ in 0..interns {
                    let pool = &self.pools[ni];
                    if pool.is_empty() {
                        break;
                    }
                    self.work += 1;
                    let r = pool[rng.below(pool.len() as u32) as usize] as usize;
                    if w.residents.status[r] == Status::Unemployed {
                        w.residents.skill[r] = (w.residents.skill[r] + gain).min(1.0);
                    }
                }
            }
        }
    }
}

/// Draws up to `tries` random job seekers from `pool`; returns the first still unemployed
/// with at least `req` skill. Seekers found no longer unemployed are dropped from the pool.
/// Adds one work unit per draw to `work`.
pub(super) fn draw_candidate(
    pool: &mut Vec<u32>,
    status: &[Status],
    skill: &[f32],
    req: f32,
    tries: u32,
    rng: &mut super::rng::Stream,
    work: &mut u64,
) -> u32 {
    for _ in 0..tries {
        if pool.is_empty() {
            return NONE;
        }
        *work += 1;
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
