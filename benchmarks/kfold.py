#!/usr/bin/env python3
"""K-fold cross-validation on a training CSV, for comparing training methods without touching a test split.

  kfold.py split TRAIN.csv OUTDIR [--folds 5] [--seed 42] [--label queue] [--group body] [--subject subject]
      Writes OUTDIR/foldK-train.csv and OUTDIR/foldK-valid.csv (K = 1..folds): stratified by label and grouped by
      text, as `./triage train` splits (tickets whose grouping text differs only in case and spacing stay on one side;
      a group's stratum is its most frequent label; groups dealt round robin into the folds after a seeded shuffle).

  kfold.py summarize OUTDIR RUN [RUN...] [--per language] [--label queue]
      Reads OUTDIR/RUN/foldK-predictions.csv (`./triage evaluate --predictions`) next to OUTDIR/foldK-valid.csv and
      prints accuracy and macro-F1 per run: for every fold, their mean and standard deviation over the folds, and
      pooled over every validation row; overall and for each value of the --per column. Macro-F1 is the mean F1 over
      the labels that occur in the scored rows' labels or answers (scikit-learn's default, as benchmarks/baselines.py).

  kfold.py baselines OUTDIR RESULTS [--text subject,body] [--label queue] [--per language]
      Fits benchmarks/baselines.py's scikit-learn baselines on each OUTDIR/foldK-train.csv and scores them on
      foldK-valid.csv (needs python3-sklearn; run with /usr/bin/python3), keeping RESULTS/foldK.json and .txt, and
      prints accuracy and macro-F1 per baseline: per fold, mean and standard deviation, overall and per --per value.
      The same folds as the runs compared by `summarize`, so the figures sit side by side.

Standard library only (baselines.py itself needs scikit-learn).
"""
import argparse
import csv
import json
import random
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def split(args):
    header, rows = read_rows(args.train)
    groups = {}
    for i, row in enumerate(rows):
        text = row[args.group] if row[args.group].strip() else row.get(args.subject, "")
        key = re.sub(r"\s+", " ", text.lower()).strip()
        groups.setdefault(key, []).append(i)
    strata = defaultdict(list)
    for members in groups.values():
        counts = defaultdict(int)
        for i in members:
            counts[rows[i][args.label]] += 1
        majority = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        strata[majority].append(members)
    rng = random.Random(args.seed)
    fold_of = [0] * len(rows)
    nxt = 0
    for label in sorted(strata):
        stratum = strata[label]
        rng.shuffle(stratum)
        for members in stratum:
            for i in members:
                fold_of[i] = nxt
            nxt = (nxt + 1) % args.folds
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for k in range(args.folds):
        for part, keep in (("train", lambda f: f != k), ("valid", lambda f: f == k)):
            with open(out / f"fold{k + 1}-{part}.csv", "w", newline="", encoding="utf-8") as f:
                writer = csv.DictWriter(f, fieldnames=header)
                writer.writeheader()
                writer.writerows(r for r, f_ in zip(rows, fold_of) if keep(f_))
        print(f"fold {k + 1}: {fold_of.count(k)} validation rows, {len(rows) - fold_of.count(k)} training rows",
              file=sys.stderr)


def macro_f1(pairs):
    labels = sorted({a for a, _ in pairs} | {p for _, p in pairs})
    f1s = []
    for label in labels:
        tp = sum(1 for a, p in pairs if a == label and p == label)
        fp = sum(1 for a, p in pairs if a != label and p == label)
        fn = sum(1 for a, p in pairs if a == label and p != label)
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def accuracy(pairs):
    return sum(1 for a, p in pairs if a == p) / len(pairs) if pairs else 0.0


