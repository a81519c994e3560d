#!/usr/bin/env python3
"""scikit-learn linear baselines for ticket-triage's evaluation, on any labelled CSV pair.

Fits on --train, scores --test once, prints one JSON object per baseline (and --json-out writes them all).
Baselines (scikit-learn defaults unless stated):
  tfidf12-linearsvc     TF-IDF word 1-2 grams (sublinear tf) + LinearSVC(C=1)        -- the reference in shared/datasets
  tfidf12-logreg        TF-IDF word 1-2 grams (sublinear tf) + LogisticRegression(C=10, max_iter=2000)
  tfidf12-char25-linearsvc  the word features plus char_wb 2-5 grams, LinearSVC(C=1)   -- a stronger linear baseline
With --group COL (e.g. repo for nlbse24) one model is fitted and scored per group and the per-group figures
are averaged (NLBSE'24's official metric is the mean of per-repo macro-F1).
With --per COL (e.g. language for helpdesk_en_de) one model is fitted on all training rows as usual, and its test
answers are also scored for each value of COL among the test rows: "per" in the JSON gives testRows, accuracy and
macroF1 for each value (macro over the labels that occur in that value's rows or its answers, scikit-learn's
default), and a table goes to stderr. --text may name several columns (subject,body); they are joined by a newline.

Install (Debian 12, no PyPI needed):  apt-get install -y python3-sklearn    (scikit-learn 1.2.1)
Example:
  python3 benchmarks/baselines.py --train ../shared/datasets/banking77/train.csv \
      --test ../shared/datasets/banking77/test.csv --text text --label label
  python3 benchmarks/baselines.py --train ../shared/datasets/helpdesk_en_de/train.csv \
      --test ../shared/datasets/helpdesk_en_de/test.csv --text subject,body --label queue --per language
"""
import argparse
import csv
import json
import platform
import sys
import time

import numpy as np
import sklearn
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.svm import LinearSVC


def read(path, text_cols, label_col, group_col, per_col=None):
    """Rows (group, text, label, per value) with a non-empty text and label; group and per value are None
    when their column is not asked for."""
    csv.field_size_limit(sys.maxsize)
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if per_col and per_col not in (reader.fieldnames or []):
            sys.exit("baselines.py: %s has no column %r for --per (it has %s)"
                     % (path, per_col, ", ".join(reader.fieldnames or [])))
        for r in reader:
            text = "\n".join((r.get(c) or "").strip() for c in text_cols).strip()
            label = (r.get(label_col) or "").strip()
            if text and label:
                rows.append((r.get(group_col) if group_col else None, text, label,
                             (r.get(per_col) or "").strip() if per_col else None))
    return rows


def word_vectorizer():
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)


def char_vectorizer():
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)


BASELINES = {
    "tfidf12-linearsvc": (lambda: [word_vectorizer()], lambda: LinearSVC(C=1.0)),
    "tfidf12-logreg": (lambda: [word_vectorizer()], lambda: LogisticRegression(C=10.0, max_iter=2000)),
    "tfidf12-char25-linearsvc": (lambda: [word_vectorizer(), char_vectorizer()], lambda: LinearSVC(C=1.0)),
}


def fit_score(name, train, test):
    """Fits baseline NAME on TRAIN and scores it on TEST: (figures, the answers for TEST in its order)."""
    make_vectorizers, make_model = BASELINES[name]
    vectorizers = make_vectorizers()
    x_train = hstack([v.fit_transform([row[1] for row in train]) for v in vectorizers]).tocsr()
    x_test = hstack([v.transform([row[1] for row in test]) for v in vectorizers]).tocsr()
    y_train = [row[2] for row in train]
    y_test = [row[2] for row in test]
    start = time.perf_counter()
    model = make_model().fit(x_train, y_train)
    fit_seconds = time.perf_counter() - start
    predicted = model.predict(x_test)
    p, r, f, _ = precision_recall_fscore_support(y_test, predicted, average="macro", zero_division=0)
    return predicted, {
        "accuracy": accuracy_score(y_test, predicted),
        "macroPrecision": p,
        "macroRecall": r,
        "macroF1": f,
        "weightedF1": f1_score(y_test, predicted, average="weighted", zero_division=0),
        "trainRows": len(train),
        "testRows": len(test),
        "fitSeconds": fit_seconds,
    }


