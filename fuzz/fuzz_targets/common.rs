//! The property both targets check (the same as tests/parser_mutation.rs): parsing returns,
//! and every diagnostic points at a line and column of the text.

use wijksim::scenario::Diagnostics;

pub fn check_positions(text: &str, result: Result<(), Diagnostics>) {
    let Err(d) = result else { return };
    assert!(!d.0.is_empty());
    let lines: Vec<usize> = text.split('\n').map(|l| l.chars().count()).collect();
    for p in &d.0 {
        assert!(p.line >= 1 && p.line <= lines.len(), "{p}");
        assert!(p.col >= 1 && p.col <= lines[p.line - 1] + 1, "{p}");
        assert!(
            p.message.len() < 2_000,
            "message of {} bytes",
            p.message.len()
        );
    }
}
