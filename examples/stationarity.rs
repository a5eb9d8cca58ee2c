//! Measures how stationary a scenario is after its burn-in (docs/ODD.md, "Burn-in").
//!
//! `cargo run --release --example stationarity -- [SCENARIO] [--seeds N] [--burn-in B,B,..]
//! [--years Y] [--area NAME]` runs the scenario (the built-in baseline by default) with each burn-in B and
//! seeds 1 to N, and prints for each indicator of the bar the area's (the city's
//! by default) mean over
//! seeds in year 1 and year Y and their relative change, and month 1 against month 13.

use std::collections::BTreeMap;
use wijksim::model::Model;
use wijksim::model::indicators::{Observer, PeriodKind, Row};
use wijksim::model::world::World;
use wijksim::scenario::{self, Scenario};

/// The indicators of the bar, with the bijstand share computed from the world.
const INDICATORS: [&str; 5] = [
    "money_stock_eur",
    "velocity_eur_per_year",
    "gini_wealth",
    "unemployment_rate",
    "business_turnover_eur",
];
const BIJSTAND: &str = "bijstand_share_18_to_pension";

/// City values: (kind, period index, indicator) -> value; the period index is the year
/// for a year and the tick + 1 for a month.
#[derive(Default)]
struct City(BTreeMap<(u8, u32, String), f64>, String);

impl Observer for City {
    fn row(&mut self, r: &Row<'_>) {
        if r.area != self.1 || !INDICATORS.contains(&r.indicator.name()) {
            return;
        }
        let (kind, i) = match r.period.kind {
            PeriodKind::Month => (0, r.period.tick_end + 1),
            PeriodKind::Year => (2, r.period.year),
            PeriodKind::Quarter => return,
        };
        self.0.insert((kind, i, r.indicator.name().into()), r.value);
    }
}

/// Share of persons aged 18 to the pension age who live in a household on bijstand, in
/// neighbourhood `nb` (all when `None`).
fn bijstand_share(w: &World, pension_age: u8, nb: Option<usize>) -> f64 {
    let (mut n, mut on) = (0u64, 0u64);
    for r in 0..w.residents.nb.len() {
        if nb.is_some_and(|nb| w.residents.nb[r] as usize != nb) {
            continue;
        }
        let age = w.residents.age[r];
        if (18..pension_age).contains(&age) {
            n += 1;
            on += w.households.on_benefit[w.residents.household[r] as usize] as u64;
        }
    }
    on as f64 / n.max(1) as f64
}

fn run(s: &Scenario, area: &str) -> City {
    let mut city = City(BTreeMap::new(), area.to_string());
    let nb = s.neighbourhoods.iter().position(|n| n.name == area);
    let mut m = Model::new(s);
    let pension = s.behaviour.pension_age_years.min(255) as u8;
    let mut year_sum = 0.0;
    while m.tick() < m.ticks_total() {
        m.step(&mut city);
        let share = bijstand_share(m.world(), pension, nb);
        city.0.insert((0, m.tick(), BIJSTAND.into()), share);
        year_sum += share;
        if m.tick().is_multiple_of(12) {
            city.0
                .insert((2, m.tick() / 12, BIJSTAND.into()), year_sum / 12.0);
            year_sum = 0.0;
        }
    }
    city
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut file = None;
    let (mut seeds, mut years, mut burn_ins) = (5u64, 10u32, vec![0u32, 5, 10, 20, 30]);
    let mut area = "city".to_string();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seeds" => seeds = args[i + 1].parse().expect("--seeds N"),
            "--years" => years = args[i + 1].parse().expect("--years Y"),
            "--area" => area = args[i + 1].clone(),
            "--burn-in" => {
                burn_ins = args[i + 1]
                    .split(',')
                    .map(|b| b.parse().expect("--burn-in B,B"))
                    .collect()
            }
            f => {
                file = Some(f.to_string());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let base = match &file {
        Some(f) => scenario::load(std::path::Path::new(f)).unwrap_or_else(|d| panic!("{d}")),
        None => scenario::baseline(),
    };
    println!(
        "{}: seeds 1..={seeds}, {area}, mean over seeds; change = mean(late)/mean(early) - 1",
        file.as_deref().unwrap_or("baseline")
    );
    println!(
        "{:>3} {:<30} {:>14} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "B", "indicator", "year 1", "year Y", "change +- se", "month 1", "month 13", "change +- se"
    );
    for &b in &burn_ins {
        let runs: Vec<City> = (1..=seeds)
            .map(|seed| {
                let mut s = base.clone();
                s.run.seed = seed;
                s.run.years = years;
                s.run.burn_in_years = b;
                run(&s, &area)
            })
            .collect();
        let at = |c: &City, kind: u8, i: u32, name: &str| c.0[&(kind, i, name.to_string())];
        let mean = |kind: u8, i: u32, name: &str| {
            runs.iter().map(|c| at(c, kind, i, name)).sum::<f64>() / runs.len() as f64
        };
        // The standard error of a change relative to the early mean, from the seeds'
        // paired differences.
        let se = |kind: u8, early: u32, late: u32, name: &str| {
            let d: Vec<f64> = runs
                .iter()
                .map(|c| at(c, kind, late, name) - at(c, kind, early, name))
                .collect();
            let n = d.len() as f64;
            let m = d.iter().sum::<f64>() / n;
            let var = d.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
            (var / n).sqrt() / mean(kind, early, name).abs()
        };
        for name in INDICATORS.iter().copied().chain([BIJSTAND]) {
            let (y1, yn) = (mean(2, 1, name), mean(2, years, name));
            let (m1, m13) = (mean(0, 1, name), mean(0, 13, name));
            println!(
                "{b:>3} {name:<30} {y1:>14.4} {yn:>14.4} {:>6.1}% +-{:>4.1} {m1:>14.4} {m13:>14.4} {:>6.1}% +-{:>4.1}",
                100.0 * (yn / y1 - 1.0),
                100.0 * se(2, 1, years, name),
                100.0 * (m1 / m13 - 1.0),
                100.0 * se(0, 13, 1, name),
            );
        }
    }
}
