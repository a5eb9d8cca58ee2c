//! Who pays, who gains (docs/ODD.md 7.18): the parties' cash sums to zero, a scenario
//! compared with itself gives zero for every party, and a known transfer (lever 6's
//! supplementary maintenance contract) appears at the right parties with the right amounts.

mod common;

use wijksim::experiment::compare::{self, CompareSpec};
use wijksim::experiment::stakeholders::{Item, Mkba, PartyYears};
use wijksim::experiment::{BurnIns, quietly, run_years_and_parties_with, uncertainty};
use wijksim::model::ledger::Purpose;
use wijksim::model::parties::Party;

const SMALL: &str = r#"(name: "small", run: (seed: 7, years: 2),
    neighbourhoods: [(name: "w", residents: (count: 600))])"#;

fn parties_of(text: &str) -> PartyYears {
    let s = common::parse(text);
    run_years_and_parties_with(&BurnIns::for_threads(1), &s).1
}

#[test]
fn every_purpose_sums_to_zero_over_the_parties_and_groups_get_their_incomes() {
    let p = parties_of(SMALL);
    assert_eq!(p.0.len(), 2, "one entry per year");
    for y in [1, 2] {
        for purpose in Purpose::ALL {
            let sum: f64 = Party::ALL
                .iter()
                .map(|&party| p.value_eur(y, party, Item::Purpose(purpose), 1.0))
                .sum();
            assert!(sum.abs() < 1e-6, "year {y} {}: {sum}", purpose.name());
        }
        assert!(p.parties_sum_eur(y, 1.0).abs() < 1e-6);
        let v = |party, purpose| p.value_eur(y, party, Item::Purpose(purpose), 1.0);
        assert!(v(Party::HouseholdsBijstand, Purpose::Benefit) > 0.0);
        assert!(v(Party::Municipality, Purpose::Benefit) < 0.0);
        assert!(v(Party::HouseholdsWorking, Purpose::WageOutside) > 0.0);
        assert!(v(Party::Businesses, Purpose::Wage) < 0.0);
        assert!(v(Party::Businesses, Purpose::ProfitDistribution) < 0.0);
        assert!(v(Party::HouseholdsRetired, Purpose::Pension) > 0.0);
        assert!(v(Party::NationalGovernment, Purpose::Pension) < 0.0);
        assert!(v(Party::Landlords, Purpose::HousingRent) > 0.0);
        assert!(v(Party::Landlords, Purpose::BusinessRent) > 0.0);
        assert_eq!(v(Party::RestOfWorld, Purpose::HousingRent), 0.0);
        for group in [
            Party::HouseholdsBijstand,
            Party::HouseholdsWorking,
            Party::HouseholdsRetired,
        ] {
            assert!(p.value_eur(y, group, Item::DisposableIncome, 1.0) > 0.0);
        }
        assert_eq!(
            p.value_eur(y, Party::Municipality, Item::DisposableIncome, 1.0),
            0.0
        );
    }
}

/// The built-in baseline against the shipped scenario `changed`, both for 2 years, on 2
/// threads.
fn shipped_for_two_years(changed: &str) -> CompareSpec {
    let read = |f: &str| {
        let text = std::fs::read_to_string(format!("scenarios/{f}")).unwrap();
        common::parse(&text.replace("years: 10", "years: 2"))
    };
    CompareSpec {
        threads: Some(2),
        ..CompareSpec::new(read("baseline.ron"), read(changed))
    }
}

/// The parties' present values of cash sum to zero.
fn assert_parties_sum_to_zero(c: &compare::Comparison) {
    let sum: f64 = c
        .stakeholders
        .iter()
        .filter(|r| r.item == "total" && r.measure == "present_value")
        .map(|r| r.value_eur)
        .sum();
    assert!(sum.abs() < 1e-6, "the parties' present values sum to {sum}");
}

fn compare(base: &str, changed: &str, mkba: Mkba) -> compare::Comparison {
    let spec = CompareSpec {
        runs: 3,
        threads: Some(1),
        mkba,
        ..CompareSpec::new(common::parse(base), common::parse(changed))
    };
    compare::run(&spec, &quietly).expect("the comparison runs")
}

