//! `wijksim report OUTDIR`: one self-contained HTML file (inline SVG, no script, no font,
//! no network) for a run, a comparison or a sweep folder, in Dutch or English.

use super::svg::{self, Series};
use crate::experiment::additionality::Outcome;
use crate::model::indicators::{self as catalogue, Indicator};
use crate::model::ledger::{Purpose, Sector};
use crate::model::parties::Party;
use std::collections::BTreeMap;
use std::path::Path;

/// Report language: the catalogue's, so that the model and the report share one (the CLI
/// makes it a command-line value).
pub use crate::model::indicators::Lang;

fn t(lang: Lang, key: &str) -> &'static str {
    let (nl, en) = match key {
        "title_run" => (
            "Wijkeconomie: resultaten van een simulatie",
            "Neighbourhood economy: simulation results",
        ),
        "title_compare" => (
            "Wijkeconomie: vergelijking van twee scenario's",
            "Neighbourhood economy: comparison of two scenarios",
        ),
        "title_sweep" => (
            "Wijkeconomie: parameterverkenning",
            "Neighbourhood economy: parameter sweep",
        ),
        "year" => ("jaar", "year"),
        "city" => ("stad", "city"),
        "intro_run" => (
            "Dit verslag toont hoe de belangrijkste cijfers van de wijk zich per jaar ontwikkelen in de simulatie. Alle bedragen zijn euro's per jaar.",
            "This report shows how the neighbourhood's key figures develop year by year in the simulation. All amounts are euros per year.",
        ),
        "euro_title" => (
            "Waar blijft een euro die in de wijk wordt uitgegeven?",
            "Where does a euro spent in the neighbourhood go?",
        ),
        "euro_caption" => (
            "Een euro die bij een lokale ondernemer wordt besteed, wordt deels opnieuw in de wijk uitgegeven (lonen aan bewoners, inkopen bij andere lokale bedrijven) en lekt deels weg naar buiten. De groene delen blijven in de wijk; de grijze lekken weg. De lokale multiplier (LM3) telt de drie ronden op: hoe hoger, hoe langer het geld in de wijk rolt.",
            "A euro spent at a local business is partly spent again in the neighbourhood (wages to residents, purchases from other local businesses) and partly leaks out. Green parts stay in the neighbourhood; grey parts leak away. The local multiplier (LM3) adds up the three rounds: the higher it is, the longer money circulates locally.",
        ),
        "round" => ("ronde", "round"),
        "stays" => ("blijft in de wijk", "stays local"),
        "leaks" => ("lekt weg", "leaks out"),
        "tfm_title" => (
            "Geldstromen in het laatste jaar (euro)",
            "Money flows in the last year (euros)",
        ),
        "tfm_caption" => (
            "Elke rij is een soort betaling; positief is ontvangen, negatief is betaald. Elke rij telt op tot nul: geld verdwijnt nergens. De laatste rij is wat elke sector aan het eind van het jaar meer (positief) of minder (negatief) aan geld bezit: een gemeente die meer uitgeeft dan ze ontvangt, staat daar negatief.",
            "Each row is a kind of payment; positive is received, negative is paid. Every row sums to zero: no money disappears. The last row is how much more (positive) or less (negative) money each sector holds at the end of the year: a municipality that spends more than it receives is negative there.",
        ),
        "compare_caption" => (
            "Beide scenario's zijn meerdere keren gedraaid met dezelfde toevalsreeksen. De lijn is het gemiddelde, de band het 95%-betrouwbaarheidsinterval.",
            "Both scenarios ran several times with the same random streams. The line is the mean, the band the 95% confidence interval.",
        ),
        "diff_title" => (
            "Verschillen in het laatste jaar",
            "Differences in the last year",
        ),
        "verdict_note" => (
            "'Duidelijk' betekent: het verschil is groter dan de ruis tussen de runs (gepaarde t-toets p < 0,05 en een interval dat nul uitsluit).",
            "'Clear' means: the difference is larger than the noise between runs (paired t-test p < 0.05 and an interval that excludes zero).",
        ),
        "clear increase" => ("duidelijk hoger", "clear increase"),
        "clear decrease" => ("duidelijk lager", "clear decrease"),
        "no clear difference" => ("geen duidelijk verschil", "no clear difference"),
        "identical" => ("gelijk", "identical"),
        "indicator" => ("indicator", "indicator"),
        "parties_title" => ("Wie betaalt, wie profiteert", "Who pays, who gains"),
        "parties_caption" => (
            "Netto geldstromen per partij over de eerste {h} jaar (contante waarde tegen {r} per jaar, de discontovoet van de Rijksbrede MKBA-richtlijn), met 95%-interval over de herhalingen. Positief: de partij ontvangt meer dan zonder de maatregel. Munten tellen tegen hun nominale waarde. Dit zijn geldstromen, geen welvaart: een aankoop is een betaling voor goederen van dezelfde waarde.",
            "Net cash per party over the first {h} years (present value at {r} a year, the discount rate of the Dutch cost-benefit guideline), with 95% intervals over the replications. Positive: the party receives more than without the measure. Coins count at face value. These are money flows, not welfare: a purchase is a payment for goods of the same value.",
        ),
        "party" => ("partij", "party"),
        "effect" => ("effect", "effect"),
        "interval" => ("95%-interval", "95% interval"),
        "gains" => ("profiteert", "gains"),
        "pays" => ("betaalt", "pays"),
        "no clear change" => ("geen duidelijk verschil", "no clear difference"),
        "sum_parties" => ("som over de partijen", "sum over the parties"),
        "income_title" => (
            "Besteedbaar inkomen per groep huishoudens",
            "Disposable income per group of households",
        ),
        "jobs_title" => (
            "Wat het oplevert en wat dat kost",
            "What it buys and what that costs",
        ),
        "jobs_caption" => (
            "Extra eenheden per jaar, gemiddeld over de eerste {h} jaar (95%-interval), en de kosten per extra eenheid per jaar voor de gemeente en voor gemeente en Rijk samen (beide verdisconteerd; 95%-interval met de bootstrap over de herhalingen). Zonder duidelijk effect zijn de kosten per eenheid niet gedefinieerd.",
            "Extra units a year, on average over the first {h} years (95% interval), and the cost per extra unit a year to the municipality and to the municipality and the state together (both discounted; 95% interval by the bootstrap over the replications). Without a clear effect the cost per unit is undefined.",
        ),
        "outcome" => ("uitkomst", "outcome"),
        "cost_municipality" => (
            "kosten gemeente per eenheid",
            "cost to the municipality per unit",
        ),
        "cost_government" => (
            "kosten gemeente en Rijk per eenheid",
            "cost to municipality and state per unit",
        ),
        "undefined" => (
            "niet gedefinieerd: geen duidelijk effect",
            "undefined: no clear effect",
        ),
        "undefined_loss" => (
            "niet gedefinieerd: duidelijk minder",
            "undefined: clearly fewer",
        ),
        "targets_title" => ("Wordt het doel gehaald?", "Is the target met?"),
        "target" => ("doel", "target"),
        "met" => ("gehaald in", "met in"),
        "change_means" => ("verandering van de gemiddelden", "change of the means"),
        "of" => ("van", "of"),
        "social_title" => (
            "Maatschappelijke effecten, in euro gewaardeerd (niet opgeteld bij de geldstromen)",
            "Social effects valued in euros (not added to the money flows)",
        ),
        "social_caption" => (
            "Uren vrijwilligerswerk en diensten tussen bewoners, gewaardeerd tegen {v} per uur (vervangingswaarde: het minimumloon per uur), contante waarde over de eerste {h} jaar. Kwaliteit van de openbare ruimte en inbraken zijn niet gemodelleerd en ontbreken hier.",
            "Hours of volunteering and of services between residents, valued at {v} an hour (replacement cost: the minimum wage an hour), present value over the first {h} years. Public-space quality and burglaries are not modelled and are missing here.",
        ),
        "volunteer_work" => (
            "Vrijwilligerswerk (verenigingen)",
            "Volunteer work (associations)",
        ),
        "resident_services" => ("Diensten tussen bewoners", "Services between residents"),
        "better" => ("beter", "better"),
        "worse" => ("slechter", "worse"),
        "effects_title" => (
            "Wat verandert er in jaar {y}? (verschil met het nulalternatief, in % van het nulalternatief)",
            "What changes in year {y}? (difference from the nulalternatief, in % of the nulalternatief)",
        ),
        "effects_caption" => (
            "Balk: het gemiddelde verschil; lijn: het 95%-interval. Blauw is een duidelijke verbetering, oranje een duidelijke verslechtering, grijs geen duidelijk verschil of geen richting die beter is.",
            "Bar: the mean difference; line: the 95% interval. Blue is a clear improvement, orange a clear deterioration, grey no clear difference or no direction that is better.",
        ),
        "runs" => ("herhalingen", "replications"),
        "base" => ("basis", "base"),
        "changed" => ("gewijzigd", "changed"),
        "difference" => ("verschil (95%-interval)", "difference (95% interval)"),
        "verdict" => ("oordeel", "verdict"),
        "sweep_caption" => (
            "Elk punt is het gemiddelde over de herhalingen van één combinatie van instellingen, in het laatste jaar.",
            "Each point is the mean over the replications of one combination of settings, in the last year.",
        ),
        "morris_title" => (
            "Welke instellingen doen ertoe? (Morris)",
            "Which settings matter? (Morris)",
        ),
        "morris_caption" => (
            "Rechts: grote invloed (mu*); boven: niet-lineair of samen met andere instellingen (sigma).",
            "Right: large influence (mu*); top: non-linear or acting together with other settings (sigma).",
        ),
        _ => ("", ""),
    };
    if lang == Lang::Nl { nl } else { en }
}

