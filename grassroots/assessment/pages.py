"""Pages for schemes (versions), annual assessments, quotas (优秀 slots), uses of results
(三挂钩) and the documents of §7.6 not served by views.py. Thin: services decide (policy,
transitions, rule sets), selectors read scope-filtered."""

from __future__ import annotations

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
from .views import _year


def _error(exc) -> ApplicationError:
    return ApplicationError(exc.message) if isinstance(exc, BadValue) else exc


def _unit_of(request, *, field="unit"):
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


# --- schemes ---------------------------------------------------------------------------------

POLARITY_WORDS = {"正": Polarity.POSITIVE, "负": Polarity.NEGATIVE, "+": Polarity.POSITIVE,
                  "-": Polarity.NEGATIVE}
KIND_WORDS = {"共性": IndicatorKind.COMMON, "个性": IndicatorKind.INDIVIDUAL,
              "突发": IndicatorKind.ADHOC, "突发性": IndicatorKind.ADHOC,
              **{k.value: k for k in IndicatorKind}}


def _lines(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.replace("｜", "|").split("|")]
            for line in (text or "").splitlines() if line.strip()]


def parse_items(text: str) -> list[dict]:
    """One item a line: ``正|事项|分值|季度上限|佐证材料`` (上限 and 佐证 optional)."""
    rows = []
    for n, cells in enumerate(_lines(text), 1):
        if len(cells) < 3 or cells[0] not in POLARITY_WORDS:
            raise ApplicationError(f"清单第{n}行格式应为“正|事项|分值|季度上限|佐证材料”。",
                                   field="items")
        cells += [""] * (5 - len(cells))
        rows.append({"polarity": POLARITY_WORDS[cells[0]], "text": cells[1], "points": cells[2],
                     "cap": cells[3], "evidence": cells[4]})
    return rows


def parse_indicators(text: str) -> list[dict]:
    """One indicator a line: ``共性|指标|权重|评分规则|适用岗位`` (岗位 optional)."""
    rows = []
    for n, cells in enumerate(_lines(text), 1):
        if len(cells) < 4 or cells[0] not in KIND_WORDS:
            raise ApplicationError(f"指标第{n}行格式应为“共性|指标|权重|评分规则|适用岗位”。",
                                   field="indicators")
        cells += [""] * (5 - len(cells))
        rows.append({"kind": KIND_WORDS[cells[0]], "text": cells[1], "weight": cells[2],
                     "scoring_rule": cells[3], "target_posts": cells[4]})
    return rows


def _schemes_context(request, **more):
    year = _year(request)
    return {"year": year, "schemes": selectors.schemes_for(request.user, year=year)[:300],
            "my_units": _my_units(request), "kinds": SchemeKind.choices, **more}


@login_required
def schemes(request):
    require(request.user, "assessment.unit_pages")
    return render(request, "assessment/schemes.html", _schemes_context(request))


@login_required
@require_POST
def scheme_new(request):
    require(request.user, "assessment.unit_pages")
    post = request.POST
    try:
        unit = _unit_of(request)
        require(request.user, "assessment.manage_unit", unit)
        year = parse_int(post.get("year"), maximum=2999) or 0
        if not 2000 <= year <= 2999:
            raise ApplicationError("请填写年度。", field="year")
        effective_from = parse_date(post.get("effective_from"))
        if effective_from is None:
            raise ApplicationError("请填写施行日期。", field="effective_from")
        scheme = scheme_svc.scheme_create(
            actor=request.user, unit=unit, year=year, kind=post.get("kind", ""),
            title=post.get("title", ""), effective_from=effective_from,
            items=parse_items(post.get("items", "")),
            indicators=parse_indicators(post.get("indicators", "")))
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        return render(request, "assessment/schemes.html", _schemes_context(
            request, error=error.message, posted=post), status=error.status_code)
    return redirect("assessment:scheme", pk=scheme.pk)


def _scheme(request, pk):
    require(request.user, "assessment.unit_pages")
    return get_for_user(AssessmentScheme.objects.select_related("unit", "approved_by"),
                        request.user, pk)


@login_required
def scheme_detail(request, pk):
    scheme = _scheme(request, pk)
    return render(request, "assessment/scheme.html", {
        "scheme": scheme, "items": scheme.items.select_related("section"),
        "indicators": scheme.indicators.all(), "versions": selectors.scheme_versions(scheme),
        "may_manage": can(request.user, "assessment.manage_unit", scheme.unit)})


