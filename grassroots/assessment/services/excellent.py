"""The excellent (优秀) list of a unit's year publicised through grassroots.publicity (S5 §7.3:
committee review → publicity → the unit head decides).

The publicity's subject is the unit-year's ``QuotaAllocation``; its entries are the annual
assessments the committee passed as 优秀 (key ``x<annual id>``, name and section only). The
gate: the unit head decides a 优秀 only once that publicity has ended (its minimum of working
days from grassroots.publicity), every objection is closed, and no upheld objection names the
person or the list as a whole. An upheld objection naming a person sends his annual assessment
back to the leader's recommendation, barred from 优秀 this year (``on_objection_upheld``).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.transitions import transition_apply
from grassroots.publicity import services as publicity_services
from grassroots.publicity.gate import publicity_gate, publicity_of
from grassroots.publicity.models import (
    ObjectionStatus,
    Publicity,
    PublicityKind,
    PublicityScope,
)

from ..models import AnnualAssessment, AnnualGrade, AnnualStatus, QuotaAllocation
from ..transitions import ANNUAL_TABLE, AnnualAction, Who
from .common import today

PUBLISHED_LABEL = "拟确定为优秀等次人员"


def entry_key(annual_id: int) -> str:
    return f"x{annual_id}"


def _entry(annual: AnnualAssessment) -> dict:
    section = f"（{annual.section.name}）" if annual.section_id else ""
    return {"key": entry_key(annual.pk), "label": PUBLISHED_LABEL,
            "value": f"{annual.person.name}{section}"}


def _upheld(publicity: Publicity):
    return publicity.objections.filter(status=ObjectionStatus.UPHELD)


def publicity_pending(publicity: Publicity | None) -> bool:
    """Whether the year's list may be (re)published: never published, or an objection to the
    last publicity was upheld (the rule ``excellent_publicise`` enforces)."""
    return publicity is None or _upheld(publicity).exists()


def excellent_publicise(*, actor, unit, year: int, contact_phone: str,
                        start_on: date | None = None) -> Publicity:
    """The unit head publishes the year's excellent list (every 优秀 the committee passed and
    not yet decided) for the publicity's minimum of working days. A second publicity of the
    same year only after the first was withdrawn or an objection to it was upheld."""
    quota = QuotaAllocation.objects.filter(unit=unit, year=year).first()
    if quota is None:
        raise ApplicationError(f"{year}年度本单位优秀名额尚未核定，请联系公务员主管部门。")
    require(actor, "assessment.publicise", unit)
    with transaction.atomic():
        quota = QuotaAllocation.objects.select_for_update().get(pk=quota.pk)
        if not publicity_pending(publicity_of(quota)):
            raise ApplicationError("本年度优秀等次人选已经公示。", field="publicity")
        listed = list(AnnualAssessment.objects.select_for_update(of=("self",))
                      .filter(unit=unit, year=year, status=AnnualStatus.REVIEWED,
                              recommended_grade=AnnualGrade.EXCELLENT)
                      .select_related("person", "section").order_by("section__name", "pk"))
        if not listed:
            raise ApplicationError("还没有经考核委员会审核的优秀等次人选，不能公示。")
        publicity = publicity_services.publicity_create(
            actor=actor, subject=quota, kind=PublicityKind.ASSESSMENT,
            scope=PublicityScope.UNIT, title=f"{unit}{year}年度考核优秀等次人选公示",
            fields=[_entry(a) for a in listed], start_on=start_on or today(),
            contact_phone=contact_phone, organization=unit, publish=True)
        event_record(subject=quota, actor=actor, action="excellent_publicised",
                     extra={"publicity_id": publicity.pk, "listed": [a.pk for a in listed]})
    return publicity


def excellent_gate(annual: AnnualAssessment) -> str:
    """Why a 优秀 of ``annual`` may not be decided yet ("" when it may)."""
    quota = QuotaAllocation.objects.filter(unit_id=annual.unit_id, year=annual.year).first()
    publicity = publicity_of(quota) if quota is not None else None
    if publicity is None:
        return "优秀等次人选尚未公示，公示期满且无异议后才能确定等次。"
    if entry_key(annual.pk) not in {e.get("key") for e in publicity.published_fields}:
        return "该人员未列入本年度优秀等次公示，公示后才能确定为优秀。"
    gate = publicity_gate(quota)
    if not gate.ok:
        return gate.message
    if _upheld(publicity).filter(entry_key__in=["", entry_key(annual.pk)]).exists():
        return "公示期间异议经核实成立，不能确定为优秀等次。"
    return ""


def excellent_require_clear(annual: AnnualAssessment) -> None:
    message = excellent_gate(annual)
    if message:
        raise ApplicationError(message, field="publicity")


def quota_pii(quota: QuotaAllocation) -> list[str]:
    """The listed people's personal strings a published value must never contain."""
    out = []
    for annual in AnnualAssessment.objects.filter(
            unit_id=quota.unit_id, year=quota.year).select_related("person"):
        out += [v for v in (annual.person.phone, annual.person.id_number) if v]
    return out


def on_objection_upheld(objection, actor) -> None:
    """Registered with grassroots.publicity: an upheld objection naming a listed person sends
    his annual assessment back to the recommendation, barred from 优秀 (closing transaction)."""
    key = objection.entry_key
    if not key.startswith("x") or not key[1:].isdigit():
        return
    quota = QuotaAllocation.objects.filter(pk=objection.publicity.subject_id).first()
    if quota is None:
        return
    annual = (AnnualAssessment.objects.select_for_update(of=("self",))
              .filter(pk=int(key[1:]), unit_id=quota.unit_id, year=quota.year,
                      status=AnnualStatus.REVIEWED).first())
    if annual is None:
        return
    note = f"优秀等次公示异议经核实成立：{objection.finding}"[:1000]
    transition_apply(ANNUAL_TABLE, annual, action=AnnualAction.OBJECTION_UPHELD, who=Who.SYSTEM,
                     actor=actor, note=note,
                     fields={"excellent_barred": True, "recommended_grade": "",
                             "committee_note": note},
                     extra={"objection_id": objection.pk})

