//! Helpers shared by the integration tests: run a scenario and collect its yearly values.
#![allow(dead_code)]

use std::collections::BTreeMap;
use wijksim::model::Model;
use wijksim::model::indicators::{Observer, PeriodKind, Row};
use wijksim::scenario::{self, Scenario};

/// Collects yearly indicator values: (year, area, indicator) -> value.
#[derive(Default)]
pub struct Years(pub BTreeMap<(u32, String, &'static str), f64>);

impl Observer for Years {
    fn row(&mut self, row: &Row<'_>) {
        if row.period.kind == PeriodKind::Year {
            self.0.insert(
                (row.period.year, row.area.to_string(), row.indicator.name()),
                row.value,
            );
        }
    }
}

impl Years {
    /// Value of `indicator` for `area` in `year`; panics if absent.
    pub fn get(&self, year: u32, area: &str, indicator: &str) -> f64 {
        *self
            .0
            .get(&(year, area.to_string(), indicator_static(indicator)))
            .unwrap_or_else(|| panic!("no {indicator} for {area} in year {year}"))
    }

    /// Mean of `indicator` for `area` over the years `from..=to`.
    pub fn mean(&self, area: &str, indicator: &str, from: u32, to: u32) -> f64 {
        (from..=to)
            .map(|y| self.get(y, area, indicator))
            .sum::<f64>()
            / (to - from + 1) as f64
    }
}

fn indicator_static(name: &str) -> &'static str {
    wijksim::model::indicators::Indicator::from_name(name)
        .unwrap_or_else(|| panic!("unknown indicator {name}"))
        .name()
}

/// Parses scenario text, panicking with the diagnostics if it is invalid.
pub fn parse(text: &str) -> Scenario {
    scenario::parse(text, "test.ron").unwrap_or_else(|d| panic!("invalid test scenario:\n{d}"))
}

/// Runs a scenario to the end and returns its yearly values.
pub fn run(s: &Scenario) -> Years {
    let mut years = Years::default();
    let mut m = Model::new(s);
    m.run(&mut years, |_, _| {});
    years
}

/// Runs `s` with each seed and returns the mean of `indicator` (city) over `from..=to`.
pub fn per_seed(s: &Scenario, seeds: &[u64], indicator: &str, from: u32, to: u32) -> Vec<f64> {
    seeds
        .iter()
        .map(|&seed| {
            let mut s = s.clone();
            s.run.seed = seed;
            run(&s).mean("city", indicator, from, to)
        })
        .collect()
}

/// One-sided paired t-test that `b - a` is positive: returns the p-value. Uses statrs for
/// the Student t distribution.
pub fn paired_p_greater(a: &[f64], b: &[f64]) -> f64 {
    use statrs::distribution::{ContinuousCDF, StudentsT};
    let d: Vec<f64> = a.iter().zip(b).map(|(x, y)| y - x).collect();
    let n = d.len() as f64;
    let mean = d.iter().sum::<f64>() / n;
    let var = d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    if var == 0.0 {
        return if mean > 0.0 { 0.0 } else { 1.0 };
    }
    let t = mean / (var / n).sqrt();
    let dist = StudentsT::new(0.0, 1.0, n - 1.0).expect("valid t distribution");
    1.0 - dist.cdf(t)
}

/// Path of a file in `tests/experiments/`.
pub fn experiment_file(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/experiments")
        .join(name)
        .display()
        .to_string()
}

/// The test sweep `tests/experiments/small.ron` and its base scenario.
pub fn small_experiment() -> (wijksim::experiment::design::Experiment, Scenario) {
    let text = std::fs::read_to_string(experiment_file("small.ron")).unwrap();
    let e = wijksim::experiment::design::parse(&text, "small.ron").unwrap();
    let base =
        wijksim::scenario::load(std::path::Path::new(&experiment_file("small-base.ron"))).unwrap();
    (e, base)
}
