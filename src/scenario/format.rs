//! The format version of scenario files, and the upgrades that read an older format.
//!
//! A scenario file may declare its format as a top-level field, `format: 1`. A file without
//! the field is format [`FORMAT_UNDECLARED`] (1): every file written before the field
//! existed. This build reads formats 1 to [`FORMAT_VERSION`]. When a change reshapes a
//! section (a field moves, is renamed, changes its unit or goes away), it raises
//! [`FORMAT_VERSION`] and appends one [`Upgrade`] to [`UPGRADES`] that rewrites a file of
//! the previous format into the new one and says what it changed. A file of an older format
//! is read through each upgrade in turn, with a [`Note`] per change (`wijksim run` and
//! `validate` print them), or refused with the exact edit to make when an upgrade cannot
//! decide for the user; a file of a newer format than this build knows is refused. No file
//! is read silently with the meaning of another format.
//!
//! Format 2 (issue 10) put the city in a regional labour market (`region`); [`UPGRADES`]
//! reads format 1 through [`v1_to_v2`]. The tests of this module run the machinery with a
//! made-up history of their own.
//!
//! *Architecture invariant*: upgrades rewrite the text, never the parsed value (a RON
//! value forgets positions, comments and which enum variant was meant), and keep its lines:
//! a renamed field stays where it is, a removed one leaves blank space, a moved one is
//! written on one line at its new place. So the notes of an upgrade, and any error found
//! after it, point at the user's own lines.

use super::spans::{self, Entry, SpanIndex};
use super::{Diagnostic, Diagnostics};
use std::fmt;

/// The format this build reads and writes. Raising it needs an [`Upgrade`] from the
/// previous format in [`UPGRADES`], and the shipped scenarios rewritten in the new format.
pub const FORMAT_VERSION: u32 = 2;

/// The format of a file that declares none: the format of every file written before
/// `format` existed. It stays 1 whatever [`FORMAT_VERSION`] becomes.
pub const FORMAT_UNDECLARED: u32 = 1;

/// The upgrades from each earlier format, in order: `UPGRADES[i]` reads format `i + 1`
/// and writes format `i + 2`.
pub const UPGRADES: &[Upgrade] = &[Upgrade {
    from: 1,
    apply: v1_to_v2,
}];

/// Format 1 to 2 (issue 10, item 1): outside jobs come from the regional labour market
/// (`region`, docs/ODD.md 7.9) instead of a fixed number of outside vacancies per resident,
/// and local vacancies go to commuters at the region's fill rate instead of a fixed
/// probability. A field whose format-1 default has an equivalent (it is simply no longer
/// read) is removed with a note; any other value is refused, since no format-2 value means
/// the same.
pub fn v1_to_v2(e: &mut Edit<'_>) {
    for (path, default, what, instead) in [
        (
            "outside.vacancies_per_1000_residents_month",
            6.5,
            "outside vacancies come from the regional labour market, whose vacancies are `region.tightness` times the region's unemployed",
            "to give residents fewer or more outside jobs, set `region: (tightness: X)` instead (vacancies per unemployed person; default 1.15, CBS 2022-2024: 1.06 to 1.23)",
        ),
        (
            "behaviour.commuter_hire_probability",
            0.6,
            "a vacancy no resident fills goes to a commuter with the region's fill rate, matches over vacancies (about 0.15 a month at the defaults)",
            "the fill rate rises as `region.tightness` falls (a slack market)",
        ),
    ] {
        let Some(v) = e.value(path) else { continue };
        if v.parse::<f64>() == Ok(default) {
            e.remove(path, what);
        } else {
            e.refuse(
                path,
                &format!("`{path}` is {v}, which format 2 does not read: {what}"),
                &format!("remove `{path}`; {instead}"),
            );
        }
    }
    e.move_to(
        "outside.separation_probability_per_month",
        "region.separation_rate_per_month",
        "outside jobs, the residents' and the rest of the region's, end at the region's separation rate (format 2's default is 0.0062, format 1's was 0.012)",
    );
    e.reinterpret(
        "outside.skill_required",
        "employers now rank applicants by skill with a smooth weight that is one half at this skill (`region.ranking_skill_scale`), not a hard minimum; it stays the minimum for the outside jobs residents hold at the start",
    );
}

