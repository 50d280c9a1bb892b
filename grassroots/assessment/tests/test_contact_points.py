from datetime import date

import pytest

from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import events_for
from grassroots.testing.refusals import refused

from ..models import AssessmentField, ContactPoint, ContactPointStatus
from ..services.contact import contact_point_designate, contact_point_evaluate, contact_point_review

pytestmark = pytest.mark.django_db


def test_five_fields_ship_as_data():
    assert list(AssessmentField.objects.values_list("name", flat=True)) == [
        "综合管理", "民生经济", "外出作业", "司法执法", "窗口服务"]


def test_a_contact_point_year_from_designation_to_removal(unit):
    field = AssessmentField.objects.get(code="livelihood")
    with refused(NotInScope, "只有公务员主管部门可以管理平时考核联系点。"):
        contact_point_designate(actor=unit.head, unit=unit.org, year=2026, field=field,
                                reason="医保局正负面清单做法")
    point = contact_point_designate(actor=unit.authority, unit=unit.org, year=2026, field=field,
                                    reason="医保局正负面清单做法", designated_on=date(2026, 1, 10))
    assert point.status == ContactPointStatus.ACTIVE
    with refused(ApplicationError, "医保局已是2026年度的联系点。"):
        contact_point_designate(actor=unit.authority, unit=unit.org, year=2026, field=field,
                                reason="重复确定")
    contact_point_review(actor=unit.authority, point=point, quarter=1, visit_on=date(2026, 3, 20),
                         findings="记实台账完整", score="88.5", recommendations="细化负面清单")
    with refused(ApplicationError, "第1季度已记录观察。"):
        contact_point_review(actor=unit.authority, point=point, quarter=1,
                             visit_on=date(2026, 3, 21), findings="再次走访", score="90")
    with refused(ApplicationError, "调整出列的联系点不上浮优秀比例。", unchanged=[point]):
        contact_point_evaluate(actor=unit.authority, point=point, retain=False,
                               evaluation="特色不明显", uplift="5")
    contact_point_evaluate(actor=unit.authority, point=point, retain=False,
                           evaluation="特色不明显", uplift="0")
    point.refresh_from_db()
    assert point.status == ContactPointStatus.REMOVED
    with refused(TransitionNotAllowed, "当前状态为“调整出列”，不能执行“开始年终评估”。"):
        from ..services.contact import CONTACT_TABLE, ContactAction, Who, transition_apply

        transition_apply(CONTACT_TABLE, point.pk, action=ContactAction.START_EVALUATION,
                         who=Who.AUTHORITY, actor=unit.authority)
    assert [e.action for e in events_for(point).order_by("id")] == [
        "cp_designated", "cp_activate", "cp_reviewed", "cp_start_evaluation", "cp_remove"]
    # The unit's head reads his unit's contact point; another unit's head does not.
    assert ContactPoint.objects.restrict(unit.head).count() == 1
    assert ContactPoint.objects.restrict(unit.county.leader).count() == 0
