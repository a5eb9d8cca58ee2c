//! The binary as a user meets it: exit codes, messages, the output folder.

use std::process::{Command, Output};

fn wijksim(args: &[&str], cwd: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

#[test]
fn run_without_a_scenario_runs_the_baseline_and_writes_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = wijksim(&["run", "--years", "2"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("scenario \"baseline\""), "{stdout}");
    assert!(stdout.contains("unempl%"), "{stdout}");
    let folder = dir.path().join("out/baseline");
    for f in [
        "timeseries.csv",
        "flows.csv",
        "parties.csv",
        "summary.json",
        "scenario.ron",
        "manifest.json",
    ] {
        assert!(folder.join(f).is_file(), "{f} missing");
    }
    let ts = std::fs::read_to_string(folder.join("timeseries.csv")).unwrap();
    assert!(
        ts.starts_with("period,year,quarter,month,tick_start,tick_end,area,indicator,unit,value\n")
    );
    assert!(ts.contains("\nyear,2,,,12,23,city,unemployment_rate,share,"));
    // The written scenario runs again and gives the same time series.
    let again = wijksim(
        &[
            "run",
            "out/baseline/scenario.ron",
            "--years",
            "2",
            "--out",
            "again",
            "-q",
        ],
        dir.path(),
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(
        std::fs::read(dir.path().join("again/timeseries.csv")).unwrap(),
        ts.as_bytes()
    );
}

#[test]
fn bad_input_exits_2_with_a_positioned_message_and_keeps_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let ok = wijksim(&["run", "--years", "1", "--out", "res", "-q"], dir.path());
    assert!(ok.status.success());
    let before = std::fs::read(dir.path().join("res/timeseries.csv")).unwrap();
    std::fs::write(dir.path().join("bad.ron"), "(run: (years: 500))\n").unwrap();
    let out = wijksim(&["run", "bad.ron", "--out", "res"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.ron:1:8: error: `run.years` is 500, above 200"),
        "{err}"
    );
    assert!(err.contains("hint: allowed: 1 to 200 years"), "{err}");
    assert_eq!(
        std::fs::read(dir.path().join("res/timeseries.csv")).unwrap(),
        before
    );

    let out = wijksim(&["validate", "missing.ron"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing.ron: error: cannot read the file")
    );
    let out = wijksim(&["run", "--years", "0"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = wijksim(&["run", "--no-such-flag"], dir.path());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_accepts_the_shipped_baseline() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = wijksim(&["validate", "scenarios/baseline.ron"], root);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "scenarios/baseline.ron: ok\n"
    );
}

#[test]
fn set_changes_a_field_as_the_file_would_and_a_wrong_path_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let ok = |args: &[&str]| {
        let out = wijksim(args, dir.path());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    ok(&["run", "--years", "1", "-q", "--out", "plain"]);
    ok(&[
        "run",
        "--years",
        "1",
        "-q",
        "--out",
        "set",
        "--set",
        "levers.procurement_quota.enabled=true",
        "--set",
        "levers.procurement_quota.resident_share=0.6",
    ]);
    let written = std::fs::read_to_string(dir.path().join("set/scenario.ron")).unwrap();
    assert!(written.contains("resident_share: 0.6"), "{written}");
    // The scenario the run wrote runs to the same bytes: --set is the file's field.
    ok(&["run", "set/scenario.ron", "-q", "--out", "file"]);
    let ts = |d: &str| std::fs::read(dir.path().join(d).join("timeseries.csv")).unwrap();
    assert_eq!(ts("set"), ts("file"));
    assert_ne!(ts("set"), ts("plain"), "--set changed nothing");

    for (set, says) in [
        (
            "levers.procurment_quota.enabled=true",
            "did you mean `procurement_quota`?",
        ),
        ("coins.enabled=yes", "allowed: true, false"),
        (
            "levers.procurement_quota.resident_share=1.5",
            "`levers.procurement_quota.resident_share` is 1.5, above 1",
        ),
        ("run.years", "is not PATH=VALUE"),
    ] {
        let out = wijksim(
            &["run", "--years", "1", "-q", "--out", "bad", "--set", set],
            dir.path(),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{set}: {err}");
        assert!(err.contains(says), "{set}: {err}");
        assert!(
            !dir.path().join("bad").exists(),
            "{set}: a folder was written"
        );
    }
}

#[test]
fn sweep_set_changes_the_base_is_part_of_the_identity_and_refuses_a_factor() {
    let dir = tempfile::tempdir().unwrap();
    let e = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/experiments/small.ron");
    let out = wijksim(
        &["sweep", e, "--out", "f", "--set", "region.tightness=1"],
        dir.path(),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("`region.tightness` is a factor of"), "{err}");
    let sweep = |years: &str, resume: bool| {
        let mut args = vec!["sweep", e, "--out", "s", "--threads", "2"];
        args.extend(["--set", years]);
        if resume {
            args.push("--resume");
        }
        wijksim(&args, dir.path())
    };
    let first = sweep("run.years=1", false);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let base = std::fs::read_to_string(dir.path().join("s/base.ron")).unwrap();
    assert!(base.contains("years: 1,"), "{base}");
    let other = sweep("run.years=2", true);
    let err = String::from_utf8_lossy(&other.stderr);
    assert_eq!(other.status.code(), Some(2), "{err}");
    assert!(err.contains("run.years: 1 -> 2"), "{err}");
}

#[test]
fn format_parquet_writes_the_tables_as_parquet_and_refuses_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = wijksim(
        &[
            "run", "--years", "1", "-q", "--format", "parquet", "--out", "p",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest = std::fs::read_to_string(dir.path().join("p/manifest.json")).unwrap();
    for t in ["timeseries", "flows", "parties"] {
        let bytes = std::fs::read(dir.path().join(format!("p/{t}.parquet"))).unwrap();
        assert!(
            bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"),
            "{t}"
        );
        assert!(manifest.contains(&format!("\"{t}.parquet\"")), "{manifest}");
        assert!(!dir.path().join(format!("p/{t}.csv")).exists());
    }
    let out = wijksim(
        &[
            "run", "--years", "1", "-q", "--format", "parquet", "--report", "en",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--report reads the CSV tables"));
}
