//! The scenario file's types: every field, its default and its unit.
//!
//! Every struct is `#[serde(default, deny_unknown_fields)]`: a file states only what it
//! changes, and a misspelt field is an error, never silently ignored. Ranges are checked in
//! [`super::validate`]; `docs/scenario-format.md` lists every field.

use super::levers::{CoinScheme, Levers};
use serde::{Deserialize, Serialize};

/// A complete scenario: a city of one or more neighbourhoods and the rules of its economy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// Short name, used in output folders and reports.
    pub name: String,
    /// What the scenario models, in a sentence or two.
    pub description: String,
    /// Seed, length and checks of the run.
    pub run: Run,
    /// Parts of the economy that can be switched off to run degenerate cases.
    pub economy: Economy,
    /// Behavioural parameters of residents and businesses.
    pub behaviour: Behaviour,
    /// The municipality (gemeente): benefits, taxes, contracts, subsidies.
    pub municipality: Municipality,
    /// The national government: state pension and the municipal fund.
    pub national: National,
    /// The world outside the city: jobs and their wages.
    pub outside: Outside,
    /// The regional labour market the city is part of (format 2).
    pub region: Region,
    /// The social coin scheme; off by default.
    pub coins: CoinScheme,
    /// The policy levers; all off by default.
    pub levers: Levers,
    /// The neighbourhoods (wijken) of the city; at least one.
    pub neighbourhoods: Vec<Neighbourhood>,
    /// What the policy aims at (e.g. 10% fewer households on benefits by year 4); a
    /// comparison reports for each the share of replications that meet it. Not written
    /// when empty, so that scenarios without targets resolve as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "unnamed".into(),
            description: String::new(),
            run: Run::default(),
            economy: Economy::default(),
            behaviour: Behaviour::default(),
            municipality: Municipality::default(),
            national: National::default(),
            outside: Outside::default(),
            region: Region::default(),
            coins: CoinScheme::default(),
            levers: Levers::default(),
            neighbourhoods: vec![Neighbourhood::default()],
            targets: Vec::new(),
        }
    }
}

/// The length of one tick. Only `Month` is supported: every flow the policy documents name
/// (wages, benefits, rent, fees) is monthly, and a month keeps ten-year runs of a million
/// residents fast. See ARCHITECTURE.md, "Time".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tick {
    /// One tick is one calendar month; a quarter is 3 ticks, a year 12.
    Month,
}

/// Seed, length and checks of the run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Run {
    /// Root seed of every random stream. Default 42.
    pub seed: u64,
    /// Simulated years. Default 10; 1 to 200.
    pub years: u32,
    /// Length of a tick. Default `Month` (the only option).
    pub tick: Tick,
    /// Check every tick that the books balance (sum zero, no overdrawn account); a failure
    /// stops the run with the seed and tick. Default true; costs about 1% of run time.
    pub check_books: bool,
    /// Years the economy runs, every lever off and unreported, before the reported years
    /// start (docs/ODD.md, "Burn-in"). Default [`BURN_IN_YEARS_DEFAULT`]; 0 to 100; 0
    /// reports from the built world.
    pub burn_in_years: u32,
}

/// The default of `run.burn_in_years`, measured (docs/ODD.md, "Burn-in").
pub const BURN_IN_YEARS_DEFAULT: u32 = 25;

impl Default for Run {
    fn default() -> Self {
        Run {
            seed: 42,
            years: 10,
            tick: Tick::Month,
            check_books: true,
            burn_in_years: BURN_IN_YEARS_DEFAULT,
        }
    }
}

/// Switches for parts of the economy, all on by default. Turning parts off gives the
/// degenerate economies whose results are known in closed form (see docs/ODD.md).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Economy {
    /// Outside jobs, outside shops, outside suppliers, landlords, commuters and outside
    /// customers. Off: a closed economy (all spending is local).
    pub outside_world: bool,
    /// Businesses buy supplies.
    pub supplies: bool,
    /// Income tax.
    pub taxes: bool,
    /// Social assistance (bijstand).
    pub benefits: bool,
    /// State pension (AOW) for residents over the pension age.
    pub pensions: bool,
    /// Housing rent and business premises rent.
    pub rent: bool,
    /// Associations: fees, subsidies, volunteering.
    pub associations: bool,
    /// Municipal contracts awarded by tender.
    pub procurement: bool,
    /// Business failures and starts.
    pub business_dynamics: bool,
    /// Job search, hiring, lay-offs and quits. Off: employment stays as it started.
    pub labour_market: bool,
    /// Training and skill growth.
    pub training: bool,
    /// The national government's municipal fund.
    pub national_transfers: bool,
    /// Disability benefits (WIA, Wajong) for residents unable to work, paid by the
    /// national government.
    pub disability_benefits: bool,
    /// Unemployment insurance (WW) for employees who lose a job involuntarily, paid by the
    /// national government (`national.unemployment_insurance`).
    pub unemployment_insurance: bool,
    /// The income-dependent rent and health-care allowances (huurtoeslag, zorgtoeslag),
    /// paid by the national government (`national.rent_allowance`,
    /// `national.health_allowance`).
    pub allowances: bool,
    /// Ageing: residents grow older each January, children become adults at 18, adults
    /// retire at the pension age, and at the end of life a resident is replaced by a
    /// newborn (by a young adult if they were the household's only adult), which keeps the
    /// population size constant.
    pub demography: bool,
}

impl Default for Economy {
    fn default() -> Self {
        Economy {
            outside_world: true,
            supplies: true,
            taxes: true,
            benefits: true,
            pensions: true,
            rent: true,
            associations: true,
            procurement: true,
            business_dynamics: true,
            labour_market: true,
            training: true,
            national_transfers: true,
            disability_benefits: true,
            unemployment_insurance: true,
            allowances: true,
            demography: true,
        }
    }
}

