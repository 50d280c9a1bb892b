"""/api/v1/assessment: a unit's schemes (versions kept: the items and indicators of each) and the
direct leader's indicator scores of a routine record. Scope-filtered as the pages: the unit's
head, committee and section leaders and the authority read schemes (the same 404 for missing and
not yours); the unit's head or committee writes them; only the direct leader scores."""

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Schema
from ninja.pagination import paginate

from grassroots.api.pagination import Pages
from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError
from grassroots.core.policy import require

from . import selectors
from .models import AssessmentScheme, IndicatorKind, Polarity, SchemeKind, Section
from .models.scheme import ItemScope
from .services import indicators as indicator_svc
from .services import scheme as scheme_svc

Year = Field(None, ge=2000, le=2999, description="年度（留空为全部）")


class PersonInUnitOut(Schema):
    """A row about one civil servant: his name and his unit's."""

    person: str
    unit: str

    @staticmethod
    def resolve_person(obj):
        return obj.person.name

    @staticmethod
    def resolve_unit(obj):
        return str(obj.unit)


class YearIn(Schema):
    year: int | None = Year


class SchemeOut(Schema):
    id: int
    unit_id: int
    unit: str
    year: int
    version: int
    kind: SchemeKind
    title: str
    status: str
    effective_from: date
    approved_at: str | None
    n_items: int
    n_indicators: int

    @staticmethod
    def resolve_unit(obj):
        return str(obj.unit)

    @staticmethod
    def resolve_approved_at(obj):
        return obj.approved_at.isoformat() if obj.approved_at else None


class SchemeItemOut(Schema):
    id: int
    code: str
    polarity: Polarity
    scope: ItemScope
    section: str | None
    post: str
    text: str
    points: Decimal
    cap: Decimal | None
    evidence: str

    @staticmethod
    def resolve_section(obj):
        return obj.section.name if obj.section_id else None


class IndicatorOut(Schema):
    id: int
    kind: IndicatorKind
    text: str
    weight: Decimal
    scoring_rule: str
    target_posts: str


class VersionOut(Schema):
    id: int
    version: int
    status: str
    effective_from: date


class SchemeDetailOut(SchemeOut):
    items: list[SchemeItemOut]
    indicators: list[IndicatorOut]
    versions: list[VersionOut]

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.select_related("section"))

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

    @staticmethod
    def resolve_versions(obj):
        return list(selectors.scheme_versions(obj))


class SchemeItemIn(Schema):
    polarity: Polarity
    text: str = Field(..., max_length=200)
    points: Decimal = Field(..., ge=0, le=100, description="分值（绝对值；负面事项扣分）")
    cap: Decimal | None = Field(None, ge=0, le=100, description="季度上限")
    evidence: str = Field("", max_length=200, description="佐证材料")
    scope: ItemScope = ItemScope.ALL
    section: Id | None = Field(None, description="按科室适用时：本单位的科室 id")
    post: str = Field("", max_length=40)


class IndicatorIn(Schema):
    kind: IndicatorKind
    text: str = Field(..., max_length=200)
    weight: Decimal = Field(..., ge=0, le=100)
    scoring_rule: str = Field(..., max_length=300)
    target_posts: str = Field("", max_length=100, description="适用岗位（逗号或顿号分隔）")


class SchemeIn(Schema):
    unit: Id
    year: int = Field(..., ge=2000, le=2999)
    kind: SchemeKind
    title: str = Field(..., max_length=100)
    effective_from: date
    items: list[SchemeItemIn] = Field(default_factory=list, max_length=500)
    indicators: list[IndicatorIn] = Field(default_factory=list, max_length=200)


class IndicatorScoreOut(IndicatorOut):
    score: Decimal | None
    note: str


class RecordIndicatorsOut(Schema):
    record_id: int
    indicators: list[IndicatorScoreOut]
    indicator_points: Decimal
    item_points: Decimal
    suggested_score: Decimal | None


class IndicatorScoreIn(Schema):
    indicator: Id
    score: Decimal = Field(..., ge=0, le=100, description="0 至该指标权重")
    note: str = Field("", max_length=200)


def _scheme(user, scheme_id: int) -> AssessmentScheme:
    require(user, "assessment.unit_pages")
    scheme = selectors.schemes_for(user).filter(pk=scheme_id).first()
    if scheme is None:
        raise Http404(_("未找到"))
    return scheme


