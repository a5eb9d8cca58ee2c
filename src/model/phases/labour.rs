//! Phase 9, the labour market: separations, lay-offs and vacancies from businesses'
//! expected revenue, the month of the regional market ([`crate::model::region`]), matching
//! (referrals through the owner's personal network, then random search in the own or
//! another neighbourhood, then commuters from the region at its fill rate), the contracts'
//! resident quotas (levers 5 and 6), the levers' placements (lever 8), and hiring by
//! outside employers in the regional market. It moves no money.

use crate::model::params::{CONTRACTS, wage_for_hours};
use crate::model::region::weight;
use crate::model::rng::{Purpose, Stream};
use crate::model::time;
use crate::model::world::{NONE, Status};
use crate::model::{FAILED_SEARCHES_PER_RESIDENT_MAX, Model, STAFF_TARGET_MAX};

impl Model {
    /// The labour market phase, in the order of its steps.
    pub(in crate::model) fn labour_market(&mut self) {
        let w = &self.world;
        let (residents_n, businesses_n) =
            (w.residents.nb.len() as u64, w.businesses.nb.len() as u64);
        // Fixed passes: separations, staffing, pools; and per neighbourhood the contracts.
        self.work += 2 * residents_n + 2 * businesses_n + 3 * (w.nbs.len() * CONTRACTS) as u64;
        self.end_quota_jobs_of_ended_contracts();
        self.separations();
        self.staffing_targets();
        self.quota_conversions();
        self.resident_layoffs();
        self.list_job_seekers();
        self.note_job_seekers();
        self.plan_search();
        let sw = self.params.switches;
        if sw.outside_world {
            self.open_regional_month();
        } else {
            self.region.close_month();
        }
        self.fill_vacancies();
        if sw.procurement && sw.outside_world {
            for ni in 0..self.world.nbs.len() {
                for c in 0..CONTRACTS {
                    self.staff_outside_contract(ni, c);
                }
            }
        }
        self.hooks(|p, t| p.labour_market(t));
        if sw.outside_world {
            for ni in 0..self.world.nbs.len() {
                self.regional_hiring(ni);
            }
        }
        self.count_job_seekers_hired();
        self.time_month_end();
    }

    /// The job seekers as listed, kept to count their hires at the end of the phase.
    fn note_job_seekers(&mut self) {
        for ni in 0..self.pools.len() {
            self.seekers[ni].clone_from(&self.pools[ni]);
            self.counters[ni].job_seekers = self.pools[ni].len() as u32;
        }
        self.work += self.world.residents.nb.len() as u64;
    }

    /// Step 3a, search (docs/ODD.md 7.17): each job seeker's search hours from the time
    /// budget left after this month's volunteering and participation, and the effort that
    /// scales their chance of a job (weak ties included).
    fn plan_search(&mut self) {
        let t = self.params.time;
        let w = &mut self.world;
        for ni in 0..self.pools.len() {
            for &r in &self.pools[ni] {
                let r = r as usize;
                let committed = w.time.committed_hours(r);
                let hours = time::search_hours(&t, committed);
                w.time.search_hours[r] = hours as f32;
                w.time.effort[r] = time::effort(&t, committed, w.time.ties[r] as f64) as f32;
                self.counters[ni].search_hours += hours;
            }
        }
        self.work += self.world.residents.nb.len() as u64;
    }

    /// After the month's hiring: weak ties grow with a month of volunteering or
    /// participation and fade without, and such a month adds some skill.
    fn time_month_end(&mut self) {
        let gain = self.params.time.skill_gain_per_month;
        let w = &mut self.world;
        for r in 0..w.residents.nb.len() {
            let gave = w.time.committed_hours(r) > 0.0;
            w.time.ties[r] = time::ties_after_month(w.time.ties[r], gave);
            if gave && w.residents.status[r] != Status::Child {
                w.residents.skill[r] = (w.residents.skill[r] + gain).min(1.0);
            }
        }
        self.work += w.residents.nb.len() as u64;
    }