#[test]
fn a_scenario_compared_with_itself_is_zero_for_every_party() {
    let c = compare(SMALL, SMALL, Mkba::default());
    assert!(!c.stakeholders.is_empty());
    for r in &c.stakeholders {
        assert_eq!(
            (r.value_eur, r.ci_low_eur, r.ci_high_eur),
            (0.0, 0.0, 0.0),
            "{r:?}"
        );
        assert_eq!(r.verdict, "identical");
    }
    let parties = c
        .stakeholders
        .iter()
        .filter(|r| r.item == "total" && r.measure == "present_value")
        .count();
    assert_eq!(parties, Party::ALL.len(), "every party has its total");
}

#[test]
fn a_maintenance_contract_is_paid_by_the_municipality_to_its_holders() {
    let changed = SMALL.replace(
        "run: (seed: 7, years: 2),",
        "run: (seed: 7, years: 2), levers: (maintenance_supplement: (enabled: true, eur_per_resident_month: 3.0)),",
    );
    let c = compare(SMALL, &changed, Mkba::default());
    // EUR 3 per resident per month for 600 residents: 21,600 a year, the same in every
    // replicate, so the interval has no width.
    let supplement = 3.0 * 600.0 * 12.0;
    let find = |party: Party, measure: &str, year: u32| {
        c.stakeholders
            .iter()
            .find(|r| {
                r.party == party.name()
                    && r.item == "procurement"
                    && r.measure == measure
                    && r.year == year
            })
            .unwrap_or_else(|| panic!("a procurement row of {}", party.name()))
    };
    for year in [1, 2] {
        let m = find(Party::Municipality, "annual", year);
        assert!((m.value_eur + supplement).abs() < 1e-6, "{m:?}");
        assert!((m.ci_high_eur - m.ci_low_eur).abs() < 1e-6, "{m:?}");
        let holders = find(Party::Businesses, "annual", year).value_eur
            + find(Party::RestOfWorld, "annual", year).value_eur;
        assert!((holders - supplement).abs() < 1e-6, "{holders}");
    }
    let pv = find(Party::Municipality, "present_value", 2);
    let expected = -supplement * (1.0 + 1.0 / 1.0225);
    assert!(
        (pv.value_eur - expected).abs() < 1e-6,
        "{pv:?} vs {expected}"
    );
    assert_parties_sum_to_zero(&c);
}

#[test]
fn a_bad_rate_or_horizon_is_refused_with_what_is_allowed() {
    let s = common::parse(SMALL);
    for (mkba, needle) in [
        (
            Mkba {
                discount_rate: -0.01,
                ..Mkba::default()
            },
            "--discount-rate is -0.01, allowed is 0 to 0.2",
        ),
        (
            Mkba {
                horizon_years: Some(5),
                ..Mkba::default()
            },
            "--horizon is 5, allowed is 1 to the 2 simulated years",
        ),
        (
            Mkba {
                hour_value_eur: f64::NAN,
                ..Mkba::default()
            },
            "--hour-value is NaN, allowed is 0 to 200",
        ),
        (
            Mkba {
                burglaries_per_1000_residents: 60.0,
                ..Mkba::default()
            },
            "--burglary-rate is 60, allowed is 0 to 50",
        ),
        (
            Mkba {
                burglary_cost_eur: -1.0,
                ..Mkba::default()
            },
            "--burglary-cost is -1, allowed is 0 to 100,000",
        ),
    ] {
        let spec = CompareSpec {
            mkba,
            ..CompareSpec::new(s.clone(), s.clone())
        };
        let e = spec.check().expect_err("refused").to_string();
        assert!(e.contains(needle) && e.contains("hint:"), "{e}");
    }
}

