#!/usr/bin/env python3
"""final.py : fit the und threshold on TRAIN only (smallest S whose answered precision on the 20-character train
snippets is >= 99%), then report train and test coverage/precision per text length, and the probes."""
import sys
from analyse import load, answer, read_truth, R
CONFIGS = [('lingua7-hi', 'ev'), ('lingua7-lo', 'ev'), ('lingua20-hi', 'ev'), ('lingua20-lo', 'ev'),
           ('linguaAll-lo', 'ev'), ('opennlp7', 'lr'), ('opennlp7', 'rm'), ('optimaize7', 'p'), ('optimaize20', 'p')]
GRID = {'ev': [0, .5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10, 15, 20],
        'lr': [0, .025, .05, .075, .1, .15, .2, .3, .5, .75, 1], 'rm': [0, .02, .04, .06, .07, .08, .09, .1, .11, .12, .15, .2, .3], 'p': [0, .5, .8, .9, .95, .99, .999, .9999, 1]}
FIELDS = ['all', 'mid80', 'mid40', 'mid20', 'mid10']
TR, TE = read_truth('train'), read_truth('test')

def stats(cand, kind, S, split, field):
    d = load(f'{R}/eval-{cand}-{split}{"" if field == "all" else "-" + field}.tsv')
    t = TR if split == 'train' else TE
    ans = {i: answer(r, cand, kind, S) for i, r in d.items()}
    a = [i for i in ans if ans[i] != 'und']; ok = sum(ans[i] == t[i] for i in a)
    return len(d), len(a), ok

print('config\tS\t' + '\t'.join(f'{sp}:{f} cov/prec' for sp in ('train', 'test') for f in FIELDS) + '\ttest right-of-right-label(all)')
for cand, kind in CONFIGS:
    S = next((s for s in GRID[kind] if (lambda n, a, ok: a and ok / a >= .99)(*stats(cand, kind, s, 'train', 'mid20'))), None)
    if S is None: print(f'{cand}\tnone reaches 99%'); continue
    cells = []
    for sp in ('train', 'test'):
        for f in FIELDS:
            n, a, ok = stats(cand, kind, S, sp, f); cells.append(f'{100*a/n:.1f}/{100*ok/max(a,1):.2f}')
    d = load(f'{R}/eval-{cand}-test.tsv')
    right = [i for i in d if TE[i] == d[i]['label']]
    good = sum(answer(d[i], cand, kind, S) == d[i]['label'] for i in right)
    print(f'{cand}:{kind}\t{S}\t' + '\t'.join(cells) + f'\t{good}/{len(right)}={100*good/len(right):.2f}%')
    # probes (cleaned text) with the same rule
    pr = [l.rstrip('\n').split('\t') for l in open(f'{R}/probes-clean.tsv') if l.startswith(cand + '\t')]
    out = []
    for c, name, lang, c1, c2, raw, letters in pr:
        r = dict(lang=lang, c1=float(c1), c2=float(c2), raw=raw, letters=int(letters))
        out.append(f'{name}={answer(r, cand, kind, S)}')
    print('   probes: ' + ', '.join(out))
