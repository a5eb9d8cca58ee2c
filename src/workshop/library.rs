//! The scenarios a room chooses from on the page: the one loaded at start and the shipped
//! baseline, cases and presets, compiled into the binary (the server reads no file after
//! start), and for each the levers a room may switch ([`Control`]).

use crate::scenario::{Dial, Scenario};

/// The shipped scenarios offered on the page: id (the file under `scenarios/`, without
/// `.ron`), the file's text, and a short title in Dutch and in English.
pub const SHIPPED: [(&str, &str, [&str; 2]); 10] = [
    (
        "baseline",
        crate::scenario::BASELINE_RON,
        ["Basis: een gemiddelde wijk", "Baseline: an average wijk"],
    ),
    (
        "cases/example1-maintenance",
        include_str!("../../scenarios/cases/example1-maintenance.ron"),
        [
            "Voorbeeld 1: wijkonderhoud",
            "Example 1: neighbourhood maintenance",
        ],
    ),
    (
        "cases/example3-baseline",
        include_str!("../../scenarios/cases/example3-baseline.ron"),
        [
            "Voorbeeld 3: twee wijken, nulmeting",
            "Example 3: two wijken, before",
        ],
    ),
    (
        "cases/example3-two-wijken",
        include_str!("../../scenarios/cases/example3-two-wijken.ron"),
        [
            "Voorbeeld 3: twee wijken met afspraak",
            "Example 3: two wijken with an agreement",
        ],
    ),
    (
        "cases/example4-baseline",
        include_str!("../../scenarios/cases/example4-baseline.ron"),
        [
            "Voorbeeld 4: achterstandswijk, nulmeting",
            "Example 4: a deprived wijk, before",
        ],
    ),
    (
        "cases/example4-neighbourhood-coin",
        include_str!("../../scenarios/cases/example4-neighbourhood-coin.ron"),
        [
            "Voorbeeld 4: achterstandswijk met wijkmunt",
            "Example 4: a deprived wijk with its coin",
        ],
    ),
    (
        "presets/brixton-pound",
        include_str!("../../scenarios/presets/brixton-pound.ron"),
        ["Brixton pound (Londen)", "Brixton pound (London)"],
    ),
    (
        "presets/chiemgauer",
        include_str!("../../scenarios/presets/chiemgauer.ron"),
        ["Chiemgauer (Beieren)", "Chiemgauer (Bavaria)"],
    ),
    (
        "presets/torekes",
        include_str!("../../scenarios/presets/torekes.ron"),
        ["Torekes (Gent)", "Torekes (Ghent)"],
    ),
    (
        "presets/worgl",
        include_str!("../../scenarios/presets/worgl.ron"),
        ["Wörgl (Oostenrijk, 1932)", "Wörgl (Austria, 1932)"],
    ),
];

/// The id of the scenario loaded at start when it is a file of its own.
pub const LOADED: &str = "loaded";

/// A lever a room may switch in a scenario: its section, its name, whether it needs the
/// coin, and its dial (if any).
#[derive(Clone, Debug, PartialEq)]
pub struct Control {
    /// The section under `levers`.
    pub section: &'static str,
    /// Name in Dutch and English.
    pub label: [&'static str; 2],
    /// Works only with the coin (the page disables it while the coin is off).
    pub needs_coins: bool,
    /// The number a room turns, if any.
    pub dial: Option<Dial>,
}

/// One scenario on offer.
#[derive(Clone, Debug)]
pub struct Entry {
    /// `loaded` or the shipped id.
    pub id: String,
    /// Title in Dutch and English.
    pub title: [String; 2],
    /// The scenario.
    pub scenario: Scenario,
    /// The levers a room may switch here, in lever order.
    pub controls: Vec<Control>,
}

/// The scenarios on offer; the first is the one a request gets when it names none.
#[derive(Clone, Debug)]
pub struct Library {
    /// In the page's order.
    pub entries: Vec<Entry>,
}

impl Library {
    /// The scenario loaded at start first (`loaded`, or its shipped id when it is one of
    /// the shipped files unchanged), then every shipped scenario that the workshop's size
    /// bound admits.
    pub fn new(loaded: Scenario) -> Library {
        let mut entries: Vec<Entry> = Vec::new();
        let shipped: Vec<(&str, Scenario, [&str; 2])> = SHIPPED
            .iter()
            .filter_map(|(id, text, title)| {
                let s = crate::scenario::parse(text, &format!("scenarios/{id}.ron")).ok()?;
                (s.resident_count() <= super::MAX_RESIDENTS).then_some((*id, s, *title))
            })
            .collect();
        let same = shipped.iter().position(|(_, s, _)| *s == loaded);
        if same.is_none() {
            entries.push(Entry::new(
                LOADED.to_string(),
                ["Geladen scenario".into(), "Loaded scenario".into()],
                loaded,
            ));
        }
        let mut rest: Vec<Entry> = shipped
            .into_iter()
            .map(|(id, s, [nl, en])| Entry::new(id.to_string(), [nl.into(), en.into()], s))
            .collect();
        if let Some(i) = same {
            let first = rest.remove(i);
            entries.push(first);
        }
        entries.extend(rest);
        Library { entries }
    }

