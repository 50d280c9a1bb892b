"""The publicity's minimum period and the party-organisation numbers come from the rule set in
force: a county's confirmed stricter local set changes them, no code does."""

from datetime import date

import pytest

from grassroots.party import rules as party_rules
from grassroots.publicity import rules
from grassroots.rulesets.models import RuleScope, RuleSet
from grassroots.rulesets.selectors import rule_set_in_force

pytestmark = pytest.mark.django_db


def _local(family, code, changes, start=date(2026, 1, 1)):
    base = rule_set_in_force(family, start)
    local = RuleSet.objects.create(family=family, code=code, title="金乡县规则", issuer="金乡县委",
                                   effective_from=start, status="confirmed",
                                   scope=RuleScope.COUNTY, base=base)
    for p in base.params.all():
        p.pk, p.rule_set = None, local
        if p.key in changes:
            p.numerator, p.denominator = changes[p.key], 1
        p.save()
    return local


def test_publicity_minimum_follows_the_set_in_force():
    assert rules.min_working_days(date(2026, 3, 1)) == 5
    _local("publicity", "publicity.2014.jinxiang", {"min_working_days": 7})
    assert rules.min_working_days(date(2026, 3, 1)) == 7
    assert rules.min_working_days(date(2025, 12, 31)) == 5  # before the local set


def test_party_numbers_follow_the_set_in_force():
    assert party_rules.rule_value("joint_branch_max_units", date(2026, 3, 1)) == 5
    _local("party.org", "party.org.2018.jinxiang", {"joint_branch.max_units": 4})
    assert party_rules.rule_value("joint_branch_max_units", date(2026, 3, 1)) == 4
    # a number the rule sets do not hold keeps its shipped default
    assert party_rules.rule_value("term_due_warning_days", date(2026, 3, 1)) == 90
