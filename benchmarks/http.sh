#!/usr/bin/env bash
# Load test of `./triage serve`: requests per second and latency of POST /classify at 1, 16 and 64 connections,
# with keep-alive and with a new connection per request, driven by wrk (benchmarks/wrk-classify.lua).
# The server and wrk run on the same machine: on 2 cores they compete for the CPU, and the figures say so.
#
# Usage: benchmarks/http.sh [options]
#   --duration 15s        per cell (wrk's -d syntax)
#   --warmup 10s          one keep-alive run at the most connections first, not reported (JIT, caches)
#   --connections "1 16 64"
#   --modes "keep-alive close"
#   --threads 2           wrk threads (never more than the connections)
#   --port 3900           the port serve listens on
#   --label NAME          a word for the output file name and the table's title (e.g. before, after)
#   --out DIR             where the raw output goes (default docs/results/http)
#   --note TEXT           a sentence for the output's header (what is being measured, e.g. which code)
# Environment:
#   SERVE_JAVA_OPTS       JVM options for the server (passed as JAVA_TOOL_OPTIONS), e.g.
#                         "-Dsun.net.httpserver.nodelay=false" to measure the server as it was before the fix
#   TRIAGE_CDS            as for ./triage (off: start without the class-data archive)
#   KEEP_SERVER_LOG=1     keep the server's output (target/http-bench/serve-*.log); by default it is deleted
#
# Installs wrk with apt-get when it is missing (as root or through sudo). Exits 1 if any response is not 2xx.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DURATION=15s
WARMUP=10s
CONNECTIONS="1 16 64"
MODES="keep-alive close"
THREADS=2
PORT=3900
LABEL=run
NOTE=""
OUT="docs/results/http"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --modes) MODES="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --label) LABEL="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --note) NOTE="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "http.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
done
for mode in $MODES; do
  [[ "$mode" == keep-alive || "$mode" == close ]] || { echo "http.sh: --modes takes keep-alive and/or close" >&2; exit 2; }
done

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}
if ! command -v wrk >/dev/null 2>&1; then
  echo "http.sh: installing wrk (Debian package)..." >&2
  # Waits for another apt-get (e.g. .ci/install-test-tools) instead of failing on its lock.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || { echo "http.sh: curl is needed to wait for /health" >&2; exit 1; }

SCRIPT="benchmarks/wrk-classify.lua"
URL="http://127.0.0.1:$PORT/classify"
WORK="target/http-bench"
mkdir -p "$WORK" "$OUT"
STAMP="$(date -u +%Y-%m-%dT%H%M%SZ)"
RAW="$OUT/$STAMP-$LABEL.txt"
SERVER_LOG="$WORK/serve-$STAMP.log"

if curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null; then
  echo "http.sh: something already answers on port $PORT; choose another with --port" >&2
  exit 1
fi

# The server: ./triage serve, which builds the jars if they are stale and execs java, so $! is the JVM.
SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT
echo "http.sh: starting ./triage serve --port $PORT (server output: $SERVER_LOG)" >&2
if [[ -n "${SERVE_JAVA_OPTS:-}" ]]; then
  JAVA_TOOL_OPTIONS="$SERVE_JAVA_OPTS" ./triage serve --port "$PORT" >"$SERVER_LOG" 2>&1 &
else
  ./triage serve --port "$PORT" >"$SERVER_LOG" 2>&1 &
fi
SERVER_PID=$!
ready=""
for _ in $(seq 1 600); do   # up to 5 minutes: the first run after a change builds the jars
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "http.sh: the server exited; its output:" >&2
    cat "$SERVER_LOG" >&2
    exit 1
  fi
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)" == 200 ]]; then
    ready=yes
    break
  fi
  sleep 0.5
done
[[ -n "$ready" ]] || { echo "http.sh: /health did not answer 200 within 5 minutes" >&2; exit 1; }
sleep 1
# The JVM itself: ./triage execs java, but make sure in case a wrapper shell sits in between.
JVM_PID="$SERVER_PID"
child="$(pgrep -P "$SERVER_PID" java 2>/dev/null | head -1 || true)"
[[ -n "$child" ]] && JVM_PID="$child"

# CPU accounting from /proc, in clock ticks: the server JVM (all threads), and the whole machine.
server_ticks() { awk '{print $14 + $15}' "/proc/$JVM_PID/stat"; }
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8, $5+$6, $9}' /proc/stat; }   # busy idle steal
HZ="$(getconf CLK_TCK)"
NPROC="$(nproc)"
log_lines() { wc -l <"$SERVER_LOG"; }

