//! Style rules that matter, checked as tests (after rust-analyzer's tidy.rs).

use std::path::{Path, PathBuf};

fn rust_files(dir: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The model does no IO, spawns no thread, reads no clock, iterates no hash map and draws
/// randomness only from its own keyed streams.
#[test]
fn the_model_does_no_io_and_has_no_hidden_state() {
    let forbidden = [
        "std::fs",
        "std::io",
        "println!",
        "eprintln!",
        "print!(",
        "dbg!",
        "HashMap",
        "HashSet",
        "thread_rng",
        "rand::rng(",
        "rand::random",
        "OsRng",
        "from_entropy",
        "from_os_rng",
        "StdRng",
        "std::thread",
        "Instant",
        "SystemTime",
        "std::env",
    ];
    for f in rust_files("src/model") {
        let text = std::fs::read_to_string(&f).unwrap();
        for word in forbidden {
            assert!(
                !text.contains(word),
                "{} uses `{word}`, which the model must not",
                f.display()
            );
        }
    }
}

/// Only the binary and the CLI print.
#[test]
fn only_the_cli_prints() {
    for f in rust_files("src") {
        let rel = f
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .to_string();
        if rel.starts_with("src/cli") || rel == "src/main.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for word in ["println!", "eprintln!", "print!("] {
            assert!(
                !text.contains(word),
                "{rel} uses `{word}`; only src/cli and main.rs talk to the terminal"
            );
        }
    }
}

/// No test is ignored: a test that does not run cannot fail.
#[test]
fn no_ignored_tests() {
    for f in rust_files("tests").into_iter().chain(rust_files("src")) {
        let text = std::fs::read_to_string(&f).unwrap();
        assert!(
            !text.contains(&["#[", "ignore"].concat()),
            "{} ignores a test",
            f.display()
        );
    }
}

/// Every scenario field and every indicator is documented in docs/scenario-format.md.
#[test]
fn every_field_and_indicator_is_documented() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md"),
    )
    .unwrap();
    let resolved = wijksim::scenario::to_ron(&wijksim::scenario::Scenario::default().resolved());
    let mut missing = Vec::new();
    for line in resolved.lines() {
        let t = line.trim_start();
        if let Some(i) = t.find(':') {
            let name = &t[..i];
            if name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
                && !doc.contains(name)
            {
                missing.push(name.to_string());
            }
        }
    }
    for ind in wijksim::model::indicators::Indicator::ALL {
        if !doc.contains(ind.name()) {
            missing.push(ind.name().to_string());
        }
    }
    missing.dedup();
    assert!(
        missing.is_empty(),
        "not in docs/scenario-format.md: {missing:?}"
    );
}
