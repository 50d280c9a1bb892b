"""回访: the citizen rates the reply; unsatisfied reopens; silence closes it as "no response"."""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError, TransitionNotAllowed
from grassroots.core.events import events_batched
from grassroots.core.i18n import Message
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.people.validators import visible_length

from ..advisors import reply_flags
from ..models import (
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Demand,
    DemandStatus,
    FollowUp,
    Satisfaction,
)
from ..transitions import ASSIGNMENT_TABLE, DEMAND_TABLE, Action, Who
from .common import demand_url, notify_unit, run_hooks
from .deadlines import reply_deadline
from .lifecycle import (
    check_actor,
    demand_refresh_status,
    lock_demand,
    now,
)

RATINGS = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)


def max_reopen_rounds() -> int:
    return getattr(settings, "GRASSROOTS_MAX_REOPEN_ROUNDS", 2)


def _close_assignments(demand, *, at):
    # The system closes the orders with the demand: no person closed them (the citizen who
    # rated did not), so the staff timeline names nobody.
    for a in Assignment.objects.select_for_update().filter(demand=demand).exclude(
        status__in=(AssignmentStatus.CLOSED, AssignmentStatus.RETURNED)
    ):
        transition_apply(ASSIGNMENT_TABLE, a, action=Action.CLOSE, who=Who.SYSTEM, actor=None,
                         fields={"closed_at": at, "due_at": None})


def _close(demand, *, actor, action, who, satisfaction, note, at):
    transition_apply(DEMAND_TABLE, demand, action=action, who=who, actor=actor, note=note,
                     fields={"satisfaction": satisfaction, "closed_at": at},
                     extra={"satisfaction": satisfaction})
    _close_assignments(demand, at=at)
    Demand.objects.filter(merged_into=demand).update(satisfaction=satisfaction, closed_at=at)


def demand_follow_up(*, actor, demand: Demand, satisfaction: str, comment: str = "",
                     close_reason: str = "") -> Demand:
    """Record the citizen's rating. A staff member closing a demand whose reply the reply-quality
    check flagged records why it may close anyway (``close_reason``); otherwise they rate it
    不满意 and it goes back to the unit."""
    if satisfaction not in RATINGS:
        raise ApplicationError(_("请选择满意、基本满意或不满意。"), field="satisfaction")
    comment = clean_text(comment)[:2000]
    if satisfaction == Satisfaction.UNSATISFIED and visible_length(comment) < 2:
        raise ApplicationError(_("不满意时请简要说明原因，以便承办单位重新办理。"), field="comment")
    with transaction.atomic(), events_batched():
        demand = lock_demand(demand)
        check_actor(actor, Who.FOLLOWER, demand=demand)
        if demand.status == DemandStatus.CLOSED:
            raise TransitionNotAllowed(_("该诉求已办结，不能重复评价。"))
        if DEMAND_TABLE.find(demand.status, Action.FOLLOW_UP, Who.FOLLOWER) is None:
            raise TransitionNotAllowed(_("该诉求当前不在待回访状态，答复后才能评价。"))
        at = now()
        scope_is_citizen = demand.citizen_id is not None and getattr(
            getattr(actor, "person", None), "pk", None) == demand.citizen_id
        if satisfaction != Satisfaction.UNSATISFIED and not scope_is_citizen:
            flags = reply_flags(demand)
            close_reason = clean_text(close_reason)[:500]
            if flags and visible_length(close_reason) < 4:
                raise ApplicationError(
                    _("答复被标记为需核查（%(why)s）：请写明仍予办结的理由（至少4个字），"
                      "或选择“不满意”退回承办单位重新办理。") % {"why": "；".join(flags)},
                    field="close_reason")
            if flags:
                comment = f"{comment}（答复质量存疑仍办结，理由：{close_reason}）".lstrip()
        FollowUp.objects.create(demand=demand, round=demand.reopen_count + 1,
                                satisfaction=satisfaction, comment=comment,
                                by_staff=not scope_is_citizen, recorded_by=actor, recorded_at=at)
        reopen = (satisfaction == Satisfaction.UNSATISFIED
                  and demand.reopen_count < max_reopen_rounds())
        if reopen:
            _reopen(demand, actor=actor, comment=comment, at=at)
        else:
            _close(demand, actor=actor, action=Action.FOLLOW_UP, who=Who.FOLLOWER,
                   satisfaction=satisfaction, note=comment, at=at)
        run_hooks(demand=demand, action="reopen" if reopen else "close", actor=actor,
                  extra={"satisfaction": satisfaction})
    return demand


def _reopen(demand, *, actor, comment, at):
    from grassroots.core.events import event_record

    lead = Assignment.objects.select_for_update().filter(
        demand=demand, role=AssignmentRole.LEAD, status=AssignmentStatus.REPLIED
    ).select_related("unit").first()
    Demand.objects.filter(pk=demand.pk).update(reopen_count=F("reopen_count") + 1)
    demand.reopen_count += 1
    demand.satisfaction = Satisfaction.UNSATISFIED
    demand.save(update_fields=["satisfaction"])
    event_record(subject=demand, actor=actor, action=Action.REOPEN, from_state=demand.status,
                 to_state=DemandStatus.HANDLING, note=comment,
                 extra={"round": demand.reopen_count + 1})
    if lead is not None:
        reply = reply_deadline(at, _reply_days(demand))
        transition_apply(ASSIGNMENT_TABLE, lead, action=Action.REOPEN, who=Who.SYSTEM, actor=actor,
                         note=comment, fields={
                             "round": lead.round + 1, "reply_due_at": reply.due_at,
                             "due_at": reply.due_at, "replied_at": None,
                             "near_notified_for": None, "overdue_notified_for": None,
                         })
        notify_unit(
            lead.unit, kind="reopen",
            title=Message(gettext_noop("群众不满意，请重新办理：%(title)s"), title=demand.title),
            body=comment, url=demand_url(demand), dedup_key=f"reopen:{lead.pk}:{demand.reopen_count}")
    demand.replied_at = None
    demand.followup_due_at = None
    demand.save(update_fields=["replied_at", "followup_due_at"])
    demand_refresh_status(demand, actor=actor, action=Action.REOPEN)


def _reply_days(demand):
    from .deadlines import policy_for

    return policy_for(demand.category, demand.grade)[1]


def followup_watch(limit: int = 500) -> int:
    """Periodic job: close replied demands nobody rated within the follow-up window."""
    closed = 0
    due = Demand.objects.filter(status=DemandStatus.REPLIED, followup_due_at__lt=now()) \
        .values_list("pk", flat=True)[:limit]
    for pk in list(due):
        with transaction.atomic(), events_batched():
            demand = lock_demand(pk)
            if demand.status != DemandStatus.REPLIED or demand.followup_due_at >= now():
                continue  # someone rated it meanwhile
            _close(demand, actor=None, action=Action.CLOSE_NO_RESPONSE, who=Who.SYSTEM,
                   satisfaction=Satisfaction.NO_RESPONSE, note="回访期内未回应，系统办结", at=now())
            run_hooks(demand=demand, action="close", actor=None,
                      extra={"satisfaction": Satisfaction.NO_RESPONSE})
            closed += 1
    return closed