/// Rewrites the text of a file of format `from` into format `from + 1`, noting each change
/// ([`Edit::rename`], [`Edit::move_to`], [`Edit::remove`], [`Edit::replace_value`]) or
/// refusing what it cannot decide ([`Edit::refuse`]).
pub struct Upgrade {
    /// The format this upgrade reads.
    pub from: u32,
    /// The rewrite.
    pub apply: fn(&mut Edit<'_>),
}

/// What an upgrade changed, at the field's line in the file as the user wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The file as the user named it.
    pub file: String,
    /// 1-based line (0 when the note concerns the whole file).
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What changed and why.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: note: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: note: {}",
                self.file, self.line, self.col, self.message
            )
        }
    }
}

/// The format a file declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The format: the `format` field's value, or [`FORMAT_UNDECLARED`] without one.
    pub version: u32,
    /// The `format` entry (its position and byte range), if the file has one.
    pub entry: Option<Entry>,
}

/// The format `text` declares, checked against the formats this build reads.
pub fn declared(text: &str, file: &str) -> Result<Declared, Diagnostics> {
    declared_in(text, &SpanIndex::build(text), file, FORMAT_VERSION)
}

/// Scenario text of any format this build reads, rewritten into the current format, with
/// the `format` entry blanked out (positions kept), and the notes of the upgrades made.
pub(crate) fn to_current(text: &str, file: &str) -> Result<(String, Vec<Note>), Diagnostics> {
    to_current_with(text, file, UPGRADES, FORMAT_VERSION)
}

fn to_current_with(
    text: &str,
    file: &str,
    upgrades: &[Upgrade],
    current: u32,
) -> Result<(String, Vec<Note>), Diagnostics> {
    let index = SpanIndex::build(text);
    if index.too_deep().is_some() {
        // The parser reports the nesting with its position; nothing here is reliable.
        return Ok((text.to_string(), Vec::new()));
    }
    let declared = declared_in(text, &index, file, current)?;
    let mut work = text.to_string();
    if let Some(e) = &declared.entry {
        super::blank(&mut work, e.start..e.end);
    }
    let mut notes = Vec::new();
    for from in declared.version..current {
        let upgrade = upgrades
            .iter()
            .find(|u| u.from == from)
            .expect("UPGRADES has an upgrade from every earlier format");
        let mut edit = Edit::new(file, work, from);
        (upgrade.apply)(&mut edit);
        if !edit.refusals.is_empty() {
            edit.refusals.sort_by_key(|d| (d.line, d.col));
            return Err(Diagnostics(edit.refusals));
        }
        edit.notes.sort_by_key(|n| (n.line, n.col));
        notes.append(&mut edit.notes);
        work = edit.text;
    }
    if declared.version < current {
        notes.push(upgraded_note(file, &declared, current));
    }
    Ok((work, notes))
}

/// The closing note of an upgrade: what was read as what, and how to be rid of the notes.
fn upgraded_note(file: &str, declared: &Declared, current: u32) -> Note {
    let from = declared.version;
    let (line, col, read_as) = match &declared.entry {
        Some(e) => (e.line, e.col, format!("read as format {from}")),
        None => (
            0,
            0,
            format!(
                "no `format` field: read as format {from}, the format before the field existed,"
            ),
        ),
    };
    Note {
        file: file.to_string(),
        line,
        col,
        message: format!(
            "{read_as} and upgraded to format {current} in memory; the file is unchanged: make the changes noted above and write `format: {current}` to read it without notes"
        ),
    }
}

