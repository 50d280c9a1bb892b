"""Every allowed and every forbidden assignment transition, generated from the table."""

from datetime import timedelta

import pytest

from grassroots.core.errors import NotInScope, TransitionNotAllowed
from grassroots.core.models import Event
from grassroots.demands import services
from grassroots.demands.models import Assignment, AssignmentStatus
from grassroots.demands.transitions import (
    ASSIGNMENT_TRANSITIONS,
    Action,
    Who,
    find_assignment_transition,
)
from grassroots.orgs.models import Organization
from grassroots.testing.refusals import refused


def _signoff_on(a):
    """The unit's sign-off setting, so the reply / extension forms submit for sign-off."""
    Organization.objects.filter(pk=a.unit_id).update(signoff_replies=True, signoff_extensions=True)
    a.unit.refresh_from_db()


def _call(action, county, a):
    handler, dispatcher, leader = county.handler, county.dispatcher, county.leader
    if action in (Action.SUBMIT_REPLY, Action.SUBMIT_EXTENSION):
        _signoff_on(a)
        action = Action.REPLY if action == Action.SUBMIT_REPLY else Action.REQUEST_EXTENSION
    calls = {
        Action.ACKNOWLEDGE: lambda: services.assignment_acknowledge(actor=handler, assignment=a),
        Action.RETURN: lambda: services.assignment_return(
            actor=handler, assignment=a, reason="该事项属于住建部门职责"),
        Action.ESCALATE_RETURN: lambda: services.assignment_escalate_return(
            actor=handler, assignment=a, reason="管网产权属于开发商，应由住建部门协调"),
        Action.APPROVE_RETURN: lambda: services.assignment_decide_return(
            actor=dispatcher, assignment=a, approve=True, note="同意退回"),
        Action.REJECT_RETURN: lambda: services.assignment_decide_return(
            actor=dispatcher, assignment=a, approve=False, note="属于供水职责，请承办"),
        Action.NOTE: lambda: services.assignment_add_note(
            actor=handler, assignment=a, kind="verification", text="已到现场核实水压"),
        Action.REQUEST_EXTENSION: lambda: services.assignment_request_extension(
            actor=handler, assignment=a, reason="需要更换主管道，工期较长",
            until=a.reply_due_at + timedelta(days=5)),
        Action.APPROVE_EXTENSION: lambda: services.assignment_decide_extension(
            actor=dispatcher, assignment=a, approve=True),
        Action.REFUSE_EXTENSION: lambda: services.assignment_decide_extension(
            actor=dispatcher, assignment=a, approve=False, note="请按时办结"),
        Action.REPLY: lambda: services.assignment_reply(
            actor=handler, assignment=a, outcome="resolved", text="已更换加压泵，水压恢复正常。",
            unconsolidated_reason="协办单位已电话告知无需其处置。"),
        Action.SIGNOFF_APPROVE: lambda: services.assignment_sign_off(
            actor=leader, assignment=a, approve=True),
        Action.SIGNOFF_RETURN: lambda: services.assignment_sign_off(
            actor=leader, assignment=a, approve=False, note="请写明更换的时间和位置"),
    }
    return calls[action]()


ACTIONS = [Action.ACKNOWLEDGE, Action.RETURN, Action.ESCALATE_RETURN, Action.APPROVE_RETURN,
           Action.REJECT_RETURN, Action.NOTE, Action.REQUEST_EXTENSION, Action.APPROVE_EXTENSION,
           Action.REFUSE_EXTENSION, Action.REPLY, Action.SUBMIT_REPLY, Action.SUBMIT_EXTENSION,
           Action.SIGNOFF_APPROVE, Action.SIGNOFF_RETURN]
WHO = {a: (Who.DISPATCHER if a in (Action.APPROVE_RETURN, Action.REJECT_RETURN,
                                    Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION)
           else Who.LEADER if a in (Action.SIGNOFF_APPROVE, Action.SIGNOFF_RETURN)
           else Who.UNIT) for a in ACTIONS}


def _put_in_state(a: Assignment, state: str, action: str):
    fields = {"status": state, "ruling_forced": action == Action.ESCALATE_RETURN}
    if state == AssignmentStatus.EXTENSION_REQUESTED:
        fields.update(paused_since=a.dispatched_at,
                      extension_requested_until=a.reply_due_at + timedelta(days=3))
    if state == AssignmentStatus.RETURN_REQUESTED:
        fields.update(paused_since=a.dispatched_at)
    if state == AssignmentStatus.EXTENSION_SIGNOFF:
        fields.update(extension_reason="需要更换主管道，工期较长",
                      extension_requested_until=a.reply_due_at + timedelta(days=3))
    if state == AssignmentStatus.REPLY_SIGNOFF:
        fields.update(outcome="resolved", reply_text="已更换加压泵，水压恢复正常。")
    Assignment.objects.filter(pk=a.pk).update(**fields)
    a.refresh_from_db()


ALLOWED = [(t.state, t.action) for t in ASSIGNMENT_TRANSITIONS if t.action in ACTIONS]
FORBIDDEN = [(s, a) for s in AssignmentStatus.values for a in ACTIONS
             if find_assignment_transition(s, a, WHO[a]) is None]


@pytest.mark.parametrize(("state", "action"), ALLOWED)
def test_allowed_transition(county, dispatched, state, action):
    _demand, lead, _assist = dispatched
    _put_in_state(lead, state, action)
    before = Event.objects.count()
    _call(action, county, lead)
    lead.refresh_from_db()
    assert lead.status == find_assignment_transition(state, action, WHO[action]).to
    assert Event.objects.filter(action=action).exists()
    assert Event.objects.count() > before


@pytest.mark.parametrize(("state", "action"), FORBIDDEN)
def test_forbidden_transition(county, dispatched, state, action):
    _demand, lead, _assist = dispatched
    _put_in_state(lead, state, action)
    message = (f"工单当前状态为“{AssignmentStatus(state).label}”，不能执行“{Action(action).label}”。"
               "如页面未刷新，请刷新后重试。")
    with refused(TransitionNotAllowed, message, unchanged=[lead, Assignment]):
        _call(action, county, lead)
    lead.refresh_from_db()
    assert lead.status == state  # nothing half-written


def test_table_covers_every_service_action():
    assert {t.action for t in ASSIGNMENT_TRANSITIONS} >= set(ACTIONS)


def test_outsider_unit_cannot_act(county, dispatched):
    _demand, lead, _assist = dispatched
    for actor in (county.outsider, county.viewer):
        with refused(NotInScope, "只有承办单位的办理人员可以执行此操作。", unchanged=[lead]):
            services.assignment_acknowledge(actor=actor, assignment=lead)
    lead.refresh_from_db()
    assert lead.status == AssignmentStatus.DISPATCHED


def test_handler_cannot_rule_on_returns(county, dispatched):
    _demand, lead, _assist = dispatched
    services.assignment_return(actor=county.handler, assignment=lead, reason="不属于本单位职责范围")
    with refused(NotInScope, "只有派单中心可以执行此操作。", unchanged=[lead, Assignment]):
        services.assignment_decide_return(actor=county.handler, assignment=lead, approve=True)
