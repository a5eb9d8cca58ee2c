#!/usr/bin/env bash
# End-to-end test on a real single-node SLURM cluster: a sweep split over a job array of
# three shards, merged by a dependent job, must give the same table as the sweep run on
# one machine. Submitted twice, at once: with the cluster's defaults (1 CPU, 1 thread a
# task), and with --time, --mem, --cpus-per-task 2, --account and --partition, whose jobs
# must show those settings (scontrol) and whose tasks must run 2 threads (their logs); both
# merged tables must be the one-machine table's bytes. Also checks, without SLURM, that
# submit.sh refuses a bad option value and says how to get a binary when it finds none.
# Run by .ci/run after `cargo test` (needs root and the Debian packages; the node needs 2
# CPUs, which local-cluster.sh declares from nproc).
#
#   tests/slurm/e2e.sh [WIJKSIM_BINARY]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$(realpath "${1:-$root/target/debug/wijksim}")
exp="$root/tests/experiments/small.ron"
submit="$root/scripts/slurm/submit.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
pass() { echo "ok: $1"; passed=$((passed + 1)); }
fail() { echo "FAILED: $1" >&2; failed=$((failed + 1)); }

# submit.sh's own checks, before any job: a bad value names the option, the value and what
# is allowed; no binary anywhere (a copy of the script outside the repository, PATH without
# wijksim) says how to build one instead of failing in realpath.
if err=$(bash "$submit" --time 2h "$exp" "$work/bad" 3 "$bin" 2>&1); then
    fail "submit.sh accepted --time 2h"
elif [[ "$err" == *"--time '2h' is not a SLURM time: use MINUTES"* ]] && [ ! -e "$work/bad" ]; then
    pass "submit.sh refuses --time 2h and says which formats are allowed"
else
    fail "submit.sh --time 2h: unexpected message: $err"
fi
mkdir -p "$work/norepo/scripts/slurm"
cp "$submit" "$work/norepo/scripts/slurm/submit.sh"
if err=$(env PATH=/usr/sbin:/usr/bin:/sbin:/bin bash "$work/norepo/scripts/slurm/submit.sh" "$exp" "$work/nobin" 3 2>&1); then
    fail "submit.sh without a binary succeeded"
elif [[ "$err" == *"no wijksim binary found"*"cargo build --release"*"--bin PATH"* ]] && [[ "$err" != *realpath* ]]; then
    pass "submit.sh without a binary says to run cargo build --release or pass --bin"
else
    fail "submit.sh without a binary: unexpected message: $err"
fi

bash "$root/scripts/slurm/local-cluster.sh"
read -r array merge < <(bash "$submit" "$exp" "$work/slurm" 3 "$bin")
echo "submitted job array $array and merge job $merge (the cluster's defaults)"
read -r array2 merge2 < <(bash "$submit" --time 10:00 --mem 256M --cpus-per-task 2 \
    --account wijksim-e2e --partition debug --bin "$bin" "$exp" "$work/slurm2" 3)
echo "submitted job array $array2 and merge job $merge2 (--time 10:00 --mem 256M --cpus-per-task 2 --account wijksim-e2e --partition debug)"

# wait_for JOB: prints the job's final state (or the last one seen after 10 minutes).
wait_for() {
    local state=""
    for _ in $(seq 1 600); do
        state=$(scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1)
        case "$state" in
            COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;;
        esac
        sleep 1
    done
    echo "${state:-unknown}"
}

"$bin" sweep "$exp" --out "$work/local" > /dev/null 2>&1
rows=$(wc -l < "$work/local/table.csv")
for run in "slurm:$merge" "slurm2:$merge2"; do
    dir="${run%%:*}" job="${run#*:}"
    state=$(wait_for "$job")
    if [ "$state" != "COMPLETED" ]; then
        fail "$dir: the merge job $job ended as '$state'"
        cat "$work/$dir"/slurm-*.out >&2 || true
    elif cmp -s "$work/local/table.csv" "$work/$dir/merged/table.csv"; then
        pass "$dir: the merged table of 3 array tasks equals the one-machine table ($rows lines)"
    else
        fail "$dir: the merged table differs from the one-machine table"
        diff <(head -5 "$work/local/table.csv") <(head -5 "$work/$dir/merged/table.csv") >&2 || true
    fi
done

# The settings the jobs got, from scontrol (records of finished jobs stay for MinJobAge,
# 300 s by default): every array task has them all, the merge job all but the 2 CPUs.
# has_all TEXT FIELD...: TEXT holds every FIELD.
has_all() {
    local text="$1" field
    shift
    for field in "$@"; do
        [[ " $text " == *" $field "* ]] || return 1
    done
}
settings=(TimeLimit=00:10:00 MinMemoryNode=256M Account=wijksim-e2e Partition=debug)
tasks=$(scontrol -o show job "$array2" 2>/dev/null | grep "ArrayJobId=$array2 " || true)
ntasks=$(printf '%s\n' "$tasks" | grep -c . || true)
bad=$(printf '%s\n' "$tasks" | while read -r line; do
    has_all "$line" "${settings[@]}" CPUs/Task=2 || echo x
done)
if [ "$ntasks" = 3 ] && [ -z "$bad" ]; then
    pass "the 3 array tasks of $array2 got ${settings[*]} CPUs/Task=2"
else
    fail "the array tasks of $array2 ($ntasks records) lack some of ${settings[*]} CPUs/Task=2"
    printf '%s\n' "$tasks" >&2
fi
mline=$(scontrol -o show job "$merge2" 2>/dev/null || true)
if has_all "$mline" "${settings[@]}" CPUs/Task=1; then
    pass "the merge job $merge2 got ${settings[*]} and 1 CPU"
else
    fail "the merge job $merge2 lacks some of ${settings[*]} CPUs/Task=1"
    echo "$mline" >&2
fi

# The threads each task ran, from the line submit.sh's job prints first in its log.
for run in "slurm:1" "slurm2:2"; do
    dir="${run%%:*}" threads="${run#*:}"
    n=$(cat "$work/$dir"/slurm-sweep-*.out 2>/dev/null \
        | grep -cE "^wijksim sweep shard [1-3]/3 on .* with --threads ${threads}\$" || true)
    if [ "$n" = 3 ]; then
        pass "$dir: each of the 3 array tasks ran the sweep with --threads $threads"
    else
        fail "$dir: $n of 3 array task logs say --threads $threads"
        head -3 "$work/$dir"/slurm-sweep-*.out >&2 || true
    fi
done

echo "slurm end-to-end: ${passed} passed, ${failed} failed"
[ "$failed" = 0 ]
