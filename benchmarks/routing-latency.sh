#!/usr/bin/env bash
# Warm latency of the served path (`./triage benchmark latency`) with 5 labels (the bundled model on the synthetic
# test set) and with 77 labels (a banking77 model on banking77's test set), one result file each, so that the rules
# step can be compared before and after a change to routing: run it with label `before` on the old code and `after`
# on the new, on the same machine, with nothing else running.
#
# Usage: benchmarks/routing-latency.sh LABEL [options]
#   LABEL                a word for the output file names (e.g. before, after)
#   --routing-5 PATH     a routing table for the 5-label run (passed on as `benchmark latency --routing PATH`)
#   --routing-77 PATH    a routing table for the 77-label run (e.g. benchmarks/policies/banking77/routing.csv)
#   --out DIR            where the result files go (default docs/results/routing)
# Writes OUT/<UTC stamp>-LABEL-5-labels.txt and OUT/<UTC stamp>-LABEL-77-labels.txt: a header (commit, machine, load
# average before the run, java, the exact command), then what the benchmark printed.
#
# Needs ../shared/datasets/banking77 for the 77-label run (skipped with a message when absent). Trains the banking77
# model into target/bench/banking77-model the first time (about 2 minutes on 2 cores); each run takes under a minute.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATASETS="${DATASETS:-../shared/datasets}"   # relative to the repository root, as benchmarks/results.sh reads them
BANKING77="$DATASETS/banking77"
WORK="target/bench"                           # relative, so the result files name no machine-specific path
MODEL="$WORK/banking77-model"
SEED_CSV="$WORK/banking77-test-seed.csv"
SYNTHETIC="data/tickets-test-5k.csv"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; }

LABEL=""
ROUTING_5=""
ROUTING_77=""
OUT="docs/results/routing"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --routing-5) ROUTING_5="$2"; shift 2 ;;
    --routing-77) ROUTING_77="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "routing-latency.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
    *)
      [[ -z "$LABEL" ]] || { echo "routing-latency.sh: one LABEL only (got '$LABEL' and '$1')" >&2; exit 2; }
      LABEL="$1"; shift ;;
  esac
done
if [[ ! "$LABEL" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "routing-latency.sh: give a LABEL of letters, digits, '.', '_' or '-' (e.g. before, after); --help for more" >&2
  exit 2
fi
for table in "$ROUTING_5" "$ROUTING_77"; do
  [[ -z "$table" || -f "$table" ]] || { echo "routing-latency.sh: no such routing table: $table" >&2; exit 2; }
done

# Builds the jars now if they are stale, so that no build runs inside a measured command.
./triage benchmark latency --help >/dev/null
mkdir -p "$OUT" "$WORK" data
[[ -f "$SYNTHETIC" ]] || ./triage generate --rows 5000 --seed 7 --out "$SYNTHETIC" --no-progress >&2

have_banking77=""
if [[ -f "$BANKING77/train.csv" && -f "$BANKING77/test.csv" ]]; then
  have_banking77=yes
  if [[ ! -f "$MODEL/model-card.json" ]]; then
    echo "routing-latency.sh: training the banking77 model into $MODEL (once; about 2 minutes)..." >&2
    ./triage train --data "$BANKING77/train.csv" --text text --label label --out "$MODEL" --seed 42 \
      >"$WORK/banking77-train.txt" 2>"$WORK/banking77-train.log"
  fi
  # banking77 (text,label) in the seed schema that `benchmark latency --data` reads: the text as the description,
  # no subject (the reader and the service accept either alone), the label as the category.
  python3 - "$BANKING77/test.csv" "$SEED_CSV" <<'PY'
import csv, sys
source, target = sys.argv[1], sys.argv[2]
with open(source, newline="", encoding="utf-8") as f, open(target, "w", newline="", encoding="utf-8") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Ticket_ID", "Subject", "Description", "Category", "Priority", "Timestamp"])
    for n, row in enumerate(csv.DictReader(f), start=1):
        writer.writerow([f"b77-{n:05d}", "", row["text"], row["label"], "Medium", "2025-01-01T00:00:00Z"])
PY
else
  echo "routing-latency.sh: skipped the 77-label run: $BANKING77/train.csv and test.csv are absent" \
       "(the public datasets live in ../shared/datasets/, see docs/RESULTS.md)" >&2
fi

STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if [[ -n "$(git status --porcelain -- pom.xml model rules core function tools 2>/dev/null)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes to the sources)"
fi
MACHINE="$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
JAVA_VERSION="$(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"

# run LABELS OUT_FILE ARGS...: one `./triage benchmark latency` with a header; its output goes to the file and stdout.
run() {
  local labels="$1" file="$2"
  shift 2
  local command=(./triage benchmark latency "$@")
  echo "routing-latency.sh: $labels labels: ${command[*]}" >&2
  {
    echo "# benchmarks/routing-latency.sh: warm latency of the served path, $labels labels"
    echo "label:        $LABEL"
    echo "date:         $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit:       $COMMIT"
    echo "machine:      $MACHINE"
    echo "java:         $JAVA_VERSION"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
    echo "command:      ${command[*]}"
    echo
  } | tee "$file"
  "${command[@]}" 2>&1 | tee -a "$file"
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (after the run)" | tee -a "$file"
}

args_5=(--data "$SYNTHETIC")
[[ -z "$ROUTING_5" ]] || args_5+=(--routing "$ROUTING_5")
run 5 "$OUT/$STAMP-$LABEL-5-labels.txt" "${args_5[@]}"

if [[ -n "$have_banking77" ]]; then
  args_77=(--model "$MODEL" --data "$SEED_CSV")
  [[ -z "$ROUTING_77" ]] || args_77+=(--routing "$ROUTING_77")
  run 77 "$OUT/$STAMP-$LABEL-77-labels.txt" "${args_77[@]}"
fi
echo "routing-latency.sh: results in $OUT/$STAMP-$LABEL-*-labels.txt" >&2
