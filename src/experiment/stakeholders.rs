//! Who pays, who gains: the cash side of a social cost-benefit analysis (MKBA) per party,
//! from the replications of a comparison (docs/ODD.md 7.18).
//!
//! Each run reports, per year, what every [`Party`] received net of what it paid, by
//! purpose, from the ledger ([`PartyYears`]): each party is summed from its own accounts,
//! none is computed as a remainder, and every purpose sums to zero over the parties. The
//! project alternative (the changed scenario) is set against the nulalternatief (the base)
//! replicate by replicate, with common random numbers; the effect of an item is the mean of
//! the paired differences with its 95% t-interval, per year and as a present value over
//! the horizon, discounted at the real rate of the Dutch general guideline ([`Mkba`]).
//!
//! Coins are valued at their face value (`coins.value_eur` of the scenario that holds
//! them), so coins outstanding at the end are a liability of the coin scheme and an asset
//! of their holders. The households' disposable income is reported beside the cash items
//! as kind `income`: it is not a ledger purpose and is not part of any sum.

use super::Error;
use super::stats;
use crate::model::indicators::Period;
use crate::model::indicators::{GroupTotals, Observer, PeriodKind, Row};
use crate::model::ledger::{Currency, Purpose};
use crate::model::parties::{Party, PartyFlows};

/// The real discount rate of the Dutch general guideline for cost-benefit analysis: 2.25%
/// a year, set by the 2020 working group on the discount rate (Werkgroep
/// discontovoet 2020), in force since.
pub const DISCOUNT_RATE: f64 = 0.0225;

/// The default horizon: a council term of four years.
pub const COUNCIL_TERM_YEARS: u32 = 4;

/// The default shadow price of an hour of unpaid work, by replacement cost: the Dutch
/// minimum wage an hour, EUR 2,069.40 a month (2024) over 156 hours (docs/ODD.md 7.18).
pub const HOUR_VALUE_EUR: f64 = 13.27;

/// Domestic burglaries a year per 1,000 residents: the Netherlands in 2023, 1.9 (CLO,
/// indicator nl061503; docs/ODD.md 7.18).
pub const BURGLARIES_PER_1000_RESIDENTS: f64 = 1.9;

/// The relative rise in burglaries per percentage point of unemployment: 2%, the
/// consensus of 1 to 2% for property crime (docs/ODD.md 7.18).
pub const BURGLARY_PER_UNEMPLOYMENT_POINT: f64 = 0.02;

/// The social cost of a domestic burglary, euros: an assumption from the Home Office's
/// GBP 2,300 of 1999/2000 (docs/ODD.md 7.18).
pub const BURGLARY_COST_EUR: f64 = 5000.0;

/// How the analysis discounts and over how many years.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Mkba {
    /// Real discount rate a year, 0 to 0.2.
    pub discount_rate: f64,
    /// Years of the present value, from the first; `None`: the council term, or every
    /// simulated year when the comparison is shorter.
    pub horizon_years: Option<u32>,
    /// Shadow price of an hour of volunteering or of residents' services, euros (replacement
    /// cost), 0 to 200.
    pub hour_value_eur: f64,
    /// Domestic burglaries a year per 1,000 residents of the compared area at the base
    /// scenario's unemployment, 0 to 50 (0 leaves the burglaries out).
    pub burglaries_per_1000_residents: f64,
    /// Social cost of a burglary, euros, 0 to 100,000.
    pub burglary_cost_eur: f64,
}

impl Default for Mkba {
    fn default() -> Self {
        Mkba {
            discount_rate: DISCOUNT_RATE,
            horizon_years: None,
            hour_value_eur: HOUR_VALUE_EUR,
            burglaries_per_1000_residents: BURGLARIES_PER_1000_RESIDENTS,
            burglary_cost_eur: BURGLARY_COST_EUR,
        }
    }
}

