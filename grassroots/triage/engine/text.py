"""Text normalisation, tokenisation and place extraction for short Chinese messages.

Pure Python (jieba + re); no Django imports.  The tokenizer functions are module-level so
that scikit-learn vectorizers that use them can be pickled into a model blob.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

USERDICT_PATH = Path(__file__).resolve().parent.parent / "data" / "userdict.txt"
STOPWORDS_PATH = Path(__file__).resolve().parent.parent / "data" / "stopwords_zh.txt"

# Anonymised / coded place names such as A市, A1区, B6县, E12市 (contest data, and the
# way the platform pseudonymises places in exports).
CODED_PLACE_RE = re.compile(r"[A-Z][0-9]{0,2}(?:市|区|县|镇|乡)")
_WS_RE = re.compile(r"\s+")
_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS_RE = re.compile(r"\d+")

STOPWORDS = frozenset(
    [
        "的",
        "了",
        "是",
        "在",
        "和",
        "与",
        "及",
        "或",
        "也",
        "都",
        "就",
        "又",
        "还",
        "而",
        "但",
        "并",
        "等",
        "着",
        "过",
        "被",
        "把",
        "对",
        "从",
        "向",
        "给",
        "为",
        "以",
        "于",
        "之",
        "其",
        "我",
        "我们",
        "你",
        "你们",
        "他",
        "他们",
        "她",
        "它",
        "这",
        "那",
        "这个",
        "那个",
        "这些",
        "那些",
        "这样",
        "那样",
        "此",
        "该",
        "本",
        "有",
        "没有",
        "无",
        "不",
        "没",
        "个",
        "一",
        "一个",
        "一些",
        "啊",
        "吗",
        "呢",
        "吧",
        "呀",
        "哦",
        "嘛",
        "么",
        "什么",
        "怎么",
        "如何",
        "为什么",
        "因为",
        "所以",
        "如果",
        "但是",
        "而且",
        "可以",
        "能",
        "会",
        "要",
        "让",
        "使",
        "已",
        "已经",
        "就是",
        "还是",
        "以及",
        "自己",
        "大家",
        "现在",
        "目前",
        "一直",
        "非常",
        "十分",
        "很",
        "太",
        "更",
        "最",
        "再",
        "才",
        "请问",
        "您好",
        "你好",
        "尊敬",
        "领导",
        "谢谢",
        "感谢",
        "希望",
        "请",
        "恳请",
        "麻烦",
        "问题",
        "情况",
        "反映",
        "相关",
        "有关",
    ]
)

_lock = threading.Lock()


@lru_cache(maxsize=1)
def topic_stopwords() -> frozenset[str]:
    """``STOPWORDS`` plus the list in data/stopwords_zh.txt: for hot-topic keywords and clustering
    and for place-name boundaries. ``tokenize`` (and so the classifier) uses ``STOPWORDS`` only."""
    words = set(STOPWORDS)
    if STOPWORDS_PATH.exists():
        for line in STOPWORDS_PATH.read_text(encoding="utf-8").splitlines():
            words.update(line.split("#", 1)[0].split())
    return frozenset(words)


def normalize(text: str | None) -> str:
    """NFKC, remove all whitespace and masking '*', lower-case Latin letters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _WS_RE.sub("", text).replace("*", "")
    return text.lower()


def dedup_key(text: str | None, prefix: int = 40) -> str:
    """Key for leakage-safe splitting: normalised text without punctuation, first `prefix` chars."""
    t = _PUNCT_RE.sub("", normalize(text))
    return t[:prefix]


# A short run of characters ending in a place suffix (于坊村, 金城社区, 建设路): the part of a
# message that changes when the same matter is reported from another place.
_PLACE_RUN_RE = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:村|社区|小区|街道|镇|乡|路|街|号楼)")
_DIGITS_RE = re.compile(r"\d+")


def matter_key(title: str | None, text: str | None, prefix: int = 30) -> str:
    """Key grouping messages that tell one matter in (nearly) the same words from different
    places (templated reports, one complaint filed for several villages): title and text
    without punctuation, digits and place names, first ``prefix`` characters. Held-out slices
    keep such a group on one side, so their scores are not inflated by near-copies."""
    t = _PUNCT_RE.sub("", normalize(f"{title or ''}{text or ''}"))
    t = _PLACE_RUN_RE.sub("", _DIGITS_RE.sub("", t))
    return t[:prefix]


