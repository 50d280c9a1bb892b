"""一网推进: acknowledge, handling notes, extensions and replies."""

from datetime import timedelta

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record, events_batched
from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.scope import Role
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.people.validators import visible_length

from ..models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Demand,
    Outcome,
)
from ..rules import signoff_hours
from ..transitions import ASSIGNMENT_TABLE, Action, Who
from .attachments import photos_store, photos_validate
from .common import (
    demand_url,
    notify_citizen,
    notify_dispatchers,
    notify_unit,
    run_hooks,
    unit_says,
)
from .dispatch import _resume_clock
from .lifecycle import (
    check_actor,
    demand_refresh_status,
    lock_assignment,
    now,
    require_text,
)

# Labels stay Chinese in the event record; pages translate them (gettext_noop marks them).
NOTE_KINDS = {"verification": gettext_noop("现场核实"), "analysis": gettext_noop("分析研判"),
              "disposal": gettext_noop("处置情况"), "other": gettext_noop("其他")}
FOLLOWUP_WORKING_DAYS = 3
MAX_EXTENSION_DAYS = 30


def assignment_acknowledge(*, actor, assignment: Assignment) -> Assignment:
    """签收. Two people acknowledging at once: the row lock lets exactly one win."""
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        check_actor(actor, Who.UNIT, assignment=a)
        at = now()
        transition_apply(ASSIGNMENT_TABLE, a, action=Action.ACKNOWLEDGE, who=Who.UNIT,
                         actor=actor, fields={
                             "acknowledged_at": at, "acknowledged_late": at > a.acknowledge_due_at,
                             "due_at": a.reply_due_at,
                         })
        demand_refresh_status(a.demand, actor=actor, action=Action.ACKNOWLEDGE)
        run_hooks(demand=a.demand, action=Action.ACKNOWLEDGE, assignment=a, actor=actor)
    return a


def assignment_add_note(*, actor, assignment: Assignment, kind: str, text: str,
                        photos=()) -> Assignment:
    """A handling note (on-site verification, analysis, disposal) with optional photos."""
    if kind not in NOTE_KINDS:
        raise ApplicationError(_("请选择办理记录的类型。"), field="kind")
    text = require_text(text, field="text", minimum=2, message=_("请填写办理情况。"))
    checked = photos_validate(photos, existing=0)
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        check_actor(actor, Who.UNIT, assignment=a)
        transition_apply(ASSIGNMENT_TABLE, a,
                         action=Action.NOTE, who=Who.UNIT, actor=actor, note=text,
                         extra={"kind": kind, "kind_label": NOTE_KINDS[kind]})
        photos_store(checked, demand=a.demand, assignment=a, actor=actor)
        demand_refresh_status(a.demand, actor=actor, action=Action.NOTE)
    return a


def assignment_request_extension(*, actor, assignment: Assignment, reason: str,
                                 until) -> Assignment:
    """延期申请: the clock stops while the dispatcher decides."""
    reason = require_text(reason, field="reason", minimum=5,
                          message=_("请写明延期理由（至少5个字）。"))
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        check_actor(actor, Who.UNIT, assignment=a)
        at = now()
        if until is None or until <= a.reply_due_at:
            raise ApplicationError(
                _("申请延期的日期应晚于当前答复时限（%(due)s）。")
                % {"due": f"{localtime(a.reply_due_at):%Y-%m-%d %H:%M}"},
                field="until")
        if until > at + timedelta(days=MAX_EXTENSION_DAYS):
            raise ApplicationError(_("单次延期不能超过%(n)s天。") % {"n": MAX_EXTENSION_DAYS},
                                   field="until")
        if a.unit.signoff_extensions:
            # The unit leader signs the request off first; the reply clock keeps running.
            due = signoff_due("extension", at)
            transition_apply(
                ASSIGNMENT_TABLE, a, action=Action.SUBMIT_EXTENSION, who=Who.UNIT, actor=actor,
                note=reason, extra={"until": until.isoformat(), "signoff_due": due.isoformat()},
                fields={"extension_reason": reason, "extension_requested_until": until,
                        "due_at": due, "near_notified_for": None})
            run_hooks(demand=a.demand, action=Action.SUBMIT_EXTENSION, assignment=a, actor=actor)
            _notify_leaders(a, kind="signoff_extension",
                            title=gettext_noop("延期申请待您审核：%(title)s"), text=reason)
            return a
        transition_apply(
            ASSIGNMENT_TABLE, a, action=Action.REQUEST_EXTENSION, who=Who.UNIT, actor=actor,
            note=reason,
            extra={"until": until.isoformat()},
            fields={"extension_reason": reason, "extension_requested_until": until,
                    "paused_since": at, "due_at": None},
        )
        run_hooks(demand=a.demand, action=Action.REQUEST_EXTENSION, assignment=a, actor=actor)
        _notify_extension_request(a)
    return a


