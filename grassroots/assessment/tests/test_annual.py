"""The annual assessment: the excellent prerequisite and the slots at their boundaries in a
unit of three."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.rulesets.checks import RuleRefused
from grassroots.testing.refusals import refused

from ..models import AnnualAssessment, AnnualGrade, AssessmentField, RoutineRecord
from ..services import annual as svc
from ..services import routine as rsvc
from ..services.contact import contact_point_designate, contact_point_evaluate

pytestmark = pytest.mark.django_db
BASIS = "（依据：《公务员平时考核办法（试行）及县级实施细则》）"


def _quarter(unit, quarter: int, scores: dict):
    """A quarter walked through the services for the three civil servants."""
    end = rsvc.quarter_bounds(2026, quarter)[1]
    period = rsvc.period_open(actor=unit.head, unit=unit.org, year=2026, quarter=quarter)
    with clock.travel(timezone.make_aware(datetime.combine(end, datetime.min.time()))
                      + timezone.timedelta(days=2)):
        for user, score in scores.items():
            record = RoutineRecord.objects.get(period=period, person=user.person)
            rsvc.routine_submit_summary(actor=user, record=record, summary="本季度按时完成各项任务。")
            assessor = unit.head if user == unit.c else unit.c
            rsvc.routine_assess(actor=assessor, record=record, score=score, note="评鉴意见",
                                override_reason="全员表现突出")
            rsvc.routine_approve(actor=unit.committee, record=record)
            rsvc.routine_feedback(actor=assessor, record=record, talk=True, note="当面反馈")
            rsvc.routine_acknowledge(actor=user, record=record)
            rsvc.routine_finalise(actor=unit.head, record=record)


@pytest.fixture
def year(unit):
    """a: 好 in 2 of 4 quarters (the boundary); b: 好 in 3, one 一般; c: 好 in 1."""
    for q, (a, b, c) in enumerate([(95, 95, 95), (95, 95, 85), (85, 95, 85), (85, 70, 85)], 1):
        _quarter(unit, q, {unit.a: a, unit.b: b, unit.c: c})
    assert svc.annual_collect(actor=unit.head, unit=unit.org, year=2026) == 3
    return {u: AnnualAssessment.objects.get(person=u.person, year=2026)
            for u in (unit.a, unit.b, unit.c)}


def test_the_excellent_prerequisite_at_its_boundary(unit, year):
    a, b, c = year[unit.a], year[unit.b], year[unit.c]
    assert (a.quarters, a.good_quarters, a.low_quarters) == (4, 2, 0)
    assert a.routine_grades == {"1": "good", "2": "good", "3": "fairly_good", "4": "fairly_good"}
    for annual, user in ((a, unit.a), (b, unit.b), (c, unit.c)):
        svc.annual_submit_summary(actor=user, annual=annual, summary="全年完成各项工作任务。")
    svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)  # 2 of 4: enough
    with refused(RuleRefused, "平时考核有“一般”或“较差”等次的，不得确定为优秀等次。" + BASIS,
                 unchanged=[b]):
        svc.annual_recommend(actor=unit.c, annual=b, grade=AnnualGrade.EXCELLENT)
    with refused(RuleRefused, "年度考核确定为优秀等次的，平时考核“好”等次应不少于全年季度数的1/2。"
                 + BASIS, unchanged=[c]):
        svc.annual_recommend(actor=unit.head, annual=c, grade=AnnualGrade.EXCELLENT)


def test_slots_in_a_unit_of_three_and_the_contact_point_uplift(unit, year):
    a, c = year[unit.a], year[unit.c]
    # 3 × 20 % = 0.6 → floor 0 → the minimum of one slot.
    assert svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026).excellent_slots == 1
    with refused(ApplicationError, "只有公务员主管部门可以核定优秀等次名额。"):
        svc.quota_decide(actor=unit.head, unit=unit.org, year=2026)
    # A contact point retained in 2025 with +25 points is refused (cap 10), +10 gives 3 × 30 % → 0 → 1.
    field = AssessmentField.objects.get(code="window")
    point = contact_point_designate(actor=unit.authority, unit=unit.org, year=2025, field=field,
                                    reason="医保窗口服务量大，正负面清单做法成熟", designated_on=date(2025, 3, 1))
    with refused(ApplicationError, "优秀比例上浮须在0到10之间。", unchanged=[point]):
        contact_point_evaluate(actor=unit.authority, point=point, retain=True,
                               evaluation="做法可推广", uplift="25")
    contact_point_evaluate(actor=unit.authority, point=point, retain=True, evaluation="做法可推广",
                           uplift="10")
    quota = svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
    assert (quota.uplift, quota.excellent_slots) == (10, 1)
    for annual, user in ((a, unit.a), (c, unit.c)):
        svc.annual_submit_summary(actor=user, annual=annual, summary="全年完成各项工作任务。")
    svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)
    svc.annual_review(actor=unit.committee, annual=a, note="同意")
    # 优秀 only past the excellent list's publicity (test_excellent_publicity.py).
    from grassroots.publicity.services import publicity_end_due
    from grassroots.workcal.clock import SHANGHAI

    from ..services.excellent import excellent_publicise

    with clock.travel(datetime(2027, 1, 11, 10, tzinfo=SHANGHAI)):
        p = excellent_publicise(actor=unit.head, unit=unit.org, year=2026,
                                contact_phone="0537-8888888")
    after = p.end_on + timezone.timedelta(days=1)
    with clock.travel(datetime(after.year, after.month, after.day, 10, tzinfo=SHANGHAI)):
        publicity_end_due()
        svc.annual_decide(actor=unit.head, annual=a)
        svc.annual_notify(actor=unit.head, annual=a)
    a.refresh_from_db()
    assert (a.final_grade, a.notified_on is not None) == (AnnualGrade.EXCELLENT, True)
    svc.result_use_record(actor=unit.head, annual=a, kind="award", reference="金医保发〔2027〕1号")
    assert a.uses.count() == 1


def test_a_second_excellent_beyond_the_one_slot_is_refused_at_review(unit):
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 95, unit.c: 85})
    svc.annual_collect(actor=unit.head, unit=unit.org, year=2026)
    a, b = (AnnualAssessment.objects.get(person=u.person, year=2026) for u in (unit.a, unit.b))
    for annual, user in ((a, unit.a), (b, unit.b)):
        svc.annual_submit_summary(actor=user, annual=annual, summary="全年完成各项工作任务。")
        svc.annual_recommend(actor=unit.c, annual=annual, grade=AnnualGrade.EXCELLENT)
    with refused(ApplicationError, "2026年度本单位优秀名额尚未核定，请联系公务员主管部门。",
                 unchanged=[a]):
        svc.annual_review(actor=unit.committee, annual=a, note="同意")
    svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
    svc.annual_review(actor=unit.committee, annual=a, note="同意")
    with refused(RuleRefused, "优秀等次不得超过本单位名额（1名）。" + BASIS, unchanged=[b]):
        svc.annual_review(actor=unit.committee, annual=b, note="同意")
