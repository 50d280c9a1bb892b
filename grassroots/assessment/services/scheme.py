"""A unit's sections, roster and yearly scheme (item lists and indicators, versions kept)."""

from datetime import date

from django.db import transaction
from django.db.models import Max

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require

from ..models import (
    AssessmentScheme,
    CivilServant,
    Indicator,
    IndicatorKind,
    Polarity,
    SchemeItem,
    SchemeKind,
    SchemeStatus,
    Section,
)
from ..models.scheme import ItemScope
from .common import decimal_of, text_of


def section_save(*, actor, unit, name: str, leader=None) -> Section:
    require(actor, "assessment.manage_unit", unit)
    name = text_of(name, field="name", label="科室名称", min_chars=2, max_chars=40)
    with transaction.atomic():
        section, _ = Section.objects.update_or_create(unit=unit, name=name,
                                                      defaults={"leader": leader})
        event_record(subject=section, actor=actor, action="section_saved",
                     extra={"leader": leader.pk if leader else None})
    return section


def civil_servant_enrol(*, actor, person, unit, section: Section | None = None,
                        post: str = "") -> CivilServant:
    """Put a person with a membership in the unit on its roster (moving him if enrolled
    elsewhere: the old entry is closed)."""
    require(actor, "assessment.manage_unit", unit)
    if section is not None and section.unit_id != unit.pk:
        raise ApplicationError("科室不属于该单位。", field="section")
    if not person.memberships.filter(organization=unit, is_active=True).exists():
        raise ApplicationError(f"{person.name}不在{unit}任职，不能列入本单位公务员名册。",
                               field="person")
    post = text_of(post, field="post", label="岗位", max_chars=40)
    with transaction.atomic():
        CivilServant.objects.filter(person=person, is_active=True).update(is_active=False)
        entry = CivilServant.objects.create(person=person, unit=unit, section=section, post=post)
        event_record(subject=entry, actor=actor, action="civil_servant_enrolled",
                     extra={"unit": unit.pk, "section": section.pk if section else None})
    return entry


def scheme_create(*, actor, unit, year: int, kind: str, title: str, effective_from: date,
                  items: list[dict] = (), indicators: list[dict] = ()) -> AssessmentScheme:
    """A new draft version of the unit's scheme for ``year`` with its items and indicators.
    ``items``: {polarity, text, points, cap?, evidence?, scope?, section?, post?, code?};
    ``indicators``: {kind, text, weight, scoring_rule, target_posts?}."""
    require(actor, "assessment.manage_unit", unit)
    if kind not in SchemeKind.values:
        raise ApplicationError("请选择考核方式。", field="kind")
    title = text_of(title, field="title", label="方案名称", min_chars=4, max_chars=100)
    if effective_from.year != year:
        raise ApplicationError("施行日期须在方案年度内。", field="effective_from")
    item_rows = [_item(row, unit) for row in items]
    indicator_rows = [_indicator(row) for row in indicators]
    if kind in (SchemeKind.ITEM_LIST, SchemeKind.MIXED) and not item_rows:
        raise ApplicationError("正负面清单至少须有一项。", field="items")
    if kind in (SchemeKind.INDICATORS, SchemeKind.MIXED) and not indicator_rows:
        raise ApplicationError("指标体系至少须有一项指标。", field="indicators")
    with transaction.atomic():
        last = AssessmentScheme.objects.select_for_update().filter(unit=unit, year=year)
        version = (last.aggregate(v=Max("version"))["v"] or 0) + 1
        scheme = AssessmentScheme.objects.create(unit=unit, year=year, version=version, kind=kind,
                                                 title=title, effective_from=effective_from)
        for row in item_rows:
            row.scheme = scheme
        for row in indicator_rows:
            row.scheme = scheme
        SchemeItem.objects.bulk_create(item_rows)
        Indicator.objects.bulk_create(indicator_rows)
        event_record(subject=scheme, actor=actor, action="scheme_created", to_state=scheme.status,
                     extra={"version": version, "items": len(item_rows),
                            "indicators": len(indicator_rows)})
    return scheme


def scheme_approve(*, actor, scheme: AssessmentScheme) -> AssessmentScheme:
    require(actor, "assessment.manage_unit", scheme.unit)
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.status != SchemeStatus.DRAFT:
            raise ApplicationError("只有草案可以批准。")
        AssessmentScheme.objects.filter(unit=scheme.unit_id, year=scheme.year,
                                        status=SchemeStatus.APPROVED).update(
            status=SchemeStatus.SUPERSEDED)
        scheme.status = SchemeStatus.APPROVED
        scheme.approved_by = actor
        scheme.approved_at = clock.now()
        scheme.save(update_fields=["status", "approved_by", "approved_at"])
        event_record(subject=scheme, actor=actor, action="scheme_approved",
                     from_state=SchemeStatus.DRAFT, to_state=scheme.status)
    return scheme


def scheme_in_force(unit, on: date) -> AssessmentScheme | None:
    return (AssessmentScheme.objects.filter(unit=unit, year=on.year, status=SchemeStatus.APPROVED,
                                            effective_from__lte=on)
            .order_by("-version").first())


def _item(row: dict, unit) -> SchemeItem:
    polarity = row.get("polarity")
    if polarity not in Polarity.values:
        raise ApplicationError("清单事项须注明正面或负面。", field="items")
    scope = row.get("scope") or ItemScope.ALL
    section = row.get("section")
    if scope == ItemScope.SECTION and (section is None or section.unit_id != unit.pk):
        raise ApplicationError("按科室适用的事项须指定本单位的科室。", field="items")
    points = decimal_of(row.get("points"), field="items", label="事项分值", low=0, high=100)
    cap = row.get("cap")
    cap = decimal_of(cap, field="items", label="季度上限", low=0, high=100) if cap not in (
        None, "") else None
    return SchemeItem(
        code=row.get("code", ""), polarity=polarity, scope=scope, section=section,
        post=text_of(row.get("post"), field="items", label="岗位", max_chars=40),
        text=text_of(row.get("text"), field="items", label="事项", min_chars=2, max_chars=200),
        points=points, cap=cap,
        evidence=text_of(row.get("evidence"), field="items", label="佐证材料", max_chars=200))


def _indicator(row: dict) -> Indicator:
    if row.get("kind") not in IndicatorKind.values:
        raise ApplicationError("指标须注明共性、个性或突发性。", field="indicators")
    return Indicator(
        kind=row["kind"],
        text=text_of(row.get("text"), field="indicators", label="指标", min_chars=2,
                     max_chars=200),
        weight=decimal_of(row.get("weight"), field="indicators", label="权重", low=0, high=100),
        scoring_rule=text_of(row.get("scoring_rule"), field="indicators", label="评分规则",
                             min_chars=2, max_chars=300),
        target_posts=text_of(row.get("target_posts"), field="indicators", label="适用岗位",
                             max_chars=100))
