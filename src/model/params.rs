//! [`Params`]: everything the ticks need from the scenario, resolved once in
//! [`super::Model::new`]: amounts in cents, the effective tax rate, the coin's value,
//! the contracts as [`ContractSpec`]s, names turned into indices and sectors indexed
//! through [`SectorKind`]. The phases read only this plain data, never the serde
//! [`Scenario`] and never a name.
//!
//! The levers change parameters here too: each policy module's `build` (see
//! [`super::policy`]) edits the resolved `Params` before the first tick, so that a lever
//! that only shifts a share or adds a contract needs no code in the tick at all.
//!
//! *Refactor invariant*: every value is computed with the same operations, in the same
//! order, as the phases did before they read it from here, so that resolving once changes
//! no output bit (`tests/shipped.rs`).

use super::income_rules::{
    Bijstand, HealthAllowance, IncomeRules, RentAllowance, Tax, TaxSchedule,
};
use super::rng::Stream;
pub use super::time::Time;
use crate::scenario::{Scenario, SectorKind, SectorParams, WeeklyHours};

/// Number of business sectors.
pub const SECTORS: usize = SectorKind::ALL.len();

/// Number of municipal contracts per neighbourhood.
pub const CONTRACTS: usize = ContractKind::ALL.len();

/// Euros to cents, rounded to the nearest cent.
pub fn cents(eur: f64) -> i64 {
    (eur * 100.0).round() as i64
}

/// A municipal contract of each neighbourhood, tendered when it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractKind {
    /// Public-space maintenance (`municipality.procurement.maintenance_eur_per_resident_month`).
    Maintenance,
    /// Care (`municipality.procurement.care_eur_per_resident_month`).
    Care,
    /// The supplementary maintenance contract of lever 6, in which residents work.
    MaintenanceSupplement,
}

impl ContractKind {
    /// All contracts in slot order (a contract slot is `neighbourhood * CONTRACTS + kind`).
    pub const ALL: [ContractKind; 3] = [
        ContractKind::Maintenance,
        ContractKind::Care,
        ContractKind::MaintenanceSupplement,
    ];

    /// The sector whose local businesses may win the tender and whose parameters
    /// (wage, skill, revenue per worker) the contract's jobs have.
    pub fn sector(self) -> SectorKind {
        match self {
            ContractKind::Maintenance | ContractKind::MaintenanceSupplement => {
                SectorKind::Maintenance
            }
            ContractKind::Care => SectorKind::Care,
        }
    }

    /// Index in [`ContractKind::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// One contract as the ticks see it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContractSpec {
    /// Which contract.
    pub kind: ContractKind,
    /// Monthly value per resident of the neighbourhood, cents (0: no such contract).
    pub per_resident_cents: i64,
    /// The same value in euros, as the scenario gives it.
    pub eur_per_resident_month: f64,
    /// Share of the contract's labour that must be done by residents (levers 5 and 6);
    /// 0 means no quota.
    pub resident_quota: f64,
}

/// The switches of the economy's parts: the scenario's `economy` section as it is (plain
/// booleans, nothing to derive).
pub type Switches = crate::scenario::Economy;

/// The rules of unemployment insurance as the scenario gives them.
pub type UnemploymentInsurance = crate::scenario::UnemploymentInsurance;

/// Lever 11's campaign in one neighbourhood.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Campaign {
    /// Shift of logit(local share) at the full effect.
    pub shift: f64,
    /// Months it runs from the first reported month; 0 for the whole run.
    pub months: u32,
    /// Share of the effect carried over from one month to the next.
    pub retention: f64,
}

