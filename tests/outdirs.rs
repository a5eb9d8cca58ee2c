//! Issue 8 as a user and an attacker met it: output folders that delete nothing outside
//! `out/`, merges and resumes that refuse to mix or lose runs, designs over whole-number
//! fields, inert factors, manifests. Each test is named after the bug it guards.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn wijksim(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn exp(name: &str) -> String {
    common::experiment_file(name)
}

/// A small scenario file with the given name.
fn scenario(dir: &Path, file: &str, name: &str) -> PathBuf {
    let p = dir.join(file);
    let text = format!(
        "(name: {name:?}, run: (years: 1), neighbourhoods: [(name: \"w\", residents: (count: 200))])"
    );
    std::fs::write(&p, text).unwrap();
    p
}

/// A folder with a file that must survive.
fn victim(dir: &Path) -> PathBuf {
    let v = dir.join("victim");
    std::fs::create_dir_all(&v).unwrap();
    std::fs::write(v.join("thesis.tex"), "years of work").unwrap();
    v
}

fn assert_victim_intact(v: &Path) {
    assert_eq!(
        std::fs::read_to_string(v.join("thesis.tex")).unwrap(),
        "years of work"
    );
}

#[test]
fn a_name_with_dot_dot_never_writes_outside_out() {
    let d = tempfile::tempdir().unwrap();
    let work = d.path().join("a/b/c/d");
    std::fs::create_dir_all(&work).unwrap();
    let v = victim(d.path());
    for name in [
        "x/../../../../victim",
        "../../../../../victim",
        "/tmp/victim",
    ] {
        let s = scenario(&work, "s.ron", name);
        let o = wijksim(&["run", s.to_str().unwrap(), "-q"], &work);
        // Refused by the name rule, with its position; the slug (tested below for every
        // generated name) would keep it inside out/ even without the rule.
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("s.ron:1:2: error: `name`"),
            "{}",
            stderr(&o)
        );
        assert!(!work.join("out").exists());
        assert_victim_intact(&v);
    }
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        2,
        "a/ and victim/ only"
    );
}

