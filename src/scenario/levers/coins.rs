//! The social coin scheme ("wijkmunt"): issuance, backing, purchase, acceptance,
//! redemption and demurrage, with the validation of its fields. Off by default.

use crate::scenario::Scenario;
use crate::scenario::validate::{COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX, Checker};
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
    /// Which households buy coins, and how that spreads (diffusion).
    pub participation: Participation,
    /// Who accepts coins.
    pub acceptance: Acceptance,
    /// Changing coins back into euros.
    pub redemption: Redemption,
    /// Loss of value over time (stamp scrip: Gesell, Wörgl, Chiemgauer).
    pub demurrage: Demurrage,
    /// Coins expiring at a yearly date unless renewed with a stamp.
    pub expiry: Expiry,
    /// Share of their coins a household spends in a month when nothing pushes it (no
    /// demurrage). Default 0.5; 0 to 1.
    pub spend_propensity_per_month: f64,
    /// How demurrage speeds spending, as money demand's semi-elasticity to the cost of
    /// holding money (Cagan's semi-log form): holdings fall, and the propensity p rises,
    /// by the factor exp(semi-elasticity * annual demurrage rate); p becomes
    /// min(1, p * exp(...)). Default 1.79 (Ireland 2009, M1); 0 to 20.
    pub demurrage_semi_elasticity: f64,
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
            participation: Participation::default(),
            acceptance: Acceptance::default(),
            redemption: Redemption::default(),
            demurrage: Demurrage::default(),
            expiry: Expiry::default(),
            spend_propensity_per_month: 0.5,
            demurrage_semi_elasticity: 1.79,
        }
    }
}

/// Coins issued (created) by the scheme, to residents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Issuance {
    /// Coins per hour volunteered at an association. Default 0.
    pub per_volunteer_hour: f64,
    /// Share of volunteer hours spent on the tasks the scheme pays for (the Torekes pay
    /// for public-space and green work, not for all of a club's volunteering): each
    /// volunteer month earns `per_volunteer_hour` x this share x the hours. Default 1.0;
    /// 0 to 1.
    pub volunteer_hours_share: f64,
    /// Coins per month a resident spends in training. Default 0.
    pub per_training_month: f64,
    /// Coins each household of a participating neighbourhood holds at the start. Default 0.
    pub opening_coins_per_household: f64,
}

impl Default for Issuance {
    fn default() -> Self {
        Issuance {
            per_volunteer_hour: 0.0,
            volunteer_hours_share: 1.0,
            per_training_month: 0.0,
            opening_coins_per_household: 0.0,
        }
    }
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

/// Households buying coins: the share that ever will (the ceiling) and the Bass
/// diffusion by which they come to (docs/ODD.md 7.14). The default, every household from
/// the start, is the model before adoption was modelled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Participation {
    /// Share of households that would ever buy coins. Default 1.0; 0 to 1.
    pub ceiling_share: f64,
    /// Share of households buying coins at the scheme's start (at most the ceiling).
    /// Default 1.0; 0 to 1.
    pub start_share: f64,
    /// Bass coefficient of innovation: the yearly rate at which households not yet buying
    /// start on their own. Default 0.03; 0 to 1.
    pub innovation_per_year: f64,
    /// Bass coefficient of imitation: the yearly rate at which they start from seeing
    /// others buy, times the share of the ceiling already buying. Default 0.38; 0 to 5.
    pub imitation_per_year: f64,
}

impl Default for Participation {
    fn default() -> Self {
        Participation {
            ceiling_share: 1.0,
            start_share: 1.0,
            innovation_per_year: 0.03,
            imitation_per_year: 0.38,
        }
    }
}

