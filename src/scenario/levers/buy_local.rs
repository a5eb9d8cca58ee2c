//! Lever 11: the buy-local campaign (the scenario section and its validation).

use super::Lever;
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
}

impl Default for BuyLocal {
    fn default() -> Self {
        BuyLocal {
            enabled: false,
            local_share_increase: 0.0,
            cost_eur_per_resident_month: 0.5,
        }
    }
}

impl Lever for BuyLocal {
    fn section(&self) -> &'static str {
        "buy_local"
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
    }
}
