//! Lever 6: a supplementary neighbourhood-maintenance contract in which residents do a
//! share of the work. Contract parameters only: the contract gets its value and quota,
//! and the phases tender, pay and staff it like the others.

use super::Policy;
use crate::model::params::{ContractKind, Params, cents};
use crate::scenario::Scenario;

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.maintenance_supplement;
    if l.enabled {
        let c = &mut p.municipality.contracts[ContractKind::MaintenanceSupplement.index()];
        c.per_resident_cents = cents(l.eur_per_resident_month);
        c.eur_per_resident_month = l.eur_per_resident_month;
        c.resident_quota = l.resident_work_share;
    }
    None
}
