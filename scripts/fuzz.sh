#!/usr/bin/env bash
# Fuzzes the scenario and experiment parsers with cargo-fuzz (libFuzzer) for a bounded time:
#   bash scripts/fuzz.sh [SECONDS]     (default 60 seconds per target)
# Needs a nightly toolchain. Without one it prints "skipped: no nightly toolchain" and
# exits 0, so CI on a fresh stable-only machine says so instead of failing. cargo-fuzz is
# installed from crates.io when missing. A crash, a hang (over 10 s on one input) or an
# input using more than 2 GB exits non-zero and leaves the input in fuzz/artifacts/.
# The committed corpus (fuzz/corpus/TARGET, the shipped .ron files) is read, never
# written: new inputs go to fuzz/target/corpus/TARGET.
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/../fuzz"
if ! command -v rustup > /dev/null || ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz: skipped: no nightly toolchain (rustup toolchain list shows none)"
    exit 0
fi
if ! cargo +nightly fuzz --version > /dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz from crates.io"
    if ! cargo install --locked cargo-fuzz; then
        echo "fuzz: skipped: cargo-fuzz could not be installed"
        exit 0
    fi
fi
for target in parse_scenario parse_experiment; do
    work="target/corpus/$target"
    mkdir -p "$work"
    echo "fuzz: $target for ${seconds} s"
    log="target/fuzz-$target.log"
    # libFuzzer reports every new coverage point: keep that in a log, show its end.
    if ! cargo +nightly fuzz run "$target" "$work" "corpus/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 > "$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz: $target FAILED (log: fuzz/$log; the input is in fuzz/artifacts/$target/)"
        exit 1
    fi
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^Done " "$log" || tail -n 3 "$log"
done
echo "fuzz: ok, no crash, hang or memory blow-up in ${seconds} s per target"
