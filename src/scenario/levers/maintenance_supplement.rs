//! Lever 6: the supplementary maintenance contract (the scenario section and its
//! validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 6: wijkbeheer with a resident supplementary contract.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MaintenanceSupplement {
    /// Whether the supplementary contract exists. Default false.
    pub enabled: bool,
    /// Contract value per resident per month, on top of the base contract. Default 0 EUR.
    pub eur_per_resident_month: f64,
    /// Share of the holder's staff that must be residents of the city (for an outside
    /// holder: residents of the neighbourhood it hires). Default 0.0; 0 to 1.
    pub resident_work_share: f64,
}

impl Lever for MaintenanceSupplement {
    fn section(&self) -> &'static str {
        "maintenance_supplement"
    }

    fn label(&self) -> [&'static str; 2] {
        [
            "contract voor wijkonderhoud",
            "neighbourhood maintenance contract",
        ]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "eur_per_resident_month",
            min: 0.0,
            max: 30.0,
            step: 1.0,
            unit: "eur",
            default_on: 5.0,
            also_on: &[("resident_work_share", 0.5)],
            label: ["waarde per bewoner per maand", "value per resident a month"],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.eur(
            "levers.maintenance_supplement.eur_per_resident_month",
            self.eur_per_resident_month,
            10000.0,
        );
        c.share(
            "levers.maintenance_supplement.resident_work_share",
            self.resident_work_share,
        );
    }
}
