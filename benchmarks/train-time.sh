#!/usr/bin/env bash
# Times `./triage train` end to end as a new user runs it (no --test: a 20% split is held out), on the real datasets
# and on synthetic sets of growing size, and keeps what train printed, with the machine and its load next to it.
#
# Usage: benchmarks/train-time.sh [--quiet-below L] LABEL [SET...] [-- TRAIN_OPTION...]
#   --quiet-below L  before each run, wait (up to 10 minutes) for the 1-minute load average to fall below L
#   LABEL   a word for the output folder (e.g. before, after)
#   SET     banking77, helpdesk, synthetic-10k, synthetic-50k, synthetic-200k (default: all but synthetic-200k);
#           synthetic-Nk for any N; banking77-labels-N: the rows of banking77's N most frequent labels, one fixed
#           setting (no selection, --no-refit, one thread), for the cost of a fit against the number of labels
#   TRAIN_OPTION...  passed on to every `train` (e.g. --no-refit)
# Writes docs/results/training-time/LABEL/: machine.txt (commit, CPU, memory, java), and per set SET.txt (stdout of
# train), SET.log (its progress and stage times on stderr) and one line in summary.tsv (wall and CPU seconds, peak
# memory, load average before and after; the fits, their passes over the data ("evaluations") and their seconds, from
# the progress lines, when train prints them). Runs one training at a time; prefer a load average below 1 before starting.
#
# Needs ../shared/datasets/{banking77,helpdesk_en_de} (skipped with a message when absent). Synthetic sets are
# generated into target/train-time/ with seed 42.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATASETS="${DATASETS:-../shared/datasets}"   # relative to the repository root, as benchmarks/results.sh reads them
WORK="target/train-time"                     # relative, so the result files name no machine-specific path

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

LABEL=""
SETS=()
TRAIN_OPTIONS=()
QUIET_BELOW=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --quiet-below) QUIET_BELOW="$2"; shift 2 ;;
    --) shift; TRAIN_OPTIONS=("$@"); break ;;
    *)
      if [[ -z "$LABEL" ]]; then LABEL="$1"; else SETS+=("$1"); fi
      shift ;;
  esac
