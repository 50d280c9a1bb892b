"""Contact points: designation, quarterly reviews by the authority, year-end evaluation."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply

from .. import rules
from ..models import AssessmentField, ContactPoint, ContactPointReview, ContactPointStatus
from ..transitions import CONTACT_TABLE, ContactAction, Who
from .common import decimal_of, text_of, today


def contact_point_designate(*, actor, unit, year: int, field: AssessmentField, reason: str,
                            showcase_method: str = "", contact_officer=None,
                            designated_on: date | None = None) -> ContactPoint:
    require(actor, "assessment.authority")
    reason = text_of(reason, field="reason", label="确定理由", min_chars=4)
    showcase_method = text_of(showcase_method, field="showcase_method", label="特色做法")
    if ContactPoint.objects.filter(unit=unit, year=year).exists():
        raise ApplicationError(f"{unit}已是{year}年度的联系点。", field="unit")
    try:
        with transaction.atomic():
            point = ContactPoint.objects.create(
                unit=unit, year=year, field=field, reason=reason, showcase_method=showcase_method,
                contact_officer=contact_officer, designated_on=designated_on or today())
            event_record(subject=point, actor=actor, action="cp_designated",
                         to_state=point.status, extra={"field": field.code, "year": year})
            transition_apply(CONTACT_TABLE, point, action=ContactAction.ACTIVATE,
                             who=Who.AUTHORITY, actor=actor)
    except IntegrityError:
        raise ApplicationError(f"{unit}已是{year}年度的联系点。", field="unit") from None
    return point


def contact_point_review(*, actor, point: ContactPoint, quarter: int, visit_on: date,
                         findings: str, score, recommendations: str = "") -> ContactPointReview:
    require(actor, "assessment.authority")
    if quarter not in (1, 2, 3, 4):
        raise ApplicationError("季度须为1至4。", field="quarter")
    findings = text_of(findings, field="findings", label="发现情况", min_chars=4)
    recommendations = text_of(recommendations, field="recommendations", label="改进建议")
    score = decimal_of(score, field="score", label="评分", low=0, high=100)
    with transaction.atomic():
        point = ContactPoint.objects.select_for_update().get(pk=point.pk)
        if point.status != ContactPointStatus.ACTIVE:
            raise ApplicationError("只有联系中的联系点可以记录季度观察。", field="quarter")
        if point.reviews.filter(quarter=quarter).exists():
            raise ApplicationError(f"第{quarter}季度已记录观察。", field="quarter")
        review = ContactPointReview.objects.create(
            contact_point=point, quarter=quarter, reviewer=actor, visit_on=visit_on,
            findings=findings, score=score, recommendations=recommendations)
        event_record(subject=point, actor=actor, action="cp_reviewed",
                     extra={"quarter": quarter, "score": str(score)})
    return review


def contact_point_evaluate(*, actor, point: ContactPoint, retain: bool, evaluation: str,
                           uplift) -> ContactPoint:
    """Year-end: start the evaluation if needed, then retain or remove, with the uplift of the
    unit's excellent-grade ratio for next year (percentage points, within the rule set's cap)."""
    require(actor, "assessment.authority")
    evaluation = text_of(evaluation, field="evaluation", label="年终评估意见", min_chars=4)
    rs = _rule_set(date(point.year, 12, 31))
    cap = rules.dec(rs, "excellent.max_uplift_points")
    uplift = decimal_of(uplift, field="uplift", label="优秀比例上浮", low=Decimal(0), high=cap)
    if not retain and uplift:
        raise ApplicationError("调整出列的联系点不上浮优秀比例。", field="uplift")
    with transaction.atomic():
        point = ContactPoint.objects.select_for_update().get(pk=point.pk)
        if point.status == ContactPointStatus.ACTIVE:
            transition_apply(CONTACT_TABLE, point, action=ContactAction.START_EVALUATION,
                             who=Who.AUTHORITY, actor=actor)
        transition_apply(CONTACT_TABLE, point,
                         action=ContactAction.RETAIN if retain else ContactAction.REMOVE,
                         who=Who.AUTHORITY, actor=actor, note=evaluation,
                         fields={"evaluation": evaluation, "uplift_next_year": uplift},
                         extra={"uplift": str(uplift)})
    return point


def _rule_set(on: date):
    from grassroots.rulesets.selectors import rule_set_in_force

    return rule_set_in_force(rules.FAMILY, on)
