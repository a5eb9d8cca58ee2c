//! Behaviour pinned: a golden yearly summary of every shipped scenario (baseline, levers,
//! cases, presets; two years each) in `tests/golden/`, and the baseline's result hash (the
//! one the benchmark prints). A change that moves them is a change of the model, made in a
//! commit of its own that says why; a refactor moves none.
//! Set UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change.

mod common;

use std::path::{Path, PathBuf};
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

#[test]
fn every_shipped_scenario_matches_its_golden_summary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    let files = shipped();
    assert!(files.len() >= 20, "{} scenarios", files.len());
    let mut moved = Vec::new();
    for f in files {
        let rel = f.strip_prefix(root.join("scenarios")).unwrap();
        let golden = root
            .join("tests/golden")
            .join(rel.display().to_string().replace('/', "__"))
            .with_extension("summary");
        let mut s = scenario::load(&f).unwrap_or_else(|d| panic!("{d}"));
        s.run.years = 2;
        let years = common::run(&s);
        let mut text = format!("# {} (seed {}, 2 years)\n", rel.display(), s.run.seed);
        for ((year, area, indicator), value) in &years.0 {
            text.push_str(&format!("{year} {area} {indicator} {value:.6}\n"));
        }
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_else(|_| {
            panic!("{} is missing; run with UPDATE_GOLDEN=1", golden.display())
        });
        if expected != text {
            moved.push(rel.display().to_string());
        }
    }
    assert!(
        moved.is_empty(),
        "the yearly summaries of {moved:?} moved; a model change updates them (UPDATE_GOLDEN=1) in a commit of its own that says why"
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
const BASELINE_HASH: &str = "6ef857a7c7184b7b";

/// Every row (monthly, quarterly, yearly; every area and indicator) and every flow matrix
/// of every shipped scenario, hashed to the bit (`f64::to_bits`), for three years. The
/// summaries above print six decimals; this pin catches a refactor that moves a value in
/// its last bit. The file was made at the start of issue 9 and is unchanged since.
#[test]
fn every_shipped_scenario_matches_its_golden_bits() {
    use sha2::{Digest, Sha256};
    use wijksim::model::indicators::{Observer, Period, Row};
    use wijksim::model::ledger::FlowMatrix;
    struct Bits(Sha256, u64);
    impl Observer for Bits {
        fn row(&mut self, r: &Row<'_>) {
            let (kind, area, name) = (r.period.kind as u8, r.area, r.indicator.name());
            self.0
                .update(format!("{kind}{area}{name}{}|", r.value.to_bits()));
            self.1 += 1;
        }
        fn flow_matrix(&mut self, _: &Period, m: &FlowMatrix) {
            self.0.update(format!("{m:?}"));
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut text = String::new();
    for f in shipped() {
        let mut s = scenario::load(&f).unwrap_or_else(|d| panic!("{d}"));
        s.run.years = 3;
        let mut bits = Bits(Sha256::new(), 0);
        let mut m = wijksim::model::Model::new(&s);
        m.run(&mut bits, |_, _| {});
        let digest: String = bits.0.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let rel = f
            .strip_prefix(root.join("scenarios"))
            .unwrap()
            .display()
            .to_string();
        text.push_str(&format!("{rel} {} {} {digest}\n", bits.1, m.result_hash()));
    }
    let golden = root.join("tests/golden/bits.txt");
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&golden, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap();
    let moved: Vec<&str> = text
        .lines()
        .zip(expected.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.split(' ').next().unwrap())
        .collect();
    assert!(
        moved.is_empty() && text.lines().count() == expected.lines().count(),
        "the rows of {moved:?} moved (to the bit); a model change updates tests/golden/bits.txt (UPDATE_GOLDEN=1) in a commit of its own that says why"
    );
}
