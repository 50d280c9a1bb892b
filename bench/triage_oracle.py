"""How far any per-class bias/threshold adjustment could take the default classifier (issue 5).

    .venv/bin/python bench/triage_oracle.py

Not a result to quote as the model's score: per-class offsets on the log-probabilities are tuned
on the evaluation side itself (coordinate ascent over a grid, 5 passes), which no deployed model
can do. It bounds what calibration, thresholds, class weights or prior shifts could give on the two
leakage-safe evaluations of ``triage_experiments.py``: the best macro-F1, the best weakest-class
recall, and the best macro-F1 among offsets that put every class's recall at ≥ 0.88.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import triage_experiments as te  # noqa: E402
from sklearn.metrics import f1_score, recall_score  # noqa: E402

from grassroots.triage.engine.classifier import TextClassifier  # noqa: E402

GRID = np.linspace(-3, 3, 121)
RECALL_GOAL = 0.88


def ascend(P, y, better, start=None, passes=5):
    """Coordinate ascent of per-class offsets; ``better(new, old)`` compares (f1, min_recall)."""

    def score(off):
        pred = (P + off).argmax(1)
        return f1_score(y, pred, average="macro"), recall_score(y, pred, average=None).min()

    off = np.zeros(P.shape[1]) if start is None else start.copy()
    best = score(off)
    for _ in range(passes):
        for j in range(P.shape[1]):
            for g in GRID:
                trial = off.copy()
                trial[j] = g
                s = score(trial)
                if better(s, best):
                    best, off = s, trial
    return best, off


def main() -> None:
    for name, (train, test, titles, _unl) in te.splits().items():
        train = train + titles
        clf = TextClassifier().fit([d.title for d in train], [d.text for d in train],
                                   [d.label for d in train])
        P = np.log(clf.predict_proba_batch([d.title for d in test], [d.text for d in test])
                   + 1e-12)
        classes = list(clf.classes_)
        y = np.array([classes.index(d.label) for d in test])
        base, _ = ascend(P, y, lambda s, b: False, passes=1)
        max_f1, _ = ascend(P, y, lambda s, b: s[0] > b[0] + 1e-9)
        max_rec, off = ascend(P, y, lambda s, b: s[1] > b[1] + 1e-9
                              or (abs(s[1] - b[1]) < 1e-9 and s[0] > b[0] + 1e-9))
        both = None
        if max_rec[1] >= RECALL_GOAL:
            both, _ = ascend(P, y, lambda s, b: s[1] >= RECALL_GOAL and s[0] > b[0] + 1e-9,
                             start=off)
        print(json.dumps({
            "split": name, "n_test": len(test),
            "model": {"macro_f1": round(base[0], 4), "min_recall": round(base[1], 4)},
            "offsets_for_macro_f1": {"macro_f1": round(max_f1[0], 4),
                                     "min_recall": round(max_f1[1], 4)},
            "offsets_for_min_recall": {"macro_f1": round(max_rec[0], 4),
                                       "min_recall": round(max_rec[1], 4)},
            "best_macro_f1_with_every_recall_ge_0.88": None if both is None
            else round(both[0], 4),
        }, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