def _notify_extension_request(a: Assignment):
    until, reason = a.extension_requested_until, a.extension_reason
    notify_dispatchers(
        kind="extension",
        title=Message(gettext_noop("延期申请待审：%(title)s"), title=a.demand.title),
        body=Message(gettext_noop("%(unit)s 申请延期至 %(until)s：%(reason)s"),
                     unit=str(a.unit), until=f"{localtime(until):%Y-%m-%d}", reason=reason),
        url=demand_url(a.demand), dedup_key=f"ext:{a.pk}:{a.extension_count}")


def _notify_leaders(a: Assignment, *, kind: str, title: str, text: str):
    notify(recipients=a.unit.leader_users(), kind=kind,
           title=Message(title, title=a.demand.title), body=unit_says(a.unit, text[:200]),
           url=demand_url(a.demand), dedup_key=f"{kind}:{a.pk}:{now():%Y%m%d%H%M%S%f}")


def signoff_due(kind: str, at):
    """The leader's own deadline: the rule set's working hours on the work calendar."""
    from grassroots.workcal.services import add_working_hours

    hours, _source = signoff_hours(kind, localtime(at).date())
    return add_working_hours(at, hours).due_at


def assignment_decide_extension(*, actor, assignment: Assignment, approve: bool,
                                note: str = "") -> Assignment:
    check_actor(actor, Who.DISPATCHER)
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        at = now()
        # Refused: the original deadline stands (按原时限办理); the wait is not credited back.
        fields = (_resume_clock(a, at) if approve
                  else a.clock_resume(at, deadline_field="reply_due_at", credit=False))
        if approve:
            fields["reply_due_at"] = a.extension_requested_until
            fields["extension_count"] = a.extension_count + 1
        fields["due_at"] = fields.get("reply_due_at", a.reply_due_at)
        fields["near_notified_for"] = None
        transition_apply(
            ASSIGNMENT_TABLE, a,
            action=Action.APPROVE_EXTENSION if approve else Action.REFUSE_EXTENSION,
            who=Who.DISPATCHER, actor=actor, note=note, fields=fields,
        )
        run_hooks(demand=a.demand, action=Action.APPROVE_EXTENSION if approve
                  else Action.REFUSE_EXTENSION, assignment=a, actor=actor)
        verdict = "同意" if approve else "不同意"  # part of the dedup key, as it always was
        title = (gettext_noop("延期申请同意：%(title)s") if approve
                 else gettext_noop("延期申请不同意：%(title)s"))
        notify_unit(
            a.unit, kind="extension_decision", title=Message(title, title=a.demand.title),
            body=Message(gettext_noop("答复时限：%(due)s。%(note)s"),
                         due=f"{localtime(a.reply_due_at):%Y-%m-%d %H:%M}", note=note),
            url=demand_url(a.demand), dedup_key=f"extdec:{a.pk}:{a.extension_count}:{verdict}")
    return a


