//! `wijksim report OUTDIR`: one self-contained HTML file (inline SVG, no script, no font,
//! no network) for a run, a comparison or a sweep folder, in Dutch or English.

use super::svg::{self, Series};
use crate::model::indicators::{self as catalogue, Indicator};
use crate::model::ledger::{Purpose, Sector};
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
            "Elke rij is een soort betaling; positief is ontvangen, negatief is betaald. Elke rij telt op tot nul: geld verdwijnt nergens.",
            "Each row is a kind of payment; positive is received, negative is paid. Every row sums to zero: no money disappears.",
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
const KEY: [Indicator; 10] = [
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
th{{background:#f0f0f0}}td:first-child,th:first-child{{text-align:left}}.clear{{font-weight:bold}}</style></head><body><h1>{}</h1>{}</body></html>\n",
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
                        colour: "#1f77b4",
                        points: pts.iter().map(|&(x, y)| (x, y * scale(k))).collect(),
                        band: None
                    }]
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
            for s in &sectors {
                let amount = table[purpose]
                    .get(s)
                    .map(|a| number(lang, a.parse().unwrap_or(f64::NAN), 2))
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
        "<p><b>{}</b> &rarr; <b>{}</b>, {} runs. {}</p>",
        svg::escape(&bn),
        svg::escape(&cn),
        json["runs"],
        t(lang, "compare_caption")
    );
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
                        colour: "#1f77b4",
                        points: bp,
                        band: Some(bb)
                    },
                    Series {
                        name: &cn,
                        colour: "#d62728",
                        points: cp_,
                        band: Some(cb)
                    },
                ]
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
        let verdict = match t(lang, &r[cv]) {
            "" => r[cv].to_string(),
            known => known.to_string(),
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
                svg::scatter(&k.heading(lang), fname, &pts, "#1f77b4")
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
                    "#9467bd"
                )
            ));
        }
    }
    Ok(page(lang, t(lang, "title_sweep"), &body))
}
