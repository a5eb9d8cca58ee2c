//! Degenerate economies whose steady state is known in closed form.

mod common;

use wijksim::model::Model;
use wijksim::model::ids::HouseholdId;
use wijksim::model::ledger::Currency;
use wijksim::model::world::Status;

/// Switches off every part of the economy that is not in the textbook models, and the
/// burn-in: these models start from the built world, whose closed forms say where any
/// start ends (their steady states hold within their tolerance at the years checked,
/// around which the runs fluctuate by a few percent).
fn bare(s: &mut wijksim::scenario::Scenario) {
    s.run.burn_in_years = 0;
    let e = &mut s.economy;
    e.supplies = false;
    e.rent = false;
    e.benefits = false;
    e.pensions = false;
    e.associations = false;
    e.business_dynamics = false;
    e.labour_market = false;
    e.training = false;
    e.national_transfers = false;
    e.disability_benefits = false;
    e.allowances = false;
    e.demography = false;
    // The textbook models tax income at one flat rate.
    s.national.income_tax.schedule = false;
}

fn household_money(m: &Model) -> f64 {
    let w = m.world();
    (0..w.households.nb.len() as u32)
        .map(|h| {
            m.ledger()
                .balance(Currency::Eur, w.household_account(HouseholdId(h))) as f64
                / 100.0
        })
        .sum()
}

/// Godley and Lavoie's model SIM: a closed economy where government spending G (here the
/// municipal contracts) and an income tax at rate theta on all earnings settle at
/// Y* = G / theta, and household money at H* = (1 - alpha1) / alpha2 * YD*, whatever the
/// starting point.
#[test]
fn sim_model_steady_state() {
    let (alpha1, alpha2, theta) = (0.6, 0.4, 0.2);
    let s = common::parse(&format!(
        r#"(
        name: "sim", run: (seed: 7, years: 30),
        behaviour: (consumption_alpha1: {alpha1}, consumption_alpha2: {alpha2}, subsistence_eur_per_person_month: 0.0),
        municipality: (income_tax_rate: {theta}, local_tax_eur_per_household_month: 0.0,
            procurement: (maintenance_eur_per_resident_month: 30.0, care_eur_per_resident_month: 70.0)),
        neighbourhoods: [(residents: (count: 1000, wealth_median_eur_per_household: 2000.0))],
        economy: (outside_world: false, procurement: true, taxes: true),
    )"#
    ));
    let mut s = s;
    bare(&mut s);
    let g_per_month = 100.0 * 1000.0;
    let mut m = Model::new(&s);
    let mut years = common::Years::default();
    m.run(&mut years, |_, _| {});
    let y_star = g_per_month / theta;
    let turnover_per_month = years.get(30, "city", "business_turnover_eur") / 12.0;
    assert!(
        (turnover_per_month - y_star).abs() / y_star < 0.01,
        "Y = {turnover_per_month:.0} per month, expected G/theta = {y_star:.0}"
    );
    let yd_star = (1.0 - theta) * y_star;
    let h_star = (1.0 - alpha1) / alpha2 * yd_star;
    let h = household_money(&m);
    assert!(
        (h - h_star).abs() / h_star < 0.02,
        "H = {h:.0}, expected {h_star:.0}"
    );
}

/// The simple local multiplier: an injection E per month into households (outside wages),
/// a share s_h of their spending at local businesses, and a share (1 - c) of business
/// revenue paid back to resident households (supplies at cost share c all bought outside).
/// In the steady state household income is E / (1 - s_h (1 - c)).
#[test]
fn local_multiplier_steady_state() {
    let (s_h, c) = (0.5, 0.4);
    let mut s = common::parse(&format!(
        r#"(
        name: "multiplier", run: (seed: 3, years: 25),
        behaviour: (consumption_alpha1: 0.8, consumption_alpha2: 0.2, subsistence_eur_per_person_month: 0.0),
        neighbourhoods: [(residents: (count: 1200, child_share: 0.0, retired_share: 0.0, able_to_work_share: 1.0,
                initial_unemployment_rate: 0.0, spending_share_local: {s_h}),
            businesses: (per_1000_residents: 60.0, resident_share_of_employees: 1.0, sectors: (
                groceries: (supply_cost_share: {c}, supplies_share_outside: 1.0, outside_sales_eur_per_business_month: 0.0),
                personal_services: (supply_cost_share: {c}, supplies_share_outside: 1.0, outside_sales_eur_per_business_month: 0.0),
                maintenance: (supply_cost_share: {c}, supplies_share_outside: 1.0, outside_sales_eur_per_business_month: 0.0),
                care: (supply_cost_share: {c}, supplies_share_outside: 1.0, outside_sales_eur_per_business_month: 0.0),
                other: (supply_cost_share: {c}, supplies_share_outside: 1.0, outside_sales_eur_per_business_month: 0.0),
            )))],
    )"#
    ));
    bare(&mut s);
    s.economy.supplies = true;
    s.economy.taxes = false;
    s.economy.procurement = false;
    let mut m = Model::new(&s);
    let w = m.world();
    let injection: f64 = (0..w.residents.nb.len())
        .filter(|&r| w.residents.status[r] == Status::EmployedOutside)
        .map(|r| w.residents.wage_cents[r] as f64 / 100.0)
        .sum();
    assert!(injection > 0.0, "the test needs residents employed outside");
    let mut years = common::Years::default();
    m.run(&mut years, |_, _| {});
    let income = injection / (1.0 - s_h * (1.0 - c));
    let consumption = years.get(25, "city", "household_consumption_eur") / 12.0;
    assert!(
        (consumption - income).abs() / income < 0.01,
        "consumption {consumption:.0} per month, expected E / (1 - s_h (1 - c)) = {income:.0}"
    );
    let turnover = years.get(25, "city", "business_turnover_eur") / 12.0;
    assert!(
        (turnover - s_h * income).abs() / (s_h * income) < 0.01,
        "turnover {turnover:.0}, expected {:.0}",
        s_h * income
    );
}
