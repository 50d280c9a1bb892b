"""/api/v1/talent: title applications and statistics, scope-filtered as the pages.

An applicant reads his own file (scores only once the results are publicised); an expert the
applications assigned to him; a town those of its talents; the county bodies all."""

from datetime import date
from decimal import Decimal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import Pages
from grassroots.api.schemas import ErrorOut
from grassroots.api.types import Id
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user

from . import selectors
from .models import Application, ApplicationStatus

router = Router(tags=["talent"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut,
          429: ErrorOut}
SCORES_SHOWN = (ApplicationStatus.PUBLICISED, ApplicationStatus.AWARDED,
                ApplicationStatus.SUBSIDISED)



class ApplicationOut(Schema):
    id: int
    round_id: int
    year: int
    applicant: str
    town: str
    level: str
    specialty: str
    status: str
    status_label: str
    reason: str
    composite_score: Decimal | None
    certificate_no: str

    @staticmethod
    def resolve_year(obj):
        return obj.round.year

    @staticmethod
    def resolve_applicant(obj):
        return obj.talent.person.name

    @staticmethod
    def resolve_town(obj):
        return obj.town.name

    @staticmethod
    def resolve_level(obj):
        return obj.level.name

    @staticmethod
    def resolve_specialty(obj):
        return obj.specialty.name

    @staticmethod
    def resolve_status_label(obj):
        return str(obj.get_status_display())

    @staticmethod
    def resolve_composite_score(obj, context):
        user = context["request"].user
        if obj.status in SCORES_SHOWN or obj.talent.person_id != getattr(
                getattr(user, "person", None), "pk", None):
            return obj.composite_score
        return None

    @staticmethod
    def resolve_certificate_no(obj):
        award = getattr(obj, "award", None)
        return award.certificate_no if award else ""


class FilterIn(Schema):
    status: ApplicationStatus | None = None
    year: int | None = Field(None, ge=2000, le=2100)


class StatisticsOut(Schema):
    pass_rates: list[dict]
    subsidies: dict
    holders_by_town: list[dict]
    holders_later: dict
    on: date


def _visible(request):
    return (Application.objects.restrict(request.user)
            .select_related("round", "talent__person", "town", "level", "specialty", "award"))


@router.get("/applications", response={200: list[ApplicationOut], **ERRORS},
            summary="职称申报列表")
@paginate(Pages)
def application_list(request, filters: Query[FilterIn]):
    qs = _visible(request)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.year:
        qs = qs.filter(round__year=filters.year)
    return qs


@router.get("/applications/{application_id}", response={200: ApplicationOut, **ERRORS},
            summary="职称申报详情")
def application_detail(request, application_id: Id):
    return get_for_user(_visible(request), request.user, application_id)


@router.get("/statistics", response={200: StatisticsOut, **ERRORS}, summary="职称评审统计")
def statistics(request):
    require(request.user, "talent.pages")
    visible = Application.objects.restrict(request.user)
    from .services.common import today

    return {"pass_rates": selectors.pass_rates(visible),
            "subsidies": selectors.subsidy_totals(visible),
            "holders_by_town": selectors.holders_by_town(visible),
            "holders_later": selectors.holders_later(visible), "on": today()}


# Sci-tech posts, training bases and incubation cases (their own module, the same router).
from .api_programmes import register  # noqa: E402

register(router, Pages, ERRORS)
