//! Lever 3: association fees partly in coins (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 3: association fees partly in coins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssociationFeesInCoins {
    /// Whether associations take coins (needs the coin scheme). Default false.
    pub enabled: bool,
    /// Share of the fee payable in coins. Default 0.0; 0 to 1.
    pub share: f64,
}

impl Lever for AssociationFeesInCoins {
    fn section(&self) -> &'static str {
        "association_fees_in_coins"
    }

    fn label(&self) -> [&'static str; 2] {
        [
            "contributie deels in munten",
            "association fees partly in coins",
        ]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "share",
            min: 0.0,
            max: 1.0,
            step: 0.05,
            unit: "share",
            default_on: 0.5,
            also_on: &[],
            label: [
                "deel van de contributie in munten",
                "share of the fee payable in coins",
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
        c.share("levers.association_fees_in_coins.share", self.share);
    }
}
