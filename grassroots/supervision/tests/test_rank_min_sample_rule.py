"""The 红榜 / ranking minimum sample is rule-set data the county can change (issue #24), not a
Django setting."""

from datetime import date

import pytest

from grassroots.rulesets.models import RuleParam, RuleScope, RuleSet, RuleSetStatus
from grassroots.supervision.stats import unit_stats
from grassroots.supervision.stats.rules import FAMILY, KEY, rank_min_sample

from .conftest import AS_OF


@pytest.mark.django_db
def test_shipped_value_and_a_county_set_that_changes_it(settings):
    from .conftest import set_rank_min_sample

    set_rank_min_sample(10)  # the shipped value (the app's conftest lowers it for its dataset)
    settings.GRASSROOTS_RANK_MIN_SAMPLE = 1  # the old setting no longer decides anything
    assert rank_min_sample(date(2026, 10, 1)) == 10
    national = RuleSet.objects.get(family=FAMILY, scope=RuleScope.NATIONAL)
    local = RuleSet.objects.create(
        family=FAMILY, code="supervision.ranking.county", title="本县排名规则",
        effective_from=date(2026, 10, 1), status=RuleSetStatus.CONFIRMED,
        scope=RuleScope.COUNTY, base=national)
    param = RuleParam.objects.get(rule_set=national, key=KEY)
    param.pk, param.rule_set, param.numerator = None, local, 3
    param.save()
    assert rank_min_sample(date(2026, 10, 1)) == 3
    assert rank_min_sample(date(2026, 9, 30)) == 10  # before the county's set applies


@pytest.mark.django_db
def test_the_rule_set_decides_who_is_ranked(county, dataset):
    from .conftest import set_rank_min_sample

    set_rank_min_sample(1000)
    rows = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF).rows
    assert rows and all(r["rank"] is None for r in rows)
    set_rank_min_sample(1)
    rows = unit_stats(user=county.supervisor, month="2026-10", at=AS_OF).rows
    assert any(r["rank"] == 1 for r in rows)
