"""/api/v1/party/points: the member's own entries and totals, a branch's quarter table, the
member's dispute of one of his entries. Scope as on the pages: "missing" and "not yours" are
the same 404; no answer names who rated whom."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from grassroots.api.schemas import with_errors
from grassroots.api.types import Id
from grassroots.core.errors import ApplicationError
from grassroots.party.models import PartyOrganisation

from . import selectors, services
from .models import Aspect
from .services.common import quarter_bounds, today

router = Router(tags=["party"])


class EntryOut(Schema):
    id: int
    item_code: str
    item: str
    aspect: str
    points: Decimal
    occurred_on: date
    status: str
    source_kind: str
    source_label: str
    evidence: str
    dispute_reason: str
    ruling: str

    @staticmethod
    def resolve_item_code(obj):
        return obj.item.code

    @staticmethod
    def resolve_item(obj):
        return obj.item.label


class MineOut(Schema):
    year: int
    scheme: str | None
    daily: Decimal | None
    aspects: dict[str, Decimal]
    peer_avg: Decimal | None
    peer_count: int
    entries: list[EntryOut]


class RowOut(Schema):
    member_id: int
    name: str
    aspects: dict[str, Decimal]
    total: Decimal
    rank: int


class TableOut(Schema):
    organisation: str
    start: date
    end: date
    rows: list[RowOut]


class DisputeIn(Schema):
    reason: str


@router.get("/mine", response=with_errors(200, MineOut), summary="本人的积分：明细与合计（不含评议人）")
def mine(request, year: int | None = None):
    year = year or today().year
    if not 2000 <= year <= 2999:
        raise ApplicationError(_("year 应为2000至2999之间的年份。"), field="year")
    scheme = selectors.current_scheme(year)
    summary = selectors.my_summary(request.user, scheme)
    return {"year": year, "scheme": scheme.title if scheme else None,
            "daily": summary.get("daily"),
            "aspects": {a: v for a, (_l, v) in zip(Aspect.values, summary.get("aspects", []),
                                                   strict=False)},
            "peer_avg": summary.get("peer_avg"), "peer_count": summary.get("peer_count", 0),
            "entries": list(selectors.my_entries(request.user, year)[:500])}


@router.get("/branches/{org_id}/quarter", response=with_errors(200, TableOut),
            summary="支部季度积分表（排名）")
def branch_quarter(request, org_id: Id, year: int | None = None, quarter: int | None = None):
    now = today()
    year, quarter = year or now.year, quarter or (now.month - 1) // 3 + 1
    if not 2000 <= year <= 2999 or not 1 <= quarter <= 4:
        raise ApplicationError(_("请填写正确的年度和季度。"), field="quarter")
    org = PartyOrganisation.objects.filter(pk=org_id).first()
    if org is None:
        raise Http404(_("未找到"))
    start, end = quarter_bounds(date(year, 3 * quarter - 2, 1))
    rows = selectors.branch_table(request.user, org, start, end)  # 404 outside the scope
    return {"organisation": org.name, "start": start, "end": end, "rows": [
        {"member_id": r.pk, "name": r.person.name, "total": r.total, "rank": r.rank,
         "aspects": {a: getattr(r, f"a_{a}") for a in Aspect.values}} for r in rows]}


@router.post("/entries/{entry_id}/dispute", response=with_errors(200, EntryOut),
             summary="对本人的一条积分提出异议")
def dispute(request, entry_id: Id, payload: DisputeIn):
    entry = selectors.my_entries(request.user, None).filter(pk=entry_id).first()
    if entry is None:
        raise Http404(_("未找到"))
    return services.entry_dispute(actor=request.user, entry=entry, reason=payload.reason)
