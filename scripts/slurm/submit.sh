#!/usr/bin/env bash
# Runs a wijksim sweep on a SLURM cluster: a job array with one task per shard, and a
# merge job that starts when every shard has succeeded.
#
#   scripts/slurm/submit.sh EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY]
#
# Each task runs `wijksim sweep EXPERIMENT --shard K/SHARDS --out OUTDIR/shard-K --resume`,
# so a task that is requeued after a lost node redoes only its unfinished runs. The merge
# job writes OUTDIR/merged/table.csv, the table one machine would have made. Prints the
# two job ids. OUTDIR must be on a file system every node sees.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 EXPERIMENT OUTDIR SHARDS [WIJKSIM_BINARY]" >&2
    exit 2
fi
exp=$(realpath "$1")
out=$(realpath -m "$2")
n=$3
bin=$(realpath "${4:-$(command -v wijksim)}")
mkdir -p "$out"
array=$(sbatch --parsable --array="1-${n}" --job-name=wijksim-sweep --requeue \
    --output="${out}/slurm-sweep-%A_%a.out" \
    --wrap "'${bin}' sweep '${exp}' --shard \${SLURM_ARRAY_TASK_ID}/${n} --out '${out}'/shard-\${SLURM_ARRAY_TASK_ID} --resume --threads \${SLURM_CPUS_PER_TASK:-1}")
shards=""
for k in $(seq 1 "$n"); do shards="${shards} '${out}/shard-${k}'"; done
merge=$(sbatch --parsable --dependency="afterok:${array}" --job-name=wijksim-merge \
    --output="${out}/slurm-merge-%j.out" \
    --wrap "'${bin}' merge '${exp}' ${shards} --out '${out}/merged'")
echo "${array} ${merge}"
