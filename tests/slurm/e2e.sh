#!/usr/bin/env bash
# End-to-end test on a real single-node SLURM cluster: a sweep split over a job array of
# three shards, merged by a dependent job, must give the same table as the sweep run on
# one machine. Run by .ci/run after `cargo test` (needs root and the Debian packages).
#
#   tests/slurm/e2e.sh [WIJKSIM_BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/target/debug/wijksim}")
exp="$root/tests/experiments/small.ron"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash "$root/scripts/slurm/local-cluster.sh"
read -r array merge < <(bash "$root/scripts/slurm/submit.sh" "$exp" "$work/slurm" 3 "$bin")
echo "submitted job array $array and merge job $merge"

state=""
for _ in $(seq 1 600); do
    state=$(scontrol show job "$merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1)
    case "$state" in
        COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;;
    esac
    sleep 1
done
if [ "$state" != "COMPLETED" ]; then
    echo "the merge job ended as '${state:-unknown}'" >&2
    cat "$work"/slurm/slurm-*.out >&2 || true
    echo "slurm end-to-end: 0 passed, 1 failed"
    exit 1
fi

"$bin" sweep "$exp" --out "$work/local" > /dev/null
if cmp -s "$work/local/table.csv" "$work/slurm/merged/table.csv"; then
    rows=$(wc -l < "$work/local/table.csv")
    echo "slurm end-to-end: the merged table of 3 array tasks equals the one-machine table ($rows lines)"
    echo "1 passed, 0 failed"
else
    diff <(head -5 "$work/local/table.csv") <(head -5 "$work/slurm/merged/table.csv") >&2 || true
    echo "0 passed, 1 failed"
    exit 1
fi
