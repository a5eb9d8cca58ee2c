//! The policy levers, one module per lever: each holds its effect on the parameters (in
//! its `build`), its hooks into the tick (a [`Policy`]), the state and counters only it
//! needs, and its unit tests.
//!
//! A lever's `build` reads its scenario section. When the lever is off it changes nothing
//! and returns `None`. When it is on it edits the resolved [`Params`] (a share, a
//! contract's value or quota, a neighbourhood's adoption) and returns a [`Policy`] if it
//! also acts during the tick. Levers that only transform parameters (2, 3, 5, 6, 11's
//! local share) return `None`: the phases apply the parameters as they apply the
//! baseline's. The baseline scenario therefore runs no policy code: [`build`] returns an
//! empty list and every hook point loops over nothing.
//!
//! [`REGISTRY`] lists the levers in the order their parameter changes and hooks apply;
//! the order matters where two levers change the same number (lever 11's and lever 10's
//! increases of the local share add in this order; lever 1's sanction scales the benefit
//! before lever 9's bonus is added) and is documented there.
//!
//! Adding a lever: a scenario section (`src/scenario/levers/`), a module here with a
//! `build`, and one line in [`REGISTRY`]; see ARCHITECTURE.md, "How to".

mod association_fees_in_coins;
mod benefits_tied_to_coins;
mod business_cooperation;
mod buy_local;
mod maintenance_supplement;
mod matching;
mod pay_residents;
mod procurement_quota;
mod residents_exchange;
mod shops_accept_coins;
mod youth_contract;

#[cfg(test)]
mod dummy;

use super::params::Params;
use super::rng::Streams;
use super::world::World;
use super::{Books, TickCounters};
use crate::scenario::Scenario;

/// What a hook may touch: the model's state during a tick, split into its parts so that a
/// hook borrows them while the model holds its policies.
pub struct Tick<'a> {
    /// The agents.
    pub world: &'a mut World,
    /// The ledger; the only way money moves.
    pub books: &'a mut Books,
    /// Random streams.
    pub streams: &'a Streams,
    /// The resolved parameters.
    pub params: &'a Params,
    /// This tick's counters per neighbourhood.
    pub counters: &'a mut [TickCounters],
    /// This month's job seekers per neighbourhood (filled by the labour market phase).
    pub pools: &'a mut [Vec<u32>],
    /// The tick (month index from 0).
    pub tick: u32,
    /// The work counter ([`super::Model::work_units`]).
    pub work: &'a mut u64,
}

/// A household's bijstand case, as the benefits phase has computed it so far.
pub struct BenefitCase<'a> {
    /// The agents (read-only).
    pub world: &'a World,
    /// The parameters.
    pub params: &'a Params,
    /// The household.
    pub household: usize,
    /// Its neighbourhood.
    pub nb: usize,
}

/// A lever's hooks into the tick. Every method has a default that does nothing, so a
/// lever implements only the points where it acts. Hooks run in [`REGISTRY`] order.
pub trait Policy: Send {
    /// The lever's section under `levers` in the scenario file.
    fn name(&self) -> &'static str;

    /// Start of the incomes phase.
    fn incomes(&mut self, _t: &mut Tick) {}

    /// Government spending, after the contracts and before the subsidies.
    fn government_spending(&mut self, _t: &mut Tick) {}

    /// Benefits: income this lever makes countable for the household, cents.
    fn countable_income(&self, _case: &BenefitCase) -> i64 {
        0
    }

    /// Benefits: the benefit of a household that gets one (called only while it is
    /// positive), after the norm, the disregard and the asset test.
    fn adjust_benefit(&self, _case: &BenefitCase, benefit: i64, _c: &mut TickCounters) -> i64 {
        benefit
    }

    /// Associations: the monthly probability with which an adult of a household takes
    /// part even if the household is in no association, or `None`.
    fn participation(&self, _params: &Params, _nb: usize, _on_benefit: bool) -> Option<f64> {
        None
    }

    /// Coin phase, after this month's coins are issued and before redemption.
    fn coin_trades(&mut self, _t: &mut Tick) {}

    /// Labour market, after local and quota hiring and before outside hiring.
    fn labour_market(&mut self, _t: &mut Tick) {}

    /// Training: the monthly probability that an unemployed resident of `age` starts a
    /// training, given the baseline's `p`.
    fn training_probability(&self, _age: u8, p: f64) -> f64 {
        p
    }

    /// End of the training phase.
    fn training(&mut self, _t: &mut Tick) {}

    /// A resident leaves a job for good (retirement); the lever frees what it held.
    fn leave_job(&mut self, _world: &mut World, _r: usize) {}

    /// Items besides residents whose per-tick work the cost bound must allow for
    /// (lever 8's agreements).
    fn bounded_items(&self) -> u64 {
        0
    }

    /// Recounts the lever's redundant counters from the agents (debug builds, after every
    /// tick): `Err` names the first that is out of step.
    fn check(&self, _world: &World) -> Result<(), String> {
        Ok(())
    }
}

/// A lever's constructor: reads the scenario, edits the parameters, and returns its hooks.
pub type Build = fn(&Scenario, &mut Params) -> Option<Box<dyn Policy>>;

/// Every lever, in the order in which their parameter changes and hooks apply:
///
/// 1. benefits tied to coins (its sanction scales the benefit before lever 9's bonus);
/// 2. and 3. shops and association fees accept coins (parameters only);
/// 4. residents exchange coins;
/// 5. procurement quota and 6. the maintenance supplement (contract parameters only);
/// 7. pay residents;
/// 8. matching between neighbourhoods;
/// 9. youth contract;
/// 11. buy local, before 10. business cooperation: both raise the local share, and the
///     increases add in this order.
pub const REGISTRY: &[Build] = &[
    benefits_tied_to_coins::build,
    shops_accept_coins::build,
    association_fees_in_coins::build,
    residents_exchange::build,
    procurement_quota::build,
    maintenance_supplement::build,
    pay_residents::build,
    matching::build,
    youth_contract::build,
    buy_local::build,
    business_cooperation::build,
    #[cfg(test)]
    dummy::build,
];

/// Applies every lever of the scenario to the resolved parameters and returns the hooks
/// of those that act during the tick, in [`REGISTRY`] order.
pub fn build(s: &Scenario, params: &mut Params) -> Vec<Box<dyn Policy>> {
    let policies = REGISTRY.iter().filter_map(|b| b(s, params)).collect();
    // The levers have raised the local shares; a share is a share.
    let outside = params.switches.outside_world;
    for nb in &mut params.nbs {
        nb.local_share = if outside {
            nb.local_share.min(1.0)
        } else {
            1.0
        };
    }
    policies
}