def _items(payload: SchemeIn, unit) -> list[dict]:
    rows = []
    for item in payload.items:
        row = item.dict()
        if row["section"] is not None:
            row["section"] = Section.objects.filter(pk=row["section"], unit=unit).first()
            if row["section"] is None:
                raise ApplicationError(_("科室不存在或不属于本单位。"), field="items")
        rows.append(row)
    return rows


def _record_indicators(record) -> RecordIndicatorsOut:
    scores = {s.indicator_id: s for s in record.indicator_scores.all()}
    rows = []
    for indicator in indicator_svc.indicators_for(record):
        score = scores.get(indicator.pk)
        rows.append({**IndicatorOut.model_validate(indicator).model_dump(),
                     "score": score.score if score else None,
                     "note": score.note if score else ""})
    return {"record_id": record.pk, "indicators": rows,
            "indicator_points": record.indicator_points, "item_points": record.item_points,
            "suggested_score": indicator_svc.suggested_score(record)}


def register(router, record_of):
    """Add the endpoints to the assessment router; ``record_of(user, pk)`` fetches a routine
    record in scope (404 otherwise)."""

    @router.get("/schemes", response=with_errors(200, list[SchemeOut]),
                summary="考核方案列表（各单位各年度，含历次版本）")
    @paginate(Pages)
    def scheme_list(request, filters: Query[YearIn]):
        require(request.user, "assessment.unit_pages")
        return selectors.schemes_for(request.user, year=filters.year)

    @router.get("/schemes/{scheme_id}", response=with_errors(200, SchemeDetailOut),
                summary="一个版本的考核方案：正负面清单、考核指标和同年度的各版本")
    def scheme_detail(request, scheme_id: Id):
        return _scheme(request.user, scheme_id)

    @router.post("/schemes", response=with_errors(201, SchemeDetailOut),
                 summary="制定考核方案的新版本（草案）",
                 description="只有本单位负责人或考核委员会可以制定；正负面清单方式至少一项事项，"
                             "指标体系方式至少一项指标，清单加指标两者都要。单位不在本人范围内"
                             "时与不存在同样答复。")
    def scheme_create(request, payload: SchemeIn):
        require(request.user, "assessment.unit_pages")
        unit = selectors.managed_unit(request.user, payload.unit)
        scheme = scheme_svc.scheme_create(
            actor=request.user, unit=unit, year=payload.year, kind=payload.kind,
            title=payload.title, effective_from=payload.effective_from,
            items=_items(payload, unit), indicators=[i.dict() for i in payload.indicators])
        return 201, _scheme(request.user, scheme.pk)

    @router.post("/schemes/{scheme_id}/approve", response=with_errors(200, SchemeDetailOut),
                 summary="批准考核方案草案（原批准版本改为已被取代）")
    def scheme_approve(request, scheme_id: Id):
        scheme = _scheme(request.user, scheme_id)
        scheme_svc.scheme_approve(actor=request.user, scheme=scheme)
        return _scheme(request.user, scheme_id)

    @router.get("/records/{record_id}/indicators", response=with_errors(200, RecordIndicatorsOut),
                summary="一份平时考核记实适用的考核指标及其得分、建议评鉴分")
    def record_indicators(request, record_id: Id):
        return _record_indicators(record_of(request.user, record_id))

    @router.post("/records/{record_id}/indicator-scores",
                 response=with_errors(200, RecordIndicatorsOut),
                 summary="直接领导为一项考核指标评分（评鉴之前，可重评）",
                 description="得分在 0 与该指标权重之间；只能评本季度考核方案中适用于该岗位的指标。")
    def record_indicator_score(request, record_id: Id, payload: IndicatorScoreIn):
        record = record_of(request.user, record_id)
        indicator = indicator_svc.indicators_for(record).filter(pk=payload.indicator).first()
        if indicator is None:
            raise ApplicationError(_("该指标不适用于本记实（不在本季度考核方案中或不适用于该岗位）。"),
                                   field="indicator")
        indicator_svc.indicator_score(actor=request.user, record=record, indicator=indicator,
                                      score=payload.score, note=payload.note)
        return _record_indicators(record_of(request.user, record_id))
