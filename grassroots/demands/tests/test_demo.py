"""The demo's demand history: the county's totals, and units acting in office hours."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from grassroots.core import clock
from grassroots.core.models import Event
from grassroots.demands import demo
from grassroots.demands.models import Assignment, AssignmentStatus, Channel, Demand
from grassroots.demo import registry
from grassroots.demo.registry import TINY, SeedContext
from grassroots.demo.seed import run_seed
from grassroots.workcal.services import in_office_hours

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
# What a handling unit does; the dispatch centre's own steps (dispatch, rulings, follow-up
# calls) are not a unit's.
UNIT_ACTIONS = ("acknowledge", "return", "escalate_return", "note", "request_extension", "reply")
# A Monday before the office opens: last night's calls must have been acted on a day earlier.
NOW = datetime(2026, 11, 23, 8, 5, tzinfo=TZ)


@pytest.fixture
def history(monkeypatch):
    """The demand step on the tiny county with the county's proportions at a small size."""
    registry.discover()
    county_steps = {name: step for name, step in registry._STEPS.items()
                    if step.func.__module__.startswith("grassroots.demo.")}
    monkeypatch.setattr(registry, "_STEPS", county_steps)
    monkeypatch.setattr(demo, "COLLECTED", 160)
    monkeypatch.setattr(demo, "ON_SPOT", 110)
    monkeypatch.setattr(demo, "PASSED_ON", 50)
    monkeypatch.setattr(demo, "OTHER_CHANNELS", 10)
    with clock.travel(NOW):
        run_seed(scale=TINY, progress=False)
        demo.seed_demand_history(SeedContext(scale=TINY, progress=False))


def test_totals_hold_and_units_act_in_office_hours(history):
    """One build (it takes a while) checked three ways."""
    # The county's reported totals: collected, solved on the spot, passed on.
    visits = Demand.objects.filter(channel=Channel.VISIT)
    assert visits.count() == 160
    assert visits.filter(solved_on_spot=True).count() == 110
    assert visits.filter(solved_on_spot=False).count() == 50

    # Acknowledgements, returns, notes, extension requests and replies in office hours only.
    steps = list(Event.objects.filter(
        content_type=ContentType.objects.get_for_model(Assignment), action__in=UNIT_ACTIONS))
    acknowledgements = [e for e in steps if e.action == "acknowledge"]
    assert len(acknowledgements) > 30 and {e.action for e in steps} >= {"acknowledge", "reply"}
    outside = [f"{e.action} {e.at.astimezone(TZ):%Y-%m-%d %a %H:%M}" for e in steps
               if not in_office_hours(e.at)]
    assert outside == []
    for a in Assignment.objects.filter(Q(acknowledged_at__isnull=False)
                                       | Q(replied_at__isnull=False)):
        for moment in (a.acknowledged_at, a.replied_at):
            assert moment is None or in_office_hours(moment), (a.pk, moment)

    # The dispatch centre's rulings and its follow-up calls to citizens: office hours too.
    centre = list(Event.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Assignment), action__in=(
            "approve_return", "reject_return", "approve_extension", "refuse_extension"))
        | Q(content_type=ContentType.objects.get_for_model(Demand), action="follow_up")))
    assert any(e.action == "follow_up" for e in centre)
    assert [f"{e.action} {e.at.astimezone(TZ):%Y-%m-%d %a %H:%M}" for e in centre
            if not in_office_hours(e.at)] == []
    assert not [e for e in centre if e.at > NOW]

    # This week's inbox of the water bureau still shows every state, all of it before now.
    recent = Assignment.objects.filter(unit__code="D-WATER",
                                       dispatched_at__gte=NOW - timedelta(days=7))
    assert {AssignmentStatus.DISPATCHED, AssignmentStatus.ACKNOWLEDGED,
            AssignmentStatus.HANDLING, AssignmentStatus.EXTENSION_REQUESTED,
            AssignmentStatus.RETURN_REQUESTED, AssignmentStatus.REPLY_SIGNOFF,
            AssignmentStatus.EXTENSION_SIGNOFF} <= set(recent.values_list("status", flat=True))
    assert not Event.objects.filter(action__in=UNIT_ACTIONS, at__gt=NOW).exists()
