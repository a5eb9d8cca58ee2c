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
//! name to show (see [`read_text`] for the one helper that reads, with its limits, and
//! [`load`] that uses it).
//!
//! *Format versions*: a scenario file may declare its format (`format: 1`); a file of an
//! older format is upgraded on load with notes of what changed, one of a newer format is
//! refused (see [`format`]). [`parse_noted`] and [`load_noted`] return the notes;
//! [`parse`] and [`load`] drop them.
//!
//! *Limits*: a file holds at most [`FILE_BYTES_MAX`] bytes and nests at most
//! [`spans::NESTING_DEPTH_MAX`] levels of brackets; names follow [`validate::name_problem`].
//! Each limit is a positioned error, so no input, however large or strange, makes parsing
//! slow, hungry or panic.

pub mod format;
mod levers;
pub mod spans;
mod types;
pub mod validate;

pub use format::{FORMAT_VERSION, Note};
pub use levers::*;
pub use types::*;

use ron::extensions::Extensions;
use spans::{NESTING_DEPTH_MAX, SpanIndex};
use std::fmt;
use std::io::Read;
use std::path::Path;

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

/// The largest scenario or experiment file, in bytes (4 MiB). The shipped files are below
/// 40 KB; the limit keeps `validate /dev/zero`-like mistakes and generated monsters from
/// filling memory.
pub const FILE_BYTES_MAX: u64 = 4 * 1024 * 1024;

/// RON's own recursion limit while deserialising. The scenario and experiment types nest
/// less deep, and [`spans::NESTING_DEPTH_MAX`] rejects deeper text before RON sees it; this
/// is the second wall, so that no input can overflow the stack.
pub const RON_RECURSION_MAX: usize = 128;

/// How many rejected entries one parse reports before it stops blanking and retrying.
const STRUCTURAL_PROBLEMS_MAX: usize = 64;

fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RON_RECURSION_MAX)
}

/// Reads a scenario or experiment file as text: a regular file of at most
/// [`FILE_BYTES_MAX`] bytes of UTF-8. Directories, devices, fifos and sockets are refused
/// before they are opened, so `/dev/zero` or a pipe never blocks or fills memory.
pub fn read_text(path: &Path) -> Result<String, Diagnostics> {
    read_text_of(path, "file", "check the path")
}

