//! The scenario layer: RON text in, a validated [`Scenario`] out, or every problem of the
//! file at once as positioned [`Diagnostic`]s.
//!
//! Parsing is two-staged, as ripgrep parses flags: serde turns the text into typed values
//! (structure, types, unknown fields), then [`validate`] checks ranges and values that
//! contradict each other. When serde rejects an entry, the entry is blanked out and the text
//! parsed again, so one run of `wijksim validate` reports every unknown field and wrong type
//! in the file, not only the first.
//!
//! *Architecture invariant*: this module reads no file itself; callers pass the text and the
//! name to show (see [`load`] for the one helper that reads).

mod levers;
pub mod spans;
mod types;
pub mod validate;

pub use levers::*;
pub use types::*;

use ron::extensions::Extensions;
use spans::SpanIndex;
use std::fmt;

/// The built-in default scenario: the same text as `scenarios/baseline.ron`.
pub const BASELINE_RON: &str = include_str!("../../scenarios/baseline.ron");

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line (0 when the problem is not in the text, e.g. a missing file).
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong, naming the field and the value.
    pub message: String,
    /// How to fix it: allowed values, the range and unit, a similar field name.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.file, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.col, self.message
            )?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}

/// Every problem found in a file, in the order of their lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} found; nothing was simulated",
            if n == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Reads and validates a scenario file.
pub fn load(path: &std::path::Path) -> Result<Scenario, Diagnostics> {
    let shown = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, &shown),
        Err(e) => Err(Diagnostics(vec![Diagnostic {
            file: shown,
            line: 0,
            col: 0,
            message: format!("cannot read the scenario file: {e}"),
            hint: Some(
                "check the path; shipped scenarios are in the scenarios/ folder".to_string(),
            ),
        }])),
    }
}

/// Parses and validates scenario text; `file` is the name used in messages.
pub fn parse(text: &str, file: &str) -> Result<Scenario, Diagnostics> {
    parse_with(text, file, validate::check)
}

/// Parses any RON file of the project (a scenario, an experiment) with the same
/// positioned diagnostics, then runs `check` on the parsed value.
pub fn parse_with<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    check: impl Fn(&T) -> Vec<validate::Problem>,
) -> Result<T, Diagnostics> {
    let index = SpanIndex::build(text);
    let mut problems = Vec::new();
    let mut work = text.to_string();
    let mut parsed = None;
    for _ in 0..64 {
        match ron_options().from_str::<T>(&work) {
            Ok(s) => {
                parsed = Some(s);
                break;
            }
            Err(e) => {
                let offset = index.offset(text, e.span.start.line, e.span.start.col);
                let entry = index.innermost_at(offset).cloned();
                let found = token_at(text, offset);
                problems.push(structural(
                    file,
                    &e,
                    entry.as_ref().map(|e| e.path.as_str()),
                    found,
                ));
                // Blank the rejected entry (keeping line breaks, so positions stay) and try
                // again; stop at the end of the text or when the error cannot be tied to an
                // entry.
                let at_end =
                    matches!(e.code, ron::error::Error::Eof) || offset >= text.trim_end().len();
                match entry {
                    Some(en) if !at_end && work[en.start..en.end].trim() != "" => {
                        let blank: String = work[en.start..en.end]
                            .chars()
                            .map(|c| if c == '\n' { '\n' } else { ' ' })
                            .collect();
                        work.replace_range(en.start..en.end, &blank);
                    }
                    _ => break,
                }
            }
        }
    }
    if let Some(s) = &parsed {
        for p in check(s) {
            let (line, col) = index
                .find_or_ancestor(&p.path)
                .map(|e| (e.line, e.col))
                .unwrap_or((1, 1));
            problems.push(Diagnostic {
                file: file.to_string(),
                line,
                col,
                message: format!("`{}` {}", p.path, p.message),
                hint: p.hint,
            });
        }
    }
    if problems.is_empty() {
        Ok(parsed.expect("no problems means the text parsed"))
    } else {
        problems.sort_by_key(|d| (d.line, d.col));
        Err(Diagnostics(problems))
    }
}

