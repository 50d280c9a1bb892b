"""Pages for schemes (versions), annual assessments, quotas (优秀 slots), uses of results
(三挂钩) and the documents of §7.6 not served by views.py. Thin: services decide (policy,
transitions, rule sets), selectors read scope-filtered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import BadValue, parse_date, parse_int
from grassroots.core.policy import can, require
from grassroots.core.scope import get_scope
from grassroots.core.selectors import get_for_user

from . import documents, selectors
from .models import (
    AnnualAssessment,
    AnnualGrade,
    AssessmentScheme,
    ContactPoint,
    IndicatorKind,
    Polarity,
    QuotaAllocation,
    ResultUseKind,
    RoutineRecord,
    SchemeKind,
)
from .models.scopes import head_unit_ids
from .services import annual as annual_svc
from .services import scheme as scheme_svc
from .services.common import today
from .transitions import ANNUAL_TABLE, AnnualAction, Who


def _error(exc) -> ApplicationError:
    return ApplicationError(exc.message) if isinstance(exc, BadValue) else exc


def posted_unit(request, *, field="unit"):
    from grassroots.orgs.models import Organization

    unit = Organization.objects.filter(pk=parse_int(request.POST.get(field))).first()
    if unit is None:
        raise ApplicationError("请选择单位。", field=field)
    return unit


def _my_units(request):
    from grassroots.orgs.models import Organization

    return Organization.objects.filter(pk__in=head_unit_ids(get_scope(request.user)))


def _docx(content: bytes, name: str):
    return download_response(content, name, MIME["docx"])


# --- the year lists: one declared table read by one view ------------------------------------

def year_of(request) -> int:
    """The year a list shows: ``?year=`` (ASCII digits, 2000–2999) or, when a form was posted
    and refused, the form's year when it is one; else this year."""
    raw = (request.GET if request.method == "GET" else request.POST).get("year") or ""
    if raw.isascii() and raw.isdigit() and 2000 <= int(raw) <= 2999:
        return int(raw)
    return today().year


def _quota_form(request, year) -> dict:
    from grassroots.orgs.models import Organization, OrganizationKind

    authority = can(request.user, "assessment.quota")
    return {"is_authority": authority,
            "units": Organization.objects.filter(kind=OrganizationKind.DEPARTMENT).order_by(
                "code") if authority else ()}


def _field_table(request, year) -> dict:
    return {"fields": selectors.contact_points_by_field(request.user, year=year)
            if can(request.user, "assessment.authority") else None}


@dataclass(frozen=True)
class YearList:
    """One list page of a year: its template, the policy rule asked first (outsiders get the
    404 of a missing page), the selector of its rows (``rows(user, year=)``, scope-filtered),
    their name in the template and bound, and what else its form needs."""

    template: str
    permission: str
    rows: Callable
    name: str
    limit: int | None = 500
    extra: Callable = lambda request, year: {}  # noqa: E731
    my_units: bool = False  # the units the user runs the assessment of (the page's form)


YEAR_LISTS = {
    "schemes": YearList("assessment/schemes.html", "assessment.unit_pages", selectors.schemes_for,
                        "schemes", 300, lambda request, year: {"kinds": SchemeKind.choices},
                        my_units=True),
    "annuals": YearList("assessment/annuals.html", "assessment.pages", selectors.annuals_for,
                        "annuals", my_units=True),
    "uses": YearList("assessment/uses.html", "assessment.pages", selectors.result_uses_for,
                     "uses"),
    "quotas": YearList("assessment/quotas.html", "assessment.unit_pages", selectors.quotas_for,
                       "quotas", None, _quota_form),
    "contact_points": YearList("assessment/contact_points.html", "assessment.unit_pages",
                               selectors.contact_points_for, "points", None, _field_table),
}


