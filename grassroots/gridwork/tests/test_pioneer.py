from datetime import date, timedelta

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.gridwork import months
from grassroots.gridwork.models import (
    Nomination,
    NominationStatus,
    PioneerRound,
    RoundStatus,
    Score,
)
from grassroots.gridwork.selectors.pioneer import nominee_records
from grassroots.gridwork.services import pioneer as svc
from grassroots.gridwork.transitions import ALL_ACTIONS, ROUND_TABLE, RoundAction, Who
from grassroots.publicity.models import Objection, ObjectionStatus, Publicity, PublicityStatus
from grassroots.testing.refusals import refused

pytestmark = pytest.mark.django_db
REASON = "走访群众认真负责，现场解决问题多。"
PHONE = "0537-8721234"


def end_publicity(rnd, days_ago=1):
    """The round's publicity period ended ``days_ago`` days ago."""
    Publicity.objects.filter(subject_id=rnd.pk, subject_type__model="pioneerround").update(
        end_on=months.today() - timedelta(days=days_ago))


def new_round(gw, **kw):
    args = {"actor": gw.org_dept, "title": "2026年度先锋选树", "pioneer_quota": 1,
            "excellent_quota": 1, "period_start": date(2026, 1, 1),
            "period_end": date(2026, 12, 31)}
    args.update(kw)
    return svc.round_create(**args)


def at_status(gw, status):
    rnd = new_round(gw)
    PioneerRound.objects.filter(pk=rnd.pk).update(status=status)
    rnd.refresh_from_db()
    return rnd


@pytest.mark.parametrize("status", list(RoundStatus.values))
@pytest.mark.parametrize("action", ALL_ACTIONS)
def test_every_transition_in_the_table(gw, status, action):
    rnd = at_status(gw, status)
    row = ROUND_TABLE.find(status, action, Who.MANAGER)
    target = row.to if row else None
    if status == RoundStatus.NOMINATING and action == RoundAction.START_REVIEW:
        svc.nomination_create(actor=gw.town_staff, round=rnd, person=gw.secretary.person,
                              level="pioneer", reason=REASON)
    if status == RoundStatus.REVIEWING and action == RoundAction.PUBLICIZE:
        Nomination.objects.create(round=rnd, person=gw.secretary.person, town=gw.town_a,
                                  level="pioneer", reason=REASON)
        Score.objects.create(nomination=rnd.nominations.get(), reviewer=gw.admin, score=90)
    if status == RoundStatus.PUBLICITY:
        # The round's publicity was posted and its period is over (the gate lets it through).
        from grassroots.publicity.services import publicity_create

        publicity_create(actor=gw.org_dept, subject=rnd, kind="pioneer", scope="county_site",
                         title="先锋选树拟表彰人选公示", fields={"优秀民情书记": "张明（金乡街道）"},
                         start_on=months.today(), contact_phone=PHONE, publish=True)
        end_publicity(rnd)
    kwargs = {"publicity_ends_on": months.today() + timedelta(days=14), "note": "工作调整",
              "contact_phone": PHONE}
    if target is None:
        with refused(TransitionNotAllowed, f"本轮选树当前为“{RoundStatus(status).label}”，"
                     f"不能执行“{ROUND_TABLE.action_label(action)}”。", unchanged=[rnd]):
            svc.round_transition(actor=gw.org_dept, round=rnd, action=action, **kwargs)
        rnd.refresh_from_db()
        assert rnd.status == status
    else:
        rnd = svc.round_transition(actor=gw.org_dept, round=rnd, action=action, **kwargs)
        assert rnd.status == target
        ev = Event.objects.filter(action=action, object_id=rnd.pk).get()
        assert (ev.from_state, ev.to_state) == (status, target)


