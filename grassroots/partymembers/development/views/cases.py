"""The case pages: registers, a new application, the case with its timeline and exactly the
actions allowed, the acts themselves, the full record, the applicant's own view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.errors import ApplicationError
from grassroots.core.idempotency import create_once
from grassroots.core.parsing import id_or_none, ids_of
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user
from grassroots.core.timeline import subject_timeline
from grassroots.meetings.models import Vote
from grassroots.party.models import PartyMember, PartyOrganisation
from grassroots.people.models import Person

from .. import selectors, services
from ..documents import decision_replies
from ..events import LABELS as EVENT_LABELS
from ..models import DevelopmentCase, Sector, Step
from ..stage_documents import STAGE_DOCUMENTS
from ..transitions import Action as A
from ..transitions import case_actions
from .common import form_date, form_int, report_response, year_of

# What each action asks for beyond its date (the service checks the values).
ACTION_FIELDS = {
    A.ACTIVIST: [("recommendation", _("推荐情况"), "text")],
    A.CONTACTS: [("contacts", _("培养联系人（1至2名正式党员）"), "members")],
    A.CANDIDATE: [("opinions", _("听取意见情况"), "text"),
                  ("over_plan", _("超计划发展的批准情况（年度计划已用完时填写）"), "text")],
    A.INTRODUCERS: [("introducers", _("入党介绍人（2名正式党员）"), "members")],
    A.REVIEW_CONCLUDE: [("conclusion", _("政审结论"), "text")],
    A.TRAINING: [("days", _("培训天数"), "int"), ("hours", _("培训学时"), "int")],
    A.PRE_REVIEW: [("result", _("预审意见"), "text")],
    A.VOLUNTEER_BOOK: [("volunteer_book_no", _("入党志愿书编号"), "text")],
    A.ADMIT: [("vote", _("支部党员大会表决"), "vote")],
    A.CONVERSION_VOTE: [("vote", _("支部党员大会表决"), "vote"),
                        ("decision", _("决议"), "decision"), ("months", _("延长月数"), "int")],
    A.TERMINATE: [("reason", _("终止原因"), "text")],
    A.WITHDRAW: [("reason", _("撤回原因"), "text")],
}


@login_required
def case_list(request):
    require(request.user, "partymembers.dev_view")
    code = request.GET.get("register")
    if code not in selectors.REGISTERS:
        code = "applicants"
    year = year_of(request, services.common.today().year)
    report = selectors.register_report(request.user, code, year=year,
                                       limit=None if request.GET.get("format") else 500)
    return report_response(request, report, link="partymembers:dev_case", extra={
        "registers": [(k, str(v[0])) for k, v in selectors.REGISTERS.items()],
        "register": code, "year": year, "can_apply": can(request.user, "partymembers.dev_apply"),
        "can_configure": can(request.user, "partymembers.dev_configure"),
        "open_count": selectors.open_count(request.user)},
        template="partymembers/development/list.html")


def _vote_choices(case):
    ct = ContentType.objects.get_for_model(DevelopmentCase)
    return Vote.objects.filter(subject_type=ct, subject_id=case.pk).select_related("meeting")


def _members(case):
    return (PartyMember.objects.filter(organisation_id=case.organisation_id, is_active=True,
                                       status="full").select_related("person")
            .exclude(person_id=case.recused_person_id or 0))


def _page(request, case, *, error=None, status=200):
    actions = case_actions(request.user, case)
    forms = [{"action": a, "label": DEVELOPMENT_LABELS[a], "fields": ACTION_FIELDS.get(a, [])}
             for a in actions]
    return render(request, "partymembers/development/case.html", {
        "case": case, "forms": forms, "error": error,
        "events": subject_timeline(case, actions=EVENT_LABELS, states=Step),
        "members": _members(case) if any(f["fields"] for f in forms) else [],
        "votes": _vote_choices(case) if {A.ADMIT, A.CONVERSION_VOTE} & set(actions) else [],
        "checks": case.review_checks.select_related("department__organization"),
        "joint_reviews": case.joint_reviews.all(),
        "close_report": getattr(case, "close_relative_report", None),
        "may_branch": can(request.user, "partymembers.dev_branch_work", case),
        "may_town": can(request.user, "partymembers.dev_town_work", case.organisation),
        "talent_flags": _talent_flags(case),
        "stage_documents": [(slug, name) for slug, (name, _b) in STAGE_DOCUMENTS.items()],
        "decision_replies": decision_replies(case),
    }, status=status)


def _talent_flags(case) -> list:
    """The person's talent titles that give priority in party development (S4 → S2,
    ``priority_flags``): shown on the case page, they decide nothing."""
    from grassroots.talent.selectors import priority_flags_for

    return [flag for flag in priority_flags_for(case.person)
            if flag.kind == "party_development"]


DEVELOPMENT_LABELS = dict(A.choices)


@login_required
def case_detail(request, pk):
    case = get_for_user(DevelopmentCase.objects.select_related("person", "organisation",
                                                                "rule_set"), request.user, pk)
    return _page(request, case)


def _data(request, action):
    data = {}
    for name, _label, kind in ACTION_FIELDS.get(action, []):
        raw = request.POST.get(name, "")
        if kind == "members":
            data[name] = ids_of(request.POST.getlist(name))
        elif kind == "int":
            data[name] = form_int(raw, name)
        elif kind == "vote":
            data[name] = None
        else:
            data[name] = raw
    return data


@login_required
@require_POST
def case_act(request, pk):
    case = get_for_user(DevelopmentCase.objects.all(), request.user, pk)
    action = request.POST.get("action", "")
    try:
        data = _data(request, action)
        if "vote" in data:
            vote_id = form_int(request.POST.get("vote"), "vote")
            data["vote"] = _vote_choices(case).filter(pk=vote_id).first() if vote_id else None
        services.case_step(actor=request.user, case=case, action=action,
                           on=form_date(request.POST.get("on")), note=request.POST.get("note", ""),
                           **data)
    except ApplicationError as exc:
        case.refresh_from_db()
        return _page(request, case, error=exc.message, status=exc.status_code)
    messages.success(request, _("已办理：%(a)s") % {"a": DEVELOPMENT_LABELS.get(action, action)})
    return redirect("partymembers:dev_case", pk=case.pk)


@login_required
def case_new(request):
    require(request.user, "partymembers.dev_apply")
    branches = PartyOrganisation.objects.restrict(request.user, "view").filter(
        kind__in=("branch", "joint_branch", "temporary_branch", "functional_branch"),
        is_active=True)
    error, values = None, request.POST or {}
    if request.method == "POST":
        try:
            org = branches.filter(pk=form_int(values.get("organisation"), "organisation")).first()
            person = None
            person_id = form_int(values.get("person"), "person")
            if person_id:
                person = Person.objects.filter(pk=person_id).first()
            if org is None:
                raise ApplicationError(_("请选择党支部。"), field="organisation")
            if person is None:
                raise ApplicationError(_("请填写申请人的人员编号。"), field="person")
            birth = form_date(values.get("birth_date"), "birth_date")
            if birth is None:
                raise ApplicationError(_("请填写出生日期。"), field="birth_date")
            pk = create_once(request, operation="dev_apply", create=lambda: services.case_apply(
                actor=request.user, person=person, organisation=org,
                sector=values.get("sector", ""), birth_date=birth,
                applied_on=form_date(values.get("applied_on"), "applied_on"),
                gender=values.get("gender", ""), education=values.get("education", ""),
                job=values.get("job", ""), is_front_line=bool(values.get("is_front_line"))))
            return redirect("partymembers:dev_case", pk=pk)
        except ApplicationError as exc:
            error = exc.message
    return render(request, "partymembers/development/new.html", {
        "branches": branches, "sectors": Sector.choices, "error": error, "values": values},
        status=400 if error else 200)


@login_required
def case_record(request, pk):
    """全程纪实 of one person (page and .xlsx)."""
    case = get_for_user(DevelopmentCase.objects.select_related("person"), request.user, pk)
    return report_response(request, selectors.record_report(case),
                           extra={"back": case})


@login_required
def my_cases(request):
    """The applicant's own view, on a phone: his steps and deadlines (no votes, no review
    findings, no warnings about others)."""
    cases = selectors.my_cases(request.user).select_related("organisation")
    rows = []
    for case in cases:
        steps = list(case.records.order_by("done_on", "pk").values_list("done_on", "step"))
        rows.append({"case": case, "steps": [(d, dict(Step.choices)[s]) for d, s in steps],
                     "actions": [a for a in case_actions(request.user, case)
                                 if a in (A.CONVERSION_APPLY, A.WITHDRAW)]})
    return render(request, "partymembers/development/mine.html", {"rows": rows})


@login_required
def my_apply(request):
    """A logged-in person applies for party membership himself (step 01 by the applicant, S2
    §4.2): the case starts at the first step under the branch he chooses, which sees it in
    its register of applicants."""
    allowed = can(request.user, "partymembers.dev_apply_self")
    branches = PartyOrganisation.objects.filter(
        kind__in=("branch", "joint_branch", "temporary_branch", "functional_branch"),
        is_active=True).order_by("path")
    error, values = None, request.POST or {}
    if request.method == "POST" and allowed:
        try:
            org = branches.filter(pk=form_int(values.get("organisation"), "organisation")
                                  or 0).first()
            if org is None:
                raise ApplicationError(_("请选择党支部。"), field="organisation")
            birth = form_date(values.get("birth_date"), "birth_date")
            if birth is None:
                raise ApplicationError(_("请填写出生日期。"), field="birth_date")
            kinship = _declared_kinship(values, org)
            create_once(request, operation="dev_apply_self", create=lambda: services.case_apply(
                actor=request.user, person=request.user.person, organisation=org,
                sector=values.get("sector", ""), birth_date=birth,
                gender=values.get("gender", ""), education=values.get("education", ""),
                job=values.get("job", ""), is_front_line=bool(values.get("is_front_line")),
                **kinship))
            messages.success(request, _("入党申请已递交，党支部将在一个月内派人与您谈话。"))
            return redirect("partymembers:dev_mine")
        except ApplicationError as exc:
            error = exc.message
    return render(request, "partymembers/development/apply.html", {
        "allowed": allowed, "branches": branches, "sectors": Sector.choices, "error": error,
        "values": values, "relations": RELATIONS}, status=400 if error else 200)


# Close relatives in the sense of the special report (S2 §4.1 CloseRelativeReport, [S13]).
RELATIONS = ("配偶", "直系血亲", "三代以内旁系血亲", "近姻亲")


def _declared_kinship(values, org) -> dict:
    """The applicant's own declaration of kinship to the secretary of the branch he applies to
    (the serving village official of the special report); the branch confirms it later. A
    kinship to another official of the village is declared to the branch, which registers
    the application (``case_new``)."""
    if not values.get("relative"):
        return {}
    relation = values.get("relation", "")
    if relation not in RELATIONS:
        raise ApplicationError(_("请选择与党支部书记的亲属关系。"), field="relation")
    if org.secretary_id is None:
        raise ApplicationError(_("该党支部尚未登记书记，请直接向党支部说明亲属关系。"),
                               field="relative")
    return {"relative_official": org.secretary, "relative_post": _("党支部书记"),
            "relation": relation}


@login_required
@require_POST
def my_act(request, pk):
    case = selectors.my_cases(request.user).filter(pk=id_or_none(pk) or 0).first()
    if case is None:
        raise Http404(_("未找到"))
    action = request.POST.get("action")
    if action not in (A.CONVERSION_APPLY, A.WITHDRAW):
        action = ""
    try:
        services.case_step(actor=request.user, case=case, action=action,
                           reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("partymembers:dev_mine")



@login_required
def case_document(request, pk, doc, fmt):
    """A document of the case (S2 §4.10) as .docx or PDF."""
    from grassroots.core.files import MIME, download_response

    from ..documents import DOCUMENTS

    case = get_for_user(DevelopmentCase.objects.select_related("person", "organisation"),
                        request.user, pk)
    if doc not in DOCUMENTS or fmt not in ("docx", "pdf"):
        raise Http404(_("未找到"))
    name, docx, pdf = DOCUMENTS[doc]
    try:
        content = docx(case) if fmt == "docx" else pdf(case)
    except ApplicationError as exc:
        return _page(request, case, error=exc.message, status=exc.status_code)
    return download_response(content, f"{name}（{case.person.name}）.{fmt}", MIME[fmt])
