"""Reply-quality scoring: does an official reply answer the citizen's demand?

Four scores in [0, 1] and an overall score:

* relevance — char-n-gram cosine of demand and reply plus coverage of the demand's key words,
  after removing boiler-plate and the quoted demand title from the reply (a reply that only
  repeats the title is not relevant);
* completeness — share of the demand's points (questions / requests, split on sentence ends)
  whose key words the reply addresses;
* interpretability — the reply gives a basis (根据/依据/规定/《…》), findings (经调查/经核实),
  an action or next step (已责成/将/下一步/整改) and a contact (联系电话);
* timeliness — working days (Mon–Fri, minus given holidays) from the demand to the reply
  against a budget: 1 within budget, falling linearly to 0 at three times the budget.

``flagged`` marks non-answers ('已收悉', '已转交相关部门' without substance), too-short or
irrelevant replies and low overall scores; ``reasons`` says why, in Chinese.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from .similarity import similarity
from .text import CODED_PLACE_RE, normalize, tokenize

WEIGHTS = {"relevance": 0.3, "completeness": 0.25, "interpretability": 0.3, "timeliness": 0.15}
FLAG_BELOW = 0.3
MIN_SUBSTANTIVE_CHARS = 40

_BOILERPLATE = [
    r"网友[“\"]?[A-Za-z0-9]*[”\"]?[:：,，]?",
    r"[“\"][A-Za-z]{1,3}[0-9]{3,}[”\"]",
    r"(?:您|你)好[!！,，:：。]?",
    r"(?:您的|你的)?(?:留言|来信|问题|信件|诉求|情况|反映)(?:我们)?已(?:经)?收悉[。，,!！]?",
    r"已收悉",
    r"现(?:将|就)?(?:有关|具体|调查|相关)?(?:情况|内容|结果)?(?:答复|回复)如下[:：]?",
    r"感谢(?:您|你)(?:对|的)[^。！!]{0,20}(?:支持|关心|关注|信任|监督)[^。！!]{0,15}[。！!]?",
    r"(?:谢谢|感谢)(?:您|你)?的?(?:支持|理解|关注)[。！!]?",
    r"(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日",
    r"高度重视",
    r"立即组织(?:精干)?力量(?:进行)?(?:调查|核实)(?:处理)?",
]
_BOILER_RE = re.compile("|".join(f"(?:{p})" for p in _BOILERPLATE))
_QUOTE_RE = re.compile(r"[“\"《]([^”\"》]{4,80})[”\"》]")
_NON_ANSWER_RE = re.compile(
    r"(已收悉|已转交|转交(?:相关|有关)|交(?:有关|相关)(?:单位|部门)|正在(?:调查|核实|办理)|"
    r"将及时(?:回复|答复)|已转(?:相关|有关|至))"
)

CUES: dict[str, tuple[float, list[str]]] = {
    "依据": (
        0.35,
        [
            "根据",
            "依据",
            "按照",
            "依照",
            "规定",
            "政策",
            "条例",
            "办法",
            "通知",
            "文件",
            "法》",
            "细则",
            "标准",
            "第[一二三四五六七八九十百0-9]+条",
            "《",
        ],
    ),
    "调查": (
        0.25,
        [
            "经调查",
            "经核实",
            "经查",
            "据查",
            "经了解",
            "调查核实",
            "核查",
            "现场",
            "实地",
            "走访",
            "了解到",
            "调查发现",
            "查看",
            "核实",
        ],
    ),
    "措施": (
        0.3,
        [
            "下一步",
            "已责成",
            "责令",
            "督促",
            "整改",
            "已安排",
            "安排",
            "已协调",
            "协调",
            "将于",
            "计划",
            "预计",
            "已完成",
            "已恢复",
            "已处理",
            "已解决",
            "正在",
            "已于",
            "将继续",
            "建议您",
            "可向",
            "可持",
            "办理",
            "申请",
        ],
    ),
    "联系方式": (
        0.1,
        [
            "联系电话",
            "咨询电话",
            "电话",
            "联系人",
            "致电",
            "拨打",
            r"0[0-9]{2,3}-[0-9]{6,8}",
            "[0-9]{7,}",
        ],
    ),
}
_CUE_RES = {k: (w, re.compile("|".join(p))) for k, (w, p) in CUES.items()}

_POINT_SPLIT = re.compile(r"[。！!？?；;\n]+")
_POINT_CUE = re.compile(
    r"[？?]|吗|是否|能否|可否|何时|什么时候|怎么|为什么|如何|多少|哪里|请求|恳请|希望|要求|建议|"
    r"请问|咨询|尽快|解决|处理|查处|整改|取缔"
)


@dataclass
class ReplyScore:
    relevance: float
    completeness: float
    interpretability: float
    timeliness: float | None
    overall: float
    flagged: bool
    reasons: list[str] = field(default_factory=list)
    cues: dict[str, list[str]] = field(default_factory=dict)
    working_days: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def strip_boilerplate(reply: str, demand_title: str = "") -> str:
    """Reply without greetings, '已收悉', thanks, dates and quotes of the demand title."""
    t = normalize(reply)
    title = normalize(demand_title)
    if title:

        def _drop_title(m: re.Match) -> str:
            q = m.group(1)
            return "" if similarity(q, title) >= 0.5 else m.group(0)

        t = _QUOTE_RE.sub(_drop_title, t)
        t = t.replace(title, "")
    return _BOILER_RE.sub("", t)


def _key_tokens(text: str) -> set[str]:
    return {
        w
        for w in tokenize(text)
        if len(w) >= 2 and not w.startswith("<") and not CODED_PLACE_RE.fullmatch(w.upper())
    }


def _coverage(tokens: set[str], reply_norm: str) -> float:
    if not tokens:
        return 0.0
    return sum(1 for w in tokens if w in reply_norm) / len(tokens)


def demand_points(demand_title: str, demand_text: str, limit: int = 8) -> list[str]:
    """The questions / requests in a demand (sentences with a question or request cue)."""
    sentences = [s for s in _POINT_SPLIT.split(normalize(demand_text)) if len(s) >= 6]
    points = [s for s in sentences if _POINT_CUE.search(s)]
    title = normalize(demand_title)
    if title:
        points.insert(0, title)
    if not points:
        points = sentences[:1]
    return points[:limit]


def working_days_between(start: datetime | date, end: datetime | date, holidays=()) -> int:
    """Working days (Mon–Fri, excluding ``holidays``) after ``start`` up to and including ``end``."""
    d0 = start.date() if isinstance(start, datetime) else start
    d1 = end.date() if isinstance(end, datetime) else end
    if d1 <= d0:
        return 0
    hol = set(holidays)
    n, d = 0, d0
    while d < d1:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in hol:
            n += 1
    return n


def timeliness_score(working_days: int, budget: int) -> float:
    if working_days <= budget:
        return 1.0
    return max(0.0, 1.0 - (working_days - budget) / (2.0 * budget))


def score_reply(
    demand_title: str,
    demand_text: str,
    reply: str,
    asked_at: datetime | None = None,
    replied_at: datetime | None = None,
    budget_working_days: int = 15,
    holidays: Iterable[date] = (),
) -> ReplyScore:
    reasons: list[str] = []
    reply = reply or ""
    reply_norm = normalize(reply)
    body = strip_boilerplate(reply, demand_title)
    demand = f"{demand_title}。{demand_text}"

    # relevance
    dem_tokens = _key_tokens(demand_title) | _key_tokens(demand_text[:600])
    sim = similarity(demand, body) if body else 0.0
    cov = _coverage(dem_tokens, body)
    relevance = min(1.0, 0.5 * min(1.0, sim / 0.25) + 0.5 * min(1.0, cov / 0.25))

    # completeness
    points = demand_points(demand_title, demand_text)
    covered = 0
    for p in points:
        toks = _key_tokens(p)
        if toks and _coverage(toks, body) >= 0.3:
            covered += 1
    completeness = covered / len(points) if points else 0.0

    # interpretability
    cues: dict[str, list[str]] = {}
    interp = 0.0
    for name, (w, rx) in _CUE_RES.items():
        found = sorted(set(rx.findall(body)))[:5]
        if found:
            cues[name] = found
            interp += w
    interp = min(1.0, interp)

    substantive = len(body) >= MIN_SUBSTANTIVE_CHARS
    if not substantive:
        cap = len(body) / MIN_SUBSTANTIVE_CHARS
        relevance, completeness, interp = (
            min(relevance, cap),
            min(completeness, cap),
            min(interp, cap * 0.5),
        )
        reasons.append(f"答复实质内容过短（去除客套语后约{len(body)}字）")
    if _NON_ANSWER_RE.search(reply_norm) and len(body) < 80:
        reasons.append("仅告知“已收悉/已转交”，未答复具体问题")
        completeness = min(completeness, 0.2)
        interp = min(interp, 0.3)

    # timeliness
    timeliness = None
    wd = None
    if asked_at and replied_at:
        wd = working_days_between(asked_at, replied_at, holidays)
        timeliness = timeliness_score(wd, budget_working_days)
        if wd > budget_working_days:
            reasons.append(f"答复用时{wd}个工作日，超过{budget_working_days}个工作日的时限")

    if relevance < 0.25 and substantive:
        reasons.append("答复内容与诉求关联度低")
    if completeness < 0.5 and substantive and len(points) > 1:
        reasons.append(f"诉求中的{len(points)}个问题只回应了{covered}个")
    if interp < 0.35 and substantive:
        reasons.append("未说明处理依据、调查结果或下一步措施")

    weights = dict(WEIGHTS)
    scores = {
        "relevance": relevance,
        "completeness": completeness,
        "interpretability": interp,
        "timeliness": timeliness,
    }
    if timeliness is None:
        weights.pop("timeliness")
    total_w = sum(weights.values())
    overall = sum(scores[k] * w for k, w in weights.items()) / total_w
    flagged = overall < FLAG_BELOW or not substantive or any("已收悉" in r for r in reasons)
    return ReplyScore(
        relevance=round(relevance, 3),
        completeness=round(completeness, 3),
        interpretability=round(interp, 3),
        timeliness=None if timeliness is None else round(timeliness, 3),
        overall=round(overall, 3),
        flagged=flagged,
        reasons=reasons,
        cues=cues,
        working_days=wd,
    )
