"""一网批办: dispatch to a lead unit and assisting units; returns, rulings and merging."""

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record, events_batched
from grassroots.core.i18n import Message
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.orgs.models import Organization
from grassroots.people.validators import visible_length

from ..models import (
    ACTIVE_STATUSES_ASSIGNMENT,
    Assignment,
    AssignmentRole,
    AssignmentStatus,
    Category,
    Demand,
    DemandStatus,
    DispatchRule,
)
from ..transitions import ASSIGNMENT_TABLE, DEMAND_TABLE, Action, Who
from .common import (
    demand_url,
    notify_citizen,
    notify_dispatchers,
    notify_unit,
    run_hooks,
    unit_says,
)
from .deadlines import assignment_deadlines
from .lifecycle import (
    check_actor,
    demand_refresh_status,
    lock_assignment,
    lock_demand,
    now,
    require_text,
)


def _check_units(lead_unit, assisting_units):
    units = [lead_unit, *assisting_units]
    if lead_unit is None:
        raise ApplicationError(_("请选择主办单位。"), field="lead_unit")
    if any(not (u.is_handling_unit and u.is_active) for u in units):
        raise ApplicationError(_("所选单位不是有效的承办单位。"), field="lead_unit")
    if lead_unit in assisting_units:
        raise ApplicationError(_("主办单位不能同时作为协办单位。"), field="assisting_units")
    if len({u.pk for u in assisting_units}) != len(assisting_units):
        raise ApplicationError(_("协办单位有重复。"), field="assisting_units")


def _create_assignments(demand, *, actor, lead_unit, assisting_units, note, at):
    ack, reply = assignment_deadlines(at, demand.category, demand.grade)
    created = []
    for unit, role in [(lead_unit, AssignmentRole.LEAD)] + [
        (u, AssignmentRole.ASSISTING) for u in assisting_units
    ]:
        a = Assignment.objects.create(
            demand=demand, unit=unit, role=role, dispatched_at=at, dispatched_by=actor,
            dispatch_note=note, acknowledge_due_at=ack.due_at, reply_due_at=reply.due_at,
            due_at=ack.due_at, due_estimated=ack.estimated or reply.estimated,
            round=demand.reopen_count + 1,
        )
        from grassroots.core.events import event_record

        event_record(subject=a, actor=actor, action=Action.DISPATCH,
                     to_state=AssignmentStatus.DISPATCHED, note=note,
                     extra={"role": role, "unit": unit.pk})
        created.append(a)

    for a in created:
        notify_unit(
            a.unit, kind="dispatch",
            title=Message(gettext_noop("新工单（%(role)s）：%(title)s"),
                          role=AssignmentRole(a.role), title=demand.title),
            body=Message(gettext_noop("诉求编号 %(number)s，请于 %(due)s 前签收。"),
                         number=demand.number, due=f"{localtime(a.acknowledge_due_at):%m-%d %H:%M}"),
            url=demand_url(demand), dedup_key=f"dispatch:{a.pk}")
    return created


def demand_dispatch(*, actor, demand: Demand, lead_unit: Organization,
                    assisting_units=(), note: str = "", category: Category | None = None,
                    ) -> list[Assignment]:
    """Give a received demand to one lead unit and optional assisting units.

    ``category`` classifies a demand that came in without one (e.g. the dispatcher took the
    text-intelligence suggestion) in the same transaction, before the deadlines are computed
    from it; a demand that already has a category keeps it."""
    check_actor(actor, Who.DISPATCHER)
    assisting_units = list(assisting_units)
    _check_units(lead_unit, assisting_units)
    if category is not None and not category.is_active:
        raise ApplicationError(_("该分类已停用，请另选。"), field="category")
    with transaction.atomic(), events_batched():
        demand = lock_demand(demand)
        at = now()
        if category is not None and demand.category_id is None:
            Demand.objects.filter(pk=demand.pk).update(category=category)
            demand.category = category
            event_record(subject=demand, actor=actor, action="categorized",
                         note=category.path, extra={"category": category.pk}, at=at)
        transition_apply(DEMAND_TABLE, demand,
                         action=Action.DISPATCH, who=Who.DISPATCHER, actor=actor,
                         note=note, extra={"lead": lead_unit.pk,
                                           "assisting": [u.pk for u in assisting_units]})
        created = _create_assignments(demand, actor=actor, lead_unit=lead_unit,
                                      assisting_units=assisting_units, note=note, at=at)
        run_hooks(demand=demand, action=Action.DISPATCH, assignment=created[0], actor=actor)
    return created


