"""Dispatch-by-text classifier: jieba words + character n-grams, TF-IDF, linear model.

Generic in its labels (contest categories, the platform's demand categories, handling-unit
names ...).  Probabilities are calibrated with a softmax temperature fitted on a held-out part
of the training data, so ``predict_top`` returns probabilities that mean what they say.

    clf = TextClassifier().fit(titles, texts, labels, progress=lambda f, msg: ...)
    clf.predict_top("小区噪音扰民", "晚上施工……", k=3)  # [("环境保护", 0.91), ...]
    blob = clf.dumps(); clf2 = TextClassifier.loads(blob)

``progress`` is called as ``progress(fraction_done: float, message: str)``.

Defaults are the configuration chosen in docs/triage.md (LinearSVC C=0.5, balanced class weights,
jieba words + char 1–3-grams, title ×2, first 600 body characters).  With ≥ 20,000 documents jieba
runs in ``n_jobs`` processes (not inside daemonic processes); with ≥ ``refit_below`` labelled
documents the model fitted for calibration (on 85 %) is kept instead of being refitted.
"""

from __future__ import annotations

import io
import time
from collections import Counter
from collections.abc import Callable, Sequence

import joblib
import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

from .text import char_text, clean_for_model, tokenize

FORMAT_VERSION = 1
PARALLEL_MIN_DOCS = 20_000  # below this, tokenizing in-process is faster than forking
MODELS = ("svm", "lr", "sgd", "cnb", "ensemble")

Progress = Callable[[float, str], None] | None


def word_analyzer(doc: str) -> list[str]:
    """jieba unigrams + adjacent bigrams (module-level so that the vectorizer pickles)."""
    toks = tokenize(doc)
    return toks + [a + "_" + b for a, b in zip(toks, toks[1:], strict=False)]


def _passthrough(tokens: list[str]) -> list[str]:
    return tokens


def _in_daemon_process() -> bool:
    import multiprocessing as mp

    return bool(mp.current_process().daemon)


def _parallel_word_features(docs: list[str], n_jobs: int) -> list[list[str]]:
    """word_analyzer over many docs in ``n_jobs`` processes (jieba is single-threaded)."""
    import multiprocessing as mp

    chunk = max(1, len(docs) // (n_jobs * 8))
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(n_jobs) as pool:
        return pool.map(word_analyzer, docs, chunksize=chunk)


def make_doc(
    title: str | None, text: str | None, title_weight: int = 2, max_chars: int = 600
) -> str:
    title = clean_for_model(title, 200)
    body = clean_for_model(text, max_chars)
    parts = [title] * title_weight if title else []
    if body:
        parts.append(body)
    return "。".join(parts)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(scores: np.ndarray, y: np.ndarray) -> float:
    """Temperature T minimising the NLL of softmax(scores / T) on held-out data."""
    if len(y) == 0:
        return 1.0

    def nll(log_t: float) -> float:
        p = _softmax(scores / np.exp(log_t))
        return -float(np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-12, None))))

    res = minimize_scalar(nll, bounds=(-6.0, 4.0), method="bounded")
    return float(np.exp(res.x))


class TextClassifier:
    """TF-IDF (words + char n-grams) + linear model with temperature-calibrated probabilities."""

    def __init__(
        self,
        model: str = "svm",
        words: bool = True,
        chars: tuple[int, int] | None = (1, 3),
        title_weight: int = 2,
        max_chars: int = 600,
        C: float = 0.5,
        min_df: int = 2,
        calib_frac: float = 0.15,
        self_training: float | None = None,
        class_weight: str | None = "balanced",
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
        self.n_jobs = n_jobs
        self.refit_below = refit_below
        self.random_state = random_state
        self.classes_: np.ndarray | None = None
        self.vectorizers_: list[tuple[str, TfidfVectorizer]] = []
        self.estimators_: list = []
        self.temperatures_: list[float] = []
        self.metrics: dict = {}

    # ------------------------------------------------------------------ features
    def _docs(self, titles: Sequence[str | None], texts: Sequence[str | None]) -> list[str]:
        return [
            make_doc(t, x, self.title_weight, self.max_chars)
            for t, x in zip(titles, texts, strict=True)
        ]

    def _new_vectorizers(self, n_docs: int) -> list[tuple[str, TfidfVectorizer]]:
        min_df = self.min_df if n_docs >= 200 else 1
        vecs = []
        if self.words:
            vecs.append(
                (
                    "word",
                    TfidfVectorizer(
                        analyzer=word_analyzer, sublinear_tf=True, min_df=min_df, dtype=np.float32
                    ),
                )
            )
        if self.chars:
            vecs.append(
                (
                    "char",
                    TfidfVectorizer(
                        analyzer="char",
                        ngram_range=tuple(self.chars),
                        preprocessor=char_text,
                        sublinear_tf=True,
                        min_df=min_df,
                        max_features=400_000,
                        dtype=np.float32,
                    ),
                )
            )
        return vecs

    def _transform(self, docs: list[str]) -> sp.csr_matrix:
        mats = [v.transform(docs) for _, v in self.vectorizers_]
        X = sp.hstack(mats).tocsr() if len(mats) > 1 else mats[0].tocsr()
        if len(mats) > 1:
            X = X * (1.0 / np.sqrt(len(mats)))
        return X

    # ------------------------------------------------------------------ models
    def _estimator_names(self) -> list[str]:
        return ["svm", "lr"] if self.model == "ensemble" else [self.model]

    def _new_estimator(self, name: str):
        rs, cw = self.random_state, self.class_weight
        if name == "svm":
            return LinearSVC(C=self.C, class_weight=cw, random_state=rs)
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
        nvec = len(self.vectorizers_)
        mats = []
        pretokenized = None
        if (
            self.words
            and self.n_jobs > 1
            and len(all_docs) >= PARALLEL_MIN_DOCS
            and not _in_daemon_process()  # e.g. a Celery prefork worker cannot fork children
        ):
            report(0.02, "tokenizing")
            pretokenized = _parallel_word_features(all_docs, self.n_jobs)
        for i, (name, vec) in enumerate(self.vectorizers_):
            report(0.05 + 0.55 * i / nvec, f"{name} features")
            if name == "word" and pretokenized is not None:
                vec.analyzer = _passthrough
                mats.append(vec.fit_transform(pretokenized))
                vec.analyzer = word_analyzer
            else:
                mats.append(vec.fit_transform(all_docs))
        del pretokenized
        X_all = sp.hstack(mats).tocsr() if nvec > 1 else mats[0].tocsr()
        if nvec > 1:
            X_all = X_all * (1.0 / np.sqrt(nvec))
        X, XU = X_all[: len(docs)], X_all[len(docs) :]
        report(0.6, "calibrating")

        # --- held-out calibration of the softmax temperature(s)
        n_cal = int(len(y) * self.calib_frac)
        can_stratify = min(counts.values()) >= 2 and n_cal >= len(counts)
        self.temperatures_ = [1.0] * len(self._estimator_names())
        holdout = {}
        calibrated_model = None
        if n_cal >= 20 and can_stratify:
            idx_tr, idx_cal = train_test_split(
                np.arange(len(y)), test_size=n_cal, stratify=y, random_state=self.random_state
            )
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
        return self._proba(self._transform(self._docs(titles, texts)))

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