impl Mkba {
    /// Refuses a rate outside 0 to 0.2 and a horizon of 0 or beyond the simulated years.
    pub fn check(&self, years: u32) -> Result<(), Error> {
        let r = self.discount_rate;
        if !(r.is_finite() && (0.0..=0.2).contains(&r)) {
            return Err(Error::BadMkba {
                message: format!("--discount-rate is {r}, allowed is 0 to 0.2 (a share a year)"),
                hint: format!(
                    "the Dutch general guideline's real rate is {DISCOUNT_RATE} (2.25% a year)"
                ),
            });
        }
        let v = self.hour_value_eur;
        if !(v.is_finite() && (0.0..=200.0).contains(&v)) {
            return Err(Error::BadMkba {
                message: format!("--hour-value is {v}, allowed is 0 to 200 (EUR an hour)"),
                hint: format!(
                    "the default, EUR {HOUR_VALUE_EUR}, is the minimum wage an hour (replacement cost)"
                ),
            });
        }
        let b = self.burglaries_per_1000_residents;
        if !(b.is_finite() && (0.0..=50.0).contains(&b)) {
            return Err(Error::BadMkba {
                message: format!(
                    "--burglary-rate is {b}, allowed is 0 to 50 (burglaries a year per 1,000 residents)"
                ),
                hint: format!(
                    "the Dutch rate of 2023 is {BURGLARIES_PER_1000_RESIDENTS}; example 4's wijk, at three times the city average, about 5.7"
                ),
            });
        }
        let c = self.burglary_cost_eur;
        if !(c.is_finite() && (0.0..=100_000.0).contains(&c)) {
            return Err(Error::BadMkba {
                message: format!("--burglary-cost is {c}, allowed is 0 to 100,000 (EUR)"),
                hint: format!("the default is EUR {BURGLARY_COST_EUR}"),
            });
        }
        if let Some(h) = self.horizon_years
            && (h == 0 || h > years)
        {
            return Err(Error::BadMkba {
                message: format!("--horizon is {h}, allowed is 1 to the {years} simulated years"),
                hint: format!("simulate longer with --years {h}, or choose a shorter horizon"),
            });
        }
        Ok(())
    }

    /// The horizon in years for a comparison of `years` years.
    pub fn horizon(&self, years: u32) -> u32 {
        self.horizon_years
            .unwrap_or(COUNCIL_TERM_YEARS.min(years))
            .min(years)
    }

    /// The factor that discounts year `year` (from 1) to the first: 1 / (1 + r)^(year - 1).
    pub fn discount(&self, year: u32) -> f64 {
        (1.0 + self.discount_rate).powi(-(year as i32 - 1))
    }
}

/// One year of one run: what each party received net, and each household group's
/// disposable income.
#[derive(Clone, Debug, PartialEq)]
pub struct PartyYear {
    /// Simulated year, from 1.
    pub year: u32,
    /// Net flows by currency, purpose and party.
    pub flows: PartyFlows,
    /// Disposable income and households per party (households only).
    pub groups: GroupTotals,
}

/// The yearly party flows of one run, in year order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartyYears(pub Vec<PartyYear>);

impl Observer for PartyYears {
    fn row(&mut self, _row: &Row<'_>) {}

    fn party_flows(&mut self, period: &Period, flows: &PartyFlows, groups: &GroupTotals) {
        if period.kind == PeriodKind::Year {
            self.0.push(PartyYear {
                year: period.year,
                flows: flows.clone(),
                groups: *groups,
            });
        }
    }
}

/// An item of a party's account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The net cash of one purpose (euros and coins at face value).
    Purpose(Purpose),
    /// The net cash over every purpose.
    CashTotal,
    /// The disposable income of a household group (not a ledger flow).
    DisposableIncome,
}

impl Item {
    /// The stable name written in `stakeholders.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Item::Purpose(p) => p.name(),
            Item::CashTotal => "total",
            Item::DisposableIncome => "disposable_income",
        }
    }

    /// `cash` for ledger items, `income` for the disposable income.
    pub fn kind(self) -> &'static str {
        match self {
            Item::DisposableIncome => "income",
            _ => "cash",
        }
    }
}

impl PartyYears {
    /// The value of `item` for `party` in `year`, euros (coins at `coin_value_eur`); 0 for a
    /// year the run did not report.
    pub fn value_eur(&self, year: u32, party: Party, item: Item, coin_value_eur: f64) -> f64 {
        let Some(y) = self.0.iter().find(|y| y.year == year) else {
            return 0.0;
        };
        let cash = |p: Purpose| {
            y.flows.get(Currency::Eur, p, party) as f64 / 100.0
                + y.flows.get(Currency::Coin, p, party) as f64 * coin_value_eur
        };
        match item {
            Item::Purpose(p) => cash(p),
            Item::CashTotal => Purpose::ALL.iter().map(|&p| cash(p)).sum(),
            Item::DisposableIncome => y.groups.income_cents[party as usize] as f64 / 100.0,
        }
    }

