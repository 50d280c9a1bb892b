from datetime import date, datetime, timedelta

import pytest

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.publicity import services
from grassroots.publicity.gate import publicity_gate, publicity_require_clear
from grassroots.publicity.models import Objection, ObjectionStatus, Publicity, PublicityStatus
from grassroots.publicity.transitions import Action, ObjectionAction
from grassroots.workcal.clock import SHANGHAI

pytestmark = pytest.mark.django_db
FIELDS = [{"key": "a", "label": "姓名", "value": "张明"},
          {"key": "b", "label": "所在村（社区）", "value": "金城社区"}]
TEXT = "该同志去年有违规操办酒席的情况，请核实。"


def at(d: date, hour=10):
    return clock.travel(datetime(d.year, d.month, d.day, hour, tzinfo=SHANGHAI))


def make(county, *, start_on=None, actor=None, publish=True, **kw):
    args = {"actor": actor or county.town_staff, "subject": county.town_a_org,
            "kind": "development", "scope": "village_board", "title": "拟发展对象公示",
            "fields": FIELDS, "start_on": start_on or services.today(),
            "contact_phone": "0537-8721234", "contact_address": "金乡街道党工委组织办",
            "organization": county.town_a_org, "town": county.town_a, "publish": publish}
    args.update(kw)
    return services.publicity_create(**args)


def test_five_working_days_across_national_day():
    # 2026-09-29 Tue, 09-30 Wed, 10-01..10-07 holidays, 10-08 Thu, 10-09 Fri, 10-10 Sat (worked).
    assert services.period_end(date(2026, 9, 29), 5) == (date(2026, 10, 10), False)
    assert services.period_end(date(2026, 9, 30), 5) == (date(2026, 10, 12), False)


def test_period_is_provisional_when_the_year_is_not_configured():
    # 2027 is not in the calendar: Monday to Friday assumed, and said so.
    assert services.period_end(date(2027, 3, 1), 5) == (date(2027, 3, 5), True)
    # A period that starts in 2026 and runs into 2027 is provisional too (2027-01-01, a
    # Friday, counts as a working day until the 2027 calendar is configured).
    assert services.period_end(date(2026, 12, 29), 5) == (date(2027, 1, 4), True)


def test_create_stores_the_computed_end_and_events(county):
    with at(date(2026, 9, 28)):
        p = make(county, start_on=date(2026, 9, 29))
    assert (p.end_on, p.end_is_provisional, p.min_working_days, p.status) == (
        date(2026, 10, 10), False, 5, PublicityStatus.PUBLISHED)
    assert list(Event.objects.filter(object_id=p.pk).values_list("action", flat=True)) == [
        "publicity_created", Action.PUBLISH]
    with at(date(2026, 12, 28)):
        later = make(county, start_on=date(2027, 3, 1))
    assert (later.end_on, later.end_is_provisional) == (date(2027, 3, 5), True)


@pytest.mark.parametrize(("value", "message"), [
    ("370828199001011234", "公示内容不得包含身份证号码（“姓名”）。"),
    ("张明 13805371234", "公示内容不得包含公示对象的电话号码（“姓名”）。"),
    ("金乡县金城路18号", "公示内容不得包含公示对象的住址等个人信息（“姓名”）。"),
    ("张明 3组12号", "公示内容不得包含公示对象的住址等个人信息（“姓名”）。"),
])
def test_forbidden_published_values_are_refused(county, value, message):
    before = (Publicity.objects.count(), Event.objects.count())
    with pytest.raises(ApplicationError) as exc:
        make(county, fields=[{"label": "姓名", "value": value}])
    assert exc.value.message == message
    assert (Publicity.objects.count(), Event.objects.count()) == before


def test_only_whitelisted_labels_and_at_least_five_days(county):
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        make(county, fields={"身份证号": "无"})
    assert exc.value.message.startswith("“身份证号”不在可公示的内容之列")
    with pytest.raises(ApplicationError) as exc:
        make(county, min_working_days=3)
    assert exc.value.message == "公示期应为5至30个工作日。"
    with pytest.raises(ApplicationError) as exc:
        make(county, end_on=services.today() + timedelta(days=1))
    assert exc.value.message.startswith("公示期不少于5个工作日，截止日期不能早于")
    assert Event.objects.count() == before


def test_scope_of_creation(county):
    before = Event.objects.count()
    with pytest.raises(NotInScope) as exc:  # town A's staff cannot publish for town B
        make(county, organization=None, town=county.town_b)
    assert exc.value.message == "只能以本单位、本镇街或本党组织的名义发布公示。"
    with pytest.raises(NotInScope):
        make(county, actor=county.citizen)
    assert Event.objects.count() == before


def test_gate_period_not_elapsed_refuses(county):
    with at(date(2026, 9, 28)):
        p = make(county, start_on=date(2026, 9, 29))
    with at(date(2026, 10, 10)):
        gate = publicity_gate(county.town_a_org)
        assert not gate.ok
        assert gate.message == "公示期至2026-10-10（不少于5个工作日），期满后才能办理。"
        with pytest.raises(ApplicationError) as exc:
            publicity_require_clear(county.town_a_org)
        assert exc.value.message == gate.message
    with at(date(2026, 10, 11)):
        assert publicity_require_clear(county.town_a_org) == p