def assignment_reply(*, actor, assignment: Assignment, outcome: str, text: str,
                     photos=(), unconsolidated_reason: str = "") -> Assignment:
    """答复. The lead unit replies to the citizen; assisting units reply to the lead unit.

    The lead unit's reply consolidates the assisting units' replies: while an assisting unit
    has not replied, the lead replies only with a written reason, recorded as its own event
    on the staff timeline (``unconsolidated``)."""
    if outcome not in Outcome.values:
        raise ApplicationError(_("请选择办理结果。"), field="outcome")
    text = require_text(text, field="text", minimum=10,
                        message=_("请填写答复内容（至少10个字），写明办理情况和结果。"))
    if outcome == Outcome.NOT_RESOLVABLE and visible_length(text) < 20:
        raise ApplicationError(_("暂不能解决的，请在答复中说明原因和下一步安排（至少20个字）。"),
                               field="text")
    checked = photos_validate(photos)
    with transaction.atomic(), events_batched():
        # The demand is locked with the assignment (and its citizen read for the notification).
        a = lock_assignment(assignment, related=("demand__citizen__user",))
        check_actor(actor, Who.UNIT, assignment=a)
        at = now()
        # (A reply the table does not allow is refused by transition_apply below.)
        pending = (_assisting_not_replied(a) if a.role == AssignmentRole.LEAD
                   and ASSIGNMENT_TABLE.find(a.status, Action.REPLY, Who.UNIT) else [])
        if pending:
            reason = clean_text(unconsolidated_reason)
            if visible_length(reason) < 5:
                raise ApplicationError(
                    _("协办单位尚未答复：%(units)s。请汇总协办单位的答复后再答复，"
                      "或写明未汇总的原因（至少5个字）。") % {"units": "、".join(pending)},
                    field="unconsolidated_reason")
            event_record(subject=a, actor=actor, action="unconsolidated", note=reason,
                         extra={"assisting_not_replied": pending})
        if a.unit.signoff_replies:
            # To the unit leader's queue; the reply goes out when the leader approves it.
            due = signoff_due("reply", at)
            transition_apply(ASSIGNMENT_TABLE, a,
                             action=Action.SUBMIT_REPLY, who=Who.UNIT, actor=actor, note=text,
                             extra={"outcome": outcome, "signoff_due": due.isoformat()},
                             fields={"outcome": outcome, "reply_text": text,
                                     "replied_by": actor, "due_at": due,
                                     "near_notified_for": None})
            photos_store(checked, demand=a.demand, assignment=a, actor=actor)
            demand_refresh_status(a.demand, actor=actor, action=Action.SUBMIT_REPLY)
            run_hooks(demand=a.demand, action=Action.SUBMIT_REPLY, assignment=a, actor=actor)
            _notify_leaders(a, kind="signoff_reply", title=gettext_noop("答复待您审核：%(title)s"),
                            text=text)
            return a
        transition_apply(ASSIGNMENT_TABLE, a,
                         action=Action.REPLY, who=Who.UNIT, actor=actor, note=text,
                         extra={"outcome": outcome},
                         fields={"outcome": outcome, "reply_text": text, "replied_at": at,
                                 "replied_by": actor, "replied_late": at > a.reply_due_at,
                                 "due_at": None})
        photos_store(checked, demand=a.demand, assignment=a, actor=actor)
        _reply_goes_out(a, actor=actor, at=at)
    return a


def _reply_goes_out(a: Assignment, *, actor, at):
    """What a reply sent does (at once, or when the leader approves it): the lead's reply is
    the demand's (and its merged demands'), the citizen is told; an assisting unit's reply is
    told to the lead unit."""
    from grassroots.workcal.services import add_working_days

    outcome, text = a.outcome, a.reply_text
    demand = a.demand
    if a.role == AssignmentRole.LEAD:
        followup_due = add_working_days(at, FOLLOWUP_WORKING_DAYS).due_at
        _demand_set_reply(demand, outcome=outcome, text=text, at=at, followup_due=followup_due,
                          save=False)
        merged = list(Demand.objects.select_for_update(of=("self",))
                      .select_related("citizen__user").filter(merged_into=demand).order_by())
        for m in merged:
            _demand_set_reply(m, outcome=outcome, text=text, at=at, followup_due=followup_due)
        # The reply and the new state in one UPDATE.
        demand_refresh_status(demand, actor=actor, action=Action.REPLY,
                              save_fields=REPLY_FIELDS)
        _notify_reply(demand, merged)
    else:
        lead = demand.assignments.filter(role=AssignmentRole.LEAD).exclude(
            status="returned").select_related("unit").first()
        if lead is not None:
            notify_unit(
                lead.unit, kind="assist_reply",
                title=Message(gettext_noop("协办单位已答复：%(title)s"), title=demand.title),
                body=unit_says(a.unit, text[:200]), url=demand_url(demand),
                dedup_key=f"assist_reply:{a.pk}:{a.round}")
    run_hooks(demand=demand, action=Action.REPLY, assignment=a, actor=actor)


