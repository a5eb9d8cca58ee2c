//! No valid scenario costs more than a fixed multiple of its resident-months.
//!
//! The model counts its work (`Model::work_units`: loop iterations of the tick whose bodies
//! are bounded by constants of the code) and `WORK_UNITS_PER_RESIDENT_MONTH_MAX` bounds it
//! per resident and month (per resident or agreement of lever 8). These tests run extreme
//! valid scenarios (the corners of the validation ranges in `src/scenario/validate.rs`)
//! and check the bound after every tick, so a loop whose trip count follows a money amount
//! fails within a few months instead of hanging. No test here measures time.

use proptest::prelude::*;
use wijksim::model::indicators::Discard;
use wijksim::model::{Model, STAFF_TARGET_MAX, WORK_UNITS_PER_RESIDENT_MONTH_MAX};
use wijksim::scenario::{self, Scenario};

/// Runs every tick of `s`, checking after each that the work so far is within the bound;
/// returns the work units per resident-month.
fn run_within_bound(s: &Scenario) -> f64 {
    let mut m = Model::new(s);
    let total = m.ticks_total();
    while m.tick() < total {
        m.step(&mut Discard);
        assert!(
            m.work_units() <= m.work_bound(),
            "{}: {} work units after {} ticks, above the bound {} ({} per resident-month)",
            s.name,
            m.work_units(),
            m.tick(),
            m.work_bound(),
            WORK_UNITS_PER_RESIDENT_MONTH_MAX
        );
    }
    let b = &m.world().businesses;
    for bi in 0..b.nb.len() {
        let staff = 1 + b.staff_residents[bi] + b.staff_commuters[bi];
        assert!(
            !b.active[bi] || staff <= STAFF_TARGET_MAX + 1,
            "{}: business {bi} has {staff} workers",
            s.name
        );
    }
    let per_rm = m.work_units() as f64 / m.resident_months() as f64;
    println!("{}: {per_rm:.1} work units per resident-month", s.name);
    per_rm
}

fn parse(text: &str) -> Scenario {
    scenario::parse(text, "extreme.ron").unwrap_or_else(|d| panic!("invalid scenario:\n{d}"))
}

/// A one-wijk city of `count` residents with `extra` inserted at the top level.
fn city(name: &str, count: u32, extra: &str, residents: &str) -> Scenario {
    parse(&format!(
        "(name: \"{name}\", run: (seed: 7, years: 1), {extra}
          neighbourhoods: [(name: \"wijk\", residents: (count: {count}, {residents}))])"
    ))
}

/// The scenario that hung: EUR 1000 of benefit per coin earned, coins issued generously,
/// no asset test to stop the benefit, and businesses that hire all they can. Benefits then
/// grow revenue without bound, the staffing target followed revenue, and each of the
/// millions of vacancies was searched one by one (133 s for a year of 1,000 residents).
/// With 10^6 coins per volunteer hour it is now refused by validation (a coin income of
/// EUR 2 * 10^11 a month overflows the ledger's cents); [`BONUS`] keeps the largest coin
/// income validation allows, `COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX`.
const HUNG: &str = "
    behaviour: (staff_adjustment_per_month: 1.0,
                volunteer_hours_per_month: 200.0, consumption_alpha2: 1.0,
                revenue_smoothing: 1.0),
    region: (tightness: 0.01),
    municipality: (asset_limit_single_eur: 10000000.0, asset_limit_couple_eur: 10000000.0),
    coins: (enabled: true, issuance: (per_volunteer_hour: 1000000.0)),
    levers: (benefits_tied_to_coins: (enabled: true, bonus_eur_per_coin: 1000.0,
                                      participation_probability_per_month: 1.0)),";

#[test]
fn a_coin_income_that_overflows_the_ledger_is_refused_by_validation() {
    let text = format!(
        "(name: \"hung\", {HUNG} neighbourhoods: [(name: \"wijk\", residents: (count: 1000))])"
    );
    let err = scenario::parse(&text, "hung.ron").unwrap_err().to_string();
    assert!(
        err.contains("`coins.issuance.per_volunteer_hour` lets a resident earn"),
        "{err}"
    );
}

/// The largest coin income validation allows: 0.5 coins an hour for 200 hours at EUR 1000
/// of benefit a coin, EUR 100,000 a month.
const BONUS: &str = "
    behaviour: (staff_adjustment_per_month: 1.0,
                volunteer_hours_per_month: 200.0, consumption_alpha2: 1.0,
                revenue_smoothing: 1.0),
    region: (tightness: 0.01),
    municipality: (asset_limit_single_eur: 10000000.0, asset_limit_couple_eur: 10000000.0),
    coins: (enabled: true, issuance: (per_volunteer_hour: 0.5)),
    levers: (benefits_tied_to_coins: (enabled: true, bonus_eur_per_coin: 1000.0,
                                      participation_probability_per_month: 1.0)),";

#[test]
fn a_large_bonus_per_coin_does_not_make_a_year_hang() {
    let s = city("bonus", 1000, BONUS, "spending_share_local: 1.0");
    let per_rm = run_within_bound(&s);
    assert!(per_rm > 0.0);
}

/// Every sector at the smallest valid revenue per worker (EUR 1 a month): the staffing
/// target is the business's revenue in euros.
fn revenue_per_worker_of(eur: f64) -> String {
    let sector = format!("(revenue_per_worker_eur_per_month: {eur})");
    format!(
        "businesses: (sectors: (groceries: {sector}, personal_services: {sector},
                                 maintenance: {sector}, care: {sector}, other: {sector}))"
    )
}

