"""The demo's grid work looks like a real county's: no report before its month has ended, themes
in season, training titles without a doubled word, seats older than the visits."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.demands.models import Demand
from grassroots.gridwork import demo, months
from grassroots.gridwork.models import MonthlyReport, MonthlyTheme, Visit
from grassroots.gridwork.services.rhythm import month_end_report
from grassroots.people.models import ServiceTeamMember
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
NOV_25 = datetime(2026, 11, 25, 14, 0, tzinfo=TZ)


def test_no_month_end_report_before_the_month_has_ended(gw):
    with clock.travel(NOV_25):
        for month, label in (("2026-11", "2026年11月"), ("2026-12", "2026年12月")):
            with refused(ApplicationError, f"{label}尚未结束，月末通报在该月结束后生成。",
                         unchanged=[MonthlyReport]):
                month_end_report(month=month)
        # the scheduler's own call is for the month that has ended
        assert month_end_report(today=date(2026, 11, 2)).month == "2026-10"
    assert list(MonthlyReport.objects.values_list("month", flat=True)) == ["2026-10"]
    at = datetime(2026, 12, 1, 0, 30, tzinfo=TZ)
    with clock.travel(at):
        report = month_end_report()
    assert report.month == "2026-11" and report.compiled_at == at


def test_demo_reports_ended_months_only_when_the_job_would_have(gw, client):
    with clock.travel(NOV_25):
        assert demo._month_end_reports(["2026-09", "2026-10", "2026-11"]) == 2
    compiled = dict(MonthlyReport.objects.values_list("month", "compiled_at"))
    assert set(compiled) == {"2026-09", "2026-10"}
    assert compiled["2026-10"] == datetime(2026, 11, 1, 9, 30, tzinfo=TZ)
    assert all(at <= NOV_25 for at in compiled.values())
    client.force_login(gw.supervisor)
    html = client.get("/grid/reports/").content.decode()
    assert "/grid/reports/2026-10/" in html and "/grid/reports/2026-11/" not in html
    assert "生成于 2026-11-01 09:30" in html and "2026-12-01" not in html
    # Built early on the first day of a month: the report is compiled then, not later that day.
    MonthlyReport.objects.all().delete()
    early = datetime(2026, 11, 1, 7, 0, tzinfo=TZ)
    with clock.travel(early):
        demo._month_end_reports(["2026-10", "2026-11"])
    assert MonthlyReport.objects.get().compiled_at == early


def test_demo_themes_follow_the_calendar(gw):
    with clock.travel(NOV_25):
        demo._themes(gw.admin, months.month_range("2025-06", "2026-11"))
    titles = dict(MonthlyTheme.objects.values_list("month", "title"))
    assert len(titles) == 18
    assert titles["2026-11"] == "冬季取暖与安全生产"
    assert titles["2026-05"] == "三夏生产与农业政策"
    assert titles["2026-02"] == "就业政策宣传"
    assert titles["2026-01"] == titles["2025-12"].replace("医保参保与健康服务", "春节走访慰问")
    assert titles["2025-07"] == titles["2026-07"] == "汛期安全与防汛排涝"
    assert titles["2025-10"] == "秋收秋种服务"
    for month, title in titles.items():
        assert title == demo.THEMES[months.first_day(month).month][0]


def test_training_titles_say_each_word_once():
    assert demo.training_title(133, demo.TRAINING_TOPICS[0]) == "第133期民情书记工作职责与走访规范培训"
    for i, topic in enumerate(demo.TRAINING_TOPICS, start=1):
        title = demo.training_title(i, topic)
        words = re.findall(r"[\u4e00-\u9fff]", title)
        pairs = ["".join(p) for p in zip(words, words[1:], strict=False)]
        assert len(pairs) == len(set(pairs)), title


def test_training_kinds_follow_their_topics():
    """Policy readings are 政策培训, hands-on sessions 岗位实训, duties and procedure 系统培训
    (the kinds were dealt out in turn and came out swapped)."""
    from grassroots.gridwork.models import TrainingKind

    assert set(demo.TRAINING_KINDS) == set(demo.TRAINING_TOPICS)
    for topic, kind in demo.TRAINING_KINDS.items():
        if "政策" in topic:
            assert kind == TrainingKind.POLICY, topic
        elif "实训" in topic or "调解" in topic:
            assert kind == TrainingKind.ON_THE_JOB, topic
        else:
            assert kind == TrainingKind.SYSTEM, topic
    assert set(demo.TRAINING_KINDS.values()) == set(TrainingKind.values)


def test_demo_seats_begin_before_the_first_visit(gw, client):
    first = datetime(2025, 5, 3, 10, 0, tzinfo=TZ)
    Demand.objects.create(number="D1", channel="visit", type="help", title="路灯",
                          text="路灯不亮了", grid=gw.grid_a, received_at=first)
    demo._seat_terms()
    starts = list(ServiceTeamMember.objects.filter(ended_at__isnull=True)
                  .values_list("started_at", flat=True))
    assert starts and all(s < first for s in starts)
    client.force_login(gw.admin)
    team = gw.grid_a.team
    html = client.get(f"/grid/teams/{team.pk}/").content.decode()
    seated = starts[0].astimezone(TZ).date().isoformat()
    assert f"{seated} — " in html and f"{months.today().isoformat()} — " not in html
    # Once the history is built, a later seat keeps its own date.
    Visit.objects.create(grid=gw.grid_a, secretary=gw.secretary.person, date=first.date(),
                         form="household", people_met=3)
    member = ServiceTeamMember.objects.filter(ended_at__isnull=True).first()
    ServiceTeamMember.objects.filter(pk=member.pk).update(started_at=clock.now())
    assert demo._seat_terms() == 0
    member.refresh_from_db()
    assert clock.now() - member.started_at < timedelta(minutes=5)



def test_demo_history_reaches_the_current_month_with_visits_up_to_today(gw, monkeypatch):
    from grassroots.demo.registry import SeedContext

    monkeypatch.setattr(demo, "VISIT_SHARE", 100)  # every grid visited: the dates are the point
    dec_7 = datetime(2026, 12, 7, 10, 0, tzinfo=TZ)
    with clock.travel(dec_7):
        month_list = demo.demo_months()
        assert month_list[0] == "2025-06" and month_list[-1] == "2026-12"
        demo._themes(gw.admin, month_list)
        demo._visits(SeedContext(seed=1, progress=False), gw.admin, month_list)
    assert MonthlyTheme.objects.filter(month="2026-12").exists()
    december = Visit.objects.filter(date__gte=date(2026, 12, 1))
    assert december.exists()
    assert not december.filter(date__gt=date(2026, 12, 7)).exists()
