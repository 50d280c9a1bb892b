"""Hot-topic mining: cluster the messages of a time window and rank the clusters by a heat index.

Messages are represented by jieba-word TF-IDF of title (twice) + the start of the body, clustered
by average-linkage agglomerative clustering on cosine distance (a cluster is "the same matter":
same place and same problem, or one policy question asked by many).  Each cluster gets

* ``heat`` = (citizens + 0.25·min(messages − citizens, 2·citizens) + 2·ln(1 + likes) + 0.5·ln(1 + places))
  × (1 + 0.25·clip(log2 growth, −1, 2)), where citizens = distinct senders (a message without a
  sender counts as one citizen), places = distinct specific places mentioned, and growth = messages
  in the last ``recent_days`` of the window ÷ messages in the same span before it (+1 smoothing);
* a short ``label`` (title of the most central message), ``keywords``, ``places``, time span.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from .text import CODED_PLACE_RE, clean_for_model, extract_places, tokenize

MAX_MESSAGES = 8000  # dense similarity matrix bound (8000² float32 ≈ 256 MB)


@dataclass
class Message:
    id: Hashable
    title: str = ""
    text: str = ""
    time: datetime | None = None
    citizen: Hashable | None = None
    likes: int = 0
    dislikes: int = 0
    places: list[str] = field(default_factory=list)  # known places (e.g. from a place picker)


def _topic_tokens(doc: str) -> list[str]:
    return [t for t in tokenize(doc) if not t.startswith("<")]


def _specific(places: Iterable[str]) -> list[str]:
    """Drop places that are only a coded area (A市, A1区) when anything more specific exists."""
    places = list(places)
    specific = [p for p in places if CODED_PLACE_RE.sub("", p)]
    return specific or places


def _place_key(p: str) -> str:
    return CODED_PLACE_RE.sub("", p) or p


def cluster_messages(
    messages: list[Message], distance_threshold: float = 0.8
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(cluster id per message, TF-IDF matrix, vocabulary)."""
    docs = [
        "。".join([clean_for_model(m.title, 100)] * 2 + [clean_for_model(m.text, 300)])
        for m in messages
    ]
    vec = TfidfVectorizer(
        analyzer=_topic_tokens, sublinear_tf=True, min_df=1, max_df=0.2 if len(docs) >= 50 else 1.0
    )
    X = vec.fit_transform(docs).astype(np.float32)
    vocab = vec.get_feature_names_out().tolist()
    n = X.shape[0]
    if n == 1:
        return np.array([1]), X, vocab
    sim = (X @ X.T).toarray()
    np.clip(sim, 0.0, 1.0, out=sim)
    dist = 1.0 - sim
    np.fill_diagonal(dist, 0.0)
    Z = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(Z, t=distance_threshold, criterion="distance")
    return labels, X, vocab


def hot_topics(
    messages: Iterable[Message],
    start: datetime | None = None,
    end: datetime | None = None,
    top: int = 10,
    min_size: int = 2,
    distance_threshold: float = 0.8,
    recent_days: int = 30,
) -> list[dict]:
    """Hot topics among ``messages`` whose time is within [start, end] (None = open)."""
    msgs = [
        m
        for m in messages
        if (start is None or (m.time and m.time >= start))
        and (end is None or (m.time and m.time <= end))
    ]
    if not msgs:
        return []
    if len(msgs) > MAX_MESSAGES:  # keep the most recent ones
        msgs = sorted(msgs, key=lambda m: m.time or datetime.min)[-MAX_MESSAGES:]
    labels, X, vocab = cluster_messages(msgs, distance_threshold)
    times = [m.time for m in msgs if m.time]
    w_end = end or (max(times) if times else None)
    recent_from = w_end - timedelta(days=recent_days) if w_end else None
    before_from = recent_from - timedelta(days=recent_days) if recent_from else None
    vocab_arr = np.array(vocab)

    topics = []
    for c in np.unique(labels):
        idx = np.nonzero(labels == c)[0]
        if len(idx) < min_size:
            continue
        group = [msgs[i] for i in idx]
        citizens = {m.citizen if m.citizen is not None else ("anon", m.id) for m in group}
        likes = sum(max(0, m.likes or 0) for m in group)
        dislikes = sum(max(0, m.dislikes or 0) for m in group)
        place_counts: Counter[str] = Counter()
        for m in group:
            ps = m.places or extract_places(f"{m.title}。{m.text}", limit=6)
            place_counts.update(dict.fromkeys(_specific(ps), 1))
        ranked = place_counts.most_common()
        if len(group) >= 3:  # a place named by one message only is often extraction noise
            ranked = [pc for pc in ranked if pc[1] >= 2] or ranked[:1]
        places = [p for p, _ in ranked[:5]]
        distinct_places = len({_place_key(p) for p in place_counts})
        gtimes = [m.time for m in group if m.time]
        if recent_from:
            recent = sum(1 for t in gtimes if t > recent_from)
            before = sum(1 for t in gtimes if before_from < t <= recent_from)
            growth = (recent + 1) / (before + 1)
        else:
            growth = 1.0
        base = (
            len(citizens)
            + 0.25 * min(len(group) - len(citizens), 2 * len(citizens))
            + 2.0 * math.log1p(likes)
            + 0.5 * math.log1p(distinct_places)
        )
        heat = base * (1 + 0.25 * float(np.clip(math.log2(growth), -1, 2)))
        sub = X[idx]
        centroid = np.asarray(sub.mean(axis=0)).ravel()
        central = int(np.argmax(np.asarray((sub @ centroid).ravel())))
        cand = [str(w) for w in vocab_arr[np.argsort(-centroid)[:12]] if w]
        cand = [w for w in cand if not CODED_PLACE_RE.fullmatch(w.upper())]
        keywords = ([w for w in cand if len(w) >= 2] + [w for w in cand if len(w) < 2])[:5]
        label = (group[central].title or clean_for_model(group[central].text, 30)).strip()
        topics.append(
            {
                "label": label[:40],
                "heat": round(heat, 2),
                "size": len(group),
                "citizens": len(citizens),
                "likes": likes,
                "dislikes": dislikes,
                "growth": round(growth, 2),
                "distinct_places": distinct_places,
                "keywords": keywords,
                "places": places,
                "first": min(gtimes).isoformat(sep=" ") if gtimes else None,
                "last": max(gtimes).isoformat(sep=" ") if gtimes else None,
                "message_ids": [m.id for m in group],
            }
        )
    topics.sort(key=lambda t: (-t["heat"], -t["size"]))
    return topics[:top]
