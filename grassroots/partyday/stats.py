"""Statistics of theme party days: one selector per figure, each one query computed in the
database, all scope-filtered (definitions in docs/partyday.md)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from grassroots.demands.models import Assignment, Demand, DemandStatus
from grassroots.meetings.models import AttendanceRole, MeetingAttendance
from grassroots.party.models import BRANCH_KINDS, OrgField, PartyOrganisation

from .models import (
    DOWNWARD_KINDS,
    HELD_STATUSES,
    Invitation,
    InviteeKind,
    Lecture,
    LecturerKind,
    MenuLevel,
    ThemePartyDay,
)
from .models_registers import (
    ADOPTED_DECISIONS,
    DemonstrationSite,
    SiteStatus,
    Suggestion,
    SuggestionKind,
)

ORIGIN = "partyday"
# village (and community) branches: the ones expected to invite downwards
VILLAGE_FIELDS = (OrgField.RURAL, OrgField.URBAN_COMMUNITY)


def rate(num, den) -> dict:
    num, den = num or 0, den or 0
    return {"num": num, "den": den, "rate": round(100 * num / den, 1) if den else None}


def month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _branches(user, town_id=None):
    qs = PartyOrganisation.objects.restrict(user).filter(kind__in=BRANCH_KINDS, is_active=True)
    return qs if town_id is None else qs.filter(division__town_id=town_id)


def _days(user, first: date, last: date):
    return ThemePartyDay.objects.restrict(user).filter(month__gte=first, month__lte=last)


def _held_in(month: date):
    return ThemePartyDay.objects.filter(branch_id=OuterRef("pk"), month=month,
                                        status__in=HELD_STATUSES)


def holding_rate(user, month: date, town_id=None) -> dict:
    """Branches with a held theme day in ``month`` ÷ active branches (one query)."""
    agg = _branches(user, town_id).aggregate(
        den=Count("pk"), num=Count("pk", filter=Q(Exists(_held_in(month)))))
    return rate(agg["num"], agg["den"])


def not_held(user, month: date, town_id):
    """The town's active branches with no held theme day in ``month``."""
    return (_branches(user, town_id).filter(~Exists(_held_in(month)))
            .only("pk", "name", "secretary_id").order_by("path"))


def attendance_rate(user, first: date, last: date) -> dict:
    """Members present ÷ members obliged (full and probationary, approved leave excluded), at
    held theme days."""
    days = _days(user, first, last).filter(status__in=HELD_STATUSES)
    agg = (MeetingAttendance.objects
           .filter(meeting__theme_day__in=days, leave_approved=False,
                   role__in=(AttendanceRole.MEMBER, AttendanceRole.PROBATIONARY))
           .aggregate(den=Count("pk"), num=Count("pk", filter=Q(present=True))))
    return rate(agg["num"], agg["den"])


def downward_participation(user, first: date, last: date) -> dict:
    """Held theme days of village branches with ≥1 mass representative or activist present ÷
    held theme days of village branches."""
    present = Invitation.objects.filter(theme_day_id=OuterRef("pk"), attended=True,
                                        kind__in=DOWNWARD_KINDS)
    agg = (_days(user, first, last)
           .filter(status__in=HELD_STATUSES, branch__field__in=VILLAGE_FIELDS)
           .aggregate(den=Count("pk"), num=Count("pk", filter=Q(Exists(present)))))
    return rate(agg["num"], agg["den"])


def upward_attendance(user, first: date, last: date) -> dict:
    """Person-times: county organisation-department staff and village secretaries present at
    the town secretaries' branches (one query)."""
    return (Invitation.objects.restrict(user)
            .filter(theme_day__month__gte=first, theme_day__month__lte=last, attended=True)
            .aggregate(county_staff=Count("pk", filter=Q(kind=InviteeKind.COUNTY_STAFF)),
                       village_secretaries=Count(
                           "pk", filter=Q(kind=InviteeKind.VILLAGE_SECRETARY))))


def _suggestions(user, first: date, last: date):
    return Suggestion.objects.restrict(user).filter(theme_day__month__gte=first,
                                                    theme_day__month__lte=last)


def adoption_rate(user, first: date, last: date) -> dict:
    """合理化建议 adopted or partly adopted ÷ 合理化建议 decided."""
    agg = (_suggestions(user, first, last).filter(kind=SuggestionKind.RATIONAL)
           .exclude(decision="")
           .aggregate(den=Count("pk"), num=Count("pk", filter=Q(decision__in=ADOPTED_DECISIONS))))
    return rate(agg["num"], agg["den"])


def feedback_rate(user, first: date, last: date) -> dict:
    """Suggestions answered by their feedback date (the end of the month after the theme
    day's month) ÷ suggestions recorded."""
    from django.db.models import F

    agg = _suggestions(user, first, last).aggregate(
        den=Count("pk"),
        num=Count("pk", filter=Q(answered_at__isnull=False,
                                 answered_at__date__lte=F("feedback_due_on"))))
    return rate(agg["num"], agg["den"])


def _demands(user, first: date, last: date):
    days = _days(user, first, last).values("pk")
    return Demand.objects.filter(origin_type=ORIGIN, origin_id__in=days)


