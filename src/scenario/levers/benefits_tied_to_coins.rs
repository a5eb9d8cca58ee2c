//! Lever 1: benefits tied to coins earned (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 1: the benefit depends on coins earned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BenefitsTiedToCoins {
    /// Whether the lever is on. Default false.
    pub enabled: bool,
    /// Benefit supplement per coin earned in the month, EUR. Default 0.0.
    pub bonus_eur_per_coin: f64,
    /// Coins a household on benefits must earn in a month to avoid the sanction. Default 0.
    pub minimum_coins_per_month: f64,
    /// Share of the benefit withheld when the minimum is not met. Default 0.0; 0 to 1.
    pub sanction_share: f64,
    /// Whether the euro value of coins earned counts as income in the means test.
    /// Default false.
    pub coins_count_as_income: bool,
    /// Chance per month that an adult of a household on benefits takes part (volunteers
    /// in public space or at an association) while the lever applies; the ordinary
    /// volunteering chance applies if it is higher. Default 0.5; 0 to 1.
    pub participation_probability_per_month: f64,
}

impl Default for BenefitsTiedToCoins {
    fn default() -> Self {
        BenefitsTiedToCoins {
            enabled: false,
            bonus_eur_per_coin: 0.0,
            minimum_coins_per_month: 0.0,
            sanction_share: 0.0,
            coins_count_as_income: false,
            participation_probability_per_month: 0.5,
        }
    }
}

impl Lever for BenefitsTiedToCoins {
    fn section(&self) -> &'static str {
        "benefits_tied_to_coins"
    }

    fn label(&self) -> [&'static str; 2] {
        [
            "uitkering gekoppeld aan verdiende munten",
            "benefits tied to coins earned",
        ]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "bonus_eur_per_coin",
            min: 0.0,
            max: 2.0,
            step: 0.05,
            unit: "eur",
            default_on: 0.5,
            also_on: &[],
            label: ["extra uitkering per munt", "benefit supplement per coin"],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn needs_coins(&self) -> bool {
        true
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        let at = |f: &str| format!("levers.benefits_tied_to_coins.{f}");
        c.eur(&at("bonus_eur_per_coin"), self.bonus_eur_per_coin, 1000.0);
        c.range(
            &at("minimum_coins_per_month"),
            self.minimum_coins_per_month,
            0.0,
            1e6,
            "coins",
        );
        c.share(&at("sanction_share"), self.sanction_share);
        c.prob(
            &at("participation_probability_per_month"),
            self.participation_probability_per_month,
        );
    }
}
