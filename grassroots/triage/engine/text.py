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


# ---------------------------------------------------------------- place extraction
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A place expression is a name followed by an administrative, residential or road suffix
# (张寨村, 金城社区8号楼, 丽发新城小区, 凉塘路), optionally preceded by a coded place chain
# (A市A2区丽发新城小区); a coded place chain alone (A市, A市A4区); or a place name of the user
# dictionary (words tagged ``ns``). The left boundary of the name is found with jieba: the name is
# the run of name-like words right before the suffix and stops at punctuation, a function word, a
# verb, an adverb, a pronoun, a time or direction word (jieba's part-of-speech tags) — so "希望解决
# 农村饮水问题", "希望开通公交线路" and "家里老人在县医院住院" give no place.
PLACE_SUFFIXES = (
    "小区", "社区", "街道", "花园", "花苑", "家园", "新村", "新城", "公寓", "大厦", "广场", "大道",
    "大桥", "工业园", "园区", "商城", "学校", "小学", "中学", "医院", "市场", "公园",
    "村", "镇", "乡", "路", "街", "巷", "苑",
)  # fmt: skip
# A suffix that starts a longer word is no suffix: 路灯, 路面, 村容, 乡镇, 广场舞, 市场监管 ...
_SUFFIX_NOT_BEFORE = {
    "路": "灯|面|段|边|口|况|线|费|人|过|上|旁|基|牌|障|网|由|程|径|途|政|桥|演|数|子|标|条",
    "街": "道|头|边|面|上|角|坊|区|巷|景",
    "村": "容|貌|落|庄|镇|级|规|务|官|姑",
    "镇": "压|定|静|痛|级",
    "乡": "镇|村|下|亲|情|音|愁|土|间|级|贤|愿",
    "广场": "舞",
    "市场": "监|化|经济|价|主体|秩序|准入|行情|需求|份额|营销|部|调|上|行为|环境|竞争|管理",
}
_BUILDING = (
    r"[0-9]{1,3}(?:号楼|栋|幢)|[一二三四五六七八九十]{1,3}号楼"  # only after a place: 金城社区8号楼
)
_SUFFIX_RE = re.compile(
    f"({_BUILDING})|("
    + "|".join(
        re.escape(s) + (f"(?!{_SUFFIX_NOT_BEFORE[s]})" if s in _SUFFIX_NOT_BEFORE else "")
        for s in sorted(PLACE_SUFFIXES, key=len, reverse=True)
    )
    + ")"
)
_AREA_SUFFIXES = ("社区", "小区", "街道", "村", "路", "街", "大道")
_AREA_WORD_ENDS = (*PLACE_SUFFIXES, "区", "园", "组", "道", "口", "城")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")
_CODED_CHAIN_RE = re.compile(r"(?:[A-Z][0-9]{0,2}(?:市|区|县|镇|乡))+")
_MAX_NAME = 10  # characters of a name before its suffix
# Single characters that are no part of a name here: function words, pronouns, and the few verbs
# that take a place as object (住在, 去, 上小学, 修路).
_FUNCTION_CHARS = frozenset(
    "的了着过在到从往向对把被将让给跟和与及或并而但就都也还又再才很太最更是有无没不未别要想会能可"
    "请应该这那哪每各某其此我你他她它们咱啥谁么吗呢吧啊呀哦嘛个些次条之一里上住去来出走说问找看用"
    "做办为以于由等靠近离至经沿朝挨临修好比多年月日号止如进回跑读推毁建堵占挡铺封挖拦绕带指选断烂"
    "拆搬买卖租系代所共交"
)
# Words that make "word + suffix" a common noun phrase, not a name (老旧小区, 住宅小区, 附近学校).
_GENERIC_NAMES = _wordset(
    """老旧 安置 周边 附近 周围 整个 全部 所有 其他 其它 同一 本地 当地 外地 城市 农村 城区 乡村
    市区 县城 城镇 城乡 居民 住宅 商品房 高档 普通 新建 在建 现有 原有 文化 健身 休闲 公共 公办
    民办 私立 公立 附属 对面 隔壁 门口 家门口 楼下 楼上 家里 我家 大型 小型 所在 相关 有关 各地
    中心 偏远 贫困 美丽 特色 示范 重点 马路 道路 公路 全县 全市 全区 全镇 全乡 全村 所属 建议
    大多数 多数 少数 一下 简易 地面 小孩 孩子 村干部 窗口 部分 很多 许多 好多 全体 原因 主体
    正好 诸如 上述 规范 三甲 谨慎 公里 巨额 个别 地区 开发商 楼盘 老板 责任 严重 距离 临时 小小
    回家 高危 学生 家长 平民 市政 业主 居住 大部分 有效 整治 地处 最靠近 朝向 房地产 劳动力 人才
    资本 金融 股票 二手房 房产 租赁 稳定"""
)
# Common words that end in a suffix but never end a place name (the "suffix" is part of the word).
_GENERIC_HEADS = _wordset(
    """道路 马路 线路 公路 铁路 跑路 上路 出路 指路 修路 让路 走路 思路 套路 网路 电路 水路 小路
    大路 土路 新路 老路 近路 远路 岔路 来路 去路 后路 弯路 问路 带路 开路 领路 公交线路 交通线路
    乡村 城乡 农村 城镇 乡镇 回乡 下乡 家乡 故乡 老乡 同乡 全乡 本乡 全村 本村 该村 各村 邻村
    城中村 整村 进村 驻村 入村 全镇 本镇 该镇 各镇 村镇 城市 住宅小区 安置小区"""
)
# jieba part-of-speech tags that end a name: verbs, adverbs, prepositions, conjunctions,
# particles, pronouns, time and direction words, idioms, interjections, onomatopoeia.
_BOUNDARY_TAGS = _wordset(
    "v vd vi vg vq vn d dg df ad p c u ud ug uj ul uv uz r rr rz rg t tg f y e o i l z k h"
)
_NAME_TAGS = _wordset("ns nr nrt nrfg nz nt")
_COUNTED_RE = re.compile(
    r"[百千万零]*[一二三四五六七八九十两几][一二三四五六七八九十两几百千万零]*"
    r"[个条座栋家所位名只件次片处层户些]"
)  # 一个, 两条, 十几户 (not 万家)