/// The heading of an indicator named in a table the report reads: the catalogue's heading,
/// or, for a name this version does not know (a folder written by another version), the
/// name as it stands.
fn heading(lang: Lang, name: &str) -> String {
    Indicator::from_name(name).map_or_else(|| name.to_string(), |i| i.heading(lang))
}

/// The label of a row of `flows.csv`: a ledger purpose or the closing row.
fn purpose_heading(lang: Lang, name: &str) -> String {
    if name == "change_in_money" {
        return catalogue::capitalise(catalogue::change_in_money_label(lang));
    }
    Purpose::ALL.iter().find(|p| p.name() == name).map_or_else(
        || name.to_string(),
        |&p| catalogue::capitalise(catalogue::purpose_label(p, lang)),
    )
}

/// The label of a column of `flows.csv`: a ledger sector.
fn sector_heading(lang: Lang, name: &str) -> String {
    Sector::ALL.iter().find(|s| s.name() == name).map_or_else(
        || name.to_string(),
        |&s| catalogue::sector_label(s, lang).to_string(),
    )
}

/// `v` with `decimals` decimals, digits grouped by thousands, as the language writes
/// numbers (nl: 1.234,5; en: 1,234.5); a dash for a missing value, never "-0".
pub fn number(lang: Lang, v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "\u{2013}".to_string();
    }
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, point) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::new();
    if v < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A value of `indicator` as a reader sees it: shares as percentages, with the decimals
