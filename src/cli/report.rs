//! `wijksim report OUTDIR [--lang nl|en]`, and the `--report` option of run, compare and
//! sweep.

use super::CliError;
use crate::report::html::{self, Lang};
use clap::Args;
use std::path::{Path, PathBuf};

/// Arguments of `wijksim report`.
#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The output folder of `wijksim run`, `compare` or `sweep`.
    pub dir: PathBuf,
    /// Language of the captions.
    #[arg(long, value_enum, default_value_t = Lang::Nl)]
    pub lang: Lang,
}

/// Writes `dir/report.html`.
pub fn report(dir: &Path, lang: Lang) -> Result<(), CliError> {
    let text = html::report(dir, lang).map_err(|e| CliError::Input(format!("error: {e}")))?;
    let path = dir.join("report.html");
    // Listed in the folder's manifest, so that the folder stays replaceable by the next
    // run of the same kind (see `report::outdir`).
    crate::report::outdir::write_atomic(&path, text.as_bytes())
        .and_then(|_| crate::report::outdir::add_to_manifest(dir, "report.html"))
        .map_err(|e| CliError::Failure(format!("error: cannot write {}: {e}", path.display())))?;
    println!("report: {}", path.display());
    Ok(())
}