def demand_dispatch_batch(*, actor, demands, lead_unit=None, assisting_units=(), note=""):
    """Dispatch several demands; each one succeeds or fails on its own with its reason.

    Without ``lead_unit`` every demand goes to its catalogue's default unit.
    """
    results = []
    for demand in demands:
        unit = lead_unit
        assists = list(assisting_units)
        if unit is None:
            rule = catalogue_rule_for(demand)
            if rule is None:
                results.append((demand, None, _("派单目录中没有该分类的默认单位，请逐件派单。")))
                continue
            unit, assists = rule.unit, list(rule.assisting_units.all())
        try:
            created = demand_dispatch(actor=actor, demand=demand, lead_unit=unit,
                                      assisting_units=assists, note=note)
            results.append((demand, created, ""))
        except ApplicationError as exc:
            results.append((demand, None, exc.message))
    return results


def catalogue_rule_for(demand: Demand) -> DispatchRule | None:
    """The dispatch catalogue's rule: the category (or its ancestors), town-specific first."""
    if demand.category_id is None:
        return None
    chain = [c.pk for c in demand.category.ancestors_and_self()]
    rules = list(DispatchRule.objects.filter(category_id__in=chain).select_related("unit"))
    for category_id in chain:
        for rule in rules:
            if rule.category_id == category_id and rule.town_id == demand.town_id:
                return rule
        for rule in rules:
            if rule.category_id == category_id and rule.town_id is None:
                return rule
    return None


