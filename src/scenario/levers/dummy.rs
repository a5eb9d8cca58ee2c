//! A lever that exists only in the unit tests, to prove that a new lever is added by its
//! scenario section here, its behaviour in `model::policy::dummy`, and one line in each
//! registry (`Levers::each`, `model::policy::REGISTRY`). It pays every household a flat
//! amount a month from the municipality.

use serde::{Deserialize, Serialize};

use super::Lever;
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;

/// The dummy lever's section, `levers.dummy`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Dummy {
    /// Whether the lever is on. Default false.
    pub enabled: bool,
    /// Paid to every household each month. Default 0 EUR; 0 to 1000.
    pub eur_per_household_month: f64,
}

impl Dummy {
    /// Off and at its defaults: not written into a resolved scenario.
    pub fn is_off(&self) -> bool {
        *self == Dummy::default()
    }
}

impl Lever for Dummy {
    fn section(&self) -> &'static str {
        "dummy"
    }

    fn label(&self) -> [&'static str; 2] {
        ["proeflever", "test lever"]
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.eur(
            "levers.dummy.eur_per_household_month",
            self.eur_per_household_month,
            1000.0,
        );
    }
}
