"""Locking an assignment or a demand, the role check, and the demand's derived state.

The rows of their tables are applied by ``core.transitions.transition_apply``."""

from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.people.validators import visible_length

from ..models import Assignment, Demand
from ..transitions import Who, derive_demand_status


def check_actor(actor, who: str, *, assignment: Assignment | None = None, demand=None):
    """Re-check scope inside the service: pages and API fetched the object already."""
    if who == Who.SYSTEM:
        return
    if who == Who.DISPATCHER:
        require(actor, "demands.dispatch")
    elif who == Who.UNIT:
        require(actor, "demands.handle", assignment)
    elif who == Who.LEADER:
        require(actor, "demands.sign_off", assignment)
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


def require_text(value: str, *, field: str, message: str, minimum: int = 2) -> str:
    value = clean_text(value)
    if visible_length(value) < minimum:
        raise ApplicationError(message, field=field)
    if len(value) > 5000:
        raise ApplicationError(_("内容不能超过5000个字。"), field=field)
    return value



def now():
    return clock.now()
