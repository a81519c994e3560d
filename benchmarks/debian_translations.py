#!/usr/bin/env python3
"""Texts in many languages for the language detector, from the gettext translations Debian installs.

  debian_translations.py extract [--locale-dir /usr/share/locale] [--out target/languages-debian/texts.csv]
                                 [--per-language 100] [--seed 42] [--min-chars 60] [--min-texts 20]
      Reads every /usr/share/locale/LOCALE/LC_MESSAGES/*.mo (translations of apt, dpkg, coreutils, glib, gtk, ...:
      human-written text nobody on this project wrote), keeps the translated strings that carry language, and writes
      a UTF-8 CSV text,language,source (source: the .mo file's name) with up to --per-language texts per language,
      and PROVENANCE next to it (provenance.txt: the Debian package and version of every .mo file used, the texts
      per language, the languages left out). The texts are the translators' (GPL and other licences): keep them
      under target/, never commit them; the provenance file holds no text.
      --languages ja,zh,...  writes only these languages (a text another language has is still dropped, below);
      --per-language 0       writes every usable text of each language (sorted by text, then source);
      --drop-shared-sources  drops a text found in two or more .mo files (by name) of its language, whose source is
                             then ambiguous: for a task that predicts the source (benchmarks/tokenizers-debian.sh).
      Without them the output is what it always was.

  debian_translations.py sources --data texts.csv --out-dir DIR --languages ja,zh,... [--also km,...]
                                 [--min-texts 40] [--max-sources 8]
      Per language, a classification task text -> source on the same sources for every language: the sources with
      at least --min-texts texts in every one of --languages, the --max-sources whose smallest count over those
      languages is largest; each language (of --languages and --also) keeps the chosen sources it has --min-texts
      texts of, written as DIR/LANGUAGE.csv (text,source). Prints the choice, texts per source and text lengths as
      Markdown (no text).

  debian_translations.py summary --data texts.csv --disagreements OUT.csv [...] --languages en,de,... [...]
                                 [--names NAME ...]
      Reads the CSV and `./triage benchmark language --disagreements` (row,label,detected,confidence: no text) and
      prints a Markdown table, one row per language: texts, right, und, wrong (and as which languages). For a
      language in --languages "right" is its own code; for one outside, the right answer is `und` and "wrong" counts
      the texts given one of the configured languages; languages written in two scripts (sr, be, uz) are also
      scored per script. --misses writes the rows not right (row numbers, codes, script: no text). With several runs
      (one --languages each), one table with a right / und / wrong column per run.

How a locale becomes a language: the part of the directory name before `_`, `@` or `.` (zh_CN, zh_TW and zh_HK are
all `zh`, pt_BR is `pt`, sr@latin and sr (Cyrillic) are both `sr`, uz@cyrillic is `uz`, ca@valencia is `ca`); only
two-letter codes are kept (ast, ckb, fil, ... are not); English locales (en, en_GB, en@quot, ...) are skipped.
Two deprecated codes are renamed: `mo` (Moldavian) is `ro`, and `no` is `nb` (Debian's `no` translations are
Bokmål). Which texts are kept from each .mo file:
  - the header entry (empty msgid) is skipped; a plural entry gives its first form; a context (msgctxt) is ignored;
  - untranslated entries are skipped (those are English): the msgstr equals the msgid, before or after cleaning, or
    80% or more of the cleaned msgstr's words are words of the msgid;
  - cleaning: markup tags (<b>, <tt>, ...) and entities, printf and Python format specifiers (%s %d %1$s %-10s
    %lu %<PRIu64> %(name)s %1) and {0} {name} placeholders, shell variables ($HOME ${VAR}), keyboard accelerators
    (an `_` before a letter when the string has no other `_`, an `&` before a letter, CJK forms like "(_F)"),
    command-line options (-a, --all, --size=SIZE), paths (/usr/..., ./x, ~/x), URLs and e-mail addresses are
    dropped; then whitespace is collapsed;
  - a cleaned text is kept if it has at least --min-chars characters and at least 75% of its non-space characters
    are letters or marks (Indic vowel signs are marks): what is left is mostly words, not punctuation, paths or
    option tables;
  - texts are deduplicated within a language (the first found is kept, in locale directory then file name order),
    and a text that occurs under two or more languages is dropped (its label is ambiguous);
  - per language, the texts are sorted (text, then source) and up to --per-language are sampled with
    random.Random("SEED:LANGUAGE"), so one language's sample does not depend on which others are installed;
  - languages with fewer than --min-texts usable texts are left out and listed in the provenance file.
The same installed packages give the same CSV byte for byte. The texts are software messages (menus, errors,
--help, widget properties), not support tickets; some translations keep English words.

Standard library only; `extract` runs dpkg -S and dpkg-query for the provenance (Debian).
"""
import argparse
import csv
import html
import os
import random
import re
import struct
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

