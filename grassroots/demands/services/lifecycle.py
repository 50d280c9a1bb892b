"""The one way an assignment or a demand changes state: lock, check the table, write, record."""

from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, TransitionNotAllowed
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.people.validators import visible_length

from ..models import Assignment, AssignmentStatus, Demand, DemandStatus
from ..transitions import (
    Action,
    Who,
    derive_demand_status,
    find_assignment_transition,
    find_demand_transition,
)


def _state_label(model_status, value):
    try:
        return str(model_status(value).label)
    except ValueError:
        return value


def check_actor(actor, who: str, *, assignment: Assignment | None = None, demand=None):
    """Re-check scope inside the service: pages and API fetched the object already."""
    if who == Who.SYSTEM:
        return
    if who == Who.DISPATCHER:
        require(actor, "demands.dispatch")
    elif who == Who.UNIT:
        require(actor, "demands.handle", assignment)
    elif who == Who.FOLLOWER:
        require(actor, "demands.follow_up", demand)


def lock_assignment(assignment_or_pk, *, related=()) -> Assignment:
    """The assignment and its demand, both locked (one statement); the unit (and ``related``)
    is read, not locked."""
    pk = getattr(assignment_or_pk, "pk", assignment_or_pk)
    return Assignment.objects.select_for_update(of=("self", "demand")) \
        .select_related("demand", "unit", *related).get(pk=pk)


def lock_demand(demand_or_pk) -> Demand:
    """The demand, locked, with its category chain (deadline policies and the dispatch catalogue
    walk it) read in the same statement."""
    pk = getattr(demand_or_pk, "pk", demand_or_pk)
    return Demand.objects.select_for_update(of=("self",)) \
        .select_related("category__parent__parent").get(pk=pk)


def transition_assignment(a: Assignment, *, action: str, who: str, actor, note: str = "",
                          extra: dict | None = None, fields: dict | None = None) -> str:
    """Apply one row of the table to a locked assignment; returns the previous state."""
    row = find_assignment_transition(a.status, action, who)
    if row is None:
        raise TransitionNotAllowed(
            _("工单当前状态为“%(state)s”，不能执行“%(action)s”。如页面未刷新，请刷新后重试。")
            % {"state": _state_label(AssignmentStatus, a.status), "action": Action(action).label},
            extra={"state": a.status, "action": action},
        )
    previous = a.status
    a.status = row.to
    changed = ["status"]
    for name, value in (fields or {}).items():
        setattr(a, name, value)
        changed.append(name)
    a.save(update_fields=changed)
    event_record(subject=a, actor=actor, action=action, from_state=previous, to_state=row.to,
                 note=note, extra=extra)
    return previous


def demand_refresh_status(demand: Demand, *, actor, action: str, note: str = "",
                          save_fields=()) -> str:
    """Recompute the demand's state from its assignments (one function decides it) and record it.

    ``save_fields``: fields the caller changed on ``demand``, saved by the same UPDATE."""
    assignments = list(Assignment.objects.filter(demand=demand).only("role", "status"))
    new = derive_demand_status(demand, assignments)
    if new == demand.status and save_fields:
        demand.save(update_fields=list(save_fields))
    if new != demand.status:
        old = demand.status
        demand.status = new
        demand.save(update_fields=["status", *save_fields])
        # Recorded as a status change caused by the action, so the timeline does not show the
        # unit's action twice.
        event_record(subject=demand, actor=actor, action="status", from_state=old, to_state=new,
                     note=note, extra={"cause": action})
    return new


def transition_demand(demand: Demand, *, action: str, who: str, actor, note: str = "",
                      fields: dict | None = None, extra: dict | None = None) -> str:
    row = find_demand_transition(demand.status, action, who)
    if row is None:
        raise TransitionNotAllowed(
            _("诉求当前状态为“%(state)s”，不能执行“%(action)s”。如页面未刷新，请刷新后重试。")
            % {"state": _state_label(DemandStatus, demand.status), "action": Action(action).label},
            extra={"state": demand.status, "action": action},
        )
    previous = demand.status
    demand.status = row.to
    changed = ["status"]
    for name, value in (fields or {}).items():
        setattr(demand, name, value)
        changed.append(name)
    demand.save(update_fields=changed)
    event_record(subject=demand, actor=actor, action=action, from_state=previous, to_state=row.to,
                 note=note, extra=extra)
    return previous


def require_text(value: str, *, field: str, message: str, minimum: int = 2) -> str:
    value = "".join(ch for ch in (value or "") if ch in "\n\t" or ch >= " ").strip()
    if visible_length(value) < minimum:
        raise ApplicationError(message, field=field)
    if len(value) > 5000:
        raise ApplicationError(_("内容不能超过5000个字。"), field=field)
    return value



def now():
    return clock.now()