/// Behavioural parameters, shared by all neighbourhoods.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Behaviour {
    /// Propensity to consume out of last month's disposable income (Godley-Lavoie alpha1).
    /// Default 0.9; 0 to 1.
    pub consumption_alpha1: f64,
    /// Propensity to consume out of wealth, per month (alpha2). Default 0.03; 0 to 1.
    pub consumption_alpha2: f64,
    /// Spending floor per household member per month, paid if the balance allows.
    /// Default 200 EUR; 0 to 5000.
    pub subsistence_eur_per_person_month: f64,
    /// Chance per month that a household tries another local shop in a sector. Default 0.02.
    pub shop_switch_probability_per_month: f64,
    /// How strongly the local share of a household's spending answers the price of local
    /// purchases relative to outside ones: the coefficient beta of the binary logit
    /// s = 1 / (1 + exp(-(logit(s0) - beta ln(P_local / P_outside)))). Default 2.0; 0 to 20.
    pub shop_choice_price_sensitivity: f64,
    /// Shops a household compares when it reconsiders where it buys in a sector: the one it
    /// uses and random others of the sector in its neighbourhood, chosen by a multinomial
    /// logit on the log price with `shop_choice_price_sensitivity` (docs/ODD.md 7.4).
    /// Default 3; 1 to 8.
    pub shop_candidates: u32,
    /// Chance per month that a business reviews its markup (Dhyne et al. 2006: 15% of
    /// euro-area consumer prices change in a month). Default 0.15; 0 to 1.
    pub price_review_probability_per_month: f64,
    /// Largest relative change of a business's markup factor at a review: up by a uniform
    /// share of it when demand exceeded capacity, down when it fell short. An assumption
    /// (docs/ODD.md 7.11). Default 0.1; 0 to 0.5.
    pub markup_step_max: f64,
    /// Chance that a vacancy is first offered to the personal network (persoonlijk netwerk)
    /// of the business owner. Default 0.4.
    pub referral_probability: f64,
    /// Chance that a random search for a candidate looks in another neighbourhood of the
    /// city. Default 0.2.
    pub search_other_neighbourhood_probability: f64,
    /// Random candidates a business looks at per vacancy before giving up. Default 4; 1 to 100.
    pub candidates_per_vacancy: u32,
    /// Chance per month that an employee of a local business quits. Default 0.01.
    pub quit_probability_per_month: f64,
    /// Chance per month that an unemployed resident starts a training. Default 0.02.
    pub training_probability_per_month: f64,
    /// Length of a training. Default 6 months; 1 to 60.
    pub training_months: u32,
    /// Hours of training per month in training (for the training-hours indicator).
    /// Default 40; 0 to 200.
    pub training_hours_per_month: f64,
    /// Mean skill gained by completing a training (skill is 0 to 1). Default 0.1.
    pub training_skill_gain: f64,
    /// Standard deviation of the skill a completed training gives (a normal draw, never
    /// below 0): some courses teach nothing that employers value. Default 0.1; 0 to 1.
    pub training_skill_gain_sd: f64,
    /// Months over which a completed training's skill gain takes effect, in equal steps
    /// from the month of completion (returns to training rise over two to three years,
    /// docs/ODD.md 7.10). Default 24; 1 to 120.
    pub training_gain_months: u32,
    /// Chance per month that a trainee drops out, without the gain. Default 0.03; 0 to 1.
    pub training_dropout_probability_per_month: f64,
    /// What a month of training costs the municipality, paid to a provider outside the
    /// city. Default 500 EUR; 0 to 10,000.
    pub training_cost_eur_per_month: f64,
    /// Training places per 1000 residents of a neighbourhood (trainees at one time); no
    /// training starts while they are full. Default 10; 0 to 1000.
    pub training_places_per_1000_residents: f64,
    /// Skill lost per month of unemployment. Default 0.002.
    pub skill_loss_per_month_unemployed: f64,
    /// Contacts in each resident's personal network. Default 8; 0 to 64.
    pub network_contacts: u32,
    /// Share of the gap between a business's target and actual staff closed per month.
    /// Default 0.3; 0 to 1.
    pub staff_adjustment_per_month: f64,
    /// Weight of this month's revenue in a business's expected revenue (exponential
    /// smoothing). Default 0.25; 0 to 1.
    pub revenue_smoothing: f64,
    /// Months of costs a business keeps as cash before paying profit to its owner.
    /// Default 2.0; 0 to 24.
    pub cash_buffer_months: f64,
    /// Consecutive months a business may fail to pay its bills before it fails.
    /// Default 3; 1 to 24.
    pub months_in_arrears_before_failure: u32,
    /// Expected monthly profit below which an owner gives up (counted as a failure after
    /// `months_in_arrears_before_failure` such months). Default 900 EUR.
    pub owner_income_min_eur_per_month: f64,
    /// Chance a month that an owner stops a trading business for reasons the model has
    /// not (a job offer, a move, a change of plans). Default 0.0031, calibrated with the
    /// start rate to CBS's exits of 6.2 to 6.5% of businesses a year (docs/ODD.md 7.11);
    /// 0 to 1.
    pub owner_stop_probability_per_month: f64,
    /// Months after a start during which low expected profit does not close a business.
    /// Default 12; 0 to 120.
    pub start_grace_months: u32,
    /// Savings (at most) an owner puts into a new business. Default 5000 EUR.
    pub start_capital_eur: f64,
    /// Chance per month that a member resident volunteers at the association (doubled for
    /// unemployed and retired residents). Default 0.15.
    pub volunteer_probability_per_month: f64,
    /// Hours a volunteer gives in a month. Default 12; 0 to 200.
    pub volunteer_hours_per_month: f64,
    /// An adult's time budget: hours a month net of personal care (sleep, meals,
    /// hygiene), shared between paid work, job search, training, volunteering,
    /// participation and care (SCP time-use survey 2016). Default 393; 200 to 744.
    pub time_budget_hours_per_month: f64,
    /// Hours a month a job seeker with nothing else planned spends on job search (the
    /// standard effort; each hour of training, volunteering or participation takes its
    /// share of the budget from search). Default 7; 0.5 to 100.
    pub search_hours_per_month: f64,
    /// Relative rise in a job seeker's chance of a job at full weak ties (a steady
    /// volunteer or participant): referrals through contacts made volunteering.
    /// Default 0.1; 0 to 0.5.
    pub weak_tie_job_chance_gain: f64,
    /// Skill gained in a month of volunteering or participation. Default 0.0005; 0 to 0.01.
    pub volunteer_skill_gain_per_month: f64,
    /// Chance per month that a non-member household joins its neighbourhood's association.
    /// Default 0.005.
    pub membership_join_probability_per_month: f64,
    /// Chance per month that a member household leaves when the association lacks
    /// volunteers (scaled by the shortfall). Default 0.02.
    pub membership_leave_probability_per_month: f64,
    /// Pension age (AOW). Default 67 years.
    pub pension_age_years: u32,
    /// Hours a week of a full-time job, at which a sector's monthly wage is paid; a job of
    /// fewer hours pays the same hourly wage. Default 36 (EUR 13.27 x 156 hours a month =
    /// the EUR 2,069.40 monthly minimum wage, 2024); 1 to 60.
    pub full_time_hours_per_week: f64,
    /// The reservation gain: a job seeker accepts a job only if the household's disposable
    /// income, once the earnings disregard has run out, rises by at least this much a month.
    /// Default 100 EUR (an assumption inside the EUR 0 to 200 that docs/ODD.md 7.16 derives);
    /// 0 to 2000.
    pub reservation_gain_eur_per_month: f64,
    /// Age at which a resident leaves the population and a newborn takes their place (a
    /// young adult if they were the household's only adult).
    /// Default 84 years.
    pub life_expectancy_years: u32,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            consumption_alpha1: 0.9,
            consumption_alpha2: 0.03,
            subsistence_eur_per_person_month: 200.0,
            shop_switch_probability_per_month: 0.02,
            shop_choice_price_sensitivity: 2.0,
            shop_candidates: 3,
            price_review_probability_per_month: 0.15,
            markup_step_max: 0.1,
            referral_probability: 0.4,
            search_other_neighbourhood_probability: 0.2,
            candidates_per_vacancy: 4,
            quit_probability_per_month: 0.01,
            training_probability_per_month: 0.02,
            training_months: 6,
            training_hours_per_month: 40.0,
            training_skill_gain: 0.1,
            training_skill_gain_sd: 0.1,
            training_gain_months: 24,
            training_dropout_probability_per_month: 0.03,
            training_cost_eur_per_month: 500.0,
            training_places_per_1000_residents: 10.0,
            skill_loss_per_month_unemployed: 0.002,
            network_contacts: 8,
            staff_adjustment_per_month: 0.3,
            revenue_smoothing: 0.25,
            cash_buffer_months: 2.0,
            months_in_arrears_before_failure: 3,
            owner_income_min_eur_per_month: 900.0,
            owner_stop_probability_per_month: 0.0031,
            start_grace_months: 12,
            start_capital_eur: 5000.0,
            volunteer_probability_per_month: 0.15,
            volunteer_hours_per_month: 12.0,
            time_budget_hours_per_month: 393.0,
            search_hours_per_month: 7.0,
            weak_tie_job_chance_gain: 0.1,
            volunteer_skill_gain_per_month: 0.0005,
            membership_join_probability_per_month: 0.005,
            membership_leave_probability_per_month: 0.02,
            pension_age_years: 67,
            life_expectancy_years: 84,
            full_time_hours_per_week: 36.0,
            reservation_gain_eur_per_month: 100.0,
        }
    }
}

