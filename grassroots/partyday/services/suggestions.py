"""Suggestions raised at a theme party day: recorded on site, routed within 2 working days (a
民意诉求 becomes exactly one S1 demand, a 合理化建议 is decided), answered, relayed, closed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.core import clock
from grassroots.core.errors import ApplicationError, FieldErrors
from grassroots.core.events import event_record
from grassroots.core.policy import require
from grassroots.core.text import clean_text
from grassroots.core.transitions import transition_apply
from grassroots.demands.models import Channel, DemandType
from grassroots.demands.services.intake import demand_create
from grassroots.people.validators import visible_length
from grassroots.workcal.services import add_working_days

from ..models import (
    DayStatus,
    Invitation,
    Suggestion,
    SuggestionDecision,
    SuggestionKind,
    SuggestionStatus,
    ThemePartyDay,
)
from ..rules import may_propose, route_working_days, rule_set_on
from ..transitions import DAY_TABLE, SUGGESTION_TABLE, DayAction, SuggestionAction


def feedback_due(month: date) -> date:
    """The last day of the month after ``month`` (the next theme party day's month)."""
    after_next = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (after_next.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def suggestion_record(*, actor, day: ThemePartyDay, content: str, kind: str,
                      raised_by: Invitation | None = None, raised_by_name: str = "",
                      recorded_at=None) -> Suggestion:
    """Each suggestion names who raised it: an attending invitee, or a member by name.
    ``recorded_at``: when the phone recorded it (an offline outbox submits later)."""
    require(actor, "partyday.record", day)
    content = clean_text(content)
    errors: dict[str, list[str]] = {}
    if visible_length(content) < 5:
        errors["content"] = [_("请把意见建议写清楚（至少5个字）。")]
    if kind not in SuggestionKind.values:
        errors["kind"] = [_("请选择类别（合理化建议或民意诉求）。")]
    if raised_by is not None:
        if raised_by.theme_day_id != day.pk or not raised_by.attended:
            errors["raised_by"] = [_("提出人须是本次主题党日已签到的列席人员。")]
        elif not may_propose(raised_by.kind):
            errors["raised_by"] = [_("该类列席人员不能提出建议。")]
        raised_by_name = raised_by.person.name
    raised_by_name = clean_text(raised_by_name)[:40]
    if visible_length(raised_by_name) < 2:
        errors.setdefault("raised_by", [_("请写明提出人。")])
    if errors:
        raise FieldErrors(field_errors=errors)
    now = min(recorded_at, clock.now()) if recorded_at is not None else clock.now()
    # the routing limit of the "partyday" rule set in force today (a county may tighten it)
    rule_set = rule_set_on(timezone.localdate(now))
    due = add_working_days(now, route_working_days(rule_set))
    with transaction.atomic():
        locked = ThemePartyDay.objects.select_for_update().get(pk=day.pk)
        if locked.status not in (DayStatus.HELD, DayStatus.SUGGESTIONS_RECORDED):
            raise ApplicationError(_("主题党日开展后才能登记意见建议。"))
        suggestion = Suggestion.objects.create(
            theme_day=locked, raised_by=raised_by, raised_by_name=raised_by_name,
            content=content[:5000], kind=kind, recorded_at=now, rule_set=rule_set,
            route_due_at=due.due_at, due_at=due.due_at, due_estimated=due.estimated,
            feedback_due_on=feedback_due(locked.month))
        event_record(subject=suggestion, actor=actor, action="suggestion_record",
                     to_state=SuggestionStatus.RECORDED, extra={"kind": kind})
        transition_apply(DAY_TABLE, locked, action=DayAction.RECORD_SUGGESTIONS, who="branch",
                         actor=actor, extra={"suggestion": suggestion.pk})
    return suggestion


def _lock(suggestion) -> Suggestion:
    return (Suggestion.objects.select_for_update(of=("self",))
            .select_related("theme_day__branch__division", "raised_by")
            .get(pk=suggestion.pk))


def suggestion_to_demand(*, actor, suggestion: Suggestion, title: str = "",
                         type: str = DemandType.HELP):
    """The 民意诉求 enters S1 through its intake (channel 会议收集, origin this theme party day).
    Idempotent: the suggestion row is locked and keeps its demand, so a retry (a double click,
    a lost answer) returns the same demand and never files a second one."""
    require(actor, "partyday.record", suggestion.theme_day)
    with transaction.atomic():
        locked = _lock(suggestion)
        if locked.demand_id:
            return locked.demand
        if locked.kind != SuggestionKind.DEMAND:
            raise ApplicationError(_("合理化建议由支部研究决定，不转为群众诉求。"))
        day = locked.theme_day
        division = day.branch.division
        if division is not None and not (division.is_village or division.is_town):
            division = None
        demand = demand_create(
            actor=actor, channel=Channel.MEETING, type=type,
            title=clean_text(title)[:100] or locked.content[:30],
            text=locked.content, division=division,
            citizen_name=locked.raised_by_name,
            extra={"relayed_by": locked.raised_by_name, "suggestion": locked.pk},
            # the branch's rule (partyday.record) was checked above: a village secretary
            # records his theme day's demands without an intake post of his own
            check_scope=False, origin=("partyday", day.pk))
        transition_apply(SUGGESTION_TABLE, locked, action=SuggestionAction.TO_DEMAND,
                         who="branch", actor=actor, fields={"demand": demand, "due_at": None},
                         extra={"demand": demand.number})
    return demand


def suggestion_decide(*, actor, suggestion: Suggestion, decision: str,
                      reason: str = "") -> Suggestion:
    require(actor, "partyday.record", suggestion.theme_day)
    reason = clean_text(reason)[:300]
    if decision not in SuggestionDecision.values:
        raise ApplicationError(_("请选择研究结果（采纳、部分采纳或不予采纳）。"), field="decision")
    if decision != SuggestionDecision.ADOPTED and visible_length(reason) < 4:
        raise ApplicationError(_("部分采纳或不予采纳的，请说明理由（至少4个字）。"), field="reason")
    with transaction.atomic():
        locked = _lock(suggestion)
        if locked.kind != SuggestionKind.RATIONAL:
            raise ApplicationError(_("民意诉求转为群众诉求办理，不作采纳决定。"))
        transition_apply(SUGGESTION_TABLE, locked, action=SuggestionAction.DECIDE, who="branch",
                         actor=actor, note=reason, fields={
                             "decision": decision, "decision_reason": reason,
                             "decided_on": clock.now().date(), "due_at": None,
                             "decided_by": actor if getattr(actor, "pk", None) else None})
    return locked


def suggestion_feedback(*, actor, suggestion: Suggestion, answer: str,
                        at_meeting: ThemePartyDay | None = None) -> Suggestion:
    """The answer, read out at the next theme party day (``at_meeting``) or given earlier."""
    require(actor, "partyday.record", suggestion.theme_day)
    answer = clean_text(answer)
    if visible_length(answer) < 4:
        raise ApplicationError(_("请填写反馈内容（至少4个字）。"), field="answer")
    if at_meeting is not None and at_meeting.branch_id != suggestion.theme_day.branch_id:
        raise ApplicationError(_("反馈的主题党日须是本支部的。"), field="at_meeting")
    with transaction.atomic():
        locked = _lock(suggestion)
        transition_apply(SUGGESTION_TABLE, locked, action=SuggestionAction.FEEDBACK,
                         who="branch", actor=actor, fields={
                             "answer": answer[:5000], "answered_at": clock.now(),
                             "feedback_at_meeting": at_meeting})
    return locked


def suggestion_relay(*, actor, suggestion: Suggestion, note: str = "") -> Suggestion:
    """The representative has relayed the answer to the households: the suggestion closes, and
    the theme day with it once every suggestion is closed."""
    require(actor, "partyday.record", suggestion.theme_day)
    with transaction.atomic():
        locked = _lock(suggestion)
        transition_apply(SUGGESTION_TABLE, locked, action=SuggestionAction.RELAY, who="branch",
                         actor=actor, note=clean_text(note)[:300],
                         fields={"relayed_at": clock.now()})
        themeday_close_if_done(locked.theme_day_id)
    return locked


def themeday_close_if_done(day_id: int) -> bool:
    day = ThemePartyDay.objects.select_for_update().get(pk=day_id)
    if day.status not in (DayStatus.HELD, DayStatus.SUGGESTIONS_RECORDED):
        return False
    if day.suggestions.exclude(status=SuggestionStatus.CLOSED).exists():
        return False
    transition_apply(DAY_TABLE, day, action=DayAction.CLOSE, who="system", actor=None)
    return True