fn read_text_of(path: &Path, kind: &str, hint: &str) -> Result<String, Diagnostics> {
    let shown = path.display().to_string();
    let fail = |line: usize, col: usize, message: String, hint: &str| {
        Diagnostics(vec![Diagnostic {
            file: shown.clone(),
            line,
            col,
            message,
            hint: Some(hint.to_string()),
        }])
    };
    let cannot = |e: std::io::Error| fail(0, 0, format!("cannot read the {kind}: {e}"), hint);
    let not_regular = |m: &std::fs::Metadata| {
        let what = if m.is_dir() {
            "is a folder, not a file"
        } else {
            "is not a regular file (a device, a fifo or a socket)"
        };
        fail(
            0,
            0,
            format!("cannot read the {kind}: it {what}"),
            "give the path of a .ron file",
        )
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    // The path may have changed between the two looks: check what was opened.
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let mut bytes = Vec::new();
    file.take(FILE_BYTES_MAX + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > FILE_BYTES_MAX {
        return Err(fail(
            0,
            0,
            format!(
                "cannot read the {kind}: it is larger than {} MiB ({FILE_BYTES_MAX} bytes), the limit for scenario and experiment files",
                FILE_BYTES_MAX / (1024 * 1024)
            ),
            "scenario and experiment files are a few kilobytes; check that this is the file you meant",
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let col = 1 + valid[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        fail(
            line,
            col,
            format!("the {kind} is not UTF-8 text"),
            "save the file as UTF-8 (any text editor can)",
        )
    })
}

/// Reads and validates a scenario file; the notes of an upgrade from an older format are
/// dropped ([`load_noted`] returns them).
pub fn load(path: &Path) -> Result<Scenario, Diagnostics> {
    load_noted(path).map(|(s, _)| s)
}

/// Reads and validates a scenario file of any format this build reads, with the notes of
/// the upgrade from an older format (none for a file of the current format).
pub fn load_noted(path: &Path) -> Result<(Scenario, Vec<Note>), Diagnostics> {
    let text = read_text_of(
        path,
        "scenario file",
        "check the path; shipped scenarios are in the scenarios/ folder",
    )?;
    parse_noted(&text, &path.display().to_string())
}

/// Parses and validates scenario text; `file` is the name used in messages. The notes of
/// an upgrade from an older format are dropped ([`parse_noted`] returns them).
pub fn parse(text: &str, file: &str) -> Result<Scenario, Diagnostics> {
    parse_noted(text, file).map(|(s, _)| s)
}

/// Parses and validates scenario text of any format this build reads: a file of an older
/// format is upgraded first ([`format`]), and the notes say what changed.
pub fn parse_noted(text: &str, file: &str) -> Result<(Scenario, Vec<Note>), Diagnostics> {
    let (current, notes) = format::to_current(text, file)?;
    let s = parse_fields(&current, file, validate::check, &["format"])?;
    Ok((s, notes))
}

/// Parses any RON file of the project (a scenario, an experiment) with the same
/// positioned diagnostics, then runs `check` on the parsed value.
pub fn parse_with<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    check: impl Fn(&T) -> Vec<validate::Problem>,
) -> Result<T, Diagnostics> {
    parse_fields(text, file, check, &[])
}

/// [`parse_with`], where `top_level` names the top-level fields read before serde (a
/// scenario's `format`), so that a misspelt top-level field suggests them too.
fn parse_fields<T: serde::de::DeserializeOwned>(
    text: &str,
    file: &str,
    check: impl Fn(&T) -> Vec<validate::Problem>,
    top_level: &[&str],
) -> Result<T, Diagnostics> {
    let index = SpanIndex::build(text);
    if let Some(at) = index.too_deep() {
        let (line, col) = index.line_col(text, at);
        return Err(Diagnostics(vec![too_deep(file, line, col)]));
    }
    let mut problems = Vec::new();
    let mut work = text.to_string();
    let mut parsed = None;
    for _ in 0..STRUCTURAL_PROBLEMS_MAX {
        match ron_options().from_str::<T>(&work) {
            Ok(s) => {
                parsed = Some(s);
                break;
            }
            Err(e) => {
                // RON counts columns in characters of `work`, whose blanked parts are
                // spaces; `work` and `text` have the same bytes and line breaks, so the byte
                // offset is the same in both, and the column is recounted in `text`.
                let mut offset = index.offset(&work, e.span.start.line, e.span.start.col);
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                let (line, col) = index.line_col(text, offset);
                let entry = index.innermost_at(offset);
                let found = token_at(text, offset);
                let path = entry.map(|en| index.path(en));
                problems.push(structural(
                    file,
                    &e,
                    path.as_deref(),
                    found,
                    (line, col),
                    top_level,
                ));
                // Blank the rejected entry (keeping line breaks, so positions stay) and try
                // again; stop at the end of the text or when the error cannot be tied to an
                // entry.
                let at_end =
                    matches!(e.code, ron::error::Error::Eof) || offset >= text.trim_end().len();
                match entry {
                    Some(en) if !at_end && blank(&mut work, en.start..en.end) => {}
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

/// Replaces every byte of `range` in `work` but line breaks by a space, so that byte offsets
/// and lines stay those of the original text; the range holds whole characters, so the text
/// stays UTF-8. Returns false (and changes nothing) when there is nothing left to blank.
fn blank(work: &mut String, range: std::ops::Range<usize>) -> bool {
    let Some(old) = work.get(range.clone()) else {
        return false;
    };
    if old.trim().is_empty() {
        return false;
    }
    let spaces: String = old
        .bytes()
        .map(|b| if b == b'\n' { '\n' } else { ' ' })
        .collect();
    work.replace_range(range, &spaces);
    true
}

fn too_deep(file: &str, line: usize, col: usize) -> Diagnostic {
    Diagnostic {
        file: file.to_string(),
        line,
        col,
        message: format!(
            "nesting deeper than {NESTING_DEPTH_MAX} levels of `(`, `[` and `{{`"
        ),
        hint: Some(
            "scenario and experiment files nest a few levels only; look for brackets opened by mistake"
                .to_string(),
        ),
    }
}

/// At most `max` characters of `s`, then `…` when it was longer.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// Longest name, value or message part shown in a structural error.
const SHOWN_CHARS_MAX: usize = 64;

fn structural(
    file: &str,
    e: &ron::error::SpannedError,
    path: Option<&str>,
    found: &str,
    (line, col): (usize, usize),
    top_level: &[&str],
) -> Diagnostic {
    use ron::error::Error as E;
    if matches!(e.code, E::ExceededRecursionLimit) {
        return too_deep(file, line, col);
    }
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
        E::NoSuchStructField { expected, found, .. } => {
            let at_top = path.is_some_and(|p| !p.contains(['.', '[']));
            let expected: Vec<&str> = if at_top {
                top_level.iter().chain(expected.iter()).copied().collect()
            } else {
                expected.to_vec()
            };
            (
                format!(
                    "unknown field `{}`{parent}",
                    shorten(found, SHOWN_CHARS_MAX)
                ),
                Some(did_you_mean(found, &expected)),
            )
        }
        E::NoSuchEnumVariant { expected, found, .. } => (
            format!("{at}unknown value `{}`", shorten(found, SHOWN_CHARS_MAX)),
            Some(did_you_mean(found, expected)),
        ),
        E::InvalidValueForType { expected, found } => (
            format!(
                "{at}expected {expected}, found {}",
                shorten(found, SHOWN_CHARS_MAX)
            ),
            None,
        ),
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
            format!(
                "field `{}` is given twice{parent}",
                shorten(field, SHOWN_CHARS_MAX)
            ),
            Some("remove one of them".to_string()),
        ),
        E::Eof => (
            "the file ends before every `(` and `[` is closed".to_string(),
            Some("check that each opening bracket has its closing one".to_string()),
        ),
        other => (
            format!("{at}{}", shorten(&other.to_string(), 4 * SHOWN_CHARS_MAX)),
            None,
        ),
    };
    Diagnostic {
        file: file.to_string(),
        line,
        col,
        message,
        hint,
    }
}

/// The token at `offset`: up to the next delimiter, at most 40 characters.
fn token_at(text: &str, offset: usize) -> &str {
    let rest = text.get(offset..).unwrap_or("").trim_start();
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
    // Similar spelling, or a shortened name (`alpha1` for `consumption_alpha1`). A name far
    // longer than any allowed one resembles none (and would cost time to compare).
    let comparable = found.len() <= 4 * SHOWN_CHARS_MAX;
    let best = allowed
        .iter()
        .filter(|_| comparable)
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
    let list = allowed
        .iter()
        .map(|a| shorten(a, SHOWN_CHARS_MAX))
        .collect::<Vec<_>>()
        .join(", ");
    match best {
        Some((_, name)) => format!("did you mean `{name}`? allowed: {list}"),
        None => format!("allowed: {list}"),
    }
}

/// Writes a scenario as RON that [`parse`] reads back to the same value, in the current
/// format ([`format::FORMAT_VERSION`]).
pub fn to_ron(s: &Scenario) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .extensions(Extensions::IMPLICIT_SOME);
    let text = ron::ser::to_string_pretty(s, config).expect("a scenario always serialises");
    with_format(text, FORMAT_VERSION)
}

/// Scenario text as [`to_ron`] writes it, declaring `version` as its first field unless
/// `version` is the format of a file without the field (format 1): so the resolved
/// `scenario.ron` of a run, its SHA-256 and the run ids of a sweep stay those of the
/// releases before `format` existed, and a file written by a later format still says so.
fn with_format(text: String, version: u32) -> String {
    if version == format::FORMAT_UNDECLARED {
        return text;
    }
    // The pretty printer writes the scenario's parentheses on lines of their own, after
    // the `#![enable(...)]` line.
    match text.find("\n(\n") {
        Some(i) => {
            let mut out = text;
            out.insert_str(i + 3, &format!("    format: {version},\n"));
            out
        }
        None => text,
    }
}

/// The built-in baseline scenario.
pub fn baseline() -> Scenario {
    parse(BASELINE_RON, "scenarios/baseline.ron").expect("the shipped baseline is valid")
}
