from datetime import date
from decimal import Decimal

import pytest

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import events_for
from grassroots.rulesets.checks import RuleRefused
from grassroots.testing.refusals import refused

from ..models import Grade, RoutineRecord, RoutineStatus
from ..services import routine as svc

pytestmark = pytest.mark.django_db

Q1_END = "2026-03-31"


def _at(day: str):
    from datetime import datetime

    from django.utils import timezone

    return clock.travel(timezone.make_aware(datetime.fromisoformat(day + "T10:00:00")))


def _open(unit):
    period = svc.period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    records = {r.person_id: r for r in RoutineRecord.objects.filter(period=period)}
    return period, records


def _summarised(unit, records, user):
    record = records[user.person.pk]
    with _at("2026-04-02"):
        svc.routine_submit_summary(actor=user, record=record, summary="本季度完成医保待遇审核工作。")
    return RoutineRecord.objects.get(pk=record.pk)


def test_opening_a_quarter_makes_one_record_per_civil_servant_with_deadlines(unit):
    period, records = _open(unit)
    assert set(records) == {unit.a.person.pk, unit.b.person.pk, unit.c.person.pk}
    assert period.self_summary_due > date(2026, 3, 31)
    assert period.self_summary_due < period.review_due < period.approve_due < period.feedback_due
    with refused(ApplicationError, "医保局2026年第1季度的平时考核已开启。"):
        svc.period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    with refused(NotInScope, "只有本单位负责人或考核委员会可以管理本单位的平时考核。"):
        svc.period_open(actor=unit.county.outsider, unit=unit.org, year=2026, quarter=2)


def test_a_quarter_from_log_to_final(unit):
    period, records = _open(unit)
    record = records[unit.a.person.pk]
    svc.routine_log(actor=unit.a, record=record, on=date(2026, 2, 3), task="审核报销", result="完成120件")
    with refused(NotInScope, "只有直接领导可以评鉴和反馈。", unchanged=[record]):
        svc.routine_item(actor=unit.b, record=record, polarity="positive", text="获表扬",
                         points=1, occurred_on=date(2026, 2, 4))
    with refused(RuleRefused, "记录负面清单事项须附佐证材料。（依据：《公务员平时考核办法（试行）及县级实施细则》）",
                 unchanged=[record]):
        svc.routine_item(actor=unit.c, record=record, polarity="negative", text="材料迟报",
                         points=1, occurred_on=date(2026, 2, 4))
    svc.routine_item(actor=unit.c, record=record, polarity="negative", text="材料迟报",
                     points=1, occurred_on=date(2026, 2, 4), evidence="2月4日通报")
    record = _summarised(unit, records, unit.a)
    with _at("2026-04-08"):
        svc.routine_assess(actor=unit.c, record=record, score="85", note="工作扎实")
        svc.routine_approve(actor=unit.head, record=record)
        svc.routine_feedback(actor=unit.c, record=record, talk=False, note="已当面反馈")
        with refused(TransitionNotAllowed, "当前状态为“已反馈”，不能执行“归档”。", unchanged=[record]):
            svc.routine_finalise(actor=unit.head, record=record)
        svc.routine_acknowledge(actor=unit.a, record=record)
        svc.routine_finalise(actor=unit.head, record=record)
    record.refresh_from_db()
    assert (record.status, record.grade, record.score, record.item_points) == (
        RoutineStatus.FINAL, Grade.FAIRLY_GOOD, Decimal("85.0"), Decimal("-1.0"))
    assert [e.action for e in events_for(record).order_by("id")] == [
        "routine_opened", "routine_log", "routine_item", "routine_submit_summary",
        "routine_assess", "routine_approve", "routine_feedback", "routine_acknowledge",
        "routine_finalise"]


