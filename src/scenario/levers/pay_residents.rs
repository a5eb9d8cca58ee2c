//! Lever 7: pay residents in coins (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 7: public money paid to residents for work, in coins local businesses redeem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PayResidents {
    /// Whether the lever is on (needs the coin scheme). Default false.
    pub enabled: bool,
    /// Euro value paid out per resident of the neighbourhood per month. Default 0 EUR.
    pub budget_eur_per_resident_month: f64,
    /// Coins paid per hour of work. Default 10.
    pub coins_per_hour: f64,
    /// Hours a resident without a job (unemployed, retired or unable to work) works in a
    /// month under the lever. Default 16.
    pub hours_per_month: f64,
    /// Share of the coin-paid hours that replace work the municipality would otherwise
    /// have bought in euros: its neighbourhood maintenance contract (wijkbeheer) shrinks
    /// by these hours at the maintenance sector's revenue per hour. An assumption
    /// (docs/ODD.md, lever 7). Default 0.5; 0 to 1.
    pub displacement_share: f64,
}

impl Default for PayResidents {
    fn default() -> Self {
        PayResidents {
            enabled: false,
            budget_eur_per_resident_month: 0.0,
            coins_per_hour: 10.0,
            hours_per_month: 16.0,
            displacement_share: 0.5,
        }
    }
}

impl Lever for PayResidents {
    fn section(&self) -> &'static str {
        "pay_residents"
    }

    fn label(&self) -> [&'static str; 2] {
        [
            "betaal bewoners, niet programma's",
            "pay residents, not programmes",
        ]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "budget_eur_per_resident_month",
            min: 0.0,
            max: 30.0,
            step: 1.0,
            unit: "eur",
            default_on: 10.0,
            also_on: &[],
            label: [
                "budget per bewoner per maand",
                "budget per resident a month",
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
        c.eur(
            "levers.pay_residents.budget_eur_per_resident_month",
            self.budget_eur_per_resident_month,
            10000.0,
        );
        c.range(
            "levers.pay_residents.coins_per_hour",
            self.coins_per_hour,
            0.0,
            1e4,
            "coins per hour",
        );
        c.range(
            "levers.pay_residents.hours_per_month",
            self.hours_per_month,
            0.0,
            200.0,
            "hours",
        );
        c.share(
            "levers.pay_residents.displacement_share",
            self.displacement_share,
        );
    }
}