def clean_for_model(text: str | None, max_chars: int | None = None) -> str:
    """Light cleaning used before feature extraction (keeps punctuation for n-grams)."""
    if not text:
        return ""
    text = str(text)
    if max_chars is not None and len(text) > 2 * max_chars + 100:
        text = text[: 2 * max_chars + 100]  # no need to normalise what will be cut off
    text = unicodedata.normalize("NFKC", text)
    text = _WS_RE.sub(" ", text).replace("*", "").strip()
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars]
    return text


@lru_cache(maxsize=1)
def get_tokenizer():
    """A private jieba Tokenizer with our user dictionary (loaded once per process)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    with _lock:
        tok = jieba.Tokenizer()
        tok.initialize()
        if USERDICT_PATH.exists():
            tok.load_userdict(str(USERDICT_PATH))
    return tok


def _segments(text: str):
    """Split text so coded places (A1区) are kept whole; yields (is_place, piece)."""
    pos = 0
    for m in CODED_PLACE_RE.finditer(text):
        if m.start() > pos:
            yield False, text[pos : m.start()]
        yield True, m.group(0)
        pos = m.end()
    if pos < len(text):
        yield False, text[pos:]


# jieba cuts every run of these characters independently (jieba.re_han_default); splitting the
# same way first lets us tokenise each distinct block once.
_JIEBA_BLOCK_RE = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)")


def _cut_block(block: str) -> list[str]:
    """Filtered jieba words of one block (no HMM): stop words and punctuation removed."""
    out: list[str] = []
    for w in get_tokenizer().cut(block, HMM=False):
        w = w.strip()
        if not w or w in STOPWORDS or not _PUNCT_RE.sub("", w):
            continue
        if w.isdigit():
            w = "<num>"
        out.append(w.lower())
    return out


def _pieces(text: str):
    """Yields (place_tokens, None) for coded places and (None, block) for jieba blocks."""
    for is_place, piece in _segments(text):
        if is_place:
            yield [piece.lower(), "<" + piece[-1] + ">"], None
            continue
        for block in _JIEBA_BLOCK_RE.split(piece):
            if block:
                yield None, block


def tokenize(text: str, cache: dict[str, list[str]] | None = None) -> list[str]:
    """jieba words (user dictionary, no HMM for speed), stop words and punctuation removed.

    Coded places become two tokens: the literal code (A1区) and its level (<区>), so that a model
    can generalise over the level without memorising the anonymised code.  ``cache`` (block →
    words) may be shared between calls; the result is the same with or without it.
    """
    out: list[str] = []
    for place, block in _pieces(text):
        if place is not None:
            out.extend(place)
        elif cache is None:
            out.extend(_cut_block(block))
        else:
            words = cache.get(block)
            if words is None:
                words = cache[block] = _cut_block(block)
            out.extend(words)
    return out


def _cut_blocks(blocks: list[str]) -> list[list[str]]:
    return [_cut_block(b) for b in blocks]


def tokenize_many(texts: list[str], n_jobs: int = 1, parallel_min: int = 20_000) -> list[list[str]]:
    """``tokenize`` over many texts: each distinct jieba block is cut once (resampled or templated
    demands repeat sentences a lot); with ≥ ``parallel_min`` distinct blocks and ``n_jobs`` > 1
    the blocks are cut in ``n_jobs`` forked processes."""
    docs = [list(_pieces(t)) for t in texts]
    distinct = list(dict.fromkeys(b for d in docs for p, b in d if p is None))
    get_tokenizer()  # load the dictionary once, before forking
    if n_jobs > 1 and len(distinct) >= parallel_min and _can_fork():
        import multiprocessing as mp

        step = -(-len(distinct) // (n_jobs * 8))
        chunks = [distinct[i : i + step] for i in range(0, len(distinct), step)]
        with mp.get_context("fork").Pool(n_jobs) as pool:
            cut = [w for part in pool.map(_cut_blocks, chunks) for w in part]
    else:
        cut = _cut_blocks(distinct)
    cache = dict(zip(distinct, cut, strict=True))
    out = []
    for d in docs:
        toks: list[str] = []
        for place, block in d:
            toks.extend(place if place is not None else cache[block])
        out.append(toks)
    return out


def _can_fork() -> bool:
    """Forking is possible (not inside a daemonic worker process such as a Celery prefork child)."""
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


def char_text(text: str) -> str:
    """Text for character n-grams: digits collapsed, whitespace removed."""
    return _DIGITS_RE.sub("0", normalize(text))


def bare_text(text: str) -> str:
    """Normalised text without punctuation, digits collapsed (for near-duplicate matching)."""
    return _DIGITS_RE.sub("0", _PUNCT_RE.sub("", normalize(text)))
