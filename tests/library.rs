//! Compares and sweeps run from Rust through `wijksim::experiment`, with no command line
//! and no terminal: the progress callback sees every run, a cancelled call stops, and a
//! cancelled sweep resumes to the table of an uninterrupted one.

mod common;

use std::path::Path;
use std::sync::Mutex;
use wijksim::experiment::compare::{self, CompareSpec};
use wijksim::experiment::sweep::{Options, Shard, Sweep};
use wijksim::experiment::{Control, Error, Progress, quietly};
use wijksim::report::table::Format;

/// The small test scenario and a variant that buys locally.
fn two_scenarios() -> (wijksim::scenario::Scenario, wijksim::scenario::Scenario) {
    let (_, base) = common::small_experiment();
    let mut changed = base.clone();
    changed.name = "more-local".into();
    changed.levers.buy_local.local_share_increase = 0.3;
    (base, changed)
}

fn small_sweep() -> Sweep {
    Sweep::load(Path::new(&common::experiment_file("small.ron"))).expect("small.ron plans")
}

/// A callback that records every progress report and cancels once `cancel_at` runs are
/// done.
fn recorder(
    seen: &Mutex<Vec<Progress>>,
    cancel_at: Option<u64>,
) -> impl Fn(Progress) -> Control + Sync + '_ {
    move |p| {
        seen.lock().unwrap().push(p);
        if cancel_at.is_some_and(|k| p.runs_done >= k) {
            Control::Cancel
        } else {
            Control::Continue
        }
    }
}

fn done_counts(seen: &Mutex<Vec<Progress>>) -> Vec<u64> {
    seen.lock().unwrap().iter().map(|p| p.runs_done).collect()
}

fn table(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("table.csv")).expect("table.csv")
}

fn run_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("runs"))
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_compare_runs_from_rust_and_its_callback_sees_every_run() {
    let (base, changed) = two_scenarios();
    let spec = CompareSpec {
        runs: 4,
        threads: Some(2),
        ..CompareSpec::new(base, changed)
    };
    let seen = Mutex::new(Vec::new());
    let c = compare::run(&spec, &recorder(&seen, None)).expect("the compare runs");
    assert_eq!(done_counts(&seen), (0..=8).collect::<Vec<u64>>());
    assert!(seen.lock().unwrap().iter().all(|p| p.runs_total == 8));
    assert_eq!((c.base_runs.len(), c.changed_runs.len()), (4, 4));
    let leakage = c
        .final_city()
        .find(|d| d.indicator == "leakage_share")
        .expect("leakage is compared");
    assert!(leakage.diff_mean < 0.0, "{leakage:?}");
    // The same comparison on one thread gives the same numbers.
    let one = CompareSpec {
        threads: Some(1),
        ..spec.clone()
    };
    assert_eq!(compare::run(&one, &quietly).unwrap(), c);
}

#[test]
fn a_cancelled_compare_returns_cancelled_and_starts_no_more_runs() {
    let (base, changed) = two_scenarios();
    let spec = CompareSpec {
        runs: 3,
        threads: Some(1),
        ..CompareSpec::new(base, changed)
    };
    let seen = Mutex::new(Vec::new());
    let e = compare::run(&spec, &recorder(&seen, Some(2))).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Cancelled {
                runs_done: 2,
                runs_total: 6
            }
        ),
        "{e:?}"
    );
    assert!(!e.is_input());
    assert_eq!(done_counts(&seen), vec![0, 1, 2]);
    // Cancelled before the first run: nothing runs.
    let seen = Mutex::new(Vec::new());
    let e = compare::run(&spec, &recorder(&seen, Some(0))).unwrap_err();
    assert!(matches!(e, Error::Cancelled { runs_done: 0, .. }), "{e:?}");
}

#[test]
fn a_sweep_runs_from_rust_and_its_callback_sees_every_run() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sweep");
    let sweep = small_sweep();
    let seen = Mutex::new(Vec::new());
    let options = Options {
        threads: Some(2),
        ..Options::default()
    };
    let finished = sweep
        .run(&out, &options, &recorder(&seen, None))
        .expect("the sweep runs");
    assert_eq!(done_counts(&seen), (0..=18).collect::<Vec<u64>>());
    assert!(finished.is_complete());
    assert_eq!(finished.found.finished, 18);
    assert!(finished.files.contains(&"convergence.csv"));
    assert!(out.join("convergence.csv").is_file());
    // Run again without `resume`: the folder already holds this sweep's runs.
    let e = sweep.run(&out, &options, &quietly).unwrap_err();
    assert!(matches!(e, Error::AlreadyStarted { .. }), "{e:?}");
    assert!(e.is_input());
}