/// The municipality: benefit rules, taxes, contracts and subsidies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Municipality {
    /// Bijstand norm for a single adult, net per month incl. holiday pay (1 Jan 2025).
    /// Default 1345.45 EUR.
    pub bijstand_norm_single_eur_per_month: f64,
    /// Bijstand norm for a couple, net per month (1 Jan 2025). Default 1922.07 EUR.
    pub bijstand_norm_couple_eur_per_month: f64,
    /// Share of earnings not deducted from the benefit (earnings disregard). Default 0.25.
    pub earnings_disregard_share: f64,
    /// Maximum disregarded earnings per month. Default 269 EUR.
    pub earnings_disregard_cap_eur_per_month: f64,
    /// Months for which the disregard applies. Default 6; 0 to 120.
    pub earnings_disregard_months: u32,
    /// Asset limit for a single adult. Default 7575 EUR.
    pub asset_limit_single_eur: f64,
    /// Asset limit for a couple. Default 15150 EUR.
    pub asset_limit_couple_eur: f64,
    /// Chance that the municipality sanctions a household on bijstand one of whose members
    /// declined a job offer (bijstand requires accepting suitable work). Default 0.3 (an
    /// assumption; docs/ODD.md 7.16); 0 to 1.
    pub refusal_sanction_probability: f64,
    /// Share of the next month's bijstand withheld by that sanction. Default 1.0 (100% for
    /// one month, the Participatiewet's measure for refusing work); 0 to 1.
    pub refusal_sanction_share: f64,
    /// Flat income tax rate on earnings (wages and owners' profit) and disability benefits,
    /// an average effective rate including social contributions, used only when
    /// `national.income_tax.schedule` is false; collected by the national government.
    /// Default 0.15; 0 to 1.
    pub income_tax_rate: f64,
    /// Local taxes (property tax, waste levy) per household per month, collected by the
    /// municipality. Default 40 EUR.
    pub local_tax_eur_per_household_month: f64,
    /// Contracts awarded by tender ("aanbesteding").
    pub procurement: Procurement,
    /// Subsidy per association per month. Default 400 EUR.
    pub subsidy_eur_per_association_month: f64,
}

impl Default for Municipality {
    fn default() -> Self {
        Municipality {
            bijstand_norm_single_eur_per_month: 1345.45,
            bijstand_norm_couple_eur_per_month: 1922.07,
            earnings_disregard_share: 0.25,
            earnings_disregard_cap_eur_per_month: 269.0,
            earnings_disregard_months: 6,
            asset_limit_single_eur: 7575.0,
            asset_limit_couple_eur: 15150.0,
            refusal_sanction_probability: 0.3,
            refusal_sanction_share: 1.0,
            income_tax_rate: 0.15,
            local_tax_eur_per_household_month: 40.0,
            procurement: Procurement::default(),
            subsidy_eur_per_association_month: 400.0,
        }
    }
}

/// Municipal contracts for public services, tendered per neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Procurement {
    /// Public-space maintenance (wijkbeheer) per resident per month, awarded to a
    /// maintenance business. Default 6 EUR.
    pub maintenance_eur_per_resident_month: f64,
    /// Youth and elderly care per resident per month, awarded to a care business.
    /// Default 20 EUR.
    pub care_eur_per_resident_month: f64,
    /// Chance that a tender is won by a business of the neighbourhood (if one exists in the
    /// sector) rather than a firm from outside the city. Default 0.5.
    pub local_award_probability: f64,
    /// Length of a contract; tenders are held when one ends. Default 12 months; 1 to 120.
    pub contract_months: u32,
}

impl Default for Procurement {
    fn default() -> Self {
        Procurement {
            maintenance_eur_per_resident_month: 6.0,
            care_eur_per_resident_month: 20.0,
            local_award_probability: 0.5,
            contract_months: 12,
        }
    }
}

