//! The model description, docs/ODD.md of this build, as a self-contained `odd.html` that
//! every report writes beside itself, so that a report's methods link to the rules and
//! parameters of the very version that produced its numbers, offline.
//!
//! Headings get stable ids: a numbered section `7.18 ...` is `s7-18`; any other heading
//! the slug of its text up to the first colon or parenthesis (`Lever 5: ...` is
//! `lever-5`, `Calibration and validation` is `calibration-and-validation`), a repeat
//! taking `-2`, `-3`, ...

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// docs/ODD.md as compiled into this binary.
pub const ODD_MD: &str = include_str!("../../docs/ODD.md");

/// The file name reports link to.
pub const FILE: &str = "odd.html";

/// The id of a heading with text `text`.
pub fn anchor(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let numbered = !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit() || c == '.')
        && first.chars().next().is_some_and(|c| c.is_ascii_digit());
    if numbered {
        return format!("s{}", first.trim_end_matches('.').replace('.', "-"));
    }
    // After the first character, so that a label like `(a) ...` is kept.
    let cut = text
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == ':' || *c == '(')
        .map_or(text.len(), |(i, _)| i);
    let mut slug = String::new();
    for c in text[..cut].chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if (c == ' ' || c == '-') && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}

/// A heading of the model description: its id, its text and its level (1 for `#`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The id ([`anchor`], made unique).
    pub id: String,
    /// The text, code spans included without their backticks.
    pub text: String,
    /// 1 to 6.
    pub level: u8,
}

impl Heading {
    /// Whether it is a numbered section (`s7-18`).
    pub fn is_numbered(&self) -> bool {
        self.id.starts_with('s') && self.id[1..].chars().all(|c| c.is_ascii_digit() || c == '-')
    }

    /// How a report cites it: a numbered section by its number (`7.18`), another by the
    /// number of the numbered section it lies in (`5` for the burn-in), else its text.
    pub fn citation(&self, all: &[Heading]) -> String {
        if self.is_numbered() {
            return self.id[1..].replace('-', ".");
        }
        let at = all.iter().position(|h| h == self).unwrap_or(0);
        all[..at]
            .iter()
            .rev()
            .find(|h| h.level < self.level)
            .filter(|h| h.is_numbered())
            .map_or_else(|| self.text.clone(), |h| h.id[1..].replace('-', "."))
    }
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Every heading in document order.
pub fn headings() -> Vec<Heading> {
    let mut out: Vec<Heading> = Vec::new();
    let mut current: Option<(String, u8)> = None;
    for ev in Parser::new_ext(ODD_MD, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level: l, .. }) => {
                current = Some((String::new(), level(l)))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((h, _)) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((text, level)) = current.take() {
                    let base = anchor(&text);
                    let mut id = base.clone();
                    let mut k = 1;
                    while out.iter().any(|h| h.id == id) {
                        k += 1;
                        id = format!("{base}-{k}");
                    }
                    out.push(Heading { id, text, level });
                }
            }
            _ => {}
        }
    }
    out
}

/// The line index of every ATX heading (`# ...` to `###### ...`, outside code fences) of
/// the description, in the order [`headings`] lists them.
fn heading_lines(lines: &[&str]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            let hashes = l.chars().take_while(|&c| c == '#').count();
            if (1..=6).contains(&hashes) && l[hashes..].starts_with(' ') {
                out.push(i);
            }
        }
    }
    out
}

/// The section of heading `id` (its heading and everything up to the next heading of the
/// same or a higher level) as HTML, its headings' ids prefixed with `odd-`, for a report's
/// appendix; `None` for an unknown id.
pub fn section_html(id: &str) -> Option<String> {
    let all = headings();
    let k = all.iter().position(|h| h.id == id)?;
    let lines: Vec<&str> = ODD_MD.lines().collect();
    let at = heading_lines(&lines);
    let start = *at.get(k)?;
    let end_k = (k + 1..all.len())
        .find(|&j| all[j].level <= all[k].level)
        .unwrap_or(all.len());
    let end = at.get(end_k).copied().unwrap_or(lines.len());
    let text = lines[start..end].join("\n");
    let ids = all[k..].iter().map(|h| format!("odd-{}", h.id));
    let out = render(&text, ids);
    Some(out)
}

/// `text` as HTML, its headings taking the ids of `ids` in order.
fn render(text: &str, mut ids: impl Iterator<Item = String>) -> String {
    let events = Parser::new_ext(text, Options::ENABLE_TABLES).map(|ev| match ev {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => Event::Start(Tag::Heading {
            level,
            id: ids.next().map(Into::into),
            classes,
            attrs,
        }),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Whether `id` is a heading of the model description.
pub fn has(id: &str) -> bool {
    headings().iter().any(|h| h.id == id)
}

/// The whole page: the description with ids on its headings, a contents list of its
/// sections, and a plain stylesheet (print included).
pub fn html() -> String {
    let ids = headings();
    let body = render(ODD_MD, ids.iter().map(|h| h.id.clone()));
    let mut toc = String::from("<nav><ul>");
    for h in ids.iter().filter(|h| h.level <= 3 && h.level >= 2) {
        toc.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            h.id,
            super::svg::escape(&h.text)
        ));
    }
    toc.push_str("</ul></nav>");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>wijksim: model description (ODD)</title><style>\
body{{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}}\
table{{border-collapse:collapse;display:block;overflow-x:auto;font-size:0.9em}}td,th{{border:1px solid #ccc;padding:3px 6px;vertical-align:top}}\
code{{background:#f3f3f3;padding:0 2px}}pre{{background:#f3f3f3;padding:0.5em;overflow-x:auto}}nav ul{{columns:2;font-size:0.9em}}\
:target{{background:#fff3c4}}@page{{size:A4;margin:15mm}}@media print{{nav{{display:none}}body{{max-width:none}}}}\
</style></head><body>{toc}{body}</body></html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_stable_ids() {
        assert_eq!(anchor("7.18 Who pays, who gains: the analysis"), "s7-18");
        assert_eq!(anchor("2 Entities, state variables and scales"), "s2");
        assert_eq!(anchor("Lever 5: procurement quota (`levers.x`)"), "lever-5");
        assert_eq!(
            anchor("Calibration and validation"),
            "calibration-and-validation"
        );
        assert_eq!(
            anchor("(a) The Godley-Lavoie SIM model"),
            "a-the-godley-lavoie-sim-model"
        );
        let h = headings();
        let find = |id: &str| h.iter().find(|x| x.id == id).unwrap().citation(&h);
        assert_eq!(find("s7-18"), "7.18");
        assert_eq!(find("lever-11"), "7.15");
        assert_eq!(find("burn-in"), "5");
        assert_eq!(find("stochasticity"), "4");
        assert_eq!(
            find("what-drives-the-answer"),
            "What drives the answer (issue 10, item 8)"
        );
        let lines: Vec<&str> = ODD_MD.lines().collect();
        assert_eq!(
            heading_lines(&lines).len(),
            h.len(),
            "every heading is an ATX line"
        );
        let s = section_html("s7-19").unwrap();
        assert!(s.starts_with("<h3 id=\"odd-s7-19\">"), "{}", &s[..80]);
        assert!(!s.contains("Calibration and validation"));
        assert!(
            section_html("s7-15")
                .unwrap()
                .contains("id=\"odd-lever-11\"")
        );
        assert!(section_html("nothing").is_none());
        let page = html();
        assert!(page.contains("id=\"s7-18\""));
        assert!(page.contains("<table>"));
    }
}
