#!/usr/bin/env bash
# Runs a wijksim sweep on a SLURM cluster: a job array with one task per shard, and a
# merge job that starts when every shard has succeeded.
#
#   scripts/slurm/submit.sh [OPTIONS] EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY]
#   scripts/slurm/submit.sh --help
#
# Each task runs `wijksim sweep EXPERIMENT --shard K/SHARDS --out OUTDIR/shard-K --resume
# --threads T`, so a task that is requeued after a lost node redoes only its unfinished
# runs; T is the CPUs SLURM gave the task (SLURM_CPUS_PER_TASK, set by --cpus-per-task; 1
# without it), and results do not depend on it. Its log (OUTDIR/slurm-sweep-ARRAY_K.out)
# starts with "wijksim sweep shard K/SHARDS on HOST with --threads T". The merge job writes
# OUTDIR/merged/table.csv, the table one machine would have made. Prints the two job ids.
# OUTDIR must be on a file system every node sees. --help lists the options (--time, --mem,
# --cpus-per-task, --account, --partition, --bin), docs/CLUSTER.md shows an example.
set -euo pipefail
me="submit.sh"
repo=$(cd "$(dirname "$0")/../.." && pwd)

usage() {
    cat <<USAGE
usage: scripts/slurm/submit.sh [OPTIONS] EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY]

Submits a job array of SHARDS tasks (task K runs shard K/SHARDS of the sweep EXPERIMENT
into OUTDIR/shard-K, resumable) and a merge job that writes OUTDIR/merged once every task
has succeeded. Prints the two job ids: "ARRAY_ID MERGE_ID". OUTDIR must be on a file
system every node sees.

