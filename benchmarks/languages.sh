#!/usr/bin/env bash
# Language detection on helpdesk_en_de (docs/LANGUAGES.md, docs/results/languages/): the detector as the service runs it,
# against the dataset's language labels.
#
# Usage: benchmarks/languages.sh train          # the length read per ticket compared on the training split only
#        WHY="..." benchmarks/languages.sh test # the service's settings scored once on the test split (logged)
# Rows whose label is wrong are listed in docs/results/languages/*-mislabelled-rows.txt (row numbers only; how they
# were found is written at the top of each file). Needs ../shared/datasets/helpdesk_en_de/.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATASETS:-../shared/datasets}/helpdesk_en_de"
OUT=docs/results/languages
mkdir -p "$OUT"
machine() { echo "# $(date -u +%F) $(git rev-parse --short HEAD); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"; }
case "${1:-}" in
  train)
    for n in 150 300 600 1000; do
      { machine; echo "# ./triage benchmark language --data $DATA/train.csv --mislabelled $OUT/train-mislabelled-rows.txt --max-chars $n";
        ./triage benchmark language --data "$DATA/train.csv" --mislabelled "$OUT/train-mislabelled-rows.txt" --max-chars "$n"; } \
        > "$OUT/train-max-chars-$n.txt"
    done
    ;;
  test)
    [[ -n "${WHY:-}" ]] || { echo "languages.sh: say why the test split is scored: WHY=\"...\" benchmarks/languages.sh test" >&2; exit 2; }
    { machine; echo "# ./triage benchmark language --data $DATA/test.csv --mislabelled $OUT/test-mislabelled-rows.txt --disagreements $OUT/test-disagreements.csv";
      ./triage benchmark language --data "$DATA/test.csv" --mislabelled "$OUT/test-mislabelled-rows.txt" \
        --disagreements "$OUT/test-disagreements.csv"; } > "$OUT/test.txt"
    right=$(grep -o 'right on the other rows: [0-9]* of [0-9]* ([0-9.]*%)' "$OUT/test.txt" | grep -o '[0-9.]*%' | tr -d '%')
    # One CSV row, the reason quoted (it may hold commas), as benchmarks/results.sh writes them.
    python3 -c 'import csv, sys; csv.writer(sys.stdout, lineterminator="\n").writerow(sys.argv[1:])' \
      "$(date -u +%F)" "$(git rev-parse --short HEAD)" "helpdesk_en_de language (detector; right-labelled rows)" \
      "$(python3 -c "print('%.4f' % ($right/100))")" "" "$WHY" >> docs/results/test-scoring.csv
    cat "$OUT/test.txt"
    ;;
  *) echo "usage: benchmarks/languages.sh train | test" >&2; exit 2 ;;
esac
