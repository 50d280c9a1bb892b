"""Dispatch-by-text classifier: jieba words + character n-grams, TF-IDF, linear model.

Generic in its labels (contest categories, the platform's demand categories, handling-unit
names ...).  Probabilities are calibrated with a softmax temperature fitted on a held-out part
of the training data, so ``predict_top`` returns probabilities that mean what they say.

    clf = TextClassifier().fit(titles, texts, labels, progress=lambda f, msg: ...)
    clf.predict_top("小区噪音扰民", "晚上施工……", k=3)  # [("环境保护", 0.91), ...]
    blob = clf.dumps(); clf2 = TextClassifier.loads(blob)

``progress`` is called as ``progress(fraction_done: float, message: str)``.

Defaults are the configuration chosen in docs/triage.md (NB-SVM: LinearSVC C=1 on features scaled
by each class's naive-Bayes log-count ratio, alpha 0.1; balanced class weights, jieba words + char
2–3-grams, title ×2, first 600 body characters).  Features are built with numpy
(integer n-gram keys, hashed, ``min_df``-filtered, sublinear TF-IDF) instead of scikit-learn's
Python-level analyzers; jieba cuts each distinct block of text once (in ``n_jobs`` forked
processes with ≥ 20,000 documents, not inside daemonic processes); the one-vs-rest SVMs are
solved in ``n_jobs`` threads; with ≥ ``refit_below`` labelled documents the model fitted for
calibration (on 85 %) is kept instead of being refitted.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Callable, Sequence

import joblib
import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.naive_bayes import ComplementNB

# Re-exported: model blobs pickled before the split name these classes in this module.
from .estimators import ThreadedOvRSVC, _fit_temperature, _softmax, held_out_split  # noqa: F401
from .features import CharNgramTfidf, WordNgramTfidf, _HashedTfidf  # noqa: F401
from .text import clean_for_model, tokenize_many

FORMAT_VERSION = 2  # 2: numpy hashed n-gram TF-IDF (format-1 blobs must be retrained)
PARALLEL_MIN_DOCS = 20_000  # below this, tokenizing in-process is faster than forking
MODELS = ("svm", "lr", "sgd", "cnb", "ensemble")

Progress = Callable[[float, str], None] | None


def make_doc(
    title: str | None, text: str | None, title_weight: int = 2, max_chars: int = 600
) -> str:
    title = clean_for_model(title, 200)
    body = clean_for_model(text, max_chars)
    parts = [title] * title_weight if title else []
    if body:
        parts.append(body)
    return "。".join(parts)


class TextClassifier:
    """TF-IDF (words + char n-grams) + linear model with temperature-calibrated probabilities."""

    def __init__(
        self,
        model: str = "svm",
        words: bool = True,
        chars: tuple[int, int] | None = (2, 3),
        title_weight: int = 2,
        max_chars: int = 600,
        C: float = 1.0,
        min_df: int = 2,
        calib_frac: float = 0.15,
        self_training: float | None = None,
        class_weight: str | None = "balanced",
        # 1e-2 gives the same predictions on the contest data as 1e-4 in about half the time
        tol: float = 1e-2,
        nb_alpha: float | None = 0.1,
        title_block: float = 0.0,
        n_jobs: int = 2,
        refit_below: int = 30_000,
        random_state: int = 0,
    ) -> None:
        if model not in MODELS:
            raise ValueError(f"model must be one of {MODELS}")
        if not words and not chars:
            raise ValueError("need word and/or char features")
        self.model = model
        self.words = words
        self.chars = chars
        self.title_weight = title_weight
        self.max_chars = max_chars
        self.C = C
        self.min_df = min_df
        self.calib_frac = calib_frac
        self.self_training = self_training
        self.class_weight = class_weight
        self.tol = tol
        self.nb_alpha = nb_alpha
        self.title_block = title_block
        self.n_jobs = n_jobs
        self.refit_below = refit_below
        self.random_state = random_state
        self.classes_: np.ndarray | None = None
        self.vectorizers_: list[tuple[str, _HashedTfidf]] = []
        self.estimators_: list = []
        self.temperatures_: list[float] = []
        self.metrics: dict = {}

    # ------------------------------------------------------------------ features
    def _docs(self, titles: Sequence[str | None], texts: Sequence[str | None]) -> list[str]:
        return [
            make_doc(t, x, self.title_weight, self.max_chars)
            for t, x in zip(titles, texts, strict=True)
        ]

    def _new_vectorizers(self, n_docs: int) -> list[tuple[str, _HashedTfidf]]:
        min_df = self.min_df if n_docs >= 200 else 1
        vecs: list[tuple[str, _HashedTfidf]] = []
        if self.words:
            vecs.append(("word", WordNgramTfidf(min_df=min_df)))
        if self.chars:
            vecs.append(("char", CharNgramTfidf(tuple(self.chars), min_df=min_df)))
        if self.title_block:
            vecs.append(("title", WordNgramTfidf(min_df=min_df)))
        return vecs

    def _features(
        self, docs: list[str], titles: list[str] | None, fit: bool, report=None
    ) -> sp.csr_matrix:
        mats = []
        for i, (name, vec) in enumerate(self.vectorizers_):
            if report:
                report(i / len(self.vectorizers_), f"{name} features")
            n_jobs = self.n_jobs if fit and len(docs) >= PARALLEL_MIN_DOCS else 1
            if name == "word":
                inp = tokenize_many(docs, n_jobs=n_jobs)
            elif name == "title":
                inp = tokenize_many(titles, n_jobs=n_jobs)
            else:
                inp = docs
            m = vec.fit_transform(inp) if fit else vec.transform(inp)
            if name == "title":
                m = m * np.float32(self.title_block)
            mats.append(m)
        X = sp.hstack(mats, format="csr") if len(mats) > 1 else mats[0]
        if len(mats) > 1:
            X = X * np.float32(1.0 / np.sqrt(len(mats)))
        return X

    def _titles(self, titles: Sequence[str | None]) -> list[str] | None:
        return [clean_for_model(t, 200) for t in titles] if self.title_block else None

    def _transform(self, docs: list[str], titles: list[str] | None = None) -> sp.csr_matrix:
        return self._features(docs, titles, fit=False)

    # ------------------------------------------------------------------ models
    def _estimator_names(self) -> list[str]:
        return ["svm", "lr"] if self.model == "ensemble" else [self.model]

    def _new_estimator(self, name: str):
        rs, cw = self.random_state, self.class_weight
        if name == "svm":
            return ThreadedOvRSVC(
                C=self.C,
                class_weight=cw,
                tol=self.tol,
                n_jobs=self.n_jobs,
                random_state=rs,
                # models pickled before NB-SVM have no attribute (only fit reads it)
                nb_alpha=getattr(self, "nb_alpha", None),
            )
        if name == "lr":
            return LogisticRegression(C=self.C * 40, max_iter=300, class_weight=cw, random_state=rs)
        if name == "sgd":
            return SGDClassifier(
                loss="modified_huber",
                alpha=2e-5,
                max_iter=30,
                tol=1e-4,
                class_weight=cw,
                random_state=rs,
            )
        if name == "cnb":
            return ComplementNB(alpha=0.05)
        raise ValueError(name)

    @staticmethod
    def _scores(est, X) -> np.ndarray:
        if isinstance(est, (ComplementNB, LogisticRegression)):
            s = est.predict_log_proba(X)
        else:
            s = est.decision_function(X)
        s = np.asarray(s, dtype=np.float64)
        if s.ndim == 1:  # binary problem
            s = np.column_stack([-s / 2, s / 2])
        return s

    def _fit_estimators(self, X, y, progress_cb=None) -> list:
        ests = []
        for name in self._estimator_names():
            if progress_cb:
                progress_cb(name)
            est = self._new_estimator(name)
            est.fit(X, y)
            ests.append(est)
        return ests

    def _proba(self, X, estimators=None, temperatures=None) -> np.ndarray:
        estimators = self.estimators_ if estimators is None else estimators
        temperatures = self.temperatures_ if temperatures is None else temperatures
        p = None
        for est, t in zip(estimators, temperatures, strict=True):
            pi = _softmax(self._scores(est, X) / t)
            p = pi if p is None else p + pi
        return p / len(estimators)

    # ------------------------------------------------------------------ API
    def fit(
        self,
        titles: Sequence[str | None],
        texts: Sequence[str | None],
        labels: Sequence[str],
        progress: Progress = None,
        unlabeled: Sequence[tuple[str | None, str | None]] | None = None,
    ) -> TextClassifier:
        """Train.  ``unlabeled`` (title, text) pairs are used for the TF-IDF vocabulary/IDF and,
        if ``self_training`` is a probability threshold, as pseudo-labelled examples."""
        t0 = time.perf_counter()

        def report(frac: float, msg: str) -> None:
            if progress:
                progress(min(max(frac, 0.0), 1.0), msg)

        labels = [str(lab) for lab in labels]
        if len(labels) != len(titles) or len(labels) != len(texts):
            raise ValueError("titles, texts and labels must have the same length")
        counts = Counter(labels)
        if len(counts) < 2:
            raise ValueError("need at least two distinct labels")
        self.classes_ = np.array(sorted(counts))
        index = {c: i for i, c in enumerate(self.classes_)}
        y = np.array([index[lab] for lab in labels])

        report(0.0, "preparing texts")
        docs = self._docs(titles, texts)
        udocs = (
            self._docs([t for t, _ in unlabeled], [x for _, x in unlabeled]) if unlabeled else []
        )
        all_docs = docs + udocs

        self.vectorizers_ = self._new_vectorizers(len(all_docs))
        all_titles = self._titles(list(titles) + [t for t, _ in (unlabeled or [])])
        X_all = self._features(
            all_docs, all_titles, fit=True, report=lambda f, msg: report(0.05 + 0.55 * f, msg)
        )
        X, XU = X_all[: len(docs)], X_all[len(docs) :]
        report(0.6, "calibrating")

        # --- held-out calibration of the softmax temperature(s)
        # A class with a single example stays on the training side (it used to leave every
        # class uncalibrated, with flat probabilities that never reach an auto-dispatch bar).
        n_cal = int(len(y) * self.calib_frac)
        self.temperatures_ = [1.0] * len(self._estimator_names())
        holdout = {}
        calibrated_model = None
        split = (held_out_split(titles, texts, y, self.calib_frac, self.random_state)
                 if n_cal >= 20 else None)
        if split is not None:
            idx_tr, idx_cal = split
            if len(np.unique(y[idx_tr])) == len(self.classes_):
                ests = self._fit_estimators(X[idx_tr], y[idx_tr])
                calibrated_model = ests
                self.temperatures_ = [
                    _fit_temperature(self._scores(e, X[idx_cal]), y[idx_cal]) for e in ests
                ]
                pred = self._proba(X[idx_cal], ests, self.temperatures_).argmax(axis=1)
                holdout = {
                    "holdout_n": int(len(idx_cal)),
                    "holdout_accuracy": round(float(accuracy_score(y[idx_cal], pred)), 4),
                    "holdout_macro_f1": round(
                        float(f1_score(y[idx_cal], pred, average="macro")), 4
                    ),
                }
        report(0.75, "training")
        if calibrated_model is not None and len(y) >= self.refit_below:
            # large data: the model fitted on (1 - calib_frac) of it is kept as is
            self.estimators_ = calibrated_model
        else:
            self.estimators_ = self._fit_estimators(X, y)

        n_pseudo = 0
        if self.self_training and XU.shape[0]:
            report(0.85, "self-training")
            pu = self._proba(XU)
            keep = pu.max(axis=1) >= self.self_training
            n_pseudo = int(keep.sum())
            if n_pseudo:
                X2 = sp.vstack([X, XU[keep]]).tocsr()
                y2 = np.concatenate([y, pu[keep].argmax(axis=1)])
                self.estimators_ = self._fit_estimators(X2, y2)

        self.metrics = {
            "n_train": len(y),
            "n_unlabeled": len(udocs),
            "n_pseudo_labelled": n_pseudo,
            "classes": [str(c) for c in self.classes_],
            "class_counts": {str(c): int(counts[c]) for c in self.classes_},
            "model": self.model,
            "temperatures": [round(t, 4) for t in self.temperatures_],
            "n_features": int(X.shape[1]),
            "train_seconds": round(time.perf_counter() - t0, 2),
            **holdout,
        }
        report(1.0, "done")
        return self

    def _check(self) -> None:
        if self.classes_ is None:
            raise RuntimeError("classifier is not fitted")

    def predict_proba_batch(
        self, titles: Sequence[str | None], texts: Sequence[str | None]
    ) -> np.ndarray:
        self._check()
        return self._proba(self._transform(self._docs(titles, texts), self._titles(titles)))

    def predict_top_batch(
        self, titles: Sequence[str | None], texts: Sequence[str | None], k: int = 3
    ) -> list[list[tuple[str, float]]]:
        p = self.predict_proba_batch(titles, texts)
        k = min(k, p.shape[1])
        top = np.argsort(-p, axis=1, kind="stable")[:, :k]
        return [
            [(str(self.classes_[j]), float(round(p[i, j], 6))) for j in row]
            for i, row in enumerate(top)
        ]

    def predict_top(
        self, title: str | None, text: str | None, k: int = 3
    ) -> list[tuple[str, float]]:
        return self.predict_top_batch([title], [text], k=k)[0]

    def predict(self, titles: Sequence[str | None], texts: Sequence[str | None]) -> list[str]:
        p = self.predict_proba_batch(titles, texts)
        return [str(self.classes_[j]) for j in p.argmax(axis=1)]

    # ------------------------------------------------------------------ persistence
    def dumps(self) -> bytes:
        self._check()
        buf = io.BytesIO()
        joblib.dump({"format": FORMAT_VERSION, "model": self}, buf, compress=3)
        return buf.getvalue()

    @classmethod
    def loads(cls, blob: bytes) -> TextClassifier:
        try:
            obj = joblib.load(io.BytesIO(blob))
        except Exception as exc:  # corrupt or foreign blob
            raise ValueError(f"cannot load classifier blob: {exc}") from exc
        if not isinstance(obj, dict) or obj.get("format") != FORMAT_VERSION:
            raise ValueError("not a TextClassifier blob of a supported format")
        model = obj["model"]
        if not isinstance(model, cls):
            raise ValueError("blob does not contain a TextClassifier")
        return model
