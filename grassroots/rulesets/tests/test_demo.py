import pytest

from grassroots.demo import registry
from grassroots.rulesets.demo import seed_rule_sets
from grassroots.rulesets.models import RuleSet

pytestmark = pytest.mark.django_db


def test_demo_step_is_registered_and_restores_the_shipped_sets():
    registry.discover()
    assert "rulesets" in {s.name for s in registry.steps()}
    RuleSet.objects.filter(code="party.org.2018").delete()
    counts = seed_rule_sets(None)
    assert RuleSet.objects.filter(code="party.org.2018", status="confirmed").exists()
    assert counts == {"rule_sets": 6, "rule_sets_confirmed": 5,
                      "rule_params": RuleSet.objects.values("params").count()}