/// of its unit. An unknown indicator keeps four decimals.
fn shown(lang: Lang, indicator: Option<Indicator>, v: f64) -> String {
    match indicator {
        Some(i) => number(
            lang,
            v * i.unit().display_scale(),
            i.unit().display_decimals(),
        ),
        None => number(lang, v, 4),
    }
}

/// The factor from a stored value to the one a chart draws (shares as percentages).
fn scale(indicator: Indicator) -> f64 {
    indicator.unit().display_scale()
}

/// Points of a chart.
type Points = Vec<(f64, f64)>;

/// The indicators a run or comparison report draws, in order.
const KEY: [Indicator; 11] = [
    Indicator::UnemploymentRate,
    Indicator::HouseholdsOnBenefitsShare,
    Indicator::BusinessTurnoverEur,
    Indicator::BusinessesActiveCount,
    Indicator::LeakageShare,
    Indicator::Lm3,
    Indicator::VelocityEurPerYear,
    Indicator::MunicipalNetCostEur,
    Indicator::GiniWealth,
    Indicator::PovertyRate,
    Indicator::LowIncomeRate,
];
/// Drawn besides [`KEY`] when the run has coins.
const COIN_KEY: [Indicator; 3] = [
    Indicator::CoinsInCirculationCount,
    Indicator::CoinVelocityPerYear,
    Indicator::VolunteerHours,
];
/// Drawn against each factor of a sweep.
const SWEEP_KEY: [Indicator; 3] = [
    Indicator::UnemploymentRate,
    Indicator::BusinessTurnoverEur,
    Indicator::MunicipalNetCostEur,
];
/// Drawn from a sweep's Morris screening.
const MORRIS_KEY: [Indicator; 3] = [
    Indicator::UnemploymentRate,
    Indicator::BusinessTurnoverEur,
    Indicator::LeakageShare,
];

fn read(path: &Path) -> Result<(Vec<String>, Vec<csv::StringRecord>), String> {
    let mut r =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let h = r
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((h, rows))
}