#[test]
fn a_revenue_per_worker_of_one_euro_stays_within_the_bound() {
    let s = parse(&format!(
        "(name: \"one-euro\", run: (seed: 3, years: 1),
          behaviour: (staff_adjustment_per_month: 1.0), region: (tightness: 0.01),
          neighbourhoods: [(name: \"wijk\", residents: (count: 500), {})])",
        revenue_per_worker_of(1.0)
    ));
    run_within_bound(&s);
}

/// Many agreements of lever 8 with a small reach and room for every job seeker: each
/// used to scan the whole pool of job seekers every month.
#[test]
fn many_agreements_do_not_rescan_the_job_seekers() {
    let agreement = "(from: \"a\", to: \"b\", job_seekers: 100000, years: 1,
                      wage_eur_per_month: 2000.0, meeting_reach_per_month: 0.0001)";
    let agreements = vec![agreement; 400].join(",");
    let s = parse(&format!(
        "(name: \"agreements\", run: (seed: 5, years: 1),
          levers: (matching: (agreements: [{agreements}])),
          neighbourhoods: [
            (name: \"a\", residents: (count: 2000, initial_unemployment_rate: 0.5)),
            (name: \"b\", residents: (count: 20)),
          ])"
    ));
    let mut m = Model::new(&s);
    m.run(&mut Discard, |_, _| {});
    // Without the tree each agreement visits each job seeker: 400 x 1000 x 12 units.
    assert!(
        m.work_units() < 400 * 1000 * 12,
        "{} work units for 400 agreements over 1000 job seekers",
        m.work_units()
    );
    assert!(m.work_units() <= m.work_bound());
    let per = m.work_units() as f64 / ((2020 + 400) * 12) as f64;
    println!("agreements: {per:.1} work units per (resident + agreement)-month");
}

/// The corners at once: every lever on at the top of its range, large money amounts (coin
/// amounts below the top of their ranges: at the top, euro amounts overflow 64-bit cents
/// within months, a separate problem from cost),
/// spending shares and quota, rents that bankrupt every business at once, businesses
/// starting as fast as allowed, a region of 100 million with 100 vacancies per unemployed
/// person and employers who rank everyone but the most skilled near zero, and a demography that retires and replaces everyone in year two.
fn everything(count: u32, neighbourhoods: usize) -> Scenario {
    let per = count / neighbourhoods as u32;
    let nbs: Vec<String> = (0..neighbourhoods)
        .map(|i| {
            format!(
                "(name: \"n{i}\",
                  residents: (count: {per}, persons_per_household: 1.0, child_share: 0.0,
                              retired_share: 0.0, able_to_work_share: 1.0,
                              initial_unemployment_rate: 0.5, spending_share_local: 1.0,
                              wealth_median_eur_per_household: 10000000.0,
                              association_membership_share: 1.0),
                  businesses: (per_1000_residents: 400.0, starts_per_1000_residents_month: 100.0,
                               resident_share_of_employees: 0.0),
                  associations: (per_1000_residents: 100.0))"
            )
        })
        .collect();
    let agreements: Vec<String> = (1..neighbourhoods.min(4))
        .map(|i| {
            format!(
                "(from: \"n0\", to: \"n{i}\", job_seekers: 100000, years: 1,
                  wage_eur_per_month: 100000.0, meeting_reach_per_month: 0.5)"
            )
        })
        .collect();
    let adoptions: Vec<String> = (1..neighbourhoods.min(4))
        .map(|i| format!("(strong: \"n{i}\", weak: \"n0\", spending_share: 1.0)"))
        .collect();
    parse(&format!(
        "(name: \"everything-{count}-{neighbourhoods}\", run: (seed: 11, years: 2),
          economy: (demography: true),
          behaviour: (staff_adjustment_per_month: 1.0,
                      candidates_per_vacancy: 100, network_contacts: 64,
                      referral_probability: 1.0, consumption_alpha1: 1.0,
                      consumption_alpha2: 1.0, revenue_smoothing: 1.0,
                      volunteer_hours_per_month: 200.0, volunteer_probability_per_month: 0.5,
                      months_in_arrears_before_failure: 1, pension_age_years: 18,
                      life_expectancy_years: 19, training_probability_per_month: 1.0,
                      training_months: 1),
          municipality: (asset_limit_single_eur: 10000000.0, asset_limit_couple_eur: 10000000.0,
                         procurement: (maintenance_eur_per_resident_month: 10000.0,
                                       care_eur_per_resident_month: 10000.0,
                                       local_award_probability: 1.0, contract_months: 1)),
          outside: (skill_required: 1.0, wage_eur_per_month: 100000.0),
          region: (labour_force_outside_city: 100000000, tightness: 100.0,
                   matching_efficiency_per_month: 10.0, ranking_skill_scale: 0.01),
          coins: (enabled: true, value_eur: 1.0,
                  issuance: (per_volunteer_hour: 0.25, per_training_month: 10.0),
                  purchase: (enabled: true, share_of_local_spending: 1.0, bonus_share: 1.0),
                  redemption: (businesses: true, associations: true),
                  demurrage: (rate_per_period: 1.0, period_months: 1)),
          levers: (
            benefits_tied_to_coins: (enabled: true, bonus_eur_per_coin: 1000.0,
                                     participation_probability_per_month: 1.0),
            shops_accept_coins: (enabled: true, share_of_price: 1.0),
            association_fees_in_coins: (enabled: true, share: 1.0),
            residents_exchange_coins: (enabled: true, trades_per_household_month: 20),
            procurement_quota: (enabled: true, resident_share: 1.0),
            maintenance_supplement: (enabled: true, eur_per_resident_month: 10000.0,
                                     resident_work_share: 1.0),
            pay_residents: (enabled: true, budget_eur_per_resident_month: 10000.0,
                            coins_per_hour: 0.2, hours_per_month: 200.0),
            matching: (agreements: [{}], adoptions: [{}]),
            youth_contract: (enabled: true, max_age_years: 67,
                             bonus_eur_per_training_month: 10000.0,
                             training_probability_per_month: 1.0),
            business_cooperation: (enabled: true, internships_per_100_businesses_month: 100.0,
                                   promotion_local_share_increase: 0.5,
                                   joint_purchasing_saving_share: 0.5),
            buy_local: (enabled: true, local_share_increase: 1.0,
                        cost_eur_per_resident_month: 1000.0)),
          neighbourhoods: [{}])",
        agreements.join(","),
        adoptions.join(","),
        nbs.join(",")
    ))
}