/// Behavioural parameters (`behaviour`), amounts in cents.
#[derive(Clone, Debug, PartialEq)]
pub struct Behaviour {
    /// Consumption out of last month's free income.
    pub consumption_alpha1: f64,
    /// Consumption out of money held.
    pub consumption_alpha2: f64,
    /// Subsistence spending per person per month, cents.
    pub subsistence_cents: i64,
    /// Monthly probability of trying another shop of a sector.
    pub shop_switch_probability: f64,
    /// The logit coefficient of shop choice (the local share, and a shop among the
    /// candidates) on the log of the price.
    pub shop_choice_price_sensitivity: f64,
    /// Shops compared when a household reconsiders a sector (at least 1).
    pub shop_candidates: usize,
    /// Monthly probability that a business reviews its markup.
    pub price_review_probability: f64,
    /// Largest relative step of a markup factor at a review.
    pub markup_step_max: f64,
    /// Price level of outside shops (local prices start at 1).
    pub outside_price_level: f64,
    /// Probability that a vacancy is first offered through the owner's network.
    pub referral_probability: f64,
    /// Probability that a vacancy is searched in another neighbourhood.
    pub search_other_neighbourhood_probability: f64,
    /// Job seekers drawn per vacancy.
    pub candidates_per_vacancy: u32,
    /// Monthly probability that an employee quits.
    pub quit_probability: f64,
    /// Monthly probability that a job seeker starts training.
    pub training_probability: f64,
    /// Length of a training, months (capped at 255).
    pub training_months: u8,
    /// Skill gained by a finished training.
    pub training_skill_gain: f32,
    /// Skill lost per month of unemployment.
    pub skill_loss_per_month_unemployed: f32,
    /// Standard deviation of a completed training's skill gain.
    pub training_skill_gain_sd: f64,
    /// Months over which a completed training's gain takes effect.
    pub training_gain_months: u8,
    /// Monthly probability that a trainee drops out.
    pub training_dropout_probability: f64,
    /// Cost of a training month to the municipality, cents.
    pub training_cost_cents: i64,
    /// Training places per 1000 residents.
    pub training_places_per_1000: f64,
    /// Share of the staffing gap closed per month.
    pub staff_adjustment: f64,
    /// Weight of this month's revenue in expected revenue.
    pub revenue_smoothing: f64,
    /// Months of costs a business keeps as a cash buffer.
    pub cash_buffer_months: f64,
    /// Months in arrears after which a business fails.
    pub arrears_limit: u8,
    /// The owner's minimum expected income, cents.
    pub owner_income_min_cents: f64,
    /// Monthly chance that an owner stops a trading business for reasons outside the model.
    pub owner_stop_probability: f64,
    /// Months after a start before viability counts.
    pub start_grace_months: u32,
    /// Capital a new owner puts in, cents (at most half the household's money).
    pub start_capital_cents: i64,
    /// Monthly probability that an adult volunteers.
    pub volunteer_probability: f64,
    /// Hours a volunteer gives in a month.
    pub volunteer_hours_per_month: f64,
    /// Monthly probability that a household joins an association.
    pub membership_join_probability: f64,
    /// Monthly probability of leaving an association that lacks all its volunteers.
    pub membership_leave_probability: f64,
    /// Pension age, years (capped at 255).
    pub pension_age: u8,
    /// Life expectancy, years (capped at 255).
    pub life_expectancy: u8,
    /// Hours a month of a full-time job (at which a sector's monthly wage is paid).
    pub full_time_hours_per_month: f64,
    /// The reservation gain a month, cents.
    pub reservation_gain_cents: i64,
}

/// Weeks in a month, for hours a week to hours a month.
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// The distribution of a job's contract hours: four classes with their shares and hours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HoursDist {
    /// Cumulative shares of the classes (the last is 1).
    pub cumulative: [f64; 4],
    /// Hours a month of a job of each class.
    pub hours_per_month: [f32; 4],
}

impl HoursDist {
    /// Resolves CBS's classes; the last has the full-time hours.
    pub fn resolve(w: &WeeklyHours, full_time_per_week: f64) -> HoursDist {
        let shares = [
            w.under_12_share,
            w.from_12_to_20_share,
            w.from_20_to_35_share,
            w.full_time_share,
        ];
        let total: f64 = shares.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let mut cumulative = [0.0; 4];
        let mut acc = 0.0;
        for (c, s) in cumulative.iter_mut().zip(shares) {
            acc += s / total;
            *c = acc;
        }
        cumulative[3] = 1.0;
        let h = |weekly: f64| (weekly * WEEKS_PER_MONTH) as f32;
        HoursDist {
            cumulative,
            hours_per_month: [
                h(w.hours_under_12),
                h(w.hours_12_to_20),
                h(w.hours_20_to_35),
                h(full_time_per_week),
            ],
        }
    }

    /// One job's hours a month.
    pub fn draw(&self, rng: &mut Stream) -> f32 {
        let u = rng.unit();
        let class = self.cumulative.iter().position(|&c| u < c).unwrap_or(3);
        self.hours_per_month[class]
    }

    /// Mean hours a month.
    pub fn mean(&self) -> f64 {
        let mut prev = 0.0;
        let mut mean = 0.0;
        for (c, h) in self.cumulative.iter().zip(self.hours_per_month) {
            mean += (c - prev) * h as f64;
            prev = *c;
        }
        mean
    }
}

/// The monthly wage of a job of `hours` a month at the hourly wage of a full-time monthly
/// wage `full_time_cents`, cents.
#[inline]
pub fn wage_for_hours(full_time_cents: i64, hours: f32, full_time_hours: f64) -> i64 {
    (full_time_cents as f64 * hours as f64 / full_time_hours).round() as i64
}

