"""Near-duplicate and recurrence detection for short Chinese texts.

Character 2–3-gram TF-IDF (hashed, so the index can grow without refitting a vocabulary) and
cosine similarity.  IDF is computed from the candidates held in the index, so boiler-plate that
every message shares ("尊敬的领导", "小区") weighs little.  A few thousand candidates are matched
in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from .text import bare_text

DEFAULT_THRESHOLD = 0.6

N_FEATURES = 2**20
_HASHER = HashingVectorizer(
    analyzer="char",
    ngram_range=(2, 3),
    n_features=N_FEATURES,
    alternate_sign=False,
    norm=None,
    preprocessor=bare_text,
    dtype=np.float32,
)


# The same candidates are matched again by every intake of their town and window, so each text's
# n-gram row is hashed once per process and kept (by a digest of the text; LRU, ~1-2 KB a row).
CACHE_ROWS = 20_000
_cache: OrderedDict[bytes, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_cache_lock = threading.Lock()


def _counts(texts: list[str]) -> sp.csr_matrix:
    """Sublinear-tf hashed char n-gram counts of ``texts`` (rows in order)."""
    keys = [hashlib.blake2b(t.encode(), digest_size=16).digest() for t in texts]
    rows: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(texts)
    with _cache_lock:
        for i, key in enumerate(keys):
            hit = _cache.get(key)
            if hit is not None:
                _cache.move_to_end(key)
                rows[i] = hit
    missing = [i for i, r in enumerate(rows) if r is None]
    if missing:
        m = _HASHER.transform([texts[i] for i in missing]).tocsr()
        m.data = 1.0 + np.log(m.data)  # sublinear tf
        with _cache_lock:
            for j, i in enumerate(missing):
                lo, hi = m.indptr[j], m.indptr[j + 1]
                rows[i] = (m.indices[lo:hi].copy(), m.data[lo:hi].copy())
                _cache[keys[i]] = rows[i]
            while len(_cache) > CACHE_ROWS:
                _cache.popitem(last=False)
    indptr = np.zeros(len(texts) + 1, dtype=np.int32)
    np.cumsum([len(r[0]) for r in rows], out=indptr[1:])
    indices = np.concatenate([r[0] for r in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([r[1] for r in rows]) if rows else np.zeros(0, np.float32)
    return sp.csr_matrix((data, indices, indptr), shape=(len(texts), N_FEATURES))


def _row_normalize(data: np.ndarray, rows: np.ndarray, n_rows: int) -> np.ndarray:
    """``data`` (float32, one entry per n-gram, ``rows`` its row) divided by its row's L2 norm,
    computed as sklearn's ``normalize`` does (float32 squares summed in double); empty rows
    stay zero."""
    norms = np.sqrt(np.bincount(rows, weights=(data * data).astype(np.float64), minlength=n_rows))
    norms[norms == 0.0] = 1.0
    return (data / norms[rows]).astype(np.float32)


class NearDuplicateIndex:
    """Incremental index of (id, text) pairs queried by cosine similarity of char n-gram TF-IDF.

    The matrix keeps only the hashed columns its documents use (a few thousand of the 2**20), so
    building a small index costs no more than its documents. A query n-gram no document has
    still weighs in the query's norm (idf = log(1 + n) + 1), exactly as in the full space.
    """

    def __init__(self) -> None:
        self.ids: list[Hashable] = []
        self._blocks: list[sp.csr_matrix] = []
        self._matrix: sp.csr_matrix | None = None
        self._matrix_t: sp.csr_matrix | None = None
        self._cols: np.ndarray | None = None  # the hashed columns present, sorted
        self._idf: np.ndarray | None = None  # idf of each present column, then of an absent one

    def __len__(self) -> int:
        return len(self.ids)

    def add_many(self, items: Iterable[tuple[Hashable, str]]) -> None:
        items = list(items)
        if not items:
            return
        self.ids.extend(i for i, _ in items)
        self._blocks.append(_counts([t or "" for _, t in items]))
        self._matrix = None

    def add(self, item_id: Hashable, text: str) -> None:
        self.add_many([(item_id, text)])

    def _build(self) -> None:
        counts = (sp.vstack(self._blocks).tocsr() if len(self._blocks) > 1 else self._blocks[0]) \
            if self._blocks else sp.csr_matrix((0, N_FEATURES), dtype=np.float32)
        self._blocks = [counts]
        n = counts.shape[0]
        # rows keep their sorted order: the column map is monotone
        self._cols, compact = np.unique(counts.indices, return_inverse=True)
        k = len(self._cols)
        df = np.zeros(k + 1, dtype=np.float32)
        df[:k] = np.bincount(compact, minlength=k)
        self._idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        # one spare (empty) column: the space is never empty, even for documents without n-grams
        weighted = sp.csr_matrix((counts.data * self._idf[compact], compact, counts.indptr),
                                 shape=(n, k + 1))
        self._matrix = l2_normalize(weighted, copy=False).tocsr()
        # n-gram-major copy: a query touches only the rows of its own n-grams
        self._matrix_t = self._matrix.T.tocsr()

    def _vectors(self, texts: list[str]) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows of ``texts`` over the index's columns."""
        if self._matrix is None:
            self._build()
        q = _counts(texts)
        k = len(self._cols)
        pos = np.searchsorted(self._cols, q.indices)
        present = pos < k
        present[present] = self._cols[pos[present]] == q.indices[present]
        data = q.data * self._idf[np.where(present, pos, k)]
        rows = np.repeat(np.arange(q.shape[0]), np.diff(q.indptr))
        data = _row_normalize(data, rows, q.shape[0])
        indptr = np.zeros(q.shape[0] + 1, dtype=q.indptr.dtype)
        np.cumsum(np.bincount(rows[present], minlength=q.shape[0]), out=indptr[1:])
        return sp.csr_matrix((data[present], pos[present], indptr), shape=(q.shape[0], k + 1))

    def scores(self, text: str) -> np.ndarray:
        if not self.ids:
            return np.zeros(0, dtype=np.float32)
        v = self._vectors([text])
        return np.asarray((v @ self._matrix_t).toarray()).ravel()

    def query(
        self, text: str, threshold: float = DEFAULT_THRESHOLD, top: int | None = 10
    ) -> list[tuple[Hashable, float]]:
        """Candidates with cosine >= threshold, best first."""
        s = self.scores(text)
        if s.size == 0:
            return []
        hits = np.nonzero(s >= threshold)[0]
        hits = hits[np.argsort(-s[hits], kind="stable")]
        if top is not None:
            hits = hits[:top]
        return [(self.ids[i], round(float(s[i]), 4)) for i in hits]

    def best(self, text: str) -> tuple[Hashable | None, float]:
        s = self.scores(text)
        if s.size == 0:
            return None, 0.0
        i = int(np.argmax(s))
        return self.ids[i], float(s[i])

    def best_batch(
        self, texts: list[str], chunk: int = 2000
    ) -> list[tuple[Hashable | None, float]]:
        """Best match for each of many texts (vectorised)."""
        if not self.ids:
            return [(None, 0.0)] * len(texts)
        out: list[tuple[Hashable | None, float]] = []
        for start in range(0, len(texts), chunk):
            sim = (self._vectors(texts[start : start + chunk]) @ self._matrix_t).tocsr()
            for r in range(sim.shape[0]):
                row = sim.getrow(r)
                if row.nnz == 0:
                    out.append((None, 0.0))
                    continue
                j = int(np.argmax(row.data))
                out.append((self.ids[row.indices[j]], float(row.data[j])))
        return out

    def pairwise(
        self, threshold: float = DEFAULT_THRESHOLD
    ) -> list[tuple[Hashable, Hashable, float]]:
        """All pairs inside the index with cosine >= threshold (i < j)."""
        if self._matrix is None:
            self._build()
        sim = (self._matrix @ self._matrix.T).tocoo()
        mask = (sim.row < sim.col) & (sim.data >= threshold)
        return [
            (self.ids[i], self.ids[j], round(float(v), 4))
            for i, j, v in zip(sim.row[mask], sim.col[mask], sim.data[mask], strict=True)
        ]


def find_duplicates(
    text: str,
    candidates: Iterable[tuple[Hashable, str]],
    threshold: float = DEFAULT_THRESHOLD,
    top: int | None = 10,
) -> list[tuple[Hashable, float]]:
    """Given a new text and (id, text) candidates, return [(id, score)] with score >= threshold."""
    idx = NearDuplicateIndex()
    idx.add_many(candidates)
    return idx.query(text, threshold=threshold, top=top)


def similarity(a: str, b: str) -> float:
    """Cosine similarity of two texts (char 2–3-gram, sublinear tf, no IDF)."""
    m = _counts([a or "", b or ""])
    data = _row_normalize(m.data, np.repeat(np.arange(2), np.diff(m.indptr)), 2)
    ia, ib = m.indices[: m.indptr[1]], m.indices[m.indptr[1]:]
    _common, ja, jb = np.intersect1d(ia, ib, assume_unique=True, return_indices=True)
    if not len(ja):
        return 0.0
    # summed in float32 in column order, as the sparse product did
    products = data[: m.indptr[1]][ja] * data[m.indptr[1]:][jb]
    return float(np.cumsum(products, dtype=np.float32)[-1])
