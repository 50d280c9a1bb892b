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

# Anonymised / coded place names such as A市, A1区, B6县, E12市 (contest data, and the
# way the platform pseudonymises places in exports).
CODED_PLACE_RE = re.compile(r"[A-Z][0-9]{0,2}(?:市|区|县|镇|乡)")
# Concrete place-like phrases: "A市A1区XX小区", "XX路", "XX街道", "XX村" ...
PLACE_SUFFIXES = (
    "小区|花园|花苑|苑|湾|家园|新村|新城|公寓|大厦|广场|社区|街道|村|镇|乡|大道|路|街|巷|大桥|"
    "学校|小学|中学|医院|市场|公园|园区|工业园|商城"
)
_CJK = r"[\u4e00-\u9fffA-Za-z0-9]"
# anchored on a coded place: A市A1区 + up to 12 chars + suffix (shortest)
ANCHORED_PLACE_RE = re.compile(
    r"(?:[A-Z][0-9]{0,2}(?:市|区|县))+(?:" + _CJK + r"{1,12}?(?:" + PLACE_SUFFIXES + r"))?"
)
# free-standing: after punctuation or a locative verb, 2–8 chars + suffix
FREE_PLACE_RE = re.compile(
    r"(?:^|(?<=[，。！？、；：,.!?;:（(“\"\s在于到])|(?<=位于|地处|住在|家住))"
    r"("
    + _CJK
    + r"{2,8}?(?:"
    + PLACE_SUFFIXES
    + r"))(?![\u4e00-\u9fff]?(?:费|长|民|委|干部|级|规))"
)
_PLACE_LEAD = re.compile(
    r"^(?:关于|反映|投诉|举报|咨询|请问|建议|要求|希望|而且|而|但是|但现在|但|然而|现在|目前|地处|位于|"
    r"就在|在|于|到|想买套|收回|对|及)+"
)
_PLACE_BAD = re.compile(r"[我你他她这那们的了是有没不要请被把将和与及或就都也还向每搞停住帮]")
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


def extract_places(text: str, limit: int = 10) -> list[str]:
    """Place-like phrases in order of appearance: 'A市A1区XX小区', 'XX路', 'XX街道'...

    Heuristic (regular expressions, no gazetteer): phrases anchored on a coded place
    (A市, A1区, B6县) and phrases ending in a place suffix (小区, 路, 街道, 村 ...) that start after
    punctuation or a locative word (位于, 在 ...).
    """
    t = _WS_RE.sub("", unicodedata.normalize("NFKC", text or "")).replace("*", "")
    found: list[tuple[int, str]] = []
    for m in ANCHORED_PLACE_RE.finditer(t):
        found.append((m.start(), m.group(0)))
    for m in FREE_PLACE_RE.finditer(t):
        p = _PLACE_LEAD.sub("", m.group(1))
        if len(p) < 3 or _PLACE_BAD.search(p):
            continue
        found.append((m.start(1), p))
    found.sort()
    seen: dict[str, None] = {}
    for _, p in found:
        core = CODED_PLACE_RE.sub("", p)
        if core and (len(core) < 2 or _PLACE_BAD.search(core)):
            p = p[: len(p) - len(core)]  # keep only the coded part
        if not p or re.fullmatch(r"[0-9A-Za-z]+(?:路|街|村|巷|号)?", p):
            continue
        if any(p != q and p in q for q in seen):
            continue
        for q in [q for q in seen if q in p]:
            del seen[q]
        seen.setdefault(p, None)
        if len(seen) >= limit:
            break
    return list(seen)


def coded_places(text: str) -> list[str]:
    """Distinct coded administrative places (A市, A1区, B6县) in a text."""
    return list(dict.fromkeys(CODED_PLACE_RE.findall(unicodedata.normalize("NFKC", text or ""))))
