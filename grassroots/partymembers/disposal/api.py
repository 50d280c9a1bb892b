"""/api/v1/party/disposal: the cases in the user's scope, one case with the actions the user
may take, a step done through the same service as the page. Scope as on the pages: "missing"
and "not yours" are the same 404. A vote is given by its id (recorded through meetings)."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.policy import require
from grassroots.meetings.models import Vote

from . import selectors, services
from .models import DisposalCase
from .transitions import case_actions

router = Router(tags=["party"])


class CaseOut(Schema):
    id: int
    member: str
    organisation: str
    state: str
    state_label: str
    source: str
    proposed_measure: str
    decided_measure: str
    raised_on: date
    approved_on: date | None
    correction_until: date | None
    eighth_branch: str | None

    @staticmethod
    def resolve_member(obj):
        return obj.member.person.name

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name

    @staticmethod
    def resolve_state_label(obj):
        return str(obj.get_state_display())

    @staticmethod
    def resolve_eighth_branch(obj):
        return obj.eighth_branch.name if obj.eighth_branch_id else None


class CaseDetailOut(CaseOut):
    criteria: list[str]
    actions: list[str]

    @staticmethod
    def resolve_criteria(obj):
        return [c.criterion.code for c in selectors.criteria_of(obj)]


class StepIn(Schema):
    action: str
    on: date | None = None
    measure: str | None = None
    note: str | None = None
    opinion: str | None = None
    reason: str | None = None
    report: str | None = None
    statement: str | None = None
    talkers: list[int] | None = None
    talked_on: date | None = None
    notified_on: date | None = None
    reported_on: date | None = None
    vote_id: int | None = None
    months: int | None = None


@router.get("/cases", response=with_errors(200, list[CaseOut]), summary="不合格党员处置（本人范围）")
def cases(request, state: str = ""):
    require(request.user, "partymembers.dsp_view")
    return list(selectors.cases_in_scope(request.user, state=state)[:500])


@router.get("/cases/{case_id}", response=with_errors(200, CaseDetailOut),
            summary="一件处置及本人可办理的事项")
def case(request, case_id: Id):
    pk = case_id
    case = selectors.case_detail(request.user, pk)
    case.actions = case_actions(request.user, case)
    return case


@router.post("/cases/{case_id}/steps", response=with_errors(200, CaseDetailOut),
             summary="办理一个步骤（规则校验同页面）")
def step(request, case_id: Id, payload: StepIn):
    pk = case_id
    case = selectors.case_detail(request.user, pk)
    data = payload.dict(exclude_none=True)
    action, on = data.pop("action"), data.pop("on", None)
    vote_id = data.pop("vote_id", None)
    if vote_id is not None:
        ct = ContentType.objects.get_for_model(DisposalCase)
        data["vote"] = Vote.objects.filter(pk=vote_id, subject_type=ct,
                                           subject_id=case.pk).first()
    case = services.case_step(actor=request.user, case=case, action=action, on=on, **data)
    case = selectors.case_detail(request.user, case.pk)
    case.actions = case_actions(request.user, case)
    return case