    /// The entry with this id, or the first when `id` is `None`.
    pub fn get(&self, id: Option<&str>) -> Result<&Entry, String> {
        match id {
            None => Ok(&self.entries[0]),
            Some(id) => self.entries.iter().find(|e| e.id == id).ok_or_else(|| {
                let ids: Vec<&str> = self.entries.iter().map(|e| e.id.as_str()).collect();
                format!(
                    "`scenario` is \"{id}\", not one on offer; allowed: {}",
                    ids.join(", ")
                )
            }),
        }
    }

    /// The catalogue the page builds its choices from.
    pub fn catalogue(&self) -> serde_json::Value {
        serde_json::json!({
            "scenarios": self.entries.iter().map(|e| serde_json::json!({
                "id": e.id,
                "nl": e.title[0],
                "en": e.title[1],
                "residents": e.scenario.resident_count(),
                "years": e.scenario.run.years,
                "seed": e.scenario.run.seed,
                "coin": e.scenario.coins.enabled,
                "controls": e.controls.iter().map(Control::json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "max_years": super::MAX_YEARS,
        })
    }
}

impl Entry {
    fn new(id: String, title: [String; 2], scenario: Scenario) -> Entry {
        let controls = controls(&scenario);
        Entry {
            id,
            title,
            scenario,
            controls,
        }
    }
}

impl Control {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "section": self.section,
            "nl": self.label[0],
            "en": self.label[1],
            "needs_coins": self.needs_coins,
            "dial": self.dial.map(|d| serde_json::json!({
                "field": d.field, "min": d.min, "max": d.max, "step": d.step,
                "unit": d.unit, "nl": d.label[0], "en": d.label[1],
            })),
        })
    }
}

/// The levers a room may switch in `s`: those that, switched on the workshop's way (and
/// the coin with them where they need it), make a valid scenario. A lever that needs more
/// than a switch and a number (matching needs named neighbourhoods) is offered only where
/// the scenario sets it up.
pub fn controls(s: &Scenario) -> Vec<Control> {
    let levers = s.levers.clone();
    levers
        .each()
        .into_iter()
        .filter(|l| {
            let mut k = super::Knobs::default();
            k.levers.push(super::LeverKnob {
                section: l.section(),
                on: Some(true),
                dial: None,
            });
            if l.needs_coins() {
                k.coin = Some(true);
            }
            let t = super::apply(s, &k);
            crate::scenario::validate::check(&t).is_empty() && (l.dial().is_some() || l.enabled())
        })
        .map(|l| Control {
            section: l.section(),
            label: l.label(),
            needs_coins: l.needs_coins(),
            dial: l.dial(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::BurnIns;
    use crate::workshop::{parse_query, simulate};

    #[test]
    fn every_shipped_scenario_is_on_offer_and_the_loaded_one_comes_first() {
        let lib = Library::new(crate::scenario::baseline());
        let ids: Vec<&str> = lib.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), SHIPPED.len(), "{ids:?}");
        assert_eq!(
            ids[0], "baseline",
            "the built-in baseline is the shipped one"
        );
        let mut other = crate::scenario::baseline();
        other.run.seed = 7;
        let lib = Library::new(other);
        assert_eq!(lib.entries[0].id, LOADED);
        assert_eq!(lib.entries.len(), SHIPPED.len() + 1);
        assert!(
            lib.get(Some("presets/nowhere"))
                .unwrap_err()
                .contains("allowed: loaded, baseline")
        );
    }

    #[test]
    fn every_lever_on_offer_switched_on_at_its_dials_ends_makes_a_valid_scenario() {
        let lib = Library::new(crate::scenario::baseline());
        for e in &lib.entries {
            // Every lever of the registry with a dial is on offer wherever it can work.
            assert!(e.controls.len() >= 10, "{}: {:?}", e.id, e.controls);
            for c in &e.controls {
                let ends = c
                    .dial
                    .map_or(vec![None], |d| vec![Some(d.min), Some(d.max)]);
                for end in ends {
                    let mut q = format!("lever.{}=1&coin=1", c.section);
                    if let Some(v) = end {
                        q.push_str(&format!("&dial.{}={v}", c.section));
                    }
                    let t = crate::workshop::apply(&e.scenario, &parse_query(&q).unwrap());
                    let problems = crate::scenario::validate::check(&t);
                    assert!(problems.is_empty(), "{} {q}: {:?}", e.id, problems.first());
                }
            }
        }
        let two = lib.get(Some("cases/example3-two-wijken")).unwrap();
        assert!(two.controls.iter().any(|c| c.section == "matching"));
        let base = lib.get(None).unwrap();
        assert!(
            !base.controls.iter().any(|c| c.section == "matching"),
            "matching needs named wijken"
        );
    }

    #[test]
    fn levers_are_switched_and_turned_by_name_and_bad_ones_are_refused_with_a_hint() {
        let k = parse_query(
            "lever.buy_local=1&dial.buy_local=0.2&seed=9&scenario=cases%2Fexample4-baseline",
        )
        .unwrap();
        assert_eq!(k.scenario.as_deref(), Some("cases/example4-baseline"));
        assert_eq!(k.seed, Some(9));
        let s = crate::workshop::apply(&crate::scenario::baseline(), &k);
        assert!(s.levers.buy_local.enabled);
        assert_eq!(s.levers.buy_local.local_share_increase, 0.2);
        assert_eq!(s.run.seed, 9);
        // Switched on from 0, a dial takes the workshop's value and its companions theirs.
        let s = crate::workshop::apply(
            &crate::scenario::baseline(),
            &parse_query("lever.maintenance_supplement=1").unwrap(),
        );
        assert_eq!(s.levers.maintenance_supplement.eur_per_resident_month, 5.0);
        assert_eq!(s.levers.maintenance_supplement.resident_work_share, 0.5);
        // A coin lever stays off without the coin.
        let s = crate::workshop::apply(
            &crate::scenario::baseline(),
            &parse_query("lever.pay_residents=1").unwrap(),
        );
        assert!(!s.levers.pay_residents.enabled);
        let e = parse_query("lever.buy_locl=1").unwrap_err();
        assert!(e.contains("did you mean `buy_local`"), "{e}");
        let e = parse_query("dial.buy_local=0.9").unwrap_err();
        assert!(e.contains("outside 0 to 0.5"), "{e}");
        assert!(
            parse_query("dial.matching=1")
                .unwrap_err()
                .contains("no dial")
        );
        assert!(parse_query("seed=-1").is_err());
        assert!(parse_query("scenario=..%2F..%2Fetc").is_err());
        assert!(parse_query("scenario=%ZZ").is_err());
    }

    #[test]
    fn a_new_seed_is_another_draw_and_the_same_seed_the_same_run() {
        let mut s = crate::scenario::baseline();
        s.neighbourhoods[0].residents.count = 600;
        s.run.burn_in_years = 1;
        let lib = Library::new(s);
        let burn_ins = BurnIns::new(4);
        let run = |q: &str| simulate(&lib, &parse_query(q).unwrap(), &burn_ins).unwrap();
        let a = run("years=1&seed=5");
        assert_eq!(a, run("years=1&seed=5"));
        assert_ne!(a["months"], run("years=1&seed=6")["months"]);
        assert_eq!(a["settings"]["seed"], 5);
    }
}
