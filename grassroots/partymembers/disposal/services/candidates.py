"""Candidates (处置线索): raised by the nightly job when a counter reaches 6 months with no
recorded valid reason (C15–C17), or flagged by an officer with evidence. Never a disposal: a
candidate waits for the branch committee's initial finding (S2 §4.7)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from grassroots.core.errors import ApplicationError
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.party.models import ENTRY_STATUSES, PartyMember
from grassroots.rulesets.checks import add_natural_months

from ..models import COUNTER_CRITERIA, Counter, DisposalCase, Source, State, ValidReason
from .common import (
    attach,
    check_boundaries,
    clean_items,
    open_case_of,
    required,
    same_facts,
    text_of,
    today,
    town_of,
)

# Months a counter must reach (S2 §4.7; 党章 art. 9).
COUNTER_MONTHS = 6
_ANNOTATION = {Counter.ORG_LIFE: "months_without_org_life", Counter.DUES: "months_dues_unpaid",
               Counter.WORK: "months_work_not_done"}
_EVIDENCE = {Counter.ORG_LIFE: _("系统记录：已连续%(n)s个月未参加党的组织生活"),
             Counter.DUES: _("系统记录：已连续%(n)s个月未交纳党费"),
             Counter.WORK: _("系统记录：党组织分配的工作已逾期%(n)s个月未完成")}


def valid_reason_record(*, actor, member: PartyMember, reason: str, valid_from: date,
                        valid_to: date | None = None, counter: str = Counter.ALL) -> ValidReason:
    """A valid reason for a period (illness, approved work away, ...): no candidate is raised
    from a counter whose months fall in it."""
    require(actor, "partymembers.dsp_flag", member)
    reason = required(reason, "reason", _("请填写正当理由。"), 200)
    if counter not in Counter.values:
        raise ApplicationError(_("请选择适用的计数。"), field="counter")
    if not isinstance(valid_from, date) or (valid_to is not None and valid_to < valid_from):
        raise ApplicationError(_("请填写正确的起止日期。"), field="valid_from")
    with transaction.atomic():
        row = ValidReason.objects.create(member=member, counter=counter, reason=reason,
                                         valid_from=valid_from, valid_to=valid_to,
                                         recorded_by=actor if getattr(actor, "pk", None) else None)
        event_record(subject=member, actor=actor, action="dsp_valid_reason", note=reason,
                     extra={"counter": counter, "from": valid_from.isoformat(),
                            "to": valid_to.isoformat() if valid_to else None})
    return row


def _has_reason(member_id: int, counter: str, start: date, end: date) -> bool:
    return ValidReason.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start), member_id=member_id,
        counter__in=(counter, Counter.ALL), valid_from__lte=end).exists()


def _new_case(actor, member, source, items, on, note="") -> DisposalCase:
    case = DisposalCase.objects.create(
        member=member, organisation=member.organisation, town=town_of(member.organisation),
        source=source, raised_on=on, created_by=actor if getattr(actor, "pk", None) else None)
    attach(case, items)
    return case


def candidates_raise(*, on: date | None = None, members=None) -> list[DisposalCase]:
    """The nightly job: every member on the roll whose counter reached 6 months, with no valid
    reason for those months and no case on the same facts, becomes a candidate (one case per
    member, listing each counter reached). Returns the cases raised."""
    from ...records.selectors import with_counters
    from ..setup import disposal_candidate_notify

    on = on or today()
    qs = members if members is not None else PartyMember.objects.all()
    qs = with_counters(qs.filter(is_active=True, status__in=ENTRY_STATUSES), on)
    qs = qs.filter(Q(months_without_org_life__gte=COUNTER_MONTHS)
                   | Q(months_dues_unpaid__gte=COUNTER_MONTHS)
                   | Q(months_work_not_done__gte=COUNTER_MONTHS))
    raised = []
    for member in qs.select_related("person", "organisation"):
        items = []
        for counter, attr in _ANNOTATION.items():
            months = getattr(member, attr)
            if months < COUNTER_MONTHS:
                continue
            start = add_natural_months(on.replace(day=1), -months)
            code = COUNTER_CRITERIA[counter]
            if _has_reason(member.pk, counter, start, on) or same_facts(member, code, start, on):
                continue
            items.append((code, str(_EVIDENCE[counter] % {"n": months}), start, on))
        if not items or open_case_of(member) is not None:
            continue
        with transaction.atomic():
            case = _new_case(None, member, Source.COUNTERS, items, on)
            event_record(subject=case, actor=None, action="dsp_raise", to_state=State.CANDIDATE,
                         extra={"criteria": [code for code, *_r in items]})
            disposal_candidate_notify(case)
        raised.append(case)
    return raised


def candidate_flag(*, actor, member: PartyMember, source: str, criteria, note: str = "",
                   discipline_breach: bool = False, punished: bool = False,
                   hardship: bool = False, on: date | None = None) -> DisposalCase:
    """An officer flags a member with evidence (民主评议, points, complaint, inspection, S1).
    ``criteria``: (code, evidence, facts_from, facts_to) each."""
    require(actor, "partymembers.dsp_flag", member)
    on = on or today()
    if on > today():
        raise ApplicationError(_("日期不能晚于今天。"), field="on")
    if source not in Source.values or source == Source.COUNTERS:
        raise ApplicationError(_("请选择线索来源。"), field="source")
    if not member.is_active or member.status not in ENTRY_STATUSES:
        raise ApplicationError(_("%(name)s不在册，不能登记处置线索。") % {"name": member.person.name})
    items = clean_items(criteria, on)
    with transaction.atomic():
        member = PartyMember.objects.select_for_update().select_related(
            "person", "organisation").get(pk=member.pk)
        check_boundaries(member, items, discipline_breach=discipline_breach, punished=punished,
                         hardship=hardship)
        if open_case_of(member) is not None:
            raise ApplicationError(_("%(name)s已有正在办理的处置，请在该处置中补充依据。")
                                   % {"name": member.person.name})
        case = _new_case(actor, member, source, items, on)
        event_record(subject=case, actor=actor, action="dsp_flag", to_state=State.CANDIDATE,
                     note=text_of(note), extra={"criteria": [c for c, *_r in items]})
    return case


def candidates_job() -> int:
    """The periodic job's entry point (core.periodic)."""
    return len(candidates_raise())
