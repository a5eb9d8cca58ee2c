//! Style rules that matter, checked as tests (after rust-analyzer's tidy.rs).

mod common;

use std::path::{Path, PathBuf};

fn rust_files(dir: &str) -> Vec<PathBuf> {
    common::files_with_extension(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), "rs")
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
        if line.trim_end().ends_with("{}") {
            out.push((name, i + 1, 1)); // an empty body on the signature's line
            continue;
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
    let text = "fn short() {\n    1;\n}\n\nimpl X {\n    pub fn long(&self) {\n        a;\n        b;\n    }\n}\n\ntrait T {\n    fn empty(&self) {}\n    fn then(&self) {\n        c;\n    }\n}\n";
    assert_eq!(
        functions(text),
        [
            ("short".to_string(), 1, 3),
            ("long".to_string(), 6, 4),
            ("empty".to_string(), 13, 1),
            ("then".to_string(), 14, 3)
        ]
    );
}

// ARCHITECTURE.md tells the truth (issue 9, item 7): its code map names every source
// file, and every path, type and `module::item` it names in backticks exists.

/// ARCHITECTURE.md.
fn architecture() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap()
}

/// The text of the section under the level-2 heading `## {title}`, up to the next one.
fn section<'a>(doc: &'a str, title: &str) -> &'a str {
    let heading = format!("\n## {title}\n");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no section `## {title}`"));
    let body = &doc[start + heading.len()..];
    &body[..body.find("\n## ").unwrap_or(body.len())]
}

/// The inline code spans of markdown `text` (fenced blocks left out), with their runs of
/// white space (a line break inside a span) made one space.
fn backticked(text: &str) -> Vec<String> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            prose.push_str(line);
            prose.push('\n');
        }
    }
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Every file under `src/` (not only Rust) and `build.rs`, as paths from the root.
fn source_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = vec!["build.rs".to_string()];
    let mut stack = vec![root.join("src")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

/// The code map's convention (stated at its top): each file is named by its path from the
/// repository root in backticks, `src/model/params.rs`, in the entries (its `###`
/// subsections) below the convention.
#[test]
fn every_source_file_is_named_in_the_code_map() {
    let doc = architecture();
    let map = section(&doc, "Code map");
    // The entries: the convention above the first `###` names files only as examples.
    let named = backticked(&map[map.find("\n### ").unwrap_or(0)..]);
    let missing: Vec<String> = source_files()
        .into_iter()
        .filter(|f| !named.contains(f))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name these files:\n{}\nhint: add an entry that \
         names each by its path in backticks, e.g. `src/model/params.rs`, and says what it holds",
        missing.join("\n")
    );
}

/// Backticked paths of ARCHITECTURE.md that name what wijksim writes or serves, not files
/// of the repository (paths under `out/` are outputs by rule): the files of a run, compare
/// or sweep folder and the workshop's routes.
const NOT_FILES: [&str; 8] = [
    "runs/",
    "runs/<id>.csv",
    "scenario.ron",
    "base.ron",
    "changed.ron",
    "experiment.ron",
    "/api/status",
    "/api/simulate",
];

/// Whether a word of a code span is meant as a path: it holds a `/` or names a Rust,
/// markdown, RON or TOML file (`.ron` alone is an extension, not a file).
fn looks_like_path(word: &str) -> bool {
    let named_file = |x: &&str| word.len() > x.len() && word.ends_with(*x);
    word.contains('/') || [".rs", ".md", ".ron", ".toml"].iter().any(named_file)
}

/// Whether `pattern` (a path from `dir`; `*` or a `<name>` in a component stands for any
/// text) matches at least one file or folder.
fn matches_some(dir: &Path, pattern: &str) -> bool {
    let pattern = pattern.trim_end_matches('/');
    let (first, rest) = pattern.split_once('/').unwrap_or((pattern, ""));
    let glob = placeholders_as_stars(first);
    let next: Vec<PathBuf> = if glob.contains('*') {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return false;
        };
        entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| star_match(&glob, &p.file_name().unwrap().to_string_lossy()))
            .collect()
    } else {
        vec![dir.join(first)]
    };
    next.iter().any(|p| {
        if rest.is_empty() {
            p.exists()
        } else {
            matches_some(p, rest)
        }
    })
}

/// `<name>` placeholders written as `*`.
fn placeholders_as_stars(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => {
                inside = true;
                out.push('*');
            }
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `name` matches `glob`, in which `*` stands for any text.
fn star_match(glob: &str, name: &str) -> bool {
    match glob.split_once('*') {
        None => glob == name,
        Some((head, tail)) => {
            name.starts_with(head)
                && (head.len()..=name.len())
                    .any(|i| name.is_char_boundary(i) && star_match(tail, &name[i..]))
        }
    }
}

#[test]
fn every_path_in_architecture_md_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for span in backticked(&architecture()) {
        for word in span.split(' ') {
            let word = word.trim_matches(|c| ",;:()".contains(c));
            if !looks_like_path(word) || word.starts_with("out/") || NOT_FILES.contains(&word) {
                continue;
            }
            if !matches_some(root, word) {
                wrong.push(format!("`{word}`"));
            }
        }
    }
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md names paths the repository does not have:\n{}\nhint: write a path \
         from the repository root; a `<name>` in it must match a file; an output file goes \
         into `NOT_FILES` in tests/tidy.rs",
        wrong.join("\n")
    );
}

