//! Scenario files: golden error texts (tests/err), golden summaries of valid files
//! (tests/ok), the shipped scenarios, and round-trips of the resolved scenario.
//! Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change.

mod common;

use std::path::{Path, PathBuf};
use wijksim::scenario;

fn files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

fn check_golden(path: &Path, actual: &str) {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    if update {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    assert_eq!(actual, expected, "golden file {} differs", path.display());
}

#[test]
fn invalid_files_give_the_expected_messages() {
    let cases = files("tests/err");
    assert!(cases.len() >= 6);
    for case in cases {
        let shown = format!("tests/err/{}", case.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(&case).unwrap();
        let err = scenario::parse(&text, &shown).expect_err(&format!("{shown} must be rejected"));
        check_golden(&case.with_extension("expected"), &format!("{err}\n"));
    }
}

#[test]
fn valid_files_run_and_match_their_summaries() {
    for case in files("tests/ok") {
        let text = std::fs::read_to_string(&case).unwrap();
        let s =
            scenario::parse(&text, "ok.ron").unwrap_or_else(|d| panic!("{}:\n{d}", case.display()));
        let years = common::run(&s);
        let mut out = String::new();
        for ((year, area, indicator), value) in &years.0 {
            out.push_str(&format!("{year} {area} {indicator} {value:.4}\n"));
        }
        check_golden(&case.with_extension("summary"), &out);
    }
}

#[test]
fn every_shipped_file_is_read_with_its_parser_and_every_scenario_runs_a_year() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = common::ron_files(&root.join("scenarios"));
    let (mut scenarios, mut experiments) = (0, 0);
    for f in &files {
        let rel = f.strip_prefix(root).unwrap().display().to_string();
        if rel.starts_with("scenarios/experiments/") {
            let (e, base) = wijksim::cli::sweep::load_experiment(f)
                .unwrap_or_else(|err| panic!("{rel}: {err}"));
            let plan = wijksim::cli::sweep::plan_experiment(f, &e, &base)
                .unwrap_or_else(|err| panic!("{rel}: {err}"));
            // Every planned point is a valid scenario.
            for spec in &plan.runs {
                wijksim::experiment::store::scenario_for(&e, &base, spec)
                    .unwrap_or_else(|err| panic!("{rel}: run {}: {err}", spec.id));
            }
            experiments += 1;
        } else {
            let mut s = scenario::load(f).unwrap_or_else(|d| panic!("{d}"));
            s.run.years = 1;
            // A year of burn-in at most: enough to take the switch of the levers, short
            // enough for the 1,000,000-resident benchmark city.
            s.run.burn_in_years = s.run.burn_in_years.min(1);
            let years = common::run_once(&s);
            assert!(!years.0.is_empty(), "{rel} ran");
            scenarios += 1;
        }
    }
    // Guard against the walk missing folders: the counts of today's shipped files.
    assert!(scenarios >= 21, "{scenarios} scenarios");
    assert!(experiments >= 3, "{experiments} experiments");
}

#[test]
fn the_default_scenario_is_valid_and_the_builtin_is_the_baseline_file() {
    assert!(scenario::validate::check(&scenario::Scenario::default()).is_empty());
    let file =
        scenario::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/baseline.ron"))
            .unwrap();
    assert_eq!(scenario::baseline(), file);
}

#[test]
fn resolved_scenarios_read_back_identical() {
    for f in files("scenarios").into_iter().chain(files("tests/ok")) {
        let s = scenario::load(&f).unwrap();
        let resolved = s.resolved();
        let text = scenario::to_ron(&resolved);
        let back = scenario::parse(&text, "resolved.ron").unwrap_or_else(|d| panic!("{d}\n{text}"));
        assert_eq!(back, resolved, "{}", f.display());
        // Resolving changes no value: the run of the resolved file is the same run.
        assert_eq!(
            common::run_once(&{
                let mut r = back;
                r.run.years = 1;
                r
            })
            .0,
            common::run_once(&{
                let mut r = s;
                r.run.years = 1;
                r
            })
            .0
        );
    }
}

#[test]
fn a_missing_file_is_reported_not_panicked() {
    let err = scenario::load(Path::new("does/not/exist.ron")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with("does/not/exist.ron: error: cannot read the scenario file"),
        "{text}"
    );
}
