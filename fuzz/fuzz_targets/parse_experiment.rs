//! Any bytes, read as text, through the experiment parser and its design checks.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use wijksim::experiment::design::{self, Experiment};
use wijksim::scenario::validate::Problem;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let result = wijksim::scenario::parse_with(&text, "fuzz.ron", |e: &Experiment| {
        design::check(e)
            .into_iter()
            .map(|(path, message, hint)| Problem {
                path,
                message,
                hint: Some(hint),
            })
            .collect()
    })
    .map(|_| ());
    common::check_positions(&text, result);
});
