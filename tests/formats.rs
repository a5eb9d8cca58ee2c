//! Scenario format versions: a file of every format this build reads still loads
//! (`tests/formats/vN-*.ron`), the shipped scenarios are written in the current format, and
//! a file of a newer format is refused by the command line with its position.

mod common;

use std::path::Path;
use std::process::Command;
use wijksim::scenario::{self, FORMAT_VERSION, format};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The format a file of `tests/formats/` is named after: `v1-declared.ron` is format 1.
fn named_format(file: &Path) -> u32 {
    let name = file.file_name().unwrap().to_string_lossy();
    name.strip_prefix('v')
        .and_then(|rest| rest.split('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{name}: name the file vN-what.ron, N its format"))
}

#[test]
fn a_file_of_every_format_loads_as_the_baseline_with_the_notes_of_its_upgrade() {
    let files = common::ron_files(&root().join("tests/formats"));
    let baseline = scenario::baseline();
    let mut formats = Vec::new();
    for f in &files {
        let shown = format!("tests/formats/{}", f.file_name().unwrap().to_string_lossy());
        let text = std::fs::read_to_string(f).unwrap();
        let version = named_format(f);
        let declared = format::declared(&text, &shown).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(
            declared.version, version,
            "{shown} is named after its format"
        );
        let (s, notes) = scenario::parse_noted(&text, &shown).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(s, baseline, "{shown} loads as the baseline");
        let notes: String = notes.iter().map(|n| format!("{n}\n")).collect();
        if version == FORMAT_VERSION {
            assert_eq!(notes, "", "{shown} is of the current format");
        } else {
            let expected = std::fs::read_to_string(f.with_extension("notes"))
                .unwrap_or_else(|_| panic!("{shown}: write the notes it gives in a .notes file"));
            assert_eq!(notes, expected, "the notes of {shown}");
        }
        formats.push(version);
    }
    for v in 1..=FORMAT_VERSION {
        assert!(
            formats.contains(&v),
            "tests/formats/ keeps no file of format {v}"
        );
    }
    // Format 1 is kept both ways: declared, and as files were before `format` existed.
    assert!(files.iter().any(|f| f.ends_with("v1-undeclared.ron")));
    assert!(files.iter().any(|f| f.ends_with("v1-declared.ron")));
}

#[test]
fn every_shipped_scenario_declares_the_current_format() {
    for f in common::ron_files(&root().join("scenarios")) {
        let rel = f.strip_prefix(root()).unwrap().display().to_string();
        if rel.starts_with("scenarios/experiments/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let declared = format::declared(&text, &rel).unwrap_or_else(|d| panic!("{d}"));
        assert!(
            declared.entry.is_some() && declared.version == FORMAT_VERSION,
            "{rel} must declare `format: {FORMAT_VERSION}` (it reads as format {})",
            declared.version
        );
    }
}

fn wijksim(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn the_command_line_refuses_a_newer_format_at_its_line_and_reads_format_1_with_the_notes_of_its_upgrade()
 {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.ron");
    let next = FORMAT_VERSION + 1;
    std::fs::write(
        &newer,
        format!("(\n    name: \"x\",\n    format: {next},\n)\n"),
    )
    .unwrap();
    let shown = newer.display().to_string();
    for command in ["validate", "run"] {
        let out = wijksim(&[command, &shown]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with(&format!(
                "{shown}:3:5: error: `format` is {next}, newer than this wijksim reads"
            )) && err.contains("hint: the file was written for a later wijksim: upgrade wijksim"),
            "{command}: {err}"
        );
    }
    for file in [
        "tests/formats/v1-undeclared.ron",
        "tests/formats/v1-declared.ron",
        "tests/formats/v2-declared.ron",
    ] {
        let path = root().join(file);
        let out = wijksim(&["validate", &path.display().to_string()]);
        assert!(out.status.success(), "{file}");
        let err = String::from_utf8(out.stderr).unwrap();
        if file.starts_with("tests/formats/v1") {
            // The closing note of the upgrade to format 2, at the file as the user named it.
            assert!(
                err.contains("upgraded to format 2 in memory; the file is unchanged"),
                "{file}: {err}"
            );
        } else {
            assert_eq!(err, "", "{file}: no notes");
        }
    }
}
