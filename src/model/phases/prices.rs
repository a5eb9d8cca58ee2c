//! Prices, in phase 11: every business's price is a markup factor on its unit cost at full
//! capacity (normal-cost pricing), and the markup follows demand: at a review, up when the
//! month's sales exceeded what the business expected, down when they fell short
//! (docs/ODD.md 7.11).

use crate::model::Model;
use crate::model::params::Params;
use crate::model::phases::coins::accepts_after_review;
use crate::model::rng::Purpose;
use crate::model::world::World;

/// Normal unit cost of business `bi`, relative to the prices of the start: its sector's
/// cost of a unit of goods at the sector's typical size and full capacity (Caiani et al.
/// 2016 price on unit costs at normal capacity): the wages of `employees_mean` employees at
/// the sector's mean hours and the premises rent, over the goods the owner and those
/// employees serve in a month (`revenue_per_worker` each, at the prices of the start),
/// plus the supplies a unit of goods takes (lever 10's factor included). It does not move
/// with the business's own staff, so a price moves only with its markup and its inputs'
/// prices.
pub(crate) fn unit_cost(w: &World, p: &Params, bi: usize) -> f64 {
    let ni = w.businesses.nb[bi] as usize;
    let sp = &p.nbs[ni].sectors[w.businesses.sector[bi] as usize];
    let sw = p.switches;
    let capacity = (1.0 + sp.employees_mean) * sp.revenue_per_worker_cents;
    let rent = if sw.rent && sw.outside_world {
        sp.rent_cents
    } else {
        0
    };
    let fixed = sp.employees_mean * sp.commuter_wage_cents as f64 + rent as f64;
    let supplies = if sw.supplies {
        sp.supply_cost_share * p.nbs[ni].supply_cost_factor
    } else {
        0.0
    };
    if capacity > 0.0 {
        fixed / capacity + supplies
    } else {
        supplies
    }
}

/// Opens business `bi` at price 1 (the outside level at the start): its markup factor is
/// whatever makes its price 1 at its unit cost.
pub(crate) fn open_at_price_one(w: &mut World, p: &Params, bi: usize) {
    let c = unit_cost(w, p, bi);
    w.businesses.markup[bi] = if c > 0.0 { 1.0 / c } else { 1.0 };
    w.businesses.price[bi] = 1.0;
}

impl Model {
    /// Each active business reviews its markup with `price_review_probability` and sets
    /// next month's price, markup factor times unit cost. Runs before the month's
    /// revenue is cleared.
    pub(in crate::model) fn set_prices(&mut self) {
        let b = &self.params.behaviour;
        let (review, step_max) = (b.price_review_probability, b.markup_step_max);
        let w = &mut self.world;
        self.work += 2 * w.businesses.nb.len() as u64;
        let decide = self.params.coin.businesses_decide;
        for list in 0..w.active_lists.len() {
            // The going price of the business's competitors: the mean price of the active
            // businesses of its sector in its neighbourhood.
            let (mut sum, mut n) = (0.0, 0u32);
            for &bi in &w.active_lists[list] {
                if w.businesses.active[bi as usize] {
                    sum += w.businesses.price[bi as usize];
                    n += 1;
                }
            }
            let going = if n > 0 { sum / n as f64 } else { 1.0 };
            for k in 0..w.active_lists[list].len() {
                let bi = w.active_lists[list][k] as usize;
                if !w.businesses.active[bi] {
                    continue;
                }
                if review > 0.0 && step_max > 0.0 {
                    let mut rng = self
                        .streams
                        .open(Purpose::PriceReview, bi as u32, self.tick);
                    if rng.chance(review) {
                        // A business reviews whether it takes coins when it reviews
                        // its price (docs/ODD.md 7.14).
                        let ni = w.businesses.nb[bi] as usize;
                        let coin = &self.params.nbs[ni].coin;
                        if decide && coin.runs && coin.shop_share > 0.0 {
                            w.businesses.accepts_coins[bi] =
                                accepts_after_review(w, &self.params, &self.counters[ni], bi);
                        }
                        let step = 1.0 + step_max * rng.unit();
                        let m = w.businesses.markup[bi];
                        w.businesses.markup[bi] = revised_markup(
                            m,
                            step,
                            // Receipts against expected receipts (both without the
                            // coin discounts).
                            w.businesses.revenue_cents[bi] as f64,
                            w.businesses.revenue_expected[bi],
                            w.businesses.price[bi] / going,
                        );
                    }
                }
                w.businesses.price[bi] = w.businesses.markup[bi] * unit_cost(w, &self.params, bi);
            }
        }
        self.list_coin_acceptors();
    }
}

/// A reviewed markup factor (docs/ODD.md 7.11): the month's sales against what the business
/// expected to sell (its smoothed revenue before this month) say whether demand outran
/// its plans (Caiani et al. 2016: inventories below the desired share of sales), and its
/// price against its competitors' going price says whether it can move (Delli Gatti et
/// al. 2011, Assenza et al. 2015): up by `step` if it sold more than expected while
/// cheaper than the going price, down if it sold less while dearer, else unchanged. A cut
/// never takes the price below the unit cost (a factor below 1 stays where it is).
fn revised_markup(m: f64, step: f64, sold: f64, expected: f64, relative_price: f64) -> f64 {
    if sold > expected && relative_price < 1.0 {
        m * step
    } else if sold < expected && relative_price > 1.0 {
        (m / step).max(m.min(1.0))
    } else {
        m
    }
}

#[cfg(test)]
mod tests {
    use super::revised_markup;

    #[test]
    fn a_markup_rises_with_unmet_demand_and_falls_with_slack_demand() {
        // Sold more than expected, cheaper than the going price: up.
        assert_eq!(revised_markup(1.2, 1.05, 110.0, 100.0, 0.95), 1.2 * 1.05);
        // Sold less, dearer: down.
        assert_eq!(revised_markup(1.2, 1.05, 90.0, 100.0, 1.05), 1.2 / 1.05);
        // Sold more but already dearer than the others, or less but already cheaper: stays.
        assert_eq!(revised_markup(1.2, 1.05, 110.0, 100.0, 1.05), 1.2);
        assert_eq!(revised_markup(1.2, 1.05, 90.0, 100.0, 0.95), 1.2);
        // A cut stops at the unit cost, and a factor below 1 is not cut further.
        assert_eq!(revised_markup(1.02, 1.05, 90.0, 100.0, 1.05), 1.0);
        assert_eq!(revised_markup(0.9, 1.05, 90.0, 100.0, 1.05), 0.9);
    }
}