def year_list_page(request, kind: str, *, status: int = 200, **more):
    page = YEAR_LISTS[kind]
    year = year_of(request)
    rows = page.rows(request.user, year=year)
    return render(request, page.template, {
        "year": year, page.name: rows[:page.limit] if page.limit else rows,
        "my_units": _my_units(request) if page.my_units else (),
        **page.extra(request, year), **more}, status=status)


@login_required
def year_list(request, kind: str):
    require(request.user, YEAR_LISTS[kind].permission)
    return year_list_page(request, kind)


def form_year(request) -> int:
    year = parse_int(request.POST.get("year"), maximum=2999) or 0
    if not 2000 <= year <= 2999:
        raise ApplicationError("请填写年度。", field="year")
    return year


def _scheme_new(request, unit, year):
    post = request.POST
    require(request.user, "assessment.manage_unit", unit)
    effective_from = parse_date(post.get("effective_from"))
    if effective_from is None:
        raise ApplicationError("请填写施行日期。", field="effective_from")
    scheme = scheme_svc.scheme_create(
        actor=request.user, unit=unit, year=year, kind=post.get("kind", ""),
        title=post.get("title", ""), effective_from=effective_from,
        items=parse_rows(post.get("items", ""), ITEM_LINE),
        indicators=parse_rows(post.get("indicators", ""), INDICATOR_LINE))
    return reverse("assessment:scheme", args=[scheme.pk])


def _annual_collect(request, unit, year):
    annual_svc.annual_collect(actor=request.user, unit=unit, year=year)
    return reverse("assessment:annuals") + f"?year={year}"


def _quota_decide(request, unit, year):
    quota = annual_svc.quota_decide(actor=request.user, unit=unit, year=year,
                                    uplift=request.POST.get("uplift", ""))
    return reverse("assessment:quota", args=[quota.pk])


@dataclass(frozen=True)
class YearForm:
    """A unit-and-year form posted from a year list: the list re-shown with a refusal, the
    rule asked before the unit is read (besides the page's), and the step, which returns
    where to go."""

    page: str
    act: Callable
    permission: str = ""


YEAR_FORMS = {
    "scheme_new": YearForm("schemes", _scheme_new),
    "annual_collect": YearForm("annuals", _annual_collect),
    "quota_decide": YearForm("quotas", _quota_decide, "assessment.quota"),
}


@login_required
@require_POST
def year_form(request, form: str):
    step = YEAR_FORMS[form]
    require(request.user, "assessment.unit_pages")
    try:
        if step.permission:
            require(request.user, step.permission)
        where = step.act(request, posted_unit(request), form_year(request))
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        return year_list_page(request, step.page, status=error.status_code,
                              error=error.message, posted=request.POST)
    return redirect(where)


# --- schemes ---------------------------------------------------------------------------------

POLARITY_WORDS = {"正": Polarity.POSITIVE, "负": Polarity.NEGATIVE, "+": Polarity.POSITIVE,
                  "-": Polarity.NEGATIVE}
KIND_WORDS = {"共性": IndicatorKind.COMMON, "个性": IndicatorKind.INDIVIDUAL,
              "突发": IndicatorKind.ADHOC, "突发性": IndicatorKind.ADHOC,
              **{k.value: k for k in IndicatorKind}}


@dataclass(frozen=True)
class LineFormat:
    """One row a line, cells split by ``|``: the first cell a word of ``words``, at least
    ``required`` cells, up to ``keys``; the message names the line."""

    words: dict
    keys: tuple[str, ...]
    required: int
    field: str
    message: str


ITEM_LINE = LineFormat(POLARITY_WORDS, ("polarity", "text", "points", "cap", "evidence"), 3,
                       "items", "清单第{n}行格式应为“正|事项|分值|季度上限|佐证材料”。")
INDICATOR_LINE = LineFormat(KIND_WORDS, ("kind", "text", "weight", "scoring_rule",
                                         "target_posts"), 4,
                            "indicators", "指标第{n}行格式应为“共性|指标|权重|评分规则|适用岗位”。")