fn declared_in(
    text: &str,
    index: &SpanIndex,
    file: &str,
    current: u32,
) -> Result<Declared, Diagnostics> {
    let mut entries = index
        .top_level_entries()
        .filter(|(name, _)| *name == "format")
        .map(|(_, e)| e);
    let Some(entry) = entries.next() else {
        return Ok(Declared {
            version: FORMAT_UNDECLARED,
            entry: None,
        });
    };
    let fail = |e: &Entry, message: String, hint: String| {
        Diagnostics(vec![Diagnostic {
            file: file.to_string(),
            line: e.line,
            col: e.col,
            message,
            hint: Some(hint),
        }])
    };
    if let Some(again) = entries.next() {
        return Err(fail(
            again,
            "field `format` is given twice".to_string(),
            "remove one of them".to_string(),
        ));
    }
    let value = plain(&text[index.value_range(text, entry)], false);
    let leave_out =
        format!("or leave the field out: a file without `format` is format {FORMAT_UNDECLARED}");
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail(
            entry,
            format!(
                "`format` is `{}`, not a format number",
                super::shorten(&value, 40)
            ),
            format!(
                "write a whole number: `format: {current}` is the format of this wijksim ({}), {leave_out}",
                env!("CARGO_PKG_VERSION")
            ),
        ));
    }
    // Digits only: a number too long for u64 is far newer than any format.
    let version = value.parse::<u64>().unwrap_or(u64::MAX);
    if version == 0 {
        return Err(fail(
            entry,
            "`format` is 0, below 1".to_string(),
            format!("formats are numbered from 1: write `format: {current}`, {leave_out}"),
        ));
    }
    if version > current as u64 {
        let reads = if current == 1 {
            "format 1".to_string()
        } else {
            format!("formats 1 to {current}")
        };
        return Err(fail(
            entry,
            format!(
                "`format` is {}, newer than this wijksim reads ({reads})",
                super::shorten(&value, 40)
            ),
            format!(
                "the file was written for a later wijksim: upgrade wijksim (this is {}) to one that reads format {}; an older wijksim never reads a newer format, whose fields may mean something else",
                env!("CARGO_PKG_VERSION"),
                super::shorten(&value, 40)
            ),
        ));
    }
    Ok(Declared {
        version: version as u32,
        entry: Some(entry.clone()),
    })
}

/// An upgrade's view of the file: the text in the format being upgraded, and the notes and
/// refusals so far. Paths are field paths as in diagnostics (`neighbourhoods[0].residents`);
/// an operation on a field the file does not state does nothing and returns false (a
/// default has no old spelling to change).
pub struct Edit<'f> {
    file: &'f str,
    from: u32,
    text: String,
    index: SpanIndex,
    notes: Vec<Note>,
    refusals: Vec<Diagnostic>,
}

impl<'f> Edit<'f> {
    fn new(file: &'f str, text: String, from: u32) -> Self {
        let index = SpanIndex::build(&text);
        Edit {
            file,
            from,
            text,
            index,
            notes: Vec::new(),
            refusals: Vec::new(),
        }
    }

    /// The text of the value at `path`, without comments, if the file states it.
    pub fn value(&self, path: &str) -> Option<String> {
        let e = self.index.find(path)?;
        Some(plain(
            &self.text[self.index.value_range(&self.text, e)],
            false,
        ))
    }

    /// How many elements the list at `path` has (0 when the file has no such list).
    pub fn elements(&self, path: &str) -> usize {
        self.index.elements(path)
    }

    /// Gives the field at `path` the name `name`, in place; refuses when the new name is
    /// written too.
    pub fn rename(&mut self, path: &str, name: &str, why: &str) -> bool {
        let Some(e) = self.index.find(path).cloned() else {
            return false;
        };
        let to = sibling(path, name);
        if self.conflict(path, &to) {
            return false;
        }
        let old = self.index.name(&e).len();
        self.note(&e, format!("`{path}` is now `{to}`: {why}"));
        self.splice(e.start..e.start + old, name);
        true
    }

    /// Moves the field at `path` to the field path `to` (creating the structs on the way
    /// that the file leaves out), written on one line at the start of its new struct.
    pub fn move_to(&mut self, path: &str, to: &str, why: &str) -> bool {
        let Some(e) = self.index.find(path).cloned() else {
            return false;
        };
        if self.conflict(path, to) {
            return false;
        }
        let value = plain(&self.text[self.index.value_range(&self.text, &e)], true);
        let Some((at, entry)) = self.insertion(to, &value) else {
            self.refuse(
                path,
                &format!("`{path}` moved to `{to}`, whose place the upgrade cannot find"),
                &format!("write `{path}`'s value as `{to}` and remove `{path}`"),
            );
            return false;
        };
        self.note(&e, format!("`{path}` moved to `{to}`: {why}"));
        // Insert first (it lies outside the removed entry, or before it), then remove:
        // both keep the lines, so the other's range is found again by path.
        self.splice(at..at, &entry);
        let e = self
            .index
            .find(path)
            .cloned()
            .expect("inserting elsewhere keeps the moved entry");
        super::blank(&mut self.text, e.start..e.end);
        self.index = SpanIndex::build(&self.text);
        true
    }

