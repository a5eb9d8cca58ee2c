//! Household time (docs/ODD.md 7.17): tests of size against the bands written there before
//! the model was run against them. Participation locks job seekers in; lever 7's coin-paid
//! work displaces the euro maintenance work it replaces.

mod common;

use wijksim::model::Model;
use wijksim::model::indicators::Discard;
use wijksim::model::world::Status;
use wijksim::scenario::Scenario;

const SEEDS: [u64; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

fn with_coins(years: u32) -> Scenario {
    let mut s = common::parse(&format!(r#"(name: "t", run: (years: {years}))"#));
    s.coins.enabled = true;
    s.coins.issuance.per_volunteer_hour = 10.0;
    s.coins.redemption.businesses = true;
    s
}

/// Job-seeker months and hires of the job seekers of households on benefits last month, split by
/// whether they took part this month: (participating months, their hires, months without
/// volunteering or participation, their hires).
fn seeker_months_by_participation(s: &Scenario) -> [f64; 4] {
    let mut m = Model::new(s);
    let mut out = [0.0; 4];
    // Lever 1 asks households that received bijstand last month: compare only those.
    let mut last_month = m.world().households.on_benefit.clone();
    for _ in 0..m.ticks_total() {
        m.step(&mut Discard);
        let w = m.world();
        for r in 0..w.residents.nb.len() {
            // A listed job seeker searched; every committed hour below the budget leaves some.
            if w.time.search_hours[r] <= 0.0 {
                continue;
            }
            if !last_month[w.residents.household[r] as usize] {
                continue;
            }
            let hired = matches!(
                w.residents.status[r],
                Status::Employed | Status::EmployedOutside | Status::AgreementJob
            ) as u8 as f64;
            if w.time.participation_hours[r] > 0.0 {
                out[0] += 1.0;
                out[1] += hired;
            } else if w.time.volunteer_hours[r] == 0.0 {
                out[2] += 1.0;
                out[3] += hired;
            }
        }
        last_month.clone_from(&w.households.on_benefit);
    }
    out
}

#[test]
fn participation_of_twenty_hours_a_week_locks_job_seekers_in_within_the_band() {
    let mut s = with_coins(4);
    s.levers.benefits_tied_to_coins.enabled = true;
    s.levers
        .benefits_tied_to_coins
        .participation_probability_per_month = 0.5;
    // 20 hours a week, the tegenprestatie's upper end (docs/ODD.md 7.17).
    s.behaviour.volunteer_hours_per_month = 86.7;
    let mut t = [0.0; 4];
    for seed in SEEDS {
        s.run.seed = seed;
        let one = seeker_months_by_participation(&s);
        for k in 0..4 {
            t[k] += one[k];
        }
    }
    let (hp, hn) = (t[1] / t[0], t[3] / t[2]);
    let delta = 1.0 - hp / hn;
    // Standard error of the log ratio of two rates of hires (Poisson counts).
    let se = (1.0 / t[1] + 1.0 / t[3]).sqrt() * (1.0 - delta);
    println!(
        "participating: {} months, rate {hp:.4}; not: {} months, rate {hn:.4}; \
         lock-in delta = {delta:.4} (se {se:.4})",
        t[0], t[2]
    );
    assert!(
        t[0] > 1000.0 && t[2] > 1000.0,
        "too few job-seeker months: {t:?}"
    );
    assert!(delta > 2.0 * se, "no lock-in: delta {delta:.4}, se {se:.4}");
    assert!(delta <= 86.7 / 163.33, "lock-in above the band: {delta:.4}");
}

#[test]
fn lever_7_displaces_the_maintenance_work_it_replaces() {
    let mut base = with_coins(2);
    base.levers.pay_residents.enabled = true;
    base.levers.pay_residents.budget_eur_per_resident_month = 1.0;
    base.levers.pay_residents.displacement_share = 0.0;
    let mut displaced = base.clone();
    displaced.levers.pay_residents.displacement_share = 0.5;
    // 5,300 coins a month at 10 an hour: 530 hours, half displaced, at EUR 6,500 over a
    // full-time month (36 hours a week: 156 hours).
    let full_time = base.behaviour.full_time_hours_per_week * 52.0 / 12.0;
    let expected_per_year = 12.0 * (265.0 * 6500.0 / full_time);
    let a = common::per_seed(&base, &SEEDS, "procurement_eur", 1, 2);
    let b = common::per_seed(&displaced, &SEEDS, "procurement_eur", 1, 2);
    for (x, y) in a.iter().zip(&b) {
        let fall = x - y;
        println!("procurement falls by {fall:.0} a year (expected {expected_per_year:.0})");
        assert!(
            (fall / expected_per_year - 1.0).abs() < 0.01,
            "procurement fell by {fall:.0}, expected {expected_per_year:.0}"
        );
    }
}

#[test]
fn lever_7_displacement_costs_local_jobs_at_most_the_contracts_workers() {
    let mut base = with_coins(3);
    base.levers.pay_residents.enabled = true;
    base.levers.pay_residents.budget_eur_per_resident_month = 3.0;
    base.levers.pay_residents.displacement_share = 0.0;
    let mut displaced = base.clone();
    displaced.levers.pay_residents.displacement_share = 0.5;
    let a = common::per_seed(&base, &SEEDS, "jobs_in_neighbourhood_count", 1, 3);
    let b = common::per_seed(&displaced, &SEEDS, "jobs_in_neighbourhood_count", 1, 3);
    let fall: f64 = a.iter().zip(&b).map(|(x, y)| x - y).sum::<f64>() / a.len() as f64;
    let p = common::paired_p_greater(&b, &a);
    println!("jobs in the neighbourhood fall by {fall:.2} (p = {p:.4}); a {a:?} b {b:?}");
    assert!(p < 0.05, "no fall in local jobs: p = {p:.4}");
    assert!(
        fall <= 31_800.0 / 6_500.0,
        "fell by {fall:.2}, more than the contract's workers"
    );
}