fn col(h: &[String], name: &str) -> Result<usize, String> {
    h.iter()
        .position(|c| c == name)
        .ok_or_else(|| format!("column `{name}` missing"))
}

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
body{{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}}figure{{display:inline-block;margin:8px}}\
figcaption{{font-size:13px;max-width:560px}}table{{border-collapse:collapse;font-size:13px}}td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}\
th{{background:#f0f0f0}}td:first-child,th:first-child{{text-align:left}}.clear{{font-weight:bold}}\
.wide{{display:block}}.gain{{color:#0b5394;font-weight:bold}}.loss{{color:#b45f06;font-weight:bold}}h2{{margin-top:1.5em}}p{{max-width:900px}}\
@page{{size:A4;margin:15mm}}@media print{{body{{max-width:none;margin:0;font-size:11pt}}figure{{break-inside:avoid}}tr{{break-inside:avoid}}h2{{break-after:avoid}}}}</style></head><body><h1>{}</h1>{}</body></html>\n",
        if lang == Lang::Nl { "nl" } else { "en" },
        svg::escape(title),
        svg::escape(title),
        body
    )
}

/// Builds the report of a folder written by `run`, `compare` or `sweep`.
pub fn report(dir: &Path, lang: Lang) -> Result<String, String> {
    if dir.join("timeseries.csv").exists() {
        run_report(dir, lang)
    } else if dir.join("compare.csv").exists() {
        compare_report(dir, lang)
    } else if dir.join("table.csv").exists() {
        sweep_report(dir, lang)
    } else {
        Err(format!(
            "{} holds no timeseries.csv, compare.csv or table.csv; give the output folder of `wijksim run`, `compare` or `sweep`",
            dir.display()
        ))
    }
}

fn run_report(dir: &Path, lang: Lang) -> Result<String, String> {
    let (h, rows) = read(&dir.join("timeseries.csv"))?;
    let (cp, cy, ca, ci, cv) = (
        col(&h, "period")?,
        col(&h, "year")?,
        col(&h, "area")?,
        col(&h, "indicator")?,
        col(&h, "value")?,
    );
    let mut yearly: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for r in &rows {
        if &r[cp] == "year" && &r[ca] == "city" {
            yearly.entry(r[ci].to_string()).or_default().push((
                r[cy].parse().unwrap_or(0.0),
                r[cv].parse().unwrap_or(f64::NAN),
            ));
        }
    }
    let summary: serde_json::Value = std::fs::read(dir.join("summary.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let mut body = format!(
        "<p>{} <b>{}</b>, seed {}, {} {}.</p><p>{}</p>",
        "Scenario",
        svg::escape(summary["scenario"].as_str().unwrap_or("?")),
        summary["seed"],
        summary["years"],
        if lang == Lang::Nl { "jaar" } else { "years" },
        t(lang, "intro_run")
    );
    let has_coins = yearly
        .get(Indicator::CoinsInCirculationCount.name())
        .is_some_and(|v| v.iter().any(|p| p.1 > 0.0));
    let keys: Vec<Indicator> = KEY
        .iter()
        .copied()
        .chain(if has_coins {
            COIN_KEY.to_vec()
        } else {
            Vec::new()
        })
        .collect();
    for k in keys {
        if let Some(pts) = yearly.get(k.name()) {
            body.push_str(&format!(
                "<figure>{}</figure>",
                svg::line_chart(
                    &k.heading(lang),
                    t(lang, "year"),
                    &[Series {
                        name: t(lang, "city"),
                        colour: "#0072b2",
                        points: pts.iter().map(|&(x, y)| (x, y * scale(k))).collect(),
                        band: None
                    }],
                    style(lang)
                )
            ));
        }
    }
    // Where a euro goes: the LM3 rounds of the last year.
    let last = |k: Indicator| {
        yearly
            .get(k.name())
            .and_then(|v| v.last())
            .map(|p| p.1)
            .unwrap_or(f64::NAN)
    };
    let (s_b, s_r) = (
        last(Indicator::BusinessLocalSpendingShare),
        last(Indicator::RespendingLocalShare),
    );
    if s_b.is_finite() && s_r.is_finite() {
        let (stay, leak) = ("#2ca02c", "#aaaaaa");
        let rows = vec![
            (
                format!("{} 1", t(lang, "round")),
                vec![(1.0, stay, t(lang, "stays").to_string())],
            ),
            (
                format!("{} 2", t(lang, "round")),
                vec![
                    (s_b, stay, t(lang, "stays").to_string()),
                    (1.0 - s_b, leak, t(lang, "leaks").to_string()),
                ],
            ),
            (
                format!("{} 3", t(lang, "round")),
                vec![
                    (s_b * s_r, stay, t(lang, "stays").to_string()),
                    (s_b * (1.0 - s_r), leak, t(lang, "leaks").to_string()),
                ],
            ),
        ];
        body.push_str(&format!(
            "<h2>{}</h2><figure>{}<figcaption>{} LM3 = {}.</figcaption></figure>",
            t(lang, "euro_title"),
            svg::stacked_bars(t(lang, "euro_title"), &rows),
            t(lang, "euro_caption"),
            number(lang, 1.0 + s_b + s_b * s_r, 2)
        ));
    }
    // The transaction-flow matrix of the last year.
    if let Ok((fh, frows)) = read(&dir.join("flows.csv")) {
        let (p, y, c, pu, se, am) = (
            col(&fh, "period")?,
            col(&fh, "year")?,
            col(&fh, "currency")?,
            col(&fh, "purpose")?,
            col(&fh, "sector")?,
            col(&fh, "amount")?,
        );
        let last_year = frows
            .iter()
            .filter(|r| &r[p] == "year")
            .filter_map(|r| r[y].parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        let mut sectors: Vec<String> = Vec::new();
        let mut table: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for r in frows.iter().filter(|r| {
            &r[p] == "year" && r[y].parse::<u32>().ok() == Some(last_year) && &r[c] == "eur"
        }) {
            if !sectors.contains(&r[se].to_string()) {
                sectors.push(r[se].to_string());
            }
            if !order.contains(&r[pu].to_string()) {
                order.push(r[pu].to_string());
            }
            table
                .entry(r[pu].to_string())
                .or_default()
                .insert(r[se].to_string(), r[am].to_string());
        }
        body.push_str(&format!(
            "<h2>{}</h2><p>{}</p><table><tr><th></th>",
            t(lang, "tfm_title"),
            t(lang, "tfm_caption")
        ));
        for s in &sectors {
            body.push_str(&format!(
                "<th>{}</th>",
                svg::escape(&sector_heading(lang, s))
            ));
        }
        body.push_str("</tr>");
        for purpose in &order {
            body.push_str(&format!(
                "<tr><td>{}</td>",
                svg::escape(&purpose_heading(lang, purpose))
            ));
            // flows.csv closes each column with Godley's sign (minus the change in money, so
            // that the column sums to zero); a reader reads the change itself: negative
            // when the sector holds less at the end of the year.
            let sign = if purpose == "change_in_money" {
                -1.0
            } else {
                1.0
            };
            for s in &sectors {
                let amount = table[purpose]
                    .get(s)
                    .map(|a| number(lang, sign * a.parse().unwrap_or(f64::NAN), 2))
                    .unwrap_or_default();
                body.push_str(&format!("<td>{amount}</td>"));
            }
            body.push_str("</tr>");
        }
        body.push_str("</table>");
    }
    Ok(page(lang, t(lang, "title_run"), &body))
}

fn compare_report(dir: &Path, lang: Lang) -> Result<String, String> {
    let (h, rows) = read(&dir.join("compare.csv"))?;
    let c = |n: &str| col(&h, n);
    let (ca, cy, ci) = (c("area")?, c("year")?, c("indicator")?);
    let (bm, bc, chm, chc) = (
        c("base_mean")?,
        c("base_ci95")?,
        c("changed_mean")?,
        c("changed_ci95")?,
    );
    let (dm, dl, dh, cp, cv) = (
        c("diff_mean")?,
        c("diff_ci95_low")?,
        c("diff_ci95_high")?,
        c("p_paired")?,
        c("verdict")?,
    );
    let ca_assess = c("assessment").ok();
    let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    let json: serde_json::Value = std::fs::read(dir.join("compare.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    let (bn, cn) = (
        json["base"].as_str().unwrap_or("base").to_string(),
        json["changed"].as_str().unwrap_or("changed").to_string(),
    );
    let mut body = format!(
        "<p><b>{}</b> &rarr; <b>{}</b>, {} {}. {}</p>",
        svg::escape(&bn),
        svg::escape(&cn),
        json["runs"],
        t(lang, "runs"),
        t(lang, "compare_caption")
    );
    body.push_str(&effect_chart(lang, &h, &rows, &json)?);
    body.push_str(&compare_parties(dir, lang, &json)?);
    for k in KEY {
        let city: Vec<&csv::StringRecord> = rows
            .iter()
            .filter(|r| &r[ca] == "city" && &r[ci] == k.name())
            .collect();
        if city.is_empty() {
            continue;
        }
        let f = scale(k);
        let mk = |m: usize, ci95: usize| -> (Points, Points) {
            let pts = city.iter().map(|r| (num(&r[cy]), f * num(&r[m]))).collect();
            let band = city
                .iter()
                .map(|r| {
                    (
                        f * (num(&r[m]) - num(&r[ci95])),
                        f * (num(&r[m]) + num(&r[ci95])),
                    )
                })
                .collect();
            (pts, band)
        };
        let ((bp, bb), (cp_, cb)) = (mk(bm, bc), mk(chm, chc));
        body.push_str(&format!(
            "<figure>{}</figure>",
            svg::line_chart(
                &k.heading(lang),
                t(lang, "year"),
                &[
                    Series {
                        name: &bn,
                        colour: "#0072b2",
                        points: bp,
                        band: Some(bb)
                    },
                    Series {
                        name: &cn,
                        colour: "#d55e00",
                        points: cp_,
                        band: Some(cb)
                    },
                ],
                style(lang)
            )
        ));
    }
    let last = rows
        .iter()
        .filter_map(|r| r[cy].parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    body.push_str(&format!(
        "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>p</th><th>{}</th></tr>",
        t(lang, "diff_title"), t(lang, "verdict_note"), t(lang, "indicator"), t(lang, "base"), t(lang, "changed"), t(lang, "difference"), t(lang, "verdict")
    ));
    for r in rows
        .iter()
        .filter(|r| &r[ca] == "city" && r[cy].parse::<u32>().ok() == Some(last))
    {
        let assessment = ca_assess.map_or(&r[cv], |c| &r[c]);
        let verdict = match (t(lang, &r[cv]), t(lang, assessment)) {
            ("", _) => r[cv].to_string(),
            (known, _) if assessment == &r[cv] => known.to_string(),
            (known, judged) => format!("{known} ({judged})"),
        };
        let ind = Indicator::from_name(&r[ci]);
        let v = |c: usize| shown(lang, ind, num(&r[c]));
        // A decimal comma needs another separator between the bounds.
        let sep = if lang == Lang::Nl { ";" } else { "," };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} [{}{sep} {}]</td><td>{}</td><td class=\"{}\">{}</td></tr>",
            svg::escape(&heading(lang, &r[ci])), v(bm), v(chm), v(dm), v(dl), v(dh), number(lang, num(&r[cp]), 4),
            if r[cv].starts_with("clear") { "clear" } else { "" }, svg::escape(&verdict)
        ));
    }
    body.push_str("</table>");
    Ok(page(lang, t(lang, "title_compare"), &body))
}

/// Page one's effect chart: the key indicators' differences in the horizon's last year,
/// in percent of the base, coloured by better or worse.
fn effect_chart(
    lang: Lang,
    h: &[String],
    rows: &[csv::StringRecord],
    json: &serde_json::Value,
) -> Result<String, String> {
    let c = |n: &str| col(h, n);
    let (ca, cy, ci, bm, dm, dl, dh, cas) = (
        c("area")?,
        c("year")?,
        c("indicator")?,
        c("base_mean")?,
        c("diff_mean")?,
        c("diff_ci95_low")?,
        c("diff_ci95_high")?,
        c("assessment")?,
    );
    let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    let last = rows
        .iter()
        .filter_map(|r| r[cy].parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    let year = json["mkba"]["horizon_years"]
        .as_u64()
        .unwrap_or(last)
        .min(last);
    let mut bars = Vec::new();
    for k in KEY {
        let Some(r) = rows.iter().find(|r| {
            &r[ca] == "city" && &r[ci] == k.name() && r[cy].parse::<u64>().ok() == Some(year)
        }) else {
            continue;
        };
        let base = num(&r[bm]).abs();
        let pct = |v: f64| {
            if base > 0.0 {
                100.0 * v / base
            } else {
                f64::NAN
            }
        };
        let colour = match &r[cas] {
            "better" => "#0072b2",
            "worse" => "#e69f00",
            _ => "#999999",
        };
        bars.push((
            k.heading(lang),
            pct(num(&r[dm])),
            pct(num(&r[dl])),
            pct(num(&r[dh])),
            colour,
        ));
    }
    if bars.is_empty() {
        return Ok(String::new());
    }
    let title = t(lang, "effects_title").replace("{y}", &year.to_string());
    Ok(format!(
        "<figure class=\"wide\">{}<figcaption>{}</figcaption></figure>",
        svg::effect_bars(&title, &bars, style(lang)),
        t(lang, "effects_caption")
    ))
}

/// Charts write numbers as the language does.
fn style(lang: Lang) -> svg::Style {
    svg::Style {
        comma: lang == Lang::Nl,
    }
}

/// An amount of euros as the language writes it: `EUR 1,2 mln` (nl) or `EUR 1.2 mln` (en)
/// from a million, else whole euros with grouped digits.
fn eur(lang: Lang, v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("EUR {} mln", number(lang, v / 1e6, 1))
    } else {
        format!("EUR {}", number(lang, v, 0))
    }
}

/// The first page's tables of a compare folder: who pays and who gains, the household
/// groups' income, what a job costs and the targets. A folder written before these files
/// existed gives none of them.
fn compare_parties(dir: &Path, lang: Lang, json: &serde_json::Value) -> Result<String, String> {
    let mut out = String::new();
    let path = dir.join("stakeholders.csv");
    if !path.exists() {
        return Ok(out);
    }
    let (h, rows) = read(&path)?;
    let c = |n: &str| col(&h, n);
    let (cp, ci, cm, cv, cl, ch) = (
        c("party")?,
        c("item")?,
        c("measure")?,
        c("value_eur")?,
        c("ci_low_eur")?,
        c("ci_high_eur")?,
    );
    let (ck, cverdict) = (c("kind")?, c("verdict")?);
    let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    let horizon = json["mkba"]["horizon_years"].as_u64().unwrap_or(0);
    let rate = json["mkba"]["discount_rate"].as_f64().unwrap_or(f64::NAN);
    let caption = |key: &str| {
        t(lang, key)
            .replace("{h}", &horizon.to_string())
            .replace("{r}", &format!("{}%", number(lang, 100.0 * rate, 2)))
    };
    let sep = if lang == Lang::Nl { ";" } else { "," };
    let label = |name: &str| {
        Party::ALL
            .iter()
            .find(|p| p.name() == name)
            .map_or(name.to_string(), |p| {
                let (nl, en) = p.label();
                catalogue::capitalise(if lang == Lang::Nl { nl } else { en })
            })
    };
    let table = |item: &str, title: &str, caption_key: Option<&str>| {
        let mut t_ = format!(
            "<h2>{}</h2>{}<table><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr>",
            title,
            caption_key.map_or(String::new(), |k| format!("<p>{}</p>", caption(k))),
            t(lang, "party"),
            t(lang, "effect"),
            t(lang, "interval")
        );
        let mut sum = 0.0;
        for r in rows
            .iter()
            .filter(|r| &r[ci] == item && &r[cm] == "present_value")
        {
            let (v, lo, hi) = (num(&r[cv]), num(&r[cl]), num(&r[ch]));
            sum += v;
            let verdict = &r[cverdict];
            let class = match verdict {
                "gains" => " class=\"gain\"",
                "pays" => " class=\"loss\"",
                _ => "",
            };
            t_.push_str(&format!(
                "<tr><td>{}</td><td{class}>{}</td><td>[{}{sep} {}]</td><td{class}>{}</td></tr>",
                svg::escape(&label(&r[cp])),
                eur(lang, v),
                eur(lang, lo),
                eur(lang, hi),
                t(lang, verdict)
            ));
        }
        if item == "total" {
            t_.push_str(&format!(
                "<tr><td><i>{}</i></td><td>{}</td><td></td><td></td></tr>",
                t(lang, "sum_parties"),
                eur(lang, sum)
            ));
        }
        t_.push_str("</table>");
        t_
    };
    out.push_str(&table(
        "total",
        t(lang, "parties_title"),
        Some("parties_caption"),
    ));
    out.push_str(&table("disposable_income", t(lang, "income_title"), None));
    let social: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[ck] == "social")
        .filter(|r| &r[cm] == "present_value")
        .collect();
    if !social.is_empty() {
        let hour = json["mkba"]["hour_value_eur"].as_f64().unwrap_or(f64::NAN);
        out.push_str(&format!(
            "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(lang, "social_title"),
            caption("social_caption").replace("{v}", &format!("EUR {}", number(lang, hour, 2))),
            t(lang, "outcome"),
            t(lang, "effect"),
            t(lang, "interval")
        ));
        for r in social {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>[{}{sep} {}]</td></tr>",
                t(lang, &r[ci]),
                eur(lang, num(&r[cv])),
                eur(lang, num(&r[cl])),
                eur(lang, num(&r[ch]))
            ));
        }
        out.push_str("</table>");
    }
    out.push_str(&compare_jobs(dir, lang, &caption("jobs_caption"))?);
    out.push_str(&compare_targets(dir, lang)?);
    Ok(out)
}

