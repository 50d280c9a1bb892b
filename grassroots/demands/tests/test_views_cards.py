"""Landing cards and top-bar links per role."""

import grassroots.demands.cards  # noqa: F401 - registers the providers (also done in ready())
from grassroots.core.scope import get_scope
from grassroots.demands.cards import demand_cards, demand_nav
from grassroots.demands.services import assignment_return, demand_dispatch

from .pagekit import html


def by_key(cards):
    return {c["key"]: c for c in cards}


def test_dispatcher_cards(county, make_demand):
    make_demand()
    d = make_demand()
    (a,) = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water)
    assignment_return(actor=county.handler, assignment=a, reason="不属于本单位职责范围。")
    cards = by_key(demand_cards(county.dispatcher))
    assert cards["dispatch-waiting"]["count"] == 1 and cards["dispatch-waiting"]["url"] == "/dispatch/"
    assert cards["dispatch-disputes"]["count"] == 1


def test_handler_cards(county, make_demand):
    for _ in range(2):
        demand_dispatch(actor=county.dispatcher, demand=make_demand(), lead_unit=county.water)
    cards = by_key(demand_cards(county.handler))
    assert cards["inbox-dispatched"]["count"] == 2
    assert cards["inbox-handling"]["count"] == 0
    assert "dispatch-waiting" not in cards
    assert "inbox-dispatched" not in by_key(demand_cards(county.outsider)) or \
        by_key(demand_cards(county.outsider))["inbox-dispatched"]["count"] == 0


def test_citizen_secretary_supervisor_cards(county, make_demand):
    make_demand(channel="citizen", actor=county.citizen, citizen_phone="")
    make_demand(channel="visit", actor=county.secretary, grid=county.grid_a, citizen_phone="")
    assert by_key(demand_cards(county.citizen))["my-demands"]["count"] == 1
    assert by_key(demand_cards(county.citizen))["my-to-rate"]["count"] == 0
    assert by_key(demand_cards(county.secretary))["grid-month"]["count"] == 1
    assert "county-overdue" in by_key(demand_cards(county.supervisor))


def test_nav_per_role(county):
    def urls(user):
        return [i["url"] for i in demand_nav(user, get_scope(user))]
    assert "/dispatch/" in urls(county.dispatcher) and "/phone/new/" in urls(county.dispatcher)
    assert "/inbox/" in urls(county.handler) and "/dispatch/" not in urls(county.handler)
    assert "/visit/new/" not in urls(county.secretary)  # the grid-work visit form is the one
    assert urls(county.citizen) == ["/my/", "/my/new/"]


def test_home_page_shows_cards(client, county, make_demand):
    make_demand()
    client.force_login(county.dispatcher)
    body = html(client.get("/"))
    assert 'data-testid="card-dispatch-waiting"' in body and 'href="/dispatch/"' in body


def _listed(client, url) -> int:
    import re

    return int(re.search(r"共(\d+)条", html(client.get(url))).group(1))


def test_cards_open_lists_with_the_same_count(client, county, make_demand):
    from datetime import timedelta

    from django.utils import timezone

    from grassroots.core import clock
    from grassroots.demands.models import Assignment

    # Last month's visit demand: not "本月收集", though the old link (channel=visit) listed it.
    with clock.travel(clock.now() - timedelta(days=40)):
        make_demand(channel="visit", actor=county.secretary, grid=county.grid_a, citizen_phone="")
    make_demand(channel="visit", actor=county.secretary, grid=county.grid_a, citizen_phone="")
    card = by_key(demand_cards(county.secretary))["grid-month"]
    client.force_login(county.secretary)
    assert card["count"] == 1 and _listed(client, card["url"]) == 1

    # Lead and assisting unit both late on one demand: one overdue demand on the list.
    d = make_demand()
    lead, assist = demand_dispatch(actor=county.dispatcher, demand=d, lead_unit=county.water,
                                   assisting_units=[county.housing])
    Assignment.objects.filter(pk__in=[lead.pk, assist.pk]).update(
        due_at=timezone.now() - timedelta(hours=1))
    card = by_key(demand_cards(county.supervisor))["county-overdue"]
    client.force_login(county.supervisor)
    # ... and last month's visit demand, still waiting past its dispatch deadline, is overdue too.
    assert card["count"] == 2 and _listed(client, card["url"]) == 2


def test_near_due_is_measured_in_working_hours_like_the_countdown_text(county, make_demand):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from grassroots.demands.models import Assignment
    from grassroots.demands.selectors import near_due_before
    from grassroots.demands.views.common import countdown
    from grassroots.workcal.services import add_working_hours

    tz = ZoneInfo("Asia/Shanghai")
    # Wednesday 17:00, due Thursday 09:30: 16.5 hours away on the wall, 1.5 working hours.
    now = datetime(2025, 3, 12, 17, 0, tzinfo=tz)
    cd = countdown(datetime(2025, 3, 13, 9, 30, tzinfo=tz), now=now)
    assert cd["text"] == "剩余1.5工作小时" and cd["css"] == "due-near"
    # Monday 09:00, due Monday 17:00: 6.5 working hours left, not near.
    cd = countdown(datetime(2025, 3, 10, 17, 0, tzinfo=tz), now=datetime(2025, 3, 10, 9, 0,
                                                                            tzinfo=tz))
    assert cd["css"] == "due-ok"
    # The handler's card counts what the inbox colours near or over.
    (near,) = demand_dispatch(actor=county.dispatcher, demand=make_demand(),
                              lead_unit=county.water)
    (far,) = demand_dispatch(actor=county.dispatcher, demand=make_demand(),
                             lead_unit=county.water)
    real_now = timezone.now()
    Assignment.objects.filter(pk=near.pk).update(due_at=add_working_hours(real_now, 3).due_at)
    Assignment.objects.filter(pk=far.pk).update(due_at=add_working_hours(real_now, 6).due_at)
    assert near_due_before(real_now) > add_working_hours(real_now, 3).due_at
    assert by_key(demand_cards(county.handler))["inbox-due"]["count"] == 1