#[test]
fn every_lever_at_its_extreme_stays_within_the_bound() {
    for (count, nbs) in [(1, 1), (2, 2), (40, 40), (3000, 1), (3000, 3), (40_000, 4)] {
        let s = everything(count, nbs);
        run_within_bound(&s);
    }
}

#[test]
fn mass_failures_and_starts_stay_within_the_bound() {
    // Rent of EUR 1 million a month closes every business in the first month; the slots
    // are then refilled as fast as starts allow.
    let sector = "(rent_eur_per_month: 1000000.0)";
    let s = parse(&format!(
        "(name: \"failures\", run: (seed: 2, years: 1),
          behaviour: (months_in_arrears_before_failure: 1, start_grace_months: 0),
          neighbourhoods: [(name: \"wijk\",
            residents: (count: 20000, initial_unemployment_rate: 0.5),
            businesses: (per_1000_residents: 200.0, starts_per_1000_residents_month: 100.0,
              sectors: (groceries: {sector}, personal_services: {sector},
                        maintenance: {sector}, care: {sector}, other: {sector})))])"
    ));
    run_within_bound(&s);
}

/// The shipped scenarios, one year each: far below the bound (their ratios are in
/// docs/PERFORMANCE.md).
#[test]
fn shipped_scenarios_stay_within_the_bound() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        "scenarios",
        "scenarios/cases",
        "scenarios/levers",
        "scenarios/presets",
    ] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "ron") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 20, "found only {} scenarios", files.len());
    for f in files {
        let mut s = scenario::load(&f).unwrap();
        s.run.years = 1;
        run_within_bound(&s);
    }
}