def demand_closure(user, first: date, last: date) -> dict:
    """Theme-day demands closed ÷ created (one query)."""
    agg = _demands(user, first, last).aggregate(
        den=Count("pk"), num=Count("pk", filter=Q(status=DemandStatus.CLOSED)))
    return rate(agg["num"], agg["den"])


def demand_three_rates(user, first: date, last: date) -> dict:
    """S1's three rates restricted to theme-day demands: response = lead assignments
    acknowledged in time ÷ lead assignments; resolution = demands closed resolved or partly
    resolved ÷ demands; satisfaction = satisfied or basically satisfied ÷ followed up."""
    demands = _demands(user, first, last)
    resp = (Assignment.objects.filter(demand__in=demands.values("pk"), role="lead")
            .aggregate(den=Count("pk"), num=Count("pk", filter=Q(
                acknowledged_at__isnull=False, acknowledged_late=False))))
    res = demands.aggregate(
        den=Count("pk"),
        num=Count("pk", filter=Q(status=DemandStatus.CLOSED,
                                 outcome__in=("resolved", "partly"))),
        sat_den=Count("pk", filter=~Q(satisfaction="") & ~Q(satisfaction="no_response")),
        sat_num=Count("pk", filter=Q(satisfaction__in=("satisfied", "basically"))))
    return {"response": rate(resp["num"], resp["den"]),
            "resolution": rate(res["num"], res["den"]),
            "satisfaction": rate(res["sat_num"], res["sat_den"])}


def lectures_by_kind(user, first: date, last: date) -> list[dict]:
    labels = dict(LecturerKind.choices)
    rows = (Lecture.objects.restrict(user)
            .filter(theme_day__month__gte=first, theme_day__month__lte=last)
            .values("lecturer_kind").annotate(n=Count("pk")).order_by("lecturer_kind"))
    return [{**r, "label": labels.get(r["lecturer_kind"], r["lecturer_kind"])} for r in rows]


def menu_usage(user, first: date, last: date) -> list[dict]:
    """Items chosen for theme days, by the level the item originates from."""
    labels = dict(MenuLevel.choices)
    through = ThemePartyDay.menu_items.through
    rows = (through.objects.filter(themepartyday__in=_days(user, first, last).values("pk"))
            .values("menuitem__origin").annotate(n=Count("pk")).order_by("menuitem__origin"))
    return [{"origin": r["menuitem__origin"], "label": labels.get(r["menuitem__origin"], ""),
             "n": r["n"]} for r in rows]


def sites_by_kind(user) -> list[dict]:
    return list(DemonstrationSite.objects.restrict(user)
                .filter(status__in=(SiteStatus.NAMED, SiteStatus.REVIEWED, SiteStatus.KEPT))
                .values("kind").annotate(n=Count("pk")).order_by("kind"))


def monthly_by_town(user, month: date) -> list[dict]:
    """The monthly table by town: branches, held, holding rate, invitees present by direction,
    suggestions — two grouped queries (branches; theme days), joined by town."""
    branches = (_branches(user).values("division__town_id", "division__town__name")
                .annotate(branches=Count("pk"), held=Count("pk", filter=Q(Exists(_held_in(month)))))
                .order_by("division__town__name"))
    days = (ThemePartyDay.objects.restrict(user).filter(month=month, status__in=HELD_STATUSES)
            .values("town_id").annotate(
                downward=Coalesce(Sum(_count_sub(DOWNWARD_KINDS)), 0),
                county=Coalesce(Sum(_count_sub((InviteeKind.COUNTY_STAFF,))), 0),
                suggestions=Coalesce(Sum(_suggestion_sub()), 0)))
    by_town = {d["town_id"]: d for d in days}
    rows = []
    for b in branches:
        d = by_town.get(b["division__town_id"], {})
        rows.append({"town_id": b["division__town_id"],
                     "town": b["division__town__name"] or "—", "branches": b["branches"],
                     "held": b["held"], "holding": rate(b["held"], b["branches"]),
                     "downward": d.get("downward", 0), "county": d.get("county", 0),
                     "suggestions": d.get("suggestions", 0)})
    return rows


def _count_sub(kinds):
    from django.db.models import IntegerField, Subquery
    from django.db.models.functions import Coalesce as C

    sub = (Invitation.objects.filter(theme_day_id=OuterRef("pk"), attended=True, kind__in=kinds)
           .values("theme_day_id").annotate(n=Count("pk")).values("n"))
    return C(Subquery(sub, output_field=IntegerField()), 0)


def _suggestion_sub():
    from django.db.models import IntegerField, Subquery

    sub = (Suggestion.objects.filter(theme_day_id=OuterRef("pk")).values("theme_day_id")
           .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(sub, output_field=IntegerField()), 0)


def missing_months(branch, year: int, today: date) -> list[date]:
    """Periods of ``year`` up to ``today``'s month with no theme day planned (flagged), each
    given by its first month. A period is ``life.theme_day_months`` months of the "party.org"
    rule set in force (1: every month, [S5] art. 16), counted from January."""
    from .rules import theme_day_months

    last = today.month if today.year == year else 12
    every = theme_day_months(date(year, last, 1))
    have = {m.month for m in ThemePartyDay.objects.filter(branch=branch, month__year=year)
            .values_list("month", flat=True)}
    return [date(year, start, 1) for start in range(1, last + 1, every)
            if not have & set(range(start, start + every))]
