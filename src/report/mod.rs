//! Reports: the tidy tables a run writes, the summary, and the yearly table for the
//! terminal. Everything here turns indicator rows into text; nothing here simulates.

pub mod html;
pub mod odd;
pub mod outdir;
pub mod svg;
pub mod table;

use crate::model::indicators::{GroupTotals, Indicator, Observer, Period, PeriodKind, Row, Unit};
use crate::model::ledger::{
    Currency, FlowMatrix, MatrixColumn, NeighbourhoodFlows, Purpose, Sector,
};
use crate::model::parties::{Party, PartyFlows};
use std::collections::BTreeMap;
use std::io::Write;

/// Formats a value with the decimals its unit calls for. Integers stay integers, so that
/// counts read as counts in a spreadsheet.
pub fn format_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Count if v.fract() == 0.0 => format!("{v:.0}"),
        Unit::Count | Unit::Eur => format!("{v:.2}"),
        Unit::Hours => format!("{v:.1}"),
        Unit::Coin => format!("{v:.0}"),
        Unit::Share | Unit::Ratio => format!("{v:.6}"),
    }
}

/// The unit's name in the `unit` column (the catalogue's [`Unit::name`]).
pub fn unit_name(unit: Unit) -> &'static str {
    unit.name()
}

/// Yearly values kept in memory: `(year, area) -> indicator -> value`.
pub type YearTable = BTreeMap<(u32, String), BTreeMap<&'static str, f64>>;

use table::{Cell, Format, Kind, Table};

/// The columns of `timeseries.csv` / `.parquet`.
const TIMESERIES_COLUMNS: [(&str, Kind); 10] = [
    ("period", Kind::Text),
    ("year", Kind::Int),
    ("quarter", Kind::OptInt),
    ("month", Kind::OptInt),
    ("tick_start", Kind::Int),
    ("tick_end", Kind::Int),
    ("area", Kind::Text),
    ("indicator", Kind::Text),
    ("unit", Kind::Text),
    ("value", Kind::Real),
];

/// The columns of a flow table: `flows` has an `area` after the quarter, `parties` none.
fn flow_columns(area: bool, last: &'static str) -> Vec<(&'static str, Kind)> {
    let mut c = vec![
        ("period", Kind::Text),
        ("year", Kind::Int),
        ("quarter", Kind::OptInt),
    ];
    if area {
        c.push(("area", Kind::Text));
    }
    c.extend([
        ("currency", Kind::Text),
        ("purpose", Kind::Text),
        (last, Kind::Text),
        ("amount", Kind::Real),
        ("tick_end", Kind::Int),
    ]);
    c
}

/// A period's quarter and month, `None` where not applicable (a year has no quarter, a
/// quarter no month).
fn quarter_month(p: &Period) -> (Option<i32>, Option<i32>) {
    let q = (p.kind != PeriodKind::Year).then_some(p.quarter as i32);
    let m = (p.kind == PeriodKind::Month).then_some(p.month as i32);
    (q, m)
}

/// An observer that streams every row to its tables (CSV or Parquet) as it comes and keeps
/// the yearly rows for the terminal table and the summary. Memory stays bounded by the
/// yearly table (and a Parquet row group).
pub struct Recorder<W: Write + Send> {
    timeseries: Table<W>,
    flows: Table<W>,
    parties: Table<W>,
    /// Yearly values, for the table and the summary.
    pub years: YearTable,
    /// Area names in first-seen order (neighbourhoods, then "city").
    pub areas: Vec<String>,
    error: Option<std::io::Error>,
}

impl<W: Write + Send> Recorder<W> {
    /// A recorder writing the time series, the flow matrices (the city's and each
    /// neighbourhood's) and the parties' flows to the given writers, in `format`.
    pub fn new(
        timeseries: W,
        flows: W,
        parties: W,
        format: Format,
    ) -> std::io::Result<Recorder<W>> {
        Ok(Recorder {
            timeseries: Table::new(timeseries, format, &TIMESERIES_COLUMNS)?,
            flows: Table::new(flows, format, &flow_columns(true, "sector"))?,
            parties: Table::new(parties, format, &flow_columns(false, "party"))?,
            years: BTreeMap::new(),
            areas: Vec::new(),
            error: None,
        })
    }

    /// Finishes the tables and returns the first write error, if any.
    pub fn finish(mut self) -> std::io::Result<(YearTable, Vec<String>)> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        for t in [self.timeseries, self.flows, self.parties] {
            t.finish()?.flush()?;
        }
        Ok((self.years, self.areas))
    }

    fn keep(&mut self, r: std::io::Result<()>) {
        if let (Err(e), None) = (r, &self.error) {
            self.error = Some(e);
        }
    }
}