/// One knob of the proptest: a field and its two extreme values.
const KNOBS: &[(&str, &str, &str)] = &[
    ("behaviour.staff_adjustment_per_month", "0.0", "1.0"),
    ("region.tightness", "0.01", "100.0"),
    ("behaviour.candidates_per_vacancy", "1", "100"),
    ("behaviour.network_contacts", "0", "64"),
    ("behaviour.referral_probability", "0.0", "1.0"),
    ("behaviour.consumption_alpha2", "0.0", "1.0"),
    ("behaviour.revenue_smoothing", "0.01", "1.0"),
    ("behaviour.volunteer_hours_per_month", "0.0", "200.0"),
    // At most 0.5 coins an hour for 200 hours at EUR 1000 a coin: the largest coin income
    // validation allows (`COIN_INCOME_EUR_PER_RESIDENT_MONTH_MAX`).
    ("coins.issuance.per_volunteer_hour", "0.0", "0.5"),
    (
        "levers.benefits_tied_to_coins.bonus_eur_per_coin",
        "0.0",
        "1000.0",
    ),
    ("levers.procurement_quota.resident_share", "0.0", "1.0"),
    (
        "levers.maintenance_supplement.eur_per_resident_month",
        "0.0",
        "10000.0",
    ),
    (
        "levers.residents_exchange_coins.trades_per_household_month",
        "0",
        "20",
    ),
    ("region.matching_efficiency_per_month", "0.0", "10.0"),
    ("region.labour_force_outside_city", "0", "100000000"),
    ("outside.skill_required", "0.0", "1.0"),
    ("municipality.asset_limit_single_eur", "0.0", "10000000.0"),
    (
        "municipality.procurement.maintenance_eur_per_resident_month",
        "0.0",
        "10000.0",
    ),
];

/// A scenario from the knobs: `high[i]` picks the high value of knob i.
fn corner(high: &[bool], count: u32, revenue_per_worker: f64, seed: u64) -> String {
    // Nested RON from dotted paths: group the knobs by their first segment.
    let mut top: std::collections::BTreeMap<&str, Vec<(String, &str)>> = Default::default();
    for (i, (path, lo, hi)) in KNOBS.iter().enumerate() {
        let (head, rest) = path.split_once('.').unwrap();
        top.entry(head)
            .or_default()
            .push((rest.to_string(), if high[i] { hi } else { lo }));
    }
    fn nest(fields: &[(String, &str)]) -> String {
        let mut groups: std::collections::BTreeMap<String, Vec<(String, &str)>> =
            Default::default();
        let mut out = Vec::new();
        for (path, value) in fields {
            match path.split_once('.') {
                Some((head, rest)) => groups
                    .entry(head.to_string())
                    .or_default()
                    .push((rest.to_string(), value)),
                None => out.push(format!("{path}: {value}")),
            }
        }
        for (head, inner) in groups {
            out.push(format!("{head}: ({})", nest(&inner)));
        }
        out.join(", ")
    }
    let mut parts: Vec<String> = top
        .iter()
        .filter(|(head, _)| **head != "levers" && **head != "coins")
        .map(|(head, fields)| format!("{head}: ({})", nest(fields)))
        .collect();
    let coins = nest(&top["coins"]);
    parts.push(format!("coins: (enabled: true, {coins})"));
    let levers = nest(&top["levers"]);
    // Switch on the levers the knobs set.
    let levers = levers
        .replace(
            "benefits_tied_to_coins: (",
            "benefits_tied_to_coins: (enabled: true, participation_probability_per_month: 1.0, ",
        )
        .replace(
            "procurement_quota: (",
            "procurement_quota: (enabled: true, ",
        )
        .replace(
            "maintenance_supplement: (",
            "maintenance_supplement: (enabled: true, ",
        )
        .replace(
            "residents_exchange_coins: (",
            "residents_exchange_coins: (enabled: true, ",
        );
    parts.push(format!("levers: ({levers})"));
    format!(
        "(name: \"corner\", run: (seed: {seed}, years: 1), {},
          neighbourhoods: [(name: \"wijk\", residents: (count: {count}, spending_share_local: 1.0),
                            {})])",
        parts.join(", "),
        revenue_per_worker_of(revenue_per_worker)
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Random corners of the validation ranges stay within the bound.
    #[test]
    fn extreme_valid_corners_stay_within_the_bound(
        high in proptest::collection::vec(any::<bool>(), KNOBS.len()),
        count in prop_oneof![Just(20u32), Just(300u32)],
        revenue_per_worker in prop_oneof![Just(1.0), Just(1000000.0), Just(5000.0)],
        seed in 0u64..1000,
    ) {
        let text = corner(&high, count, revenue_per_worker, seed);
        let s = scenario::parse(&text, "corner.ron");
        prop_assume!(s.is_ok());
        run_within_bound(&s.unwrap());
    }
}

#[test]
fn the_corner_generator_makes_valid_scenarios() {
    for high in [vec![false; KNOBS.len()], vec![true; KNOBS.len()]] {
        parse(&corner(&high, 300, 1.0, 1));
    }
}
