//! Lever 2: local shops accept coins for a share of the price. Parameters only: the
//! households phase spends coins up to this share wherever the coin runs.

use super::Policy;
use crate::model::params::Params;
use crate::scenario::Scenario;

pub(super) fn build(s: &Scenario, p: &mut Params) -> Option<Box<dyn Policy>> {
    let l = &s.levers.shops_accept_coins;
    if l.enabled {
        for nb in p.nbs.iter_mut().filter(|nb| nb.coin.runs) {
            nb.coin.shop_share = l.share_of_price;
            nb.coin.discount = l.discount_share;
        }
    }
    None
}