def per_value(test, predicted):
    """Accuracy and macro-F1 of the answers for each per-column value of the test rows, values sorted."""
    out = {}
    for value in sorted({row[3] for row in test}):
        idx = [i for i, row in enumerate(test) if row[3] == value]
        y = [test[i][2] for i in idx]
        yhat = [predicted[i] for i in idx]
        out[value] = {
            "testRows": len(idx),
            "accuracy": round(float(accuracy_score(y, yhat)), 4),
            "macroF1": round(float(f1_score(y, yhat, average="macro", zero_division=0)), 4),
        }
    return out


def print_per_table(result, label):
    """A readable table of one baseline's overall and per-value figures, on stderr (stdout stays JSON lines)."""
    per = result["per"]
    lines = ["%s, label %s, baseline %s" % (result["dataset"], label, result["baseline"]),
             "  %-12s %6s %9s %9s" % (per["column"], "rows", "accuracy", "macro-F1"),
             "  %-12s %6d %9.4f %9.4f" % ("(all)", result["testRows"], result["accuracy"], result["macroF1"])]
    for value, m in per["values"].items():
        lines.append("  %-12s %6d %9.4f %9.4f" % (value or "(empty)", m["testRows"], m["accuracy"], m["macroF1"]))
    print("\n".join(lines), file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--text", default="Subject,Description", help="comma-separated text columns")
    parser.add_argument("--label", default="Category")
    parser.add_argument("--group", help="fit one model per value of this column and average the figures")
    parser.add_argument("--per", metavar="COLUMN",
                        help="fit on all training rows, then also score the test rows of each value of this column")
    parser.add_argument("--baselines", default=",".join(BASELINES), help="comma-separated subset of " + ",".join(BASELINES))
    parser.add_argument("--name", help="dataset name written into the output")
    parser.add_argument("--json-out", help="also write the results as a JSON array to this file")
    args = parser.parse_args()
    if args.per and args.group:
        parser.error("--per and --group do not go together: --group fits one model per group, --per scores one model")

    text_cols = args.text.split(",")
    train = read(args.train, text_cols, args.label, args.group, args.per)
    test = read(args.test, text_cols, args.label, args.group, args.per)
    groups = sorted({row[0] for row in train}) if args.group else [None]
    results = []
    for name in args.baselines.split(","):
        per_group = {}
        for g in groups:
            tr = [row for row in train if row[0] == g]
            te = [row for row in test if row[0] == g]
            predicted, per_group[g] = fit_score(name, tr, te)
        keys = ["accuracy", "macroPrecision", "macroRecall", "macroF1", "weightedF1"]
        summary = {k: round(float(np.mean([m[k] for m in per_group.values()])), 4) for k in keys}
        result = {
            "dataset": args.name or args.test,
            "baseline": name,
            **summary,
            "groups": {str(g): {k: round(v, 4) if isinstance(v, float) else v for k, v in m.items()}
                       for g, m in per_group.items()} if args.group else None,
            "trainRows": len(train),
            "testRows": len(test),
            "fitSeconds": round(sum(m["fitSeconds"] for m in per_group.values()), 2),
            "sklearn": sklearn.__version__,
            "python": platform.python_version(),
        }
        if args.per:
            # Only with --per, so that the output for every other command stays as it was.
            result["per"] = {"column": args.per, "values": per_value(test, predicted)}
            print_per_table(result, args.label)
        results.append(result)
        print(json.dumps(result), flush=True)
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