/// Where coins circulate besides shops and associations (levers 2 and 3), and what a
/// business does with the coins it receives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Acceptance {
    /// Share of local supplies a business that passes coins on pays in coins to other
    /// local businesses, when it holds coins. Default 0.0; 0 to 1.
    pub business_supplies_share: f64,
    /// Share of the owner's draw a business that passes coins on pays in coins, when it
    /// holds coins. Default 0.0; 0 to 1.
    pub owner_draw_share: f64,
    /// Share of a resident employee's gross wage a business that passes coins on pays in
    /// coins, when it holds coins (and the employee's household could spend them in a
    /// month). Default 0.0; 0 to 1.
    pub wage_share: f64,
    /// Highest cost to a business of passing a coin on rather than redeeming it (finding
    /// suppliers and an owner who take it), as a share of its value; each business's
    /// cost is drawn once, uniform between 0 and this. A business passes coins on when
    /// its cost is below the redemption fee. Default 0.1; 0.001 to 1.
    pub pass_on_cost_max_share: f64,
    /// Businesses decide whether to accept coins (docs/ODD.md 7.14): at each price
    /// review, a business accepts when the extra sales to coin users it expects outweigh
    /// what the coins cost it. When false, every business of a participating
    /// neighbourhood accepts them. Default true.
    pub businesses_decide: bool,
    /// Share of businesses accepting coins at the start: those whose handling cost draw is
    /// lowest. Default 1.0; 0 to 1.
    pub start_share: f64,
    /// How much more likely a household holding coins it means to spend is to choose a
    /// shop that takes them, other things equal: the candidate's logit weight is multiplied
    /// by 1 + this. Default 1.0; 0 to 10.
    pub coin_user_preference: f64,
    /// A business's fixed cost of accepting coins, EUR a month (the Chiemgauer's
    /// membership fee of at least EUR 30 a year). Default 2.5; 0 to 1,000.
    pub membership_eur_per_month: f64,
    /// Highest cost of handling a second currency (till, books, staff), EUR a month;
    /// each business's own is this times the same uniform draw as its pass-on cost.
    /// Default 2,000 (calibrated to the Chiemgauer's acceptance, docs/ODD.md 7.14); 0 to
    /// 10,000.
    pub handling_cost_max_eur_per_month: f64,
}

impl Default for Acceptance {
    fn default() -> Self {
        Acceptance {
            business_supplies_share: 0.0,
            owner_draw_share: 0.0,
            wage_share: 0.0,
            pass_on_cost_max_share: 0.1,
            businesses_decide: true,
            start_share: 1.0,
            coin_user_preference: 1.0,
            membership_eur_per_month: 2.5,
            handling_cost_max_eur_per_month: 2000.0,
        }
    }
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
    /// Share of each fee the coin fund gives to an association of the redeemer's
    /// neighbourhood (Chiemgauer: 0.6, 3 of the 5 points); the rest stays in the fund.
    /// Default 0.0; 0 to 1.
    pub fee_to_associations_share: f64,
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
    /// Share of the euro value of coins lost to demurrage and expiry that the coin fund
    /// gives to an association of the holder's neighbourhood, as far as the fund's balance
    /// goes; the rest stays in the fund. Default 0.0; 0 to 1.
    pub proceeds_to_associations_share: f64,
}

/// Expiry: the coins held at the end of a month of the year lose their validity unless the
/// holder renews them with a stamp (docs/ODD.md 7.14).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Expiry {
    /// Month of the year (1 January to 12 December) at whose end coins expire; 0 for none.
    /// Default 0; 0 to 12.
    pub month_of_year: u32,
    /// Share of its coins a holder pays, in coins, to renew the rest; 1 means the coins
    /// cannot be renewed and all expire. Default 0.0; 0 to 1.
    pub renewal_share: f64,
}

impl Default for Demurrage {
    fn default() -> Self {
        Demurrage {
            rate_per_period: 0.0,
            period_months: 1,
            grace_months: 0,
            proceeds_to_associations_share: 0.0,
        }
    }
}

fn check_coin_income(c: &mut Checker, s: &Scenario) {
    let k = &s.coins;
    if !k.enabled {
        return;
    }
    let p = &s.levers.pay_residents;
    let coins = k.issuance.per_volunteer_hour
        * k.issuance.volunteer_hours_share
        * s.behaviour.volunteer_hours_per_month
        + k.issuance.per_training_month
        + if p.enabled {
            p.coins_per_hour * p.hours_per_month
        } else {
            0.0
        };
    let bonus = if s.levers.benefits_tied_to_coins.enabled {
        s.levers.benefits_tied_to_coins.bonus_eur_per_coin
    } else {
        0.0
    };
    let eur = coins * k.value_eur.max(bonus);
    if eur > COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX {
        c.push(
            "coins.issuance.per_volunteer_hour",
            format!(
                "lets a resident earn up to {coins:.0} coins a month, worth EUR {eur:.0} (at EUR {:.2} a coin), above EUR {COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX:.0}",
                k.value_eur.max(bonus)
            ),
            "lower the coins per volunteer hour or training month (or lever 7's coins per hour), the coin's value, or lever 1's bonus per coin; amounts this large overflow the ledger".into(),
        );
    }
}