    /// The sum over every party of the net cash of `year`, euros: zero up to rounding, as
    /// every transfer leaves one party and reaches another.
    pub fn parties_sum_eur(&self, year: u32, coin_value_eur: f64) -> f64 {
        Party::ALL
            .iter()
            .map(|&p| self.value_eur(year, p, Item::CashTotal, coin_value_eur))
            .sum()
    }

    /// The present value over `mkba`'s horizon of `item` for `party`, euros.
    pub fn present_value(
        &self,
        mkba: &Mkba,
        years: u32,
        party: Party,
        item: Item,
        coin_value_eur: f64,
    ) -> f64 {
        (1..=mkba.horizon(years))
            .map(|y| mkba.discount(y) * self.value_eur(y, party, item, coin_value_eur))
            .sum()
    }
}

/// Annual values of one year, or the present value over the horizon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// The value of one year.
    Annual,
    /// Discounted to year 1 and summed over the horizon.
    PresentValue,
}

impl Measure {
    /// The stable name written in `stakeholders.csv`.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Annual => "annual",
            Measure::PresentValue => "present_value",
        }
    }
}

/// One row of `stakeholders.csv`: the effect of one item of one party in one year (or over
/// the horizon, `year` then being its last year).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct StakeholderRow {
    /// The party's stable name.
    pub party: &'static str,
    /// The item: a ledger purpose, `total` or `disposable_income`.
    pub item: &'static str,
    /// `cash`, `income` or `social` (valued by a shadow price, never in a sum with cash).
    pub kind: &'static str,
    /// `annual` or `present_value`.
    pub measure: &'static str,
    /// The year, or the horizon's last year for a present value.
    pub year: u32,
    /// Mean paired effect (changed - base), euros; positive: the party gains.
    pub value_eur: f64,
    /// Lower end of its 95% interval.
    pub ci_low_eur: f64,
    /// Upper end.
    pub ci_high_eur: f64,
    /// Mean in the base scenario.
    pub base_eur: f64,
    /// Mean in the changed scenario.
    pub changed_eur: f64,
    /// `gains` (interval above zero), `pays` (below), `identical` or `no clear change`.
    pub verdict: &'static str,
}

/// The verdict of an effect with its interval: `gains`, `pays`, `identical` or `no clear
/// change`.
fn verdict(mean: f64, lo: f64, hi: f64) -> &'static str {
    if lo > 0.0 {
        "gains"
    } else if hi < 0.0 {
        "pays"
    } else if mean == 0.0 && lo == 0.0 && hi == 0.0 {
        "identical"
    } else {
        "no clear change"
    }
}

/// The coin values of the two scenarios, euros per coin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoinValues {
    /// The base scenario's.
    pub base: f64,
    /// The changed scenario's.
    pub changed: f64,
}

/// Every row of `stakeholders.csv`: per party (in [`Party::ALL`] order) its total, each
/// purpose that moved money in some run, and for households their disposable income; each
/// per year, then as a present value over the horizon.
pub fn stakeholders(
    base: &[PartyYears],
    changed: &[PartyYears],
    years: u32,
    mkba: &Mkba,
    coins: CoinValues,
) -> Vec<StakeholderRow> {
    let mut out = Vec::new();
    for party in Party::ALL {
        let mut items = vec![Item::CashTotal];
        items.extend(
            Purpose::ALL
                .iter()
                .map(|&p| Item::Purpose(p))
                .filter(|&item| moved(base, changed, years, party, item, coins)),
        );
        if party.is_households() {
            items.push(Item::DisposableIncome);
        }
        for item in items {
            let key = (party.name(), item.name(), item.kind());
            let annual = |y: u32| {
                let pick = |runs: &[PartyYears], v: f64| -> Vec<f64> {
                    runs.iter()
                        .map(|r| r.value_eur(y, party, item, v))
                        .collect()
                };
                (pick(base, coins.base), pick(changed, coins.changed))
            };
            for y in 1..=years {
                let (a, b) = annual(y);
                out.push(row(key, Measure::Annual, y, &a, &b));
            }
            let pv = |runs: &[PartyYears], v: f64| -> Vec<f64> {
                runs.iter()
                    .map(|r| r.present_value(mkba, years, party, item, v))
                    .collect()
            };
            let (a, b) = (pv(base, coins.base), pv(changed, coins.changed));
            let h = mkba.horizon(years);
            out.push(row(key, Measure::PresentValue, h, &a, &b));
        }
    }
    out
}

