//! Where each field of a RON file is: a light scanner that maps field paths such as
//! `neighbourhoods[0].residents.count` to the line and column of the field name and to the
//! byte range of the whole `name: value,` entry.
//!
//! serde deserialises into types and forgets positions; this index gives them back, so
//! that a range error found after parsing still points at its line, and so that an entry
//! the parser rejected can be blanked out to find the next problem in the same file.

/// A field entry in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Dotted path, list elements as `[i]`.
    pub path: String,
    /// 1-based line of the field name.
    pub line: usize,
    /// 1-based column (in characters) of the field name.
    pub col: usize,
    /// Byte range of `name: value` and its trailing comma, if any.
    pub start: usize,
    /// End of the range (exclusive).
    pub end: usize,
}

/// All entries of a file, in source order.
#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// Entries in the order their names appear.
    pub entries: Vec<Entry>,
    line_starts: Vec<usize>,
}

struct Frame {
    prefix: String,
    is_list: bool,
    index: usize,
    open_entry: Option<usize>,
}

impl SpanIndex {
    /// Scans `src`. Malformed input gives a partial index, never a panic.
    pub fn build(src: &str) -> SpanIndex {
        let bytes = src.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        let mut index = SpanIndex {
            entries: Vec::new(),
            line_starts,
        };
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
                    i += 2;
                    while i + 1 < bytes.len() && !(bytes[i] == b'*' && bytes[i + 1] == b'/') {
                        i += 1;
                    }
                    i += 2;
                    continue;
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        if bytes[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    let prefix = match stack.last() {
                        None => String::new(),
                        Some(f) if f.is_list => format!("{}[{}]", f.prefix, f.index),
                        Some(f) => match f.open_entry {
                            Some(e) => index.entries[e].path.clone(),
                            None => f.prefix.clone(),
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
                    if let (true, Some(f)) = (is_key, stack.last_mut())
                        && !f.is_list
                    {
                        let name = &src[start..i];
                        let path = if f.prefix.is_empty() {
                            name.to_string()
                        } else {
                            format!("{}.{}", f.prefix, name)
                        };
                        let (line, col) = index.line_col(start);
                        index.entries.push(Entry {
                            path,
                            line,
                            col,
                            start,
                            end: bytes.len(),
                        });
                        f.open_entry = Some(index.entries.len() - 1);
                    }
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        index
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        (line, offset - self.line_starts[line - 1] + 1)
    }

    /// Byte offset of a 1-based line and column counted in characters.
    pub fn offset(&self, src: &str, line: usize, col: usize) -> usize {
        let start = *self
            .line_starts
            .get(line.saturating_sub(1))
            .unwrap_or(&src.len());
        src[start..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map(|(o, _)| start + o)
            .unwrap_or(src.len())
    }

    /// The entry for an exact path.
    pub fn find(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The entry for `path` or, failing that, its nearest ancestor present in the file.
    pub fn find_or_ancestor(&self, path: &str) -> Option<&Entry> {
        let mut p = path;
        loop {
            if let Some(e) = self.find(p) {
                return Some(e);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// The innermost entry whose range contains `offset`.
    pub fn innermost_at(&self, offset: usize) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| e.start <= offset && offset < e.end.max(e.start + 1))
            .min_by_key(|e| e.end - e.start)
    }
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
        assert!(idx.find("neighbourhoods[1].name").is_some());
        let e = idx.find("name").unwrap();
        assert_eq!(&src[e.start..e.end], "name: \"x\",");
        assert_eq!(
            idx.find_or_ancestor("run.years").unwrap().path,
            "run".to_string()
        );
        let off = idx.offset(src, 3, 15);
        assert_eq!(idx.innermost_at(off).unwrap().path, "run.seed");
    }
}
