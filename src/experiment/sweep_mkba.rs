//! Who pays, who gains at every point of a sweep (issue 12, item 1, "per sweep point on
//! request"): each point of the design compared with a nulalternatief by
//! [`super::compare::run`], replicate `i` of both with the same seed, so that a researcher
//! sees how the parties' present values and the cost per job move with the factors.
//!
//! The sweep's own runs have seeds of their own per point (no common random numbers
//! between points), so they cannot be paired with a nulalternatief; the comparisons run
//! beside them, `replications` pairs per point, and write `stakeholders.csv` and
//! `additionality.csv` into the sweep folder with the point and its factor values in
//! front of compare's columns.

use super::additionality::AdditionalityRow;
use super::compare::{self, CompareSpec};
use super::parallel::{Control, OnProgress, Progress};
use super::stakeholders::{Mkba, StakeholderRow};
use super::sweep::Sweep;
use super::{Error, patch};
use crate::scenario::Scenario;

/// The cost-benefit analysis of one point.
#[derive(Clone, Debug, PartialEq)]
pub struct PointMkba {
    /// Index of the point in the design.
    pub point: usize,
    /// Its factor values, in the experiment's factor order.
    pub values: Vec<f64>,
    /// Who pays, who gains ([`super::stakeholders::stakeholders`]).
    pub stakeholders: Vec<StakeholderRow>,
    /// What a job costs ([`super::additionality::additionality`]).
    pub additionality: Vec<AdditionalityRow>,
}

/// Compares every point of `sweep` with `nul`: `replications` pairs each, the sweep's
/// years, root seed the experiment's `seed`. Progress counts the runs over all points.
pub fn per_point(
    sweep: &Sweep,
    nul: &Scenario,
    mkba: Mkba,
    threads: Option<usize>,
    progress: OnProgress,
) -> Result<Vec<PointMkba>, Error> {
    let e = &sweep.experiment;
    let years = if e.years == 0 {
        sweep.base.run.years
    } else {
        e.years
    };
    let runs = e.replications.max(2);
    let total = 2 * runs as u64 * sweep.plan.points.len() as u64;
    let mut out = Vec::with_capacity(sweep.plan.points.len());
    for (point, values) in sweep.plan.points.iter().enumerate() {
        let mut changed = sweep.base.clone();
        for (f, v) in e.factors.iter().zip(values) {
            changed = patch::set(&changed, &f.path, *v).map_err(|message| Error::Plan {
                file: sweep.file.clone(),
                message,
            })?;
        }
        let spec = CompareSpec {
            runs,
            root_seed: e.seed,
            years: Some(years),
            threads,
            mkba,
            ..CompareSpec::new(nul.clone(), changed)
        };
        let done = 2 * runs as u64 * point as u64;
        let inner = |p: Progress| {
            progress(Progress {
                runs_done: done + p.runs_done,
                runs_total: total,
            })
        };
        let c = compare::run(&spec, &inner)?;
        out.push(PointMkba {
            point,
            values: values.clone(),
            stakeholders: c.stakeholders,
            additionality: c.additionality,
        });
        let runs_done = done + 2 * runs as u64;
        if progress(Progress {
            runs_done,
            runs_total: total,
        }) == Control::Cancel
        {
            return Err(Error::Cancelled {
                runs_done,
                runs_total: total,
            });
        }
    }
    Ok(out)
}

/// The texts of `stakeholders.csv` and `additionality.csv` of `points`, each row led by
/// `point` and the factor values (columns named by the factors' paths), with their file
/// names; the caller writes them (atomically) into the sweep folder.
pub fn tables(
    factors: &[String],
    points: &[PointMkba],
) -> std::io::Result<[(&'static str, Vec<u8>); 2]> {
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    let lead = |p: &PointMkba| {
        std::iter::once(p.point.to_string())
            .chain(p.values.iter().map(|v| v.to_string()))
            .collect::<Vec<_>>()
    };
    let head = |rest: &[&str]| {
        std::iter::once("point".to_string())
            .chain(factors.iter().cloned())
            .chain(rest.iter().map(|s| s.to_string()))
            .collect::<Vec<_>>()
    };
    let opt = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(head(&[
        "party",
        "item",
        "kind",
        "measure",
        "year",
        "value_eur",
        "ci_low_eur",
        "ci_high_eur",
        "base_eur",
        "changed_eur",
        "verdict",
    ]))
    .map_err(io)?;
    for p in points {
        for r in &p.stakeholders {
            let mut rec = lead(p);
            rec.extend([
                r.party.to_string(),
                r.item.to_string(),
                r.kind.to_string(),
                r.measure.to_string(),
                r.year.to_string(),
                r.value_eur.to_string(),
                r.ci_low_eur.to_string(),
                r.ci_high_eur.to_string(),
                r.base_eur.to_string(),
                r.changed_eur.to_string(),
                r.verdict.to_string(),
            ]);
            w.write_record(&rec).map_err(io)?;
        }
    }
    let stakeholders = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(head(&[
        "outcome",
        "measure",
        "cost_basis",
        "value",
        "ci_low",
        "ci_high",
        "interval",
        "note",
    ]))
    .map_err(io)?;
    for p in points {
        for r in &p.additionality {
            let mut rec = lead(p);
            rec.extend([
                r.outcome.to_string(),
                r.measure.to_string(),
                r.cost_basis.to_string(),
                opt(r.value),
                opt(r.ci_low),
                opt(r.ci_high),
                r.interval.to_string(),
                r.note.clone(),
            ]);
            w.write_record(&rec).map_err(io)?;
        }
    }
    let additionality = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok([
        ("stakeholders.csv", stakeholders),
        ("additionality.csv", additionality),
    ])
}