/// The table of `additionality.csv`: each outcome's effect and its cost per unit.
fn compare_jobs(dir: &Path, lang: Lang, caption: &str) -> Result<String, String> {
    let path = dir.join("additionality.csv");
    if !path.exists() {
        return Ok(String::new());
    }
    let (h, rows) = read(&path)?;
    let c = |n: &str| col(&h, n);
    let (co, cm, cb, cv, cl, ch, cn) = (
        c("outcome")?,
        c("measure")?,
        c("cost_basis")?,
        c("value")?,
        c("ci_low")?,
        c("ci_high")?,
        c("note")?,
    );
    let num = |s: &str| s.parse::<f64>().ok();
    let sep = if lang == Lang::Nl { ";" } else { "," };
    let mut out = format!(
        "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "jobs_title"),
        caption,
        t(lang, "outcome"),
        t(lang, "effect"),
        t(lang, "cost_municipality"),
        t(lang, "cost_government")
    );
    for r in rows.iter().filter(|r| &r[cm] == "effect") {
        let name = &r[co];
        let label = Outcome::ALL
            .iter()
            .find(|o| o.name() == name)
            .map_or(name.to_string(), |o| {
                let (nl, en) = o.label();
                catalogue::capitalise(if lang == Lang::Nl { nl } else { en })
            });
        let fmt =
            |v: Option<f64>, d: usize| v.map_or("\u{2013}".to_string(), |v| number(lang, v, d));
        let cost = |basis: &str| {
            let Some(r) = rows
                .iter()
                .find(|x| &x[co] == name && &x[cm] == "cost_per_unit" && &x[cb] == basis)
            else {
                return String::new();
            };
            match num(&r[cv]) {
                Some(v) => format!(
                    "{} [{}{sep} {}]",
                    eur(lang, v),
                    eur(lang, num(&r[cl]).unwrap_or(f64::NAN)),
                    eur(lang, num(&r[ch]).unwrap_or(f64::NAN))
                ),
                None if r[cn].contains("clearly gives fewer") => t(lang, "undefined_loss").into(),
                None => t(lang, "undefined").into(),
            }
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{} [{}{sep} {}]</td><td>{}</td><td>{}</td></tr>",
            svg::escape(&label),
            fmt(num(&r[cv]), 1),
            fmt(num(&r[cl]), 1),
            fmt(num(&r[ch]), 1),
            cost("municipality"),
            cost("government")
        ));
    }
    out.push_str("</table>");
    Ok(out)
}

