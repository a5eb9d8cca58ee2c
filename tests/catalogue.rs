//! The indicator catalogue tells the truth (issue 9, item 5): each indicator's period rule
//! is how its quarters and years are made from its months; the documentation lists what the
//! catalogue says; and a Dutch report labels its rows from the catalogue, never with an
//! indicator's column name.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use wijksim::model::Model;
use wijksim::model::indicators::{Indicator, Lang, Observer, PeriodRule, Row, Unit};

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
            "| `{}` | {} | {} | {} |",
            ind.name(),
            ind.unit().name(),
            ind.better().name(),
            ind.doc()
        );
        assert!(
            doc.contains(&row),
            "docs/scenario-format.md lacks the catalogue's row\n{row}\n(copy `Indicator::doc` and the unit from src/model/indicators/catalogue.rs)"
        );
    }
}

fn wijksim(args: &[&str], dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_wijksim"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "wijksim {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A report without its appendix (the model description, in English in both languages).
fn without_appendix(html: &str) -> &str {
    html.split("<details class=\"appendix\"").next().unwrap()
}

/// The text of the first cell of every table row of an HTML page, its appendix left out.
fn row_labels(html: &str) -> Vec<String> {
    without_appendix(html)
        .split("<tr><td>")
        .skip(1)
        .map(|rest| rest.split("</td>").next().unwrap().to_string())
        .collect()
}

/// Words a Dutch reader must never meet as a row label: the column names of the outputs.
fn assert_no_column_names(labels: &[String], what: &str) {
    assert!(!labels.is_empty(), "{what}: no table rows");
    let units: Vec<&str> = Unit::ALL.iter().map(|u| u.name()).collect();
    for label in labels {
        assert!(
            !label.contains('_'),
            "{what}: the row {label:?} reads as a column name"
        );
        for ind in Indicator::ALL {
            for raw in [ind.name().to_string(), ind.name().replace('_', " ")] {
                assert!(
                    !label.contains(&raw) && label.to_lowercase() != raw,
                    "{what}: the row {label:?} shows the raw name {raw:?}"
                );
            }
        }
        for word in label.split(|c: char| !c.is_alphanumeric()) {
            assert!(
                !units.contains(&word),
                "{what}: the row {label:?} shows the unit name {word:?}"
            );
        }
    }
}

#[test]
fn a_dutch_report_labels_its_rows_from_the_catalogue_never_with_column_names() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().join("base.ron");
    std::fs::write(&base, "(name: \"basis\", run: (years: 1), neighbourhoods: [(name: \"w\", residents: (count: 500))])").unwrap();
    let changed = d.path().join("changed.ron");
    std::fs::write(&changed, "(name: \"lokaal\", run: (years: 1), levers: (buy_local: (enabled: true)), neighbourhoods: [(name: \"w\", residents: (count: 500))])").unwrap();
    let (base, changed) = (base.to_str().unwrap(), changed.to_str().unwrap());
    wijksim(
        &["run", base, "--out", "run", "-q", "--report", "nl"],
        d.path(),
    );
    wijksim(
        &[
            "compare", base, changed, "--runs", "2", "--out", "cmp", "--report", "nl",
        ],
        d.path(),
    );
    let run = std::fs::read_to_string(d.path().join("run/report.html")).unwrap();
    let cmp = std::fs::read_to_string(d.path().join("cmp/report.html")).unwrap();
    assert!(run.contains("<html lang=\"nl\">") && cmp.contains("<html lang=\"nl\">"));

    // The flow matrix: its rows are ledger purposes, labelled in Dutch.
    let flows = row_labels(&run);
    assert_no_column_names(&flows, "run report");
    assert!(flows.iter().any(|l| l == "Bijstand"), "{flows:?}");
    assert!(
        flows.iter().any(|l| l == "Verandering geldbezit"),
        "{flows:?}"
    );

    // Every table's rows (parties, outcomes, indicators) read as words, and the comparison
    // table, the last, has one row per indicator, each its catalogue heading.
    assert_no_column_names(&row_labels(&cmp), "compare report");
    assert!(
        row_labels(&cmp)
            .iter()
            .any(|l| l == "Huishoudens in de bijstand"),
        "the parties' table is labelled in Dutch"
    );
    let body = without_appendix(&cmp);
    let last_table = &body[body.rfind("<table>").unwrap()..];
    let rows = row_labels(last_table);
    assert_eq!(rows.len(), Indicator::ALL.len(), "{rows:?}");
    for (row, ind) in rows.iter().zip(Indicator::ALL) {
        assert_eq!(row, &ind.heading(Lang::Nl));
    }
    assert!(rows.iter().any(|l| l == "Werkloosheid (%)"), "{rows:?}");
    assert!(rows.iter().any(|l| l == "Omzet lokale ondernemers (euro)"));
    // Chart titles too.
    assert!(cmp.contains(">Huishoudens in de bijstand (%)</text>"));
    assert!(!cmp.contains(">unemployment rate<") && !cmp.contains(">lm3<"));
}

/// Every link of a report into its appendix of the model description (`#odd-<id>`).
fn odd_links(html: &str) -> Vec<String> {
    html.split("href=\"#odd-")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn every_report_links_to_sections_of_the_model_description_in_its_appendix() {
    let d = tempfile::tempdir().unwrap();
    let base = d.path().join("two.ron");
    std::fs::write(&base, SCENARIO).unwrap();
    let plain = d.path().join("plain.ron");
    std::fs::write(&plain, "(name: \"plain\", run: (years: 1), neighbourhoods: [(name: \"noord\", residents: (count: 700)), (name: \"zuid\", residents: (count: 700))])").unwrap();
    let (base, plain) = (base.to_str().unwrap(), plain.to_str().unwrap());
    wijksim(
        &["run", base, "--out", "run", "-q", "--report", "en"],
        d.path(),
    );
    wijksim(
        &[
            "compare",
            plain,
            base,
            "--runs",
            "2",
            "--uncertain",
            "behaviour.markup_step_max=0.05..0.2",
            "--out",
            "cmp",
            "--report",
            "nl",
        ],
        d.path(),
    );
    let experiments = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/experiments/small.ron");
    wijksim(
        &[
            "sweep",
            experiments.to_str().unwrap(),
            "--out",
            "sweep",
            "--report",
            "en",
        ],
        d.path(),
    );
    for (folder, must) in [
        ("run", vec!["s7-12", "s7-18", "burn-in"]),
        ("cmp", vec!["s7-18", "s7-19", "lever-2", "lever-11"]),
        ("sweep", vec!["what-drives-the-answer"]),
    ] {
        let dir = d.path().join(folder);
        let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
        let odd = std::fs::read_to_string(dir.join("odd.html")).unwrap();
        let links = odd_links(&html);
        for id in &must {
            assert!(
                links.iter().any(|l| l == id),
                "{folder}: no link to {id}: {links:?}"
            );
        }
        for id in &links {
            assert!(
                odd.contains(&format!("id=\"{id}\"")),
                "{folder}: the report cites {id}, which odd.html has no heading for"
            );
            assert!(
                html.contains(&format!("id=\"odd-{id}\"")),
                "{folder}: the report links to #odd-{id}, which its appendix lacks"
            );
        }
        let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
        assert!(
            manifest.contains("\"odd.html\""),
            "{folder}: odd.html not in the manifest"
        );
    }
    // The run report shows the city's and each neighbourhood's flow matrix, and the parties.
    let run = std::fs::read_to_string(d.path().join("run/report.html")).unwrap();
    for h in [
        "The whole city",
        "Neighbourhood noord",
        "Neighbourhood zuid",
        "Who pays, who receives",
    ] {
        assert!(run.contains(h), "the run report lacks {h:?}");
    }
    // The compare report says which kind of interval it shows, and what was drawn.
    let cmp = std::fs::read_to_string(d.path().join("cmp/report.html")).unwrap();
    assert!(
        cmp.contains("wat we niet weten over gedrag"),
        "interval kind"
    );
    assert!(cmp.contains("<code>behaviour.markup_step_max</code>"));
}
