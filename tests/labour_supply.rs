//! Labour supply (issue 10, items 2 and 7): sizes against the bands of docs/ODD.md 7.16,
//! written there before the model was run against them.

mod common;

use wijksim::scenario::{self, Scenario, WeeklyHours};

const SEEDS: [u64; 4] = [1, 2, 3, 4];

/// The built-in baseline, three years.
fn baseline() -> Scenario {
    let mut s = scenario::baseline();
    s.run.years = 3;
    s
}

/// Every job of every sector and of the region has the hours of one class.
fn all_jobs(mut s: Scenario, small: bool) -> Scenario {
    let w = WeeklyHours {
        under_12_share: if small { 1.0 } else { 0.0 },
        from_12_to_20_share: 0.0,
        from_20_to_35_share: 0.0,
        full_time_share: if small { 0.0 } else { 1.0 },
        ..WeeklyHours::default()
    };
    s.region.weekly_hours = w;
    for n in &mut s.neighbourhoods {
        let sec = &mut n.businesses.sectors;
        for spec in [
            &mut sec.groceries,
            &mut sec.personal_services,
            &mut sec.maintenance,
            &mut sec.care,
            &mut sec.other,
        ] {
            spec.weekly_hours = Some(w);
        }
    }
    s
}

/// Offers declined over offers made, years 2 to 3, summed over the seeds.
fn declined_share(s: &Scenario) -> f64 {
    let (mut declined, mut offers) = (0.0, 0.0);
    for &seed in &SEEDS {
        let mut s = s.clone();
        s.run.seed = seed;
        let years = common::run_once(&s);
        for y in 2..=3 {
            declined += years.get(y, "city", "job_offers_declined_count");
            offers += years.get(y, "city", "job_offers_count");
        }
    }
    assert!(offers > 0.0, "no job offers at all");
    declined / offers
}

/// ODD 7.16, *EMTR of benefit households*: 0.70 to 1.00.
#[test]
fn the_effective_marginal_tax_rate_of_benefit_households_is_the_bijstand_rules() {
    let v = common::per_seed(&baseline(), &SEEDS, "effective_marginal_tax_rate", 2, 3);
    let m = v.iter().sum::<f64>() / v.len() as f64;
    eprintln!("effective_marginal_tax_rate, years 2 to 3: {m:.4} (per seed {v:?})");
    assert!(
        (0.70..=1.0).contains(&m),
        "the baseline's EMTR of benefit households is {m:.4} (per seed {v:?}), outside 0.70 to 1.00"
    );
}

/// ODD 7.16, *Small jobs are declined more*: all jobs under 12 hours a week against all
/// full time, the share of offers declined at least 0.2 higher.
#[test]
fn small_jobs_are_declined_more_than_full_time_ones() {
    let small = declined_share(&all_jobs(baseline(), true));
    let full = declined_share(&all_jobs(baseline(), false));
    let base = declined_share(&baseline());
    eprintln!("declined share: small {small:.4}, full time {full:.4}, baseline {base:.4}");
    assert!(
        small >= full + 0.2,
        "declined: {small:.4} of small jobs, {full:.4} of full-time jobs; the band asks at least 0.2 more"
    );
}
