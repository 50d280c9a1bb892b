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
import zlib
from collections import Counter
from collections.abc import Callable, Sequence

import joblib
import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import ComplementNB
from sklearn.svm import LinearSVC

from .text import char_text, clean_for_model, matter_key, tokenize_many

FORMAT_VERSION = 2  # 2: numpy hashed n-gram TF-IDF (format-1 blobs must be retrained)
PARALLEL_MIN_DOCS = 20_000  # below this, tokenizing in-process is faster than forking
MODELS = ("svm", "lr", "sgd", "cnb", "ensemble")

Progress = Callable[[float, str], None] | None


# ---------------------------------------------------------------------- vectorizers
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _hash(keys: np.ndarray, bits: int) -> np.ndarray:
    """Fibonacci hashing of int64 keys into ``2**bits`` buckets."""
    return ((keys.astype(np.uint64) * _GOLDEN) >> np.uint64(64 - bits)).astype(np.int64)


def _ngram_keys(codes: np.ndarray, lo: int, hi: int, shift: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, start positions) of the lo..hi-grams of a 0-separated code array.

    A gram is ``c0 | c1 << shift | c2 << 2·shift``; codes are ≥ 1 so grams of different lengths
    never collide, and grams containing a 0 (a document or token-gap separator) are skipped.
    """
    keys, starts = [], []
    n = len(codes)
    for k in range(lo, hi + 1):
        if n < k:
            continue
        m = n - k + 1
        key = codes[:m].copy()
        ok = key != 0
        for j in range(1, k):
            c = codes[j : j + m]
            ok &= c != 0
            key |= c << (shift * j)
        pos = np.flatnonzero(ok)
        keys.append(key[pos])
        starts.append(pos)
    if not keys:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(keys), np.concatenate(starts)


class _HashedTfidf:
    """Sublinear-tf TF-IDF over hashed integer n-gram keys, fully vectorised with numpy.

    Same weighting as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` (smooth idf, l2 rows),
    but the n-grams are integer keys computed on whole arrays, hashed into ``2**bits`` buckets
    (collisions mostly merge rare grams), filtered by ``min_df`` and capped at ``max_features``
    (most frequent kept).  Only the kept bucket ids and their idf are stored.
    """

    chunk_docs = 20_000

    def __init__(self, min_df: int = 2, max_features: int | None = None, bits: int = 23):
        self.min_df = min_df
        self.max_features = max_features
        self.bits = bits
        self.kept_: np.ndarray | None = None
        self.idf_: np.ndarray | None = None
        self._lut = None

    # subclasses: (keys, row index) of a batch of documents
    def _keys(self, docs, fitting: bool) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_lut"] = None  # rebuilt from kept_ on first use
        return state

    @property
    def n_features(self) -> int:
        return 0 if self.kept_ is None else len(self.kept_)

    def _lookup(self) -> np.ndarray:
        if self._lut is None:
            lut = np.full(2**self.bits, -1, dtype=np.int32)
            lut[self.kept_] = np.arange(len(self.kept_), dtype=np.int32)
            self._lut = lut
        return self._lut

    def _counts(self, docs, fitting: bool) -> sp.csr_matrix:
        """Doc × bucket counts (all buckets), in chunks to bound memory."""
        parts = []
        for i in range(0, max(len(docs), 1), self.chunk_docs):
            chunk = docs[i : i + self.chunk_docs]
            keys, rows = self._keys(chunk, fitting)
            buckets = _hash(keys, self.bits)
            m = sp.csr_matrix(
                (np.ones(len(buckets), np.float32), (rows, buckets)),
                shape=(len(chunk), 2**self.bits),
            )
            m.sum_duplicates()
            parts.append(m)
        return sp.vstack(parts, format="csr") if len(parts) > 1 else parts[0]

    def _weight(self, counts: sp.csr_matrix, cols: np.ndarray) -> sp.csr_matrix:
        """Keep the columns with ``cols >= 0`` (renumbered), then tf-idf + l2."""
        keep = cols[counts.indices] if len(counts.indices) else np.zeros(0, np.int32)
        mask = keep >= 0
        row_of = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))[mask]
        indptr = np.zeros(counts.shape[0] + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of, minlength=counts.shape[0]), out=indptr[1:])
        indices = keep[mask]
        data = (1.0 + np.log(counts.data[mask])) * self.idf_[indices]
        X = sp.csr_matrix(
            (data.astype(np.float32), indices, indptr), shape=(counts.shape[0], self.n_features)
        )
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        X.data /= np.repeat(norms, np.diff(X.indptr)).astype(np.float32)
        X.sort_indices()
        return X

    def fit_transform(self, docs) -> sp.csr_matrix:
        counts = self._counts(docs, fitting=True)
        df = np.bincount(counts.indices, minlength=2**self.bits)
        kept = np.flatnonzero(df >= self.min_df)
        if self.max_features and len(kept) > self.max_features:
            order = np.argsort(-df[kept], kind="stable")[: self.max_features]
            kept = np.sort(kept[order])
        self.kept_ = kept
        n = counts.shape[0]
        self.idf_ = (np.log((1.0 + n) / (1.0 + df[kept])) + 1.0).astype(np.float32)
        self._lut = None
        return self._weight(counts, self._lookup())

    def transform(self, docs) -> sp.csr_matrix:
        """Only the kept columns are counted (one ``np.unique``; fast for one document too)."""
        n, nf = len(docs), self.n_features
        keys, rows = self._keys(docs, fitting=False)
        cols = self._lookup()[_hash(keys, self.bits)]
        keep = cols >= 0
        cell, counts = np.unique(rows[keep] * nf + cols[keep], return_counts=True)
        r, c = np.divmod(cell, nf)
        data = (1.0 + np.log(counts)) * self.idf_[c]
        norms = np.sqrt(np.bincount(r, weights=data * data, minlength=n))
        norms[norms == 0] = 1.0
        data /= norms[r]
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=n), out=indptr[1:])
        return sp.csr_matrix((data.astype(np.float32), c, indptr), shape=(n, nf))


class CharNgramTfidf(_HashedTfidf):
    """Character lo..hi-gram TF-IDF of ``char_text(doc)`` (digits → 0, whitespace removed)."""

    def __init__(self, ngram_range=(1, 3), min_df=2, max_features=400_000, bits=23):
        super().__init__(min_df, max_features, bits)
        if not 1 <= ngram_range[0] <= ngram_range[1] <= 3:
            raise ValueError("character n-grams of length 1..3 are supported")
        self.ngram_range = tuple(ngram_range)

    def _keys(self, docs, fitting):
        texts = [char_text(d).replace("\x00", "") for d in docs]
        lens = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        raw = ("\x00".join(texts) + "\x00").encode("utf-32-le")
        codes = np.frombuffer(raw, dtype=np.uint32).astype(np.int64)
        keys, starts = _ngram_keys(codes, *self.ngram_range, shift=21)
        rows = np.repeat(np.arange(len(texts)), lens)[starts]
        return keys, rows


class WordNgramTfidf(_HashedTfidf):
    """jieba word unigram + adjacent-bigram TF-IDF; documents are token lists (``tokenize``).

    The word → id map keeps every training word (also rare ones), so that ``transform`` of a
    training document gives exactly the row ``fit_transform`` gave (hash collisions included).
    """

    def __init__(self, min_df=2, max_features=None, bits=23):
        super().__init__(min_df, max_features, bits)
        self.vocab_: dict[str, int] = {}

    def _keys(self, docs, fitting):
        vocab = self.vocab_
        flat: list[int] = []
        if fitting:
            for doc in docs:
                for t in doc:
                    i = vocab.get(t)
                    if i is None:
                        i = vocab[t] = len(vocab) + 1
                    flat.append(i)
                flat.append(0)
        else:
            get = vocab.get
            for doc in docs:
                flat.extend([get(t, 0) for t in doc])
                flat.append(0)
        codes = np.array(flat, dtype=np.int64)
        lens = np.fromiter((len(d) + 1 for d in docs), dtype=np.int64, count=len(docs))
        keys, starts = _ngram_keys(codes, 1, 2, shift=31)
        rows = np.repeat(np.arange(len(docs)), lens)[starts]
        return keys, rows


class ThreadedOvRSVC:
    """One-vs-rest linear SVMs (liblinear) whose binary problems are solved in threads.

    liblinear releases the GIL, so ``n_jobs`` threads share the work without copying the data to
    other processes.  The binary problems are exactly those of ``LinearSVC``'s own multi-class
    one-vs-rest (class k weighted by ``class_weight[k]``, the rest by 1).  Coefficients are kept
    as float32 (half the blob).

    With ``nb_alpha`` set, each binary problem is an NB-SVM (Wang & Manning 2012): its features
    are scaled by the naive-Bayes log-count ratio r = log((p/|p|₁) / (q/|q|₁)) of the class
    against the rest (p, q: summed feature values of each side plus ``nb_alpha``).  The ratio is
    folded into the stored coefficients (w·(x∘r) = (w∘r)·x), so prediction and the blob are the
    same as for a plain SVM.
    """

    def __init__(
        self,
        C=0.5,
        class_weight=None,
        tol=1e-4,
        max_iter=1000,
        n_jobs=2,
        random_state=0,
        nb_alpha=None,
    ):
        self.C = C
        self.class_weight = class_weight
        self.tol = tol
        self.max_iter = max_iter
        self.n_jobs = n_jobs
        self.random_state = random_state
        self.nb_alpha = nb_alpha

    def _nb_ratio(self, X: sp.csr_matrix, target: np.ndarray) -> np.ndarray:
        pos = np.asarray(X[target == 1].sum(axis=0)).ravel() + self.nb_alpha
        neg = np.asarray(X[target == 0].sum(axis=0)).ravel() + self.nb_alpha
        return np.log((pos / pos.sum()) / (neg / neg.sum()))

    def fit(self, X, y) -> ThreadedOvRSVC:
        from concurrent.futures import ThreadPoolExecutor

        y = np.asarray(y)
        self.classes_ = np.unique(y)
        k = len(self.classes_)
        if self.class_weight == "balanced":
            weights = len(y) / (k * np.bincount(np.searchsorted(self.classes_, y), minlength=k))
        else:
            weights = np.ones(k)
        X = sp.csr_matrix(X, dtype=np.float64)  # one conversion instead of one per class

        def one(i: int):
            # binary problem: positive = classes_[1], both sides weighted (as LinearSVC does)
            target = (y == self.classes_[i]).astype(np.int64)
            negative = float(weights[0]) if k == 2 else 1.0
            ratio = self._nb_ratio(X, target) if self.nb_alpha else None
            Xi = X @ sp.diags(ratio, format="csr") if ratio is not None else X
            est = LinearSVC(
                C=self.C,
                class_weight={1: float(weights[i]), 0: negative},
                tol=self.tol,
                max_iter=self.max_iter,
                random_state=self.random_state,
            ).fit(Xi, target)
            coef = est.coef_.ravel() * ratio if ratio is not None else est.coef_.ravel()
            return coef.astype(np.float32), float(est.intercept_[0])

        todo = [1] if k == 2 else list(range(k))
        if self.n_jobs > 1 and len(todo) > 1:
            with ThreadPoolExecutor(self.n_jobs) as pool:
                res = list(pool.map(one, todo))
        else:
            res = [one(i) for i in todo]
        self.coef_ = np.vstack([c for c, _ in res])
        self.intercept_ = np.array([b for _, b in res], dtype=np.float32)
        return self

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_w", None)
        return state

    def decision_function(self, X) -> np.ndarray:
        w = self.__dict__.get("_w")
        if w is None:  # (features × classes), C-contiguous: no copy per call
            w = self._w = np.ascontiguousarray(self.coef_.T)
        s = np.asarray(X @ w) + self.intercept_
        return s.ravel() if s.shape[1] == 1 else s


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


def held_out_split(titles, texts, y, frac: float, seed: int):
    """Held-out slice of about ``frac`` whose matter groups (``text.matter_key``) are not in
    the training part: each group goes to one side by a hash of its key (linear time, the same
    split for the same data). A class whose groups all fell on one side gets one group moved
    across; a class of a single group stays in training only (it cannot be held out without
    a near-copy on both sides). Plain stratified rows if the slice would still be too small;
    None when that is impossible too (a class of one row and too few groups)."""
    buckets = 1000
    cut = int(frac * buckets)
    keys = [matter_key(t, x) for t, x in zip(titles, texts, strict=True)]
    bucket = {k: zlib.crc32(f"{seed}:{k}".encode()) % buckets for k in set(keys)}
    held = {k for k, b in bucket.items() if b < cut}
    groups_of: dict[int, set[str]] = {}
    for k, label in zip(keys, y.tolist(), strict=True):
        groups_of.setdefault(label, set()).add(k)
    for groups in groups_of.values():
        if len(groups) < 2:
            held -= groups
        elif groups <= held:
            held.discard(max(groups, key=bucket.get))
        elif not groups & held:
            held.add(min(groups, key=bucket.get))
    side = np.array([k in held for k in keys])
    idx_tr, idx_cal = np.flatnonzero(~side), np.flatnonzero(side)
    if len(idx_cal) >= 20 and len(np.unique(y[idx_tr])) == len(groups_of):
        return idx_tr, idx_cal
    if min(Counter(y.tolist()).values()) < 2 or int(len(y) * frac) < len(groups_of):
        return None
    return train_test_split(np.arange(len(y)), test_size=int(len(y) * frac), stratify=y,
                            random_state=seed)


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
