"""The classifier's estimators and calibration: threaded one-vs-rest (NB-)SVMs, the softmax
temperature fitted on held-out data, and the held-out split that keeps a matter group on one side.
"""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

from .text import matter_key


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
