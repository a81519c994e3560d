#!/bin/bash
# Everything in REPORT.md, from scratch (~12 min on 2 cores). Reads the data set in place; writes only results/.
set -e
cd "$(dirname "$0")"
M="../../mvnw -q"
$M package dependency:copy-dependencies -DoutputDirectory=target/deps
J="java $(cat jvm.opts)"          # Lambda-like: C1 only (template.yaml), SerialGC
mkdir -p results
./run-eval.sh                      # per-row predictions, 10 configs x {all,subject,mid10..80} x {test,train}
for c in lingua7-hi lingua7-lo lingua20-hi lingua20-lo linguaAll-lo opennlp7 opennlp20 opennlpAll optimaize7 optimaize20; do
  $J -cp $(./cp.sh $c) spike.Bench probe $c 2>/dev/null; done > results/probes-raw.tsv
for c in lingua7-hi lingua7-lo lingua20-hi lingua20-lo linguaAll-lo opennlp7 optimaize7 optimaize20; do
  $J -Dclean=true -cp $(./cp.sh $c) spike.Bench probe $c 2>/dev/null; done > results/probes-clean.tsv
python3 analyse.py > results/accuracy.tsv   # also writes results/truth-{test,train}.tsv
python3 final.py > results/final.txt        # und threshold fitted on train, applied to test + probes
python3 inspect.py test results/eval-lingua7-hi-test.tsv | wc -l   # the disagreements, printed for reading (console only)
./run-init.sh > results/init.tsv; ./run-lat.sh > results/lat.tsv; python3 summarize.py
for v in $(dirname shade/*/pom.xml); do (cd $v && ../../../../mvnw -q package && ls -l target/shade-*.jar); done
$J -cp $(./cp.sh opennlp7) spike.Bench tagger en,de,fr,es,pt,it,nl 2>/dev/null > results/tagger-probes.tsv
