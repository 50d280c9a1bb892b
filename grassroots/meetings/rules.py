"""Every number the meetings app decides with, in ONE place, each named by the rule-set family
and key it is read from (grassroots.rulesets: ``rule_set_in_force(family, on)`` +
``rule_param(rule_set, key)``). The vote rules are read from the set in force on the meeting's
day (``vote_rule_in_force``); the values below are the shipped ones, with source and article.

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
# Read from the rule set in force on the meeting's day (grassroots.rulesets): family and keys
# below. The constants PARTY and TITLE_REVIEW are the shipped values, used by the pure tests and
# as the shape the rule set fills in.

BASIS_SHOULD_ATTEND = "should_attend"  # 应到会有表决权人数
BASIS_PRESENT = "present"  # 实到会有表决权人数


@dataclass(frozen=True)
class VoteRule:
    """How a vote is decided: quorum = present voting compared with ``quorum_fraction`` of
    ``quorum_basis``; pass = yes (plus written yes when ``written_count``) compared with
    ``pass_fraction`` of ``pass_basis``. ``strict``: "more than" (超过); else "at least" (以上,
    which in Chinese legal usage includes the number itself). ``quorum_rule``/``pass_rule``:
    the rule's sentence with its basis, quoted in a refusal."""

    code: str
    label: object
    family: str  # rule-set family (rulesets.selectors.rule_set_in_force)
    quorum_key: str
    pass_key: str
    quorum_basis: str
    quorum_fraction: Fraction
    quorum_strict: bool
    pass_basis: str
    pass_fraction: Fraction
    pass_strict: bool
    written_count: bool  # written opinions of absent voters count toward the yes votes
    quorum_rule: object
    pass_rule: object
    rule_set: str = ""  # the code of the set the values came from


PARTY = VoteRule(
    code="party", label=_("党内表决（应到会有表决权正式党员过半数）"), family="party.vote",
    quorum_key="quorum.present_over_should_attend", pass_key="pass.yes_over_should_attend_full",
    quorum_basis=BASIS_SHOULD_ATTEND, quorum_fraction=Fraction(1, 2), quorum_strict=True,
    pass_basis=BASIS_SHOULD_ATTEND, pass_fraction=Fraction(1, 2), pass_strict=True,
    written_count=True,
    quorum_rule=_("有表决权的到会人数必须超过应到会有表决权人数的1/2。"
                  "（依据：《中国共产党发展党员工作细则（支部大会表决）》第二十条）"),
    pass_rule=_("赞成人数必须超过应到会有表决权的正式党员人数的1/2，因故不能到会的有表决权的党员书面表示的"
                "意见计入。（依据：《中国共产党发展党员工作细则（支部大会表决）》第四章）"),
    rule_set="party.vote.2014",
)

TITLE_REVIEW = VoteRule(
    code="title_review", label=_("职称评审（出席专家三分之二以上）"), family="talent.title.vote",
    quorum_key="quorum.present_over_members", pass_key="pass.yes_over_present",
    quorum_basis=BASIS_SHOULD_ATTEND, quorum_fraction=Fraction(2, 3), quorum_strict=False,
    pass_basis=BASIS_PRESENT, pass_fraction=Fraction(2, 3), pass_strict=False,
    written_count=False,
    quorum_rule=_("出席评审会议的专家人数不得少于评审委员会专家人数的2/3。（依据：《职称评审管理暂行规定》）"),
    pass_rule=_("同意票数达到出席评审会议的评审专家总数2/3以上方为通过。（依据：《职称评审管理暂行规定》）"),
    rule_set="talent.title.vote.2019",
)

VOTE_RULES = {r.code: r for r in (PARTY, TITLE_REVIEW)}


