//! Tests of size (issue 10, item 7): effects against bands taken from the literature and
//! written into docs/ODD.md ("Tests of size") before the model was run against them. None of
//! these figures is a calibration target.

mod common;

use wijksim::model::Model;
use wijksim::model::indicators::Discard;
use wijksim::model::world::Status;
use wijksim::scenario::{self, Scenario};

const SEEDS_16: [u64; 16] = [
    31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46,
];

fn shipped(path: &str) -> Scenario {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&file).unwrap();
    let mut s = scenario::parse(&text, path).unwrap_or_else(|d| panic!("{path}:\n{d}"));
    s.run.years = 5;
    s
}

/// Mean over seeds of the paired difference `changed - base` of a city indicator in `year`.
fn mean_diff(base: &Scenario, changed: &Scenario, indicator: &str, year: u32) -> f64 {
    let b = common::per_seed(base, &SEEDS_16, indicator, year, year);
    let c = common::per_seed(changed, &SEEDS_16, indicator, year, year);
    b.iter().zip(&c).map(|(b, c)| c - b).sum::<f64>() / b.len() as f64
}

/// ODD, Tests of size, 1: Bartik (1993), about a quarter of new jobs in a metro area raise
/// local residents' employment; a wijk, more open to commuters, at most that.
#[test]
fn new_local_jobs_go_to_residents_in_a_published_share() {
    let base = shipped("scenarios/baseline.ron");
    let buy_local = shipped("scenarios/levers/11-buy-local.ron");
    let jobs = |s: &Scenario| common::per_seed(s, &SEEDS_16, "jobs_in_neighbourhood_count", 5, 5);
    let p = common::paired_p_greater(&jobs(&base), &jobs(&buy_local));
    assert!(
        p < 0.01,
        "buy local must add jobs in the wijk first (p = {p:.4})"
    );
    let new_jobs = mean_diff(&base, &buy_local, "jobs_in_neighbourhood_count", 5);
    let new_working = mean_diff(&base, &buy_local, "working_residents_count", 5);
    let share = new_working / new_jobs;
    eprintln!(
        "buy local: {new_jobs:.1} new jobs in the wijk, {new_working:.1} more working residents, share {share:.3}"
    );
    assert!(
        (0.0..=0.25).contains(&share),
        "{new_jobs:.1} new jobs in the wijk, {new_working:.1} more working residents: a share of {share:.3}, outside Bartik's 0 to 0.25"
    );
}

/// ODD, Tests of size, 2: course fees are paid now, returns come later, if at all.
#[test]
fn a_training_programme_costs_the_municipality_in_the_years_it_runs() {
    let base = shipped("scenarios/baseline.ron");
    let youth = shipped("scenarios/levers/09-youth-contract.ron");
    for year in 1..=5 {
        let cost =
            |s: &Scenario| common::per_seed(s, &SEEDS_16, "municipal_net_cost_eur", year, year);
        let p = common::paired_p_greater(&cost(&base), &cost(&youth));
        assert!(
            p < 0.01,
            "year {year}: the youth contract must cost the municipality (p = {p:.4})"
        );
        let fees = |s: &Scenario| common::per_seed(s, &SEEDS_16, "training_cost_eur", year, year);
        let p = common::paired_p_greater(&fees(&base), &fees(&youth));
        assert!(
            p < 0.01,
            "year {year}: and its course fees rise (p = {p:.4})"
        );
    }
}

/// A deterministic coin for the experiment's split (not a model stream: the test's own).
fn treated(seed: u64, resident: usize) -> bool {
    let mut z = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ resident as u64;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) & 1 == 1
}

fn working(status: Status) -> bool {
    matches!(
        status,
        Status::Employed | Status::EmployedOutside | Status::AgreementJob
    )
}

/// Employed shares (treated, control) of the experiment's residents, summed over the
/// months in `months` after assignment: (treated employed-months, treated months, control
/// employed-months, control months).
type Tally = [f64; 4];

/// One replication: the baseline wijk, ten times larger so that each seed gives a few
/// hundred young job seekers; at month 25 a random half of the unemployed aged 18 to 27
/// start a training. Returns the tallies one year after the training's end and two to
/// three years after it.
fn experiment(seed: u64) -> (Tally, Tally) {
    let mut s = shipped("scenarios/baseline.ron");
    s.run.seed = seed;
    s.run.years = 7;
    s.neighbourhoods[0].residents.count *= 10;
    let mut m = Model::new(&s);
    for _ in 0..24 {
        m.step(&mut Discard);
    }
    let months = s.behaviour.training_months;
    let r = &m.world().residents;
    let group: Vec<(usize, u8, bool)> = (0..r.status.len())
        .filter(|&i| r.status[i] == Status::Unemployed && (18..=27).contains(&r.age[i]))
        .map(|i| (i, r.age[i], treated(seed, i)))
        .collect();
    for &(i, _, t) in &group {
        if t {
            assert!(m.assign_training(i));
        }
    }
    let (mut short, mut long) = ([0.0; 4], [0.0; 4]);
    for month in 1..=(months + 36) {
        m.step(&mut Discard);
        let after_end = month as i64 - months as i64;
        let tally = match after_end {
            12 => &mut short,
            24..=36 => &mut long,
            _ => continue,
        };
        let r = &m.world().residents;
        for &(i, age, t) in &group {
            // A resident who died was replaced at the same index by a younger one.
            if r.age[i] < age {
                continue;
            }
            let k = if t { 0 } else { 2 };
            tally[k] += working(r.status[i]) as u8 as f64;
            tally[k + 1] += 1.0;
        }
    }
    (short, long)
}

/// Percentage points: treated employed share minus control employed share.
fn effect_points(t: &Tally) -> f64 {
    100.0 * (t[0] / t[1] - t[2] / t[3])
}

/// ODD, Tests of size, 3: Card, Kluve and Weber (2018): 1.6 points within a year of
/// completion, 8.7 points after two years, over all programmes; youth programmes do no
/// better.
#[test]
fn the_training_effect_per_participant_is_in_the_meta_analytic_range() {
    let (mut short, mut long) = ([0.0; 4], [0.0; 4]);
    for seed in 1..=8 {
        let (s, l) = experiment(seed);
        for k in 0..4 {
            short[k] += s[k];
            long[k] += l[k];
        }
    }
    let (es, el) = (effect_points(&short), effect_points(&long));
    let n = short[1] + short[3];
    eprintln!(
        "training experiment: {es:.2} points one year after, {el:.2} two to three years after ({n} residents)"
    );
    assert!(
        (-10.0..=3.2).contains(&es),
        "one year after the training: {es:.2} points ({n} residents), outside -10 to 3.2"
    );
    assert!(
        (0.0..=8.7).contains(&el),
        "two to three years after: {el:.2} points, outside 0 to 8.7"
    );
}
