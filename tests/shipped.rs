//! Behaviour pinned: a golden yearly summary of every shipped scenario (baseline, levers,
//! cases, presets; two years each) in `tests/golden/`, and the baseline's result hash (the
//! one the benchmark prints). A change that moves them is a change of the model, made in a
//! commit of its own that says why; a refactor moves none.
//! Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.

mod common;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use wijksim::model::indicators::{Observer, Period, Row};
use wijksim::model::ledger::FlowMatrix;
use wijksim::scenario;

/// Every shipped scenario (not the experiments, not the 1,000,000-resident benchmark).
fn shipped() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut out = vec![root.join("baseline.ron")];
    for dir in ["levers", "cases", "presets"] {
        let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        v.sort();
        out.extend(v);
    }
    out
}

/// What one run of a shipped scenario is compared with: its yearly values (printed with
/// six decimals into its summary) and a hash of every row (monthly, quarterly, yearly; every
/// area and indicator, to the bit: `f64::to_bits`) and every flow matrix.
struct Pin {
    years: common::Years,
    bits: Sha256,
    rows: u64,
}

impl Observer for Pin {
    fn row(&mut self, r: &Row<'_>) {
        self.years.row(r);
        let (kind, area, name) = (r.period.kind as u8, r.area, r.indicator.name());
        self.bits
            .update(format!("{kind}{area}{name}{}|", r.value.to_bits()));
        self.rows += 1;
    }
    fn flow_matrix(&mut self, _: &Period, m: &FlowMatrix) {
        self.bits.update(format!("{m:?}"));
    }
}

/// One shipped scenario's run of two years: its line of `bits.txt` (row count, result
/// hash, hash of every row and flow matrix to the bit) and its yearly summary.
fn pin_of(rel: &Path, s: &scenario::Scenario) -> (String, String) {
    let mut s = s.clone();
    s.run.years = 2;
    let mut pin = Pin {
        years: common::Years::default(),
        bits: Sha256::new(),
        rows: 0,
    };
    let mut m = wijksim::model::Model::new(&s);
    m.run(&mut pin, |_, _| {});
    let digest: String = pin.bits.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let line = format!(
        "{} {} {} {digest}\n",
        rel.display(),
        pin.rows,
        m.result_hash()
    );
    let mut text = format!("# {} (seed {}, 2 years)\n", rel.display(), s.run.seed);
    for ((year, area, indicator), value) in &pin.years.0 {
        text.push_str(&format!("{year} {area} {indicator} {value:.6}\n"));
    }
    (line, text)
}

/// The lines of `got` that differ from those of the pin file `want` (or the list itself).
fn bits_moved(got: &str, want: &str, moved: &mut Vec<String>) {
    if want.lines().count() != got.lines().count() {
        moved.push("the list of shipped scenarios (bits.txt)".into());
    }
    for (got, want) in got.lines().zip(want.lines()) {
        if got != want {
            moved.push(format!("{} (to the bit)", got.split(' ').next().unwrap()));
        }
    }
}

/// Each shipped scenario runs once, two years, and is compared with two goldens: its
/// yearly summary in `tests/golden/<path>.summary`, and its line in `tests/golden/bits.txt`
/// (row count, result hash, hash of every row and flow matrix to the bit), which catches a
/// refactor that moves a value in its last bit. `bits.txt` was made from the tree at the
/// start of issue 9 (5e6ffad), and regenerated for issue 10's regional labour market.
#[test]
fn every_shipped_scenario_matches_its_goldens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let files = shipped();
    assert!(files.len() >= 20, "{} scenarios", files.len());
    let mut moved = Vec::new();
    let mut bits = String::new();
    for f in files {
        let rel = f.strip_prefix(root.join("scenarios")).unwrap();
        let golden = root
            .join("tests/golden")
            .join(rel.display().to_string().replace('/', "__"))
            .with_extension("summary");
        let s = scenario::load(&f).unwrap_or_else(|d| panic!("{d}"));
        let (line, text) = pin_of(rel, &s);
        bits.push_str(&line);
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing; run with UPDATE_GOLDEN=1", golden.display())
        });
        if expected != text {
            moved.push(format!("{} (summary)", rel.display()));
        }
    }
    let bits_file = root.join("tests/golden/bits.txt");
    if update {
        std::fs::write(&bits_file, &bits).unwrap();
        return;
    }
    bits_moved(
        &bits,
        &std::fs::read_to_string(&bits_file).unwrap(),
        &mut moved,
    );
    assert!(
        moved.is_empty(),
        "{moved:?} moved; a model change updates the goldens (UPDATE_GOLDEN=1) in a commit of its own that says why"
    );
}

/// With `run.burn_in_years: 0` every shipped scenario gives its pinned output to the bit:
/// `tests/golden/bits-burn-in-0.txt`. When the burn-in was introduced this file was the
/// output of the model before it (at 0c387ab), which proved that everything a lever or the
/// coin scheme changed in the build happens at the switch after a burn-in of no ticks;
/// since the local hiring of issue 10 (a local vacancy goes to a resident with the city's
/// share of its applicants, docs/ODD.md 7.9) moved every run, it is a golden like the
/// others (`UPDATE_GOLDEN=1`), pinning the runs without a burn-in.
#[test]
fn a_burn_in_of_0_years_is_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let mut bits = String::new();
    for f in shipped() {
        let rel = f.strip_prefix(root.join("scenarios")).unwrap();
        let mut s = scenario::load(&f).unwrap_or_else(|d| panic!("{d}"));
        s.run.burn_in_years = 0;
        bits.push_str(&pin_of(rel, &s).0);
    }
    let pin = root.join("tests/golden/bits-burn-in-0.txt");
    if update {
        std::fs::write(&pin, &bits).unwrap();
        return;
    }
    let mut moved = Vec::new();
    bits_moved(&bits, &std::fs::read_to_string(pin).unwrap(), &mut moved);
    assert!(
        moved.is_empty(),
        "{moved:?} moved with a burn-in of 0 years"
    );
}

#[test]
fn the_baseline_result_hash_is_pinned() {
    let mut m = wijksim::model::Model::new(&scenario::baseline());
    m.run(&mut wijksim::model::indicators::Discard, |_, _| {});
    assert_eq!(
        m.result_hash(),
        BASELINE_HASH,
        "the baseline's 10-year result changed"
    );
}

/// The hash `cargo bench --bench engine` prints for the baseline (10 years).
const BASELINE_HASH: &str = "ec513e1bace881e2";
