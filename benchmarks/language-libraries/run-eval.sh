#!/bin/bash
# Per-row predictions -> results/eval-CAND-SPLIT[-FIELD].tsv ; FIELD=all|subject|midN (see Bench.field)
cd "$(dirname "$0")"
J="java $(cat jvm.opts)"
DS="${DATASETS:-../../../shared/datasets}/helpdesk_en_de"
for c in ${CANDS:-lingua7-lo lingua7-hi lingua20-lo lingua20-hi linguaAll-lo opennlp7 opennlp20 opennlpAll optimaize7 optimaize20}; do
  for f in ${FIELDS:-all subject mid10 mid20 mid40 mid80}; do
    for s in test train; do
      suffix=$([ $f = all ] && echo "" || echo "-$f")
      $J -Dfield=$f -Dclean=${CLEAN:-false} -cp $(./cp.sh $c) spike.Bench eval $c $DS/$s.csv results/eval-$c-$s$suffix.tsv 2>/dev/null
    done
  done
  echo "done $c"
done
