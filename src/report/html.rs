//! `wijksim report OUTDIR`: one self-contained HTML file (inline SVG, no script, no font,
//! no network) for a run, a comparison or a sweep folder, in Dutch or English.

use super::svg::{self, Series};
use crate::experiment::additionality::Outcome;
use crate::model::indicators::{self as catalogue, Indicator};
use crate::model::ledger::{MatrixColumn, Purpose, Sector};
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
        "intro_scenario" => ("Scenario", "Scenario"),
        "seed" => ("toevalszaad", "seed"),
        "years" => ("jaar", "years"),
        "methods_title" => ("Methode en aannames", "Methods and assumptions"),
        "methods_odd" => (
            "De verwijzingen hieronder openen het betreffende deel van de modelbeschrijving (ODD-protocol, in het Engels) in de bijlage onderaan; de volledige beschrijving van deze versie van wijksim staat in odd.html naast dit verslag.",
            "The links below open the part concerned of the model description (ODD protocol) in the appendix at the end; the full description of this version of wijksim is in odd.html beside this report.",
        ),
        "appendix_title" => (
            "Bijlage: de aangehaalde delen van de modelbeschrijving (in het Engels)",
            "Appendix: the parts of the model description cited",
        ),
        "m_run_single" => (
            "Eén simulatie met één toevalszaad: de cijfers zijn één mogelijke uitkomst. Voor een oordeel over een maatregel vergelijkt <code>wijksim compare</code> twee scenario's over herhalingen, met intervallen.",
            "One simulation with one seed: the figures are one possible outcome. To judge a measure, <code>wijksim compare</code> compares two scenarios over replications, with intervals.",
        ),
        "m_burn_in" => (
            "Voor het eerste getoonde jaar loopt het model zonder maatregelen in, zodat de wijk in een stabiele toestand begint",
            "Before the first year shown the model runs in without measures, so that the neighbourhood starts from a settled state",
        ),
        "m_process" => (
            "Wat er elke maand gebeurt, in welke volgorde",
            "What happens each month, in which order",
        ),
        "m_books" => (
            "Elke euro en elke munt gaat via één grootboek van rekening naar rekening; elke rij van de geldstromen telt op tot nul en de boeken worden elke maand gecontroleerd",
            "Every euro and coin moves from account to account through one ledger; every row of the money flows sums to zero and the books are checked every month",
        ),
        "m_parties" => (
            "Partijen: elke rekening hoort bij één partij; huishoudens houden de groep die ze bij de start hadden",
            "Parties: every account belongs to one party; households keep the group they had at the start",
        ),
        "m_poverty" => (
            "Armoede tegen een vaste grens (de lage-inkomensgrens van het CBS) en tegen 60% van het mediane inkomen van de stad",
            "Poverty against a fixed line (the statistics office's low-income threshold) and against 60% of the city's median income",
        ),
        "m_levers" => (
            "De maatregelen van het gewijzigde scenario en wat ze doen",
            "The measures of the changed scenario and what they do",
        ),
        "m_design" => (
            "Herhaling i van beide scenario's gebruikt hetzelfde toevalszaad (gemeenschappelijke toevalsgetallen), zodat het gepaarde verschil alleen het effect van de maatregel draagt",
            "Replicate i of both scenarios uses the same seed (common random numbers), so that the paired difference carries only the effect of the measure",
        ),
        "m_tests" => (
            "Gepaarde t-toets, 95%-intervallen over de herhalingen en de Benjamini-Hochberg-correctie voor het toetsen van veel indicatoren tegelijk",
            "Paired t-test, 95% intervals over the replications and the Benjamini-Hochberg correction for testing many indicators at once",
        ),
        "m_mkba" => (
            "Maatschappelijke kosten-batenanalyse per partij: contante waarde tegen {r} per jaar over {h} jaar (Werkgroep discontovoet 2020); sociale effecten tegen {v} per uur, apart van de geldstromen; kosten per baan met de bootstrap over de herhalingen",
            "Social cost-benefit analysis per party: present value at {r} a year over {h} years (Dutch working group on the discount rate, 2020); social effects at {v} an hour, apart from the money flows; cost per job by the bootstrap over the replications",
        ),
        "m_uncertainty" => (
            "Onzekerheid over gedrag: de herhalingen verschillen ook in de gedragsaannames die uit hun bandbreedte getrokken zijn",
            "Uncertainty about behaviour: the replicates also differ in the behavioural assumptions drawn from their ranges",
        ),
        "intervals_seed" => (
            "De intervallen tonen alleen de toevalsruis tussen herhalingen: de gedragsaannames van het model liggen vast op hun standaardwaarden. Wat we niet weten over gedrag zit er niet in (<code>--uncertainty</code> neemt het mee).",
            "The intervals show only the random noise between replications: the model's behavioural assumptions are fixed at their defaults. What we do not know about behaviour is not in them (<code>--uncertainty</code> includes it).",
        ),
        "intervals_parameters" => (
            "De intervallen tonen de toevalsruis én wat we niet weten over gedrag: elke herhaling trekt {n} gedragsaannames uit hun bandbreedte (dezelfde waarden voor beide scenario's), zie Methode en aannames.",
            "The intervals show the random noise and what we do not know about behaviour: each replicate draws {n} behavioural assumptions from their ranges (the same values for both scenarios), see Methods and assumptions.",
        ),
        "drawn_title" => ("Getrokken gedragsaannames", "Behavioural assumptions drawn"),
        "parameter" => ("parameter", "parameter"),
        "range" => ("bandbreedte", "range"),
        "distribution" => ("verdeling", "distribution"),
        "uniform" => ("gelijkmatig", "uniform"),
        "log_uniform" => (
            "gelijkmatig in de logaritme (mediaan: de standaardwaarde)",
            "log-uniform (median: the default)",
        ),
        "kept_note" => (
            "Niet getrokken, omdat een scenario ze zelf instelt:",
            "Not drawn, as a scenario sets them itself:",
        ),
        "m_sweep" => (
            "Elk punt van de verkenning draait met eigen toevalszaden per herhaling; de Morris-screening rangschikt de instellingen naar hun invloed",
            "Each point of the sweep runs with seeds of its own per replicate; the Morris screening ranks the settings by their influence",
        ),
        "parties_run_title" => (
            "Wie betaalt, wie ontvangt in het laatste jaar (euro)",
            "Who pays, who receives in the last year (euros)",
        ),
        "parties_run_caption" => (
            "Per partij, per soort betaling (loon, huur, belasting, ...) saldo genomen: de soorten waarop ze netto ontving, opgeteld, en de soorten waarop ze netto betaalde (beide positief), en hoeveel meer (positief) of minder (negatief) geld ze aan het eind van het jaar heeft. Betalingen binnen een partij (tussen twee huishoudens van dezelfde groep) tellen niet. De details per soort betaling staan in parties.csv.",
            "Per party, netted per kind of payment (wages, rent, tax, ...): the kinds on which it received on balance, added up, and those on which it paid on balance (both positive), and how much more (positive) or less (negative) money it holds at the end of the year. Payments within a party (between two households of the same group) do not count. The details per kind of payment are in parties.csv.",
        ),
        "received" => ("ontvangen", "received"),
        "paid" => ("betaald", "paid"),
        "change_money" => ("verandering in geld", "change in money"),
        "factors_title" => ("Instellingen die variëren", "Settings that vary"),
        "question" => (
            "Vraag: wat doet {c} in vergelijking met {b} in de eerste {h} jaar?",
            "Question: what does {c} do compared with {b} in the first {h} years?",
        ),
        "answer" => ("Antwoord:", "Answer:"),
        "answer_note" => (
            "Tussen haakjes de 95%-intervallen; hieronder staat wat ze omvatten.",
            "In brackets the 95% intervals; below is what they include.",
        ),
        "a_costs" => ("de gemeente betaalt netto", "the municipality pays net"),
        "a_saves" => ("de gemeente houdt netto over", "the municipality saves net"),
        "a_no_cash" => (
            "de kas van de gemeente verandert niet duidelijk",
            "the municipality's cash does not change clearly",
        ),
        "a_work" => ("werkende bewoners per jaar", "working residents a year"),
        "a_no_work" => (
            "geen duidelijk effect op het aantal werkende bewoners",
            "no clear effect on the number of working residents",
        ),
        "a_bijstand" => ("huishoudens in de bijstand", "households on bijstand"),
        "a_turnover" => ("omzet lokale ondernemers", "local businesses' turnover"),
        "points" => ("procentpunt", "percentage points"),
        "and" => ("en", "and"),
        "tfm_city" => ("De hele stad", "The whole city"),
        "tfm_wijk" => ("Wijk", "Neighbourhood"),
        "tfm_wijk_caption" => (
            "De eerste kolommen zijn de huishoudens, bedrijven en verenigingen van deze wijk; de andere kolommen zijn met wie zij betaalden: andere wijken, de gemeente, het Rijk, de muntregeling en wie buiten de stad zit. Betalingen binnen de wijk vallen tegen elkaar weg in de rij. In de laatste rij staat voor die andere kolommen hoeveel hun geld veranderde door de betalingen met deze wijk.",
            "The first columns are this neighbourhood's households, businesses and associations; the others are whom they paid and were paid by: other neighbourhoods, the municipality, the national government, the coin scheme and those outside the city. Payments within the neighbourhood cancel out in the row. In the last row, for those other columns, is how much their money changed through their payments with this neighbourhood.",
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
            "Uren vrijwilligerswerk, diensten tussen bewoners en werk betaald in munten (alleen het deel dat geen werk verdringt dat de gemeente anders had ingekocht: die besparing staat al bij de geldstromen), gewaardeerd tegen {v} per uur (vervangingswaarde: het minimumloon per uur), en de kosten van woninginbraken, die met 2% per procentpunt werkloosheid meebewegen (een schatting uit de literatuur; negatief is een verlies), contante waarde over de eerste {h} jaar. De kwaliteit van de openbare ruimte is niet gemodelleerd en ontbreekt hier.",
            "Hours of volunteering, of services between residents and of coin-paid work (only the part that displaces no work the municipality would otherwise have bought: that saving is in the money flows already), valued at {v} an hour (replacement cost: the minimum wage an hour), and the cost of domestic burglaries, which move by 2% per percentage point of unemployment (an estimate from the literature; negative is a loss), present value over the first {h} years. Public-space quality is not modelled and is missing here.",
        ),
        "volunteer_work" => (
            "Vrijwilligerswerk (verenigingen)",
            "Volunteer work (associations)",
        ),
        "resident_services" => ("Diensten tussen bewoners", "Services between residents"),
        "burglaries" => (
            "Kosten van woninginbraken (via de werkloosheid)",
            "Cost of domestic burglaries (through unemployment)",
        ),
        "coin_paid_work" => (
            "Werk betaald in munten, voor zover het geen ingekocht werk verdringt",
            "Coin-paid work, as far as it displaces no contracted work",
        ),
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

