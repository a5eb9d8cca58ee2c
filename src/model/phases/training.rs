//! Phase 10, training: unemployed residents start one with a monthly probability (the
//! levers may raise it) while the neighbourhood's training places last; a trainee costs
//! the municipality a course fee each month, may drop out, and on completion gains a skill
//! drawn around `training_skill_gain` (never below 0); the unemployed lose skill while
//! they wait. The levers' hooks follow (lever 10's internships).

use crate::model::Model;
use crate::model::ledger::Purpose as Flow;
use crate::model::rng::Purpose;
use crate::model::world::Status;

impl Model {
    /// Training months, completions, dropouts and starts, skill loss, then the levers'
    /// hooks.
    pub(in crate::model) fn training(&mut self) {
        let w = &self.world;
        // A pass counting the trainees of each neighbourhood, then the phase's own pass.
        self.work += 2 * w.residents.nb.len() as u64;
        // The free places per neighbourhood, in a buffer kept by the model (no allocation
        // in the tick).
        let mut places_left = std::mem::take(&mut self.training_places);
        places_left.clear();
        places_left.extend(w.nbs.iter().map(|nb| {
            let residents = (nb.residents.end - nb.residents.start) as f64;
            (self.params.behaviour.training_places_per_1000 * residents / 1000.0).floor() as i64
        }));
        for r in 0..w.residents.nb.len() {
            if w.residents.status[r] == Status::Training {
                places_left[w.residents.nb[r] as usize] -= 1;
            }
        }
        for r in 0..self.world.residents.nb.len() {
            if self.world.residents.vesting_left[r] > 0 {
                self.vest(r);
            }
            match self.world.residents.status[r] {
                Status::Training => self.training_month(r),
                Status::Unemployed => self.maybe_start_training(r, &mut places_left),
                _ => {}
            }
        }
        self.training_places = places_left;
        self.hooks(|p, t| p.training(t));
    }

    /// A month of training of resident `r`: the course fee, then dropout or progress.
    fn training_month(&mut self, r: usize) {
        let b = &self.params.behaviour;
        let w = &mut self.world;
        let ni = w.residents.nb[r] as usize;
        self.books.pay(
            w.sys.municipality,
            w.sys.training_providers,
            b.training_cost_cents,
            Flow::TrainingCost,
        );
        self.counters[ni].training_cost_cents += b.training_cost_cents.max(0);
        let mut rng = self.streams.open(Purpose::Training, r as u32, self.tick);
        if rng.chance(b.training_dropout_probability) {
            w.residents.training_left[r] = 0;
            w.residents.status[r] = Status::Unemployed;
            return;
        }
        w.residents.training_left[r] = w.residents.training_left[r].saturating_sub(1);
        if w.residents.training_left[r] == 0 {
            let mean = b.training_skill_gain as f64;
            let gain = (mean + b.training_skill_gain_sd * rng.normal()).max(0.0) as f32;
            w.residents.skill_pending[r] += gain;
            w.residents.vesting_left[r] = b.training_gain_months;
            w.residents.status[r] = Status::Unemployed;
            self.counters[ni].trainings_completed += 1;
            self.vest(r);
        }
    }

    /// A month of a completed training's gain takes effect: an equal part of what is still
    /// to come (docs/ODD.md 7.10).
    fn vest(&mut self, r: usize) {
        let res = &mut self.world.residents;
        let step = res.skill_pending[r] / res.vesting_left[r] as f32;
        res.skill[r] = (res.skill[r] + step).min(1.0);
        res.skill_pending[r] -= step;
        res.vesting_left[r] -= 1;
    }

    /// An experiment's treatment: resident `r`, if unemployed, starts a training now, as if
    /// drawn in this month's training phase (the municipality pays its fees, it may drop
    /// out, its skill gain is drawn on completion), whatever the places left; returns
    /// whether it started. For evaluations inside the model, as the studies of docs/ODD.md
    /// ("Tests of size") run them: treat a random half of a group and compare.
    pub fn assign_training(&mut self, r: usize) -> bool {
        let w = &mut self.world;
        if w.residents.status.get(r) != Some(&Status::Unemployed) {
            return false;
        }
        w.residents.status[r] = Status::Training;
        w.residents.training_left[r] = self.params.behaviour.training_months;
        true
    }

    /// An unemployed resident loses some skill and may start a training, if a place is
    /// left in the neighbourhood.
    fn maybe_start_training(&mut self, r: usize, places_left: &mut [i64]) {
        let b = &self.params.behaviour;
        let w = &mut self.world;
        w.residents.skill[r] = (w.residents.skill[r] - b.skill_loss_per_month_unemployed).max(0.0);
        let age = w.residents.age[r];
        let p = self.policies.iter().fold(b.training_probability, |p, l| {
            l.training_probability(age, p)
        });
        let mut rng = self.streams.open(Purpose::Training, r as u32, self.tick);
        let ni = w.residents.nb[r] as usize;
        if rng.chance(p) && places_left[ni] > 0 {
            places_left[ni] -= 1;
            w.residents.status[r] = Status::Training;
            w.residents.training_left[r] = b.training_months;
        }
    }
}
