#!/bin/bash
# 5 fresh JVMs per candidate -> results/init.tsv (one line per run)
cd "$(dirname "$0")"
J="java $(cat jvm.opts)"
for c in ${CANDS:-none lingua7-lo lingua7-lo-lazy lingua7-hi lingua7-hi-lazy lingua20-lo lingua20-hi linguaAll-lo opennlp7 optimaize7 optimaize20}; do
  for i in 1 2 3 4 5; do $J -cp $(./cp.sh $c) spike.Bench init $c 2>/dev/null; done
done
