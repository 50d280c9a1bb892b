"""The offline outbox's county-editable numbers as a rule set (grassroots.rulesets).

Family ``offline.outbox``: how many days a record may wait on a phone before the server refuses
it (``recorded_at`` older than that). Shipped by the data migration ``0001_outbox_rule_set``
(idempotent); the county tightens it in the rule library (a local set based on this
one) and every submission reads the set in force on the day it arrives.
"""

from __future__ import annotations

from datetime import date

FAMILY = "offline.outbox"
MAX_AGE_KEY = "recorded_at.max_age_days"
# Used where no set of the family is in force (never refuses a phone for want of a rule).
DEFAULT_MAX_AGE_DAYS = 7

_SOURCE = ("(inferred) a visit or a theme day typed on a phone is reported within the week; "
           "an older one is checked and entered on the page, not slipped in late")

SETS: list[dict] = [{
    "family": FAMILY, "code": "offline.outbox.2026", "status": "confirmed",
    "title": "手机离线填报补交时限", "issuer": "县委组织部", "doc_number": "",
    "effective_from": date(2020, 1, 1), "source_url": "", "source": _SOURCE,
    "params": [
        (MAX_AGE_KEY, DEFAULT_MAX_AGE_DAYS, 1, "days", "hard", "max", True, "",
         "离线记录补交时限", "在手机上离线保存的记录，应在记录后{value}日内联网提交；逾期不再接收，"
         "须核实后在页面上重新登记。", _SOURCE),
    ],
}]


def ship(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical in migrations)
    from grassroots.rulesets.shipped import ship as ship_sets

    return ship_sets(RuleSet, RuleParam, sets=SETS)


def max_age_days(on: date | None = None) -> int:
    """Days a record may wait on a phone, per the ``offline.outbox`` set in force on ``on``
    (default today); ``DEFAULT_MAX_AGE_DAYS`` where none is."""
    from django.utils import timezone

    from grassroots.rulesets.selectors import rule_value_or

    return max(1, int(rule_value_or(FAMILY, MAX_AGE_KEY, on or timezone.localdate(),
                                    DEFAULT_MAX_AGE_DAYS)))