/// The municipality's monthly amounts (bijstand's norms and disregard are in
/// [`Params::income`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Municipality {
    /// Local tax per household per month, cents (0 without taxes).
    pub local_tax_cents: i64,
    /// Asset limit of a single, cents.
    pub asset_limit_single_cents: i64,
    /// Asset limit of a couple, cents.
    pub asset_limit_couple_cents: i64,
    /// Chance that a refused job offer of a household on bijstand is sanctioned.
    pub refusal_sanction_probability: f64,
    /// Share of the next benefit the sanction withholds.
    pub refusal_sanction_share: f64,
    /// Subsidy per association per month, cents.
    pub subsidy_cents: i64,
    /// Probability that a local business wins a tender.
    pub local_award_probability: f64,
    /// Length of a contract, months.
    pub contract_months: u32,
    /// The contracts of every neighbourhood, in slot order.
    pub contracts: [ContractSpec; CONTRACTS],
}

/// National amounts and outside employers (their market is [`Region`]).
#[derive(Clone, Debug, PartialEq)]
pub struct National {
    /// Municipal fund per resident per month, cents.
    pub fund_per_resident_cents: i64,
    /// AOW of a single, cents a month.
    pub aow_single_cents: i64,
    /// AOW of each member of a couple, cents a month.
    pub aow_couple_each_cents: i64,
    /// Disability benefit of a covered resident unable to work, gross cents a month.
    pub disability_benefit_cents: i64,
    /// Share of the residents unable to work who are covered.
    pub disability_share_of_unable: f64,
    /// Unemployment insurance (WW).
    pub unemployment_insurance: UnemploymentInsurance,
    /// Gross monthly outside wage, cents.
    pub outside_wage_cents: i64,
    /// Skill an outside job asks.
    pub outside_skill_required: f32,
    /// Contract hours of the outside jobs offered to residents.
    pub outside_hours: HoursDist,
}

/// A sector of one neighbourhood, defaults filled in, amounts in cents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sector {
    /// Share of the neighbourhood's businesses.
    pub share_of_businesses: f64,
    /// Mean employees besides the owner at the start.
    pub employees_mean: f64,
    /// Gross monthly wage of an employee, cents.
    pub wage_cents: i64,
    /// Revenue per worker per month, cents (as f64, as the staffing rule divides by it).
    pub revenue_per_worker_cents: f64,
    /// Revenue per worker per month, euros (the contracts' staffing divides by it).
    pub revenue_per_worker_eur: f64,
    /// Supplies as a share of revenue.
    pub supply_cost_share: f64,
    /// Share of supplies bought outside.
    pub supplies_share_outside: f64,
    /// Business rent per month, cents.
    pub rent_cents: i64,
    /// Sales to outside customers per business per month, cents.
    pub outside_sales_cents: i64,
    /// Share of local household spending in this sector.
    pub household_spending_share: f64,
    /// Skill a job in this sector asks.
    pub skill_required: f32,
    /// Contract hours of the sector's jobs.
    pub hours: HoursDist,
    /// A commuter's monthly wage: the hourly wage at the sector's mean hours, cents.
    pub commuter_wage_cents: i64,
}

impl Sector {
    fn resolve(p: &SectorParams, full_time_per_week: f64) -> Sector {
        let hours = HoursDist::resolve(&p.weekly_hours, full_time_per_week);
        let wage_cents = cents(p.wage_eur_per_month);
        let full_time = full_time_per_week * WEEKS_PER_MONTH;
        Sector {
            hours,
            commuter_wage_cents: (wage_cents as f64 * hours.mean() / full_time).round() as i64,
            share_of_businesses: p.share_of_businesses,
            employees_mean: p.employees_mean,
            wage_cents: cents(p.wage_eur_per_month),
            revenue_per_worker_cents: cents(p.revenue_per_worker_eur_per_month) as f64,
            revenue_per_worker_eur: p.revenue_per_worker_eur_per_month,
            supply_cost_share: p.supply_cost_share,
            supplies_share_outside: p.supplies_share_outside,
            rent_cents: cents(p.rent_eur_per_month),
            outside_sales_cents: cents(p.outside_sales_eur_per_business_month),
            household_spending_share: p.household_spending_share,
            skill_required: p.skill_required as f32,
        }
    }
}

