"""Place extraction from short Chinese messages: village, community, estate, road and building
names (jieba part-of-speech tags find a name's left boundary) and coded places (A市A2区).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import (  # noqa: F401
    _WS_RE,
    CODED_PLACE_RE,
    STOPWORDS_PATH,
    USERDICT_PATH,
    get_tokenizer,
    normalize,
    topic_stopwords,
)


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