/// Backticked names in ARCHITECTURE.md that are not items of wijksim: the standard
/// library's and other crates' types, and environment variables.
const NOT_OURS: [&str; 8] = [
    "Default",
    "Display",
    "HashMap",
    "HashSet",
    "StdRng",
    "AtomicBool",
    "From",
    "WIJKSIM_BUILD_ID",
];

/// Crates whose paths (`rand_chacha::ChaCha8Rng`) ARCHITECTURE.md may name.
const OTHER_CRATES: [&str; 6] = ["std", "rand", "rand_chacha", "rand_distr", "rayon", "axum"];

/// The names a Rust line defines, textually: items (`fn`, `struct`, `enum`, `trait`,
/// `type`, `const`, `static`, `mod`, `macro_rules!`), aliases of `use ... as`, enum variants (a line that starts
/// with a capitalised name and then `,`, ` =`, `(`, ` {` or nothing) and fields (`name:
/// ...`).
fn defined_names(line: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut code = line.trim_start();
    for vis in [
        "pub(crate) ",
        "pub(super) ",
        "pub(in crate::model) ",
        "pub ",
    ] {
        code = code.strip_prefix(vis).unwrap_or(code);
    }
    let mut out = Vec::new();
    for keyword in [
        "fn ",
        "const fn ",
        "struct ",
        "enum ",
        "trait ",
        "type ",
        "const ",
        "static ",
        "mod ",
        "macro_rules! ",
    ] {
        if let Some(rest) = code.strip_prefix(keyword) {
            out.push(ident(rest));
        }
    }
    if code.starts_with("use ") {
        out.extend(code.split(" as ").skip(1).map(ident)); // an alias (`Purpose as Flow`)
    }
    let name = ident(code);
    let after = &code[name.len()..];
    let capital = name.starts_with(|c: char| c.is_ascii_uppercase());
    let variant = capital
        && (after.is_empty() || [",", " =", "(", " {"].iter().any(|e| after.starts_with(e)));
    if !name.is_empty() && (variant || after.starts_with(": ")) {
        out.push(name);
    }
    out.retain(|n| !n.is_empty());
    out
}

/// The Rust files under `src/` (and `tests/`, whose helpers the document's table of tests
/// names), each with the names it defines; a module is found by its files' paths.
struct SourceIndex {
    files: Vec<(String, std::collections::BTreeSet<String>)>,
}

impl SourceIndex {
    fn new() -> SourceIndex {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let files = rust_files("src")
            .into_iter()
            .chain(rust_files("tests"))
            .map(|f| {
                let rel = f
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let text = std::fs::read_to_string(&f).unwrap();
                (rel, text.lines().flat_map(defined_names).collect())
            })
            .collect();
        SourceIndex { files }
    }

    /// The modules, as paths without `.rs` (`src/model/rng`, `src/cli`): every file and
    /// folder below `src/` and `tests/` that holds Rust (`mod.rs` is its folder's).
    fn modules(&self) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for (rel, _) in &self.files {
            let mut m = rel.trim_end_matches(".rs").trim_end_matches("/mod");
            while let Some((parent, _)) = m.rsplit_once('/') {
                out.insert(m.to_string());
                m = parent;
            }
        }
        out
    }

    /// Whether module `m` (`src/model/rng`) defines `name` in one of its files.
    fn defines(&self, m: &str, name: &str) -> bool {
        self.files.iter().any(|(rel, names)| {
            let own = rel == &format!("{m}.rs") || rel.starts_with(&format!("{m}/"));
            own && names.contains(name)
        })
    }

    fn defined_anywhere(&self, name: &str) -> bool {
        self.files.iter().any(|(_, names)| names.contains(name))
    }

    /// Why the path `a::b::c` names nothing of wijksim, or None. Read left to right: a
    /// module's name narrows to its submodules (`model::rng` is `src/model/rng.rs`); a name
    /// after a module is defined in that module's files (re-exports count as the files of
    /// the module they come from); a name after a type is defined somewhere (a method in
    /// any `impl`). The first name may be any module of that name.
    fn problem(&self, path: &str) -> Option<String> {
        let modules = self.modules();
        // None: after a type (or at the start); Some: the modules in scope.
        let mut scope: Option<Vec<String>> = None;
        for (i, s) in path.split("::").enumerate() {
            let submodules: Vec<String> = match &scope {
                _ if i == 0 && (s == "crate" || s == "wijksim") => vec!["src".to_string()],
                None if i == 0 => modules
                    .iter()
                    .filter(|m| m.rsplit('/').next() == Some(s))
                    .cloned()
                    .collect(),
                None => Vec::new(),
                Some(ms) => ms
                    .iter()
                    .map(|m| format!("{m}/{s}"))
                    .filter(|m| modules.contains(m))
                    .collect(),
            };
            if !submodules.is_empty() {
                scope = Some(submodules);
                continue;
            }
            let found = match &scope {
                Some(ms) => ms.iter().any(|m| self.defines(m, s)),
                None => self.defined_anywhere(s),
            };
            if !found {
                let place = scope.map_or("src/ or tests/".to_string(), |ms| ms.join(" or "));
                return Some(format!("`{path}`: no `{s}` in {place}"));
            }
            scope = None;
        }
        None
    }
}