def summarize(args):
    out = Path(args.outdir)
    folds = sorted(int(p.name[4:-10]) for p in out.glob("fold*-valid.csv"))
    results = {}
    for run in args.runs:
        per_fold = []
        pooled = defaultdict(list)
        for k in folds:
            _, valid = read_rows(out / f"fold{k}-valid.csv")
            _, predictions = read_rows(out / run / f"fold{k}-predictions.csv")
            if len(predictions) != len(valid):
                sys.exit(f"{run} fold {k}: {len(predictions)} predictions for {len(valid)} validation rows")
            subsets = defaultdict(list)
            for row, prediction in zip(valid, predictions):
                if prediction["label"] != row[args.label]:
                    sys.exit(f"{run} fold {k}: prediction rows are not in the validation file's order")
                pair = (prediction["label"], prediction["predicted"])
                subsets["(all)"].append(pair)
                if args.per:
                    subsets[row[args.per]].append(pair)
            figures = {name: {"rows": len(pairs), "accuracy": accuracy(pairs), "macroF1": macro_f1(pairs)}
                       for name, pairs in subsets.items()}
            per_fold.append(figures)
            for name, pairs in subsets.items():
                pooled[name].extend(pairs)
        names = ["(all)"] + sorted(n for n in pooled if n != "(all)")
        answers = []
        for k in folds:
            _, predictions = read_rows(out / run / f"fold{k}-predictions.csv")
            answers.extend((p["label"], p["predicted"]) for p in predictions)
        results[run] = {"folds": per_fold, "answers": answers,
                        "pooled": {n: {"rows": len(pooled[n]), "accuracy": accuracy(pooled[n]),
                                       "macroF1": macro_f1(pooled[n])} for n in names}}
        print(f"{run}")
        print(f"  {'subset':10} {'rows':>5}  {'accuracy per fold':42} {'mean':>6} {'sd':>6} {'pooled':>6}  "
              f"{'macro-F1 per fold':42} {'mean':>6} {'sd':>6} {'pooled':>6}")
        for n in names:
            accs = [f[n]["accuracy"] for f in per_fold]
            f1s = [f[n]["macroF1"] for f in per_fold]
            p = results[run]["pooled"][n]
            print(f"  {n:10} {p['rows']:>5}  {' '.join(f'{a:.4f}' for a in accs):42} {statistics.mean(accs):.4f} "
                  f"{statistics.stdev(accs):.4f} {p['accuracy']:.4f}  {' '.join(f'{a:.4f}' for a in f1s):42} "
                  f"{statistics.mean(f1s):.4f} {statistics.stdev(f1s):.4f} {p['macroF1']:.4f}")
    if len(args.runs) == 2:
        a, b = args.runs
        print(f"{b} minus {a}, per fold (accuracy; macro-F1)")
        for n in results[a]["pooled"]:
            da = [fb[n]["accuracy"] - fa[n]["accuracy"] for fa, fb in zip(results[a]["folds"], results[b]["folds"])]
            df = [fb[n]["macroF1"] - fa[n]["macroF1"] for fa, fb in zip(results[a]["folds"], results[b]["folds"])]
            print(f"  {n:10} {' '.join(f'{d:+.4f}' for d in da)}  mean {statistics.mean(da):+.4f} sd {statistics.stdev(da):.4f};  "
                  f"{' '.join(f'{d:+.4f}' for d in df)}  mean {statistics.mean(df):+.4f} sd {statistics.stdev(df):.4f}")
        pairs = list(zip(results[a]["answers"], results[b]["answers"]))
        differ = [(x, y) for x, y in pairs if x[1] != y[1]]
        print(f"answers that differ: {len(differ)} of {len(pairs)}; right among them: {a} "
              f"{sum(1 for x, _ in differ if x[0] == x[1])}, {b} {sum(1 for _, y in differ if y[0] == y[1])}")
    if args.json_out:
        for r in results.values():
            del r["answers"]
        Path(args.json_out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def baselines(args):
    out = Path(args.outdir)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    folds = sorted(int(p.name[4:-10]) for p in out.glob("fold*-valid.csv"))
    script = Path(__file__).with_name("baselines.py")
    figures = defaultdict(lambda: defaultdict(list))  # baseline -> subset -> [(accuracy, macroF1)]
    for k in folds:
        command = [sys.executable, str(script), "--train", str(out / f"fold{k}-train.csv"),
                   "--test", str(out / f"fold{k}-valid.csv"), "--text", args.text, "--label", args.label,
                   "--name", f"fold {k}", "--json-out", str(results / f"fold{k}.json")]
        if args.per:
            command += ["--per", args.per]
        with open(results / f"fold{k}.txt", "w", encoding="utf-8") as err:
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=err)
        for b in json.loads((results / f"fold{k}.json").read_text(encoding="utf-8")):
            figures[b["baseline"]]["(all)"].append((b["accuracy"], b["macroF1"]))
            for value, v in ((b.get("per") or {}).get("values") or {}).items():
                figures[b["baseline"]][value].append((v["accuracy"], v["macroF1"]))
    for baseline, subsets in figures.items():
        print(baseline)
        print(f"  {'subset':10} {'accuracy per fold':42} {'mean':>6} {'sd':>6}  {'macro-F1 per fold':42} {'mean':>6} {'sd':>6}")
        for name in ["(all)"] + sorted(n for n in subsets if n != "(all)"):
            accs = [a for a, _ in subsets[name]]
            f1s = [f for _, f in subsets[name]]
            print(f"  {name:10} {' '.join(f'{a:.4f}' for a in accs):42} {statistics.mean(accs):.4f} "
                  f"{statistics.stdev(accs):.4f}  {' '.join(f'{f:.4f}' for f in f1s):42} {statistics.mean(f1s):.4f} "
                  f"{statistics.stdev(f1s):.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split")
    s.add_argument("train")
    s.add_argument("outdir")
    s.add_argument("--folds", type=int, default=5)
    s.add_argument("--seed", type=int, default=42)
    s.add_argument("--label", default="queue")
    s.add_argument("--group", default="body")
    s.add_argument("--subject", default="subject")
    m = sub.add_parser("summarize")
    m.add_argument("outdir")
    m.add_argument("runs", nargs="+")
    m.add_argument("--per")
    m.add_argument("--label", default="queue")
    m.add_argument("--json-out")
    b = sub.add_parser("baselines")
    b.add_argument("outdir")
    b.add_argument("results")
    b.add_argument("--text", default="subject,body")
    b.add_argument("--label", default="queue")
    b.add_argument("--per", default="language")
    args = parser.parse_args()
    {"split": split, "summarize": summarize, "baselines": baselines}[args.command](args)


if __name__ == "__main__":
    main()