    /// Removes the field at `path`: the new format has no such field.
    pub fn remove(&mut self, path: &str, why: &str) -> bool {
        let Some(e) = self.index.find(path).cloned() else {
            return false;
        };
        self.note(&e, format!("`{path}` is no longer read: {why}"));
        super::blank(&mut self.text, e.start..e.end);
        self.index = SpanIndex::build(&self.text);
        true
    }

    /// Keeps the field at `path` as it is, noting that the new format reads it with another
    /// meaning (`why`).
    pub fn reinterpret(&mut self, path: &str, why: &str) -> bool {
        let Some(e) = self.index.find(path).cloned() else {
            return false;
        };
        self.note(&e, format!("`{path}` is kept with a new meaning: {why}"));
        true
    }

    /// Replaces the value at `path` by `value` (RON text), e.g. a value in a new unit.
    pub fn replace_value(&mut self, path: &str, value: &str, why: &str) -> bool {
        let Some(e) = self.index.find(path).cloned() else {
            return false;
        };
        let range = self.index.value_range(&self.text, &e);
        let old = plain(&self.text[range.clone()], true);
        self.note(
            &e,
            format!(
                "`{path}` was {}, now {}: {why}",
                super::shorten(&old, 40),
                super::shorten(value, 40)
            ),
        );
        self.splice(range, value);
        true
    }

    /// Refuses the file: what the upgrade cannot decide at `path`, and the exact `edit` that
    /// makes the file one of the new format.
    pub fn refuse(&mut self, path: &str, message: &str, edit: &str) {
        let to = self.from + 1;
        let (line, col) = self
            .index
            .find_or_ancestor(path)
            .map(|e| (e.line, e.col))
            .unwrap_or((1, 1));
        self.refusals.push(Diagnostic {
            file: self.file.to_string(),
            line,
            col,
            message: format!("format {} to {to}: {message}", self.from),
            hint: Some(format!("{edit}, then write `format: {to}`")),
        });
    }

    /// Refuses a change of `path` to `to` when the file states `to` as well.
    fn conflict(&mut self, path: &str, to: &str) -> bool {
        let Some(other) = self.index.find(to) else {
            return false;
        };
        let line = other.line;
        self.refuse(
            path,
            &format!("`{path}` is now `{to}`, which the file also states (line {line})"),
            &format!("keep one of `{path}` and `{to}`, named `{to}`"),
        );
        true
    }

    fn note(&mut self, e: &Entry, what: String) {
        self.notes.push(Note {
            file: self.file.to_string(),
            line: e.line,
            col: e.col,
            message: format!("format {} to {}: {what}", self.from, self.from + 1),
        });
    }

    /// Where to insert the field `to` with `value`, and the text to insert: after the
    /// opening parenthesis of the deepest struct on the way to `to` that the file writes,
    /// with the structs below it that the file leaves out. None when a struct to write
    /// anew is a list element, or the struct found is not written as `( ... )`.
    fn insertion(&self, to: &str, value: &str) -> Option<(usize, String)> {
        let segments: Vec<&str> = to.split('.').collect();
        let (name, parents) = segments.split_last()?;
        for written in (0..=parents.len()).rev() {
            let open = if written == 0 {
                top_opening_paren(&self.text)?
            } else {
                match self.index.find(&parents[..written].join(".")) {
                    Some(e) => {
                        opening_paren(&self.text, self.index.value_range(&self.text, e).start)?
                    }
                    None => continue,
                }
            };
            if segments[written..].iter().any(|s| s.contains('[')) {
                return None;
            }
            let mut entry = format!("{name}: {value}");
            for parent in parents[written..].iter().rev() {
                entry = format!("{parent}: ({entry})");
            }
            return Some((open + 1, format!(" {entry},")));
        }
        None
    }

