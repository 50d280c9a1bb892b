from datetime import date

import factory

from grassroots.rulesets.models import RuleParam, RuleSet


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleSet

    family = "test.family"
    code = factory.Sequence(lambda n: f"test.family.{n}")
    title = factory.Sequence(lambda n: f"测试规则{n}")
    effective_from = date(2020, 1, 1)
    status = "confirmed"
    scope = "national"


class RuleParamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleParam

    rule_set = factory.SubFactory(RuleSetFactory)
    key = "limit.days"
    value = 10
    unit = "days"
    kind = "hard"
    direction = "max"
    article = "第一条"
    label = "期限"
    text = "应在{value}日内办结。"