/// What the coin means in one neighbourhood's payments (all 0 where the scheme does not
/// run).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CoinUse {
    /// The coin scheme runs here.
    pub runs: bool,
    /// Share of a local shop's price payable in coins (lever 2).
    pub shop_share: f64,
    /// Share of an association fee payable in coins (lever 3).
    pub fee_share: f64,
    /// Discount on the part of a shop's price paid in coins (lever 2).
    pub discount: f64,
    /// Coins bought with euros: the share of local spending and the bonus (Chiemgauer,
    /// Brixton); `None` when residents cannot buy coins.
    pub purchase: Option<(f64, f64)>,
    /// Share of local supplies a business pays in coins it holds.
    pub supplies_share: f64,
}

/// One neighbourhood's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Nb {
    /// Housing rent per household per month, cents (0 without rent or an outside world).
    pub housing_rent_cents: i64,
    /// Share of households renting their home.
    pub rental_share: f64,
    /// Association fee per member household per month, cents (0 without associations).
    pub fee_cents: i64,
    /// Share of household spending at local shops, levers included (1 in a closed
    /// economy).
    pub local_share: f64,
    /// Lever 11: the buy-local campaign's shift of the logit of the local share at its
    /// full effect (0 without it), the months it runs (0: the whole run) and the share of
    /// its effect carried over a month.
    pub campaign: Option<Campaign>,
    /// Supply costs as a share of what they would be (lever 10's joint purchasing; 1
    /// without it).
    pub supply_cost_factor: f64,
    /// The sectors, in [`SectorKind::ALL`] order.
    pub sectors: [Sector; SECTORS],
    /// Skill of newborns: mean and standard deviation.
    pub skill_mean: f64,
    /// See `skill_mean`.
    pub skill_sd: f64,
    /// Share of residents able to work.
    pub able_to_work_share: f64,
    /// Business starts per 1000 residents per month.
    pub starts_per_1000: f64,
    /// Volunteer hours an association needs per month.
    pub volunteer_demand_hours: f64,
    /// Share of association spending at local businesses (1 in a closed economy).
    pub association_local_share: f64,
    /// Cash an association keeps, cents.
    pub association_reserve_cents: i64,
    /// The coin here.
    pub coin: CoinUse,
    /// Lever 8: the neighbourhood this one adopts and the share of local spending sent to
    /// its shops.
    pub adoption: Option<(usize, f64)>,
}

/// The coin scheme's own parameters (the scheme may still run in no neighbourhood).
#[derive(Clone, Debug, PartialEq)]
pub struct Coin {
    /// The scheme is switched on.
    pub enabled: bool,
    /// Euro cents one coin is worth.
    pub value_cents: f64,
    /// Share of a coin's value the municipality puts into the fund when it is issued.
    pub backing_share: f64,
    /// Share of its coins a holder spends this month (demurrage included).
    pub spend_propensity: f64,
    /// Coins issued per training month.
    pub per_training_month: i64,
    /// Coins issued per volunteer month (hours times coins per hour).
    pub per_volunteer_month: i64,
    /// Businesses redeem their coins every month.
    pub redeem_businesses: bool,
    /// Associations redeem their coins every month.
    pub redeem_associations: bool,
    /// Redemption fee, a share of the value.
    pub fee_share: f64,
    /// Households buying coins: the ceiling and starting shares, and the Bass
    /// coefficients of innovation and imitation per month.
    pub participation: (f64, f64, f64, f64),
    /// Expiry: the month of the year (0 to 11) at whose end coins expire, and the share of
    /// them a holder pays to renew the rest; `None` without expiry.
    pub expiry: Option<(u32, f64)>,
    /// Share of the euro value of coins lost to demurrage and expiry the fund gives to an
    /// association.
    pub lost_to_associations: f64,
    /// Share of each redemption fee the fund gives to an association.
    pub fee_to_associations: f64,
    /// Share of the owner's draw paid in coins by a business that passes coins on.
    pub owner_draw_share: f64,
    /// Share of resident employees' wages paid in coins (by businesses that pass coins on).
    pub wage_share: f64,
    /// Highest cost of passing a coin on, a share of its value (each business's own is
    /// this times its uniform draw).
    pub pass_on_cost_max: f64,
    /// Businesses decide whether to accept coins (else all of a participating
    /// neighbourhood do).
    pub businesses_decide: bool,
    /// Share of businesses accepting at the start (those with the lowest handling draw).
    pub accept_start_share: f64,
    /// The factor 1 + this on an accepting candidate shop's weight for a coin user.
    pub coin_user_preference: f64,
    /// Fixed monthly cost of accepting coins, cents.
    pub membership_cents: f64,
    /// Highest monthly cost of handling coins (each business's own is this times its
    /// draw), cents.
    pub handling_cost_max_cents: f64,
    /// Demurrage per month, compounded to a year and divided by 12: the cost of holding a
    /// coin for a month.
    pub demurrage_monthly: f64,
    /// Demurrage per period on the smallest balance held during it.
    pub demurrage_rate: f64,
    /// Length of a demurrage period, months (at least 1).
    pub demurrage_period_months: u32,
    /// Months before the first demurrage.
    pub demurrage_grace_months: u32,
}