def parse_rows(text: str, fmt: LineFormat) -> list[dict]:
    """``正|事项|分值|季度上限|佐证材料`` (items) or ``共性|指标|权重|评分规则|适用岗位``
    (indicators), one a line; the optional cells may be left out."""
    rows = []
    lines = [line for line in (text or "").splitlines() if line.strip()]
    for n, line in enumerate(lines, 1):
        cells = [c.strip() for c in line.replace("｜", "|").split("|")]
        if len(cells) < fmt.required or cells[0] not in fmt.words:
            raise ApplicationError(fmt.message.format(n=n), field=fmt.field)
        cells += [""] * (len(fmt.keys) - len(cells))
        rows.append({**dict(zip(fmt.keys, cells, strict=False)), fmt.keys[0]: fmt.words[cells[0]]})
    return rows


def _scheme(request, pk):
    require(request.user, "assessment.unit_pages")
    return get_for_user(AssessmentScheme.objects.select_related("unit", "approved_by"),
                        request.user, pk)


def _scheme_page(request, scheme, *, status=200, **more):
    return render(request, "assessment/scheme.html", {
        "scheme": scheme, "items": scheme.items.select_related("section"),
        "indicators": scheme.indicators.all(), "versions": selectors.scheme_versions(scheme),
        "may_manage": can(request.user, "assessment.manage_unit", scheme.unit), **more},
        status=status)


@login_required
def scheme_detail(request, pk):
    return _scheme_page(request, _scheme(request, pk))


@login_required
@require_POST
def scheme_approve(request, pk):
    scheme = _scheme(request, pk)
    try:
        scheme_svc.scheme_approve(actor=request.user, scheme=scheme)
    except ApplicationError as exc:
        return _scheme_page(request, scheme, status=exc.status_code, error=exc.message)
    return redirect("assessment:scheme", pk=scheme.pk)


@login_required
def scheme_items_doc(request, pk):
    scheme = _scheme(request, pk)
    return _docx(documents.item_list(scheme, list(scheme.items.select_related("section"))),
                 f"正负面清单-{scheme.unit}-{scheme.year}-v{scheme.version}.docx")


@login_required
def scheme_indicators_doc(request, pk):
    scheme = _scheme(request, pk)
    return _docx(documents.indicator_table(scheme, list(scheme.indicators.all())),
                 f"考核指标体系表-{scheme.unit}-{scheme.year}-v{scheme.version}.docx")


# --- annual assessments ----------------------------------------------------------------------

def _annual(request, pk):
    return get_for_user(AnnualAssessment.objects.select_related("person", "unit", "section",
                                                                "rule_set"), request.user, pk)


def _annual_context(request, annual, **more):
    from .services.excellent import excellent_gate

    whos = ANNUAL_TABLE.who_of(request.user, annual)
    can_do = {a: any(ANNUAL_TABLE.find(annual.status, a, w) for w in whos)
              for a in AnnualAction.values}
    return {"annual": annual, "whos": whos, "can": can_do,
            "uses": annual.uses.select_related("recorded_by"),
            "may_use": can(request.user, "assessment.record_use", annual),
            "gate": excellent_gate(annual) if (
                can_do[AnnualAction.DECIDE]
                and annual.recommended_grade == AnnualGrade.EXCELLENT) else "",
            "grades": [(v, label) for v, label in AnnualGrade.choices
                       if v != AnnualGrade.UNDETERMINED],
            "use_kinds": ResultUseKind.choices, "Who": Who, **more}


@login_required
def annual_detail(request, pk):
    require(request.user, "assessment.pages")
    annual = _annual(request, pk)
    return render(request, "assessment/annual.html", _annual_context(request, annual))


@login_required
@require_POST
def annual_act(request, pk):
    require(request.user, "assessment.pages")
    annual = _annual(request, pk)
    try:
        annual_svc.annual_act(actor=request.user, annual=annual,
                              action=request.POST.get("action", ""), data=request.POST)
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        annual = _annual(request, pk)
        return render(request, "assessment/annual.html", _annual_context(
            request, annual, error=error.message, posted=request.POST), status=error.status_code)
    return redirect("assessment:annual", pk=annual.pk)


