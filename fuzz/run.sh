#!/usr/bin/env bash
# Fuzzes for longer than the test command does: each chosen target for DURATION, one after the other, and
# prints a summary per target (machine, executions, coverage, result), kept in fuzz/target/fuzz-<target>.txt
# beside the full output. Findings are written where the short runs write them,
# src/test/resources/<package>/<Class>Inputs/<method>/, and fail the run.
# Usage: fuzz/run.sh [DURATION] [TARGET...]
#   DURATION  Jazzer's syntax: 90s, 10m, 2h (default 10m)
#   TARGET    request, handler, email, policy, model or tokenizer (default: all six)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

duration="${1:-10m}"
[[ $# -gt 0 ]] && shift
if [[ ! "$duration" =~ ^[0-9]+[smhd]?$ ]]; then
  echo "usage: fuzz/run.sh [DURATION] [request|handler|email|policy|model|tokenizer]..." >&2
  exit 2
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(request handler email policy model tokenizer)

for target in "${targets[@]}"; do
  case "$target" in
    request|handler|email|policy|model|tokenizer) ;;
    *) echo "fuzz/run.sh: unknown target '$target' (request, handler, email, policy, model, tokenizer)" >&2; exit 2 ;;
  esac
done
declare -A test_class=([request]=RequestDecodingFuzzTest [handler]=ClassifyHttpHandlerFuzzTest [email]=EmailParserFuzzTest [policy]=PolicyReaderFuzzTest [model]=ModelFileFuzzTest [tokenizer]=TokenizerFuzzTest)

mkdir -p "$ROOT/fuzz/target"
cd "$ROOT"
status=0
for target in "${targets[@]}"; do
  skips=()
  for other in request handler email policy model tokenizer; do
    [[ "$other" == "$target" ]] || skips+=("-Dfuzz.$other.skip=true")
  done
  log="$ROOT/fuzz/target/fuzz-$target.log"
  summary="$ROOT/fuzz/target/fuzz-$target.txt"
  echo "== fuzz/run.sh: fuzzing $target for $duration (output in $log)"
  started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs' || echo ' with local changes')"
  # Built with its upstream modules so that it fuzzes this checkout, never a snapshot installed from another one;
  # -Dtest skips their tests, and limits the regression run to this target's (another's finding does not stop it).
  result=passed
  ./mvnw -B -pl fuzz -am test -Dtest="${test_class[$target]}" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.duration="$duration" "${skips[@]}" >"$log" 2>&1 || { result=failed; status=1; }
  {
    echo "fuzz/run.sh $duration $target (${test_class[$target]}), started $started, $result"
    echo "commit $commit"
    echo "machine: $(uname -sm), $(nproc) cpus ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | xargs)), load average at the end $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
    echo "java: $(java -version 2>&1 | head -1)"
    # libFuzzer's final line and the run count, and any finding with where its input was saved.
    awk '
      /^#[0-9]+[ \t]+(INITED|DONE)/ || /^Done [0-9]+ runs in/ { print }
      /^== Java Exception|^==[0-9]+== ERROR|^SUMMARY: libFuzzer|^Caused by: / { print "FINDING " $0 }
      /Test unit written to/ { sub(/.*Test unit written to /, ""); print "input saved as " $0 }
    ' "$log"
  } >"$summary"
  sed "s/^/$target: /" "$summary"
done
exit "$status"