/// Everything the ticks read, resolved once.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// Root seed (a rejected payment's panic names it).
    pub seed: u64,
    /// Ticks of the run.
    pub ticks: u32,
    /// Check the books after every tick.
    pub check_books: bool,
    /// The economy's parts.
    pub switches: Switches,
    /// Behaviour.
    pub behaviour: Behaviour,
    /// The municipality.
    pub municipality: Municipality,
    /// The nation and outside employers.
    pub national: National,
    /// The regional labour market.
    pub region: Region,
    /// Income tax, bijstand's rule and the allowances, as [`super::income_rules`] reads
    /// them.
    pub income: IncomeRules,
    /// The coin scheme.
    pub coin: Coin,
    /// The time budget and job search (docs/ODD.md 7.17).
    pub time: Time,
    /// The neighbourhoods, in scenario order.
    pub nbs: Vec<Nb>,
}

impl Params {
    /// Resolves a validated scenario, levers not yet applied (the policy modules apply
    /// theirs, see [`super::policy::build`]).
    pub fn resolve(s: &Scenario) -> Params {
        let switches = s.economy;
        Params {
            seed: s.run.seed,
            ticks: s.run.years * 12,
            check_books: s.run.check_books,
            behaviour: behaviour(s),
            municipality: municipality(s, &switches),
            national: national(s),
            region: region(s),
            income: income(s, &switches),
            coin: coin(s),
            time: Time {
                budget_hours: s.behaviour.time_budget_hours_per_month,
                search_hours: s.behaviour.search_hours_per_month,
                tie_gain: s.behaviour.weak_tie_job_chance_gain,
                skill_gain_per_month: s.behaviour.volunteer_skill_gain_per_month as f32,
            },
            nbs: (0..s.neighbourhoods.len())
                .map(|ni| neighbourhood(s, ni, &switches))
                .collect(),
            switches,
        }
    }

    /// The contract in slot `c` of every neighbourhood.
    #[inline]
    pub fn contract(&self, c: usize) -> &ContractSpec {
        &self.municipality.contracts[c]
    }

    /// Sector `si` of neighbourhood `ni`.
    #[inline]
    pub fn sector(&self, ni: usize, si: usize) -> &Sector {
        &self.nbs[ni].sectors[si]
    }

    /// Whether the coin scheme runs in neighbourhood `ni`.
    #[inline]
    pub fn coins_in(&self, ni: usize) -> bool {
        self.nbs.get(ni).is_some_and(|n| n.coin.runs)
    }
}

fn behaviour(s: &Scenario) -> Behaviour {
    let b = &s.behaviour;
    Behaviour {
        consumption_alpha1: b.consumption_alpha1,
        consumption_alpha2: b.consumption_alpha2,
        subsistence_cents: cents(b.subsistence_eur_per_person_month),
        shop_switch_probability: b.shop_switch_probability_per_month,
        shop_choice_price_sensitivity: b.shop_choice_price_sensitivity,
        shop_candidates: b.shop_candidates.max(1) as usize,
        price_review_probability: b.price_review_probability_per_month,
        markup_step_max: b.markup_step_max,
        outside_price_level: s.outside.price_level,
        referral_probability: b.referral_probability,
        search_other_neighbourhood_probability: b.search_other_neighbourhood_probability,
        candidates_per_vacancy: b.candidates_per_vacancy,
        quit_probability: b.quit_probability_per_month,
        training_probability: b.training_probability_per_month,
        training_months: b.training_months.min(255) as u8,
        training_skill_gain: b.training_skill_gain as f32,
        skill_loss_per_month_unemployed: b.skill_loss_per_month_unemployed as f32,
        training_skill_gain_sd: b.training_skill_gain_sd,
        training_gain_months: b.training_gain_months as u8,
        training_dropout_probability: b.training_dropout_probability_per_month,
        training_cost_cents: cents(b.training_cost_eur_per_month),
        training_places_per_1000: b.training_places_per_1000_residents,
        staff_adjustment: b.staff_adjustment_per_month,
        revenue_smoothing: b.revenue_smoothing,
        cash_buffer_months: b.cash_buffer_months,
        arrears_limit: b.months_in_arrears_before_failure as u8,
        owner_income_min_cents: cents(b.owner_income_min_eur_per_month) as f64,
        owner_stop_probability: b.owner_stop_probability_per_month,
        start_grace_months: b.start_grace_months,
        start_capital_cents: cents(b.start_capital_eur),
        volunteer_probability: b.volunteer_probability_per_month,
        volunteer_hours_per_month: b.volunteer_hours_per_month,
        membership_join_probability: b.membership_join_probability_per_month,
        membership_leave_probability: b.membership_leave_probability_per_month,
        pension_age: b.pension_age_years.min(255) as u8,
        life_expectancy: b.life_expectancy_years.min(255) as u8,
        full_time_hours_per_month: b.full_time_hours_per_week * WEEKS_PER_MONTH,
        reservation_gain_cents: cents(b.reservation_gain_eur_per_month),
    }
}

