//! `wijksim run [SCENARIO] [--seed N] [--years N] [--set PATH=VALUE]... [--out DIR]`.

use super::CliError;
use crate::model::{BurnIn, Model};
use crate::report::outdir::{self, Kind, Staging};
use crate::report::{self, Recorder};
use crate::scenario::{self, Scenario};
use clap::Args;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Arguments of `wijksim run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// Also write report.html in this language (nl or en).
    #[arg(long, value_enum)]
    pub report: Option<crate::report::html::Lang>,
    /// Scenario file (RON). Without it, the built-in baseline (scenarios/baseline.ron) runs.
    pub scenario: Option<PathBuf>,
    /// Root seed; overrides the scenario's `run.seed`.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Simulated years; overrides the scenario's `run.years` (1 to 200).
    #[arg(long)]
    pub years: Option<u32>,
    /// Set a field of the scenario: PATH=VALUE (repeatable, applied in order), a number or
    /// true/false, e.g. `--set levers.procurement_quota.resident_share=0.3 --set
    /// coins.enabled=true`. The paths are the scenario file's (docs/scenario-format.md).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Output folder. Default: out/<scenario name>. Replaced whole, only when the run has
    /// finished.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Format of the tables: csv (values rounded as their unit calls for) or parquet
    /// (typed columns, values unrounded; read by pandas/pyarrow, R's arrow, DuckDB).
    #[arg(long, value_enum, default_value_t = report::table::Format::Csv)]
    pub format: report::table::Format,
    /// Print no table, only the output folder.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Loads the scenario a run asks for, applying overrides (`--seed`, `--years`, then the
/// `--set` assignments in order), and validates the result. The notes of an upgrade from
/// an older format go to stderr.
pub fn load_scenario(
    path: Option<&Path>,
    seed: Option<u64>,
    years: Option<u32>,
    sets: &[String],
) -> Result<Scenario, CliError> {
    let mut s = match path {
        Some(p) => {
            let (s, notes) = scenario::load_noted(p).map_err(|d| CliError::Input(d.to_string()))?;
            for n in notes {
                eprintln!("{n}");
            }
            s
        }
        None => scenario::baseline(),
    };
    if let Some(seed) = seed {
        s.run.seed = seed;
    }
    if let Some(y) = years {
        let max = scenario::validate::YEARS_MAX;
        if !(1..=max).contains(&y) {
            return Err(CliError::Input(format!(
                "error: --years is {y}, outside its range\n  hint: allowed: 1 to {max} years"
            )));
        }
        s.run.years = y;
    }
    if sets.is_empty() {
        return Ok(s);
    }
    crate::experiment::patch::assign_all(&s, sets)
        .map_err(|e| CliError::Input(format!("error: {e}")))
}

pub use crate::report::outdir::sha256_hex;

/// The folder a command of `kind` writes: `--out` as given (checked when staging), or
/// `out/<slug of name>` ([`outdir::default_target`]), whose note is printed.
pub fn target(out: Option<&Path>, kind: Kind, name: &str) -> Result<PathBuf, CliError> {
    match out {
        Some(p) => Ok(p.to_path_buf()),
        None => {
            let (dir, note) = outdir::default_target(Path::new("out"), kind, name)
                .map_err(|r| CliError::Input(r.to_string()))?;
            if let Some(n) = note {
                eprintln!("{n}");
            }
            Ok(dir)
        }
    }
}

/// Stages a folder of `kind` at `out`: a refusal is bad input (exit 2); notes about
/// leftovers of interrupted runs go to the terminal.
pub fn stage(out: &Path, kind: Kind) -> Result<Staging, CliError> {
    let staging = Staging::new(out, kind).map_err(|e| match e {
        outdir::StagingError::Refused(r) => CliError::Input(r.to_string()),
        outdir::StagingError::Io(e) => {
            CliError::Failure(format!("error: cannot create {}: {e}", out.display()))
        }
    })?;
    for n in &staging.notes {
        eprintln!("{n}");
    }
    Ok(staging)
}

