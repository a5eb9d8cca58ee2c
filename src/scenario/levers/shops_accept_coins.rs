//! Lever 2: local shops accept coins (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 2: local shops accept coins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShopsAcceptCoins {
    /// Whether local shops accept coins (needs the coin scheme). Default false.
    pub enabled: bool,
    /// Share of a local shop price payable in coins. Default 0.0; 0 to 1.
    pub share_of_price: f64,
    /// Discount a shop gives on the part of a price paid in coins ("kortingen"): coins
    /// worth (1 - discount) pay for goods worth 1. Default 0.0; 0 to 0.5.
    pub discount_share: f64,
}

impl Lever for ShopsAcceptCoins {
    fn section(&self) -> &'static str {
        "shops_accept_coins"
    }

    fn label(&self) -> [&'static str; 2] {
        ["winkels nemen munten aan", "shops accept coins"]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "share_of_price",
            min: 0.0,
            max: 1.0,
            step: 0.05,
            unit: "share",
            default_on: 0.5,
            also_on: &[],
            label: [
                "deel van de prijs in munten",
                "share of a price payable in coins",
            ],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn needs_coins(&self) -> bool {
        true
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.share(
            "levers.shops_accept_coins.share_of_price",
            self.share_of_price,
        );
        c.range(
            "levers.shops_accept_coins.discount_share",
            self.discount_share,
            0.0,
            0.5,
            "share of the price paid in coins",
        );
    }
}
