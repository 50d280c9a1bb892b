"""Reads of demands and assignments, always scope-filtered, with a constant number of queries."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core.models import Event
from grassroots.core.policy import can
from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for

from .models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    SIGNOFF_STATUSES,
    AnonymousSubmitter,
    Assignment,
    AssignmentStatus,
    Attachment,
    Demand,
    DemandStatus,
)
from .transitions import ASSIGNMENT_TABLE, DEMAND_TABLE, Action

LIST_FIELDS = ("id", "number", "title", "status", "channel", "type", "grade", "received_at",
               "dispatch_due_at", "town__name", "division__name", "category__name",
               "solved_on_spot", "reopen_count")


def demand_list(user, *, flt=None) -> QuerySet[Demand]:
    qs = Demand.objects.restrict(user).select_related("town", "division", "category", "grid")
    if flt is not None:
        qs = flt.apply(qs)
    return qs.order_by("-received_at", "-id")


def overdue_demands_q(now, unit_id=None) -> Q:
    """THE overdue watch: a demand with an open order past its current deadline, or a demand
    still waiting for dispatch past its dispatch deadline (the dispatch centre's own lateness;
    it has no unit, so a unit filter leaves it out). The list and the 超期 card use this."""
    late = Assignment.objects.filter(status__in=ACTIVE_STATUSES_ASSIGNMENT, due_at__lt=now)
    if unit_id:
        late = late.filter(unit_id=unit_id)
    q = Q(pk__in=late.values("demand_id"))
    if not unit_id:
        q |= Q(status=DemandStatus.RECEIVED, dispatch_due_at__lt=now)
    return q


def overdue_rows(demands, now) -> dict[int, list[dict]]:
    """For a page of the overdue watch: per demand, who is late, the deadline and how late in
    working hours (the dispatch centre for a demand past its dispatch deadline)."""
    from grassroots.workcal.services import working_time_between

    out: dict[int, list[dict]] = {}
    ids = [d.pk for d in demands]
    for a in (Assignment.objects.filter(demand_id__in=ids, status__in=ACTIVE_STATUSES_ASSIGNMENT,
                                        due_at__lt=now)
              .select_related("unit").order_by("due_at")):
        out.setdefault(a.demand_id, []).append({
            "who": str(a.unit), "role": a.get_role_display(), "due_at": a.due_at,
            "late_hours": working_time_between(a.due_at, now).hours})
    for d in demands:
        if d.status == DemandStatus.RECEIVED and d.dispatch_due_at and d.dispatch_due_at < now:
            out.setdefault(d.pk, []).append({
                "who": _("派单中心"), "role": _("待派单"), "due_at": d.dispatch_due_at,
                "late_hours": working_time_between(d.dispatch_due_at, now).hours})
    return out


def dispatch_queue(user) -> QuerySet[Demand]:
    """Demands waiting for the dispatch centre, the most urgent deadline first."""
    if not can(user, "demands.dispatch"):
        return Demand.objects.none()
    return (Demand.objects.filter(status=DemandStatus.RECEIVED)
            .select_related("town", "division", "category", "recurrence_of")
            .order_by("dispatch_due_at", "id"))


def disputes_queue(user) -> QuerySet[Assignment]:
    """Returns and extension requests awaiting the dispatcher's decision."""
    if not can(user, "demands.dispatch"):
        return Assignment.objects.none()
    # Ordered by (status, dispatched_at) so the (status, dispatched_at) index serves both the
    # filter and the order; ordering by date alone makes SQLite walk the whole date index.
    return (Assignment.objects.filter(status__in=("ret_requested", "ext_requested"))
            .select_related("demand", "unit").order_by("status", "dispatched_at"))


def signoff_queue(user) -> QuerySet[Assignment]:
    """Replies and extension requests waiting for this user's sign-off (the units they lead),
    nearest sign-off deadline first."""
    units = get_scope(user).ids("leader_unit")
    return (Assignment.objects.filter(unit_id__in=units, status__in=SIGNOFF_STATUSES)
            .select_related("demand", "demand__category", "unit", "replied_by")
            .order_by("due_at", "id"))


