"""民情书记"先锋"选树: rounds, nominations, scores, publicity with objections, publication.

The round's states and actions are the table ``transitions.ROUND_TABLE``; every change is
applied by ``core.transitions.transition_apply`` on the locked round, in one transaction.
"""

from __future__ import annotations

from datetime import date as date_type
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, NotInScope, TransitionNotAllowed
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply, transition_check
from grassroots.people.models import Person, ServiceTeamMember
from grassroots.people.validators import visible_length

from .. import months
from ..models import (
    Nomination,
    NominationLevel,
    NominationStatus,
    Objection,
    ObjectionStatus,
    PioneerRound,
    RoundStatus,
    Score,
)
from ..transitions import ROUND_TABLE, RoundAction, Who
from .common import clean_text

MAX_QUOTA = 500


def round_create(*, actor, title: str, pioneer_quota: int, excellent_quota: int,
                 period_start: date_type, period_end: date_type) -> PioneerRound:
    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以发起先锋选树。"))
    title = clean_text(title, limit=100)
    if visible_length(title) < 2:
        raise ApplicationError(_("请填写选树名称。"), field="title")
    for value, field in ((pioneer_quota, "pioneer_quota"), (excellent_quota, "excellent_quota")):
        if not isinstance(value, int) or not 0 <= value <= MAX_QUOTA:
            raise ApplicationError(_("名额应为0到%(max)s之间的整数。") % {"max": MAX_QUOTA},
                                   field=field)
    if pioneer_quota + excellent_quota == 0:
        raise ApplicationError(_("请至少设置一类名额。"), field="pioneer_quota")
    if not period_start or not period_end or period_start > period_end:
        raise ApplicationError(_("考察期的开始日期不能晚于结束日期。"), field="period_end")
    with transaction.atomic():
        rnd = PioneerRound.objects.create(
            title=title, pioneer_quota=pioneer_quota, excellent_quota=excellent_quota,
            period_start=period_start, period_end=period_end, created_by=actor,
            created_at=clock.now())
        event_record(subject=rnd, actor=actor, action="round_created", to_state=rnd.status,
                     extra={"pioneer_quota": pioneer_quota, "excellent_quota": excellent_quota})
    return rnd


def _rank(rnd: PioneerRound) -> dict:
    """Average scores and ranks per level, computed by the database; quota decides selection."""
    rows = (Nomination.objects.filter(round=rnd, status=NominationStatus.NOMINATED)
            .annotate(avg=Avg("scores__score"), n_scores=Count("scores"))
            .annotate(pos=Window(RowNumber(), partition_by=[F("level")],
                                 order_by=[F("avg").desc(nulls_last=True), F("pk").asc()]))
            .values("pk", "level", "avg", "n_scores", "pos"))
    quota = {NominationLevel.PIONEER: rnd.pioneer_quota,
             NominationLevel.EXCELLENT: rnd.excellent_quota}
    selected = {NominationLevel.PIONEER: 0, NominationLevel.EXCELLENT: 0}
    for r in rows:
        if not r["n_scores"]:
            raise ApplicationError(_("还有推荐人选没有评审评分，不能公示。"))
        status = (NominationStatus.SELECTED if r["pos"] <= quota[r["level"]]
                  else NominationStatus.NOT_SELECTED)
        if status == NominationStatus.SELECTED:
            selected[r["level"]] += 1
        Nomination.objects.filter(pk=r["pk"]).update(
            rank=r["pos"], average_score=Decimal(r["avg"]).quantize(Decimal("0.01")),
            status=status)
    return {str(k): v for k, v in selected.items()}


def round_transition(*, actor, round: PioneerRound, action: str,
                     publicity_ends_on: date_type | None = None, note: str = "") -> PioneerRound:
    """Move the round along its table; each action's own conditions are checked here."""
    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以推进先锋选树。"))
    note = clean_text(note, limit=1000)
    with transaction.atomic():
        rnd = PioneerRound.objects.select_for_update().get(pk=round.pk)
        # Refused before the action's own conditions, so the message names the state.
        transition_check(ROUND_TABLE, rnd.status, action, Who.MANAGER)
        today = months.today()
        fields, extra = {}, {}
        if action == RoundAction.START_REVIEW:
            if not rnd.nominations.exists():
                raise ApplicationError(_("还没有推荐人选，不能开始评审。"))
        elif action == RoundAction.PUBLICIZE:
            if publicity_ends_on is None or publicity_ends_on <= today:
                raise ApplicationError(_("请设置公示截止日期（应晚于今天）。"), field="publicity_ends_on")
            extra["selected"] = _rank(rnd)
            fields["publicity_ends_on"] = publicity_ends_on
        elif action == RoundAction.PUBLISH:
            if rnd.publicity_ends_on and today <= rnd.publicity_ends_on:
                raise ApplicationError(
                    _("公示期至%(date)s，期满后才能公布。")
                    % {"date": f"{rnd.publicity_ends_on:%Y-%m-%d}"})
            if Objection.objects.filter(nomination__round=rnd,
                                        status=ObjectionStatus.OPEN).exists():
                raise ApplicationError(_("还有未处理的异议，处理后才能公布。"))
            fields["published_at"] = clock.now()
        elif action == RoundAction.CANCEL and not note:
            raise ApplicationError(_("请填写取消原因。"), field="note")
        transition_apply(ROUND_TABLE, rnd, action=action, who=Who.MANAGER, actor=actor,
                         fields=fields, note=note, extra=extra)
    return rnd


def _seat_town(person: Person):
    return (ServiceTeamMember.objects.filter(person=person, ended_at__isnull=True)
            .values_list("team__grid__division__town_id", flat=True).first())