fn municipality(s: &Scenario, sw: &Switches) -> Municipality {
    let m = &s.municipality;
    let p = &m.procurement;
    let contract = |kind, eur: f64| ContractSpec {
        kind,
        per_resident_cents: cents(eur),
        eur_per_resident_month: eur,
        resident_quota: 0.0,
    };
    Municipality {
        local_tax_cents: if sw.taxes {
            cents(m.local_tax_eur_per_household_month)
        } else {
            0
        },
        asset_limit_single_cents: cents(m.asset_limit_single_eur),
        asset_limit_couple_cents: cents(m.asset_limit_couple_eur),
        refusal_sanction_probability: m.refusal_sanction_probability,
        refusal_sanction_share: m.refusal_sanction_share,
        subsidy_cents: cents(m.subsidy_eur_per_association_month),
        local_award_probability: p.local_award_probability,
        contract_months: p.contract_months,
        contracts: [
            contract(
                ContractKind::Maintenance,
                p.maintenance_eur_per_resident_month,
            ),
            contract(ContractKind::Care, p.care_eur_per_resident_month),
            // Lever 6 gives this contract a value (see `policy::maintenance_supplement`).
            contract(ContractKind::MaintenanceSupplement, 0.0),
        ],
    }
}

fn national(s: &Scenario) -> National {
    let n = &s.national;
    let o = &s.outside;
    National {
        fund_per_resident_cents: cents(n.municipal_fund_eur_per_resident_month),
        aow_single_cents: cents(n.aow_single_eur_per_month),
        aow_couple_each_cents: cents(n.aow_couple_eur_per_month) / 2,
        disability_benefit_cents: cents(n.disability_benefit_eur_per_month),
        disability_share_of_unable: n.disability_benefit_share_of_unable,
        unemployment_insurance: n.unemployment_insurance.clone(),
        outside_wage_cents: cents(o.wage_eur_per_month),
        outside_skill_required: o.skill_required as f32,
        outside_hours: HoursDist::resolve(
            &s.region.weekly_hours,
            s.behaviour.full_time_hours_per_week,
        ),
    }
}

/// The income rules: the tax schedule (or the flat rate; none without taxes), bijstand's
/// rule (none without benefits) and the allowances (paid only with `economy.allowances`).
fn income(s: &Scenario, sw: &Switches) -> IncomeRules {
    let (m, n) = (&s.municipality, &s.national);
    let t = &n.income_tax;
    let tax = if !sw.taxes {
        Tax::Flat(0.0)
    } else if t.schedule {
        Tax::Schedule(TaxSchedule {
            bracket_limits_cents: t
                .bracket_limits_eur_per_year
                .iter()
                .map(|&e| cents(e))
                .collect(),
            bracket_rates: t.bracket_rates.clone(),
            general_credit_max_cents: cents(t.general_credit_max_eur_per_year),
            general_credit_phaseout_from_cents: cents(t.general_credit_phaseout_from_eur_per_year),
            general_credit_phaseout_rate: t.general_credit_phaseout_rate,
            labour_credit_knots_cents: t
                .labour_credit_knots_eur_per_year
                .iter()
                .map(|&(x, y)| (cents(x), cents(y)))
                .collect(),
        })
    } else {
        Tax::Flat(m.income_tax_rate)
    };
    let bijstand = sw.benefits.then(|| Bijstand {
        norm_single_cents: cents(m.bijstand_norm_single_eur_per_month),
        norm_couple_cents: cents(m.bijstand_norm_couple_eur_per_month),
        disregard_share: m.earnings_disregard_share,
        disregard_cap_cents: cents(m.earnings_disregard_cap_eur_per_month),
        disregard_months: m.earnings_disregard_months,
    });
    let (ra, ha) = (&n.rent_allowance, &n.health_allowance);
    IncomeRules {
        tax,
        bijstand,
        rent_allowance: RentAllowance {
            enabled: sw.allowances,
            base_rent_cents: cents(ra.base_rent_eur_per_month),
            quality_threshold_cents: cents(ra.quality_threshold_eur_per_month),
            capping_single_cents: cents(ra.capping_threshold_single_eur_per_month),
            capping_couple_cents: cents(ra.capping_threshold_couple_eur_per_month),
            max_rent_cents: cents(ra.max_rent_eur_per_month),
            share_to_capping: ra.share_to_capping,
            share_above_capping_single: ra.share_above_capping_single,
            income_free_single_cents: cents(ra.income_free_single_eur_per_year),
            income_free_couple_cents: cents(ra.income_free_couple_eur_per_year),
            withdrawal_rate: ra.withdrawal_rate,
            asset_limit_per_adult_cents: cents(ra.asset_limit_eur_per_adult),
        },
        health_allowance: HealthAllowance {
            enabled: sw.allowances,
            max_single_cents: cents(ha.max_single_eur_per_month),
            max_couple_cents: cents(ha.max_couple_eur_per_month),
            income_full_cents: cents(ha.income_full_eur_per_year),
            withdrawal_rate: ha.withdrawal_rate,
            asset_limit_single_cents: cents(ha.asset_limit_single_eur),
            asset_limit_couple_cents: cents(ha.asset_limit_couple_eur),
        },
    }
}

