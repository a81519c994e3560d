#!/usr/bin/env bash
# Language detection on text nobody on the project wrote, in many languages (docs/LANGUAGES.md,
# docs/results/languages/debian/): the gettext translations Debian installs under /usr/share/locale (apt, dpkg,
# coreutils, glib, gtk, ...), labelled by their locale, scored by the detector as the service runs it.
#
# Usage: benchmarks/languages-debian.sh      (under a minute on 2 CPUs; LOCALE_DIR=... to read another tree)
# 1. benchmarks/debian_translations.py extract writes target/languages-debian/texts.csv (up to 100 texts of 60 or
#    more characters per language, seed 42) and provenance.txt (package and version of every .mo file used; no text).
#    The texts are the translators' (GPL and other licences): they stay under target/ and are never committed.
# 2. ./triage benchmark language scores them three ways, each output under docs/results/languages/debian/ with a
#    per-language summary (right / und / wrong) computed from --disagreements (row,label,detected,confidence: no text),
#    and NAME-misses.csv, the rows not right (no text); summary.md puts the three runs side by side:
#    default-set.txt  the service's default languages (en,de,fr,es,pt,it,nl): the other languages should be `und`;
#    wide-set.txt     every language of the CSV that the detector knows (those it does not are listed in the header);
#    short-texts.txt  the default set reading only 60 characters of each text, as a short ticket.
# The texts depend on the packages installed: provenance.txt is copied beside the results.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCALE_DIR="${LOCALE_DIR:-/usr/share/locale}"
WORK=target/languages-debian
OUT=docs/results/languages/debian
DATA="$WORK/texts.csv"
DEFAULT=en,de,fr,es,pt,it,nl   # LanguageDetector.DEFAULT_LANGUAGES: the benchmark's default without --languages
mkdir -p "$WORK" "$OUT"
machine() {
  echo "# $(date -u +%F) $(git rev-parse --short HEAD); $(nproc) CPUs ($(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2 \
    | xargs)); load $(cut -d' ' -f1-3 /proc/loadavg)"
}

python3 benchmarks/debian_translations.py extract --locale-dir "$LOCALE_DIR" --out "$DATA" --per-language 100 --seed 42
cp "$WORK/provenance.txt" "$OUT/provenance.txt"

# The languages of the CSV, and those the detector knows: it refuses an unknown code and lists the ones it knows.
csv_languages=$(python3 -c 'import csv, sys
print(" ".join(sorted({r["language"] for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))})))' "$DATA")
known=$(./triage benchmark language --data "$DATA" --text text --languages und --repeat 1 2>&1 \
        | grep -m1 -o 'it knows .*' | sed 's/^it knows //; s/,//g' || true)
[[ -n "$known" ]] || { echo "languages-debian.sh: could not read the detector's languages" >&2; exit 1; }
wide=(); unknown=()
for l in $csv_languages; do
  if [[ " $known " == *" $l "* ]]; then wide+=("$l"); else unknown+=("$l"); fi
done
WIDE=$(IFS=,; echo "${wide[*]}")

# run NAME LANGUAGES NOTE [benchmark options...]: one scored run, with its per-language summary. The benchmark's
# --disagreements (every row whose answer differs from the label, the right `und`s of other languages included) stay
# in target/; NAME-misses.csv keeps the rows the run did not get right (row numbers, codes, script: no text).
run() {
  local name=$1 languages=$2 note=$3; shift 3
  local cmd=(./triage benchmark language --data "$DATA" --text text --language-column language --repeat 1
             --disagreements "$WORK/$name-disagreements.csv" "$@")
  { machine; echo "# ${cmd[*]}"; [[ -z "$note" ]] || echo "# $note";
    "${cmd[@]}"
    echo
    python3 benchmarks/debian_translations.py summary --data "$DATA" --disagreements "$WORK/$name-disagreements.csv" \
      --languages "$languages" --misses "$OUT/$name-misses.csv"; } > "$OUT/$name.txt"
}
run default-set "$DEFAULT" "the service's default set (no --languages); texts: $WORK/provenance.txt"
run wide-set "$WIDE" "every language of the CSV the detector knows (${#wide[@]}); left out, unknown to the \
detector (so their right answer is und): ${unknown[*]:-none}" --languages "$WIDE"
run short-texts "$DEFAULT" "the default set reading at most 60 characters of each text, as a short ticket" \
  --max-chars 60

{ echo "<!--"; machine
  echo "# benchmarks/languages-debian.sh: the three runs side by side (each in full: default-set.txt, wide-set.txt,"
  echo "# short-texts.txt)"; echo "-->"
  python3 benchmarks/debian_translations.py summary --data "$DATA" --disagreements "$WORK/default-set-disagreements.csv" \
    "$WORK/wide-set-disagreements.csv" "$WORK/short-texts-disagreements.csv" --languages "$DEFAULT" "$WIDE" "$DEFAULT" \
    --names "default set (7)" "wide set (${#wide[@]})" "default set, 60 characters"; } > "$OUT/summary.md"
tail -n 2 "$OUT/summary.md"
