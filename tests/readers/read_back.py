"""pandas reads wijksim's Parquet tables: the CSV tables' rows, typed, values unrounded."""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

work = Path(sys.argv[1])
# The decimals the CSV keeps per unit: a Parquet value rounds to the CSV's text.
# A count is written whole when it is whole, otherwise with 2 decimals.
DECIMALS = {"share": 6, "ratio": 6, "eur": 2, "hours": 1, "coin": 0, "count": 2}


def close(parquet, csv, units):
    for unit, p, c in zip(units, parquet, csv):
        assert abs(p - c) <= 0.5 * 10 ** -DECIMALS[unit] + 1e-9, (unit, p, c)


ts_p = pd.read_parquet(work / "run-parquet/timeseries.parquet")
ts_c = pd.read_csv(work / "run-csv/timeseries.csv")
assert list(ts_p.columns) == list(ts_c.columns), (ts_p.columns, ts_c.columns)
assert len(ts_p) == len(ts_c) > 1000
for col in ["period", "area", "indicator", "unit"]:
    assert (ts_p[col].astype(str).values == ts_c[col].astype(str).values).all(), col
for col in ["quarter", "month"]:
    # Not applicable: NaN in both, never 0.
    assert (ts_p[col].isna().values == ts_c[col].isna().values).all(), col
    assert not (ts_c[col] == 0).any(), col
assert ts_p.loc[ts_p.period == "year", "quarter"].isna().all()
close(ts_p.value, ts_c.value, ts_p.unit)
assert (ts_p.value != ts_c.value).any(), "the Parquet values are unrounded"

fl_p = pd.read_parquet(work / "run-parquet/flows.parquet")
fl_c = pd.read_csv(work / "run-csv/flows.csv")
assert list(fl_p.columns) == list(fl_c.columns) and len(fl_p) == len(fl_c)
assert np.allclose(fl_p.amount.values, fl_c.amount.values, atol=0.005)
pa_p = pd.read_parquet(work / "run-parquet/parties.parquet")
assert len(pa_p) == len(pd.read_csv(work / "run-csv/parties.csv"))

t_p = pd.read_parquet(work / "sweep/table.parquet")
t_c = pd.read_csv(work / "sweep/table.csv", dtype={"seed": str})
assert list(t_p.columns) == list(t_c.columns), (t_p.columns, t_c.columns)
assert list(t_p.columns[:4]) == ["run_id", "point", "replicate", "seed"]
assert t_p.seed.dtype == np.uint64, t_p.seed.dtype
assert (t_p.seed.astype(str).values == t_c.seed.values).all(), "seeds exact"
assert (t_p.point.values == t_c.point.values).all()
close(t_p.value, t_c.value, t_p.unit)
# The seeds R must read, one a line.
(work / "seeds.txt").write_text("\n".join(t_c.seed.unique()) + "\n")
big = sum(int(s) > 2**63 - 1 for s in t_c.seed.unique())
print(f"pandas: {len(ts_p)} time-series rows, {len(fl_p)} flow rows, {len(t_p)} sweep rows "
      f"({t_p.run_id.nunique()} runs; {big} seeds above 2^63 - 1) read from Parquet as in the CSV")
