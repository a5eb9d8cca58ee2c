//! Running a sweep: planning its runs, running one, and keeping results on disk so that
//! nothing is lost when a sweep is interrupted.
//!
//! - A run's **identity** covers everything that determines its output: the wijksim
//!   version, the resolved base scenario, the years, the factor paths and values, and the
//!   replicate. Its id names its file; its seed comes from the same parts less the version
//!   and years, so that a longer sweep of the same design draws the same random numbers.
//! - A sweep folder records the **experiment's hash** ([`Plan::experiment_sha256`]) in its
//!   manifest; resuming or merging a different experiment is refused (`experiment::sweep`, `Error::OtherExperiment`).
//! - Every finished run is **one file, self-checking**: its rows (the values rounded as
//!   the table shows them), then a line `#values,<v1>,...,<vn>` with every row's value
//!   unrounded (Rust's shortest text that reads back to the same `f64`), then a trailer
//!   line `#end,<run id>,<rows>,<sha256 of the rows and the values line>`, written under a
//!   temporary name and renamed into place. A file that is missing, truncated, empty or of
//!   another run is not done ([`is_done`]) and runs again. A failed run leaves a file with
//!   its error and seed.
//! - The table copies the rows; the **analyses read the unrounded values**
//!   ([`final_year_city`]), so that Morris effects and convergence do not depend on how
//!   many decimals the table shows.
//! - The **table is built from the plan**, never from a folder listing: files in `runs/`
//!   that belong to no planned run are never read. Runs are streamed in run-id order, so
//!   memory stays bounded.

use super::design::{self, Experiment, Point};
use super::patch::{self, FieldKind};
use super::{YearRows, derive_seed};
use crate::model::indicators::Indicator;
use crate::report::format_value;
use crate::report::outdir::{sha256_hex, write_atomic};
use crate::report::table::{Cell, Format, Kind, Table};
use crate::scenario::{self, Scenario};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// One run of a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct RunSpec {
    /// Stable id from the run's identity (16 hex digits).
    pub id: String,
    /// Index of the point in the design.
    pub point: usize,
    /// Replicate number, from 0.
    pub replicate: u32,
    /// The run's seed, derived from its identity.
    pub seed: u64,
    /// The factor values, mapped onto the fields' types.
    pub values: Vec<f64>,
}

/// The runs of an experiment and what identifies it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The runs in design order (a point the design visits twice is run once).
    pub runs: Vec<RunSpec>,
    /// The design's points, values mapped onto the fields' types, in design order.
    pub points: Vec<Point>,
    /// SHA-256 of everything that determines the sweep's output.
    pub experiment_sha256: String,
    /// What the hash covers, field by field: compared to say what changed.
    pub identity: serde_json::Value,
}

/// Fingerprint of the source that determines a run's output (`build.rs`): part of every
/// run's id and of the experiment's hash.
pub const BUILD_ID: &str = env!("WIJKSIM_BUILD_ID");

/// The canonical text of a resolved base scenario without its seed (run seeds replace it):
/// part of every run's identity, and written to a sweep folder as `base.ron` so that a
/// refused resume can say which of its fields changed ([`scenario_changes`]).
pub fn base_ron(base: &Scenario) -> String {
    let mut identity = base.resolved();
    identity.run.seed = 0;
    scenario::to_ron(&identity)
}

/// The years every run simulates.
pub fn years_of(e: &Experiment, base: &Scenario) -> u32 {
    if e.years > 0 { e.years } else { base.run.years }
}

/// The design's points with each value mapped onto its field's type. Values listed by
/// hand (full factorial, zip, points) are kept as written, so that a fraction given for a
/// whole-number field is reported when the run is prepared; values a design samples from a
/// range (Latin hypercube, Morris) are mapped with [`FieldKind::map`].
pub fn typed_points(e: &Experiment, base: &Scenario) -> Result<Vec<Point>, String> {
    let kinds: Vec<FieldKind> = e
        .factors
        .iter()
        .map(|f| patch::kind(base, &f.path))
        .collect::<Result<_, _>>()?;
    let sampled = matches!(
        e.design,
        design::Design::LatinHypercube { .. } | design::Design::Morris { .. }
    );
    Ok(design::points(e)
        .into_iter()
        .map(|p| {
            p.iter()
                .zip(&kinds)
                .map(|(v, k)| if sampled { k.map(*v) } else { *v })
                .collect()
        })
        .collect())
}

