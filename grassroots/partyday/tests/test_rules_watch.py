"""County-editable numbers read from the rule set in force (the routing limit, the theme day's
frequency) and the routing deadline watched by the kernel's deadline watch."""

from datetime import date, timedelta

import pytest

from grassroots.core.models import Notification
from grassroots.rulesets.models import RuleSet
from grassroots.rulesets.selectors import rule_set_by_code
from grassroots.rulesets.services import rule_set_confirm, rule_set_create_local
from grassroots.workcal import watch
from grassroots.workcal.services import add_working_days

from .. import services
from ..models import SuggestionDecision, SuggestionKind
from ..rules import ROUTE_KEY
from ..stats import missing_months
from ..watch import SUGGESTION

pytestmark = pytest.mark.django_db


def _record(party, day, text="村东头路灯坏了很久，希望尽快修好。", kind=SuggestionKind.DEMAND):
    return services.suggestion_record(actor=party.secretary_a, day=day, content=text, kind=kind,
                                      raised_by_name="王群众")


def test_routing_limit_is_the_rule_sets_and_a_county_may_tighten_it(county, party, held_day):
    shipped = rule_set_by_code("partyday.2019")
    first = _record(party, held_day)
    assert first.rule_set == shipped
    assert first.route_due_at == add_working_days(first.recorded_at, 2).due_at
    assert first.due_at == first.route_due_at
    # the county organisation department asks for 1 working day; the administrator adds the
    # local set and confirms it: suggestions recorded from now on get the shorter limit
    local = rule_set_create_local(
        actor=county.admin, base=shipped, code="partyday.2019.county", title="县主题党日分办时限",
        scope="county", effective_from=date(2020, 1, 1), values={ROUTE_KEY: "1"})
    rule_set_confirm(actor=county.admin, rule_set=local)
    second = _record(party, held_day, text="希望村里组织一次农技培训。")
    assert second.rule_set == local
    assert second.route_due_at == add_working_days(second.recorded_at, 1).due_at
    assert second.route_due_at < add_working_days(second.recorded_at, 2).due_at
    first.refresh_from_db()
    assert first.rule_set == shipped  # a recorded suggestion keeps the limit it started with


def _party_org_every(months: int, effective_from: date) -> RuleSet:
    """A revised national "party.org" set (as a shipped revision would arrive) with the theme
    day every ``months`` months."""
    base = rule_set_by_code("party.org.2018")
    revised = RuleSet.objects.create(family="party.org", code="party.org.test", title="修订",
                                     effective_from=effective_from, status="confirmed")
    for p in base.params.all():
        p.pk, p.rule_set = None, revised
        if p.key == "life.theme_day_months":
            p.numerator = months
        p.save()
    return revised


def test_missing_months_follow_the_theme_day_frequency_in_force(party, day):
    year = day.month.year
    end = date(year, 12, 31)
    monthly = missing_months(party.branch_a, year, end)
    assert len(monthly) == 11 and day.month not in monthly
    _party_org_every(3, date(year - 1, 1, 1))
    quarterly = missing_months(party.branch_a, year, end)
    # four quarters; the one holding the planned day is not flagged
    quarter_of_day = date(year, (day.month.month - 1) // 3 * 3 + 1, 1)
    assert quarterly == [date(year, m, 1) for m in (1, 4, 7, 10) if date(year, m, 1)
                         != quarter_of_day]


def test_watch_reminds_then_flags_an_unrouted_suggestion_once(party, held_day):
    s = _record(party, held_day)
    case = watch.WATCHED[SUGGESTION]
    near = watch.watch_case(case, at=s.due_at - timedelta(minutes=30))
    assert near["near"] == 1
    reminded = Notification.objects.filter(kind="deadline_near")
    assert {n.recipient_id for n in reminded} == {party.secretary_a.pk}
    late = s.due_at + timedelta(hours=1)
    assert watch.watch_case(case, at=late)["overdue"] == 1
    flagged = Notification.objects.filter(kind="deadline_over")
    # the secretary and the town's organisation officer above the branch
    assert {n.recipient_id for n in flagged} == {party.secretary_a.pk, party.officer_a.pk}
    assert "/partyday/suggestions/" in flagged.first().url
    assert watch.watch_case(case, at=late + timedelta(minutes=5))["overdue"] == 0
    assert Notification.objects.filter(kind="deadline_over").count() == 2
    s.refresh_from_db()
    assert s.overdue_notified_for == s.due_at


def test_a_routed_suggestion_leaves_the_watch(party, held_day):
    s = _record(party, held_day, text="建议村里设立便民服务点。", kind=SuggestionKind.RATIONAL)
    services.suggestion_decide(actor=party.secretary_a, suggestion=s,
                               decision=SuggestionDecision.ADOPTED)
    s.refresh_from_db()
    assert s.due_at is None and s.route_due_at is not None
    result = watch.watch_case(watch.WATCHED[SUGGESTION], at=s.route_due_at + timedelta(days=3))
    assert result == {"near": 0, "overdue": 0, "escalated": 0}
    assert not Notification.objects.filter(kind__startswith="deadline").exists()


def test_api_lists_page_the_shared_way(client, party, held_day):
    """The lists use grassroots.api.pagination.Pages: ?page_size caps at 100, ?page=0 is a 422."""
    for text in ("建议村里设立便民服务点。", "建议修缮村委会门前道路。", "建议增设垃圾分类点。"):
        _record(party, held_day, text=text, kind=SuggestionKind.RATIONAL)
    client.force_login(party.secretary_a)
    r = client.get("/api/v1/partyday/suggestions?page_size=2&page=2")
    assert r.status_code == 200
    assert r.json()["count"] == 3 and len(r.json()["items"]) == 1
    assert client.get("/api/v1/partyday/suggestions?page=0").status_code == 422
    client.force_login(party.secretary_b)
    assert client.get("/api/v1/partyday/days").json() == {"items": [], "count": 0,
                                                          "count_is_estimate": False}
