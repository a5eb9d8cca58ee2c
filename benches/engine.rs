//! Engine benchmarks: the baseline wijk for 10 years, and (opt-in, WIJKSIM_BENCH_HEAVY=1)
//! a city of 100 neighbourhoods and 1,000,000 residents for 10 years. Throughput is
//! reported in agent-ticks (residents x months). Each benchmark prints a hash of the
//! run's final balances first, so that a speed-up that changes behaviour shows. The
//! burn-in (`run.burn_in_years`) is computed once, outside the measured time: the
//! benchmarks time the reported years, from a clone of it.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;
use wijksim::model::indicators::Discard;
use wijksim::model::{BurnIn, Model};
use wijksim::scenario::{self, Scenario};

fn run(burn_in: &BurnIn, s: &Scenario) -> Model {
    let mut m = Model::after(burn_in.clone(), s);
    m.run(&mut Discard, |_, _| {});
    m
}

fn result_hash(m: &Model) -> String {
    m.result_hash()
}

fn bench_case(c: &mut Criterion, name: &str, s: &Scenario, samples: usize) {
    let agent_ticks = s.resident_count() * s.run.years as u64 * 12;
    let burn_in = BurnIn::run(s, |_, _| {});
    println!(
        "{name}: {} residents, {} agent-ticks, result hash {}",
        s.resident_count(),
        agent_ticks,
        result_hash(&run(&burn_in, s))
    );
    let mut g = c.benchmark_group("engine");
    g.sample_size(samples);
    g.measurement_time(Duration::from_secs(if samples <= 10 { 1 } else { 10 }));
    g.throughput(Throughput::Elements(agent_ticks));
    g.bench_function(name, |b| b.iter(|| run(&burn_in, s)));
    g.finish();
}

fn engine(c: &mut Criterion) {
    bench_case(c, "baseline_10y", &scenario::baseline(), 20);
    if std::env::var("WIJKSIM_BENCH_HEAVY").is_ok_and(|v| v == "1") {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/bench/city-1m.ron");
        let s =
            scenario::load(std::path::Path::new(path)).expect("the benchmark scenario is valid");
        bench_case(c, "city_1m_10y", &s, 10);
    } else {
        println!(
            "city_1m_10y skipped: set WIJKSIM_BENCH_HEAVY=1 to run it (about 10 runs of the 1,000,000-resident city)"
        );
    }
}

criterion_group!(benches, engine);
criterion_main!(benches);
