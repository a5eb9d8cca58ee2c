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

/// `--lang nl|en` and `--report nl|en`: the catalogue's language as a command-line value
/// (the model, which defines it, knows nothing of clap).
impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &Lang::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.code()).help(self.name()))
    }
}

/// Writes `dir/report.html`.
pub fn report(dir: &Path, lang: Lang) -> Result<(), CliError> {
    // Only into our own folders, and never over a report.html we did not write.
    let manifest = crate::report::outdir::read_manifest(dir).map_err(|why| {
        CliError::Input(format!(
            "error: {} is not an output folder of wijksim ({why})\n  hint: give the folder `wijksim run`, `compare` or `sweep` wrote",
            dir.display()
        ))
    })?;
    if dir.join("report.html").exists() && manifest["files"].get("report.html").is_none() {
        return Err(CliError::Input(format!(
            "error: {} holds a report.html that wijksim did not write, so it is not replaced\n  hint: move it away, then run the report again",
            dir.display()
        )));
    }
    let odd = crate::report::odd::FILE;
    if dir.join(odd).exists() && manifest["files"].get(odd).is_none() {
        return Err(CliError::Input(format!(
            "error: {} holds an {odd} that wijksim did not write, so it is not replaced\n  hint: move it away, then run the report again",
            dir.display()
        )));
    }
    let text = html::report(dir, lang).map_err(|e| CliError::Input(format!("error: {e}")))?;
    // Listed in the folder's manifest, so that the folder stays replaceable by the next
    // run of the same kind (see `report::outdir`). The model description goes beside the
    // report, which links to it.
    for (name, body) in [(odd, crate::report::odd::html()), ("report.html", text)] {
        let path = dir.join(name);
        crate::report::outdir::write_atomic(&path, body.as_bytes())
            .and_then(|_| crate::report::outdir::add_to_manifest(dir, name))
            .map_err(|e| {
                CliError::Failure(format!("error: cannot write {}: {e}", path.display()))
            })?;
    }
    println!("report: {}", dir.join("report.html").display());
    Ok(())
}
