//! Helpers shared by the integration tests: run a scenario and collect its yearly values.
//!
//! A test binary runs each distinct scenario (seed and years included) once: [`run_once`]
//! keeps the yearly values of every run it made, keyed by the scenario's canonical text
//! ([`scenario::to_ron`]), so that the assertions of several tests read one run. [`run`]
//! always runs afresh, for the tests whose point is to run twice (determinism).
//! `WIJKSIM_TEST_RUNS=1 cargo test --test NAME -- --nocapture` prints a line per model run
//! made through [`run_once`], to count them.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
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

/// One slot per distinct scenario text; the slot is filled by the first test that asks, and
/// a test asking meanwhile waits for it instead of running the scenario again.
type Runs = Mutex<HashMap<String, Arc<OnceLock<Arc<Years>>>>>;

fn runs() -> &'static Runs {
    static RUNS: OnceLock<Runs> = OnceLock::new();
    RUNS.get_or_init(Runs::default)
}

/// Model runs [`run_once`] has made in this test binary.
static RUNS_MADE: AtomicUsize = AtomicUsize::new(0);

/// The yearly values of `s`, run at most once per test binary: a scenario with the same
/// canonical text (seed and years included) reads the values of the first run.
pub fn run_once(s: &Scenario) -> Arc<Years> {
    let slot = runs()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .entry(scenario::to_ron(s))
        .or_default()
        .clone();
    slot.get_or_init(|| {
        let n = RUNS_MADE.fetch_add(1, Ordering::Relaxed) + 1;
        if std::env::var_os("WIJKSIM_TEST_RUNS").is_some() {
            eprintln!(
                "common: model run {n}: \"{}\", seed {}, {} years",
                s.name, s.run.seed, s.run.years
            );
        }
        Arc::new(run(s))
    })
    .clone()
}

/// Model runs [`run_once`] has made so far in this test binary.
pub fn runs_made() -> usize {
    RUNS_MADE.load(Ordering::Relaxed)
}

/// The mean of `indicator` (city) over `from..=to` for `s` with each seed, from one run per
/// (scenario, seed) in this test binary ([`run_once`]).
pub fn per_seed(s: &Scenario, seeds: &[u64], indicator: &str, from: u32, to: u32) -> Vec<f64> {
    seeds
        .iter()
        .map(|&seed| {
            let mut s = s.clone();
            s.run.seed = seed;
            run_once(&s).mean("city", indicator, from, to)
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

/// Every `.ron` file under `dir`, recursively, sorted.
pub fn ron_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    files_with_extension(dir, "ron")
}

/// Every file under `dir` whose extension is `ext`, recursively, sorted.
pub fn files_with_extension(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