impl<W: Write + Send> Observer for Recorder<W> {
    fn row(&mut self, row: &Row<'_>) {
        let p = &row.period;
        let unit = row.indicator.unit();
        let (quarter, month) = quarter_month(p);
        let r = self.timeseries.row(&[
            Cell::Text(p.kind.name()),
            Cell::Int(i64::from(p.year)),
            Cell::OptInt(quarter),
            Cell::OptInt(month),
            Cell::Int(i64::from(p.tick_start)),
            Cell::Int(i64::from(p.tick_end)),
            Cell::Text(row.area),
            Cell::Text(row.indicator.name()),
            Cell::Text(unit_name(unit)),
            Cell::Real(row.value, unit),
        ]);
        self.keep(r);
        if p.kind == PeriodKind::Year {
            if !self.areas.iter().any(|a| a == row.area) {
                self.areas.push(row.area.to_string());
            }
            self.years
                .entry((p.year, row.area.to_string()))
                .or_default()
                .insert(row.indicator.name(), row.value);
        }
    }

    fn flow_matrix(&mut self, period: &Period, m: &FlowMatrix) {
        let columns = Sector::ALL.map(|s| s.name());
        let r = write_matrix(
            &mut self.flows,
            period,
            Some("city"),
            &columns,
            |c, p, i| m.get(c, p, Sector::ALL[i]),
        );
        self.keep(r);
    }

    fn neighbourhood_flows(&mut self, period: &Period, area: &str, f: &NeighbourhoodFlows) {
        let columns = MatrixColumn::ALL.map(|c| c.name());
        let r = write_matrix(&mut self.flows, period, Some(area), &columns, |c, p, i| {
            f.matrix_cell(c, p, MatrixColumn::ALL[i])
        });
        self.keep(r);
    }

    fn party_flows(&mut self, period: &Period, f: &PartyFlows, _groups: &GroupTotals) {
        let columns = Party::ALL.map(|p| p.name());
        let r = write_matrix(&mut self.parties, period, None, &columns, |c, p, i| {
            f.get(c, p, Party::ALL[i])
        });
        self.keep(r);
    }
}