def handler_inbox(user, *, include_viewer=True) -> QuerySet[Assignment]:
    """The unit's open assignments, nearest deadline first."""
    scope = get_scope(user)
    units = scope.all_unit_ids() if include_viewer else scope.unit_ids
    return (Assignment.objects.filter(unit_id__in=units, status__in=ACTIVE_STATUSES_ASSIGNMENT)
            .select_related("demand", "demand__category", "unit")
            .order_by("due_at", "id"))


def grid_demands(user) -> QuerySet[Demand]:
    scope = get_scope(user)
    return (Demand.objects.filter(Q(grid_id__in=scope.grid_ids) | Q(created_by_id=user.pk))
            .select_related("grid", "category").order_by("-received_at", "-id"))


def citizen_demands(user) -> QuerySet[Demand]:
    """The citizen's own demands, their anonymous reports included (found through the sealed
    submitter row: the demands themselves name nobody)."""
    scope = get_scope(user)
    if not scope.person_id:
        return Demand.objects.none()
    sealed = AnonymousSubmitter.objects.filter(user_id=scope.user_id).values("demand_id")
    return (Demand.objects.filter(Q(citizen_id=scope.person_id) | Q(pk__in=sealed))
            .order_by("-received_at", "-id"))


def demand_is_own(user, demand: Demand) -> bool:
    """The user is the demand's citizen, or submitted it anonymously."""
    scope = get_scope(user)
    if not scope.person_id:
        return False
    if demand.citizen_id is not None:
        return demand.citizen_id == scope.person_id
    return demand.is_anonymous and AnonymousSubmitter.objects.filter(
        demand_id=demand.pk, user_id=scope.user_id).exists()


def viewer_is_public(user) -> bool:
    """Citizens (and anyone without a staff role) see demands only through the public
    definition below — on their pages and in the API alike."""
    return not can(user, "demands.staff_view")


def public_timeline(demand: Demand, *, viewer=None) -> list[dict]:
    """THE public timeline (citizen pages, tracking, the citizens' API): the demand's own events
    (not its assignments'), no staff names, no internal notes (``timeline.PUBLIC_NOTE_ACTIONS``);
    the submitter of an anonymous demand is 本人 to themselves and 匿名群众 to anyone else."""
    from .timeline import timeline_rows

    ct_demand = ContentType.objects.get_for_model(Demand)
    events = (Event.objects.filter(content_type=ct_demand, object_id=demand.pk)
              .order_by("at", "id"))
    citizen_user_id = None
    if demand.citizen_id:
        citizen_user_id = demand.citizen.user_id
    own_anonymous = (viewer is not None and demand.is_anonymous
                     and demand_is_own(viewer, demand))
    return timeline_rows(events, demand_ct_id=ct_demand.pk, unit_names={}, public=True,
                         citizen_user_id=citizen_user_id, own_anonymous=own_anonymous)


def public_attachments(demand: Demand) -> QuerySet[Attachment]:
    """THE public attachments: the photos taken at intake. Photos of the units' handling notes
    (site checks, internal work) are for staff only."""
    return demand.attachments.filter(assignment__isnull=True).order_by("uploaded_at", "id")


def demand_attachments_for_user(user, demand: Demand) -> QuerySet[Attachment]:
    """The attachments of a demand the user may already see: all for staff, public for others."""
    if viewer_is_public(user):
        return public_attachments(demand)
    return demand.attachments.all().order_by("uploaded_at", "id")


def get_attachment_for_user(user, demand_pk, pk) -> Attachment:
    """One attachment of a demand the user may see, of those they may see (citizens: the public
    ones); the same 404 for missing and not yours."""
    demand = get_demand_for_user(user, demand_pk)
    attachment = demand_attachments_for_user(user, demand).filter(pk=pk).first()
    if attachment is None:
        raise Http404(_("未找到"))
    return attachment