/// Whether `item` of `party` is non-zero in some year of some run.
fn moved(
    base: &[PartyYears],
    changed: &[PartyYears],
    years: u32,
    party: Party,
    item: Item,
    coins: CoinValues,
) -> bool {
    let any = |runs: &[PartyYears], v: f64| {
        runs.iter()
            .any(|r| (1..=years).any(|y| r.value_eur(y, party, item, v) != 0.0))
    };
    any(base, coins.base) || any(changed, coins.changed)
}

/// A row of the party `party`'s item `item` of kind `kind` from the paired samples.
fn row(
    (party, item, kind): (&'static str, &'static str, &'static str),
    measure: Measure,
    year: u32,
    base: &[f64],
    changed: &[f64],
) -> StakeholderRow {
    let d: Vec<f64> = base.iter().zip(changed).map(|(a, b)| b - a).collect();
    let s = stats::summary(&d);
    let ci = if s.ci95.is_finite() { s.ci95 } else { 0.0 };
    let (lo, hi) = (s.mean - ci, s.mean + ci);
    StakeholderRow {
        party,
        item,
        kind,
        measure: measure.name(),
        year,
        value_eur: s.mean,
        ci_low_eur: lo,
        ci_high_eur: hi,
        base_eur: stats::summary(base).mean,
        changed_eur: stats::summary(changed).mean,
        verdict: verdict(s.mean, lo, hi),
    }
}

/// The present-value totals of every party: the terminal table "wie betaalt, wie
/// profiteert".
pub fn party_totals(rows: &[StakeholderRow]) -> impl Iterator<Item = &StakeholderRow> {
    rows.iter()
        .filter(|r| r.item == "total" && r.measure == "present_value")
}

/// The present values of the social effects (kind `social`).
pub fn social_totals(rows: &[StakeholderRow]) -> impl Iterator<Item = &StakeholderRow> {
    rows.iter()
        .filter(|r| r.kind == "social" && r.measure == "present_value")
}

/// The social effects valued by a shadow price, shown apart from the cash (kind `social`)
/// and never added to it: each is an indicator of the city's yearly rows, in hours, times
/// a price. `(party that benefits, item, indicator of hours)`.
const SOCIAL: [(&str, &str, &str); 3] = [
    ("associations", "volunteer_work", "volunteer_hours"),
    ("residents", "resident_services", "resident_services_hours"),
    // Lever 7's hours, from its coins; only the share that replaces no contracted work
    // ([`SocialWeights::coin_work`]).
    ("residents", "coin_paid_work", "pay_residents_coins_count"),
];

/// Per replicate, what an hour of each social item is worth relative to the hour value, or
/// for coin-paid work what a coin of lever 7 is: `(1 - displacement_share) /
/// coins_per_hour` (the displaced hours replace contracted work, whose saving is cash
/// already; the others are public-space work the municipality would not have bought).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SocialWeights {
    /// Per base replicate, the weight of a lever-7 coin.
    pub base_coin_work: Vec<f64>,
    /// Per changed replicate.
    pub changed_coin_work: Vec<f64>,
}

impl SocialWeights {
    /// The weight of a lever-7 coin in scenario `s`.
    pub fn coin_work(s: &crate::scenario::Scenario) -> f64 {
        let l = &s.levers.pay_residents;
        if l.coins_per_hour > 0.0 {
            (1.0 - l.displacement_share) / l.coins_per_hour
        } else {
            0.0
        }
    }
}