/// The names a code span mentions as Rust items, or nothing when it is no Rust path: a
/// path with `::`, or one name that starts with a capital (`Model`, `NONE`). `Route::{A,
/// B}` names `Route::A` and `Route::B`; `Recorder<W>` names `Recorder` and `W`; a
/// trailing `()` is dropped.
fn item_paths(span: &str) -> Vec<String> {
    let is_path = |p: &str| {
        !p.is_empty()
            && p.split("::").all(|s| {
                s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
    };
    if span.contains('/') {
        return Vec::new(); // a path, checked as one
    }
    let span = span.trim_end_matches("()");
    let mut parts: Vec<String> = Vec::new();
    if let Some((head, list)) = span.split_once("::{") {
        for item in list.trim_end_matches('}').split(',') {
            parts.push(format!("{head}::{}", item.trim()));
        }
    } else {
        let plain = span.replace(['<', '>'], " ");
        parts.extend(
            plain
                .split_whitespace()
                .map(|p| p.trim_start_matches("dyn").to_string()),
        );
        if parts.len() > 1 && !span.contains('<') {
            return Vec::new(); // words, not a path
        }
    }
    parts
        .into_iter()
        .filter(|p| is_path(p))
        .filter(|p| p.contains("::") || p.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect()
}

#[test]
fn every_type_and_item_in_architecture_md_exists() {
    let index = SourceIndex::new();
    let mut wrong = Vec::new();
    for span in backticked(&architecture()) {
        for path in item_paths(&span) {
            let first = path.split("::").next().unwrap();
            if NOT_OURS.contains(&path.as_str()) || OTHER_CRATES.contains(&first) {
                continue;
            }
            if let Some(p) = index.problem(&path) {
                wrong.push(p);
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "ARCHITECTURE.md names items src/ does not define:\n{}\nhint: rename them as the code \
         has them; a name of another crate goes into `NOT_OURS` or `OTHER_CRATES` in tests/tidy.rs",
        wrong.join("\n")
    );
}

#[test]
fn the_architecture_checks_read_paths_and_items_as_meant() {
    assert_eq!(
        item_paths("Route::{Answer, Simulate}"),
        ["Route::Answer", "Route::Simulate"]
    );
    assert_eq!(item_paths("Recorder<W>"), ["Recorder", "W"]);
    assert_eq!(item_paths("Model::step()"), ["Model::step"]);
    assert!(item_paths("FILE: ok").is_empty() && item_paths("build").is_empty());
    assert_eq!(defined_names("    pub(crate) fn each(&self) {"), ["each"]);
    assert_eq!(defined_names("    AgreementJob = 7,"), ["AgreementJob"]);
    assert!(defined_names("    Sweep::load(path)").is_empty());
    assert_eq!(
        defined_names("use super::ledger::{AccountId, Purpose as Flow};"),
        ["Flow"]
    );
    assert_eq!(
        defined_names("    pub municipality: AccountId,"),
        ["municipality"]
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assert!(matches_some(root, "src/model/policy/<lever>.rs"));
    assert!(matches_some(root, "tests/golden/*.summary"));
    assert!(!matches_some(root, "src/model/policy/<lever>.ron"));
    assert!(looks_like_path("docs/ODD.md") && !looks_like_path("levers.buy_local"));
    let index = SourceIndex::new();
    assert_eq!(index.problem("model::rng::Purpose::ShopChoice"), None);
    assert_eq!(index.problem("experiment::Error"), None);
    assert!(
        index.problem("cli::sweep::Sweep").is_some(),
        "Sweep is experiment::sweep's"
    );
    assert!(index.problem("world::Nb").is_some(), "Nb is params'");
}

/// Threads for experiments and statistics live in `src/experiment` (ARCHITECTURE.md): the
/// command line parses, calls and prints, and the other layers start no rayon pool.
#[test]
fn rayon_and_statistics_live_only_in_the_experiment_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut wrong = Vec::new();
    for f in rust_files("src") {
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with("src/experiment/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        for word in ["rayon", "statrs", "stats::"] {
            if text.contains(word) {
                wrong.push(format!("{rel} uses `{word}`"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\nhint: parallel runs and statistics belong in src/experiment; call them from there",
        wrong.join("\n")
    );
}
