from datetime import date, timedelta

import pytest
from django.utils import timezone

from grassroots.core.errors import NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.supervision.models import NoticeStatus, SupervisionNotice
from grassroots.supervision.services import notices as svc
from grassroots.supervision.transitions import NOTICE_TRANSITIONS, Action, Who
from grassroots.testing.refusals import refused


@pytest.fixture
def notice(county, dispatched):
    demand, lead = dispatched
    return svc.notice_draft(actor=county.supervisor, unit=county.water, demands=[demand],
                            title="关于督促办理水压问题的通知",
                            body="请水务局抓紧办理金城社区水压低问题并反馈。",
                            respond_by=date.today() + timedelta(days=5))


DO = {
    Action.ISSUE: lambda c, n: svc.notice_issue(actor=c.supervisor, notice=n),
    Action.CANCEL: lambda c, n: svc.notice_cancel(actor=c.supervisor, notice=n),
    Action.ACKNOWLEDGE: lambda c, n: svc.notice_acknowledge(actor=c.handler, notice=n),
    Action.RESPOND: lambda c, n: svc.notice_respond(actor=c.handler, notice=n,
                                                    text="已更换加压泵，水压恢复正常。"),
    Action.SEND_BACK: lambda c, n: svc.notice_send_back(actor=c.supervisor, notice=n,
                                                        note="反馈不具体，请补充"),
    Action.CLOSE: lambda c, n: svc.notice_close(actor=c.supervisor, notice=n),
    Action.ESCALATE: lambda c, n: svc.notice_escalate(actor=c.supervisor, notice=n,
                                                      note="逾期未反馈"),
}
PATH = {  # how to reach each state from drafted
    NoticeStatus.DRAFTED: [],
    NoticeStatus.ISSUED: [Action.ISSUE],
    NoticeStatus.ACKNOWLEDGED: [Action.ISSUE, Action.ACKNOWLEDGE],
    NoticeStatus.RESPONDED: [Action.ISSUE, Action.ACKNOWLEDGE, Action.RESPOND],
    NoticeStatus.ESCALATED: [Action.ISSUE, Action.ESCALATE],
    NoticeStatus.CLOSED: [Action.ISSUE, Action.ACKNOWLEDGE, Action.RESPOND, Action.CLOSE],
    NoticeStatus.CANCELLED: [Action.CANCEL],
}
ALLOWED = {(t.state, t.action) for t in NOTICE_TRANSITIONS}
CASES = [(state, action) for state in PATH for action in DO]


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "action"), CASES)
def test_every_transition_follows_the_table(county, notice, state, action):
    for step in PATH[state]:
        DO[step](county, notice)
    notice.refresh_from_db()
    assert notice.status == state
    if (state, action) in ALLOWED:
        DO[action](county, notice)
        notice.refresh_from_db()
        expected = next(t.to for t in NOTICE_TRANSITIONS if (t.state, t.action) == (state, action))
        assert notice.status == expected
        assert Event.objects.filter(object_id=notice.pk, action=action).exists()
    else:
        with refused(TransitionNotAllowed,
                     f"督办通知单当前状态为“{NoticeStatus(state).label}”，不能执行“{Action(action).label}”。"
                     "如页面未刷新，请刷新后重试。", unchanged=[notice]):
            DO[action](county, notice)
        notice.refresh_from_db()
        assert notice.status == state


@pytest.mark.django_db
def test_issue_numbers_per_year(county, notice, dispatched):
    n1 = svc.notice_issue(actor=county.supervisor, notice=notice)
    n2 = svc.notice_draft(actor=county.supervisor, unit=county.water, demands=[dispatched[0]],
                          title="第二份督办通知", body="请抓紧办理并按期反馈办理情况。",
                          respond_by=date.today() + timedelta(days=3))
    n2 = svc.notice_issue(actor=county.supervisor, notice=n2)
    year = timezone.localtime(n1.issued_at).year
    assert n1.number == f"督办〔{year}〕1号"
    assert n2.number == f"督办〔{year}〕2号"


