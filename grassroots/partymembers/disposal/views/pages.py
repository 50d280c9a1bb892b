"""The disposal pages: the cases and candidates in scope, the case with exactly the actions
the user may take, the 8th branch's roll and ledger, the member's own case (notice, measure,
appeal rights — nothing else), the statistics, the documents. "Missing" and "not yours" are the
same 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.files import MIME, download_response
from grassroots.core.parsing import BadValue, ids_of, parse_date, parse_int
from grassroots.core.policy import require
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.meetings.models import Vote
from grassroots.party.models import PartyMember, PartyOrganisation

from .. import selectors, services
from ..documents import documents_ready
from ..models import DisposalCase, EducationForm, Measure, State
from ..transitions import Action as A
from ..transitions import case_actions

LABELS = dict(A.choices)
# What each action asks for beyond its date (the service checks the values).
ACTION_FIELDS = {
    A.IDENTIFY: [("measure", _("拟处置方式"), "measure"), ("note", _("支委会认定意见"), "text")],
    A.INVESTIGATE: [("talkers", _("谈话人（2名正式党员）"), "members"),
                    ("talked_on", _("谈话日期"), "date"),
                    ("statement", _("本人陈述或未能谈话的情况"), "text"),
                    ("report", _("调查核实报告"), "text")],
    A.TOWN_PRE_REVIEW: [("opinion", _("预审意见"), "text")],
    A.COUNTY_PRE_REVIEW: [("opinion", _("预审意见"), "text")],
    A.VOTE: [("vote", _("支部党员大会表决"), "vote"),
             ("notified_on", _("通知本人参会日期"), "date"),
             ("statement", _("本人申辩情况"), "text")],
    A.APPROVE: [("opinion", _("审批意见"), "text"), ("months", _("限期改正月数（1-12）"), "int")],
    A.NOTIFY: [("reported_on", _("通报日期"), "date")],
    A.QUARTER_REVIEW: [("note", _("评估意见"), "text")],
    A.TRANSFORM: [("note", _("转化的事实和证据"), "text")],
    A.CORRECTION_FAILED: [("note", _("无转变的事实和证据"), "text"),
                          ("measure", _("拟处置方式"), "measure")],
    A.DROP: [("reason", _("不予处置的理由"), "text")],
}


def _date(raw, field):
    try:
        return parse_date(raw)
    except BadValue as exc:
        raise ApplicationError(exc.message, field=field) from None


@login_required
def case_list(request):
    require(request.user, "partymembers.dsp_view")
    state = request.GET.get("state", "")
    state = state if state in State.values else ""
    cases = selectors.cases_in_scope(request.user, state=state)[:500]
    eighths = PartyOrganisation.objects.restrict(request.user, "view").filter(
        special_kind="eighth_branch", is_active=True)
    return render(request, "partymembers/disposal/list.html", {
        "cases": cases, "state": state, "states": State.choices, "eighths": eighths})


def _votes(case):
    ct = ContentType.objects.get_for_model(DisposalCase)
    return Vote.objects.filter(subject_type=ct, subject_id=case.pk).select_related("meeting")


def _page(request, case, *, error=None, status=200):
    actions = case_actions(request.user, case)
    forms = [{"action": a, "label": LABELS[a], "fields": ACTION_FIELDS.get(a, [])}
             for a in actions]
    members = []
    if A.INVESTIGATE in actions:
        members = (PartyMember.objects.filter(organisation_id=case.organisation_id,
                                              is_active=True, status="full")
                   .exclude(pk=case.member_id).select_related("person"))
    return render(request, "partymembers/disposal/case.html", {
        "case": case, "forms": forms, "error": error, "measures": Measure.choices,
        "criteria": selectors.criteria_of(case), "talks": case.talks.select_related(
            "talker_1", "talker_2"),
        "records": case.education_records.all(), "reviews": case.reviews.all(),
        "events": subject_timeline(case, actions=LABELS, states=State),
        "members": members, "votes": _votes(case) if A.VOTE in actions else [],
        "may_educate": case.state == State.IN_EDUCATION and _may(request.user, case),
        "education_forms": EducationForm.choices, "documents": documents_ready(case),
    }, status=status)


def _may(user, case) -> bool:
    from grassroots.core.policy import can

    return can(user, "partymembers.dsp_educate", case)


@login_required
def case_detail(request, pk):
    return _page(request, selectors.case_detail(request.user, pk))


def _data(request, action):
    data = {}
    for name, _label, kind in ACTION_FIELDS.get(action, []):
        raw = request.POST.get(name, "")
        if kind == "members":
            data[name] = ids_of(request.POST.getlist(name))
        elif kind == "int":
            try:
                data[name] = parse_int(raw, maximum=100)
            except BadValue as exc:
                raise ApplicationError(exc.message, field=name) from None
        elif kind == "date":
            data[name] = _date(raw, name) if raw else None
        elif kind == "vote":
            vote_id = parse_int(raw, maximum=2**62) if raw.isdigit() else None
            data[name] = None
            if vote_id:
                data[name] = _votes(request._dsp_case).filter(pk=vote_id).first()
        else:
            data[name] = raw
    return data


@login_required
@require_POST
def case_act(request, pk):
    case = selectors.case_detail(request.user, pk)
    action = request.POST.get("action", "")
    try:
        if action == "education":
            services.education_record(
                actor=request.user, case=case, form=request.POST.get("form", ""),
                by=request.POST.get("by", ""), content=request.POST.get("content", ""),
                on=_date(request.POST.get("on"), "on") if request.POST.get("on") else None)
        else:
            request._dsp_case = case
            data = _data(request, action)
            on = _date(request.POST.get("on"), "on") if request.POST.get("on") else None
            services.case_step(actor=request.user, case=case, action=action, on=on, **data)
    except ApplicationError as exc:
        case.refresh_from_db()
        return _page(request, case, error=exc.message, status=exc.status_code)
    messages.success(request, _("已办理。"))
    return redirect("partymembers:dsp_case", pk=case.pk)


@login_required
def eighth_roll(request, pk):
    """The 8th branch's roll (members assigned to it) and its ledger as .xlsx."""
    eighth = get_for_user(PartyOrganisation.objects.filter(special_kind="eighth_branch"),
                          request.user, pk)
    require(request.user, "partymembers.dsp_view")
    rows = selectors.eighth_branch_roll(request.user, eighth)
    if request.GET.get("format") == "xlsx":
        from ..documents import ledger_xlsx

        return download_response(ledger_xlsx(eighth, rows), f"{eighth.name}教育转化台账.xlsx",
                                 MIME["xlsx"])
    return render(request, "partymembers/disposal/eighth.html", {"eighth": eighth, "rows": rows})


@login_required
def my_cases(request):
    """The member's own case: the notice, the measure, the correction period, appeal rights."""
    return render(request, "partymembers/disposal/mine.html", {
        "cases": selectors.my_cases(request.user), "appeal": services.APPEAL_RIGHTS})


@login_required
def statistics(request):
    require(request.user, "partymembers.dsp_statistics")
    return render(request, "partymembers/disposal/statistics.html", {
        "by_town": selectors.by_town_and_state(request.user),
        "by_measure": sorted((str(Measure(k).label) if k else "—", n) for k, n in
                             selectors.by_measure(request.user).items()),
        "in_education": selectors.in_education_count(request.user),
        "rate": selectors.transformation_rate(request.user), "states": dict(State.choices)})


@login_required
def case_document(request, pk, doc, fmt):
    from ..documents import DOCUMENTS

    case = selectors.case_detail(request.user, pk)
    if doc not in DOCUMENTS or fmt != "docx":
        raise Http404(_("未找到"))
    name, build, _ready = DOCUMENTS[doc]
    try:
        content = build(case)
    except ApplicationError as exc:
        return _page(request, case, error=exc.message, status=exc.status_code)
    return download_response(content, f"{name}（{case.member.person.name}）.docx", MIME["docx"])