def assignment_sign_off(*, actor, assignment: Assignment, approve: bool,
                        note: str = "") -> Assignment:
    """The unit leader's sign-off (办结把关) of a reply or an extension request waiting in the
    queue. Approved: it proceeds as it would have without sign-off (the reply goes out, the
    request reaches the dispatch centre). Returned: back to the handler with the reason; the
    reply deadline applies again."""
    if not approve:
        note = require_text(note, field="note", minimum=2,
                            message=_("退回时请写明理由，承办人据此修改。"))
    else:
        note = clean_text(note)
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment, related=("demand__citizen__user",))
        check_actor(actor, Who.LEADER, assignment=a)
        at = now()
        action = Action.SIGNOFF_APPROVE if approve else Action.SIGNOFF_RETURN
        kind = "extension" if a.status == AssignmentStatus.EXTENSION_SIGNOFF else "reply"
        if approve and kind == "reply":
            fields = {"replied_at": at, "replied_late": at > a.reply_due_at, "due_at": None}
        elif approve:
            # As a request made without sign-off: the clock stops while the dispatcher decides.
            fields = {"paused_since": at, "due_at": None}
        elif kind == "reply":
            fields = {"outcome": "", "replied_by": None, "due_at": a.reply_due_at}
        else:
            fields = {"extension_requested_until": None, "due_at": a.reply_due_at}
        transition_apply(ASSIGNMENT_TABLE, a, action=action, who=Who.LEADER, actor=actor,
                         note=note, extra={"kind": kind}, fields=fields)
        if approve and kind == "reply":
            _reply_goes_out(a, actor=actor, at=at)
        elif approve:
            run_hooks(demand=a.demand, action=Action.REQUEST_EXTENSION, assignment=a,
                      actor=actor)
            _notify_extension_request(a)
        else:
            demand_refresh_status(a.demand, actor=actor, action=action)
            title = (gettext_noop("答复被负责人退回：%(title)s") if kind == "reply"
                     else gettext_noop("延期申请被负责人退回：%(title)s"))
            notify(recipients=a.unit.staff_users(roles=(Role.HANDLER,)), kind="signoff_return",
                   title=Message(title, title=a.demand.title), body=unit_says(a.unit, note),
                   url=demand_url(a.demand), dedup_key=f"signoff_return:{a.pk}:{at:%Y%m%d%H%M%S%f}")
            run_hooks(demand=a.demand, action=action, assignment=a, actor=actor)
    return a


def _assisting_not_replied(lead: Assignment) -> list[str]:
    """Names of the demand's assisting units still holding their order unanswered."""
    return [str(x.unit) for x in Assignment.objects.filter(
        demand_id=lead.demand_id, role=AssignmentRole.ASSISTING,
        status__in=ACTIVE_STATUSES_ASSIGNMENT).select_related("unit").order_by("unit__code")]

REPLY_FIELDS = ("outcome", "reply_text", "replied_at", "followup_due_at")


def _demand_set_reply(demand, *, outcome, text, at, followup_due, save=True):
    demand.outcome, demand.reply_text, demand.replied_at = outcome, text, at
    demand.followup_due_at = followup_due
    if save:
        demand.save(update_fields=REPLY_FIELDS)


def _notify_reply(demand, merged):
    for d in (demand, *merged):
        notify_citizen(d, kind="reply",
                       title=Message(gettext_noop("您的诉求 %(number)s 已答复"), number=d.number),
                       body=demand.reply_text[:300])


__all__ = [
    "NOTE_KINDS", "assignment_acknowledge", "assignment_add_note", "assignment_decide_extension",
    "assignment_reply", "assignment_request_extension", "assignment_sign_off", "signoff_due"
]
