"""The excellent list's publicity (grassroots.publicity): the unit head publishes the
committee's 优秀, objections come in during the period, and the unit head decides a 优秀 only
after the publicity closed without an upheld objection naming the person."""

from datetime import date, datetime, timedelta

import pytest

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.publicity import services as publicity
from grassroots.publicity.models import PublicityStatus
from grassroots.publicity.transitions import ObjectionAction
from grassroots.testing.refusals import refused
from grassroots.workcal.clock import SHANGHAI

from ..models import AnnualAssessment, AnnualGrade, AnnualStatus
from ..services import annual as svc
from ..services.excellent import entry_key, excellent_publicise
from .test_annual import _quarter

pytestmark = pytest.mark.django_db
START = date(2027, 1, 11)  # a Monday


def at(d: date):
    return clock.travel(datetime(d.year, d.month, d.day, 10, tzinfo=SHANGHAI))


@pytest.fixture
def reviewed(unit):
    """甲 is 好 in every quarter, recommended 优秀 and passed by the committee (one slot)."""
    for q in (1, 2, 3, 4):
        _quarter(unit, q, {unit.a: 95, unit.b: 85, unit.c: 85})
    with at(START):
        svc.annual_collect(actor=unit.head, unit=unit.org, year=2026)
        svc.quota_decide(actor=unit.authority, unit=unit.org, year=2026)
        a = AnnualAssessment.objects.get(person=unit.a.person, year=2026)
        svc.annual_submit_summary(actor=unit.a, annual=a, summary="全年完成各项工作任务。")
        svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)
        svc.annual_review(actor=unit.committee, annual=a, note="同意")
    return a


def _publicise(unit):
    with at(START):
        return excellent_publicise(actor=unit.head, unit=unit.org, year=2026,
                                   contact_phone="0537-8888888")


def _object(unit, p):
    with at(START + timedelta(days=1)):
        objection, _ = publicity.objection_receive(
            actor=None, publicity=p, content="该同志今年曾因工作失误被通报批评，不宜评为优秀。",
            entry_key=entry_key(AnnualAssessment.objects.get(person=unit.a.person).pk))
    return objection


def _end(p):
    with at(p.end_on + timedelta(days=1)):
        publicity.publicity_end_due()
    p.refresh_from_db()


def test_no_excellent_before_the_publicity_and_its_period(unit, reviewed):
    a = reviewed
    with at(START), refused(ApplicationError, "优秀等次人选尚未公示，公示期满且无异议后才能确定等次。",
                            unchanged=[a]):
        svc.annual_decide(actor=unit.head, annual=a)
    # Only the unit head publishes the list (the committee member may not).
    with at(START), refused(NotInScope, "只有本单位负责人可以公示优秀等次人选。"):
        excellent_publicise(actor=unit.committee, unit=unit.org, year=2026,
                            contact_phone="0537-8888888")
    p = _publicise(unit)
    assert p.status == PublicityStatus.PUBLISHED and p.min_working_days >= 5
    assert p.published_fields == [{"key": entry_key(a.pk), "label": "拟确定为优秀等次人员",
                                   "value": "甲（待遇保障科）"}]
    with at(START), refused(ApplicationError, "本年度优秀等次人选已经公示。"):
        excellent_publicise(actor=unit.head, unit=unit.org, year=2026,
                            contact_phone="0537-8888888")
    with at(START + timedelta(days=2)), pytest.raises(ApplicationError, match="期满后才能办理"):
        svc.annual_decide(actor=unit.head, annual=a)
    _end(p)
    assert p.status == PublicityStatus.ENDED_CLEAN
    with at(p.end_on + timedelta(days=1)):
        svc.annual_decide(actor=unit.head, annual=a)
    a.refresh_from_db()
    assert (a.status, a.final_grade) == (AnnualStatus.DECIDED, AnnualGrade.EXCELLENT)


def test_an_open_objection_holds_the_decision_and_a_dismissed_one_releases_it(unit, reviewed):
    a = reviewed
    p = _publicise(unit)
    objection = _object(unit, p)
    _end(p)
    assert p.status == PublicityStatus.ENDED_WITH_OBJECTION
    with at(p.end_on + timedelta(days=1)), refused(
            ApplicationError, "还有1件未处理的公示异议，处理完毕后才能办理。", unchanged=[a]):
        svc.annual_decide(actor=unit.head, annual=a)
    with at(p.end_on + timedelta(days=2)):
        publicity.objection_transition(actor=unit.head, objection=objection,
                                       action=ObjectionAction.DISMISS, finding="经核实，通报批评不属实。")
        svc.annual_decide(actor=unit.head, annual=a)
    a.refresh_from_db()
    assert a.final_grade == AnnualGrade.EXCELLENT


def test_an_upheld_objection_sends_the_person_back_and_bars_excellent(unit, reviewed):
    a = reviewed
    p = _publicise(unit)
    objection = _object(unit, p)
    with at(START + timedelta(days=2)):
        publicity.objection_transition(actor=unit.head, objection=objection,
                                       action=ObjectionAction.UPHOLD, finding="经核实，确有通报批评。")
    a.refresh_from_db()
    assert (a.status, a.recommended_grade, a.excellent_barred) == (
        AnnualStatus.SUMMARISED, "", True)
    with at(START + timedelta(days=2)):
        with refused(ApplicationError, "优秀等次公示异议经核实成立，本年度不得评为优秀。",
                     unchanged=[a]):
            svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.EXCELLENT)
        svc.annual_recommend(actor=unit.c, annual=a, grade=AnnualGrade.COMPETENT)
        svc.annual_review(actor=unit.committee, annual=a, note="同意")
        svc.annual_decide(actor=unit.head, annual=a)  # 称职 needs no publicity
    a.refresh_from_db()
    assert a.final_grade == AnnualGrade.COMPETENT
    # After an upheld objection the unit may publish a new list (here: nobody left to list).
    with at(START + timedelta(days=2)), refused(
            ApplicationError, "还没有经考核委员会审核的优秀等次人选，不能公示。"):
        excellent_publicise(actor=unit.head, unit=unit.org, year=2026,
                            contact_phone="0537-8888888")
