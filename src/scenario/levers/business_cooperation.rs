//! Lever 10: business cooperation (the scenario section and its validation).

use super::{Dial, Lever};
use crate::scenario::Scenario;
use crate::scenario::validate::Checker;
use serde::{Deserialize, Serialize};

/// Lever 10: business cooperation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BusinessCooperation {
    /// Whether businesses cooperate. Default false.
    pub enabled: bool,
    /// Joint purchasing: share by which supply costs fall. Default 0.0; 0 to 0.5.
    pub joint_purchasing_saving_share: f64,
    /// Internships: interns placed per 100 businesses per month; each gains skill as a
    /// month of training. Default 0; 0 to 100.
    pub internships_per_100_businesses_month: f64,
    /// Joint promotion: added to every neighbourhood's `spending_share_local` (customer
    /// loyalty to local shops, capped at 1). Default 0.0; 0 to 0.5.
    pub promotion_local_share_increase: f64,
}

impl Lever for BusinessCooperation {
    fn section(&self) -> &'static str {
        "business_cooperation"
    }

    fn label(&self) -> [&'static str; 2] {
        ["samenwerking van ondernemers", "business cooperation"]
    }

    fn dial(&self) -> Option<Dial> {
        Some(Dial {
            field: "promotion_local_share_increase",
            min: 0.0,
            max: 0.5,
            step: 0.01,
            unit: "share",
            default_on: 0.1,
            also_on: &[],
            label: ["extra deel lokaal gekocht", "added share bought locally"],
        })
    }

    fn enabled(&self) -> bool {
        self.enabled
    }

    fn check(&self, c: &mut Checker, _s: &Scenario) {
        let at = |f: &str| format!("levers.business_cooperation.{f}");
        c.range(
            &at("joint_purchasing_saving_share"),
            self.joint_purchasing_saving_share,
            0.0,
            0.5,
            "(a share)",
        );
        c.range(
            &at("internships_per_100_businesses_month"),
            self.internships_per_100_businesses_month,
            0.0,
            100.0,
            "interns per 100 businesses per month",
        );
        c.range(
            &at("promotion_local_share_increase"),
            self.promotion_local_share_increase,
            0.0,
            0.5,
            "(a share)",
        );
    }
}
