#!/usr/bin/env bash
# The tables as researchers read them (issue 14, item 2): pandas (pyarrow) reads the Parquet
# tables of a run and a sweep and finds the CSV tables' values, unrounded, and their seeds
# exactly; R (data.table) reads the CSV tables with the README's convention and gets the
# same seeds, digit for digit, and NA where a cell is not applicable.
#   bash tests/readers/read_back.sh BIN PYTHON
# BIN: the wijksim binary; PYTHON: a python with pandas and pyarrow. Rscript must be on
# PATH with data.table. Writes only into a temporary folder.
set -euo pipefail
bin=$(realpath "$1")
python=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" run --years 2 -q --out run-csv > /dev/null
"$bin" run --years 2 -q --out run-parquet --format parquet > /dev/null
"$bin" sweep "$here/../experiments/small.ron" --out sweep --format parquet --threads 2 2> /dev/null > /dev/null
"$python" "$here/read_back.py" "$work"
Rscript "$here/read_back.R" "$work"