/// The national government.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct National {
    /// State pension (AOW) of a single pensioner, net per month. Default 1580 EUR.
    pub aow_single_eur_per_month: f64,
    /// State pension of a couple, net per month. Default 2170 EUR.
    pub aow_couple_eur_per_month: f64,
    /// Municipal fund (gemeentefonds) per resident per month, for the municipal tasks the
    /// model covers (bijstand, contracts, subsidies). Default 55 EUR.
    pub municipal_fund_eur_per_resident_month: f64,
    /// Disability benefit of a resident unable to work, gross per month: 75% of the
    /// minimum wage (the Wajong maximum; WIA pays 70 to 75% of the last wage). Default
    /// 1552.05 EUR (75% of EUR 2,069.40, 2024); 0 to 10,000.
    pub disability_benefit_eur_per_month: f64,
    /// Share of the residents unable to work who receive a disability benefit; the others
    /// depend on bijstand. Default 0.73 (docs/ODD.md, "Income support"); 0 to 1.
    pub disability_benefit_share_of_unable: f64,
    /// Unemployment insurance (WW) of employees who lose a job involuntarily.
    pub unemployment_insurance: UnemploymentInsurance,
    /// Income tax on earnings and benefits (box 1, below the pension age).
    pub income_tax: IncomeTax,
    /// The rent allowance (huurtoeslag) of tenant households.
    pub rent_allowance: RentAllowance,
    /// The health-care allowance (zorgtoeslag).
    pub health_allowance: HealthAllowance,
    /// The statistics office's low-income threshold (CBS lage-inkomensgrens) of a single
    /// person, per month, for the indicator `low_income_rate`: a fixed line of purchasing
    /// power, applied to equivalised income. Default 1370 EUR (docs/ODD.md 7.18); 0 to
    /// 10,000.
    pub low_income_line_eur_per_month: f64,
}

/// Unemployment insurance (WW), the rules of UWV (docs/ODD.md 7.2, step 3b): an employee
/// who loses a job involuntarily after `tenure_months_min` months with a wage receives
/// `first_months_share` of the last gross wage for `first_months` months, then
/// `later_share`, for `base_months`, or, after a working life of at least
/// `history_years_min` years, a month a year for the first ten years and half a month a
/// year beyond, at most `max_months`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UnemploymentInsurance {
    /// Share of the last wage paid in the first months. Default 0.75; 0 to 1.
    pub first_months_share: f64,
    /// Share paid after them. Default 0.70; 0 to 1.
    pub later_share: f64,
    /// Months at the first share. Default 2; 0 to 24.
    pub first_months: u8,
    /// Months of benefit with the tenure alone (the wekeneis). Default 3; 0 to 60.
    pub base_months: u32,
    /// Longest benefit, months. Default 24; 0 to 60.
    pub max_months: u32,
    /// Months in a row with a wage before the job loss that earn a benefit (26 of the last
    /// 36 weeks). Default 6; 1 to 120.
    pub tenure_months_min: u16,
    /// Years of working life from which the duration grows with it (the jareneis, four of
    /// the last five years). Default 4; 0 to 50.
    pub history_years_min: u32,
}

impl Default for UnemploymentInsurance {
    fn default() -> Self {
        UnemploymentInsurance {
            first_months_share: 0.75,
            later_share: 0.70,
            first_months: 2,
            base_months: 3,
            max_months: 24,
            tenure_months_min: 6,
            history_years_min: 4,
        }
    }
}

/// Income tax, box 1 below the pension age: brackets, the general tax credit
/// (algemene heffingskorting) and the labour tax credit (arbeidskorting). Defaults of 2025
/// (docs/ODD.md 7.16). Annual amounts; the model taxes a month's income as a twelfth of
/// twelve times it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IncomeTax {
    /// Use this schedule; false: the flat `municipality.income_tax_rate`. Default true.
    pub schedule: bool,
    /// Upper limits of every bracket but the last, EUR a year, increasing. Default
    /// `[38441.0, 76817.0]`.
    pub bracket_limits_eur_per_year: Vec<f64>,
    /// Rate of each bracket, one more than the limits. Default `[0.3582, 0.3748, 0.495]`.
    pub bracket_rates: Vec<f64>,
    /// The general tax credit at low incomes. Default 3068 EUR a year.
    pub general_credit_max_eur_per_year: f64,
    /// Income above which the general credit falls. Default 28406 EUR a year.
    pub general_credit_phaseout_from_eur_per_year: f64,
    /// Share of income above that by which the general credit falls. Default 0.06337.
    pub general_credit_phaseout_rate: f64,
    /// The labour tax credit as (annual earnings, credit) knots in EUR, linear between them
    /// and constant after the last; the first is (0, 0). Default `[(0.0, 0.0),
    /// (12849.0, 980.0), (27755.0, 5220.0), (43071.0, 5599.0), (129077.0, 0.0)]`.
    pub labour_credit_knots_eur_per_year: Vec<(f64, f64)>,
}

impl Default for IncomeTax {
    fn default() -> Self {
        IncomeTax {
            schedule: true,
            bracket_limits_eur_per_year: vec![38441.0, 76817.0],
            bracket_rates: vec![0.3582, 0.3748, 0.495],
            general_credit_max_eur_per_year: 3068.0,
            general_credit_phaseout_from_eur_per_year: 28406.0,
            general_credit_phaseout_rate: 0.06337,
            labour_credit_knots_eur_per_year: vec![
                (0.0, 0.0),
                (12849.0, 980.0),
                (27755.0, 5220.0),
                (43071.0, 5599.0),
                (129077.0, 0.0),
            ],
        }
    }
}

/// The rent allowance (huurtoeslag), simplified (docs/ODD.md 7.16): the rent above the base
/// rent is covered in full up to the quality threshold, by `share_to_capping` up to the
/// capping threshold, and (singles only) by `share_above_capping_single` up to the maximum
/// rent; the allowance falls by `withdrawal_rate` of annual test income above an income-free
/// amount. Defaults of 2024.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RentAllowance {
    /// Base rent (basishuur) at low incomes. Default 190.87 EUR a month.
    pub base_rent_eur_per_month: f64,
    /// Quality threshold (kwaliteitskortingsgrens). Default 454.47 EUR a month.
    pub quality_threshold_eur_per_month: f64,
    /// Capping threshold of a single (aftoppingsgrens laag). Default 650.43 EUR a month.
    pub capping_threshold_single_eur_per_month: f64,
    /// Capping threshold of two or more adults (hoog). Default 697.07 EUR a month.
    pub capping_threshold_couple_eur_per_month: f64,
    /// Highest rent that gives a right to it (huurtoeslaggrens). Default 879.66 EUR a month.
    pub max_rent_eur_per_month: f64,
    /// Share covered between the quality and the capping threshold. Default 0.65.
    pub share_to_capping: f64,
    /// Share covered above the capping threshold, singles. Default 0.4.
    pub share_above_capping_single: f64,
    /// Annual test income up to which a single's allowance is whole. Default 19460 EUR.
    pub income_free_single_eur_per_year: f64,
    /// As `income_free_single_eur_per_year`, two or more adults. Default 28860 EUR.
    pub income_free_couple_eur_per_year: f64,
    /// Share of annual test income above the free amount withdrawn. Default 0.26.
    pub withdrawal_rate: f64,
    /// Assets per adult above which nothing is paid. Default 36952 EUR.
    pub asset_limit_eur_per_adult: f64,
}

