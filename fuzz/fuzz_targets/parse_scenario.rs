//! Any bytes, read as text, through the scenario parser and validator.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = wijksim::scenario::parse(&text, "fuzz.ron").map(|_| ());
    common::check_positions(&text, result);
    let _ = wijksim::cli::validate::is_experiment(&text);
});