def get_demand_for_user(user, pk, action="view") -> Demand:
    # Not the category's parents too: PostgreSQL plans a 7-table join in ~4 ms, more than the
    # two primary-key reads of the category path cost.
    return get_for_user(Demand.objects.select_related("category", "division", "town", "grid",
                                                      "citizen"), user, pk, action)


def get_assignment_for_user(user, pk, action="view") -> Assignment:
    return get_for_user(Assignment.objects.select_related("demand", "unit"), user, pk, action)


def track_demand(number: str, phone: str) -> Demand | None:
    """The public tracking page: a demand is found only by its number and the citizen's phone."""
    from grassroots.people.pii import hash_phone, normalize_phone

    number = (number or "").strip().upper()
    phone = normalize_phone(phone)
    if not number or not phone:
        return None
    return Demand.objects.filter(number=number, citizen__phone_hash=hash_phone(phone)).first()


def demand_timeline(demand: Demand, assignments) -> list[Event]:
    """Events of the demand and of all its assignments, in time order (one query)."""
    ct_demand = ContentType.objects.get_for_model(Demand)
    ct_assignment = ContentType.objects.get_for_model(Assignment)
    return list(
        Event.objects.filter(
            Q(content_type=ct_demand, object_id=demand.pk)
            | Q(content_type=ct_assignment, object_id__in=[a.pk for a in assignments])
        ).select_related("actor__person").order_by("at", "id")
    )


def available_actions(user, assignment: Assignment) -> list[str]:
    """The actions this user may take on this assignment now: the table's rows for the parts
    the user plays, less the return the ruling decides (a ruled unit escalates instead)."""
    actions = actions_for(ASSIGNMENT_TABLE, user, assignment)
    skip = Action.RETURN if assignment.ruling_forced else Action.ESCALATE_RETURN
    return [a for a in actions if a != skip]


def demand_available_actions(user, demand: Demand) -> list[str]:
    """The actions this user may take on the demand itself now (dispatch, merge, follow-up)."""
    return actions_for(DEMAND_TABLE, user, demand)


# "临期": less than this many *working* hours left — the unit the countdown text speaks in
# (an assignment due at 09:30 tomorrow has 1 working hour left at 17:30 today, not 16 hours).
NEAR_WORKING_HOURS = 4


def late_assignments_q(as_of) -> Q:
    """An assignment that was late: acknowledged late, replied late, or open past its deadline at
    ``as_of`` (returned assignments left out). The statistics' 超期 and the list's 曾超期 filter
    both count with this, so a figure and the list it opens agree."""
    return ~Q(status=AssignmentStatus.RETURNED) & (
        Q(acknowledged_late=True) | Q(replied_late=True)
        | Q(status__in=ACTIVE_STATUSES_ASSIGNMENT, due_at__lt=as_of))


def dispatched_demands_q() -> Q:
    """派单: a demand given to a handling unit that still has it — it has an assignment that was not
    returned (an approved return or a recall takes it back; a merged demand's assignments are
    recalled). The dashboard's 派单 card counts with this through the list's ``dispatched``
    filter, so the number and the list it opens agree."""
    kept = Assignment.objects.filter(demand_id=OuterRef("pk")).exclude(
        status=AssignmentStatus.RETURNED)
    return Q(Exists(kept)) & ~Q(status=DemandStatus.MERGED)


def due_state(due_at, *, now=None, working_hours_left: float | None = None) -> str:
    """"over", "near" or "ok" for colouring a countdown (working hours, as the text)."""
    from grassroots.workcal.services import working_time_between

    if due_at is None:
        return ""
    now = now or timezone.now()
    if due_at < now:
        return "over"
    if working_hours_left is None:
        working_hours_left = working_time_between(now, due_at).hours
    if working_hours_left < NEAR_WORKING_HOURS:
        return "near"
    return "ok"


def near_due_before(now=None):
    """The moment before which a due_at is "near" (or over): NEAR_WORKING_HOURS from now."""
    from grassroots.workcal.services import add_working_hours

    return add_working_hours(now or timezone.now(), NEAR_WORKING_HOURS).due_at