    /// Residents listed as job seekers this month who now hold a job (`residents_hired_count`
    /// and `job_finding_rate_per_month`).
    fn count_job_seekers_hired(&mut self) {
        let status = &self.world.residents.status;
        for ni in 0..self.seekers.len() {
            let hired = self.seekers[ni]
                .iter()
                .filter(|&&r| {
                    matches!(
                        status[r as usize],
                        Status::Employed | Status::EmployedOutside | Status::AgreementJob
                    )
                })
                .count();
            self.counters[ni].job_seekers_hired = hired as u32;
        }
        self.work += self.world.residents.nb.len() as u64;
    }

    /// 0. Quota jobs at an outside contractor end with its contract.
    fn end_quota_jobs_of_ended_contracts(&mut self) {
        let w = &mut self.world;
        if !w.nbs.iter().any(|n| n.contract_ended.iter().any(|&e| e)) {
            return;
        }
        self.work += w.residents.nb.len() as u64;
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
                w.residents.hours[r] = 0.0;
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

    /// 1. Separations: outside jobs end, employees quit.
    fn separations(&mut self) {
        let w = &mut self.world;
        let b = &self.params.behaviour;
        let outside_p = self.params.region.separation;
        let job_loss_share = self.params.region.job_loss_share;
        for r in 0..w.residents.nb.len() {
            let st = w.residents.status[r];
            let employee = st == Status::Employed && w.residents.wage_cents[r] > 0;
            if st != Status::EmployedOutside && !employee {
                continue;
            }
            let mut rng = self.streams.open(Purpose::Separation, r as u32, self.tick);
            if st == Status::EmployedOutside {
                if rng.chance(outside_p) {
                    // Not every separation is a job loss that earns unemployment insurance.
                    w.insurance.quit[r] = !rng.chance(job_loss_share);
                    w.residents.status[r] = Status::Unemployed;
                    w.residents.wage_cents[r] = 0;
                    w.residents.hours[r] = 0.0;
                    let slot = w.residents.contract[r];
                    if slot != u16::MAX {
                        let (ni, c) = (slot as usize / CONTRACTS, slot as usize % CONTRACTS);
                        w.nbs[ni].contract_jobs[c] = w.nbs[ni].contract_jobs[c].saturating_sub(1);
                        w.residents.contract[r] = u16::MAX;
                    }
                }
            } else if rng.chance(b.quit_probability) {
                let e = w.residents.employer[r] as usize;
                // A quit earns no unemployment insurance (docs/ODD.md 7.2, step 3b).
                w.insurance.quit[r] = true;
                w.businesses.staff_residents[e] -= 1;
                w.businesses.wage_bill_cents[e] -= w.residents.wage_cents[r];
                w.residents.status[r] = Status::Unemployed;
                w.residents.employer[r] = NONE;
                w.residents.wage_cents[r] = 0;
                w.residents.hours[r] = 0.0;
            }
        }
    }

    /// Step 2: staffing targets from expected revenue; lay-offs (residents and commuters
    /// alike, drawn without replacement from the staff) and vacancies.
    fn staffing_targets(&mut self) {
        let w = &mut self.world;
        let adjustment = self.params.behaviour.staff_adjustment;
        for bi in 0..w.businesses.nb.len() {
            w.businesses.layoffs[bi] = 0;
            w.businesses.vacancies[bi] = 0;
            w.businesses.resident_only[bi] = false;
            if !w.businesses.active[bi] {
                continue;
            }
            let sp = self.params.sector(
                w.businesses.nb[bi] as usize,
                w.businesses.sector[bi] as usize,
            );
            // A business aims at no more than STAFF_TARGET_MAX workers (docs/ODD.md).
            // Goods expected (sales over the price) over what a worker serves.
            let target = (w.businesses.revenue_expected[bi]
                / w.businesses.price[bi]
                / sp.revenue_per_worker_cents)
                .round()
                .max(1.0)
                .min(STAFF_TARGET_MAX as f64);
            let staff = w.businesses.staff_residents[bi] + w.businesses.staff_commuters[bi];
            let gap = target - (1 + staff) as f64;
            let step = (gap.abs() * adjustment).ceil() as u32;
            if gap > 0.0 && w.businesses.arrears_months[bi] == 0 {
                w.businesses.vacancies[bi] = step;
            } else if gap < 0.0 {
                let step = step.min(staff);
                let mut rng = self.streams.open_business_layoffs(bi as u32, self.tick);
                let commuters = layoff_commuters(
                    step,
                    w.businesses.staff_residents[bi],
                    w.businesses.staff_commuters[bi],
                    &mut rng,
                );
                w.businesses.staff_commuters[bi] -= commuters;
                w.businesses.wage_bill_cents[bi] -= commuters as i64 * sp.commuter_wage_cents;
                w.businesses.layoffs[bi] = step - commuters;
            }
        }
    }

    /// Levers 5 and 6: a local contract holder whose staff has too few residents replaces
    /// commuters by residents (commuters leave, the posts open for residents only).
    fn quota_conversions(&mut self) {
        let w = &mut self.world;
        for ni in 0..w.nbs.len() {
            for c in 0..CONTRACTS {
                let holder = w.nbs[ni].contract_holder[c];
                let quota = self.params.contract(c).resident_quota;
                if holder == NONE || quota <= 0.0 || !w.businesses.active[holder as usize] {
                    continue;
                }
                let hb = holder as usize;
                let staff = w.businesses.staff_residents[hb] + w.businesses.staff_commuters[hb];
                let required = (quota * staff as f64).ceil() as u32;
                let convert = required
                    .saturating_sub(w.businesses.staff_residents[hb])
                    .min(w.businesses.staff_commuters[hb]);
                let wage = self
                    .params
                    .sector(ni, w.businesses.sector[hb] as usize)
                    .commuter_wage_cents;
                w.businesses.staff_commuters[hb] -= convert;
                w.businesses.wage_bill_cents[hb] -= convert as i64 * wage;
                w.businesses.vacancies[hb] += convert;
                w.businesses.layoffs[hb] = w.businesses.layoffs[hb].saturating_sub(convert);
                w.businesses.resident_only[hb] = true;
            }
        }
    }

    /// Resident lay-offs by selection sampling: each employee of a shrinking business is
    /// laid off with probability (still to lay off) / (still to visit), which picks exactly
    /// the required number, uniformly, in one pass.
    fn resident_layoffs(&mut self) {
        let w = &mut self.world;
        if !w.businesses.layoffs.iter().any(|&n| n > 0) {
            return;
        }
        self.work += (w.residents.nb.len() + w.businesses.nb.len()) as u64;
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
            let mut rng = self.streams.open(Purpose::Layoff, r as u32, self.tick);
            let p = w.businesses.layoffs[ei] as f64 / left_to_visit[ei].max(1) as f64;
            left_to_visit[ei] = left_to_visit[ei].saturating_sub(1);
            if rng.chance(p) {
                w.businesses.layoffs[ei] -= 1;
                w.businesses.staff_residents[ei] -= 1;
                w.businesses.wage_bill_cents[ei] -= w.residents.wage_cents[r];
                w.residents.status[r] = Status::Unemployed;
                w.residents.employer[r] = NONE;
                w.residents.wage_cents[r] = 0;
                w.residents.hours[r] = 0.0;
            }
        }
    }

