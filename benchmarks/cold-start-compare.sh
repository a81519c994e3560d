#!/usr/bin/env bash
# Cold start of two jars' `serve` (tools jars; before the module split, function jars), interleaved so that both see the same machine load: ROUNDS rounds, each
# starting every configuration twice (`./triage benchmark cold-start --runs 2`), then the median and range of
# wall and CPU time per configuration. Writes the raw output and the summary to OUT.
#
# Usage: benchmarks/cold-start-compare.sh BEFORE.jar AFTER.jar OUT.txt [ROUNDS]
# Example (what docs/PERFORMANCE.md reports for the logging and metrics libraries):
#   git stash; ./triage build; cp tools/target/ticket-triage-tools.jar /tmp/before.jar; git stash pop
#   ./triage build; benchmarks/cold-start-compare.sh /tmp/before.jar tools/target/ticket-triage-tools.jar \
#     docs/results/observability/cold-start.txt 5
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BEFORE="$1"; AFTER="$2"; OUT="$3"; ROUNDS="${4:-5}"
TOOLS_JAR="$ROOT/tools/target/ticket-triage-tools.jar"
[[ -f "$TOOLS_JAR" ]] || (cd "$ROOT" && ./triage build)
RAW="$(mktemp)"
trap 'rm -f "$RAW"' EXIT

CONFIGS=("default|" "appcds|--cds" "appcds+c1|--cds --jvm-flags=-XX:TieredStopAtLevel=1")
{
  echo "# cold-start-compare $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cpus, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
  echo "# java: $(java -version 2>&1 | head -1)"
  echo "# before: $BEFORE ($(stat -c %s "$BEFORE") bytes), after: $AFTER ($(stat -c %s "$AFTER") bytes)"
  echo "# rounds: $ROUNDS, 2 runs per configuration per round; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
for ((round = 1; round <= ROUNDS; round++)); do
  for config in "${CONFIGS[@]}"; do
    name="${config%%|*}"; flags="${config#*|}"
    for jar in before after; do
      path="$BEFORE"; [[ "$jar" == after ]] && path="$AFTER"
      # shellcheck disable=SC2086
      java -jar "$TOOLS_JAR" benchmark cold-start --runs 2 --jar "$path" $flags 2>&1 \
        | sed -n "s/^run [0-9]*: \([0-9]*\) ms wall, \([0-9]*\) ms cpu$/$jar $name \1 \2/p" | tee -a "$RAW"
    done
  done
done
{
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# jar configuration: wall p50 (min-max) | cpu p50 (min-max), ms, over $((ROUNDS * 2)) runs"
  for config in "${CONFIGS[@]}"; do
    name="${config%%|*}"
    for jar in before after; do
      awk -v j="$jar" -v c="$name" 'BEGIN { n = 0 } $1 == j && $2 == c { w[n] = $3; u[n] = $4; n++ }
        function median(a, n,   i, k, t) { for (i = 0; i < n; i++) for (k = i + 1; k < n; k++) if (a[k] < a[i]) { t = a[i]; a[i] = a[k]; a[k] = t }
          return n % 2 ? a[int(n / 2)] : (a[n / 2 - 1] + a[n / 2]) / 2 }
        END { printf "%-6s %-10s wall %6.0f (%d-%d) | cpu %6.0f (%d-%d)\n", j, c, median(w, n), w[0], w[n-1], median(u, n), u[0], u[n-1] }' "$RAW"
    done
  done
} | tee -a "$OUT"
