"""Reads of routine assessment, always scope-filtered; statistics computed in the database."""

from django.db.models import Avg, Count, F, Q

from grassroots.core.policy import require
from grassroots.core.scope import get_scope

from .models import (
    AssessmentField,
    ContactPoint,
    Grade,
    ItemEvent,
    Period,
    RoutineRecord,
    RoutineStatus,
)
from .models.scopes import head_unit_ids, is_authority

DONE = (RoutineStatus.FINAL,)


def records_mine(user):
    scope = get_scope(user)
    return (RoutineRecord.objects.filter(person_id=scope.person_id)
            .select_related("period", "unit").order_by("-period__year", "-period__quarter"))


def periods_for(user):
    return Period.objects.restrict(user).select_related("unit").order_by(
        "-year", "-quarter", "unit__code")


def period_records(user, period):
    """The unit's quarter table: the rows of the period the user may read."""
    return (RoutineRecord.objects.restrict(user).filter(period=period)
            .select_related("person", "section").order_by("section__name", "person__name"))


def grade_distribution(queryset) -> dict:
    """Counts by grade and the share of 好 among those graded, one aggregate query."""
    row = queryset.aggregate(
        total=Count("pk"),
        graded=Count("pk", filter=~Q(grade="")),
        final=Count("pk", filter=Q(status=RoutineStatus.FINAL)),
        **{g: Count("pk", filter=Q(grade=g)) for g in Grade.values})
    row["good_share"] = (row[Grade.GOOD] / row["total"]) if row["total"] else None
    row["completion"] = (row["final"] / row["total"]) if row["total"] else None
    return row


def county_grade_distribution(user, *, year: int, quarter: int) -> dict:
    """The county's grade distribution for a quarter (the authority's aggregate)."""
    require(user, "assessment.authority")
    return grade_distribution(RoutineRecord.objects.filter(period__year=year,
                                                           period__quarter=quarter))


def overdue_records(user, *, today):
    """Records past a deadline of their quarter and not yet at the step it asks for (the
    authority's overdue list; units see their own)."""
    late = (Q(status__in=[RoutineStatus.OPEN, RoutineStatus.LOGGING],
              period__self_summary_due__lt=today)
            | Q(status=RoutineStatus.SELF_SUMMARISED, period__review_due__lt=today)
            | Q(status=RoutineStatus.ASSESSED, period__approve_due__lt=today)
            | Q(status=RoutineStatus.APPROVED, period__feedback_due__lt=today))
    qs = RoutineRecord.objects.filter(late)
    if not is_authority(get_scope(user)):  # the authority sees every unit's overdue counts
        qs = qs.restrict(user)
    return qs.select_related("period", "unit").order_by("period__self_summary_due")


def overdue_by_unit(user, *, today):
    return (overdue_records(user, today=today).values("unit_id", "unit__name", "period__year",
                                                     "period__quarter")
            .annotate(n=Count("pk")).order_by("-n", "unit__name"))


def record_items(record):
    return ItemEvent.objects.filter(record=record).select_related("s1_event", "item")


def contact_points_for(user, *, year=None):
    qs = ContactPoint.objects.restrict(user).select_related("unit", "field", "contact_officer")
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(review_avg=Avg("reviews__score"), review_n=Count("reviews"))


def contact_points_by_field(user, *, year: int):
    return (AssessmentField.objects.annotate(
        n_points=Count("points", filter=Q(points__year=year)),
        review_avg=Avg("points__reviews__score", filter=Q(points__year=year)))
        .order_by("order"))


def share_of_negative_items(queryset):
    """Negative items by kind (manual items by their scheme item, S1 items by kind)."""
    return (ItemEvent.objects.filter(record__in=queryset, points__lt=0)
            .values(kind_label=F("kind")).annotate(n=Count("pk")).order_by("-n"))