    /// 3. Job seekers per neighbourhood, in resident order.
    pub(in crate::model) fn list_job_seekers(&mut self) {
        let w = &self.world;
        for (ni, nb) in w.nbs.iter().enumerate() {
            let pool = &mut self.pools[ni];
            pool.clear();
            pool.extend(
                nb.residents
                    .clone()
                    .filter(|&r| w.residents.status[r as usize] == Status::Unemployed),
            );
        }
    }

    /// Step 4: businesses fill vacancies, in slot order. The businesses of the city search
    /// for at most `FAILED_SEARCHES_PER_RESIDENT_MAX` vacancies per resident that find
    /// nobody this month (docs/ODD.md); vacancies beyond are posted at once.
    fn fill_vacancies(&mut self) {
        let mut failed_searches_left =
            FAILED_SEARCHES_PER_RESIDENT_MAX as u64 * self.world.residents.nb.len() as u64;
        for bi in 0..self.world.businesses.nb.len() {
            if self.world.businesses.vacancies[bi] > 0 {
                self.fill_business_vacancies(bi, &mut failed_searches_left);
            }
        }
    }

    /// The vacancies of business `bi`, in the region's market (docs/ODD.md 7.9, step 5):
    /// a vacancy is filled this month with the region's fill rate q = M / V; the hire is the
    /// owner's referral if one is found, else a city job seeker with the city's
    /// proximity-weighted share of the applicants (if one is found who accepts), else a
    /// commuter. Without an outside world every vacancy searches the city. Once the city's
    /// searches are used up, each vacancy left is filled by a commuter with chance q, drawn
    /// at once. Under a quota the holder searches the city for every vacancy and takes no
    /// commuter.
    fn fill_business_vacancies(&mut self, bi: usize, failed_searches_left: &mut u64) {
        let outside = self.params.switches.outside_world;
        let w = &self.world;
        let ni = w.businesses.nb[bi] as usize;
        let sp = *self.params.sector(ni, w.businesses.sector[bi] as usize);
        let mut rng = self.streams.open(Purpose::Hiring, bi as u32, self.tick);
        let mut hours_rng = self.streams.open(Purpose::JobHours, bi as u32, self.tick);
        let full_time = self.params.behaviour.full_time_hours_per_month;
        let resident_only = w.businesses.resident_only[bi];
        let market = outside && !resident_only;
        let (fill_p, city_p) = if market {
            (
                self.region.month.fill_rate,
                self.region.month.city_applicant_share,
            )
        } else {
            (1.0, 1.0)
        };
        let rank = Ranking::employer(sp.skill_required, &self.params);
        let mut left = w.businesses.vacancies[bi];
        while left > 0 && *failed_searches_left > 0 {
            left -= 1;
            self.work += 1;
            if market && !rng.chance(fill_p) {
                continue;
            }
            let hours = sp.hours.draw(&mut hours_rng);
            let wage = wage_for_hours(sp.wage_cents, hours, full_time);
            let mut hire = self.referral(bi, rank, &mut rng);
            if hire == NONE && rng.chance(city_p) {
                hire = self.find_resident(ni, rank, resident_only, &mut rng);
                if hire == NONE {
                    *failed_searches_left -= 1;
                }
            }
            if hire != NONE && !self.accepts_offer(hire, wage, hours) {
                hire = self.back_to_pool(hire);
            }
            let w = &mut self.world;
            if hire != NONE {
                let h = hire as usize;
                w.residents.status[h] = Status::Employed;
                w.residents.employer[h] = bi as u32;
                w.residents.wage_cents[h] = wage;
                w.residents.hours[h] = hours;
                w.businesses.staff_residents[bi] += 1;
                w.businesses.wage_bill_cents[bi] += wage;
            } else if market {
                w.businesses.staff_commuters[bi] += 1;
                w.businesses.wage_bill_cents[bi] += sp.commuter_wage_cents;
            }
        }
        if left > 0 && market {
            let commuters = rng.binomial(left as u64, fill_p) as u32;
            let w = &mut self.world;
            w.businesses.staff_commuters[bi] += commuters;
            w.businesses.wage_bill_cents[bi] += commuters as i64 * sp.commuter_wage_cents;
        }
    }

