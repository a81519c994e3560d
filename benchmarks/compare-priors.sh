#!/usr/bin/env bash
# Compares the Gaussian and the L1 prior on the datasets of benchmarks/results.sh, with the same train and evaluate
# commands plus --prior KIND. Writes its summary and the train/evaluate outputs to docs/results/priors/ (commit
# them with the figures they back; models stay in target/priors/); the figures and the decision are in docs/MODEL.md.
# It scores test splits: log each run in docs/results/test-scoring.csv. One training at a time: about 30-40 minutes
# on 2 loaded cores.
#
# Usage: benchmarks/compare-priors.sh [gaussian] [l1] -- [synthetic] [banking77] [nlbse24]   (default: all)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATASETS="${DATASETS:-../shared/datasets}"
OUT="docs/results/priors"
PRIORS=()
SETS=()
seen_dash=0
for a in "$@"; do
  if [[ "$a" == "--" ]]; then seen_dash=1; elif [[ $seen_dash -eq 0 ]]; then PRIORS+=("$a"); else SETS+=("$a"); fi
done
[[ ${#PRIORS[@]} -eq 0 ]] && PRIORS=(gaussian l1)
[[ ${#SETS[@]} -eq 0 ]] && SETS=(synthetic banking77 nlbse24)

./triage build >/dev/null
TOOLS=(java -jar "$ROOT/tools/target/ticket-triage-tools.jar")
mkdir -p "$OUT"

# run PRIOR NAME TRAIN.csv TEST.csv [options...]: trains with --prior PRIOR, evaluates on TEST.csv, and appends one
# line to the summary: seconds, load average, model bytes (and gzipped), non-zero weights, test metrics.
run() {
  local prior="$1" name="$2" train="$3" test="$4"
  shift 4
  local dir="$OUT/$prior/$name" model="target/priors/$prior/$name/model"
  mkdir -p "$dir" "$(dirname "$model")"
  local eval_opts=() skip=0 opt
  for opt in "$@"; do
    if [[ $skip -eq 1 ]]; then eval_opts+=("$opt"); skip=0; continue; fi
    case "$opt" in --text|--label|--priority-label|--where) eval_opts+=("$opt"); skip=1 ;; esac
  done
  echo "== $prior $name: train --data $train --test $test --out $model $* --prior $prior" >&2
  local start end load
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s%N)
  "${TOOLS[@]}" train --data "$train" --test "$test" --out "$model" "$@" --prior "$prior" >"$dir/train.txt" 2>"$dir/train.log"
  end=$(date +%s%N)
  "${TOOLS[@]}" evaluate --model "$model" --data "$test" "${eval_opts[@]}" --json >"$dir/evaluate.txt"
  local bytes gz
  bytes=$(wc -c <"$model/model.bin")
  gz=$(gzip -6 -c "$model/model.bin" | wc -c)
  printf '%s\t%s\ttrainSeconds=%.1f\tloadBefore=%s\tloadAfter=%s\tclassifierBytes=%s\tgzipBytes=%s\t%s\t%s\n' \
    "$prior" "$name" "$(awk "BEGIN {print ($end - $start) / 1e9}")" "$load" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$bytes" "$gz" "$(grep '^non-zero weights' "$dir/train.txt")" "$(grep -m1 '^category: accuracy' "$dir/evaluate.txt")" \
    | tee -a "$OUT/summary.tsv"
}

wants() { local s; for s in "${SETS[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

for prior in "${PRIORS[@]}"; do
  if wants synthetic; then
    run "$prior" synthetic data/tickets-20k.csv data/tickets-test-5k.csv
  fi
  if wants banking77; then
    run "$prior" banking77 "$DATASETS/banking77/train.csv" "$DATASETS/banking77/test.csv" --text text --label label
  fi
  if wants nlbse24; then
    for repo in facebook/react tensorflow/tensorflow microsoft/vscode bitcoin/bitcoin opencv/opencv; do
      run "$prior" "nlbse24-${repo//\//-}" "$DATASETS/nlbse24/train.csv" "$DATASETS/nlbse24/test.csv" \
        --text subject,description --label label --where "repo=$repo"
    done
  fi
done
