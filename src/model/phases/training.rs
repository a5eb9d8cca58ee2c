//! Phase 10, training: unemployed residents start one with a monthly probability (the
//! levers may raise it) and gain skill when it ends; the unemployed lose skill while they
//! wait. The levers' hooks follow (lever 10's internships).

use crate::model::Model;
use crate::model::rng::Purpose;
use crate::model::world::Status;

impl Model {
    /// Training starts and ends, skill loss, then the levers' hooks.
    pub(in crate::model) fn training(&mut self) {
        let b = &self.params.behaviour;
        let w = &mut self.world;
        self.work += w.residents.nb.len() as u64;
        for r in 0..w.residents.nb.len() {
            match w.residents.status[r] {
                Status::Training => {
                    w.residents.training_left[r] = w.residents.training_left[r].saturating_sub(1);
                    if w.residents.training_left[r] == 0 {
                        w.residents.skill[r] =
                            (w.residents.skill[r] + b.training_skill_gain).min(1.0);
                        w.residents.status[r] = Status::Unemployed;
                    }
                }
                Status::Unemployed => {
                    w.residents.skill[r] =
                        (w.residents.skill[r] - b.skill_loss_per_month_unemployed).max(0.0);
                    let age = w.residents.age[r];
                    let p = self.policies.iter().fold(b.training_probability, |p, l| {
                        l.training_probability(age, p)
                    });
                    let mut rng = self.streams.open(Purpose::Training, r as u32, self.tick);
                    if rng.chance(p) {
                        w.residents.status[r] = Status::Training;
                        w.residents.training_left[r] = b.training_months;
                    }
                }
                _ => {}
            }
        }
        self.hooks(|p, t| p.training(t));
    }
}