    /// A job seeker who declined an offer stays a job seeker of their neighbourhood this
    /// month (back in its pool unless a referral found them there); returns [`NONE`].
    fn back_to_pool(&mut self, r: u32) -> u32 {
        let pool = &mut self.pools[self.world.residents.nb[r as usize] as usize];
        self.work += pool.len() as u64;
        if !pool.contains(&r) {
            pool.push(r);
        }
        NONE
    }

    /// A referral for a vacancy of business `bi`: with `behaviour.referral_probability`
    /// the owner asks their contacts, and the first unemployed one the employer's ranking
    /// accepts is the hire; else [`NONE`].
    fn referral(&mut self, bi: usize, rank: Ranking, rng: &mut Stream) -> u32 {
        let w = &self.world;
        let owner = w.businesses.owner[bi];
        if owner == NONE || !rng.chance(self.params.behaviour.referral_probability) {
            return NONE;
        }
        let k = w.residents.contacts_per;
        let contacts = &w.residents.contacts[owner as usize * k..(owner as usize + 1) * k];
        // A neighbourhood of one resident has no network: its contacts are NONE.
        let found = contacts.iter().position(|&c| {
            c != NONE
                && w.residents.status[c as usize] == Status::Unemployed
                && rank.accepts(w.residents.skill[c as usize], 1.0, rng)
        });
        self.work += found.map_or(k, |i| i + 1) as u64;
        found.map_or(NONE, |i| contacts[i])
    }