def unit_s1_indicator(period) -> dict | None:
    """The common indicator of a handling unit for the quarter: S1's three rates (with their
    samples), its overdue orders (the one selector, supervision.stats.unit_stats) and the
    supervision notices issued to it in the quarter. None for a unit that handles no demands."""
    if not period.unit.is_handling_unit:
        return None
    from grassroots.supervision.models import SupervisionNotice
    from grassroots.supervision.stats import COUNTY_WIDE, unit_stats
    from grassroots.supervision.stats import Period as StatsPeriod

    from .services.routine import quarter_bounds
    from .services.s1 import _bounds

    start, end = quarter_bounds(period.year, period.quarter)
    stats = unit_stats(user=COUNTY_WIDE, period=StatsPeriod(start, end), previous=False)
    row = next((r for r in stats.rows if r["key"] == period.unit_id), None)
    lo, hi = _bounds(period.year, period.quarter)
    notices = SupervisionNotice.objects.filter(unit_id=period.unit_id, issued_at__gte=lo,
                                               issued_at__lt=hi).count()
    return {"rates": row["rates"] if row else None, "overdue": row["overdue"] if row else 0,
            "dispatched": row["dispatched"] if row else 0, "notices": notices}


def schemes_for(user, *, year=None):
    from .models import AssessmentScheme

    qs = AssessmentScheme.objects.restrict(user).select_related("unit", "approved_by")
    if year:
        qs = qs.filter(year=year)
    return qs.annotate(n_items=Count("items", distinct=True),
                       n_indicators=Count("indicators", distinct=True)).order_by(
        "unit__code", "-year", "-version")


def scheme_versions(scheme):
    from .models import AssessmentScheme

    return AssessmentScheme.objects.filter(unit_id=scheme.unit_id, year=scheme.year).order_by(
        "-version")


def annuals_for(user, *, year: int | None = None):
    from .models import AnnualAssessment

    qs = AnnualAssessment.objects.restrict(user)
    return ((qs.filter(year=year) if year else qs)
            .select_related("person", "unit", "section").order_by("unit__code", "person__name"))


def quotas_for(user, *, year: int | None = None):
    """The year's (or every year's) quotas in scope with the excellent grades decided and
    recommended against the slots (counted in the database)."""
    from django.db.models import OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from .models import AnnualAssessment, AnnualGrade, QuotaAllocation

    def count(**flt):
        return Coalesce(Subquery(
            AnnualAssessment.objects.filter(unit_id=OuterRef("unit_id"), year=OuterRef("year"),
                                            **flt).order_by().values("unit_id")
            .annotate(n=Count("pk")).values("n")[:1]), 0)

    qs = QuotaAllocation.objects.restrict(user)
    if year:
        qs = qs.filter(year=year)
    return (qs.select_related("unit")
            .annotate(excellent=count(final_grade=AnnualGrade.EXCELLENT),
                      recommended=count(recommended_grade=AnnualGrade.EXCELLENT))
            .order_by("unit__code", "-year"))


def result_uses_for(user, *, year: int | None = None):
    from .models import AnnualAssessment, ResultUse

    annuals = AnnualAssessment.objects.restrict(user)
    return (ResultUse.objects.filter(annual__in=annuals.filter(year=year) if year else annuals)
            .select_related("annual__person", "annual__unit", "recorded_by")
            .order_by("-recorded_on", "-pk"))


def county_year_by_unit(user, *, year: int) -> list[dict]:
    """Completion and 好 by unit for a year (the authority's aggregate, one query)."""
    require(user, "assessment.authority")
    return list(RoutineRecord.objects.filter(period__year=year).values("unit_id", "unit__name")
                .annotate(total=Count("pk"), final=Count("pk", filter=Q(status=RoutineStatus.FINAL)),
                          good=Count("pk", filter=Q(grade=Grade.GOOD)))
                .order_by("unit__name"))


def managed_unit(user, unit_id: int, *, authority: bool = False):
    """The unit ``unit_id`` when the user runs its assessment (its head or committee, or the
    administrator; with ``authority`` the county authority for any unit): the same 404 for a
    unit that does not exist and one that is not his."""
    from django.http import Http404
    from django.utils.translation import gettext as _

    from grassroots.orgs.models import Organization

    scope = get_scope(user)
    units = Organization.objects.filter(pk=unit_id)
    if not (scope.is_admin or (authority and is_authority(scope))):
        units = units.filter(pk__in=head_unit_ids(scope))
    unit = units.first()
    if unit is None:
        raise Http404(_("未找到"))
    return unit