impl CoinScheme {
    /// Range checks of the coin's fields and the bound on coin income.
    pub(crate) fn check(&self, c: &mut Checker, s: &Scenario) {
        check_coin_income(c, s);

        let k = self;
        c.range(
            "coins.value_eur",
            k.value_eur,
            0.001,
            1000.0,
            "EUR per coin",
        );
        c.range(
            "coins.issuance.per_volunteer_hour",
            k.issuance.per_volunteer_hour,
            0.0,
            1e6,
            "coins per hour",
        );
        c.share(
            "coins.issuance.volunteer_hours_share",
            k.issuance.volunteer_hours_share,
        );
        c.range(
            "coins.issuance.per_training_month",
            k.issuance.per_training_month,
            0.0,
            1e6,
            "coins per month",
        );
        c.range(
            "coins.issuance.opening_coins_per_household",
            k.issuance.opening_coins_per_household,
            0.0,
            1e9,
            "coins",
        );
        c.share("coins.backing_share", k.backing_share);
        c.share(
            "coins.purchase.share_of_local_spending",
            k.purchase.share_of_local_spending,
        );
        c.share("coins.purchase.bonus_share", k.purchase.bonus_share);
        let p = &k.participation;
        c.share("coins.participation.ceiling_share", p.ceiling_share);
        c.share("coins.participation.start_share", p.start_share);
        c.share(
            "coins.participation.innovation_per_year",
            p.innovation_per_year,
        );
        c.range(
            "coins.participation.imitation_per_year",
            p.imitation_per_year,
            0.0,
            5.0,
            "per year",
        );
        c.share(
            "coins.acceptance.business_supplies_share",
            k.acceptance.business_supplies_share,
        );
        c.share(
            "coins.acceptance.owner_draw_share",
            k.acceptance.owner_draw_share,
        );
        c.share("coins.acceptance.wage_share", k.acceptance.wage_share);
        c.range(
            "coins.acceptance.pass_on_cost_max_share",
            k.acceptance.pass_on_cost_max_share,
            0.001,
            1.0,
            "share of a coin's value",
        );
        c.share("coins.acceptance.start_share", k.acceptance.start_share);
        c.range(
            "coins.acceptance.coin_user_preference",
            k.acceptance.coin_user_preference,
            0.0,
            10.0,
            "(factor on a candidate shop's weight, less 1)",
        );
        c.range(
            "coins.acceptance.membership_eur_per_month",
            k.acceptance.membership_eur_per_month,
            0.0,
            1000.0,
            "EUR a month",
        );
        c.range(
            "coins.acceptance.handling_cost_max_eur_per_month",
            k.acceptance.handling_cost_max_eur_per_month,
            0.0,
            10_000.0,
            "EUR a month",
        );
        c.share("coins.redemption.fee_share", k.redemption.fee_share);
        c.share(
            "coins.redemption.fee_to_associations_share",
            k.redemption.fee_to_associations_share,
        );
        c.share(
            "coins.demurrage.rate_per_period",
            k.demurrage.rate_per_period,
        );
        c.int(
            "coins.demurrage.period_months",
            k.demurrage.period_months as u64,
            1,
            12,
            "months",
        );
        c.int(
            "coins.demurrage.grace_months",
            k.demurrage.grace_months as u64,
            0,
            24,
            "months",
        );
        c.share(
            "coins.demurrage.proceeds_to_associations_share",
            k.demurrage.proceeds_to_associations_share,
        );
        c.int(
            "coins.expiry.month_of_year",
            k.expiry.month_of_year as u64,
            0,
            12,
            "month of the year (0: no expiry)",
        );
        c.share("coins.expiry.renewal_share", k.expiry.renewal_share);
        c.share(
            "coins.spend_propensity_per_month",
            k.spend_propensity_per_month,
        );
        c.range(
            "coins.demurrage_semi_elasticity",
            k.demurrage_semi_elasticity,
            0.0,
            20.0,
            "(per unit of annual demurrage rate)",
        );
        for (i, name) in k.neighbourhoods.iter().enumerate() {
            c.neighbourhood_name(s, &format!("coins.neighbourhoods[{i}]"), name);
        }
    }
}
