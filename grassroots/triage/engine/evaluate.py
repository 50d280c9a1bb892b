"""Train/test evaluation of the dispatch-by-text classifier from CSV files.

``evaluate_csv(train_csv, test_csv, progress)`` reads two CSVs with columns 留言主题, 留言详情 and
一级标签 (or 一级分类), skips rows with an empty text or label, trains a :class:`TextClassifier`,
and returns the scores as a JSON-serialisable dict.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, recall_score

from .classifier import TextClassifier

TITLE_COLUMNS = ("留言主题", "title", "主题")
TEXT_COLUMNS = ("留言详情", "text", "详情", "content")
LABEL_COLUMNS = ("一级标签", "一级分类", "label", "category")


def _pick(header: Sequence[str], options: Sequence[str], what: str, path: Path) -> str | None:
    for c in options:
        if c in header:
            return c
    if what == "title":
        return None
    raise ValueError(f"{path}: no {what} column (expected one of {', '.join(options)})")


def read_labelled_csv(path: str | Path) -> tuple[list[str], list[str], list[str], int]:
    """(titles, texts, labels, skipped) — rows with an empty text or label are skipped."""
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        tcol = _pick(header, TITLE_COLUMNS, "title", path)
        xcol = _pick(header, TEXT_COLUMNS, "text", path)
        lcol = _pick(header, LABEL_COLUMNS, "label", path)
        titles, texts, labels, skipped = [], [], [], 0
        for row in reader:
            title = (row.get(tcol) or "").strip() if tcol else ""
            text = (row.get(xcol) or "").strip()
            label = (row.get(lcol) or "").strip()
            if not label or not (text or title):
                skipped += 1
                continue
            titles.append(title)
            texts.append(text)
            labels.append(label)
    return titles, texts, labels, skipped


def score_predictions(y_true: Sequence[str], top: Sequence[Sequence[tuple[str, float]]]) -> dict:
    """macro-F1, accuracy, top-3 accuracy and per-class recall from top-k predictions."""
    y_true = list(y_true)
    y_pred = [t[0][0] for t in top]
    labels = sorted(set(y_true))
    recalls = recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0)
    return {
        "n_test": len(y_true),
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=labels, average="macro")), 4),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4),
        "top3_accuracy": round(
            float(
                np.mean(
                    [yt in [lab for lab, _ in t[:3]] for yt, t in zip(y_true, top, strict=True)]
                )
            ),
            4,
        ),
        "recall": {lab: round(float(r), 4) for lab, r in zip(labels, recalls, strict=True)},
    }


def latency_ms(clf: TextClassifier, titles, texts, n: int = 200) -> tuple[float, float]:
    """(p50, p95) in ms of one ``predict_top`` call, over up to n examples."""
    times = []
    clf.predict_top(titles[0], texts[0])  # warm-up (jieba dictionary)
    for i in range(min(n, len(texts))):
        t0 = time.perf_counter()
        clf.predict_top(titles[i], texts[i], k=3)
        times.append((time.perf_counter() - t0) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def evaluate_lists(
    train: tuple[Sequence[str], Sequence[str], Sequence[str]],
    test: tuple[Sequence[str], Sequence[str], Sequence[str]],
    progress: Callable[[float, str], None] | None = None,
    classifier: TextClassifier | None = None,
    unlabeled: Sequence[tuple[str, str]] | None = None,
) -> tuple[dict, TextClassifier]:
    clf = classifier or TextClassifier()

    def sub(lo: float, hi: float):
        if not progress:
            return None
        return lambda f, msg: progress(lo + (hi - lo) * f, msg)

    t0 = time.perf_counter()
    clf.fit(*train, progress=sub(0.0, 0.85), unlabeled=unlabeled)
    train_seconds = time.perf_counter() - t0
    if progress:
        progress(0.86, "predicting")
    top = clf.predict_top_batch(test[0], test[1], k=3)
    result = {"n_train": len(train[2]), **score_predictions(test[2], top)}
    if progress:
        progress(0.93, "measuring latency")
    _, p95 = latency_ms(clf, list(test[0]), list(test[1]))
    result["train_seconds"] = round(train_seconds, 2)
    result["predict_ms_p95"] = round(p95, 3)
    if progress:
        progress(1.0, "done")
    return result, clf


def evaluate_csv(
    train_csv: str | Path,
    test_csv: str | Path,
    progress: Callable[[float, str], None] | None = None,
    classifier: TextClassifier | None = None,
) -> dict:
    """Train on ``train_csv``, evaluate on ``test_csv``; returns
    {n_train, n_test, macro_f1, accuracy, top3_accuracy, recall, train_seconds, predict_ms_p95,
    skipped_train, skipped_test}."""
    *train, skipped_train = read_labelled_csv(train_csv)
    *test, skipped_test = read_labelled_csv(test_csv)
    if not test[2]:
        raise ValueError(f"{test_csv}: no usable rows")
    result, _ = evaluate_lists(tuple(train), tuple(test), progress, classifier)
    keys = ["n_train", "n_test", "macro_f1", "accuracy", "top3_accuracy", "recall"]
    out = {k: result[k] for k in keys}
    out["train_seconds"] = result["train_seconds"]
    out["predict_ms_p95"] = result["predict_ms_p95"]
    out["skipped_train"] = skipped_train
    out["skipped_test"] = skipped_test
    return out
