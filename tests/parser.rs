//! Regression tests of the scenario and experiment parser (issue 8, finding 6 and the name
//! rule of finding 1), one per bug, named after it.

use std::path::Path;
use std::process::{Command, Output};
use wijksim::experiment::design::{self, Experiment};
use wijksim::scenario::{self, Diagnostics};

fn wijksim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn parse_experiment(text: &str) -> Result<Experiment, Diagnostics> {
    design::parse(text, "e.ron")
}

fn messages(d: &Diagnostics) -> Vec<(usize, usize, String)> {
    d.0.iter()
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect()
}

#[test]
fn multibyte_text_before_a_rejected_entry_does_not_panic() {
    let d = scenario::parse(r#"(bogus: "éééééééééé", cuont: 1)"#, "s.ron").unwrap_err();
    assert_eq!(
        messages(&d),
        [
            (1, 2, "unknown field `bogus`".to_string()),
            // Columns count characters: `cuont` is the 23rd character (the 33rd byte).
            (1, 23, "unknown field `cuont`".to_string()),
        ]
    );
}

#[test]
fn multibyte_text_before_a_rejected_entry_of_an_experiment_does_not_panic() {
    let text = r#"(base: "", bogus: "éééééééééééééééééééé", factorz: 1)"#;
    let d = parse_experiment(text).unwrap_err();
    let m = messages(&d);
    assert!(
        m.contains(&(1, 12, "unknown field `bogus`".to_string())),
        "{d}"
    );
    assert!(
        m.contains(&(1, 43, "unknown field `factorz`".to_string())),
        "{d}"
    );

    // And through `wijksim validate`, which recognises it as an experiment.
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("e.ron");
    std::fs::write(&f, text).unwrap();
    let out = wijksim(&["validate", f.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("e.ron:1:43: error: unknown field `factorz`"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn columns_after_multibyte_text_count_characters_not_bytes() {
    let d = scenario::parse(r#"(name: "Wörgl", run: (years: 0))"#, "s.ron").unwrap_err();
    assert_eq!(
        messages(&d),
        [(1, 23, "`run.years` is 0, below 1".to_string())]
    );
}

#[test]
fn deep_nesting_in_one_field_is_rejected_at_once_with_a_clear_error() {
    // 160 KB of brackets inside one field cost 15 s and 9.6 GB before the index was linear.
    let text = format!("(\n  description: {}\n)", "[".repeat(160_000));
    let d = scenario::parse(&text, "s.ron").unwrap_err();
    let limit = wijksim::scenario::spans::NESTING_DEPTH_MAX;
    // The outer `(` is level 1: the bracket 64 characters after `description: ` is too deep.
    assert_eq!(
        messages(&d),
        [(
            2,
            16 + limit - 1,
            format!("nesting deeper than {limit} levels of `(`, `[` and `{{`")
        )]
    );
    assert!(d.0[0].hint.is_some());

    let d = parse_experiment(&format!("(name: {})", "(".repeat(160_000))).unwrap_err();
    assert!(d.0[0].message.starts_with("nesting deeper than"), "{d}");
}

#[test]
fn nesting_at_the_limit_is_parsed_without_overflowing_the_stack() {
    let limit = wijksim::scenario::spans::NESTING_DEPTH_MAX;
    for open in ["[", "(", "{", "Some("] {
        let close = if open == "[" {
            "]"
        } else if open == "{" {
            "}"
        } else {
            ")"
        };
        let text = format!(
            "(description: {}{})",
            open.repeat(limit - 1),
            close.repeat(limit - 1)
        );
        let d = scenario::parse(&text, "s.ron").unwrap_err();
        assert!(!d.0[0].message.contains("nesting"), "{d}");
        let d = parse_experiment(&format!(
            "(factors: [(values: {}{})])",
            open.repeat(limit - 3),
            close.repeat(limit - 3)
        ))
        .unwrap_err();
        assert!(!d.0[0].message.contains("nesting"), "{d}");
    }
}

#[test]
fn long_unknown_field_names_are_shortened_in_messages() {
    let name = "x".repeat(100_000);
    let d = scenario::parse(&format!("({name}: 1, run: (seedd: 1))"), "s.ron").unwrap_err();
    let shown = d.to_string();
    assert!(shown.len() < 2_000, "{} bytes", shown.len());
    assert!(shown.contains("unknown field `xxxx"), "{shown}");
    assert!(shown.contains("unknown field `seedd` in `run`"), "{shown}");
}

#[test]
fn validate_refuses_dev_zero_and_a_folder_with_exit_2() {
    // `validate /dev/zero` read forever.
    let out = wijksim(&["validate", "/dev/zero"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("/dev/zero: error: cannot read the file: it is not a regular file"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let out = wijksim(&["validate", d]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{d}: error: cannot read the file: it is a folder")),
        "{err}"
    );
    let out = wijksim(&["run", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    let out = wijksim(&["sweep", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_file_larger_than_the_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("big.ron");
    let mut text = " ".repeat(scenario::FILE_BYTES_MAX as usize);
    std::fs::write(&f, &text).unwrap();
    assert!(scenario::read_text(&f).is_ok());
    text.push(' ');
    std::fs::write(&f, &text).unwrap();
    let d = scenario::read_text(&f).unwrap_err();
    assert!(
        d.0[0].message.contains("larger than 4 MiB (4194304 bytes)"),
        "{d}"
    );
    let d = scenario::load(&f).unwrap_err();
    assert!(d.0[0].message.contains("larger than 4 MiB"), "{d}");
}

#[test]
fn text_that_is_not_utf8_is_a_positioned_error() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("latin1.ron");
    std::fs::write(&f, b"(\n  name: \"W\xf6rgl\")").unwrap();
    let d = scenario::load(&f).unwrap_err();
    assert_eq!(
        messages(&d),
        [(2, 11, "the scenario file is not UTF-8 text".to_string())]
    );
}

#[test]
fn a_100_kb_neighbourhood_name_is_rejected() {
    // It made a one-year run write 69 MB.
    let text = format!("(neighbourhoods: [(name: \"{}\")])", "a".repeat(100_000));
    let d = scenario::parse(&text, "s.ron").unwrap_err();
    let m = messages(&d);
    assert_eq!(m.len(), 1, "{d}");
    assert_eq!((m[0].0, m[0].1), (1, 20));
    assert!(
        m[0].2.starts_with(
            "`neighbourhoods[0].name` is \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\" (100000 characters), longer than 64 characters"
        ),
        "{d}"
    );
    assert!(d.to_string().len() < 1_000);
}

#[test]
fn names_with_separators_or_control_characters_are_rejected_with_a_positioned_error() {
    let cases = [
        ("x/../../victim", "`/`"),
        ("/etc", "`/`"),
        ("a\\\\b", "`\\\\`"),
        ("a:b", "`:`"),
        ("tab\\there", "`\\t`"),
        ("red\\u{1b}[31m", "`\\u{1b}`"),
        ("Wo\\u{308}rgl", "`\\u{308}`"),
    ];
    for (value, shown) in cases {
        for (field, text) in [
            ("name", format!("(\n  name: \"{value}\",\n)")),
            (
                "neighbourhoods[0].name",
                format!("(\n  neighbourhoods: [\n  (name: \"{value}\")])"),
            ),
            (
                "coins.name",
                format!("(\n  coins: (\n  name: \"{value}\"))"),
            ),
        ] {
            let d = scenario::parse(&text, "s.ron").unwrap_err();
            assert_eq!(d.0.len(), 1, "{d}");
            let p = &d.0[0];
            assert_eq!(p.line, if field == "name" { 2 } else { 3 }, "{d}");
            assert!(
                p.message.starts_with(&format!("`{field}` is \"")),
                "{field} {value}: {d}"
            );
            assert!(
                p.message.ends_with(&format!(", which contains {shown}")),
                "{field} {value}: {d}"
            );
            assert!(p.hint.as_ref().unwrap().contains("allowed: letters"), "{d}");
        }
    }
    for (value, message) in [
        ("", "is empty"),
        ("   ", "is \"   \", only spaces and dots"),
        ("..", "is \"..\", only spaces and dots"),
    ] {
        let d = scenario::parse(&format!("(name: \"{value}\")"), "s.ron").unwrap_err();
        assert_eq!(d.0[0].message, format!("`name` {message}"), "{d}");
    }
}

#[test]
fn names_of_any_language_with_digits_spaces_and_dots_are_accepted() {
    for value in [
        "Wörgl scrip",
        "Example 4.1",
        "oost_2-noord",
        "東京",
        "Αθήνα",
        "x",
    ] {
        assert_eq!(scenario::validate::name_problem(value), None, "{value}");
    }
    let longest = "é".repeat(scenario::validate::NAME_CHARS_MAX);
    assert_eq!(scenario::validate::name_problem(&longest), None);
    assert!(scenario::validate::name_problem(&format!("{longest}e")).is_some());
}

#[test]
fn validate_accepts_experiment_files() {
    // It said "unknown field `base`" on every shipped experiment.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("scenarios/experiments"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    for f in &files {
        let out = wijksim(&["validate", f.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(stdout, format!("{}: ok (experiment)\n", f.display()));
    }
    // A scenario and an experiment in one call; a broken experiment gets the experiment's
    // errors, not the scenario's.
    let typo = root.join("tests/experiments/typo.ron");
    let base = root.join("scenarios/baseline.ron");
    let out = wijksim(&["validate", base.to_str().unwrap(), typo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("baseline.ron: ok\n"), "{stdout}");
    assert!(
        err.contains("unknown field `valeus` in `factors[0]`"),
        "{err}"
    );
    assert!(!err.contains("unknown field `base`"), "{err}");
}

#[test]
fn experiment_and_scenario_files_are_told_apart_by_their_top_level_fields() {
    use wijksim::cli::validate::is_experiment;
    assert!(is_experiment("(base: \"\")"));
    assert!(is_experiment("(name: \"x\", factors: [], desing: Zip)"));
    assert!(!is_experiment("()"));
    assert!(!is_experiment("(name: \"x\")"));
    assert!(!is_experiment("(run: (years: 2), neighbourhoods: [])"));
    // Nested fields named like experiment fields do not count.
    assert!(!is_experiment("(run: (seed: 1, years: 2))"));
}
