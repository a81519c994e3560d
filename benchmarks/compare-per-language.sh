#!/usr/bin/env bash
# One model for every language, or one per language? 5-fold cross-validation on a training file only (no test split
# is scored): the folds of benchmarks/compare-tokenizers.sh (same seed), each fold's training part split by the
# language the service detects (./triage benchmark language), one `./triage train` per language, each validation row
# scored by the model of its detected language (und: the English one), the answers merged and summarised by
# benchmarks/kfold.py next to the one-model run of compare-tokenizers.sh (tokenizer2) on the same folds.
#
# Usage: benchmarks/compare-per-language.sh [--data TRAIN.csv] [--one-model DIR] [--out OUT]   (DIR: the
#        folds/tokenizer2 predictions of compare-tokenizers.sh; default target/tokenizer-v2/kfold/folds/tokenizer2)
# Writes OUT (default docs/results/per-language/: run.txt, summary.txt, summary.json); the folds and models stay in
# target/per-language/ (target/per-language-NAME/ for another OUT). About 15 minutes for helpdesk_en_de on 2 cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="../shared/datasets/helpdesk_en_de/train.csv"
ONE="target/tokenizer-v2/kfold/folds/tokenizer2"
OUT=docs/results/per-language
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA="$2"; shift 2 ;;
    --one-model) ONE="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
WORK=target/per-language
[[ "$OUT" == docs/results/per-language ]] || WORK="target/per-language-$(basename "$OUT")"
mkdir -p "$OUT" "$WORK/folds/perlanguage" "$WORK/folds/onemodel"
./triage build >/dev/null
TOOLS=(java -jar "$ROOT/tools/target/ticket-triage-tools.jar")
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)"
  echo "data: $DATA ($(sha256sum "$DATA" | cut -c1-16)...)"
  echo "machine: nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "train options: --text subject,body --label queue (per language: the same, on that language's rows)"
} >"$OUT/run.txt"
python3 benchmarks/kfold.py split "$DATA" "$WORK/folds" --folds 5 --seed 42 --label queue --group body --subject subject 2>>"$OUT/run.txt"

for k in 1 2 3 4 5; do
  for part in train valid; do
    "${TOOLS[@]}" benchmark language --data "$WORK/folds/fold$k-$part.csv" --repeat 1 \
      --disagreements "$WORK/fold$k-$part-disagreements.csv" >/dev/null
    # Each row's detected language (the label where the detector agrees; und counts as en), and the split files.
    python3 - "$WORK/folds/fold$k-$part.csv" "$WORK/fold$k-$part-disagreements.csv" "$WORK/fold$k-$part" <<'PY'
import csv, sys
data, disagreements, prefix = sys.argv[1:4]
detected = {int(r["row"]): r["detected"] for r in csv.DictReader(open(disagreements, encoding="utf-8"))}
rows = list(csv.DictReader(open(data, newline="", encoding="utf-8")))
fields = list(rows[0].keys()) + ["source_row"]
out = {}
for i, row in enumerate(rows, start=1):
    lang = detected.get(i, row["language"])
    lang = "en" if lang not in ("en", "de") else lang
    row = dict(row, source_row=i)
    out.setdefault(lang, []).append(row)
for lang, part in out.items():
    with open(f"{prefix}.{lang}.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(part)
    print(f"{prefix}: {lang} {len(part)} rows", file=sys.stderr)
PY
  done
  for lang in en de; do
    start=$(date +%s%N)
    "${TOOLS[@]}" train --data "$WORK/fold$k-train.$lang.csv" --out "$WORK/fold$k-$lang" --text subject,body \
      --label queue >"$OUT/fold$k-$lang-train.txt" 2>/dev/null
    end=$(date +%s%N)
    "${TOOLS[@]}" evaluate --model "$WORK/fold$k-$lang" --data "$WORK/fold$k-valid.$lang.csv" --text subject,body \
      --label queue --warmup 0 --predictions "$WORK/fold$k-valid.$lang.predictions.csv" >/dev/null 2>&1
    printf 'fold %s %s: train %.1f s, load %s, chosen %s\n' "$k" "$lang" "$(awk "BEGIN {print ($end - $start) / 1e9}")" \
      "$(cut -d' ' -f1-3 /proc/loadavg)" "$(grep -m1 'chosen:' "$OUT/fold$k-$lang-train.txt" | sed 's/^ *chosen: //' || true)" \
      >>"$OUT/run.txt"
  done
  # The answers back in the validation file's order, as kfold.py reads them.
  python3 - "$WORK" "$k" <<'PY'
import csv, sys
work, k = sys.argv[1:3]
merged = {}
for lang in ("en", "de"):
    try:
        rows = list(csv.DictReader(open(f"{work}/fold{k}-valid.{lang}.csv", newline="", encoding="utf-8")))
    except FileNotFoundError:
        continue
    for p in csv.DictReader(open(f"{work}/fold{k}-valid.{lang}.predictions.csv", newline="", encoding="utf-8")):
        source = int(rows[int(p["row"]) - 1]["source_row"])
        merged[source] = dict(p, row=source)
with open(f"{work}/folds/perlanguage/fold{k}-predictions.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=["row", "label", "predicted", "confidence", "decided_by"])
    w.writeheader()
    for source in sorted(merged):
        w.writerow(merged[source])
PY
  cp "$ONE/fold$k-predictions.csv" "$WORK/folds/onemodel/fold$k-predictions.csv"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/run.txt"
python3 benchmarks/kfold.py summarize "$WORK/folds" onemodel perlanguage --per language --label queue \
  --json-out "$OUT/summary.json" | tee "$OUT/summary.txt"
