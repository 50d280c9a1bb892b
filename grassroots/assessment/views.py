"""Pages of routine assessment: thin — services decide, selectors read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.parsing import BadValue, parse_date
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user
from grassroots.core.transitions import actions_for

from . import selectors
from .models import Period, RoutineRecord
from .pages import form_year, posted_unit, year_of
from .services import routine as svc
from .services.common import today
from .transitions import ROUTINE_TABLE, Action, Who


@login_required
def mine(request):
    require(request.user, "assessment.pages")
    return render(request, "assessment/mine.html", {"records": selectors.records_mine(request.user)})


def _record_context(request, record, **more):
    from .services.indicators import SCORABLE, indicators_for, suggested_score

    whos = ROUTINE_TABLE.who_of(request.user, record)
    scores = {s.indicator_id: s for s in record.indicator_scores.all()}
    indicators = [(i, scores.get(i.pk)) for i in indicators_for(record)]
    return {"record": record, "period": record.period, "whos": whos,
            "indicators": indicators, "suggested": suggested_score(record),
            "may_score": Who.LEADER in whos and record.status in SCORABLE and bool(indicators),
            "log": record.log.all(), "items": selectors.record_items(record),
            "actions": actions_for(ROUTINE_TABLE, request.user, record),
            "can": {a: any(ROUTINE_TABLE.find(record.status, a, w) for w in whos)
                    for a in Action.values},
            "Who": Who, **more}


@login_required
def record_detail(request, pk):
    record = get_for_user(RoutineRecord.objects.select_related("period", "unit", "section",
                                                               "person"), request.user, pk)
    return render(request, "assessment/record.html", _record_context(request, record))


def _do(request, record, action: str):
    post, actor = request.POST, request.user
    if action == Action.LOG:
        return svc.routine_log(actor=actor, record=record, on=parse_date(post.get("on")) or today(),
                               task=post.get("task", ""), result=post.get("result", ""))
    if action == Action.ITEM:
        return svc.routine_item(actor=actor, record=record, polarity=post.get("polarity", ""),
                                text=post.get("text", ""), points=post.get("points", ""),
                                occurred_on=parse_date(post.get("occurred_on")) or today(),
                                evidence=post.get("evidence", ""))
    if action == Action.SUBMIT_SUMMARY:
        return svc.routine_submit_summary(actor=actor, record=record,
                                          summary=post.get("summary", ""))
    if action == Action.ASSESS:
        return svc.routine_assess(actor=actor, record=record, score=post.get("score", ""),
                                  note=post.get("note", ""),
                                  override_reason=post.get("override_reason", ""))
    if action == Action.SEND_BACK:
        return svc.routine_send_back(actor=actor, record=record, note=post.get("note", ""))
    if action == Action.APPROVE:
        return svc.routine_approve(actor=actor, record=record)
    if action == Action.FEEDBACK:
        return svc.routine_feedback(actor=actor, record=record, talk=post.get("talk") == "1",
                                    note=post.get("note", ""))
    if action == Action.ACKNOWLEDGE:
        return svc.routine_acknowledge(actor=actor, record=record)
    if action == Action.APPEAL:
        return svc.routine_appeal(actor=actor, record=record, reason=post.get("reason", ""))
    if action == Action.RULE_APPEAL:
        return svc.routine_rule_appeal(actor=actor, record=record,
                                       upheld=post.get("upheld") == "1",
                                       ruling=post.get("ruling", ""),
                                       new_score=post.get("new_score", ""))
    if action == Action.FINALISE:
        return svc.routine_finalise(actor=actor, record=record)
    if action == "indicator_score":
        from grassroots.core.parsing import parse_int

        from .services.indicators import indicator_score, indicators_for

        indicator = indicators_for(record).filter(
            pk=parse_int(post.get("indicator"))).first()
        if indicator is None:
            raise ApplicationError("请选择指标。", field="indicator")
        return indicator_score(actor=actor, record=record, indicator=indicator,
                               score=post.get("score", ""), note=post.get("note", ""))
    raise ApplicationError("未知的操作。", field="action")


@login_required
@require_POST
def record_act(request, pk):
    record = get_for_user(RoutineRecord.objects.select_related("period", "unit", "section",
                                                               "person"), request.user, pk)
    try:
        _do(request, record, request.POST.get("action", ""))
    except (ApplicationError, BadValue) as exc:
        error = ApplicationError(exc.message) if isinstance(exc, BadValue) else exc
        record = RoutineRecord.objects.select_related("period", "unit", "section", "person").get(
            pk=record.pk)
        return render(request, "assessment/record.html", _record_context(
            request, record, error=error.message, error_field=error.field, posted=request.POST),
            status=error.status_code)
    return redirect("assessment:record", pk=record.pk)


@login_required
def periods(request):
    require(request.user, "assessment.unit_pages")
    return render(request, "assessment/periods.html", _periods_context(request))


@login_required
@require_POST
def period_open(request):
    """The unit head opens a quarter for his unit's roster (and the unit's S1 items are derived)."""
    from grassroots.core.parsing import parse_int

    from .services.s1 import s1_items_derive

    require(request.user, "assessment.unit_pages")
    try:
        unit = posted_unit(request)
        require(request.user, "assessment.manage_unit", unit)
        year = form_year(request)
        quarter = parse_int(request.POST.get("quarter"), maximum=9) or 0
        period = svc.period_open(actor=request.user, unit=unit, year=year, quarter=quarter)
        s1_items_derive(actor=request.user, year=year, quarter=quarter, units=[unit])
    except (ApplicationError, BadValue) as exc:
        error = ApplicationError(exc.message) if isinstance(exc, BadValue) else exc
        return render(request, "assessment/periods.html", {
            **_periods_context(request), "error": error.message}, status=error.status_code)
    return redirect("assessment:period", pk=period.pk)


def _periods_context(request):
    from grassroots.core.scope import get_scope
    from grassroots.orgs.models import Organization

    from .models.scopes import head_unit_ids

    return {"periods": selectors.periods_for(request.user)[:200],
            "overdue": selectors.overdue_by_unit(request.user, today=today())[:50],
            "is_authority": can(request.user, "assessment.authority"),
            "my_units": Organization.objects.filter(pk__in=head_unit_ids(get_scope(request.user))),
            "this_year": today().year}


@login_required
def period_detail(request, pk):
    require(request.user, "assessment.unit_pages")
    period = get_for_user(Period.objects.select_related("unit"), request.user, pk)
    records = selectors.period_records(request.user, period)
    return render(request, "assessment/period.html", {
        "period": period, "records": records, "s1": selectors.unit_s1_indicator(period),
        "may_manage": can(request.user, "assessment.manage_unit", period.unit),
        "dist": selectors.grade_distribution(RoutineRecord.objects.filter(period=period))})


@login_required
def record_form(request, pk):
    """《公务员平时考核登记表》 (.docx) of one record, for whoever may read the record."""
    from grassroots.core.files import MIME, download_response

    from .documents import registration_form

    record = get_for_user(RoutineRecord.objects.select_related("period", "unit", "section",
                                                               "person"), request.user, pk)
    content = registration_form(record, record.log.all(), selectors.record_items(record))
    return download_response(content, f"平时考核登记表-{record.person.name}-{record.period}.docx",
                             MIME["docx"])


@login_required
def period_table(request, pk):
    """《公务员平时考核结果汇总表》 (.docx) of a unit's quarter: the unit's head and committee
    (the authority reads the aggregate on the page, not the names)."""
    from grassroots.core.files import MIME, download_response

    from .documents import summary_table

    require(request.user, "assessment.unit_pages")
    period = get_for_user(Period.objects.select_related("unit"), request.user, pk)
    require(request.user, "assessment.manage_unit", period.unit)
    records = selectors.period_records(request.user, period)
    content = summary_table(period, records, selectors.grade_distribution(
        RoutineRecord.objects.filter(period=period)))
    return download_response(content, f"平时考核结果汇总表-{period.unit}-{period}.docx",
                             MIME["docx"])


@login_required
def contact_point_notice(request):
    """The year's contact-point list and adjustment notice (GB/T 9704), the authority's."""
    from grassroots.core.files import MIME, download_response

    from .documents import contact_point_notice as notice

    require(request.user, "assessment.unit_pages")
    require(request.user, "assessment.authority")
    year = year_of(request)
    points = selectors.contact_points_for(request.user, year=year).order_by("field__order", "unit__code")
    return download_response(notice(year, list(points)), f"平时考核联系点名单及调整通知-{year}.docx",
                             MIME["docx"])
