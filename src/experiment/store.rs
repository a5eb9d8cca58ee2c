//! Running a sweep: planning its runs, running one, and keeping results on disk so that
//! nothing is lost when a sweep is interrupted. Every finished run is one file, written
//! under a temporary name and renamed into place; a run that fails leaves a file with its
//! error and seed. Resuming skips runs whose file exists. The table is assembled by
//! streaming the run files in run-id order, so memory stays bounded.

use super::design::{self, Experiment};
use super::{YearRows, derive_seed, patch};
use crate::model::indicators::Indicator;
use crate::report::format_value;
use crate::scenario::{self, Scenario};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Write};
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
    /// The factor values.
    pub values: Vec<f64>,
}

/// The runs of an experiment. A run's id and seed come from the base scenario (without
/// its seed), the factor paths and values, and the replicate number: adding a point or a
/// replicate changes no other run.
pub fn plan(e: &Experiment, base: &Scenario) -> Vec<RunSpec> {
    let mut identity = base.resolved();
    identity.run.seed = 0;
    let base_text = scenario::to_ron(&identity);
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (pi, values) in design::points(e).into_iter().enumerate() {
        for rep in 0..e.replications {
            let mut h = Sha256::new();
            h.update(base_text.as_bytes());
            for (f, v) in e.factors.iter().zip(&values) {
                h.update(f.path.as_bytes());
                h.update(v.to_bits().to_le_bytes());
            }
            h.update(rep.to_le_bytes());
            let digest = h.finalize();
            let id: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            let seed = derive_seed(&[b"sweep-run", &digest]);
            // A design may visit the same point twice (Morris trajectories can cross):
            // it is the same run, run once.
            if seen.insert(id.clone()) {
                out.push(RunSpec {
                    id,
                    point: pi,
                    replicate: rep,
                    seed,
                    values: values.clone(),
                });
            }
        }
    }
    out
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
    if e.years > 0 {
        s.run.years = e.years;
    }
    let problems = scenario::validate::check(&s);
    if let Some(p) = problems.first() {
        return Err(format!("invalid point: `{}` {}", p.path, p.message));
    }
    Ok(s)
}

/// Runs one run; a panic inside the model becomes an error carrying its message.
pub fn execute(e: &Experiment, base: &Scenario, spec: &RunSpec) -> Result<YearRows, String> {
    let s = scenario_for(e, base, spec)?;
    std::panic::catch_unwind(|| super::run_years(&s)).map_err(|p| {
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

/// Whether a run already finished (successfully or with a recorded failure).
pub fn is_done(out: &Path, spec: &RunSpec) -> bool {
    let d = runs_dir(out);
    d.join(format!("{}.csv", spec.id)).exists()
        || d.join(format!("{}.error.json", spec.id)).exists()
}

fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// Writes a finished run's rows: `run_id, replicate, seed, <factor values>, year, area,
/// indicator, value`, one line per row, no header.
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
            spec.replicate.to_string(),
            spec.seed.to_string(),
        ];
        rec.extend(spec.values.iter().map(|v| v.to_string()));
        rec.extend([
            year.to_string(),
            area.clone(),
            ind.to_string(),
            format_value(unit, *value),
        ]);
        w.write_record(&rec)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomic(&runs_dir(out).join(format!("{}.csv", spec.id)), &bytes)
}

/// Records a failed run with its error and seed.
pub fn write_failure(out: &Path, spec: &RunSpec, error: &str) -> std::io::Result<()> {
    let v = serde_json::json!({
        "run_id": spec.id, "point": spec.point, "replicate": spec.replicate,
        "seed": spec.seed, "values": spec.values, "error": error,
    });
    write_atomic(
        &runs_dir(out).join(format!("{}.error.json", spec.id)),
        (serde_json::to_string_pretty(&v).expect("json") + "\n").as_bytes(),
    )
}

/// Writes the sweep table: the header, then every run file of `dirs` (one folder, or the
/// shard folders being merged) in run-id order. Returns (runs, failures) counted.
pub fn assemble(
    e: &Experiment,
    dirs: &[PathBuf],
    table: &Path,
) -> std::io::Result<(usize, Vec<PathBuf>)> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut failures = Vec::new();
    for d in dirs {
        for entry in std::fs::read_dir(runs_dir(d))? {
            let p = entry?.path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            if let Some(id) = name.strip_suffix(".error.json") {
                failures.push(p.clone());
                let _ = id;
            } else if let Some(id) = name.strip_suffix(".csv") {
                files.push((id.to_string(), p));
            }
        }
    }
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    failures.sort();
    let tmp = table.with_extension("csv.tmp");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        let mut header = vec!["run_id".to_string(), "replicate".into(), "seed".into()];
        header.extend(e.factors.iter().map(|f| f.path.clone()));
        header.extend(["year", "area", "indicator", "value"].map(String::from));
        writeln!(out, "{}", header.join(","))?;
        for (_, p) in &files {
            let f = std::io::BufReader::new(std::fs::File::open(p)?);
            for line in f.lines() {
                writeln!(out, "{}", line?)?;
            }
        }
        out.flush()?;
    }
    std::fs::rename(&tmp, table)?;
    Ok((files.len(), failures))
}

/// The final-year city value of each indicator of one finished run, read from its file.
pub fn final_year_city(
    out_dirs: &[PathBuf],
    spec: &RunSpec,
    factors: usize,
) -> Option<Vec<(String, f64)>> {
    let path = out_dirs
        .iter()
        .map(|d| runs_dir(d).join(format!("{}.csv", spec.id)))
        .find(|p| p.exists())?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .ok()?;
    let mut rows: Vec<(u32, String, f64)> = Vec::new();
    for rec in rdr.records() {
        let rec = rec.ok()?;
        let (year, area, ind, val) = (
            &rec[3 + factors],
            &rec[4 + factors],
            &rec[5 + factors],
            &rec[6 + factors],
        );
        if area == "city" {
            rows.push((year.parse().ok()?, ind.to_string(), val.parse().ok()?));
        }
    }
    let last = rows.iter().map(|r| r.0).max()?;
    Some(
        rows.into_iter()
            .filter(|r| r.0 == last)
            .map(|r| (r.1, r.2))
            .collect(),
    )
}