def assignment_return(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """退单: the unit says the matter is not its responsibility; the dispatcher rules on it."""
    reason = require_text(reason, field="reason", minimum=5,
                          message=_("请写明退单理由（至少5个字），说明为何不属于本单位职责。"))
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        check_actor(actor, Who.UNIT, assignment=a)
        if a.ruling_forced:
            raise ApplicationError(
                _("派单中心已裁定由本单位承办，不能再次退单；如有异议，请申请升级协调。"), field="reason")
        at = now()
        transition_apply(
            ASSIGNMENT_TABLE, a, action=Action.RETURN, who=Who.UNIT, actor=actor, note=reason,
            # The clock stops while the dispatcher rules (a paused assignment has no due_at, as
            # for an extension): the deadline watch, the overdue counts and the countdowns
            # must not hold the unit late for the time the ruling takes.
            fields={"return_reason": reason, "return_count": a.return_count + 1,
                    "paused_since": a.paused_since or at, "due_at": None},
        )
        demand_refresh_status(a.demand, actor=actor, action=Action.RETURN)
        run_hooks(demand=a.demand, action=Action.RETURN, assignment=a, actor=actor)
        notify_dispatchers(
            kind="return", title=Message(gettext_noop("退单待裁定：%(title)s"), title=a.demand.title),
            body=unit_says(a.unit, reason), url=demand_url(a.demand),
            dedup_key=f"return:{a.pk}:{a.return_count}")
    return a


def assignment_escalate_return(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """After a ruling, a unit that still disputes it asks for escalation (with a reason)."""
    reason = require_text(reason, field="reason", minimum=10,
                          message=_("请写明申请升级协调的理由（至少10个字）。"))
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        check_actor(actor, Who.UNIT, assignment=a)
        if not a.ruling_forced:
            raise ApplicationError(_("未经裁定的工单请直接退单。"), field="reason")
        transition_apply(
            ASSIGNMENT_TABLE, a, action=Action.ESCALATE_RETURN, who=Who.UNIT, actor=actor,
            note=reason,
            extra={"escalated": True},
            fields={"return_reason": reason, "return_count": a.return_count + 1,
                    "paused_since": a.paused_since or now(), "due_at": None},
        )
        demand_refresh_status(a.demand, actor=actor, action=Action.ESCALATE_RETURN)
        notify_dispatchers(
            kind="return", title=Message(gettext_noop("升级协调申请：%(title)s"), title=a.demand.title),
            body=unit_says(a.unit, reason), url=demand_url(a.demand),
            dedup_key=f"escalate:{a.pk}:{a.return_count}")
    return a


def _resume_clock(a: Assignment, at):
    """Close the paused interval and push the reply deadline out by the paused working time."""
    return a.clock_resume(at, deadline_field="reply_due_at")


def assignment_decide_return(*, actor, assignment: Assignment, approve: bool, note: str = "",
                             new_lead_unit=None, assisting_units=()) -> Assignment:
    """The dispatcher's ruling: accept the return (and re-dispatch), or rule the unit must take it."""
    check_actor(actor, Who.DISPATCHER)
    note = clean_text(note)
    if not approve and visible_length(note) < 2:
        raise ApplicationError(_("裁定承办时请写明裁定意见。"), field="note")
    with transaction.atomic(), events_batched():
        a = lock_assignment(assignment)
        at = now()
        if approve:
            transition_apply(ASSIGNMENT_TABLE, a, action=Action.APPROVE_RETURN, who=Who.DISPATCHER,
                             actor=actor, note=note,
                             fields={"due_at": None, "paused_since": None, "closed_at": at})
            demand = lock_demand(a.demand_id)
            if a.role == AssignmentRole.LEAD:
                if new_lead_unit is not None:
                    assisting_units = list(assisting_units)
                    _check_units(new_lead_unit, assisting_units)
                    if new_lead_unit.pk == a.unit_id:
                        raise ApplicationError(_("请改派给其他单位。"), field="new_lead_unit")
                    _create_assignments(demand, actor=actor, lead_unit=new_lead_unit,
                                        assisting_units=assisting_units, note=note, at=at)
                # Without a new unit the demand goes back to the dispatch queue.
                demand_refresh_status(demand, actor=actor, action=Action.APPROVE_RETURN, note=note)
        else:
            returned_at = a.paused_since or at  # the unit answered the dispatch by returning
            fields = {"ruling_forced": True, **_resume_clock(a, at)}
            if a.acknowledged_at is None:
                # It now holds the assignment as from its return: on time if it returned in time.
                fields["acknowledged_at"] = returned_at
                fields["acknowledged_late"] = returned_at > a.acknowledge_due_at
            fields["due_at"] = fields.get("reply_due_at", a.reply_due_at)
            transition_apply(ASSIGNMENT_TABLE, a,
                             action=Action.REJECT_RETURN, who=Who.DISPATCHER, actor=actor,
                             note=note, fields=fields)
            demand_refresh_status(a.demand, actor=actor, action=Action.REJECT_RETURN)
            notify_unit(
                a.unit, kind="ruling",
                title=Message(gettext_noop("派单中心裁定由你单位承办：%(title)s"), title=a.demand.title),
                body=note, url=demand_url(a.demand), dedup_key=f"ruling:{a.pk}:{a.return_count}")
        run_hooks(demand=a.demand, action=Action.APPROVE_RETURN if approve else Action.REJECT_RETURN,
                  assignment=a, actor=actor)
    return a


def demand_merge(*, actor, demand: Demand, into: Demand, note: str = "") -> Demand:
    """并单: the same matter from several citizens is handled once; all get the reply."""
    check_actor(actor, Who.DISPATCHER)
    if demand.pk == into.pk:
        raise ApplicationError(_("不能并入自身。"), field="into")
    with transaction.atomic(), events_batched():
        first, second = sorted([demand.pk, into.pk])
        locked = {d.pk: d for d in Demand.objects.select_for_update().filter(pk__in=[first, second])}
        demand, into = locked[demand.pk], locked[into.pk]
        if into.merged_into_id or into.status in (DemandStatus.CLOSED, DemandStatus.MERGED):
            raise ApplicationError(_("目标诉求已办结或已被并单，不能再并入。"), field="into")
        for a in Assignment.objects.select_for_update().filter(
            demand=demand, status__in=ACTIVE_STATUSES_ASSIGNMENT
        ):
            if a.status not in (AssignmentStatus.DISPATCHED, AssignmentStatus.RETURN_REQUESTED):
                raise ApplicationError(_("该诉求已有单位签收办理，不能并单。"), field="demand")
            transition_apply(ASSIGNMENT_TABLE, a,
                             action=Action.RECALL, who=Who.DISPATCHER, actor=actor,
                             note="并单撤回", fields={"due_at": None, "closed_at": now()})
        transition_apply(DEMAND_TABLE, demand, action=Action.MERGE, who=Who.DISPATCHER, actor=actor,
                         note=note or f"并入 {into.number}", fields={"merged_into": into},
                         extra={"into": into.pk})
        demand.related.add(into)
        run_hooks(demand=demand, action=Action.MERGE, actor=actor, extra={"into": into.pk})
        notify_citizen(
            demand, kind="merge",
            title=Message(gettext_noop("您的诉求 %(number)s 已与同类诉求合并办理"),
                          number=demand.number),
            body=Message(gettext_noop("将随 %(number)s 一并答复。"), number=into.number))
    return demand