def test_full_round_with_objection(gw, client):
    rnd = new_round(gw)
    with refused(TransitionNotAllowed, "本轮选树当前为“已发起”，不接受推荐。",
                 unchanged=[rnd, Nomination]):
        svc.nomination_create(actor=gw.town_staff, round=rnd, person=gw.secretary.person,
                              level="pioneer", reason=REASON)
    svc.round_transition(actor=gw.org_dept, round=rnd, action="start_nominating")
    # town_a staff cannot nominate town_b's secretary
    with refused(NotInScope, "只能推荐本镇街的民情书记。", unchanged=[Nomination]):
        svc.nomination_create(actor=gw.town_staff, round=rnd, person=gw.secretary_b.person,
                              level="pioneer", reason=REASON)
    a = svc.nomination_create(actor=gw.town_staff, round=rnd, person=gw.secretary.person,
                              level="pioneer", reason=REASON)
    b = svc.nomination_create(actor=gw.admin, round=rnd, person=gw.secretary_b.person,
                              level="pioneer", reason=REASON)
    with refused(ApplicationError, f"{gw.secretary_b.person.name}已在本轮推荐名单中。",
                 unchanged=[b, Nomination]):
        svc.nomination_create(actor=gw.admin, round=rnd, person=gw.secretary_b.person,
                              level="excellent", reason=REASON)
    svc.round_transition(actor=gw.org_dept, round=rnd, action="start_review")
    svc.score_record(actor=gw.org_dept, nomination=a, score=80)
    svc.score_record(actor=gw.admin, nomination=a, score=90)
    svc.score_record(actor=gw.admin, nomination=b, score=70)
    with refused(NotInScope, "只有评审委员会成员（组织部、平台管理员）可以评分。",
                 unchanged=[b, Score]):
        svc.score_record(actor=gw.town_staff, nomination=b, score=99)
    with refused(ApplicationError, "请设置公示截止日期（应晚于今天）。", unchanged=[rnd, a, b]):
        svc.round_transition(actor=gw.org_dept, round=rnd, action="publicize")
    svc.round_transition(actor=gw.org_dept, round=rnd, action="publicize",
                         publicity_ends_on=months.today() + timedelta(days=14),
                         contact_phone=PHONE)
    posted = rnd.publicity
    assert (posted.status, posted.kind, posted.end_on) == (
        PublicityStatus.PUBLISHED, "pioneer", months.today() + timedelta(days=14))
    assert [e["key"] for e in posted.published_fields] == [f"n{a.pk}"]  # only the selected
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.rank, a.status, str(a.average_score)) == (1, NominationStatus.SELECTED, "85.00")
    assert (b.rank, b.status) == (2, NominationStatus.NOT_SELECTED)
    # the public list needs no login
    html = client.get(f"/grid/pioneer/{rnd.pk}/publicity/").content.decode()
    assert "t_secretary" in html and "t_secretary_b" not in html
    obj = svc.objection_file(actor=gw.citizen, nomination=a, text="该同志走访记录有不实之处，请核实。")
    with refused(ApplicationError, "只能对公示名单中的人选提出异议。", unchanged=[b, Objection]):
        svc.objection_file(actor=gw.citizen, nomination=b, text="该同志走访记录有不实之处，请核实。")
    assert isinstance(obj, Objection) and obj.entry_key == f"n{a.pk}"
    ends_on = months.today() + timedelta(days=14)
    with refused(ApplicationError, f"公示期至{ends_on:%Y-%m-%d}（不少于{posted.min_working_days}个工作日），"
                 "期满后才能办理。", unchanged=[rnd]):
        svc.round_transition(actor=gw.org_dept, round=rnd, action="publish")
    end_publicity(rnd)
    with refused(ApplicationError, "还有1件未处理的公示异议，处理完毕后才能办理。", unchanged=[rnd, obj]):
        svc.round_transition(actor=gw.org_dept, round=rnd, action="publish")
    obj = svc.objection_handle(actor=gw.org_dept, objection=obj, uphold=True,
                               resolution="经核实，走访记录存在补录不实。")
    assert obj.status == ObjectionStatus.UPHELD
    a.refresh_from_db()
    assert a.status == NominationStatus.REMOVED
    svc.round_transition(actor=gw.org_dept, round=rnd, action="publish")
    assert svc.selected_counts() == {"pioneers": 0, "excellent_secretaries": 0}


def test_nominee_record_from_platform(gw):
    from grassroots.gridwork.models import Attendance, TrainingSession, Visit
    from grassroots.gridwork.services.visits import visit_record

    visit_record(actor=gw.secretary, grid=gw.grid_a, date=months.today(), form="household",
                 people_met=3, demands=[{"type": "help", "title": "路灯不亮",
                                         "text": "路灯坏了三天了。", "solved_on_spot": True,
                                         "on_spot_note": "现场换了灯泡。"}])
    s = TrainingSession.objects.create(title="培训", kind="policy", date=months.today(), place="县委党校")
    Attendance.objects.create(session=s, person=gw.secretary.person)
    today = months.today()
    rnd = new_round(gw, period_start=today - timedelta(days=30), period_end=today)
    Nomination.objects.create(round=rnd, person=gw.secretary.person, town=gw.town_a,
                              level="pioneer", reason=REASON)
    n = nominee_records(rnd).get()
    assert (n.visits, n.collected, n.on_spot, n.trainings) == (1, 1, 1, 1)
    assert Visit.objects.count() == 1


def test_round_pages_scope(gw, client):
    rnd = new_round(gw)
    client.force_login(gw.supervisor)  # county-wide read-only
    assert client.get(f"/grid/pioneer/{rnd.pk}/").status_code == 200
    assert client.post(f"/grid/pioneer/{rnd.pk}/transition/",
                       {"action": "start_nominating"}).status_code == 403
    client.force_login(gw.org_dept)
    client.post(f"/grid/pioneer/{rnd.pk}/transition/", {"action": "start_nominating"})
    rnd.refresh_from_db()
    assert rnd.status == RoundStatus.NOMINATING
    client.force_login(gw.citizen)
    assert client.get(f"/grid/pioneer/{rnd.pk}/").status_code == 404
    assert client.get(f"/grid/pioneer/{rnd.pk}/publicity/").status_code == 404  # not posted yet
