"""Read-only rule sets under /api/v1/rule-sets: the list, one set with its params, and the set
in force for a family on a day."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from ninja import Query, Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Day, Id
from grassroots.core.policy import require

from . import selectors
from .models import RuleSet

router = Router(tags=["rule-sets"])


class RuleParamOut(Schema):
    id: int
    key: str
    label: str
    value: str  # exact: "5", "0.5", "1/2", "2/3"
    unit: str
    kind: str
    direction: str
    inclusive: bool
    article: str
    text: str
    source: str

    @staticmethod
    def resolve_value(obj):
        return obj.display_value


class RuleSetOut(Schema):
    id: int
    family: str
    code: str
    title: str
    issuer: str
    doc_number: str
    effective_from: date
    effective_to: date | None
    status: str
    scope: str
    base_code: str | None
    source_url: str
    source: str

    @staticmethod
    def resolve_base_code(obj):
        return obj.base.code if obj.base_id else None


class RuleSetDetailOut(RuleSetOut):
    params: list[RuleParamOut]

    @staticmethod
    def resolve_params(obj):
        return list(obj.params.all())


class ListIn(Schema):
    family: str | None = None
    on: Day | None = None


class InForceIn(Schema):
    family: str
    on: Day


@router.get("", response=with_errors(200, list[RuleSetOut]), summary="规则集列表",
            description="family 按规则族筛选（如 party.dev）；on 只列出该日施行期内的规则（含草案）。")
def rule_set_list(request, params: Query[ListIn]):
    require(request.user, "rulesets.view")
    return list(selectors.rule_sets_list(family=params.family or "", on=params.on)[:500])


@router.get("/in-force", response=with_errors(200, RuleSetDetailOut),
            summary="某日施行的规则集",
            description="按案件开始日期选用：已确认、施行期内（起始日含、停止日不含），本地规则优先于其依据的全国规则；"
                        "草案不会被选用。没有施行中的规则时返回 400。")
def rule_set_in_force(request, params: Query[InForceIn]):
    require(request.user, "rulesets.view")
    return selectors.rule_set_in_force(params.family, params.on)


@router.get("/{rule_set_id}", response=with_errors(200, RuleSetDetailOut), summary="规则集及其参数")
def rule_set_detail(request, rule_set_id: Id):
    require(request.user, "rulesets.view")
    try:
        return selectors.rule_set_detail(rule_set_id)
    except RuleSet.DoesNotExist:
        raise Http404 from None