/// The runs of an experiment. Adding a point or a replicate changes no other run.
pub fn plan(e: &Experiment, base: &Scenario) -> Result<Plan, String> {
    let base_text = base_ron(base);
    let years = years_of(e, base);
    let points = typed_points(e, base)?;
    let mut runs = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (pi, values) in points.iter().enumerate() {
        for rep in 0..e.replications {
            let mut h = Sha256::new();
            h.update(base_text.as_bytes());
            for (f, v) in e.factors.iter().zip(values) {
                h.update(f.path.as_bytes());
                h.update(v.to_bits().to_le_bytes());
            }
            h.update(rep.to_le_bytes());
            let digest = h.finalize();
            let seed = derive_seed(&[b"sweep-run", &digest]);
            let mut id = Sha256::new();
            // v3: run files carry their unrounded values.
            id.update(b"wijksim-run-id-v3");
            id.update(env!("CARGO_PKG_VERSION").as_bytes());
            id.update([0]);
            id.update(BUILD_ID.as_bytes());
            id.update([0]);
            id.update(years.to_le_bytes());
            id.update(digest);
            let id: String = id.finalize()[..8]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            // A design may visit the same point twice (Morris trajectories can cross):
            // it is the same run, run once.
            if seen.insert(id.clone()) {
                runs.push(RunSpec {
                    id,
                    point: pi,
                    replicate: rep,
                    seed,
                    values: values.clone(),
                });
            }
        }
    }
    // The name labels the folder; it does not change a run, so it is left out.
    let unnamed = Experiment {
        name: String::new(),
        ..e.clone()
    };
    let experiment_ron = ron::ser::to_string(&unnamed).map_err(|err| err.to_string())?;
    let identity = serde_json::json!({
        "wijksim_version": env!("CARGO_PKG_VERSION"),
        "wijksim_build": BUILD_ID,
        "base_scenario_sha256": sha256_hex(base_text.as_bytes()),
        "years": years,
        "factors": e.factors.iter().map(|f| serde_json::json!({
            "path": f.path, "values": f.values, "min": f.min, "max": f.max,
        })).collect::<Vec<_>>(),
        "design": ron::ser::to_string(&e.design).map_err(|err| err.to_string())?,
        "replications": e.replications,
        "seed": e.seed,
    });
    let mut h = Sha256::new();
    h.update(b"wijksim-experiment-v1");
    for part in [
        env!("CARGO_PKG_VERSION"),
        BUILD_ID,
        &base_text,
        &experiment_ron,
        &years.to_string(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let experiment_sha256 = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(Plan {
        runs,
        points,
        experiment_sha256,
        identity,
    })
}

/// The fields that differ between two scenarios, as `path: old -> new` phrases (at most
/// `max`, then a count of the rest).
pub fn scenario_changes(old: &Scenario, new: &Scenario, max: usize) -> Vec<String> {
    fn flat(v: &serde_json::Value, at: String, out: &mut Vec<(String, serde_json::Value)>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    let p = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    flat(x, p, out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    flat(x, format!("{at}[{i}]"), out);
                }
            }
            _ => out.push((at, v.clone())),
        }
    }
    let value = |s: &Scenario| {
        let mut r = s.resolved();
        r.run.seed = 0;
        let mut out = Vec::new();
        flat(
            &serde_json::to_value(r).unwrap_or_default(),
            String::new(),
            &mut out,
        );
        out.into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (a, b) = (value(old), value(new));
    let keys: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let null = serde_json::Value::Null;
    let diffs: Vec<String> = keys
        .into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            format!(
                "{k}: {} -> {}",
                a.get(k).unwrap_or(&null),
                b.get(k).unwrap_or(&null)
            )
        })
        .collect();
    let mut shown: Vec<String> = diffs.iter().take(max).cloned().collect();
    if diffs.len() > max {
        shown.push(format!("and {} more fields", diffs.len() - max));
    }
    shown
}