/// The label of a column of `flows.csv`: a ledger sector, or a column of a
/// neighbourhood's matrix.
fn sector_heading(lang: Lang, name: &str) -> String {
    MatrixColumn::ALL
        .iter()
        .find(|c| c.name() == name)
        .map(|&c| catalogue::matrix_column_label(c, lang).to_string())
        .or_else(|| {
            Sector::ALL
                .iter()
                .find(|s| s.name() == name)
                .map(|&s| catalogue::sector_label(s, lang).to_string())
        })
        .unwrap_or_else(|| name.to_string())
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
    let body = &format!("{body}{}", appendix(lang, body));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
body{{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}}figure{{display:inline-block;margin:8px}}\
figcaption{{font-size:13px;max-width:560px}}table{{border-collapse:collapse;font-size:13px}}td,th{{border:1px solid #ccc;padding:3px 6px;text-align:right}}\
th{{background:#f0f0f0}}td:first-child,th:first-child{{text-align:left}}.clear{{font-weight:bold}}\
.wide{{display:block}}.gain{{color:#0b5394;font-weight:bold}}.loss{{color:#b45f06;font-weight:bold}}h2{{margin-top:1.5em}}p{{max-width:900px}}\
.appendix{{font-size:0.9em;margin-top:2em}}.appendix summary{{font-weight:bold;cursor:pointer}}.appendix table{{display:block;overflow-x:auto}}.appendix td,.appendix th{{text-align:left}}\
@page{{size:A4;margin:15mm}}@media print{{.appendix{{display:none}}body{{max-width:none;margin:0;font-size:11pt}}figure{{break-inside:avoid}}tr{{break-inside:avoid}}h2{{break-after:avoid}}}}</style></head><body><h1>{}</h1>{}</body></html>\n",
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
        "<p>{} <b>{}</b>, {} {}, {} {}.</p><p>{}</p>",
        t(lang, "intro_scenario"),
        svg::escape(summary["scenario"].as_str().unwrap_or("?")),
        t(lang, "seed"),
        summary["seed"],
        summary["years"],
        t(lang, "years"),
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
    body.push_str(&run_parties(dir, lang)?);
    body.push_str(&flow_tables(dir, lang)?);
    body.push_str(&methods(
        lang,
        &[
            (t(lang, "m_run_single").to_string(), None),
            (burn_in_line(dir, lang), Some("burn-in")),
            (t(lang, "m_process").to_string(), Some("s3")),
            (t(lang, "m_books").to_string(), Some("s7-12")),
            (t(lang, "m_parties").to_string(), Some("s7-18")),
            (t(lang, "m_poverty").to_string(), Some("s7-18")),
        ],
    ));
    Ok(page(lang, t(lang, "title_run"), &body))
}

/// The burn-in sentence of a run's methods, with its years when the folder's scenario says.
fn burn_in_line(dir: &Path, lang: Lang) -> String {
    let years = std::fs::read_to_string(dir.join("scenario.ron"))
        .ok()
        .and_then(|text| crate::scenario::parse(&text, "scenario.ron").ok())
        .map(|s| s.run.burn_in_years);
    match years {
        Some(y) => format!("{} ({y} {})", t(lang, "m_burn_in"), t(lang, "years")),
        None => t(lang, "m_burn_in").to_string(),
    }
}

/// The appendix of a report: every section of the model description that `body` links to
/// (`#odd-<id>`), once, in the order first cited, folded (a link opens it; print leaves it
/// out). The full description is `odd.html` beside the report; the appendix keeps the
/// report one file that can be attached alone.
fn appendix(lang: Lang, body: &str) -> String {
    let mut ids: Vec<&str> = Vec::new();
    for rest in body.split("href=\"#odd-").skip(1) {
        let id = rest.split('"').next().unwrap_or("");
        if !id.is_empty() && !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<details class=\"appendix\" id=\"appendix\"><summary>{}</summary>",
        t(lang, "appendix_title")
    );
    for id in ids {
        // A section already inside an earlier one is not repeated.
        if out.contains(&format!("id=\"odd-{id}\"")) {
            continue;
        }
        if let Some(html) = super::odd::section_html(id) {
            out.push_str(&html);
        }
    }
    out.push_str("</details>");
    out
}

/// The methods and assumptions: one line each, with a link to its part of the model
/// description (in the report's appendix, [`appendix`]) where it has one.
fn methods(lang: Lang, items: &[(String, Option<&str>)]) -> String {
    let mut out = format!(
        "<h2>{}</h2><p>{}</p><ul>",
        t(lang, "methods_title"),
        t(lang, "methods_odd").replace(
            super::odd::FILE,
            &format!("<a href=\"{0}\">{0}</a>", super::odd::FILE)
        )
    );
    let headings = super::odd::headings();
    for (text, id) in items {
        match id {
            Some(id) => {
                let label = headings
                    .iter()
                    .find(|h| h.id == *id)
                    .map_or(id.to_string(), |h| h.citation(&headings));
                out.push_str(&format!(
                    "<li>{text} (<a href=\"#odd-{id}\">ODD {}</a>)</li>",
                    svg::escape(&label)
                ));
            }
            None => out.push_str(&format!("<li>{text}</li>")),
        }
    }
    out.push_str("</ul>");
    out
}

/// A compare report's methods: the design, the tests, the cost-benefit analysis, the
/// levers of the changed scenario, and the behavioural parameters drawn, if any.
fn compare_methods(dir: &Path, lang: Lang, json: &serde_json::Value) -> String {
    let m = &json["mkba"];
    let rate = m["discount_rate"].as_f64().unwrap_or(f64::NAN);
    let mkba = t(lang, "m_mkba")
        .replace("{r}", &format!("{}%", number(lang, 100.0 * rate, 2)))
        .replace("{h}", &m["horizon_years"].to_string())
        .replace(
            "{v}",
            &format!(
                "EUR {}",
                number(lang, m["hour_value_eur"].as_f64().unwrap_or(f64::NAN), 2)
            ),
        );
    let mut items = vec![
        (t(lang, "m_design").to_string(), Some("stochasticity")),
        (t(lang, "m_tests").to_string(), Some("s7-18")),
        (mkba, Some("s7-18")),
        (t(lang, "m_poverty").to_string(), Some("s7-18")),
    ];
    // The levers the changed scenario switches on, each linked to its section.
    let changed = std::fs::read_to_string(dir.join("changed.ron"))
        .ok()
        .and_then(|text| crate::scenario::parse(&text, "changed.ron").ok());
    let on: Vec<String> = changed
        .map(|s| {
            s.levers
                .each()
                .iter()
                .enumerate()
                .filter(|(_, l)| l.enabled())
                .map(|(i, l)| {
                    format!(
                        "<a href=\"#odd-lever-{}\">{}</a>",
                        i + 1,
                        crate::scenario::lever_label(l.section(), lang == Lang::En)
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    if !on.is_empty() {
        items.push((format!("{}: {}", t(lang, "m_levers"), on.join(", ")), None));
    }
    let drawn = json["parameters_drawn"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut out = String::new();
    if !drawn.is_empty() {
        items.push((t(lang, "m_uncertainty").to_string(), Some("s7-19")));
    }
    out.push_str(&methods(lang, &items));
    if !drawn.is_empty() {
        out.push_str(&format!(
            "<h3>{}</h3><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            t(lang, "drawn_title"),
            t(lang, "parameter"),
            t(lang, "range"),
            t(lang, "distribution")
        ));
        for d in &drawn {
            // Decimals enough for the range's size: 0..200 whole, 0.0005..0.002 four.
            let high = d["high"].as_f64().unwrap_or(1.0).abs();
            let decimals = if high >= 100.0 {
                0
            } else if high >= 0.1 {
                2
            } else {
                4
            };
            let v = |k: &str| number(lang, d[k].as_f64().unwrap_or(f64::NAN), decimals);
            let scale = if d["log"].as_bool() == Some(true) {
                "log_uniform"
            } else {
                "uniform"
            };
            out.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{} &ndash; {}</td><td>{}</td></tr>",
                svg::escape(d["path"].as_str().unwrap_or("?")),
                v("low"),
                v("high"),
                t(lang, scale)
            ));
        }
        out.push_str("</table>");
        let kept = json["assumptions_kept"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if !kept.is_empty() {
            out.push_str(&format!("<p>{}</p><ul>", t(lang, "kept_note")));
            for k in kept {
                let path = k.as_str().unwrap_or("").split(' ').next().unwrap_or("");
                out.push_str(&format!("<li><code>{}</code></li>", svg::escape(path)));
            }
            out.push_str("</ul>");
        }
    }
    out
}

/// The parties' money in the last year, from `parties.csv`: per party what it received,
/// what it paid and the change in its money. Empty when the folder has no `parties.csv`.
fn run_parties(dir: &Path, lang: Lang) -> Result<String, String> {
    let Ok((h, rows)) = read(&dir.join("parties.csv")) else {
        return Ok(String::new());
    };
    let c = |n: &str| col(&h, n);
    let (cp, cy, cc, cpu, cpa, ca) = (
        c("period")?,
        c("year")?,
        c("currency")?,
        c("purpose")?,
        c("party")?,
        c("amount")?,
    );
    let last = rows
        .iter()
        .filter(|r| &r[cp] == "year")
        .filter_map(|r| r[cy].parse::<u32>().ok())
        .max();
    let Some(last) = last else {
        return Ok(String::new());
    };
    let mut out = format!(
        "<h2>{}</h2><p>{}</p><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        t(lang, "parties_run_title"),
        t(lang, "parties_run_caption"),
        t(lang, "party"),
        t(lang, "received"),
        t(lang, "paid"),
        t(lang, "change_money")
    );
    for party in Party::ALL {
        let (mut received, mut paid) = (0.0, 0.0);
        for r in rows.iter().filter(|r| {
            &r[cp] == "year"
                && r[cy].parse::<u32>().ok() == Some(last)
                && &r[cc] == "eur"
                && &r[cpa] == party.name()
                && &r[cpu] != "change_in_money"
        }) {
            let v: f64 = r[ca].parse().unwrap_or(0.0);
            if v > 0.0 {
                received += v;
            } else {
                paid -= v;
            }
        }
        let (nl, en) = party.label();
        let change = received - paid;
        let class = if change < 0.0 { " class=\"loss\"" } else { "" };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td{class}>{}</td></tr>",
            svg::escape(&catalogue::capitalise(if lang == Lang::Nl {
                nl
            } else {
                en
            })),
            number(lang, received, 0),
            number(lang, paid, 0),
            signed(lang, change)
        ));
    }
    out.push_str("</table>");
    Ok(out)
}

/// `v` with no decimals and an explicit sign (+1.234 or -1.234; 0 without one).
fn signed(lang: Lang, v: f64) -> String {
    let n = number(lang, v, 0);
    if v.round() > 0.0 { format!("+{n}") } else { n }
}

/// The transaction-flow matrices of the last year in euros: the city's, then each
/// neighbourhood's (its own agents, then where their counterparties are). Empty when the
/// folder has no `flows.csv`.
fn flow_tables(dir: &Path, lang: Lang) -> Result<String, String> {
    let Ok((fh, frows)) = read(&dir.join("flows.csv")) else {
        return Ok(String::new());
    };
    let c = |n: &str| col(&fh, n);
    let (p, y, cur, pu, se, am) = (
        c("period")?,
        c("year")?,
        c("currency")?,
        c("purpose")?,
        c("sector")?,
        c("amount")?,
    );
    // Folders written before neighbourhood matrices have no area column: all city.
    let area = |r: &csv::StringRecord| c("area").map_or("city", |i| &r[i]).to_string();
    let last_year = frows
        .iter()
        .filter(|r| &r[p] == "year")
        .filter_map(|r| r[y].parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    // area -> (columns, purposes in order, purpose -> column -> amount)
    type Table = (
        Vec<String>,
        Vec<String>,
        BTreeMap<String, BTreeMap<String, f64>>,
    );
    let mut areas: Vec<(String, Table)> = Vec::new();
    for r in frows.iter().filter(|r| {
        &r[p] == "year" && r[y].parse::<u32>().ok() == Some(last_year) && &r[cur] == "eur"
    }) {
        let a = area(r);
        if !areas.iter().any(|(n, _)| *n == a) {
            areas.push((a.clone(), Table::default()));
        }
        let (_, (sectors, order, table)) = areas.iter_mut().find(|(n, _)| *n == a).expect("added");
        if !sectors.contains(&r[se].to_string()) {
            sectors.push(r[se].to_string());
        }
        if !order.contains(&r[pu].to_string()) {
            order.push(r[pu].to_string());
        }
        table
            .entry(r[pu].to_string())
            .or_default()
            .insert(r[se].to_string(), r[am].parse().unwrap_or(f64::NAN));
    }
    let mut out = format!(
        "<h2>{}</h2><p>{}</p>",
        t(lang, "tfm_title"),
        t(lang, "tfm_caption")
    );
    for (name, (sectors, order, table)) in &areas {
        let title = if name == "city" {
            t(lang, "tfm_city").to_string()
        } else {
            format!("{} {}", t(lang, "tfm_wijk"), svg::escape(name))
        };
        out.push_str(&format!("<h3>{title}</h3>"));
        if name != "city" {
            out.push_str(&format!("<p>{}</p>", t(lang, "tfm_wijk_caption")));
        }
        out.push_str("<div class=\"wide\"><table><tr><th></th>");
        for s in sectors {
            out.push_str(&format!(
                "<th>{}</th>",
                svg::escape(&sector_heading(lang, s))
            ));
        }
        out.push_str("</tr>");
        for purpose in order {
            out.push_str(&format!(
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
            for s in sectors {
                let amount = table[purpose]
                    .get(s)
                    .map(|a| number(lang, sign * a, 0))
                    .unwrap_or_default();
                out.push_str(&format!("<td>{amount}</td>"));
            }
            out.push_str("</tr>");
        }
        out.push_str("</table></div>");
    }
    Ok(out)
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
    let drawn = json["parameters_drawn"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let intervals = if drawn.is_empty() {
        t(lang, "intervals_seed").to_string()
    } else {
        t(lang, "intervals_parameters").replace("{n}", &drawn.len().to_string())
    };
    let mut body = format!(
        "<p><b>{}</b> &rarr; <b>{}</b>, {} {}. {}</p><p class=\"intervals\">{intervals}</p>",
        svg::escape(&bn),
        svg::escape(&cn),
        json["runs"],
        t(lang, "runs"),
        t(lang, "compare_caption")
    );
    body.push_str(&question_and_answer(
        dir,
        lang,
        &h,
        &rows,
        &json,
        (&bn, &cn),
    ));
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
    body.push_str(&compare_methods(dir, lang, &json));
    Ok(page(lang, t(lang, "title_compare"), &body))
}

/// Page one's question and its answer in one sentence, with the intervals: the
/// municipality's net cash over the horizon, the extra working residents, households on
/// bijstand and local turnover in the horizon's last year. Parts whose file or row is
/// missing are left out.
fn question_and_answer(
    dir: &Path,
    lang: Lang,
    h: &[String],
    rows: &[csv::StringRecord],
    json: &serde_json::Value,
    (base, changed): (&str, &str),
) -> String {
    let horizon = json["mkba"]["horizon_years"].as_u64().unwrap_or(0);
    let nl = lang == Lang::Nl;
    let range = |lo: String, hi: String| {
        if nl {
            format!("{lo} tot {hi}")
        } else {
            format!("{lo} to {hi}")
        }
    };
    let mut parts: Vec<String> = Vec::new();
    // The municipality's present value.
    if let Ok((sh, srows)) = read(&dir.join("stakeholders.csv")) {
        let c = |n: &str| col(&sh, n).ok();
        if let (Some(cp), Some(ci), Some(cm), Some(cv), Some(cl), Some(ch)) = (
            c("party"),
            c("item"),
            c("measure"),
            c("value_eur"),
            c("ci_low_eur"),
            c("ci_high_eur"),
        ) && let Some(r) = srows
            .iter()
            .find(|r| &r[cp] == "municipality" && &r[ci] == "total" && &r[cm] == "present_value")
        {
            let n = |i: usize| r[i].parse::<f64>().unwrap_or(f64::NAN);
            let (v, lo, hi) = (n(cv), n(cl), n(ch));
            let ci = range(
                eur(lang, lo.abs().min(hi.abs())),
                eur(lang, lo.abs().max(hi.abs())),
            );
            parts.push(if hi < 0.0 {
                format!("{} {} ({ci})", t(lang, "a_costs"), eur(lang, -v))
            } else if lo > 0.0 {
                format!("{} {} ({ci})", t(lang, "a_saves"), eur(lang, v))
            } else {
                format!(
                    "{} ({}, {})",
                    t(lang, "a_no_cash"),
                    eur(lang, v),
                    range(eur(lang, lo), eur(lang, hi))
                )
            });
        }
    }
    // Extra working residents a year.
    if let Ok((ah, arows)) = read(&dir.join("additionality.csv")) {
        let c = |n: &str| col(&ah, n).ok();
        if let (Some(co), Some(cm), Some(cv), Some(cl), Some(ch)) = (
            c("outcome"),
            c("measure"),
            c("value"),
            c("ci_low"),
            c("ci_high"),
        ) && let Some(r) = arows
            .iter()
            .find(|r| &r[co] == "working_residents" && &r[cm] == "effect")
        {
            let n = |i: usize| r[i].parse::<f64>().unwrap_or(f64::NAN);
            let (v, lo, hi) = (n(cv), n(cl), n(ch));
            let f = |x: f64| signed1(lang, x);
            parts.push(if lo > 0.0 || hi < 0.0 {
                format!("{} {} ({})", t(lang, "a_work"), f(v), range(f(lo), f(hi)))
            } else {
                format!(
                    "{} ({}, {})",
                    t(lang, "a_no_work"),
                    f(v),
                    range(f(lo), f(hi))
                )
            });
        }
    }
    // Households on bijstand and local turnover in the horizon's last year.
    let c = |n: &str| col(h, n).ok();
    if let (Some(ca), Some(cy), Some(ci), Some(dm), Some(dl), Some(dh), Some(cv)) = (
        c("area"),
        c("year"),
        c("indicator"),
        c("diff_mean"),
        c("diff_ci95_low"),
        c("diff_ci95_high"),
        c("verdict"),
    ) {
        for (ind, key) in [
            (Indicator::HouseholdsOnBenefitsShare, "a_bijstand"),
            (Indicator::BusinessTurnoverEur, "a_turnover"),
        ] {
            let Some(r) = rows.iter().find(|r| {
                &r[ca] == "city"
                    && &r[ci] == ind.name()
                    && r[cy].parse::<u64>().ok() == Some(horizon)
            }) else {
                continue;
            };
            let n = |i: usize| r[i].parse::<f64>().unwrap_or(f64::NAN);
            let f = |x: f64| {
                if ind == Indicator::BusinessTurnoverEur {
                    let e = eur(lang, x.abs());
                    if x < 0.0 {
                        format!("-{e}")
                    } else {
                        format!("+{e}")
                    }
                } else {
                    signed1(lang, 100.0 * x)
                }
            };
            let unit = if ind == Indicator::BusinessTurnoverEur {
                String::new()
            } else {
                format!(" {}", t(lang, "points"))
            };
            let verdict = if r[cv].starts_with("clear") {
                String::new()
            } else {
                format!(", {}", t(lang, "no clear difference"))
            };
            parts.push(format!(
                "{} {}{unit} ({}{verdict})",
                t(lang, key),
                f(n(dm)),
                range(f(n(dl)), f(n(dh)))
            ));
        }
    }
    let question = t(lang, "question")
        .replace("{c}", &svg::escape(changed))
        .replace("{b}", &svg::escape(base))
        .replace("{h}", &horizon.to_string());
    if parts.is_empty() {
        return format!("<p class=\"question\"><b>{question}</b></p>");
    }
    let last = parts.pop().expect("not empty");
    let list = if parts.is_empty() {
        last
    } else {
        format!("{} {} {last}", parts.join("; "), t(lang, "and"))
    };
    format!(
        "<p class=\"question\"><b>{question}</b></p><p class=\"answer\"><b>{}</b> {list}. {}</p>",
        t(lang, "answer"),
        t(lang, "answer_note")
    )
}

/// `v` with one decimal and an explicit sign.
fn signed1(lang: Lang, v: f64) -> String {
    let n = number(lang, v, 1);
    if v > 0.0 && n != number(lang, 0.0, 1) {
        format!("+{n}")
    } else {
        n
    }
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
    // The factors' columns stand between the seed and the year.
    let first = col(&h, "seed")? + 1;
    let factors: Vec<(usize, String)> = (first..cy).map(|i| (i, h[i].clone())).collect();
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
    let mut body = format!(
        "<p>{}</p><p>{}: {}</p>",
        t(lang, "sweep_caption"),
        t(lang, "factors_title"),
        factors
            .iter()
            .map(|(_, f)| format!("<code>{}</code>", svg::escape(f)))
            .collect::<Vec<_>>()
            .join(", ")
    );
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
    body.push_str(&methods(
        lang,
        &[
            (
                t(lang, "m_sweep").to_string(),
                Some("what-drives-the-answer"),
            ),
            (t(lang, "m_process").to_string(), Some("s3")),
        ],
    ));
    Ok(page(lang, t(lang, "title_sweep"), &body))
}
