//! Lever 4: residents exchange coins (the scenario section and its validation).

use super::Lever;
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 4: the random-exchange model of statistical physics among residents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResidentsExchange {
    /// Whether households trade services for coins among themselves. Default false.
    pub enabled: bool,
    /// Share of its coins each household keeps out of a trade (Chakraborti-Chakrabarti
    /// lambda; 0 gives the exponential Boltzmann-Gibbs distribution). Default 0.0; 0 to 0.99.
    pub saving_propensity: f64,
    /// Trades per household per month. Default 1; 0 to 20.
    pub trades_per_household_month: u32,
}

impl Default for ResidentsExchange {
    fn default() -> Self {
        ResidentsExchange {
            enabled: false,
            saving_propensity: 0.0,
            trades_per_household_month: 1,
        }
    }
}

impl Lever for ResidentsExchange {
    fn section(&self) -> &'static str {
        "residents_exchange_coins"
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn needs_coins(&self) -> bool {
        true
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.range(
            "levers.residents_exchange_coins.saving_propensity",
            self.saving_propensity,
            0.0,
            0.99,
            "(a share)",
        );
        c.int(
            "levers.residents_exchange_coins.trades_per_household_month",
            self.trades_per_household_month as u64,
            0,
            20,
            "trades",
        );
    }
}