def test_gate_without_publicity_refuses(county):
    with pytest.raises(ApplicationError) as exc:
        publicity_require_clear(county.water)
    assert exc.value.message == "尚未公示，公示期满且无未处理异议后才能办理。"
    make(county, publish=False)  # a draft does not count
    assert not publicity_gate(county.town_a_org).ok


def test_open_objection_refuses_closed_passes_and_end_job(county):
    with at(date(2026, 9, 28)):
        p = make(county, start_on=date(2026, 9, 29))
    with at(date(2026, 9, 30)):
        o, created = services.objection_receive(actor=None, publicity=p, content=TEXT,
                                                entry_key="a")
    assert created and o.receipt == f"异议〔2026〕第{o.seq}号" and o.submitted_by is None
    with at(date(2026, 10, 12)):
        # The period is over; the publicity stays "published" until the job runs.
        assert publicity_gate(county.town_a_org).message == (
            "还有1件未处理的公示异议，处理完毕后才能办理。")
        assert services.publicity_end_due() == 1
        p.refresh_from_db()
        assert p.status == PublicityStatus.ENDED_WITH_OBJECTION
        assert services.publicity_end_due() == 0  # idempotent
        services.objection_transition(actor=county.town_staff, objection=o,
                                      action=ObjectionAction.INVESTIGATE)
        assert not publicity_gate(county.town_a_org).ok
        before = Event.objects.count()
        with pytest.raises(ApplicationError) as exc:
            services.objection_transition(actor=county.town_staff, objection=o,
                                          action=ObjectionAction.DISMISS, finding="")
        assert exc.value.message == "请填写核实结论。"
        assert Event.objects.count() == before
        services.objection_transition(actor=county.town_staff, objection=o,
                                      action=ObjectionAction.DISMISS,
                                      finding="经核实，酒席为家庭聚餐，未违反规定。")
        o.refresh_from_db()
        p.refresh_from_db()
        assert (o.status, p.status) == (ObjectionStatus.NOT_UPHELD, PublicityStatus.RESOLVED)
        assert o.handled_by == county.town_staff and o.closed_at is not None
        assert publicity_require_clear(county.town_a_org) == p


def test_end_job_clean_and_objection_closed_in_period(county):
    with at(date(2026, 9, 28)):
        clean = make(county, start_on=date(2026, 9, 29))
        objected = make(county, subject=county.water, organization=county.water, town=None,
                        actor=county.admin, start_on=date(2026, 9, 29))
    with at(date(2026, 10, 8)):
        o, _ = services.objection_receive(actor=county.citizen, publicity=objected, content=TEXT)
        services.objection_transition(actor=county.admin, objection=o,
                                      action=ObjectionAction.UPHOLD, finding="反映属实。")
    with at(date(2026, 10, 11)):
        assert services.publicity_end_due() == 2
    clean.refresh_from_db()
    objected.refresh_from_db()
    assert (clean.status, objected.status) == (PublicityStatus.ENDED_CLEAN,
                                               PublicityStatus.RESOLVED)
    actions = list(Event.objects.filter(object_id=objected.pk, action__startswith="publicity_")
                   .values_list("action", flat=True))
    assert actions[-2:] == [Action.END_WITH_OBJECTION, Action.RESOLVE]


def test_objection_outside_the_period_and_bad_entry(county):
    with at(date(2026, 9, 28)):
        p = make(county, start_on=date(2026, 9, 29))
        before = (Objection.objects.count(), Event.objects.count())
        with pytest.raises(TransitionNotAllowed) as exc:  # not started yet
            services.objection_receive(actor=None, publicity=p, content=TEXT)
        assert exc.value.message == "不在公示期内，不能提出异议。"
    with at(date(2026, 9, 29)):
        with pytest.raises(ApplicationError) as exc:
            services.objection_receive(actor=None, publicity=p, content=TEXT, entry_key="zz")
        assert exc.value.message == "只能对公示名单中的人选提出异议。"
        with pytest.raises(NotInScope) as exc:  # a letter is recorded by the owner's staff
            services.objection_receive(actor=county.handler, publicity=p, content=TEXT,
                                       channel="letter")
        assert exc.value.message == "来信、来电、来访的异议由发布单位工作人员登记。"
    assert (Objection.objects.count(), Event.objects.count()) == before


def test_withdraw_needs_a_reason(county):
    p = make(county)
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.publicity_transition(actor=county.town_staff, publicity=p,
                                      action=Action.WITHDRAW)
    assert exc.value.message == "请填写撤回原因。"
    assert Event.objects.count() == before
    with pytest.raises(NotInScope):
        services.publicity_transition(actor=county.handler, publicity=p, action=Action.WITHDRAW,
                                      note="人选调整")
    services.publicity_transition(actor=county.town_staff, publicity=p, action=Action.WITHDRAW,
                                  note="人选调整")
    p.refresh_from_db()
    assert p.status == PublicityStatus.WITHDRAWN


def test_end_job_is_registered_and_runs(county):
    from grassroots.core.periodic import JOBS, run_job

    assert JOBS["publicity_end_due"].func_path == "grassroots.publicity.services:publicity_end_due"
    with at(date(2026, 9, 28)):
        p = make(county, start_on=date(2026, 9, 29))
    with at(date(2026, 10, 11)):
        assert run_job("publicity_end_due") == 1
    p.refresh_from_db()
    assert p.status == PublicityStatus.ENDED_CLEAN and p.ended_at is not None
