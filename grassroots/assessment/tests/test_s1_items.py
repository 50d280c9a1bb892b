"""S1-derived items match the S1 events exactly (§7.5)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.events import events_for
from grassroots.core.models import Event
from grassroots.demands.services import demand_dispatch
from grassroots.demands.services.dispatch import assignment_decide_return, assignment_return
from grassroots.demands.services.followup import demand_follow_up
from grassroots.demands.services.handling import assignment_acknowledge, assignment_reply
from grassroots.supervision.services.notices import notice_draft, notice_issue

from ..models import ItemEvent, RoutineRecord
from ..services.routine import period_open
from ..services.s1 import s1_items_derive

pytestmark = pytest.mark.django_db
REPLY = "已现场核实并完成维修，群众认可。"


def _at(day: str, hour: int = 10):
    return clock.travel(timezone.make_aware(datetime.fromisoformat(f"{day}T{hour:02d}:00:00")))


def test_a_handlers_quarter_of_s1_events_becomes_his_items(unit, make_demand):
    county, a = unit.county, unit.a
    with _at("2026-04-07"):
        d1, d2 = make_demand(), make_demand()
        (a1,) = demand_dispatch(actor=county.dispatcher, demand=d1, lead_unit=unit.org)
        (a2,) = demand_dispatch(actor=county.dispatcher, demand=d2, lead_unit=unit.org)
        assignment_acknowledge(actor=a, assignment=a1)
        assignment_reply(actor=a, assignment=a1, outcome="resolved", text=REPLY)
        assignment_return(actor=a, assignment=a2, reason="该事项不属于本单位职责范围。")
        assignment_decide_return(actor=county.dispatcher, assignment=a2, approve=False,
                                 note="属医保局职责")
        assignment_reply(actor=a, assignment=a2, outcome="resolved", text=REPLY)
    with _at("2026-04-09"):
        demand_follow_up(actor=county.dispatcher, demand=d1, satisfaction="satisfied")
        demand_follow_up(actor=county.dispatcher, demand=d2, satisfaction="unsatisfied",
                         comment="问题没有解决")
    with _at("2026-05-06"):
        notice = notice_draft(actor=county.supervisor, unit=unit.org, demands=[d1],
                              title="关于医保报销的督办通知", body="请于五月二十日前书面说明办理情况。",
                              respond_by=date(2026, 5, 20))
        notice_issue(actor=county.supervisor, notice=notice)
    # Outside the quarter: not counted.
    with _at("2026-07-02"):
        d3 = make_demand()
        (a3,) = demand_dispatch(actor=county.dispatcher, demand=d3, lead_unit=unit.org)
        assignment_acknowledge(actor=a, assignment=a3)
        assignment_reply(actor=a, assignment=a3, outcome="resolved", text=REPLY)

    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=2)
    added = s1_items_derive(actor=unit.head, year=2026, quarter=2, units=[unit.org])
    again = s1_items_derive(actor=unit.head, year=2026, quarter=2, units=[unit.org])
    record = RoutineRecord.objects.get(period=period, person=a.person)
    items = {(i.kind, i.s1_assignment_id, i.points) for i in ItemEvent.objects.filter(record=record)}
    assert (added, again) == (5, 0)
    assert items == {("s1.on_time", a1.pk, Decimal("0.5")), ("s1.satisfied", a1.pk, Decimal("0.5")),
                     ("s1.unjustified_return", a2.pk, Decimal("-1.0")),
                     ("s1.reopened", a2.pk, Decimal("-2.0")), ("s1.notice", a1.pk, Decimal("-2.0"))}
    # Each event-based item names the very S1 event that produced it.
    reply_event = Event.objects.get(action="reply", object_id=a1.pk)
    reject_event = Event.objects.get(action="reject_return", object_id=a2.pk)
    assert ItemEvent.objects.get(record=record, kind="s1.on_time").s1_event_id == reply_event.pk
    assert ItemEvent.objects.get(record=record, kind="s1.unjustified_return").s1_event_id == reject_event.pk
    assert record.item_points == Decimal("-4.0")
    assert not ItemEvent.objects.filter(record__person=unit.b.person).exists()
    assert [e.action for e in events_for(record)].count("routine_s1_items") == 1


def test_the_units_quarter_page_shows_the_s1_common_indicator(unit, make_demand, client):
    with _at("2026-04-07"):
        d1 = make_demand()
        (a1,) = demand_dispatch(actor=unit.county.dispatcher, demand=d1, lead_unit=unit.org)
        assignment_acknowledge(actor=unit.a, assignment=a1)
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=2)
    client.force_login(unit.head)
    page = client.get(f"/assessment/periods/{period.pk}/").content.decode()
    assert "派单 1 · 响应率 1/1" in " ".join(page.split())
