"""The deadline watch (periodic job): near and overdue orders are notified once, long-overdue
ones are escalated to the supervision office as a drafted notice.

Every notification is claimed with a conditional update on the order's bookkeeping fields
(``near_notified_for`` / ``overdue_notified_for`` hold the deadline that was notified,
``escalated_at`` the escalation), so running the job twice, or on two workers, sends nothing
twice. When nothing is due the job is one indexed query on ``due_at``.
"""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from grassroots.core.i18n import Message
from grassroots.core.notifications import notify
from grassroots.core.scope import Role
from grassroots.demands.models import ACTIVE_STATUSES_ASSIGNMENT, Assignment
from grassroots.people.models import User
from grassroots.workcal.services import add_working_hours, working_time_between

from .common import now as clock_now

FIELDS = ("pk", "unit_id", "demand_id", "due_at", "near_notified_for", "overdue_notified_for",
          "escalated_at")


def near_hours() -> float:
    return float(getattr(settings, "GRASSROOTS_NEAR_DUE_HOURS", 2))


def escalate_after_hours() -> float:
    return float(getattr(settings, "GRASSROOTS_ESCALATE_AFTER_HOURS", 8))


def _not_notified(field: str) -> Q:
    # "not yet notified for this deadline" (NULL-safe: a new deadline means a new notice)
    return (Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": F("due_at")})
            | Q(**{f"{field}__gt": F("due_at")}))


def deadline_watch(*, at=None, limit: int = 5000) -> dict:
    at = at or clock_now()
    near_until = add_working_hours(at, near_hours()).due_at
    # An order can only have ``limit`` working hours overdue once that much wall time has passed.
    escalate_wall = at - timedelta(hours=escalate_after_hours())
    candidates = list(
        Assignment.objects.filter(due_at__isnull=False, due_at__lt=near_until,
                                  status__in=ACTIVE_STATUSES_ASSIGNMENT)
        .filter((Q(due_at__gte=at) & _not_notified("near_notified_for"))
                | (Q(due_at__lt=at) & _not_notified("overdue_notified_for"))
                | Q(due_at__lt=escalate_wall, escalated_at__isnull=True))
        .order_by().values(*FIELDS)[:limit]
    )
    result = {"near": 0, "overdue": 0, "escalated": 0}
    if not candidates:
        return result
    near, over, escalate = [], [], []
    for row in candidates:
        if row["due_at"] >= at:
            if row["near_notified_for"] != row["due_at"]:
                near.append(row)
        else:
            if row["overdue_notified_for"] != row["due_at"]:
                over.append(row)
            if row["escalated_at"] is None and row["due_at"] < escalate_wall:
                escalate.append(row)
    with transaction.atomic():
        claimed = _claim(near, "near_notified_for")
        _notify(claimed, kind="deadline_near", at=at)
        result["near"] = len(claimed)
    with transaction.atomic():
        claimed = _claim(over, "overdue_notified_for")
        _notify(claimed, kind="deadline_over", at=at)
        result["overdue"] = len(claimed)
    result["escalated"] = _escalate(escalate, at=at)
    return result


def _claim(rows, field: str) -> list[dict]:
    """Claim rows with one conditional UPDATE per chunk; only the rows it changed are ours.

    ``UPDATE … RETURNING`` (PostgreSQL, SQLite ≥ 3.35) tells exactly which rows this run
    changed, so two runs at once never both notify the same deadline.
    """
    from django.db import connection

    assert field in ("near_notified_for", "overdue_notified_for")
    table = Assignment._meta.db_table
    by_pk = {r["pk"]: r for r in rows}
    claimed = []
    pks = list(by_pk)
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        marks = ", ".join(["%s"] * len(chunk))
        sql = (f"UPDATE {table} SET {field} = due_at WHERE id IN ({marks}) "
               f"AND due_at IS NOT NULL AND ({field} IS NULL OR {field} <> due_at) RETURNING id")
        with connection.cursor() as cur:
            cur.execute(sql, chunk)
            claimed.extend(by_pk[pk] for (pk,) in cur.fetchall())
    return claimed


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


def _escalate(rows, *, at) -> int:
    """Overdue beyond the configured working time → a drafted supervision notice (once)."""
    from .notices import notice_draft_for_overdue

    limit = escalate_after_hours()
    escalated = 0
    for row in rows:
        # Pauses before the deadline already moved it; a paused order has no due_at.
        overdue_for = working_time_between(row["due_at"], at).hours
        if overdue_for < limit:
            continue
        with transaction.atomic():
            changed = Assignment.objects.filter(pk=row["pk"], escalated_at__isnull=True) \
                .update(escalated_at=at)
            if changed != 1:
                continue
            a = Assignment.objects.select_related("demand", "unit").get(pk=row["pk"])
            notice_draft_for_overdue(assignment=a)
            escalated += 1
    return escalated

