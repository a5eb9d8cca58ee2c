//! `wijksim validate FILE...`: every problem of every file, then exit code 2 if any.

use super::CliError;
use std::path::PathBuf;

/// Validates each file; prints `FILE: ok` or its problems.
pub fn validate(files: &[PathBuf]) -> Result<(), CliError> {
    let mut failed = 0;
    for f in files {
        match crate::scenario::load(f) {
            Ok(_) => println!("{}: ok", f.display()),
            Err(d) => {
                eprintln!("{d}");
                failed += 1;
            }
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
