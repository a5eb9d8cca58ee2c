//! The experiment layer: many runs of the model, each identified by its scenario, factor
//! values and replicate, run in parallel (rayon lives here and nowhere else; the model
//! itself never starts a thread); statistics over them. Runs are independent and each is
//! deterministic, so results do not depend on the number of threads or the order in which
//! runs finish.
//!
//! A library, callable from Rust with no terminal and no argument parser: plain data in,
//! tables out, typed errors ([`Error`]). [`compare`] compares two scenarios over
//! replications; [`sweep`] plans, runs, assembles, analyses and merges parameter sweeps.
//! Long calls report [`Progress`] to a callback, which may cancel them ([`Control`]). The
//! command line (`cli`) only parses arguments, calls these and prints.
//!
//! **Architecture invariant:** nothing here prints or reads the terminal; analyses
//! (compare verdicts, Morris, convergence) read unrounded values.

pub mod additionality;
mod cache;
pub mod compare;
pub mod design;
mod error;
pub mod parallel;
pub mod patch;
pub mod stakeholders;
pub mod stats;
pub mod store;
pub mod sweep;
pub mod sweep_mkba;
pub mod targets;
pub mod uncertainty;

pub use cache::BurnIns;
pub use error::{Error, InertFactor};
pub use parallel::{Control, OnProgress, Progress, cancel_when, quietly};

use crate::model::Model;
use crate::model::indicators::{Observer, PeriodKind, Row};
use crate::scenario::Scenario;
use sha2::{Digest, Sha256};

/// Yearly values of one run: `(year, area, indicator, value)` in emission order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearRows(pub Vec<(u32, String, &'static str, f64)>);

impl Observer for YearRows {
    fn row(&mut self, row: &Row<'_>) {
        if row.period.kind == PeriodKind::Year {
            self.0.push((
                row.period.year,
                row.area.to_string(),
                row.indicator.name(),
                row.value,
            ));
        }
    }
}

impl YearRows {
    /// The value of `indicator` for `area` in `year`, if present.
    pub fn get(&self, year: u32, area: &str, indicator: &str) -> Option<f64> {
        self.0
            .iter()
            .find(|(y, a, i, _)| *y == year && a == area && *i == indicator)
            .map(|r| r.3)
    }
}

/// Runs a validated scenario to the end (its burn-in first) and returns its yearly rows.
pub fn run_years(s: &Scenario) -> YearRows {
    let mut rows = YearRows::default();
    let mut m = Model::new(s);
    m.run(&mut rows, |_, _| {});
    rows
}

/// As [`run_years`], the burn-in taken from `burn_ins` (or computed into it).
pub fn run_years_with(burn_ins: &BurnIns, s: &Scenario) -> YearRows {
    let mut rows = YearRows::default();
    let mut m = burn_ins.model(s);
    m.run(&mut rows, |_, _| {});
    rows
}

/// Both observers of a compared run: the yearly indicator rows and the yearly party flows.
struct RowsAndParties<'a>(&'a mut YearRows, &'a mut stakeholders::PartyYears);

impl Observer for RowsAndParties<'_> {
    fn row(&mut self, row: &Row<'_>) {
        self.0.row(row);
    }

    fn party_flows(
        &mut self,
        period: &crate::model::indicators::Period,
        flows: &crate::model::parties::PartyFlows,
        groups: &crate::model::indicators::GroupTotals,
    ) {
        self.1.party_flows(period, flows, groups);
    }
}

/// As [`run_years_with`], also returning the party flows of each year.
pub fn run_years_and_parties_with(
    burn_ins: &BurnIns,
    s: &Scenario,
) -> (YearRows, stakeholders::PartyYears) {
    let (mut rows, mut parties) = (YearRows::default(), stakeholders::PartyYears::default());
    let mut m = burn_ins.model(s);
    m.run(&mut RowsAndParties(&mut rows, &mut parties), |_, _| {});
    (rows, parties)
}

/// A 64-bit seed from the SHA-256 of the given parts (each length-prefixed, so that
/// ("ab", "c") and ("a", "bc") differ).
pub fn derive_seed(parts: &[&[u8]]) -> u64 {
    let mut h = Sha256::new();
    h.update(b"wijksim-seed-v1");
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    let d = h.finalize();
    u64::from_le_bytes(d[..8].try_into().expect("eight bytes"))
}

/// The seed of replicate `replicate` in a comparison with root seed `root`: the same for
/// both scenarios (common random numbers).
pub fn replicate_seed(root: u64, replicate: u32) -> u64 {
    derive_seed(&[b"replicate", &root.to_le_bytes(), &replicate.to_le_bytes()])
}