// The regional labour market (issue 10, item 1).

/// The regional labour market as the ticks see it (`region` and `outside.skill_required`).
#[derive(Clone, Debug, PartialEq)]
pub struct Region {
    /// Labour force of the region outside the city (the pool's), persons.
    pub labour_force: u64,
    /// The pool's unemployed at the start.
    pub unemployed_start: u64,
    /// Tightness (vacancies per unemployed) of each year, year 1 first; later years keep
    /// the last. Never empty.
    pub tightness_by_year: Vec<f64>,
    /// Matching efficiency A, per month.
    pub efficiency: f64,
    /// Elasticity of matches with respect to the unemployed.
    pub alpha: f64,
    /// Monthly probability that an outside job ends.
    pub separation: f64,
    /// Skill at which an applicant's ranking weight is one half.
    pub skill_required: f64,
    /// Scale of the ranking weight's logistic curve.
    pub ranking_scale: f64,
    /// Share of a resident job seeker's matches that the city's businesses make; outside
    /// employers' chance for residents is scaled by one minus it.
    pub own_municipality_share: f64,
    /// Weight of a city job seeker, relative to one of the rest of the region, among the
    /// applicants for a local vacancy.
    pub proximity_weight: f64,
    /// Share of outside separations that are job losses (earning unemployment insurance).
    pub job_loss_share: f64,
    /// Mean ranking weight of the pool's unemployed, for each year of `tightness_by_year`
    /// ([`super::region::pool_weight`]).
    pub pool_weight_by_year: Vec<f64>,
}

impl Region {
    /// The tightness of the year that tick `tick` belongs to.
    pub fn tightness(&self, tick: u32) -> f64 {
        let y = (tick / 12) as usize;
        self.tightness_by_year[y.min(self.tightness_by_year.len() - 1)]
    }

    /// The pool's mean ranking weight in the year of tick `tick`.
    pub fn pool_weight(&self, tick: u32) -> f64 {
        let y = (tick / 12) as usize;
        self.pool_weight_by_year[y.min(self.pool_weight_by_year.len() - 1)]
    }
}

fn region(s: &Scenario) -> Region {
    let r = &s.region;
    let tightness_by_year = if r.tightness_by_year.is_empty() {
        vec![r.tightness]
    } else {
        r.tightness_by_year.clone()
    };
    let skill = super::region::Skill {
        mean: r.skill_mean,
        sd: r.skill_sd,
        required: s.outside.skill_required,
        scale: r.ranking_skill_scale,
    };
    let (a, alpha, sep) = (
        r.matching_efficiency_per_month,
        r.matching_elasticity_unemployment,
        r.separation_rate_per_month,
    );
    let pool_weight_by_year = tightness_by_year
        .iter()
        .map(|&theta| {
            let f = super::region::finding_rate(a, alpha, theta);
            super::region::pool_weight(&skill, sep, f)
        })
        .collect();
    Region {
        labour_force: r.labour_force_outside_city,
        unemployed_start: (r.unemployment_rate * r.labour_force_outside_city as f64).round() as u64,
        tightness_by_year,
        efficiency: a,
        alpha,
        separation: sep,
        skill_required: s.outside.skill_required,
        ranking_scale: r.ranking_skill_scale,
        own_municipality_share: r.own_municipality_job_share,
        proximity_weight: r.proximity_weight,
        job_loss_share: r.job_loss_share_of_separations,
        pool_weight_by_year,
    }
}

