#!/usr/bin/env python3
"""stopcheck.py SPLIT EVAL_TSV : independent check with function-word counts (en vs de) for every row;
prints counts of rows where label, detector and stop-word vote disagree (no text is written)."""
import csv, os, re, sys
from collections import Counter
EN = set('the and is are to of a in for with on that this we i you have has be was it not please could would our my your'.split())
DE = set('der die das und ist sind zu von ein eine im für mit auf dass wir ich sie haben hat nicht bitte könnten würde unser mein ihr ihre den dem des'.split())
split, ev = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(os.path.join(os.environ.get('DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/datasets')), 'helpdesk_en_de', f'{split}.csv'), encoding='utf-8')))
c = Counter(); odd = []
for line in list(open(ev, encoding='utf-8'))[1:]:
    i, label, lang, *_ = line.rstrip('\n').split('\t')
    r = rows[int(i) - 1]
    w = re.findall(r"[a-zäöüß]+", (r['subject'] + ' ' + r['body'].replace('\\n', ' ')).lower())
    e = sum(x in EN for x in w); d = sum(x in DE for x in w)
    sw = 'en' if e > 2 * d else 'de' if d > 2 * e else 'mixed?'
    c[(label, lang, sw)] += 1
    if sw != lang: odd.append((i, label, lang, sw, e, d))
for k, v in sorted(c.items()): print('label=%s det=%s stopwords=%s : %d' % (*k, v))
for o in odd: print('odd row', o)
