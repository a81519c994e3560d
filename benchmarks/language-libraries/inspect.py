#!/usr/bin/env python3
"""inspect.py SPLIT EVAL_TSV [N] : print the texts where detector and label disagree (console only)."""
import csv, os, sys
split, ev = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 10**9
rows = list(csv.DictReader(open(os.path.join(os.environ.get('DATASETS', os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../shared/datasets')), 'helpdesk_en_de', f'{split}.csv'), encoding='utf-8')))
shown = 0
for line in list(open(ev, encoding='utf-8'))[1:]:
    i, label, lang, c1, c2, raw, ch = line.rstrip('\n').split('\t')
    if label != lang and shown < n:
        r = rows[int(i) - 1]
        t = (r['subject'] + ' | ' + r['body']).replace('\\n', ' ')
        print(f'#{i} label={label} det={lang} c2={float(c2):.3f} | {t[:160]} ... {t[len(t)//2:len(t)//2+80]}')
        shown += 1
