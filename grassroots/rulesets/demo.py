"""Demo county: the shipped rule sets (also loaded by the migration; this step only makes sure a
database built some other way has them) and their counts for ``manage.py summary``."""

from __future__ import annotations

from grassroots.demo.registry import register_step
from grassroots.demo.summary import register_counts

from .models import RuleParam, RuleSet, RuleSetStatus


def seed_rule_sets(ctx) -> dict[str, int]:
    from .shipped import ship

    ship(RuleSet, RuleParam)
    return rule_set_counts()


def rule_set_counts() -> dict[str, int]:
    from django.db.models import Count, Q

    counts = RuleSet.objects.aggregate(
        rule_sets=Count("pk"), rule_sets_confirmed=Count("pk", filter=Q(status=RuleSetStatus.CONFIRMED)))
    return {**counts, "rule_params": RuleParam.objects.count()}


# Before the party steps, which bind their cases to the set in force.
register_step("rulesets", seed_rule_sets, order=150, label="规则库（发展党员等规则）")
register_counts(rule_set_counts, labels={"rule_sets": "规则集", "rule_sets_confirmed": "已确认规则集",
                                         "rule_params": "规则参数"})
