//! `wijksim validate FILE...`: every problem of every file, then exit code 2 if any.
//! Scenario and experiment files are both recognised, by their top-level field names.

use super::CliError;
use crate::scenario::{self, spans::SpanIndex};
use std::path::PathBuf;

/// Top-level fields only an experiment file has (`name` is common to both kinds).
const EXPERIMENT_FIELDS: [&str; 6] = ["base", "factors", "design", "replications", "seed", "years"];

/// Top-level fields only a scenario file has.
const SCENARIO_FIELDS: [&str; 10] = [
    "description",
    "run",
    "economy",
    "behaviour",
    "municipality",
    "national",
    "outside",
    "coins",
    "levers",
    "neighbourhoods",
];

/// Whether `text` is an experiment file: more of its top-level fields are experiment
/// fields than scenario fields. A file with neither (`()`, or only a `name`) is a scenario,
/// and a file with a misspelt field still counts by its other fields, so its errors are
/// those of its own kind.
pub fn is_experiment(text: &str) -> bool {
    let index = SpanIndex::build(text);
    let (mut experiment, mut scenario) = (0, 0);
    for name in index.top_level_fields() {
        if EXPERIMENT_FIELDS.contains(&name) {
            experiment += 1;
        } else if SCENARIO_FIELDS.contains(&name) {
            scenario += 1;
        }
    }
    experiment > scenario
}

/// Validates each file; prints `FILE: ok`, `FILE: ok (experiment)` or its problems.
pub fn validate(files: &[PathBuf]) -> Result<(), CliError> {
    let mut failed = 0;
    for f in files {
        let problems = match scenario::read_text(f) {
            Err(d) => Some(d.to_string()),
            Ok(text) if is_experiment(&text) => match crate::experiment::sweep::load(f) {
                Ok(_) => {
                    println!("{}: ok (experiment)", f.display());
                    None
                }
                Err(e) => Some(e.to_string()),
            },
            Ok(text) => match scenario::parse_noted(&text, &f.display().to_string()) {
                Ok((_, notes)) => {
                    for n in notes {
                        eprintln!("{n}");
                    }
                    println!("{}: ok", f.display());
                    None
                }
                Err(d) => Some(d.to_string()),
            },
        };
        if let Some(p) = problems {
            eprintln!("{p}");
            failed += 1;
        }
    }
    if failed > 0 {
        Err(CliError::Input(format!(
            "{failed} of {} files have problems",
            files.len()
        )))
    } else {
        Ok(())
    }
}
