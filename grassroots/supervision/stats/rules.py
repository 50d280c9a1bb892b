"""The statistics' county-editable numbers as a rule set (grassroots.rulesets).

Family ``supervision.ranking``: the minimum response sample (应签收件数) a unit needs to be ranked
and to be on the red list (红榜). Shipped by the data migration ``0006_ranking_rule_set`` and by
the demo (idempotent); the county changes the value in the rule library (or confirms a local set
based on this one) and the statistics of a period read the set in force when the period starts.
"""

from __future__ import annotations

from datetime import date

FAMILY = "supervision.ranking"
KEY = "rank.min_sample"
# Used where no set of the family is in force.
DEFAULT_MIN_SAMPLE = 10

_SOURCE = ("(inferred) county practice: two orders at 100 % say nothing about a unit; "
           "the county supervision office sets the bar")

SETS: list[dict] = [{
    "family": FAMILY, "code": "supervision.ranking.2026", "status": "confirmed",
    "title": "民意诉求办理排名规则", "issuer": "县督查室", "doc_number": "",
    "effective_from": date(2020, 1, 1), "source_url": "", "source": _SOURCE,
    "params": [
        (KEY, DEFAULT_MIN_SAMPLE, 1, "times", "hard", "min", True, "", "参加排名最低样本量",
         "应签收件数不少于{value}件的单位方参加排名和红榜评选。", _SOURCE),
    ],
}]


def ship(RuleSet, RuleParam) -> int:  # noqa: N803 - model classes (historical in migrations)
    from grassroots.rulesets.shipped import ship as ship_sets

    return ship_sets(RuleSet, RuleParam, sets=SETS)


def rank_min_sample(on: date | None = None) -> int:
    """The minimum response sample of the ``supervision.ranking`` set in force on ``on``
    (default today); ``DEFAULT_MIN_SAMPLE`` where none is."""
    from django.utils import timezone

    from grassroots.rulesets.selectors import rule_value_or

    return int(rule_value_or(FAMILY, KEY, on or timezone.localdate(), DEFAULT_MIN_SAMPLE))