#[test]
fn what_a_job_costs_is_undefined_without_a_clear_effect_and_the_ratio_of_the_parties_cash_otherwise()
 {
    let itself = compare(SMALL, SMALL, Mkba::default());
    let costs: Vec<_> = itself
        .additionality
        .iter()
        .filter(|r| r.measure == "cost_per_unit")
        .collect();
    assert_eq!(costs.len(), 6, "three outcomes on two bases");
    for r in costs {
        assert_eq!((r.value, r.ci_low, r.ci_high), (None, None, None), "{r:?}");
        assert!(r.note.starts_with("undefined: no clear effect"), "{r:?}");
    }

    // Lever 5 (a procurement quota for residents) adds working residents in the default
    // wijk; the municipality's cost per extra working resident-year is its extra cost over
    // the horizon (minus its party total) over the discounted extra working residents.
    let spec = CompareSpec {
        runs: 8,
        ..shipped_for_two_years("levers/05-procurement-quota.ron")
    };
    let c = compare::run(&spec, &quietly).unwrap();
    let row = |outcome: &str, measure: &str, basis: &str| {
        c.additionality
            .iter()
            .find(|r| r.outcome == outcome && r.measure == measure && r.cost_basis == basis)
            .unwrap()
            .clone()
    };
    let effect = row("working_residents", "effect", "");
    assert!(
        effect.ci_low.unwrap() > 0.0,
        "lever 5 adds working residents: {effect:?}"
    );
    let mkba = Mkba::default();
    let mut units = 0.0;
    for y in 1..=2 {
        let mean = |runs: &[wijksim::experiment::YearRows]| {
            runs.iter()
                .map(|r| r.get(y, "city", "working_residents_count").unwrap())
                .sum::<f64>()
                / runs.len() as f64
        };
        units += mkba.discount(y) * (mean(&c.changed_runs) - mean(&c.base_runs));
    }
    let municipality = c
        .stakeholders
        .iter()
        .find(|r| r.party == "municipality" && r.item == "total" && r.measure == "present_value")
        .unwrap();
    let cost = row("working_residents", "cost_per_unit", "municipality");
    let expected = -municipality.value_eur / units;
    let got = cost.value.expect("defined");
    assert!(
        (got - expected).abs() < 1e-6 * expected.abs().max(1.0),
        "{got} vs {expected}"
    );
    let (lo, hi) = (cost.ci_low.unwrap(), cost.ci_high.unwrap());
    assert!(
        lo <= got && got <= hi,
        "the bootstrap interval [{lo}, {hi}] holds {got}"
    );
    // Extra jobs in the city are those of residents plus those of commuters.
    let jobs = |o| row(o, "effect", "").value.unwrap();
    let split = jobs("jobs_in_city_held_by_residents") + jobs("jobs_in_city_held_by_commuters");
    assert!((jobs("jobs_in_city") - split).abs() < 1e-9);
}

#[test]
fn q_values_adjust_every_indicator_of_a_year_at_once() {
    let changed = SMALL.replace(
        "run: (seed: 7, years: 2),",
        "run: (seed: 7, years: 2), levers: (maintenance_supplement: (enabled: true, eur_per_resident_month: 3.0)),",
    );
    let c = compare(SMALL, &changed, Mkba::default());
    for d in &c.differences {
        if d.p_paired.is_nan() {
            assert!(d.q_bh.is_nan(), "{d:?}");
        } else {
            assert!(d.q_bh >= d.p_paired && d.q_bh <= 1.0, "{d:?}");
        }
    }
}

#[test]
fn a_target_reports_the_share_of_replications_that_meet_it() {
    // Lever 6 adds EUR 3 per resident a month to the EUR 26 of the base contracts: 11.5%
    // more procurement than the nulalternatief in every replicate.
    let targets = r#"targets: [
        (indicator: "procurement_eur", year: 2, change: 0.10, against: Nulalternatief),
        (indicator: "procurement_eur", year: 2, change: 0.13, against: Nulalternatief),
        (indicator: "procurement_eur", area: "w", year: 1, change: -0.5),
    ],"#;
    let changed = SMALL.replace(
        "run: (seed: 7, years: 2),",
        &format!("run: (seed: 7, years: 2), levers: (maintenance_supplement: (enabled: true, eur_per_resident_month: 3.0)), {targets}"),
    );
    let c = compare(SMALL, &changed, Mkba::default());
    assert_eq!(c.targets.len(), 3);
    let (met, missed, fall) = (&c.targets[0], &c.targets[1], &c.targets[2]);
    assert_eq!((met.met_share, met.replications), (1.0, 3), "{met:?}");
    assert!((met.change_mean - 3.0 / 26.0).abs() < 0.01, "{met:?}");
    assert_eq!(missed.met_share, 0.0, "{missed:?}");
    assert_eq!((fall.area.as_str(), fall.against), ("w", "start"));
    assert_eq!(
        fall.met_share, 0.0,
        "procurement rises, it does not halve: {fall:?}"
    );
}