    /// Replaces `range` by `new`, keeping the number of lines: line breaks the new text
    /// lacks are added after it.
    fn splice(&mut self, range: std::ops::Range<usize>, new: &str) {
        let old_lines = self.text[range.clone()].matches('\n').count();
        let mut new = new.to_string();
        for _ in new.matches('\n').count()..old_lines {
            new.push('\n');
        }
        self.text.replace_range(range, &new);
        self.index = SpanIndex::build(&self.text);
    }
}

/// `path` with its last field name replaced by `name`.
fn sibling(path: &str, name: &str) -> String {
    match path.rfind('.') {
        Some(i) => format!("{}.{name}", &path[..i]),
        None => name.to_string(),
    }
}

/// The offset of the `(` that opens the struct whose value starts at `from`: after white
/// space, comments and an optional struct name (`Run(`) or `Some(`.
fn opening_paren(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_blank(bytes, from);
    let word = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
        i += 1;
    }
    let is_some = &text[word..i] == "Some";
    i = skip_blank(bytes, i);
    if bytes.get(i) != Some(&b'(') {
        return None;
    }
    if is_some {
        let j = skip_blank(bytes, i + 1);
        return (bytes.get(j) == Some(&b'(')).then_some(j);
    }
    Some(i)
}

/// The offset of the `(` that opens the whole file, after comments and `#![...]`
/// attributes.
fn top_opening_paren(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = skip_blank(bytes, 0);
    while bytes[i..].starts_with(b"#!") {
        i = skip_blank(bytes, i + text[i..].find(']')? + 1);
    }
    opening_paren(text, i)
}

/// The offset after white space and comments from `i`.
fn skip_blank(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            i = spans::skip_block_comment(bytes, i);
        } else {
            return i;
        }
    }
}