{
  echo "# benchmarks/http.sh: ./triage serve under load (POST /classify, $SCRIPT)"
  echo "label:        $LABEL"
  [[ -z "$NOTE" ]] || echo "note:         $NOTE"
  echo "date:         $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "command:      benchmarks/http.sh --duration $DURATION --warmup $WARMUP --connections \"$CONNECTIONS\" --modes \"$MODES\" --threads $THREADS --port $PORT --label $LABEL${NOTE:+ --note \"$NOTE\"}"
  echo "SERVE_JAVA_OPTS: ${SERVE_JAVA_OPTS:-(none)}"
  echo "commit:       $(git rev-parse --short HEAD 2>/dev/null || echo '?')$( [[ -n "$(git status --porcelain -- model rules core function tools pom.xml 2>/dev/null)" ]] && echo ' (with uncommitted changes to the sources)')"
  echo "machine:      $NPROC CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory"
  echo "kernel:       $(uname -srm)"
  echo "java:         $(java -version 2>&1 | tr '\n' ' ' | sed 's/ *$//')"
  echo "wrk:          $(wrk -v 2>&1 | head -1)"
  echo "server:       $(tr '\0' ' ' <"/proc/$JVM_PID/cmdline" | sed 's/ *$//')"
  echo "server JVM:   $(grep -a 'JAVA_TOOL_OPTIONS' "$SERVER_LOG" || echo 'no JAVA_TOOL_OPTIONS'); defaults otherwise:" \
       "$(JAVA_TOOL_OPTIONS="${SERVE_JAVA_OPTS:-${JAVA_TOOL_OPTIONS:-}}" java -XX:+PrintFlagsFinal -version 2>/dev/null \
          | awk '$2 ~ /^(UseG1GC|UseParallelGC|UseSerialGC)$/ && $4 == "true" {gc = $2} $2 == "MaxHeapSize" {heap = $4}
                 END {printf "%s, max heap %.1f GiB", gc, heap / 1073741824}')"
  echo "generator:    wrk on the same machine as the server (they share the $NPROC CPUs), $THREADS threads (fewer when there are fewer connections)"
  echo "cells:        $DURATION each, after a $WARMUP keep-alive warm-up at the most connections; 'close' sends Connection: close (a new TCP connection per request)"
  echo "server logs:  what serve wrote to stdout/stderr (redirected to a file) is counted per cell; its first lines:"
  head -3 "$SERVER_LOG" | sed 's/^/              /'
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (before the warm-up)"
  echo
} | tee "$RAW"

max_c=0
for c in $CONNECTIONS; do (( c > max_c )) && max_c=$c; done
echo "== warm-up: wrk -t$(( THREADS < max_c ? THREADS : max_c )) -c$max_c -d$WARMUP (keep-alive), not reported" | tee -a "$RAW"
wrk -t"$(( THREADS < max_c ? THREADS : max_c ))" -c"$max_c" -d"$WARMUP" --latency -s "$SCRIPT" "$URL" >>"$RAW" 2>&1
echo | tee -a "$RAW" >/dev/null

