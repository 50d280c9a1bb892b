"""Reads, always scope-filtered (the models' ``restrict()``)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import (
    FunctionRoom,
    InstructorVisit,
    ParkEntry,
    RedTeamMember,
    RoomBooking,
    SyncTask,
    TeamProblem,
    TwoNewOrg,
    WorkerMatter,
)
from .models.entry import EntryStatus
from .models.teams import ProblemStatus


def orgs_for(user, *, park=None, status: str = "", mode: str = "", q: str = ""):
    qs = TwoNewOrg.objects.restrict(user).select_related("park", "division", "party_org",
                                                         "instructor__person")
    if park:
        qs = qs.filter(park_id=park)
    if status:
        qs = qs.filter(operating_status=status)
    if mode:
        qs = qs.filter(coverage_mode=mode)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(credit_code__icontains=q))
    return qs


def entries_for(user, *, status: str = "", overdue_on: date | None = None):
    qs = ParkEntry.objects.restrict(user).select_related("org", "park", "party_org")
    if status:
        qs = qs.filter(status=status)
    if overdue_on is not None:
        qs = qs.filter(pk__in=SyncTask.objects.overdue(overdue_on).values("entry_id"))
    return qs


def overdue_tasks(user, today: date):
    """Open sync tasks past due — listed for the two-new working committee."""
    return (SyncTask.objects.restrict(user).overdue(today)
            .select_related("entry__org", "entry__park").order_by("due_on"))


def open_entries(user):
    return ParkEntry.objects.restrict(user).exclude(
        status__in=(EntryStatus.COMPLETE, EntryStatus.WITHDRAWN))


def visits_for(user, org=None):
    qs = InstructorVisit.objects.restrict(user).select_related("org", "instructor__person")
    return qs.filter(org=org) if org is not None else qs


def problems_for(user, *, status: str = ""):
    qs = TeamProblem.objects.restrict(user).select_related("team__org", "team__kind")
    return qs.filter(status=status) if status else qs


def matters_for(user, *, status: str = ""):
    qs = WorkerMatter.objects.restrict(user).select_related("org")
    return qs.filter(status=status) if status else qs



def room_usage(user, *, start: date, end: date):
    """Bookings per room per month (one query)."""
    return list(RoomBooking.objects.restrict(user).active()
                .filter(starts_at__date__gte=start, starts_at__date__lte=end)
                .annotate(month=TruncMonth("starts_at"))
                .values("room_id", "room__name", "month")
                .annotate(bookings=Count("pk")).order_by("room__name", "month"))


def problems_summary(user):
    """Problems by red-team kind and status (one query)."""
    return list(TeamProblem.objects.restrict(user).values("team__kind__name", "status")
                .annotate(n=Count("pk"), benefit=Sum("benefit_yuan"))
                .order_by("team__kind__name", "status"))


def week_calendar(user, *, monday: date) -> dict:
    """The centre's week: for each room in scope, the active bookings of each of the seven days
    from ``monday`` (local time; one query for the rooms and one for the bookings)."""
    days = [monday + timedelta(days=i) for i in range(7)]
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(monday, time.min), tz)
    end = start + timedelta(days=7)
    rooms = list(FunctionRoom.objects.restrict(user).select_related("zone__centre")
                 .order_by("zone__centre__name", "zone__name", "name"))
    cells = {(r.pk, d): [] for r in rooms for d in days}
    for b in (RoomBooking.objects.restrict(user).active()
              .filter(room__in=rooms, starts_at__lt=end, ends_at__gt=start)
              .select_related("host").order_by("starts_at")):
        local_start = timezone.localtime(b.starts_at, tz)
        local_end = timezone.localtime(b.ends_at, tz)
        for d in days:  # a booking over midnight shows on each day it touches
            if local_start.date() <= d <= local_end.date() and (b.room_id, d) in cells:
                cells[(b.room_id, d)].append(b)
    return {"days": days,
            "rows": [(r, [cells[(r.pk, d)] for d in days]) for r in rooms]}


def red_team_point_rows(start: date, end: date):
    """S2's "1+4" points source ``s6_red_team``: one row per party member of a red team and per
    problem his team solved between ``start`` and ``end`` (one query; the member is today's
    active party member of the person, not what was known when the team was formed)."""
    rows = (RedTeamMember.objects
            .filter(team__problems__status=ProblemStatus.SOLVED,
                    team__problems__solved_on__gte=start, team__problems__solved_on__lte=end,
                    person__party_member__is_active=True)
            .values("person__party_member__id", "team__problems__pk", "team__problems__title",
                    "team__problems__solved_on", "team__name")
            .order_by("team__problems__solved_on", "team__problems__pk"))
    for r in rows:
        yield {"member_id": r["person__party_member__id"], "source_kind": "twonew_problem",
               "source_id": r["team__problems__pk"],
               "source_label": f"{r['team__name']}：{r['team__problems__title']}",
               "occurred_on": r["team__problems__solved_on"]}
