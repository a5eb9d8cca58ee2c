//! Sweep throughput in runs per second on 1 and 2 threads (issue target: 2 threads at least
//! 1.8 times 1 thread on 2 cores). 16 runs of a 1,500-resident wijk for 2 years.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;
use std::time::Duration;
use wijksim::experiment::{design::Experiment, store};
use wijksim::scenario;

fn sweep(c: &mut Criterion) {
    let text = r#"(name: "bench", factors: [(path: "levers.buy_local.local_share_increase", values: [0.0, 0.05, 0.1, 0.15])],
        design: FullFactorial, replications: 4, years: 2)"#;
    let e: Experiment =
        scenario::parse_with(text, "bench.ron", |_: &Experiment| Vec::new()).expect("valid");
    let mut base = scenario::baseline();
    base.neighbourhoods[0].residents.count = 1500;
    base.levers.buy_local.enabled = true;
    let plan = store::plan(&e, &base).expect("a valid plan").runs;
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(plan.len() as u64));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        g.bench_function(format!("runs_{threads}_threads"), |b| {
            b.iter(|| {
                let burn_ins = wijksim::experiment::BurnIns::for_threads(threads);
                pool.install(|| {
                    plan.par_iter()
                        .map(|spec| {
                            store::execute(&e, &base, spec, &burn_ins)
                                .expect("valid run")
                                .0
                                .len()
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    g.finish();
}

criterion_group!(benches, sweep);
criterion_main!(benches);
