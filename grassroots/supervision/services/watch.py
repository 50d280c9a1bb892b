"""The assignments' deadline watch: near and overdue assignments are notified once to their
unit's staff (overdue ones also to the dispatch centre), long-overdue ones are escalated to the
supervision office as a drafted notice.

The watch itself (reading candidates by due time, claiming each mark with a conditional update,
escalating in working time) is the kernel's, ``grassroots.workcal.watch``, which runs every
registered case type; this module registers the assignment (``register_assignment_watch``,
from ``SupervisionConfig.ready``) with the handlers below.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.scope import Role
from grassroots.demands.models import ACTIVE_STATUSES_ASSIGNMENT, Assignment
from grassroots.people.models import User
from grassroots.workcal import watch
from grassroots.workcal.watch import WatchedCase

ASSIGNMENT = "assignment"


def near_hours() -> float:
    return watch.default_near_hours()


def escalate_after_hours() -> float:
    return watch.default_escalate_after_hours()


def register_assignment_watch() -> None:
    watch.register_watched_case(WatchedCase(
        name=ASSIGNMENT, model="demands.Assignment",
        running=_running, values=("unit_id", "demand_id"),
        on_near=_notify_near, on_overdue=_notify_overdue, on_escalate=_escalate,
        near_hours=near_hours, escalate_after_hours=escalate_after_hours,
    ))


def deadline_watch(*, at=None, limit: int = 5000) -> dict:
    """The assignments' part of the periodic job (the job runs every registered case type)."""
    return watch.watch_case(watch.WATCHED[ASSIGNMENT], at=at, limit=limit)


def _running() -> Q:
    return Q(status__in=ACTIVE_STATUSES_ASSIGNMENT)


def _notify_near(rows, at) -> None:
    _notify(rows, kind="deadline_near", at=at)


def _notify_overdue(rows, at) -> None:
    _notify(rows, kind="deadline_over", at=at)


def _staff_by_unit(unit_ids) -> dict[int, list]:
    """The handlers and leaders of each unit (one query)."""
    users = {}
    pairs = (User.objects.filter(
        is_active=True, person__memberships__is_active=True,
        person__memberships__organization_id__in=unit_ids,
        person__memberships__role__in=(Role.HANDLER, Role.UNIT_LEADER))
        .values_list("pk", "person__memberships__organization_id"))
    by_unit = defaultdict(set)
    for user_pk, unit_id in pairs:
        by_unit[unit_id].add(user_pk)
        users[user_pk] = None
    objs = User.objects.in_bulk(list(users))
    return {unit: [objs[pk] for pk in pks] for unit, pks in by_unit.items()}


def _notify(rows, *, kind: str, at) -> None:
    if not rows:
        return
    from grassroots.demands.models import Demand
    from grassroots.demands.services.common import dispatcher_users
    from grassroots.orgs.models import Organization

    titles = dict(Demand.objects.filter(pk__in=[r["demand_id"] for r in rows])
                  .values_list("pk", "title"))
    units = Organization.objects.in_bulk({r["unit_id"] for r in rows})
    staff = _staff_by_unit(list(units))
    by_unit = defaultdict(list)
    for r in rows:
        by_unit[r["unit_id"]].append(r)
    title = (gettext_noop("%(n)s 件工单即将超时，请尽快办理") if kind == "deadline_near"
             else gettext_noop("%(n)s 件工单已超时，请尽快办理"))
    stamp = f"{at:%Y%m%d%H%M}"
    for unit_id, items in by_unit.items():
        lines = [Message(gettext_noop("%(title)s（时限 %(due)s）"),
                         title=titles.get(r["demand_id"], ""),
                         due=f"{timezone.localtime(r['due_at']):%m-%d %H:%M}")
                 for r in items[:10]]
        if len(items) > 10:
            lines.append(Message(gettext_noop("……共 %(n)s 件"), n=len(items)))
        notify(recipients=staff.get(unit_id, []), kind=kind,
               title=Message(title, n=len(items)), body=lines,
               url=f"/demands/?unit={unit_id}" + ("&overdue=1" if kind == "deadline_over" else ""),
               dedup_key=f"{kind}:{unit_id}:{stamp}:{items[0]['pk']}")
    if kind == "deadline_over":
        summary = [Message(gettext_noop("%(unit)s %(n)s 件"), unit=str(units[u]), n=len(v))
                   for u, v in by_unit.items()]
        notify(recipients=list(dispatcher_users()), kind=kind,
               title=Message(gettext_noop("%(n)s 件工单已超时"), n=len(rows)), body=summary,
               url="/demands/?overdue=1", dedup_key=f"{kind}:dispatch:{stamp}:{rows[0]['pk']}")


def _escalate(row, at) -> None:
    """Overdue beyond the configured working time → a drafted supervision notice (once; the
    kernel has claimed ``escalated_at`` in this transaction)."""
    from .notices import notice_draft_for_overdue

    a = Assignment.objects.select_related("demand", "unit").get(pk=row["pk"])
    notice_draft_for_overdue(assignment=a)
