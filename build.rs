//! Build script: `WIJKSIM_BUILD_ID`, a fingerprint of the source that determines a run's
//! output (the model, the scenario layer, the experiment layer, the shipped baseline and
//! the locked dependency versions). A sweep's run ids include it, so that a folder
//! started by one build is never resumed or merged with runs of another: the version
//! number alone does not change when the model does.

use std::path::{Path, PathBuf};

const INPUTS: &[&str] = &[
    "src/model",
    "src/scenario",
    "src/experiment",
    "scenarios/baseline.ron",
    "Cargo.lock",
];

fn files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}

fn main() {
    let mut all = Vec::new();
    for i in INPUTS {
        println!("cargo:rerun-if-changed={i}");
        files(Path::new(i), &mut all);
    }
    // FNV-1a, 64 bits, over each path and its bytes: enough to tell two sources apart.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for f in &all {
        eat(f.to_string_lossy().replace('\\', "/").as_bytes());
        eat(&[0]);
        eat(&std::fs::read(f).unwrap_or_default());
        eat(&[0]);
    }
    println!("cargo:rustc-env=WIJKSIM_BUILD_ID={h:016x}");
}
