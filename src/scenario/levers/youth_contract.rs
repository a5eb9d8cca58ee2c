//! Lever 9: the youth contract (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 9: the youth contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct YouthContract {
    /// Whether the contract is offered. Default false.
    pub enabled: bool,
    /// Oldest age that counts as young. Default 27 years.
    pub max_age_years: u32,
    /// Benefit supplement per month in training, EUR. Default 150.
    pub bonus_eur_per_training_month: f64,
    /// Chance per month that an unemployed young resident starts a training under the
    /// contract (instead of the general training probability). Default 0.1; 0 to 1.
    pub training_probability_per_month: f64,
}

impl Default for YouthContract {
    fn default() -> Self {
        YouthContract {
            enabled: false,
            max_age_years: 27,
            bonus_eur_per_training_month: 150.0,
            training_probability_per_month: 0.1,
        }
    }
}

impl Lever for YouthContract {
    fn section(&self) -> &'static str {
        "youth_contract"
    }

    fn label(&self) -> [&'static str; 2] {
        ["jongerencontract", "youth contract"]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "bonus_eur_per_training_month",
            min: 0.0,
            max: 500.0,
            step: 10.0,
            unit: "eur",
            default_on: 150.0,
            also_on: &[],
            label: [
                "extra per maand opleiding",
                "supplement per month in training",
            ],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.int(
            "levers.youth_contract.max_age_years",
            self.max_age_years as u64,
            18,
            67,
            "years",
        );
        c.eur(
            "levers.youth_contract.bonus_eur_per_training_month",
            self.bonus_eur_per_training_month,
            10000.0,
        );
        c.prob(
            "levers.youth_contract.training_probability_per_month",
            self.training_probability_per_month,
        );
    }
}