impl Default for RentAllowance {
    fn default() -> Self {
        RentAllowance {
            base_rent_eur_per_month: 190.87,
            quality_threshold_eur_per_month: 454.47,
            capping_threshold_single_eur_per_month: 650.43,
            capping_threshold_couple_eur_per_month: 697.07,
            max_rent_eur_per_month: 879.66,
            share_to_capping: 0.65,
            share_above_capping_single: 0.4,
            income_free_single_eur_per_year: 19460.0,
            income_free_couple_eur_per_year: 28860.0,
            withdrawal_rate: 0.26,
            asset_limit_eur_per_adult: 36952.0,
        }
    }
}

/// The health-care allowance (zorgtoeslag): whole up to an income, then withdrawn. The
/// premiums it helps pay are not modelled: it is the net transfer. Defaults of 2024.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HealthAllowance {
    /// Allowance of a single at low incomes. Default 123 EUR a month.
    pub max_single_eur_per_month: f64,
    /// Allowance of two or more adults at low incomes. Default 236 EUR a month.
    pub max_couple_eur_per_month: f64,
    /// Annual test income up to which it is whole. Default 26500 EUR.
    pub income_full_eur_per_year: f64,
    /// Share of annual test income above that withdrawn. Default 0.135.
    pub withdrawal_rate: f64,
    /// Assets above which nothing is paid, a single. Default 127582 EUR.
    pub asset_limit_single_eur: f64,
    /// As `asset_limit_single_eur`, two or more adults. Default 161329 EUR.
    pub asset_limit_couple_eur: f64,
}

impl Default for HealthAllowance {
    fn default() -> Self {
        HealthAllowance {
            max_single_eur_per_month: 123.0,
            max_couple_eur_per_month: 236.0,
            income_full_eur_per_year: 26500.0,
            withdrawal_rate: 0.135,
            asset_limit_single_eur: 127582.0,
            asset_limit_couple_eur: 161329.0,
        }
    }
}

impl Default for National {
    fn default() -> Self {
        National {
            aow_single_eur_per_month: 1580.0,
            aow_couple_eur_per_month: 2170.0,
            municipal_fund_eur_per_resident_month: 55.0,
            disability_benefit_eur_per_month: 1552.05,
            disability_benefit_share_of_unable: 0.73,
            unemployment_insurance: UnemploymentInsurance::default(),
            income_tax: IncomeTax::default(),
            rent_allowance: RentAllowance::default(),
            health_allowance: HealthAllowance::default(),
            low_income_line_eur_per_month: 1370.0,
        }
    }
}

/// Employers outside the city. Their vacancies, and how often their jobs end, are the
/// region's ([`Region`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Outside {
    /// Gross wage of an outside job. Default 3200 EUR per month.
    pub wage_eur_per_month: f64,
    /// Skill an outside job asks (skill is 0 to 1): the skill at which an applicant weighs
    /// half as much as a very skilled one in employers' ranking (no hard minimum since
    /// format 2); the minimum for the outside jobs residents hold at the start. Default 0.2.
    pub skill_required: f64,
    /// Price level of the shops outside the city, relative to the local prices at the
    /// start (every local business opens at price 1): what residents compare local prices
    /// with when they choose where to shop. Default 1.0; 0.5 to 2.
    pub price_level: f64,
}

impl Default for Outside {
    fn default() -> Self {
        Outside {
            wage_eur_per_month: 3200.0,
            skill_required: 0.2,
            price_level: 1.0,
        }
    }
}

// The regional labour market (issue 10, item 1). docs/ODD.md 7.9 gives each default's
// source.

/// The regional labour market the city is part of: the rest of the region is an aggregate
/// pool of job seekers, not agents, and the city's job seekers compete with it for the same
/// vacancies through a matching function M = A U^alpha V^(1 - alpha).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Region {
    /// Labour force of the region outside the city, persons. Default 290000 (the Dutch
    /// labour force over its 35 labour-market regions); 0 to 100,000,000.
    pub labour_force_outside_city: u64,
    /// Share of that labour force unemployed at the start. Default 0.036 (CBS, 2023).
    pub unemployment_rate: f64,
    /// Vacancies per unemployed person of the region (CBS publishes them per 100
    /// unemployed). Default 1.15 (mean of 2022-2024); 0.01 to 100.
    pub tightness: f64,
    /// Tightness year by year, year 1 first; years beyond the list keep its last value.
    /// Empty (the default): `tightness` every year. E.g. `[1.15, 0.8, 0.8, 1.0]` for a
    /// recession in years 2 and 3.
    pub tightness_by_year: Vec<f64>,
    /// Matching efficiency A, per month. Default 0.175, calibrated with the separation rate
    /// so that the baseline's residents find jobs at the Dutch monthly rate of 0.167
    /// (docs/ODD.md 7.9); 0 to 10.
    pub matching_efficiency_per_month: f64,
    /// Elasticity alpha of matches with respect to the unemployed. Default 0.5; 0 to 1.
    pub matching_elasticity_unemployment: f64,
    /// Chance per month that an outside job (a resident's or the pool's) ends in
    /// unemployment. Default 0.0070, calibrated with the matching efficiency to the Dutch
    /// 3.6% unemployment (docs/ODD.md 7.9).
    pub separation_rate_per_month: f64,
    /// Mean skill of the region's labour force (0 to 1). Default 0.5.
    pub skill_mean: f64,
    /// Standard deviation of the region's skill. Default 0.2; 0 to 1.
    pub skill_sd: f64,
    /// Scale of employers' ranking by skill: the weight of an applicant of skill x is
    /// 1 / (1 + exp(-(x - outside.skill_required) / scale)). Default 0.1; 0.01 to 1.
    pub ranking_skill_scale: f64,
    /// Share of the region's hiring that the city's own businesses do: outside employers'
    /// chance for residents is scaled by one minus it, so that a city that is a large part
    /// of its region does not count its own employers twice. Default 0 (a few wijken are a
    /// negligible part of a region, docs/ODD.md 7.9); at most 0.38 in practice (CBS: 38%
    /// of employee jobs are in the municipality of residence); 0 to 1.
    pub own_municipality_job_share: f64,
    /// Weight of a job seeker of the city, relative to one from the rest of the region,
    /// among the applicants for a local business's vacancy (distance as a weight in
    /// employers' ranking): a filled local vacancy goes to a resident with the city's
    /// proximity-weighted share of its applicants. Default 20, calibrated to the share of
    /// commutes shorter than a kilometre (docs/ODD.md 7.9); 0 to 100,000.
    pub proximity_weight: f64,
    /// Share of the outside separations that are job losses (which earn unemployment
    /// insurance); the rest of `separation_rate_per_month` stands for the entrants into
    /// unemployment from outside the labour force, whom the two-state market folds into it.
    /// Default 0.70 (CBS: 0.49% of the employed a month become unemployed, against
    /// s = 0.70%, docs/ODD.md 7.2 step 3b); 0 to 1.
    pub job_loss_share_of_separations: f64,
    /// Weekly hours of the outside jobs residents are offered. Default the employed labour
    /// force of 2022 (CBS 82647NED).
    pub weekly_hours: WeeklyHours,
}