fn structural(
    file: &str,
    e: &ron::error::SpannedError,
    path: Option<&str>,
    found: &str,
) -> Diagnostic {
    use ron::error::Error as E;
    let at = path.map(|p| format!("`{p}`: ")).unwrap_or_default();
    let parent = path
        .and_then(|p| p.rfind('.').map(|i| &p[..i]))
        .map(|p| format!(" in `{p}`"))
        .unwrap_or_default();
    let found_text = if found.is_empty() {
        String::new()
    } else {
        format!(", found `{found}`")
    };
    let (message, hint) = match &e.code {
        E::NoSuchStructField { expected, found, .. } => (
            format!("unknown field `{found}`{parent}"),
            Some(did_you_mean(found, expected)),
        ),
        E::NoSuchEnumVariant { expected, found, .. } => (
            format!("{at}unknown value `{found}`"),
            Some(did_you_mean(found, expected)),
        ),
        E::InvalidValueForType { expected, found } => {
            (format!("{at}expected {expected}, found {found}"), None)
        }
        E::ExpectedInteger => (
            format!("{at}expected a whole number{found_text}"),
            Some("write digits only, e.g. `42`".to_string()),
        ),
        E::ExpectedFloat => (
            format!("{at}expected a number{found_text}"),
            Some("write a decimal number, e.g. `0.25`".to_string()),
        ),
        E::ExpectedString | E::ExpectedStringEnd => (
            format!("{at}expected text{found_text}"),
            Some("put text in double quotes, e.g. `\"wijk\"`".to_string()),
        ),
        E::ExpectedBoolean => (
            format!("{at}expected true or false{found_text}"),
            None,
        ),
        E::ExpectedComma => (
            format!("{at}unexpected text{found_text}"),
            Some("entries are separated by commas; whole-number fields (counts, years, seeds) take no decimal point".to_string()),
        ),
        E::DuplicateStructField { field, .. } => (
            format!("field `{field}` is given twice{parent}"),
            Some("remove one of them".to_string()),
        ),
        E::Eof => (
            "the file ends before every `(` and `[` is closed".to_string(),
            Some("check that each opening bracket has its closing one".to_string()),
        ),
        other => (format!("{at}{other}"), None),
    };
    Diagnostic {
        file: file.to_string(),
        line: e.span.start.line,
        col: e.span.start.col,
        message,
        hint,
    }
}

/// The token at `offset`: up to the next delimiter, at most 40 characters.
fn token_at(text: &str, offset: usize) -> &str {
    let rest = text[offset.min(text.len())..].trim_start();
    let end = if let Some(quoted) = rest.strip_prefix('"') {
        quoted.find('"').map(|i| i + 2).unwrap_or(rest.len())
    } else {
        rest.find(|c: char| c == ',' || c == ')' || c == ']' || c.is_whitespace())
            .unwrap_or(rest.len())
    };
    let t = &rest[..end];
    match t.char_indices().nth(40) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

/// "did you mean `x`?" followed by the allowed names.
pub fn did_you_mean(found: &str, allowed: &[&str]) -> String {
    // Similar spelling, or a shortened name (`alpha1` for `consumption_alpha1`).
    let best = allowed
        .iter()
        .map(|a| {
            let contained = found.len() >= 3 && a.contains(found);
            (
                if contained {
                    0.95
                } else {
                    strsim::jaro_winkler(found, a)
                },
                *a,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let list = allowed.join(", ");
    match best {
        Some((_, name)) => format!("did you mean `{name}`? allowed: {list}"),
        None => format!("allowed: {list}"),
    }
}

/// Writes a scenario as RON that [`parse`] reads back to the same value.
pub fn to_ron(s: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    ron::ser::to_string_pretty(s, config).expect("a scenario always serialises")
}

/// The built-in baseline scenario.
pub fn baseline() -> Scenario {
    parse(BASELINE_RON, "scenarios/baseline.ron").expect("the shipped baseline is valid")
}
