"""Hot-topic mining: cluster the messages of a time window and rank the clusters by a heat index.

Messages are represented by jieba-word TF-IDF of title (twice) + the start of the body, clustered
by average-linkage agglomerative clustering on cosine distance (a cluster is "the same matter":
same place and same problem, or one policy question asked by many). Each cluster gets

* ``heat`` = (citizens + 0.25·min(messages − citizens, 2·citizens) + 2·ln(1 + likes) + 0.5·ln(1 + places))
  × (1 + 0.25·clip(log2 growth, −1, 2)), where citizens = distinct senders (a message without a
  sender counts as one citizen), places = distinct specific places mentioned, and growth = messages
  in the last ``recent_days`` of the window ÷ messages in the same span before it (+1 smoothing);
* ``places`` / ``place_counts``: the places the cluster shares — named by at least 2 and at least
  ``PLACE_SHARE`` of its messages — most named first, with the number of messages naming each;
* ``label``: the matter, i.e. the title wording that most members share once their own places are
  taken out (the most central member's when no wording is shared by half of them); it names a
  place only when more than ``LABEL_PLACE_SHARE`` of the messages name it;
* ``keywords``: top TF-IDF words of the centroid, without the stop words of data/stopwords_zh.txt,
  numbers and pieces of place names; and the time span.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from .places import PLACE_SUFFIXES, extract_places
from .text import CODED_PLACE_RE, clean_for_model, tokenize, topic_stopwords

MAX_MESSAGES = 8000  # dense similarity matrix bound (8000² float32 ≈ 256 MB)
PLACE_SHARE = 0.3  # a place is the cluster's when ≥ 2 and ≥ 30 % of its messages name it
LABEL_PLACE_SHARE = 0.5  # ... and it leads the label when more than half of them do

_NUMBER_RE = re.compile(r"[0-9〇零一二三四五六七八九十百千万两几]+[度个天年月日号次层楼岁元米期]?")
_CODED_LEAD_RE = re.compile(r"^(?:[A-Z][0-9]{0,2}(?:市|区|县|镇|乡))+")
_LEAD_FILLER_RE = re.compile(r"^(?:关于|反映|投诉|举报|请问|问问|咨询一下|您好|你好)+")
_EDGE_PUNCT_RE = re.compile(r"^[\W_]+|[\W_]+$")
_PUNCT_RE = re.compile(r"[\W_]+")
_DIGITS_RE = re.compile(r"\d+")
_PLACE_WORD_RE = re.compile(r"(?:小区|社区|街道|村|镇|乡|路|街|巷)+")  # 小区, 村村: no matter
# a place that is not the topic's own is replaced, inside a title, by the kind of place it is
# ("希望开通于坊村到县城的公交" -> "希望开通村到县城的公交"); roads and buildings are dropped.
_KIND_OF_PLACE = ("社区", "小区", "街道", "新村", "村", "镇", "乡")


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


def _place_key(p: str) -> str:
    """A place without its leading coded area (A市A2区丽发新城小区 -> 丽发新城小区)."""
    return _CODED_LEAD_RE.sub("", p) or p


def _broad(key: str) -> bool:
    """A whole city, district or province (A市, A1区, 西地省): true of nearly every message."""
    return not CODED_PLACE_RE.sub("", key) or key.endswith("省")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").replace("*", "")


def _message_places(m: Message) -> set[str]:
    """Keys of the places a message names, nested ones included (金城社区 and 金城社区8号楼).

    Known places (``Message.places``, e.g. the demand's address) take precedence over the text.
    """
    if m.places:
        found = []
        for p in m.places:
            found += [p, *extract_places(p, limit=20, nested=True)]
    else:
        found = extract_places(
            f"{clean_for_model(m.title, 100)}。{clean_for_model(m.text, 300)}",
            limit=20,
            nested=True,
        )
    return {_place_key(_normal(p).replace(" ", "")) for p in found if p}


def _distinct_places(keysets: list[set[str]]) -> int:
    """Distinct specific places named (the most specific form each message uses)."""
    out: set[str] = set()
    for ks in keysets:
        specific = {k for k in ks if not _broad(k)} or ks
        out |= {k for k in specific if not any(k != q and k in q for q in specific)}
    return len(out)


def shared_places(keysets: list[set[str]], share: float = PLACE_SHARE) -> list[tuple[str, int]]:
    """[(place, messages naming it)] named by ≥ 2 and ≥ ``share`` of the messages, most named
    first. A message names a place when one of its place expressions contains it (伊景园滨河苑
    counts for 滨河苑); a longer form named by ≥ 80 % as many is shown instead (伊景园滨河苑 rather
    than 滨河苑). Whole cities/districts (A市) only when no specific place is shared."""
    need = max(2, math.ceil(share * len(keysets)))
    exact = Counter(k for ks in keysets for k in ks)
    joined = ["\x00".join(ks) for ks in keysets]
    support = {
        k: sum(1 for j in joined if k in j)
        for k, n in exact.items()
        if n >= 2 or len(keysets) <= 50
    }
    ranked = sorted(
        (k for k, n in support.items() if n >= need), key=lambda k: (-support[k], len(k), k)
    )
    out: list[tuple[str, int]] = []
    for broad in (False, True):
        if broad and out:
            break
        for k in ranked:
            if _broad(k) != broad:
                continue
            longer = [
                q
                for q in ranked
                if k in q
                and q != k
                and support[q] >= 0.8 * support[k]
                # 金城社区小区 says no more than 金城社区
                and not (q.startswith(k) and q[len(k) :] in PLACE_SUFFIXES)
            ]
            shown = min(longer, key=lambda q: (-support[q], len(q), q)) if longer else k
            if any(shown in c or c in shown or k in c for c, _ in out):
                continue
            out.append((shown, support[k]))
    return out[:5]


def _title_matter(title: str, topic_place: str | None) -> str:
    """A member's title as the topic's label: places that are not the topic's own are left out
    when they lead the title and replaced by their kind (各村, 各社区 ...) inside it; the topic's own
    place is written in its shown form, and put in front ("德峰小区：…") when the title does not
    name it."""
    t = _normal(title).replace(" ", "").replace("\u3000", "")
    out, pos, own = "", 0, False
    for p in extract_places(t, limit=20):
        start = t.find(p, pos)
        if start < 0:
            continue
        out += t[pos:start]
        pos = start + len(p)
        key = _place_key(p)
        if topic_place and (topic_place in key or key in topic_place):
            out += "" if own else p[: len(p) - len(key)] + topic_place
            own = True
        elif _broad(key):
            out += p
        elif _PUNCT_RE.sub("", _LEAD_FILLER_RE.sub("", out)):  # inside the title: 各村, 各小区
            kind = next((k for k in _KIND_OF_PLACE if p.endswith(k)), "")
            out += f"各{kind}" if kind else ""
        else:  # leading: keep only a coded area before it (A市 + 金城社区 -> A市)
            out += p[: len(p) - len(key)]
    out += t[pos:]
    out = _EDGE_PUNCT_RE.sub("", _LEAD_FILLER_RE.sub("", _EDGE_PUNCT_RE.sub("", out)))
    if topic_place and not own and out and _place_core(topic_place) not in out:
        out = f"{topic_place}：{out}"
    return out


def _place_core(p: str) -> str:
    """A place's name without its suffix (深业睿城小区 -> 深业睿城)."""
    return next((p[: -len(s)] for s in PLACE_SUFFIXES if p.endswith(s) and len(p) > len(s)), p)


def _label(group: list[Message], centrality: np.ndarray, topic_place: str | None) -> str:
    """The wording of the matter most members share, else the most central member's; among the
    titles that name the topic's place when it has one."""
    titles = [_normal(m.title or clean_for_model(m.text, 30)) for m in group]
    members = list(range(len(group)))
    if topic_place:
        members = [i for i in members if _place_core(topic_place) in titles[i]] or members
    norms = {
        i: _DIGITS_RE.sub("0", _PUNCT_RE.sub("", _title_matter(titles[i], None))) for i in members
    }
    best, n = (
        Counter(v for v in norms.values() if v).most_common(1)[0]
        if any(norms.values())
        else ("", 0)
    )
    if n >= 2 and n >= 0.5 * len(members):
        members = [i for i in members if norms[i] == best]
    chosen = max(members, key=lambda i: centrality[i])
    return _title_matter(titles[chosen], topic_place)


def _keywords(
    centroid: np.ndarray,
    vocab: np.ndarray,
    texts: list[str],
    keysets: list[set[str]],
    shown_places: list[str],
    k: int = 5,
) -> list[str]:
    """Top centroid words that say what the matter is (two-character words first): no stop
    words, numbers or coded places, and no piece of a place name — a word that the cluster's
    messages mostly use inside the places they name (滨河 of 伊景园滨河苑, 文峰 of 文峰社区)."""
    stop = topic_stopwords()
    shown = "\x00".join(shown_places)
    named = ["\x00".join(ks) for ks in keysets]
    cand = []
    for i in np.argsort(-centroid)[:40]:
        w = str(vocab[i])
        if (
            not w
            or centroid[i] <= 0
            or w in stop
            or _NUMBER_RE.fullmatch(w)
            or CODED_PLACE_RE.fullmatch(w.upper())
            or _PLACE_WORD_RE.fullmatch(w)
            or (len(w) >= 2 and w in shown)
        ):
            continue
        if len(w) >= 2:
            used = sum(1 for t in texts if w in t)
            in_places = sum(1 for n in named if w in n)
            if in_places and in_places >= 0.5 * used:
                continue
        cand.append(w)
    return ([w for w in cand if len(w) >= 2] + [w for w in cand if len(w) < 2])[:k]


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
    place_cache: dict[int, set[str]] = {}

    def places_of(i: int) -> set[str]:
        if i not in place_cache:
            place_cache[i] = _message_places(msgs[i])
        return place_cache[i]

    topics = []
    for c in np.unique(labels):
        idx = np.nonzero(labels == c)[0]
        if len(idx) < min_size:
            continue
        group = [msgs[i] for i in idx]
        citizens = {m.citizen if m.citizen is not None else ("anon", m.id) for m in group}
        likes = sum(max(0, m.likes or 0) for m in group)
        dislikes = sum(max(0, m.dislikes or 0) for m in group)
        distinct_places = _distinct_places([places_of(int(i)) for i in idx])
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
        topics.append(
            {
                "label": "",
                "heat": round(heat, 2),
                "size": len(group),
                "citizens": len(citizens),
                "likes": likes,
                "dislikes": dislikes,
                "growth": round(growth, 2),
                "distinct_places": distinct_places,
                "keywords": [],
                "places": [],
                "place_counts": [],
                "first": min(gtimes).isoformat(sep=" ") if gtimes else None,
                "last": max(gtimes).isoformat(sep=" ") if gtimes else None,
                "message_ids": [m.id for m in group],
                "_idx": idx,
            }
        )
    topics.sort(key=lambda t: (-t["heat"], -t["size"]))
    topics = topics[:top]
    for t in topics:  # label, keywords and places only for the topics shown
        idx = t.pop("_idx")
        group = [msgs[i] for i in idx]
        shared = shared_places([places_of(int(i)) for i in idx])
        lead = next(
            (p for p, n in shared if not _broad(p) and n > LABEL_PLACE_SHARE * len(idx)), None
        )
        sub = X[idx]
        centroid = np.asarray(sub.mean(axis=0)).ravel()
        centrality = np.asarray((sub @ centroid).ravel())
        texts = [_normal(f"{m.title}。{clean_for_model(m.text, 300)}").lower() for m in group]
        keysets = [{k.lower() for k in places_of(int(i))} for i in idx]
        keywords = _keywords(centroid, vocab_arr, texts, keysets, [p for p, _ in shared])
        label = _label(group, centrality, lead) or "、".join(keywords[:3])
        t["label"] = label[:40]
        t["keywords"] = keywords
        t["places"] = [p for p, _ in shared]
        t["place_counts"] = [[p, n] for p, n in shared]
    return topics
