//! The second half of `check_books`: the model keeps some counters in step by hand
//! (a business's resident staff and wage bill, a contract's quota jobs, an association's
//! members, a household's adults, and the levers' own). [`Model::check_counters`] recounts
//! each from the agents after every tick of a debug build and panics, naming the first
//! that is out of step, so that a phase that forgets to update one fails every test.

use super::Model;
use super::params::{CONTRACTS, Params};
use super::world::{NONE, Status, World};

impl Model {
    /// Recounts every redundant counter from the agents; panics with the seed and tick at
    /// the first that is out of step.
    pub fn check_counters(&self) {
        let found = recount(&self.world, &self.params).and_then(|()| {
            self.policies.iter().try_for_each(|p| {
                p.check(&self.world)
                    .map_err(|e| format!("{}: {e}", p.name()))
            })
        });
        if let Err(e) = found {
            panic!(
                "a counter is out of step: {e} (seed {}, tick {}); rerun with this seed to reproduce",
                self.params.seed, self.tick
            );
        }
    }
}

/// The counters of the agent tables, recounted.
pub fn recount(w: &World, p: &Params) -> Result<(), String> {
    let r = &w.residents;
    let b = &w.businesses;
    let mut staff = vec![0u32; b.nb.len()];
    let mut bill = vec![0i64; b.nb.len()];
    let mut contract_jobs = vec![0u32; w.nbs.len() * CONTRACTS];
    for i in 0..r.nb.len() {
        let e = r.employer[i];
        if e != NONE && r.status[i] == Status::Employed && b.owner[e as usize] != i as u32 {
            staff[e as usize] += 1;
            bill[e as usize] += r.wage_cents[i];
        }
        if r.contract[i] != u16::MAX {
            contract_jobs[r.contract[i] as usize] += 1;
        }
    }
    for bi in 0..b.nb.len() {
        if staff[bi] != b.staff_residents[bi] {
            return Err(format!(
                "business {bi} counts {} resident employees, the residents say {}",
                b.staff_residents[bi], staff[bi]
            ));
        }
        let wage = p
            .sector(b.nb[bi] as usize, b.sector[bi] as usize)
            .commuter_wage_cents;
        let expected = bill[bi] + b.staff_commuters[bi] as i64 * wage;
        if expected != b.wage_bill_cents[bi] {
            return Err(format!(
                "business {bi} has a wage bill of {} cents, its staff's wages sum to {expected}",
                b.wage_bill_cents[bi]
            ));
        }
    }
    for (ni, nb) in w.nbs.iter().enumerate() {
        for c in 0..CONTRACTS {
            if nb.contract_jobs[c] != contract_jobs[ni * CONTRACTS + c] {
                return Err(format!(
                    "contract {c} of neighbourhood {ni} counts {} quota jobs, the residents say {}",
                    nb.contract_jobs[c],
                    contract_jobs[ni * CONTRACTS + c]
                ));
            }
        }
    }
    households_and_members(w)
}

fn households_and_members(w: &World) -> Result<(), String> {
    let h = &w.households;
    let mut members = vec![0u32; w.associations.nb.len()];
    for hi in 0..h.nb.len() {
        if h.association[hi] != NONE {
            members[h.association[hi] as usize] += 1;
        }
        let first = h.first[hi] as usize;
        let adults = w.residents.status[first..first + h.size[hi] as usize]
            .iter()
            .filter(|&&s| s != Status::Child)
            .count();
        if adults != h.adults[hi] as usize {
            return Err(format!(
                "household {hi} counts {} adults, its members say {adults}",
                h.adults[hi]
            ));
        }
    }
    match (0..members.len()).find(|&a| members[a] != w.associations.members[a]) {
        Some(a) => Err(format!(
            "association {a} counts {} members, the households say {}",
            w.associations.members[a], members[a]
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicators::Discard;

    fn model_after(ticks: u32) -> Model {
        let mut m = Model::new(&crate::scenario::baseline());
        for _ in 0..ticks {
            m.step(&mut Discard);
        }
        m
    }

    #[test]
    fn the_baseline_keeps_every_counter_in_step() {
        let m = model_after(14);
        assert_eq!(recount(&m.world, &m.params), Ok(()));
    }

    /// Each counter, put out of step by one, is named by the recount.
    #[test]
    fn a_counter_a_phase_forgot_to_update_is_named() {
        let m = model_after(3);
        let b = (0..m.world.businesses.nb.len())
            .find(|&b| m.world.businesses.staff_residents[b] > 0)
            .expect("a business with resident staff");
        type Break = fn(&mut World, usize);
        let cases: [(&str, Break); 4] = [
            ("resident employees", |w, b| {
                w.businesses.staff_residents[b] += 1
            }),
            ("wage bill", |w, b| w.businesses.wage_bill_cents[b] += 1),
            ("members", |w, _| w.associations.members[0] += 1),
            ("adults", |w, _| w.households.adults[0] += 1),
        ];
        for (what, break_it) in cases {
            let mut w = m.world.clone();
            break_it(&mut w, b);
            let e = recount(&w, &m.params).expect_err(what);
            assert!(e.contains(what), "{what}: {e}");
        }
        let mut w = m.world.clone();
        w.nbs[0].contract_jobs[0] += 1;
        assert!(recount(&w, &m.params).unwrap_err().contains("quota jobs"));
    }
}
