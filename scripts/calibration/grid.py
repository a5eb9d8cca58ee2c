#!/usr/bin/env python3
"""Calibration grid of region.proximity_weight (omega) and region.own_municipality_job_share
(lambda), docs/ODD.md 7.9: the baseline with the two set (and any further region fields),
--years 5, seeds 1..8, means of the yearly city rows of years 2 to 5.

    python3 scripts/calibration/grid.py target/release/wijksim OUT OMEGAS LAMBDAS [FIELDS]

e.g. `... /tmp/g 5,10,20,40 0.0 ", matching_efficiency_per_month: 0.170,
separation_rate_per_month: 0.0073"`. Writes its scenarios and runs under OUT only."""
import csv, itertools, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
BIN = sys.argv[1]; OUT = sys.argv[2]
omegas = [float(x) for x in sys.argv[3].split(',')]
lams = [float(x) for x in sys.argv[4].split(',')]
extra = sys.argv[5] if len(sys.argv) > 5 else ''
base = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../scenarios/baseline.ron')).read()
os.makedirs(OUT, exist_ok=True)
IND = ['job_finding_rate_per_month', 'unemployment_rate', 'residents_employed_in_own_neighbourhood_share',
       'local_jobs_held_by_residents_share', 'households_on_benefits_share', 'businesses_active_count']
def one(args):
    om, lam, seed = args
    f = f'{OUT}/s_{om}_{lam}.ron'
    d = f'{OUT}/r_{om}_{lam}_{seed}'
    subprocess.run([BIN, 'run', f, '--years', '5', '--seed', str(seed), '--out', d, '-q'], check=True, capture_output=True)
    v = {}
    for r in csv.DictReader(open(f'{d}/timeseries.csv')):
        if r['period'] == 'year' and r['area'] == 'city' and int(r['year']) >= 2 and r['indicator'] in IND:
            v.setdefault(r['indicator'], []).append(float(r['value']))
    return (om, lam), {k: sum(x) / len(x) for k, x in v.items()}
for om in omegas:
    for lam in lams:
        s = base.rstrip().rstrip(')').rstrip().rstrip(',')
        s += f',\n    region: (own_municipality_job_share: {lam}, proximity_weight: {om}{extra}),\n)\n'
        open(f'{OUT}/s_{om}_{lam}.ron', 'w').write(s)
jobs = [(o, l, s) for o in omegas for l in lams for s in range(1, 9)]
res = {}
with ThreadPoolExecutor(2) as ex:
    for k, v in ex.map(one, jobs):
        res.setdefault(k, []).append(v)
print('omega lambda ' + ' '.join(IND))
for k, vs in res.items():
    print(k[0], k[1], ' '.join(f'{sum(v[i] for v in vs)/len(vs):.4f}' for i in IND))
