"""民情书记"先锋"选树: rounds, nominations, scores, publicity with objections, publication.

The round's states and actions are the table ``transitions.ROUND_TABLE``; every change is
applied by ``core.transitions.transition_apply`` on the locked round, in one transaction.
The publicity and its objections are the generic ``grassroots.publicity`` ones: "publicize"
posts a ``Publicity`` of the round listing the selected nominees (entry ``n<pk>`` each),
objections are ``publicity.Objection`` cases, and "publish" passes the publicity gate.
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
from grassroots.publicity import services as publicity_services
from grassroots.publicity.gate import publicity_of, publicity_require_clear
from grassroots.publicity.models import (
    Objection,
    PublicityKind,
    PublicityScope,
    PublicityStatus,
)
from grassroots.publicity.transitions import Action as PublicityAction
from grassroots.publicity.transitions import ObjectionAction

from .. import months
from ..models import (
    Nomination,
    NominationLevel,
    NominationStatus,
    PioneerRound,
    RoundStatus,
    Score,
    nomination_entry_key,
)
from ..transitions import ROUND_TABLE, RoundAction, Who
from .common import clean_text

MAX_QUOTA = 500
# The published list's labels are data (stored with the publicity), not the reader's language.
PUBLISHED_LEVEL_LABELS = {NominationLevel.PIONEER: "民情书记“先锋”",
                          NominationLevel.EXCELLENT: "优秀民情书记"}


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


def _publicity_entries(rnd: PioneerRound) -> list[dict]:
    """The selected nominees as published: level, name and town only (no ID, phone, address)."""
    selected = (rnd.nominations.filter(status=NominationStatus.SELECTED)
                .select_related("person", "town").order_by("level", "rank", "pk"))
    return [{"key": nomination_entry_key(n.pk), "label": PUBLISHED_LEVEL_LABELS[n.level],
             "value": f"{n.person.name}（{n.town.name}）"} for n in selected]


def round_transition(*, actor, round: PioneerRound, action: str,
                     publicity_ends_on: date_type | None = None, contact_phone: str = "",
                     note: str = "") -> PioneerRound:
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
            publicity = publicity_services.publicity_create(
                actor=actor, subject=rnd, kind=PublicityKind.PIONEER,
                scope=PublicityScope.COUNTY_SITE, title=f"{rnd.title}拟表彰人选公示",
                fields=_publicity_entries(rnd), start_on=today,
                end_on=publicity_ends_on, contact_phone=contact_phone, publish=True)
            extra["publicity_id"] = publicity.pk
        elif action == RoundAction.PUBLISH:
            # The hard gate: the period elapsed and every objection closed.
            publicity_require_clear(rnd)
            fields["published_at"] = clock.now()
        elif action == RoundAction.CANCEL and not note:
            raise ApplicationError(_("请填写取消原因。"), field="note")
        if action == RoundAction.CANCEL:
            posted = publicity_of(rnd)
            if posted is not None and posted.status == PublicityStatus.PUBLISHED:
                publicity_services.publicity_transition(
                    actor=actor, publicity=posted, action=PublicityAction.WITHDRAW, note=note)
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
    """A logged-in user objects to a nominee on the publicity list from the round's page (the
    public page /publicity/ takes objections without an account too)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotInScope(_("请先登录后再提出异议。"))
    publicity = publicity_of(nomination.round)
    if publicity is None:
        raise TransitionNotAllowed(_("不在公示期内，不能提出异议。"))
    objection, _created = publicity_services.objection_receive(
        actor=actor, publicity=publicity, content=text,
        entry_key=nomination_entry_key(nomination.pk))
    return objection


def objection_handle(*, actor, objection: Objection, uphold: bool, resolution: str) -> Objection:
    """Upheld: the nominee is removed from the list (``on_objection_upheld``). Dismissed: a
    reason is required."""
    require(actor, "gridwork.manage", message=_("只有平台管理员或组织部可以处理异议。"))
    resolution = clean_text(resolution, limit=2000)
    if visible_length(resolution) < 4:
        raise ApplicationError(_("请填写处理意见。"), field="resolution")
    return publicity_services.objection_transition(
        actor=actor, objection=objection, finding=resolution,
        action=ObjectionAction.UPHOLD if uphold else ObjectionAction.DISMISS)


def on_objection_upheld(objection: Objection, actor) -> None:
    """Registered with the publicity app: an upheld objection naming a nominee removes them
    (runs in the closing transaction)."""
    key = objection.entry_key
    if not key.startswith("n") or not key[1:].isdigit():
        return
    nomination = Nomination.objects.filter(pk=int(key[1:]),
                                           round_id=objection.publicity.subject_id).first()
    if nomination is None:
        return
    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.REMOVED,
                                                       removed_reason=objection.finding)
    event_record(subject=nomination.round, actor=actor, action="objection_handled",
                 to_state="upheld", note=objection.finding,
                 extra={"objection_id": objection.pk, "nomination_id": nomination.pk})


def round_pii(rnd: PioneerRound) -> list[str]:
    """The nominees' personal strings that a published value must never contain."""
    out = []
    for person in Person.objects.filter(pioneer_nominations__round=rnd):
        out += [v for v in (person.phone, person.id_number) if v]
    return out


def selected_counts() -> dict:
    """Pioneers and excellent secretaries of published rounds (for the summary)."""
    return Nomination.objects.filter(
        round__status=RoundStatus.PUBLISHED, status=NominationStatus.SELECTED).aggregate(
        pioneers=Count("id", filter=Q(level=NominationLevel.PIONEER)),
        excellent_secretaries=Count("id", filter=Q(level=NominationLevel.EXCELLENT)))