def vote_rule_in_force(code: str, on) -> VoteRule:
    """The vote rule ``code`` with the values of the rule set in force on ``on`` (a county's
    stricter local set included); ``NoRuleSet`` (400) if none is."""
    from dataclasses import replace

    from grassroots.rulesets.checks import rule_message
    from grassroots.rulesets.selectors import rule_param, rule_set_in_force

    shape = VOTE_RULES[code]
    rule_set = rule_set_in_force(shape.family, on)
    quorum, passing = rule_param(rule_set, shape.quorum_key), rule_param(rule_set, shape.pass_key)
    return replace(shape, rule_set=rule_set.code,
                   quorum_fraction=quorum.number, quorum_strict=not quorum.inclusive,
                   pass_fraction=passing.number, pass_strict=not passing.inclusive,
                   quorum_rule=rule_message(quorum), pass_rule=rule_message(passing))


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

# Each obligation's period (in months) is read from the rule set of the family "party.org" in
# force in the month (party.org.2018: keys life.<…>_months); ``period`` below is the shipped
# value, used when no set is in force.
ORG_LIFE_FAMILY = "party.org"

MONTH, QUARTER, YEAR = "month", "quarter", "year"
PERIOD_MONTHS = {MONTH: 1, QUARTER: 3, YEAR: 12}


@dataclass(frozen=True)
class Obligation:
    key: str  # the calendar's column
    label: object
    kinds: tuple[str, ...]  # meeting kinds that fulfil it
    period: str  # month | quarter | year
    article: object
    rule_key: str  # the period's key in the "party.org" rule set (months)
    appraisal: bool = False  # only a meeting that holds the democratic appraisal counts
    needs_committee: bool = False  # only branches with a committee


OBLIGATIONS = (
    Obligation("general_meeting", _("支部党员大会"), ("general_meeting",), QUARTER,
               _("《中国共产党支部工作条例（试行）》：党员大会一般每季度召开1次"), "life.general_meeting_months"),
    Obligation("committee", _("支部委员会"), ("committee",), MONTH,
               _("《中国共产党支部工作条例（试行）》：支部委员会会议一般每月召开1次"), "life.committee_meeting_months",
               needs_committee=True),
    Obligation("group", _("党小组会"), ("group",), MONTH,
               _("《中国共产党支部工作条例（试行）》：党小组会一般每月召开1次"), "life.group_meeting_months",
               # (inferred) a branch too small for a committee is not divided into groups
               needs_committee=True),
    Obligation("lecture", _("党课"), ("lecture",), QUARTER,
               _("《中国共产党支部工作条例（试行）》：党课一般每季度至少1次"), "life.lecture_months"),
    Obligation("theme_day", _("主题党日"), ("theme_day",), MONTH,
               _("《中国共产党党员教育管理工作条例》第十六条：党支部应当每月开展1次主题党日"), "life.theme_day_months"),
    Obligation("life_meeting", _("组织生活会"), ("life_meeting",), YEAR,
               _("《中国共产党党员教育管理工作条例》第十七条：组织生活会一般每年召开1次"), "life.org_life_meeting_months"),
    Obligation("appraisal", _("民主评议党员"), ("life_meeting", "general_meeting"), YEAR,
               _("《中国共产党党员教育管理工作条例》第十八条：民主评议党员一般每年开展1次"), "life.appraisal_months",
               appraisal=True),
)
OBLIGATIONS_BY_KEY = {o.key: o for o in OBLIGATIONS}


def obligation_months(on) -> dict[str, int]:
    """{obligation key: period in months} from the "party.org" set in force on ``on``; the
    shipped period where no set is in force or a value does not divide the year."""
    from grassroots.rulesets.selectors import NoRuleSet, rule_param, rule_set_in_force

    months = {o.key: PERIOD_MONTHS[o.period] for o in OBLIGATIONS}
    try:
        rule_set = rule_set_in_force(ORG_LIFE_FAMILY, on)
    except NoRuleSet:
        return months
    for o in OBLIGATIONS:
        try:
            value = rule_param(rule_set, o.rule_key).value
        except NoRuleSet:
            continue
        if isinstance(value, int) and value >= 1 and 12 % value == 0:
            months[o.key] = value
    return months