/// What differs between two experiment identities ([`Plan::identity`]), as
/// `field: old -> new` phrases; the name is not part of the identity.
pub fn what_changed(old: &serde_json::Value, new: &serde_json::Value) -> Vec<String> {
    let short = |v: &serde_json::Value| {
        let t = v.to_string();
        if t.chars().count() > 80 {
            format!("{}...", t.chars().take(77).collect::<String>())
        } else {
            t
        }
    };
    let keys: std::collections::BTreeSet<&String> = old
        .as_object()
        .into_iter()
        .chain(new.as_object())
        .flat_map(|o| o.keys())
        .collect();
    keys.into_iter()
        .filter(|k| old[k.as_str()] != new[k.as_str()])
        .map(|k| {
            format!(
                "{k}: {} -> {}",
                short(&old[k.as_str()]),
                short(&new[k.as_str()])
            )
        })
        .collect()
}

/// The shard (0-based) of a run when a sweep is split into `n` shards: from its id, so
/// that it does not move when points are added.
pub fn shard_of(spec: &RunSpec, n: u32) -> u32 {
    (u64::from_str_radix(&spec.id, 16).unwrap_or(0) % n.max(1) as u64) as u32
}

/// The scenario of one run: factors applied, seed and years set, validated.
pub fn scenario_for(e: &Experiment, base: &Scenario, spec: &RunSpec) -> Result<Scenario, String> {
    let mut s = base.clone();
    for (f, v) in e.factors.iter().zip(&spec.values) {
        s = patch::set(&s, &f.path, *v)?;
    }
    s.run.seed = spec.seed;
    s.run.years = years_of(e, base);
    let problems = scenario::validate::check(&s);
    if let Some(p) = problems.first() {
        return Err(format!("invalid point: `{}` {}", p.path, p.message));
    }
    Ok(s)
}

/// Runs one run, its burn-in from `burn_ins` (shared with the runs of the same stripped
/// scenario and seed); a panic inside the model becomes an error carrying its message.
pub fn execute(
    e: &Experiment,
    base: &Scenario,
    spec: &RunSpec,
    burn_ins: &super::BurnIns,
) -> Result<YearRows, String> {
    let s = scenario_for(e, base, spec)?;
    let run = std::panic::AssertUnwindSafe(|| super::run_years_with(burn_ins, &s));
    std::panic::catch_unwind(run).map_err(|p| {
        p.downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the run panicked".to_string())
    })
}

/// Folder of the run files.
pub fn runs_dir(out: &Path) -> PathBuf {
    out.join("runs")
}

/// The file of a finished run.
pub fn run_file(out: &Path, spec: &RunSpec) -> PathBuf {
    runs_dir(out).join(format!("{}.csv", spec.id))
}

/// The file of a failed run.
pub fn failure_file(out: &Path, spec: &RunSpec) -> PathBuf {
    runs_dir(out).join(format!("{}.error.json", spec.id))
}

/// The outcome of a run as found on disk.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// No file.
    Missing,
    /// A file that is truncated, empty, damaged or of another run.
    Damaged,
    /// A complete run file.
    Finished(RunFile),
    /// A recorded failure.
    Failed(serde_json::Value),
}

/// The contents of a complete run file.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFile {
    /// Its rows as the table shows them (values rounded to their unit's decimals).
    pub rows: Vec<u8>,
    /// The value of each row, unrounded, in row order.
    pub values: Vec<f64>,
}

/// Reads what `out` holds for `spec`, checking the trailer or the failure's run id.
pub fn find(out: &Path, spec: &RunSpec) -> Found {
    if let Ok(bytes) = std::fs::read(run_file(out, spec)) {
        return match split_trailer(&bytes, &spec.id) {
            Some(run) => Found::Finished(run),
            None => Found::Damaged,
        };
    }
    match std::fs::read(failure_file(out, spec)) {
        Ok(bytes) => match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(v) if v["run_id"].as_str() == Some(spec.id.as_str()) => Found::Failed(v),
            _ => Found::Damaged,
        },
        Err(_) => Found::Missing,
    }
}

