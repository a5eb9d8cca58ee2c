//! The social coin scheme and the eleven policy levers of the policy documents. Every part
//! is off by default, so that the baseline (the "nulmeting") has none of them.

use serde::{Deserialize, Serialize};

/// A social coin ("wijkmunt"): who issues coins for what, what backs them, who accepts them,
/// how they are redeemed and whether they lose value over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CoinScheme {
    /// Whether the scheme exists. Default false.
    pub enabled: bool,
    /// Name of the coin in reports. Default "wijkmunt".
    pub name: String,
    /// Neighbourhoods taking part, by name; empty means all. Default empty.
    pub neighbourhoods: Vec<String>,
    /// Euro value of one coin, at which it is redeemed before any fee (Torekes: 0.1;
    /// Chiemgauer, Brixton pound: 1.0). Default 1.0 EUR; 0.001 to 1000.
    pub value_eur: f64,
    /// What earns coins.
    pub issuance: Issuance,
    /// Share of the euro value of issued coins the municipality puts into a fund that
    /// backs them (0: unbacked). Default 0.0.
    pub backing_share: f64,
    /// Buying coins with euros (Chiemgauer, Brixton pound).
    pub purchase: Purchase,
    /// Who accepts coins.
    pub acceptance: Acceptance,
    /// Changing coins back into euros.
    pub redemption: Redemption,
    /// Loss of value over time (stamp scrip: Gesell, Wörgl, Chiemgauer).
    pub demurrage: Demurrage,
    /// Share of their coins a household spends in a month when nothing pushes it (no
    /// demurrage). Default 0.5; 0 to 1.
    pub spend_propensity_per_month: f64,
    /// How strongly demurrage pushes spending: the propensity p becomes
    /// p + (1 - p) * min(1, elasticity * monthly demurrage rate). Default 10.
    pub demurrage_spend_elasticity: f64,
}

impl Default for CoinScheme {
    fn default() -> Self {
        CoinScheme {
            enabled: false,
            name: "wijkmunt".into(),
            neighbourhoods: Vec::new(),
            value_eur: 1.0,
            issuance: Issuance::default(),
            backing_share: 0.0,
            purchase: Purchase::default(),
            acceptance: Acceptance::default(),
            redemption: Redemption::default(),
            demurrage: Demurrage::default(),
            spend_propensity_per_month: 0.5,
            demurrage_spend_elasticity: 10.0,
        }
    }
}

/// Coins issued (created) by the scheme, to residents.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Issuance {
    /// Coins per hour volunteered at an association. Default 0.
    pub per_volunteer_hour: f64,
    /// Coins per month a resident spends in training. Default 0.
    pub per_training_month: f64,
    /// Coins each household of a participating neighbourhood holds at the start. Default 0.
    pub opening_coins_per_household: f64,
}

/// Buying coins with euros.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Purchase {
    /// Whether residents buy coins. Default false.
    pub enabled: bool,
    /// Share of their planned local shop spending households change into coins each month.
    /// Default 0.2; 0 to 1.
    pub share_of_local_spending: f64,
    /// Extra coins per coin bought (Brixton pound 2011: 0.1). Default 0.0; 0 to 1.
    pub bonus_share: f64,
}

impl Default for Purchase {
    fn default() -> Self {
        Purchase {
            enabled: false,
            share_of_local_spending: 0.2,
            bonus_share: 0.0,
        }
    }
}

/// Where coins circulate besides shops and associations (levers 2 and 3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Acceptance {
    /// Share of local supplies businesses pay in coins to other local businesses, when
    /// they hold coins. Default 0.0; 0 to 1.
    pub business_supplies_share: f64,
}

/// Changing coins back into euros.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Redemption {
    /// Businesses may redeem. Default false.
    pub businesses: bool,
    /// Associations may redeem. Default false.
    pub associations: bool,
    /// Share of the value kept as a fee (Chiemgauer 0.05, Brixton pound 2011 0.1).
    /// Default 0.0; 0 to 1.
    pub fee_share: f64,
}

/// Demurrage: a charge on coin balances.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Demurrage {
    /// Share of a balance charged each period (Wörgl: 0.01 a month; Chiemgauer: 0.02 a
    /// quarter). Default 0.0; 0 to 1.
    pub rate_per_period: f64,
    /// Months in a demurrage period. Default 1; 1 to 12.
    pub period_months: u32,
    /// The charge applies to the smallest balance held during the period (coins held all
    /// period long); balances younger than this many months since the scheme started are
    /// not charged. Default 0; 0 to 24.
    pub grace_months: u32,
}

impl Default for Demurrage {
    fn default() -> Self {
        Demurrage {
            rate_per_period: 0.0,
            period_months: 1,
            grace_months: 0,
        }
    }
}

/// The eleven levers of the policy documents (MODEL.md, "Policy levers").
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
}

impl Levers {
    /// Whether any lever is switched on.
    pub fn any_enabled(&self) -> bool {
        self.benefits_tied_to_coins.enabled
            || self.shops_accept_coins.enabled
            || self.association_fees_in_coins.enabled
            || self.residents_exchange_coins.enabled
            || self.procurement_quota.enabled
            || self.maintenance_supplement.enabled
            || self.pay_residents.enabled
            || !self.matching.agreements.is_empty()
            || !self.matching.adoptions.is_empty()
            || self.youth_contract.enabled
            || self.business_cooperation.enabled
            || self.buy_local.enabled
    }
}

