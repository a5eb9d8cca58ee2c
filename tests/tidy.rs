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

/// Relative paths (`../x`) in the repository's files that are deliberately not files: the
/// hostile output-folder names the tests feed to `--out` and to experiment names.
const NOT_PATHS: [(&str, &str); 2] = [
    ("tests/outdirs.rs", "../../../../../victim"),
    ("tests/outdirs.rs", "../victim"),
];

/// The folders under the root that hold no file of the repository (build output, runs,
/// fuzzing finds).
const NOT_REPOSITORY: [&str; 7] = [
    ".git",
    "target",
    "out",
    "artifacts",
    "coverage",
    "node_modules",
    "browser-screenshots",
];

/// The repository stands alone: a relative path in one of its files (`../x`) names a file
/// or folder of the repository, seen from the folder of the file that names it, and never
/// one beside the repository that a clone does not have (the shipped scenarios' headers
/// once pointed at the project's private `../../shared/` folder).
#[test]
fn no_file_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                if !NOT_REPOSITORY.contains(&name.as_str()) {
                    stack.push(p);
                }
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&p) else {
                continue; // not text
            };
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "tests/tidy.rs" {
                continue; // names the paths it looks for
            }
            let folder = seen_from(root, &rel);
            for path in relative_paths(&text) {
                if NOT_PATHS.contains(&(rel.as_str(), path)) {
                    continue;
                }
                match resolve(&folder, path) {
                    None => wrong.push(format!("{rel}: `{path}` points outside the repository")),
                    Some(to) if !root.join(&to).exists() => wrong.push(format!(
                        "{rel}: `{path}` names {to}, which the repository does not have"
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    wrong.sort();
    assert!(
        wrong.is_empty(),
        "paths that a clone of the repository cannot follow:\n{}",
        wrong.join("\n")
    );
}

/// The folder, relative to the root, that the relative paths of the file `rel` start from:
/// its own folder, except for the fuzzing corpus, whose files are copies named after their
/// originals (`fuzz/corpus/T/scenarios_cases_x.ron` is `scenarios/cases/x.ron`) and whose
/// paths are read from the original's folder.
fn seen_from(root: &Path, rel: &str) -> Vec<String> {
    let mut folder: Vec<String> = rel.split('/').map(str::to_string).collect();
    folder.pop();
    if folder.len() == 3 && folder[..2] == ["fuzz", "corpus"] {
        let name = rel.rsplit('/').next().unwrap();
        folder.clear();
        for piece in name.split('_') {
            let mut next = folder.clone();
            next.push(piece.to_string());
            if !root.join(next.join("/")).is_dir() {
                break;
            }
            folder = next;
        }
    }
    folder
}

/// The relative paths written in `text`: `../` at the start of a word, a string or a
/// parenthesis, up to the first character that is not part of a path.
fn relative_paths(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("../") {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| !(c.is_whitespace() || "\"'(`[<=".contains(c))) {
            continue;
        }
        let len = text[i..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || "._/-".contains(c)))
            .unwrap_or(text.len() - i);
        out.push(&text[i..i + len]);
    }
    out
}

/// `path` followed from `folder`, as a path from the root; None when it climbs above it.
fn resolve(folder: &[String], path: &str) -> Option<String> {
    let mut at: Vec<&str> = folder.iter().map(String::as_str).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                at.pop()?;
            }
            p => at.push(p),
        }
    }
    Some(at.join("/"))
}

/// The longest a function in `src/model` may be, signature to closing brace: short
/// functions with the branching pushed up and the loops pushed down (TigerBeetle's rule of
/// 70 lines, a little looser).
const MODEL_FUNCTION_LINES_MAX: usize = 80;

/// The functions of a rustfmt-formatted file, as (name, first line, lines): a function ends
/// at the first later line that closes a brace at the indentation of its `fn`.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = line.len() - code.len();
        let after_vis = code
            .strip_prefix("pub ")
            .or_else(|| code.strip_prefix("pub(crate) "))
            .or_else(|| code.strip_prefix("pub(super) "))
            .or_else(|| code.strip_prefix("pub(in crate::model) "))
            .unwrap_or(code);
        let after_const = after_vis.strip_prefix("const ").unwrap_or(after_vis);
        let Some(rest) = after_const.strip_prefix("fn ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if line.trim_end().ends_with(';') {
            continue; // a trait method without a body
        }
        let close = " ".repeat(indent) + "}";
        if let Some(end) = (i + 1..lines.len()).find(|&j| lines[j] == close) {
            out.push((name, i + 1, end - i + 1));
        }
    }
    out
}

#[test]
fn no_function_in_the_model_is_longer_than_80_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for f in rust_files("src/model") {
        let text = std::fs::read_to_string(&f).unwrap();
        for (name, line, n) in functions(&text) {
            if n > MODEL_FUNCTION_LINES_MAX {
                let rel = f.strip_prefix(root).unwrap().display();
                long.push(format!("{rel}:{line}: fn {name} has {n} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these (at most {MODEL_FUNCTION_LINES_MAX} lines each):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_function_length_rule_measures_functions() {
    let text = "fn short() {\n    1;\n}\n\nimpl X {\n    pub fn long(&self) {\n        a;\n        b;\n    }\n}\n";
    assert_eq!(
        functions(text),
        [("short".to_string(), 1, 3), ("long".to_string(), 6, 4)]
    );
}
