//! Lever 10: business cooperation. Joint purchasing lowers supply costs, joint promotion
//! raises the local share of household spending, and internships at cooperating
//! businesses give job seekers a month's worth of a training's skill.

use super::{Policy, Tick};
use crate::model::params::{Params, SECTORS};
use crate::model::rng::Purpose;
use crate::model::world::Status;
use crate::scenario::Scenario;

struct Internships {
    per_100_businesses_month: f64,
    skill_gain: f32,
}

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.business_cooperation;
    if !l.enabled {
        return None;
    }
    for nb in &mut p.nbs {
        nb.local_share += l.promotion_local_share_increase;
        nb.supply_cost_factor = 1.0 - l.joint_purchasing_saving_share;
    }
    let b = &s.behaviour;
    (l.internships_per_100_businesses_month > 0.0).then(|| {
        Box::new(Internships {
            per_100_businesses_month: l.internships_per_100_businesses_month,
            skill_gain: (b.training_skill_gain / b.training_months.max(1) as f64) as f32,
        }) as Box<dyn Policy>
    })
}

impl Policy for Internships {
    fn name(&self) -> &'static str {
        "business_cooperation"
    }

    fn training(&mut self, t: &mut Tick) {
        let w = &mut *t.world;
        for ni in 0..w.nbs.len() {
            let active: usize = (0..SECTORS).map(|si| w.active_list(ni, si).len()).sum();
            let mut rng = t.streams.open(Purpose::Internship, ni as u32, t.tick);
            let interns = rng.poisson_capped(self.per_100_businesses_month * active as f64 / 100.0);
            *t.work += 1 + SECTORS as u64;
            for _ in 0..interns {
                let pool = &t.pools[ni];
                if pool.is_empty() {
                    break;
                }
                *t.work += 1;
                let r = pool[rng.below(pool.len() as u32) as usize] as usize;
                if w.residents.status[r] == Status::Unemployed {
                    w.residents.skill[r] = (w.residents.skill[r] + self.skill_gain).min(1.0);
                    t.counters[ni].internships += 1;
                }
            }
        }
    }
}
