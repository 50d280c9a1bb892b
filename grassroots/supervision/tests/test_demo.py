"""The demo step replays the supervision history in the order things happen."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from grassroots.core import clock
from grassroots.demo.registry import SeedContext
from grassroots.supervision.demo import seed_supervision
from grassroots.supervision.models import Bulletin, SupervisionNotice

from .conftest import make_row

TZ = ZoneInfo("Asia/Shanghai")


def _history(county):
    """August to November 2026: the water bureau acknowledges late every month (it is on every
    late list); one of its November assignments is still open, long past its deadline."""
    for month in (8, 9, 10, 11):
        day = datetime(2026, month, 10, 10, 0, tzinfo=TZ)
        make_row(county, unit=county.water, dispatched=day, outcome="resolved",
                 acknowledged_at=day + timedelta(hours=5), acknowledged_late=True,
                 replied_at=day + timedelta(days=1), due_at=None)
        make_row(county, unit=county.housing, dispatched=day, outcome="resolved",
                 acknowledged_at=day + timedelta(minutes=30), replied_at=day + timedelta(days=1),
                 due_at=None)
    stuck = datetime(2026, 11, 12, 10, 0, tzinfo=TZ)
    make_row(county, unit=county.water, dispatched=stuck, status="acknowledged",
             acknowledged_at=stuck + timedelta(minutes=30), due_at=stuck + timedelta(days=2))


@pytest.mark.django_db
def test_bulletins_list_their_months_notices_and_numbers_follow_issue_dates(county):
    _history(county)
    with clock.travel(datetime(2026, 11, 25, 14, 0, tzinfo=TZ)):
        seed_supervision(SeedContext(progress=False))

    notices = list(SupervisionNotice.objects.exclude(issued_at=None).order_by("issued_at"))
    assert len(notices) == 4
    # Numbered in the order they were issued; the deadline watch's notice (issued today) last.
    assert [n.seq for n in notices] == [1, 2, 3, 4]
    assert notices[-1].auto_drafted and notices[-1].number == "督办〔2026〕4号"
    # Each bulletin's table of notices lists those issued in its month (on the 4th, after the
    # previous month's bulletin put the water bureau on the late list).
    for period, number in (("2026-09-01", notices[0].number), ("2026-10-01", notices[1].number)):
        b = Bulletin.objects.get(period=period)
        assert [n["number"] for n in b.figures["notices"]] == [number]
    assert Bulletin.objects.get(period="2026-08-01").figures["notices"] == []


@pytest.mark.django_db
def test_notices_left_unanswered_past_their_feedback_date_are_escalated(county, monkeypatch):
    from datetime import date

    from grassroots.supervision import demo

    monkeypatch.setattr(demo, "RESPONSE_SHARE", 0.0)  # no unit answers
    _history(county)
    with clock.travel(datetime(2026, 11, 25, 14, 0, tzinfo=TZ)):
        seed_supervision(SeedContext(progress=False))
    stale = SupervisionNotice.objects.filter(status__in=["issued", "acknowledged"],
                                             respond_by__lt=date(2026, 11, 22))
    assert not stale.exists()
    assert SupervisionNotice.objects.filter(status="escalated").exists()


def test_demo_meetings_bring_the_topics_own_units_lead_first():
    """The rainy-season drainage meeting is led by housing with water and emergency management
    (not by the weather bureau with finance and justice, as random units gave)."""
    from types import SimpleNamespace

    from grassroots.demo.data import jinxiang
    from grassroots.supervision.demo import MEETING_UNITS, TOPICS, meeting_units

    names = {u.code: u.short_name for u in jinxiang.UNITS}
    assert {t[0] for t in TOPICS} == set(MEETING_UNITS)
    assert all(code in names for codes in MEETING_UNITS.values() for code in codes)
    units = [SimpleNamespace(code=code, name=name) for code, name in names.items()]
    drainage = [u.name for u in meeting_units("雨季排水防涝问题", units)]
    assert drainage == ["住建局", "水务局", "应急局"]
    assert [u.name for u in meeting_units("老城区水压低问题", units)][0] == "自来水公司"
    # a county without one of the units meets without it; an unknown topic has none
    assert [u.name for u in meeting_units("雨季排水防涝问题", [u for u in units if u.code != "D-WATER"])] == ["住建局", "应急局"]
    assert meeting_units("别的问题", units) == []
