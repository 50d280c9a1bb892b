"""Indicator scoring (共性 / 个性 / 突发性 indicators of the quarter's scheme, S5 §7.1, §7.2):
the direct leader scores each indicator that applies to the record's post, 0 … its weight,
before the assessment; the record keeps the sum (``indicator_points``) and the page suggests
indicator points + item points as the assessment score."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record

from ..models import Indicator, IndicatorScore, RoutineRecord, RoutineStatus
from ..transitions import ROUTINE_TABLE, Who
from .common import decimal_of, text_of, today, who_or_refuse
from .routine import NOT_LEADER, _locked

SCORABLE = (RoutineStatus.OPEN, RoutineStatus.LOGGING, RoutineStatus.SELF_SUMMARISED)


def indicators_for(record: RoutineRecord):
    """The indicators of the quarter's scheme that apply to the record: those without target
    posts, and those naming the record's post (comma or 、 separated)."""
    if record.period.scheme_id is None:
        return Indicator.objects.none()
    qs = Indicator.objects.filter(scheme_id=record.period.scheme_id)
    applies = Q(target_posts="")
    if record.post:
        applies |= Q(target_posts__contains=record.post)
    return qs.filter(applies).order_by("pk")  # the scheme's order


def indicator_score(*, actor, record: RoutineRecord, indicator: Indicator, score,
                    note: str = "") -> IndicatorScore:
    """Score (or re-score) one indicator of the record, by the direct leader, before the
    assessment; the record's ``indicator_points`` is recomputed in the database."""
    who_or_refuse(ROUTINE_TABLE, actor, record, Who.LEADER, NOT_LEADER)
    if not indicators_for(record).filter(pk=indicator.pk).exists():
        raise ApplicationError("该指标不适用于本记实（不在本季度考核方案中或不适用于该岗位）。",
                               field="indicator")
    score = decimal_of(score, field="score", label="指标得分", low=Decimal(0),
                       high=indicator.weight)
    note = text_of(note, field="note", label="评分说明", max_chars=200)
    with transaction.atomic():
        record = _locked(record)
        if record.status not in SCORABLE:
            raise ApplicationError("评鉴之后不能再调整指标得分。", field="score")
        row, _ = IndicatorScore.objects.update_or_create(
            record=record, indicator=indicator,
            defaults={"score": score, "note": note, "scored_by": actor, "scored_on": today()})
        total = record.indicator_scores.aggregate(s=Sum("score"))["s"] or Decimal(0)
        RoutineRecord.objects.filter(pk=record.pk).update(indicator_points=total)
        event_record(subject=record, actor=actor, action="indicator_scored",
                     extra={"indicator": indicator.pk, "score": str(score),
                            "total": str(total)})
    return row


def suggested_score(record: RoutineRecord) -> Decimal | None:
    """Indicator points + item points, within 0–100; None without any indicator scored."""
    if not record.indicator_scores.exists():
        return None
    return max(Decimal(0), min(Decimal(100), record.indicator_points + record.item_points))