/// `bytes` cut before its last line (which ends with a newline): (before, last line).
fn split_last_line(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let body_end = bytes.strip_suffix(b"\n")?;
    let cut = body_end
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Some(bytes.split_at(cut))
}

/// The rows and values of a run file whose trailer matches `id`, its row count and its
/// hash, and whose values line holds one number per row.
fn split_trailer(bytes: &[u8], id: &str) -> Option<RunFile> {
    let (body, trailer) = split_last_line(bytes)?;
    let (rows, values) = split_last_line(body)?;
    let trailer = std::str::from_utf8(trailer).ok()?.trim_end();
    let n_rows = rows.iter().filter(|&&b| b == b'\n').count();
    let mut parts = trailer.split(',');
    let ok = parts.next() == Some("#end")
        && parts.next() == Some(id)
        && parts.next()?.parse::<usize>().ok()? == n_rows
        && parts.next()? == sha256_hex(body)
        && parts.next().is_none();
    if !ok {
        return None;
    }
    let values = std::str::from_utf8(values)
        .ok()?
        .trim_end()
        .strip_prefix("#values")?;
    let values: Vec<f64> = values
        .split(',')
        .skip(1)
        .map(|v| v.parse().ok())
        .collect::<Option<_>>()?;
    (values.len() == n_rows).then(|| RunFile {
        rows: rows.to_vec(),
        values,
    })
}

/// Whether a run already finished (successfully or with a recorded failure).
pub fn is_done(out: &Path, spec: &RunSpec) -> bool {
    matches!(find(out, spec), Found::Finished(_) | Found::Failed(_))
}

/// Writes a finished run's rows: `run_id, replicate, seed, <factor values>, year, area,
/// indicator, value`, one line per row, no header, then the unrounded values and the
/// trailer.
pub fn write_run(out: &Path, spec: &RunSpec, rows: &YearRows) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for (year, area, ind, value) in &rows.0 {
        let unit = Indicator::from_name(ind)
            .map(|i| i.unit())
            .expect("rows carry known indicators");
        let mut rec = vec![
            spec.id.clone(),
            spec.point.to_string(),
            spec.replicate.to_string(),
            spec.seed.to_string(),
        ];
        rec.extend(spec.values.iter().map(|v| v.to_string()));
        rec.extend([
            year.to_string(),
            area.clone(),
            ind.to_string(),
            unit.name().to_string(),
            format_value(unit, *value),
        ]);
        w.write_record(&rec)?;
    }
    let mut bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    bytes.extend_from_slice(b"#values");
    for (_, _, _, value) in &rows.0 {
        // `{:?}` is the shortest text that parses back to the same bits.
        bytes.extend_from_slice(format!(",{value:?}").as_bytes());
    }
    bytes.push(b'\n');
    let trailer = format!("#end,{},{},{}\n", spec.id, rows.0.len(), sha256_hex(&bytes));
    bytes.extend_from_slice(trailer.as_bytes());
    write_atomic(&run_file(out, spec), &bytes)
}

/// Records a failed run with its error and seed.
pub fn write_failure(out: &Path, spec: &RunSpec, error: &str) -> std::io::Result<()> {
    let v = serde_json::json!({
        "run_id": spec.id, "point": spec.point, "replicate": spec.replicate,
        "seed": spec.seed, "values": spec.values, "error": error,
    });
    write_atomic(
        &failure_file(out, spec),
        (serde_json::to_string_pretty(&v).expect("json") + "\n").as_bytes(),
    )
}

/// What [`assemble`] found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assembled {
    /// Runs in the table.
    pub finished: usize,
    /// Recorded failures, in run-id order.
    pub failures: Vec<serde_json::Value>,
    /// Planned runs with no complete file.
    pub missing: Vec<RunSpec>,
}

/// The plan's runs in run-id order: the order of the table.
pub fn table_order(plan: &Plan) -> Vec<&RunSpec> {
    let mut v: Vec<&RunSpec> = plan.runs.iter().collect();
    v.sort_by(|a, b| a.id.cmp(&b.id));
    v
}