@login_required
def annual_form(request, pk):
    require(request.user, "assessment.pages")
    annual = _annual(request, pk)
    return _docx(documents.annual_form(annual, list(annual.uses.all())),
                 f"年度考核登记表-{annual.person.name}-{annual.year}.docx")


# --- quotas and the excellent list's publicity -------------------------------------------------

def _quota(request, pk):
    require(request.user, "assessment.unit_pages")
    return get_for_user(QuotaAllocation.objects.select_related("unit"), request.user, pk)


def _quota_context(request, quota, **more):
    from grassroots.publicity.gate import publicity_of

    listed = (AnnualAssessment.objects.restrict(request.user)
              .filter(unit_id=quota.unit_id, year=quota.year,
                      recommended_grade=AnnualGrade.EXCELLENT)
              .select_related("person", "section").order_by("person__name"))
    from .services.excellent import publicity_pending

    publicity = publicity_of(quota)
    return {"quota": quota, "listed": listed, "publicity": publicity,
            "may_publicise": can(request.user, "assessment.publicise", quota.unit)
            and publicity_pending(publicity), **more}


@login_required
def quota_detail(request, pk):
    quota = _quota(request, pk)
    return render(request, "assessment/quota.html", _quota_context(request, quota))


@login_required
@require_POST
def quota_publicise(request, pk):
    from .services.excellent import excellent_publicise

    quota = _quota(request, pk)
    try:
        excellent_publicise(actor=request.user, unit=quota.unit, year=quota.year,
                            contact_phone=request.POST.get("contact_phone", ""))
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        return render(request, "assessment/quota.html", _quota_context(
            request, quota, error=error.message), status=error.status_code)
    return redirect("assessment:quota", pk=quota.pk)


@login_required
def quota_publicity_doc(request, pk):
    from grassroots.publicity.gate import publicity_of

    quota = _quota(request, pk)
    publicity = publicity_of(quota)
    if publicity is None:
        raise Http404("未找到")
    return _docx(documents.excellent_publicity(quota, publicity),
                 f"年度考核优秀等次公示-{quota.unit}-{quota.year}.docx")


@login_required
def quota_table_doc(request):
    require(request.user, "assessment.unit_pages")
    require(request.user, "assessment.quota")
    year = year_of(request)
    return _docx(documents.quota_table(year, list(selectors.quotas_for(request.user, year=year))),
                 f"优秀等次名额分配表-{year}.docx")


# --- other documents -------------------------------------------------------------------------

@login_required
def record_notice(request, pk):
    """平时考核结果告知单: once the record is approved, for whoever reads the record."""
    record = get_for_user(RoutineRecord.objects.select_related("period", "unit", "section",
                                                               "person"), request.user, pk)
    if not record.grade or record.approved_on is None:
        raise Http404("未找到")
    return _docx(documents.result_notice(record),
                 f"平时考核结果告知单-{record.person.name}-{record.period}.docx")


@login_required
def contact_point_reviews_doc(request, pk):
    require(request.user, "assessment.unit_pages")
    point = get_for_user(ContactPoint.objects.select_related("unit", "field"), request.user, pk)
    return _docx(documents.contact_point_reviews(point, list(point.reviews.order_by("quarter"))),
                 f"联系点季度观察记录-{point.unit}-{point.year}.docx")


@login_required
def year_report_doc(request):
    require(request.user, "assessment.unit_pages")
    require(request.user, "assessment.authority")
    year = year_of(request)
    from .models import RoutineRecord as R

    dist = selectors.grade_distribution(R.objects.filter(period__year=year))
    points = list(selectors.contact_points_for(request.user, year=year).order_by(
        "field__order", "unit__code"))
    return _docx(documents.year_report(year, dist, selectors.county_year_by_unit(
        request.user, year=year), points), f"年度平时考核工作通报-{year}.docx")