#[test]
fn volunteering_is_a_social_effect_valued_by_the_hour_and_kept_out_of_the_cash() {
    let spec = CompareSpec {
        runs: 3,
        mkba: Mkba {
            hour_value_eur: 20.0,
            ..Mkba::default()
        },
        ..shipped_for_two_years("levers/01-benefits-tied-to-coins.ron")
    };
    let c = compare::run(&spec, &quietly).unwrap();
    let social = c
        .stakeholders
        .iter()
        .find(|r| r.item == "volunteer_work" && r.measure == "annual" && r.year == 1)
        .expect("a social row of volunteering");
    assert_eq!((social.kind, social.party), ("social", "associations"));
    let hours = |runs: &[wijksim::experiment::YearRows]| {
        runs.iter()
            .map(|r| r.get(1, "city", "volunteer_hours").unwrap())
            .sum::<f64>()
            / runs.len() as f64
    };
    let expected = 20.0 * (hours(&c.changed_runs) - hours(&c.base_runs));
    assert!(expected > 0.0, "lever 1 adds volunteering: {expected}");
    assert!(
        (social.value_eur - expected).abs() < 1e-6 * expected,
        "{social:?}"
    );
    // The cash totals still sum to zero: a social effect is in no party's total.
    assert_parties_sum_to_zero(&c);
}

/// A comparison of `SMALL` with `changed` over 3 replicates, drawing the built-in
/// behavioural assumptions.
fn with_uncertainty(changed: &str) -> compare::Comparison {
    let spec = CompareSpec {
        runs: 3,
        threads: Some(2),
        uncertainty: uncertainty::Request {
            assumptions: true,
            ranges: Vec::new(),
        },
        ..CompareSpec::new(common::parse(SMALL), common::parse(changed))
    };
    compare::run(&spec, &quietly).expect("the comparison runs")
}

#[test]
fn drawn_assumptions_are_common_to_both_scenarios_and_change_the_runs() {
    // Compared with itself, the draws are the same for both sides: every difference is
    // exactly zero, for every party and every indicator.
    let c = with_uncertainty(SMALL);
    assert_eq!(c.interval_kind(), "seed and parameters");
    assert_eq!(c.uncertainty.ranges.len(), uncertainty::ASSUMPTIONS.len());
    assert!(c.uncertainty.kept.is_empty());
    assert_eq!(c.draws.len(), 3);
    for r in &c.stakeholders {
        assert_eq!(r.verdict, "identical", "{r:?}");
    }
    assert!(c.differences.iter().all(|d| d.diff_mean == 0.0));
    // Each replicate is the scenario with its drawn values, run with its seed, on its own.
    let s = common::parse(SMALL);
    for (i, values) in c.draws.iter().enumerate() {
        let mut t = uncertainty::apply(&s, &c.uncertainty.ranges, values).unwrap();
        t.run.seed = wijksim::experiment::replicate_seed(c.root_seed, i as u32);
        assert_eq!(
            run_years_and_parties_with(&BurnIns::for_threads(1), &t),
            (c.base_runs[i].clone(), c.base_parties[i].clone())
        );
    }
    // And the draws matter: the same replicates without them give other values.
    let plain = compare(SMALL, SMALL, Mkba::default());
    assert_eq!(plain.interval_kind(), "seed");
    assert_ne!(plain.base_runs, c.base_runs);
}