/// The table of `targets.csv`, when the changed scenario states targets.
fn compare_targets(dir: &Path, lang: Lang) -> Result<String, String> {
    let path = dir.join("targets.csv");
    if !path.exists() {
        return Ok(String::new());
    }
    let (h, rows) = read(&path)?;
    if rows.is_empty() {
        return Ok(String::new());
    }
    let c = |n: &str| col(&h, n);
    let (cd, ci, ca, cy, cc, cm, cr, cx) = (
        c("description")?,
        c("indicator")?,
        c("area")?,
        c("year")?,
        c("change")?,
        c("met_share")?,
        c("replications")?,
        c("change_mean")?,
    );
    let num = |s: &str| s.parse::<f64>().unwrap_or(f64::NAN);
    let pct = |v: f64| format!("{}%", number(lang, 100.0 * v, 1));
    let mut out = format!(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "targets_title"),
        t(lang, "target"),
        t(lang, "indicator"),
        t(lang, "met"),
        t(lang, "change_means")
    );
    for r in &rows {
        let area = if &r[ca] == "city" {
            t(lang, "city").to_string()
        } else {
            r[ca].to_string()
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{} ({}), {} {}: {}</td><td>{} {} {} ({})</td><td>{}</td></tr>",
            svg::escape(&r[cd]),
            svg::escape(&heading(lang, &r[ci])),
            svg::escape(&area),
            t(lang, "year"),
            &r[cy],
            pct(num(&r[cc])),
            (num(&r[cm]) * num(&r[cr])).round(),
            t(lang, "of"),
            &r[cr],
            pct(num(&r[cm])),
            pct(num(&r[cx]))
        ));
    }
    out.push_str("</table>");
    Ok(out)
}