/// Shares of jobs by weekly hours, in CBS's classes; a job of a class has its
/// `hours_*` hours a week (the last class: `behaviour.full_time_hours_per_week`).
/// The default is the employed labour force, 1st quarter 2022 (CBS StatLine 82647NED:
/// 886, 670, 2,945 and 4,912 thousand of 9,412 thousand).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WeeklyHours {
    /// Share under 12 hours a week. Default 0.094.
    pub under_12_share: f64,
    /// Share of 12 to 20 hours. Default 0.071.
    pub from_12_to_20_share: f64,
    /// Share of 20 to 35 hours. Default 0.313.
    pub from_20_to_35_share: f64,
    /// Share of 35 hours or more (full time). Default 0.522.
    pub full_time_share: f64,
    /// Hours of a job under 12 hours. Default 8.
    pub hours_under_12: f64,
    /// Hours of a job of 12 to 20 hours. Default 16.
    pub hours_12_to_20: f64,
    /// Hours of a job of 20 to 35 hours. Default 28.
    pub hours_20_to_35: f64,
}

impl Default for WeeklyHours {
    fn default() -> Self {
        WeeklyHours {
            under_12_share: 0.094,
            from_12_to_20_share: 0.071,
            from_20_to_35_share: 0.313,
            full_time_share: 0.522,
            hours_under_12: 8.0,
            hours_12_to_20: 16.0,
            hours_20_to_35: 28.0,
        }
    }
}

impl Default for Region {
    fn default() -> Self {
        Region {
            labour_force_outside_city: 290_000,
            unemployment_rate: 0.036,
            tightness: 1.15,
            tightness_by_year: Vec::new(),
            matching_efficiency_per_month: 0.175,
            matching_elasticity_unemployment: 0.5,
            separation_rate_per_month: 0.0070,
            skill_mean: 0.5,
            skill_sd: 0.2,
            ranking_skill_scale: 0.1,
            own_municipality_job_share: 0.0,
            proximity_weight: 20.0,
            job_loss_share_of_separations: 0.70,
            weekly_hours: WeeklyHours::default(),
        }
    }
}

/// One neighbourhood (wijk).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Neighbourhood {
    /// Name used in output tables. Default "wijk".
    pub name: String,
    /// The residents and their households.
    pub residents: Residents,
    /// The local businesses.
    pub businesses: Businesses,
    /// The associations (verenigingen).
    pub associations: Associations,
}

impl Default for Neighbourhood {
    fn default() -> Self {
        Neighbourhood {
            name: "wijk".into(),
            residents: Residents::default(),
            businesses: Businesses::default(),
            associations: Associations::default(),
        }
    }
}

/// The residents of a neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Residents {
    /// Number of residents, children included. Default 5300 (the Dutch average wijk, CBS
    /// 2022); 1 to 2,000,000.
    pub count: u32,
    /// Average household size. Default 2.1; 1 to 8.
    pub persons_per_household: f64,
    /// Share of residents under 18. Default 0.19.
    pub child_share: f64,
    /// Share of residents at or above the pension age. Default 0.19.
    pub retired_share: f64,
    /// Share of working-age residents able to work (health). Default 0.9.
    pub able_to_work_share: f64,
    /// Mean skill of adults (0 to 1). Default 0.5.
    pub skill_mean: f64,
    /// Standard deviation of skill. Default 0.2; 0 to 1.
    pub skill_sd: f64,
    /// Share of able working-age residents unemployed at the start. Default 0.06.
    pub initial_unemployment_rate: f64,
    /// Median household savings at the start (log-normal). Default 6000 EUR.
    pub wealth_median_eur_per_household: f64,
    /// Dispersion (sigma of the log) of household savings. Default 1.2; 0 to 4.
    pub wealth_sigma: f64,
    /// Housing rent per household per month, paid to landlords outside the city.
    /// Default 700 EUR.
    pub housing_rent_eur_per_household_month: f64,
    /// Share of households that rent their home (tenants, who may receive the rent
    /// allowance); the others own it and pay the same housing costs. Default 0.41 (CBS
    /// Woononderzoek 2012); 0 to 1.
    pub rental_share: f64,
    /// Share of household consumption bought from local businesses ("buy local").
    /// Default 0.3; 0 to 1.
    pub spending_share_local: f64,
    /// Share of households that are members of an association at the start. Default 0.35.
    pub association_membership_share: f64,
}

impl Default for Residents {
    fn default() -> Self {
        Residents {
            count: 5300,
            persons_per_household: 2.1,
            child_share: 0.19,
            retired_share: 0.19,
            able_to_work_share: 0.9,
            skill_mean: 0.5,
            skill_sd: 0.2,
            initial_unemployment_rate: 0.06,
            wealth_median_eur_per_household: 6000.0,
            wealth_sigma: 1.2,
            housing_rent_eur_per_household_month: 700.0,
            rental_share: 0.41,
            spending_share_local: 0.3,
            association_membership_share: 0.35,
        }
    }
}

