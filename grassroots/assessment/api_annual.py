"""/api/v1/assessment: annual assessments (定期考核) and their steps, the uses of results (三挂钩),
the units' excellent-grade quotas (slots) and the publicity of a unit's excellent list.

Scope as the pages: a civil servant reads his own annual assessment, the direct leader his
section's, the unit's head and committee their unit's, the authority its own staff's; quotas
are the authority's (every unit) and the unit head's (his unit). The same 404 for missing and
not yours, for ids in the path and units in the body alike."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import Pages
from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.policy import can, require
from grassroots.core.selectors import get_for_user

from . import selectors
from .api_schemes import PersonInUnitOut, YearIn
from .models import AnnualAssessment, AnnualGrade, ResultUseKind
from .services import annual as annual_svc
from .transitions import ANNUAL_TABLE, AnnualAction


class AnnualOut(PersonInUnitOut):
    id: int
    unit_id: int
    section: str | None
    year: int
    status: str
    routine_grades: dict[str, str] = Field(..., description="各季度平时考核等次 {季度: 等次}")
    quarters: int
    good_quarters: int
    low_quarters: int
    recommended_grade: str
    final_grade: str
    excellent_barred: bool
    notified_on: date | None

    @staticmethod
    def resolve_section(obj):
        return obj.section.name if obj.section_id else None


class UseOut(Schema):
    id: int
    annual_id: int
    person: str
    unit: str
    year: int
    final_grade: str
    kind: ResultUseKind
    reference: str
    recorded_on: date

    @staticmethod
    def resolve_person(obj):
        return obj.annual.person.name

    @staticmethod
    def resolve_unit(obj):
        return str(obj.annual.unit)

    @staticmethod
    def resolve_year(obj):
        return obj.annual.year

    @staticmethod
    def resolve_final_grade(obj):
        return obj.annual.final_grade


class AnnualDetailOut(AnnualOut):
    summary: str
    committee_note: str
    reason_if_undetermined: str
    actions: list[str] = Field(..., description="本人此时可办的步骤（annual_… 或 result_use）")
    excellent_gate: str = Field(..., description="建议优秀时：尚不能确定为优秀的原因（空为可以）")
    uses: list[UseOut]

    @staticmethod
    def resolve_uses(obj):
        return list(obj.uses.select_related("annual__person", "annual__unit"))


class AnnualActIn(Schema):
    action: str = Field(..., max_length=40, description=(
        "状态表 assessment.annual 的步骤：annual_submit_summary（summary）、annual_recommend"
        "（grade）、annual_review（note）、annual_decide（undetermined_reason 为不定等次）、"
        "annual_notify；或 result_use（kind、reference）记录结果运用"))
    summary: str = Field("", max_length=5000)
    grade: str = Field("", max_length=12, description="优秀/称职/基本称职/不称职："
                                                      + "、".join(AnnualGrade.values[:4]))
    note: str = Field("", max_length=2000)
    undetermined_reason: str = Field("", max_length=2000)
    kind: str = Field("", max_length=12, description="结果运用方式：" + "、".join(ResultUseKind.values))
    reference: str = Field("", max_length=120)


class CollectIn(Schema):
    unit: Id
    year: int = Field(..., ge=2000, le=2999)


class CollectOut(Schema):
    created: int


class QuotaOut(Schema):
    id: int
    unit_id: int
    unit: str
    year: int
    participants: int
    base_ratio: Decimal
    uplift: Decimal
    excellent_slots: int
    recommended: int = Field(..., description="建议为优秀的人数")
    excellent: int = Field(..., description="确定为优秀的人数")

    @staticmethod
    def resolve_unit(obj):
        return str(obj.unit)


class ListedOut(Schema):
    annual_id: int
    person: str
    section: str | None
    status: str
    final_grade: str


class PublicityOut(Schema):
    id: int
    title: str
    status: str
    start_on: date
    end_on: date
    min_working_days: int
    entries: list[str]
    open_for_decision: bool = Field(..., description="公示期满且异议均已处理")


class QuotaDetailOut(QuotaOut):
    listed: list[ListedOut]
    publicity: PublicityOut | None


class QuotaIn(Schema):
    unit: Id
    year: int = Field(..., ge=2000, le=2999)
    uplift: Decimal | None = Field(None, ge=0, le=100,
                                   description="上浮百分点；留空按上年联系点年终评估")


class PublicityIn(Schema):
    contact_phone: str = Field(..., max_length=30, description="监督电话")


ANNUALS = AnnualAssessment.objects.select_related("person", "unit", "section", "rule_set")


def _annual(user, annual_id: int) -> AnnualAssessment:
    require(user, "assessment.pages")
    return get_for_user(ANNUALS, user, annual_id)


def _annual_detail(user, annual: AnnualAssessment) -> AnnualAssessment:
    """The annual assessment with what ``user`` may do now and the excellent gate."""
    from .services.excellent import excellent_gate

    whos = ANNUAL_TABLE.who_of(user, annual)
    actions = [a for a in AnnualAction.values
               if any(ANNUAL_TABLE.find(annual.status, a, w) for w in whos)]
    if can(user, "assessment.record_use", annual):
        actions.append(annual_svc.RESULT_USE)
    gate = (excellent_gate(annual) if AnnualAction.DECIDE in actions
            and annual.recommended_grade == AnnualGrade.EXCELLENT else "")
    annual.actions, annual.excellent_gate = actions, gate
    return annual


def _quota(user, quota_id: int):
    require(user, "assessment.unit_pages")
    quota = selectors.quotas_for(user).filter(pk=quota_id).first()
    if quota is None:
        raise Http404(_("未找到"))
    return quota


def _publicity(quota) -> dict | None:
    from grassroots.publicity.gate import publicity_gate, publicity_of

    publicity = publicity_of(quota)
    if publicity is None:
        return None
    return {"id": publicity.pk, "title": publicity.title, "status": publicity.status,
            "start_on": publicity.start_on, "end_on": publicity.end_on,
            "min_working_days": publicity.min_working_days,
            "entries": [str(e.get("value", "")) for e in publicity.published_fields],
            "open_for_decision": publicity_gate(quota).ok}


def _quota_detail(user, quota):
    """The quota with the people recommended 优秀 (in the user's scope) and the publicity."""
    listed = (AnnualAssessment.objects.restrict(user)
              .filter(unit_id=quota.unit_id, year=quota.year,
                      recommended_grade=AnnualGrade.EXCELLENT)
              .select_related("person", "section").order_by("person__name"))
    quota.listed = [{"annual_id": a.pk, "person": a.person.name,
                     "section": a.section.name if a.section_id else None,
                     "status": a.status, "final_grade": a.final_grade} for a in listed]
    quota.publicity = _publicity(quota)
    return quota


def register(router):
    """Add the endpoints to the assessment router."""

    @router.get("/annual", response=with_errors(200, list[AnnualOut]),
                summary="年度考核列表（本人、本科室或本单位）")
    @paginate(Pages)
    def annual_list(request, filters: Query[YearIn]):
        require(request.user, "assessment.pages")
        return selectors.annuals_for(request.user, year=filters.year)

    @router.post("/annual/collect", response=with_errors(200, CollectOut),
                 summary="汇总本单位全年平时考核等次，为名册上每人建立年度考核",
                 description="本单位负责人或考核委员会；已建立的不重复建立。")
    def annual_collect(request, payload: CollectIn):
        require(request.user, "assessment.unit_pages")
        unit = selectors.managed_unit(request.user, payload.unit)
        return {"created": annual_svc.annual_collect(actor=request.user, unit=unit,
                                                     year=payload.year)}

    @router.get("/annual/{annual_id}", response=with_errors(200, AnnualDetailOut),
                summary="一份年度考核：各季度等次、建议与确定等次、可办步骤、优秀公示关口、结果运用")
    def annual_detail(request, annual_id: Id):
        return _annual_detail(request.user, _annual(request.user, annual_id))

    @router.post("/annual/{annual_id}/actions", response=with_errors(200, AnnualDetailOut),
                 summary="办理年度考核的一个步骤或记录结果运用",
                 description="优秀须在单位名额内、满足“好”季度比例且无一般/较差（规则集 "
                             "assessment.routine），确定优秀须待优秀等次公示期满且无成立的异议。")
    def annual_act(request, annual_id: Id, payload: AnnualActIn):
        annual = _annual(request.user, annual_id)
        annual_svc.annual_act(actor=request.user, annual=annual, action=payload.action,
                              data=payload.dict())
        return _annual_detail(request.user, _annual(request.user, annual_id))

    @router.get("/uses", response=with_errors(200, list[UseOut]),
                summary="考核结果运用（三挂钩）记录")
    @paginate(Pages)
    def use_list(request, filters: Query[YearIn]):
        require(request.user, "assessment.pages")
        return selectors.result_uses_for(request.user, year=filters.year)

    @router.get("/quotas", response=with_errors(200, list[QuotaOut]),
                summary="优秀等次名额（主管部门：各单位；单位负责人：本单位），含建议和确定的优秀人数")
    @paginate(Pages)
    def quota_list(request, filters: Query[YearIn]):
        require(request.user, "assessment.unit_pages")
        return selectors.quotas_for(request.user, year=filters.year)

    @router.post("/quotas", response=with_errors(200, QuotaDetailOut),
                 summary="核定（或重新核定）一个单位的优秀等次名额",
                 description="只有公务员主管部门可以核定：名额 = 参加考核人数 ×（基础比例 + "
                             "上浮），向下取整，小单位至少按规则集的最低名额。")
    def quota_decide(request, payload: QuotaIn):
        require(request.user, "assessment.unit_pages")
        require(request.user, "assessment.quota")
        unit = selectors.managed_unit(request.user, payload.unit, authority=True)
        quota = annual_svc.quota_decide(actor=request.user, unit=unit, year=payload.year,
                                        uplift=payload.uplift)
        return _quota_detail(request.user, _quota(request.user, quota.pk))

    @router.get("/quotas/{quota_id}", response=with_errors(200, QuotaDetailOut),
                summary="一个单位一年的优秀名额、建议为优秀的人选和优秀等次公示")
    def quota_detail(request, quota_id: Id):
        return _quota_detail(request.user, _quota(request.user, quota_id))

    @router.post("/quotas/{quota_id}/publicity", response=with_errors(201, QuotaDetailOut),
                 summary="公示本单位本年度优秀等次人选",
                 description="单位负责人公示经考核委员会审核的优秀人选（仅姓名和科室），公示期"
                             "按公示的最少工作日数；期满且异议处理完毕后才能确定为优秀。")
    def quota_publicise(request, quota_id: Id, payload: PublicityIn):
        from .services.excellent import excellent_publicise

        quota = _quota(request.user, quota_id)
        excellent_publicise(actor=request.user, unit=quota.unit, year=quota.year,
                            contact_phone=payload.contact_phone)
        return 201, _quota_detail(request.user, _quota(request.user, quota_id))
