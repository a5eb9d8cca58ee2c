//! What drives a lever's effect: a Morris screening of behavioural parameters on the
//! *difference* a lever or case makes (its scenario minus its nulmeting, both at the same
//! design point and seed), for docs/ODD.md ("What drives the answer", issue 10, item 8).
//!
//! `cargo run --release --example lever_drivers -- [OUT.csv]` screens every shipped lever
//! and case; the rows are (scenario, indicator, factor, mu_star, sigma, effects,
//! mean_effect, noise_mu_star): mu* and sigma of the elementary effects of each factor on
//! the year-5 city difference, per unit of the factor's range, the mean difference over the
//! design, and the mu* that replication noise alone would give (from the replicates' spread
//! at each point): a factor whose mu* is not well above it is not shown to matter.
//! A sweep file cannot express this yet (its runs of two scenarios do not share seeds).

use std::io::Write;
use std::path::Path;
use wijksim::experiment::design::{self, Design, Experiment, Factor};
use wijksim::experiment::{parallel, patch, replicate_seed, run_years, stats};
use wijksim::scenario::{self, Scenario};

const YEARS: u32 = 5;
const REPLICATIONS: u32 = 3;
const INDICATORS: [&str; 4] = [
    "unemployment_rate",
    "working_residents_count",
    "business_turnover_eur",
    "municipal_net_cost_eur",
];

/// (path, min, max): behavioural parameters, over the ranges docs/ODD.md gives them.
const FACTORS: [(&str, f64, f64); 7] = [
    ("behaviour.consumption_alpha1", 0.8, 0.95),
    ("neighbourhoods[0].residents.spending_share_local", 0.2, 0.5),
    ("region.tightness", 0.8, 1.5),
    ("region.proximity_weight", 5.0, 60.0),
    ("behaviour.training_skill_gain", 0.05, 0.2),
    ("behaviour.referral_probability", 0.2, 0.6),
    ("coins.spend_propensity_per_month", 0.2, 0.8),
];

fn read(path: &str) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut s = scenario::parse(&text, path).unwrap_or_else(|d| panic!("{path}:\n{d}"));
    s.run.years = YEARS;
    s
}

/// Each shipped lever, preset and case with its nulmeting.
fn pairs() -> Vec<(String, Scenario, Scenario)> {
    let mut v = Vec::new();
    let baseline = read("scenarios/baseline.ron");
    for dir in ["scenarios/levers"] {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().unwrap().to_string_lossy().into_owned();
            let changed = read(&f.to_string_lossy());
            // A lever shipped with its own wijken (lever 8's two) is compared with those
            // wijken without its levers, not with the one-wijk baseline.
            let base = if changed.neighbourhoods == baseline.neighbourhoods {
                baseline.clone()
            } else {
                Scenario {
                    levers: Default::default(),
                    ..changed.clone()
                }
            };
            v.push((name, base, changed));
        }
    }
    v.push((
        "example1-maintenance".into(),
        baseline.clone(),
        read("scenarios/cases/example1-maintenance.ron"),
    ));
    v.push((
        "example3-two-wijken".into(),
        read("scenarios/cases/example3-baseline.ron"),
        read("scenarios/cases/example3-two-wijken.ron"),
    ));
    v.push((
        "example4-neighbourhood-coin".into(),
        read("scenarios/cases/example4-baseline.ron"),
        read("scenarios/cases/example4-neighbourhood-coin.ron"),
    ));
    v
}

fn experiment() -> Experiment {
    Experiment {
        name: "lever-drivers".into(),
        factors: FACTORS
            .iter()
            .map(|&(path, min, max)| Factor {
                path: path.into(),
                min,
                max,
                ..Default::default()
            })
            .collect(),
        design: Design::Morris {
            trajectories: 4,
            levels: 4,
        },
        replications: REPLICATIONS,
        seed: 1,
        years: YEARS,
        ..Default::default()
    }
}

fn at(s: &Scenario, point: &[f64], seed: u64) -> Scenario {
    let mut s = FACTORS
        .iter()
        .zip(point)
        .fold(s.clone(), |s, ((path, _, _), &v)| {
            patch::set(&s, path, v).unwrap_or_else(|e| panic!("{path}: {e}"))
        });
    s.run.seed = seed;
    s
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or("lever-drivers.csv".into());
    let e = experiment();
    let points = design::points(&e);
    let pool = parallel::pool(None).expect("a thread pool");
    // Each pair's rows are appended as it finishes, so an interrupted screening keeps what
    // it has done.
    let mut file = std::fs::File::create(Path::new(&out)).expect("the output file");
    writeln!(
        file,
        "scenario,indicator,factor,mu_star,sigma,effects,mean_effect,noise_mu_star"
    )
    .expect("the output file");
    for (name, base, changed) in pairs() {
        let mut rows = Vec::new();
        let jobs: Vec<(usize, u32)> = (0..points.len())
            .flat_map(|p| (0..REPLICATIONS).map(move |r| (p, r)))
            .collect();
        let diffs = parallel::run_all(&pool, &jobs, &parallel::quietly, |&(p, r)| {
            let seed = replicate_seed(1, (p as u32) * REPLICATIONS + r);
            let (b, c) = (
                run_years(&at(&base, &points[p], seed)),
                run_years(&at(&changed, &points[p], seed)),
            );
            INDICATORS.map(|i| c.get(YEARS, "city", i).unwrap() - b.get(YEARS, "city", i).unwrap())
        });
        let diffs = parallel::all_or_cancelled(diffs).expect("every run finished");
        let n = REPLICATIONS as usize;
        for (k, ind) in INDICATORS.iter().enumerate() {
            let reps = |p: usize| diffs[p * n..(p + 1) * n].iter().map(move |d| d[k]);
            let y: Vec<f64> = (0..points.len())
                .map(|p| reps(p).sum::<f64>() / n as f64)
                .collect();
            let mean = y.iter().sum::<f64>() / y.len() as f64;
            // An effect is (y_b - y_a) / delta, delta = levels / (2 (levels - 1)) = 2/3 of
            // the range; with pure noise of variance v / n in each point mean, its mean
            // absolute value is sqrt(2 / pi) sqrt(2 v / n) / delta.
            let var = (0..points.len())
                .map(|p| {
                    let m = y[p];
                    reps(p).map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64
                })
                .sum::<f64>()
                / points.len() as f64;
            let noise =
                (2.0 / std::f64::consts::PI).sqrt() * (2.0 * var / n as f64).sqrt() / (2.0 / 3.0);
            let effects = design::elementary_effects(&e, &points, &y);
            for (j, (path, _, _)) in FACTORS.iter().enumerate() {
                let (mu, sigma) = stats::morris(&effects[j]);
                rows.push(format!(
                    "{name},{ind},{path},{mu:.6},{sigma:.6},{},{mean:.6},{noise:.6}",
                    effects[j].len()
                ));
            }
        }
        writeln!(file, "{}", rows.join("\n")).expect("the output file");
        file.flush().expect("the output file");
        eprintln!("{name}: done");
    }
    eprintln!("wrote {out}");
}
