"""Place- and topic-aware duplicate scoring of two demands (pure Python; no Django imports).

Two reports are the same matter when they are about the same place *and* the same problem.
Plain text similarity mixes the two: "金城社区3号楼水压低" and "3号楼自来水压力小" share little
text (0.21) while the same complaint from another village shares almost all of it (0.63). So
the score is built from two parts:

* **place** — what both say about where: the village/community (``division``) and grid when
  the platform knows them, building and house numbers (3号楼, 2栋, 建设路12号) and named places
  (estates, villages, roads) taken from the address and the text. A different village, a
  different building or two different named places is a conflict; a shared building, house
  number or named place is a match.
* **topic** — what the problem is: the text without its places and numbers, written in
  canonical terms (data/synonyms_zh.txt: "自来水压力小" and "水压很低" both read "水压低"),
  compared by character bigrams and by the canonical terms both name; the same category
  helps, a different one counts against.

``score`` weighs them (``PLACE_WEIGHT``) and caps a place conflict at ``CONFLICT_CAP``, below
every sensible threshold. Every part is returned, so a page can say why two demands match.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .text import CODED_PLACE_RE

SYNONYMS_PATH = Path(__file__).resolve().parent.parent / "data" / "synonyms_zh.txt"

PLACE_WEIGHT = 0.35
CONFLICT_CAP = 0.3
# place part: nothing known / same village or grid only / a named place / a building or house
PLACE_UNKNOWN, PLACE_AREA, PLACE_NAMED, PLACE_EXACT = 0.3, 0.55, 0.85, 1.0
CATEGORY_BONUS, CATEGORY_PENALTY = 0.05, 0.15

_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_NUM = r"(\d{1,4}|[一二三四五六七八九十]{1,3})"
_BUILDING_RE = re.compile(_NUM + r"\s*(?:号楼|栋|幢|号院|座)")
_UNIT_RE = re.compile(_NUM + r"\s*单元")
_HOUSE_RE = re.compile(r"([\u4e00-\u9fff]{1,6}(?:路|街|大道|巷|道))\s*(\d{1,4})\s*号(?!楼|院)")
_GROUP_RE = re.compile(_NUM + r"\s*组(?![织成合建])")
_NAME_SUFFIXES = ("小区", "社区", "花园", "花苑", "家园", "新村", "新城", "公寓", "大厦", "广场",
                  "大道", "村", "苑", "园", "路", "街", "巷", "市场", "学校", "学院", "中学",
                  "小学", "医院")
_BROAD_SUFFIXES = ("街道", "镇", "乡", "县", "区", "市", "省")  # a town or wider: not a place here
_NOT_BEFORE = {"路": "灯面段边口况线费人过上旁基牌障网由程径途政桥演数子标条", "街": "头边面上角坊景",
               "村": "容貌落庄级规务官姑民里", "园": "区林艺长所", "区": "域别分内间",
               "市": "场民政级区", "镇": "压定静痛", "乡": "镇村下亲情音愁土间级贤愿"}
_SUFFIX_SCAN_RE = re.compile("|".join(
    re.escape(x) + (f"(?![{_NOT_BEFORE[x]}])" if x in _NOT_BEFORE else "")
    for x in sorted(_NAME_SUFFIXES + _BROAD_SUFFIXES, key=len, reverse=True)))
# Words that end the text before a place name: "反映丽发新城", "影响丽发新城", "我住金城社区".
_BOUNDARY_RE = re.compile(
    "反映|投诉|举报|请问|建议|关于|咨询|希望|要求|解决|位于|住在|来自|我们|我家|本人|以及|还有|导致"
    "|造成|存在|出现|影响|严重|附近|旁边|周边|对面|门口|临街|楼下|一个|这个|那个|整个|所在|居民|业主"
    "|必须|应当|组织|责任|措施|不管|因为|多条|可以|没有|不能"
    "|[在到的了和与及是我你他她它这那住对向从于给把被让为去有因要说]")
# Common nouns that end like a place name: 铁路, 公路, 马路, 线路 ...
_GENERIC_ENDINGS = ("铁路", "公路", "马路", "道路", "水路", "网路", "线路", "思路", "出路", "走路",
                    "电路", "小路", "大路", "老街", "新村民")
_GENERIC_CORES = frozenset(["小区", "社区", "花园", "家园", "新村", "公寓", "广场", "学校",
                            "医院", "市场", "道路", "农村", "城市", "城区", "县城", "乡村",
                            "村里", "村民", "居民", "业主", "公交", "马路", "街头", "乡下"])
_PUNCT_RE = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS_RE = re.compile(r"\d+")


def _num(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1], 0)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def _norm(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").replace(" ", "").replace("*", "")


@lru_cache(maxsize=1)
def synonym_table() -> tuple[re.Pattern | None, dict[str, str]]:
    """(one pattern of every variant, variant → canonical term)."""
    canon: dict[str, str] = {}
    if SYNONYMS_PATH.exists():
        for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
            words = line.split("#", 1)[0].split()
            for w in words:
                canon.setdefault(w, words[0])
    if not canon:
        return None, canon
    pattern = re.compile("|".join(re.escape(w) for w in sorted(canon, key=len, reverse=True)))
    return pattern, canon


@dataclass(frozen=True)
class Report:
    """One demand as the scorer sees it. ``division``/``grid``/``category``: ids or None."""

    title: str = ""
    text: str = ""
    address: str = ""
    division: int | None = None
    grid: int | None = None
    category: int | None = None


@dataclass
class Signals:
    """What a report says about where and what (computed once per report)."""

    buildings: frozenset = frozenset()
    districts: frozenset = frozenset()  # coded districts and counties (A3区, B6县)
    houses: frozenset = frozenset()
    groups: frozenset = frozenset()
    names: tuple = ()
    haystack: str = ""  # bare text of address, title and text: where the other's names are sought
    address: tuple = ()  # (names, buildings, houses) of the address alone, when there is one
    terms: frozenset = frozenset()
    grams: Counter = field(default_factory=Counter)
    norm: float = 0.0


def _names(text: str) -> list[str]:
    """Named places (name + suffix) of a text: coded prefixes (A市A2区) and towns removed; the
    name is the run of Chinese characters before the suffix, after the last boundary word, at
    most six characters."""
    t = CODED_PLACE_RE.sub("，", text)
    out, start = [], 0
    for m in _SUFFIX_SCAN_RE.finditer(t):
        run, start = t[start:m.start()], m.end()
        suffix = m.group(0)
        core = _BOUNDARY_RE.split(re.search(r"[\u4e00-\u9fff]*$", run).group(0))[-1][-6:]
        if suffix in _BROAD_SUFFIXES or len(core) < 2:
            continue
        name = core + suffix
        if core not in _GENERIC_CORES and name not in _GENERIC_CORES \
                and not name.endswith(_GENERIC_ENDINGS):
            out.append(name)
    return list(dict.fromkeys(out))


TEXT_CHARS = 600  # where and what are said early; the rest of a long letter adds little


@lru_cache(maxsize=20_000)
def signals(report: Report) -> Signals:
    """The place and topic signals of a report (cached: the same open demands are matched by
    every intake of their town)."""
    place_text = _norm(f"{report.address}，{report.title}，{report.text[:TEXT_CHARS]}")
    buildings = frozenset(_num(m.group(1)) for m in _BUILDING_RE.finditer(place_text))
    houses = frozenset((m.group(1)[-3:], int(m.group(2))) for m in _HOUSE_RE.finditer(place_text))
    groups = frozenset(_num(m.group(1)) for m in _GROUP_RE.finditer(place_text))
    names = tuple(_names(place_text))
    districts = frozenset(c for c in CODED_PLACE_RE.findall(place_text) if c[-1] in "区县")
    haystack = _PUNCT_RE.sub("", CODED_PLACE_RE.sub("", place_text))
    # topic: title and text without places and numbers, in canonical terms
    topic = _norm(f"{report.title}，{report.text[:TEXT_CHARS]}")
    for n in names:
        topic = topic.replace(n, "，")
    topic = _DIGITS_RE.sub("", _PUNCT_RE.sub("", CODED_PLACE_RE.sub("", topic)))
    pattern, canon = synonym_table()
    terms: set[str] = set()
    if pattern is not None:
        def repl(m):
            term = canon[m.group(0)]
            terms.add(term)
            return f"〔{term}〕"
        topic = pattern.sub(repl, topic)
    grams = Counter(_bigrams(topic))
    norm = math.sqrt(sum(v * v for v in grams.values()))
    address = ()
    if report.address.strip():
        a = _norm(report.address)
        address = (tuple(_names(a)), frozenset(_num(m.group(1)) for m in _BUILDING_RE.finditer(a)),
                   frozenset((m.group(1)[-3:], int(m.group(2))) for m in _HOUSE_RE.finditer(a)),
                   _PUNCT_RE.sub("", CODED_PLACE_RE.sub("", a)))
    return Signals(buildings=buildings, districts=districts, houses=houses, groups=groups,
                   names=names, haystack=haystack, address=address, terms=frozenset(terms),
                   grams=grams, norm=norm)


def _address_conflict(a: Signals, b: Signals) -> str:
    """Two addresses given that name different places (the address is what the caller or the
    grid worker confirmed: it outweighs the text)."""
    if not (a.address and b.address):
        return ""
    (na, ba, ha, ta), (nb, bb, hb, tb) = a.address, b.address
    if ba and bb and not ba & bb:
        return "地址楼号不同"
    if ha and hb and not ha & hb:
        return "地址门牌不同"
    if na and nb and not any(_name_in(n, tb) for n in na) \
            and not any(_name_in(n, ta) for n in nb):
        return "地址不同"
    return ""


def _bigrams(text: str) -> list[str]:
    # a canonical term is one token; the rest is read in character bigrams
    out: list[str] = []
    for part in re.split(r"(〔[^〕]*〕)", text):
        if part.startswith("〔"):
            out += [part] * 2
        else:
            out += [part[i:i + 2] for i in range(len(part) - 1)]
    return out


def _name_in(name: str, haystack: str) -> bool:
    """A named place of one report is named by the other: the whole name, or its core of 3+
    characters, or a 2-character core with its suffix (金城社区 ~ 金城社区, 魅力之城小区 ~ 魅力之城)."""
    if name in haystack:
        return True
    suffix = next(s for s in sorted(_NAME_SUFFIXES, key=len, reverse=True) if name.endswith(s))
    core = name[: -len(suffix)]
    return len(core) >= 3 and core in haystack


@dataclass(frozen=True)
class Match:
    score: float
    topic: float
    place: float
    conflict: str = ""  # why the places differ ("" when they do not)
    reasons: tuple = ()  # what matched, for the page


def topic_similarity(a: Signals, b: Signals) -> tuple[float, tuple]:
    cos = 0.0
    if a.norm and b.norm:
        ga, gb = a.grams, b.grams
        cos = sum(ga[k] * gb[k] for k in ga.keys() & gb.keys()) / (a.norm * b.norm)
    shared = a.terms & b.terms
    if a.terms and b.terms:
        # Dice, not shared / the smaller set: one broad term (学校, 噪音) that a report naming
        # three problems shares with a one-term report is not "the same matter".
        overlap = 2 * len(shared) / (len(a.terms) + len(b.terms))
        topic = 0.5 * cos + 0.5 * overlap
    else:
        topic = cos
    return min(1.0, topic), tuple(sorted(shared))


def place_similarity(ra: Report, rb: Report, a: Signals, b: Signals) -> tuple[float, str, tuple]:
    """(place part, conflict, reasons)."""
    if ra.division and rb.division and ra.division != rb.division:
        return 0.0, "村（社区）不同", ()
    if a.districts and b.districts and not a.districts & b.districts:
        return 0.0, "区县不同", ()
    conflict = _address_conflict(a, b)
    if conflict:
        return 0.0, conflict, ()
    if a.buildings and b.buildings:
        common = a.buildings & b.buildings
        if not common:
            return 0.0, "楼号不同", ()
        return PLACE_EXACT, "", (f"同为{min(common)}号楼",)
    if a.houses and b.houses:
        common = a.houses & b.houses
        if common:
            road, n = min(common)
            return PLACE_EXACT, "", (f"同为{road}{n}号",)
        if {r for r, _ in a.houses} & {r for r, _ in b.houses}:
            return 0.0, "门牌号不同", ()
    if a.groups and b.groups and not a.groups & b.groups:
        return 0.0, "村民小组不同", ()
    named = [n for n in a.names if _name_in(n, b.haystack)] + \
            [n for n in b.names if _name_in(n, a.haystack)]
    if named:
        return PLACE_NAMED, "", (f"地点相同：{named[0]}",)
    if a.names and b.names:
        return 0.0, "地名不同", ()
    if ra.grid and rb.grid and ra.grid == rb.grid:
        return PLACE_AREA, "", ("同一网格",)
    if ra.division and ra.division == rb.division:
        return PLACE_AREA, "", ("同一村（社区）",)
    return PLACE_UNKNOWN, "", ()


def match(ra: Report, rb: Report, a: Signals | None = None, b: Signals | None = None) -> Match:
    """How likely ``ra`` and ``rb`` report the same matter (0..1) and why."""
    a = a or signals(ra)
    b = b or signals(rb)
    topic, terms = topic_similarity(a, b)
    if ra.category and rb.category:
        topic = min(1.0, topic + CATEGORY_BONUS) if ra.category == rb.category \
            else max(0.0, topic - CATEGORY_PENALTY)
    place, conflict, reasons = place_similarity(ra, rb, a, b)
    score = (1 - PLACE_WEIGHT) * topic + PLACE_WEIGHT * place
    if conflict:
        score = min(score, CONFLICT_CAP)
    if terms:
        reasons = (*reasons, "事项相同：" + "、".join(terms[:3]))
    return Match(round(score, 4), round(topic, 4), place, conflict, reasons)


def best_matches(report: Report, candidates: list[tuple[object, Report]], *, threshold: float,
                 top: int = 5) -> list[tuple[object, Match]]:
    """Candidates scoring ≥ ``threshold`` against ``report``, best first."""
    sa = signals(report)
    out = []
    # The best a pair can score is its topic with a perfect place: pairs below the threshold
    # even then are skipped before the place is looked at.
    need_topic = (threshold - PLACE_WEIGHT) / (1 - PLACE_WEIGHT) - CATEGORY_BONUS
    for key, other in candidates:
        if report.division and other.division and report.division != other.division:
            continue  # another village: a conflict whatever the text says
        sb = signals(other)
        if not (sa.terms & sb.terms) and topic_similarity(sa, sb)[0] < need_topic:
            continue
        m = match(report, other, sa, sb)
        if m.score >= threshold:
            out.append((key, m))
    out.sort(key=lambda x: -x[1].score)
    return out[:top]


# What a citizen says when a matter closed as fixed came back.
_RECURRENCE_CUE_RE = re.compile(
    r"又(?:一次|开始|出现|坏|堵|漏|停|来|是这样|这样|发生|回来|反弹)|清了一次|修了一次|再次|反复|"
    r"屡次|多次|还是(?:没|老样子|这样)|依然|依旧|仍然|又复发|复发|没过几天|刚修好|刚清理")


def recurrence_cue(text: str) -> bool:
    """The text says the problem came back after it was dealt with."""
    return bool(_RECURRENCE_CUE_RE.search(_norm(text)))
