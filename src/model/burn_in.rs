//! The burn-in: before the reported years, the scenario's economy runs `run.burn_in_years`
//! years with every lever and the coin scheme off, unreported, so that the reported years
//! start from the economy's own steady state instead of the built world (docs/ODD.md,
//! "Burn-in").
//!
//! A burn-in depends only on the scenario with its levers stripped
//! ([`Scenario::without_levers`]) and its seed, so one [`BurnIn`] serves every run that
//! shares them: [`BurnIn::run`] computes it, [`BurnIn::key`] names it (the SHA-256 of the
//! stripped scenario's canonical text, which holds the seed), and [`Model::after`] starts a
//! reported run from it. A run from a shared snapshot is bit for bit the run that burns in
//! on its own (`tests/burn_in.rs`).
//!
//! What depends on a lever or the coin scheme happens at the switch, in [`Model::after`],
//! exactly as it happened at the first month before there was a burn-in: the parameters
//! are resolved from the full scenario and the levers' `build`s edit them, the policies
//! are built, households in a coin neighbourhood get their opening coins, the demurrage
//! state starts, the indicators are built, and a contract whose terms a lever changes
//! (a quota, the supplement's value) is tendered anew in the first month, as every
//! contract was in the built world. Random streams are keyed by the absolute tick (the
//! burn-in's ticks are 0 to `12 B - 1`, the reported ones follow), so no stream is drawn
//! twice; the calendar (month of the year, the levers' schedules, demography's January)
//! runs on the reported clock, which a burn-in of whole years keeps in step.

use super::ledger::Ledger;
use super::params::{CONTRACTS, Params};
use super::rng::Streams;
use super::world::{self, World};
use super::{Model, policy, region};
use crate::scenario::{self, Scenario};

/// The state of an economy after its burn-in: what carries over into the reported run.
/// Cheap enough to clone for each run that shares it (the world's tables and the ledger's
/// balances).
#[derive(Clone, Debug)]
pub struct BurnIn {
    key: [u8; 32],
    ticks: u32,
    /// The stripped scenario's parameters (to tell which contracts a lever changes).
    params: Params,
    world: World,
    ledger: Ledger,
    /// The regional labour market's state (the pool's unemployed).
    region: region::Market,
    work: u64,
}

impl BurnIn {
    /// The identity of `s`'s burn-in: the SHA-256 of its stripped scenario's canonical text
    /// (every default stated, the seed and `burn_in_years` included). Equal keys, equal
    /// burn-ins.
    pub fn key(s: &Scenario) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let text = scenario::to_ron(&s.without_levers());
        Sha256::digest(text.as_bytes()).into()
    }

    /// Builds `s`'s world and runs its burn-in: `12 × run.burn_in_years` ticks of the
    /// stripped scenario, observing nothing. `progress` is told each finished tick and the
    /// burn-in's ticks in all.
    pub fn run(s: &Scenario, mut progress: impl FnMut(u32, u32)) -> BurnIn {
        let stripped = s.without_levers();
        let mut params = Params::resolve(&stripped);
        let policies = policy::build(&stripped, &mut params);
        debug_assert!(policies.is_empty(), "a stripped scenario has no lever");
        let streams = Streams::new(params.seed);
        let mut ledger = Ledger::new(stripped.neighbourhoods.len());
        let world = world::build(&stripped, &params, &streams, &mut ledger);
        let mut m = Model::assemble(stripped, params, policies, streams, ledger, world);
        let ticks = s.run.burn_in_years * 12;
        while m.tick < ticks {
            m.advance();
            m.end_tick();
            progress(m.tick, ticks);
        }
        BurnIn {
            key: BurnIn::key(s),
            ticks,
            params: m.params,
            world: m.world,
            ledger: m.books.ledger,
            region: m.region,
            work: m.work,
        }
    }

    /// Ticks the burn-in ran (12 per year).
    pub fn ticks(&self) -> u32 {
        self.ticks
    }

    /// Work units the burn-in's ticks did ([`Model::work_units`]).
    pub fn work_units(&self) -> u64 {
        self.work
    }

    /// The agents at the end of the burn-in.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The ledger at the end of the burn-in.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }
}

impl Model {
    /// Starts the reported run of `scenario` from its burn-in: the levers switch on (see
    /// the module documentation for everything that happens here). Panics if `burn_in` is
    /// not the burn-in of `scenario` (another stripped scenario or seed).
    pub fn after(burn_in: BurnIn, scenario: &Scenario) -> Model {
        assert!(
            burn_in.key == BurnIn::key(scenario),
            "Model::after: the burn-in is of another scenario or seed than `{}` (seed {})",
            scenario.name,
            scenario.run.seed
        );
        Model::switch_on(burn_in, scenario)
    }

    /// Starts the reported run of `scenario` from the burn-in of another scenario whose
    /// world has the same shape (the same neighbourhoods, residents, businesses and
    /// associations): whatever differs takes effect at month 1, as a policy change does.
    /// The workshop moves its non-lever sliders this way, from the steady state the room is
    /// looking at, instead of burning in again. An error names the first difference of
    /// shape.
    pub fn after_change(burn_in: BurnIn, scenario: &Scenario) -> Result<Model, String> {
        let w = &burn_in.world;
        let nbs = &scenario.neighbourhoods;
        if w.nbs.len() != nbs.len() {
            return Err(format!(
                "the burn-in has {} neighbourhoods, the scenario {}",
                w.nbs.len(),
                nbs.len()
            ));
        }
        for (nb, n) in w.nbs.iter().zip(nbs) {
            if (nb.residents.end - nb.residents.start) as u64 != n.residents.count as u64 {
                return Err(format!(
                    "neighbourhood `{}` has another number of residents than its burn-in",
                    n.name
                ));
            }
        }
        if burn_in.params.seed != scenario.run.seed {
            return Err("the burn-in has another seed".into());
        }
        Ok(Model::switch_on(burn_in, scenario))
    }

    /// The levers switch on at the first reported month (see the module documentation).
    fn switch_on(burn_in: BurnIn, scenario: &Scenario) -> Model {
        let scenario = scenario.clone();
        let mut params = Params::resolve(&scenario);
        let policies = policy::build(&scenario, &mut params);
        let BurnIn {
            ticks,
            params: before,
            mut world,
            mut ledger,
            region,
            ..
        } = burn_in;
        world::opening_coins(&world, &scenario, &params, &mut ledger);
        world.classify_households(&mut ledger);
        world::first_coin_acceptors(&mut world, &params);
        for c in 0..CONTRACTS {
            if params.contract(c) != before.contract(c) {
                for nb in &mut world.nbs {
                    nb.contract_left[c] = 0;
                }
            }
        }
        let streams = Streams::starting_at(params.seed, ticks);
        let mut m = Model::assemble(scenario, params, policies, streams, ledger, world);
        m.region = region;
        m
    }
}