@pytest.mark.django_db
def test_scope_of_writes(county, notice):
    with refused(NotInScope, "只有督查室工作人员可以执行此操作。", unchanged=[notice]):
        svc.notice_issue(actor=county.handler, notice=notice)
    svc.notice_issue(actor=county.supervisor, notice=notice)
    for actor in (county.outsider, county.viewer):
        with refused(NotInScope, "只有被督办单位的办理人员可以执行此操作。", unchanged=[notice]):
            svc.notice_acknowledge(actor=actor, notice=notice)
    assert SupervisionNotice.objects.get(pk=notice.pk).status == NoticeStatus.ISSUED


@pytest.mark.django_db
def test_bad_input_writes_nothing(county, dispatched):
    from grassroots.core.errors import ApplicationError

    with refused(ApplicationError, "请写明督办内容（至少10个字）。", unchanged=[SupervisionNotice]):
        svc.notice_draft(actor=county.supervisor, unit=county.water, demands=[dispatched[0]],
                         title="标题足够长", body="太短", respond_by=date.today())
    assert not SupervisionNotice.objects.exists()


def test_table_has_no_unit_rows_for_office_actions():
    office = {t.action for t in NOTICE_TRANSITIONS if t.who == Who.OFFICE}
    unit = {t.action for t in NOTICE_TRANSITIONS if t.who == Who.UNIT}
    assert office.isdisjoint(unit)


@pytest.mark.django_db
def test_overdue_notice_prints_the_local_deadline(county, dispatched):
    """The stored deadline is UTC; the notice says 10:36 for a 10:36 deadline in the county."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from grassroots.demands.models import Assignment

    demand, lead = dispatched
    due = datetime(2026, 11, 24, 10, 36, tzinfo=ZoneInfo("Asia/Shanghai"))
    Assignment.objects.filter(pk=lead.pk).update(due_at=due)
    a = Assignment.objects.select_related("demand", "unit").get(pk=lead.pk)  # UTC from the db
    notice = svc.notice_draft_for_overdue(assignment=a)
    assert f"{demand.number}《{demand.title}》，时限 2026-11-24 10:36" in notice.body
    assert "02:36" not in notice.body


@pytest.mark.django_db
def test_number_year_is_the_local_year(county, notice):
    """Issued at 03:00 on 1 January in the county (still 31 December in UTC): 〔2027〕."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from grassroots.core import clock

    moment = datetime(2027, 1, 1, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai")).astimezone(
        ZoneInfo("UTC"))
    SupervisionNotice.objects.filter(pk=notice.pk).update(respond_by=date(2027, 1, 5))
    notice.refresh_from_db()
    with clock.travel(moment):
        n = svc.notice_issue(actor=county.supervisor, notice=notice)
    assert n.number == "督办〔2027〕1号" and n.year == 2027


@pytest.mark.django_db
@pytest.mark.parametrize("counter", [None, 2])
def test_issue_takes_the_next_free_number_of_the_year(county, notice, dispatched, counter):
    """Notices numbered without the counter (imported, a counter row lost or behind): the next
    one continues after the highest number of the year instead of colliding or restarting."""
    from grassroots.core.models import SeriesCounter

    year = timezone.localdate().year
    for seq in (5, 7):
        SupervisionNotice.objects.create(
            unit=county.water, title="已有督办通知", body="导入的督办通知单。", status="closed",
            respond_by=date.today(), created_at=timezone.now(), issued_at=timezone.now(),
            year=year, seq=seq, number=svc.format_notice_number(year, seq))
    if counter is not None:
        SeriesCounter.objects.create(series="notice", period=str(year), last=counter)
    n = svc.notice_issue(actor=county.supervisor, notice=notice)
    assert n.number == f"督办〔{year}〕8号"
    second = svc.notice_draft(actor=county.supervisor, unit=county.water,
                              demands=[dispatched[0]], title="第二份督办通知",
                              body="请抓紧办理并按期反馈办理情况。",
                              respond_by=date.today() + timedelta(days=3))
    assert svc.notice_issue(actor=county.supervisor, notice=second).seq == 9
