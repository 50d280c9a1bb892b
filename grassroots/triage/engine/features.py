"""Hashed n-gram TF-IDF features of the dispatch-by-text classifier (numpy, no Python-level
analyzers): character n-grams and jieba word uni/bigrams, ``min_df``-filtered, sublinear TF-IDF.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .text import char_text

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
