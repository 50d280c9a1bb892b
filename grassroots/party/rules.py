"""The numbers the party-organisation rules use, read from the rule set in force
(grassroots.rulesets, family ``party.org``: ``rule_param(rule_set_in_force("party.org", on), key)``),
so a county's confirmed local set applies. The values below are the shipped defaults, used only
when no set of the family is in force (a configuration gap) or for a number the rule sets do not
hold (the warning window of the officers' home page).

kind: hard rules refuse the write with their text and article; soft rules warn and let it
through (00-common §1.3). Sources: 党章 art. 30 [S6]; 支部工作条例（试行）ch. 2 and 6 [S7]."""

from dataclasses import dataclass

RULE_SET_CODE = "party.org"  # the rule-set family


@dataclass(frozen=True)
class RuleParam:
    key: str
    value: int
    unit: str
    kind: str  # hard | soft
    article: str
    rule_key: str = ""  # the key in the rule set; "" = not a rule-set number


PARAMS = {p.key: p for p in (
    # ≥3 full members may (must) have their own organisation; fewer join a joint branch.
    RuleParam("own_org_min_full_members", 3, "人", "soft", "《党章》第三十条；《支部工作条例》第二章",
              "branch.min_full_members"),
    # ≥7 full members: a branch committee; fewer: a secretary only, no committee.
    RuleParam("committee_min_full_members", 7, "人", "hard", "《支部工作条例》第六章",
              "committee.min_full_members"),
    RuleParam("joint_branch_max_units", 5, "个", "hard", "《支部工作条例》第二章",
              "joint_branch.max_units"),
    RuleParam("term_years_village_community", 5, "年", "hard", "《支部工作条例》第六章",
              "term.village_years"),
    RuleParam("term_years_other", 3, "年", "hard", "《支部工作条例》第六章", "term.other_years"),
    # Officers are told this many days before a committee's term is due.
    RuleParam("term_due_warning_days", 90, "天", "soft", "（县委组织部工作安排）"),
)}


def _in_force(key: str, on=None):
    """The rule set's param for ``key`` on ``on`` (today by default), or None."""
    from django.utils import timezone

    from grassroots.core import clock
    from grassroots.rulesets.selectors import NoRuleSet, rule_param, rule_set_in_force

    rule_key = PARAMS[key].rule_key
    if not rule_key:
        return None
    try:
        return rule_param(rule_set_in_force(RULE_SET_CODE, on or timezone.localdate(clock.now())), rule_key)
    except NoRuleSet:
        return None


def rule_value(key: str, on=None) -> int:
    param = _in_force(key, on)
    return int(param.value) if param is not None else PARAMS[key].value


def rule_article(key: str) -> str:
    """The article cited in refusals, with its document's name (the rule set holds only the
    chapter, "第二章")."""
    return PARAMS[key].article