#[test]
fn a_cancelled_sweep_keeps_its_runs_and_resumes_to_the_same_table() {
    let d = tempfile::tempdir().unwrap();
    let (full, cut) = (d.path().join("full"), d.path().join("cut"));
    let sweep = small_sweep();
    let one_thread = Options {
        threads: Some(1),
        ..Options::default()
    };
    sweep.run(&full, &one_thread, &quietly).unwrap();

    let seen = Mutex::new(Vec::new());
    let e = sweep
        .run(&cut, &one_thread, &recorder(&seen, Some(5)))
        .unwrap_err();
    assert!(
        matches!(
            e,
            Error::Cancelled {
                runs_done: 5,
                runs_total: 18
            }
        ),
        "{e:?}"
    );
    assert_eq!(done_counts(&seen), (0..=5).collect::<Vec<u64>>());
    let kept = run_files(&cut);
    assert_eq!(kept.len(), 5, "every finished run is kept, no other");
    assert!(!cut.join("table.csv").exists(), "stopped before the table");

    let seen = Mutex::new(Vec::new());
    let resume = Options {
        resume: true,
        threads: Some(2),
        ..Options::default()
    };
    let finished = sweep.run(&cut, &resume, &recorder(&seen, None)).unwrap();
    assert_eq!(done_counts(&seen), (0..=13).collect::<Vec<u64>>());
    assert!(finished.is_complete());
    assert_eq!(table(&cut), table(&full));
    for f in ["convergence.csv", "failures.csv"] {
        assert_eq!(
            std::fs::read(cut.join(f)).unwrap(),
            std::fs::read(full.join(f)).unwrap(),
            "{f}"
        );
    }
    let after = run_files(&cut);
    assert!(
        kept.iter().all(|k| after.contains(k)),
        "kept runs untouched"
    );
}

#[test]
fn shards_run_and_merge_from_rust_into_the_single_machine_table() {
    let d = tempfile::tempdir().unwrap();
    let sweep = small_sweep();
    let full = d.path().join("full");
    sweep.run(&full, &Options::default(), &quietly).unwrap();
    let mut shards = Vec::new();
    for k in 1..=2 {
        let dir = d.path().join(format!("shard{k}"));
        let options = Options {
            shard: Some(Shard::new(k, 2).unwrap()),
            ..Options::default()
        };
        let part = sweep.run(&dir, &options, &quietly).unwrap();
        assert!(!part.is_complete(), "a shard holds part of the runs");
        shards.push(dir);
    }
    let merged = d.path().join("merged");
    let e = sweep.merge(&shards[..1], &merged, Format::Csv).unwrap_err();
    assert!(matches!(e, Error::MissingRuns { .. }), "{e:?}");
    assert!(!merged.exists(), "a refused merge writes nothing");
    let m = sweep.merge(&shards, &merged, Format::Parquet).unwrap();
    assert!(m.finished.is_complete());
    assert_eq!(table(&merged), table(&full));
    // The Parquet table holds the CSV table's rows, typed, its values unrounded.
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let pq = SerializedFileReader::new(std::fs::File::open(merged.join("table.parquet")).unwrap())
        .unwrap();
    let csv_rows = table(&merged).iter().filter(|b| **b == b'\n').count() as i64 - 1;
    assert_eq!(pq.metadata().file_metadata().num_rows(), csv_rows);
    let names: Vec<String> = pq
        .metadata()
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(&names[..4], ["run_id", "point", "replicate", "seed"]);
    assert_eq!(names[names.len() - 2], "unit");
}

#[test]
fn refusals_are_typed_and_say_whose_fault_they_are() {
    let (base, changed) = two_scenarios();
    let few = CompareSpec {
        runs: 1,
        ..CompareSpec::new(base.clone(), changed.clone())
    };
    assert!(matches!(few.check(), Err(Error::TooFewRuns { runs: 1 })));
    let no_threads = CompareSpec {
        threads: Some(0),
        ..CompareSpec::new(base.clone(), changed)
    };
    assert!(matches!(no_threads.check(), Err(Error::NoThreads)));
    let mut broken = base.clone();
    broken.neighbourhoods[0].residents.spending_share_local = 1.5;
    let e = CompareSpec::new(base.clone(), broken).check().unwrap_err();
    assert!(matches!(e, Error::InvalidScenario { .. }), "{e:?}");
    assert!(e.to_string().contains("spending_share_local"), "{e}");
    for bad in ["4/3", "0/2", "x", "1/0"] {
        let e = Shard::parse(bad).unwrap_err();
        assert!(
            matches!(&e, Error::BadShard { text } if text == bad),
            "{e:?}"
        );
        assert!(e.is_input());
    }
    assert_eq!(Shard::parse("2/8").unwrap(), Shard { k: 2, n: 8 });
    // A factor under a switched-off lever, given as data.
    let (e, mut small_base) = common::small_experiment();
    small_base.levers.buy_local.enabled = false;
    let refused = Sweep::new(e, small_base, "small.ron").unwrap_err();
    assert!(
        matches!(&refused, Error::InertFactors { factors, .. } if factors.len() == 1),
        "{refused:?}"
    );
    assert!(
        refused
            .to_string()
            .contains("`levers.buy_local.enabled` is off")
    );
}

#[test]
fn an_experiment_given_as_data_plans_as_its_file_does() {
    let (e, base) = common::small_experiment();
    let from_data = Sweep::new(e.clone(), base, "small (data)").unwrap();
    assert_eq!(from_data.plan, small_sweep().plan);
    // Its text, written to the folder as experiment.ron, reads back as the experiment.
    let back = wijksim::experiment::design::parse(&from_data.text, "experiment.ron").unwrap();
    assert_eq!(back, e);
}
