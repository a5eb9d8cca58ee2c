//! Lever 11: a buy-local campaign shifts households' preference for local shops (the
//! constant of the logit of the local share) with an effect that builds up while it runs
//! and decays after it stops, and is paid, per resident, to an agency outside the city.

use super::{Policy, Tick};
use crate::model::ledger::Purpose as Flow;
use crate::model::params::{Campaign, Params, cents};
use crate::scenario::Scenario;

struct BuyLocal {
    cost_per_resident_cents: i64,
    months: u32,
}

/// Shares are kept this far inside 0 and 1 when their logit is taken.
const EDGE: f64 = 1e-4;

fn logit(s: f64) -> f64 {
    let s = s.clamp(EDGE, 1.0 - EDGE);
    (s / (1.0 - s)).ln()
}

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.buy_local;
    if !l.enabled {
        return None;
    }
    for nb in &mut p.nbs {
        // At equal prices and the full effect the local share is s0 + the increase.
        let s0 = nb.local_share;
        let shift = if s0 > 0.0 && s0 < 1.0 {
            logit((s0 + l.local_share_increase).min(1.0)) - logit(s0)
        } else {
            0.0
        };
        nb.campaign = Some(Campaign {
            shift,
            months: l.months,
            retention: l.effect_retention_per_month,
        });
    }
    Some(Box::new(BuyLocal {
        cost_per_resident_cents: cents(l.cost_eur_per_resident_month),
        months: l.months,
    }))
}

impl Policy for BuyLocal {
    fn name(&self) -> &'static str {
        "buy_local"
    }

    fn government_spending(&mut self, t: &mut Tick) {
        if self.months > 0 && t.tick >= self.months {
            return;
        }
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

#[cfg(test)]
mod tests {
    use super::logit;

    #[test]
    fn the_shift_moves_the_share_by_the_increase_at_equal_prices() {
        let (s0, inc) = (0.3, 0.05);
        let v = logit(s0) + (logit(s0 + inc) - logit(s0));
        let s = 1.0 / (1.0 + (-v).exp());
        assert!((s - 0.35).abs() < 1e-12, "{s}");
    }
}
