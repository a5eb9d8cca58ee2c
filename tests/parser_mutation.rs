//! Mutation testing of the scenario and experiment parsers (issue 8, "Also: fuzzing"):
//! every shipped `.ron` file under `scenarios/` and `tests/`, damaged by byte flips,
//! deletions, insertions of random bytes and of RON tokens, duplicated slices and
//! truncation, must parse to a value or to positioned diagnostics, never to a panic.
//! Work is bounded by construction (the inputs are small and the span index is linear), so
//! there is no timing assertion. `fuzz/` runs the same property with libFuzzer.

use proptest::prelude::*;
use proptest::sample::Index;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wijksim::experiment::design::{self, Experiment};
use wijksim::scenario::{self, Diagnostics};

/// Every `.ron` file under `scenarios/` and `tests/`, recursively, as (path, text).
fn seeds() -> &'static [(String, String)] {
    static SEEDS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for dir in ["scenarios", "tests"] {
            collect(&root.join(dir), &mut files);
        }
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                (p.strip_prefix(root).unwrap().display().to_string(), text)
            })
            .collect()
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

fn parse_experiment(text: &str) -> Result<Experiment, Diagnostics> {
    design::parse(text, "e.ron")
}

/// The property: both parsers return (no panic), and every diagnostic points into the text.
fn check(text: &str) {
    let lines = text.matches('\n').count() + 1;
    let line_chars: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for result in [
        scenario::parse(text, "s.ron").err(),
        parse_experiment(text).err(),
    ] {
        let Some(d) = result else { continue };
        assert!(!d.0.is_empty());
        for p in &d.0 {
            assert!(
                p.line >= 1 && p.line <= lines,
                "line {} outside 1..={lines}: {p}",
                p.line
            );
            assert!(
                p.col >= 1 && p.col <= line_chars[p.line - 1] + 1,
                "column {} outside line {} of {} characters: {p}",
                p.col,
                p.line,
                line_chars[p.line - 1]
            );
            assert!(
                p.message.len() < 2_000,
                "message of {} bytes",
                p.message.len()
            );
        }
    }
    let _ = wijksim::cli::validate::is_experiment(text);
}

/// Pieces of RON worth inserting: brackets, quotes, multi-byte text, separators, numbers.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "'",
    "é",
    "€",
    "東",
    ":",
    "::",
    ",",
    "0",
    "7",
    "-1",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "true",
    "Some(",
    "None",
    "r#\"",
    "\"#",
    "//",
    "/*",
    "*/",
    "\n",
    " ",
    "\\",
    "\\u{1F600}",
    "name: ",
    "neighbourhoods: [",
    "(name: \"x\")",
    "Morris(",
    "factors: [(path: \"run.seed\", values: [1.0])]",
    "\u{0}",
    "\r\n",
];

#[derive(Clone, Debug)]
enum Mutation {
    FlipBit(Index, u8),
    Delete(Index, usize),
    InsertBytes(Index, Vec<u8>),
    InsertToken(Index, Index),
    Duplicate(Index, usize, Index),
    Truncate(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<Index>(), 0u8..8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, v)| Mutation::InsertBytes(i, v)),
        (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::InsertToken(i, t)),
        (any::<Index>(), 1usize..200, any::<Index>())
            .prop_map(|(i, n, at)| Mutation::Duplicate(i, n, at)),
        any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |i: &Index, len: usize| i.index(len + 1);
    match m {
        Mutation::FlipBit(i, b) if !bytes.is_empty() => {
            let p = i.index(bytes.len());
            bytes[p] ^= 1 << b;
        }
        Mutation::Delete(i, n) => {
            let p = pos(i, bytes.len());
            let end = (p + n).min(bytes.len());
            bytes.drain(p..end);
        }
        Mutation::InsertBytes(i, v) => {
            let p = pos(i, bytes.len());
            bytes.splice(p..p, v.iter().copied());
        }
        Mutation::InsertToken(i, t) => {
            let p = pos(i, bytes.len());
            let token = TOKENS[t.index(TOKENS.len())].as_bytes();
            bytes.splice(p..p, token.iter().copied());
        }
        Mutation::Duplicate(i, n, at) => {
            let p = pos(i, bytes.len());
            let slice = bytes[p..(p + n).min(bytes.len())].to_vec();
            let q = pos(at, bytes.len());
            bytes.splice(q..q, slice);
        }
        Mutation::Truncate(i) => {
            let p = pos(i, bytes.len());
            bytes.truncate(p);
        }
        Mutation::FlipBit(..) => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    /// Mutated shipped files never panic the scenario or the experiment parser.
    #[test]
    fn mutated_shipped_files_never_panic_the_parsers(
        seed in any::<Index>(),
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let (_, text) = &seeds()[seed.index(seeds().len())];
        let mut bytes = text.clone().into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Deep runs of random brackets, inserted anywhere in a shipped file, give the nesting
    /// error or another positioned one, fast and without overflowing the stack.
    #[test]
    fn deep_random_nesting_never_panics_the_parsers(
        seed in any::<Index>(),
        at in any::<Index>(),
        brackets in prop::collection::vec(prop::sample::select(vec!['(', '[', '{', ')', ']']), 0..400),
        depth in 0usize..100_000,
    ) {
        let (_, text) = &seeds()[seed.index(seeds().len())];
        let mut p = at.index(text.len() + 1);
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        let inserted: String = brackets.iter().collect::<String>() + &"[".repeat(depth);
        check(&format!("{}{inserted}{}", &text[..p], &text[p..]));
    }

    /// Huge names (and other long text) in the place of every `name` of a shipped file.
    #[test]
    fn huge_names_never_panic_the_parsers_and_are_rejected(
        seed in any::<Index>(),
        chars in prop::collection::vec(prop::sample::select(vec!['a', 'é', '/', ' ', '.', '"', '\\', '東']), 1..8),
        repeat in 65usize..20_000,
    ) {
        let (file, text) = &seeds()[seed.index(seeds().len())];
        let long: String = chars.iter().collect::<String>().repeat(repeat);
        let escaped = long.replace('\\', "\\\\").replace('"', "\\\"");
        let replaced = text.replace("name: \"", &format!("name: \"{escaped}"));
        check(&replaced);
        if replaced != *text && !file.starts_with("tests/err") && !file.contains("experiments") {
            prop_assert!(scenario::parse(&replaced, "s.ron").is_err(), "{file}");
        }
    }
}

#[test]
fn the_seeds_are_every_shipped_ron_file() {
    let names: Vec<&str> = seeds().iter().map(|(p, _)| p.as_str()).collect();
    assert!(names.len() >= 30, "{names:?}");
    for f in [
        "scenarios/baseline.ron",
        "scenarios/bench/city-1m.ron",
        "scenarios/experiments/lhs-coin.ron",
        "tests/experiments/small.ron",
        "tests/err/syntax.ron",
    ] {
        assert!(names.contains(&f), "{f} missing from {names:?}");
    }
}
