//! Any bytes, read as text, through the experiment parser and its design checks.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use wijksim::experiment::design;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = design::parse(&text, "fuzz.ron").map(|_| ());
    common::check_positions(&text, result);
});
