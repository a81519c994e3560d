#!/usr/bin/env bash
# What a jar carries: its size, its entries and classes, the classes per package group, and whether it holds what
# the Lambda jar must not (the tools' libraries, the local server). Used for the Lambda jar's before/after table in
# docs/ARCHITECTURE.md; outputs in docs/results/modules/.
#
# Usage: benchmarks/jar-contents.sh [JAR]            a built jar (default: function/target/ticket-triage-function.jar)
#        benchmarks/jar-contents.sh --at COMMIT [PATH]  builds COMMIT in a temporary worktree (offline, tests skipped)
#                                                     and measures PATH there (default: the Lambda jar's path)
# Example: benchmarks/jar-contents.sh --at 1ce7b10 > docs/results/modules/function-jar-before.txt
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAMBDA_JAR="function/target/ticket-triage-function.jar"

describe() {  # describe JAR LABEL
  local jar="$1" label="$2" bytes entries classes
  bytes="$(stat -c %s "$jar")"
  entries="$(unzip -Z1 "$jar" | grep -cv '/$')"
  classes="$(unzip -Z1 "$jar" | grep -c '\.class$')"
  echo "jar: $label"
  echo "size: $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1000000 }') MB, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }') MiB)"
  echo "entries: $entries files, of which $classes .class files"
  echo
  echo "classes per package group (first three name parts; org/tickettriage by package):"
  unzip -Z1 "$jar" | grep '\.class$' | awk -F/ '
    $1 == "org" && $2 == "tickettriage" { print $1 "/" $2 "/" $3; next }
    NF > 3 { print $1 "/" $2 "/" $3; next }
    { sub(/\/[^\/]*$/, ""); print }' | sort | uniq -c | sort -k1,1nr -k2 | awk '{ printf "  %6d  %s\n", $1, $2 }'
  echo
  echo "what the Lambda jar must not carry (classes found):"
  local name prefix
  for entry in "picocli|picocli/" "MALLET|cc/mallet/" "legacy model classes|org/tickettriage/classifier/" \
               "local server and commands|org/tickettriage/local/" "training commands|org/tickettriage/training/" \
               "jackson-dataformat-yaml|com/fasterxml/jackson/dataformat/yaml/" "SnakeYAML|org/yaml/snakeyaml/" \
               "Lambda runtime serializers|com/amazonaws/services/lambda/runtime/serialization/" \
               "XChart|org/knowm/xchart/" "tools' entry point|org/tickettriage/tools/"; do
    name="${entry%%|*}"; prefix="${entry#*|}"
    printf '  %-28s %6d  (%s)\n' "$name" "$(unzip -Z1 "$jar" | grep '\.class$' | grep -c "^$prefix" || true)" "$prefix"
  done
}

if [[ "${1:-}" == "--at" ]]; then
  commit="$(git -C "$ROOT" rev-parse --short "$2")"
  path="${3:-$LAMBDA_JAR}"
  tree="$(mktemp -d)"
  trap 'git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
  git -C "$ROOT" worktree add --detach "$tree" "$commit" >/dev/null 2>&1
  (cd "$tree" && ./mvnw -B -o -q package -DskipTests) >&2
  echo "\$ benchmarks/jar-contents.sh --at $commit $path   # $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  describe "$tree/$path" "$path at $commit"
else
  jar="${1:-$ROOT/$LAMBDA_JAR}"
  commit="$(git -C "$ROOT" rev-parse --short HEAD)"
  dirty=""
  # Only what goes into the jars counts: uncommitted documentation does not change them.
  [[ -z "$(git -C "$ROOT" status --porcelain -- pom.xml model rules core function tools)" ]] \
    || dirty=" plus uncommitted changes to the sources"
  echo "\$ benchmarks/jar-contents.sh ${1:-}   # $(date -u +%Y-%m-%dT%H:%M:%SZ), HEAD $commit$dirty"
  describe "$jar" "${jar#"$ROOT"/} built from $commit$dirty"
fi
