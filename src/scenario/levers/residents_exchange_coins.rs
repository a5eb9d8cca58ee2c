//! Lever 4: residents exchange coins (the scenario section and its validation).

use super::{Dial, Lever};
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
    /// Informal services: the household asks a random other household of its
    /// neighbourhood with a member who has time (not in work or training) for a service
    /// of `hours_per_service` hours, and pays `coins_per_hour` for each hour if it holds
    /// the coins; the hours and their value count as activity. No saving propensity.
    Services,
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
    /// How a trade moves coins. Default `Split` (the random exchange, for validation);
    /// `Services` for the lever as a policy.
    pub rule: ExchangeRule,
    /// Hours of a service (`rule: Services`). Default 2; 0.25 to 40.
    pub hours_per_service: f64,
    /// Coins paid per hour of service (`rule: Services`). Default 10; 0.01 to 10,000.
    pub coins_per_hour: f64,
}

impl Default for ResidentsExchange {
    fn default() -> Self {
        ResidentsExchange {
            enabled: false,
            saving_propensity: 0.0,
            trades_per_household_month: 1,
            rule: ExchangeRule::Split,
            hours_per_service: 2.0,
            coins_per_hour: 10.0,
        }
    }
}

impl Lever for ResidentsExchange {
    fn section(&self) -> &'static str {
        "residents_exchange_coins"
    }

    fn label(&self) -> [&'static str; 2] {
        [
            "bewoners betalen elkaar in munten",
            "residents pay each other in coins",
        ]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "trades_per_household_month",
            min: 0.0,
            max: 20.0,
            step: 1.0,
            unit: "count",
            default_on: 1.0,
            also_on: &[],
            label: [
                "ruilen per huishouden per maand",
                "trades per household a month",
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
        c.range(
            "levers.residents_exchange_coins.hours_per_service",
            self.hours_per_service,
            0.25,
            40.0,
            "hours",
        );
        c.range(
            "levers.residents_exchange_coins.coins_per_hour",
            self.coins_per_hour,
            0.01,
            10_000.0,
            "coins per hour",
        );
        if self.rule != ExchangeRule::Split && self.saving_propensity > 0.0 {
            c.push(
                "levers.residents_exchange_coins.saving_propensity",
                format!(
                    "is {} with `rule: {:?}`, which allows only 0",
                    self.saving_propensity, self.rule
                ),
                "a unit transfer moves one coin and a service is paid at its price, so there is \
                 no share to keep; use `rule: Split` for a saving propensity"
                    .into(),
            );
        }
    }
}
