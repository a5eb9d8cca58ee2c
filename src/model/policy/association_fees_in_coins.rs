//! Lever 3: associations charge a share of their fee in coins. Parameters only: the
//! households phase pays that share in coins wherever the coin runs.

use super::Policy;
use crate::model::params::Params;
use crate::scenario::Scenario;

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.association_fees_in_coins;
    if l.enabled {
        for nb in p.nbs.iter_mut().filter(|nb| nb.coin.runs) {
            nb.coin.fee_share = l.share;
        }
    }
    None
}