    /// One search among the city's job seekers for a vacancy of a business of
    /// neighbourhood `ni`: random job seekers of this or another neighbourhood.
    fn find_resident(
        &mut self,
        ni: usize,
        rank: Ranking,
        resident_only: bool,
        rng: &mut Stream,
    ) -> u32 {
        let b = &self.params.behaviour;
        let w = &self.world;
        let nb_count = w.nbs.len() as u32;
        let pool_nb = if nb_count > 1 && rng.chance(b.search_other_neighbourhood_probability) {
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
        draw_candidate(
            &mut self.pools[pool_nb as usize],
            &w.residents.status,
            &w.residents.skill,
            &w.time.effort,
            rank,
            tries,
            rng,
            &mut self.work,
        )
    }

    /// Levers 5 and 6: an outside firm that holds contract `c` of neighbourhood `ni` under
    /// a quota employs residents for that share of the contract's labour.
    fn staff_outside_contract(&mut self, ni: usize, c: usize) {
        let spec = *self.params.contract(c);
        let w = &self.world;
        if w.nbs[ni].contract_holder[c] != NONE || spec.resident_quota <= 0.0 {
            return;
        }
        let residents = (w.nbs[ni].residents.end - w.nbs[ni].residents.start) as f64;
        let sp = self.params.nbs[ni].sectors[spec.kind.sector().index()];
        let target = (spec.resident_quota * spec.eur_per_resident_month * residents
            / sp.revenue_per_worker_eur)
            .round() as u32;
        let tries = 4 * self.params.behaviour.candidates_per_vacancy;
        let slot = (ni * CONTRACTS + c) as u32;
        let mut rng = self.streams.open_contract_hiring(slot, self.tick);
        let mut hours_rng = self.streams.open_contract_job_hours(slot, self.tick);
        let full_time = self.params.behaviour.full_time_hours_per_month;
        let mut declined = std::mem::take(&mut self.scratch);
        declined.clear();
        // Each round hires a job seeker, sets one aside or ends the loop: bounded by the
        // pool.
        while self.world.nbs[ni].contract_jobs[c] < target {
            self.work += 1;
            let w = &self.world;
            let hire = draw_candidate(
                &mut self.pools[ni],
                &w.residents.status,
                &w.residents.skill,
                &w.time.effort,
                Ranking::employer(sp.skill_required, &self.params),
                tries,
                &mut rng,
                &mut self.work,
            );
            if hire == NONE {
                break;
            }
            let hours = sp.hours.draw(&mut hours_rng);
            let wage = wage_for_hours(sp.wage_cents, hours, full_time);
            if !self.accepts_offer(hire, wage, hours) {
                declined.push(hire);
                continue;
            }
            let (h, w) = (hire as usize, &mut self.world);
            w.residents.status[h] = Status::EmployedOutside;
            w.residents.wage_cents[h] = wage;
            w.residents.hours[h] = hours;
            w.residents.contract[h] = slot as u16;
            w.nbs[ni].contract_jobs[c] += 1;
        }
        self.pools[ni].extend_from_slice(&declined);
        self.scratch = declined;
    }

    /// Step 3b, the month of the regional market: the city's job seekers (all listed in step 3,
    /// all unemployed) and their ranking weights join the region's pool; the pool's
    /// stock-flow moves.
    fn open_regional_month(&mut self) {
        let r = &self.params.region;
        let skill = &self.world.residents.skill;
        let effort = &self.world.time.effort;
        let (mut seekers, mut weights) = (0u64, 0.0);
        for pool in &self.pools {
            seekers += pool.len() as u64;
            for &i in pool {
                let i = i as usize;
                // Employers meet a seeker in proportion to the seeker's search effort.
                weights +=
                    effort[i] as f64 * weight(skill[i] as f64, r.skill_required, r.ranking_scale);
            }
        }
        self.work += seekers + 1;
        let mut rng = self.streams.open_region_pool(self.tick);
        self.region
            .open_month(r, self.tick, seekers, weights, &mut rng);
    }

    /// Step 7: outside employers hire in the regional market; each job seeker of
    /// neighbourhood `ni` still unemployed is hired with the chance of the ranking weight of
    /// their skill, times the share of their search that goes beyond the own municipality
    /// (docs/ODD.md 7.9, step 3).
    fn regional_hiring(&mut self, ni: usize) {
        let month = self.region.month;
        let wage_full_time = self.params.national.outside_wage_cents;
        let full_time = self.params.behaviour.full_time_hours_per_month;
        self.work += self.pools[ni].len() as u64;
        for k in 0..self.pools[ni].len() {
            let (i, r) = (self.pools[ni][k] as usize, &self.params.region);
            let w = &self.world;
            if w.residents.status[i] != Status::Unemployed {
                continue;
            }
            let chance = (1.0 - r.own_municipality_share)
                * month.chance(
                    w.time.effort[i] as f64
                        * weight(
                            w.residents.skill[i] as f64,
                            r.skill_required,
                            r.ranking_scale,
                        ),
                );
            let mut rng = self.streams.open(Purpose::Region, i as u32, self.tick);
            if rng.chance(chance) {
                let mut hours_rng = self.streams.open_outside_job_hours(i as u32, self.tick);
                let hours = self.params.national.outside_hours.draw(&mut hours_rng);
                let wage = wage_for_hours(wage_full_time, hours, full_time);
                if self.accepts_offer(i as u32, wage, hours) {
                    let w = &mut self.world;
                    w.residents.status[i] = Status::EmployedOutside;
                    w.residents.wage_cents[i] = wage;
                    w.residents.hours[i] = hours;
                }
            }
        }
        // The pool keeps only those still looking, for business starts and internships
        // later in the tick.
        let status = &self.world.residents.status;
        self.pools[ni].retain(|&i| status[i as usize] == Status::Unemployed);
        self.work += self.pools[ni].len() as u64;
    }
}

/// How an employer judges an applicant's skill: with a `scale` above 0, accepted with the
/// logistic ranking weight of the regional market, one half at `required`
/// ([`crate::model::region::weight`], docs/ODD.md 7.9); with `scale` 0, a hard minimum (a
/// business founder's, 7.11).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ranking {
    /// Skill at which the weight is one half (the minimum when `scale` is 0).
    pub required: f32,
    /// Scale of the logistic weight; 0 for a hard minimum.
    pub scale: f32,
}

