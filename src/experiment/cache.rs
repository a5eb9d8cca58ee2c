//! A small cache of burn-ins ([`BurnIn`]), shared by the runs of a comparison, a sweep or
//! the workshop: runs whose scenario with its levers stripped and seed are equal
//! ([`BurnIn::key`]) burn in once.
//!
//! Memory is bounded: the cache keeps at most `capacity` burn-ins, forgetting the one
//! asked for first when a new one comes (a forgotten burn-in is computed again if asked
//! for again). Results never depend on it: a burn-in is a deterministic function of its
//! key, so a run from a cached one is bit for bit the run that burns in on its own, whatever
//! the number of threads and the order in which runs ask (`tests/burn_in.rs`).

use crate::model::{BurnIn, Model};
use crate::scenario::Scenario;
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

/// One burn-in, computed by the first run that asks for it; runs asking meanwhile wait.
type Slot = Arc<OnceLock<Arc<BurnIn>>>;

/// The cache (see the module documentation).
pub struct BurnIns {
    capacity: usize,
    slots: Mutex<Slots>,
}

#[derive(Default)]
struct Slots {
    by_key: BTreeMap<[u8; 32], Slot>,
    /// Keys in the order they were first asked for (the oldest is forgotten first).
    order: VecDeque<[u8; 32]>,
    computed: u64,
}

impl BurnIns {
    /// A cache keeping at most `capacity` burn-ins (at least one).
    pub fn new(capacity: usize) -> BurnIns {
        BurnIns {
            capacity: capacity.max(1),
            slots: Mutex::new(Slots::default()),
        }
    }

    /// The cache for a pool of `threads` workers: two burn-ins per worker, so that the
    /// runs in flight and the ones just finished share theirs, and the memory held is of
    /// the order of that of the models running.
    pub fn for_threads(threads: usize) -> BurnIns {
        BurnIns::new(2 * threads.max(1))
    }

    /// The burn-in of `s`, from the cache or computed now.
    pub fn get(&self, s: &Scenario) -> Arc<BurnIn> {
        let key = BurnIn::key(s);
        let slot = {
            let mut slots = self.slots.lock().expect("burn-in cache lock");
            match slots.by_key.get(&key) {
                Some(slot) => Arc::clone(slot),
                None => {
                    let slot = Slot::default();
                    slots.by_key.insert(key, Arc::clone(&slot));
                    slots.order.push_back(key);
                    while slots.order.len() > self.capacity {
                        let old = slots.order.pop_front().expect("longer than capacity");
                        slots.by_key.remove(&old);
                    }
                    slot
                }
            }
        };
        let burn_in = slot.get_or_init(|| {
            let b = Arc::new(BurnIn::run(s, |_, _| {}));
            self.slots.lock().expect("burn-in cache lock").computed += 1;
            b
        });
        Arc::clone(burn_in)
    }

    /// The model of `s` at its first reported month, its burn-in from the cache.
    pub fn model(&self, s: &Scenario) -> Model {
        Model::after(BurnIn::clone(&self.get(s)), s)
    }

    /// Burn-ins computed so far (not taken from the cache).
    pub fn computed(&self) -> u64 {
        self.slots.lock().expect("burn-in cache lock").computed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn short(seed: u64, years: u32) -> Scenario {
        let mut s = crate::scenario::baseline();
        s.run.seed = seed;
        s.run.years = years;
        s.run.burn_in_years = 1;
        s.neighbourhoods[0].residents.count = 300;
        s
    }

    #[test]
    fn runs_that_differ_only_in_levers_or_years_share_a_burn_in() {
        let cache = BurnIns::new(4);
        let a = short(1, 1);
        let mut b = short(1, 3);
        b.levers.buy_local.enabled = true;
        b.name = "other".into();
        cache.get(&a);
        cache.get(&b);
        assert_eq!(cache.computed(), 1);
        cache.get(&short(2, 1));
        assert_eq!(cache.computed(), 2, "another seed burns in anew");
        let mut c = short(1, 1);
        c.behaviour.quit_probability_per_month *= 2.0;
        cache.get(&c);
        assert_eq!(cache.computed(), 3, "another behaviour burns in anew");
    }

    #[test]
    fn the_cache_forgets_the_oldest_beyond_its_capacity() {
        let cache = BurnIns::new(2);
        for seed in [1, 2, 3] {
            cache.get(&short(seed, 1));
        }
        assert_eq!(cache.slots.lock().unwrap().by_key.len(), 2);
        cache.get(&short(3, 1));
        assert_eq!(cache.computed(), 3, "the newest is kept");
        cache.get(&short(1, 1));
        assert_eq!(cache.computed(), 4, "the oldest was forgotten");
    }
}