/// Writes one transaction-flow matrix of a quarter or a year (months are not written):
/// per currency, the purposes with a non-zero cell, then Godley's closing row
/// `change_in_money` (minus each column's sum, so that every column sums to zero). `area`
/// fills the column between the period and the currency when the table has one.
fn write_matrix<W: Write + Send>(
    w: &mut Table<W>,
    period: &Period,
    area: Option<&str>,
    columns: &[&'static str],
    cell: impl Fn(Currency, Purpose, usize) -> i64,
) -> std::io::Result<()> {
    if period.kind == PeriodKind::Month {
        return Ok(());
    }
    let (quarter, _) = quarter_month(period);
    for c in Currency::ALL {
        let mut column_sums = vec![0i64; columns.len()];
        let mut rows: Vec<(&str, Vec<i64>)> = Vec::new();
        for p in Purpose::ALL {
            let cells: Vec<i64> = (0..columns.len()).map(|i| cell(c, p, i)).collect();
            if cells.iter().all(|&x| x == 0) {
                continue;
            }
            for (sum, x) in column_sums.iter_mut().zip(&cells) {
                *sum += x;
            }
            rows.push((p.name(), cells));
        }
        if rows.is_empty() {
            continue;
        }
        rows.push(("change_in_money", column_sums.iter().map(|x| -x).collect()));
        for (purpose, cells) in rows {
            for (i, s) in columns.iter().enumerate() {
                let amount = match c {
                    Currency::Eur => Cell::Real(cells[i] as f64 / 100.0, Unit::Eur),
                    Currency::Coin => Cell::Real(cells[i] as f64, Unit::Coin),
                };
                let mut row = vec![
                    Cell::Text(period.kind.name()),
                    Cell::Int(i64::from(period.year)),
                    Cell::OptInt(quarter),
                ];
                row.extend(area.map(Cell::Text));
                row.extend([
                    Cell::Text(c.name()),
                    Cell::Text(purpose),
                    Cell::Text(s),
                    amount,
                    Cell::Int(i64::from(period.tick_end)),
                ]);
                w.row(&row)?;
            }
        }
    }
    Ok(())
}

/// A column of the terminal table: indicator, header, scale, decimals. The headers are
/// short column names for a terminal (pinned by README and the CLI tests), not labels: a
/// reader's label comes from the catalogue ([`Indicator::label`]).
type Column = (Indicator, &'static str, f64, usize);

const EURO_COLUMNS: [Column; 12] = [
    (Indicator::UnemploymentRate, "unempl%", 100.0, 1),
    (Indicator::HouseholdsOnBenefitsShare, "bijst%", 100.0, 1),
    (Indicator::JobsPerWorkingResident, "jobs/wr", 1.0, 2),
    (Indicator::BusinessesActiveCount, "firms", 1.0, 0),
    (Indicator::BusinessFailuresCount, "fail", 1.0, 0),
    (Indicator::BusinessStartsCount, "start", 1.0, 0),
    (Indicator::BusinessTurnoverEur, "turnover_kEUR", 0.001, 0),
    (Indicator::LeakageShare, "leak%", 100.0, 1),
    (Indicator::Lm3, "LM3", 1.0, 2),
    (Indicator::VelocityEurPerYear, "veloc", 1.0, 2),
    (Indicator::MunicipalNetCostEur, "net_cost_kEUR", 0.001, 0),
    (Indicator::GiniWealth, "gini_w", 1.0, 3),
];

const COIN_COLUMNS: [Column; 12] = [
    (Indicator::CoinsIssuedCount, "issued", 1.0, 0),
    (Indicator::CoinsInCirculationCount, "circul", 1.0, 0),
    (Indicator::CoinsRedeemedCount, "redeemed", 1.0, 0),
    (Indicator::CoinsDemurrageCount, "demurr", 1.0, 0),
    (Indicator::CoinVelocityPerYear, "c_veloc", 1.0, 2),
    (Indicator::CoinShareOfLocalTurnover, "coin%", 100.0, 1),
    (Indicator::CoinSchemeCostEur, "scheme_kEUR", 0.001, 1),
    (Indicator::VolunteerHours, "vol_h", 1.0, 0),
    (Indicator::TrainingHours, "train_h", 1.0, 0),
    (Indicator::YouthUnemploymentRate, "youth%", 100.0, 1),
    (Indicator::AgreementJobsCount, "agr_jobs", 1.0, 0),
    (Indicator::HouseholdsSanctionedCount, "sanctions", 1.0, 0),
];

fn table_block(out: &mut String, title: &str, cols: &[Column], years: &YearTable, area: &str) {
    out.push_str(&format!("\n{title}\n"));
    out.push_str(&format!("{:>4}", "year"));
    for (_, h, _, _) in cols {
        out.push_str(&format!(" {h:>width$}", width = h.len().max(7)));
    }
    out.push('\n');
    for ((year, a), vals) in years.iter() {
        if a != area {
            continue;
        }
        out.push_str(&format!("{year:>4}"));
        for (ind, h, scale, dec) in cols {
            let v = vals.get(ind.name()).copied().unwrap_or(f64::NAN) * scale;
            out.push_str(&format!(
                " {v:>width$.dec$}",
                width = h.len().max(7),
                dec = *dec
            ));
        }
        out.push('\n');
    }
}

/// The yearly table printed after a run, one block per area; with `levers` (a coin scheme
/// or a lever is on) a second block of coin and lever indicators follows each.
pub fn yearly_table(years: &YearTable, areas: &[String], levers: Option<&str>) -> String {
    let mut out = String::new();
    // Areas: neighbourhoods first then the city; with one neighbourhood only the city.
    let shown: Vec<&String> = if areas.len() <= 2 {
        areas.iter().filter(|a| *a == "city").collect()
    } else {
        areas.iter().collect()
    };
    for area in shown {
        let title = format!("{area} (yearly; money per year, shares in %)");
        table_block(&mut out, &title, &EURO_COLUMNS, years, area);
        if let Some(coin) = levers {
            let title =
                format!("{area}: coins ({coin}) and levers (coins per year, hours per year)");
            table_block(&mut out, &title, &COIN_COLUMNS, years, area);
        }
    }
    out
}

/// The summary written as `summary.json`: first and last year of every area.
pub fn summary_json(
    scenario: &crate::scenario::Scenario,
    years: &YearTable,
    areas: &[String],
) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let last = years.keys().map(|(y, _)| *y).max().unwrap_or(0);
    let pick = |year: u32| {
        let mut m = Map::new();
        for area in areas {
            if let Some(vals) = years.get(&(year, area.clone())) {
                let mut inner = Map::new();
                for ind in Indicator::ALL {
                    if let Some(v) = vals.get(ind.name()) {
                        inner.insert(ind.name().to_string(), json!(round_for_json(*v)));
                    }
                }
                m.insert(area.clone(), Value::Object(inner));
            }
        }
        Value::Object(m)
    };
    json!({
        "scenario": scenario.name,
        "seed": scenario.run.seed,
        "years": scenario.run.years,
        "ticks": scenario.run.years * 12,
        "residents": scenario.resident_count(),
        "books_checked_every_tick": scenario.run.check_books,
        "first_year": pick(1),
        "last_year": pick(last),
    })
}

/// Rounds to 6 significant decimals so that JSON output does not depend on the last bits
/// of floating point formatting.
fn round_for_json(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