done
if [[ ! "$LABEL" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "train-time.sh: give a LABEL of letters, digits, '.', '_' or '-' (e.g. before, after); --help for more" >&2
  exit 2
fi
[[ ${#SETS[@]} -gt 0 ]] || SETS=(banking77 helpdesk synthetic-10k synthetic-50k)
for set in "${SETS[@]}"; do
  [[ "$set" =~ ^(banking77|helpdesk|synthetic-[0-9]+k|banking77-labels-[0-9]+)$ ]] \
    || { echo "train-time.sh: unknown set '$set' (banking77, helpdesk, synthetic-Nk, banking77-labels-N)" >&2; exit 2; }
done

OUT="docs/results/training-time/$LABEL"
mkdir -p "$OUT" "$WORK"
# Builds the jars now if they are stale, so that no build runs inside a timed command; a source edited during the
# series would make ./triage rebuild before the next run, so each run checks that the jar is still this one.
./triage train --help >/dev/null
JAR_SUM="$(sha1sum tools/target/ticket-triage-tools.jar | cut -d' ' -f1)"

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' ':!*.md' || echo ' (with uncommitted changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "java: $(java -version 2>&1 | head -2 | tail -1)"
  echo "train options: ${TRAIN_OPTIONS[*]:-(none)}"
} >"$OUT/machine.txt"
[[ -f "$OUT/summary.tsv" ]] || printf 'set\trows\twallSeconds\tcpuSeconds\tmaxRssMB\tloadBefore\tloadAfter\tfits\tevaluations\tfitSeconds\tcommand\n' >"$OUT/summary.tsv"

# timed NAME ROWS ARGS...: runs train with ARGS, keeps its output and appends a summary line.
timed() {
  local name="$1" rows="$2"
  shift 2
  local command=(./triage train "$@" --out "$WORK/$name-model" ${TRAIN_OPTIONS[@]+"${TRAIN_OPTIONS[@]}"})
  if [[ -n "$QUIET_BELOW" ]]; then
    local waited=0
    while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$QUIET_BELOW" 'BEGIN {exit !(l >= q)}' && [[ $waited -lt 600 ]]; do
      sleep 10
      waited=$((waited + 10))
    done
  fi
  if [[ -n "$(find pom.xml model rules core function tools -path '*/target' -prune -o -type f \
                -newer tools/target/ticket-triage-tools.jar -print -quit)" ]] \
     || [[ "$(sha1sum tools/target/ticket-triage-tools.jar | cut -d' ' -f1)" != "$JAR_SUM" ]]; then
    echo "train-time.sh: sources changed during the series; stopping before $name (rerun on the new build)" >&2
    exit 1
  fi
  local load_before
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "== $name (load average $load_before): ${command[*]}" >&2
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/$name.time" "${command[@]}" >"$OUT/$name.txt" 2>"$OUT/$name.log"
  local wall user sys rss
  read -r wall user sys rss <"$WORK/$name.time"
  # Fits as the progress lines report them: "fitted in 1.2 s, 25 evaluations" (older versions: no evaluations).
  local fits
  fits="$(grep -oE 'in [0-9.]+ s(, [0-9]+ evaluations)?' "$OUT/$name.log" \
    | awk '{n++; s += $2; e += $4} END {if (e > 0) printf "%d\t%d\t%.1f", n, e, s; else printf "%d\t-\t%.1f", n, s}')"
  printf '%s\t%s\t%s\t%.1f\t%.0f\t%s\t%s\t%s\t%s\n' "$name" "$rows" "$wall" "$(awk "BEGIN {print $user + $sys}")" \
    "$(awk "BEGIN {print $rss / 1024}")" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)" "$fits" "${command[*]}" \
    | tee -a "$OUT/summary.tsv" >&2
}

have() {
  if [[ ! -f "$1" ]]; then
    echo "skipped: $1 is absent (the public datasets live in ../shared/datasets/)" >&2
    return 1
  fi
}

for set in "${SETS[@]}"; do
  case "$set" in
    banking77)
      have "$DATASETS/banking77/train.csv" || continue
      timed banking77 10003 --data "$DATASETS/banking77/train.csv" --text text --label label ;;
    helpdesk)
      have "$DATASETS/helpdesk_en_de/train.csv" || continue
      timed helpdesk 3242 --data "$DATASETS/helpdesk_en_de/train.csv" --text subject,body --label queue \
        --priority-label priority ;;
    banking77-labels-*)
      have "$DATASETS/banking77/train.csv" || continue
      labels="${set#banking77-labels-}"
      csv="$WORK/$set.csv"
      # The N most frequent labels (ties by name), all their rows, in file order.
      kept="$(python3 - "$DATASETS/banking77/train.csv" "$labels" "$csv" <<'PY'
import csv, collections, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
counts = collections.Counter(r["label"] for r in rows)
keep = {l for l, _ in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:int(sys.argv[2])]}
with open(sys.argv[3], "w", newline="", encoding="utf-8") as out:
    w = csv.DictWriter(out, fieldnames=["text", "label"])
    w.writeheader()
    kept = [{"text": r["text"], "label": r["label"]} for r in rows if r["label"] in keep]
    w.writerows(kept)
print(len(kept))
PY
)"
      timed "$set" "$kept" --data "$csv" --text text --label label \
        --features words+bigrams+subject+chars3-5+log+idf+norm --prior-grid 100 --no-refit --threads 1 ;;
    synthetic-*)
      thousands="${set#synthetic-}"
      rows=$(( ${thousands%k} * 1000 ))
      csv="$WORK/$set.csv"
      [[ -f "$csv" ]] || ./triage generate --rows "$rows" --seed 42 --out "$csv" --no-progress >&2
      timed "$set" "$rows" --data "$csv" ;;
  esac
done