@lru_cache(maxsize=1)
def _place_lexicon() -> tuple[frozenset, frozenset, re.Pattern | None]:
    """From jieba's tagged dictionary and ours: (words that end a name, dictionary names that
    end in a place suffix such as 张庄村 or 解放路, a regex of the user dictionary's places)."""
    boundary: set[str] = set()
    suffixed_names: set[str] = set()
    user_places: set[str] = set()

    def read(lines, user: bool) -> None:
        for line in lines:
            parts = line.split()
            if len(parts) < 3:
                continue
            word, tag = parts[0], parts[2]
            if tag in _BOUNDARY_TAGS:
                boundary.add(word)
            elif tag in _NAME_TAGS:
                if word.endswith(PLACE_SUFFIXES):
                    suffixed_names.add(word)
                if user and tag == "ns":
                    user_places.add(word)

    with get_tokenizer().get_dict_file() as f:
        read((raw.decode("utf-8") for raw in f), user=False)
    if USERDICT_PATH.exists():
        lines = USERDICT_PATH.read_text(encoding="utf-8").splitlines()
        read(lines, user=True)
        # our dictionary's common nouns name matters (物业, 搅拌站), not places; those that name
        # a kind of area (经开区, 工业园, 村组) can be part of a place name
        boundary.update(
            parts[0]
            for parts in map(str.split, lines)
            if len(parts) >= 3 and parts[2] == "n" and not parts[0].endswith(_AREA_WORD_ENDS)
        )
    names = sorted(user_places, key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names))) if names else None
    return frozenset(boundary), frozenset(suffixed_names), pattern


@lru_cache(maxsize=20_000)
def _cut_short(text: str) -> tuple[str, ...]:
    return tuple(get_tokenizer().cut(text, HMM=False))


def _name_word(word: str, boundary: frozenset) -> bool:
    """Can ``word`` (a jieba word of Chinese characters) be part of a place name?"""
    if len(word) == 1:
        return word not in _FUNCTION_CHARS
    return not (
        word in boundary
        or word in topic_stopwords()
        or word in _GENERIC_NAMES
        or _COUNTED_RE.fullmatch(word)
    )


