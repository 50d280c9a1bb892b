"""Every number the meetings app decides with, in ONE place, each named by the rule set and key
it will be read from once the rule sets (grassroots.rulesets, pr) are merged:
``rule_set_in_force(code, on)`` + ``rule_param(rule_set, key)``. Until then the values below
are the defaults, with their source and article.

The party rules are the 2014 development rules [S1] (arts. 20 and 21: quorum and majority;
art. 33 applies the same to conversion), the Party Constitution [S6 art. 7: probationary members
have no vote], the branch work regulations [S7] and the education and management regulations
[S5 arts. 16–18] for the frequencies of organisational life.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

# --- vote rules ------------------------------------------------------------------------------

PARTY_DEV_RULE_SET = "party.dev.2014"  # rule set code (pr); keys vote.quorum / vote.pass
TITLE_RULE_SET = "talent.title.2019"  # 人社部令第40号 (职称评审管理暂行规定); keys vote.quorum / vote.pass

BASIS_SHOULD_ATTEND = "should_attend"  # 应到会有表决权人数
BASIS_PRESENT = "present"  # 实到会有表决权人数


@dataclass(frozen=True)
class VoteRule:
    """How a vote is decided: quorum = present voting compared with ``quorum_fraction`` of
    ``quorum_basis``; pass = yes (plus written yes when ``written_count``) compared with
    ``pass_fraction`` of ``pass_basis``. ``strict``: "more than" (超过); else "at least" (以上,
    which in Chinese legal usage includes the number itself)."""

    code: str
    label: object
    rule_set: str
    quorum_basis: str
    quorum_fraction: Fraction
    quorum_strict: bool
    pass_basis: str
    pass_fraction: Fraction
    pass_strict: bool
    written_count: bool  # written opinions of absent voters count toward the yes votes
    quorum_text: object  # the rule's text, quoted in a refusal
    quorum_article: object
    pass_text: object
    pass_article: object


PARTY = VoteRule(
    code="party", label=_("党内表决（应到会有表决权正式党员过半数）"), rule_set=PARTY_DEV_RULE_SET,
    quorum_basis=BASIS_SHOULD_ATTEND, quorum_fraction=Fraction(1, 2), quorum_strict=True,
    pass_basis=BASIS_SHOULD_ATTEND, pass_fraction=Fraction(1, 2), pass_strict=True,
    written_count=True,
    quorum_text=_("有表决权的到会人数必须超过应到会有表决权人数的半数"),
    quorum_article=_("《中国共产党发展党员工作细则》第二十条"),
    pass_text=_("赞成人数超过应到会有表决权的正式党员的半数，才能通过决议；因故不能到会的有表决权的"
                "党员在会前正式提出的书面意见，应当统计在票数内"),
    # (recalled) the procedure article after art. 20; confirm against the official text.
    pass_article=_("《中国共产党发展党员工作细则》第二十一条"),
)

TITLE_REVIEW = VoteRule(
    code="title_review", label=_("职称评审（出席专家三分之二以上）"), rule_set=TITLE_RULE_SET,
    quorum_basis=BASIS_SHOULD_ATTEND, quorum_fraction=Fraction(2, 3), quorum_strict=False,
    pass_basis=BASIS_PRESENT, pass_fraction=Fraction(2, 3), pass_strict=False,
    written_count=False,
    quorum_text=_("出席评审会议的专家人数应当不少于职称评审委员会人数的三分之二"),
    quorum_article=_("《职称评审管理暂行规定》（人社部令第40号）"),
    pass_text=_("同意票数达到出席评审会议的评审专家总数三分之二以上的即为评审通过"),
    pass_article=_("《职称评审管理暂行规定》（人社部令第40号）"),
)

VOTE_RULES = {r.code: r for r in (PARTY, TITLE_REVIEW)}


# --- exclusions from "should attend" [S16] ---------------------------------------------------

EXCLUSION_REASONS = {
    "unable": _("患有精神病或其他疾病不能表达意志"),
    "abroad": _("自费出国半年以上"),
    "sentenced": _("虽未受到留党察看以上处分，但正在服刑"),
    "bedridden": _("年老体弱、卧床不起、长期生病"),
    "away": _("外出半年以上未转移组织关系，确实无法参加会议"),
}
EXCLUSION_ARTICLE = _("《关于做好处置不合格党员工作的通知》（中组发〔2014〕21号）及各地实施办法")


# --- organisational-life obligations [S5 arts. 16–18][S7] -----------------------------------

ORG_LIFE_RULE_SET = "party.branch.2018"  # rule set code (pr); keys life.<obligation>

MONTH, QUARTER, YEAR = "month", "quarter", "year"
PERIOD_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}


@dataclass(frozen=True)
class Obligation:
    key: str  # rule key (life.<key>) and the calendar's column
    label: object
    kinds: tuple[str, ...]  # meeting kinds that fulfil it
    period: str  # month | quarter | year
    article: object
    appraisal: bool = False  # only a meeting that holds the democratic appraisal counts
    needs_committee: bool = False  # only branches with a committee


OBLIGATIONS = (
    Obligation("general_meeting", _("支部党员大会"), ("general_meeting",), QUARTER,
               _("《中国共产党支部工作条例（试行）》：党员大会一般每季度召开1次")),
    Obligation("committee", _("支部委员会"), ("committee",), MONTH,
               _("《中国共产党支部工作条例（试行）》：支部委员会会议一般每月召开1次"),
               needs_committee=True),
    Obligation("group", _("党小组会"), ("group",), MONTH,
               _("《中国共产党支部工作条例（试行）》：党小组会一般每月召开1次"),
               # (inferred) a branch too small for a committee is not divided into groups
               needs_committee=True),
    Obligation("lecture", _("党课"), ("lecture",), QUARTER,
               _("《中国共产党支部工作条例（试行）》：党课一般每季度至少1次")),
    Obligation("theme_day", _("主题党日"), ("theme_day",), MONTH,
               _("《中国共产党党员教育管理工作条例》第十六条：党支部应当每月开展1次主题党日")),
    Obligation("life_meeting", _("组织生活会"), ("life_meeting",), YEAR,
               _("《中国共产党党员教育管理工作条例》第十七条：组织生活会一般每年召开1次")),
    Obligation("appraisal", _("民主评议党员"), ("life_meeting", "general_meeting"), YEAR,
               _("《中国共产党党员教育管理工作条例》第十八条：民主评议党员一般每年开展1次"),
               appraisal=True),
)
OBLIGATIONS_BY_KEY = {o.key: o for o in OBLIGATIONS}