/// The rows of kind `social`: per year and over the horizon, the paired difference of the
/// hours of volunteering, of residents' services and of lever 7's coin-paid work that
/// displaces no contracted work (weighted per replicate by `weights`), valued at
/// `mkba.hour_value_eur` an hour (replacement cost).
pub fn social_effects(
    base: &[super::YearRows],
    changed: &[super::YearRows],
    years: u32,
    mkba: &Mkba,
    weights: &SocialWeights,
) -> Vec<StakeholderRow> {
    let mut out = Vec::new();
    for (party, item, indicator) in SOCIAL {
        let value = |r: &super::YearRows, y: u32, w: f64| {
            r.get(y, "city", indicator).unwrap_or(0.0) * w * mkba.hour_value_eur
        };
        let weight = |ws: &[f64], i: usize| {
            if item == "coin_paid_work" {
                ws.get(i).copied().unwrap_or(0.0)
            } else {
                1.0
            }
        };
        let pick = |runs: &[super::YearRows],
                    ws: &[f64],
                    f: &dyn Fn(&super::YearRows, f64) -> f64|
         -> Vec<f64> {
            runs.iter()
                .enumerate()
                .map(|(i, r)| f(r, weight(ws, i)))
                .collect()
        };
        let (bw, cw) = (&weights.base_coin_work, &weights.changed_coin_work);
        let mut rows = Vec::new();
        for y in 1..=years {
            let (a, b) = (
                pick(base, bw, &|r, w| value(r, y, w)),
                pick(changed, cw, &|r, w| value(r, y, w)),
            );
            rows.push(row((party, item, "social"), Measure::Annual, y, &a, &b));
        }
        let pv = |r: &super::YearRows, w: f64| {
            (1..=mkba.horizon(years))
                .map(|y| mkba.discount(y) * value(r, y, w))
                .sum::<f64>()
        };
        let (a, b) = (pick(base, bw, &pv), pick(changed, cw, &pv));
        let key = (party, item, "social");
        rows.push(row(key, Measure::PresentValue, mkba.horizon(years), &a, &b));
        if rows
            .iter()
            .any(|r| r.base_eur != 0.0 || r.changed_eur != 0.0)
        {
            out.extend(rows);
        }
    }
    out.extend(burglaries(base, changed, years, mkba));
    out
}

/// Domestic burglaries through their unemployment proxy (docs/ODD.md 7.18): per run and
/// year, `rate / 1000 x residents x (1 + BURGLARY_PER_UNEMPLOYMENT_POINT x (u - u0))`
/// burglaries, u the city's unemployment in percentage points and u0 the base scenario's
/// mean of that year, each at `burglary_cost_eur`; the rows are their cost, negative (a
/// loss to the residents), so that fewer burglaries show as a gain.
fn burglaries(
    base: &[super::YearRows],
    changed: &[super::YearRows],
    years: u32,
    mkba: &Mkba,
) -> Vec<StakeholderRow> {
    if mkba.burglaries_per_1000_residents == 0.0 || base.is_empty() {
        return Vec::new();
    }
    let get = |r: &super::YearRows, y: u32, i: &str| r.get(y, "city", i).unwrap_or(0.0);
    let u0: Vec<f64> = (0..=years)
        .map(|y| {
            base.iter()
                .map(|r| 100.0 * get(r, y, "unemployment_rate"))
                .sum::<f64>()
                / base.len() as f64
        })
        .collect();
    let cost = |r: &super::YearRows, y: u32| {
        let u = 100.0 * get(r, y, "unemployment_rate");
        let count = mkba.burglaries_per_1000_residents / 1000.0
            * get(r, y, "residents_count")
            * (1.0 + BURGLARY_PER_UNEMPLOYMENT_POINT * (u - u0[y as usize]));
        -count * mkba.burglary_cost_eur
    };
    let key = ("residents", "burglaries", "social");
    let pick = |runs: &[super::YearRows], f: &dyn Fn(&super::YearRows) -> f64| -> Vec<f64> {
        runs.iter().map(f).collect()
    };
    let mut rows = Vec::new();
    for y in 1..=years {
        let (a, b) = (pick(base, &|r| cost(r, y)), pick(changed, &|r| cost(r, y)));
        rows.push(row(key, Measure::Annual, y, &a, &b));
    }
    let h = mkba.horizon(years);
    let pv = |r: &super::YearRows| (1..=h).map(|y| mkba.discount(y) * cost(r, y)).sum::<f64>();
    rows.push(row(
        key,
        Measure::PresentValue,
        h,
        &pick(base, &pv),
        &pick(changed, &pv),
    ));
    rows
}