/// The sweep table's columns: the run, its point of the design, replicate and seed, the
/// factors' values, then the row.
pub fn table_columns(e: &Experiment) -> Vec<(String, Kind)> {
    let mut c: Vec<(String, Kind)> = vec![
        ("run_id".into(), Kind::Text),
        ("point".into(), Kind::Int),
        ("replicate".into(), Kind::Int),
        ("seed".into(), Kind::UInt),
    ];
    c.extend(e.factors.iter().map(|f| (f.path.clone(), Kind::Real)));
    c.extend([
        ("year".into(), Kind::Int),
        ("area".into(), Kind::Text),
        ("indicator".into(), Kind::Text),
        ("unit".into(), Kind::Text),
        ("value".into(), Kind::Real),
    ]);
    c
}

/// Writes the sweep table of the planned runs found in `out`: `table.csv` (the header,
/// then each run's rows in run-id order) and, with [`Format::Parquet`], `table.parquet` of
/// the same rows with the values unrounded. Each replaces the old one atomically.
pub fn assemble(
    e: &Experiment,
    plan: &Plan,
    out: &Path,
    format: Format,
) -> std::io::Result<Assembled> {
    let columns = table_columns(e);
    let table = out.join("table.csv");
    let tmp = out.join(format!(".table.csv.tmp-{}", std::process::id()));
    let parquet = out.join("table.parquet");
    let parquet_tmp = out.join(format!(".table.parquet.tmp-{}", std::process::id()));
    let mut found = Assembled::default();
    let result = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let header: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
        writeln!(w, "{}", header.join(","))?;
        let mut typed = match format {
            Format::Csv => None,
            Format::Parquet => {
                let named: Vec<(&str, Kind)> =
                    columns.iter().map(|(n, k)| (n.as_str(), *k)).collect();
                let f = std::io::BufWriter::new(std::fs::File::create(&parquet_tmp)?);
                Some(Table::new(f, Format::Parquet, &named)?)
            }
        };
        for spec in table_order(plan) {
            match find(out, spec) {
                Found::Finished(run) => {
                    w.write_all(&run.rows)?;
                    if let Some(t) = typed.as_mut() {
                        typed_rows(t, spec, &run)?;
                    }
                    found.finished += 1;
                }
                Found::Failed(v) => found.failures.push(v),
                Found::Missing | Found::Damaged => found.missing.push(spec.clone()),
            }
        }
        w.flush()?;
        w.get_ref().sync_all()?;
        drop(w);
        if let Some(t) = typed {
            let f = t.finish()?;
            f.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&parquet_tmp, &parquet)?;
        }
        std::fs::rename(&tmp, &table)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        let _ = std::fs::remove_file(&parquet_tmp);
    }
    result.map(|_| found)
}

/// One run's rows into the typed table, with its unrounded values.
fn typed_rows<W: Write + Send>(
    t: &mut Table<W>,
    spec: &RunSpec,
    run: &RunFile,
) -> std::io::Result<()> {
    let factors = spec.values.len();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&run.rows[..]);
    for (rec, value) in rdr.records().zip(&run.values) {
        let rec = rec.map_err(std::io::Error::other)?;
        let year: i64 = rec[4 + factors].parse().map_err(std::io::Error::other)?;
        let unit = Indicator::from_name(&rec[6 + factors])
            .map(|i| i.unit())
            .ok_or_else(|| std::io::Error::other("an unknown indicator in a run file"))?;
        let mut cells: Vec<Cell<'_>> = Vec::with_capacity(9 + factors);
        cells.extend([
            Cell::Text(&spec.id),
            Cell::Int(spec.point as i64),
            Cell::Int(i64::from(spec.replicate)),
            Cell::UInt(spec.seed),
        ]);
        cells.extend(spec.values.iter().map(|v| Cell::Real(*v, unit)));
        cells.extend([
            Cell::Int(year),
            Cell::Text(&rec[5 + factors]),
            Cell::Text(&rec[6 + factors]),
            Cell::Text(&rec[7 + factors]),
            Cell::Real(*value, unit),
        ]);
        t.row(&cells)?;
    }
    Ok(())
}

