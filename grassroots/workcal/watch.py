"""The deadline watch (periodic job ``deadline_watch``) for every registered case type.

A case type (a model with ``DeadlineClock`` and ``DeadlineWatchMarks``) registers itself from
its ``AppConfig.ready()`` with ``register_watched_case(WatchedCase(...))``: which rows have a
running deadline, what to do when a deadline is near or past (who is notified), and what to do
when it is long overdue (escalation). The watch then, per case type and per run:

1. reads the candidates with one indexed query on ``due_at``, **ordered by due time**, at most
   ``limit`` rows: deadlines near and not yet notified for this deadline, deadlines past and not
   yet notified, and deadlines past by at least the escalation's *working* time and not yet
   escalated (the bar is turned into a moment, ``escalate_before``, so a row overdue in clock
   hours but not yet in working hours is not read again and again);
2. claims each mark with a conditional update (``UPDATE … SET near_notified_for = due_at WHERE
   … IS DISTINCT … RETURNING id``, healthchecks-style): only the rows this run changed are its
   own, so running twice, or on two workers, sends nothing twice;
3. calls the case type's handlers with the claimed rows, inside the claiming transaction.

Every candidate it reads is claimable, so ``limit`` only spreads a backlog over runs; nothing
is starved (issue #25: unordered reads re-reading not-yet-escalatable rows claimed 1 of 1,000
new overdue assignments at 10 M rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import connection, models, transaction
from django.db.models import F, Q

from .services import add_working_hours, working_time_between

MARKS = ("near_notified_for", "overdue_notified_for", "escalated_at")


def default_near_hours() -> float:
    return float(getattr(settings, "GRASSROOTS_NEAR_DUE_HOURS", 2))


def default_escalate_after_hours() -> float:
    return float(getattr(settings, "GRASSROOTS_ESCALATE_AFTER_HOURS", 8))


@dataclass(frozen=True)
class WatchedCase:
    """One case type the deadline watch looks after.

    ``running()`` narrows to the rows whose deadline is running (their "active" states);
    ``values`` are extra columns the handlers need in each row dict (``pk`` and ``due_at`` are
    always there). ``on_near(rows, at)`` / ``on_overdue(rows, at)`` notify whoever must know;
    ``on_escalate(row, at)`` escalates one row (a drafted notice, a message to a leader …).
    A handler left ``None`` is a step this case type does not take.
    """

    name: str
    model: str  # "app_label.ModelName"
    running: Callable[[], Q]
    values: tuple[str, ...] = ()
    on_near: Callable[[list[dict], datetime], None] | None = None
    on_overdue: Callable[[list[dict], datetime], None] | None = None
    on_escalate: Callable[[dict, datetime], None] | None = None
    near_hours: Callable[[], float] = field(default=default_near_hours)
    escalate_after_hours: Callable[[], float] = field(default=default_escalate_after_hours)

    def get_model(self) -> type[models.Model]:
        return apps.get_model(self.model)


WATCHED: dict[str, WatchedCase] = {}


def register_watched_case(case: WatchedCase) -> None:
    """Register a case type (from ``AppConfig.ready()``); refuses a second registration of the
    same name and a model without the deadline fields, at start-up rather than at 3 a.m."""
    known = WATCHED.get(case.name)
    if known is not None and known != case:
        raise ImproperlyConfigured(f"deadline watch: case type {case.name!r} is registered twice")
    model = case.get_model()
    for name in ("due_at", *MARKS, *case.values):
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            raise ImproperlyConfigured(
                f"deadline watch: {case.model} has no field {name!r} (use DeadlineClock and "
                f"DeadlineWatchMarks from grassroots.workcal.deadlines)") from None
    WATCHED[case.name] = case


def deadline_watch(*, at=None, limit: int = 5000) -> dict[str, dict]:
    """The periodic job: every registered case type, ``{name: {"near": n, "overdue": n,
    "escalated": n}}``."""
    return {name: watch_case(case, at=at, limit=limit) for name, case in list(WATCHED.items())}


def escalate_before(at: datetime, hours: float) -> datetime | None:
    """The latest moment a deadline may have passed and be ``hours`` working hours overdue at
    ``at`` (to the second); None if no deadline within ten years is.

    Working time only grows the earlier the deadline, so a bisection over the work calendar
    (cached in the process, no query) finds it.
    """
    if hours <= 0:
        return at

    def enough(moment):
        return working_time_between(moment, at).hours >= hours

    step = timedelta(hours=hours)
    low = at - step
    while not enough(low):
        step *= 2
        if step > timedelta(days=3660):
            return None
        low = at - step
    high = at
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if enough(middle):
            low = middle
        else:
            high = middle
    return low


def _not_notified(mark: str) -> Q:
    # "not yet notified for this deadline" (NULL-safe: a new deadline means a new notice)
    return (Q(**{f"{mark}__isnull": True}) | Q(**{f"{mark}__lt": F("due_at")})
            | Q(**{f"{mark}__gt": F("due_at")}))


def watch_case(case: WatchedCase, *, at=None, limit: int = 5000) -> dict:
    from grassroots.core import clock

    at = at or clock.now()
    model = case.get_model()
    result = {"near": 0, "overdue": 0, "escalated": 0}
    near_until = add_working_hours(at, case.near_hours()).due_at if case.on_near else at
    wanted = Q(due_at__lt=at) & _not_notified("overdue_notified_for")
    if case.on_near:
        wanted |= Q(due_at__gte=at) & _not_notified("near_notified_for")
    bar = escalate_before(at, case.escalate_after_hours()) if case.on_escalate else None
    if bar is not None:
        wanted |= Q(due_at__lte=bar, escalated_at__isnull=True)
    candidates = list(
        model._default_manager.filter(due_at__isnull=False, due_at__lt=near_until)
        .filter(case.running()).filter(wanted)
        .order_by("due_at", "pk").values("pk", "due_at", *MARKS, *case.values)[:limit]
    )
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
            if bar is not None and row["escalated_at"] is None and row["due_at"] <= bar:
                escalate.append(row)
    if near:
        with transaction.atomic():
            claimed = _claim(model, near, "near_notified_for")
            if claimed:
                case.on_near(claimed, at)
            result["near"] = len(claimed)
    if over:
        with transaction.atomic():
            claimed = _claim(model, over, "overdue_notified_for")
            if claimed and case.on_overdue:
                case.on_overdue(claimed, at)
            result["overdue"] = len(claimed)
    limit_hours = case.escalate_after_hours()
    for row in escalate:
        # The bar is exact to the second; the row's own working time decides.
        if working_time_between(row["due_at"], at).hours < limit_hours:
            continue
        with transaction.atomic():
            changed = (model._default_manager.filter(pk=row["pk"], escalated_at__isnull=True)
                       .update(escalated_at=at))
            if changed != 1:
                continue
            case.on_escalate(row, at)
            result["escalated"] += 1
    return result


def _claim(model, rows, mark: str) -> list[dict]:
    """Claim rows with one conditional UPDATE per chunk; only the rows it changed are ours.

    ``UPDATE … RETURNING`` (PostgreSQL, SQLite ≥ 3.35) tells exactly which rows this run
    changed, so two runs at once never both notify the same deadline.
    """
    assert mark in ("near_notified_for", "overdue_notified_for")
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    pk = q(model._meta.pk.column)
    column = q(model._meta.get_field(mark).column)
    due = q(model._meta.get_field("due_at").column)
    by_pk = {r["pk"]: r for r in rows}
    claimed = []
    pks = list(by_pk)
    for i in range(0, len(pks), 500):
        chunk = pks[i:i + 500]
        marks = ", ".join(["%s"] * len(chunk))
        sql = (f"UPDATE {table} SET {column} = {due} WHERE {pk} IN ({marks}) "
               f"AND {due} IS NOT NULL AND ({column} IS NULL OR {column} <> {due}) "
               f"RETURNING {pk}")
        with connection.cursor() as cur:
            cur.execute(sql, chunk)
            claimed.extend(by_pk[found] for (found,) in cur.fetchall())
    return claimed