fn sweep_report(dir: &Path, lang: Lang) -> Result<String, String> {
    let (h, _) = {
        let mut r = csv::Reader::from_path(dir.join("table.csv")).map_err(|e| e.to_string())?;
        (
            r.headers()
                .map_err(|e| e.to_string())?
                .iter()
                .map(String::from)
                .collect::<Vec<_>>(),
            (),
        )
    };
    let (cy, ca, ci, cv) = (
        col(&h, "year")?,
        col(&h, "area")?,
        col(&h, "indicator")?,
        col(&h, "value")?,
    );
    let factors: Vec<(usize, String)> = (3..cy).map(|i| (i, h[i].clone())).collect();
    // Stream the table: keep the last year's city values of the key indicators per point.
    let mut last_year = 0u32;
    let mut acc: BTreeMap<(String, Vec<String>), (u32, f64, f64)> = BTreeMap::new();
    let mut r = csv::Reader::from_path(dir.join("table.csv")).map_err(|e| e.to_string())?;
    for rec in r.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        let year: u32 = rec[cy].parse().unwrap_or(0);
        if &rec[ca] != "city" || !SWEEP_KEY.iter().any(|k| k.name() == &rec[ci]) {
            continue;
        }
        if year > last_year {
            last_year = year;
            acc.clear();
        }
        if year < last_year {
            continue;
        }
        let point: Vec<String> = factors.iter().map(|(i, _)| rec[*i].to_string()).collect();
        let e = acc
            .entry((rec[ci].to_string(), point))
            .or_insert((0, 0.0, 0.0));
        e.0 += 1;
        e.1 += rec[cv].parse::<f64>().unwrap_or(0.0);
    }
    let mut body = format!("<p>{}</p>", t(lang, "sweep_caption"));
    for (fi, (_, fname)) in factors.iter().enumerate() {
        for k in SWEEP_KEY {
            let pts: Vec<(f64, f64, String)> = acc
                .iter()
                .filter(|((ind, _), _)| ind == k.name())
                .map(|((_, p), (n, sum, _))| {
                    (
                        p[fi].parse().unwrap_or(f64::NAN),
                        scale(k) * sum / *n as f64,
                        p.join(", "),
                    )
                })
                .collect();
            body.push_str(&format!(
                "<figure>{}</figure>",
                svg::scatter(&k.heading(lang), fname, &pts, "#0072b2", style(lang))
            ));
        }
    }
    if let Ok((mh, mrows)) = read(&dir.join("morris.csv")) {
        let (cf, cind, cmu, csig) = (
            col(&mh, "factor")?,
            col(&mh, "indicator")?,
            col(&mh, "mu_star")?,
            col(&mh, "sigma")?,
        );
        body.push_str(&format!(
            "<h2>{}</h2><p>{}</p>",
            t(lang, "morris_title"),
            t(lang, "morris_caption")
        ));
        for k in MORRIS_KEY {
            let pts: Vec<(f64, f64, String)> = mrows
                .iter()
                .filter(|r| &r[cind] == k.name())
                .map(|r| {
                    (
                        scale(k) * r[cmu].parse().unwrap_or(f64::NAN),
                        scale(k) * r[csig].parse().unwrap_or(f64::NAN),
                        r[cf].to_string(),
                    )
                })
                .collect();
            body.push_str(&format!(
                "<figure>{}</figure>",
                svg::scatter(
                    &format!("{}: mu*, sigma", k.heading(lang)),
                    "mu*",
                    &pts,
                    "#9467bd",
                    style(lang)
                )
            ));
        }
    }
    Ok(page(lang, t(lang, "title_sweep"), &body))
}
