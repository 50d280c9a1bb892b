"""Model comparison for the dispatch-by-text classifier (feeds the table in docs/triage.md).

    .venv/bin/python bench/triage_experiments.py [config ...]   # default: all configs

Two leakage-safe evaluations on the public contest data (../shared/data, read in place):
* ``own``: grouped 80/20 split of all labelled bodies; near-duplicates of training removed from
  validation;
* ``subset``: test = 附件2_labeled_subset.csv (S2 rows); training excludes S2 rows and any
  near-duplicate of a test row.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import triage_data as td  # noqa: E402

from grassroots.triage.engine.classifier import TextClassifier  # noqa: E402
from grassroots.triage.engine.evaluate import evaluate_lists  # noqa: E402

# The first rows of docs/triage.md were measured with char 1–3-grams (the default before
# 2026-11-25); C13 keeps them reproducible now that the default is char 2–3-grams (and, since
# 2026-12-02, an NB-SVM with C = 1: OLD pins the plain SVM with C = 0.5 of those rows).
OLD = {"C": 0.5, "nb_alpha": None, "tol": 1e-4}
C13 = {"chars": (1, 3), **OLD}

CONFIGS: dict[str, dict] = {
    "svm_words": {"clf": {**OLD, "model": "svm", "class_weight": None, "chars": None}},
    "svm_chars": {"clf": {**C13, "model": "svm", "class_weight": None, "words": False}},
    "svm": {"clf": {**C13, "model": "svm", "class_weight": None}},
    "svm_C1": {"clf": {**C13, "model": "svm", "class_weight": None, "C": 1.0}},
    "svm_C0.25": {"clf": {**C13, "model": "svm", "class_weight": None, "C": 0.25}},
    "svm_balanced": {"clf": {**C13, "model": "svm", "class_weight": "balanced"}},
    "svm_tw1": {"clf": {**C13, "model": "svm", "class_weight": None, "title_weight": 1}},
    "svm_tw3": {"clf": {**C13, "model": "svm", "class_weight": None, "title_weight": 3}},
    "svm_full_text": {"clf": {**C13, "model": "svm", "class_weight": None, "max_chars": 3000}},
    "lr": {"clf": {**C13, "model": "lr", "class_weight": None}},
    "sgd": {"clf": {**C13, "model": "sgd", "class_weight": None}},
    "cnb": {"clf": {**C13, "model": "cnb"}},
    "ensemble": {"clf": {**C13, "model": "ensemble", "class_weight": None}},
    "svm+titles": {"clf": {**C13, "model": "svm", "class_weight": None}, "titles": True},
    "svm+idf_unlabeled": {"clf": {**C13, "model": "svm", "class_weight": None}, "unlabeled": True},
    "svm+self_training": {
        "clf": {**C13, "model": "svm", "class_weight": None, "self_training": 0.9},
        "unlabeled": True,
    },
    "svm_balanced+titles": {
        "clf": {**C13, "model": "svm", "class_weight": "balanced"},
        "titles": True,
    },
    "svm_C1+titles": {
        "clf": {**C13, "model": "svm", "class_weight": None, "C": 1.0},
        "titles": True,
    },
    "ensemble+titles": {"clf": {**C13, "model": "ensemble", "class_weight": None}, "titles": True},
    "svm+titles+self_training": {
        "clf": {**C13, "model": "svm", "class_weight": None, "self_training": 0.9},
        "unlabeled": True,
        "titles": True,
    },
    # 2026-11-25 sweep around the balanced SVM + title-only rows (numpy n-gram TF-IDF)
    "bal+titles_C1": {"clf": {**C13, "C": 1.0}, "titles": True},
    "bal+titles_C0.25": {"clf": {**C13, "C": 0.25}, "titles": True},
    "bal+titles_full_text": {"clf": {**C13, "max_chars": 3000}, "titles": True},
    "bal+titles_tw1": {"clf": {**C13, "title_weight": 1}, "titles": True},
    "bal+titles_tw3": {"clf": {**C13, "title_weight": 3}, "titles": True},
    "bal+titles_title_block": {"clf": {**C13, "title_block": 1.0}, "titles": True},
    "bal+titles_title_block_C1": {"clf": {**C13, "title_block": 1.0, "C": 1.0}, "titles": True},
    "bal+titles_tol1e-3": {"clf": {**C13, "tol": 1e-3}, "titles": True},
    "bal+titles_chars23_C1": {"clf": {**OLD, "C": 1.0}, "titles": True},
    # 2026-12-02: NB-SVM (features scaled by the naive-Bayes log-count ratio per class)
    "nbsvm_a1": {"clf": {"tol": 1e-4, "nb_alpha": 1.0, "C": 0.5}, "titles": True},
    "nbsvm_a0.1": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 0.5}, "titles": True},
    "nbsvm_a0.01": {"clf": {"tol": 1e-4, "nb_alpha": 0.01, "C": 0.5}, "titles": True},
    "nbsvm_a0.1_C1": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0}, "titles": True},
    "nbsvm_a0.1_C0.25": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 0.25}, "titles": True},
    "nbsvm_a0.1_tol1e-2": {"clf": {"nb_alpha": 0.1, "tol": 1e-2, "C": 0.5}, "titles": True},
    "nbsvm_a0.1_C2": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 2.0}, "titles": True},
    "nbsvm_a0.03_C1": {"clf": {"tol": 1e-4, "nb_alpha": 0.03, "C": 1.0}, "titles": True},
    "nbsvm_a0.3_C1": {"clf": {"tol": 1e-4, "nb_alpha": 0.3, "C": 1.0}, "titles": True},
    "nbsvm_a0.1_C1+self_training": {
        "clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "self_training": 0.9},
        "unlabeled": True,
        "titles": True,
    },
    "nbsvm_a0.1_C1_full_text": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "max_chars": 3000}, "titles": True},
    "nbsvm_a0.1_C1_ensemble": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "model": "ensemble"}, "titles": True},
    "nbsvm_a0.1_C1_title_block": {
        "clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "title_block": 1.0},
        "titles": True,
    },
    "nbsvm_a0.1_C1_unbalanced": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "class_weight": None}, "titles": True},
    "nbsvm_a0.1_C1_chars13": {"clf": {"tol": 1e-4, "nb_alpha": 0.1, "C": 1.0, "chars": (1, 3)}, "titles": True},
    "nbsvm_a0.1_C1_tol1e-2": {"clf": {"nb_alpha": 0.1, "C": 1.0, "tol": 1e-2}, "titles": True},
    "nbsvm_a0.1_C1_tol1e-3": {"clf": {"nb_alpha": 0.1, "C": 1.0, "tol": 1e-3}, "titles": True},
    "chosen_2026_11_25": {"clf": OLD, "titles": True},
    "chosen": {"clf": {}, "titles": True},  # NB-SVM, alpha 0.1, C = 1, tol 1e-2 (2026-12-02)
}


def splits():
    t0 = time.perf_counter()
    own_tr, own_va, own_ti = td.own_split()
    sub_tr, sub_te, sub_ti = td.subset_split()
    unl = td.dedup(td.load_unlabeled())
    # unlabeled texts that are near-duplicates of an evaluation message are not used
    unl_own = td.drop_near(unl, own_va)
    unl_sub = td.drop_near(unl, sub_te)
    print(f"splits ready in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return {
        "own": (own_tr, own_va, own_ti, unl_own),
        "subset": (sub_tr, sub_te, sub_ti, unl_sub),
    }


def run(name: str, cfg: dict, split) -> dict:
    train, test, titles, unl = split
    if cfg.get("titles"):
        train = train + titles
    clf = TextClassifier(**cfg["clf"])
    unlabeled = [(d.title, d.text) for d in unl] if cfg.get("unlabeled") else None
    res, clf = evaluate_lists(
        ([d.title for d in train], [d.text for d in train], [d.label for d in train]),
        ([d.title for d in test], [d.text for d in test], [d.label for d in test]),
        classifier=clf,
        unlabeled=unlabeled,
    )
    res["min_recall"] = min(res["recall"].values())
    res["temperatures"] = clf.metrics["temperatures"]
    return res


def main(argv: list[str]) -> None:
    names = argv or list(CONFIGS)
    sp = splits()
    for name in names:
        for split_name, split in sp.items():
            res = run(name, CONFIGS[name], split)
            print(json.dumps({"config": name, "split": split_name, **res}, ensure_ascii=False))
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