/// The final-year city value of each indicator of one finished run in `out`, unrounded.
pub fn final_year_city(out: &Path, spec: &RunSpec, factors: usize) -> Option<Vec<(String, f64)>> {
    let Found::Finished(run) = find(out, spec) else {
        return None;
    };
    let mut city: Vec<(u32, String, f64)> = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&run.rows[..]);
    for (rec, value) in rdr.records().zip(&run.values) {
        let rec = rec.ok()?;
        let (year, area, ind) = (&rec[4 + factors], &rec[5 + factors], &rec[6 + factors]);
        if area == "city" {
            city.push((year.parse().ok()?, ind.to_string(), *value));
        }
    }
    let last = city.iter().map(|r| r.0).max()?;
    Some(
        city.into_iter()
            .filter(|r| r.0 == last)
            .map(|r| (r.1, r.2))
            .collect(),
    )
}

/// Removes temporary files that killed runs left in `runs/` (`.ID.csv.tmp-PID` of a
/// process that no longer runs); returns how many.
pub fn clean_leftovers(out: &Path) -> usize {
    let mut n = 0;
    let entries = [out.to_path_buf(), runs_dir(out)]
        .into_iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flatten();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name
            .rsplit_once(".tmp-")
            .filter(|_| name.starts_with('.'))
            .and_then(|(_, pid)| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && !crate::report::outdir::pid_alive(pid)
            && std::fs::remove_file(e.path()).is_ok()
        {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> RunSpec {
        RunSpec {
            id: "00000000000000ab".into(),
            point: 0,
            replicate: 0,
            seed: 1,
            values: vec![],
        }
    }

    #[test]
    fn the_analyses_read_the_values_unrounded_and_the_table_shows_them_rounded() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(runs_dir(d.path())).unwrap();
        let third = 1.0 / 3.0;
        let rows = YearRows(vec![
            (1, "city".into(), "unemployment_rate", 0.123456789),
            (2, "w".into(), "unemployment_rate", 0.5),
            (2, "city".into(), "unemployment_rate", third),
            (2, "city".into(), "business_turnover_eur", 1234.5678),
            (2, "city".into(), "residents_count", f64::NAN),
            (2, "city".into(), "lm3", f64::NEG_INFINITY),
        ]);
        write_run(d.path(), &spec(), &rows).unwrap();
        let Found::Finished(run) = find(d.path(), &spec()) else {
            panic!("a complete run file");
        };
        let text = String::from_utf8(run.rows).unwrap();
        assert!(
            text.contains(",2,city,unemployment_rate,share,0.333333\n"),
            "{text}"
        );
        assert!(
            text.contains(",business_turnover_eur,eur,1234.57\n"),
            "{text}"
        );
        let last = final_year_city(d.path(), &spec(), 0).unwrap();
        assert_eq!(last.len(), 4, "{last:?}");
        assert_eq!(last[0], ("unemployment_rate".into(), third));
        assert_eq!(last[1], ("business_turnover_eur".into(), 1234.5678));
        assert!(last[2].1.is_nan());
        assert_eq!(last[3].1, f64::NEG_INFINITY);
    }

    #[test]
    fn a_run_file_without_its_values_line_is_damaged() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(runs_dir(d.path())).unwrap();
        let rows = YearRows(vec![(1, "city".into(), "unemployment_rate", 0.25)]);
        write_run(d.path(), &spec(), &rows).unwrap();
        let bytes = std::fs::read(run_file(d.path(), &spec())).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let row = text.lines().next().unwrap().to_string() + "\n";
        // The format of wijksim 0.1 before the values line, with a valid trailer.
        let old = format!("{row}#end,{},1,{}\n", spec().id, sha256_hex(row.as_bytes()));
        std::fs::write(run_file(d.path(), &spec()), old).unwrap();
        assert_eq!(find(d.path(), &spec()), Found::Damaged);
        // A values line with a number missing.
        let short = format!("{row}#values\n");
        let file = format!(
            "{short}#end,{},1,{}\n",
            spec().id,
            sha256_hex(short.as_bytes())
        );
        std::fs::write(run_file(d.path(), &spec()), file).unwrap();
        assert_eq!(find(d.path(), &spec()), Found::Damaged);
    }
}