#[test]
fn an_empty_name_does_not_wipe_out() {
    let d = tempfile::tempdir().unwrap();
    let earlier = d.path().join("out/earlier");
    std::fs::create_dir_all(&earlier).unwrap();
    std::fs::write(earlier.join("keep.csv"), "1").unwrap();
    let s = scenario(d.path(), "s.ron", "");
    let o = wijksim(&["run", s.to_str().unwrap(), "-q"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("`name`"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(earlier.join("keep.csv")).unwrap(),
        "1"
    );
}

#[test]
fn out_naming_a_file_or_a_device_is_refused_not_turned_into_a_folder() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("notes.txt");
    std::fs::write(&file, "precious").unwrap();
    for target in [file.to_str().unwrap(), "/dev/null"] {
        let o = wijksim(&["run", "--years", "1", "--out", target, "-q"], d.path());
        assert_eq!(o.status.code(), Some(2), "{target}: {}", stderr(&o));
        assert!(stderr(&o).contains("is not a folder"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    // /dev/null is still the device, not a folder.
    use std::os::unix::fs::FileTypeExt;
    assert!(
        Path::new("/dev/null")
            .metadata()
            .unwrap()
            .file_type()
            .is_char_device()
    );
    let left: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no .old or .tmp leftovers");
}

#[test]
fn a_folder_that_is_not_ours_is_not_replaced() {
    let d = tempfile::tempdir().unwrap();
    let v = victim(d.path());
    let o = wijksim(
        &["run", "--years", "1", "--out", v.to_str().unwrap(), "-q"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("hint:"), "{}", stderr(&o));
    assert_victim_intact(&v);
    // Our own run folder is replaced; one with a file added by hand is not.
    let ok = wijksim(&["run", "--years", "1", "--out", "r", "-q"], d.path());
    assert!(ok.status.success(), "{}", stderr(&ok));
    let again = wijksim(&["run", "--years", "1", "--out", "r", "-q"], d.path());
    assert!(again.status.success(), "{}", stderr(&again));
    std::fs::write(d.path().join("r/my-notes.txt"), "mine").unwrap();
    let refused = wijksim(&["run", "--years", "1", "--out", "r", "-q"], d.path());
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("my-notes.txt"),
        "{}",
        stderr(&refused)
    );
    // A run folder is not replaced by a compare.
    std::fs::remove_file(d.path().join("r/my-notes.txt")).unwrap();
    let base = exp("small-base.ron");
    let cmp = wijksim(
        &[
            "compare", &base, &base, "--runs", "2", "--years", "1", "--out", "r",
        ],
        d.path(),
    );
    assert_eq!(cmp.status.code(), Some(2), "{}", stderr(&cmp));
    assert!(d.path().join("r/timeseries.csv").exists());
}

#[test]
fn a_report_added_to_a_run_folder_keeps_it_replaceable() {
    let d = tempfile::tempdir().unwrap();
    let first = wijksim(
        &["run", "--years", "1", "--out", "r", "-q", "--report", "en"],
        d.path(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let again = wijksim(&["run", "--years", "1", "--out", "r", "-q"], d.path());
    assert!(again.status.success(), "{}", stderr(&again));
}

#[test]
fn two_names_with_one_slug_get_two_folders_and_a_note() {
    let d = tempfile::tempdir().unwrap();
    let a = scenario(d.path(), "a.ron", "Wijk Oost");
    let b = scenario(d.path(), "b.ron", "wijk-oost");
    assert!(
        wijksim(&["run", a.to_str().unwrap(), "-q"], d.path())
            .status
            .success()
    );
    let o = wijksim(&["run", b.to_str().unwrap(), "-q"], d.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("out/wijk-oost-2"), "{}", stderr(&o));
    let name = |dir: &str| -> String {
        let m: serde_json::Value = serde_json::from_slice(
            &std::fs::read(d.path().join(dir).join("manifest.json")).unwrap(),
        )
        .unwrap();
        m["name"].as_str().unwrap().to_string()
    };
    assert_eq!(name("out/wijk-oost"), "Wijk Oost");
    assert_eq!(name("out/wijk-oost-2"), "wijk-oost");
    // Running the first again replaces its own folder, not the second.
    assert!(
        wijksim(&["run", a.to_str().unwrap(), "-q"], d.path())
            .status
            .success()
    );
    assert_eq!(std::fs::read_dir(d.path().join("out")).unwrap().count(), 2);
}

fn sweep(out: &Path, experiment: &str, extra: &[&str]) -> Output {
    let mut args = vec!["sweep", experiment, "--out", out.to_str().unwrap()];
    args.extend(extra);
    wijksim(&args, out.parent().unwrap())
}

fn merge(experiment: &str, shards: &[&Path], out: &Path) -> Output {
    let mut args = vec!["merge".to_string(), experiment.to_string()];
    args.extend(shards.iter().map(|s| s.display().to_string()));
    args.extend(["--out".into(), out.display().to_string()]);
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    wijksim(&a, out.parent().unwrap())
}

fn run_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.join("runs"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn merge_into_one_of_its_shards_is_refused_and_truncates_nothing() {
    let d = tempfile::tempdir().unwrap();
    let (s1, s2) = (d.path().join("s1"), d.path().join("s2"));
    assert!(
        sweep(&s1, &exp("small.ron"), &["--shard", "1/2"])
            .status
            .success()
    );
    assert!(
        sweep(&s2, &exp("small.ron"), &["--shard", "2/2"])
            .status
            .success()
    );
    let before = run_files(&s1);
    for out in [&s1, &s1.join("inside")] {
        let o = merge(&exp("small.ron"), &[&s1, &s2], out);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("shard folder"), "{}", stderr(&o));
    }
    assert_eq!(run_files(&s1), before, "shard files untouched");
    assert!(before.iter().all(|(_, b)| !b.is_empty()));
}

#[test]
fn merge_with_a_shard_missing_fails_and_names_the_command() {
    let d = tempfile::tempdir().unwrap();
    let s1 = d.path().join("s1");
    assert!(
        sweep(&s1, &exp("small.ron"), &["--shard", "1/3"])
            .status
            .success()
    );
    let out = d.path().join("merged");
    let o = merge(&exp("small.ron"), &[&s1], &out);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("planned runs are in none of the shard folders"),
        "{err}"
    );
    assert!(err.contains("--shard 2/3 --resume"), "{err}");
    assert!(err.contains("--shard 3/3 --resume"), "{err}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn merge_with_the_wrong_experiment_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let s1 = d.path().join("s1");
    assert!(sweep(&s1, &exp("small.ron"), &[]).status.success());
    let other = d.path().join("other.ron");
    let text = std::fs::read_to_string(exp("small.ron"))
        .unwrap()
        .replace("small-base.ron", &exp("small-base.ron"))
        .replace("replications: 3", "replications: 4");
    std::fs::write(&other, text).unwrap();
    let out = d.path().join("merged");
    let o = merge(other.to_str().unwrap(), &[&s1], &out);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("replications: 3 -> 4"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

/// `small.ron` with its base given by absolute path and some text replaced.
fn variant(dir: &Path, from: &str, to: &str) -> PathBuf {
    let p = dir.join(format!("exp-{}.ron", to.len()));
    let text = std::fs::read_to_string(exp("small.ron"))
        .unwrap()
        .replace("small-base.ron", &exp("small-base.ron"))
        .replace(from, to);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn resume_after_changing_years_or_a_factor_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sw");
    let first = variant(d.path(), "replications: 3", "replications: 2");
    assert!(sweep(&out, first.to_str().unwrap(), &[]).status.success());
    let table = std::fs::read(out.join("table.csv")).unwrap();
    for (from, to, says) in [
        (
            "replications: 2",
            "replications: 2, years: 3",
            "years: 2 -> 3",
        ),
        ("[0.0, 0.1]", "[0.0, 0.2]", "factors:"),
    ] {
        let changed = variant(d.path(), "replications: 3", "replications: 2");
        let text = std::fs::read_to_string(&changed).unwrap().replace(from, to);
        std::fs::write(&changed, text).unwrap();
        let o = sweep(&out, changed.to_str().unwrap(), &["--resume"]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("different experiment"),
            "{}",
            stderr(&o)
        );
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(out.join("table.csv")).unwrap(), table);
}

#[test]
fn run_ids_cover_the_years_so_stale_runs_are_never_reused() {
    use wijksim::experiment::{design::Experiment, store};
    let (e, base): (Experiment, _) = common::small_experiment();
    let a = store::plan(&e, &base).unwrap();
    let longer = Experiment { years: 5, ..e };
    let b = store::plan(&longer, &base).unwrap();
    assert_ne!(a.experiment_sha256, b.experiment_sha256);
    for (x, y) in a.runs.iter().zip(&b.runs) {
        assert_ne!(x.id, y.id);
        assert_eq!(x.seed, y.seed, "the same random numbers, a longer run");
    }
}

#[test]
fn a_truncated_or_empty_run_file_is_not_done() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sw");
    assert!(sweep(&out, &exp("small.ron"), &[]).status.success());
    let full = std::fs::read(out.join("table.csv")).unwrap();
    let files = run_files(&out);
    let (first, bytes) = &files[0];
    let (second, _) = &files[1];
    std::fs::write(out.join("runs").join(first), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(out.join("runs").join(second), b"").unwrap();
    // A stray file in runs/ is never read into the table.
    std::fs::write(out.join("runs/ffffffffffffffff.csv"), "stray,row\n").unwrap();
    let o = sweep(&out, &exp("small.ron"), &["--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 run files were incomplete"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("16 already done, 2 to run"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(out.join("table.csv")).unwrap(), full);
}

#[test]
fn a_killed_sweep_is_interrupted_then_resumed_to_the_same_table() {
    let d = tempfile::tempdir().unwrap();
    let (full, cut) = (d.path().join("full"), d.path().join("cut"));
    assert!(
        sweep(&full, &exp("small.ron"), &["--threads", "1"])
            .status
            .success()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(["sweep", &exp("small.ron"), "--out", cut.to_str().unwrap()])
        .args(["--threads", "1"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill as soon as the first run file appears.
    let first_run = || {
        std::fs::read_dir(cut.join("runs")).is_ok_and(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().ends_with(".csv"))
        })
    };
    let mut waited = 0;
    while !first_run() && waited < 60_000 {
        std::thread::sleep(std::time::Duration::from_millis(1));
        waited += 1;
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the kill interrupted the sweep");
    let done = run_files(&cut).len();
    assert!((1..18).contains(&done), "{done} of 18 run files");
    assert!(
        !cut.join("table.csv").exists(),
        "interrupted before the table"
    );
    let refused = sweep(&cut, &exp("small.ron"), &[]);
    assert_eq!(refused.status.code(), Some(2));
    let resumed = sweep(&cut, &exp("small.ron"), &["--resume"]);
    assert!(resumed.status.success(), "{}", stderr(&resumed));
    assert_eq!(
        std::fs::read(full.join("table.csv")).unwrap(),
        std::fs::read(cut.join("table.csv")).unwrap()
    );
}

#[test]
fn latin_hypercube_over_a_whole_number_field_runs_rounded_values() {
    let d = tempfile::tempdir().unwrap();
    let e = d.path().join("lhs.ron");
    std::fs::write(
        &e,
        format!(
            "(name: \"lhs-count\", base: {:?}, factors: [(path: \"neighbourhoods[0].residents.count\", min: 300.0, max: 500.0)], design: LatinHypercube(points: 4), replications: 1, years: 1)",
            exp("small-base.ron")
        ),
    )
    .unwrap();
    let out = d.path().join("sw");
    let o = sweep(&out, e.to_str().unwrap(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let failures = std::fs::read_to_string(out.join("failures.csv")).unwrap();
    assert_eq!(failures.lines().count(), 1, "no failed run: {failures}");
    let table = std::fs::read_to_string(out.join("table.csv")).unwrap();
    let counts: std::collections::BTreeSet<&str> = table
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert_eq!(counts.len(), 4, "{counts:?}");
    assert!(
        counts.iter().all(|c| c.parse::<u32>().is_ok()),
        "{counts:?}"
    );
}

#[test]
fn a_factor_under_a_switched_off_lever_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let e = d.path().join("inert.ron");
    std::fs::write(
        &e,
        "(name: \"inert\", factors: [(path: \"levers.buy_local.local_share_increase\", values: [0.0, 0.1])], replications: 1, years: 1)",
    )
    .unwrap();
    let out = d.path().join("sw");
    let o = sweep(&out, e.to_str().unwrap(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`levers.buy_local.enabled` is off"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn compare_writes_a_manifest_and_sweep_manifests_hash_their_files() {
    let d = tempfile::tempdir().unwrap();
    let base = exp("small-base.ron");
    let o = wijksim(
        &[
            "compare", &base, &base, "--runs", "2", "--years", "1", "--out", "c",
        ],
        d.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |p: PathBuf| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
    };
    let m = read(d.path().join("c/manifest.json"));
    assert_eq!(m["kind"], "compare");
    assert_eq!(m["wijksim_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["base_scenario_sha256"].as_str().unwrap().len(), 64);
    for f in ["compare.csv", "compare.json", "base.ron", "changed.ron"] {
        let bytes = std::fs::read(d.path().join("c").join(f)).unwrap();
        assert_eq!(m["files"][f]["bytes"], bytes.len(), "{f}");
    }
    let out = d.path().join("sw");
    assert!(sweep(&out, &exp("small.ron"), &[]).status.success());
    let m = read(out.join("manifest.json"));
    assert_eq!(m["kind"], "sweep");
    assert_eq!(m["status"], "complete");
    for f in [
        "table.csv",
        "failures.csv",
        "convergence.csv",
        "experiment.ron",
    ] {
        let bytes = std::fs::read(out.join(f)).unwrap();
        assert_eq!(
            m["files"][f]["sha256"].as_str().unwrap(),
            wijksim::report::outdir::sha256_hex(&bytes),
            "{f}"
        );
    }
}

#[test]
fn welch_and_effect_size_are_defined_for_constant_samples() {
    // 400 against 420 residents: the resident count is the same in every replicate of
    // each, so both samples of it are constant.
    let d = tempfile::tempdir().unwrap();
    let a = d.path().join("a.ron");
    let b = d.path().join("b.ron");
    for (p, n) in [(&a, 400), (&b, 420)] {
        std::fs::write(
            p,
            format!("(name: \"n{n}\", run: (years: 1), neighbourhoods: [(name: \"w\", residents: (count: {n}))])"),
        )
        .unwrap();
    }
    let o = wijksim(
        &[
            "compare",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--runs",
            "3",
            "--out",
            "c",
        ],
        d.path(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(d.path().join("c/compare.csv")).unwrap();
    assert!(!csv.contains("NaN"), "{csv}");
    let json = std::fs::read_to_string(d.path().join("c/compare.json")).unwrap();
    assert!(!json.contains("null"), "non-finite values are spelled out");
    // Rows where both samples are constant (coins, agreement jobs: all zero) now carry
    // p = 1 and d = 0 instead of NaN.
    let constant = csv
        .lines()
        .skip(1)
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[4].parse::<f64>() == Ok(0.0) && f[6].parse::<f64>() == Ok(0.0)
        })
        .count();
    assert!(constant > 0, "{csv}");
    // The resident count is fixed by the scenario: a constant, clear shift of 20.
    let row = csv
        .lines()
        .find(|l| l.starts_with("city,1,residents_count,"))
        .expect("a residents row");
    assert!(
        row.ends_with(",0.0,0.0,inf,clear increase,neither,clear increase"),
        "p_paired, p_welch, d: {row}"
    );
}

#[test]
fn an_experiment_named_with_dot_dot_is_refused_with_its_position() {
    let d = tempfile::tempdir().unwrap();
    let v = victim(d.path());
    let e = d.path().join("e.ron");
    std::fs::write(
        &e,
        "(\n  name: \"../victim\",\n  factors: [(path: \"run.years\", values: [1.0])],\n  replications: 1,\n)",
    )
    .unwrap();
    let o = wijksim(&["sweep", e.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("e.ron:2:3: error: `name`"),
        "{}",
        stderr(&o)
    );
    assert!(!d.path().join("out").exists());
    assert_victim_intact(&v);
}

mod generated {
    //! The class, not only the examples: generated names never give a folder outside
    //! `out/`, and generated targets are replaced only when they are ours.
    use proptest::prelude::*;
    use std::path::Path;
    use wijksim::report::outdir::{self, Existing, Kind, Staging};

    fn name() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                Just("/".to_string()),
                Just("\\".to_string()),
                Just("..".to_string()),
                Just(".".to_string()),
                Just("~".to_string()),
                Just("\0".to_string()),
                Just(" ".to_string()),
                Just("é".to_string()),
                Just("東".to_string()),
                Just("\u{308}".to_string()),
                "[a-zA-Z0-9_-]{1,4}",
                any::<char>().prop_map(|c| c.to_string()),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn every_name_gives_a_folder_directly_inside_out(n in name()) {
            let slug = outdir::slug(&n);
            prop_assert!(!slug.is_empty() && slug.chars().count() <= outdir::SLUG_CHARS_MAX);
            prop_assert!(slug.chars().all(|c| c.is_alphanumeric() || c == '-'), "{slug:?}");
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'));
            let root = Path::new("out");
            let p = root.join(&slug);
            prop_assert_eq!(p.parent(), Some(root));
            prop_assert_eq!(p.components().count(), 2);
        }
    }

    /// What a generated target holds before a run tries to replace it.
    #[derive(Clone, Debug)]
    enum Before {
        Nothing,
        EmptyFolder,
        File,
        Link,
        ForeignFolder,
        OurRun { extra_file: bool },
        OurCompare,
        BadManifest,
    }

    fn before() -> impl Strategy<Value = Before> {
        prop_oneof![
            Just(Before::Nothing),
            Just(Before::EmptyFolder),
            Just(Before::File),
            Just(Before::Link),
            Just(Before::ForeignFolder),
            any::<bool>().prop_map(|extra_file| Before::OurRun { extra_file }),
            Just(Before::OurCompare),
            Just(Before::BadManifest),
        ]
    }

    fn ours(dir: &Path, kind: Kind) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("a.csv"), "old").unwrap();
        let m = outdir::manifest(kind, "x", dir, &["a.csv"], serde_json::json!({})).unwrap();
        outdir::write_manifest(dir, &m).unwrap();
    }

    /// Every file under `dir` with its bytes, for "nothing else was touched".
    fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                let t = std::fs::symlink_metadata(&p).unwrap().file_type();
                if t.is_dir() {
                    stack.push(p);
                } else {
                    let bytes = if t.is_symlink() {
                        b"link".to_vec()
                    } else {
                        std::fs::read(&p).unwrap()
                    };
                    out.push((p.display().to_string(), bytes));
                }
            }
        }
        out.sort();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn a_target_is_replaced_only_when_it_is_ours(b in before(), depth in 0usize..3) {
            let d = tempfile::tempdir().unwrap();
            let keep = d.path().join("keep");
            std::fs::create_dir(&keep).unwrap();
            std::fs::write(keep.join("precious.txt"), "x").unwrap();
            let mut target = d.path().to_path_buf();
            for i in 0..depth {
                target = target.join(format!("level{i}"));
            }
            let target = target.join("t");
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            match &b {
                Before::Nothing => {}
                Before::EmptyFolder => std::fs::create_dir(&target).unwrap(),
                Before::File => std::fs::write(&target, "file").unwrap(),
                Before::Link => std::os::unix::fs::symlink(&keep, &target).unwrap(),
                Before::ForeignFolder => {
                    std::fs::create_dir(&target).unwrap();
                    std::fs::write(target.join("thesis.tex"), "x").unwrap();
                }
                Before::OurRun { extra_file } => {
                    ours(&target, Kind::Run);
                    if *extra_file {
                        std::fs::write(target.join("notes.txt"), "mine").unwrap();
                    }
                }
                Before::OurCompare => ours(&target, Kind::Compare),
                Before::BadManifest => {
                    std::fs::create_dir(&target).unwrap();
                    std::fs::write(target.join("manifest.json"), "{\"files\": {}}").unwrap();
                }
            }
            let may = matches!(
                b,
                Before::Nothing | Before::EmptyFolder | Before::OurRun { extra_file: false }
            );
            let outside: Vec<_> = snapshot(d.path())
                .into_iter()
                .filter(|(p, _)| !p.starts_with(&target.display().to_string()))
                .collect();
            let before_target = snapshot(d.path());
            match Staging::new(&target, Kind::Run) {
                Ok(s) => {
                    prop_assert!(may, "{b:?} accepted");
                    std::fs::write(s.path("a.csv"), "new").unwrap();
                    s.commit().unwrap();
                    prop_assert_eq!(std::fs::read_to_string(target.join("a.csv")).unwrap(), "new");
                    let after: Vec<_> = snapshot(d.path())
                        .into_iter()
                        .filter(|(p, _)| !p.starts_with(&target.display().to_string()))
                        .collect();
                    prop_assert_eq!(after, outside, "nothing outside the target changed");
                }
                Err(_) => {
                    prop_assert!(!may, "{b:?} refused");
                    prop_assert_eq!(snapshot(d.path()), before_target, "a refusal touches nothing");
                }
            }
            prop_assert!(!matches!(outdir::check_target(&keep, Kind::Run), Ok(Existing::Ours(_))));
        }
    }
}

// Found by a review that attacked the first version of these guarantees.

#[test]
fn a_refused_out_touches_no_lookalike_leftovers_beside_it() {
    let d = tempfile::tempdir().unwrap();
    let thesis = victim(d.path()).parent().unwrap().join("victim");
    let old = d.path().join(".victim.old-4000000000");
    let tmp = d.path().join(".victim.tmp-4000000001");
    for p in [&old, &tmp] {
        std::fs::create_dir(p).unwrap();
        std::fs::write(p.join("ch1.tex"), "backup").unwrap();
    }
    let o = wijksim(
        &[
            "run",
            "--years",
            "1",
            "-q",
            "--out",
            thesis.to_str().unwrap(),
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_victim_intact(&thesis);
    for p in [&old, &tmp] {
        assert_eq!(
            std::fs::read_to_string(p.join("ch1.tex")).unwrap(),
            "backup"
        );
    }
    // With the target missing, a look-alike old folder is not moved into its place either.
    let report = d.path().join(".report.old-4000000000");
    std::fs::create_dir(&report).unwrap();
    std::fs::write(report.join("mine.txt"), "x").unwrap();
    let o = wijksim(&["run", "--years", "1", "-q", "--out", "report"], d.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("left"), "{}", stderr(&o));
    assert!(report.join("mine.txt").exists());
}

#[test]
fn a_file_added_to_the_target_during_a_run_is_not_deleted() {
    use wijksim::report::outdir::{self, Kind, Staging};
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("t");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("a.csv"), "old").unwrap();
    let m = outdir::manifest(Kind::Run, "x", &target, &["a.csv"], serde_json::json!({})).unwrap();
    outdir::write_manifest(&target, &m).unwrap();
    let s = Staging::new(&target, Kind::Run).unwrap();
    std::fs::write(s.path("a.csv"), "new").unwrap();
    // While the run goes on, the user adds a file.
    std::fs::write(target.join("notes.txt"), "mine").unwrap();
    let err = s.commit().unwrap_err().to_string();
    assert!(err.contains("changed while this command ran"), "{err}");
    assert_eq!(
        std::fs::read_to_string(target.join("notes.txt")).unwrap(),
        "mine"
    );
    let kept = d.path().join("t.unsaved-1");
    assert_eq!(std::fs::read_to_string(kept.join("a.csv")).unwrap(), "new");
    assert!(err.contains("t.unsaved-1"), "{err}");
}

#[test]
fn report_writes_only_into_our_folders() {
    let d = tempfile::tempdir().unwrap();
    let mine = d.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("report.html"), "<html>mine").unwrap();
    let o = wijksim(&["report", "mine"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(mine.join("report.html")).unwrap(),
        "<html>mine"
    );
    assert!(
        wijksim(&["run", "--years", "1", "-q", "--out", "r"], d.path())
            .status
            .success()
    );
    std::fs::write(d.path().join("r/report.html"), "<html>mine").unwrap();
    let o = wijksim(&["report", "r"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_default_folder_of_this_name_that_is_not_fully_ours_is_refused_not_passed_over() {
    let d = tempfile::tempdir().unwrap();
    let s = scenario(d.path(), "s.ron", "small");
    assert!(
        wijksim(&["run", s.to_str().unwrap(), "-q"], d.path())
            .status
            .success()
    );
    std::fs::write(d.path().join("out/small/notes.txt"), "mine").unwrap();
    let o = wijksim(&["run", s.to_str().unwrap(), "-q"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("notes.txt"), "{}", stderr(&o));
    assert!(!d.path().join("out/small-2").exists());
    // A folder of an older wijksim (no `kind` in its manifest) is named as such.
    std::fs::remove_file(d.path().join("out/small/notes.txt")).unwrap();
    std::fs::write(
        d.path().join("out/small/manifest.json"),
        "{\"wijksim_version\": \"0.1.0\", \"scenario\": \"small\", \"files\": {}}",
    )
    .unwrap();
    let o = wijksim(&["run", s.to_str().unwrap(), "-q"], d.path());
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("older than"), "{}", stderr(&o));
    // A sweep may not be written inside a run's folder.
    let o = wijksim(
        &["sweep", &exp("small.ron"), "--out", "out/small/sub"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("is inside"), "{}", stderr(&o));
}

#[test]
fn a_sweep_folder_killed_before_its_first_run_resumes_and_leftovers_are_cleaned() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sw");
    // Killed while writing its first file: only a temporary manifest.
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join(".manifest.json.tmp-4000000000"), "{").unwrap();
    let o = sweep(&out, &exp("small.ron"), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Killed leftovers of the table and of a run are removed by the next resume.
    std::fs::write(out.join(".table.csv.tmp-4000000000"), "partial").unwrap();
    std::fs::write(out.join("runs/.x.csv.tmp-4000000000"), "partial").unwrap();
    let o = sweep(&out, &exp("small.ron"), &["--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("removed 2 temporary files"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join(".table.csv.tmp-4000000000").exists());
}

#[test]
fn names_of_four_byte_letters_give_a_folder() {
    let d = tempfile::tempdir().unwrap();
    let s = scenario(d.path(), "s.ron", &"𠀀".repeat(64));
    let o = wijksim(&["run", s.to_str().unwrap(), "-q"], d.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = std::fs::read_dir(d.path().join("out"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert!(dir.file_name().len() <= wijksim::report::outdir::SLUG_BYTES_MAX);
}

#[test]
fn renaming_an_experiment_resumes_and_a_changed_base_names_its_field() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("sw");
    let first = variant(d.path(), "replications: 3", "replications: 1");
    assert!(sweep(&out, first.to_str().unwrap(), &[]).status.success());
    let renamed = variant(d.path(), "name: \"small\"", "name: \"small renamed\"");
    let text = std::fs::read_to_string(&renamed)
        .unwrap()
        .replace("replications: 3", "replications: 1");
    std::fs::write(&renamed, text).unwrap();
    let o = sweep(&out, renamed.to_str().unwrap(), &["--resume"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("6 already done, 0 to run"),
        "{}",
        stderr(&o)
    );
    // The base scenario with more residents: the refusal names the field.
    let base = d.path().join("base.ron");
    std::fs::write(
        &base,
        std::fs::read_to_string(exp("small-base.ron"))
            .unwrap()
            .replace("count: 800", "count: 900"),
    )
    .unwrap();
    let other = d.path().join("other.ron");
    std::fs::write(
        &other,
        std::fs::read_to_string(&first)
            .unwrap()
            .replace(&exp("small-base.ron"), base.to_str().unwrap()),
    )
    .unwrap();
    let o = sweep(&out, other.to_str().unwrap(), &["--resume"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("neighbourhoods[0].residents.count: 800 -> 900"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn run_ids_cover_the_build() {
    use wijksim::experiment::{design::Experiment, store};
    let (e, base): (Experiment, _) = common::small_experiment();
    let plan = store::plan(&e, &base).unwrap();
    assert_eq!(plan.identity["wijksim_build"], store::BUILD_ID);
    assert_eq!(store::BUILD_ID.len(), 16);
}
