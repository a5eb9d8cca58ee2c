//! Lever 11: a buy-local campaign raises the share of household spending at local shops
//! and is paid, per resident, to an agency outside the city.

use super::{Policy, Tick};
use crate::model::ledger::Purpose as Flow;
use crate::model::params::{Params, cents};
use crate::scenario::Scenario;

struct BuyLocal {
    cost_per_resident_cents: i64,
}

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.buy_local;
    if !l.enabled {
        return None;
    }
    for nb in &mut p.nbs {
        nb.local_share += l.local_share_increase;
    }
    Some(Box::new(BuyLocal {
        cost_per_resident_cents: cents(l.cost_eur_per_resident_month),
    }))
}

impl Policy for BuyLocal {
    fn name(&self) -> &'static str {
        "buy_local"
    }

    fn government_spending(&mut self, t: &mut Tick) {
        let w = &*t.world;
        *t.work += w.nbs.len() as u64;
        for (ni, nb) in w.nbs.iter().enumerate() {
            let amount =
                self.cost_per_resident_cents * (nb.residents.end - nb.residents.start) as i64;
            t.books.pay(
                w.sys.municipality,
                w.sys.campaign_agency,
                amount,
                Flow::Campaign,
            );
            t.counters[ni].campaign_cents += amount.max(0);
        }
    }
}
