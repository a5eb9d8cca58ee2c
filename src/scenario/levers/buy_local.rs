//! Lever 11: the buy-local campaign (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 11: a buy-local campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuyLocal {
    /// Whether the campaign runs. Default false.
    pub enabled: bool,
    /// Added to every neighbourhood's `spending_share_local` (capped at 1). Default 0.0.
    pub local_share_increase: f64,
    /// What the campaign costs the municipality per resident per month, paid to an agency
    /// outside the city. Default 0.5 EUR.
    pub cost_eur_per_resident_month: f64,
    /// Months the campaign runs from the first reported month; 0 for the whole run.
    /// Default 0; 0 to 1200.
    pub months: u32,
    /// Share of the campaign's effect on the households' preference for local shops that
    /// carries over from one month to the next (advertising adstock): the effect builds up
    /// while the campaign runs and decays by this factor a month after it stops. Default
    /// 0.72 (a 90% duration interval of 7 months, inside the six to nine months of Leone
    /// 1995); 0 to 0.99.
    pub effect_retention_per_month: f64,
}

impl Default for BuyLocal {
    fn default() -> Self {
        BuyLocal {
            enabled: false,
            local_share_increase: 0.0,
            cost_eur_per_resident_month: 0.5,
            months: 0,
            effect_retention_per_month: 0.72,
        }
    }
}

impl Lever for BuyLocal {
    fn section(&self) -> &'static str {
        "buy_local"
    }

    fn label(&self) -> [&'static str; 2] {
        ["koop lokaal", "buy local"]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "local_share_increase",
            min: 0.0,
            max: 0.5,
            step: 0.01,
            unit: "share",
            default_on: 0.1,
            also_on: &[],
            label: ["extra deel lokaal gekocht", "added share bought locally"],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.share(
            "levers.buy_local.local_share_increase",
            self.local_share_increase,
        );
        c.eur(
            "levers.buy_local.cost_eur_per_resident_month",
            self.cost_eur_per_resident_month,
            1000.0,
        );
        c.int(
            "levers.buy_local.months",
            self.months as u64,
            0,
            1200,
            "months",
        );
        c.range(
            "levers.buy_local.effect_retention_per_month",
            self.effect_retention_per_month,
            0.0,
            0.99,
            "(share carried over a month)",
        );
    }
}
