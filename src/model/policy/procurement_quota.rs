//! Lever 5: holders of the maintenance and care contracts must employ residents for a
//! share of their staff. Contract parameters only: the labour market phase converts a
//! local holder's commuters and staffs an outside holder's share of the contract's labour
//! for every contract with a quota.

use super::Policy;
use crate::model::params::{ContractKind, Params};
use crate::scenario::Scenario;

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.procurement_quota;
    if l.enabled {
        for kind in [ContractKind::Maintenance, ContractKind::Care] {
            p.municipality.contracts[kind.index()].resident_quota = l.resident_share;
        }
    }
    None
}