# Deprecated ISO 639-1 codes Debian still ships locales under.
RENAMED = {"mo": "ro", "no": "nb"}


def language_of(locale):
    """The ISO 639-1 code of a locale directory name, or None (not two letters, or English)."""
    code = re.split(r"[_@.]", locale, maxsplit=1)[0].lower()
    if not re.fullmatch(r"[a-z]{2}", code) or code == "en":
        return None
    return RENAMED.get(code, code)


def read_mo(path):
    """(msgid, msgstr) pairs of a GNU .mo file: first plural forms, context removed, header skipped."""
    data = Path(path).read_bytes()
    if len(data) < 28:
        raise ValueError("too short for a .mo file")
    magic = struct.unpack("<I", data[:4])[0]
    if magic == 0x950412DE:
        endian = "<"
    elif magic == 0xDE120495:
        endian = ">"
    else:
        raise ValueError("not a .mo file (magic %08x)" % magic)
    _revision, count, ids_at, strs_at = struct.unpack(endian + "4I", data[4:20])
    raw = []
    for i in range(count):
        id_len, id_off = struct.unpack(endian + "2I", data[ids_at + 8 * i:ids_at + 8 * i + 8])
        str_len, str_off = struct.unpack(endian + "2I", data[strs_at + 8 * i:strs_at + 8 * i + 8])
        if id_off + id_len > len(data) or str_off + str_len > len(data):
            raise ValueError("entry %d points past the end of the file" % i)
        raw.append((data[id_off:id_off + id_len], data[str_off:str_off + str_len]))
    charset = "utf-8"
    for msgid, msgstr in raw:
        if msgid == b"":
            found = re.search(rb"charset=([A-Za-z0-9_.:-]+)", msgstr)
            if found:
                charset = found.group(1).decode("ascii")
    pairs = []
    for msgid, msgstr in raw:
        if msgid == b"":
            continue
        msgid = msgid.split(b"\x04", 1)[-1].split(b"\x00", 1)[0]
        msgstr = msgstr.split(b"\x00", 1)[0]
        try:
            pairs.append((msgid.decode(charset), msgstr.decode(charset)))
        except (UnicodeDecodeError, LookupError):
            continue
    return pairs


TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
CJK_ACCELERATOR = re.compile(r"\s*[(（]\s*[_&][A-Za-z0-9]\s*[)）]")
PYTHON_FORMAT = re.compile(r"%\([^)\s]{1,40}\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
# No space flag ("% d"): "50 % der Dateien" is text. %B, %P, ... are binutils' own conversions.
PRINTF = re.compile(r"%(?:\d+\$)?[-+#0'I]*(?:\d+|\*(?:\d+\$)?)?(?:\.(?:\d+|\*(?:\d+\$)?))?"
                    r"(?:<PRI[A-Za-z0-9]+>|(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcCsSpnm%])|%[A-Z]")
PRINTF_PRI = re.compile(r"%(?:\d+\$)?[-+#0'I]*\d*(?:\.\d+)?<PRI[A-Za-z0-9]+>")
QT_ARG = re.compile(r"%L?\d+")
BRACES = re.compile(r"\{[^{}\s]{0,30}\}")
SHELL_VAR = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")
URL = re.compile(r"\b(?:https?|ftp|file)://\S+|\bwww\.\S+|\S+@\S+\.\S+")
OPTION = re.compile(r"(?<!\S)--?[A-Za-z0-9?][\w-]*(?:\[?=[^\s,]*\]?)?,?(?=\s|$)")
PATH = re.compile(r"(?<!\S)[~.]{0,2}/\S*")
AMPERSAND_ACCELERATOR = re.compile(r"&(?=[^\W\d_])")
UNDERSCORE_ACCELERATOR = re.compile(r"_(?=[^\W\d_])")


def clean(text):
    """The words of a msgstr: what carries no language dropped, whitespace collapsed."""
    text = CJK_ACCELERATOR.sub("", text)
    text = PRINTF_PRI.sub(" ", text)   # before the tags: <PRIu64> is no markup
    text = TAG.sub(" ", text)
    text = html.unescape(text)
    text = URL.sub(" ", text)
    text = PYTHON_FORMAT.sub(" ", text)
    text = PRINTF.sub(" ", text)
    text = QT_ARG.sub(" ", text)
    text = SHELL_VAR.sub(" ", text)    # before the braces: ${VAR} whole
    text = BRACES.sub(" ", text)
    if text.count("_") == 1:
        text = UNDERSCORE_ACCELERATOR.sub("", text)
    text = AMPERSAND_ACCELERATOR.sub("", text)
    text = OPTION.sub(" ", text)
    text = PATH.sub(" ", text)
    return " ".join(text.split())


def mostly_letters(text, share=0.75):
    """Whether letters (and the vowel signs and other marks of Indic and other scripts) make up `share` of the
    non-space characters."""
    visible = [c for c in text if not c.isspace()]
    letters = sum(unicodedata.category(c)[0] in "LM" for c in visible)
    return bool(visible) and letters >= share * len(visible)


def words(text):
    return re.findall(r"[^\W\d_]+", text.lower())


def untranslated(text, source, share=0.8):
    """Whether a cleaned msgstr is its cleaned msgid, or mostly its words (an English string with only the
    punctuation changed, say a Devanagari danda for the full stop)."""
    if text == source:
        return True
    said = words(text)
    known = set(words(source))
    return bool(said) and sum(w in known for w in said) >= share * len(said)


def dpkg_owners(paths):
    """{path: package} for the paths dpkg knows (dpkg -S, in batches)."""
    owners = {}
    paths = sorted(paths)
    for start in range(0, len(paths), 200):
        batch = paths[start:start + 200]
        done = subprocess.run(["dpkg", "-S", *batch], capture_output=True, text=True)
        for line in done.stdout.splitlines():
            if line.startswith("diversion ") or ": " not in line:
                continue
            packages, path = line.rsplit(": ", 1)
            owners.setdefault(path, packages.split(",")[0].strip())
    return owners


def dpkg_versions(packages):
    versions = {}
    if packages:
        done = subprocess.run(["dpkg-query", "-W", "-f", "${binary:Package}\t${Version}\n", *sorted(packages)],
                              capture_output=True, text=True)
        for line in done.stdout.splitlines():
            name, _, version = line.partition("\t")
            versions[name] = version
            versions.setdefault(name.split(":")[0], version)
    return versions


def extract(args):
    locale_dir = Path(args.locale_dir)
    if not locale_dir.is_dir():
        sys.exit("debian_translations.py: %s is not a directory" % locale_dir)
    candidates = defaultdict(dict)   # language -> {text: (source, path)}
    sources_of = defaultdict(lambda: defaultdict(set))   # language -> {text: names of the .mo files it is in}
    locales_of = defaultdict(set)
    skipped_locales = set()
    files = 0
    unreadable = []
    for locale in sorted(os.listdir(locale_dir)):
        messages = locale_dir / locale / "LC_MESSAGES"
        if not messages.is_dir():
            continue
        language = language_of(locale)
        if language is None:
            skipped_locales.add(locale)
            continue
        for mo in sorted(messages.glob("*.mo")):
            files += 1
            try:
                pairs = read_mo(mo)
            except (OSError, ValueError, struct.error) as e:
                unreadable.append("%s (%s)" % (mo, e))
                continue
            for msgid, msgstr in pairs:
                if not msgstr.strip() or msgstr.strip() == msgid.strip():
                    continue
                text = clean(msgstr)
                if len(text) < args.min_chars or not mostly_letters(text) or untranslated(text, clean(msgid)):
                    continue
                locales_of[language].add(locale)
                candidates[language].setdefault(text, (mo.name, str(mo)))
                sources_of[language][text].add(mo.name)
    # A text found under two languages has no single label.
    seen_in = Counter(text for texts in candidates.values() for text in texts)
    ambiguous = {text for text, n in seen_in.items() if n > 1}
    # --languages: only these are written; a text is still dropped when another language (written or not) has it.
    chosen = {c.strip().lower() for c in args.languages.split(",") if c.strip()} if args.languages else None
    shared = Counter()   # language -> texts dropped by --drop-shared-sources
    rows = []
    kept = {}
    left_out = {}
    available = {}
    for language in sorted(candidates):
        if chosen is not None and language not in chosen:
            continue
        pool = []
        for text, (source, path) in candidates[language].items():
            if text in ambiguous:
                continue
            if args.drop_shared_sources and len(sources_of[language][text]) > 1:
                shared[language] += 1
                continue
            pool.append((text, source, path))
        pool.sort()
        available[language] = len(pool)
        if len(pool) < args.min_texts:
            left_out[language] = len(pool)
            continue
        if args.per_language == 0:
            sample = pool   # every usable text, sorted by text then source
        else:
            sample = random.Random("%d:%s" % (args.seed, language)).sample(pool, min(args.per_language, len(pool)))
        kept[language] = sample
        rows.extend((text, language, source, path) for text, source, path in sample)

    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["text", "language", "source"])
        for text, language, source, _path in rows:
            writer.writerow([text, language, source])

    used = Counter(path for _t, _l, _s, path in rows)
    owners = dpkg_owners(used)
    versions = dpkg_versions(set(owners.values()))
    provenance = out.parent / "provenance.txt"
    with open(provenance, "w", encoding="utf-8") as f:
        f.write("# Provenance of %s (no text): written by benchmarks/debian_translations.py extract\n" % out.name)
        try:
            debian = "Debian " + Path("/etc/debian_version").read_text(encoding="utf-8").strip()
        except OSError:
            debian = "not Debian (no /etc/debian_version)"
        f.write("# %s; %s; locale dir %s; --per-language %d --seed %d --min-chars %d --min-texts %d\n"
                % (datetime.now(timezone.utc).strftime("%Y-%m-%d"), debian, locale_dir, args.per_language, args.seed,
                   args.min_chars, args.min_texts))
        f.write("# %d .mo files read under */LC_MESSAGES (%d unreadable); %d texts written in %d languages; "
                "%d texts dropped because they occur under two or more languages\n"
                % (files, len(unreadable), len(rows), len(kept), len(ambiguous)))
        f.write("# locales skipped (not a two-letter code, or English): %s\n" % " ".join(sorted(skipped_locales)))
        for line in unreadable:
            f.write("# unreadable: %s\n" % line)
        if chosen is not None or args.per_language == 0 or args.drop_shared_sources:
            f.write("# --languages %s; --per-language %s; --drop-shared-sources %s\n" % (
                ",".join(sorted(chosen)) if chosen is not None else "(every language)",
                "0: every usable text" if args.per_language == 0 else args.per_language,
                "(texts dropped because they occur in two or more .mo files of their language: %s)"
                % (" ".join("%s:%d" % kv for kv in sorted(shared.items())) or "none")
                if args.drop_shared_sources else "off"))
            missing = sorted(chosen - set(candidates)) if chosen is not None else []
            if missing:
                f.write("# --languages with no usable text at all: %s\n" % " ".join(missing))
        f.write("\n## languages: code, texts written, usable texts available, texts written per locale directory\n")
        for language in sorted(kept):
            per_locale = Counter(Path(path).parent.parent.name for _t, _s, path in kept[language])
            f.write("%s,%d,%d,%s\n" % (language, len(kept[language]), available[language],
                                       " ".join("%s:%d" % kv for kv in sorted(per_locale.items()))))
        f.write("\n## left out (fewer than %d usable texts): code, usable texts, locale directories\n" % args.min_texts)
        for language in sorted(left_out):
            f.write("%s,%d,%s\n" % (language, left_out[language], " ".join(sorted(locales_of[language]))))
        f.write("\n## .mo files used: path, Debian package, package version, texts written\n")
        for path in sorted(used):
            package = owners.get(path, "(no package)")
            f.write("%s,%s,%s,%d\n" % (path, package, versions.get(package, ""), used[path]))
        packages = Counter()
        for path, n in used.items():
            packages[owners.get(path, "(no package)")] += n
        f.write("\n## packages: package, version, texts written\n")
        for package in sorted(packages):
            f.write("%s,%s,%d\n" % (package, versions.get(package, ""), packages[package]))
    print("wrote %d texts in %d languages to %s (left out, fewer than %d texts: %s); provenance in %s"
          % (len(rows), len(kept), out, args.min_texts,
             " ".join("%s:%d" % kv for kv in sorted(left_out.items())) or "none", provenance))