/// Lever 1: the benefit depends on coins earned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BenefitsTiedToCoins {
    /// Whether the lever is on. Default false.
    pub enabled: bool,
    /// Benefit supplement per coin earned in the month, EUR. Default 0.0.
    pub bonus_eur_per_coin: f64,
    /// Coins a household on benefits must earn in a month to avoid the sanction. Default 0.
    pub minimum_coins_per_month: f64,
    /// Share of the benefit withheld when the minimum is not met. Default 0.0; 0 to 1.
    pub sanction_share: f64,
    /// Whether the euro value of coins earned counts as income in the means test.
    /// Default false.
    pub coins_count_as_income: bool,
    /// Chance per month that an adult of a household on benefits takes part (volunteers
    /// in public space or at an association) while the lever applies; the ordinary
    /// volunteering chance applies if it is higher. Default 0.5; 0 to 1.
    pub participation_probability_per_month: f64,
}

/// Lever 2: local shops accept coins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShopsAcceptCoins {
    /// Whether local shops accept coins (needs the coin scheme). Default false.
    pub enabled: bool,
    /// Share of a local shop price payable in coins. Default 0.0; 0 to 1.
    pub share_of_price: f64,
}

/// Lever 3: association fees partly in coins.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AssociationFeesInCoins {
    /// Whether associations take coins (needs the coin scheme). Default false.
    pub enabled: bool,
    /// Share of the fee payable in coins. Default 0.0; 0 to 1.
    pub share: f64,
}

/// Lever 8: agreements and covenants between neighbourhoods (example 3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Matching {
    /// Job-seeker agreements.
    pub agreements: Vec<Agreement>,
    /// Adoption covenants.
    pub adoptions: Vec<Adoption>,
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
}

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
}

/// Lever 8: a job-seeker agreement between two neighbourhoods (example 3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Agreement {
    /// Neighbourhood whose job seekers are offered work.
    pub from: String,
    /// Neighbourhood where the work is (better public space, care at home).
    pub to: String,
    /// Job seekers offered work. Default 0; up to 100,000.
    pub job_seekers: u32,
    /// Years the agreement runs from the start of the run. Default 4.
    pub years: u32,
    /// Gross wage of an agreement job, paid by the municipality. Default 2300 EUR.
    pub wage_eur_per_month: f64,
    /// Weekly job-seeker meetings: the chance per month that an unemployed resident of
    /// `from` is reached and placed when a post is open. Default 0.5; 0 to 1.
    pub meeting_reach_per_month: f64,
}

/// Lever 8: an adoption covenant.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Adoption {
    /// The economically strong neighbourhood.
    pub strong: String,
    /// The weak neighbourhood it adopts.
    pub weak: String,
    /// Share of the strong neighbourhood's local household spending moved to shops of the
    /// weak one. Default 0.0; 0 to 1.
    pub spending_share: f64,
}

/// Lever 9: the youth contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct YouthContract {
    /// Whether the contract is offered. Default false.
    pub enabled: bool,
    /// Oldest age that counts as young. Default 27 years.
    pub max_age_years: u32,
    /// Benefit supplement per month in training, EUR. Default 150.
    pub bonus_eur_per_training_month: f64,
    /// Chance per month that an unemployed young resident starts a training under the
    /// contract (instead of the general training probability). Default 0.1; 0 to 1.
    pub training_probability_per_month: f64,
}

impl Default for YouthContract {
    fn default() -> Self {
        YouthContract {
            enabled: false,
            max_age_years: 27,
            bonus_eur_per_training_month: 150.0,
            training_probability_per_month: 0.1,
        }
    }
}

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

/// Lever 11: a buy-local campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BuyLocal {
    /// Whether the campaign runs. Default false.
    pub enabled: bool,
    /// Added to every neighbourhood's `spending_share_local` (capped at 1). Default 0.0.
    pub local_share_increase: f64,
    /// What the campaign costs the municipality per resident per month, paid to an agency
    /// outside the city. Default 0.5 EUR.
    pub cost_eur_per_resident_month: f64,
}

impl Default for Agreement {
    fn default() -> Self {
        Agreement {
            from: String::new(),
            to: String::new(),
            job_seekers: 0,
            years: 4,
            wage_eur_per_month: 2300.0,
            meeting_reach_per_month: 0.5,
        }
    }
}

impl Default for PayResidents {
    fn default() -> Self {
        PayResidents {
            enabled: false,
            budget_eur_per_resident_month: 0.0,
            coins_per_hour: 10.0,
            hours_per_month: 16.0,
        }
    }
}

impl Default for BuyLocal {
    fn default() -> Self {
        BuyLocal {
            enabled: false,
            local_share_increase: 0.0,
            cost_eur_per_resident_month: 0.5,
        }
    }
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

impl Default for BenefitsTiedToCoins {
    fn default() -> Self {
        BenefitsTiedToCoins {
            enabled: false,
            bonus_eur_per_coin: 0.0,
            minimum_coins_per_month: 0.0,
            sanction_share: 0.0,
            coins_count_as_income: false,
            participation_probability_per_month: 0.5,
        }
    }
}
