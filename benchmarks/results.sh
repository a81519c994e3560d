#!/usr/bin/env bash
# Regenerates docs/RESULTS.md and docs/results/: trains and evaluates a model per dataset through ./triage,
# runs the scikit-learn baselines, and assembles the page. Takes about 20-30 minutes on 2 loaded cores.
#
# Usage: WHY="what changed" benchmarks/results.sh [banking77] [nlbse24] [synthetic] [bundled] [helpdesk_en_de]
#   [baselines] [page] (default: all). Every test split it scores is appended to docs/results/test-scoring.csv with
#   WHY, and the page lists that log: a test split is scored once per method change, and each scoring says why.
#   helpdesk_en_de trains as issue 12 says a user does (no --test: 20% of train.csv held out, the model shipped refitted
#   on every row) and evaluates the queue per language; its scikit-learn baselines (queue and priority, overall and per
#   language) run in the baselines step, each baseline's scoring logged.
# Needs the public datasets in ../shared/datasets/ and scikit-learn (apt-get install -y python3-sklearn): a wanted
# step whose input is missing fails the run rather than leaving stale figures on the page. Models go to target/results/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATASETS="${DATASETS:-../shared/datasets}"   # relative to the repository root, as the tests read them
RESULTS="docs/results"
MODELS="target/results"   # relative, so the logs name no machine-specific path
PYTHON="${PYTHON:-/usr/bin/python3}"
STEPS=("$@")
WHY="${WHY:-}"
SCORING_LOG="$RESULTS/test-scoring.csv"
if [[ -z "$WHY" ]] && { [[ ${#STEPS[@]} -eq 0 ]] || [[ " ${STEPS[*]} " =~ \ (synthetic|banking77|nlbse24|helpdesk_en_de|baselines)\  ]]; }; then
  echo "results.sh: say why the test splits are scored again: WHY=\"...\" benchmarks/results.sh ..." >&2
  exit 2
fi
[[ ${#STEPS[@]} -eq 0 ]] && STEPS=(synthetic bundled banking77 nlbse24 helpdesk_en_de baselines page)

wants() { local s; for s in "${STEPS[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

./triage build >/dev/null
TOOLS=(java -jar "$ROOT/tools/target/ticket-triage-tools.jar")
mkdir -p "$RESULTS" "$MODELS"

# train NAME REPORT_DIR TRAIN.csv TEST.csv [train/evaluate options...]: trains on TRAIN.csv, records the time and the
# commands, then evaluates the model on TEST.csv into REPORT_DIR. TEST.csv is train's --test (the measured model is the
# one shipped) unless HOLD_OUT=1, where train holds out 20% of TRAIN.csv itself and ships a refit on every row, as a
# user runs it. EVALUATE_OPTIONS (words) are added to evaluate's column options, e.g. "--per-language language".
train_and_evaluate() {
  local name="$1" report="$2" train="$3" test="$4"
  shift 4
  local model="$MODELS/$name"
  mkdir -p "$report"
  local test_option=(--test "$test")
  [[ "${HOLD_OUT:-0}" == 1 ]] && test_option=()
  local command=(./triage train --data "$train" "${test_option[@]}" --out "target/results/$name" "$@")
  echo "== $name: ${command[*]}" >&2
  local start end
  start=$(date +%s%N)
  "${TOOLS[@]}" train --data "$train" "${test_option[@]}" --out "$model" "$@" 2>"$report/train.log" >"$report/train.txt"
  end=$(date +%s%N)
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local eval_opts=()
  local skip=0
  for opt in "$@"; do
    # evaluate takes the column and row options of train, not its model-selection ones.
    if [[ $skip -eq 1 ]]; then eval_opts+=("$opt"); skip=0; continue; fi
    case "$opt" in --text|--label|--priority-label|--where) eval_opts+=("$opt"); skip=1 ;; esac
  done
  # shellcheck disable=SC2206 # EVALUATE_OPTIONS is a list of words
  eval_opts+=(${EVALUATE_OPTIONS:-})
  local evaluate=(./triage evaluate --model "target/results/$name" --data "$test" "${eval_opts[@]}")
  printf '{"trainSeconds": %.1f, "trainCommand": "%s", "evaluateCommand": "%s", "loadAverageAfterTraining": %s}\n' \
    "$(awk "BEGIN {print ($end - $start) / 1e9}")" "${command[*]}" "${evaluate[*]}" "$load" >"$report/train.json"
  "${TOOLS[@]}" evaluate --model "$model" --data "$test" "${eval_opts[@]}" --report "$report" --title "$name" \
    --predictions "$MODELS/$name-predictions.csv" >"$report/evaluate.txt"
  log_scoring "$name" "$report/metrics.json"
}

# log_scoring NAME METRICS.json: appends one scoring of a test split to the log the page lists.
log_scoring() {
  [[ -f "$SCORING_LOG" ]] || echo "date,commit,dataset,accuracy,macro_f1,why" >"$SCORING_LOG"
  "$PYTHON" - "$1" "$2" "$(git rev-parse --short HEAD)" "$WHY" >>"$SCORING_LOG" <<'PY'
import csv, datetime, json, sys
name, metrics, commit, why = sys.argv[1:5]
m = json.load(open(metrics))
csv.writer(sys.stdout, lineterminator="\n").writerow([datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
    commit, name, "%.4f" % m["accuracy"], "%.4f" % m["macroF1"], why])
PY
}

# log_baselines NAME BASELINES.json: appends one scoring per baseline of a baselines.py --json-out file to the log.
log_baselines() {
  [[ -f "$SCORING_LOG" ]] || echo "date,commit,dataset,accuracy,macro_f1,why" >"$SCORING_LOG"
  "$PYTHON" - "$1" "$2" "$(git rev-parse --short HEAD)" "$WHY" >>"$SCORING_LOG" <<'PY'
import csv, datetime, json, sys
name, results, commit, why = sys.argv[1:5]
date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
for b in json.load(open(results)):
    csv.writer(sys.stdout, lineterminator="\n").writerow([date, commit, "%s (baseline %s)" % (name, b["baseline"]),
        "%.4f" % b["accuracy"], "%.4f" % b["macroF1"], why])
PY
}

# have FILE: the input of a wanted step must exist: a page built from last time's figures would say they are new.
have() {
  if [[ ! -f "$1" ]]; then
    echo "results.sh: $1 is absent (the public datasets live in ../shared/datasets/, see docs/RESULTS.md);" \
      "leave the step out to keep its committed figures: benchmarks/results.sh synthetic bundled page" >&2
    exit 1
  fi
}

if wants synthetic || wants bundled; then
  mkdir -p data
  [[ -f data/tickets-20k.csv ]] || ./triage generate --rows 20000 --seed 42 --out data/tickets-20k.csv --no-progress
  [[ -f data/tickets-test-5k.csv ]] || ./triage generate --rows 5000 --seed 7 --out data/tickets-test-5k.csv --no-progress
fi
if wants synthetic; then
  train_and_evaluate synthetic "$RESULTS/synthetic" data/tickets-20k.csv data/tickets-test-5k.csv
fi
if wants bundled; then
  # The model shipped in the function jar, on the same synthetic test set, through the serving code.
  mkdir -p "$RESULTS/bundled"
  "${TOOLS[@]}" evaluate --data data/tickets-test-5k.csv --report "$RESULTS/bundled" --title bundled >"$RESULTS/bundled/evaluate.txt"
  { echo "./triage benchmark latency --data data/tickets-test-5k.csv (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
    ./triage benchmark latency --data data/tickets-test-5k.csv 2>&1; } >"$RESULTS/bundled/latency.txt" || true
fi
if wants banking77 && have "$DATASETS/banking77/train.csv"; then
  train_and_evaluate banking77 "$RESULTS/banking77" "$DATASETS/banking77/train.csv" "$DATASETS/banking77/test.csv" \
    --text text --label label
fi
if wants nlbse24 && have "$DATASETS/nlbse24/train.csv"; then
  # NLBSE'24: one model per repository, scored on that repository's test rows; the page averages macro-F1.
  for repo in facebook/react tensorflow/tensorflow microsoft/vscode bitcoin/bitcoin opencv/opencv; do
    slug="${repo//\//-}"
    train_and_evaluate "nlbse24-$slug" "$RESULTS/nlbse24/$slug" "$DATASETS/nlbse24/train.csv" "$DATASETS/nlbse24/test.csv" \
      --text subject,description --label label --where "repo=$repo"
  done
fi
if wants helpdesk_en_de && have "$DATASETS/helpdesk_en_de/train.csv"; then
  # helpdesk_en_de (CC BY-NC: read from shared/, never committed): English and German tickets, the queue as the
  # category and the priority, trained and evaluated with issue 12's commands; the queue scored per language.
  HOLD_OUT=1 EVALUATE_OPTIONS="--per-language language" train_and_evaluate helpdesk_en_de "$RESULTS/helpdesk_en_de" \
    "$DATASETS/helpdesk_en_de/train.csv" "$DATASETS/helpdesk_en_de/test.csv" \
    --text subject,body --label queue --priority-label priority
fi
if wants baselines; then
  if "$PYTHON" -c 'import sklearn' 2>/dev/null; then
    mkdir -p "$RESULTS/baselines"
    if have "$DATASETS/helpdesk_en_de/train.csv"; then
      # Queue (on the page, beside our model) and priority, each one model on all training rows, scored overall and
      # per language (en, de). Each baseline's scoring of the test split is logged.
      out="$RESULTS/helpdesk_en_de/baselines"
      mkdir -p "$out"
      for label in queue priority; do
        json="$out/$label.json"
        [[ $label == queue ]] && json="$RESULTS/baselines/helpdesk_en_de.json"
        "$PYTHON" benchmarks/baselines.py --train "$DATASETS/helpdesk_en_de/train.csv" --test "$DATASETS/helpdesk_en_de/test.csv" \
          --text subject,body --label "$label" --per language --name "helpdesk_en_de $label" \
          --json-out "$json" >/dev/null 2>"$out/$label.txt" || { cat "$out/$label.txt" >&2; exit 1; }
        log_baselines "helpdesk_en_de $label" "$json"
      done
    fi
    if have "$DATASETS/banking77/train.csv" && have "$DATASETS/nlbse24/train.csv"; then
      "$PYTHON" benchmarks/baselines.py --train "$DATASETS/banking77/train.csv" --test "$DATASETS/banking77/test.csv" \
        --text text --label label --name banking77 --json-out "$RESULTS/baselines/banking77.json" >/dev/null
      "$PYTHON" benchmarks/baselines.py --train "$DATASETS/nlbse24/train.csv" --test "$DATASETS/nlbse24/test.csv" \
        --text subject,description --label label --group repo --name nlbse24 --json-out "$RESULTS/baselines/nlbse24.json" >/dev/null
    fi
    "$PYTHON" benchmarks/baselines.py --train data/tickets-20k.csv --test data/tickets-test-5k.csv \
      --name synthetic --json-out "$RESULTS/baselines/synthetic.json" >/dev/null
  else
    echo "results.sh: scikit-learn is not installed (apt-get install -y python3-sklearn); leave out the baselines step" \
      "to keep the committed baseline figures" >&2
    exit 1
  fi
fi
if wants page; then
  "$ROOT/triage" report --results "$RESULTS" --out "$ROOT/docs/RESULTS.md"
fi