Options (each is passed to sbatch only when given; the cluster's defaults apply otherwise):
  --time TIME         wall-time limit of each array task and of the merge job, in SLURM's
                      formats: MINUTES, MINUTES:SECONDS, HOURS:MINUTES:SECONDS, DAYS-HOURS,
                      DAYS-HOURS:MINUTES, DAYS-HOURS:MINUTES:SECONDS (e.g. 90, 2:00:00,
                      1-12), or UNLIMITED
  --mem SIZE          memory of each array task and of the merge job: a whole number with
                      an optional unit K, M, G or T (no unit: megabytes), e.g. 4G, 4000M
  --cpus-per-task N   CPUs of each array task (a positive whole number); the task's sweep
                      runs N threads (without this option: 1 thread, or SBATCH_CPUS_PER_TASK
                      if set, which SLURM passes on as SLURM_CPUS_PER_TASK). The merge job
                      is not given it (1 CPU by default)
  --account NAME      account the jobs are charged to (both jobs)
  --partition NAME    partition (queue) of both jobs; a comma-separated list is allowed
  --bin PATH          the wijksim binary (the same as the WIJKSIM_BINARY argument)
  -h, --help          print this help and exit

Without --bin or WIJKSIM_BINARY the binary is, in this order: wijksim on PATH,
${repo}/target/release/wijksim, ${repo}/target/debug/wijksim.
Build it with \`cargo build --release\` in ${repo}.
The binary, EXPERIMENT and OUTDIR must be visible at the same paths on every node.
Other sbatch settings: SBATCH_* environment variables (e.g. SBATCH_QOS=...).

Example:
  scripts/slurm/submit.sh --time 2:00:00 --mem 4G --cpus-per-task 8 \\
      --account myproject --partition cpu \\
      scenarios/experiments/quota-and-local-spending.ron /shared/sweeps/quota 8
USAGE
}

die_usage() {
    echo "${me}: $1" >&2
    echo "usage: scripts/slurm/submit.sh [OPTIONS] EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY] (--help lists the options)" >&2
    exit 2
}

# check_value OPTION VALUE: the value of OPTION must be present and must not look like
# the next option (`--time --mem 4G` is a forgotten value, not a time).
check_value() {
    if [ -z "$2" ]; then
        die_usage "$1 needs a value"
    fi
    case "$2" in
        -*) die_usage "$1 needs a value, got the option '$2'" ;;
    esac
}

time_limit="" mem="" cpus="" account="" partition="" bin_opt=""
positional=()
while [ $# -gt 0 ]; do
    opt="$1"
    case "$opt" in
        -h|--help) usage; exit 0 ;;
        --) shift; positional+=("$@"); break ;;
        --time|--mem|--cpus-per-task|--account|--partition|--bin)
            if [ $# -lt 2 ]; then
                die_usage "$opt needs a value"
            fi
            value="$2"
            shift 2
            ;;
        --time=*|--mem=*|--cpus-per-task=*|--account=*|--partition=*|--bin=*)
            value="${opt#*=}"
            opt="${opt%%=*}"
            shift
            ;;
        -?*) die_usage "unknown option '$opt'" ;;
        *) positional+=("$opt"); shift; continue ;;
    esac
    check_value "$opt" "$value"
    case "$opt" in
        --time) time_limit="$value" ;;
        --mem) mem="$value" ;;
        --cpus-per-task) cpus="$value" ;;
        --account) account="$value" ;;
        --partition) partition="$value" ;;
        --bin) bin_opt="$value" ;;
    esac
done

# Validation, before anything is created or submitted: the options first (a forgotten
# value takes the next argument, and the option's message says so better than a count).
if [ -n "$time_limit" ]; then
    d='[0-9]+'
    if ! [[ "$time_limit" =~ ^($d|$d:$d|$d:$d:$d|$d-$d|$d-$d:$d|$d-$d:$d:$d|UNLIMITED|INFINITE)$ ]]; then
        die_usage "--time '$time_limit' is not a SLURM time: use MINUTES, MINUTES:SECONDS, HOURS:MINUTES:SECONDS, DAYS-HOURS, DAYS-HOURS:MINUTES or DAYS-HOURS:MINUTES:SECONDS (e.g. 90, 2:00:00, 1-12), or UNLIMITED"
    fi
fi
if [ -n "$mem" ] && ! [[ "$mem" =~ ^[0-9]+[KMGTkmgt]?$ ]]; then
    die_usage "--mem '$mem' is not a SLURM memory size: use a whole number with an optional unit K, M, G or T (no unit: megabytes), e.g. 4G or 4000M"
fi
if [ -n "$cpus" ] && ! [[ "$cpus" =~ ^[1-9][0-9]*$ ]]; then
    die_usage "--cpus-per-task '$cpus' is not allowed: use a positive whole number (1, 2, ...), the CPUs (and sweep threads) of each array task"
fi
for pair in "--account:$account" "--partition:$partition"; do
    name="${pair%%:*}" value="${pair#*:}"
    if [[ "$value" =~ [[:space:]] ]]; then
        die_usage "$name '$value' is not allowed: a SLURM $name name has no spaces"
    fi
done
if [ ${#positional[@]} -lt 3 ] || [ ${#positional[@]} -gt 4 ]; then
    die_usage "expected EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY], got ${#positional[@]} argument(s)"
fi
exp_arg="${positional[0]}"
out_arg="${positional[1]}"
n="${positional[2]}"
bin_arg="${positional[3]:-}"
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    die_usage "SHARDS must be a positive whole number (1, 2, ...), got '$n'"
fi
if [ -n "$bin_opt" ] && [ -n "$bin_arg" ] && [ "$bin_opt" != "$bin_arg" ]; then
    die_usage "two binaries given: --bin '$bin_opt' and WIJKSIM_BINARY '$bin_arg'; give one"
fi
if [ ! -f "$exp_arg" ]; then
    die_usage "EXPERIMENT '$exp_arg' is not a file"
fi

# The binary: --bin or WIJKSIM_BINARY, else wijksim on PATH, else the repository's builds.
bin="${bin_opt:-$bin_arg}"
if [ -n "$bin" ]; then
    if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
        echo "${me}: the wijksim binary '$bin' (given with --bin or WIJKSIM_BINARY) is not an executable file" >&2
        exit 2
    fi
else
    for candidate in "$(command -v wijksim || true)" "$repo/target/release/wijksim" "$repo/target/debug/wijksim"; do
        if [ -n "$candidate" ] && [ -f "$candidate" ] && [ -x "$candidate" ]; then
            bin="$candidate"
            break
        fi
    done
    if [ -z "$bin" ]; then
        {
            echo "${me}: no wijksim binary found: none on PATH, none at $repo/target/release/wijksim or $repo/target/debug/wijksim."
            echo "Build it with \`cargo build --release\` in $repo (docs/CLUSTER.md: building on the cluster), or pass --bin PATH."
        } >&2
        exit 2
    fi
    case "$bin" in
        */target/debug/wijksim)
            echo "${me}: note: using the debug build $bin; \`cargo build --release\` makes the release build, which is looked for first" >&2 ;;
    esac
fi
if ! command -v sbatch > /dev/null; then
    echo "${me}: sbatch not found: run this on a machine that submits SLURM jobs (a login node)" >&2
    exit 2
fi

exp=$(realpath "$exp_arg")
out=$(realpath -m "$out_arg")
bin=$(realpath "$bin")
for path in "$exp" "$out" "$bin"; do
    case "$path" in
        *"'"*) die_usage "paths with a single quote are not supported: '$path'" ;;
    esac
done

# Options shared by both jobs, and those of the array tasks only. (The `${a[@]+...}` form
# expands an empty array under `set -u` in bash before 4.4 too, as on older login nodes.)
common=()
if [ -n "$account" ]; then common+=("--account=$account"); fi
if [ -n "$partition" ]; then common+=("--partition=$partition"); fi
if [ -n "$time_limit" ]; then common+=("--time=$time_limit"); fi
if [ -n "$mem" ]; then common+=("--mem=$mem"); fi
task=()
if [ -n "$cpus" ]; then task+=("--cpus-per-task=$cpus"); fi

mkdir -p "$out"
array=$(sbatch --parsable --array="1-${n}" --job-name=wijksim-sweep --requeue \
    ${common[@]+"${common[@]}"} ${task[@]+"${task[@]}"} \
    --output="${out}/slurm-sweep-%A_%a.out" \
    --wrap "echo \"wijksim sweep shard \${SLURM_ARRAY_TASK_ID}/${n} on \$(hostname) with --threads \${SLURM_CPUS_PER_TASK:-1}\"; exec '${bin}' sweep '${exp}' --shard \${SLURM_ARRAY_TASK_ID}/${n} --out '${out}'/shard-\${SLURM_ARRAY_TASK_ID} --resume --threads \${SLURM_CPUS_PER_TASK:-1}")
array="${array%%;*}"
shards=""
for k in $(seq 1 "$n"); do shards="${shards} '${out}/shard-${k}'"; done
merge=$(sbatch --parsable --dependency="afterok:${array}" --job-name=wijksim-merge \
    ${common[@]+"${common[@]}"} \
    --output="${out}/slurm-merge-%j.out" \
    --wrap "'${bin}' merge '${exp}' ${shards} --out '${out}/merged'")
merge="${merge%%;*}"
echo "${array} ${merge}"
