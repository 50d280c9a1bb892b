import pytest

from grassroots.demo import registry
from grassroots.rulesets.demo import seed_rule_sets
from grassroots.rulesets.models import RuleParam, RuleSet

pytestmark = pytest.mark.django_db


def test_demo_step_is_registered_and_restores_the_shipped_sets():
    registry.discover()
    assert "rulesets" in {s.name for s in registry.steps()}
    RuleSet.objects.filter(code="party.org.2018").delete()
    counts = seed_rule_sets(None)
    assert RuleSet.objects.filter(code="party.org.2018", status="confirmed").exists()
    # Six shipped here (five confirmed); system apps ship their own families by migration.
    others = RuleSet.objects.exclude(family__in=("party.dev", "party.vote", "talent.title.vote",
                                                 "party.org", "publicity"))
    assert counts == {"rule_sets": 6 + others.count(),
                      "rule_sets_confirmed": 5 + others.filter(status="confirmed").count(),
                      "rule_params": RuleParam.objects.count()}


def test_home_item_counts_drafts_for_the_administrator_only(county):
    from grassroots.core.scope import get_scope
    from grassroots.rulesets.home import home_items

    items = home_items(county.admin, get_scope(county.admin))
    assert items == [{"section": "admin", "kind": "waiting", "label": "待确认的规则草案",
                      "count": 1, "url": "/rulesets/", "due_on": None}]
    assert home_items(county.supervisor, get_scope(county.supervisor)) == []
    RuleSet.objects.filter(status="draft").update(status="confirmed")
    assert home_items(county.admin, get_scope(county.admin)) == []
