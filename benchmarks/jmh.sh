#!/usr/bin/env bash
# JMH benchmarks of the serving path's featurizer and scorer on the bundled model (benchmarks/jmh/): builds the
# benchmarks jar if it is missing or stale, runs it with settings fit for 2 cores (about 4 minutes), and keeps the
# output with the machine, its load average, java and the commit beside it.
#
# Usage: benchmarks/jmh.sh [options] [-- JMH_OPTION...]
#   --label NAME       a word for the output files' names (default run)
#   --out DIR          where the output goes (default docs/results/jmh)
#   --quiet-below L    first wait (up to 10 minutes) for the 1-minute load average to fall below L
#   --quick            1 fork, 1 warm-up and 2 measurement iterations of 1 s: checks that it runs; no figures to quote
#   --with-cli         then also run ./triage benchmark latency --data data/tickets-test-5k.csv (generated with seed 7
#                      if missing) into DIR/STAMP-LABEL-cli-latency.txt, for the CLI's figures of the same moment
#   JMH_OPTION...      passed to JMH after the defaults, so they win: e.g. -p tickets=data/tickets-test-5k.csv
#                      (any seed-schema CSV), -bm avgt, -f 2, or a regex of benchmarks such as 'score$'
#                      (java -jar benchmarks/jmh/target/benchmarks.jar -h lists JMH's options)
# Environment:
#   TRIAGE_MODEL=DIR   benchmark this model directory instead of the bundled model
#
# Defaults: 2 forks, one thread, 3 warm-up iterations of 2 s and 3 measured iterations of 3 s per benchmark and ticket
# set, SampleTime in microseconds (percentiles of single calls), JMH's GC profiler (bytes allocated per call); JVM
# flags as the host's (none), as ./triage benchmark latency runs. Writes DIR/STAMP-LABEL.txt (a header, then JMH's
# output, which has every figure) and target/jmh/STAMP-LABEL.json (JMH's results with the raw histograms, about 3 MB:
# not for committing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="benchmarks/jmh/target/benchmarks.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
ARGS="$*"

LABEL=run
OUT="docs/results/jmh"
QUIET_BELOW=""
WITH_CLI=""
SETTINGS=(-f 2 -wi 3 -w 2s -i 3 -r 3s)
JMH_OPTIONS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --label) LABEL="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --quiet-below) QUIET_BELOW="$2"; shift 2 ;;
    --quick) SETTINGS=(-f 1 -wi 1 -w 1s -i 2 -r 1s); shift ;;
    --with-cli) WITH_CLI=yes; shift ;;
    --) shift; JMH_OPTIONS=("$@"); break ;;
    *) echo "jmh.sh: unknown option $1 (--help lists them; JMH's own options go after --)" >&2; exit 2 ;;
  esac
done
if [[ ! "$LABEL" =~ ^[A-Za-z0-9._-]+$ ]]; then
  echo "jmh.sh: --label takes letters, digits, '.', '_' or '-'" >&2
  exit 2
fi

# The jar carries the model the function ships (read from its resources at build time): rebuild when it, the model
# module or the benchmarks changed.
if [[ ! -f "$JAR" || -n "$(find pom.xml model benchmarks/jmh core/src/main/resources/model \
                              -path '*/target' -prune -o -type f ! -name '*.md' -newer "$JAR" -print -quit)" ]]; then
  echo "jmh.sh: building $JAR..." >&2
  ./mvnw -q -B -DskipTests -pl benchmarks/jmh -am package >&2
fi
# The annotation processor's list must have reached the shaded jar, or JMH would run nothing.
BENCHMARKS="$("$JAVA" -jar "$JAR" -l | grep -c '^org\.tickettriage\.' || true)"
if [[ "$BENCHMARKS" -eq 0 ]]; then
  echo "jmh.sh: $JAR lists no benchmark (META-INF/BenchmarkList missing?)" >&2
  exit 1
fi

if [[ -n "$QUIET_BELOW" ]]; then
  waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$QUIET_BELOW" 'BEGIN {exit !(l >= q)}' && [[ $waited -lt 600 ]]; do
    sleep 10
    waited=$((waited + 10))
  done
fi

mkdir -p "$OUT" target/jmh
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
TXT="$OUT/$STAMP-$LABEL.txt"
JSON="target/jmh/$STAMP-$LABEL.json"
COMMAND=("$JAVA" ${TRIAGE_MODEL:+"-Dtickettriage.model=$TRIAGE_MODEL"} -jar "$JAR" "${SETTINGS[@]}" -t 1
         -prof gc -rf json -rff "$JSON" ${JMH_OPTIONS[@]+"${JMH_OPTIONS[@]}"})
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' (with uncommitted changes)')"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) cores"
  echo "memory: $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel: $(uname -sr)"
  echo "java: $("$JAVA" -version 2>&1 | sed -n 2p)"
  echo "model: ${TRIAGE_MODEL:-bundled $(grep -o '"modelVersion" *: *"[^"]*"' core/src/main/resources/model/model-card.json | cut -d'"' -f4) (core/src/main/resources/model/model.bin)}"
  echo "command: benchmarks/jmh.sh $ARGS"
  echo "runs: ${COMMAND[*]}"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
} | tee "$TXT"
status=0
"${COMMAND[@]}" 2>&1 | tee -a "$TXT" || status=$?
{
  echo
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$TXT"
echo "jmh.sh: wrote $TXT and $JSON" >&2
[[ "$status" -eq 0 ]] || exit "$status"

if [[ -n "$WITH_CLI" ]]; then
  CLI="$OUT/$STAMP-$LABEL-cli-latency.txt"
  DATA="data/tickets-test-5k.csv"
  [[ -f "$DATA" ]] || ./triage generate --rows 5000 --seed 7 --out "$DATA" >&2
  ./triage benchmark latency --help >/dev/null   # builds the jars now if they are stale, not inside the timed run
  {
    echo "\$ ./triage benchmark latency --data $DATA   # commit $(git rev-parse --short HEAD), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    ./triage benchmark latency --data "$DATA"
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  } 2>&1 | tee "$CLI"
  echo "jmh.sh: wrote $CLI" >&2
fi
