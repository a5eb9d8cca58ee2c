//! Where each field of a RON file is: a light scanner that maps field paths such as
//! `neighbourhoods[0].residents.count` to the line and column of the field name and to the
//! byte range of the whole `name: value,` entry.
//!
//! serde deserialises into types and forgets positions; this index gives them back, so
//! that a range error found after parsing still points at its line, and so that an entry
//! the parser rejected can be blanked out to find the next problem in the same file.
//!
//! *Architecture invariant*: building the index is linear in the length of the text. Paths
//! are never stored whole: every entry keeps only its own name and a link to the node that
//! encloses it (a field or a list element), so `[[[[...` or a thousand-character field name
//! costs the same per byte as a flat file. Nesting deeper than [`NESTING_DEPTH_MAX`] stops
//! the scan; [`SpanIndex::too_deep`] says where.

use std::collections::HashMap;

/// The deepest nesting of `(`, `[` and `{` a file may have. The shipped scenarios nest at
/// most 5 levels; RON's own recursion limit ([`super::RON_RECURSION_MAX`]) is above it, so
/// the scanner reports a deep file first, with its position.
pub const NESTING_DEPTH_MAX: usize = 64;

/// A field's name as shown in a path: at most this many characters, then `…`.
const SEGMENT_CHARS_SHOWN: usize = 64;

/// A field entry in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The entry's node in the tree of fields and list elements.
    node: u32,
    /// 1-based line of the field name.
    pub line: usize,
    /// 1-based column (in characters) of the field name.
    pub col: usize,
    /// Byte range of `name: value` and its trailing comma, if any.
    pub start: usize,
    /// End of the range (exclusive).
    pub end: usize,
}

/// One step of a path: a field name or a list index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Segment {
    Field(Box<str>),
    Element(usize),
}

#[derive(Clone, Debug)]
struct Node {
    parent: Option<u32>,
    segment: Segment,
}

/// All entries of a file, in source order.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// Entries in the order their names appear.
    pub entries: Vec<Entry>,
    nodes: Vec<Node>,
    /// The first node for each (parent, segment), to resolve a path without building it.
    children: HashMap<(Option<u32>, Segment), u32>,
    /// Entry index of each field node (`u32::MAX` for list elements).
    entry_of_node: Vec<u32>,
    line_starts: Vec<usize>,
    too_deep: Option<usize>,
}

struct Frame {
    /// The node whose path prefixes the fields of this frame.
    prefix: Option<u32>,
    is_list: bool,
    index: usize,
    open_entry: Option<usize>,
}

/// Counts characters up to increasing byte offsets, in one pass over the text in total.
struct ColumnCursor {
    offset: usize,
    col: usize,
}

impl ColumnCursor {
    /// 1-based column in characters of `offset`, which must not be below the previous one.
    fn col(&mut self, bytes: &[u8], line_start: usize, offset: usize) -> usize {
        if line_start > self.offset {
            self.offset = line_start;
            self.col = 1;
        }
        for &b in &bytes[self.offset..offset] {
            if b & 0xC0 != 0x80 {
                self.col += 1;
            }
        }
        self.offset = offset;
        self.col
    }
}

