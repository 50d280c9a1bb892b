"""The policy kernel (core/policy.py): registry, can/require/visible, refusals, template tag."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory

from grassroots.core.errors import NotInScope, NotVisible, refusal_status
from grassroots.core.policy import allows, can, policy_for, require, visible
from grassroots.core.scope import get_scope
from grassroots.demands.models import Demand

pytestmark = pytest.mark.django_db

APPS = ("core", "demands", "supervision", "gridwork", "triage", "integrations", "audit",
        "workcal", "places")


@pytest.mark.parametrize("label", APPS)
def test_every_app_has_one_policy(label):
    policy = policy_for(label)
    assert policy.app_label == label
    assert policy.rules


def test_policy_for_a_model_and_an_object_is_the_apps(county):
    assert policy_for(Demand) is policy_for("demands")
    assert policy_for(county.grid_a) is policy_for("places")


def test_an_app_without_a_policy_is_named():
    with pytest.raises(LookupError) as exc:
        policy_for("demo")
    assert str(exc.value) == "app 'demo' has no policy (add grassroots.demo/policy.py)"


def test_an_unknown_rule_is_a_programming_error(county):
    with pytest.raises(KeyError) as exc:
        can(county.admin, "demands.fly")
    assert exc.value.args == ("no rule 'fly' in the demands policy",)


def test_require_returns_the_scope_or_refuses_with_the_rules_message(county):
    assert require(county.dispatcher, "demands.dispatch") == get_scope(county.dispatcher)
    with pytest.raises(NotInScope) as exc:
        require(county.handler, "demands.dispatch")
    assert exc.value.message == "只有派单中心可以执行此操作。"
    # a refusal is Django's PermissionDenied too: a view needs no wrapping (403 page)
    assert isinstance(exc.value, PermissionDenied)
    assert refusal_status(exc.value) == 403


def test_a_message_given_by_the_caller_replaces_the_rules(county):
    with pytest.raises(NotInScope, match="^只有派单中心可以使用派单页面。$"):
        require(county.handler, "demands.dispatch", message="只有派单中心可以使用派单页面。")


def test_a_hidden_rule_refuses_with_the_404_of_a_missing_page(county):
    with pytest.raises(NotVisible) as exc:
        require(county.citizen, "core.staff")
    assert isinstance(exc.value, Http404)
    assert exc.value.message == "未找到"
    assert refusal_status(exc.value) == 404


def test_a_system_rule_lets_the_system_but_not_an_anonymous_user(county):
    from django.contrib.auth.models import AnonymousUser

    assert can(None, "triage.administer") is True
    assert can(AnonymousUser(), "triage.administer") is False
    assert can(None, "demands.dispatch") is False


def test_a_bare_action_takes_the_app_of_the_object(county):
    a_demand = Demand(citizen_id=county.citizen.person.pk, status="replied")
    assert can(county.citizen, "follow_up", a_demand) is True
    assert can(county.other_citizen, "follow_up", a_demand) is False
    with pytest.raises(ValueError) as exc:
        can(county.citizen, "follow_up")
    assert str(exc.value) == "action 'follow_up' names no app and no object was given"


def test_allows_answers_for_a_scope_already_computed(county):
    scope = get_scope(county.supervisor)
    assert allows(scope, "supervision.office") is True
    assert allows(get_scope(county.handler), "supervision.office") is False


def test_visible_delegates_to_restrict(county):
    from grassroots.places.models import Grid

    qs = Grid.objects.all()
    assert list(visible(county.secretary, qs)) == list(qs.restrict(county.secretary, "view"))
    assert list(visible(None, qs)) == []


def test_the_template_tag_asks_the_policy(county):
    tpl = Template('{% load policy %}{% can "demands.dispatch" as ok %}{{ ok|yesno:"yes,no" }}')
    request = RequestFactory().get("/")
    request.user = county.dispatcher
    assert tpl.render(Context({"request": request})) == "yes"
    request.user = county.handler
    assert tpl.render(Context({"request": request})) == "no"


def test_a_policy_composed_of_sub_area_mixins_has_every_mixins_rules():
    from grassroots.core.policy import Policy, rule

    class FirstRules(Policy):
        @rule("first")
        def first(self, scope, obj=None):
            return True

    class SecondRules(Policy):
        @rule("second")
        def second(self, scope, obj=None):
            return False

    class Composed(FirstRules, SecondRules):
        @rule("own")
        def own(self, scope, obj=None):
            return True

    assert set(Composed.rules) == {"first", "second", "own"}
    assert Composed().rule("second").message == "second"
