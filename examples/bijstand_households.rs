//! Who is on bijstand: `cargo run --release --example bijstand_households -- [SCENARIO]
//! [MONTHS]` runs the scenario (the built-in baseline by default) for MONTHS reported
//! months (24 by default) after its burn-in and counts the households on bijstand by the
//! statuses of their adults (`+w`: paid a wage), most frequent first (docs/ODD.md,
//! "Calibration and validation": why the bijstand share is above the Dutch range).

use std::collections::BTreeMap;
use wijksim::model::Model;
use wijksim::model::indicators::Discard;
use wijksim::model::world::Status;
use wijksim::scenario;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let s = match args.first() {
        Some(path) => scenario::load(std::path::Path::new(path)).unwrap_or_else(|d| {
            eprintln!("{d}");
            std::process::exit(2)
        }),
        None => scenario::baseline(),
    };
    let months: u32 = match args.get(1).map(|m| m.parse()) {
        None => 24,
        Some(Ok(m)) => m,
        Some(Err(_)) => {
            eprintln!("MONTHS must be a whole number of months, e.g. 24");
            std::process::exit(2)
        }
    };
    let mut m = Model::new(&s);
    for _ in 0..months.min(m.ticks_total()) {
        m.step(&mut Discard);
    }
    let w = m.world();
    let mut adults: Vec<Vec<String>> = vec![Vec::new(); w.households.nb.len()];
    for r in 0..w.residents.nb.len() {
        let status = w.residents.status[r];
        if status != Status::Child {
            let wage = if w.residents.wage_cents[r] > 0 {
                "+w"
            } else {
                ""
            };
            adults[w.residents.household[r] as usize].push(format!("{status:?}{wage}"));
        }
    }
    let mut by: BTreeMap<String, u32> = BTreeMap::new();
    for (h, a) in adults.iter_mut().enumerate() {
        if w.households.on_benefit[h] {
            a.sort();
            *by.entry(a.join(" ")).or_default() += 1;
        }
    }
    let on: u32 = by.values().sum();
    println!(
        "{on} of {} households on bijstand after {months} months",
        w.households.nb.len()
    );
    let mut rows: Vec<_> = by.into_iter().collect();
    rows.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), k.clone()));
    for (k, n) in rows {
        println!("{n:6}  {k}");
    }
}
