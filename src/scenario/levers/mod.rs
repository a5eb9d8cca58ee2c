//! The social coin scheme and the eleven policy levers of the policy documents, one file
//! each with its validation. Every part is off by default, so that the baseline (the
//! "nulmeting") has none of them.
//!
//! Adding a lever: a file here with its section (a struct with `#[serde(default,
//! deny_unknown_fields)]` and a `Default`) and its [`Lever`] impl, a field in [`Levers`],
//! and one line in [`Levers::each`]; its behaviour goes into `model::policy`.

mod association_fees_in_coins;
mod benefits_tied_to_coins;
mod business_cooperation;
mod buy_local;
mod coins;
#[cfg(test)]
mod dummy;
mod maintenance_supplement;
mod matching;
mod pay_residents;
mod procurement_quota;
mod residents_exchange_coins;
mod shops_accept_coins;
mod youth_contract;

pub use association_fees_in_coins::AssociationFeesInCoins;
pub use benefits_tied_to_coins::BenefitsTiedToCoins;
pub use business_cooperation::BusinessCooperation;
pub use buy_local::BuyLocal;
pub use coins::{Acceptance, CoinScheme, Demurrage, Issuance, Purchase, Redemption};
#[cfg(test)]
pub use dummy::Dummy;
pub use maintenance_supplement::MaintenanceSupplement;
pub use matching::{Adoption, Agreement, Matching};
pub use pay_residents::PayResidents;
pub use procurement_quota::ProcurementQuota;
pub use residents_exchange_coins::{ExchangeRule, ResidentsExchange};
pub use shops_accept_coins::ShopsAcceptCoins;
pub use youth_contract::YouthContract;

use super::Scenario;
use super::validate::Checker;
use serde::{Deserialize, Serialize};

/// The eleven levers of the policy documents (docs/ODD.md, "Policy levers"). Each field is
/// one lever's section, in its own file of this module with its validation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Levers {
    /// 1. Benefits tied to coins earned.
    pub benefits_tied_to_coins: BenefitsTiedToCoins,
    /// 2. Shops accept coins for part of the price.
    pub shops_accept_coins: ShopsAcceptCoins,
    /// 3. Associations charge their fees partly in coins.
    pub association_fees_in_coins: AssociationFeesInCoins,
    /// 4. Residents pay each other in coins for services (random exchange).
    pub residents_exchange_coins: ResidentsExchange,
    /// 5. Procurement quota: municipal contract holders employ a share of residents.
    pub procurement_quota: ProcurementQuota,
    /// 6. Neighbourhood maintenance: a supplementary contract in which residents work.
    pub maintenance_supplement: MaintenanceSupplement,
    /// 7. Pay residents, not programmes: extra public money paid to residents in coins.
    pub pay_residents: PayResidents,
    /// 8. Matching between neighbourhoods: job-seeker agreements and adoption covenants.
    pub matching: Matching,
    /// 9. Youth contract: young unemployed paid more the more they train.
    pub youth_contract: YouthContract,
    /// 10. Business cooperation.
    pub business_cooperation: BusinessCooperation,
    /// 11. Buy local campaign.
    pub buy_local: BuyLocal,
    /// A lever that exists only in the unit tests, added the way a real lever is
    /// (`dummy.rs` here and in `model::policy`, one line in each registry).
    #[cfg(test)]
    #[serde(skip_serializing_if = "dummy::Dummy::is_off")]
    pub dummy: dummy::Dummy,
}

impl Levers {
    /// Every lever's section, in lever order: the scenario side's registry, which
    /// validation and [`Levers::any_enabled`] iterate.
    pub(crate) fn each(&self) -> Vec<&dyn Lever> {
        vec![
            &self.benefits_tied_to_coins,
            &self.shops_accept_coins,
            &self.association_fees_in_coins,
            &self.residents_exchange_coins,
            &self.procurement_quota,
            &self.maintenance_supplement,
            &self.pay_residents,
            &self.matching,
            &self.youth_contract,
            &self.business_cooperation,
            &self.buy_local,
            #[cfg(test)]
            &self.dummy,
        ]
    }

    /// Whether any lever is switched on.
    pub fn any_enabled(&self) -> bool {
        self.each().iter().any(|l| l.enabled())
    }
}

/// A lever's main number, as the workshop offers it: a field of the lever's section, the
/// range a room may choose from (inside what validation allows) and the value it takes
/// when a room switches the lever on while the scenario leaves the field at 0 (a lever on
/// at 0 does nothing). These are the workshop's choices of what to show, not the model's
/// defaults: docs/ODD.md, "The workshop".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dial {
    /// The field under `levers.<section>`.
    pub field: &'static str,
    /// Smallest value offered.
    pub min: f64,
    /// Largest value offered.
    pub max: f64,
    /// Step of the slider.
    pub step: f64,
    /// `share`, `eur` or `count`: how the page writes the value.
    pub unit: &'static str,
    /// Value when switched on from 0.
    pub default_on: f64,
    /// Other fields of the section set, when they are 0, as the lever is switched on.
    pub also_on: &'static [(&'static str, f64)],
    /// The number's name, in Dutch and in English.
    pub label: [&'static str; 2],
}

/// A lever's name for people, by its section under `levers` (the section itself for an
/// unknown one).
pub fn lever_label(section: &str, english: bool) -> String {
    Levers::default()
        .each()
        .iter()
        .find(|l| l.section() == section)
        .map_or_else(
            || section.to_string(),
            |l| l.label()[english as usize].to_string(),
        )
}

/// A lever's scenario section: its name, its switch and its validation.
pub(crate) trait Lever {
    /// The section's name under `levers`.
    fn section(&self) -> &'static str;

    /// The lever's name for people, in Dutch and in English.
    fn label(&self) -> [&'static str; 2];

    /// The one number a room turns when it tries the lever (the workshop), if any.
    fn dial(&self) -> Option<Dial> {
        None
    }

    /// Whether the lever is switched on.
    fn enabled(&self) -> bool;

    /// The lever works through the coin: switching it on needs `coins.enabled`.
    fn needs_coins(&self) -> bool {
        false
    }

    /// Range and consistency checks of the section's fields (all of them, on or off, so
    /// that a switched-off section holds no bad value waiting to be switched on).
    fn check(&self, c: &mut Checker, s: &Scenario);
}

/// Validates every lever's section.
pub(crate) fn check(c: &mut Checker, s: &Scenario) {
    for lever in s.levers.each() {
        if lever.enabled() && lever.needs_coins() && !s.coins.enabled {
            c.push(
                &format!("levers.{}.enabled", lever.section()),
                "is true, but there is no coin scheme".into(),
                "this lever works through the coin: add `coins: (enabled: true)`".into(),
            );
        }
    }
    for lever in s.levers.each() {
        lever.check(c, s);
    }
}
