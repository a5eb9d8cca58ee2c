#!/usr/bin/env python3
"""Calibration grid of businesses.starts_per_1000_residents_month and
behaviour.owner_income_min_eur_per_month (docs/ODD.md 7.11): the baseline with the two set,
--years 5, seeds 1..8, means of the yearly city rows of years 2 to 5, and the exit rate.

    python3 scripts/calibration/biz.py target/release/wijksim OUT STARTS MIN_INCOMES

e.g. `... /tmp/b 0.2,0.225,0.25 900`. Writes its scenarios and runs under OUT only."""
import csv, os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
BIN, OUT = sys.argv[1], sys.argv[2]
starts = sys.argv[3].split(','); mins = sys.argv[4].split(',')
base = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../scenarios/baseline.ron')).read()
os.makedirs(OUT, exist_ok=True)
IND = ['bijstand_share_18_to_pension', 'local_jobs_held_by_residents_share', 'businesses_active_count', 'business_failures_count', 'business_closures_count', 'business_starts_count',
       'unemployment_rate', 'job_finding_rate_per_month', 'households_on_benefits_share', 'business_turnover_eur']
for st in starts:
    for m in mins:
        s = base.replace('businesses: (per_1000_residents: 80.0)', f'businesses: (per_1000_residents: 80.0, starts_per_1000_residents_month: {st})')
        s = s.rstrip().rstrip(')').rstrip().rstrip(',') + f',\n    behaviour: (owner_income_min_eur_per_month: {m}),\n)\n'
        open(f'{OUT}/s_{st}_{m}.ron', 'w').write(s)
def one(a):
    st, m, seed = a
    d = f'{OUT}/r_{st}_{m}_{seed}'
    subprocess.run([BIN, 'run', f'{OUT}/s_{st}_{m}.ron', '--years', '5', '--seed', str(seed), '--out', d, '-q'], check=True, capture_output=True)
    v = {}
    for r in csv.DictReader(open(f'{d}/timeseries.csv')):
        if r['period'] == 'year' and r['area'] == 'city' and int(r['year']) >= 2 and r['indicator'] in IND:
            v.setdefault(r['indicator'], []).append(float(r['value']))
    return (st, m), {k: sum(x) / len(x) for k, x in v.items()}
res = {}
with ThreadPoolExecutor(2) as ex:
    for k, v in ex.map(one, [(a, b, s) for a in starts for b in mins for s in range(1, 9)]):
        res.setdefault(k, []).append(v)
print('starts min_income ' + ' '.join(IND) + ' exit_rate_per_year')
for k, vs in res.items():
    mean = {i: sum(v[i] for v in vs) / len(vs) for i in IND}
    ex = (mean['business_failures_count'] + mean['business_closures_count']) / mean['businesses_active_count']
    print(k[0], k[1], ' '.join(f'{mean[i]:.4g}' for i in IND), f'{ex:.4f}')
