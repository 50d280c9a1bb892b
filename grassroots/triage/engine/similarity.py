"""Near-duplicate and recurrence detection for short Chinese texts.

Character 2–3-gram TF-IDF (hashed, so the index can grow without refitting a vocabulary) and
cosine similarity.  IDF is computed from the candidates held in the index, so boiler-plate that
every message shares ("尊敬的领导", "小区") weighs little.  A few thousand candidates are matched
in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from .text import bare_text

DEFAULT_THRESHOLD = 0.6

_HASHER = HashingVectorizer(
    analyzer="char",
    ngram_range=(2, 3),
    n_features=2**20,
    alternate_sign=False,
    norm=None,
    preprocessor=bare_text,
    dtype=np.float32,
)


def _counts(texts: list[str]) -> sp.csr_matrix:
    m = _HASHER.transform(texts).tocsr()
    m.data = 1.0 + np.log(m.data)  # sublinear tf
    return m


class NearDuplicateIndex:
    """Incremental index of (id, text) pairs queried by cosine similarity of char n-gram TF-IDF."""

    def __init__(self) -> None:
        self.ids: list[Hashable] = []
        self._blocks: list[sp.csr_matrix] = []
        self._matrix: sp.csr_matrix | None = None
        self._matrix_t: sp.csr_matrix | None = None
        self._idf: np.ndarray | None = None

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
        counts = sp.vstack(self._blocks).tocsr() if self._blocks else sp.csr_matrix((0, 2**20))
        self._blocks = [counts]
        n = counts.shape[0]
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float32)
        self._idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
        self._matrix = l2_normalize(self._weight(counts), copy=False).tocsr()
        # n-gram-major copy: a query touches only the rows of its own n-grams
        self._matrix_t = self._matrix.T.tocsr()

    def _weight(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        m = counts.copy()
        m.data = m.data * self._idf[m.indices]
        return m

    def _vectors(self, texts: list[str]) -> sp.csr_matrix:
        if self._matrix is None:
            self._build()
        return l2_normalize(self._weight(_counts(texts))).tocsr()

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
    m = l2_normalize(_counts([a or "", b or ""]))
    return float((m[0] @ m[1].T).toarray()[0, 0])
