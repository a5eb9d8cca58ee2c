//! Lever 5: the procurement quota (the scenario section and its validation).

use super::Lever;
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