/// `value` without comments, trimmed; with `one_line`, every run of white space and
/// comments outside strings becomes one space. Strings and characters are kept as written.
fn plain(value: &str, one_line: bool) -> String {
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len());
    let space = |out: &mut String| {
        if !out.ends_with(' ') {
            out.push(' ');
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let next = match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let end = value[i..].find('\n').map_or(bytes.len(), |n| i + n);
                space(&mut out);
                i = end;
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                space(&mut out);
                i = spans::skip_block_comment(bytes, i).min(bytes.len());
                continue;
            }
            b if one_line && b.is_ascii_whitespace() => {
                space(&mut out);
                i += 1;
                continue;
            }
            b'"' | b'\'' => spans::skip_quoted(bytes, i),
            b'r' if spans::raw_string_at(bytes, i) => spans::skip_raw_string(bytes, i),
            _ => i + value[i..].chars().next().map_or(1, char::len_utf8),
        };
        let next = next.min(bytes.len());
        out.push_str(&value[i..next]);
        i = next;
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, parse};

    /// A made-up history for the tests. Format 2: `run.length_years` is renamed `years`, the
    /// top-level `seed` moves into `run`, `run.calendar` goes, and a neighbourhood's
    /// `residents.thousands` becomes `residents.count` in persons.
    fn to_two(e: &mut Edit<'_>) {
        e.rename("run.length_years", "years", "the run's length is `years`");
        e.move_to("seed", "run.seed", "the seed belongs to the run");
        e.remove("run.calendar", "every tick is a month");
        for i in 0..e.elements("neighbourhoods") {
            let at = format!("neighbourhoods[{i}].residents.thousands");
            let Some(v) = e.value(&at) else { continue };
            match v.parse::<f64>().map(|k| k * 1000.0) {
                Ok(n) if n.fract() == 0.0 && (0.0..1e9).contains(&n) => {
                    e.replace_value(&at, &format!("{n}"), "counted in persons, not thousands");
                    e.rename(&at, "count", "the number of residents");
                }
                _ => e.refuse(
                    &at,
                    &format!("`{at}` is {v}, not a whole number of residents"),
                    &format!("replace `thousands: {v}` by `count: N`, the residents in persons"),
                ),
            }
        }
    }

    /// Format 3: the coin scheme's `kind` goes; `Mixed` has no one equivalent.
    fn to_three(e: &mut Edit<'_>) {
        match e.value("coins.kind").as_deref() {
            None => {}
            Some("Earned") => {
                e.remove("coins.kind", "an earned coin is the default");
            }
            Some(v) => e.refuse(
                "coins.kind",
                &format!("`coins.kind` is {v}, which format 3 expresses by `coins.purchase`"),
                "remove `kind: Mixed` and write `purchase: (enabled: true)` in `coins`",
            ),
        }
    }

    const HISTORY: &[Upgrade] = &[
        Upgrade {
            from: 1,
            apply: to_two,
        },
        Upgrade {
            from: 2,
            apply: to_three,
        },
    ];

    fn upgraded(text: &str, current: u32) -> (Scenario, Vec<String>) {
        let (work, notes) =
            to_current_with(text, "old.ron", HISTORY, current).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(
            work.lines().count(),
            text.lines().count(),
            "an upgrade keeps the lines:\n{work}"
        );
        let s = parse(&work, "old.ron").unwrap_or_else(|d| panic!("{d}\n{work}"));
        (s, notes.iter().map(|n| n.to_string()).collect())
    }

    fn refused(text: &str, current: u32) -> String {
        to_current_with(text, "old.ron", HISTORY, current)
            .expect_err("the file must be refused")
            .to_string()
    }

    const OLD: &str = "(\n    seed: 7,\n    run: (length_years: 3, calendar: Gregorian),\n    neighbourhoods: [(name: \"a\", residents: (thousands: 2))],\n)";

    #[test]
    fn an_older_file_is_upgraded_with_a_note_at_each_changed_field() {
        let (s, notes) = upgraded(OLD, 2);
        let mut expected = Scenario::default();
        expected.run.seed = 7;
        expected.run.years = 3;
        expected.neighbourhoods[0].name = "a".into();
        expected.neighbourhoods[0].residents.count = 2000;
        assert_eq!(s, expected);
        assert_eq!(
            notes,
            [
                "old.ron:2:5: note: format 1 to 2: `seed` moved to `run.seed`: the seed belongs to the run",
                "old.ron:3:11: note: format 1 to 2: `run.length_years` is now `run.years`: the run's length is `years`",
                "old.ron:3:30: note: format 1 to 2: `run.calendar` is no longer read: every tick is a month",
                "old.ron:4:46: note: format 1 to 2: `neighbourhoods[0].residents.thousands` was 2, now 2000: counted in persons, not thousands",
                "old.ron:4:46: note: format 1 to 2: `neighbourhoods[0].residents.thousands` is now `neighbourhoods[0].residents.count`: the number of residents",
                "old.ron: note: no `format` field: read as format 1, the format before the field existed, and upgraded to format 2 in memory; the file is unchanged: make the changes noted above and write `format: 2` to read it without notes",
            ]
        );
    }

    #[test]
    fn a_declared_older_format_goes_through_every_later_upgrade() {
        let text = format!(
            "(\n    format: 1,\n    coins: (enabled: true, kind: Earned),\n{}",
            &OLD[2..]
        );
        let (s, notes) = upgraded(&text, 3);
        assert!(s.coins.enabled);
        assert_eq!(s.run.years, 3);
        assert_eq!(notes.len(), 7, "{notes:#?}");
        assert_eq!(
            notes[5],
            "old.ron:3:28: note: format 2 to 3: `coins.kind` is no longer read: an earned coin is the default"
        );
        assert_eq!(
            notes[6],
            "old.ron:2:5: note: read as format 1 and upgraded to format 3 in memory; the file is unchanged: make the changes noted above and write `format: 3` to read it without notes"
        );
        // Declaring format 2 skips the first upgrade: `length_years` is then misspelt.
        let text = text.replace("format: 1", "format: 2");
        let (work, _) = to_current_with(&text, "old.ron", HISTORY, 3).unwrap();
        let err = parse(&work, "old.ron").unwrap_err().to_string();
        assert!(
            err.contains("old.ron:5:11: error: unknown field `length_years` in `run`"),
            "{err}"
        );
    }

    #[test]
    fn an_upgrade_that_cannot_decide_refuses_with_the_exact_edit() {
        assert_eq!(
            refused(&OLD.replace("thousands: 2", "thousands: 2.0005"), 2),
            "old.ron:4:46: error: format 1 to 2: `neighbourhoods[0].residents.thousands` is 2.0005, not a whole number of residents\n  hint: replace `thousands: 2.0005` by `count: N`, the residents in persons, then write `format: 2`\n1 problem found; nothing was simulated"
        );
        assert_eq!(
            refused("(format: 2, coins: (kind: Mixed))", 3),
            "old.ron:1:21: error: format 2 to 3: `coins.kind` is Mixed, which format 3 expresses by `coins.purchase`\n  hint: remove `kind: Mixed` and write `purchase: (enabled: true)` in `coins`, then write `format: 3`\n1 problem found; nothing was simulated"
        );
    }

    #[test]
    fn moving_onto_a_field_the_file_states_is_refused() {
        assert_eq!(
            refused("(\n  seed: 7,\n  run: (seed: 8),\n)", 2),
            "old.ron:2:3: error: format 1 to 2: `seed` is now `run.seed`, which the file also states (line 3)\n  hint: keep one of `seed` and `run.seed`, named `run.seed`, then write `format: 2`\n1 problem found; nothing was simulated"
        );
    }

    #[test]
    fn moving_into_a_struct_the_file_leaves_out_writes_it() {
        let text =
            "#![enable(implicit_some)]\n// a comment\n(\n  name: \"x\",\n  seed: 7, // the seed\n)";
        let (s, notes) = upgraded(text, 2);
        assert_eq!((s.name.as_str(), s.run.seed), ("x", 7));
        assert_eq!(notes.len(), 2);
        let (work, _) = to_current_with(text, "old.ron", HISTORY, 2).unwrap();
        assert!(work.contains("( run: (seed: 7),\n"), "{work}");
    }

    #[test]
    fn a_newer_format_is_refused_at_its_field_with_a_hint_to_upgrade_wijksim() {
        let v = env!("CARGO_PKG_VERSION");
        assert_eq!(
            refused("(\n  name: \"x\",\n  format: 4,\n)", 3),
            format!(
                "old.ron:3:3: error: `format` is 4, newer than this wijksim reads (formats 1 to 3)\n  hint: the file was written for a later wijksim: upgrade wijksim (this is {v}) to one that reads format 4; an older wijksim never reads a newer format, whose fields may mean something else\n1 problem found; nothing was simulated"
            )
        );
        let err = parse("(format: 3, run: (yeers: 1))", "new.ron")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "new.ron:1:2: error: `format` is 3, newer than this wijksim reads (formats 1 to 2)\n"
            ),
            "{err}"
        );
        assert!(
            !err.contains("yeers"),
            "a newer file is not read further: {err}"
        );
        let huge = refused("(format: 123456789012345678901234567890)", 3);
        assert!(
            huge.contains("`format` is 123456789012345678901234567890, newer"),
            "{huge}"
        );
    }

    #[test]
    fn a_format_that_is_no_format_number_is_refused_with_its_position() {
        let cases = [
            (
                "(format: 0)",
                "old.ron:1:2: error: `format` is 0, below 1\n  hint: formats are numbered from 1: write `format: 3`, or leave the field out: a file without `format` is format 1",
            ),
            (
                "(format: 1.0)",
                "old.ron:1:2: error: `format` is `1.0`, not a format number\n  hint: write a whole number: `format: 3` is the format of this wijksim",
            ),
            (
                "(format: \"2\")",
                "old.ron:1:2: error: `format` is `\"2\"`, not a format number",
            ),
            (
                "(format: 1 2)",
                "old.ron:1:2: error: `format` is `1 2`, not a format number",
            ),
            (
                "(format: -1)",
                "old.ron:1:2: error: `format` is `-1`, not a format number",
            ),
            (
                "(\n format: 1,\n format: 1,\n)",
                "old.ron:3:2: error: field `format` is given twice\n  hint: remove one of them",
            ),
        ];
        for (text, expected) in cases {
            let err = refused(text, 3);
            assert!(err.starts_with(expected), "{text}:\n{err}");
        }
    }

    #[test]
    fn a_current_file_reads_with_no_notes_and_an_older_one_with_the_closing_note_only() {
        for text in [
            "(format: 2, name: \"x\" /* c */)",
            "(format: 2 /* the second */, name: \"x\")",
        ] {
            let (work, notes) = to_current(text, "f.ron").unwrap();
            assert!(notes.is_empty(), "{text}: {notes:?}");
            assert_eq!(parse(&work, "f.ron").unwrap().name, "x");
        }
        // Format 1 without any field that format 2 changed: only the closing note.
        for text in ["(format: 1, name: \"x\")", "(name: \"x\")"] {
            let (work, notes) = to_current(text, "f.ron").unwrap();
            assert_eq!(notes.len(), 1, "{text}: {notes:?}");
            assert!(notes[0].message.contains("upgraded to format 2 in memory"));
            assert_eq!(parse(&work, "f.ron").unwrap().name, "x");
            assert_eq!(parse(text, "f.ron").unwrap().name, "x");
        }
    }

    /// The real upgrade from format 1: the old defaults go with a note, the separation rate
    /// moves into `region`, the skill bar is noted, any other value is refused at its line.
    #[test]
    fn format_1_reads_into_the_regional_market() {
        let old = "(\n    behaviour: (commuter_hire_probability: 0.6),\n    outside: (vacancies_per_1000_residents_month: 6.5, separation_probability_per_month: 0.01,\n        skill_required: 0.3),\n)";
        let (work, notes) = to_current(old, "old.ron").unwrap();
        assert_eq!(work.lines().count(), old.lines().count());
        let s = parse(&work, "old.ron").unwrap();
        assert_eq!(s.region.separation_rate_per_month, 0.01);
        assert_eq!(s.outside.skill_required, 0.3);
        assert_eq!(s.region.tightness, Scenario::default().region.tightness);
        let notes: Vec<String> = notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(notes.len(), 5, "{notes:#?}");
        assert!(notes[0].starts_with("old.ron:2:17: note: format 1 to 2: `behaviour.commuter_hire_probability` is no longer read: a vacancy no resident fills goes to a commuter with the region's fill rate"));
        assert!(notes[1].starts_with("old.ron:3:15: note: format 1 to 2: `outside.vacancies_per_1000_residents_month` is no longer read"));
        assert!(notes[2].starts_with("old.ron:3:56: note: format 1 to 2: `outside.separation_probability_per_month` moved to `region.separation_rate_per_month`"));
        assert!(notes[3].starts_with(
            "old.ron:4:9: note: format 1 to 2: `outside.skill_required` is kept with a new meaning"
        ));
        for (text, at) in [
            (
                "(outside: (vacancies_per_1000_residents_month: 3.0))",
                "1:12",
            ),
            ("(behaviour: (commuter_hire_probability: 1.0))", "1:14"),
        ] {
            let err = to_current(text, "old.ron").unwrap_err().to_string();
            assert!(
                err.starts_with(&format!("old.ron:{at}: error: format 1 to 2: `"))
                    && err.contains("which format 2 does not read")
                    && err.contains("hint: remove `"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_misspelt_format_suggests_the_field() {
        let err = parse("(fromat: 1)", "f.ron").unwrap_err().to_string();
        assert!(
            err.contains(
                "unknown field `fromat`\n  hint: did you mean `format`? allowed: format, name,"
            ),
            "{err}"
        );
    }

    #[test]
    fn every_earlier_format_has_its_upgrade_in_order() {
        assert_eq!(UPGRADES.len() as u32, FORMAT_VERSION - 1);
        for (i, u) in UPGRADES.iter().enumerate() {
            assert_eq!(u.from, i as u32 + 1);
        }
        for (i, u) in HISTORY.iter().enumerate() {
            assert_eq!(u.from, i as u32 + 1);
        }
    }

    #[test]
    fn the_resolved_text_declares_its_format_from_format_2_on() {
        let two = crate::scenario::to_ron(&Scenario::default());
        let text = crate::scenario::with_format(two.replace("    format: 2,\n", ""), 1);
        assert!(!text.contains("format"), "format 1 is written as before");
        assert!(two.starts_with("#![enable(implicit_some)]\n(\n    format: 2,\n    name: "));
        let index = SpanIndex::build(&two);
        assert_eq!(index.top_level_fields().next(), Some("format"));
        let (work, notes) = to_current_with(&two, "r.ron", HISTORY, 2).unwrap();
        assert!(notes.is_empty());
        assert_eq!(parse(&work, "r.ron").unwrap(), Scenario::default());
    }
}
