"""/api/v1/party/development: the cases in the user's scope (registers), one case with the
actions the user may take, a step done through the same service as the page, a department's
own review letters and its answer, and the applicant's own steps. Scope as on the pages:
"missing" and "not yours" are the same 404."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Day, Id
from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require

from . import selectors, services
from .models import DevelopmentCase
from .transitions import case_actions

router = Router(tags=["party"])


class CaseOut(Schema):
    id: int
    person: str
    organisation: str
    sector: str
    step: str
    step_label: str
    status: str
    applied_on: date
    activist_on: date | None
    candidate_on: date | None
    admitted_on: date | None
    probation_end_on: date | None
    is_overdue: bool

    @staticmethod
    def resolve_person(obj):
        return obj.person.name

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_step_label(obj):
        return str(obj.get_step_display())


class CaseDetailOut(CaseOut):
    rule_set: str
    warnings: list[dict]
    actions: list[str]

    @staticmethod
    def resolve_rule_set(obj):
        return obj.rule_set.code

    @staticmethod
    def resolve_actions(obj):
        return obj.allowed_actions


class StepIn(Schema):
    action: str
    on: Day | None = None
    note: str = ""
    reason: str = ""
    recommendation: str = ""
    opinions: str = ""
    conclusion: str = ""
    result: str = ""
    volunteer_book_no: str = ""
    contacts: list[Id] = []
    introducers: list[Id] = []
    days: int | None = None
    hours: int | None = None
    vote: Id | None = None  # the branch meeting's vote on this case (meetings)
    decision: str = ""  # conversion: convert | extend | cancel
    months: int | None = None  # extension of the probation


class CheckOut(Schema):
    id: int
    person: str
    gender: str
    birth_date: date
    organisation: str
    question: str
    sent_on: date
    due_on: date
    answer: str

    @staticmethod
    def resolve_person(obj):
        return obj.case.person.name

    @staticmethod
    def resolve_gender(obj):
        return obj.case.gender

    @staticmethod
    def resolve_birth_date(obj):
        return obj.case.birth_date

    @staticmethod
    def resolve_organisation(obj):
        return obj.case.organisation.name

    @staticmethod
    def resolve_question(obj):
        return obj.department.question


class AnswerIn(Schema):
    answer: str
    finding: str = ""


class MyStepOut(Schema):
    done_on: date
    step: str


class MyCaseOut(Schema):
    id: int
    organisation: str
    step_label: str
    status: str
    talk_due_on: date | None
    probation_end_on: date | None
    steps: list[MyStepOut]


def _case(request, case_id):
    case = selectors.cases_for(request.user).select_related(
        "person", "organisation", "rule_set").filter(pk=case_id).first()
    if case is None:
        raise Http404(_("未找到"))
    return case


def _detail(request, case):
    case.allowed_actions = case_actions(request.user, case)
    return case


@router.get("/cases", response=with_errors(200, list[CaseOut]), summary="发展党员名册（本人范围）")
def case_list(request, kind: str = "applicants", year: int | None = None):
    require(request.user, "partymembers.dev_view")
    if kind not in selectors.REGISTERS:
        raise ApplicationError(_("kind 应为 %(v)s 之一。")
                               % {"v": "、".join(selectors.REGISTERS)}, field="kind")
    if year is not None and not 1990 <= year <= 2999:
        raise ApplicationError(_("year 应为1990至2999之间的年份。"), field="year")
    return list(selectors.register_cases(request.user, kind, year=year)
                .select_related("person", "organisation").order_by("pk")[:500])


@router.get("/cases/{case_id}", response=with_errors(200, CaseDetailOut),
            summary="一名发展对象及本人可办理的事项")
def case_detail(request, case_id: Id):
    return _detail(request, _case(request, case_id))


@router.post("/cases/{case_id}/steps", response=with_errors(200, CaseDetailOut),
             summary="办理一个步骤（规则校验同页面）")
def case_step(request, case_id: Id, payload: StepIn):
    from django.contrib.contenttypes.models import ContentType

    from grassroots.meetings.models import Vote

    case = _case(request, case_id)
    data = payload.dict(exclude={"action", "on", "note"})
    if payload.vote:
        data["vote"] = Vote.objects.filter(
            pk=payload.vote, subject_type=ContentType.objects.get_for_model(DevelopmentCase),
            subject_id=case.pk).select_related("meeting").first()
    services.case_step(actor=request.user, case=case, action=payload.action, on=payload.on,
                       note=payload.note, **data)
    return _detail(request, _case(request, case_id))


@router.get("/review-checks", response=with_errors(200, list[CheckOut]),
            summary="本部门收到的政审函（只见本部门的问题）")
def review_checks(request):
    require(request.user, "partymembers.dev_review_answer")
    return list(selectors.department_checks(request.user).select_related(
        "case__person", "case__organisation", "department").order_by("answer", "due_on")[:300])


@router.post("/review-checks/{check_id}/answer", response=with_errors(200, CheckOut),
             summary="回复政审函")
def review_answer(request, check_id: Id, payload: AnswerIn):
    check = selectors.department_checks(request.user).select_related(
        "case__person", "case__organisation", "department").filter(pk=check_id).first()
    if check is None:
        raise Http404(_("未找到"))
    return services.review_answer(actor=request.user, check=check, answer=payload.answer,
                                  finding=payload.finding)


@router.get("/mine", response=with_errors(200, list[MyCaseOut]),
            summary="本人的入党申请：步骤与期限（不含表决和政审情况）")
def mine(request):
    out = []
    for case in selectors.my_cases(request.user).select_related("organisation"):
        out.append({"id": case.pk, "organisation": case.organisation.name,
                    "step_label": str(case.get_step_display()), "status": case.status,
                    "talk_due_on": case.talk_due_on, "probation_end_on": case.probation_end_on,
                    "steps": [{"done_on": d, "step": str(dict(DevelopmentCase._meta.get_field(
                        "step").choices)[s])} for d, s in case.records.order_by(
                        "done_on", "pk").values_list("done_on", "step")]})
    return out
