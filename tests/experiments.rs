//! Sweeps and comparisons as a researcher runs them: same table for any thread count,
//! and when split into shards and merged; seeds from a run's
//! identity; failures recorded; positioned errors in experiment files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn wijksim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn exp(name: &str) -> String {
    common::experiment_file(name)
}

fn sweep(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "sweep".to_string(),
        exp("small.ron"),
        "--out".into(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    wijksim(&a)
}

fn table(out: &Path) -> String {
    std::fs::read_to_string(out.join("table.csv")).expect("table.csv")
}

#[test]
fn same_table_for_any_thread_count() {
    let d = tempfile::tempdir().unwrap();
    let (a, b) = (d.path().join("a"), d.path().join("b"));
    assert!(sweep(&a, &["--threads", "1"]).status.success());
    assert!(sweep(&b, &["--threads", "2"]).status.success());
    let t = table(&a);
    assert_eq!(t, table(&b));
    assert_eq!(
        t.lines()
            .filter(|l| l.contains(",city,unemployment_rate,"))
            .count(),
        6 * 3 * 2
    );
    assert!(a.join("convergence.csv").exists());
}

// Killed and resumed: see `a_killed_sweep_is_interrupted_then_resumed_to_the_same_table`
// in tests/outdirs.rs, which kills when the first run file appears and checks that the
// kill did interrupt.

#[test]
fn shards_merge_into_the_single_machine_table() {
    let d = tempfile::tempdir().unwrap();
    let full = d.path().join("full");
    assert!(sweep(&full, &[]).status.success());
    let shards: Vec<PathBuf> = (1..=3)
        .map(|k| d.path().join(format!("shard{k}")))
        .collect();
    for (k, s) in shards.iter().enumerate() {
        assert!(
            sweep(s, &["--shard", &format!("{}/3", k + 1)])
                .status
                .success()
        );
    }
    let merged = d.path().join("merged");
    let mut args = vec!["merge".to_string(), exp("small.ron")];
    args.extend(shards.iter().map(|s| s.display().to_string()));
    args.extend(["--out".to_string(), merged.display().to_string()]);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(wijksim(&a).status.success());
    assert_eq!(table(&full), table(&merged));
    assert_eq!(
        std::fs::read(full.join("convergence.csv")).unwrap(),
        std::fs::read(merged.join("convergence.csv")).unwrap()
    );
}

#[test]
fn adding_a_point_changes_no_other_run() {
    use wijksim::experiment::{design::Experiment, store};
    let (e, base): (Experiment, _) = common::small_experiment();
    let before = store::plan(&e, &base).unwrap().runs;
    let mut bigger = e.clone();
    bigger.factors[1].values.insert(0, 5.0);
    let after = store::plan(&bigger, &base).unwrap().runs;
    assert_eq!(after.len(), before.len() + 6);
    for r in &before {
        let same = after
            .iter()
            .find(|x| x.id == r.id)
            .expect("every old run is still planned");
        assert_eq!(same.seed, r.seed);
    }
}

#[test]
fn a_failing_point_is_recorded_and_the_others_go_on() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("bad");
    let o = wijksim(&[
        "sweep",
        &exp("with-bad-point.ron"),
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let failures = std::fs::read_to_string(out.join("failures.csv")).unwrap();
    assert_eq!(failures.lines().count(), 1 + 2, "{failures}");
    assert!(failures.contains("spending_share_local"), "{failures}");
    assert!(table(&out).lines().count() > 1);
}

#[test]
fn experiment_files_get_positioned_errors() {
    let o = wijksim(&[
        "sweep",
        &exp("typo.ron"),
        "--out",
        "/nonexistent/never-written",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("typo.ron:3:"), "{err}");
    assert!(err.contains("unknown field `valeus`"), "{err}");
    assert!(err.contains("did you mean `values`?"), "{err}");
    assert!(
        err.contains("Morris with 0 trajectories and 3 levels"),
        "{err}"
    );
}

#[test]
fn compare_reports_clear_differences_and_identical_runs() {
    let d = tempfile::tempdir().unwrap();
    let base = exp("small-base.ron");
    let changed = d.path().join("changed.ron");
    std::fs::write(&changed, "(name: \"more-local\", run: (years: 2), levers: (buy_local: (enabled: true, local_share_increase: 0.3)), neighbourhoods: [(name: \"w\", residents: (count: 800))])").unwrap();
    let out = d.path().join("cmp");
    let o = wijksim(&[
        "compare",
        &base,
        &changed.display().to_string(),
        "--runs",
        "6",
        "--out",
        &out.display().to_string(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("leakage_share"), "{stdout}");
    assert!(stdout.contains("clear decrease"), "{stdout}");
    assert!(stdout.contains("In plain words"), "{stdout}");
    let csv = std::fs::read_to_string(out.join("compare.csv")).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .starts_with("area,year,indicator,base_mean,base_ci95,changed_mean")
    );
    // A scenario against itself: every difference is exactly zero.
    let same = d.path().join("same");
    let o = wijksim(&[
        "compare",
        &base,
        &base,
        "--runs",
        "3",
        "--out",
        &same.display().to_string(),
    ]);
    assert!(o.status.success());
    let csv = std::fs::read_to_string(same.join("compare.csv")).unwrap();
    assert!(
        csv.lines().skip(1).all(|l| l.ends_with(",identical")),
        "{csv}"
    );
}

#[test]
fn who_pays_who_gains_per_sweep_point_against_a_nulalternatief() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("s");
    let nul = exp("small-base.ron");
    let o = sweep(&out, &["--mkba", &nul, "--threads", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("stakeholders.csv")).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with(
        "point,levers.buy_local.local_share_increase,region.tightness,party,item,kind,measure,year,value_eur"
    ), "{header}");
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // Every point of the 2 x 3 design has every party's present value.
    for point in 0..6 {
        let totals = rows
            .iter()
            .filter(|r| r[0] == point.to_string() && r[4] == "total" && r[6] == "present_value")
            .count();
        assert_eq!(totals, 11, "point {point}");
    }
    // The point that is the nulalternatief itself (no extra local share, the default
    // tightness) pairs with it seed by seed: identical for every party and item.
    let same: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == "1").collect();
    assert!(
        same.iter().all(|r| r[r.len() - 1] == "identical"),
        "{:?}",
        same.iter().find(|r| r[r.len() - 1] != "identical")
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "5" && r[r.len() - 1] != "identical")
    );
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"stakeholders.csv\"") && manifest.contains("\"additionality.csv\"")
    );
    assert!(out.join("additionality.csv").is_file());
    // Not on a shard: the analysis needs every point.
    let o = sweep(&d.path().join("t"), &["--mkba", &nul, "--shard", "1/2"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be combined with --shard"));
}