/// The local businesses of a neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Businesses {
    /// Business establishments per 1000 residents, most of them self-employed (CBS: about
    /// 80). Default 80; 0 to 1000.
    pub per_1000_residents: f64,
    /// Share of employees (owners excluded) who live in the neighbourhood at the start; the
    /// rest commute in. Default 0.4.
    pub resident_share_of_employees: f64,
    /// New business starts per 1000 residents per month, when an unemployed resident with
    /// the skill is found. Default 0.49, calibrated with the owners' stop probability to
    /// about 80 businesses per 1,000 residents and CBS's exit rate (docs/ODD.md 7.11).
    pub starts_per_1000_residents_month: f64,
    /// Cash each business holds at the start, in months of its costs. Default 2.0.
    pub opening_cash_months: f64,
    /// The five sectors. A sector states only what it changes from its own defaults.
    pub sectors: Sectors,
}

impl Default for Businesses {
    fn default() -> Self {
        Businesses {
            per_1000_residents: 80.0,
            resident_share_of_employees: 0.4,
            starts_per_1000_residents_month: 0.49,
            opening_cash_months: 2.0,
            sectors: Sectors::default(),
        }
    }
}

/// The business sectors of a neighbourhood.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sectors {
    /// Groceries and other daily shopping.
    pub groceries: SectorSpec,
    /// Personal services: hairdressers, cafés, repairs for households.
    pub personal_services: SectorSpec,
    /// Maintenance and construction; wins public-space maintenance (wijkbeheer) tenders.
    pub maintenance: SectorSpec,
    /// Care and childcare; wins youth and elderly care tenders.
    pub care: SectorSpec,
    /// Other, mostly self-employed professionals selling outside the neighbourhood.
    pub other: SectorSpec,
}

/// The five business sectors, in the order used everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectorKind {
    /// Groceries and daily shopping.
    Groceries,
    /// Personal services.
    PersonalServices,
    /// Maintenance and construction.
    Maintenance,
    /// Care and childcare.
    Care,
    /// Other services.
    Other,
}

impl SectorKind {
    /// All sectors in index order.
    pub const ALL: [SectorKind; 5] = [
        SectorKind::Groceries,
        SectorKind::PersonalServices,
        SectorKind::Maintenance,
        SectorKind::Care,
        SectorKind::Other,
    ];

    /// Index in [`SectorKind::ALL`] (and in every per-sector column of the model).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The field name in the scenario file.
    pub fn field(self) -> &'static str {
        match self {
            SectorKind::Groceries => "groceries",
            SectorKind::PersonalServices => "personal_services",
            SectorKind::Maintenance => "maintenance",
            SectorKind::Care => "care",
            SectorKind::Other => "other",
        }
    }

    /// The defaults of this sector (documented in docs/scenario-format.md).
    pub fn defaults(self) -> SectorParams {
        let p = |share,
                 employees_mean,
                 wage,
                 productivity,
                 supply_cost_share,
                 supplies_share_outside,
                 rent,
                 outside_sales,
                 household_spending_share,
                 skill_required| SectorParams {
            share_of_businesses: share,
            employees_mean,
            wage_eur_per_month: wage,
            revenue_per_worker_eur_per_month: productivity,
            supply_cost_share,
            supplies_share_outside,
            rent_eur_per_month: rent,
            outside_sales_eur_per_business_month: outside_sales,
            household_spending_share,
            skill_required,
            weekly_hours: WeeklyHours::default(),
        };
        match self {
            SectorKind::Groceries => p(
                0.08, 3.0, 2300.0, 9000.0, 0.7, 0.9, 1500.0, 1000.0, 0.5, 0.1,
            ),
            SectorKind::PersonalServices => {
                p(0.2, 0.8, 2300.0, 4500.0, 0.3, 0.7, 700.0, 800.0, 0.2, 0.2)
            }
            SectorKind::Maintenance => {
                p(0.2, 1.0, 2900.0, 6500.0, 0.4, 0.8, 500.0, 4500.0, 0.12, 0.3)
            }
            SectorKind::Care => p(
                0.12, 1.5, 2800.0, 5000.0, 0.1, 0.6, 600.0, 2500.0, 0.18, 0.4,
            ),
            SectorKind::Other => p(0.4, 0.2, 3500.0, 7000.0, 0.2, 0.8, 300.0, 6000.0, 0.0, 0.5),
        }
    }
}

/// A sector as written in a file: each field, when absent, takes the sector's own default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SectorSpec {
    /// Share of the neighbourhood's businesses in this sector (shares sum to 1).
    pub share_of_businesses: Option<f64>,
    /// Mean number of employees besides the owner at the start.
    pub employees_mean: Option<f64>,
    /// Gross monthly wage of an employee, EUR.
    pub wage_eur_per_month: Option<f64>,
    /// Monthly revenue one worker (owner included) handles; sets the staff a business wants.
    pub revenue_per_worker_eur_per_month: Option<f64>,
    /// Share of revenue spent on supplies.
    pub supply_cost_share: Option<f64>,
    /// Share of supplies bought outside the neighbourhood.
    pub supplies_share_outside: Option<f64>,
    /// Premises rent per month, EUR, paid to landlords outside the city.
    pub rent_eur_per_month: Option<f64>,
    /// Sales per business per month to customers outside the city, EUR.
    pub outside_sales_eur_per_business_month: Option<f64>,
    /// Share of households' local spending that goes to this sector (shares sum to 1).
    pub household_spending_share: Option<f64>,
    /// Minimum skill (0 to 1) to work in this sector.
    pub skill_required: Option<f64>,
    /// Weekly hours of the sector's jobs. Default the employed labour force's
    /// (`region.weekly_hours`' default) in every sector.
    pub weekly_hours: Option<WeeklyHours>,
}

/// A sector with every default filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct SectorParams {
    /// See [`SectorSpec::share_of_businesses`].
    pub share_of_businesses: f64,
    /// See [`SectorSpec::employees_mean`].
    pub employees_mean: f64,
    /// See [`SectorSpec::wage_eur_per_month`].
    pub wage_eur_per_month: f64,
    /// See [`SectorSpec::revenue_per_worker_eur_per_month`].
    pub revenue_per_worker_eur_per_month: f64,
    /// See [`SectorSpec::supply_cost_share`].
    pub supply_cost_share: f64,
    /// See [`SectorSpec::supplies_share_outside`].
    pub supplies_share_outside: f64,
    /// See [`SectorSpec::rent_eur_per_month`].
    pub rent_eur_per_month: f64,
    /// See [`SectorSpec::outside_sales_eur_per_business_month`].
    pub outside_sales_eur_per_business_month: f64,
    /// See [`SectorSpec::household_spending_share`].
    pub household_spending_share: f64,
    /// See [`SectorSpec::skill_required`].
    pub skill_required: f64,
    /// See [`SectorSpec::weekly_hours`].
    pub weekly_hours: WeeklyHours,
}

