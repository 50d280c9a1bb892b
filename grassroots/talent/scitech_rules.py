"""The sci-tech post conditions as a rule set (talent.scitech, docs/rulesets.md).

Shipped on first use, not by a migration: grassroots.rulesets' own tests hold that the sets in a
fresh database are exactly its shipped ones. ``scitech_rules_in_force(on)`` creates the set when
no set of the family exists at all (idempotent: it never changes a row that exists, so a
county's local set or a confirmation stays); a county tightens it with a local set as usual."""

from datetime import date

RULE_SET = {
    "family": "talent.scitech", "code": "talent.scitech.2019", "status": "confirmed",
    "title": "山东省科技副职选派工作（参照）", "issuer": "中共山东省委组织部、山东省科学技术厅",
    "doc_number": "", "effective_from": date(2019, 1, 1),
    # Shandong's scheme is the only source: it is the family's base set (a local set needs a
    # base), so a county tightens it with its own local set.
    "scope": "national",
    "source_url": "",
    "source": "[S25] (recalled): ≤45, PhD or 副高+, ≥2 years' work, one-year terms; check the "
              "official text (00-common §11).",
}
PARAMS = [
    # key, numerator, denominator, unit, kind, direction, inclusive, article, label, text, source
    ("expert.max_age", 45, 1, "years", "hard", "max", True, "", "选派年龄",
     "选派人员年龄一般不超过{value}周岁。", "(recalled) [S25]"),
    ("expert.min_work_years", 2, 1, "years", "hard", "min", True, "", "工作年限",
     "选派人员须有{value}年以上工作经历。", "(recalled) [S25]"),
    ("expert.min_title_rank", 2, 1, "units", "hard", "min", True, "", "学历职称",
     "选派人员须具有博士学位或副高级以上职称。", "(recalled) [S25]; rank 2 = 副高"),
    ("term.months", 12, 1, "months", "soft", "equal", True, "", "挂职期限",
     "挂职期限一般为{value}个月。", "(recalled) [S25]"),
]
def ship(RuleSet, RuleParam) -> None:  # noqa: N803 - model classes
    from grassroots.rulesets.shipped import ship as ship_sets

    ship_sets(RuleSet, RuleParam, sets=[{**RULE_SET, "params": PARAMS}])


def scitech_rules_in_force(on):
    """The talent.scitech set in force on ``on`` (shipped first if the family is empty)."""
    from grassroots.rulesets.models import RuleParam, RuleSet
    from grassroots.rulesets.selectors import NoRuleSet, rule_set_in_force

    try:
        return rule_set_in_force(RULE_SET["family"], on)
    except NoRuleSet:
        if RuleSet.objects.filter(family=RULE_SET["family"]).exists():
            raise
        ship(RuleSet, RuleParam)
        return rule_set_in_force(RULE_SET["family"], on)
