//! Lever 5: the procurement quota (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 5: procurement quota.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProcurementQuota {
    /// Whether the quota applies. Default false.
    pub enabled: bool,
    /// Share of the contract holder's staff that must be residents of the city.
    /// Default 0.0; 0 to 1.
    pub resident_share: f64,
}

impl Lever for ProcurementQuota {
    fn section(&self) -> &'static str {
        "procurement_quota"
    }

    fn label(&self) -> [&'static str; 2] {
        ["aanbestedingsquotum voor bewoners", "procurement quota"]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "resident_share",
            min: 0.0,
            max: 1.0,
            step: 0.05,
            unit: "share",
            default_on: 0.3,
            also_on: &[],
            label: [
                "deel van het personeel uit de stad",
                "share of staff who are residents",
            ],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        c.share(
            "levers.procurement_quota.resident_share",
            self.resident_share,
        );
    }
}
