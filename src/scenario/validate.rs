//! Semantic checks on a parsed scenario: ranges with their units, and values that
//! contradict each other. Every problem is collected; none stops the others.

use super::{Scenario, SectorKind};
use std::collections::HashMap;

/// The longest run, in years.
pub const YEARS_MAX: u32 = 200;

/// The longest burn-in, in years.
pub const BURN_IN_YEARS_MAX: u32 = 100;

/// The longest name (of a scenario, neighbourhood, coin or experiment), in characters.
pub const NAME_CHARS_MAX: usize = 64;

/// What is wrong with a name, if anything: `(message, hint)`, the message starting after
/// the field's path (e.g. "is \"a/b\", which contains `/`").
///
/// A name is free text: letters and digits of any script (`char::is_alphanumeric`), spaces,
/// `-`, `_` and `.`; not empty, not only spaces and dots, at most [`NAME_CHARS_MAX`]
/// characters. Names label output rows and become output folder names, so anything that
/// could be a path separator, a control character or a terminal escape is refused. The one
/// rule for scenario, neighbourhood, coin and experiment names.
pub fn name_problem(value: &str) -> Option<(String, String)> {
    const ALLOWED: &str = "letters and digits (of any language), spaces, `-`, `_` and `.`";
    let n = value.chars().count();
    if n > NAME_CHARS_MAX {
        return Some((
            format!(
                "is {} ({n} characters), longer than {NAME_CHARS_MAX} characters",
                quoted(value)
            ),
            format!("shorten it to at most {NAME_CHARS_MAX} characters: {ALLOWED}"),
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|&c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.')))
    {
        let shown: String = bad.escape_debug().collect();
        let hint = if ('\u{300}'..='\u{36f}').contains(&bad) {
            format!(
                "`{shown}` is a combining accent: write the accented letter as one character (NFC, e.g. `ö`); allowed: {ALLOWED}"
            )
        } else {
            format!("allowed: {ALLOWED}, e.g. \"Oost 2\" or \"wijk-noord\"")
        };
        return Some((
            format!("is {}, which contains `{shown}`", quoted(value)),
            hint,
        ));
    }
    if value.chars().all(|c| c == ' ' || c == '.') {
        let message = if value.is_empty() {
            "is empty".to_string()
        } else {
            format!("is {}, only spaces and dots", quoted(value))
        };
        return Some((
            message,
            format!("give it a name of {ALLOWED}, e.g. \"wijk\""),
        ));
    }
    None
}

/// A value in double quotes for a message: control characters escaped, at most 40
/// characters shown.
pub fn quoted(value: &str) -> String {
    let short = super::shorten(value, 40);
    format!("\"{}\"", short.escape_debug())
}

/// A problem found by [`check`], with the dotted path of the field it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Dotted path, e.g. `neighbourhoods[0].residents.count`.
    pub path: String,
    /// What is wrong, starting after the path (e.g. "is 1.5, above 1").
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Collects the problems of one scenario; each section's `check` pushes into it.
pub(crate) struct Checker<'s> {
    problems: Vec<Problem>,
    /// Each neighbourhood name and its first index: name lookups stay linear in a city of
    /// many neighbourhoods.
    names: HashMap<&'s str, usize>,
}

impl Checker<'_> {
    pub(crate) fn range(&mut self, path: &str, value: f64, lo: f64, hi: f64, unit: &str) {
        if !value.is_finite() {
            self.push(
                path,
                format!("is {value}, not a number"),
                format!("allowed: {lo} to {hi} {unit}"),
            );
        } else if value < lo || value > hi {
            let side = if value < lo { "below" } else { "above" };
            let bound = if value < lo { lo } else { hi };
            self.push(
                path,
                format!("is {value}, {side} {bound}"),
                format!("allowed: {lo} to {hi} {unit}"),
            );
        }
    }

    pub(crate) fn share(&mut self, path: &str, value: f64) {
        self.range(path, value, 0.0, 1.0, "(a share)");
    }

    pub(crate) fn prob(&mut self, path: &str, value: f64) {
        self.range(path, value, 0.0, 1.0, "(a probability)");
    }

    pub(crate) fn eur(&mut self, path: &str, value: f64, hi: f64) {
        self.range(path, value, 0.0, hi, "EUR");
    }

    pub(crate) fn int(&mut self, path: &str, value: u64, lo: u64, hi: u64, unit: &str) {
        if value < lo || value > hi {
            let side = if value < lo { "below" } else { "above" };
            let bound = if value < lo { lo } else { hi };
            self.push(
                path,
                format!("is {value}, {side} {bound}"),
                format!("allowed: {lo} to {hi} {unit}"),
            );
        }
    }

    pub(crate) fn name(&mut self, path: &str, value: &str) {
        if let Some((message, hint)) = name_problem(value) {
            self.push(path, message, hint);
        }
    }

    /// Checks a neighbourhood name given in `path`; suggests a similar name.
    pub(crate) fn neighbourhood_name(
        &mut self,
        s: &Scenario,
        path: &str,
        name: &str,
    ) -> Option<usize> {
        let pos = self.names.get(name).copied();
        if pos.is_none() {
            let hint = if s.neighbourhoods.len() <= NAMES_LISTED_MAX {
                let names: Vec<&str> = s.neighbourhoods.iter().map(|n| n.name.as_str()).collect();
                crate::scenario::did_you_mean(name, &names)
            } else {
                format!(
                    "use the `name` of one of the city's {} neighbourhoods",
                    s.neighbourhoods.len()
                )
            };
            self.push(
                path,
                format!("is {}, not a neighbourhood of this city", quoted(name)),
                hint,
            );
        }
        pos
    }

    pub(crate) fn push(&mut self, path: &str, message: String, hint: String) {
        self.problems.push(Problem {
            path: path.to_string(),
            message,
            hint: Some(hint),
        });
    }
}

/// Checks every range and consistency rule; returns all problems (empty: valid).
pub fn check(s: &Scenario) -> Vec<Problem> {
    let mut names = HashMap::new();
    for (i, nb) in s.neighbourhoods.iter().enumerate() {
        names.entry(nb.name.as_str()).or_insert(i);
    }
    let mut c = Checker {
        problems: Vec::new(),
        names,
    };
    c.name("name", &s.name);
    c.name("coins.name", &s.coins.name);
    c.int(
        "run.years",
        s.run.years as u64,
        1,
        YEARS_MAX as u64,
        "years",
    );
    c.int(
        "run.burn_in_years",
        s.run.burn_in_years as u64,
        0,
        BURN_IN_YEARS_MAX as u64,
        "years",
    );

    let b = &s.behaviour;
    c.share("behaviour.consumption_alpha1", b.consumption_alpha1);
    c.share("behaviour.consumption_alpha2", b.consumption_alpha2);
    c.eur(
        "behaviour.subsistence_eur_per_person_month",
        b.subsistence_eur_per_person_month,
        5000.0,
    );
    c.prob(
        "behaviour.shop_switch_probability_per_month",
        b.shop_switch_probability_per_month,
    );
    c.range(
        "behaviour.shop_choice_price_sensitivity",
        b.shop_choice_price_sensitivity,
        0.0,
        20.0,
        "(logit coefficient on log price)",
    );
    c.int(
        "behaviour.shop_candidates",
        b.shop_candidates as u64,
        1,
        8,
        "shops",
    );
    c.prob(
        "behaviour.price_review_probability_per_month",
        b.price_review_probability_per_month,
    );
    c.range(
        "behaviour.markup_step_max",
        b.markup_step_max,
        0.0,
        0.5,
        "(relative change of the markup factor)",
    );
    c.prob("behaviour.referral_probability", b.referral_probability);
    c.prob(
        "behaviour.search_other_neighbourhood_probability",
        b.search_other_neighbourhood_probability,
    );
    c.int(
        "behaviour.candidates_per_vacancy",
        b.candidates_per_vacancy as u64,
        1,
        100,
        "candidates",
    );
    c.prob(
        "behaviour.quit_probability_per_month",
        b.quit_probability_per_month,
    );
    c.prob(
        "behaviour.training_probability_per_month",
        b.training_probability_per_month,
    );
    c.int(
        "behaviour.training_months",
        b.training_months as u64,
        1,
        60,
        "months",
    );
    c.share("behaviour.training_skill_gain", b.training_skill_gain);
    c.share("behaviour.training_skill_gain_sd", b.training_skill_gain_sd);
    c.int(
        "behaviour.training_gain_months",
        b.training_gain_months as u64,
        1,
        120,
        "months",
    );
    c.prob(
        "behaviour.training_dropout_probability_per_month",
        b.training_dropout_probability_per_month,
    );
    c.eur(
        "behaviour.training_cost_eur_per_month",
        b.training_cost_eur_per_month,
        10000.0,
    );
    c.range(
        "behaviour.training_places_per_1000_residents",
        b.training_places_per_1000_residents,
        0.0,
        1000.0,
        "places per 1000 residents",
    );
    c.share(
        "behaviour.skill_loss_per_month_unemployed",
        b.skill_loss_per_month_unemployed,
    );
    c.int(
        "behaviour.network_contacts",
        b.network_contacts as u64,
        0,
        64,
        "contacts",
    );
    c.share(
        "behaviour.staff_adjustment_per_month",
        b.staff_adjustment_per_month,
    );
    c.range(
        "behaviour.revenue_smoothing",
        b.revenue_smoothing,
        0.01,
        1.0,
        "(a weight)",
    );
    c.range(
        "behaviour.cash_buffer_months",
        b.cash_buffer_months,
        0.0,
        24.0,
        "months",
    );
    c.int(
        "behaviour.months_in_arrears_before_failure",
        b.months_in_arrears_before_failure as u64,
        1,
        24,
        "months",
    );
    c.eur("behaviour.start_capital_eur", b.start_capital_eur, 1e6);
    c.eur(
        "behaviour.owner_income_min_eur_per_month",
        b.owner_income_min_eur_per_month,
        1e5,
    );
    c.share(
        "behaviour.owner_stop_probability_per_month",
        b.owner_stop_probability_per_month,
    );
    c.int(
        "behaviour.start_grace_months",
        b.start_grace_months as u64,
        0,
        120,
        "months",
    );
    c.range(
        "behaviour.volunteer_probability_per_month",
        b.volunteer_probability_per_month,
        0.0,
        0.5,
        "(a probability; doubled for unemployed and retired residents)",
    );
    c.range(
        "behaviour.volunteer_hours_per_month",
        b.volunteer_hours_per_month,
        0.0,
        200.0,
        "hours",
    );
    time_ranges(&mut c, b);
    c.prob(
        "behaviour.membership_join_probability_per_month",
        b.membership_join_probability_per_month,
    );
    c.prob(
        "behaviour.membership_leave_probability_per_month",
        b.membership_leave_probability_per_month,
    );
    c.int(
        "behaviour.pension_age_years",
        b.pension_age_years as u64,
        18,
        100,
        "years",
    );
    c.int(
        "behaviour.life_expectancy_years",
        b.life_expectancy_years as u64,
        19,
        120,
        "years",
    );
    if b.life_expectancy_years <= b.pension_age_years {
        c.push(
            "behaviour.life_expectancy_years",
            format!(
                "is {}, not above the pension age {}",
                b.life_expectancy_years, b.pension_age_years
            ),
            "life expectancy must exceed `behaviour.pension_age_years`".into(),
        );
    }

    let m = &s.municipality;
    c.eur(
        "municipality.bijstand_norm_single_eur_per_month",
        m.bijstand_norm_single_eur_per_month,
        10000.0,
    );
    c.eur(
        "municipality.bijstand_norm_couple_eur_per_month",
        m.bijstand_norm_couple_eur_per_month,
        10000.0,
    );
    if m.bijstand_norm_couple_eur_per_month < m.bijstand_norm_single_eur_per_month {
        c.push(
            "municipality.bijstand_norm_couple_eur_per_month",
            format!(
                "is {}, below the single norm {}",
                m.bijstand_norm_couple_eur_per_month, m.bijstand_norm_single_eur_per_month
            ),
            "a couple's norm is at least a single's (in 2025 the single norm is 70% of the couple norm)".into(),
        );
    }
    c.share(
        "municipality.earnings_disregard_share",
        m.earnings_disregard_share,
    );
    c.eur(
        "municipality.earnings_disregard_cap_eur_per_month",
        m.earnings_disregard_cap_eur_per_month,
        10000.0,
    );
    c.int(
        "municipality.earnings_disregard_months",
        m.earnings_disregard_months as u64,
        0,
        120,
        "months",
    );
    c.eur(
        "municipality.asset_limit_single_eur",
        m.asset_limit_single_eur,
        1e7,
    );
    c.eur(
        "municipality.asset_limit_couple_eur",
        m.asset_limit_couple_eur,
        1e7,
    );
    c.share("municipality.income_tax_rate", m.income_tax_rate);
    c.eur(
        "municipality.local_tax_eur_per_household_month",
        m.local_tax_eur_per_household_month,
        10000.0,
    );
    let p = &m.procurement;
    c.eur(
        "municipality.procurement.maintenance_eur_per_resident_month",
        p.maintenance_eur_per_resident_month,
        10000.0,
    );
    c.eur(
        "municipality.procurement.care_eur_per_resident_month",
        p.care_eur_per_resident_month,
        10000.0,
    );
    c.prob(
        "municipality.procurement.local_award_probability",
        p.local_award_probability,
    );
    c.int(
        "municipality.procurement.contract_months",
        p.contract_months as u64,
        1,
        120,
        "months",
    );
    c.eur(
        "municipality.subsidy_eur_per_association_month",
        m.subsidy_eur_per_association_month,
        1e6,
    );

    let n = &s.national;
    c.eur(
        "national.low_income_line_eur_per_month",
        n.low_income_line_eur_per_month,
        10000.0,
    );
    c.eur(
        "national.aow_single_eur_per_month",
        n.aow_single_eur_per_month,
        10000.0,
    );
    c.eur(
        "national.aow_couple_eur_per_month",
        n.aow_couple_eur_per_month,
        10000.0,
    );
    c.eur(
        "national.municipal_fund_eur_per_resident_month",
        n.municipal_fund_eur_per_resident_month,
        10000.0,
    );
    c.eur(
        "national.disability_benefit_eur_per_month",
        n.disability_benefit_eur_per_month,
        10000.0,
    );
    c.share(
        "national.disability_benefit_share_of_unable",
        n.disability_benefit_share_of_unable,
    );
    let ui = &n.unemployment_insurance;
    c.share(
        "national.unemployment_insurance.first_months_share",
        ui.first_months_share,
    );
    c.share(
        "national.unemployment_insurance.later_share",
        ui.later_share,
    );
    c.range(
        "national.unemployment_insurance.first_months",
        ui.first_months as f64,
        0.0,
        24.0,
        "months",
    );
    c.range(
        "national.unemployment_insurance.base_months",
        ui.base_months as f64,
        0.0,
        60.0,
        "months",
    );
    c.range(
        "national.unemployment_insurance.max_months",
        ui.max_months as f64,
        0.0,
        60.0,
        "months",
    );
    c.range(
        "national.unemployment_insurance.tenure_months_min",
        ui.tenure_months_min as f64,
        1.0,
        120.0,
        "months",
    );
    c.range(
        "national.unemployment_insurance.history_years_min",
        ui.history_years_min as f64,
        0.0,
        50.0,
        "years",
    );

    let o = &s.outside;
    c.eur("outside.wage_eur_per_month", o.wage_eur_per_month, 100000.0);
    c.share("outside.skill_required", o.skill_required);
    c.range(
        "outside.price_level",
        o.price_level,
        0.5,
        2.0,
        "(relative to the local prices at the start)",
    );
    check_region(&mut c, s);
    check_income_rules(&mut c, s);

    check_coins_and_levers(&mut c, s);

    if s.neighbourhoods.is_empty() {
        c.push(
            "neighbourhoods",
            "is empty".into(),
            "a city needs at least one neighbourhood, e.g. `neighbourhoods: [(name: \"wijk\")]`"
                .into(),
        );
    }
    c.int(
        "neighbourhoods",
        s.neighbourhoods.len() as u64,
        0,
        10000,
        "neighbourhoods",
    );
    let total = s.resident_count();
    if total > 5_000_000 {
        c.push(
            "neighbourhoods",
            format!("hold {total} residents in all, above 5000000"),
            "a city of at most 5 million residents fits in memory comfortably".into(),
        );
    }
    for (i, nb) in s.neighbourhoods.iter().enumerate() {
        let at = |f: &str| format!("neighbourhoods[{i}].{f}");
        if nb.name == "city" {
            c.push(
                &at("name"),
                "is \"city\", the name of the whole-city rows".into(),
                "choose another name: \"city\" labels the city's totals in every output".into(),
            );
        }
        c.name(&at("name"), &nb.name);
        if let Some(&j) = c.names.get(nb.name.as_str()).filter(|&&j| j < i) {
            c.push(
                &at("name"),
                format!("is {}, the same as neighbourhoods[{j}]", quoted(&nb.name)),
                "names must be unique: they label the output rows".into(),
            );
        }
        let r = &nb.residents;
        let before = c.problems.len();
        c.int(
            &at("residents.count"),
            r.count as u64,
            1,
            2_000_000,
            "residents",
        );
        c.range(
            &at("residents.persons_per_household"),
            r.persons_per_household,
            1.0,
            8.0,
            "persons",
        );
        c.share(&at("residents.child_share"), r.child_share);
        c.share(&at("residents.retired_share"), r.retired_share);
        if r.child_share <= 1.0 && r.retired_share <= 1.0 && r.child_share + r.retired_share > 1.0 {
            c.push(
                &at("residents.retired_share"),
                format!(
                    "is {}, and with child_share {} it exceeds 1",
                    r.retired_share, r.child_share
                ),
                "children and retired residents together cannot be more than all residents".into(),
            );
        }
        c.share(&at("residents.able_to_work_share"), r.able_to_work_share);
        c.share(&at("residents.skill_mean"), r.skill_mean);
        c.share(&at("residents.skill_sd"), r.skill_sd);
        c.share(
            &at("residents.initial_unemployment_rate"),
            r.initial_unemployment_rate,
        );
        c.eur(
            &at("residents.wealth_median_eur_per_household"),
            r.wealth_median_eur_per_household,
            1e7,
        );
        c.range(
            &at("residents.wealth_sigma"),
            r.wealth_sigma,
            0.0,
            4.0,
            "(sigma of the log)",
        );
        c.eur(
            &at("residents.housing_rent_eur_per_household_month"),
            r.housing_rent_eur_per_household_month,
            10000.0,
        );
        c.share(&at("residents.rental_share"), r.rental_share);
        c.share(
            &at("residents.spending_share_local"),
            r.spending_share_local,
        );
        c.share(
            &at("residents.association_membership_share"),
            r.association_membership_share,
        );
        // Values out of range make the consistency checks below say nonsense: skip them.
        let ranges_ok = c.problems.len() == before;
        let adults = r.count as f64 * (1.0 - r.child_share);
        let households = (r.count as f64 / r.persons_per_household).round().max(1.0);
        if ranges_ok && households > adults.floor() {
            c.push(
                &at("residents.persons_per_household"),
                format!(
                    "gives {households} households but there are only {} adults",
                    adults.floor()
                ),
                "every household needs an adult: raise persons_per_household or lower child_share"
                    .into(),
            );
        }

        let bz = &nb.businesses;
        c.range(
            &at("businesses.per_1000_residents"),
            bz.per_1000_residents,
            0.0,
            1000.0,
            "businesses per 1000 residents",
        );
        c.share(
            &at("businesses.resident_share_of_employees"),
            bz.resident_share_of_employees,
        );
        c.range(
            &at("businesses.starts_per_1000_residents_month"),
            bz.starts_per_1000_residents_month,
            0.0,
            100.0,
            "starts per 1000 residents per month",
        );
        c.range(
            &at("businesses.opening_cash_months"),
            bz.opening_cash_months,
            0.0,
            24.0,
            "months",
        );
        let sectors = bz.sectors.resolved();
        let mut share_sum = 0.0;
        let mut spend_sum = 0.0;
        for (k, sp) in SectorKind::ALL.iter().zip(&sectors) {
            let sat = |f: &str| at(&format!("businesses.sectors.{}.{f}", k.field()));
            c.share(&sat("share_of_businesses"), sp.share_of_businesses);
            c.range(
                &sat("employees_mean"),
                sp.employees_mean,
                0.0,
                1000.0,
                "employees",
            );
            c.range(
                &sat("wage_eur_per_month"),
                sp.wage_eur_per_month,
                1.0,
                100000.0,
                "EUR",
            );
            c.range(
                &sat("revenue_per_worker_eur_per_month"),
                sp.revenue_per_worker_eur_per_month,
                1.0,
                1e6,
                "EUR",
            );
            c.share(&sat("supply_cost_share"), sp.supply_cost_share);
            c.share(&sat("supplies_share_outside"), sp.supplies_share_outside);
            c.eur(&sat("rent_eur_per_month"), sp.rent_eur_per_month, 1e6);
            c.eur(
                &sat("outside_sales_eur_per_business_month"),
                sp.outside_sales_eur_per_business_month,
                1e7,
            );
            c.share(
                &sat("household_spending_share"),
                sp.household_spending_share,
            );
            c.share(&sat("skill_required"), sp.skill_required);
            check_weekly_hours(&mut c, &sat("weekly_hours"), &sp.weekly_hours);
            share_sum += sp.share_of_businesses;
            spend_sum += sp.household_spending_share;
        }
        for (sum, field) in [
            (share_sum, "share_of_businesses"),
            (spend_sum, "household_spending_share"),
        ] {
            if sum.is_finite() && (sum - 1.0).abs() > 1e-6 {
                c.push(
                    &at("businesses.sectors"),
                    format!("`{field}` of the five sectors sums to {sum:.4}, not 1"),
                    format!("adjust `{field}` of the sectors so they sum to 1"),
                );
            }
        }
        // Jobs filled by residents at the start must fit in the able working-age population.
        let working_age = r.count as f64 * (1.0 - r.child_share - r.retired_share).max(0.0);
        let able = (working_age * r.able_to_work_share).floor();
        let businesses = (bz.per_1000_residents * r.count as f64 / 1000.0).round();
        let employees: f64 = sectors
            .iter()
            .map(|sp| businesses * sp.share_of_businesses * sp.employees_mean)
            .sum();
        let resident_share = if s.economy.outside_world {
            bz.resident_share_of_employees
        } else {
            1.0
        };
        let resident_jobs = businesses + employees * resident_share;
        let available = (able * (1.0 - r.initial_unemployment_rate)).floor();
        if ranges_ok && c.problems.len() == before && resident_jobs > available {
            c.push(
                &at("businesses.per_1000_residents"),
                format!(
                    "gives {resident_jobs:.0} local jobs held by residents (owners and employees) at the start, but only {available:.0} able working-age residents are employed"
                ),
                "fewer businesses, fewer employees per business, a lower resident_share_of_employees, or a lower initial_unemployment_rate".into(),
            );
        }

        let a = &nb.associations;
        c.range(
            &at("associations.per_1000_residents"),
            a.per_1000_residents,
            0.0,
            100.0,
            "associations per 1000 residents",
        );
        c.eur(
            &at("associations.fee_eur_per_month"),
            a.fee_eur_per_month,
            10000.0,
        );
        c.range(
            &at("associations.volunteer_demand_hours_per_month"),
            a.volunteer_demand_hours_per_month,
            0.0,
            100000.0,
            "hours",
        );
        c.share(
            &at("associations.spending_share_local"),
            a.spending_share_local,
        );
        c.eur(
            &at("associations.opening_cash_eur"),
            a.opening_cash_eur,
            1e7,
        );
    }
    c.problems
}

/// The most neighbourhood names a hint lists (and compares for a suggestion).
const NAMES_LISTED_MAX: usize = 50;

/// Largest coin income a resident can have in a month, valued in euros (at the coin's
/// value, or at lever 1's bonus per coin, whichever is larger). Each field alone is within
/// its range, but their product can reach EUR 10^11 a resident-month, which overflows the
/// ledger's integer cents within a run (issue 8, finding 7). No scheme comes near: the
/// shipped presets stay below EUR 1,000.
pub const COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX: f64 = 100_000.0;

/// The largest labour force of the region outside the city, persons: ten times the
/// Dutch labour force (about 10 million), far beyond any region.
pub const REGION_LABOUR_FORCE_MAX: u64 = 100_000_000;

/// The regional labour market (issue 10, item 1): docs/ODD.md 7.9 gives each default's
/// source.
/// Shares of jobs by weekly hours (each a share, summing to 1) and the hours of each class.
fn check_weekly_hours(c: &mut Checker, path: &str, w: &crate::scenario::WeeklyHours) {
    let shares = [
        ("under_12_share", w.under_12_share),
        ("from_12_to_20_share", w.from_12_to_20_share),
        ("from_20_to_35_share", w.from_20_to_35_share),
        ("full_time_share", w.full_time_share),
    ];
    for (f, v) in shares {
        c.share(&format!("{path}.{f}"), v);
    }
    let sum: f64 = shares.iter().map(|s| s.1).sum();
    if sum.is_finite() && (sum - 1.0).abs() > 1e-6 {
        c.push(
            path,
            format!("the four shares sum to {sum:.4}, not 1"),
            "adjust the shares so they sum to 1".into(),
        );
    }
    for (f, v, lo, hi) in [
        ("hours_under_12", w.hours_under_12, 1.0, 12.0),
        ("hours_12_to_20", w.hours_12_to_20, 12.0, 20.0),
        ("hours_20_to_35", w.hours_20_to_35, 20.0, 35.0),
    ] {
        c.range(&format!("{path}.{f}"), v, lo, hi, "hours a week");
    }
}

/// The labour-supply fields of `behaviour` and `municipality`, the tax schedule and the
/// allowances (docs/ODD.md 7.16).
fn check_income_rules(c: &mut Checker, s: &Scenario) {
    let b = &s.behaviour;
    let h = "hours a week";
    c.range(
        "behaviour.full_time_hours_per_week",
        b.full_time_hours_per_week,
        1.0,
        60.0,
        h,
    );
    c.eur(
        "behaviour.reservation_gain_eur_per_month",
        b.reservation_gain_eur_per_month,
        2000.0,
    );
    let m = &s.municipality;
    c.prob(
        "municipality.refusal_sanction_probability",
        m.refusal_sanction_probability,
    );
    c.share(
        "municipality.refusal_sanction_share",
        m.refusal_sanction_share,
    );
    check_weekly_hours(c, "region.weekly_hours", &s.region.weekly_hours);
    check_income_tax(c, &s.national.income_tax);
    let ra = &s.national.rent_allowance;
    let p = |f: &str| format!("national.rent_allowance.{f}");
    for (f, v) in [
        ("base_rent_eur_per_month", ra.base_rent_eur_per_month),
        (
            "quality_threshold_eur_per_month",
            ra.quality_threshold_eur_per_month,
        ),
        (
            "capping_threshold_single_eur_per_month",
            ra.capping_threshold_single_eur_per_month,
        ),
        (
            "capping_threshold_couple_eur_per_month",
            ra.capping_threshold_couple_eur_per_month,
        ),
        ("max_rent_eur_per_month", ra.max_rent_eur_per_month),
    ] {
        c.eur(&p(f), v, 10000.0);
    }
    c.share(&p("share_to_capping"), ra.share_to_capping);
    c.share(
        &p("share_above_capping_single"),
        ra.share_above_capping_single,
    );
    c.eur(
        &p("income_free_single_eur_per_year"),
        ra.income_free_single_eur_per_year,
        1e6,
    );
    c.eur(
        &p("income_free_couple_eur_per_year"),
        ra.income_free_couple_eur_per_year,
        1e6,
    );
    c.share(&p("withdrawal_rate"), ra.withdrawal_rate);
    c.eur(
        &p("asset_limit_eur_per_adult"),
        ra.asset_limit_eur_per_adult,
        1e8,
    );
    let ha = &s.national.health_allowance;
    let p = |f: &str| format!("national.health_allowance.{f}");
    c.eur(
        &p("max_single_eur_per_month"),
        ha.max_single_eur_per_month,
        10000.0,
    );
    c.eur(
        &p("max_couple_eur_per_month"),
        ha.max_couple_eur_per_month,
        10000.0,
    );
    c.eur(
        &p("income_full_eur_per_year"),
        ha.income_full_eur_per_year,
        1e6,
    );
    c.share(&p("withdrawal_rate"), ha.withdrawal_rate);
    c.eur(&p("asset_limit_single_eur"), ha.asset_limit_single_eur, 1e8);
    c.eur(&p("asset_limit_couple_eur"), ha.asset_limit_couple_eur, 1e8);
}

/// The tax schedule: rates are shares, limits and knots increasing.
fn check_income_tax(c: &mut Checker, t: &crate::scenario::IncomeTax) {
    let p = |f: &str| format!("national.income_tax.{f}");
    let limits = &t.bracket_limits_eur_per_year;
    for (i, &l) in limits.iter().enumerate() {
        c.eur(
            &format!("{}[{i}]", p("bracket_limits_eur_per_year")),
            l,
            1e8,
        );
    }
    if limits.windows(2).any(|w| w[1] <= w[0]) {
        c.push(
            &p("bracket_limits_eur_per_year"),
            "is not increasing".into(),
            "list the upper limits from low to high, e.g. `[38441.0, 76817.0]`".into(),
        );
    }
    for (i, &r) in t.bracket_rates.iter().enumerate() {
        c.share(&format!("{}[{i}]", p("bracket_rates")), r);
    }
    if t.bracket_rates.len() != limits.len() + 1 {
        c.push(
            &p("bracket_rates"),
            format!("has {} rates for {} limits", t.bracket_rates.len(), limits.len()),
            "give one rate more than `bracket_limits_eur_per_year` has limits (the last bracket is open)".into(),
        );
    }
    c.eur(
        &p("general_credit_max_eur_per_year"),
        t.general_credit_max_eur_per_year,
        1e6,
    );
    c.eur(
        &p("general_credit_phaseout_from_eur_per_year"),
        t.general_credit_phaseout_from_eur_per_year,
        1e8,
    );
    c.share(
        &p("general_credit_phaseout_rate"),
        t.general_credit_phaseout_rate,
    );
    let knots = &t.labour_credit_knots_eur_per_year;
    for (i, &(x, y)) in knots.iter().enumerate() {
        let k = format!("{}[{i}]", p("labour_credit_knots_eur_per_year"));
        c.eur(&k, x, 1e8);
        c.eur(&k, y, 1e6);
    }
    if knots.first().is_some_and(|k| k.0 != 0.0) || knots.windows(2).any(|w| w[1].0 <= w[0].0) {
        c.push(
            &p("labour_credit_knots_eur_per_year"),
            "does not start at earnings 0 and increase".into(),
            "start with `(0.0, 0.0)` and list the knots by increasing earnings".into(),
        );
    }
}

fn check_region(c: &mut Checker, s: &Scenario) {
    let r = &s.region;
    c.int(
        "region.labour_force_outside_city",
        r.labour_force_outside_city,
        0,
        REGION_LABOUR_FORCE_MAX,
        "persons",
    );
    c.share("region.unemployment_rate", r.unemployment_rate);
    let tightness_unit = "vacancies per unemployed person (CBS 2022-2024: 1.06 to 1.23)";
    c.range("region.tightness", r.tightness, 0.01, 100.0, tightness_unit);
    for (i, &t) in r.tightness_by_year.iter().enumerate() {
        c.range(
            &format!("region.tightness_by_year[{i}]"),
            t,
            0.01,
            100.0,
            tightness_unit,
        );
    }
    if r.tightness_by_year.len() > YEARS_MAX as usize {
        c.push(
            "region.tightness_by_year",
            format!(
                "has {} years, more than a run's {YEARS_MAX}",
                r.tightness_by_year.len()
            ),
            "give one tightness per simulated year; years beyond the list keep its last value"
                .into(),
        );
    }
    c.range(
        "region.matching_efficiency_per_month",
        r.matching_efficiency_per_month,
        0.0,
        10.0,
        "matches per month at one vacancy per unemployed person",
    );
    c.share(
        "region.matching_elasticity_unemployment",
        r.matching_elasticity_unemployment,
    );
    c.prob(
        "region.separation_rate_per_month",
        r.separation_rate_per_month,
    );
    c.share("region.skill_mean", r.skill_mean);
    c.share("region.skill_sd", r.skill_sd);
    c.range(
        "region.ranking_skill_scale",
        r.ranking_skill_scale,
        0.01,
        1.0,
        "skill (0 to 1)",
    );
    c.share(
        "region.own_municipality_job_share",
        r.own_municipality_job_share,
    );
    c.share(
        "region.job_loss_share_of_separations",
        r.job_loss_share_of_separations,
    );
    c.range(
        "region.proximity_weight",
        r.proximity_weight,
        0.0,
        100_000.0,
        "weight relative to a job seeker from the rest of the region",
    );
}

fn check_coins_and_levers(c: &mut Checker, s: &Scenario) {
    s.coins.check(c, s);
    super::levers::check(c, s);
    targets(c, s);
    c.range(
        "behaviour.training_hours_per_month",
        s.behaviour.training_hours_per_month,
        0.0,
        200.0,
        "hours",
    );
}

/// The time budget and search (docs/ODD.md 7.17): a month has 744 hours at most.
fn time_ranges(c: &mut Checker, b: &crate::scenario::Behaviour) {
    c.range(
        "behaviour.time_budget_hours_per_month",
        b.time_budget_hours_per_month,
        200.0,
        744.0,
        "hours (a month has at most 744)",
    );
    c.range(
        "behaviour.search_hours_per_month",
        b.search_hours_per_month,
        0.5,
        100.0,
        "hours",
    );
    c.range(
        "behaviour.weak_tie_job_chance_gain",
        b.weak_tie_job_chance_gain,
        0.0,
        0.5,
        "(a relative gain)",
    );
    c.range(
        "behaviour.volunteer_skill_gain_per_month",
        b.volunteer_skill_gain_per_month,
        0.0,
        0.01,
        "(skill, 0 to 1)",
    );
}

/// Each target names a known indicator and area, a simulated year and a change of -100%
/// to +1,000%.
fn targets(c: &mut Checker, s: &Scenario) {
    let names: Vec<&str> = crate::model::indicators::Indicator::ALL
        .iter()
        .map(|i| i.name())
        .collect();
    for (i, t) in s.targets.iter().enumerate() {
        let at = |f: &str| format!("targets[{i}].{f}");
        if !names.contains(&t.indicator.as_str()) {
            c.push(
                &at("indicator"),
                format!("is {}, not an indicator", quoted(&t.indicator)),
                match crate::scenario::did_you_mean(&t.indicator, &names).split_once("? allowed:") {
                    Some((guess, _)) => {
                        format!("{guess}? every indicator is listed in docs/scenario-format.md, section Indicators")
                    }
                    None => "name an indicator listed in docs/scenario-format.md, section Indicators".into(),
                },
            );
        }
        if t.area != "city" {
            c.neighbourhood_name(s, &at("area"), &t.area);
        }
        c.int(
            &at("year"),
            t.year as u64,
            1,
            s.run.years as u64,
            "years (the simulated years)",
        );
        c.range(
            &at("change"),
            t.change,
            -1.0,
            10.0,
            "(a relative change: -0.1 is 10% lower)",
        );
        if t.change == 0.0 {
            c.push(
                &at("change"),
                "is 0, which says neither a rise nor a fall".into(),
                "write -0.1 for 10% lower, 0.05 for 5% higher".into(),
            );
        }
    }
}
