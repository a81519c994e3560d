#!/bin/bash
# per-call latency on the test split's texts (subject + body), C1 (Lambda flags) and C2 -> results/lat.tsv
cd "$(dirname "$0")"
for c in ${CANDS:-lingua7-lo lingua7-hi lingua20-lo lingua20-hi linguaAll-lo opennlp7 optimaize7 optimaize20}; do
  echo -ne "C1\t"; java $(cat jvm.opts) -cp $(./cp.sh $c) spike.Bench lat $c "${DATASETS:-../../../shared/datasets}/helpdesk_en_de/test.csv" 2>/dev/null
  echo -ne "C2\t"; java -XX:+UseSerialGC -Xmx2g -cp $(./cp.sh $c) spike.Bench lat $c "${DATASETS:-../../../shared/datasets}/helpdesk_en_de/test.csv" 2>/dev/null
done