#[test]
fn an_assumption_a_scenario_sets_is_kept_and_a_range_that_would_erase_the_change_is_refused() {
    let changed = SMALL.replace("run: (", "behaviour: (markup_step_max: 0.2), run: (");
    let c = with_uncertainty(&changed);
    assert_eq!(
        c.uncertainty.ranges.len(),
        uncertainty::ASSUMPTIONS.len() - 1
    );
    assert!(c.uncertainty.kept[0].starts_with("behaviour.markup_step_max"));
    let spec = CompareSpec {
        runs: 2,
        uncertainty: uncertainty::Request {
            assumptions: false,
            ranges: vec![uncertainty::parse_range("behaviour.markup_step_max=0.05..0.3").unwrap()],
        },
        ..CompareSpec::new(common::parse(SMALL), common::parse(&changed))
    };
    let e = compare::run(&spec, &quietly).unwrap_err().to_string();
    assert!(e.contains("erase the change") && e.contains("hint:"), "{e}");
}

#[test]
fn coin_paid_work_counts_as_social_value_only_where_it_displaces_no_contract() {
    // Lever 7 with its displacement share drawn per replicate: each replicate's coin-paid
    // hours, less the displaced share (whose saving is the municipality's cash already),
    // at the hour value.
    let spec = CompareSpec {
        runs: 3,
        uncertainty: uncertainty::Request {
            assumptions: false,
            ranges: vec![
                uncertainty::parse_range("levers.pay_residents.displacement_share=0..1").unwrap(),
            ],
        },
        ..shipped_for_two_years("levers/07-pay-residents.ron")
    };
    let c = compare::run(&spec, &quietly).unwrap();
    let social = c
        .stakeholders
        .iter()
        .find(|r| r.item == "coin_paid_work" && r.measure == "annual" && r.year == 2)
        .expect("a social row of coin-paid work");
    assert_eq!((social.kind, social.party), ("social", "residents"));
    let per_hour = c.changed.levers.pay_residents.coins_per_hour;
    let expected: f64 = c
        .changed_runs
        .iter()
        .zip(&c.draws)
        .map(|(r, d)| {
            let coins = r.get(2, "city", "pay_residents_coins_count").unwrap();
            coins / per_hour * (1.0 - d[0]) * 13.27
        })
        .sum::<f64>()
        / 3.0;
    assert!(expected > 0.0, "{expected}");
    assert!(
        (social.value_eur - expected).abs() < 1e-6 * expected,
        "{} against {expected}",
        social.value_eur
    );
    assert_parties_sum_to_zero(&c);
}

#[test]
fn burglaries_move_with_unemployment_and_are_a_social_cost_to_residents() {
    let spec = CompareSpec {
        runs: 3,
        mkba: Mkba {
            burglaries_per_1000_residents: 5.7,
            ..Mkba::default()
        },
        ..shipped_for_two_years("levers/05-procurement-quota.ron")
    };
    let c = compare::run(&spec, &quietly).unwrap();
    let row = c
        .stakeholders
        .iter()
        .find(|r| r.item == "burglaries" && r.measure == "annual" && r.year == 2)
        .expect("a social row of burglaries");
    assert_eq!((row.kind, row.party), ("social", "residents"));
    let get = |r: &wijksim::experiment::YearRows, i: &str| r.get(2, "city", i).unwrap();
    let u = |r| 100.0 * get(r, "unemployment_rate");
    let u0 = c.base_runs.iter().map(u).sum::<f64>() / 3.0;
    let cost = |r| -5.7 / 1000.0 * get(r, "residents_count") * (1.0 + 0.02 * (u(r) - u0)) * 5000.0;
    let expected = c
        .changed_runs
        .iter()
        .zip(&c.base_runs)
        .map(|(a, b)| cost(a) - cost(b))
        .sum::<f64>()
        / 3.0;
    assert!(
        (row.value_eur - expected).abs() < 1e-6 * expected.abs().max(1.0),
        "{} against {expected}",
        row.value_eur
    );
    // The base level is the rate times the residents at the cost: 5.7 a year per 1,000.
    let residents = c
        .base_runs
        .iter()
        .map(|r| get(r, "residents_count"))
        .sum::<f64>()
        / 3.0;
    assert!((row.base_eur + 5.7e-3 * residents * 5000.0).abs() < 1e-6 * row.base_eur.abs());
    assert_parties_sum_to_zero(&c);
}