def _place_ending_at(t: str, lo: int, start: int, end: int, building: bool) -> int | None:
    """Start of the place whose suffix is t[start:end] (the name lies within t[lo:start])."""
    boundary, suffixed_names, _ = _place_lexicon()
    left, suffix = t[lo:start], t[start:end]
    words = list(_cut_short(left)) + [suffix] if building else list(_cut_short(left + suffix))
    pos = last = 0  # the word that carries the suffix: the suffix itself or 农村, 山路, 张庄村 ...
    while pos + len(words[last]) <= len(left):
        pos += len(words[last])
        last += 1
        if last == len(words):
            return None
    head = words[last]
    glued = head[: len(left) - pos]  # the part of that word before the suffix
    first = last
    while (
        first > 0
        and _name_word(words[first - 1], boundary)
        and (len(left) - sum(map(len, words[: first - 1])) <= _MAX_NAME)
    ):
        first -= 1
    if first > 0 and len("".join(words[first:last]) + glued) == 1 and words[first - 1] in "于向":
        first -= 1  # a surname that is also a preposition: 于坊村, 向阳村 (but 在县医院 stays out)
    body = "".join(words[first:last])
    if glued and (head in _GENERIC_HEADS or (not body and head not in suffixed_names)):
        return None  # the suffix ends a common word: 解决农村, 开通公交线路, 确定线路
    core = body + glued
    if (
        len(core) < 2
        or core in _GENERIC_NAMES
        or core in PLACE_SUFFIXES
        or (body and words[first] in _GENERIC_NAMES)
    ):
        return None
    return lo + sum(map(len, words[:first]))


def _place_spans(t: str) -> list[tuple[int, str]]:
    """All place expressions of a normalised text as (position, text), nested ones included."""
    found: list[tuple[int, str]] = []
    chain_at: dict[int, int] = {}  # end of a coded chain -> its start
    blocked = [False] * len(t)
    for m in _CODED_CHAIN_RE.finditer(t):
        chain_at[m.end()] = m.start()
        blocked[m.start() : m.end()] = [True] * (m.end() - m.start())
        found.append((m.start(), m.group(0)))
    user_re = _place_lexicon()[2]
    if user_re is not None:
        found += [(m.start(), m.group(0)) for m in user_re.finditer(t)]
    for m in _SUFFIX_RE.finditer(t):
        start, end = m.span()
        lo = start
        while lo > 0 and start - lo < _MAX_NAME + 4 and not blocked[lo - 1]:
            if not _HAN_RE.match(t[lo - 1]):
                break
            lo -= 1
        if lo == start or t[lo:start].endswith(t[start:end]):
            continue  # nothing before it, or a repeated suffix: 村村通, 张寨村村里
        if t[start:end] in ("村", "乡", "镇") and t[lo:start].endswith(_AREA_SUFFIXES):
            continue  # 北关社区村里: "the village" after a place, not a village's name
        p0 = _place_ending_at(t, lo, start, end, building=m.group(1) is not None)
        if p0 is None:
            continue
        p0 = chain_at.get(p0, p0)  # A市A2区 + 丽发新城小区
        found.append((p0, t[p0:end]))
    found.sort()
    return found


def extract_places(text: str, limit: int = 10, nested: bool = False) -> list[str]:
    """Place expressions in order of appearance: 'A市A2区丽发新城小区', '金城社区8号楼', '凉塘路'.

    Rules, no gazetteer: a name + an administrative/residential/road suffix (小区, 社区, 街道,
    村, 镇, 路, 号楼 ...) with the name's left boundary found by jieba word classes; coded places
    (A市, A1区, B6县) alone or before such a name; place names of the user dictionary (tag ns).
    Places contained in a longer one are dropped unless ``nested``.
    """
    t = _WS_RE.sub("", unicodedata.normalize("NFKC", text or "")).replace("*", "")
    spans = _place_spans(t)
    out: dict[str, None] = {}
    for _, p in spans:
        if not nested and any(p != q and p in q for _, q in spans):
            continue
        out.setdefault(p, None)
        if len(out) >= limit:
            break
    return list(out)


def coded_places(text: str) -> list[str]:
    """Distinct coded administrative places (A市, A1区, B6县) in a text."""
    return list(dict.fromkeys(CODED_PLACE_RE.findall(unicodedata.normalize("NFKC", text or ""))))
