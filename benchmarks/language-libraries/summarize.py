#!/usr/bin/env python3
import os
"""summarize.py : medians of results/init.tsv (5 fresh JVMs per candidate) and results/lat.tsv as they are."""
import statistics, collections
runs = collections.defaultdict(list)
for line in open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results', 'init.tsv')):
    f = line.rstrip('\n').split('\t'); runs[f[0]].append({k: v for k, v in (x.split('=') for x in f[1:])})
print('cand\tbuildCpuMs\tbuildWallMs\tbuild+firstCallCpuMs\tbuild+firstCallWallMs\tretainedHeapMB\tjvmUptimeMs  (medians of %s)' % {k: len(v) for k, v in runs.items()})
for c, rs in runs.items():
    med = lambda k: statistics.median(float(r[k]) for r in rs)
    print(f"{c}\t{med('buildCpuMs'):.0f}\t{med('buildWallMs'):.0f}\t{med('firstCallCpuMs'):.0f}\t{med('firstCallWallMs'):.0f}\t{med('retainedHeapMB'):.1f}\t{med('uptimeMs'):.0f}")
print(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results', 'lat.tsv')).read())