impl SectorSpec {
    /// Fills absent fields from the defaults of `kind`.
    pub fn resolve(&self, kind: SectorKind) -> SectorParams {
        let d = kind.defaults();
        SectorParams {
            share_of_businesses: self.share_of_businesses.unwrap_or(d.share_of_businesses),
            employees_mean: self.employees_mean.unwrap_or(d.employees_mean),
            wage_eur_per_month: self.wage_eur_per_month.unwrap_or(d.wage_eur_per_month),
            revenue_per_worker_eur_per_month: self
                .revenue_per_worker_eur_per_month
                .unwrap_or(d.revenue_per_worker_eur_per_month),
            supply_cost_share: self.supply_cost_share.unwrap_or(d.supply_cost_share),
            supplies_share_outside: self
                .supplies_share_outside
                .unwrap_or(d.supplies_share_outside),
            rent_eur_per_month: self.rent_eur_per_month.unwrap_or(d.rent_eur_per_month),
            outside_sales_eur_per_business_month: self
                .outside_sales_eur_per_business_month
                .unwrap_or(d.outside_sales_eur_per_business_month),
            household_spending_share: self
                .household_spending_share
                .unwrap_or(d.household_spending_share),
            skill_required: self.skill_required.unwrap_or(d.skill_required),
            weekly_hours: self.weekly_hours.unwrap_or(d.weekly_hours),
        }
    }

    /// The same sector with every field stated.
    pub fn filled(&self, kind: SectorKind) -> SectorSpec {
        let p = self.resolve(kind);
        SectorSpec {
            share_of_businesses: Some(p.share_of_businesses),
            employees_mean: Some(p.employees_mean),
            wage_eur_per_month: Some(p.wage_eur_per_month),
            revenue_per_worker_eur_per_month: Some(p.revenue_per_worker_eur_per_month),
            supply_cost_share: Some(p.supply_cost_share),
            supplies_share_outside: Some(p.supplies_share_outside),
            rent_eur_per_month: Some(p.rent_eur_per_month),
            outside_sales_eur_per_business_month: Some(p.outside_sales_eur_per_business_month),
            household_spending_share: Some(p.household_spending_share),
            skill_required: Some(p.skill_required),
            weekly_hours: Some(p.weekly_hours),
        }
    }
}

impl Sectors {
    /// The spec of one sector.
    pub fn get(&self, kind: SectorKind) -> &SectorSpec {
        match kind {
            SectorKind::Groceries => &self.groceries,
            SectorKind::PersonalServices => &self.personal_services,
            SectorKind::Maintenance => &self.maintenance,
            SectorKind::Care => &self.care,
            SectorKind::Other => &self.other,
        }
    }

    /// All five sectors with their defaults filled in, in [`SectorKind::ALL`] order.
    pub fn resolved(&self) -> [SectorParams; 5] {
        SectorKind::ALL.map(|k| self.get(k).resolve(k))
    }
}

/// The associations of a neighbourhood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Associations {
    /// Associations per 1000 residents. Default 3; 0 to 100.
    pub per_1000_residents: f64,
    /// Membership fee per household per month. Default 12 EUR.
    pub fee_eur_per_month: f64,
    /// Volunteer hours an association needs per month. Default 100.
    pub volunteer_demand_hours_per_month: f64,
    /// Share of association spending at local businesses. Default 0.6.
    pub spending_share_local: f64,
    /// Cash each association holds at the start. Default 2000 EUR.
    pub opening_cash_eur: f64,
}

impl Default for Associations {
    fn default() -> Self {
        Associations {
            per_1000_residents: 3.0,
            fee_eur_per_month: 12.0,
            volunteer_demand_hours_per_month: 100.0,
            spending_share_local: 0.6,
            opening_cash_eur: 2000.0,
        }
    }
}

impl Scenario {
    /// The scenario with every default stated, so that the written file documents the run.
    pub fn resolved(&self) -> Scenario {
        let mut s = self.clone();
        for n in &mut s.neighbourhoods {
            let sec = &mut n.businesses.sectors;
            sec.groceries = sec.groceries.filled(SectorKind::Groceries);
            sec.personal_services = sec.personal_services.filled(SectorKind::PersonalServices);
            sec.maintenance = sec.maintenance.filled(SectorKind::Maintenance);
            sec.care = sec.care.filled(SectorKind::Care);
            sec.other = sec.other.filled(SectorKind::Other);
        }
        s
    }

    /// The scenario its burn-in runs (docs/ODD.md, "Burn-in"): every lever and the coin
    /// scheme at their defaults (off), the region's tightness that of the first reported
    /// year throughout, the name and description empty and `run.years` the burn-in's,
    /// sector defaults stated. Two scenarios that differ only in their levers,
    /// coin scheme, name or reported years have the same burn-in scenario.
    pub fn without_levers(&self) -> Scenario {
        let mut s = self.resolved();
        s.name = String::new();
        s.description = String::new();
        s.levers = Levers::default();
        s.coins = CoinScheme::default();
        s.run.years = s.run.burn_in_years;
        // The region's path over the years is on the reported clock: the burn-in runs in
        // the first reported year's conditions.
        if let Some(&first) = s.region.tightness_by_year.first() {
            s.region.tightness = first;
            s.region.tightness_by_year.clear();
        }
        s
    }

    /// Total residents over all neighbourhoods.
    pub fn resident_count(&self) -> u64 {
        self.neighbourhoods
            .iter()
            .map(|n| n.residents.count as u64)
            .sum()
    }
}

/// What a target's change is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetAgainst {
    /// The value at the start: the nulalternatief's year 1 of the same replicate (both
    /// alternatives start from the same state).
    Start,
    /// The nulalternatief (the base scenario) in the target's year, same replicate.
    Nulalternatief,
}

/// A policy target: `indicator` of `area` in `year` changes by `change` (relative:
/// -0.1 is 10% lower) against the start or the nulalternatief.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Target {
    /// An indicator name of the catalogue (docs/scenario-format.md, "Indicators").
    pub indicator: String,
    /// `city` or a neighbourhood's name.
    pub area: String,
    /// The year by which the target should be met, from 1.
    pub year: u32,
    /// The relative change aimed at: negative for a fall, positive for a rise; met when
    /// the change is at least as large in that direction.
    pub change: f64,
    /// What the change is measured against.
    pub against: TargetAgainst,
    /// The target in the words of the policy document.
    pub description: String,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            indicator: String::new(),
            area: "city".into(),
            year: 4,
            change: -0.1,
            against: TargetAgainst::Start,
            description: String::new(),
        }
    }
}