def nomination_create(*, actor, round: PioneerRound, person: Person, level: str,
                      reason: str) -> Nomination:
    """A town nominates one of its secretaries (the county may nominate anyone)."""
    town_id = _seat_town(person)
    if town_id is None:
        raise ApplicationError(_("%(name)s不是在岗民情书记。") % {"name": person.name},
                               field="person")
    require(actor, "gridwork.town_work_in", town_id)
    if level not in NominationLevel.values:
        raise ApplicationError(_("请选择推荐等次。"), field="level")
    reason = clean_text(reason, limit=2000)
    if visible_length(reason) < 10:
        raise ApplicationError(_("请写明推荐理由（至少10个字）。"), field="reason")
    try:
        with transaction.atomic():
            rnd = PioneerRound.objects.select_for_update().get(pk=round.pk)
            if rnd.status != RoundStatus.NOMINATING:
                raise TransitionNotAllowed(_("本轮选树当前为“%(state)s”，不接受推荐。")
                                           % {"state": rnd.get_status_display()})
            nomination = Nomination.objects.create(
                round=rnd, person=person, town_id=town_id, level=level, reason=reason,
                nominated_by=actor, nominated_at=clock.now())
            event_record(subject=rnd, actor=actor, action="nominated", note=person.name,
                         extra={"nomination_id": nomination.pk, "level": level})
    except IntegrityError:
        raise ApplicationError(_("%(name)s已在本轮推荐名单中。") % {"name": person.name},
                               field="person") from None
    return nomination


def score_record(*, actor, nomination: Nomination, score, comment: str = "") -> Score:
    """A review-committee member scores a nominee (0–100); scoring again replaces the score."""
    require(actor, "gridwork.manage", message=_("只有评审委员会成员（组织部、平台管理员）可以评分。"))
    try:
        value = Decimal(str(score)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ApplicationError(_("评分应为0到100之间的数字。"), field="score") from None
    if not Decimal(0) <= value <= Decimal(100):
        raise ApplicationError(_("评分应为0到100之间的数字。"), field="score")
    with transaction.atomic():
        rnd = PioneerRound.objects.select_for_update().get(pk=nomination.round_id)
        if rnd.status != RoundStatus.REVIEWING:
            raise TransitionNotAllowed(_("本轮选树当前为“%(state)s”，不能评分。")
                                       % {"state": rnd.get_status_display()})
        obj, _created = Score.objects.update_or_create(
            nomination=nomination, reviewer=actor,
            defaults={"score": value, "comment": clean_text(comment, limit=1000),
                      "scored_at": clock.now()})
        event_record(subject=rnd, actor=actor, action="scored", note=str(value),
                     extra={"nomination_id": nomination.pk})
    return obj


def objection_file(*, actor, nomination: Nomination, text: str) -> Objection:
    """Anyone logged in may object to a nominee on the publicity list while it is posted."""
    if not getattr(actor, "is_authenticated", False):
        raise NotInScope(_("请先登录后再提出异议。"))
    text = clean_text(text, limit=2000)
    if visible_length(text) < 10:
        raise ApplicationError(_("请写明异议的具体事实（至少10个字）。"), field="text")
    with transaction.atomic():
        rnd = PioneerRound.objects.select_for_update().get(pk=nomination.round_id)
        if rnd.status != RoundStatus.PUBLICITY or (
                rnd.publicity_ends_on and months.today() > rnd.publicity_ends_on):
            raise TransitionNotAllowed(_("不在公示期内，不能提出异议。"))
        if not Nomination.objects.filter(pk=nomination.pk,
                                         status=NominationStatus.SELECTED).exists():
            raise ApplicationError(_("只能对公示名单中的人选提出异议。"))
        objection = Objection.objects.create(nomination=nomination, filed_by=actor, text=text,
                                             filed_at=clock.now())
        event_record(subject=rnd, actor=actor, action="objection_filed",
                     extra={"nomination_id": nomination.pk, "objection_id": objection.pk})
    return objection


def objection_handle(*, actor, objection: Objection, uphold: bool, resolution: str) -> Objection:
    """Upheld: the nominee is removed from the list. Dismissed: a reason is required."""
    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以处理异议。"))
    resolution = clean_text(resolution, limit=2000)
    if visible_length(resolution) < 4:
        raise ApplicationError(_("请填写处理意见。"), field="resolution")
    with transaction.atomic():
        rnd = PioneerRound.objects.select_for_update().get(pk=objection.nomination.round_id)
        if rnd.status != RoundStatus.PUBLICITY:
            raise TransitionNotAllowed(_("只能在公示期内处理异议。"))
        status = ObjectionStatus.UPHELD if uphold else ObjectionStatus.DISMISSED
        changed = Objection.objects.filter(pk=objection.pk, status=ObjectionStatus.OPEN).update(
            status=status, resolution=resolution, handled_by=actor, handled_at=clock.now())
        if changed != 1:
            raise TransitionNotAllowed(_("该异议已处理。"))
        if uphold:
            Nomination.objects.filter(pk=objection.nomination_id).update(
                status=NominationStatus.REMOVED, removed_reason=resolution)
        event_record(subject=rnd, actor=actor, action="objection_handled", to_state=status,
                     note=resolution, extra={"objection_id": objection.pk,
                                             "nomination_id": objection.nomination_id})
    objection.refresh_from_db()
    return objection


def selected_counts() -> dict:
    """Pioneers and excellent secretaries of published rounds (for the summary)."""
    return Nomination.objects.filter(
        round__status=RoundStatus.PUBLISHED, status=NominationStatus.SELECTED).aggregate(
        pioneers=Count("id", filter=Q(level=NominationLevel.PIONEER)),
        excellent_secretaries=Count("id", filter=Q(level=NominationLevel.EXCELLENT)))