impl Ranking {
    /// An employer's ranking for a job asking `required` skill: the regional market's
    /// logistic scale (`region.ranking_skill_scale`).
    pub(crate) fn employer(required: f32, p: &crate::model::params::Params) -> Ranking {
        Ranking {
            required,
            scale: p.region.ranking_scale as f32,
        }
    }

    /// Whether an applicant of skill `skill` and search effort `effort` (met with chance
    /// `effort` when below 1) is accepted: one draw at most.
    pub(crate) fn accepts(&self, skill: f32, effort: f32, rng: &mut Stream) -> bool {
        let e = effort.min(1.0) as f64;
        if self.scale > 0.0 {
            rng.chance(e * weight(skill as f64, self.required as f64, self.scale as f64))
        } else {
            skill >= self.required && (e >= 1.0 || rng.chance(e))
        }
    }
}

/// Of `step` lay-offs from a staff of `residents` and `commuters`, how many are commuters:
/// drawn one by one without replacement (a hypergeometric draw), so that neither group is
/// laid off first.
fn layoff_commuters(step: u32, residents: u32, commuters: u32, rng: &mut Stream) -> u32 {
    let (mut r, mut c, mut out) = (residents, commuters, 0);
    for _ in 0..step {
        if c == 0 {
            break;
        }
        if r == 0 || rng.chance(c as f64 / (r + c) as f64) {
            c -= 1;
            out += 1;
        } else {
            r -= 1;
        }
    }
    out
}

/// Draws up to `tries` random job seekers from `pool`; returns the first still unemployed
/// whom the ranking `rank` accepts ([`Ranking::accepts`], with the seeker's search effort,
/// docs/ODD.md 7.17). Seekers found no longer unemployed are dropped from the pool. Adds
/// one work unit per draw to `work`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_candidate(
    pool: &mut Vec<u32>,
    status: &[crate::model::world::Status],
    skill: &[f32],
    effort: &[f32],
    rank: Ranking,
    tries: u32,
    rng: &mut Stream,
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
        if rank.accepts(skill[r as usize], effort[r as usize], rng) {
            pool.swap_remove(i);
            return r;
        }
    }
    NONE
}
