#!/usr/bin/env python3
"""curves.py CAND SCORE : train precision/coverage per text length for thresholds on one score.
SCORE: d (Lingua 1-c2) | ev (letters * (1/c2 - 1), a log-likelihood-margin proxy) | p (c1) | lr (ln(c1/c2))"""
import sys, math
from analyse import load, R, SET7, ISO3, read_truth as truth
cand, score = sys.argv[1], sys.argv[2]
FIELDS = ['all', 'mid80', 'mid40', 'mid20', 'mid10']
def sc(r):
    c1, c2, n = r['c1'], r['c2'], r['letters']
    if score == 'd': return 1 - c2
    if score == 'ev': return n * (1 / c2 - 1) if c2 > 0 else 1e9
    if score == 'p': return c1
    if score == 'lr': return math.log(c1 / c2) if c2 > 0 else 1e9
def ans(r, S, L=0):
    if r['letters'] < L or r['lang'] == 'und': return 'und'
    top = ISO3.get(r['raw'], r['raw']) if cand.startswith('opennlp') else r['lang']
    if top not in SET7: return 'und'
    return r['lang'] if sc(r) >= S else 'und'
split = sys.argv[3] if len(sys.argv) > 3 else 'train'
t = truth(split)
data = {f: load(f'{R}/eval-{cand}-{split}{"" if f == "all" else "-" + f}.tsv') for f in FIELDS}
grid = [float(x) for x in sys.argv[4].split(',')] if len(sys.argv) > 4 else sorted({round(sc(r), 3) for f in ('mid20',) for r in data[f].values()})[::40]
print(f'{cand} {score} {split}: S  ' + '  '.join(f'{f}:cov/prec' for f in FIELDS))
for S in grid:
    out = []
    for f in FIELDS:
        d = data[f]; a = [i for i, r in d.items() if ans(r, S) != 'und']; ok = sum(ans(d[i], S) == t[i] for i in a)
        out.append(f'{100*len(a)/len(d):5.1f}/{100*ok/max(1,len(a)):6.2f}')
    print(f'{S:8.3f}  ' + '  '.join(out))