impl SpanIndex {
    /// Scans `src`. Malformed input gives a partial index, never a panic; the scan stops at
    /// nesting deeper than [`NESTING_DEPTH_MAX`].
    pub fn build(src: &str) -> SpanIndex {
        let bytes = src.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        let mut index = SpanIndex {
            line_starts,
            ..SpanIndex::default()
        };
        let mut cursor = ColumnCursor { offset: 0, col: 1 };
        let mut stack: Vec<Frame> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i = skip_block_comment(bytes, i);
                    continue;
                }
                b'"' | b'\'' => {
                    i = skip_quoted(bytes, i);
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if stack.len() >= NESTING_DEPTH_MAX {
                        index.too_deep = Some(i);
                        break;
                    }
                    let prefix = match stack.last() {
                        None => None,
                        Some(f) if f.is_list => {
                            Some(index.node(f.prefix, Segment::Element(f.index)))
                        }
                        Some(f) => match f.open_entry {
                            Some(e) => Some(index.entries[e].node),
                            None => f.prefix,
                        },
                    };
                    stack.push(Frame {
                        prefix,
                        is_list: b == b'[',
                        index: 0,
                        open_entry: None,
                    });
                }
                b')' | b']' | b'}' => {
                    if let Some(f) = stack.pop()
                        && let Some(e) = f.open_entry
                    {
                        index.entries[e].end = trim_end(bytes, i);
                    }
                }
                b',' => {
                    if let Some(f) = stack.last_mut() {
                        if f.is_list {
                            f.index += 1;
                        } else if let Some(e) = f.open_entry.take() {
                            index.entries[e].end = i + 1;
                        }
                    }
                }
                b'r' if raw_string_at(bytes, i) => {
                    i = skip_raw_string(bytes, i);
                    continue;
                }
                _ if b.is_ascii_alphabetic() || b == b'_' => {
                    let start = i;
                    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_')
                    {
                        i += 1;
                    }
                    let mut j = i;
                    while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    let is_key = bytes.get(j) == Some(&b':') && bytes.get(j + 1) != Some(&b':');
                    if let (true, Some(f)) = (is_key, stack.last())
                        && !f.is_list
                    {
                        let parent = f.prefix;
                        let node = index.node(parent, Segment::Field(src[start..i].into()));
                        let line = index.line_starts.partition_point(|&s| s <= start);
                        let col = cursor.col(bytes, index.line_starts[line - 1], start);
                        index.entry_of_node[node as usize] = index.entries.len() as u32;
                        index.entries.push(Entry {
                            node,
                            line,
                            col,
                            start,
                            end: bytes.len(),
                        });
                        if let Some(f) = stack.last_mut() {
                            f.open_entry = Some(index.entries.len() - 1);
                        }
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        index
    }

    /// A new node under `parent`; the first of its (parent, segment) is the one a path
    /// resolves to.
    fn node(&mut self, parent: Option<u32>, segment: Segment) -> u32 {
        let id = self.nodes.len() as u32;
        self.children.entry((parent, segment.clone())).or_insert(id);
        self.nodes.push(Node { parent, segment });
        self.entry_of_node.push(u32::MAX);
        id
    }

    /// The byte offset of the first bracket nested deeper than [`NESTING_DEPTH_MAX`], if
    /// any; the index covers only the text before it.
    pub fn too_deep(&self) -> Option<usize> {
        self.too_deep
    }

    /// The dotted path of an entry, list elements as `[i]`, e.g.
    /// `neighbourhoods[0].residents.count`. Field names longer than 64 characters are
    /// shortened with `…`.
    pub fn path(&self, e: &Entry) -> String {
        let mut segments = Vec::new();
        let mut at = Some(e.node);
        while let Some(n) = at {
            let node = &self.nodes[n as usize];
            segments.push(&node.segment);
            at = node.parent;
        }
        let mut out = String::new();
        for s in segments.iter().rev() {
            match s {
                Segment::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    match name.char_indices().nth(SEGMENT_CHARS_SHOWN) {
                        Some((cut, _)) => {
                            out.push_str(&name[..cut]);
                            out.push('…');
                        }
                        None => out.push_str(name),
                    }
                }
                Segment::Element(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// The names of the top-level fields, in source order.
    pub fn top_level_fields(&self) -> impl Iterator<Item = &str> {
        self.top_level_entries().map(|(name, _)| name)
    }

    /// The top-level entries with their names, in source order (a field written twice
    /// appears twice).
    pub fn top_level_entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.entries.iter().filter_map(|e| {
            let node = &self.nodes[e.node as usize];
            match (&node.parent, &node.segment) {
                (None, Segment::Field(name)) => Some((&name[..], e)),
                _ => None,
            }
        })
    }

    /// The entry's own field name, the last segment of its path, in full.
    pub fn name(&self, e: &Entry) -> &str {
        match &self.nodes[e.node as usize].segment {
            Segment::Field(name) => name,
            Segment::Element(_) => "",
        }
    }

    /// The byte range of an entry's value in `src` (the text the index was built from):
    /// after the colon, without the trailing comma and the white space around it.
    pub fn value_range(&self, src: &str, e: &Entry) -> std::ops::Range<usize> {
        let bytes = src.as_bytes();
        let mut start = e.start + self.name(e).len();
        while start < e.end && bytes[start] != b':' {
            start += 1;
        }
        start = (start + 1).min(e.end);
        let mut end = e.end;
        if end > start && bytes[end - 1] == b',' {
            end -= 1;
        }
        while start < end && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        start..trim_end(bytes, end).max(start)
    }

    /// How many elements the list at `path` has that are written in brackets (structs),
    /// which is every element of the lists of a scenario; 0 when there is no such list.
    pub fn elements(&self, path: &str) -> usize {
        let Some(list) = self.resolve_node(path) else {
            return 0;
        };
        (0..)
            .take_while(|&i| {
                self.children
                    .contains_key(&(Some(list), Segment::Element(i)))
            })
            .count()
    }

    /// 1-based line and column (in characters) of a byte offset of `src`, the text the
    /// index was built from (or one of the same length and line breaks).
    pub fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(src.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = src.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        (line, col + 1)
    }

    /// Byte offset of a 1-based line and column counted in characters.
    pub fn offset(&self, src: &str, line: usize, col: usize) -> usize {
        let start = (*self
            .line_starts
            .get(line.saturating_sub(1))
            .unwrap_or(&src.len()))
        .min(src.len());
        if !src.is_char_boundary(start) {
            return src.len();
        }
        src[start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map(|(o, _)| start + o)
            .unwrap_or(src.len())
    }

    /// The entry for an exact path.
    pub fn find(&self, path: &str) -> Option<&Entry> {
        let (entry, complete) = self.resolve(path);
        if complete { entry } else { None }
    }

    /// The entry for `path` or, failing that, its nearest ancestor present in the file.
    pub fn find_or_ancestor(&self, path: &str) -> Option<&Entry> {
        self.resolve(path).0
    }

    /// The node `path` names, a field or a list element, if the file has it.
    fn resolve_node(&self, path: &str) -> Option<u32> {
        match self.walk(path) {
            (_, Some(node), true) => Some(node),
            _ => None,
        }
    }

    /// Follows `path` from the top; returns the deepest field entry reached and whether the
    /// whole path was reached and ends at a field.
    fn resolve(&self, path: &str) -> (Option<&Entry>, bool) {
        let (deepest, node, complete) = self.walk(path);
        let ends_at_field =
            node.is_some_and(|n| matches!(self.nodes[n as usize].segment, Segment::Field(_)));
        (deepest, complete && ends_at_field)
    }

    /// Follows `path` from the top: the deepest field entry reached, the last node reached
    /// and whether the whole path was reached.
    fn walk(&self, path: &str) -> (Option<&Entry>, Option<u32>, bool) {
        let mut at: Option<u32> = None;
        let mut deepest = None;
        let mut rest = path;
        while !rest.is_empty() {
            let (segment, tail) = if let Some(r) = rest.strip_prefix('[') {
                let close = r.find(']').unwrap_or(r.len());
                let Ok(i) = r[..close].parse::<usize>() else {
                    return (deepest, at, false);
                };
                (Segment::Element(i), r.get(close + 1..).unwrap_or(""))
            } else {
                let r = rest.strip_prefix('.').unwrap_or(rest);
                let cut = r.find(['.', '[']).unwrap_or(r.len());
                (Segment::Field(r[..cut].into()), &r[cut..])
            };
            let is_field = matches!(segment, Segment::Field(_));
            let Some(&n) = self.children.get(&(at, segment)) else {
                return (deepest, at, false);
            };
            at = Some(n);
            if is_field {
                deepest = self.entries.get(self.entry_of_node[n as usize] as usize);
            }
            rest = tail;
        }
        (deepest, at, at.is_some())
    }

    /// The innermost entry whose range contains `offset`.
    pub fn innermost_at(&self, offset: usize) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.start <= offset && offset < e.end.max(e.start + 1))
            .min_by_key(|e| e.end - e.start)
    }
}

/// The offset after the block comment that starts at `i` (block comments nest, as in RON).
pub(crate) fn skip_block_comment(bytes: &[u8], mut i: usize) -> usize {
    i += 2;
    let mut level = 1;
    while i < bytes.len() && level > 0 {
        if bytes[i..].starts_with(b"/*") {
            level += 1;
            i += 2;
        } else if bytes[i..].starts_with(b"*/") {
            level -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    i
}

/// Skips a `"..."` string or a `'.'` character starting at `i`; returns the offset after it.
pub(crate) fn skip_quoted(bytes: &[u8], mut i: usize) -> usize {
    let quote = bytes[i];
    i += 1;
    while i < bytes.len() && bytes[i] != quote {
        if bytes[i] == b'\\' {
            i += 1;
        }
        i += 1;
    }
    i + 1
}

/// Whether a raw string `r"..."` or `r#"..."#` starts at `i` (not inside an identifier).
pub(crate) fn raw_string_at(bytes: &[u8], i: usize) -> bool {
    if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
        return false;
    }
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    bytes.get(j) == Some(&b'"')
}

pub(crate) fn skip_raw_string(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while bytes.get(j) == Some(&b'#') {
        j += 1;
    }
    let hashes = j - i - 1;
    j += 1;
    while j < bytes.len() {
        if bytes[j] == b'"' && bytes[j + 1..].iter().take(hashes).all(|&b| b == b'#') {
            let end = j + 1 + hashes;
            if end <= bytes.len() {
                return end;
            }
        }
        j += 1;
    }
    bytes.len()
}

fn trim_end(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_positions_and_ranges() {
        let src = "(\n  name: \"x\", // c\n  run: (seed: 3),\n  neighbourhoods: [(residents: (count: 5)), (name: \"b\")],\n)";
        let idx = SpanIndex::build(src);
        let e = idx.find("run.seed").unwrap();
        assert_eq!((e.line, e.col), (3, 9));
        assert_eq!(&src[e.start..e.end], "seed: 3");
        let e = idx.find("neighbourhoods[0].residents.count").unwrap();
        assert_eq!(&src[e.start..e.end], "count: 5");
        assert_eq!(idx.path(e), "neighbourhoods[0].residents.count");
        assert!(idx.find("neighbourhoods[1].name").is_some());
        assert!(idx.find("neighbourhoods[1]").is_none());
        let e = idx.find("name").unwrap();
        assert_eq!(&src[e.start..e.end], "name: \"x\",");
        assert_eq!(idx.path(idx.find_or_ancestor("run.years").unwrap()), "run");
        let e = idx.find_or_ancestor("neighbourhoods[1].residents.count");
        assert_eq!(idx.path(e.unwrap()), "neighbourhoods");
        let off = idx.offset(src, 3, 15);
        assert_eq!(idx.path(idx.innermost_at(off).unwrap()), "run.seed");
        assert_eq!(
            idx.top_level_fields().collect::<Vec<_>>(),
            ["name", "run", "neighbourhoods"]
        );
    }

    #[test]
    fn values_names_and_list_elements_of_entries() {
        let src = "(\n  format: 1 /* c */,\n  run: Run( seed: 3 ),\n  neighbourhoods: [(name: \"a\"), (name: \"b\")],\n  format: 2\n)";
        let idx = SpanIndex::build(src);
        let top: Vec<_> = idx.top_level_entries().map(|(n, e)| (n, e.line)).collect();
        assert_eq!(
            top,
            [
                ("format", 2),
                ("run", 3),
                ("neighbourhoods", 4),
                ("format", 5)
            ]
        );
        let value = |path: &str| &src[idx.value_range(src, idx.find(path).unwrap())];
        assert_eq!(value("format"), "1 /* c */");
        assert_eq!(value("run"), "Run( seed: 3 )");
        assert_eq!(value("run.seed"), "3");
        assert_eq!(value("neighbourhoods[1].name"), "\"b\"");
        assert_eq!(idx.name(idx.find("run.seed").unwrap()), "seed");
        assert_eq!(idx.elements("neighbourhoods"), 2);
        assert_eq!(idx.elements("run"), 0);
        assert_eq!(idx.elements("levers"), 0);
        let last = idx.top_level_entries().last().unwrap().1;
        assert_eq!(&src[idx.value_range(src, last)], "2");
    }

    #[test]
    fn columns_count_characters_after_multibyte_text() {
        let src = "(name: \"Wörgl\", run: (seed: 3))";
        let idx = SpanIndex::build(src);
        let e = idx.find("run").unwrap();
        // `run` is the 17th character and the 18th byte.
        assert_eq!((e.line, e.col), (1, 17));
        assert_eq!(idx.line_col(src, e.start), (1, 17));
        assert_eq!(idx.offset(src, 1, 17), e.start);
    }

    #[test]
    fn brackets_in_strings_characters_raw_strings_and_nested_comments_are_not_nesting() {
        let src = "(a: r#\"(\"[\"#, b: '(', /* /* ( */ [ */ c: \"[\", d: (e: 1))";
        let idx = SpanIndex::build(src);
        assert_eq!(idx.path(idx.find("d.e").unwrap()), "d.e");
        assert_eq!(
            idx.top_level_fields().collect::<Vec<_>>(),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn nesting_deeper_than_the_limit_stops_the_scan_at_the_first_bracket_too_deep() {
        let ok = format!(
            "(a: {}{})",
            "[".repeat(NESTING_DEPTH_MAX - 1),
            "]".repeat(63)
        );
        assert_eq!(SpanIndex::build(&ok).too_deep(), None);
        let deep = format!("(a: {})", "[".repeat(NESTING_DEPTH_MAX));
        assert_eq!(
            SpanIndex::build(&deep).too_deep(),
            Some(4 + NESTING_DEPTH_MAX - 1)
        );
    }

    #[test]
    fn long_field_names_are_shortened_in_paths() {
        let name = "x".repeat(1000);
        let src = format!("({name}: (a: 1))");
        let idx = SpanIndex::build(&src);
        let e = idx.find(&format!("{name}.a")).unwrap();
        assert_eq!(idx.path(e), format!("{}….a", "x".repeat(64)));
    }
}
