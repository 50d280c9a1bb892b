"""The demand pipeline's county-editable numbers as a rule set (grassroots.rulesets).

Family ``demands.handling``: how long the unit leader has to sign off a reply or an extension
request (working hours on the work calendar). Shipped by the data migration
``0018_handling_rule_set`` and by the demo (idempotent); the county changes a value in the rule
library (a local set based on this one, or the value itself) and new sign-offs read it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

FAMILY = "demands.handling"
# Used where no set of the family is in force (never crashes the handler's reply).
DEFAULT_HOURS = {"reply": Decimal("4"), "extension": Decimal("2")}

_SOURCE = "(inferred) county practice: 办结把关 within half a working day, extension requests " \
          "within a quarter, so the leader's check does not eat the unit's reply time"

SETS: list[dict] = [{
    "family": FAMILY, "code": "demands.handling.2026", "status": "confirmed",
    "title": "诉求办理单位内部审核时限", "issuer": "县派单中心", "doc_number": "",
    "effective_from": date(2020, 1, 1), "source_url": "",
    "source": _SOURCE,
    "params": [
        ("signoff.reply.working_hours", 4, 1, "hours", "soft", "max", True, "",
         "答复审核时限", "单位负责人应在{value}个工作小时内审核承办人的答复。", _SOURCE),
        ("signoff.extension.working_hours", 2, 1, "hours", "soft", "max", True, "",
         "延期申请审核时限", "单位负责人应在{value}个工作小时内审核承办人的延期申请。", _SOURCE),
    ],
}]


def ship(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical in migrations)
    from grassroots.rulesets.shipped import ship as ship_sets

    return ship_sets(RuleSet, RuleParam, sets=SETS)


def signoff_hours(kind: str, on: date) -> tuple[Decimal, str]:
    """(working hours the leader has to sign off, where the number comes from) for ``kind``
    ``"reply"`` or ``"extension"``, from the set in force on ``on``."""
    from grassroots.rulesets.selectors import NoRuleSet, rule_param, rule_set_in_force

    try:
        rule_set = rule_set_in_force(FAMILY, on)
        value = rule_param(rule_set, f"signoff.{kind}.working_hours").value
    except NoRuleSet:
        return DEFAULT_HOURS[kind], "default"
    hours = Decimal(value.numerator) / Decimal(value.denominator)  # int or Fraction
    return hours, rule_set.code
