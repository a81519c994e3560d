#!/usr/bin/env bash
# Compares tokenizer versions 1 and 2 (docs/MODEL.md, "Features") by 5-fold cross-validation on a training file
# only: no test split is scored. Each fold's training part goes through `./triage train` unchanged (which chooses
# its feature set and prior on its own validation split or folds, as always), with --tokenizer 1 or 2; its
# validation part is scored by `./triage evaluate --predictions`, and benchmarks/kfold.py turns the answers into
# accuracy and macro-F1 overall and per value of a column (e.g. language), per fold, mean and pooled.
#
# Writes the train and evaluate outputs and summary.txt/summary.json to OUT (default docs/results/tokenizer-v2/kfold;
# commit them with the figures they back); the folds, models and predictions stay in target/tokenizer-v2/ (the
# data's licence may not allow committing its rows). About 17 minutes for helpdesk_en_de (both tokenizers) on 2 busy cores.
#
# Usage: benchmarks/compare-tokenizers.sh [--data TRAIN.csv] [--out DIR] [--text COLS] [--label COL] [--per COL]
#            [--folds K] [--tokenizers "1 2"] [-- TRAIN_OPTION...]
# (with one tokenizer, e.g. to measure other train options on the same folds, the summary has one run)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="../shared/datasets/helpdesk_en_de/train.csv"
OUT="docs/results/tokenizer-v2/kfold"
TEXT="subject,body"
LABEL="queue"
PER="language"
FOLDS=5
TOKENIZERS="1 2"
EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --text) TEXT="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --per) PER="$2"; shift 2 ;;
    --folds) FOLDS="$2"; shift 2 ;;
    --tokenizers) TOKENIZERS="$2"; shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
WORK="target/tokenizer-v2/$(basename "$OUT")"

./triage build >/dev/null
TOOLS=(java -jar "$ROOT/tools/target/ticket-triage-tools.jar")
mkdir -p "$OUT" "$WORK/folds"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- model tools || echo ' (with uncommitted changes)')"
  echo "data: $DATA ($(sha256sum "$DATA" | cut -c1-16)...)"
  echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), java $(java -version 2>&1 | head -1)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "train options: --text $TEXT --label $LABEL ${EXTRA[*]:-}"
} >"$OUT/run.txt"

python3 benchmarks/kfold.py split "$DATA" "$WORK/folds" --folds "$FOLDS" --seed 42 --label "$LABEL" \
  --group "${TEXT##*,}" --subject "${TEXT%%,*}" 2>>"$OUT/run.txt"

for k in $(seq 1 "$FOLDS"); do
  for t in $TOKENIZERS; do
    run="tokenizer$t"
    mkdir -p "$OUT/$run" "$WORK/folds/$run"
    echo "== fold $k, $run" >&2
    start=$(date +%s%N)
    "${TOOLS[@]}" train --data "$WORK/folds/fold$k-train.csv" --test "$WORK/folds/fold$k-valid.csv" \
      --out "$WORK/$run/fold$k" --text "$TEXT" --label "$LABEL" --tokenizer "$t" "${EXTRA[@]}" \
      >"$OUT/$run/fold$k-train.txt" 2>"$OUT/$run/fold$k-train.log"
    end=$(date +%s%N)
    "${TOOLS[@]}" evaluate --model "$WORK/$run/fold$k" --data "$WORK/folds/fold$k-valid.csv" --text "$TEXT" \
      --label "$LABEL" --predictions "$WORK/folds/$run/fold$k-predictions.csv" --json \
      >"$OUT/$run/fold$k-evaluate.txt" 2>/dev/null
    printf 'fold %s %s: train %.1f s, load %s, chosen %s\n' "$k" "$run" "$(awk "BEGIN {print ($end - $start) / 1e9}")" \
      "$(cut -d' ' -f1-3 /proc/loadavg)" "$(grep -m1 'chosen:' "$OUT/$run/fold$k-train.txt" | sed 's/^ *chosen: //' || true)" \
      >>"$OUT/run.txt"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.txt"

runs=()
for t in $TOKENIZERS; do runs+=("tokenizer$t"); done
python3 benchmarks/kfold.py summarize "$WORK/folds" "${runs[@]}" --per "$PER" --label "$LABEL" \
  --json-out "$OUT/summary.json" | tee "$OUT/summary.txt"