def test_the_good_share_cap_at_its_boundary_in_a_unit_of_three(unit):
    """40 % of 3 is 1.2: the first 好 is within the cap, the second needs a written reason."""
    period, records = _open(unit)
    a = _summarised(unit, records, unit.a)
    b = _summarised(unit, records, unit.b)
    with _at("2026-04-08"):
        svc.routine_assess(actor=unit.c, record=a, score="90", note="表现突出")
        with refused(ApplicationError,
                     "“好”等次人数一般不超过本单位参加平时考核人数的2/5（本季度已评“好”2人，参加考核3人）。"
                     "（依据：《公务员平时考核办法（试行）及县级实施细则》）如确需评为“好”，请填写说明。",
                     unchanged=[b]):
            svc.routine_assess(actor=unit.c, record=b, score="95", note="表现突出")
        svc.routine_assess(actor=unit.c, record=b, score="89.9", note="表现良好")
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.grade, b.grade, a.is_overdue) == (Grade.GOOD, Grade.FAIRLY_GOOD, False)


def test_the_cap_may_be_passed_with_a_reason_and_the_record_is_flagged(unit):
    period, records = _open(unit)
    a = _summarised(unit, records, unit.a)
    b = _summarised(unit, records, unit.b)
    with _at("2026-04-08"):
        svc.routine_assess(actor=unit.c, record=a, score="92", note="表现突出")
        svc.routine_assess(actor=unit.c, record=b, score="91", note="表现突出",
                           override_reason="承担医保专项整治，成效突出")
    b.refresh_from_db()
    assert b.grade == Grade.GOOD and b.override_reason.startswith("承担")
    assert [w["key"] for w in b.warnings] == ["good.max_share"]


def test_a_poor_grade_requires_a_talk_and_an_appeal_is_ruled_by_the_committee(unit):
    period, records = _open(unit)
    a = _summarised(unit, records, unit.a)
    with _at("2026-04-08"):
        svc.routine_assess(actor=unit.c, record=a, score="55", note="多次迟报材料")
        svc.routine_approve(actor=unit.committee, record=a)
        with refused(RuleRefused, "平时考核为“较差”等次的，应当进行反馈谈话。"
                     "（依据：《公务员平时考核办法（试行）及县级实施细则》）", unchanged=[a]):
            svc.routine_feedback(actor=unit.c, record=a, talk=False, note="书面告知")
        svc.routine_feedback(actor=unit.c, record=a, talk=True, note="谈话指出问题")
    with _at("2026-04-10"):
        svc.routine_appeal(actor=unit.a, record=a, reason="迟报系系统故障所致，有截图为证。")
        with refused(NotInScope, "只有本单位考核委员会可以处理申诉。", unchanged=[a]):
            svc.routine_rule_appeal(actor=unit.c, record=a, upheld=True, ruling="成立",
                                    new_score="70")
        svc.routine_rule_appeal(actor=unit.committee, record=a, upheld=True,
                                ruling="经核实系系统故障，调整得分", new_score="70")
    a.refresh_from_db()
    assert (a.status, a.grade, a.appeal_upheld) == (RoutineStatus.ACKNOWLEDGED, Grade.AVERAGE, True)


def test_an_appeal_after_the_window_is_refused(unit):
    period, records = _open(unit)
    a = _summarised(unit, records, unit.a)
    with _at("2026-04-08"):
        svc.routine_assess(actor=unit.c, record=a, score="75", note="工作一般，需改进")
        svc.routine_approve(actor=unit.head, record=a)
        svc.routine_feedback(actor=unit.c, record=a, talk=False, note="已反馈")
    with _at("2026-04-30"), refused(
            RuleRefused, "对平时考核结果有异议的，应在反馈后5个工作日内提出申诉。"
            "（依据：《公务员平时考核办法（试行）及县级实施细则》）", unchanged=[a]):
        svc.routine_appeal(actor=unit.a, record=a, reason="我认为评分偏低，请复核。")


def test_a_late_self_summary_is_accepted_and_flagged(unit):
    period, records = _open(unit)
    with _at("2026-05-20"):
        svc.routine_submit_summary(actor=unit.a, record=records[unit.a.person.pk],
                                   summary="本季度完成医保待遇审核工作。")
    record = RoutineRecord.objects.get(pk=records[unit.a.person.pk].pk)
    assert record.is_overdue and record.warnings[0]["key"] == "self_summary.within_working_days"
    with refused(NotInScope, "只有本人可以填写或确认自己的平时考核。"):
        svc.routine_submit_summary(actor=unit.c, record=records[unit.b.person.pk],
                                   summary="代写的小结内容不被接受。")