@login_required
@require_POST
def scheme_approve(request, pk):
    scheme = _scheme(request, pk)
    try:
        scheme_svc.scheme_approve(actor=request.user, scheme=scheme)
    except ApplicationError as exc:
        return render(request, "assessment/scheme.html", {
            "scheme": scheme, "items": scheme.items.all(), "indicators": scheme.indicators.all(),
            "versions": selectors.scheme_versions(scheme), "error": exc.message,
            "may_manage": can(request.user, "assessment.manage_unit", scheme.unit)},
            status=exc.status_code)
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

def _posted_year(request) -> int:
    """The form's year when it is one (the page re-shown after a refusal), else this year."""
    try:
        year = parse_int(request.POST.get("year"), maximum=2999)
    except BadValue:
        year = None
    return year if year and year >= 2000 else today().year


def _annuals_context(request, **more):
    year = _year(request) if request.method == "GET" else _posted_year(request)
    return {"year": year, "annuals": selectors.annuals_for(request.user, year=year)[:500],
            "my_units": _my_units(request), **more}


@login_required
def annuals(request):
    require(request.user, "assessment.pages")
    return render(request, "assessment/annuals.html", _annuals_context(request))


@login_required
@require_POST
def annual_collect(request):
    require(request.user, "assessment.unit_pages")
    try:
        unit = _unit_of(request)
        year = parse_int(request.POST.get("year"), maximum=2999) or 0
        if not 2000 <= year <= 2999:
            raise ApplicationError("请填写年度。", field="year")
        annual_svc.annual_collect(actor=request.user, unit=unit, year=year)
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        return render(request, "assessment/annuals.html", _annuals_context(
            request, error=error.message), status=error.status_code)
    return redirect(reverse("assessment:annuals") + f"?year={year}")


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


@login_required
def result_uses(request):
    require(request.user, "assessment.pages")
    year = _year(request)
    return render(request, "assessment/uses.html", {
        "year": year, "uses": selectors.result_uses_for(request.user, year=year)[:500]})


# --- quotas and the excellent list's publicity -------------------------------------------------

def _quotas_context(request, **more):
    year = _year(request) if request.method == "GET" else _posted_year(request)
    from grassroots.orgs.models import Organization, OrganizationKind

    authority = can(request.user, "assessment.quota")
    return {"year": year, "quotas": selectors.quotas_for(request.user, year=year),
            "is_authority": authority,
            "units": Organization.objects.filter(kind=OrganizationKind.DEPARTMENT).order_by(
                "code") if authority else (), **more}


@login_required
def quotas(request):
    require(request.user, "assessment.unit_pages")
    return render(request, "assessment/quotas.html", _quotas_context(request))


@login_required
@require_POST
def quota_decide(request):
    require(request.user, "assessment.unit_pages")
    try:
        require(request.user, "assessment.quota")
        unit = _unit_of(request)
        year = parse_int(request.POST.get("year"), maximum=2999) or 0
        if not 2000 <= year <= 2999:
            raise ApplicationError("请填写年度。", field="year")
        quota = annual_svc.quota_decide(actor=request.user, unit=unit, year=year,
                                        uplift=request.POST.get("uplift", ""))
    except (ApplicationError, BadValue) as exc:
        error = _error(exc)
        return render(request, "assessment/quotas.html", _quotas_context(
            request, error=error.message), status=error.status_code)
    return redirect("assessment:quota", pk=quota.pk)


def _quota(request, pk):
    require(request.user, "assessment.unit_pages")
    return get_for_user(QuotaAllocation.objects.select_related("unit"), request.user, pk)


def _quota_context(request, quota, **more):
    from grassroots.publicity.gate import publicity_of

    listed = (AnnualAssessment.objects.restrict(request.user)
              .filter(unit_id=quota.unit_id, year=quota.year,
                      recommended_grade=AnnualGrade.EXCELLENT)
              .select_related("person", "section").order_by("person__name"))
    return {"quota": quota, "listed": listed, "publicity": publicity_of(quota),
            "may_publicise": can(request.user, "assessment.publicise", quota.unit), **more}


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
    year = _year(request)
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
    year = _year(request)
    from .models import RoutineRecord as R

    dist = selectors.grade_distribution(R.objects.filter(period__year=year))
    points = list(selectors.contact_points_for(request.user, year=year).order_by(
        "field__order", "unit__code"))
    return _docx(documents.year_report(year, dist, selectors.county_year_by_unit(
        request.user, year=year), points), f"年度平时考核工作通报-{year}.docx")
