"""The explicit transition tables of a demand and of an assignment.

One row per allowed transition: (state, action, who) → new state. Services look rows up here,
pages show only the actions the table allows, and tests are generated from it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from grassroots.core.policy import allows
from grassroots.core.scope import get_scope
from grassroots.core.transitions import Transition, TransitionTable

from .models import Assignment, Demand
from .models import AssignmentStatus as A
from .models import DemandStatus as D


class Who(models.TextChoices):
    UNIT = "unit", _("承办单位")
    DISPATCHER = "dispatcher", _("派单中心")
    FOLLOWER = "follower", _("回访人（诉求人或工作人员）")
    LEADER = "leader", _("单位负责人")
    SYSTEM = "system", _("系统")


class Action(models.TextChoices):
    # Assignment actions
    ACKNOWLEDGE = "acknowledge", _("签收")
    RETURN = "return", _("退单")
    ESCALATE_RETURN = "escalate_return", _("申请升级协调")
    APPROVE_RETURN = "approve_return", _("同意退单")
    REJECT_RETURN = "reject_return", _("裁定承办")
    NOTE = "note", _("办理记录")
    REQUEST_EXTENSION = "request_extension", _("申请延期")
    APPROVE_EXTENSION = "approve_extension", _("同意延期")
    REFUSE_EXTENSION = "refuse_extension", _("不同意延期")
    REPLY = "reply", _("答复")
    REOPEN = "reopen", _("重新办理")
    CLOSE = "close", _("办结")
    RECALL = "recall", _("撤回工单")
    # Leader sign-off (the unit's setting): the handler's reply / extension request waits for
    # the unit leader, who approves it (it proceeds as without sign-off) or returns it.
    SUBMIT_REPLY = "submit_reply", _("提交答复待审核")
    SUBMIT_EXTENSION = "submit_extension", _("提交延期申请待审核")
    SIGNOFF_APPROVE = "signoff_approve", _("负责人审核通过")
    SIGNOFF_RETURN = "signoff_return", _("负责人退回修改")
    # Demand actions
    DISPATCH = "dispatch", _("派单")
    MERGE = "merge", _("并单")
    FOLLOW_UP = "follow_up", _("回访")
    CLOSE_NO_RESPONSE = "close_no_response", _("回访无应答办结")
    SOLVE_ON_SPOT = "solve_on_spot", _("现场解决")


ASSIGNMENT_TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.DISPATCHED, Action.ACKNOWLEDGE, Who.UNIT, A.ACKNOWLEDGED),
    Transition(A.DISPATCHED, Action.RETURN, Who.UNIT, A.RETURN_REQUESTED),
    Transition(A.ACKNOWLEDGED, Action.RETURN, Who.UNIT, A.RETURN_REQUESTED),
    Transition(A.ACKNOWLEDGED, Action.ESCALATE_RETURN, Who.UNIT, A.RETURN_REQUESTED),
    Transition(A.HANDLING, Action.ESCALATE_RETURN, Who.UNIT, A.RETURN_REQUESTED),
    Transition(A.RETURN_REQUESTED, Action.APPROVE_RETURN, Who.DISPATCHER, A.RETURNED),
    Transition(A.RETURN_REQUESTED, Action.REJECT_RETURN, Who.DISPATCHER, A.ACKNOWLEDGED),
    Transition(A.ACKNOWLEDGED, Action.NOTE, Who.UNIT, A.HANDLING),
    Transition(A.HANDLING, Action.NOTE, Who.UNIT, A.HANDLING),
    Transition(A.EXTENSION_REQUESTED, Action.NOTE, Who.UNIT, A.EXTENSION_REQUESTED),
    Transition(A.ACKNOWLEDGED, Action.REQUEST_EXTENSION, Who.UNIT, A.EXTENSION_REQUESTED),
    Transition(A.HANDLING, Action.REQUEST_EXTENSION, Who.UNIT, A.EXTENSION_REQUESTED),
    Transition(A.EXTENSION_REQUESTED, Action.APPROVE_EXTENSION, Who.DISPATCHER, A.HANDLING),
    Transition(A.EXTENSION_REQUESTED, Action.REFUSE_EXTENSION, Who.DISPATCHER, A.HANDLING),
    Transition(A.ACKNOWLEDGED, Action.REPLY, Who.UNIT, A.REPLIED),
    Transition(A.HANDLING, Action.REPLY, Who.UNIT, A.REPLIED),
    # Leader sign-off: the service picks SUBMIT_* in place of REPLY / REQUEST_EXTENSION when
    # the unit's setting is on.
    Transition(A.ACKNOWLEDGED, Action.SUBMIT_REPLY, Who.UNIT, A.REPLY_SIGNOFF),
    Transition(A.HANDLING, Action.SUBMIT_REPLY, Who.UNIT, A.REPLY_SIGNOFF),
    Transition(A.REPLY_SIGNOFF, Action.SIGNOFF_APPROVE, Who.LEADER, A.REPLIED),
    Transition(A.REPLY_SIGNOFF, Action.SIGNOFF_RETURN, Who.LEADER, A.HANDLING),
    Transition(A.ACKNOWLEDGED, Action.SUBMIT_EXTENSION, Who.UNIT, A.EXTENSION_SIGNOFF),
    Transition(A.HANDLING, Action.SUBMIT_EXTENSION, Who.UNIT, A.EXTENSION_SIGNOFF),
    Transition(A.EXTENSION_SIGNOFF, Action.SIGNOFF_APPROVE, Who.LEADER, A.EXTENSION_REQUESTED),
    Transition(A.EXTENSION_SIGNOFF, Action.SIGNOFF_RETURN, Who.LEADER, A.HANDLING),
    Transition(A.REPLIED, Action.REOPEN, Who.SYSTEM, A.HANDLING),
    Transition(A.REPLIED, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    # When the demand closes, assisting units still open are closed with it.
    Transition(A.DISPATCHED, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    Transition(A.ACKNOWLEDGED, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    Transition(A.HANDLING, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    Transition(A.EXTENSION_REQUESTED, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    Transition(A.REPLY_SIGNOFF, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    Transition(A.EXTENSION_SIGNOFF, Action.CLOSE, Who.SYSTEM, A.CLOSED),
    # The dispatcher withdraws work not yet acknowledged (wrong unit, merged demand).
    Transition(A.DISPATCHED, Action.RECALL, Who.DISPATCHER, A.RETURNED),
    Transition(A.RETURN_REQUESTED, Action.RECALL, Who.DISPATCHER, A.RETURNED),
)

DEMAND_TRANSITIONS: tuple[Transition, ...] = (
    Transition(D.RECEIVED, Action.DISPATCH, Who.DISPATCHER, D.DISPATCHED),
    Transition(D.RECEIVED, Action.SOLVE_ON_SPOT, Who.UNIT, D.CLOSED),
    Transition(D.RECEIVED, Action.MERGE, Who.DISPATCHER, D.MERGED),
    Transition(D.DISPATCHED, Action.MERGE, Who.DISPATCHER, D.MERGED),
    Transition(D.REPLIED, Action.FOLLOW_UP, Who.FOLLOWER, D.CLOSED),
    # An unsatisfied rating reopens the lead assignment (up to the configured number of rounds).
    Transition(D.REPLIED, Action.REOPEN, Who.FOLLOWER, D.HANDLING),
    Transition(D.REPLIED, Action.CLOSE_NO_RESPONSE, Who.SYSTEM, D.CLOSED),
)


def assignment_who(user, assignment) -> list[str]:
    """The parts ``user`` plays towards an assignment (the services' ``check_actor`` rule)."""
    scope = get_scope(user)
    who = []
    if allows(scope, "demands.handle", assignment):
        who.append(Who.UNIT)
    if allows(scope, "demands.dispatch"):
        who.append(Who.DISPATCHER)
    if allows(scope, "demands.sign_off", assignment):
        who.append(Who.LEADER)
    return who


def demand_who(user, demand) -> list[str]:
    """The parts ``user`` plays towards a demand on its page (the services' ``check_actor``
    rule). Solving on the spot is offered when the demand is recorded, not on its page."""
    scope = get_scope(user)
    who = []
    if allows(scope, "demands.dispatch"):
        who.append(Who.DISPATCHER)
    if allows(scope, "demands.follow_up", demand):
        who.append(Who.FOLLOWER)
    return who


ASSIGNMENT_TABLE = TransitionTable(
    ASSIGNMENT_TRANSITIONS, name="demands.assignment", model=Assignment, states=A,
    actions=Action, who_of=assignment_who,
    # Chosen by the reply / extension forms when the unit's sign-off setting is on.
    hidden=(Action.SUBMIT_REPLY, Action.SUBMIT_EXTENSION),
    refusal=_("工单当前状态为“%(state)s”，不能执行“%(action)s”。如页面未刷新，请刷新后重试。"))
DEMAND_TABLE = TransitionTable(
    DEMAND_TRANSITIONS, name="demands.demand", model=Demand, states=D, actions=Action,
    who_of=demand_who,
    refusal=_("诉求当前状态为“%(state)s”，不能执行“%(action)s”。如页面未刷新，请刷新后重试。"))
find_assignment_transition = ASSIGNMENT_TABLE.find


def derive_demand_status(demand, assignments) -> str:
    """The demand's state follows from its own closure/merge and its lead assignment.

    This is the only place that decides it; services call it after every change.
    """
    if demand.merged_into_id:
        return D.MERGED
    if demand.closed_at is not None:
        return D.CLOSED
    lead = [a for a in assignments if a.role == "lead" and a.status != A.RETURNED]
    if not lead:
        return D.RECEIVED
    status = lead[0].status
    if status == A.DISPATCHED:
        return D.DISPATCHED
    if status == A.RETURN_REQUESTED:
        # Disputed dispatch stays with the dispatcher, but the demand is not "unassigned".
        return D.DISPATCHED
    if status in (A.REPLIED, A.CLOSED):
        return D.REPLIED
    return D.HANDLING
