"""Indicator scoring: the direct leader scores the indicators of the quarter's scheme that
apply to the record's post, within each weight, before the assessment."""

from datetime import date
from decimal import Decimal

import pytest

from grassroots.core.errors import ApplicationError, NotInScope
from grassroots.testing.refusals import refused

from ..models import Indicator, RoutineRecord
from ..services.indicators import indicator_score, indicators_for, suggested_score
from ..services.routine import period_open, routine_assess, routine_submit_summary
from ..services.scheme import scheme_approve, scheme_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(unit):
    scheme = scheme_create(
        actor=unit.head, unit=unit.org, year=2026, kind="indicators", title="司法局三类指标",
        effective_from=date(2026, 1, 1), indicators=[
            {"kind": "common", "text": "工作作风", "weight": "20", "scoring_rule": "按季度评价"},
            {"kind": "individual", "text": "审核准确率", "weight": "60",
             "scoring_rule": "每差错一件扣2分", "target_posts": "经办"},
            {"kind": "individual", "text": "执法案卷质量", "weight": "60",
             "scoring_rule": "评查扣分", "target_posts": "执法"},
            {"kind": "adhoc", "text": "防汛值守", "weight": "20", "scoring_rule": "按表现"}])
    scheme_approve(actor=unit.head, scheme=scheme)
    period = period_open(actor=unit.head, unit=unit.org, year=2026, quarter=1)
    return RoutineRecord.objects.get(period=period, person=unit.a.person)


def test_the_leader_scores_the_indicators_of_the_post_within_their_weights(unit, record):
    texts = [i.text for i in indicators_for(record)]
    assert texts == ["工作作风", "审核准确率", "防汛值守"]  # not the 执法 post's indicator
    common, accuracy = (Indicator.objects.get(text=t) for t in ("工作作风", "审核准确率"))
    enforcement = Indicator.objects.get(text="执法案卷质量")
    with refused(NotInScope, "只有直接领导可以评鉴和反馈。"):
        indicator_score(actor=unit.a, record=record, indicator=common, score="18")
    with refused(ApplicationError, "指标得分须在0到20.0之间。"):
        indicator_score(actor=unit.c, record=record, indicator=common, score="25")
    with refused(ApplicationError, "该指标不适用于本记实（不在本季度考核方案中或不适用于该岗位）。"):
        indicator_score(actor=unit.c, record=record, indicator=enforcement, score="50")
    indicator_score(actor=unit.c, record=record, indicator=common, score="18")
    indicator_score(actor=unit.c, record=record, indicator=accuracy, score="50")
    indicator_score(actor=unit.c, record=record, indicator=accuracy, score="56", note="差错2件")
    record.refresh_from_db()
    assert record.indicator_points == Decimal("74.0")
    assert suggested_score(record) == Decimal("74.0")


def test_scores_are_shown_on_the_record_page_and_frozen_after_the_assessment(unit, record, client):
    common = Indicator.objects.get(text="工作作风")
    client.force_login(unit.c)
    done = client.post(f"/assessment/records/{record.pk}/act/", {
        "action": "indicator_score", "indicator": common.pk, "score": "19"})
    assert done.status_code == 302
    page = client.get(f"/assessment/records/{record.pk}/").content.decode()
    assert 'data-testid="score-form"' in page and "19.0" in page
    client.force_login(unit.a)
    assert 'data-testid="score-form"' not in client.get(
        f"/assessment/records/{record.pk}/").content.decode()
    routine_submit_summary(actor=unit.a, record=record, summary="本季度完成各项工作任务。")
    routine_assess(actor=unit.c, record=record, score="85", note="良好")
    with refused(ApplicationError, "评鉴之后不能再调整指标得分。"):
        indicator_score(actor=unit.c, record=record, indicator=common, score="10")
