#!/usr/bin/env python3
import os
"""analyse.py : accuracy tables from results/eval-*.tsv (no dataset text is read or written here).
truth-SPLIT.tsv = the label, or the language all three libraries agree on where it differs from the label
(test: each such row was read by hand; train: checked by a count of function words, stopcheck.py; see REPORT.md)."""
import glob, os, sys, collections
R = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results')
CONF = ['lingua7-hi', 'opennlpAll', 'optimaize20']
SET7 = {'en', 'de', 'fr', 'es', 'pt', 'it', 'nl'}
ISO3 = {'eng': 'en', 'deu': 'de', 'fra': 'fr', 'spa': 'es', 'por': 'pt', 'ita': 'it', 'nld': 'nl'}

def load(path):
    out = {}
    for line in list(open(path, encoding='utf-8'))[1:]:
        i, label, lang, c1, c2, raw, letters = line.rstrip('\n').split('\t')
        out[int(i)] = dict(label=label, lang=lang, c1=float(c1), c2=float(c2), raw=raw, letters=int(letters))
    return out

def truth(split):
    runs = [load(f'{R}/eval-{c}-{split}.tsv') for c in CONF]
    t = {}
    for i, r in runs[0].items():
        votes = {x[i]['lang'] for x in runs}
        t[i] = votes.pop() if len(votes) == 1 and r['lang'] != r['label'] else r['label']
    with open(f'{R}/truth-{split}.tsv', 'w') as f:
        f.write('row\tlabel\ttruth\n')
        for i in sorted(t): f.write(f"{i}\t{runs[0][i]['label']}\t{t[i]}\n")
    return t

def read_truth(split):
    return {int(l.split('\t')[0]): l.rstrip('\n').split('\t')[2] for l in list(open(f'{R}/truth-{split}.tsv'))[1:]}

def score(r, kind):
    """ev: Lingua, letters * (1/c2 - 1) ~ log-likelihood margin of best over second (grows with text length);
    lr: OpenNLP, ln(p1/p2) of the best and second-best configured language; rm: 1 - p2/p1; p: c1 as is; d: Lingua 1 - c2"""
    import math
    c1, c2, n = r['c1'], r['c2'], r['letters']
    if kind == 'ev': return n * (1 / c2 - 1) if c2 > 0 else float('inf')
    if kind == 'lr': return math.log(c1 / c2) if c2 > 0 else float('inf')
    if kind == 'rm': return 1 - c2 / c1 if c1 > 0 else 0.0   # OpenNLP relative margin, the reported confidence
    if kind == 'p': return c1
    if kind == 'd': return 1 - c2

def answer(r, cand, kind, S, L=1):
    """the proposed und rule; returns ISO 639-1 or 'und'"""
    if r['letters'] < L or r['lang'] == 'und': return 'und'
    top = ISO3.get(r['raw'], r['raw']) if cand.startswith('opennlp') else r['lang']
    if top not in SET7: return 'und'   # best language (of all the library knows / of the detection set) not configured
    return r['lang'] if score(r, kind) >= S else 'und'

if __name__ == '__main__':
    T = {s: truth(s) for s in ('test', 'train')}
    print('cand\tsplit\tfield\tn\tlabelErr\tdetErrOnRightLabel\taccOnRightLabel\taccVsTruth')
    for path in sorted(glob.glob(f'{R}/eval-*.tsv')):
        name = os.path.basename(path)[5:-4]
        parts = name.split('-')
        field = parts[-1] if parts[-1] == 'subject' or parts[-1].startswith('mid') else 'all'
        if field != 'all': parts = parts[:-1]
        split = parts[-1]; cand = '-'.join(parts[:-1])
        d = load(path); t = T[split]
        right = [i for i in d if t[i] == d[i]['label']]
        err = sum(d[i]['lang'] != d[i]['label'] for i in right)
        acc_t = sum(d[i]['lang'] == t[i] for i in d) / len(d)
        print(f"{cand}\t{split}\t{field}\t{len(d)}\t{len(d)-len(right)}\t{err}\t{100*(1-err/len(right)):.2f}\t{100*acc_t:.2f}")
