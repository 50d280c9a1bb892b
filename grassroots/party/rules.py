"""The numbers the party-organisation rules use, in one place, under the rule-set code and keys
they will be read from once rule sets (grassroots.rulesets) are merged:
``rule_param(rule_set_in_force(RULE_SET_CODE, on), key)``.

kind: hard rules refuse the write with their text and article; soft rules warn and let it
through (00-common §1.3). Sources: 党章 art. 30 [S6]; 支部工作条例（试行）ch. 2 and 6 [S7]."""

from dataclasses import dataclass

RULE_SET_CODE = "party.org"


@dataclass(frozen=True)
class RuleParam:
    key: str
    value: int
    unit: str
    kind: str  # hard | soft
    article: str


PARAMS = {p.key: p for p in (
    # ≥3 full members may (must) have their own organisation; fewer join a joint branch.
    RuleParam("own_org_min_full_members", 3, "人", "soft", "《党章》第三十条；《支部工作条例》第二章"),
    # ≥7 full members: a branch committee; fewer: a secretary only, no committee.
    RuleParam("committee_min_full_members", 7, "人", "hard", "《支部工作条例》第六章"),
    RuleParam("joint_branch_max_units", 5, "个", "hard", "《支部工作条例》第二章"),
    RuleParam("term_years_village_community", 5, "年", "hard", "《支部工作条例》第六章"),
    RuleParam("term_years_other", 3, "年", "hard", "《支部工作条例》第六章"),
    # Officers are told this many days before a committee's term is due.
    RuleParam("term_due_warning_days", 90, "天", "soft", "（县委组织部工作安排）"),
)}


def rule_value(key: str) -> int:
    return PARAMS[key].value


def rule_article(key: str) -> str:
    return PARAMS[key].article
