//! The indicator catalogue tells the truth (issue 9, item 5): each indicator's period rule
//! is how its quarters and years are made from its months, and the documentation lists what
//! the catalogue says.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use wijksim::model::Model;
use wijksim::model::indicators::{Indicator, Observer, PeriodRule, Row};

/// Every row of a run: (kind, area, indicator) -> values in period order.
#[derive(Default)]
struct All(BTreeMap<(&'static str, String, &'static str), Vec<f64>>);

impl Observer for All {
    fn row(&mut self, row: &Row<'_>) {
        self.0
            .entry((
                row.period.kind.name(),
                row.area.to_string(),
                row.indicator.name(),
            ))
            .or_default()
            .push(row.value);
    }
}

/// Two wijken with a coin that is earned, spent at shops, redeemed and charged demurrage,
/// so that the coin indicators move too.
const SCENARIO: &str = r#"(
    name: "catalogue",
    run: (years: 1),
    coins: (
        enabled: true,
        issuance: (per_volunteer_hour: 10.0),
        redemption: (businesses: true, associations: true),
        demurrage: (rate_per_period: 0.01, period_months: 1),
    ),
    levers: (shops_accept_coins: (enabled: true, share_of_price: 0.5), buy_local: (enabled: true)),
    neighbourhoods: [(name: "noord", residents: (count: 700)), (name: "zuid", residents: (count: 700))],
)"#;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn each_indicators_period_rule_is_how_its_quarters_and_years_are_made() {
    let s = common::parse(SCENARIO);
    let mut all = All::default();
    Model::new(&s).run(&mut all, |_, _| {});
    let mut checked = 0;
    let mut moving = 0;
    for ((kind, area, name), months) in all.0.iter().filter(|(k, _)| k.0 == "month") {
        let ind = Indicator::from_name(name).unwrap();
        assert_eq!(months.len(), 12, "{area} {name}");
        for (period, size) in [("quarter", 3), ("year", 12)] {
            let values = &all.0[&(period, area.clone(), *name)];
            for (i, &v) in values.iter().enumerate() {
                let part = &months[i * size..(i + 1) * size];
                let expected = match ind.rule() {
                    PeriodRule::EndOfPeriod => part[size - 1],
                    PeriodRule::MeanOfMonths => part.iter().sum::<f64>() / size as f64,
                    PeriodRule::SumOfMonths => part.iter().sum::<f64>(),
                    // Ratios of means or sums, and the period's income: not made from the
                    // monthly values of the indicator itself.
                    _ => continue,
                };
                assert!(
                    close(v, expected),
                    "{area} {period} {}: {name} is {v}, but its rule {:?} makes {expected} of the {kind}s {part:?}",
                    i + 1,
                    ind.rule()
                );
                checked += 1;
            }
        }
        if months.iter().any(|&m| m != months[0]) {
            moving += 1;
        }
    }
    // The check must have had something to tell apart: most indicators move over the year.
    assert!(checked > 300, "{checked} values checked");
    assert!(moving > 25, "only {moving} indicator series move");
    // The coin indicators move in this scenario, so their rules were put to the test.
    for ind in [
        Indicator::CoinsIssuedCount,
        Indicator::CoinsRedeemedCount,
        Indicator::CoinsDemurrageCount,
        Indicator::CoinsInCirculationCount,
    ] {
        let m = &all.0[&("month", "city".to_string(), ind.name())];
        assert!(m.iter().any(|&v| v > 0.0), "{} stays 0", ind.name());
    }
}

#[test]
fn the_documented_indicator_table_is_the_catalogue() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenario-format.md"),
    )
    .unwrap();
    for ind in Indicator::ALL {
        let row = format!(
            "| `{}` | {} | {} |",
            ind.name(),
            ind.unit().name(),
            ind.doc()
        );
        assert!(
            doc.contains(&row),
            "docs/scenario-format.md lacks the catalogue's row\n{row}\n(copy `Indicator::doc` and the unit from src/model/indicators/catalogue.rs)"
        );
    }
}