fn coin(s: &Scenario) -> Coin {
    let c = &s.coins;
    // The annual rate of the demurrage, compounded over the periods of a year.
    let periods = 12.0 / c.demurrage.period_months.max(1) as f64;
    let annual = 1.0 - (1.0 - c.demurrage.rate_per_period).powf(periods);
    let p = c.spend_propensity_per_month;
    Coin {
        enabled: c.enabled,
        value_cents: c.value_eur * 100.0,
        backing_share: c.backing_share,
        // Holders pass coins on before they lose value: demurrage is a cost of holding
        // them, and money demand falls with that cost in Cagan's semi-log form.
        spend_propensity: (p * (c.demurrage_semi_elasticity * annual).exp()).min(1.0),
        per_training_month: c.issuance.per_training_month.round() as i64,
        per_volunteer_month: (c.issuance.per_volunteer_hour
            * c.issuance.volunteer_hours_share
            * s.behaviour.volunteer_hours_per_month)
            .round() as i64,
        redeem_businesses: c.redemption.businesses,
        redeem_associations: c.redemption.associations,
        fee_share: c.redemption.fee_share,
        participation: {
            let p = &c.participation;
            (
                p.ceiling_share,
                p.start_share.min(p.ceiling_share),
                p.innovation_per_year / 12.0,
                p.imitation_per_year / 12.0,
            )
        },
        expiry: (c.expiry.month_of_year > 0)
            .then(|| (c.expiry.month_of_year - 1, c.expiry.renewal_share)),
        lost_to_associations: c.demurrage.proceeds_to_associations_share,
        fee_to_associations: c.redemption.fee_to_associations_share,
        owner_draw_share: c.acceptance.owner_draw_share,
        wage_share: c.acceptance.wage_share,
        pass_on_cost_max: c.acceptance.pass_on_cost_max_share,
        businesses_decide: c.acceptance.businesses_decide,
        accept_start_share: c.acceptance.start_share,
        coin_user_preference: c.acceptance.coin_user_preference,
        membership_cents: c.acceptance.membership_eur_per_month * 100.0,
        handling_cost_max_cents: c.acceptance.handling_cost_max_eur_per_month * 100.0,
        demurrage_monthly: annual / 12.0,
        demurrage_rate: c.demurrage.rate_per_period,
        demurrage_period_months: c.demurrage.period_months.max(1),
        demurrage_grace_months: c.demurrage.grace_months,
    }
}

fn neighbourhood(s: &Scenario, ni: usize, sw: &Switches) -> Nb {
    let nb = &s.neighbourhoods[ni];
    let r = &nb.residents;
    let a = &nb.associations;
    let c = &s.coins;
    let runs = c.enabled && (c.neighbourhoods.is_empty() || c.neighbourhoods.contains(&nb.name));
    let coin = if runs {
        CoinUse {
            runs,
            shop_share: 0.0,
            fee_share: 0.0,
            discount: 0.0,
            purchase: c
                .purchase
                .enabled
                .then_some((c.purchase.share_of_local_spending, c.purchase.bonus_share)),
            supplies_share: c.acceptance.business_supplies_share,
        }
    } else {
        CoinUse::default()
    };
    Nb {
        housing_rent_cents: if sw.rent && sw.outside_world {
            cents(r.housing_rent_eur_per_household_month)
        } else {
            0
        },
        rental_share: r.rental_share,
        fee_cents: if sw.associations {
            cents(a.fee_eur_per_month)
        } else {
            0
        },
        // Levers add to this share; `policy::build` caps it at 1 (or sets 1 in a closed
        // economy) once all have.
        local_share: r.spending_share_local,
        campaign: None,
        supply_cost_factor: 1.0,
        sectors: nb
            .businesses
            .sectors
            .resolved()
            .map(|p| Sector::resolve(&p, s.behaviour.full_time_hours_per_week)),
        skill_mean: r.skill_mean,
        skill_sd: r.skill_sd,
        able_to_work_share: r.able_to_work_share,
        starts_per_1000: nb.businesses.starts_per_1000_residents_month,
        volunteer_demand_hours: a.volunteer_demand_hours_per_month,
        association_local_share: if sw.outside_world {
            a.spending_share_local
        } else {
            1.0
        },
        association_reserve_cents: cents(a.opening_cash_eur),
        coin,
        adoption: None,
    }
}