ROWS=()
failed=""
TIMEFORMAT='%U %S'
for mode in $MODES; do
  for c in $CONNECTIONS; do
    t=$(( THREADS < c ? THREADS : c ))
    args=(-t"$t" -c"$c" -d"$DURATION" --latency -s "$SCRIPT")
    [[ "$mode" == close ]] && args+=(-H "Connection: close")
    load_before="$(cut -d' ' -f1 /proc/loadavg)"
    s0="$(server_ticks)"; read -r b0 i0 st0 <<<"$(machine_ticks)"; l0="$(log_lines)"
    wrk_out="$WORK/wrk-$STAMP-$mode-$c.txt"
    { time wrk "${args[@]}" "$URL" >"$wrk_out" 2>&1; } 2>"$WORK/time.txt"
    s1="$(server_ticks)"; read -r b1 i1 st1 <<<"$(machine_ticks)"; l1="$(log_lines)"
    load_after="$(cut -d' ' -f1 /proc/loadavg)"
    read -r wrk_user wrk_sys <"$WORK/time.txt"
    {
      echo "== $mode, $c connections: wrk ${args[*]} $URL"
      cat "$wrk_out"
    } >>"$RAW"
    result="$(grep '^RESULT ' "$wrk_out" || true)"
    if [[ -z "$result" ]]; then
      echo "http.sh: wrk printed no RESULT line for $mode/$c:" >&2
      cat "$wrk_out" >&2
      exit 1
    fi
    declare -A r=()
    for kv in ${result#RESULT }; do r[${kv%%=*}]="${kv#*=}"; done
    requests="${r[requests]}"
    server_cpu=$(( s1 - s0 ))
    busy=$(( b1 - b0 )); idle=$(( i1 - i0 )); steal=$(( st1 - st0 ))
    total=$(( busy + idle + steal ))
    # CPU seconds: the machine's busy time, the server's, wrk's, and what is left: other processes (and the kernel's
    # network work not charged to either).
    stats="$(awk -v hz="$HZ" -v busy="$busy" -v total="$total" -v steal="$steal" -v srv="$server_cpu" \
      -v wu="$wrk_user" -v ws="$wrk_sys" -v n="$requests" -v lines="$(( l1 - l0 ))" 'BEGIN {
        b = busy / hz; s = srv / hz; w = wu + ws; o = b - s - w; if (o < 0) o = 0;
        printf "%.0f %.2f %.2f %.2f %.0f %.0f %.2f", (total ? 100 * busy / total : 0), s, w, o,
          (n ? 1e6 * s / n : 0), (total ? 100 * steal / total : 0), (n ? lines / n : 0) }')"
    read -r busy_pct srv_s wrk_s other_s srv_us_per_req steal_pct lines_per_req <<<"$stats"
    socket_errors=$(( r[connect_errors] + r[read_errors] + r[write_errors] + r[timeouts] ))
    {
      echo "-- machine: load average $load_before before, $load_after after; CPUs busy ${busy_pct}% (steal ${steal_pct}%);" \
           "CPU seconds: server ${srv_s}, wrk ${wrk_s}, other processes ${other_s}; server CPU per request ${srv_us_per_req} µs;" \
           "server log lines per request ${lines_per_req}"
      echo
    } >>"$RAW"
    ROWS+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s µs | %s | %s%% (server %s s, wrk %s s, others %s s) | %s → %s |' \
      "$mode" "$c" "$t" "$(printf '%.0f' "${r[rps]}")" "$(awk -v v="${r[p50_us]}" 'BEGIN{printf "%.2f ms", v/1000}')" \
      "$(awk -v v="${r[p99_us]}" 'BEGIN{printf "%.2f ms", v/1000}')" "$(awk -v v="${r[max_us]}" 'BEGIN{printf "%.1f ms", v/1000}')" \
      "$requests" "${r[non2xx]}" "$socket_errors" "$srv_us_per_req" "$lines_per_req" "$busy_pct" "$srv_s" "$wrk_s" "$other_s" "$load_before" "$load_after")")
    echo "http.sh: $mode c=$c: ${r[rps]} req/s, p50 ${r[p50_us]} µs, p99 ${r[p99_us]} µs, non-2xx ${r[non2xx]}, socket errors $socket_errors (load $load_before → $load_after)" >&2
    if [[ "${r[non2xx]}" != 0 || "${r[status_gt399]}" != 0 ]]; then
      echo "http.sh: FAILED: $mode c=$c got ${r[non2xx]} non-2xx responses (${r[statuses]}); see $RAW and $SERVER_LOG" >&2
      failed=yes
    fi
    unset r
  done
done

{
  echo "== summary ($LABEL; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| mode | connections | wrk threads | requests/s | p50 | p99 | max | requests | non-2xx | socket errors | server CPU per request | server log lines per request | CPUs busy (CPU seconds) | load average before → after |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "Socket errors are wrk's connect, read, write and timeout errors (requests that got no answer; not in requests/s)."
  echo "CPU seconds over each cell from /proc: the server JVM (all threads), wrk, and the rest of the machine's busy time"
  echo "(other processes; the kernel's network work is mostly charged to the server and wrk). 'CPUs busy' is of all $NPROC CPUs."
  echo "Server log: $(log_lines) lines written by serve in all, e.g.:"
  grep -m2 'POST /classify' "$SERVER_LOG" | sed 's/^/    /' || true
} | tee -a "$RAW"
# The server's log holds a line per request (150 MB and more per run): keep it only when asked.
if [[ "${KEEP_SERVER_LOG:-}" == 1 ]]; then
  echo "http.sh: the server's output is in $SERVER_LOG" >&2
else
  rm -f "$SERVER_LOG"
fi
echo "http.sh: raw output in $RAW" >&2
if [[ -n "$failed" ]]; then
  echo "http.sh: FAILED: some responses were not 2xx (see above)" >&2
  exit 1
fi