def script_of(text):
    """The script most of a text's letters are written in (LATIN, CYRILLIC, ARABIC, ...; Han and kana are CJK)."""
    counts = Counter()
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "UNKNOWN").split()[0]
            counts["CJK" if name in ("CJK", "HIRAGANA", "KATAKANA") else name] += 1
    return counts.most_common(1)[0][0] if counts else "NONE"


def score(texts, disagreements, configured):
    """One outcome per row of the CSV: (row, label, script, expected, answer, confidence, right|und|wrong)."""
    detected = {}
    with open(disagreements, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            detected[int(row["row"])] = (row["detected"], row["confidence"])
    outcomes = []
    for number, (label, script) in enumerate(texts, start=1):
        if not label:
            continue
        answer, confidence = detected.get(number, (label, ""))
        expected = label if label in configured else "und"
        outcome = "right" if answer == expected else "und" if answer == "und" else "wrong"
        outcomes.append((number, label, script, expected, answer, confidence, outcome))
    return outcomes


def tally(outcomes, key):
    """{key: Counter(texts, right, und, wrong)} and {key: Counter of wrong answers}."""
    per = defaultdict(Counter)
    wrong_as = defaultdict(Counter)
    for outcome in outcomes:
        k = key(outcome)
        per[k]["texts"] += 1
        per[k][outcome[6]] += 1
        if outcome[6] == "wrong":
            wrong_as[k][outcome[4]] += 1
    return per, wrong_as


def percent(part, whole):
    return "%.1f%%" % (100.0 * part / whole) if whole else "-"


def confused(counter):
    return " ".join("%s %d" % kv for kv in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def print_run(name, configured, outcomes, data, disagreements):
    per, wrong_as = tally(outcomes, lambda o: o[1])
    every = sorted(per)
    print("Per language (benchmarks/debian_translations.py summary, from %s and %s). Configured: %s."
          % (disagreements, data, ",".join(sorted(configured))))
    for inside in (True, False):
        languages = [language for language in every if (language in configured) == inside]
        if not languages:
            continue
        print()
        if inside:
            print("Languages in the set: right = detected as the label; und = no answer; wrong = another language.")
            print()
            print("| language | texts | right | und | wrong | wrong as |")
            print("|---|---:|---:|---:|---:|---|")
        else:
            print("Languages outside the set: the right answer is `und`; wrong = given a configured language.")
            print()
            print("| language | texts | und (right) | wrong | wrong as |")
            print("|---|---:|---:|---:|---|")
        total = Counter()
        total_wrong = Counter()
        for language in languages:
            c = per[language]
            total.update(c)
            total_wrong.update(wrong_as[language])
            if inside:
                print("| %s | %d | %d | %d | %d | %s |" % (language, c["texts"], c["right"], c["und"], c["wrong"],
                                                           confused(wrong_as[language])))
            else:
                print("| %s | %d | %d | %d | %s |" % (language, c["texts"], c["right"], c["wrong"],
                                                      confused(wrong_as[language])))
        if inside:
            print("| **all %d** | %d | %d (%s) | %d (%s) | %d (%s) | %s |" % (
                len(languages), total["texts"], total["right"], percent(total["right"], total["texts"]),
                total["und"], percent(total["und"], total["texts"]),
                total["wrong"], percent(total["wrong"], total["texts"]), confused(total_wrong)))
        else:
            print("| **all %d** | %d | %d (%s) | %d (%s) | %s |" % (
                len(languages), total["texts"], total["right"], percent(total["right"], total["texts"]),
                total["wrong"], percent(total["wrong"], total["texts"]), confused(total_wrong)))
    # Languages written in two scripts (sr and sr@latin, be and be@latin, uz and uz@cyrillic): each script apart.
    scripts = defaultdict(Counter)
    for outcome in outcomes:
        scripts[outcome[1]][outcome[2]] += 1
    mixed = [language for language in every if sum(n >= 5 for n in scripts[language].values()) > 1]
    if mixed:
        by_script, wrong_by_script = tally(outcomes, lambda o: (o[1], o[2]))
        print()
        print("Languages whose texts are in two or more scripts (the script of most of a text's letters), each "
              "script apart; right as above.")
        print()
        print("| language | script | texts | right | und | wrong | wrong as |")
        print("|---|---|---:|---:|---:|---:|---|")
        for language in mixed:
            for script in sorted(scripts[language]):
                c = by_script[(language, script)]
                print("| %s | %s | %d | %d | %d | %d | %s |" % (language, script.lower(), c["texts"], c["right"],
                                                                c["und"], c["wrong"],
                                                                confused(wrong_by_script[(language, script)])))


def summary(args):
    if len(args.disagreements) != len(args.languages) or (args.names and len(args.names) != len(args.languages)):
        sys.exit("debian_translations.py summary: give one --languages (and one --names) per --disagreements file")
    texts = []
    with open(args.data, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            texts.append((row[args.language_column].strip().lower(), script_of(row[args.text])))
    names = args.names or [Path(d).stem for d in args.disagreements]
    runs = []
    for name, disagreements, languages in zip(names, args.disagreements, args.languages):
        configured = {c.strip().lower() for c in languages.split(",") if c.strip()}
        runs.append((name, configured, score(texts, disagreements, configured)))
    if args.misses:
        if len(runs) != 1:
            sys.exit("debian_translations.py summary: --misses takes one run")
        with open(args.misses, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["row", "label", "script", "expected", "detected", "confidence"])
            for number, label, script, expected, answer, confidence, outcome in runs[0][2]:
                if outcome != "right":
                    writer.writerow([number, label, script.lower(), expected, answer, confidence])
    if len(runs) == 1:
        print_run(runs[0][0], runs[0][1], runs[0][2], args.data, args.disagreements[0])
        return
    print("Per language: right / und / wrong in each run (benchmarks/debian_translations.py summary). For a language "
          "outside a run's set (marked *) the right answer is `und`, so its middle figure is 0.")
    print()
    print("| language | texts | " + " | ".join(name for name, _c, _o in runs) + " |")
    print("|---|---:|" + "---:|" * len(runs))
    tallies = [tally(outcomes, lambda o: o[1])[0] for _n, _c, outcomes in runs]
    every = sorted(tallies[0])
    for language in every:
        cells = ["%d / %d / %d%s" % (per[language]["right"], per[language]["und"], per[language]["wrong"],
                                     "" if language in configured else " *")
                 for per, (_n, configured, _o) in zip(tallies, runs)]
        print("| %s | %d | %s |" % (language, tallies[0][language]["texts"], " | ".join(cells)))
    for inside, title in ((True, "in the set"), (False, "outside the set (* above)")):
        cells = []
        for per, (_n, configured, _o) in zip(tallies, runs):
            total = Counter()
            for language in every:
                if (language in configured) == inside:
                    total.update(per[language])
            cells.append("%d / %d / %d of %d" % (total["right"], total["und"], total["wrong"], total["texts"]))
        print("| **all %s** | | %s |" % (title, " | ".join(cells)))


def sources(args):
    """Per language, a text -> source task on the same sources: LANGUAGE.csv (text,source) in --out-dir, and the
    choice and the sizes on stdout (no text)."""
    main_languages = [c.strip().lower() for c in args.languages.split(",") if c.strip()]
    also = [c.strip().lower() for c in (args.also or "").split(",") if c.strip()]
    rows = defaultdict(list)   # language -> [(text, source)]
    with open(args.data, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["language"]].append((row["text"], row["source"]))
    counts = {language: Counter(source for _t, source in rows[language]) for language in main_languages + also}
    missing = [language for language in main_languages if not rows[language]]
    if missing:
        sys.exit("debian_translations.py sources: no texts in %s for %s" % (args.data, " ".join(missing)))
    # The sources every --languages language has at least --min-texts texts of, the largest smallest count first.
    every = set.intersection(*({s for s, n in counts[l].items() if n >= args.min_texts} for l in main_languages))
    ranked = sorted(every, key=lambda s: (-min(counts[l][s] for l in main_languages), s))
    chosen = ranked[:args.max_sources]
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    print("Sources (the .mo file each text comes from) with at least %d texts in every one of %s: %d; kept: the %d "
          "whose smallest count over those languages is largest (--max-sources %d). Each language's task keeps the "
          "kept sources it has at least %d texts of (%s: only those); a language with fewer than 2 is skipped."
          % (args.min_texts, ",".join(main_languages), len(ranked), len(chosen), args.max_sources, args.min_texts,
             ",".join(also) or "no other language"))
    print()
    print("| language | texts | sources | " + " | ".join(s[:-3] if s.endswith(".mo") else s for s in chosen)
          + " | median characters | under 40 characters |")
    print("|---|---:|---:|" + "---:|" * len(chosen) + "---:|---:|")
    written = []
    for language in main_languages + also:
        keep = [s for s in chosen if counts[language][s] >= args.min_texts]
        task = [(text, source) for text, source in rows[language] if source in keep]
        lengths = sorted(len(text) for text, _s in task)
        cells = [str(counts[language][s]) if s in keep else "(%d)" % counts[language][s] for s in chosen]
        if len(keep) < 2:
            print("| %s | skipped | %d | %s | | |" % (language, len(keep), " | ".join(cells)))
            continue
        with open(out_dir / ("%s.csv" % language), "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["text", "source"])
            writer.writerows(task)
        written.append(language)
        print("| %s | %d | %d | %s | %d | %s |" % (language, len(task), len(keep), " | ".join(cells),
                                                   lengths[len(lengths) // 2], percent(sum(n < 40 for n in lengths),
                                                                                       len(lengths))))
    print()
    print("(n): fewer than %d texts of that source in that language, left out of its task. Characters are code "
          "points of the cleaned text." % args.min_texts)
    print("written: %s" % " ".join("%s/%s.csv" % (out_dir, language) for language in written), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    e = commands.add_parser("extract", help="write texts.csv and provenance.txt from the .mo files")
    e.add_argument("--locale-dir", default="/usr/share/locale")
    e.add_argument("--out", default="target/languages-debian/texts.csv")
    e.add_argument("--per-language", type=int, default=100, help="texts sampled per language; 0: every usable text")
    e.add_argument("--languages", help="write only these languages (comma-separated codes; default: every language)")
    e.add_argument("--drop-shared-sources", action="store_true",
                   help="drop a text found in two or more .mo files (by name) of its language: its source is "
                        "ambiguous (for a task that predicts the source)")
    e.add_argument("--seed", type=int, default=42)
    e.add_argument("--min-chars", type=int, default=60)
    e.add_argument("--min-texts", type=int, default=20)
    e.set_defaults(run=extract)
    s = commands.add_parser("summary", help="per-language right/und/wrong from --disagreements")
    s.add_argument("--data", required=True)
    s.add_argument("--disagreements", required=True, nargs="+", help="one or more runs' disagreements")
    s.add_argument("--languages", required=True, nargs="+", help="each run's configured set, comma-separated")
    s.add_argument("--names", nargs="+", help="each run's name (default: the file's)")
    s.add_argument("--language-column", default="language")
    s.add_argument("--text", default="text", help="the text column (read for each text's script only)")
    s.add_argument("--misses", help="write row,label,script,expected,detected,confidence for every row the run "
                                    "did not get right (no text)")
    s.set_defaults(run=summary)
    t = commands.add_parser("sources", help="per language, a text -> source (.mo file) task on shared sources")
    t.add_argument("--data", required=True, help="a CSV written by extract (text,language,source)")
    t.add_argument("--out-dir", required=True, help="where LANGUAGE.csv (text,source) go")
    t.add_argument("--languages", required=True, help="the languages whose common sources are chosen (comma-separated)")
    t.add_argument("--also", help="more languages, given the chosen sources they have enough texts of")
    t.add_argument("--min-texts", type=int, default=40, help="texts a source needs in a language (default 40)")
    t.add_argument("--max-sources", type=int, default=8, help="sources kept at most (default 8)")
    t.set_defaults(run=sources)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
