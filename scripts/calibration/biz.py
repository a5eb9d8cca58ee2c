#!/usr/bin/env python3
"""Calibration grid of businesses.starts_per_1000_residents_month and
behaviour.owner_stop_probability_per_month (docs/ODD.md 7.11): the baseline with the two
set, --years 5, seeds 1..8, means of the yearly city rows of years 2 to 5, and the exit
rate (failures, closures and stops over active businesses).

    python3 scripts/calibration/biz.py target/release/wijksim OUT STARTS:STOP [STARTS:STOP ...]

e.g. `... /tmp/b 0.45:0.0028 0.49:0.0031`. Writes its scenarios and runs under OUT only."""
import csv, subprocess, sys, os
from concurrent.futures import ThreadPoolExecutor
BIN, OUT = sys.argv[1], sys.argv[2]
os.makedirs(OUT, exist_ok=True)
combos = [tuple(c.split(':')) for c in sys.argv[3:]]
base = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../scenarios/baseline.ron')).read()
IND=['businesses_active_count','business_failures_count','business_closures_count','business_stops_count','business_starts_count','unemployment_rate','job_finding_rate_per_month','bijstand_share_18_to_pension']
for st,p in combos:
    s=base.replace('businesses: (per_1000_residents: 80.0)', f'businesses: (per_1000_residents: 80.0, starts_per_1000_residents_month: {st})')
    s=s.rstrip().rstrip(')').rstrip().rstrip(',')+f',\n    behaviour: (owner_stop_probability_per_month: {p}),\n)\n'
    open(f'{OUT}/s_{st}_{p}.ron','w').write(s)
def one(a):
    st,p,seed=a; d=f'{OUT}/r_{st}_{p}_{seed}'
    subprocess.run([BIN,'run',f'{OUT}/s_{st}_{p}.ron','--years','5','--seed',str(seed),'--out',d,'-q'],check=True,capture_output=True)
    v={}
    for r in csv.DictReader(open(d+'/timeseries.csv')):
        if r['period']=='year' and r['area']=='city' and int(r['year'])>=2 and r['indicator'] in IND: v.setdefault(r['indicator'],[]).append(float(r['value']))
    return (st,p),{k:sum(x)/len(x) for k,x in v.items()}
res={}
with ThreadPoolExecutor(2) as ex:
    for k,v in ex.map(one,[(a,b,s) for a,b in combos for s in range(1,9)]): res.setdefault(k,[]).append(v)
for k,vs in res.items():
    m={i:sum(v[i] for v in vs)/len(vs) for i in IND}
    ex=(m['business_failures_count']+m['business_closures_count']+m['business_stops_count'])/m['businesses_active_count']
    print(k, ' '.join(f'{i}={m[i]:.4g}' for i in IND), f'exit={ex:.4f}')
