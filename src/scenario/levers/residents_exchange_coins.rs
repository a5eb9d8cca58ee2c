//! Lever 4: residents exchange coins (the scenario section and its validation).

use super::Lever;
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// How a trade of lever 4 moves coins between the two households.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExchangeRule {
    /// Each keeps the whole coins of its saving propensity's share; the rest of both is
    /// pooled and split uniformly at random in whole coins, the two sides alike (the
    /// Dragulescu-Yakovenko split; with a saving propensity, Chakraborti-Chakrabarti's).
    #[default]
    Split,
    /// One coin passes from one of the two, chosen at random, to the other, if it has one
    /// (Dragulescu-Yakovenko's fixed-amount rule). No saving propensity.
    UnitTransfer,
}

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
    /// How a trade moves coins. Default `Split`.
    pub rule: ExchangeRule,
}

impl Default for ResidentsExchange {
    fn default() -> Self {
        ResidentsExchange {
            enabled: false,
            saving_propensity: 0.0,
            trades_per_household_month: 1,
            rule: ExchangeRule::Split,
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
        if self.rule == ExchangeRule::UnitTransfer && self.saving_propensity > 0.0 {
            c.push(
                "levers.residents_exchange_coins.saving_propensity",
                format!(
                    "is {} with `rule: UnitTransfer`, which allows only 0",
                    self.saving_propensity
                ),
                "a unit transfer moves one coin, so there is no share to keep; use `rule: Split` \
                 for a saving propensity"
                    .into(),
            );
        }
    }
}