/// Runs a scenario and writes its output folder.
pub fn run(args: RunArgs) -> Result<(), CliError> {
    let s = load_scenario(args.scenario.as_deref(), args.seed, args.years, &args.set)?;
    if args.report.is_some() && args.format == report::table::Format::Parquet {
        return Err(CliError::Input(
            "error: --report reads the CSV tables; it cannot follow --format parquet\n  hint: run with --format csv (the default) for the report, or without --report".into(),
        ));
    }
    let ext = args.format.extension();
    let tables = ["timeseries", "flows", "parties"].map(|t| format!("{t}.{ext}"));
    let out = target(args.out.as_deref(), Kind::Run, &s.name)?;
    let fail =
        |what: &str, e: &dyn std::fmt::Display| CliError::Failure(format!("error: {what}: {e}"));
    let staging = stage(&out, Kind::Run)?;
    let open = |name: &str| -> Result<BufWriter<File>, CliError> {
        let p = staging.path(name);
        File::create(&p)
            .map(BufWriter::new)
            .map_err(|e| fail(&format!("cannot write {}", p.display()), &e))
    };
    let mut rec = Recorder::new(
        open(&tables[0])?,
        open(&tables[1])?,
        open(&tables[2])?,
        args.format,
    )
    .map_err(|e| fail("cannot write the time series", &e))?;

    let burn_in_ticks = s.run.burn_in_years * 12;
    let total = s.run.years * 12;
    let agent_ticks = s.resident_count() * (burn_in_ticks + total) as u64;
    let bar = if std::io::stderr().is_terminal() && !args.quiet && agent_ticks > 20_000_000 {
        let b = indicatif::ProgressBar::new(burn_in_ticks as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} {pos}/{len} [{bar:40}] {elapsed} eta {eta}",
            )
            .expect("the template is valid")
            .progress_chars("=> "),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    // The burn-in reports nothing but its own progress.
    bar.set_message("burn-in month");
    let burn_in = BurnIn::run(&s, |t, _| bar.set_position(t as u64));
    let mut model = Model::after(burn_in, &s);
    bar.set_message("month");
    bar.set_length(total as u64);
    bar.set_position(0);
    model.run(&mut rec, |t, _| bar.set_position(t as u64));
    bar.finish_and_clear();
    let (years, areas) = rec
        .finish()
        .map_err(|e| fail("cannot write the time series", &e))?;

    let resolved = scenario::to_ron(&s.resolved());
    let header = format!(
        "// The fully resolved scenario of this run: every default stated.\n// Run it again with: wijksim run {}\n",
        "scenario.ron"
    );
    write_file(
        &staging.path("scenario.ron"),
        format!("{header}{resolved}").as_bytes(),
    )
    .map_err(|e| fail("cannot write scenario.ron", &e))?;
    let summary = report::summary_json(&s, &years, &areas);
    let summary_text =
        serde_json::to_string_pretty(&summary).expect("json values serialise") + "\n";
    write_file(&staging.path("summary.json"), summary_text.as_bytes())
        .map_err(|e| fail("cannot write summary.json", &e))?;

    let manifest = outdir::manifest(
        Kind::Run,
        &s.name,
        staging.dir(),
        &[
            tables[0].as_str(),
            tables[1].as_str(),
            tables[2].as_str(),
            "scenario.ron",
            "summary.json",
        ],
        serde_json::json!({
            "seed": s.run.seed,
            "years": s.run.years,
            "scenario_sha256": sha256_hex(resolved.as_bytes()),
        }),
    )
    .map_err(|e| fail("cannot read back the output", &e))?;
    outdir::write_manifest(staging.dir(), &manifest)
        .map_err(|e| fail("cannot write manifest.json", &e))?;
    let dir = staging.commit().map_err(|e| {
        fail(
            &format!("cannot move the output into {}", out.display()),
            &e,
        )
    })?;

    if !args.quiet {
        println!(
            "wijksim {}: scenario \"{}\", seed {}, {} years, {} residents in {} neighbourhood(s)",
            env!("CARGO_PKG_VERSION"),
            s.name,
            s.run.seed,
            s.run.years,
            s.resident_count(),
            s.neighbourhoods.len()
        );
        print!(
            "{}",
            report::yearly_table(
                &years,
                &areas,
                (s.coins.enabled || s.levers.any_enabled()).then_some(s.coins.name.as_str())
            )
        );
        println!(
            "\nbooks balanced at every tick: {}",
            if s.run.check_books {
                "checked"
            } else {
                "not checked (run.check_books: false)"
            }
        );
    }
    println!("output: {}", dir.display());
    if let Some(lang) = args.report {
        super::report::report(&dir, lang)?;
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
