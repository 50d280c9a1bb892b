"""What the disposal services share: the platform's today, text, the case lock, the town and
8th branch of a member, the hard rules of S2 §4.8 (boundaries) and the criteria."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.core import clock
from grassroots.core.errors import ApplicationError
from grassroots.core.text import clean_text
from grassroots.party.models import BaseType, OrgKind, PartyOrganisation, SpecialKind

from ..models import CaseCriterion, DisposalCase, DisposalCriterion, State

# The boundary rules of S2 §4.8 [S16][S5 art. 31], as the refusals say them.
DISCIPLINE_ELSEWHERE = gettext_lazy("违反党的纪律的，应当依照《中国共产党纪律处分条例》给予纪律处分，"
                         "不作为不合格党员处置。")
SAME_FACTS = gettext_lazy("%(name)s已因同一事实（%(code)s，%(start)s至%(end)s）受过处置或处分，"
               "不得就同一事实再次处置。")
ALREADY_PUNISHED = gettext_lazy("党员已因同一事实受过党纪处分的，不再作为不合格党员处置。")
NOT_GROUNDS = gettext_lazy("因困难、疾病、年老体弱或组织原因未履行义务的，不作为处置理由。")


def today() -> date:
    return timezone.localtime(clock.now()).date()


def text_of(value, limit: int = 300) -> str:
    return clean_text(value or "")[:limit]


def required(value, field: str, message: str, limit: int = 300) -> str:
    value = text_of(value, limit)
    if len(value) < 2:
        raise ApplicationError(message, field=field)
    return value


def lock(case: DisposalCase) -> DisposalCase:
    return (DisposalCase.objects.select_for_update(of=("self",))
            .select_related("member__person", "organisation", "town").get(pk=case.pk))


def town_of(org: PartyOrganisation) -> PartyOrganisation | None:
    """The town (or street) committee above ``org``, or its nearest base committee."""
    ids = org.ancestor_ids()
    rows = {o.pk: o for o in PartyOrganisation.objects.filter(
        pk__in=ids, kind=OrgKind.BASE_COMMITTEE)}
    towns = [rows[i] for i in reversed(ids) if i in rows and rows[i].base_type == BaseType.TOWN]
    if towns:
        return towns[0]
    bases = [rows[i] for i in reversed(ids) if i in rows]
    return bases[0] if bases else None


def eighth_branch_of(town: PartyOrganisation | None) -> PartyOrganisation | None:
    if town is None:
        return None
    return (PartyOrganisation.objects.filter(parent=town, special_kind=SpecialKind.EIGHTH_BRANCH,
                                             is_active=True).order_by("pk").first())


def criteria_by_code(codes) -> dict[str, DisposalCriterion]:
    """The active criteria of the given codes (the newest version of each)."""
    found = {}
    for c in DisposalCriterion.objects.filter(code__in=list(codes), is_active=True) \
            .order_by("code", "-version"):
        found.setdefault(c.code, c)
    missing = sorted(set(codes) - set(found))
    if missing:
        raise ApplicationError(_("未找到认定标准%(codes)s。") % {"codes": "、".join(missing)},
                               field="criteria")
    return found


def same_facts(member, code: str, start: date, end: date, exclude_case=None):
    """An earlier case of ``member`` on the same criterion whose facts overlap (a dropped
    case — no ground found — does not count)."""
    qs = (CaseCriterion.objects.filter(case__member=member, criterion__code=code,
                                       facts_from__lte=end, facts_to__gte=start)
          .exclude(case__state=State.DROPPED))
    if exclude_case is not None:
        qs = qs.exclude(case=exclude_case)
    return qs.select_related("case").first()


def check_boundaries(member, items, *, discipline_breach=False, punished=False,
                     hardship=False, exclude_case=None) -> None:
    """The hard rules of S2 §4.8 before any criterion is attached to a case."""
    if discipline_breach:
        raise ApplicationError(DISCIPLINE_ELSEWHERE, field="discipline_breach")
    if punished:
        raise ApplicationError(ALREADY_PUNISHED, field="punished")
    if hardship:
        raise ApplicationError(NOT_GROUNDS, field="hardship")
    for code, _evidence, start, end in items:
        earlier = same_facts(member, code, start, end, exclude_case)
        if earlier is not None:
            raise ApplicationError(SAME_FACTS % {
                "name": member.person.name, "code": code, "start": f"{earlier.facts_from:%Y-%m-%d}",
                "end": f"{earlier.facts_to:%Y-%m-%d}"}, field="criteria")


def clean_items(items, on: date) -> list[tuple[str, str, date, date]]:
    """``items``: (code, evidence, facts_from, facts_to) — each with its evidence."""
    clean = []
    for item in items or []:
        code, evidence, start, end = (list(item) + [None, None, None, None])[:4]
        evidence = text_of(evidence)
        if len(evidence) < 2:
            raise ApplicationError(_("每一项认定标准都须附事实和证据（%(code)s）。") % {"code": code},
                                   field="criteria")
        end = end or on
        start = start or end
        if not isinstance(start, date) or not isinstance(end, date) or start > end or end > on:
            raise ApplicationError(_("请填写正确的事实起止日期（%(code)s）。") % {"code": code},
                                   field="criteria")
        clean.append((str(code), evidence, start, end))
    if not clean:
        raise ApplicationError(_("请至少选择一项认定标准并附事实和证据。"), field="criteria")
    return clean


def attach(case: DisposalCase, items) -> None:
    found = criteria_by_code([code for code, *_rest in items])
    CaseCriterion.objects.bulk_create([
        CaseCriterion(case=case, criterion=found[code], evidence=evidence, facts_from=start,
                      facts_to=end) for code, evidence, start, end in items])


def open_case_of(member):
    return (DisposalCase.objects.filter(member=member)
            .exclude(state__in=(State.TRANSFORMED, State.PERSUADED, State.REMOVED,
                                State.DROPPED)).first())

